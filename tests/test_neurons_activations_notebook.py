"""The neurons and activations source notebook, executed end to end with a real kernel.

The perceptron's mistakes, the sigmoid values and the derivatives are exact; the accuracies of the
three shallow networks and the curve fits are checked against the range that floating-point
rounding gives them (``figures.SPREAD``, measured by ``benchmarks/figure_spread.py``).
"""

import pytest

import figures
from helpers import NOTEBOOKS, execute_notebook, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "neurons_activations" / "neurons_activations.ipynb"


@pytest.fixture(scope="module")
def notebook():
    return execute_notebook(NOTEBOOK)


@pytest.fixture(scope="module")
def text(notebook):
    return printed_text(notebook)


@pytest.fixture(scope="module")
def markdown(notebook):
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def test_neurons_activations_perceptron_converges_on_separable_points_and_not_on_xor(text, markdown):
    assert "perceptron_predict = [[0 0 1 1]]" in text
    assert "w = [ 0.75 -0.75]  b = -1.5  mistakes per epoch: [3, 2, 2, 0, 0, 0]" in text
    separable = "32 separable points: mistakes per epoch [4, 0, 0, 0, 0, 0, 0, 0, 0, 0]"
    xor = "XOR: mistakes per epoch [3, 3, 4, 4, 4, 4, 4, 4, 4, 4]"
    for line in (separable, xor, "training accuracy: 100.0 %", "XOR: training accuracy 50.0 %"):
        assert line in text and line in markdown, line


def test_neurons_activations_sigmoid_moves_a_little_where_the_step_jumps(text):
    assert "w = 0.50: step output 1, sigmoid output 0.622459" in text
    assert "w = 0.51: step output 1, sigmoid output 0.624806" in text
    assert "w = -0.01 -> 0.01: step output 0 -> 1" in text


def test_neurons_activations_derivatives_saturate_as_stated(text, markdown):
    for line in ("largest derivative: sigmoid 0.2500, tanh 1.0000",
                 "at z = 4: sigmoid' = 0.0177, tanh' = 0.0013, ReLU' = 1"):
        assert line in text and line in markdown, line


def test_neurons_activations_linear_layers_collapse(text):
    found = figures.neurons_activations(text)
    assert "the single matrix has shape (3, 2)" in text and "same outputs: True" in text
    assert found["collapse difference"] < 1e-14


def test_neurons_activations_only_nonlinear_units_learn_the_flower(text, markdown):
    found = figures.neurons_activations(text)
    assert found["identity accuracy"] == 51.00 and found["tanh accuracy"] == 93.50
    assert not figures.outside_spread(found, "neurons_activations")
    assert found["tanh accuracy"] > 90 and found["ReLU accuracy"] > 85 and found["identity accuracy"] < 55
    low, high = figures.SPREAD["neurons_activations"]["ReLU accuracy"]
    assert f"| 51.00 % | 93.50 % | {figures.format_range(low, high, 2)} % |" in markdown
    assert f"| 51.00 % | 93.50 % | {found['ReLU accuracy']:.2f} % |" in markdown


def test_neurons_activations_more_units_fit_the_curve_better(text, markdown):
    found = figures.neurons_activations(text)
    errors = [found[f"{n} units error"] for n in (1, 3, 10, 50)]
    assert errors == [0.3743, 0.0546, 0.0071, 0.0011]
    assert "`0.3743`, `0.0546`, `0.0071` and `0.0011`" in markdown
    assert errors[-1] < errors[0] / 100


def test_neurons_activations_every_cell_runs_and_every_visible_check_passes(notebook):
    errors = [(c.id, o.ename) for c in notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) == 9
    for cell in graded:
        assert "All checks passed." in "".join(o.get("text", "") for o in cell.outputs), cell.id
    figures_drawn = [c.id for c in notebook.cells if any(o.output_type == "display_data" for o in c.get("outputs", []))]
    assert figures_drawn == ["perceptron_plots", "sigmoid_neuron", "activations_figure", "activations_compared",
                             "universal_approximation"]



def _uses_outside_functions(source, name):
    """The lines of ``source`` outside ``def`` blocks that mention ``name``, in order."""
    import re

    lines, inside = [], False
    for line in source.splitlines():
        if line and not line[0].isspace():
            inside = line.startswith(("def ", "@"))
        if not inside and re.search(rf"(?<![\w.]){name}\b", line):
            lines.append(line)
    return lines


def test_neurons_activations_each_demo_makes_its_own_generator():
    """A cell that draws random numbers seeds its own generator first: re-running it, or running
    the cells in another order, gives the numbers the text states."""
    import nbformat

    seeding = "rng = np.random.default_rng(SEED)"
    demos = []
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        uses = _uses_outside_functions(cell.source, "rng") if cell.cell_type == "code" else []
        if uses and cell.metadata.get("nbgrader", {}).get("grade_id") != "setup":
            demos.append(cell.metadata.get("nbgrader", {}).get("grade_id"))
            assert uses[0] == seeding, f"{demos[-1]}: the first use of rng is {uses[0]!r}, not {seeding!r}"
    assert demos == ["perceptron_separable", "collapse_demo", "activations_compared", "universal_approximation"]
