"""The judge: a test cell's records in, a verdict out, in the grader's process.

Like a programming-contest checker it never runs the student's code: it compares the values
that the probes recorded in the student's kernel (``got``) with the records of the same probes
run on the reference solution (``expected``). How each record is judged, its tolerances, the
description of its input (``about``) and the known mistakes come from the reference side only.

Messages name the function, the ``about`` text, shapes and kinds of failure ("values differ"),
never an expected value or a hidden input.
"""

from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np

from dlhelpers.grading.records import Unsupported


@dataclass(frozen=True)
class ReferenceRecord:
    """What one probe recorded on the reference solution, with how to judge it.

    ``mistakes`` holds ``(cause, value)`` pairs: what a known mistake returns on the same input.
    """

    name: str
    value: object
    judge: str = "close"
    rtol: float = 1e-5
    atol: float = 1e-8
    about: str = ""
    mistakes: tuple = ()
    bounds: tuple = ()  # (low, high), for "within"
    other: str = ""  # the record compared with, for "same_as" and "differs"


@dataclass(frozen=True)
class Verdict:
    """Whether a test cell passed, and the messages for the student (empty when it passed)."""

    passed: bool
    messages: list


def _numeric(x):
    """``x`` as an ndarray of bools or numbers, or None if it is not one (lists of numbers are)."""
    if isinstance(x, (Unsupported, str, dict)) or x is None:
        return None
    try:
        array = np.asarray(x)
    except (ValueError, TypeError, OverflowError):  # a ragged list
        return None
    return array if array.dtype.kind in "biuf" else None


def _shape(shape):
    return "a single number" if shape == () else f"shape {shape}"


def _describe(x):
    if isinstance(x, np.ndarray):
        return "a number" if x.shape == () else f"an array of shape {x.shape}"
    if x is None:
        return "None"
    name = x.type_name if isinstance(x, Unsupported) else type(x).__name__
    return f"{'an' if name[:1] in tuple('aeiou') else 'a'} {name}"


def _arrays(ref, got):
    """(expected, got) as arrays of the same shape, or the finding that stops the comparison."""
    want, have = _numeric(ref.value), _numeric(got)
    if want is None:  # a mistake's value that is not numbers: never a match
        return None, "values differ"
    if have is None:
        return None, f"expected {_describe(want)}, got {_describe(got)}"
    if have.shape != want.shape:
        shown = _shape(have.shape) if () in (want.shape, have.shape) else have.shape
        return None, f"expected {_shape(want.shape)}, got {shown}"
    return (want, have), None


def judge_close(ref, got):
    """Same shape, finite where the reference is, and ``np.allclose`` with the record's tolerances."""
    pair, finding = _arrays(ref, got)
    if finding:
        return finding
    want, have = (a.astype(np.float64) for a in pair)
    if (~np.isfinite(have) & np.isfinite(want)).any():
        return "the result contains NaN or inf"
    if not np.allclose(have, want, rtol=ref.rtol, atol=ref.atol, equal_nan=True):
        return "values differ"
    return None


def _same(want, got):
    a, b = _numeric(want), _numeric(got)
    if a is not None and b is not None:
        return a.shape == b.shape and np.array_equal(a, b)
    if isinstance(want, list) and isinstance(got, list):
        return len(want) == len(got) and all(map(_same, want, got))
    if isinstance(want, dict) and isinstance(got, dict):
        return want.keys() == got.keys() and all(_same(want[k], got[k]) for k in want)
    return type(want) is type(got) and want == got


def judge_equal(ref, got):
    """Exactly equal: ints, bools, strings, labels, and lists or dicts of them."""
    if _numeric(ref.value) is not None:
        _, finding = _arrays(ref, got)
        if finding:
            return finding
    elif type(got) is not type(ref.value):
        return f"expected {_describe(ref.value)}, got {_describe(got)}"
    return None if _same(ref.value, got) else "values differ"


def judge_zero(ref, got):
    """Zero: a real number equal to 0, or an array of zeros of the reference's shape (a zero bias)."""
    have = _numeric(got)
    if have is None or have.dtype.kind == "b":
        return f"expected zeros, got {_describe(got)}"
    want = _numeric(ref.value)
    if have.shape not in ((), want.shape if want is not None else ()):
        return f"expected zeros of {_shape(want.shape)}, got {_shape(have.shape)}"
    if have.dtype.kind == "f" and not np.isfinite(have).all():
        return "the result contains NaN or inf"
    return None if (have == 0).all() else "expected zeros, got other values"


def judge_within(ref, got):
    """Numbers, all finite and within the reference's ``bounds`` (inclusive); its value is ignored."""
    have = _numeric(got)
    if have is None or have.dtype.kind == "b":
        return f"expected numbers, got {_describe(got)}"
    if not np.isfinite(have).all():
        return "the result contains NaN or inf"
    low, high = ref.bounds
    return None if ((have >= low) & (have <= high)).all() else "the value is outside the range it should be in"


def judge_falls(ref, got):
    """A sequence of at least two finite numbers whose last entry is below its first (a cost that falls)."""
    have = _numeric(got)
    if have is None or have.dtype.kind == "b" or have.ndim != 1 or have.size < 2:
        return f"expected a sequence of numbers, got {_describe(got if have is None else have)}"
    if not np.isfinite(have).all():
        return "the values contain NaN or inf (the training diverged)"
    return None if have[-1] < have[0] else "the values do not fall"


def judge_like(ref, got):
    """Random draws: the reference's shape, finite, mean and spread within ``rtol`` of its spread.

    ``|mean - mean_ref|`` and ``|std - std_ref|`` must each be at most ``rtol * std_ref + atol``.
    """
    pair, finding = _arrays(ref, got)
    if finding:
        return finding
    want, have = (a.astype(np.float64) for a in pair)
    if not np.isfinite(have).all():
        return "the result contains NaN or inf"
    limit = ref.rtol * want.std() + ref.atol
    if abs(have.std() - want.std()) > limit:  # the spread first: a wrong scale also moves the mean
        return "the values are spread too much" if have.std() > want.std() else "the values are spread too little"
    if abs(have.mean() - want.mean()) > limit:
        return "the values are centred in the wrong place"
    return None


def judge_shape(ref, got):
    """Only the shape must match the reference's."""
    return _arrays(ref, got)[1]


def judge_finite(ref, got):
    """A number or array of numbers with no NaN or inf; the reference's value is ignored."""
    have = _numeric(got)
    if have is None:
        return f"expected numbers, got {_describe(got)}"
    return None if np.isfinite(have).all() else "the result contains NaN or inf"


JUDGES = MappingProxyType({"close": judge_close, "equal": judge_equal, "shape": judge_shape,
                           "finite": judge_finite, "zero": judge_zero, "within": judge_within,
                           "falls": judge_falls, "like": judge_like})
"""Judge kinds: each takes ``(ReferenceRecord, got value)`` and returns None or a finding.

Read-only; to add a kind, pass ``judges={**JUDGES, "kind": function}``. Two more kinds compare a
record with another of the same cell (``other``), handled by ``judge_cell``: ``"same_as"`` (equal:
two runs with generators seeded alike) and ``"differs"`` (not equal: differently seeded runs).
There is no kind that trusts a property computed in the student's kernel: a kernel can send True.
"""
PAIR_JUDGES = ("same_as", "differs")


def reference_from_payload(payload, *, judges=JUDGES):
    """A ``ReferenceRecord`` from a reference payload (``parse_records(..., payloads=True)``).

    Without a ``judge`` key, floats are judged ``"close"`` and anything else ``"equal"``. Raises
    ``ValueError`` naming the record when its spec is not one the judge can use.
    """
    name, value = payload["name"], payload["value"]
    array = _numeric(value)
    kind = payload.get("judge") or ("close" if array is not None and array.dtype.kind == "f" else "equal")
    about = payload.get("about") or ""
    rtol, atol = payload.get("rtol", 1e-5), payload.get("atol", 1e-8)
    mistakes = tuple((cause, mistake) for cause, mistake in payload.get("mistakes", ()))
    bounds, other = payload.get("bounds", ()), payload.get("other", "")
    checks = [
        (kind in judges or kind in PAIR_JUDGES, f"unknown judge {kind!r}"),
        (kind != "within" or (isinstance(bounds, list) and len(bounds) == 2
                              and all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in bounds)),
         "judge 'within' needs bounds=(low, high)"),
        (kind not in PAIR_JUDGES or (isinstance(other, str) and other), f"judge {kind!r} needs other=NAME"),
        (not isinstance(value, Unsupported), "its value is unsupported"),
        (kind not in ("close", "shape", "like", "zero") or array is not None, f"judge {kind!r} needs numbers"),
        (isinstance(about, str), "about must be a str"),
        (all(isinstance(t, (int, float)) and not isinstance(t, bool) and t >= 0 for t in (rtol, atol)),
         "rtol and atol must be numbers >= 0"),
        (all(isinstance(cause, str) for cause, _ in mistakes), "each mistake's cause must be a str"),
    ]
    for ok, problem in checks:
        if not ok:
            raise ValueError(f"reference record {name!r}: {problem}")
    return ReferenceRecord(name, value, kind, float(rtol), float(atol), about, mistakes,
                           tuple(float(b) for b in bounds), other)


def _matches(ref, mistake, got, judge):
    candidate = replace(ref, value=mistake)
    if judge(candidate, got) is None:
        return True
    # numbers also within float rounding: a mistake such as probabilities for labels is judged
    # "equal", but the student computes it in other bits
    loose = replace(candidate, rtol=max(ref.rtol, 1e-5), atol=max(ref.atol, 1e-8))
    return _numeric(mistake) is not None and judge_close(loose, got) is None


def _likely_cause(ref, got, judge):
    """The causes of the known mistakes whose values ``got`` matches, as one phrase, or None.

    When several mistakes give the same value on this input, all are named ("A, or B").
    """
    causes = list(dict.fromkeys(cause for cause, mistake in ref.mistakes if _matches(ref, mistake, got, judge)))
    return ", or ".join(causes) if causes else None


def _nonfinite(x):
    """True if ``x`` (a decoded value) holds a NaN or inf anywhere."""
    if isinstance(x, dict):
        return any(map(_nonfinite, x.values()))
    array = _numeric(x)
    if array is None:
        return isinstance(x, list) and any(map(_nonfinite, x))
    return array.dtype.kind == "f" and not np.isfinite(array).all()


def _judge_pair(ref, got):
    if ref.other not in got:
        return "a result it is compared with is missing"
    if _nonfinite(got[ref.name]) or _nonfinite(got[ref.other]):
        return "the results contain NaN or inf"
    same = _same(got[ref.name], got[ref.other])
    if ref.judge == "same_as" and not same:
        return "two runs with generators seeded alike gave different results: draw only from the rng argument"
    if ref.judge == "differs" and same:
        values = _numeric(got[ref.name])
        if values is not None and values.size > 1 and (values == values.flat[0]).all():
            return "every value is the same number: nothing random was drawn (check the scale's arithmetic)"
        return "two runs with generators seeded differently gave the same result: draw from the rng argument"
    return None


def judge_cell(function_hint, expected, got, problems, *, judges=JUDGES):
    """The verdict on one test cell.

    Parameters
    ----------
    function_hint : str
        The function the cell tests, as the student knows it (``"propagate"``).
    expected : dict of str to ReferenceRecord
        The reference's records of the cell's probes.
    got : dict of str to value
        The student's records, from ``parse_records``.
    problems : list of str
        The problems ``parse_records`` found in the student's records.
    judges : mapping of str to callable, optional
        The judge kinds.

    Returns
    -------
    Verdict
        Passed only with no problems, every expected record present and judged right, and no
        extra record.
    """
    messages = [f"{function_hint}: {problem}" for problem in problems]
    for name, ref in expected.items():
        about = ref.about or "one of the hidden cases"
        if name not in got:
            messages.append(f"{function_hint}: no result for {about} (the probe did not finish: "
                            "the function raised or returned early)")
            continue
        if ref.judge in PAIR_JUDGES:
            finding = _judge_pair(ref, got)
            if finding:
                messages.append(f"{function_hint}: {about}: {finding}.")
            continue
        judge = judges[ref.judge]
        finding = judge(ref, got[name])
        if finding:
            cause = _likely_cause(ref, got[name], judge)
            messages.append(f"{function_hint}: {about}: {finding}." + (f" Likely cause: {cause}." if cause else ""))
    if got.keys() - expected.keys():
        messages.append(f"{function_hint}: an unexpected result was recorded")
    return Verdict(not messages, messages)
