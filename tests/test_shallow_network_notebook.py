"""The shallow-network source notebook, executed end to end with a real kernel."""

import re

import pytest

from helpers import NOTEBOOKS, execute_notebook, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "shallow_network" / "shallow_network.ipynb"
HIDDEN_SIZES = (1, 2, 3, 4, 5, 20, 50)
OTHER_DATASETS = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles")


def _text():
    return printed_text(execute_notebook(NOTEBOOK))


def _markdown():
    return "\n".join(c.source for c in execute_notebook(NOTEBOOK).cells if c.cell_type == "markdown")


def _sweep(text):
    return {int(n): float(a) for n, a in re.findall(r"(\d+) hidden units: accuracy ([\d.]+) %", text)}


def _others(text):
    return {name: float(a) for name, a in re.findall(r"(\w+): accuracy ([\d.]+) %", text) if name in OTHER_DATASETS}


def test_shallow_network_logistic_baseline_fails_on_the_flower():
    assert "Logistic regression accuracy: 49.00 %" in _text()


def test_shallow_network_four_hidden_units_reach_about_90_percent():
    text = _text()
    accuracy = float(re.search(r"Accuracy with 4 hidden units: ([\d.]+) %", text).group(1))
    assert accuracy == 90.50
    assert 87 <= accuracy <= 93
    costs = [float(c) for c in re.findall(r"Cost after iteration \d+: ([\d.]+)", text)]
    assert len(costs) == 10 and costs[0] == pytest.approx(0.6932, abs=1e-4)
    assert costs[-1] == pytest.approx(0.221549, abs=1e-6)
    assert all(later <= earlier for earlier, later in zip(costs, costs[1:]))


def test_shallow_network_sweep_small_layers_underfit():
    sweep = _sweep(_text())
    assert tuple(sweep) == HIDDEN_SIZES
    assert sweep == {1: 69.50, 2: 69.75, 3: 91.50, 4: 90.50, 5: 91.25, 20: 93.25, 50: 94.75}
    assert all(64 <= sweep[n] <= 72 for n in (1, 2))
    assert all(sweep[n] >= 87 for n in (3, 4, 5, 20, 50))


def test_shallow_network_other_datasets_are_learned():
    others = _others(_text())
    assert others == {"noisy_circles": 81.00, "noisy_moons": 99.50, "blobs": 96.00, "gaussian_quantiles": 93.00}


def test_shallow_network_text_states_the_printed_figures():
    text, markdown = _text(), _markdown()
    assert "**49.00 %**" in markdown
    assert "**accuracy of 90.50 %**" in markdown
    cost_9000 = re.search(r"Cost after iteration 9000: [\d.]+", text).group(0)
    assert f"`{cost_9000}`" in markdown
    row = "| accuracy (%) | " + " | ".join(f"{a:.2f}" for a in _sweep(text).values()) + " |"
    assert row in markdown
    row = "| accuracy (%) | " + " | ".join(f"{a:.1f}" for a in _others(text).values()) + " |"
    assert row in markdown


def test_shallow_network_every_visible_check_passes():
    notebook = execute_notebook(NOTEBOOK)
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) == 8
    for cell in graded:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, (cell.metadata["nbgrader"]["grade_id"], errors)
        assert "All checks passed." in "".join(o.get("text", "") for o in cell.outputs)


def test_shallow_network_runs_without_errors():
    notebook = execute_notebook(NOTEBOOK)
    errors = [(c.id, o.ename) for c in notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors
