"""The deep-network source notebook: executed end to end with a real kernel (full-length training),
and its hidden tests, which are probes that record results for the judge."""

import ast
import json
import re

import nbformat
import pytest

from dlhelpers.grading.pipeline import grade_ids
from dlhelpers.grading.records import encode
from dlhelpers.grading.reference import cache_folder, reference_records
from helpers import NOTEBOOKS, execute_notebook, needs_photos, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "deep_network" / "deep_network.ipynb"


def accuracies(text):
    """{'2-layer network': (train, test), ...} from the comparison table the notebook prints."""
    rows = re.findall(r"^(.+?)\s+train accuracy\s+([\d.]+) %\s+test accuracy\s+([\d.]+) %$", text, flags=re.M)
    return {name.strip(): (float(train), float(test)) for name, train, test in rows}


@needs_photos
def test_deep_network_two_layer_headline_numbers_on_photos():
    text = printed_text(execute_notebook(NOTEBOOK))
    train, test = accuracies(text)["2-layer network"]
    assert train >= 99.0
    assert test >= 70.0
    assert (train, test) == (100.0, 74.0)  # as the text says: the same under every rounding measured
    costs = [float(c) for c in re.findall(r"Cost after iteration \d+: ([\d.]+)", text)]
    assert len(costs) == 2 * 25  # both models, iterations 0, 100, ..., 2400
    assert costs[0] == pytest.approx(0.693, abs=2e-3)  # weights of size 0.01: outputs near 1/2
    assert costs[24] < 0.1


@needs_photos
def test_deep_network_four_layer_headline_numbers_on_photos():
    text = printed_text(execute_notebook(NOTEBOOK))
    results = accuracies(text)
    train, test = results["4-layer network"]
    assert train >= 98.0
    assert test >= 76.0
    assert (train, test) == (100.0, 82.0)  # as the text says: the same under every rounding measured
    assert test > results["logistic regression"][1] == 70.0
    costs = [float(c) for c in re.findall(r"Cost after iteration \d+: ([\d.]+)", text)]
    assert costs[-1] < 0.15


@needs_photos
def test_deep_network_gradient_check_demo_agrees():
    text = printed_text(execute_notebook(NOTEBOOK))
    difference = float(re.search(r"overall relative difference: ([\d.e+-]+)", text).group(1))
    assert difference < 1e-7


@needs_photos
def test_deep_network_every_visible_check_passes():
    notebook = execute_notebook(NOTEBOOK)
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) == 13
    for cell in graded:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, (cell.metadata["nbgrader"]["grade_id"], errors)
        assert "All checks passed." in "".join(o.get("text", "") for o in cell.outputs)
    errors = [(c.get("id"), o.ename) for c in notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors


def _hidden(source):
    """The hidden part of a test cell's source."""
    return source.split("### BEGIN HIDDEN TESTS", 1)[1].split("### END HIDDEN TESTS", 1)[0]


def test_deep_network_hidden_tests_call_no_other_exercise():
    """Each exercise is graded on its own: a hidden test builds its inputs with numpy, never with
    another exercise's function (a mistake there would cost points here too)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    exercises = {node.name for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution")
                 for node in ast.parse(cell.source).body if isinstance(node, ast.FunctionDef)}
    assert len(exercises) == 13
    for cell in notebook.cells:
        if not cell.metadata.get("nbgrader", {}).get("grade"):
            continue
        own = cell.metadata["nbgrader"]["grade_id"].removesuffix("_tests")
        calls = {node.func.id for node in ast.walk(ast.parse(_hidden(cell.source)))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert calls & exercises == {own}, (own, calls & exercises)


def test_deep_network_hidden_tests_record_small_results_in_every_test_cell(tmp_path):
    """The reference run gives records for every test cell, and a cell's results stay well below the
    grader's output limit of 1 MB (a student's kernel sends the same records without the spec)."""
    expected = reference_records(NOTEBOOK, cache_folder(tmp_path / "cache"))
    for grade_id in grade_ids(NOTEBOOK):
        records = expected.get(grade_id)
        assert records, f"{grade_id} records nothing"
        size = len(json.dumps([{"name": name, "value": encode(r.value)} for name, r in records.items()]))
        assert size < 150_000, (grade_id, size)
    kinds = {r.judge for records in expected.values() for r in records.values()}
    assert {"close", "equal", "zero", "like", "same_as", "differs", "falls", "within", "shape"} <= kinds
