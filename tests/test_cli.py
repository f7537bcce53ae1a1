"""The course's command line: the main job (demo), self-grading, and the stand-in banner."""

import os

import pytest

from dlhelpers.grading import cli
from dlhelpers.grading.pipeline import source_notebooks
from helpers import REPO


@pytest.mark.slow
def test_demo_prints_reference_full_and_blank_zero(course_copy):
    root = course_copy(only=["gradient_checking"])  # the cheapest assignment to grade
    said = []
    rows, ok = cli.demo(root, say=said.append)
    assert ok
    [(assignment, (ref, ref_max), (blank, blank_max), seconds)] = rows
    assert assignment == "gradient_checking" and ref == ref_max == blank_max > 0 and blank == 0 and seconds > 0
    table = cli.format_table(rows).splitlines()
    assert table[0].split() == ["assignment", "reference", "blank", "seconds"]
    assert table[2].split()[:4] == ["gradient_checking", f"{ref_max:g}", "/", f"{ref_max:g}"]
    assert (root / "grades.csv").is_file()
    assert (root / "feedback" / "blank" / "gradient_checking" / "gradient_checking.html").is_file()


def _with_first_answer_a_stub(source, target):
    """``source`` with its first answer cell's body replaced by nbgrader's stub; returns the function's name."""
    import nbformat

    notebook = nbformat.read(source, as_version=4)
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution"))
    header = cell.source.split(":\n", 1)[0]
    cell.source = header + ":\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    nbformat.write(notebook, target)
    return header.split("def ", 1)[1].split("(", 1)[0]


@pytest.mark.slow
def test_selfgrade_scores_each_exercise_and_writes_feedback(tmp_path):
    mine = tmp_path / "gradient_checking.ipynb"  # the cheapest assignment to grade
    stub = _with_first_answer_a_stub(source_notebooks(REPO, "gradient_checking")[0], mine)
    said = []
    scores = cli.selfgrade(REPO, mine, say=said.append)
    assert len(scores) >= 4 and scores[0].score == 0 and all(s.score == s.max_score for s in scores[1:])
    assert said[said.index(next(line for line in said if scores[0].exercise in line)) + 1].strip() == (
        f"{stub} is not implemented yet: replace `raise NotImplementedError()` in its cell with your code.")
    assert any(line.startswith("total:") for line in said)
    feedback = (tmp_path / "gradient_checking.feedback.html").read_text()
    assert f"{stub} is not implemented yet" in feedback


def test_selfgrade_names_the_notebooks_it_knows(tmp_path):
    stray = tmp_path / "homework.ipynb"
    stray.write_text("{}")
    with pytest.raises(SystemExit, match="logistic_regression.ipynb"):
        cli.selfgrade(REPO, stray, say=lambda *_: None)


def test_choose_data_falls_back_to_labelled_standin(monkeypatch, tmp_path):
    from dlhelpers.datasets import _cats

    for key in ("DLHELPERS_DATA", "DLHELPERS_STANDIN"):
        monkeypatch.setenv(key, "")  # so that teardown restores it: choose_data sets DLHELPERS_STANDIN itself
        monkeypatch.delenv(key)
    monkeypatch.setattr(_cats, "_REPO_DATA_DIR", tmp_path)
    monkeypatch.setenv("DLHELPERS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("DLHELPERS_URL", "http://127.0.0.1:9/")  # the discard port: nothing answers
    said = []
    banner = cli.choose_data(say=said.append)
    assert "SYNTHETIC STAND-IN" in banner and said == [banner]
    assert os.environ["DLHELPERS_STANDIN"] == "1"


def test_choose_data_uses_photos_silently(photos, monkeypatch):
    monkeypatch.setenv("DLHELPERS_DATA", str(photos))
    monkeypatch.delenv("DLHELPERS_STANDIN", raising=False)
    said = []
    assert cli.choose_data(say=said.append) == "" and said == []


@pytest.mark.slow
def test_selfcheck_counts_visible_checks(course_copy):
    from dlhelpers.grading.pipeline import Course
    from dlhelpers.grading.selfcheck import format_report, visible_checks

    course = Course(course_copy(only=["numpy_basics"]))
    release = course.generate("numpy_basics") / "numpy_basics.ipynb"
    blank = visible_checks(release)
    assert blank and not any(passed for _, passed, _ in blank)
    assert format_report(blank).endswith(f"0 of {len(blank)} visible checks pass; hidden tests run at grading.")
    solved = visible_checks(source_notebooks(course.root, "numpy_basics")[0])
    assert [g for g, _, _ in solved] == [g for g, _, _ in blank] and all(p for _, p, _ in solved)
    assert blank[0][2] == ("CheckError: basic_sigmoid is not implemented yet: replace `raise "
                           "NotImplementedError()` in its cell with your code.")
