"""``course.py grade``: a class graded for real, on Dask, from an LMS download.

Every run here is the real command (``python course.py grade`` in a copy of the course) with real
Dask workers on 127.0.0.1, real sandboxed kernels and nbgrader's own gradebook. The class is made of
the numpy warm-up (the cheapest notebook): the reference, a catalogued mistake, a blank, a corrupt
file, a kernel that dies, and an endless loop.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile

import nbformat
import pytest

from helpers import REPO

pytestmark = pytest.mark.slow

ASSIGNMENT = "numpy_basics"
SOURCE = REPO / "notebooks" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
FULL = 10.0
SIGMOID_WRONG_SIGN = "def sigmoid(x):\n    return 1 / (1 + np.exp(x))\n"


def make_course(folder, assignment=ASSIGNMENT):
    """A course folder as an instructor has it: course.py, the config, the notebooks, the environment."""
    from dlhelpers.grading.pipeline import copy_course

    root = copy_course(REPO, folder, only=[assignment])
    for name in ("course.py", "pyproject.toml"):
        shutil.copy2(REPO / name, root / name)
    (root / ".venv").symlink_to(REPO / ".venv")
    return root


def notebook(*, replace=None, insert_after=None, blank=False, source=SOURCE):
    """The reference notebook as JSON text, with cells replaced ({grade_id: source}), cells inserted
    after a grade_id ({grade_id: source}), or every solution cleared to the stub."""
    nb = nbformat.read(source, as_version=4)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if replace and grade_id in replace:
            cell.source = replace[grade_id]
        if blank and meta.get("solution") and cell.cell_type == "code":  # as nbgrader's ClearSolutions does
            cell.source = re.sub(r"( *)### BEGIN SOLUTION\n.*?### END SOLUTION",
                                 lambda m: f"{m[1]}# YOUR CODE HERE\n{m[1]}raise NotImplementedError()",
                                 cell.source, flags=re.S)
        cells.append(cell)
        if insert_after and grade_id in insert_after:
            cells.append(nbformat.v4.new_code_cell(insert_after[grade_id]))
    nb.cells = cells
    return nbformat.writes(nb)


CLASS = {
    "alice": notebook(),
    "bob": notebook(replace={"sigmoid": SIGMOID_WRONG_SIGN}),
    "carol": "{this is not a notebook",
    "dave": notebook(blank=True),
    "eve": notebook(insert_after={"sigmoid_tests": "import os\nos._exit(1)"}),
    "frank": notebook(insert_after={"image2vector_tests": "while True:\n    pass"}),
}


def lms_zip(path, students):
    """A zip as an LMS exports it: ``<student>_<notebook>.ipynb`` per student, and a stray file."""
    with zipfile.ZipFile(path, "w") as archive:
        for student, text in students.items():
            archive.writestr(f"submissions/{student}_{ASSIGNMENT}.ipynb", text)
        archive.writestr("submissions/readme.txt", "exported by the LMS")
    return path


def grade(root, *args, timeout=900, popen=None):
    """Run ``python course.py grade ASSIGNMENT ...`` in the course folder (in the background: ``popen``)."""
    command = [sys.executable, str(root / "course.py"), "grade", ASSIGNMENT, *map(str, args), "--no-progress"]
    if popen is not None:
        return subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                **popen)
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=timeout)


def gradebook_rows(root):
    """``{student: {grade_id: auto_score}}`` and the number of submissions, from gradebook.db."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        submissions = gradebook.assignment_submissions(ASSIGNMENT)
        rows = {s.student.id: {g.name: g.auto_score for n in s.notebooks for g in n.grades} for s in submissions}
        return rows, len(submissions)


def result(root, student):
    return json.loads((root / ".grading" / ASSIGNMENT / f"{student}.json").read_text())


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    root = make_course(folder / "course")
    download = lms_zip(folder / "download.zip", CLASS)
    run = grade(root, download, "--workers", "2", "--cell-timeout", "10")
    assert run.returncode == 0, run.stdout + run.stderr
    return root, run.stdout


def test_grade_zip_scores_every_submission_like_nbgrader(graded_class):
    root, _ = graded_class
    rows, submissions = gradebook_rows(root)
    assert submissions == len(CLASS)
    assert sum(rows["alice"].values()) == FULL
    assert rows["bob"]["sigmoid_tests"] == 0 and sum(rows["bob"].values()) == FULL - 1
    assert sum(rows["carol"].values()) == 0 and sum(rows["dave"].values()) == 0
    # eve's kernel died after the sigmoid tests: what ran before keeps its points, the rest is 0
    assert rows["eve"]["basic_sigmoid_tests"] == 1 and rows["eve"]["sigmoid_tests"] == 1
    assert rows["eve"]["image2vector_tests"] == 0 and rows["eve"]["L2_tests"] == 0
    # frank's loop was interrupted after 10 s; the kernel went on with the later cells
    assert sum(rows["frank"].values()) == FULL
    assert (root / "autograded" / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()


def test_grade_zip_says_why_a_submission_was_stopped_or_unreadable(graded_class):
    root, output = graded_class
    assert result(root, "carol")["status"] == "unreadable"
    assert "not a readable notebook" in result(root, "carol")["reason"]
    assert "kernel died" in result(root, "eve")["reason"]
    assert "more than 10 s" in result(root, "frank")["reason"]
    assert result(root, "alice")["reason"] == ""
    for student in ("carol", "eve", "frank"):
        assert student in output.split("stopped, unreadable or failed")[1]
    assert "readme.txt" in output and "does not match" in output  # the stray file is reported, not graded
    blank = {e["exercise"]: e["message"] for e in result(root, "dave")["exercises"]}
    assert "not implemented yet" in blank["sigmoid_tests"]


def test_grade_zip_report_names_the_common_mistakes(graded_class):
    import csv

    root, output = graded_class
    page = (root / "reports" / ASSIGNMENT / "report.html").read_text()
    assert "wrong sign in the exponent" in page
    assert page.count("data:image/png;base64,") >= 2
    rows = list(csv.DictReader((root / "reports" / ASSIGNMENT / "report.csv").open()))
    bob = [r for r in rows if r["student"] == "bob" and r["exercise"] == "sigmoid_tests"]
    assert bob and "wrong sign in the exponent" in bob[0]["likely_cause"]
    assert "6 students" in output


def test_grade_zip_writes_feedback_and_grades_for_the_lms(graded_class):
    import csv

    root, _ = graded_class
    upload = root / "lms_feedback" / ASSIGNMENT
    assert sorted(p.stem for p in upload.glob("*.html")) == sorted(CLASS)
    bob = (upload / "bob.html").read_text()
    assert "wrong sign" in bob and "BEGIN HIDDEN TESTS" not in bob and "vnd.dlcourse.record" not in bob
    assert "could not be graded" in (upload / "carol.html").read_text()
    table = {r["student"]: r[ASSIGNMENT] for r in csv.DictReader((root / "grades_by_student.csv").open())}
    assert table == {"alice": "10", "bob": "9", "carol": "0", "dave": "0", "eve": table["eve"], "frank": "10"}
    assert 0 < float(table["eve"]) < FULL
    assert (root / "grades.csv").read_text().count(f"{ASSIGNMENT},") == len(CLASS)


def test_grade_one_student_again_replaces_only_their_grades(graded_class, tmp_path):
    root, _ = graded_class
    before, _ = gradebook_rows(root)
    others = {s: result(root, s) for s in CLASS if s != "bob"}
    handed_in = {s: sorted((root / "submitted" / s / ASSIGNMENT).iterdir()) for s in others}
    handed_in = {s: {p.name: p.read_bytes() for p in paths} for s, paths in handed_in.items()}
    # the whole class downloaded again, bob's fixed and dave's changed since: only bob is collected
    fixed = lms_zip(tmp_path / "class_again.zip", {**CLASS, "bob": CLASS["alice"], "dave": CLASS["alice"]})
    run = grade(root, fixed, "--student", "bob", "--workers", "1")
    assert run.returncode == 0, run.stdout + run.stderr
    after, submissions = gradebook_rows(root)
    assert submissions == len(CLASS)
    assert sum(after["bob"].values()) == FULL
    assert {s: after[s] for s in others} == {s: before[s] for s in others}
    assert {s: result(root, s) for s in others} == others  # not graded again
    for student, files in handed_in.items():
        folder = root / "submitted" / student / ASSIGNMENT
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == files, f"{student}'s submission was replaced"


# --- interruptions and faults ---------------------------------------------------------------------

# zoe (graded last) loops until her cell's time limit: the run is surely still going when Ctrl-C comes
SMALL_CLASS = {"alice": CLASS["alice"], "bob": CLASS["bob"], "dave": CLASS["dave"], "zoe": CLASS["frank"]}
SMALL_EXPECTED = {"alice": FULL, "bob": FULL - 1, "dave": 0.0, "zoe": FULL}
SMALL_LIMIT = ("--cell-timeout", "5")


def _wait_for_results(root, count, process, timeout=300):
    folder = root / ".grading" / ASSIGNMENT
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder.is_dir() and len(list(folder.glob("*.json"))) >= count:
            return sorted(p.stem for p in folder.glob("*.json"))
        if process.poll() is not None:
            pytest.fail(f"grading ended before {count} results: {process.stdout.read()}")
        time.sleep(0.2)
    pytest.fail(f"no {count} results after {timeout} s")


def test_grade_resumes_after_ctrl_c_and_a_crash_without_grading_twice(tmp_path):
    root = make_course(tmp_path / "course")
    download = lms_zip(tmp_path / "download.zip", SMALL_CLASS)

    first = grade(root, download, "--workers", "1", *SMALL_LIMIT, popen={"start_new_session": True})
    done = _wait_for_results(root, 1, first)
    os.killpg(first.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole process group
    output = first.communicate(timeout=120)[0]
    assert first.returncode == 130, output
    assert "--resume" in output
    kept = {s: (root / ".grading" / ASSIGNMENT / f"{s}.json").stat().st_mtime_ns for s in done}

    second = grade(root, download, "--workers", "1", "--resume", *SMALL_LIMIT, popen={"start_new_session": True})
    _wait_for_results(root, len(kept) + 1, second)
    os.killpg(second.pid, signal.SIGKILL)  # the driver and its workers stop dead
    second.wait(timeout=60)  # not communicate(): a sandboxed kernel (its own session) may hold the pipe a moment
    second.stdout.close()
    after_crash = sorted(p.stem for p in (root / ".grading" / ASSIGNMENT).glob("*.json"))

    third = grade(root, download, "--workers", "1", "--resume", *SMALL_LIMIT)
    assert third.returncode == 0, third.stdout + third.stderr
    left = len(SMALL_CLASS) - len(after_crash)
    assert f"resuming: {len(after_crash)} already graded, {left} to grade" in third.stdout
    for student, mtime in kept.items():  # what the first run graded was never graded again
        assert (root / ".grading" / ASSIGNMENT / f"{student}.json").stat().st_mtime_ns == mtime
    rows, submissions = gradebook_rows(root)
    assert submissions == len(SMALL_CLASS)
    assert {s: sum(r.values()) for s, r in rows.items()} == SMALL_EXPECTED


def _dask(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, **kwargs)


def test_grade_on_a_dask_scheduler_survives_a_killed_worker(tmp_path):
    import psutil
    from distributed import Client

    root = make_course(tmp_path / "course")
    download = lms_zip(tmp_path / "download.zip", SMALL_CLASS)
    scheduler_file = tmp_path / "scheduler.json"
    processes = [_dask("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                       "--scheduler-file", scheduler_file)]
    try:
        for _ in range(2):
            processes.append(_dask("worker", "--scheduler-file", scheduler_file, "--nthreads", "1",
                                   "--no-dashboard", "--host", "127.0.0.1"))
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        with Client(scheduler_file=str(scheduler_file), timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
            address = client.scheduler.address
            pids = client.run(os.getpid)
        driver = grade(root, download, "--scheduler", address, *SMALL_LIMIT, popen={})
        victim, killed, orphans = None, False, []
        deadline = time.monotonic() + 300
        while driver.poll() is None and not killed and time.monotonic() < deadline:
            for pid in pids.values():  # a worker with a kernel running is mid-task: kill it there
                kernels = [c for c in psutil.Process(pid).children(recursive=True)
                           if "ipykernel" in " ".join(c.cmdline()) or "sandbox" in " ".join(c.cmdline())]
                if kernels:
                    os.kill(pid, signal.SIGKILL)
                    victim, killed, orphans = pid, True, kernels
                    break
            time.sleep(0.1)
        output = driver.communicate(timeout=600)[0]
        assert killed, "no worker was seen grading"
        assert driver.returncode == 0, output
        assert not psutil.pid_exists(victim) or psutil.Process(victim).status() == psutil.STATUS_ZOMBIE
        _, alive = psutil.wait_procs(orphans, timeout=10)  # the dead worker's kernel went with it
        assert not alive, f"kernels left running by the killed worker: {[p.cmdline() for p in alive]}"
        rows, submissions = gradebook_rows(root)
        assert submissions == len(SMALL_CLASS)
        assert {s: sum(r.values()) for s, r in rows.items()} == SMALL_EXPECTED
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
