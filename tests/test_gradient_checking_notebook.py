"""The gradient-checking source notebook, executed end to end with a real kernel."""

import re

import nbformat
import pytest

from helpers import NOTEBOOKS, execute_notebook, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "gradient_checking" / "gradient_checking.ipynb"


def difference_after(text, prefix):
    """The number printed after ``prefix ... difference = ``."""
    return float(re.search(re.escape(prefix) + r".*?difference = ([\d.e+-]+)", text).group(1))


def test_gradient_checking_two_sided_error_is_order_eps_squared():
    text = printed_text(execute_notebook(NOTEBOOK))
    errors = {eps: (float(two), float(one)) for eps, two, one in
              re.findall(r"epsilon = ([\d.e+-]+): two-sided error ([\d.e+-]+), one-sided error ([\d.e+-]+)", text)}
    assert errors["1e-02"] == (1.7e-05, 5.0e-03)  # eps**2 / 6 and eps / 2 for exp
    assert errors["1e-04"] == (1.7e-09, 5.0e-05)
    assert errors["1e-07"][0] < 1e-9


def test_gradient_checking_one_dimensional_case_passes():
    text = printed_text(execute_notebook(NOTEBOOK))
    assert "J = 8" in text and "dtheta = 2" in text
    assert "Your backward propagation works perfectly fine! difference = 2.919e-10" in text


def test_gradient_checking_finds_the_planted_bugs_and_the_fix_removes_them():
    text = printed_text(execute_notebook(NOTEBOOK))
    assert "cost = 1.1612" in text
    buggy = difference_after(text, "There is a mistake in the backward propagation!")
    assert buggy == pytest.approx(0.228, abs=1e-3)
    assert "wrong parameters: ['b1', 'W2']" in text
    assert re.search(r"b1: 6\.000e-01\s+WRONG", text) and re.search(r"W2: 3\.333e-01\s+WRONG", text)
    passed = re.findall(r"works perfectly fine! difference = ([\d.e+-]+)", text)
    assert len(passed) == 2  # the 1-D check, then the fixed network
    assert float(passed[1]) == pytest.approx(1.3e-9, rel=0.1)
    assert "wrong parameters after the fix: []" in text


def test_gradient_checking_every_visible_check_passes_and_nothing_fails():
    notebook = execute_notebook(NOTEBOOK)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, (cell.get("id"), errors)
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata["nbgrader"]["grade_id"] for c in graded] == [
        "forward_propagation_tests", "backward_propagation_tests", "gradient_check_tests",
        "gradient_check_n_tests", "backward_propagation_n_fixed_tests"]
    for cell in graded:
        assert "All checks passed." in "".join(o.get("text", "") for o in cell.outputs)


def test_gradient_checking_data_is_seeded_visibly_before_the_first_exercise():
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    first_solution = next(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("solution"))
    data = next(i for i, c in enumerate(cells) if "np.random.default_rng(" in c.source)
    assert data < first_solution
    assert "rng = np.random.default_rng(1)" in cells[data].source
