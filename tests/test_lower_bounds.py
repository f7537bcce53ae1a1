"""The lower bounds of pyproject.toml, tested: the oldest versions the project claims, together.

Every ``name>=X`` of the dependencies and of the test extra becomes ``name==X`` (transitive
dependencies stay free), installed with the repository (editable) into ``.venv-oldest/env``,
on the oldest Python that requires-python allows when this machine has it, else on this one.
Then the fast tests run there, and one notebook runs end to end in a kernel of that environment.
The installation and the fast tests start in a thread of their own as soon as the session's
tests are collected (``start_in_background``, called by conftest), so their two minutes overlap
the other tests instead of adding to them.

The environment is reused while a stamp holding the hash of the pins and the interpreter
matches. It is installed with uv (itself installed by pip into ``.venv-oldest/uv``): pip
downloads each candidate wheel to read its dependencies, and with jupyterlab held at its oldest
version it backtracks through some thirty releases of notebook (300 MB): 2 to 2.7 minutes on a
cold cache, against about 25 s for uv (its own install included), which reads only the metadata.
"""

import atexit
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from packaging.version import Version

from dlhelpers.grading.reference import ENV_CACHE
from helpers import NOTEBOOKS, REPO, data_env

tomllib = pytest.importorskip("tomllib")

pytestmark = pytest.mark.slow

CACHE = REPO / ".venv-oldest"  # git-ignored
ENV = CACHE / "env"
UV_DIR = CACHE / "uv"
STAMP = ENV / ".lower-bounds-installed"
BIN = ENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
NOTEBOOK = NOTEBOOKS / "numpy_basics" / "numpy_basics.ipynb"  # the cheapest (12 s); it uses threadpoolctl


def _project():
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def lower_bound_pins():
    """``name==X`` for every ``name>=X`` of the dependencies and the test extra."""
    project = _project()
    pins = []
    for requirement in project["dependencies"] + project.get("optional-dependencies", {}).get("test", []):
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][A-Za-z0-9.]*)", requirement.strip())
        assert match, f"{requirement!r}: the lower-bound test expects 'name>=version'"
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def _pinned(pins, name):
    return next(Version(p.split("==")[1]) for p in pins if p.split("==")[0] == name)


def _version_of(python):
    try:
        out = subprocess.run([python, "-c", "import sys; print(sys.executable); print(*sys.version_info[:3])"],
                             capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    if out.returncode != 0:
        return None
    executable, version = out.stdout.splitlines()
    return executable, tuple(int(v) for v in version.split())


def oldest_python():
    """(executable, version, why): the oldest Python requires-python allows if it is here, else this one."""
    requires = _project()["requires-python"].strip()
    wanted = tuple(int(v) for v in re.fullmatch(r">=\s*(\d+)\.(\d+)", requires).groups())
    name = "python{}.{}".format(*wanted)
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [shutil.which(name)] + sorted(
        glob.glob(str(pyenv / "{}.{}.*".format(*wanted) / "bin" / name)),
        key=lambda p: [int(n) for n in re.findall(r"\d+", Path(p).parents[1].name)], reverse=True)
    for candidate in filter(None, candidates):
        found = _version_of(candidate)
        if found and found[1][:2] == wanted:
            return found[0], found[1], f"the oldest that requires-python allows ({name})"
    return sys.executable, tuple(sys.version_info[:3]), f"the running one: {name} is not on this machine"


def _tail(text, lines=60):
    return "\n".join(text.splitlines()[-lines:])


def _run(what, command, timeout, **kwargs):
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"{what} failed (exit {result.returncode}):\n"
                    f"{_tail(result.stdout + result.stderr)}", pytrace=False)
    return result


def _uv():
    """uv, installed by this interpreter's pip into .venv-oldest/uv (once)."""
    uv = UV_DIR / "bin" / "uv"
    if not uv.exists():
        shutil.rmtree(UV_DIR, ignore_errors=True)
        _run("installing uv", [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               "--target", UV_DIR, "uv"], timeout=600)
    return uv


def _env(**extra):
    """os.environ (with DLHELPERS_DATA or the stand-in, from conftest) and the old environment first on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    env.update(VIRTUAL_ENV=str(ENV), PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", **extra)
    return env


def say(config, line):
    """Show a line in pytest's output, even while the output is captured."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(f"lower bounds: {line}")
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"lower bounds: {line}")


def _install_oldest():
    """Install the environment with the oldest versions unless its stamp matches; (pins, lines to show)."""
    pins = lower_bound_pins()
    python, version, why = oldest_python()
    lines = [f"Python {'.'.join(map(str, version))} ({python}), {why}"]
    wanted = hashlib.sha256(json.dumps([pins, python, version, str(REPO)]).encode()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted and PYTHON.exists():
        lines.append(f"reusing {ENV} (its stamp matches the pins)")
    else:
        start = time.perf_counter()
        shutil.rmtree(ENV, ignore_errors=True)
        uv = _uv()
        _run("creating the environment", [uv, "venv", "--quiet", "--python", python, ENV], timeout=120)
        # Editable: the fast tests and the kernel both import the code of this checkout.
        _run("installing the oldest versions",
             [uv, "pip", "install", "--quiet", "--python", PYTHON, *pins, "--editable", f"{REPO}[test]"],
             timeout=900)
        STAMP.write_text(wanted)
        lines.append(f"installed {' '.join(pins)} into {ENV} in {time.perf_counter() - start:.0f} s")
    return pins, lines


def _fast_tests():
    """Run the fast tests with the oldest versions: (exit code, output, seconds)."""
    start = time.perf_counter()
    env = _env(**{k: v for k, v in data_env().items() if k.startswith("DLHELPERS_")})
    env.pop(ENV_CACHE, None)  # reference records of its own, built with the oldest numpy
    # -m "not slow" also leaves out this file.
    process = subprocess.Popen([PYTHON, "-m", "pytest", "-m", "not slow", "-q", "-p", "no:cacheprovider"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    atexit.register(lambda: process.poll() is None and process.kill())  # a session stopped early
    output, _ = process.communicate(timeout=900)
    return process.returncode, output, time.perf_counter() - start


_background = {}  # "environment" and "fast": Futures of _install_oldest and _fast_tests


def start_in_background(config):
    """Install the oldest environment, then run the fast tests in it, beside the rest of the session.

    conftest calls this when the session's tests are collected. Together these keep at most one core
    busy (or wait on downloads) for about two minutes; started at once, they overlap the other tests
    instead of adding to them. The tests below wait for the results.
    """
    if _background:
        return
    environment, fast = Future(), Future()
    _background.update(environment=environment, fast=fast)

    def work():
        try:
            environment.set_result(_install_oldest())
        except BaseException as error:  # pytest.fail's Failed too: the tests re-raise it
            environment.set_exception(error)
            fast.set_exception(error)
            return
        try:
            fast.set_result(_fast_tests())
        except BaseException as error:
            fast.set_exception(error)

    threading.Thread(target=work, name="lower bounds", daemon=True).start()


@pytest.fixture(scope="module")
def oldest(pytestconfig):
    """The environment with the oldest versions: (re)installed unless its stamp matches."""
    start_in_background(pytestconfig)  # already started, unless this module runs without conftest's hook
    pins, lines = _background["environment"].result(timeout=1800)
    for line in lines:
        say(pytestconfig, line)
    return pins


PROBE = r"""
import json, sys, tempfile
from importlib.metadata import version
from pathlib import Path

repo = Path(sys.argv[1])
found = {"python": sys.version.split()[0], "versions": {}}
for pin in sys.argv[2:]:
    name = pin.split("==")[0]
    found["versions"][name] = version(name)

import dlhelpers
found["dlhelpers"] = dlhelpers.__file__

# threadpoolctl, as the notebooks and benchmarks use it: it must find numpy's BLAS and limit it.
import numpy
from threadpoolctl import threadpool_info, threadpool_limits
with threadpool_limits(limits=1, user_api="blas"):
    found["blas_threads"] = [m["num_threads"] for m in threadpool_info() if m["user_api"] == "blas"]

# nbgrader: the course's config imports every nbgrader name the grading uses.
from dlhelpers.grading.pipeline import Course, copy_course
with tempfile.TemporaryDirectory() as tmp:
    Course(copy_course(repo, Path(tmp) / "course", only=["numpy_basics"]))
print(json.dumps(found))
"""


def test_the_oldest_versions_are_installed_and_work_together(oldest, pytestconfig):
    start = time.perf_counter()
    result = _run("the probe of the oldest versions", [PYTHON, "-c", PROBE, REPO, *oldest], timeout=300,
                  cwd=REPO, env=_env())
    found = json.loads(result.stdout.splitlines()[-1])
    say(pytestconfig, f"Python {found['python']}: " + ", ".join(f"{k} {v}" for k, v in found["versions"].items())
        + f" (probe: {time.perf_counter() - start:.0f} s)")
    assert {name: Version(v) for name, v in found["versions"].items()} == {
        name: _pinned(oldest, name) for name in found["versions"]}
    assert Path(found["dlhelpers"]).is_relative_to(REPO), found["dlhelpers"]
    assert found["blas_threads"] and set(found["blas_threads"]) == {1}, (
        f"threadpoolctl did not limit numpy's BLAS: {found['blas_threads']}")


RUN_NOTEBOOK = r"""
import json, sys
from pathlib import Path
import nbformat

sys.path.insert(0, sys.argv[1])
from helpers import run_notebook

path = Path(sys.argv[2])
notebook = nbformat.read(path, as_version=4)
notebook.cells.append(nbformat.v4.new_code_cell(
    "import json, sys, numpy\nprint(json.dumps({'prefix': sys.prefix, 'numpy': numpy.__version__}))"))
run_notebook(notebook, path.parent, timeout=600)
cells = []
for cell in notebook.cells:
    if cell.cell_type == "code":
        outputs = cell.get("outputs", [])
        cells.append({
            "grade_id": cell.metadata.get("nbgrader", {}).get("grade_id"),
            "test": bool(cell.metadata.get("nbgrader", {}).get("grade")),
            "stdout": "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout"),
            "errors": [f"{o['ename']}: {o['evalue']}" for o in outputs if o.get("output_type") == "error"],
        })
print(json.dumps(cells))
"""


def test_a_notebook_runs_end_to_end_in_a_kernel_of_the_oldest_versions(oldest, pytestconfig):
    start = time.perf_counter()
    result = _run(f"executing {NOTEBOOK.name}", [PYTHON, "-c", RUN_NOTEBOOK, REPO / "tests", NOTEBOOK],
                  timeout=900, cwd=REPO, env=_env())
    cells = json.loads(result.stdout.splitlines()[-1])
    kernel = json.loads(cells[-1]["stdout"])
    say(pytestconfig, f"{NOTEBOOK.name}: {len(cells) - 1} code cells in a kernel of {kernel['prefix']} "
                      f"with numpy {kernel['numpy']} ({time.perf_counter() - start:.0f} s)")
    assert Path(kernel["prefix"]).resolve() == ENV.resolve()
    assert Version(kernel["numpy"]) == _pinned(oldest, "numpy")
    assert not [(c["grade_id"], c["errors"]) for c in cells if c["errors"]]
    tests = [c for c in cells if c["test"]]
    assert tests and not [c["grade_id"] for c in tests if "All checks passed." not in c["stdout"]]


# Last in this file: the tests above run while the fast tests may still be running.
def test_the_fast_tests_pass_with_the_oldest_versions(oldest, pytestconfig):
    returncode, output, seconds = _background["fast"].result(timeout=1800)
    summary = output.strip().splitlines()[-1] if output.strip() else ""
    say(pytestconfig, f"fast tests: {summary} ({seconds:.0f} s, beside the other tests)")
    if returncode != 0:
        pytest.fail(f"the fast tests failed with the oldest versions:\n{_tail(output, 120)}", pytrace=False)
