"""Checks for the initialization notebook (two noisy circles, a 2 → 10 → 5 → 1 network).

Initialisations draw random numbers, so the checks never compare with a fixed array: they check
shapes, zero biases, the mean, spread and shape of the weights' distribution on layers large enough
for the statistics to be sharp, and that the ``rng`` passed in is what is used (equal seeds give
equal weights, different seeds different ones). ``W[l]`` has shape ``(n[l], n[l-1])`` and ``b[l]``
shape ``(n[l], 1)``; examples are columns, ``X`` has shape ``(n_x, m)`` and ``Y`` shape ``(1, m)``.
"""

import contextlib
import io
import math
import numbers

import numpy as np

from ._core import (
    CheckError,
    expect_array,
    expect_close,
    expect_keys,
    explain_stubs,
    fail,
    is_close,
    is_real_zero,
    not_implemented,
)
from ._display import raiser

# Large layers: a sample of 100,000 (and 25,000) weights pins the spread to within a fraction of
# a percent, and the fan-in differs from the fan-out so that sqrt(2 / n[l]) is told apart.
BIG_DIMS = [400, 250, 100, 1]
STATISTICS_LAYERS = (1, 2)
SCALE_TOLERANCE = 0.05  # relative; the sampling error of the spread is about 0.2 % here
SMALL_DIMS = [3, 4, 2, 1]

# A small problem for model: 3 features (so layers_dims must come from X), 6 examples.
X = np.array([[1.0, -2.0, -1.0, 0.5, 0.3, -0.7],
              [3.0, 0.5, -3.2, 1.0, -0.4, 0.9],
              [0.0, 1.0, 2.0, -1.0, 0.6, -1.5]])
Y = np.array([[1, 1, 0, 1, 0, 1]])
MODEL_DIMS = [3, 10, 5, 1]
# With zero weights only b3 ever moves (every hidden unit is 0): b3 after (iterations, learning
# rate) steps, and what two mistakes give instead: adding the gradient, or always 0.01.
B3_ZEROS = {(100, 0.01): 0.14764546775934745, (30, 0.5): 0.6748871451654406}
B3_ZEROS_ASCENT = {(100, 0.01): -0.18904986910804328, (30, 0.5): -7.690558112637215}
B3_ZEROS_RATE_001 = {(100, 0.01): 0.14764546775934745, (30, 0.5): 0.04822925264187748}
UNKNOWN = "uniform"
MODEL_SHAPE_HINT = ("Likely cause: a global (X_train, Y_train) used inside model instead of the argument X or Y, "
                    "or layers_dims typed in instead of [X.shape[0], 10, 5, 1].")


def _rng(seed):
    return np.random.default_rng(seed)


SHAPE_ERRORS = ("mismatch in its core dimension", "not aligned", "could not be broadcast")


def _call(func, what, function, *args, hint="", **kwargs):
    """Call the student's function; an exception becomes a CheckError saying which call failed.

    ``hint`` is added when the exception is a shape mismatch of numpy (matmul or broadcasting).
    """
    try:
        return function(*args, **kwargs)
    except NotImplementedError as error:
        _stub(func, what, error)
    except Exception as error:  # noqa: BLE001 - any exception is reported with the call that raised it
        shape_error = hint and isinstance(error, ValueError) and any(s in str(error) for s in SHAPE_ERRORS)
        fail(func, f"{what} raised {type(error).__name__}: {error}" + (f" {hint}" if shape_error else ""))


def _stub(func, what, error):
    """A NotImplementedError from ``what``: a bare one names the stub that raised it."""
    if str(error):
        fail(func, f"{what} raised NotImplementedError: {error}")
    stub, caller = raiser(error.__traceback__), what.split("(")[0]
    called = f" ({caller} calls it.)" if stub != caller else ""
    raise CheckError(not_implemented(stub) + called) from None


def _quietly(function, *args):
    """``function(*args)``, or None if it raises: for comparisons that only look for a likely cause."""
    try:
        return function(*args)
    except Exception:  # noqa: BLE001 - another function's mistake must not hide this one's
        return None


def expect_finite(func, what, value, *, cause=""):
    """Fail with "the parameters contain NaN" (or inf) if ``value`` holds a non-finite number."""
    array = np.asarray(value, dtype=np.float64)
    if np.isfinite(array).all():
        return
    kind = "NaN" if np.isnan(array).any() else "inf"
    fail(func, f"the parameters contain {kind} ({what}), so they cannot be checked or compared."
               + (f" Likely cause: {cause}." if cause else ""))


NONFINITE_SCALE = ("a scale that is not a finite number: np.sqrt of a negative number, 0 / 0, "
                   "or a division by 0 somewhere")


def check_layers(func, parameters, layers_dims, *, zero_weights=False):
    """Keys W1, b1, ..., WL, bL, shapes (n[l], n[l-1]) and (n[l], 1), finite weights, zero biases.

    A zero bias may be any real zero: ``np.zeros((n[l], 1))`` or the number ``0`` (it broadcasts).
    """
    L = len(layers_dims) - 1
    keys = [f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
    what = f"the parameters for layers_dims = {list(layers_dims)}"
    expect_keys(func, what, parameters, keys)
    extra = [key for key in parameters if key not in keys]
    if extra:
        fail(func, f"{what} has the extra key(s) {extra}; expected exactly {keys}. Likely cause: a loop "
                   f"over the wrong range; the layers are l = 1, ..., L with L = len(layers_dims) - 1 = {L}.")
    for l in range(1, L + 1):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        if isinstance(W, np.ndarray) and W.shape == (n_prev, n) and n != n_prev:
            fail(func, f"W{l} has shape {W.shape} = (n[{l - 1}], n[{l}]), expected (n[{l}], n[{l - 1}]) = "
                       f"{(n, n_prev)}: rows are the units of layer {l}, so that W{l} @ A{l - 1} works with "
                       "examples as columns.")
        expect_finite(func, f"in W{l}", expect_array(func, f"W{l}", W, (n, n_prev)), cause=NONFINITE_SCALE)
        if np.asarray(W).dtype.kind != "f":
            fail(func, f"W{l} has dtype {np.asarray(W).dtype}; it should hold floats.")
        if zero_weights and np.any(np.asarray(W) != 0):
            fail(func, f"W{l} holds non-zero values; this initialisation sets every weight to 0 (np.zeros).")
        if is_real_zero(b):
            continue
        if isinstance(b, numbers.Real) and not isinstance(b, bool):
            expect_finite(func, f"in b{l}", b)
            fail(func, f"b{l} is the number {b!r}: the biases start at zero (np.zeros((n[l], 1)), or 0).")
        if isinstance(b, np.ndarray) and b.shape == (n,):
            fail(func, f"b{l} has shape ({n},), a rank-1 array; expected ({n}, 1): use np.zeros((n[l], 1)).")
        if isinstance(b, np.ndarray) and b.shape == (1, n) and n != 1:
            fail(func, f"b{l} has shape (1, {n}), expected ({n}, 1): one bias per unit, as a column.")
        got_b = expect_array(func, f"b{l}", b, (n, 1))
        expect_finite(func, f"in b{l}", got_b)
        if np.any(got_b != 0):
            fail(func, f"b{l} holds non-zero values such as {got_b.ravel()[np.flatnonzero(got_b)[0]]:.4g}: the "
                       "biases start at zero (np.zeros((n[l], 1))); random weights alone break the symmetry.")


def check_initialize_parameters_zeros(initialize_parameters_zeros):
    """Zeros of the right shapes, for two network sizes."""
    func = "initialize_parameters_zeros"
    for dims in ([3, 2, 1], SMALL_DIMS):
        parameters = _call(func, f"initialize_parameters_zeros({dims})", initialize_parameters_zeros, list(dims))
        check_layers(func, parameters, dims, zero_weights=True)


def _kurtosis(values):
    centred = values - values.mean()
    return float(np.mean(centred ** 4) / np.mean(centred ** 2) ** 2)


def check_weight_statistics(func, W, l, target, target_text, mistakes):
    """Mean ≈ 0, a bell-shaped distribution and a spread within 5 % of ``target``.

    ``mistakes`` is a list of ``(wrong_spread, cause)``: a spread within 5 % of a wrong one
    names that cause.
    """
    W = np.asarray(W, dtype=np.float64).ravel()
    mean, spread = float(W.mean()), float(W.std())
    if not math.isfinite(spread):
        fail(func, f"W{l} holds values that are not finite numbers (inf or nan).")
    if spread == 0:
        fail(func, f"W{l} is constant ({mean:.4g} everywhere): draw random numbers with rng.standard_normal.")
    if abs(mean) > 0.1 * spread:
        fail(func, f"the entries of W{l} have mean {mean:.4g} and spread {spread:.4g}; they should be centred at 0. "
                   "Likely cause: rng.random or rng.uniform(0, 1) (uniform on [0, 1)) instead of "
                   "rng.standard_normal.")
    kurtosis = _kurtosis(W)
    if abs(kurtosis - 3.0) > 0.4:
        shape = "uniformly distributed" if kurtosis < 3 else "not normally distributed"
        fail(func, f"the entries of W{l} look {shape} (kurtosis {kurtosis:.2f}, a normal distribution has 3): "
                   "draw them with rng.standard_normal(shape) and multiply by the scale.")
    if abs(spread / target - 1) <= SCALE_TOLERANCE:
        return
    if target_text != f"{target:.4g}":
        target_text = f"{target_text} = {target:.4g}"
    for wrong, cause in mistakes:
        if abs(wrong / target - 1) > SCALE_TOLERANCE and abs(spread / wrong - 1) <= SCALE_TOLERANCE:
            fail(func, f"the entries of W{l} have standard deviation {spread:.4g}, expected {target_text}. "
                       f"Likely cause: {cause}.")
    fail(func, f"the entries of W{l} have standard deviation {spread:.4g}, expected {target_text}.")


def check_uses_rng(func, initialize, dims=SMALL_DIMS):
    """Equal seeds give equal weights, different seeds different weights."""
    first = _call(func, f"{func}({dims}, rng)", initialize, list(dims), _rng(5))
    again = _call(func, f"{func}({dims}, rng)", initialize, list(dims), _rng(5))
    other = _call(func, f"{func}({dims}, rng)", initialize, list(dims), _rng(6))
    for parameters in (first, again, other):
        check_layers(func, parameters, dims)
    if not all(is_close(first[f"W{l}"], again[f"W{l}"], rtol=0, atol=0) for l in range(1, len(dims))):
        fail(func, "two calls with generators of the same seed gave different weights. Likely cause: the "
                   "numbers come from np.random.randn or np.random.normal (numpy's global state); draw them "
                   "from the generator passed in: rng.standard_normal(shape).")
    if is_close(first["W1"], other["W1"], rtol=0, atol=0):
        fail(func, "generators with different seeds gave the same weights. Likely cause: a generator or seed "
                   "made inside the function (np.random.default_rng(...) or np.random.seed); use the rng "
                   "argument as it is.")


def _check_scaled(func, initialize, target_of, target_text, mistakes_of):
    parameters = _call(func, f"{func}({BIG_DIMS}, rng)", initialize, list(BIG_DIMS), _rng(0))
    check_layers(func, parameters, BIG_DIMS)
    for l in STATISTICS_LAYERS:
        n, n_prev = BIG_DIMS[l], BIG_DIMS[l - 1]
        check_weight_statistics(func, parameters[f"W{l}"], l, target_of(n, n_prev),
                                target_text.format(l=l, prev=l - 1, n=n, n_prev=n_prev), mistakes_of(n, n_prev))
    check_uses_rng(func, initialize)


def _common_mistakes(n, n_prev):
    return [
        (1.0, "the standard normal numbers were not multiplied by the scale"),
        (0.01, "the factor 0.01 of a small initialisation"),
        (10.0, "the factor 10 of the large initialisation"),
        (np.sqrt(2 / n), f"sqrt(2 / n[l]) = sqrt(2 / {n}); the scale uses the layer's fan-in n[l-1] = {n_prev}"),
        (np.sqrt(1 / n), f"sqrt(1 / n[l]) = sqrt(1 / {n}); the scale uses the layer's fan-in n[l-1] = {n_prev}"),
        (2 / n_prev, "the variance 2 / n[l-1] used as the scale: multiply by its square root, np.sqrt(2 / n[l-1])"),
        (1 / n_prev, "the variance 1 / n[l-1] used as the scale: multiply by its square root, np.sqrt(1 / n[l-1])"),
        (np.sqrt(2 / (n + n_prev)), "sqrt(2 / (n[l-1] + n[l])), Glorot's average of fan-in and fan-out; "
                                    "here the scale uses the fan-in n[l-1] alone"),
        (np.sqrt(2 / n_prev) * 10, "He's scale still multiplied by 10"),
    ]


def check_initialize_parameters_random(initialize_parameters_random):
    """Standard normal weights ×10, zero biases, drawn from the rng passed in."""
    func = "initialize_parameters_random"

    def mistakes(n, n_prev):
        return [(1.0, "the factor 10 is missing: rng.standard_normal((n[l], n[l-1])) * 10"),
                (0.01, "the factor 0.01; this exercise asks for a large initialisation, ×10"),
                (100.0, "a factor 100; multiply by 10"),
                (np.sqrt(10), "10 used as the variance (rng.normal(0, np.sqrt(10))); the standard deviation is 10"),
                (np.sqrt(2 / n_prev), "He's scale; this exercise asks for ×10"),
                (np.sqrt(1 / n_prev), "Xavier's scale; this exercise asks for ×10")]

    _check_scaled(func, initialize_parameters_random, lambda n, n_prev: 10.0, "10", mistakes)


def check_initialize_parameters_he(initialize_parameters_he):
    """Standard normal weights ×sqrt(2 / n[l-1]), zero biases, drawn from the rng passed in."""
    func = "initialize_parameters_he"

    def mistakes(n, n_prev):
        return [(np.sqrt(1 / n_prev), "sqrt(1 / n[l-1]) is Xavier's scale; He's is sqrt(2 / n[l-1])")] + \
            _common_mistakes(n, n_prev)

    _check_scaled(func, initialize_parameters_he, lambda n, n_prev: np.sqrt(2 / n_prev),
                  "sqrt(2 / n[{prev}]) = sqrt(2 / {n_prev})", mistakes)


def check_initialize_parameters_xavier(initialize_parameters_xavier):
    """Standard normal weights ×sqrt(1 / n[l-1]), zero biases, drawn from the rng passed in."""
    func = "initialize_parameters_xavier"

    def mistakes(n, n_prev):
        return [(np.sqrt(2 / n_prev), "sqrt(2 / n[l-1]) is He's scale; Xavier's is sqrt(1 / n[l-1])"),
                (np.sqrt(1 / (n + n_prev)), "sqrt(1 / (n[l-1] + n[l])); the scale uses the fan-in n[l-1] alone")] + \
            _common_mistakes(n, n_prev)

    _check_scaled(func, initialize_parameters_xavier, lambda n, n_prev: np.sqrt(1 / n_prev),
                  "sqrt(1 / n[{prev}]) = sqrt(1 / {n_prev})", mistakes)


def _same_parameters(a, b):
    return (isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b)
            and all(is_close(a[k], b[k], rtol=0, atol=0) for k in a))


def _nonfinite(parameters):
    """True if a dict of parameters holds a NaN or inf anywhere (False for anything else)."""
    if not isinstance(parameters, dict):
        return False
    try:
        return not all(np.isfinite(np.asarray(v, dtype=np.float64)).all() for v in parameters.values())
    except (TypeError, ValueError):
        return False


def _as_numbers(func, key, value):
    """``value`` (a parameter model returned) as a float array, or a CheckError naming ``key``."""
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        fail(func, f"{key} should be a numpy array of numbers, got a {type(value).__name__}.")


def _cost(parameters):
    """The cross-entropy of the 3-layer ReLU/sigmoid network on the small problem above."""
    A = X
    for l in (1, 2):
        A = np.maximum(0, parameters[f"W{l}"] @ A + parameters[f"b{l}"])
    Z = parameters["W3"] @ A + parameters["b3"]
    return float(np.mean(np.logaddexp(0, Z) - Y * Z))


def check_model(model, initialize_parameters_zeros, initialize_parameters_random, initialize_parameters_he,
                initialize_parameters_xavier):
    """The initialisation chosen by name, the rng passed on, gradient descent, and a clear error.

    The initialisers are the student's own: ``model`` is checked against what they return for
    the same seed, so this check does not depend on how they draw their numbers, and their own
    mistakes (a dtype, a scalar zero bias, a wrong scale) are left to their own checks.
    """
    func = "model"
    initializers = {"zeros": lambda rng: initialize_parameters_zeros(list(MODEL_DIMS)),
                    "random": lambda rng: initialize_parameters_random(list(MODEL_DIMS), rng),
                    "he": lambda rng: initialize_parameters_he(list(MODEL_DIMS), rng),
                    "xavier": lambda rng: initialize_parameters_xavier(list(MODEL_DIMS), rng)}

    keys = [f"{k}{l}" for l in (1, 2, 3) for k in "Wb"]

    def run(what, **kwargs):
        kwargs.setdefault("print_cost", False)
        args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if k != "rng")
        call = f"model(X, Y, {args}{', rng=...' if 'rng' in kwargs else ''})"
        parameters = _call(func, call, model, X.copy(), Y.copy(), hint=MODEL_SHAPE_HINT, **kwargs)
        expect_keys(func, "the parameters model returns", parameters, keys)
        if what == "initial":
            W1 = parameters["W1"]
            if isinstance(W1, np.ndarray) and W1.ndim == 2 and W1.shape[1] != X.shape[0]:
                fail(func, f"for X of shape {X.shape}, W1 has shape {W1.shape}, "
                           f"expected {(MODEL_DIMS[1], X.shape[0])}. "
                           f"Likely cause: layers_dims typed in; take the input size from the data, "
                           f"layers_dims = [X.shape[0], 10, 5, 1].")
        values = {key: _as_numbers(func, key, parameters[key]) for key in keys}
        bad = [key for key in keys if not np.isfinite(values[key]).all()]
        if bad:  # say so before any comparison: NaN != NaN would look like a mismatch
            init = kwargs["initialization"]
            if what != "initial":
                cause = ("the training diverged: check the update, parameters minus learning_rate times "
                         "the gradient, and that the initial parameters are finite")
            elif init in initializers and _nonfinite(_quietly(initializers[init], _rng(7))):
                cause = (f"initialize_parameters_{init} itself returns numbers that are not finite: fix it "
                         "first (model only passes them on)")
            else:
                cause = "numbers computed before the loop that are not finite"
            expect_finite(func, f"in {bad[0]}, from {call}", values[bad[0]], cause=cause)
        return parameters

    # 1. With no iterations, model returns the initialisation it was asked for, from the rng given.
    for name in ("zeros", "random", "he", "xavier"):
        got = run("initial", num_iterations=0, initialization=name, rng=_rng(7))
        expected = _call(func, f"initialize_parameters_{name}(layers_dims, rng)", initializers[name], _rng(7))
        if _same_parameters(got, expected):
            continue
        for other, initialize in initializers.items():
            if other != name and _same_parameters(got, _quietly(initialize, _rng(7))):
                fail(func, f'initialization="{name}" gave the parameters of initialize_parameters_{other}: '
                           "check which function each branch of your if/elif calls.")
        if name != "zeros" and _same_parameters(got, run("initial", num_iterations=0, initialization=name,
                                                         rng=_rng(8))):
            fail(func, f'initialization="{name}" gave the same parameters for generators of different seeds: '
                       f"pass model's rng on: initialize_parameters_{name}(layers_dims, rng).")
        fail(func, f'model(X, Y, num_iterations=0, initialization="{name}", rng=rng) should return the initial '
                   f"parameters, exactly initialize_parameters_{name}(layers_dims, rng) with "
                   f"layers_dims = [X.shape[0], 10, 5, 1] = {MODEL_DIMS}. Likely cause: the rng passed to "
                   "model is not the one passed to the initialisation, or numbers are drawn before it.")

    # 2. An unknown name is an error that says what is accepted.
    try:
        model(X.copy(), Y.copy(), num_iterations=1, print_cost=False, initialization=UNKNOWN, rng=_rng(0))
    except ValueError as error:
        if UNKNOWN not in str(error):
            fail(func, f'the ValueError for initialization="{UNKNOWN}" says "{error}"; name the value that '
                       "was given and the ones accepted, e.g. "
                       "raise ValueError(f\"unknown initialization {initialization!r}: use 'zeros', 'random', "
                       "'he' or 'xavier'\").")
    except NotImplementedError as error:
        _stub(func, "model", error)
    except Exception as error:  # noqa: BLE001
        fail(func, f'initialization="{UNKNOWN}" raised {type(error).__name__} ({error}); raise a ValueError '
                   "that names the unknown value instead (an else branch at the end of the if/elif).")
    else:
        fail(func, f'initialization="{UNKNOWN}" raised no error: end the if/elif with an else that raises '
                   "ValueError naming the unknown value.")

    # 3. Gradient descent: zeros are deterministic, only b3 moves (every hidden unit outputs 0).
    for (iterations, rate), b3 in B3_ZEROS.items():
        got = run("trained", num_iterations=iterations, learning_rate=rate, initialization="zeros")
        if isinstance(got["b3"], np.ndarray) and np.all(got["b3"] == 0):
            fail(func, "after training from zeros, b3 is still 0: update the parameters in the loop with "
                       "parameters = update_parameters(parameters, grads, learning_rate).")
        wrong = [(B3_ZEROS_ASCENT[(iterations, rate)],
                  "gradient ascent: the update subtracts learning_rate * gradient")]
        if rate != 0.01:
            wrong.append((B3_ZEROS_RATE_001[(iterations, rate)],
                          "learning_rate ignored (0.01 used instead of the argument)"))
        expect_close(func, f'b3 after {iterations} iterations at learning_rate {rate} from initialization="zeros"',
                     got["b3"], [[b3]], rtol=1e-6, mistakes=[([[v]], c) for v, c in wrong])

    # 4. From He's initialisation the cost falls, equal seeds agree and different seeds differ.
    start = run("initial", num_iterations=0, initialization="he", rng=_rng(3))
    trained = run("trained", num_iterations=200, learning_rate=0.05, initialization="he", rng=_rng(3))
    if _same_parameters(start, trained):
        fail(func, "200 iterations did not change the parameters: update them in the loop.")
    if not _cost(trained) < _cost(start):
        fail(func, f"the cost rose from {_cost(start):.4f} to {_cost(trained):.4f} in 200 iterations at "
                   "learning_rate 0.05. Likely cause: the update adds the gradient instead of subtracting it.")
    again = run("trained", num_iterations=200, learning_rate=0.05, initialization="he", rng=_rng(3))
    if not _same_parameters(trained, again):
        fail(func, "two runs with generators of the same seed gave different parameters: draw random numbers "
                   "only through the rng argument.")

    # 5. rng=None works (a fresh generator), and print_cost switches the printout.
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        _call(func, 'model(X, Y, num_iterations=2, print_cost=False, initialization="he")', model, X.copy(),
              Y.copy(), num_iterations=2, print_cost=False, initialization="he")
    if out.getvalue():
        fail(func, f"with print_cost=False, model printed {out.getvalue()[:60]!r}; print only when print_cost is true.")
    with contextlib.redirect_stdout(out):
        _call(func, 'model(X, Y, num_iterations=2, print_cost=True, initialization="he", rng=rng)', model,
              X.copy(), Y.copy(), num_iterations=2, print_cost=True, initialization="he", rng=_rng(0))
    if "Cost after iteration 0" not in out.getvalue():
        fail(func, "with print_cost=True, model should print the cost of iteration 0 (and every 1000th) as "
                   f"'Cost after iteration 0: 0.693147'; it printed {out.getvalue()[:60]!r}.")


explain_stubs(globals())
