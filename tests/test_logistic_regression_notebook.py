"""The logistic-regression source notebook, executed end to end with a real kernel."""

import re

import pytest

from helpers import NOTEBOOKS, execute_notebook, needs_photos, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "logistic_regression" / "logistic_regression.ipynb"


@needs_photos
def test_logistic_regression_reproduces_headline_numbers_on_photos():
    text = printed_text(execute_notebook(NOTEBOOK))
    cost_1900 = float(re.search(r"Cost after iteration 1900: ([\d.]+)", text).group(1))
    assert cost_1900 == pytest.approx(0.1409, abs=1e-3)
    assert "train accuracy: 99.04 %" in text
    assert "test accuracy: 70.00 %" in text
    rates = dict(re.findall(r"learning rate ([\d.]+): train [\d.]+ %, test ([\d.]+) %", text))
    assert set(rates) == {"0.01", "0.001", "0.0001"}


@needs_photos
def test_logistic_regression_every_visible_check_passes():
    notebook = execute_notebook(NOTEBOOK)
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert graded
    for cell in graded:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, (cell.metadata["nbgrader"]["grade_id"], errors)
        assert "All checks passed." in "".join(o.get("text", "") for o in cell.outputs)
