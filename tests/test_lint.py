"""Lint: ruff finds nothing in the repository (configuration in pyproject.toml, [tool.ruff])."""

import importlib.util
import subprocess
import sys

import pytest

from helpers import REPO


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None,
                    reason="ruff is not installed: pip install -e '.[test]' (or pip install ruff)")
def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(REPO)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, f"ruff check found problems:\n{result.stdout}{result.stderr}"
