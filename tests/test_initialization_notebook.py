"""The initialization source notebook, executed end to end with a real kernel."""

import re

import pytest

import figures
from helpers import NOTEBOOKS, execute_notebook, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "initialization" / "initialization.ipynb"
RUNS = ("zeros", "random", "he", "xavier")


@pytest.fixture(scope="module")
def text():
    return printed_text(execute_notebook(NOTEBOOK))


def accuracies(text):
    found = re.findall(r"(\w+) initialization: train accuracy ([\d.]+) %, test accuracy ([\d.]+) %", text)
    return {name: (float(train), float(test)) for name, train, test in found}


def costs_per_run(text):
    """The printed costs of the four trainings, in the order they ran (15 per run of 15,000 iterations)."""
    costs = [float(c) for c in re.findall(r"Cost after iteration \d+: ([\d.]+)", text)]
    assert len(costs) == 15 * len(RUNS)
    return {name: costs[15 * i:15 * (i + 1)] for i, name in enumerate(RUNS)}


def test_initialization_accuracies_meet_headline(text):
    results = accuracies(text)
    assert set(results) == set(RUNS)
    assert results["zeros"] == (50.0, 50.0)
    he_train, he_test = results["he"]
    assert he_train >= 95 and he_test >= 92
    random_train, random_test = results["random"]
    assert random_train <= he_train - 10 and random_test <= he_test - 10
    assert not figures.outside_spread(figures.initialization(text), "initialization")
    assert results["he"] == (99.0, 97.0) and results["xavier"] == (99.0, 95.0)
    assert results["xavier"][0] >= 95 and results["xavier"][1] >= 90


def test_initialization_text_states_the_large_random_range():
    markdown = "\n".join(c.source for c in execute_notebook(NOTEBOOK).cells if c.cell_type == "markdown")
    spread = figures.SPREAD["initialization"]
    train, test = (figures.format_range(*spread[f"random {part}"], 2) for part in ("train", "test"))
    assert f"and {train} % train and {test} % test on others" in markdown
    stated = re.search(r"\*\*([\d.]+) %\*\* train and \*\*([\d.]+) %\*\* test accuracy with `SEED = 2`", markdown)
    assert not figures.outside_spread(dict(zip(("random train", "random test"), map(float, stated.groups()))),
                                      "initialization")


def test_initialization_costs_show_symmetry_and_huge_start(text):
    costs = costs_per_run(text)
    assert costs["zeros"] == [pytest.approx(0.693147, abs=1e-6)] * 15
    assert costs["random"][0] > 10  # clipped, finite, far above log 2
    assert all(c == c and c < 35 for c in costs["random"])  # no inf or nan
    assert costs["he"][0] == pytest.approx(0.69, abs=0.1) and costs["he"][-1] < 0.15


def test_initialization_constant_start_keeps_units_identical(text):
    gap = float(re.search(r"largest difference between two rows of W1: ([\d.e+-]+)", text).group(1))
    assert gap < 1e-12


def test_initialization_deep_network_spreads(text):
    found = re.findall(r"(.+?): activations layer 1 -> 10: ([\d.e+-]+) -> ([\d.e+-]+); "
                       r"gradients layer 10 -> 1: ([\d.e+-]+) -> ([\d.e+-]+)", text)
    spreads = {name.strip(): [float(v) for v in values] for name, *values in found}
    assert set(spreads) == {"too small (x0.01)", "too large (x10)", "Xavier", "He"}
    ratio = {name: (z10 / z1, g1 / g10) for name, (z1, z10, g10, g1) in spreads.items()}
    assert all(0.5 < r < 2 for r in ratio["He"])
    assert all(r < 1e-8 for r in ratio["too small (x0.01)"])
    assert all(r > 1e8 for r in ratio["too large (x10)"])
    assert all(0.01 < r < 0.2 for r in ratio["Xavier"])


def test_initialization_every_visible_check_passes():
    notebook = execute_notebook(NOTEBOOK)
    errors = [(c.get("id"), o.get("ename")) for c in notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata["nbgrader"]["grade_id"] for c in graded] == [
        "initialize_parameters_zeros_tests", "initialize_parameters_random_tests", "initialize_parameters_he_tests",
        "initialize_parameters_xavier_tests", "model_tests"]
    for cell in graded:
        assert "All checks passed." in "".join(o.get("text", "") for o in cell.outputs)
