"""The record channel: encoding in the kernel, parsing untrusted outputs in the grader."""

import json
import math

import nbformat
import numpy as np
import pytest

from dlhelpers.grading import records
from dlhelpers.grading.records import RECORD_MIME, Unsupported, _payload, encode, parse_records, strip_records


def output(payload, output_type="display_data"):
    return {"output_type": output_type, "data": {RECORD_MIME: payload}, "metadata": {}}


def round_trip(value):
    got, problems = parse_records([output(_payload("r", value))])
    assert problems == []
    return got["r"]


def assert_same(got, want):
    """Equal values of the same decoded types (ndarrays by dtype, shape and data, NaN == NaN)."""
    assert type(got) is type(want)
    if isinstance(want, np.ndarray):
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want)
    elif isinstance(want, list):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w)
    elif isinstance(want, dict):
        assert got.keys() == want.keys()
        for key in want:
            assert_same(got[key], want[key])
    elif isinstance(want, float) and math.isnan(want):
        assert math.isnan(got)
    else:
        assert got == want


ROUND_TRIPS = [
    (None, None), (True, True), (False, False), (0, 0), (-3, -3), (2**70, 2**70), (1.5, 1.5),
    (math.nan, math.nan), (math.inf, math.inf), (-math.inf, -math.inf), ("dw", "dw"), ("", ""),
    (np.float64(2.5), 2.5), (np.float32(0.5), 0.5), (np.int32(7), 7), (np.uint64(2**64 - 1), 2**64 - 1),
    (np.bool_(False), False), (np.float64("nan"), math.nan),
    (np.array([[1.0, -2.5]]), np.array([[1.0, -2.5]])),
    (np.array([1.0, np.nan, np.inf, -np.inf]), np.array([1.0, np.nan, np.inf, -np.inf])),
    (np.arange(6).reshape(2, 3), np.arange(6, dtype=np.int64).reshape(2, 3)),
    (np.array([True, False]), np.array([True, False])),
    (np.array(3.0), np.array(3.0)), (np.zeros((0, 3)), np.zeros((0, 3))),
    (np.ones(2, dtype=np.float32), np.ones(2)), (np.ones(2, dtype=np.uint8), np.ones(2, dtype=np.int64)),
    (np.array([2**64 - 1], dtype=np.uint64), np.array([2.0**64])),
    ([1, 2.5, None], [1, 2.5, None]), ((1, "a"), [1, "a"]),
    ({"w": np.zeros((2, 1)), "b": 0.0, "costs": [0.69, 0.5]}, {"w": np.zeros((2, 1)), "b": 0.0, "costs": [0.69, 0.5]}),
    ({"__ndarray__": 1}, {"__ndarray__": 1}),  # a student's dict with a reserved-looking key stays a dict
    ([[[[[[[[1]]]]]]]], [[[[[[[[1]]]]]]]]),  # MAX_DEPTH levels of lists
]


@pytest.mark.parametrize("value, decoded", ROUND_TRIPS)
def test_encode_round_trips_through_parse_records(value, decoded):
    assert_same(round_trip(value), decoded)


def test_encode_is_plain_json():
    value = {"a": [np.array([np.nan, 1.0]), math.inf, np.float32(1.0)]}
    text = json.dumps(encode(value), allow_nan=False)
    assert json.loads(text) == {"__dict__": {"a": [
        {"__ndarray__": {"dtype": "float64", "shape": [2], "data": ["nan", 1.0]}}, {"__float__": "inf"}, 1.0]}}


class FloatLiar(float):
    def __float__(self):
        raise RuntimeError("tricked")


class FloatSwapper(float):
    def __float__(self):
        return 0.0

    def __eq__(self, other):
        return True


class ArrayLiar(np.ndarray):
    """Overrides everything a careless encoder would call."""

    def __eq__(self, other):
        return True

    def __array__(self, *args, **kwargs):
        return np.zeros(3)

    def tolist(self):
        raise RuntimeError("tricked")

    def ravel(self, *args):
        raise RuntimeError("tricked")

    def astype(self, *args, **kwargs):
        raise RuntimeError("tricked")

    def __iter__(self):
        raise RuntimeError("tricked")

    @property
    def shape(self):
        return (99,)

    @property
    def dtype(self):
        return np.dtype(object)


class ClassFaker:
    """Claims to be an ndarray to ``isinstance``."""

    __class__ = property(lambda self: np.ndarray)


@pytest.mark.parametrize("value, type_name", [
    (1j, "complex"), (object(), "object"), ({1, 2}, "set"), (np.array([object()]), "ndarray of object"),
    (np.array([1j]), "ndarray of complex128"), (np.array(["cat"]), "ndarray of <U3"), ({1: 2.0}, "dict"),
    (FloatLiar(1.0), "FloatLiar"), (FloatSwapper(1.0), "FloatSwapper"), (iter([1]), "list_iterator"),
    (np.complex128(1), "complex128"), (len, "builtin_function_or_method"), (ClassFaker(), "ClassFaker"),
])
def test_encode_marks_other_types_unsupported(value, type_name):
    assert encode(value) == {"__unsupported__": type_name}
    assert round_trip(value) == Unsupported(type_name)


@pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")
def test_encode_ndarray_subclass_copies_its_data_without_its_methods():
    liar = np.array([[1.0, 2.0]]).view(ArrayLiar)
    assert_same(round_trip(liar), np.array([[1.0, 2.0]]))
    assert_same(round_trip(np.matrix([[1, 2]])), np.array([[1, 2]]))


def test_encode_caps_depth_and_size(monkeypatch):
    deep = [[[[[[[[[1]]]]]]]]]
    assert round_trip(deep) == [[[[[[[[Unsupported("list (nested too deeply)")]]]]]]]]
    assert encode("x" * (records.MAX_STRING + 1)) == {"__unsupported__": "str (too long)"}
    monkeypatch.setattr(records, "MAX_ELEMENTS", 3)
    assert encode(np.zeros(4)) == {"__unsupported__": "ndarray (too large)"}
    assert encode([0] * 4) == {"__unsupported__": "list (too long)"}


def test_payload_carries_name_value_and_spec():
    payload = _payload("dw", np.zeros((2, 1)), judge="close", rtol=1e-4, about="dw for w of shape (2, 1)",
                       mistakes=[("a rank-1 array", np.zeros(2))])
    assert payload == {
        "name": "dw", "value": encode(np.zeros((2, 1))), "judge": "close", "rtol": 1e-4,
        "about": "dw for w of shape (2, 1)", "mistakes": [["a rank-1 array", encode(np.zeros(2))]]}
    assert _payload("cost", 0.5) == {"name": "cost", "value": 0.5}


@pytest.mark.parametrize("name", [None, 3, "", b"dw"])
def test_payload_rejects_a_name_that_is_not_a_str(name):
    with pytest.raises(TypeError, match="name must be a non-empty str"):
        _payload(name, 1.0)


def test_record_displays_only_the_record_bundle_and_the_spec_only_in_the_reference_kernel(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kwargs: shown.append((objs, kwargs)))
    called = []

    def mistakes():
        called.append(True)
        return [("a missing 1/m", 0.75)]

    monkeypatch.delenv(records.ENV_REFERENCE, raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    records.record("cost", np.float64(0.25), about="not grading: nothing shown", mistakes=mistakes)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    records.record("cost", np.float64(0.25), judge="close", about="the cost of 3 examples", mistakes=mistakes)
    monkeypatch.setenv(records.ENV_REFERENCE, "1")
    records.record("cost", np.float64(0.25), judge="close", about="the cost of 3 examples", mistakes=mistakes)
    assert shown == [
        (({RECORD_MIME: {"name": "cost", "value": 0.25}},), {"raw": True}),
        (({RECORD_MIME: {"name": "cost", "value": 0.25, "judge": "close", "about": "the cost of 3 examples",
                         "mistakes": [["a missing 1/m", 0.75]]}},), {"raw": True}),
    ]
    assert called == [True], "the mistakes are computed in the reference kernel only"


def test_parse_records_reads_json_strings_execute_results_and_notebook_nodes():
    outputs = [output(json.dumps(_payload("a", [1.0]))), output(_payload("b", 2), "execute_result"),
               nbformat.from_dict(output(_payload("c", np.ones(2))))]
    got, problems = parse_records(outputs)
    assert problems == [] and got["a"] == [1.0] and got["b"] == 2
    assert_same(got["c"], np.ones(2))


def test_parse_records_ignores_other_outputs():
    outputs = [{"output_type": "stream", "name": "stdout", "text": "hi"},
               {"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": {}},
               {"output_type": "error", "ename": "E", "evalue": "", "traceback": [], "data": {RECORD_MIME: {}}},
               {"output_type": "stream", "data": {RECORD_MIME: _payload("a", 1)}}, "garbage", None]
    assert parse_records(outputs) == ({}, [])


def test_parse_records_drops_a_repeated_name():
    got, problems = parse_records([output(_payload("dw", 1.0)), output(_payload("dw", 2.0))])
    assert got == {"dw": 1.0} and problems == ["a result was recorded twice"]


def array(dtype="float64", shape=(2,), data=(1.0, 2.0)):
    return {"__ndarray__": {"dtype": dtype, "shape": list(shape), "data": list(data)}}


MALFORMED = [
    ([], "not a record"),
    ("dw", ""),
    ({"name": "dw"}, "not a record"),
    ({"value": 1}, "not a record"),
    ({"name": 3, "value": 1}, "bad name"),
    ({"name": "", "value": 1}, "bad name"),
    ({"name": "x" * 201, "value": 1}, "bad name"),
    ({"name": "dw", "value": {"__pickle__": "gASVAAAA"}}, "unknown tag"),
    ({"name": "dw", "value": {"a": 1, "b": 2}}, "not a value"),
    ({"name": "dw", "value": {"__float__": "NaN"}}, "bad float"),
    ({"name": "dw", "value": {"__float__": 1.0}}, "bad float"),
    ({"name": "dw", "value": {"__unsupported__": 3}}, "unknown tag"),
    ({"name": "dw", "value": {"__dict__": [1]}}, "bad dict"),
    ({"name": "dw", "value": {"__dict__": {1: 2}}}, "bad dict"),
    ({"name": "dw", "value": array(data=[1.0])}, "ndarray data does not fit its shape"),
    ({"name": "dw", "value": array(dtype="complex128")}, "bad ndarray dtype"),
    ({"name": "dw", "value": array(dtype="object")}, "bad ndarray dtype"),
    ({"name": "dw", "value": array(shape=[-2])}, "bad ndarray shape"),
    ({"name": "dw", "value": array(shape=[True, 2], data=[1.0, 2.0])}, "bad ndarray shape"),
    ({"name": "dw", "value": array(shape=[2.0])}, "bad ndarray shape"),
    ({"name": "dw", "value": array(dtype="int64", data=[1, True])}, "bad int64 element"),
    ({"name": "dw", "value": array(dtype="int64", data=[1, 2.0])}, "bad int64 element"),
    ({"name": "dw", "value": array(data=["1.0", 2])}, "bad float64 element"),
    ({"name": "dw", "value": array(dtype="int64", data=[1, "nan"])}, "bad int64 element"),
    ({"name": "dw", "value": array(data=[[1.0], 2])}, "bad float64 element"),
    ({"name": "dw", "value": array(dtype="bool", data=[1, 0])}, "bad bool element"),
    ({"name": "dw", "value": array(shape=[10**12], data=[])}, "ndarray too large"),
    ({"name": "dw", "value": array(dtype="int64", data=[2**63, 1])}, ""),
    ({"name": "dw", "value": {"__ndarray__": [1]}}, "bad ndarray fields"),
    ({"name": "dw", "value": {"__ndarray__": {"dtype": "bool", "shape": [], "data": [True], "x": 1}}},
     "bad ndarray fields"),
    ('{"name": "dw", "value": NaN', ""),
    ("not json", ""),
]


@pytest.mark.parametrize("payload, reason", MALFORMED)
def test_parse_records_reports_a_malformed_record(payload, reason):
    got, problems = parse_records([output(payload), output(_payload("ok", 1))])
    assert got == {"ok": 1}
    assert problems == [f"a recorded result is malformed ({reason})" if reason else "a recorded result is malformed"]


def test_parse_records_rejects_nesting_beyond_the_cap():
    deep = 1
    for _ in range(records.MAX_DEPTH + 2):
        deep = [deep]
    very_deep = "[" * 100_000 + "]" * 100_000
    outputs = [output({"name": "a", "value": deep}), output(f'{{"name": "b", "value": {very_deep}}}')]
    got, problems = parse_records(outputs)
    assert got == {} and len(problems) == 2


def test_parse_records_drops_records_beyond_max_bytes_and_keeps_later_small_ones():
    outputs = [output(_payload("big", np.zeros(1000))), output(_payload("small", 1.0))]
    got, problems = parse_records(outputs, max_bytes=1000)
    assert got == {"small": 1.0} and problems == ["a recorded result is too large"]
    wide = output(json.dumps({"name": "s", "value": "\u20ac" * 300}, ensure_ascii=False))  # 900 bytes in utf-8
    assert parse_records([wide], max_bytes=700) == ({}, ["a recorded result is too large"])
    small = [output(_payload(name, 1.0)) for name in "aab"]  # 28 bytes each; the budget is shared
    assert parse_records(small, max_bytes=60) == ({"a": 1.0, "b": 1.0}, ["a result was recorded twice"])
    assert parse_records(small, max_bytes=50) == ({"a": 1.0}, ["a recorded result is too large"] * 2)


def test_parse_records_stops_after_max_records():
    outputs = [output(_payload(f"r{i}", i)) for i in range(5)]
    got, problems = parse_records(outputs, max_records=3)
    assert got == {"r0": 0, "r1": 1, "r2": 2} and problems == ["more than 3 results were recorded"]


def test_parse_records_reports_outputs_that_are_not_a_list():
    assert parse_records({"outputs": []}) == ({}, ["the cell's outputs are not a list"])


def test_parse_records_with_payloads_decodes_spec_and_mistakes():
    payload = _payload("dw", np.zeros((2, 1)), judge="close", about="dw", mistakes=[("a rank-1 array", np.zeros(2))])
    got, problems = parse_records([output(payload)], payloads=True)
    assert problems == []
    [(cause, mistake)] = got["dw"]["mistakes"]
    assert cause == "a rank-1 array" and got["dw"]["judge"] == "close"
    assert_same(got["dw"]["value"], np.zeros((2, 1)))
    assert_same(mistake, np.zeros(2))
    bad = dict(payload, mistakes=[[1, 2.0]])
    assert parse_records([output(bad)], payloads=True) == ({}, ["a recorded result is malformed (bad mistakes)"])


def garbage(rng, depth=0):
    """A random json-like value, leaning towards the shapes records have."""
    choice = rng.integers(12 if depth < 4 else 6)
    leaves = [None, True, 3, -1.5, math.nan, "nan", "float64", RECORD_MIME, "__ndarray__", [], {}, 10**30]
    if choice < 6:
        return leaves[rng.integers(len(leaves))]
    size = int(rng.integers(4))
    if choice < 8:
        return [garbage(rng, depth + 1) for _ in range(size)]
    keys = ["name", "value", "__ndarray__", "__float__", "__dict__", "__unsupported__", "dtype", "shape",
            "data", "mistakes", "output_type", "data"]
    return {keys[rng.integers(len(keys))]: garbage(rng, depth + 1) for _ in range(size)}


def mutate(rng, value):
    """``value`` with one random part replaced by garbage."""
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = list(value)[rng.integers(len(value))]
        return dict(value, **{key: mutate(rng, value[key])})
    if isinstance(value, list) and value and rng.random() < 0.8:
        i = int(rng.integers(len(value)))
        return value[:i] + [mutate(rng, value[i])] + value[i + 1:]
    return garbage(rng)


def test_parse_records_never_raises_on_garbage():
    rng = np.random.default_rng(0)
    valid = [output(_payload("dw", {"w": np.ones((2, 1)), "b": [1, math.nan]}, mistakes=[("x", np.zeros(2))]))]
    for _ in range(3000):
        outputs = mutate(rng, valid) if rng.random() < 0.7 else garbage(rng)
        if rng.random() < 0.2:
            outputs = [output(json.dumps(o, allow_nan=True)) if isinstance(o, dict) else o for o in
                       (outputs if isinstance(outputs, list) else [outputs])]
        for payloads in (False, True):
            got, problems = parse_records(outputs, payloads=payloads)
            assert isinstance(got, dict) and all(isinstance(p, str) for p in problems)


def test_strip_records_removes_record_bundles_only():
    stream = {"output_type": "stream", "name": "stdout", "text": "hi"}
    mixed = {"output_type": "display_data", "data": {RECORD_MIME: {}, "text/plain": "x"}, "metadata": {}}
    outputs = [output(_payload("dw", 1.0)), stream, mixed]
    plain = {"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": {}}
    assert strip_records(outputs) == [stream, plain]
    assert RECORD_MIME in mixed["data"] and len(outputs) == 3
    node = nbformat.from_dict(mixed)
    assert strip_records([node])[0].data == {"text/plain": "x"}


def test_records_of_one_cell_stay_within_the_budget_and_a_huge_result_fails_alone(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **kwargs: shown.append(objs[0][RECORD_MIME]))
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.delenv(records.ENV_REFERENCE, raising=False)
    monkeypatch.setattr(records, "_cell_number", lambda: 7)
    big = np.zeros(records.MAX_ELEMENTS)  # about 40 KB each
    for k in range(12):
        records.record(f"big {k}", big)
    sizes = [len(json.dumps(p)) for p in shown]
    assert sum(sizes) <= records.CELL_BUDGET
    assert shown[0]["value"] == encode(big)
    assert shown[-1] == {"name": "big 11", "value": {"__unsupported__": "result (too large to record)"}}
    assert records.encode(np.zeros(records.MAX_ELEMENTS + 1)) == {"__unsupported__": "ndarray (too large)"}
