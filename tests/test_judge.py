"""The judge: hand-written reference and student records in, verdicts out."""

import math

import numpy as np
import pytest

from dlhelpers.grading.judge import JUDGES, ReferenceRecord, Verdict, judge_cell, reference_from_payload
from dlhelpers.grading.records import RECORD_MIME, Unsupported, _payload, parse_records

HIDDEN = 0.123456789  # a hidden expected value / input: it must never reach a message
ABOUT = "dw for w of shape (2, 1)"


def ref(value, name="dw", **spec):
    return reference_from_payload({"name": name, "value": value, "about": ABOUT, **spec})


def verdict(reference, got):
    return judge_cell("propagate", {reference.name: reference}, {reference.name: got}, [])


def finding(reference, got):
    """The message of a failed verdict, without the function and the about text."""
    result = verdict(reference, got)
    assert not result.passed
    [message] = result.messages
    prefix = f"propagate: {ABOUT}: "
    assert message.startswith(prefix)
    return message[len(prefix):]


DW = np.array([[HIDDEN], [-2.0]])


@pytest.mark.parametrize("got", [DW, DW + 1e-9, DW.tolist(), [[HIDDEN], [-2]], DW.astype(np.float32)])
def test_close_passes_equal_values_of_the_same_shape(got):
    assert verdict(ref(DW), got) == Verdict(True, [])


@pytest.mark.parametrize("got, message", [
    (DW + 1e-3, "values differ."),
    (DW.ravel(), "expected shape (2, 1), got (2,)."),
    (DW.T, "expected shape (2, 1), got (1, 2)."),
    (HIDDEN, "expected shape (2, 1), got a single number."),
    (np.array([[np.nan], [-2.0]]), "the result contains NaN or inf."),
    (np.array([[np.inf], [-2.0]]), "the result contains NaN or inf."),
    (Unsupported("Tensor"), "expected an array of shape (2, 1), got a Tensor."),
    ([[1.0], [2.0, 3.0]], "expected an array of shape (2, 1), got a list."),
    ("0.12", "expected an array of shape (2, 1), got a str."),
    (None, "expected an array of shape (2, 1), got None."),
    ({"dw": DW}, "expected an array of shape (2, 1), got a dict."),
])
def test_close_fails_with_the_kind_of_difference(got, message):
    assert finding(ref(DW), got) == message


def test_close_uses_the_reference_tolerances_and_nan_where_the_reference_has_it():
    assert verdict(ref(1.0, rtol=0.1), 1.05).passed
    assert finding(ref(1.0, rtol=0.0, atol=0.01), 1.05) == "values differ."
    assert finding(ref(1.0), np.ones(3)) == "expected a single number, got shape (3,)."
    assert verdict(ref(np.array([np.nan, 1.0])), [math.nan, 1.0]).passed


@pytest.mark.parametrize("expected, got", [
    (3, 3), (3, 3.0), (3, np.int64(3)), ("cat", "cat"), (True, True), (None, None),
    (np.array([0, 1, 1]), [0, 1, 1]), (["cat", "dog"], ["cat", "dog"]),
    ({"n": 2, "kind": "relu"}, {"n": 2, "kind": "relu"}),
])
def test_equal_passes_identical_values(expected, got):
    assert verdict(ref(expected, judge="equal"), got).passed


@pytest.mark.parametrize("expected, got, message", [
    (3, 4, "values differ."), ("cat", "dog", "values differ."), ("cat", 3, "expected a str, got an int."),
    (np.array([0, 1, 1]), [0, 1, 0], "values differ."), (np.array([0, 1, 1]), [0, 1], "expected shape (3,), got (2,)."),
    (["cat", "dog"], ["cat"], "values differ."), ({"n": 2}, {"n": 3}, "values differ."),
    (None, 0, "expected None, got an int."),
    (3, Unsupported("Tensor"), "expected a number, got a Tensor."),
])
def test_equal_fails_on_any_difference(expected, got, message):
    assert finding(ref(expected, judge="equal"), got) == message


def test_no_judge_trusts_a_property_the_kernel_computed():
    with pytest.raises(ValueError, match="unknown judge 'true'"):
        ref(True, judge="true")


@pytest.mark.parametrize("got", [0, 0.0, np.zeros((2, 1)), np.float64(0), [[0], [0]], -0.0])
def test_zero_passes_any_real_zero_or_zeros_of_the_reference_shape(got):
    assert verdict(ref(np.zeros((2, 1)), judge="zero"), got).passed


@pytest.mark.parametrize("got, message", [
    (np.zeros((1, 2)), "expected zeros of shape (2, 1), got shape (1, 2)."),
    (np.full((2, 1), 1e-3), "expected zeros, got other values."),
    (False, "expected zeros, got a bool."),
    (None, "expected zeros, got None."),
])
def test_zero_fails_on_other_values_or_shapes(got, message):
    assert finding(ref(np.zeros((2, 1)), judge="zero"), got) == message


def test_within_checks_the_bounds_from_the_reference():
    reference = ref(0.93, judge="within", bounds=[0.9, 0.95])
    assert verdict(reference, 0.9).passed and verdict(reference, [0.91, 0.95]).passed
    assert finding(reference, 0.96) == "the value is outside the range it should be in."
    assert finding(reference, math.nan) == "the result contains NaN or inf."
    with pytest.raises(ValueError, match="needs bounds"):
        ref(0.93, judge="within")


@pytest.mark.parametrize("got, message", [
    ([0.7, 0.5, 0.6, 0.4], None),
    ([0.7, 0.8], "the values do not fall."),
    ([0.7, math.nan], "the values contain NaN or inf (the training diverged)."),
    ([0.7], "expected a sequence of numbers, got an array of shape (1,)."),
    (0.7, "expected a sequence of numbers, got a number."),
])
def test_falls_wants_a_sequence_that_ends_below_its_start(got, message):
    reference = ref([0.7, 0.2], judge="falls")
    assert (finding(reference, got) if message else None) == message
    if message is None:
        assert verdict(reference, got).passed


def test_like_compares_the_statistics_of_random_draws():
    rng = np.random.default_rng(0)
    reference = ref(rng.normal(scale=0.1, size=(300, 200)), judge="like", rtol=0.05)
    assert verdict(reference, rng.normal(scale=0.1, size=(300, 200))).passed
    assert finding(reference, rng.normal(scale=0.2, size=(300, 200))) == "the values are spread too much."
    assert finding(reference, rng.normal(scale=0.01, size=(300, 200))) == "the values are spread too little."
    assert finding(reference, rng.normal(1, 0.1, size=(300, 200))) == "the values are centred in the wrong place."
    assert finding(reference, np.zeros((200, 300))) == "expected shape (300, 200), got (200, 300)."


def pair(kind):
    return {"run 1": ref(DW, name="run 1", judge="shape"), "run 2": ref(DW, name="run 2", judge=kind, other="run 1")}


def test_same_as_and_differs_compare_two_records_of_the_student():
    assert judge_cell("init", pair("same_as"), {"run 1": DW, "run 2": DW.copy()}, []).passed
    assert judge_cell("init", pair("differs"), {"run 1": DW, "run 2": DW + 1}, []).passed
    [message] = judge_cell("init", pair("same_as"), {"run 1": DW, "run 2": DW + 1}, []).messages
    assert "two runs with generators seeded alike gave different results" in message
    [message] = judge_cell("init", pair("differs"), {"run 1": DW, "run 2": DW}, []).messages
    assert "seeded differently gave the same result" in message
    with pytest.raises(ValueError, match="needs other=NAME"):
        ref(DW, judge="same_as")


def test_nan_is_reported_as_nan_not_as_runs_that_differ():
    nan = np.full((2, 1), np.nan)
    [message] = judge_cell("init", pair("same_as"), {"run 1": nan, "run 2": nan}, []).messages
    assert message == f"init: {ABOUT}: the results contain NaN or inf."


def test_shape_judges_the_shape_only():
    reference = ref(DW, judge="shape")
    assert verdict(reference, np.zeros((2, 1))).passed
    assert finding(reference, np.zeros((1, 2))) == "expected shape (2, 1), got (1, 2)."
    assert finding(reference, Unsupported("NoneType")) == "expected an array of shape (2, 1), got a NoneType."


def test_finite_passes_numbers_without_nan_or_inf():
    reference = ref(DW, judge="finite")
    assert verdict(reference, np.zeros(5)).passed and verdict(reference, 3).passed
    assert finding(reference, [1.0, math.inf]) == "the result contains NaN or inf."
    assert finding(reference, "1.0") == "expected numbers, got a str."


def test_judges_can_be_extended_without_changing_the_registry():
    def decreasing(reference, got):
        return None if np.all(np.diff(got) < 0) else "the values do not decrease"

    judges = {**JUDGES, "decreasing": decreasing}
    payload = {"name": "costs", "value": [], "judge": "decreasing", "about": "costs"}
    reference = reference_from_payload(payload, judges=judges)
    assert judge_cell("train", {"costs": reference}, {"costs": [3, 2, 1]}, [], judges=judges).passed
    assert judge_cell("train", {"costs": reference}, {"costs": [3, 4]}, [], judges=judges).messages == [
        "train: costs: the values do not decrease."]
    assert "decreasing" not in JUDGES
    with pytest.raises(TypeError):
        JUDGES["decreasing"] = decreasing


def test_reference_from_payload_fills_in_defaults():
    expected = ReferenceRecord("dw", 0.5, "close", 1e-5, 1e-8, "", ())
    assert reference_from_payload({"name": "dw", "value": 0.5}) == expected
    assert reference_from_payload({"name": "n", "value": 3}).judge == "equal"
    assert reference_from_payload({"name": "label", "value": "cat"}).judge == "equal"
    assert reference_from_payload({"name": "ok", "value": np.array([True])}).judge == "equal"
    made = reference_from_payload({"name": "dw", "value": 0.5, "judge": "close", "rtol": 0, "about": ABOUT,
                                   "mistakes": [["transposed", 0.25]]})
    assert (made.rtol, made.about, made.mistakes) == (0.0, ABOUT, (("transposed", 0.25),))


@pytest.mark.parametrize("payload, problem", [
    ({"value": 1.0, "judge": "approximately"}, "unknown judge 'approximately'"),
    ({"value": Unsupported("Tensor")}, "its value is unsupported"),
    ({"value": "cat", "judge": "close"}, "judge 'close' needs numbers"),
    ({"value": "cat", "judge": "shape"}, "judge 'shape' needs numbers"),
    ({"value": 1.0, "about": 3}, "about must be a str"),
    ({"value": 1.0, "rtol": -1.0}, "rtol and atol must be numbers >= 0"),
    ({"value": 1.0, "atol": "0.1"}, "rtol and atol must be numbers >= 0"),
    ({"value": 1.0, "mistakes": [[3, 1.0]]}, "each mistake's cause must be a str"),
])
def test_reference_from_payload_rejects_a_spec_it_cannot_use(payload, problem):
    with pytest.raises(ValueError, match=f"reference record 'dw': {problem}"):
        reference_from_payload({"name": "dw", **payload})


MISTAKES = [("dw was transposed", DW.T), ("a rank-1 array", DW.ravel()), ("the sign is flipped", -DW),
            ("the sign is flipped and halved", -DW / 2)]


@pytest.mark.parametrize("got, cause", [
    (DW.T, "dw was transposed"), (DW.ravel(), "a rank-1 array"), (-DW + 1e-9, "the sign is flipped"),
    ((-DW).tolist(), "the sign is flipped"), (-DW / 2, "the sign is flipped and halved"),
])
def test_a_failed_value_that_matches_a_mistake_names_its_cause(got, cause):
    assert finding(ref(DW, mistakes=MISTAKES), got).endswith(f". Likely cause: {cause}.")


def test_a_failed_value_that_matches_no_mistake_names_no_cause():
    assert finding(ref(DW, mistakes=MISTAKES), DW * 3) == "values differ."
    assert finding(ref(DW, mistakes=[("a label", "cat")]), DW * 3) == "values differ."


def test_every_mistake_that_gives_the_same_value_is_named():
    mistakes = [("first", -DW), ("second", -DW), ("first", -DW), ("third", DW * 3)]
    assert finding(ref(DW, mistakes=mistakes), -DW).endswith("Likely cause: first, or second.")


def test_a_missing_record_fails_saying_the_probe_did_not_finish():
    result = judge_cell("propagate", {"dw": ref(DW), "db": ref(0.5, name="db")}, {"db": 0.5}, [])
    assert result == Verdict(False, [f"propagate: no result for {ABOUT} (the probe did not finish: "
                                     "the function raised or returned early)"])
    unnamed = reference_from_payload({"name": "dw", "value": DW})
    assert "no result for one of the hidden cases" in judge_cell("propagate", {"dw": unnamed}, {}, []).messages[0]


def test_an_extra_record_fails():
    result = judge_cell("propagate", {"dw": ref(DW)}, {"dw": DW, "dz": DW}, [])
    assert result == Verdict(False, ["propagate: an unexpected result was recorded"])


def test_a_parse_problem_fails_even_when_every_value_is_right():
    result = judge_cell("propagate", {"dw": ref(DW)}, {"dw": DW}, ["a result was recorded twice"])
    assert result == Verdict(False, ["propagate: a result was recorded twice"])


def test_a_cell_passes_when_every_record_is_right():
    expected = {"dw": ref(DW), "db": ref(0.5, name="db"), "costs": ref([2.0, 1.0], name="costs", judge="falls")}
    assert judge_cell("propagate", expected, {"dw": DW, "db": 0.5, "costs": [3, 1]}, []) == Verdict(True, [])
    assert judge_cell("propagate", {}, {}, []) == Verdict(True, [])


def test_messages_never_show_expected_values_or_hidden_inputs():
    hidden = np.array([[HIDDEN], [HIDDEN * 2]])
    mistakes = [("a rank-1 array", hidden.ravel())]
    references = [ref(hidden, mistakes=mistakes), ref(hidden, judge="equal"), ref(hidden, judge="shape"),
                  ref(hidden, judge="finite"), ref(HIDDEN), ref(HIDDEN, judge="equal"), ref(hidden, judge="zero"),
                  ref(hidden, judge="like", rtol=0.1), ref(HIDDEN, judge="within", bounds=[HIDDEN, 1]),
                  ref([HIDDEN, 0.1], judge="falls"),
                  ref([HIDDEN, "cat"], judge="equal"), ref({"w": HIDDEN}, judge="equal")]
    answers = [hidden + 1, hidden.ravel(), hidden.T, np.full((2, 1), np.nan), "0.1", Unsupported("Tensor"), None,
               [HIDDEN], [[1.0], [2.0, 3.0]], 7, False, {"w": 1.0}]
    messages = []
    for reference in references:
        for got in answers:
            messages += verdict(reference, got).messages
        messages += judge_cell("propagate", {"dw": reference}, {}, ["a recorded result is too large"]).messages
        messages += judge_cell("propagate", {"dw": reference}, {"dw": hidden, "x": hidden}, []).messages
    assert len(messages) > 100
    for message in messages:
        assert "1234" not in message and "0.12" not in message and "0.24" not in message, message


def random_value(rng, depth=0):
    """A random value of the types ``parse_records`` decodes to."""
    leaves = [None, True, False, 0, 3, -1.5, math.nan, math.inf, "cat", "", Unsupported("Tensor"), 10**30,
              np.zeros((0, 2)), np.array(True), np.arange(3), np.array([[np.nan], [1.0]]), DW, DW.ravel() > 0]
    choice = rng.integers(4 if depth < 3 else 2)
    if choice < 2:
        return leaves[rng.integers(len(leaves))]
    items = [random_value(rng, depth + 1) for _ in range(rng.integers(4))]
    return items if choice == 2 else {f"k{i}": v for i, v in enumerate(items)}


def test_judge_cell_never_raises_on_any_decoded_value():
    rng = np.random.default_rng(0)
    references = [ref(DW, mistakes=MISTAKES), ref(3), ref("cat"), ref([1, "cat"]), ref({"k0": 1.0}, judge="equal"),
                  ref(DW, judge="zero"), ref(DW, judge="like"), ref(1.0, judge="within", bounds=[0, 2]),
                  ref([1.0, 0.5], judge="falls"), ref(DW, judge="shape"), ref(DW, judge="finite"),
                  ref(np.zeros((0, 2)))]
    for _ in range(2000):
        reference = references[rng.integers(len(references))]
        result = verdict(reference, random_value(rng))
        assert result.passed == (result.messages == []) and all(isinstance(m, str) for m in result.messages)


def test_records_round_trip_from_kernel_payloads_to_a_verdict():
    def outputs(*payloads):
        return [{"output_type": "display_data", "data": {RECORD_MIME: p}, "metadata": {}} for p in payloads]

    probes = [("dw", DW, dict(about=ABOUT, mistakes=[("a rank-1 array", DW.ravel())])),
              ("cost", 0.693, dict(about="the cost of 2 examples", rtol=1e-3))]
    reference, problems = parse_records(outputs(*(_payload(n, v, **s) for n, v, s in probes)), payloads=True)
    assert problems == []
    expected = {name: reference_from_payload(payload) for name, payload in reference.items()}
    # the student's kernel runs the same probe code, so its records carry a spec, which is ignored
    student = outputs(_payload("dw", DW.ravel(), about="anything", judge="shape", mistakes=[]),
                      _payload("cost", np.float32(0.6931), about=ABOUT, judge="shape"))
    got, problems = parse_records(student)
    assert judge_cell("propagate", expected, got, problems) == Verdict(False, [
        f"propagate: {ABOUT}: expected shape (2, 1), got (2,). Likely cause: a rank-1 array."])


def test_a_wrong_scale_of_random_draws_is_a_spread_not_a_centre():
    rng = np.random.default_rng(1)
    reference = ref(rng.normal(scale=0.01, size=(60, 50)), judge="like", rtol=0.2)
    assert finding(reference, rng.normal(scale=1.0, size=(60, 50))) == "the values are spread too much."


def test_a_mistake_of_floats_is_named_within_rounding_even_when_judged_equal():
    probabilities = np.array([[0.2, 0.7, 0.9]])
    reference = ref(np.array([[0, 1, 1]]), judge="equal",
                    mistakes=[("probabilities instead of labels: threshold them at 0.5", probabilities)])
    assert finding(reference, probabilities + 1e-12) == (
        "values differ. Likely cause: probabilities instead of labels: threshold them at 0.5.")


def test_a_nan_bias_is_named_as_nan():
    assert finding(ref(np.zeros((2, 1)), judge="zero"), np.full((2, 1), np.nan)) == "the result contains NaN or inf."


def test_constant_weights_are_not_blamed_on_the_rng():
    [message] = judge_cell("init", pair("differs"), {"run 1": np.zeros((2, 1)), "run 2": np.zeros((2, 1))}, []).messages
    assert "every value is the same number: nothing random was drawn" in message
