"""Packaging: one list of dependencies, lower bounds only, the same for pip and conda."""

import re

import pytest

from helpers import REPO

tomllib = pytest.importorskip("tomllib")


def pyproject_requirements():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extras = [req for group in project.get("optional-dependencies", {}).values() for req in group]
    return project["dependencies"] + extras


def conda_requirements():
    """The plain package lines of environment.yml's dependencies (not python, pip or pip: blocks)."""
    lines = (REPO / "environment.yml").read_text().splitlines()
    start = lines.index("dependencies:")
    found = []
    for line in lines[start + 1:]:
        match = re.fullmatch(r"  - ([A-Za-z0-9_.\-]+)(.*)", line)
        if match and match.group(1) not in {"python", "pip"}:
            found.append(match.group(1) + match.group(2).strip())
    return found


def _split(requirement):
    name, bound = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(.*)", requirement).groups()
    return name.lower(), bound.replace(" ", "")


def test_environment_yml_matches_pyproject():
    assert sorted(map(_split, conda_requirements())) == sorted(map(_split, pyproject_requirements()))


def test_requirements_are_lower_bounds_not_pins():
    for requirement in pyproject_requirements() + conda_requirements():
        name, bound = _split(requirement)
        assert bound.startswith(">="), f"{name}: use a lower bound (>=), not {bound or 'no bound'}"
        assert "==" not in bound and "<" not in bound.replace(">=", ""), requirement


def test_no_h5_file_and_no_outputs_committed():
    import json
    import subprocess

    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True).stdout.split()
    if not files:
        pytest.skip("not a git checkout")
    assert not [f for f in files if f.endswith(".h5")]
    for name in (f for f in files if f.endswith(".ipynb")):
        notebook = json.loads((REPO / name).read_text())
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and cell.get("execution_count") is None, name
