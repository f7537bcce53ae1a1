"""Mistake and valid-alternative catalogs, injected into submissions and autograded for real.

For every assignment with a catalog (``tests/catalog/<assignment>.py``): each mistake loses points
on its exercise, the common ones are named by the visible check, and every valid alternative gets
full marks. The counts are printed (run with ``-s`` to see them).
"""

import importlib
import json
from collections import defaultdict

import nbformat
import pytest

from dlhelpers.grading.pipeline import assignments, grade_ids, source_notebooks
from helpers import REPO
from parallel_grading import autograde_all

pytestmark = pytest.mark.slow
CATALOGED = [a for a in assignments(REPO) if importlib.util.find_spec(f"catalog.{a}") is not None]


def _inject(source, entries, target, *, restore=True):
    """The reference notebook with each entry's answer cell replaced by the entry's code.

    Right after the entry's test cell, an ordinary cell re-runs the reference answer (unless
    ``restore`` is false), so a mistake is graded on its own exercise and does not cascade into
    the later ones.
    """
    notebook = nbformat.read(source, as_version=4)
    by_cell = {entry.cell: entry for entry in entries}
    assert len(by_cell) == len(entries), "two entries of one student replace the same answer cell"
    restore_after = defaultdict(list)
    cells = []
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in by_cell:
            if restore:
                restore_after[by_cell[grade_id].test_cell].append(cell.source)
            cell.source = by_cell[grade_id].code
        cells.append(cell)
        for reference in restore_after.pop(grade_id, []) if grade_id else []:
            cells.append(nbformat.v4.new_code_cell(reference))
    assert not restore_after, f"test cells not found after their answer cells: {list(restore_after)}"
    missing = set(by_cell) - {c.metadata.get("nbgrader", {}).get("grade_id") for c in notebook.cells}
    assert not missing, f"the catalog names answer cells the notebook does not have: {missing}"
    notebook.cells = cells
    nbformat.write(notebook, target)
    return target


def _students(entries):
    """Student k gets the k-th entry of every test cell (each exercise is graded on its own: the
    reference answer is re-run after each test cell)."""
    per_test = defaultdict(list)
    for entry in entries:
        per_test[entry.test_cell].append(entry)
    rounds = max(len(group) for group in per_test.values())
    return [[group[k] for group in per_test.values() if k < len(group)] for k in range(rounds)]


def _test_cell_output(path, grade_id):
    for cell in json.loads(path.read_text())["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            parts = []
            for output in cell.get("outputs", []):
                parts += [output.get("evalue", ""), "".join(output.get("text", ""))]
            return "\n".join(parts)
    return ""


@pytest.mark.parametrize("assignment", CATALOGED)
def test_catalog_mistakes_lose_points_and_valid_alternatives_pass(assignment, tmp_path):
    catalog = importlib.import_module(f"catalog.{assignment}")
    [source] = source_notebooks(REPO, assignment)
    tests = grade_ids(source)
    per_test = defaultdict(int)
    for entry in catalog.MISTAKES:
        assert entry.test_cell in tests, f"{entry.name}: no test cell {entry.test_cell}"
        per_test[entry.test_cell] += 1
    assert all(per_test[t] >= 3 for t in tests), f"fewer than 3 mistakes for {[t for t in tests if per_test[t] < 3]}"
    assert catalog.VALID, "the catalog needs valid alternatives"

    # valid alternatives get students of their own: an alternative that updates the caller's arrays
    # in place may change a notebook's demo variables, which a mistake's message depends on
    students = _students(catalog.MISTAKES) + _students(catalog.VALID)
    submissions = {f"student_{k}": entries for k, entries in enumerate(students)}
    valid = set(catalog.VALID)
    notebooks = {}
    for student, entries in submissions.items():
        (tmp_path / student).mkdir()
        notebooks[student] = _inject(source, entries, tmp_path / student / source.name)
    independent = getattr(catalog, "INDEPENDENT", [])
    if independent:
        (tmp_path / "independent").mkdir()
        notebooks["independent"] = _inject(source, independent, tmp_path / "independent" / source.name,
                                           restore=False)
    graded = autograde_all(REPO, assignment, notebooks, tmp_path / "courses")

    kept, to_keep, problems = 0, 0, []
    if independent:
        scores, folder = graded["independent"]
        for entry in independent:
            if scores[entry.test_cell].score == scores[entry.test_cell].max_score:
                problems.append(f"independent mistake '{entry.name}' kept full marks on {entry.test_cell}")
            for cell in entry.keeps:
                to_keep += 1
                if scores[cell].score == scores[cell].max_score:
                    kept += 1
                else:
                    output = _test_cell_output(folder / source.name, cell)
                    problems.append(f"'{entry.name}' ({entry.cell}) cost points on {cell}: {output[:300]}")

    caught, named, to_name, passed = 0, 0, 0, 0
    for student, entries in submissions.items():
        scores, folder = graded[student]
        graded_notebook = folder / source.name
        for entry in entries:
            score = scores[entry.test_cell]
            if entry in valid:
                ok = score.score == score.max_score
                passed += ok
                if not ok:
                    output = _test_cell_output(graded_notebook, entry.test_cell)
                    problems.append(f"valid '{entry.name}' lost points: {output[:300]}")
                continue
            if score.score < score.max_score:
                caught += 1
            else:
                problems.append(f"mistake '{entry.name}' ({entry.cell}) kept full marks")
            if entry.message:
                to_name += 1
                output = _test_cell_output(graded_notebook, entry.test_cell)
                if entry.message in output:
                    named += 1
                else:
                    problems.append(f"mistake '{entry.name}': the check did not say '{entry.message}': {output[:300]}")
    total_valid = len(catalog.VALID)
    print(f"\n{assignment}: mistakes caught {caught}/{len(catalog.MISTAKES)}, named {named}/{to_name}, "
          f"valid alternatives passed {passed}/{total_valid}, "
          f"other exercises unaffected by a mistake {kept}/{to_keep}")
    assert not problems, "\n".join(problems)
