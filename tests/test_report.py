"""The class report: hand-written results in, causes, mistakes, stats, summary, report.html and report.csv out."""

import csv

import pytest

from dlhelpers.grading.report import (
    CSV_COLUMNS,
    ExerciseStats,
    Mistake,
    exercise_stats,
    likely_causes,
    named_mistakes,
    summary,
    write_report,
)

MISSING_M = "propagate: dw for w of shape (2, 1): values differ. Likely cause: a missing 1/m."
KILLED = "the kernel died (the code exited the Python process, crashed, or went over the memory limit) in cell 12"
IMG = '<img src="data:image/png;base64,'


def exercise(name, score, max_score=2.0, error="", message="", notebook="numpy_basics"):
    return {"notebook": notebook, "exercise": name, "score": score, "max_score": max_score,
            "needs_manual_grade": False, "error": error, "message": message}


def result(student, *exercises, status="graded", reason="", seconds=1.0, worker="tcp://127.0.0.1:40123"):
    return {"format": "dlcourse-class-result-1", "assignment": "numpy_basics", "student": student, "digest": "x",
            "status": status, "reason": reason, "seconds": seconds, "worker": worker,
            "score": sum(e["score"] for e in exercises), "max_score": 4.0, "exercises": list(exercises)}


def failing(name, message, error="HiddenTestFailed"):
    return exercise(name, 0.0, error=error, message=message)


@pytest.fixture
def klass():
    """Five students: full marks, the 1/m mistake (twice for carol), a crash, an unreadable file, a slow one."""
    return [
        result("alice", exercise("sigmoid_tests", 2.0), exercise("propagate_tests", 2.0), seconds=3.0),
        result("bob", exercise("sigmoid_tests", 2.0), failing("propagate_tests", MISSING_M), seconds=40.5),
        result("carol", exercise("sigmoid_tests", 1.0, error="CheckError", message="sigmoid: off by 0.25 at [0, 1]"),
               failing("propagate_tests", MISSING_M + "\n" + MISSING_M.replace("dw", "db")), seconds=12.0),
        result("dave", failing("sigmoid_tests", "", error="KernelStopped"),
               failing("propagate_tests", "", error="NotRun"), reason=KILLED, seconds=90.25),
        result("erin", status="unreadable", reason="the file is not a notebook (invalid JSON)", seconds=0.1),
    ]


@pytest.mark.parametrize("message, causes", [
    (MISSING_M, ["a missing 1/m"]),
    ("update: w: values differ. Likely cause: a learning rate of 0.01 instead of 0.1.",
     ["a learning rate of 0.01 instead of 0.1"]),
    ("f: x: values differ. Likely cause: a missing 1/m, or a sum over the wrong axis.",
     ["a missing 1/m, or a sum over the wrong axis"]),
    ("f: dw has shape (3,). Likely cause: a rank-1 array (shape (n,)). Keep two dimensions, e.g. np.zeros((n, 1)).",
     ["a rank-1 array (shape (n,))"]),
    ("f: a: off. Likely cause: a wrong sign.\nf: b: off. Likely cause: a missing .T\nf: c: Likely cause: a wrong sign.",
     ["a wrong sign", "a missing .T"]),
    ("sigmoid: values differ.", []),
    ("", []),
])
def test_likely_causes_extracts_each_distinct_cause_in_order(message, causes):
    assert likely_causes(message) == causes


def test_named_mistakes_counts_a_student_once_per_exercise_and_cause(klass):
    mistakes = named_mistakes(klass)
    assert mistakes[0] == Mistake("propagate_tests", "numpy_basics", "a missing 1/m", ["bob", "carol"])
    assert Mistake("sigmoid_tests", "numpy_basics", "CheckError: sigmoid: off by # at [#, #]", ["carol"]) in mistakes


def test_named_mistakes_groups_errors_without_a_cause():
    causes = {m.cause: m.students for m in named_mistakes([
        result("a", failing("s", "", error="NotImplementedError"), failing("t", "", error="CellTimeoutError")),
        result("b", failing("s", "", error="NotImplementedError"), failing("t", "", error="KernelStopped")),
        result("c", failing("s", "name 'np' is not defined\nmore", error="NameError"),
               failing("t", "x" * 300, error="ValueError")),
    ])}
    assert causes.pop("not implemented yet") == ["a", "b"]
    assert causes.pop("stopped: crashed or timed out") == ["a", "b"]
    assert causes.pop("NameError: name 'np' is not defined") == ["c"]
    [(long, who)] = causes.items()
    assert long.startswith("ValueError: xxx") and len(long) <= 100 and who == ["c"]


def test_named_mistakes_sort_by_students_then_exercise_order_then_cause():
    first, second = "f: a: off. Likely cause: b cause.", "f: a: off. Likely cause: a cause."
    mistakes = named_mistakes([
        result("u", failing("one", first), failing("two", second + "\n" + first)),
        result("v", failing("one", first + "\n" + second), failing("two", first)),
        result("w", exercise("one", 2.0), failing("two", first)),
    ])
    assert [(m.exercise, m.cause, len(m.students)) for m in mistakes] == [
        ("two", "b cause", 3), ("one", "b cause", 2), ("one", "a cause", 1), ("two", "a cause", 1)]


def test_named_mistakes_ignore_passed_cells():
    assert named_mistakes([result("a", exercise("s", 2.0, message="Likely cause: nothing."))]) == []


def test_exercise_stats_give_pass_rate_mean_and_distribution_in_notebook_order(klass):
    sigmoid, propagate = exercise_stats(klass)
    assert sigmoid == ExerciseStats("numpy_basics", "sigmoid_tests", 2.0, 1.25, 0.5, 4, [(0.0, 1), (1.0, 1), (2.0, 2)])
    assert (propagate.exercise, propagate.pass_rate, propagate.mean_score, propagate.students) == (
        "propagate_tests", 0.25, 0.5, 4)


def test_summary_names_the_slowest_and_the_stopped_with_reasons(klass):
    text = summary(klass, 125.0)
    assert "5 students graded in 2 min 05 s" in text
    assert "mean score 1.4 of 4" in text  # (4 + 2 + 1 + 0 + 0) / 5
    slowest = text.split("slowest submissions")[1].split("stopped")[0]
    assert [line.split()[0] for line in slowest.strip().splitlines()[1:]] == ["dave", "bob", "carol"]
    assert "90.2" in slowest and "alice" not in slowest
    assert "stopped, unreadable or failed: 2" in text
    assert KILLED in text and "the file is not a notebook (invalid JSON)" in text
    assert any(line.split()[:2] == ["sigmoid_tests", "50%"] for line in text.splitlines())


def test_summary_aligns_columns(klass):
    header, *rows = summary(klass, 1.0).split("\n\n")[1].splitlines()
    assert len(rows) == 2 and {row.index("%") + 1 for row in rows} == {header.index("passed") + len("passed")}


def test_write_report_escapes_what_comes_from_results(tmp_path):
    attack = failing("s", "<script>alert(1)</script> Likely cause: x & y < z.", error="KernelStopped")
    mallory = result("<b>mallory</b>", attack, reason="died in <i>cell</i> 3")
    html_path, _ = write_report([mallory], tmp_path, assignment="a<1>", seconds=1.0)
    page = html_path.read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page and "a<1>" not in page
    assert "x &amp; y &lt; z" in page and "&lt;b&gt;mallory&lt;/b&gt;" in page and "died in &lt;i&gt;cell" in page


def test_write_report_escapes_a_message_without_cause(tmp_path):
    attack = failing("s", "<script>alert(1)</script>", error="ValueError")
    page = write_report([result("m", attack)], tmp_path, assignment="a", seconds=1.0)[0].read_text(encoding="utf-8")
    assert "<script>" not in page and "ValueError: &lt;script&gt;alert(#)&lt;/script&gt;" in page


def test_write_report_html_holds_figures_mistakes_and_troubles(klass, tmp_path):
    html_path, csv_path = write_report(klass, tmp_path / "out", assignment="numpy_basics", seconds=125.0)
    assert (html_path, csv_path) == (tmp_path / "out" / "report.html", tmp_path / "out" / "report.csv")
    page = html_path.read_text(encoding="utf-8")
    assert page.count(IMG) == 2
    assert "<h1>Class report: numpy_basics</h1>" in page and "5 students" in page and "2 min 05 s" in page
    assert "<td>propagate_tests</td><td>a missing 1/m</td><td>2</td><td>bob, carol</td>" in page
    assert KILLED in page and "erin" in page
    assert "http" not in page.replace("tcp://", "")  # nothing to fetch: it opens offline


def test_write_report_csv_has_a_row_per_student_and_exercise(klass, tmp_path):
    _, csv_path = write_report(klass, tmp_path, assignment="numpy_basics", seconds=1.0)
    with csv_path.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    exercises = ("sigmoid_tests", "propagate_tests")
    assert [(r["student"], r["exercise"]) for r in rows] == [
        (s, e) for s in ("alice", "bob", "carol", "dave") for e in exercises] + [("erin", "")]
    carol = rows[5]
    assert (carol["passed"], carol["error"], carol["likely_cause"]) == ("0", "HiddenTestFailed", "a missing 1/m")
    assert carol["message_first_line"] == MISSING_M
    assert (rows[0]["passed"], rows[0]["score"], rows[0]["max_score"]) == ("1", "2.0", "2.0")
    erin = rows[-1]
    assert (erin["error"], erin["passed"], erin["message_first_line"]) == (
        "unreadable", "0", "the file is not a notebook (invalid JSON)")


def test_write_report_csv_joins_several_causes_and_defuses_formulas(tmp_path):
    message = "=HYPERLINK(1) Likely cause: a wrong sign.\nf: b. Likely cause: a missing .T."
    _, csv_path = write_report([result("a", failing("s", message))], tmp_path, assignment="a", seconds=1.0)
    [row] = csv.DictReader(csv_path.open(newline="", encoding="utf-8"))
    assert row["likely_cause"] == "a wrong sign | a missing .T"
    assert row["message_first_line"] == "'=HYPERLINK(1) Likely cause: a wrong sign."


def test_empty_class_writes_a_report_that_says_so(tmp_path):
    html_path, csv_path = write_report([], tmp_path, assignment="numpy_basics", seconds=0.0)
    assert "the class is empty" in html_path.read_text(encoding="utf-8")
    assert csv_path.read_text(encoding="utf-8").splitlines() == [",".join(CSV_COLUMNS)]
    assert "the class is empty" in summary([], 0.0)
    assert named_mistakes([]) == [] and exercise_stats([]) == []


def test_write_report_handles_a_class_where_nothing_was_readable(tmp_path):
    results = [result("a", status="unreadable", reason="not a notebook"),
               result("b", status="failed", reason="it killed every worker")]
    page = write_report(results, tmp_path, assignment="x", seconds=2.0)[0].read_text(encoding="utf-8")
    assert page.count(IMG) == 1 and "it killed every worker" in page
    assert "failed" in summary(results, 2.0) and "it killed every worker" in summary(results, 2.0)
