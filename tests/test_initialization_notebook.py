"""The initialization source notebook, executed end to end with a real kernel."""

import json
import re

import nbformat
import numpy as np
import pytest

import figures
from dlhelpers.grading.judge import judge_cell, judge_like, reference_from_payload
from dlhelpers.grading.reference import cache_folder, reference_payloads
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
    """The printed costs of the four trainings, in the order they ran: one every 1,000 iterations,
    2 for the zeros run (2,000 iterations), 15 for each of the others (15,000)."""
    costs = [float(c) for c in re.findall(r"Cost after iteration \d+: ([\d.]+)", text)]
    counts = {"zeros": 2, "random": 15, "he": 15, "xavier": 15}
    assert list(counts) == list(RUNS) and len(costs) == sum(counts.values())
    starts = np.cumsum([0, *counts.values()])
    return {name: costs[start:start + counts[name]] for name, start in zip(RUNS, starts)}


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
    assert costs["zeros"] == [pytest.approx(0.693147, abs=1e-6)] * 2
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


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The graded cells' reference payloads, {grade_id: [payload]} (the session's cache, see conftest)."""
    return reference_payloads(NOTEBOOK, cache_folder(tmp_path_factory.mktemp("reference")))


def hidden_parts():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            hidden = cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
            yield meta["grade_id"], hidden


def test_initialization_hidden_tests_only_record():
    for grade_id, hidden in hidden_parts():
        assert "record(" in hidden, grade_id
        assert not re.search(r"\bassert\b|checks\.check_|expect_close", hidden), grade_id


def test_initialization_reference_records_are_small_and_complete(reference):
    kinds = {}
    for grade_id, payloads in reference.items():
        assert payloads, grade_id
        sent = sum(len(json.dumps({"name": p["name"], "value": p["value"]})) for p in payloads)
        assert sent < 150_000, f"{grade_id}: {sent} bytes of records per student"
        kinds[grade_id] = {p.get("judge") for p in payloads}
    for initializer in ("random", "he", "xavier"):
        assert {"like", "zero", "same_as", "differs"} <= kinds[f"initialize_parameters_{initializer}_tests"]
    assert {"zero"} <= kinds["initialize_parameters_zeros_tests"]
    assert {"within", "falls", "same_as", "differs"} <= kinds["model_tests"]


def test_initialization_reference_passes_its_own_judge(reference):
    from dlhelpers.grading.records import RECORD_MIME, parse_records

    for grade_id, payloads in reference.items():
        outputs = [{"output_type": "display_data", "data": {RECORD_MIME: p}} for p in payloads]
        records, problems = parse_records(outputs, payloads=True)
        expected = {name: reference_from_payload(p) for name, p in records.items()}
        got = {name: p["value"] for name, p in records.items()}
        assert judge_cell(grade_id, expected, got, problems).passed, grade_id


@pytest.mark.parametrize("grade_id, name", [
    ("initialize_parameters_he_tests", "[300, 600, 2] W1 draws"),
    ("initialize_parameters_xavier_tests", "[300, 600, 2] W1 draws"),
    ("initialize_parameters_random_tests", "[1000, 300] W1 draws"),
])
def test_initialization_weight_statistics_tell_the_scales_apart(reference, grade_id, name):
    """Fresh standard normal draws pass; He's, Xavier's and x0.01 scales are told apart from each other."""
    [payload] = [p for p in reference[grade_id] if p["name"] == name]
    ref = reference_from_payload({**payload, "value": np.array(payload["value"]["__ndarray__"]["data"])})
    rng = np.random.default_rng(0)
    for _ in range(20):
        assert judge_like(ref, np.round(rng.standard_normal(ref.value.size), 3)) is None
    right = {"initialize_parameters_he_tests": np.sqrt(2 / 300), "initialize_parameters_xavier_tests": np.sqrt(1 / 300),
             "initialize_parameters_random_tests": 10.0}[grade_id]
    for wrong in {np.sqrt(2 / 300), np.sqrt(1 / 300), 0.01, np.sqrt(2 / 600), np.sqrt(2 / 900)} - {right}:
        assert judge_like(ref, ref.value * wrong / right) is not None, wrong
