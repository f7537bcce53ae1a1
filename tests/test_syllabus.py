"""The course order: numbers from notebooks/syllabus.json, unlisted assignments after, bad files named."""

import json

import pytest

from dlhelpers.grading.syllabus import load_syllabus


def _course(tmp_path, folders, listed=None):
    for name in folders:
        (tmp_path / "notebooks" / name).mkdir(parents=True)
        (tmp_path / "notebooks" / name / f"{name}.ipynb").write_text("{}")
    if listed is not None:
        (tmp_path / "notebooks" / "syllabus.json").write_text(json.dumps({"assignments": listed}))
    return tmp_path


def test_the_repository_syllabus_lists_every_assignment_in_course_order():
    from conftest import REPO

    entries = load_syllabus(REPO)
    assert [e.folder for e in entries][:3] == ["01_numpy_basics", "02_neurons_activations", "03_logistic_regression"]
    assert all(e.title and e.goal and e.minutes for e in entries)  # nothing falls back to "unlisted"
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))


def test_numbers_stay_when_some_assignments_are_missing_and_unlisted_ones_come_after(tmp_path):
    root = _course(tmp_path, ["b", "c", "zeta", "alpha"],
                   [{"assignment": "a", "minutes": 10}, {"assignment": "b"}, {"assignment": "c", "goal": "g"}])
    entries = load_syllabus(root)
    assert [(e.number, e.assignment) for e in entries] == [(2, "b"), (3, "c"), (4, "alpha"), (5, "zeta")]
    assert entries[1].goal == "g" and entries[2].folder == "04_alpha"


def test_without_a_syllabus_the_order_is_alphabetical(tmp_path):
    root = _course(tmp_path, ["b", "a"])
    assert [e.folder for e in load_syllabus(root)] == ["01_a", "02_b"]


@pytest.mark.parametrize("text, message", [
    ("[1, 2]", "is not a syllabus: expected"),
    ('{"assignments": [{"title": "no name"}]}', "is not a syllabus: expected"),
    ('{"assignments": [{"assignment": "a"}, {"assignment": "a"}]}', "lists a more than once"),
])
def test_a_bad_syllabus_names_the_file_and_what_is_expected(tmp_path, text, message):
    root = _course(tmp_path, ["a"])
    (root / "notebooks" / "syllabus.json").write_text(text)
    with pytest.raises(ValueError, match=message) as caught:
        load_syllabus(root)
    assert "syllabus.json" in str(caught.value)
