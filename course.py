#!/usr/bin/env python3
"""The course's one entry point. Needs only Python 3.10+; installs everything else by itself.

    python3 course.py demo              instructor pipeline over every assignment, summary table
    python3 course.py test [pytest args] the test suite
    python3 course.py lab               JupyterLab in student/, your notebooks (new ones copied in,
                                        yours never overwritten), with student tools only
    python3 course.py instructor        JupyterLab in the course folder with nbgrader's Formgrader and
                                        Create Assignment
    python3 course.py reset A           a fresh copy of assignment A in student/ (yours is kept first)
    python3 course.py check NB          run your notebook: which visible checks pass
    python3 course.py selfgrade NB      grade your own notebook (hidden tests too), score per exercise
    python3 course.py release           only write the student versions to release/
    python3 course.py grade A FROM      grade a class's submissions of A (FROM: an LMS .zip or folder,
                                        'exchange', or a submitted/ tree) on Dask; report and feedback

The first run creates .venv/ beside this file and installs the course into it (about a minute);
later runs reuse it, and reinstall when pyproject.toml changes.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".course-installed"


def say(message):
    print(f"course.py: {message}", flush=True)


def ensure_environment():
    """Create .venv and install the course into it, unless it is up to date."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if sys.version_info < (3, 10):
        sys.exit(f"course.py: Python 3.10 or newer is needed, this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say(f"creating the virtual environment {VENV}")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except subprocess.CalledProcessError:
            sys.exit("course.py: could not create a virtual environment with pip. On Debian or Ubuntu "
                     "install the venv module first: sudo apt install python3-venv")
    say("installing the course and its dependencies (numpy, nbgrader, jupyterlab, ...)")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run(pip + ["--editable", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def run(*command):
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", DLCOURSE_ROOT=str(ROOT))
    env.pop("PYTHONHOME", None)
    process = subprocess.Popen([str(c) for c in command], cwd=ROOT, env=env)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:  # Ctrl-C reaches the command too (same process group): it decides
            continue


def main(argv):
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command not in {"demo", "test", "lab", "instructor", "check", "selfgrade", "release", "grade", "reset"}:
        print(__doc__)
        return f"course.py: unknown command {command!r}"
    ensure_environment()
    if command == "test":
        return run(PYTHON, "-m", "pytest", *rest)
    if command in {"check", "selfgrade"} and rest:
        rest = [str(Path(rest[0]).resolve()), *rest[1:]]
    if command == "grade" and len(rest) > 1 and rest[1] != "exchange" and not rest[1].startswith("-"):
        rest = [rest[0], str(Path(rest[1]).resolve()), *rest[2:]]  # FROM is relative to where you are
    return run(PYTHON, "-m", "dlhelpers.grading.cli", command, *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
