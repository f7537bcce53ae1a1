"""The record channel: probes in the kernel publish results as plain data, the grader reads them.

In the kernel, ``record(name, value)`` encodes what a student's function returned and publishes
it as a display_data output whose only MIME type is ``RECORD_MIME``, with the payload
``{"name": str, "value": <encoded>}`` plus the probe's judging spec (``judge``, ``rtol``, ``atol``,
``about``, ``mistakes``), which the grader reads from reference records only.

Encoded values are JSON: None, bool, int, str and finite floats as themselves; lists and tuples as
lists; ``{"__float__": "nan" | "inf" | "-inf"}``; ``{"__dict__": {str: value}}``;
``{"__ndarray__": {"dtype": "float64" | "int64" | "bool", "shape": [...], "data": [...]}}``, with
non-finite floats in ``data`` as the strings above; anything else as ``{"__unsupported__": type name}``.

On the grader's side ``parse_records`` reads a cell's outputs (untrusted) back into values without
pickle or eval, and never raises; ``strip_records`` removes the records before feedback is shown.
"""

import copy
import json
import math
from dataclasses import dataclass

import numpy as np

RECORD_MIME = "application/vnd.dlcourse.record+json"
MAX_DEPTH = 8            # nesting of lists and dicts
MAX_ELEMENTS = 10_000    # items of one array or list (about 200 KB of JSON)
CELL_BUDGET = 300_000     # bytes of records one cell sends; the grader stops a kernel past 1 MB per cell
MAX_STRING = 10_000      # characters of one string
_NONFINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
_NUMPY_SCALARS = {np.dtype(code).type for code in "?bBhHiIlLqQefdg"}
_SCALAR_TO_PYTHON = {"b": bool, "i": int, "u": int, "f": float}
_ARRAY_TYPES = {"bool": (bool,), "int64": (int,), "float64": (int, float)}


@dataclass(frozen=True)
class Unsupported:
    """A value the encoder would not convert; ``type_name`` says what it was (e.g. ``"list"``)."""

    type_name: str


def _unsupported(what):
    try:
        name = what if type(what) is str else what.__name__
        name = name if type(name) is str else "object"
    except Exception:
        name = "object"
    return {"__unsupported__": name[:100]}


def _float(x):
    return x if math.isfinite(x) else {"__float__": repr(x)}


def _encode_array(x):
    try:
        base = np.ndarray.view(x, np.ndarray)  # no method of a subclass runs from here on
    except Exception:  # a class that lies about its bases
        return _unsupported(type(x))
    kind = base.dtype.kind
    if kind == "b":
        dtype = "bool"
    elif kind in "iu" and np.can_cast(base.dtype, np.int64):
        dtype = "int64"
    elif kind in "iuf":
        dtype = "float64"
    else:
        return _unsupported(f"ndarray of {str(base.dtype)[:40]}")
    if base.size > MAX_ELEMENTS:
        return _unsupported("ndarray (too large)")
    array = np.array(base, dtype=dtype, copy=True)
    data = array.ravel().tolist()
    if dtype == "float64" and not np.isfinite(array).all():
        data = [v if math.isfinite(v) else repr(v) for v in data]
    return {"__ndarray__": {"dtype": dtype, "shape": list(array.shape), "data": data}}


def encode(value, _depth=0):
    """Plain JSON data for ``value``, a student's result; never runs the value's own methods.

    Only exact built-in and numpy types are converted (an ndarray subclass as a copy of its
    data); anything else becomes ``{"__unsupported__": type name}``. Tuples become lists.
    """
    kind = type(value)
    if kind in _NUMPY_SCALARS:
        value = _SCALAR_TO_PYTHON[np.dtype(kind).kind](value)
        kind = type(value)
    if value is None or kind in (bool, int):
        return value
    if kind is float:
        return _float(value)
    if kind is str:
        return value if len(value) <= MAX_STRING else _unsupported("str (too long)")
    if issubclass(kind, np.ndarray):  # not isinstance: an object can fake its __class__
        return _encode_array(value)
    if kind in (list, tuple, dict) and _depth >= MAX_DEPTH:
        return _unsupported(f"{kind.__name__} (nested too deeply)")
    if kind in (list, tuple):
        if len(value) > MAX_ELEMENTS:
            return _unsupported(f"{kind.__name__} (too long)")
        return [encode(v, _depth + 1) for v in value]
    if kind is dict and len(value) <= MAX_ELEMENTS and all(type(k) is str for k in value):
        return {"__dict__": {k: encode(v, _depth + 1) for k, v in value.items()}}
    return _unsupported(kind)


def _payload(name, value, *, judge=None, rtol=None, atol=None, about=None, mistakes=None, bounds=None,
             other=None):
    if type(name) is not str or not name:
        raise TypeError(f"record: name must be a non-empty str, got {type(name).__name__}")
    spec = {"judge": judge, "rtol": rtol, "atol": atol, "about": about, "other": other,
            "bounds": None if bounds is None else [float(b) for b in bounds]}
    payload = {"name": name, "value": encode(value)}
    payload.update((key, v) for key, v in spec.items() if v is not None)
    if mistakes is not None:
        mistakes = mistakes() if callable(mistakes) else mistakes
        payload["mistakes"] = [[cause, encode(v)] for cause, v in mistakes]
    return payload


ENV_REFERENCE = "DLCOURSE_REFERENCE"  # "1" in the trusted kernel that runs the reference solution


def record(name, value, *, judge=None, rtol=None, atol=None, about=None, mistakes=None, bounds=None,
           other=None):
    """Publish ``value`` under ``name`` as a record output of the running cell.

    The keyword arguments are the judging spec (see ``dlhelpers.grading.judge``; left out, floats
    are judged ``"close"`` and anything else ``"equal"``). The grader reads it from the reference
    solution's records only, so it is sent only from the reference kernel (``DLCOURSE_REFERENCE=1``).
    ``about`` describes the input in words a student may read ("an array of shape (4, 7)");
    ``mistakes`` lists ``(cause, value)`` pairs, what a known mistake returns on the same input, or
    is a function returning that list, called in the reference kernel only; ``bounds`` is
    ``(low, high)`` for ``judge="within"``; ``other`` names the record that ``"same_as"`` and
    ``"differs"`` compare with. Outside grading (no ``NBGRADER_EXECUTION``, not the reference kernel)
    nothing is shown.
    """
    import os

    from IPython.display import display

    spec = dict(judge=judge, rtol=rtol, atol=atol, about=about, mistakes=mistakes, bounds=bounds, other=other)
    reference = os.environ.get(ENV_REFERENCE) == "1"
    if not reference and not os.environ.get("NBGRADER_EXECUTION"):
        return  # an instructor running the source notebook: nothing to grade, nothing to show
    payload = _payload(name, value, **(spec if reference else {}))
    size = len(json.dumps(payload))
    cell = _cell_number()
    if cell != _sent["cell"]:
        _sent.update(cell=cell, bytes=0)
    if _sent["bytes"] + size > CELL_BUDGET and not reference:
        # a wrong, huge result fails its probe instead of flooding the kernel's output
        payload = {"name": name, "value": _unsupported("result (too large to record)")}
        size = len(json.dumps(payload))
    _sent["bytes"] += size
    display({RECORD_MIME: payload}, raw=True)


_sent = {"cell": None, "bytes": 0}


def _cell_number():
    """The running cell's execution count (records of one cell share ``CELL_BUDGET``)."""
    try:
        from IPython import get_ipython

        return get_ipython().execution_count
    except Exception:
        return None


class _Malformed(ValueError):
    pass


def _check(ok, why):
    if not ok:
        raise _Malformed(why)


def _decode_array(body):
    _check(isinstance(body, dict) and set(body) == {"dtype", "shape", "data"}, "bad ndarray fields")
    dtype, shape, data = body["dtype"], body["shape"], body["data"]
    _check(type(dtype) is str and dtype in _ARRAY_TYPES, "bad ndarray dtype")
    _check(type(shape) is list and len(shape) <= 32 and all(type(n) is int and n >= 0 for n in shape),
           "bad ndarray shape")
    _check(math.prod(shape) <= MAX_ELEMENTS, "ndarray too large")
    _check(type(data) is list and len(data) == math.prod(shape), "ndarray data does not fit its shape")
    allowed = _ARRAY_TYPES[dtype]
    for v in data:
        _check(type(v) in allowed or (dtype == "float64" and type(v) is str and v in _NONFINITE),
               f"bad {dtype} element")
    if dtype == "float64":
        data = [_NONFINITE[v] if type(v) is str else v for v in data]
    return np.array(data, dtype=dtype).reshape(shape)


def decode(data, _depth=0):
    """The value that ``encode`` turned into ``data``; raises ``ValueError`` on malformed data.

    ndarrays come back with their dtype and shape, tuples as lists, unsupported values as
    ``Unsupported``.
    """
    _check(_depth <= MAX_DEPTH, "nested too deeply")
    if data is None or type(data) in (bool, int, float):
        return data
    if type(data) is str:
        _check(len(data) <= MAX_STRING, "string too long")
        return data
    if isinstance(data, list):
        _check(len(data) <= MAX_ELEMENTS, "list too long")
        return [decode(v, _depth + 1) for v in data]
    _check(isinstance(data, dict) and len(data) == 1, "not a value")
    [(tag, body)] = data.items()
    if tag == "__float__":
        _check(type(body) is str and body in _NONFINITE, "bad float")
        return _NONFINITE[body]
    if tag == "__ndarray__":
        return _decode_array(body)
    if tag == "__dict__":
        _check(isinstance(body, dict) and len(body) <= MAX_ELEMENTS and all(type(k) is str for k in body),
               "bad dict")
        return {k: decode(v, _depth + 1) for k, v in body.items()}
    _check(tag == "__unsupported__" and type(body) is str and len(body) <= 200, "unknown tag")
    return Unsupported(body)


def _is_record(output):
    return (isinstance(output, dict) and output.get("output_type") in ("display_data", "execute_result")
            and isinstance(output.get("data"), dict) and RECORD_MIME in output["data"])


def _read(raw, budget):
    """(payload dict or None if over ``budget``, its size in bytes) of one record's bundle entry."""
    size = len(raw.encode("utf-8", "replace")) if type(raw) is str else len(json.dumps(raw))
    if size > budget:
        return None, size
    payload = json.loads(raw) if type(raw) is str else raw
    _check(isinstance(payload, dict) and "name" in payload and "value" in payload, "not a record")
    _check(type(payload["name"]) is str and 0 < len(payload["name"]) <= 200, "bad name")
    return payload, size


def parse_records(outputs, *, max_records=200, max_bytes=20_000_000, payloads=False):
    """Read the records among a cell's ``outputs`` (nbformat output dicts, untrusted).

    Returns ``(records, problems)``: ``records`` maps each name to its decoded value (with
    ``payloads=True``, to the whole payload with ``"value"`` and the mistakes' values decoded, for
    the reference side); ``problems`` lists, in words a student may see, each record dropped for
    being malformed, too large, beyond ``max_records`` or a repeated name. Never raises.
    """
    records, problems, seen, used = {}, [], set(), 0
    if not isinstance(outputs, list):
        return records, ["the cell's outputs are not a list"]
    for count, output in enumerate(filter(_is_record, outputs)):
        if count >= max_records:
            problems.append(f"more than {max_records} results were recorded")
            break
        try:
            payload, size = _read(output["data"][RECORD_MIME], max_bytes - used)
            if payload is None:
                problems.append("a recorded result is too large")
                continue
            name = payload["name"]
            if name in seen:
                problems.append("a result was recorded twice")
                continue
            seen.add(name)
            value = decode(payload["value"])
            if payloads:
                mistakes = payload.get("mistakes", [])
                _check(isinstance(mistakes, list) and all(
                    isinstance(m, list) and len(m) == 2 and type(m[0]) is str for m in mistakes), "bad mistakes")
                value = dict(payload, value=value, mistakes=[(c, decode(v)) for c, v in mistakes])
            records[name], used = value, used + size
        except Exception as error:
            why = f" ({error})" if isinstance(error, _Malformed) else ""
            problems.append(f"a recorded result is malformed{why}")
    return records, problems


def strip_records(outputs):
    """``outputs`` without record bundles (copies; an output left with no data is dropped)."""
    kept = []
    for output in outputs:
        if _is_record(output):
            output = copy.copy(output)
            output["data"] = copy.copy(output["data"])
            del output["data"][RECORD_MIME]
            if not output["data"]:
                continue
        kept.append(output)
    return kept
