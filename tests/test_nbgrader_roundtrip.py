"""The real nbgrader pipeline on a temporary copy of the course, for every assignment.

Release versions hide solutions and hidden tests; autograde gives the reference full marks, the
untouched student version 0, and (for logistic regression; tests/test_catalogs.py does it for
every notebook) a submission with one exercise broken partial marks with the others still graded.
Feedback never shows hidden tests or test-cell tracebacks. Grading runs every cell up to the last
test cell and none after it.
"""

import html
import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import nbformat
import pytest

from dlhelpers.grading.graded_part import NOT_RUN_NOTE, last_test_cell
from dlhelpers.grading.pipeline import Course, assignments, copy_course, grade_ids, source_notebooks, total
from dlhelpers.grading.records import RECORD_MIME
from helpers import REPO, data_env

pytestmark = pytest.mark.slow
ASSIGNMENTS = assignments(REPO)
PARTIAL_MARKS_ASSIGNMENT = "logistic_regression"


def lines_only_between(path, begin, end, min_length=12):
    """Code lines of a source notebook that appear only between ``begin`` and ``end`` markers."""
    inside_lines, outside_lines = set(), set()
    for cell in nbformat.read(path, as_version=4).cells:
        inside = False
        for line in cell.source.splitlines():
            if begin in line or end in line:
                inside = begin in line
            elif len(line.strip()) > min_length and not line.strip().startswith("#"):
                (inside_lines if inside else outside_lines).add(line.strip())
    return sorted(inside_lines - outside_lines)


def solution_lines(path):
    return lines_only_between(path, "### BEGIN SOLUTION", "### END SOLUTION")


def hidden_test_lines(path):
    return lines_only_between(path, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS", min_length=15)


def feedback_text(path):
    """The text of a feedback page, tags removed (code is split into highlighted spans)."""
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


def break_first_exercise(source, target):
    """Write ``source`` with the first solution cell's answer replaced by a wrong one."""
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            cell.source = re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION",
                                 "raise ValueError('a broken exercise')", cell.source, flags=re.S)
            break
    nbformat.write(notebook, target)
    return target


def grade_roundtrip(source_root, assignment, folder):
    """Generate, then autograde the reference, the blank student version (and for logistic
    regression a broken submission), and write feedback, in a course copy in ``folder``.

    Returns the course's root and each student's scores; runs in a worker process of ``graded``.
    """
    wanted = {k: v for k, v in data_env().items() if k.startswith("DLHELPERS_")}  # photos or stand-in
    for key in [k for k in os.environ if k.startswith("DLHELPERS_")]:
        del os.environ[key]
    os.environ.update(wanted)
    course = Course(copy_course(source_root, folder / "course", only=[assignment]))
    release = course.generate(assignment)
    sources = source_notebooks(course.root, assignment)
    (folder / "broken").mkdir()
    submissions = {"reference": sources, "blank": sorted(release.glob("*.ipynb"))}
    if assignment == PARTIAL_MARKS_ASSIGNMENT:  # the catalogs cover partial marks for the others
        submissions["broken"] = [break_first_exercise(s, folder / "broken" / s.name) for s in sources]
    for student, notebooks in submissions.items():
        course.submit(student, assignment, notebooks)
        course.autograde(assignment, student)
    course.feedback(assignment)
    course.export_csv()
    return course.root, {student: course.scores(assignment, student) for student in submissions}


@pytest.fixture(scope="module")
def graded(request, tmp_path_factory):
    """{assignment: (course root, scores by student)} for the selected assignments, graded two at a
    time (each in its own process and course copy): the round trips are independent, and one
    autograde keeps one core busy."""
    wanted = [item.callspec.params["assignment"] for item in request.session.items
              if item.originalname == "test_roundtrip_release_hides_solutions_and_grades_correctly"]
    folders = [tmp_path_factory.mktemp(a) for a in wanted]
    # spawn, not fork: the test process has threads (nbgrader's, pytest's) that fork would copy broken.
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        results = pool.map(grade_roundtrip, [REPO] * len(wanted), wanted, folders)
        return dict(zip(wanted, results))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_roundtrip_release_hides_solutions_and_grades_correctly(assignment, graded):
    root, scores = graded[assignment]
    course = Course(root)
    release = root / "release" / assignment
    sources = source_notebooks(root, assignment)

    for source in sources:
        released = (release / source.name).read_text()
        assert "BEGIN SOLUTION" not in released and "HIDDEN TESTS" not in released
        leaked = [line for line in solution_lines(source) if json.dumps(line)[1:-1] in released]
        assert not leaked, f"solution code in the release of {source.name}: {leaked[:3]}"
        assert "raise NotImplementedError()" in released

    reference = scores["reference"]
    assert reference and all(s.score == s.max_score > 0 for s in reference), reference
    assert [s.exercise for s in reference] == [g for p in sources for g in grade_ids(p)]
    assert total(scores["blank"])[0] == 0
    assert not any(s.needs_manual_grade for s in scores["blank"])
    _check_feedback(course, assignment, sources, scores)
    for source in sources:
        _check_nothing_ran_after_the_last_test(root / "autograded" / "reference" / assignment / source.name)

    if "broken" not in scores:
        return
    partial = scores["broken"]
    points, maximum = total(partial)
    assert 0 < points < maximum, partial
    assert partial[0].score == 0, "the broken first exercise should lose its points"
    assert sum(s.score == s.max_score for s in partial) >= len(partial) - 2, partial
    broken_page = feedback_text(root / "feedback" / "broken" / assignment / f"{sources[0].stem}.html")
    assert "a broken exercise" in broken_page, "the failing exercise's message is missing from the feedback"


def _check_nothing_ran_after_the_last_test(path):
    cells = nbformat.read(path, as_version=4).cells
    last = last_test_cell(cells)
    code = [(index, cell) for index, cell in enumerate(cells) if cell.cell_type == "code"]
    assert all(cell.execution_count for index, cell in code if index <= last), "a cell before the last test did not run"
    after = [cell for index, cell in code if index > last]
    assert not any(cell.execution_count for cell in after), "a cell after the last test cell ran"
    if after:
        assert [o.get("text") for o in after[0].outputs] == [NOT_RUN_NOTE]
        assert not any(cell.outputs for cell in after[1:])


def _check_feedback(course, assignment, sources, submissions):
    """Feedback for every student: no hidden-test code, no test-cell traceback, no records, and the
    blank's untouched stubs say so; and the grades CSV."""
    for student in submissions:
        for source in sources:
            graded = (course.root / "autograded" / student / assignment / source.name).read_text()
            assert RECORD_MIME not in graded, "the graded notebook keeps the probes' records"
            page = feedback_text(course.root / "feedback" / student / assignment / f"{source.stem}.html")
            assert RECORD_MIME not in page
            if student == "blank":
                assert "is not implemented yet: replace `raise NotImplementedError()`" in page, page[-2000:]
            page_lines = {line.strip() for line in page.splitlines()}
            leaked = [line for line in hidden_test_lines(source) if line in page_lines]
            assert not leaked, f"{student}'s feedback shows hidden tests: {leaked[:3]}"
            arrows = [line for line in page.splitlines() if line.lstrip().startswith("---->")]
            assert not [a for a in arrows if "checks.check_" in a or "expect_" in a], "a test cell's traceback is shown"
    csv = (course.root / "grades.csv").read_text().splitlines()
    assert csv[0].startswith("assignment,") and len(csv) == 1 + len(submissions)
