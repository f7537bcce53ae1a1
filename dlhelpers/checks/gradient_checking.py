"""Checks for the gradient-checking notebook.

The gradient checks are graded on functions whose derivatives are known: while a check runs, the
names the student's function looks up (``forward_propagation``, ``backward_propagation``,
``forward_propagation_n``) are swapped, in that function's own globals, for cubic costs. Their
finite differences are known exactly, ``((θ+ε)³ − (θ−ε)³) / 2ε = 3θ² + ε²``, so the expected
difference is known for any ``epsilon``, and every call is recorded to name mistakes (a one-sided
difference, a ``theta`` changed without a copy, ...). The toolkit's ``numerical_gradient`` and
``gradient_check`` are refused there: the exercise is to write the loop. Nothing here holds the
solution of an exercise; the fixed backward pass is compared with numerical gradients.
"""

import contextlib
import types

import numpy as np

from .. import gradcheck
from ._core import expect_array, expect_close, expect_keys, expect_scalar, explain_stubs, fail, is_close

TOOLKIT_NAMES = ("numerical_gradient", "gradient_check")
PARAMETER_NAMES = ("W1", "b1", "W2", "b2", "W3", "b3")
GRADIENT_NAMES = tuple("d" + name for name in PARAMETER_NAMES)
_MISSING = object()


@contextlib.contextmanager
def substituted(func, **replacements):
    """Within the block, the global names of ``func`` in ``replacements`` take the given values.

    The globals of a notebook function are the notebook's namespace: this is how a check makes
    ``gradient_check`` call a known cost instead of ``forward_propagation``. Restored afterwards.
    """
    namespace = func.__globals__
    saved = {name: namespace.get(name, _MISSING) for name in replacements}
    namespace.update(replacements)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is _MISSING:
                namespace.pop(name, None)
            else:
                namespace[name] = value


def names_used(func):
    """Every global or attribute name the code of ``func`` (nested functions included) refers to."""
    names, stack = set(), [func.__code__]
    while stack:
        code = stack.pop()
        names.update(code.co_names)
        stack.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    return names


@contextlib.contextmanager
def toolkit_refused(func):
    """Refuse the toolkit's ``numerical_gradient`` / ``gradient_check`` while ``func`` is checked.

    First by reading the names its code uses, then, for any indirect route, by replacing both
    functions (in ``dlhelpers.gradcheck`` and in ``func``'s globals) with ones that fail.
    """
    name = func.__name__
    used = sorted(set(TOOLKIT_NAMES) & names_used(func))
    if used:
        fail(name, f"its code refers to {', '.join(used)}. Do not call dlhelpers.gradcheck's "
                   "numerical_gradient or gradient_check here: the exercise is to write the loop over "
                   "the entries of theta yourself (params_to_vector, vector_to_params and "
                   "gradients_to_vector are fine).")

    def refuse(*args, **kwargs):
        fail(name, "it called dlhelpers.gradcheck's numerical_gradient or gradient_check. Write the "
                   "loop yourself: J_plus[i], J_minus[i] and gradapprox[i] for every i.")

    originals = {n: getattr(gradcheck, n) for n in TOOLKIT_NAMES}
    aliases = {key: refuse for key, value in func.__globals__.items()
               if any(value is original for original in originals.values())}
    try:
        for n in TOOLKIT_NAMES:
            setattr(gradcheck, n, refuse)
        with substituted(func, **aliases):
            yield
    finally:
        for n, original in originals.items():
            setattr(gradcheck, n, original)


def _call_scalar(func, what, *args, **kwargs):
    return expect_scalar(func.__name__, what, func(*args, **kwargs))


def check_forward_propagation(forward_propagation):
    """J = θ·x for a few numbers."""
    func = "forward_propagation"
    expect_close(func, "forward_propagation(x=2, theta=4)", forward_propagation(2, 4), 8.0, mistakes=[
        (6.0, "theta + x; the cost here is the product of theta and x"),
        (16.0, "theta ** x; the cost here is the product of theta and x"),
        (2.0, "J is x alone; the cost here is the product of theta and x"),
        (4.0, "J is theta alone; the cost here is the product of theta and x"),
    ])
    expect_close(func, "forward_propagation(x=-3.0, theta=0.5)", forward_propagation(-3.0, 0.5), -1.5)


def check_backward_propagation(backward_propagation):
    """dJ/dθ = x for a few numbers."""
    func = "backward_propagation"
    expect_close(func, "backward_propagation(x=2, theta=4)", backward_propagation(2, 4), 2.0, mistakes=[
        (4.0, "the derivative with respect to x (that is theta); we want dJ/dtheta, which is x"),
        (8.0, "the cost J itself; its derivative dJ/dtheta is x"),
        (1.0, "the constant 1; the derivative of theta * x with respect to theta is x"),
        (-2.0, "a wrong sign; the derivative of theta * x with respect to theta is x, not -x"),
    ])
    expect_close(func, "backward_propagation(x=-3.0, theta=0.5)", backward_propagation(-3.0, 0.5), -3.0)


class _Recorder:
    """A known function of theta that records the thetas it was called with."""

    def __init__(self, function):
        self.function, self.thetas = function, []

    def __call__(self, x, theta):
        self.thetas.append(float(np.asarray(theta, dtype=float).reshape(())))
        return self.function(x, theta)


def _expect_difference(func, what, got, right, mistakes, hint=""):
    """``got`` should be ``right``; name the mistake it matches, else add ``hint`` to the message."""
    if is_close(got, right, rtol=1e-5):
        return
    for wrong, cause in mistakes:
        if is_close(got, wrong, rtol=1e-5):
            fail(func, f"{what}: got {got:.6g}, expected {right:.6g}. Likely cause: {cause}.")
    fail(func, f"{what}: got {got:.6g}, expected {right:.6g}.{hint}")


def _check_steps(func, offsets, eps, called):
    """From the offsets theta_called - theta of every call, name a wrong step."""
    moved = [o for o in offsets if o != 0]
    if moved and max(abs(o) for o in moved) < eps / 10:
        fail(func, f"the cost was evaluated only within {max(abs(o) for o in moved):.1g} of theta although "
                   f"epsilon = {eps}: use the epsilon argument, not a fixed number.")
    plus = any(abs(o - eps) < eps / 10 for o in offsets)
    minus = any(abs(o + eps) < eps / 10 for o in offsets)
    if plus and minus:
        return
    if (plus or minus) and any(o == 0 for o in offsets):
        fail(func, f"{called} was called at theta itself and at theta {'+' if plus else '-'} epsilon. Likely "
                   "cause: a one-sided difference (J(theta + eps) - J(theta)) / eps; use thetaplus = theta + "
                   "epsilon and thetaminus = theta - epsilon, and divide by 2 * epsilon.")
    fail(func, f"{called} was never called at theta {'-' if plus else '+'} epsilon: compute thetaplus = "
               "theta + epsilon and thetaminus = theta - epsilon, and evaluate the cost at both.")


def check_gradient_check(gradient_check):
    """The 1-D gradient check on J = x·θ³, whose two-sided difference is x(3θ² + ε²) exactly."""
    func = "gradient_check"
    x, theta, eps = 2.0, 1.5, 1e-2
    for label, slope in (("right", 3.0), ("wrong", 2.0)):
        forward = _Recorder(lambda x, theta: x * theta ** 3)
        backward = _Recorder(lambda x, theta, slope=slope: slope * x * theta ** 2)
        with toolkit_refused(gradient_check), substituted(gradient_check, forward_propagation=forward,
                                                          backward_propagation=backward):
            got = _call_scalar(gradient_check, "the difference", x, theta, epsilon=eps, print_msg=False)
        if not forward.thetas:
            fail(func, "it did not call forward_propagation: compute J_plus = forward_propagation(x, thetaplus) "
                       "and J_minus = forward_propagation(x, thetaminus) with the function above.")
        if not backward.thetas:
            fail(func, "it did not call backward_propagation: take grad = backward_propagation(x, theta) "
                       "rather than writing the derivative yourself.")
        _check_steps(func, [t - theta for t in forward.thetas], eps, "forward_propagation")
        grad = slope * x * theta ** 2
        two_sided = x * (3 * theta ** 2 + eps ** 2)
        one_sided = x * (3 * theta ** 2 + 3 * theta * eps + eps ** 2)
        _expect_difference(
            func, f"the difference for J = x * theta**3 with a {label} gradient ({grad:g}) at x = {x}, "
                  f"theta = {theta}, epsilon = {eps}",
            got, abs(grad - two_sided) / (abs(grad) + abs(two_sided)), [
                (abs(grad - one_sided) / (abs(grad) + abs(one_sided)),
                 "a one-sided difference; gradapprox = (J_plus - J_minus) / (2 * epsilon)"),
                (abs(grad - two_sided), "the numerator alone; divide by np.linalg.norm(grad) + "
                                        "np.linalg.norm(gradapprox)"),
                (abs(grad - two_sided) / abs(grad), "the denominator is norm(grad) alone; it is "
                                                    "norm(grad) + norm(gradapprox)"),
                (abs(grad - 2 * two_sided) / (abs(grad) + abs(2 * two_sided)),
                 "dividing by epsilon instead of 2 * epsilon"),
                (abs(grad + two_sided) / (abs(grad) + abs(two_sided)),
                 "a wrong sign in gradapprox; it is (J_plus - J_minus) / (2 * epsilon), J_plus first"),
            ])


def _cubic_problem(seed=17):
    """Parameters of a small 3-layer network (keys W1 ... b3), their cubic-cost gradients with the
    extra keys a backward pass returns (dA, dZ, in reverse layer order), and the data X, Y."""
    rng = np.random.default_rng(seed)
    shapes = {"W1": (3, 2), "b1": (3, 1), "W2": (2, 3), "b2": (2, 1), "W3": (1, 2), "b3": (1, 1)}
    params = {name: rng.uniform(0.5, 1.5, size=shape) * rng.choice([-1.0, 1.0], size=shape)
              for name, shape in shapes.items()}
    grads = {}
    for layer in (3, 2, 1):
        grads[f"dA{layer}"] = np.ones((2, 4))
        grads[f"dW{layer}"] = 3 * params[f"W{layer}"] ** 2
        grads[f"db{layer}"] = 3 * params[f"b{layer}"] ** 2
    X, Y = rng.standard_normal((2, 4)), np.array([[1.0, 0.0, 1.0, 1.0]])
    return params, grads, X, Y


class _RecorderN:
    """forward_propagation_n for the cost Σ θ³ over every parameter entry; records what it was given."""

    def __init__(self, func, params):
        self.func, self.params, self.calls = func, params, []

    def __call__(self, X, Y, parameters):
        if not isinstance(parameters, dict) or set(PARAMETER_NAMES) - set(parameters):
            fail(self.func, "forward_propagation_n received parameters that are not a dict with the keys "
                            f"{list(PARAMETER_NAMES)}. Likely cause: thetaplus passed as a vector; convert it "
                            "with vector_to_params(thetaplus, like=parameters).")
        for name in PARAMETER_NAMES:
            if np.shape(parameters[name]) != self.params[name].shape:
                fail(self.func, f"forward_propagation_n received {name} of shape {np.shape(parameters[name])}, "
                                f"expected {self.params[name].shape}: convert with vector_to_params(thetaplus, "
                                "like=parameters).")
        vector = np.concatenate([np.asarray(parameters[n], dtype=float).reshape(-1) for n in PARAMETER_NAMES])
        self.calls.append(vector)
        return float(np.sum(vector ** 3)), None


def check_gradient_check_n(gradient_check_n):
    """The N-D gradient check, first on the cost Σ θ³ (known answers), then on the given network."""
    func = "gradient_check_n"
    params, grads, X, Y = _cubic_problem()
    saved = {name: value.copy() for name, value in params.items()}
    theta = gradcheck.params_to_vector(params).ravel()
    n, eps = theta.size, 1e-2
    two_sided = 3 * theta ** 2 + eps ** 2
    one_sided = two_sided + 3 * theta * eps
    for label, gradients in (("right", grads), ("wrong (dW2 doubled)", dict(grads, dW2=2 * grads["dW2"]))):
        forward = _RecorderN(func, params)
        with toolkit_refused(gradient_check_n), substituted(gradient_check_n, forward_propagation_n=forward):
            got = _call_scalar(gradient_check_n, "the difference", params, gradients, X, Y, epsilon=eps,
                               print_msg=False)
        for name in PARAMETER_NAMES:
            if not np.array_equal(params[name], saved[name]):
                fail(func, f"it changed parameters[{name!r}] in place. Work on copies: thetaplus = np.copy(theta).")
        if not forward.calls:
            fail(func, "it did not call forward_propagation_n: J_plus[i] = forward_propagation_n(X, Y, "
                       "vector_to_params(thetaplus, like=parameters))[0].")
        offsets = [call - theta for call in forward.calls]
        if any(np.sum(np.abs(o) > eps / 2) > 1 for o in offsets):
            fail(func, "forward_propagation_n received parameters with several entries changed at once. Likely "
                       "cause: thetaplus = theta (no copy), so the changes pile up; use thetaplus = np.copy(theta) "
                       "inside the loop.")
        _check_steps(func, [float(o[np.argmax(np.abs(o))]) for o in offsets], eps, "forward_propagation_n")
        if len(forward.calls) < 2 * n:
            fail(func, f"forward_propagation_n was called {len(forward.calls)} times for {n} parameters; the "
                       f"two-sided difference needs 2 × {n} = {2 * n} calls. Likely cause: the loop does not visit "
                       "every entry of theta (range(num_parameters) with num_parameters = theta.shape[0]).")
        analytic = gradcheck.gradients_to_vector(gradients, params).ravel()
        gap = np.linalg.norm(analytic - two_sided)
        _expect_difference(
            func, f"the difference for the cost sum(theta**3) with {label} gradients and epsilon = {eps}",
            got, gradcheck.relative_error(analytic, two_sided), [
                (gradcheck.relative_error(analytic, one_sided), "a one-sided difference; gradapprox[i] = "
                                                                "(J_plus[i] - J_minus[i]) / (2 * epsilon)"),
                (gap, "the numerator alone; divide by np.linalg.norm(grad) + np.linalg.norm(gradapprox)"),
                (gap / np.linalg.norm(analytic), "the denominator is norm(grad) alone; it is norm(grad) + "
                                                 "norm(gradapprox)"),
                (gradcheck.relative_error(analytic, 2 * two_sided), "dividing by epsilon instead of 2 * epsilon"),
            ],
            hint=" If grad and gradapprox are in different orders the difference is large even for right "
                 "gradients: build grad with gradients_to_vector(gradients, like=parameters)." if label == "right"
            else "")
    _check_on_network(gradient_check_n)


def _network_problem(seed):
    """Parameters and data for a network of layers 3 → 4 → 2 → 1, six examples."""
    rng = np.random.default_rng(seed)
    sizes = (3, 4, 2, 1)
    params = {}
    for layer in (1, 2, 3):
        params[f"W{layer}"] = rng.standard_normal((sizes[layer], sizes[layer - 1]))
        params[f"b{layer}"] = rng.standard_normal((sizes[layer], 1))
    X = rng.standard_normal((3, 6))
    Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 1.0]])
    return params, X, Y


def _given(func, name):
    value = func.__globals__.get(name)
    if not callable(value):
        fail(func.__name__, f"{name} is not defined where {func.__name__} was written. Run the read-only cell "
                            f"that defines {name} (run the notebook from the top).")
    return value


def _numerical_gradients(forward, X, Y, params):
    """Numerical gradients of the cost of ``forward`` (eps 1e-6: accurate to about 1e-9), keyed dW1, ..."""
    point = {name: np.array(value, dtype=float) for name, value in params.items()}
    return {"d" + name: gradcheck.numerical_gradient(lambda _: forward(X, Y, point)[0], point[name], 1e-6)
            for name in gradcheck.ordered_keys(point)}


def _check_on_network(gradient_check_n):
    """gradient_check_n with the notebook's forward_propagation_n on other data."""
    func = "gradient_check_n"
    forward = _given(gradient_check_n, "forward_propagation_n")
    params, X, Y = _network_problem(seed=23)
    right = _numerical_gradients(forward, X, Y, params)
    buggy = dict(right, dW2=2 * right["dW2"], db1=4 * right["db1"])
    expected = gradcheck.relative_error(gradcheck.gradients_to_vector(buggy, params),
                                        gradcheck.gradients_to_vector(right, params))
    with toolkit_refused(gradient_check_n):
        got_right = _call_scalar(gradient_check_n, "the difference", params, right, X, Y)
        got_buggy = _call_scalar(gradient_check_n, "the difference", params, buggy, X, Y)
    if not got_right < 1e-6:
        fail(func, f"on the 3-layer network (layers 3, 4, 2, 1) with right gradients the difference is "
                   f"{got_right:.3g}, expected below 1e-6.")
    expect_close(func, "the difference on the 3-layer network with dW2 doubled and db1 times 4",
                 got_buggy, expected, rtol=1e-4)


def check_backward_propagation_n_fixed(backward_propagation_n_fixed):
    """The fixed backward pass against numerical gradients of the given forward pass, parameter by parameter."""
    func = "backward_propagation_n_fixed"
    forward = _given(backward_propagation_n_fixed, "forward_propagation_n")
    params, X, Y = _network_problem(seed=5)
    _, cache = forward(X, Y, params)
    gradients = backward_propagation_n_fixed(X, Y, cache)
    expect_keys(func, "gradients", gradients, GRADIENT_NAMES)
    for name in PARAMETER_NAMES:
        expect_array(func, f"gradients['d{name}']", gradients["d" + name], params[name].shape)
    numerical = _numerical_gradients(forward, X, Y, params)
    analytic = {key: np.asarray(gradients[key], dtype=float) for key in GRADIENT_NAMES}
    errors = {key: gradcheck.relative_error(analytic[key], numerical[key]) for key in GRADIENT_NAMES}
    wrong = [key for key in GRADIENT_NAMES if errors[key] >= 1e-6]
    if not wrong:
        return _check_overall(func, analytic, numerical, params)
    causes = []
    for key in wrong:
        for factor, cause in ((2, "twice the right value: a factor 2 is still there"),
                              (4, "4 times the right value: 4/m where 1/m belongs"),
                              (-1, "the right value with a wrong sign"),
                              (X.shape[1], f"m = {X.shape[1]} times the right value: the 1/m is missing")):
            if is_close(analytic[key], factor * numerical[key], rtol=1e-4, atol=1e-9):
                causes.append(f"{key} is {cause} (relative difference {errors[key]:.2e})")
    if causes:
        fail(func, "; ".join(causes) + ".")
    top = wrong[-1]
    where = np.unravel_index(int(np.argmax(np.abs(analytic[top] - numerical[top]))), analytic[top].shape)
    verb = "disagrees with the numerical gradient" if len(wrong) == 1 else "disagree with the numerical gradients"
    fail(func, f"{', '.join(wrong)} {verb} (relative difference {', '.join(f'{errors[k]:.1e}' for k in wrong)}). "
               "The backward pass runs from layer 3 down to layer 1 and an error spreads to every layer below it, "
               f"so start with the highest: {top}, whose largest gap "
               f"is at {tuple(int(i) for i in where)}: {analytic[top][where]:.6g}, numerically "
               f"{numerical[top][where]:.6g}.")


def _check_overall(func, analytic, numerical, params):
    difference = gradcheck.relative_error(gradcheck.gradients_to_vector(analytic, params),
                                          gradcheck.gradients_to_vector(numerical, params))
    if not difference < 1e-7:
        fail(func, f"the overall gradient-check difference is {difference:.2e}, expected below 1e-7.")


explain_stubs(globals())
