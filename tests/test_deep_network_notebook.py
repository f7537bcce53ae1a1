"""The deep-network source notebook, executed end to end with a real kernel (full-length training)."""

import re

import pytest

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
