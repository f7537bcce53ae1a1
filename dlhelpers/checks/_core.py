"""The building blocks of student-facing checks: compare, and say what went wrong.

A failed check raises ``CheckError`` whose message names the function, what was expected, what
came back and, when it can tell, the likely mistake. Comparisons go through references to numpy
taken when this module is imported, so replacing ``np.allclose`` later changes nothing here.
"""

import functools
import numbers

import numpy as np

from ._display import keep_student_frames, note, raiser

# References captured at import: student code that later replaces np.allclose, np.isclose, ...
# does not reach these.
_ndarray = np.ndarray
_array = np.array
_float64 = np.float64
_abs = np.absolute
_subtract = np.subtract
_multiply = np.multiply
_add = np.add
_less_equal = np.less_equal
_isfinite = np.isfinite
_argmax = np.argmax
_unravel = np.unravel_index
_isinstance = isinstance
_tuple = tuple


class CheckError(AssertionError):
    """A check failed; the message says what was expected, what came and the likely cause.

    In a notebook it shows as that message alone, without the traceback of the course's code.
    """

    def _render_traceback_(self):
        return note(type(self).__name__, str(self))


def fail(func, message):
    """Raise a CheckError for ``func`` (a name such as ``"propagate"``)."""
    raise CheckError(f"{func}: {message}")


def not_implemented(name):
    """The message for a stub that still raises NotImplementedError."""
    return (f"{name} is not implemented yet: replace `raise NotImplementedError()` in its cell "
            "with your code.")


def explain_stubs(namespace):
    """Wrap every ``check_*`` function of a check module's ``namespace`` (its ``globals()``).

    A NotImplementedError from a stub the check calls becomes a CheckError that names the stub:
    "propagate is not implemented yet: replace `raise NotImplementedError()` ...". Any other error
    from the student's code shows with the student's frames only, not the check's.
    """

    def wrap(check):
        @functools.wraps(check)
        def checked(*args, **kwargs):
            try:
                return check(*args, **kwargs)
            except CheckError:
                raise
            except NotImplementedError as error:
                if str(error):
                    keep_student_frames(error)
                    raise
                raise CheckError(not_implemented(raiser(error.__traceback__))) from None
            except Exception as error:
                keep_student_frames(error)
                raise
        return checked

    for name, value in list(namespace.items()):
        if name.startswith("check_") and callable(value):
            namespace[name] = wrap(value)


def is_real_number(value):
    """True for one real number: an int or float (numpy's too, not a bool) or a 0-d numeric array."""
    if _isinstance(value, _ndarray):
        return value.ndim == 0 and value.dtype.kind in "iuf"
    return _isinstance(value, numbers.Real) and not _isinstance(value, (bool, np.bool_))


def is_real_zero(value):
    """True for a real number equal to 0 (``0``, ``0.0``, ``np.float64(0)``, a 0-d array): a valid zero bias."""
    return is_real_number(value) and bool(value == 0)


def describe(value):
    """A short description of a value: its type and, for arrays, shape and dtype."""
    if _isinstance(value, _ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"a {type(value).__name__} ({value!r:.60})"


def shape_hint(got, expected):
    """The likely cause of an array of shape ``got`` where ``expected`` was asked, or ''."""
    got, expected = _tuple(got), _tuple(expected)
    if len(got) == 1 and len(expected) == 2 and got[0] in (expected[0] * expected[1],):
        return (" Likely cause: a rank-1 array (shape (n,)). Keep two dimensions, e.g. "
                "np.zeros((n, 1)) or np.sum(..., axis=1, keepdims=True).")
    if len(got) == 2 and got == expected[::-1]:
        return " Likely cause: a transposed result: check the order of a product or a missing .T."
    if len(got) == 2 and len(expected) == 2 and got[0] == got[1] and expected[1] == 1:
        return (" Likely cause: broadcasting of a (n,) or (n, 1) array against the other shape; "
                "check the shapes of both sides.")
    if len(got) == 0 and len(expected) > 0:
        return " Likely cause: a sum over everything where a sum along one axis was meant."
    return ""


def as_array(func, what, value):
    """``value`` as a plain float64 ndarray (not a subclass), or a CheckError if it is none."""
    if not _isinstance(value, (_ndarray, numbers.Number)):
        fail(func, f"{what} should be a numpy array, got {describe(value)}.")
    try:
        return _array(value, dtype=_float64, subok=False)
    except (TypeError, ValueError):
        fail(func, f"{what} should hold numbers, got {describe(value)}.")


def expect_array(func, what, value, shape):
    """Check that ``value`` is an ndarray of ``shape``; return it as a plain float64 array."""
    if not _isinstance(value, _ndarray):
        hint = (" Use numpy operations (np.dot, np.sum, ...) rather than Python lists."
                if _isinstance(value, (list, _tuple)) else "")
        fail(func, f"{what} should be a numpy array of shape {_tuple(shape)}, got {describe(value)}.{hint}")
    if _tuple(value.shape) != _tuple(shape):
        fail(func, f"{what} has shape {value.shape}, expected {_tuple(shape)}.{shape_hint(value.shape, shape)}")
    return as_array(func, what, value)


def expect_scalar(func, what, value):
    """Check that ``value`` is one real number (float, np.float64, 0-d array); return a float."""
    if _isinstance(value, bool):
        fail(func, f"{what} should be a number, got a bool.")
    if _isinstance(value, numbers.Real):
        return float(value)
    if _isinstance(value, _ndarray) and value.size == 1:
        if value.ndim == 0:
            return float(value)
        fail(func, f"{what} should be a single number, got an array of shape {value.shape}. "
                   f"Likely cause: a matrix product left it as {value.shape}; use np.squeeze or float(...[0, 0]).")
    fail(func, f"{what} should be a single number, got {describe(value)}.")


def _close(got, expected, rtol, atol):
    if got.shape != expected.shape:
        return False
    finite = _isfinite(got)
    if not finite.all():
        return False
    gap = _abs(_subtract(got, expected))
    limit = _add(atol, _multiply(rtol, _abs(expected)))
    return bool(_less_equal(gap, limit).all())


def is_close(got, expected, *, rtol=1e-5, atol=1e-8):
    """True if two arrays (or numbers) have the same shape and agree within the tolerances."""
    try:
        got = _array(got, dtype=_float64, subok=False)
        expected = _array(expected, dtype=_float64, subok=False)
    except (TypeError, ValueError):
        return False
    return _close(got, expected, rtol, atol)


def expect_close(func, what, got, expected, *, rtol=1e-5, atol=1e-8, mistakes=()):
    """Check that ``got`` matches ``expected`` in shape and value.

    ``mistakes`` is a sequence of ``(wrong_value, cause)``: if ``got`` matches a wrong value,
    the message names that cause. Arrays must be ndarrays of the expected shape; numbers may be
    any real type.
    """
    expected = _array(expected, dtype=_float64)
    if expected.ndim == 0:
        got = _array(expect_scalar(func, what, got))
    else:
        got = expect_array(func, what, got, expected.shape)
    if _close(got, expected, rtol, atol):
        return
    for wrong, cause in mistakes:
        if is_close(got, wrong, rtol=rtol, atol=atol):
            fail(func, f"{what} is off: {_first_gap(got, expected)}. Likely cause: {cause}.")
    fail(func, f"{what} is off: {_first_gap(got, expected)}.")


def _first_gap(got, expected):
    """Where two same-shaped arrays differ most, in words."""
    if got.ndim == 0:
        return f"got {got.item():.6g}, expected {expected.item():.6g}"
    if not _isfinite(got).all():
        where = _unravel(int(_argmax(~_isfinite(got))), got.shape)
        return (f"entry {tuple(int(i) for i in where)} is {got[where]}, not a finite number "
                "(an overflow in exp, or log of 0?)")
    where = _unravel(int(_argmax(_abs(_subtract(got, expected)))), got.shape)
    return f"entry {tuple(int(i) for i in where)} is {got[where]:.6g}, expected {expected[where]:.6g}"


def expect_keys(func, what, mapping, keys):
    """Check that ``mapping`` is a dict holding every key in ``keys``."""
    if not _isinstance(mapping, dict):
        fail(func, f"{what} should be a dict with keys {list(keys)}, got {describe(mapping)}.")
    missing = [key for key in keys if key not in mapping]
    if missing:
        fail(func, f"{what} is missing the key(s) {missing}; it has {list(mapping)}.")


def expect_labels(func, what, value, shape):
    """Check that ``value`` is an array of ``shape`` holding only 0 and 1; return it."""
    got = expect_array(func, what, value, shape)
    if not bool(((got == 0) | (got == 1)).all()):
        fail(func, f"{what} should hold only 0 and 1, got values such as {got.ravel()[:4].tolist()}. "
                   "Likely cause: probabilities returned instead of labels; threshold them at 0.5.")
    return got


def sign_and_scale_mistakes(expected, m):
    """The usual wrong versions of a gradient or cost averaged over ``m`` examples."""
    expected = _array(expected, dtype=_float64)
    return [
        (-expected, "a wrong sign (the gradient of the cost is (A - Y), not (Y - A))"),
        (expected * m, "a missing 1/m: average over the examples"),
        (expected / m, "dividing by m twice"),
    ]
