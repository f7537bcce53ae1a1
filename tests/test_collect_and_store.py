"""Collecting a class's files with nbgrader's zip_collect, and storing results in the gradebook.

No kernel runs here: the collector gets real LMS-shaped downloads (dummy notebooks), and the store
gets hand-written results against a real gradebook made by ``generate_assignment``.
"""

import csv
import zipfile

import pytest

from dlhelpers.grading.collect import CollectError, collect, name_pattern
from dlhelpers.grading.pipeline import Course, copy_course
from dlhelpers.grading.store import store_result
from helpers import REPO

ASSIGNMENT = "numpy_basics"


@pytest.fixture
def course(tmp_path):
    return Course(copy_course(REPO, tmp_path / "course", only=[ASSIGNMENT]))


def _submitted(course):
    folder = course.root / "submitted"
    return {p.parent.parent.name: p.read_text() for p in sorted(folder.glob(f"*/{ASSIGNMENT}/*.ipynb"))}


def test_collect_plain_names_take_the_student_id_before_the_notebook_name(course, tmp_path):
    download = tmp_path / "download"
    download.mkdir()
    (download / f"j.doe_{ASSIGNMENT}.ipynb").write_text("jane")
    (download / f"max-mustermann_{ASSIGNMENT}-2.ipynb").write_text("max, second upload")
    (download / "ada").mkdir()
    (download / "ada" / f"{ASSIGNMENT}.ipynb").write_text("ada, a folder per student")
    (download / "notes.txt").write_text("not a notebook")
    collected = collect(course, ASSIGNMENT, download)
    assert collected.students == ["ada", "j.doe", "max-mustermann"]
    assert _submitted(course) == {"ada": "ada, a folder per student", "j.doe": "jane",
                                  "max-mustermann": "max, second upload"}
    assert [why for path, why in collected.skipped if path.endswith("notes.txt")]


def test_collect_canvas_zip_uses_the_user_id_and_drops_reupload_suffixes(course, tmp_path):
    download = tmp_path / "submissions.zip"
    with zipfile.ZipFile(download, "w") as archive:
        archive.writestr(f"smithjohn_12345_67890_{ASSIGNMENT}.ipynb", "john")
        archive.writestr(f"doejane_late_222_333_{ASSIGNMENT}-1.ipynb", "jane, late")
        archive.writestr(f"doejane_late_222_333_other_{ASSIGNMENT}.ipynb", "not this assignment's name")
    collected = collect(course, ASSIGNMENT, download, pattern="canvas")
    assert collected.students == ["12345", "222"]
    assert _submitted(course) == {"12345": "john", "222": "jane, late"}
    assert len(collected.skipped) == 1


def test_collect_moodle_folders_use_the_participant_id(course, tmp_path):
    download = tmp_path / "moodle.zip"
    with zipfile.ZipFile(download, "w") as archive:
        archive.writestr(f"Jane Doe_444_assignsubmission_file_/{ASSIGNMENT}.ipynb", "jane")
        archive.writestr(f"Li Wei_555_assignsubmission_file_{ASSIGNMENT}.ipynb", "wei")
    assert collect(course, ASSIGNMENT, download, pattern="moodle").students == ["444", "555"]
    assert _submitted(course) == {"444": "jane", "555": "wei"}


def test_collect_a_new_download_replaces_a_students_earlier_files(course, tmp_path):
    for round_, text in enumerate(["first", "second"]):
        download = tmp_path / f"round{round_}"
        download.mkdir()
        (download / f"ann_{ASSIGNMENT}.ipynb").write_text(text)
        collect(course, ASSIGNMENT, download)
    assert _submitted(course) == {"ann": "second"}


def test_collect_only_some_students_leaves_the_others_as_they_were(course, tmp_path):
    for round_, text in enumerate(["first", "second"]):
        download = tmp_path / f"round{round_}"
        download.mkdir()
        for student in ("ann", "bo", "cy"):
            (download / f"{student}_{ASSIGNMENT}.ipynb").write_text(f"{student} {text}")
        tree = tmp_path / f"tree{round_}" / "dee" / ASSIGNMENT
        tree.mkdir(parents=True)
        (tree / f"{ASSIGNMENT}.ipynb").write_text(f"dee {text}")
        only = None if round_ == 0 else ["bo"]  # the second time, only bo is asked for
        from_lms = collect(course, ASSIGNMENT, download, only=only)
        from_tree = collect(course, ASSIGNMENT, tree.parent.parent, only=only)
    assert from_lms.students == ["bo"] and from_tree.students == []
    assert _submitted(course) == {"ann": "ann first", "bo": "bo second", "cy": "cy first", "dee": "dee first"}


def test_collect_submitted_tree_is_taken_as_it_is(course, tmp_path):
    tree = tmp_path / "submitted"
    (tree / "bo" / ASSIGNMENT).mkdir(parents=True)
    (tree / "bo" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").write_text("bo")
    (tree / "bo" / ASSIGNMENT / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")
    assert collect(course, ASSIGNMENT, tree).students == ["bo"]
    assert (course.root / "submitted" / "bo" / ASSIGNMENT / "timestamp.txt").is_file()


def test_collect_bad_sources_and_patterns_say_what_to_give(course, tmp_path):
    with pytest.raises(CollectError, match="no submissions at"):
        collect(course, ASSIGNMENT, tmp_path / "missing")
    (tmp_path / "notes.zip").write_text("not a zip")
    with pytest.raises(CollectError, match="not a .zip file"):
        collect(course, ASSIGNMENT, tmp_path / "notes.zip")
    with pytest.raises(CollectError, match="lacks file_id"):
        name_pattern(r".*/(?P<student_id>\w+)\.ipynb", [ASSIGNMENT])
    with pytest.raises(CollectError, match="not a regular expression"):
        name_pattern("(", [ASSIGNMENT])


# --- the store -------------------------------------------------------------------------------------

@pytest.fixture
def generated(course):
    course.generate(ASSIGNMENT)
    return course


def _result(student, scores, status="graded"):
    exercises = [{"notebook": ASSIGNMENT, "exercise": name, "score": score, "max_score": 2.0,
                  "needs_manual_grade": False, "error": "", "message": ""} for name, score in scores.items()]
    return {"assignment": ASSIGNMENT, "student": student, "status": status, "reason": "", "exercises": exercises,
            "comments": []}


def _grades(course, student):
    from nbgrader.api import Gradebook

    with Gradebook(course.config.CourseDirectory.db_url) as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, student)
        return {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade)
                for n in submission.notebooks for g in n.grades}, len(gradebook.assignment_submissions(ASSIGNMENT))


def _all_cells(course):
    from dlhelpers.grading.pipeline import grade_ids, source_notebooks

    return grade_ids(source_notebooks(course.root, ASSIGNMENT)[0])


def test_store_twice_updates_one_submission(generated):
    cells = _all_cells(generated)
    store_result(generated.config.CourseDirectory.db_url, _result("ann", dict.fromkeys(cells, 1.0)))
    store_result(generated.config.CourseDirectory.db_url, _result("ann", dict.fromkeys(cells, 0.5)))
    grades, submissions = _grades(generated, "ann")
    assert submissions == 1
    assert {name: auto for name, (auto, _, _) in grades.items()} == dict.fromkeys(cells, 0.5)


def test_store_a_broken_result_leaves_the_earlier_grades(generated):
    cells = _all_cells(generated)
    db = generated.config.CourseDirectory.db_url
    store_result(db, _result("ann", dict.fromkeys(cells, 1.0)))
    broken = _result("ann", {**dict.fromkeys(cells, 0.0), "invented_tests": 1.0})
    with pytest.raises(KeyError, match="invented_tests"):
        store_result(db, broken)
    grades, _ = _grades(generated, "ann")
    assert {name: auto for name, (auto, _, _) in grades.items()} == dict.fromkeys(cells, 1.0)


def test_store_keeps_a_manual_score_and_flags_it_for_review(generated):
    from nbgrader.api import Gradebook

    cells = _all_cells(generated)
    db = generated.config.CourseDirectory.db_url
    store_result(db, _result("ann", dict.fromkeys(cells, 1.0)))
    with Gradebook(db) as gradebook:
        gradebook.find_grade(cells[0], ASSIGNMENT, ASSIGNMENT, "ann").manual_score = 0.25
        gradebook.db.commit()
    store_result(db, _result("ann", dict.fromkeys(cells, 0.0)))
    grades, _ = _grades(generated, "ann")
    assert grades[cells[0]] == (0.0, 0.25, True)
    assert grades[cells[1]] == (0.0, None, False)


def test_store_an_unreadable_submission_scores_zero_everywhere(generated):
    db = generated.config.CourseDirectory.db_url
    store_result(db, _result("ann", {}, status="unreadable"))
    grades, _ = _grades(generated, "ann")
    assert {auto for auto, _, _ in grades.values()} == {0.0}


def test_gradebook_version_read_in_process_is_what_alembic_heads_prints(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from nbgrader.dbutil import _temp_alembic_ini

    from dlhelpers.grading.pipeline import _alembic_head

    alembic = Path(sys.executable).parent / "alembic"
    with _temp_alembic_ini(f"sqlite:///{tmp_path / 'gradebook.db'}") as ini:
        printed = subprocess.run([str(alembic), "-c", ini, "heads"], capture_output=True, text=True, check=True)
    assert printed.stdout.split()[0] == _alembic_head()


def test_store_gives_a_late_submission_the_penalty_of_nbgraders_config(generated):
    from datetime import datetime, timedelta

    from nbgrader.api import Gradebook

    from dlhelpers.grading.store import late_plugin

    with open(generated.root / "nbgrader_config.py", "a") as config:
        config.write('\nc.LateSubmissionPlugin.penalty_method = "zero"\n')  # a late notebook scores 0
    course = Course(generated.root)
    db, due = course.config.CourseDirectory.db_url, datetime(2026, 12, 1, 17, 0)
    with Gradebook(db) as gradebook:
        gradebook.update_or_create_assignment(ASSIGNMENT, duedate=due)
    cells = _all_cells(course)
    late = late_plugin(course.config)
    store_result(db, _result("ann", dict.fromkeys(cells, 1.0)), due - timedelta(minutes=5), late=late)
    store_result(db, _result("ben", dict.fromkeys(cells, 1.0)), due + timedelta(hours=2), late=late)
    store_result(db, _result("cat", dict.fromkeys(cells, 1.0)), due + timedelta(hours=2), late=late)
    store_result(db, _result("cat", dict.fromkeys(cells, 1.0)), due - timedelta(hours=1), late=late)  # on time now

    with Gradebook(db) as gradebook:
        penalties = {s: gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, s).late_submission_penalty
                     for s in ("ann", "ben", "cat")}
        ben = gradebook.find_submission(ASSIGNMENT, "ben")
        assert ben.total_seconds_late == 7200 and ben.score == len(cells)
    assert penalties == {"ann": None, "ben": float(len(cells)), "cat": None}
    course.export_csv()  # nbgrader's export: the score after the penalty
    with open(course.root / "grades.csv") as export:
        rows = {row["student_id"]: row for row in csv.DictReader(export)}
    assert float(rows["ben"]["late_submission_penalty"]) == len(cells) and float(rows["ben"]["score"]) == 0
    assert float(rows["ann"]["score"]) == len(cells)
