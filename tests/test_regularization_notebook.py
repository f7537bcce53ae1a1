"""The regularization source notebook, executed end to end with a real kernel.

The demo values are exact; the three trainings' accuracies are checked against the ranges that
floating-point rounding gives them (``figures.SPREAD``, measured by ``benchmarks/figure_spread.py``),
and both regularizers must raise the test accuracy over the plain network in every case.
"""

import re

import pytest

import figures
from helpers import NOTEBOOKS, execute_notebook, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "regularization" / "regularization.ipynb"
MODELS = ("without regularization", "L2 regularization", "dropout")


@pytest.fixture(scope="module")
def notebook():
    return execute_notebook(NOTEBOOK)


@pytest.fixture(scope="module")
def text(notebook):
    return printed_text(notebook)


@pytest.fixture(scope="module")
def markdown(notebook):
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def test_regularization_demos_print_what_the_text_states(text, markdown):
    for line in ("cross-entropy: 0.786195", "lambd = 0.5: cost = 0.956888", "lambd = 5.0: cost = 2.493123",
                 "D1: (40, 150)  D2: (10, 150)", "dW1: (40, 2)  db1: (40, 1)"):
        assert line in text, line
    for line in ("`cross-entropy: 0.786195`", "`lambd = 5.0: cost = 2.493123`"):
        assert line in markdown, line
    assert "keep_prob = 1 gives the plain forward pass: True" in text
    assert "dA1 where a unit was dropped: all zero? True" in text


def test_regularization_gradient_checks_pass_and_the_plain_cost_flags_the_weights(text):
    found = figures.regularization(text)
    assert found["L2 gradient check"] < 1e-7 and found["dropout gradient check"] < 1e-7
    assert "against the plain cost:       difference = 4.9e-01, wrong parameters: ['W1', 'W2', 'W3']" in text


def test_regularization_both_regularizers_raise_the_test_accuracy(text, markdown):
    found = figures.regularization(text)
    assert not figures.outside_spread(found, "regularization")
    assert found["dropout train"] == 90.0 and found["dropout test"] == 82.2  # the same in every regime
    spread = figures.SPREAD["regularization"]
    for name in MODELS:
        assert found[f"{name} test"] < found[f"{name} train"]
        for kind in ("train", "test"):
            low, high = spread.get(f"{name} {kind}", (found[f"{name} {kind}"],) * 2)
            stated = f"{low:.2f} %" if low == high else f"% ({figures.format_range(low, high, 2)} %)"
            row = next(line for line in markdown.splitlines() if line.startswith(f"| {name.split()[0]}"))
            assert stated in row, (name, kind, row)
    # the gain over the plain network holds in every regime measured, with a margin of 2 points
    plain_high = spread["without regularization test"][1]
    assert spread["L2 regularization test"][0] >= plain_high + 2 and found["dropout test"] >= plain_high + 2
    assert "| 95 / 91.5 % |" in markdown and "| 94 / 93 % |" in markdown and "| 93 / 95 % |" in markdown


def test_regularization_l2_keeps_the_weights_small(text):
    rows = re.findall(r"^\s*(without regularization|L2 regularization|dropout) \|.*\| +([\d.]+)$", text, flags=re.M)
    squares = {name: float(value) for name, value in rows}
    assert squares["without regularization"] > 10 * squares["L2 regularization"]


def test_regularization_every_cell_runs_and_every_visible_check_passes(notebook):
    errors = [(c.id, o.ename) for c in notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) == 4
    for cell in graded:
        assert "All checks passed." in "".join(o.get("text", "") for o in cell.outputs), cell.id
    drawn = [c.id for c in notebook.cells if any(o.output_type == "display_data" for o in c.get("outputs", []))]
    assert drawn == ["show_data", "gradient_check_l2", "compare"]
