"""The shallow-network source notebook, executed end to end with a real kernel.

Figures of long trainings are checked against the range that floating-point rounding gives them
(``figures.SPREAD``, measured by ``benchmarks/figure_spread.py``); the rest exactly. The hidden
tests' probes are checked against the reference records: the judge kinds they ask for, and the
solution's own records passing the judge.
"""

import re

import pytest

import figures
from helpers import NOTEBOOKS, execute_notebook, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "shallow_network" / "shallow_network.ipynb"
HIDDEN_SIZES = (1, 2, 3, 4, 5, 20, 50)
OTHER_DATASETS = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles")
SPREAD = figures.SPREAD["shallow_network"]


def _text():
    return printed_text(execute_notebook(NOTEBOOK))


def _figures():
    return figures.shallow_network(_text())


def _markdown():
    return "\n".join(c.source for c in execute_notebook(NOTEBOOK).cells if c.cell_type == "markdown")


def _range(name, value, digits):
    return figures.format_range(*SPREAD.get(name, (value, value)), digits)


def test_shallow_network_logistic_baseline_fails_on_the_flower():
    assert _figures()["logistic regression"] == 49.00


def test_shallow_network_four_hidden_units_reach_about_90_percent():
    text = _text()
    assert _figures()["4 units"] == 90.50
    costs = [float(c) for c in re.findall(r"Cost after iteration \d+: ([\d.]+)", text)]
    assert len(costs) == 10 and costs[0] == pytest.approx(0.6932, abs=1e-4)
    assert costs[-1] == pytest.approx(0.221549, abs=1e-6)
    assert all(later <= earlier for earlier, later in zip(costs, costs[1:]))


def test_shallow_network_sweep_small_layers_underfit():
    found = _figures()
    sweep = {n: found[f"sweep {n} units"] for n in HIDDEN_SIZES}
    assert {n: sweep[n] for n in (1, 2, 3, 4, 5)} == {1: 69.50, 2: 69.75, 3: 91.50, 4: 90.50, 5: 91.25}
    assert not figures.outside_spread(found, "shallow_network")
    assert all(64 <= sweep[n] <= 72 for n in (1, 2))
    assert all(sweep[n] >= 87 for n in (3, 4, 5, 20, 50))


def test_shallow_network_other_datasets_are_learned():
    found = _figures()
    assert found["noisy_moons"] == 99.50
    assert all(found[name] >= 80 for name in OTHER_DATASETS)
    assert not figures.outside_spread(found, "shallow_network")


def test_shallow_network_text_states_the_printed_figures_and_their_ranges():
    text, markdown, found = _text(), _markdown(), _figures()
    assert "**49.00 %**" in markdown
    assert "**accuracy of 90.50 %**" in markdown
    cost_9000 = re.search(r"Cost after iteration 9000: [\d.]+", text).group(0)
    assert f"`{cost_9000}`" in markdown
    sweep = [f"sweep {n} units" for n in HIDDEN_SIZES]
    row = " | ".join(_range(name, found[name], 2) for name in sweep)
    assert f"| range on other machines | {row} |" in markdown
    row = " | ".join(_range(name, found[name], 1) for name in OTHER_DATASETS)
    assert f"| range on other machines | {row} |" in markdown


def test_shallow_network_reference_figures_lie_in_their_ranges():
    """The table's first row (the machine the notebook was written on) agrees with its ranges."""
    rows = re.findall(r"^\| accuracy on the machine this notebook was written on \| (.+) \|$", _markdown(), re.M)
    assert len(rows) == 2
    stated = dict(zip([f"sweep {n} units" for n in HIDDEN_SIZES] + list(OTHER_DATASETS),
                      [float(v) for row in rows for v in row.split(" | ")]))
    assert not figures.outside_spread(stated, "shallow_network")


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


def _reference(folder):
    """The reference records (the session's cache, see conftest; else built in ``folder``)."""
    from dlhelpers.grading.reference import cache_folder, reference_records

    return reference_records(NOTEBOOK, cache_folder(folder))


def test_shallow_network_probes_judge_properties_where_one_value_would_be_unfair(tmp_path):
    expected = _reference(tmp_path)
    judges = {grade_id: {name: ref.judge for name, ref in records.items()} for grade_id, records in expected.items()}
    assert all(judges.values()), "every graded cell records at least one value"
    init = judges["initialize_parameters_tests"]
    assert init["b1"] == init["b2"] == "zero"
    assert {"shape", "same_as", "differs", "like"} <= set(init.values())
    model = judges["nn_model_tests"]
    assert model["costs on the flower"] == "falls" and model["accuracy on the flower"] == "within"
    assert {"same_as", "differs"} <= set(model.values())
    assert set(judges["predict_tests"].values()) == {"equal"}
    for grade_id in ("forward_propagation_tests", "compute_cost_tests", "backward_propagation_tests",
                     "update_parameters_tests"):
        assert set(judges[grade_id].values()) == {"close"}, grade_id
