"""The student's folder: ``course.py lab`` never overwrites saved work; ``reset`` keeps a copy first."""

import json
import os
import subprocess
import sys

import pytest

from dlhelpers.grading import workspace
from dlhelpers.grading.pipeline import Course

ASSIGNMENT = "gradient_checking"  # the cheapest to generate
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"  # in release/ and notebooks/
FOLDER = f"07_{ASSIGNMENT}"  # seventh in notebooks/syllabus.json
MINE = f"{FOLDER}/{ASSIGNMENT}.ipynb"  # in student/


def _edit(path, text="my own work"):
    notebook = json.loads(path.read_text())
    notebook["cells"].append({"cell_type": "markdown", "id": "mine", "metadata": {}, "source": text})
    path.write_text(json.dumps(notebook))


def _release_mtime(root):
    return (root / "release" / NOTEBOOK).stat().st_mtime_ns


def test_relaunch_keeps_the_students_edit_and_does_not_regenerate(course_copy):
    course = Course(course_copy(only=[ASSIGNMENT]))
    said = []
    folder = workspace.prepare(course, say=said.append)
    mine = folder / MINE
    assert mine.read_bytes() == (course.root / "release" / NOTEBOOK).read_bytes()
    assert f"[{ASSIGNMENT}] new: student/{MINE}" in said
    _edit(mine)
    generated = _release_mtime(course.root)
    said.clear()
    workspace.prepare(course, say=said.append)
    assert "my own work" in mine.read_text()
    assert _release_mtime(course.root) == generated and said == []  # nothing changed, nothing written


def test_a_changed_source_regenerates_release_but_not_the_students_copy(course_copy):
    course = Course(course_copy(only=[ASSIGNMENT]))
    mine = workspace.prepare(course, say=lambda _: None) / MINE
    _edit(mine)
    source = course.root / "notebooks" / NOTEBOOK
    _edit(source, "a new paragraph from the instructor")
    said = []
    workspace.prepare(course, say=said.append)
    assert "a new paragraph from the instructor" in (course.root / "release" / NOTEBOOK).read_text()
    assert "my own work" in mine.read_text() and "from the instructor" not in mine.read_text()
    assert said == [f"[{ASSIGNMENT}] writing the student version"]


def test_reset_keeps_a_timestamped_copy_and_says_where(course_copy):
    course = Course(course_copy(only=[ASSIGNMENT]))
    mine = workspace.prepare(course, say=lambda _: None) / MINE
    _edit(mine)
    said = []
    backup = workspace.reset(course, ASSIGNMENT, say=said.append)
    assert "my own work" in (backup / f"{ASSIGNMENT}.ipynb").read_text()
    assert backup.parent == course.root / "student" / "backups" and backup.name.startswith(f"{ASSIGNMENT}-")
    assert f"[{ASSIGNMENT}] your work is kept in student/backups/{backup.name}/" in said
    assert mine.read_bytes() == (course.root / "release" / NOTEBOOK).read_bytes()
    again = workspace.reset(course, ASSIGNMENT, say=lambda _: None)  # within the same second: a second copy
    assert again != backup and backup.is_dir() and again.is_dir()


def test_reset_of_an_unknown_assignment_names_the_ones_there_are(course_copy):
    course = Course(course_copy(only=[ASSIGNMENT]))
    with pytest.raises(ValueError, match=f"no assignment 'gradient_check'; the assignments are {ASSIGNMENT}"):
        workspace.reset(course, "gradient_check", say=lambda _: None)


def test_work_done_in_release_by_an_earlier_version_moves_to_the_students_folder(course_copy):
    course = Course(course_copy(only=[ASSIGNMENT]))
    course.generate(ASSIGNMENT)  # the earlier layout: students worked in release/ itself
    _edit(course.root / "release" / NOTEBOOK)
    said = []
    workspace.prepare(course, say=said.append)
    assert "my own work" in (course.root / "student" / MINE).read_text()
    assert said[0] == f"[{ASSIGNMENT}] your notebooks in release/{ASSIGNMENT}/ are now in student/{FOLDER}/"


def test_folders_are_numbered_in_course_order_and_the_start_page_lists_them(course_copy):
    course = Course(course_copy(only=["numpy_basics", ASSIGNMENT]))
    folder = workspace.prepare(course, say=lambda _: None)
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == ["01_numpy_basics", FOLDER]
    page = (folder / "START_HERE.md").read_text()
    warm_up = page.index("[Python and numpy basics](01_numpy_basics/numpy_basics.ipynb)")
    assert warm_up < page.index(f"[Gradient checking]({MINE})")
    assert "| 1 h 00 min |" in page and "About 2 h 00 min in all." in page
    assert "raise NotImplementedError()" in page and "course.py reset" in page


def test_a_folder_of_an_earlier_layout_or_number_is_renamed_never_onto_one_that_exists(course_copy):
    course = Course(course_copy(only=["numpy_basics", ASSIGNMENT]))
    folder = workspace.prepare(course, say=lambda _: None)
    _edit(folder / MINE)
    (folder / FOLDER).rename(folder / ASSIGNMENT)  # student/<assignment>/, as before numbering
    (folder / "01_numpy_basics").rename(folder / "03_numpy_basics")  # the number it had in an older order
    said = []
    workspace.prepare(course, say=said.append)
    assert "my own work" in (folder / MINE).read_text() and not (folder / ASSIGNMENT).exists()
    assert f"[{ASSIGNMENT}] student/{ASSIGNMENT}/ is now student/{FOLDER}/" in said
    assert (folder / "01_numpy_basics" / "numpy_basics.ipynb").is_file() and not (folder / "03_numpy_basics").exists()
    (folder / ASSIGNMENT).mkdir()  # both there: neither is touched
    (folder / ASSIGNMENT / "notes.txt").write_text("mine too")
    workspace.prepare(course, say=lambda _: None)
    assert (folder / ASSIGNMENT / "notes.txt").read_text() == "mine too"
    assert "my own work" in (folder / MINE).read_text()


def test_a_start_page_the_student_edited_is_left_alone(course_copy):
    course = Course(course_copy(only=[ASSIGNMENT]))
    folder = workspace.prepare(course, say=lambda _: None)
    page = folder / "START_HERE.md"
    page.write_text(page.read_text() + "\nmy plan: one notebook a week\n")
    syllabus = course.root / "notebooks" / "syllabus.json"
    order = json.loads(syllabus.read_text())
    [entry] = [e for e in order["assignments"] if e["assignment"] == ASSIGNMENT]
    assert entry["minutes"] != 75
    entry["minutes"] = 75  # the course changed the time it states: 1 h 15 min
    syllabus.write_text(json.dumps(order))
    said = []
    workspace.prepare(course, say=said.append)
    assert "my plan" in page.read_text() and "1 h 15 min" not in page.read_text()
    assert said == ["START_HERE.md has changes of yours, so it is left as it is (delete it to get the current one)"]
    page.unlink()
    workspace.prepare(course, say=lambda _: None)
    assert "1 h 15 min" in page.read_text()


def test_reset_takes_the_folder_name_too(course_copy):
    course = Course(course_copy(only=[ASSIGNMENT]))
    mine = workspace.prepare(course, say=lambda _: None) / MINE
    _edit(mine)
    backup = workspace.reset(course, FOLDER, say=lambda _: None)
    assert backup.name.startswith(f"{ASSIGNMENT}-") and "my own work" not in mine.read_text()


@pytest.mark.slow
def test_course_py_reset_and_workspace_commands(tmp_path):
    from test_class_grading import make_course

    root = make_course(tmp_path, ASSIGNMENT)
    env = {k: v for k, v in os.environ.items() if k != "DLCOURSE_ROOT"}

    def course_py(*args):
        return subprocess.run([sys.executable, str(root / "course.py"), *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=300)

    first = course_py("reset", "nothing")
    assert first.returncode == 1 and f"the assignments are {ASSIGNMENT}" in first.stderr
    run = course_py("reset", ASSIGNMENT)
    assert run.returncode == 0, run.stderr
    mine = root / "student" / MINE
    _edit(mine)
    run = course_py("reset", ASSIGNMENT)
    assert run.returncode == 0 and "your work is kept in student/backups/" in run.stdout
    assert "my own work" not in mine.read_text()
