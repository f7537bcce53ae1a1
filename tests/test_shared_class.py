"""A class on a shared machine, for real: an instructor and two students, each a Unix user.

The instructor releases ``numpy_basics`` to nbgrader's exchange; each student fetches it, puts
their work in and submits; the instructor collects and grades with ``course.py grade ... exchange``
(real Dask workers, real kernels) and so releases the feedback; each student fetches their own.
Then student b tries to see what is not theirs: the exchange's inbox and feedback folder, a's home,
the instructor's gradebook.

It needs root (CI runs it as root) to make the users; they are removed at the end, pass or fail.
The course's Python is under /root (mode 700), so the users run Debian's ``/usr/bin/python3``
(same minor version) in a venv that holds the course venv's packages, hard-linked.
"""

import contextlib
import csv
import hashlib
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import REPO
from test_class_grading import ASSIGNMENT, SIGMOID_WRONG_SIGN, gradebook_rows, make_course, notebook

pytestmark = pytest.mark.slow

SYSTEM_PYTHON = Path("/usr/bin/python3")
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
FULL = 10.0
SITE = Path("lib") / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"


def _why_skip():
    """Why this machine cannot run the test, or None."""
    if os.geteuid() != 0:
        return "needs root to create Unix users (CI runs it as root)"
    for tool in ("useradd", "userdel", "runuser"):
        if shutil.which(tool, path=SYSTEM_PATH) is None:
            return f"`{tool}` is not installed"
    if not SYSTEM_PYTHON.is_file():
        return f"{SYSTEM_PYTHON} is not installed: the users need a Python outside /root"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import sys, venv; print(*sys.version_info[:2])"],
                           capture_output=True, text=True, timeout=60)
    wanted = f"{sys.version_info.major} {sys.version_info.minor}"
    if probe.returncode != 0 or probe.stdout.strip() != wanted:
        return (f"{SYSTEM_PYTHON} is not Python {wanted.replace(' ', '.')} with venv (the course venv's "
                f"packages are reused): {probe.stdout.strip() or probe.stderr.strip()}")
    return None


_SKIP = _why_skip()
if _SKIP:
    pytest.skip(_SKIP, allow_module_level=True)


@dataclass(frozen=True)
class User:
    name: str
    home: Path
    uid: int


def describe(run):
    return f"{' '.join(map(str, run.args))}\nexit {run.returncode}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"


def ok(run):
    assert run.returncode == 0, describe(run)
    return run


def root_runs(*command, timeout=120, **kwargs):
    return ok(subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=timeout, **kwargs))


def as_user(user, *command, cwd=None, timeout=120, env=None):
    """Run ``command`` as ``user`` with a clean environment, in ``cwd`` (default their home)."""
    variables = {"HOME": user.home, "USER": user.name, "LOGNAME": user.name, "PATH": "/usr/bin:/bin",
                 "LANG": "C.UTF-8", **(env or {})}
    runuser = ["runuser", "-u", user.name, "--", "env", "-i", *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(runuser + [str(c) for c in command], cwd=cwd or user.home, capture_output=True,
                          text=True, timeout=timeout, env={"PATH": SYSTEM_PATH})


def refused(run, secret=None):
    """``run`` failed for lack of permission, and printed nothing of ``secret``."""
    assert run.returncode != 0, describe(run)
    assert "Permission denied" in run.stderr, describe(run)
    assert not run.stdout.strip(), describe(run)
    if secret:
        assert secret not in run.stdout + run.stderr, describe(run)


# --- the machine: a shared Python environment, the users, the exchange --------------------------------------


def build_environment(base):
    """A venv of /usr/bin/python3 in ``base/env`` with the course venv's packages, readable by everyone.

    dlhelpers is installed editable in the course venv (a .pth naming the repository): here a copy of
    the package and its datasets/ in ``base/src`` is on the path instead, so nothing under the
    repository (or /root) is needed.
    """
    env, src = base / "env", base / "src"
    course_venv = REPO / ".venv"
    root_runs(SYSTEM_PYTHON, "-m", "venv", "--without-pip", env)
    for part in (SITE, Path("share")):
        target = env / part
        target.mkdir(parents=True, exist_ok=True)
        linked = subprocess.run(["cp", "-al", f"{course_venv / part}/.", str(target)], capture_output=True)
        if linked.returncode != 0:  # another file system: copy instead, into a fresh folder (not onto links)
            shutil.rmtree(target)
            target.mkdir(parents=True)
            root_runs("cp", "-a", f"{course_venv / part}/.", target, timeout=600)
    site = env / SITE
    for path in site.iterdir():
        if path.name.startswith("__editable__") or (
                path.suffix == ".pth" and str(REPO) in path.read_text().split()):
            path.unlink()
    shutil.rmtree(site / "dlhelpers", ignore_errors=True)  # only package data of the editable install
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "dlhelpers", src / "dlhelpers", ignore=ignore)
    shutil.copytree(REPO / "datasets", src / "datasets", ignore=ignore)
    (site / "dlhelpers_shared.pth").write_text(f"{src}\n")
    fit_to_system_python(env)
    # a hard-linked kernelspec must not be rewritten in place: that would change the course venv's
    kernels = env / "share" / "dlcourse" / "kernels"
    shutil.rmtree(kernels / "dlcourse-grader", ignore_errors=True)
    return env


def fit_to_system_python(env):
    """Replace the packages whose Requires-Python excludes /usr/bin/python3 by its newest fitting release.

    (soupsieve 4.1.3 needs Python 3.11.5 or newer: under Debian's 3.11.2 its selectors fail to parse,
    and every feedback page with them.) pip runs for the environment's Python, so it chooses.
    """
    from importlib.metadata import distributions

    from packaging.specifiers import SpecifierSet

    version = root_runs(env / "bin" / "python", "-c", "import platform; print(platform.python_version())").stdout
    for dist in distributions(path=[str(env / SITE)]):
        needs = dist.metadata.get("Requires-Python")
        if needs and version.strip() not in SpecifierSet(needs):
            root_runs(REPO / ".venv" / "bin" / "python", "-m", "pip", "--python", env / "bin" / "python", "install",
                      "--quiet", "--no-deps", f"{dist.metadata['Name']}<{dist.version}", timeout=300)


def make_user(name):
    root_runs("useradd", "-m", "-s", "/bin/bash", "-K", "HOME_MODE=0700", name)
    entry = pwd.getpwnam(name)
    return User(name, Path(entry.pw_dir), entry.pw_uid)


def remove_user(user):
    """Stop what the user still runs (by pid), delete the user, their home and their files in /tmp."""
    import psutil

    for process in psutil.process_iter(["uids"]):
        if process.info["uids"] and process.info["uids"].real == user.uid:
            with contextlib.suppress(psutil.Error):
                process.kill()
    subprocess.run(["userdel", "-r", user.name], capture_output=True, timeout=60, env={"PATH": SYSTEM_PATH})
    for path in Path(tempfile.gettempdir()).iterdir():
        try:
            mine = path.lstat().st_uid == user.uid
        except OSError:
            continue
        if mine and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif mine:
            path.unlink()


def chmod_readable(folder):
    """Directories 755 and files a+r under ``folder``, except hard links (they are the course venv's files)."""
    for dirpath, _, filenames in os.walk(folder):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            path = Path(dirpath, name)
            info = path.lstat()
            if not path.is_symlink() and info.st_nlink == 1 and not info.st_mode & 0o004:
                os.chmod(path, info.st_mode | 0o444)


@dataclass
class SharedClass:
    exchange: Path
    instructor: User
    a: User
    b: User
    course: Path
    grade: subprocess.CompletedProcess
    feedback: dict           # student name -> the feedback HTML they fetched
    submitted: dict          # student name -> the notebook text they submitted
    sandbox_as_instructor: str
    sandbox_as_root: str


def nbgrader(user, env, *args, cwd=None):
    return ok(as_user(user, env / "bin" / "python", "-m", "nbgrader", *args, cwd=cwd, timeout=300))


def set_up_instructor(base, env, exchange, instructor):
    """The course folder in the instructor's home, theirs, with .venv the shared environment."""
    course = make_course(instructor.home / "course")
    (course / ".venv").unlink()
    (course / ".venv").symlink_to(env)
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f'\n# a shared machine: the exchange every user can reach\nc.Exchange.root = "{exchange}"\n')
    (env / ".course-installed").write_text(hashlib.sha256((course / "pyproject.toml").read_bytes()).hexdigest())
    root_runs("chown", "-R", f"{instructor.name}:{instructor.name}", course)
    # nothing else: nbgrader_config.py installs the grading kernelspec, into the instructor's own Jupyter
    # folder since the shared environment is root's
    return course


def student_submits(student, env, exchange, text, base):
    """As ``student``: configure nbgrader, fetch the assignment, put ``text`` in as the notebook, submit."""
    config = student.home / ".jupyter" / "nbgrader_config.py"
    ok(as_user(student, "mkdir", "-p", config.parent))
    handout = base / "handout" / student.name  # what the student will copy in: readable by everyone
    handout.mkdir(parents=True)
    (handout / "nbgrader_config.py").write_text(
        f'c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = "dlcourse"\nc.Exchange.root = "{exchange}"\n')
    work = handout / f"{ASSIGNMENT}.ipynb"
    work.write_text(text)
    chmod_readable(handout.parent)
    ok(as_user(student, "cp", handout / "nbgrader_config.py", config))
    nbgrader(student, env, "fetch_assignment", ASSIGNMENT)
    fetched = student.home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert fetched.is_file() and fetched.stat().st_uid == student.uid
    ok(as_user(student, "cp", work, fetched))
    nbgrader(student, env, "submit", ASSIGNMENT)


def fetch_feedback(student, env, exchange, grade):
    """As ``student``: ``nbgrader fetch_feedback``; the one feedback page it brought."""
    run = nbgrader(student, env, "fetch_feedback", ASSIGNMENT)
    pages = sorted((student.home / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
    released = sorted(p.name for p in (exchange / "dlcourse" / "feedback").iterdir())
    assert len(pages) == 1, (f"{student.name} fetched {pages}; in the exchange: {released}\n{describe(run)}\n"
                             f"{describe(grade)}")
    return pages[0]


@pytest.fixture(scope="module")
def shared_class():
    """Everything above, done once: the users exist until the module's tests are over."""
    base = Path(tempfile.mkdtemp(prefix="dlcourse-shared-", dir="/tmp"))
    users = []
    try:
        os.chmod(base, 0o755)
        env = build_environment(base)
        exchange = base / "exchange"
        exchange.mkdir()
        chmod_readable(base)
        os.chmod(exchange, 0o777)  # nbgrader: the exchange must be writable by everyone

        tag = secrets.token_hex(2)
        for role in ("i", "a", "b"):
            users.append(make_user(f"dlc{tag}{role}"))
        instructor, a, b = users
        for user in users:
            assert user.home.stat().st_mode & 0o777 == 0o700, f"{user.home} is not private"
        imports = "import numpy, nbgrader, distributed, dlhelpers; print(dlhelpers.__file__)"
        assert ok(as_user(a, env / "bin" / "python", "-c", imports)).stdout.startswith(str(base / "src"))

        course = set_up_instructor(base, env, exchange, instructor)
        instructor_env = {"DLHELPERS_STANDIN": "1"}  # numpy_basics does not use the photos
        ok(as_user(instructor, "python3", course / "course.py", "release", cwd=course, env=instructor_env,
                   timeout=600))
        # as the instructor runs it: their course's .venv (the kernelspec is written for that Python)
        nbgrader(instructor, course / ".venv", "release_assignment", ASSIGNMENT, cwd=course)

        submitted = {a.name: notebook(), b.name: notebook(replace={"sigmoid": SIGMOID_WRONG_SIGN})}
        for student in (a, b):
            student_submits(student, env, exchange, submitted[student.name], base)

        grade = ok(as_user(instructor, "python3", course / "course.py", "grade", ASSIGNMENT, "exchange",
                           "--workers", "2", "--no-progress", cwd=course, env=instructor_env, timeout=900))
        feedback = {student.name: fetch_feedback(student, env, exchange, grade) for student in (a, b)}
        probe = "from dlhelpers.grading.sandbox import bubblewrap_works; print(bubblewrap_works())"
        sandbox_as_instructor = ok(as_user(instructor, course / ".venv" / "bin" / "python", "-c", probe)).stdout
        sandbox_as_root = root_runs(env / "bin" / "python", "-c", probe).stdout
        yield SharedClass(exchange, instructor, a, b, course, grade, feedback, submitted,
                          sandbox_as_instructor.strip(), sandbox_as_root.strip())
    finally:
        for user in users:
            remove_user(user)
        shutil.rmtree(base, ignore_errors=True)


def test_shared_class_grades_each_student_from_the_exchange(shared_class):
    s = shared_class
    rows, submissions = gradebook_rows(s.course)
    assert submissions == 2, describe(s.grade)
    assert sum(rows[s.a.name].values()) == FULL
    assert rows[s.b.name]["sigmoid_tests"] == 0 and sum(rows[s.b.name].values()) == FULL - 1
    table = {r["student"]: r[ASSIGNMENT] for r in csv.DictReader((s.course / "grades_by_student.csv").open())}
    assert table == {s.a.name: "10", s.b.name: "9"}
    assert "feedback released to the exchange" in s.grade.stdout
    for path in (s.course / "gradebook.db", s.course / "submitted" / s.a.name / ASSIGNMENT):
        assert path.stat().st_uid == s.instructor.uid, f"{path} is not the instructor's"


def test_shared_class_grading_kernel_is_sandboxed_for_the_instructor_as_for_root(shared_class):
    assert shared_class.sandbox_as_instructor == shared_class.sandbox_as_root


def test_shared_class_students_fetch_their_own_feedback(shared_class):
    s = shared_class
    page_a, page_b = s.feedback[s.a.name].read_text(), s.feedback[s.b.name].read_text()
    assert "wrong sign in the exponent" in page_b
    assert "wrong sign" not in page_a
    assert "Score: 10.0 / 10.0" in page_a and "Score: 9.0 / 10.0" in page_b
    for student in (s.a, s.b):
        assert s.feedback[student.name].stat().st_uid == student.uid
        assert "BEGIN HIDDEN TESTS" not in s.feedback[student.name].read_text()


def test_shared_class_student_cannot_see_another_students_work(shared_class):
    s = shared_class
    course = s.exchange / "dlcourse"
    refused(as_user(s.b, "ls", course / "inbound"), secret=s.a.name)
    refused(as_user(s.b, "ls", course / "feedback"))
    secret = "1 / (1 + np.exp(-x))"  # a's sigmoid, which b got wrong
    assert secret in s.submitted[s.a.name] and secret not in s.submitted[s.b.name]
    refused(as_user(s.b, "ls", s.a.home))
    refused(as_user(s.b, "cat", s.a.home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), secret=secret)
    refused(as_user(s.b, "cat", s.feedback[s.a.name]), secret="Score: 10.0")
    refused(as_user(s.b, "cat", s.course / "gradebook.db"))
    refused(as_user(s.b, "cat", s.course / "submitted" / s.a.name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
            secret=secret)
    # in the inbox, a submission is a readable folder whose name b cannot list nor guess
    (inbox,) = [p.name for p in (course / "inbound").iterdir() if p.name.startswith(f"{s.a.name}+")]
    assert len(inbox.split("+")) == 4 and len(inbox.split("+")[3]) >= 12, inbox
    # the control: b reads b's own feedback
    own = ok(as_user(s.b, "cat", s.feedback[s.b.name]))
    assert "wrong sign in the exponent" in own.stdout
