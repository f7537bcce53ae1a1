"""Checks for the shallow-network notebook (one tanh hidden layer on planar data).

Each ``check_<exercise>`` calls the student's function on fixed inputs whose right answers are
known, and raises ``CheckError`` with a targeted message when something is off. Examples are
columns: ``X`` has shape ``(n_x, m)``, labels ``Y`` shape ``(1, m)``; the parameters are
``W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)``.

Functions that draw random numbers are checked without assuming an order of the draws: shapes,
scale and distribution, and whether the given generator is the source. A zero bias may be any real
zero (``0``, ``0.0``, ``np.zeros((n, 1))``). The backward pass gets a cache made by this module and
is compared with numerical gradients of this module's own forward pass and cost
(``dlhelpers.gradcheck.gradient_check``), so any correct formula passes and a mistake in the
student's ``forward_propagation`` or ``compute_cost`` does not cost its points.
"""

import copy
import numbers

import numpy as np

from ..gradcheck import gradient_check
from ._core import (
    describe,
    expect_array,
    expect_close,
    expect_keys,
    expect_labels,
    explain_stubs,
    fail,
    is_close,
    is_real_number,
    sign_and_scale_mistakes,
)

PARAMETER_KEYS = ("W1", "b1", "W2", "b2")
GRADIENT_KEYS = ("dW1", "db1", "dW2", "db2")

# A small problem with known answers: 2 features, 3 examples, 4 hidden units.
X = np.array([[1.62, -0.61, -0.53], [-1.07, 0.87, -2.3]])
Y = np.array([[1, 0, 1]])
PARAMETERS = {
    "W1": np.array([[0.5, -0.3], [-0.8, 0.2], [0.1, 0.9], [0.4, 0.6]]),
    "b1": np.array([[0.1], [-0.2], [0.05], [0.3]]),
    "W2": np.array([[0.7, -1.1, 0.5, 0.9]]),
    "b2": np.array([[-0.25]]),
}
CACHE = {
    "Z1": [[1.231, -0.46599999999999997, 0.5249999999999999],
           [-1.7100000000000002, 0.462, -0.23599999999999996],
           [-0.751, 0.772, -2.073],
           [0.3060000000000001, 0.578, -1.2919999999999998]],
    "A1": [[0.8428691414495031, -0.43496173183132647, 0.4815497983643079],
           [-0.9366475432418873, 0.43171286345757953, -0.23171404039407661],
           [-0.6357451593166265, 0.6480909106997627, -0.9688380185226732],
           [0.29679378803513035, 0.5212102688042373, -0.8596494422184185]],
    "Z2": [[1.3195625261540322, -0.23622266481157117, -0.9161332039694134]],
    "A2": [[0.7891089130666863, 0.44121742451514046, 0.28574643535144983]],
}
COST = 0.6904987378311348
COST_ONLY_Y = 0.49650045979455776  # without the (1 - y) log(1 - a) term
GRADS = {
    "dW1": [[-0.006155804258766083, 0.38229727351838383], [-0.03568827251019808, -0.6946802996115974],
            [-0.05607204561192309, 0.07631168482937602], [-0.12263186745095628, 0.27423822800682923]],
    "db1": [[-0.058788445827598367], [0.12569103226811976], [0.014403352985474885], [-0.017214116746852248]],
    "dW2": [[-0.2378716481671984, 0.1845041451810322, 0.3706726661427849, 0.26046118877716956]],
    "db2": [[-0.16130907568890782]],
}
# The usual wrong first-layer gradients on this problem, with their causes.
_TANH_HINT = "the derivative of tanh is 1 - A1**2 (np.power(A1, 2)), times W2.T @ dZ2 element-wise"
HIDDEN_MISTAKES = {
    "dW1": [
        ([[-0.05684712122640234, 0.3355290416411045], [0.12771832346922013, -0.9821506120878057],
          [0.015292789228553627, 0.6230948507948253], [0.1004609572855426, 1.0192408799371824]],
         f"(1 - A1) where (1 - A1**2) belongs: {_TANH_HINT}"),
        ([[-0.05418742012191018, 0.5255356915756461], [0.08515166019157318, -0.8258418010474439],
          [-0.03870530008707872, 0.3753826368397472], [-0.06966954015674172, 0.675688746311545]],
         f"the derivative of tanh is missing: {_TANH_HINT}"),
        ([[0.05069131696763627, 0.04676823187727939], [-0.16340659597941823, 0.2874703124762083],
          [-0.07136483484047672, -0.5467831659654493], [-0.22309282473649883, -0.7450026519303533]],
         f"the sigmoid's derivative A1 * (1 - A1) where the hidden layer uses tanh: {_TANH_HINT}"),
        ([[0.05590396248635098, 0.3206466491486129], [-0.29448138490333253, -0.5203123355421523],
          [-0.2509854241758904, -0.860554459236832], [-0.222669789614639, -0.19179405701717003]],
         f"1 - Z1**2 instead of 1 - A1**2: {_TANH_HINT}"),
    ],
    "db1": [
        ([[0.05359380073480341], [0.38039454295693403], [-0.26599087091584633], [-0.3795932380194696]],
         f"(1 - A1) where (1 - A1**2) belongs: {_TANH_HINT}"),
        ([[-0.11291635298223546], [0.1774399832577986], [-0.08065453784445391], [-0.14517816812001702]],
         f"the derivative of tanh is missing: {_TANH_HINT}"),
        ([[-0.1123822465624018], [-0.2547035106888143], [0.28039422390132124], [0.36237912127261745]],
         f"the sigmoid's derivative A1 * (1 - A1) where the hidden layer uses tanh: {_TANH_HINT}"),
        ([[-0.014769526557828797], [-0.028726593431592933], [0.40690659800668505], [0.17420815531114356]],
         f"1 - Z1**2 instead of 1 - A1**2: {_TANH_HINT}"),
    ],
}
GRADCHECK_THRESHOLD = 1e-6
# Wrong values of the forward pass on this problem.
Z1_WITHOUT_BIAS = [[1.131, -0.566, 0.425], [-1.51, 0.662, -0.036], [-0.801, 0.722, -2.123],
                   [0.006, 0.278, -1.592]]
A1_SIGMOID = [[0.773993549731726, 0.3855634258587367, 0.6283161882953663],
              [0.15316371576508614, 0.6134885243570565, 0.4412723220423236],
              [0.3206034448841439, 0.6839533750165775, 0.11174890826305649],
              [0.5759086074466737, 0.640607076639488, 0.21551448245563462]]
A1_RELU = [[1.231, 0.0, 0.525], [0.0, 0.462, 0.0], [0.0, 0.772, 0.0], [0.306, 0.578, 0.0]]
DW2_FROM_A2 = [[0.20360133177073858, -0.20494971603095577, -0.16418839313698166, 0.0728426373827402]]


# A second problem, to see that the arguments are used (and not globals such as X_example).
X_OTHER = np.array([[0.3, -1.2, 2.1, 0.4], [0.9, 0.05, -0.7, -1.6]])
PARAMETERS_OTHER = {
    "W1": np.array([[-0.6, 0.4], [0.3, -0.9], [1.1, 0.2], [-0.2, -0.5]]),
    "b1": np.array([[-0.1], [0.2], [0.0], [-0.3]]),
    "W2": np.array([[-0.8, 1.2, -0.4, 0.6]]),
    "b2": np.array([[0.15]]),
}


def _reference_cache(X_, parameters):
    """The cache {"Z1", "A1", "Z2", "A2"} of the network on ``X_`` (n_x, m), computed here."""
    Z1 = parameters["W1"] @ X_ + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": 1 / (1 + np.exp(-Z2))}


def _reference_forward(X_, parameters):
    """A2 (n_y, m) of the network on ``X_`` (n_x, m), computed here."""
    return _reference_cache(X_, parameters)["A2"]


def _reference_cost(X_, Y_):
    """The cross-entropy cost on ``X_`` (n_x, m), ``Y_`` (1, m) as a function of the parameters."""
    def cost(parameters):
        A2 = _reference_forward(X_, parameters)
        return float(-np.mean(Y_ * np.log(A2) + (1 - Y_) * np.log(1 - A2)))
    return cost


_GLOBAL_HINT = "a global such as {0} used instead? Use the function's own argument {1}"


def _copy(parameters):
    """A float64 copy of each array; numbers (a zero bias ``0``) stay numbers, so ``-=`` still works."""
    return {key: float(value) if isinstance(value, numbers.Real) else np.array(value, dtype=np.float64)
            for key, value in parameters.items()}


def check_layer_sizes(layer_sizes):
    """(n_x, 4, n_y) read from the shapes of X (n_x, m) and Y (n_y, m), for two problems."""
    func = "layer_sizes"
    for n_x, n_y, m in ((5, 2, 3), (3, 1, 7)):
        result = layer_sizes(np.zeros((n_x, m)), np.zeros((n_y, m)))
        what = f"layer_sizes(X of shape ({n_x}, {m}), Y of shape ({n_y}, {m}))"
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            fail(func, f"{what} should return the tuple (n_x, n_h, n_y), got {describe(result)}.")
        got = tuple(result)
        if got == (n_x, 4, n_y):
            continue
        if got[0] == m or got[2] == m:
            fail(func, f"{what} returned {got}, expected ({n_x}, 4, {n_y}). Likely cause: shape[1] is "
                       "the number of examples m; the sizes are the numbers of rows, X.shape[0] and Y.shape[0].")
        if got[1] != 4:
            fail(func, f"{what} returned {got}, expected ({n_x}, 4, {n_y}): n_h is fixed at 4 here.")
        fail(func, f"{what} returned {got}, expected ({n_x}, 4, {n_y}). Read the sizes from X.shape and "
                   "Y.shape rather than typing numbers.")


def _expect_zero_bias(func, what, value, shape):
    """A zero bias: any real zero (``0``, ``0.0``, a 0-d array) or zeros of ``shape``; returned as float64."""
    if is_real_number(value):
        if float(value) != 0:
            fail(func, f"{what} is {float(value):.4g}, expected zero: the biases start at zero.")
        return np.array(value, dtype=np.float64)
    got = expect_array(func, what, value, shape)
    if value.dtype.kind not in "iuf":
        fail(func, f"{what} should hold numbers (zeros), got {describe(value)}.")
    if got.any():
        fail(func, f"{what} should be zeros (the biases start at zero), got values such as "
                   f"{got.ravel()[:3].tolist()}. Use np.zeros({tuple(shape)}).")
    return got


def _draw(initialize_parameters, n_x, n_h, n_y, rng, what):
    func = "initialize_parameters"
    parameters = initialize_parameters(n_x, n_h, n_y, rng)
    expect_keys(func, f"the result for {what}", parameters, PARAMETER_KEYS)
    shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
    drawn = {key: expect_array(func, f"{key} for {what}", parameters[key], shapes[key]) for key in ("W1", "W2")}
    for key in ("b1", "b2"):
        drawn[key] = _expect_zero_bias(func, f"{key} for {what}", parameters[key], shapes[key])
    return {key: drawn[key] for key in PARAMETER_KEYS}


def _expect_small_normal(name, values):
    """Statistical checks that ``values`` are draws of N(0, 0.01**2)."""
    func = "initialize_parameters"
    values = values.ravel()
    if not values.any():
        fail(func, f"{name} is all zeros. With equal weights every hidden unit computes the same "
                   "thing and gets the same update (symmetry); draw small random numbers instead: "
                   "rng.standard_normal(shape) * 0.01.")
    std, mean = float(values.std()), float(values.mean())
    if float(values.min()) >= 0:
        fail(func, f"{name} has no negative entries (mean {mean:.3g}). Likely cause: rng.random draws "
                   "uniformly from [0, 1); draw from the standard normal: rng.standard_normal(shape) * 0.01.")
    if abs(std / 0.01 - 1) > 0.06:
        hint = ""
        if abs(std - 1) < 0.06:
            hint = " Likely cause: the factor 0.01 is missing."
        elif abs(std - 0.0001) < 0.00001:
            hint = " Likely cause: the factor 0.01 is applied twice."
        fail(func, f"{name} has standard deviation {std:.4g} over {values.size} entries, expected about "
                   f"0.01 (normal draws times 0.01).{hint}")
    if abs(mean) > 5 * 0.01 / np.sqrt(values.size):
        fail(func, f"{name} has mean {mean:.3g} over {values.size} entries, expected about 0: the draws "
                   "should be centred on zero (rng.standard_normal(shape) * 0.01).")
    within = float(np.mean(np.abs(values - mean) < std))
    if abs(within - 0.6827) > 0.04:
        fail(func, f"{name} does not look normally distributed: {within:.1%} of the entries lie within one "
                   "standard deviation of the mean, a normal distribution has 68.3%. Use "
                   "rng.standard_normal(shape) * 0.01 (or rng.normal(0, 0.01, shape)).")


def check_initialize_parameters(initialize_parameters):
    """Shapes, zero biases (any real zero), small normal weights (std 0.01), drawn from the given generator."""
    func = "initialize_parameters"
    _draw(initialize_parameters, 2, 4, 1, np.random.default_rng(0), "n_x=2, n_h=4, n_y=1")
    rng = np.random.default_rng(1)
    state = copy.deepcopy(rng.bit_generator.state)
    big = _draw(initialize_parameters, 120, 80, 50, rng, "n_x=120, n_h=80, n_y=50")
    _expect_small_normal("W1 (80, 120)", big["W1"])
    _expect_small_normal("W2 (50, 80)", big["W2"])
    if rng.bit_generator.state == state:
        fail(func, "the generator rng passed in was not used (its state did not change). Draw the "
                   "weights with rng.standard_normal(...), not np.random.randn(...).")
    if is_close(big["W1"].ravel()[:big["W2"].size], big["W2"].ravel()):
        fail(func, "W2 repeats the first entries of W1: draw W1 and W2 separately from the same rng "
                   "(do not create a new generator with the same seed for each).")
    again = _draw(initialize_parameters, 120, 80, 50, np.random.default_rng(1), "n_x=120, n_h=80, n_y=50")
    if not all(np.array_equal(big[key], again[key]) for key in PARAMETER_KEYS):
        fail(func, "two generators with the same seed gave different weights: every random number must "
                   "come from rng (rng.standard_normal), none from np.random.* directly.")
    other = _draw(initialize_parameters, 120, 80, 50, np.random.default_rng(2), "n_x=120, n_h=80, n_y=50")
    if is_close(big["W1"], other["W1"]):
        fail(func, "generators with different seeds gave the same W1: draw from the rng passed in, do not "
                   "create a generator with a fixed seed inside the function.")


def check_forward_propagation(forward_propagation):
    """A2 and the cache Z1, A1, Z2, A2 on the 2-feature, 3-example problem above."""
    func = "forward_propagation"
    result = forward_propagation(X.copy(), _copy(PARAMETERS))
    if not isinstance(result, tuple) or len(result) != 2:
        fail(func, f"should return the tuple (A2, cache), got {describe(result)}.")
    A2, cache = result
    expect_keys(func, "cache", cache, ["Z1", "A1", "Z2", "A2"])
    expect_close(func, "Z1", cache["Z1"], CACHE["Z1"], mistakes=[
        (Z1_WITHOUT_BIAS, "the bias b1 is missing: Z1 = W1 @ X + b1"),
    ])
    expect_close(func, "A1", cache["A1"], CACHE["A1"], mistakes=[
        (A1_SIGMOID, "the sigmoid in the hidden layer; it uses np.tanh(Z1)"),
        (A1_RELU, "ReLU in the hidden layer; it uses np.tanh(Z1)"),
    ])
    expect_close(func, "Z2", cache["Z2"], CACHE["Z2"])
    expect_close(func, "A2", A2, CACHE["A2"], mistakes=[
        ([[0.8666750941322293, -0.23192473914656744, -0.7240629983947678]],
         "tanh in the output layer; the output is a probability: A2 = sigmoid(Z2)"),
        ([[0.6903882156503097, 0.5655161496808206, 0.48856680979671424]],
         "the sigmoid in the hidden layer; it uses A1 = np.tanh(Z1)"),
        ([[0.7753355637872479, 0.39094729742965934, 0.2701397267985836]],
         "the biases are missing: Z1 = W1 @ X + b1 and Z2 = W2 @ A1 + b2"),
    ])
    expect_close(func, "cache['A2']", cache["A2"], CACHE["A2"])
    for X_, P_, name, example in ((X_OTHER, PARAMETERS, "X", "X_example"),
                                  (X, PARAMETERS_OTHER, "parameters", "parameters_example")):
        A2, _ = forward_propagation(X_.copy(), _copy(P_))
        if np.shape(A2) == np.shape(CACHE["A2"]) and is_close(A2, CACHE["A2"]):
            fail(func, f"another {name} gave the same A2 as the example: the argument {name} is ignored ("
                       + _GLOBAL_HINT.format(example, name) + ").")
        expect_close(func, f"A2 for X of shape {X_.shape} and other parameters" if name == "parameters"
                     else f"A2 for X of shape {X_.shape}", A2, _reference_forward(X_, P_))


def check_compute_cost(compute_cost):
    """The cross-entropy cost of two fixed predictions, as one number."""
    func = "compute_cost"
    cost = compute_cost(np.array(CACHE["A2"]), Y.copy())
    expect_close(func, "the cost of the 3-example problem", cost, COST, mistakes=[
        (-COST, "a missing minus sign: J = -(1/m) Σ [y log a + (1 - y) log(1 - a)]"),
        (COST * 3, "a missing 1/m: average over the examples"),
        (COST_ONLY_Y, "only the y log a term; add (1 - y) log(1 - a)"),
    ])
    A2 = np.array([[0.8, 0.3, 0.6, 0.45]])
    Y4 = np.array([[1, 0, 1, 0]])
    expect_close(func, "compute_cost(A2 = [[0.8, 0.3, 0.6, 0.45]], Y = [[1, 0, 1, 0]])",
                 compute_cost(A2, Y4), 0.4221202799436383, mistakes=[
                     (0.1834922937700501, "only the y log a term; add (1 - y) log(1 - a)"),
                     (0.4221202799436383 * 4 / 3, "m taken from the wrong place: m = Y.shape[1]"),
                     (-0.4221202799436383, "a missing minus sign"),
                     (0.4221202799436383 * 4, "a missing 1/m: average over the examples"),
                 ])


def check_gradients(backward_propagation, parameters, X_, Y_, *, what, mistakes=None):
    """Compare backward_propagation with numerical gradients of the course's forward pass and cost.

    The student's function gets the cache of a forward pass computed here, never by the student's
    ``forward_propagation``, and its gradients are compared with numerical gradients of the
    cross-entropy cost computed here, never by the student's ``compute_cost``: a mistake in those
    functions costs their own points, not these. ``mistakes`` maps a gradient name to
    ``[(wrong_value, cause)]`` known for this problem.
    """
    func = "backward_propagation"
    parameters = _copy(parameters)
    cache = _reference_cache(X_, parameters)
    grads = backward_propagation(_copy(parameters), _copy(cache), X_.copy(), Y_.copy())
    expect_keys(func, f"the gradients {what}", grads, GRADIENT_KEYS)
    for key in PARAMETER_KEYS:
        if np.ndim(grads["d" + key]) == 0:
            fail(func, f"d{key} {what} should be an array of shape {parameters[key].shape}, got "
                       f"{describe(grads['d' + key])}. Likely cause: a sum over everything; sum along the "
                       "examples only: np.sum(..., axis=1, keepdims=True).")
        expect_array(func, f"d{key} {what}", grads["d" + key], parameters[key].shape)
    result = gradient_check(_reference_cost(X_, Y_), parameters, grads)
    if result.difference < GRADCHECK_THRESHOLD:
        return result
    m = X_.shape[1]
    wrong = result.wrong_parameters(GRADCHECK_THRESHOLD) or list(result.per_parameter)
    # The output layer first: a wrong dZ2 spoils every gradient, and its cause shows best in dW2.
    name = min(wrong, key=("W2", "b2", "W1", "b1").index)
    numerical = result.numerical[name]
    got = np.asarray(grads["d" + name], dtype=np.float64)
    known = list((mistakes or {}).get("d" + name, [])) + sign_and_scale_mistakes(numerical, m)
    cause = next((c for value, c in known if is_close(got, value, rtol=1e-4, atol=1e-7)), None)
    where = np.unravel_index(int(np.argmax(np.abs(got - numerical))), got.shape)
    where_text = tuple(int(i) for i in where)
    message = (f"d{name} {what} does not match the numerical gradient of the cost (relative difference "
               f"{result.per_parameter[name]:.2g}; entry {where_text} is {got[where]:.6g}, numerically "
               f"{numerical[where]:.6g}).")
    if cause:
        message += f" Likely cause: {cause}."
    if len(wrong) > 1:
        message += f" Gradients that disagree: {', '.join('d' + n for n in wrong)}."
    fail(func, message)


def check_backward_propagation(backward_propagation):
    """Gradients on the 3-example problem against numerical gradients of the cost.

    The cache and the cost come from this module, not from your forward_propagation and
    compute_cost, so this check depends on backward_propagation alone.
    """
    mistakes = {key: list(value) for key, value in HIDDEN_MISTAKES.items()}
    mistakes["dW2"] = [(DW2_FROM_A2, "A2 where dZ2 = A2 - Y belongs")]
    check_gradients(backward_propagation, PARAMETERS, X.copy(), Y.copy(), what="on the 3-example problem",
                    mistakes=mistakes)


UPDATED = {
    1.2: {"W1": [[0.476, -0.288], [-0.836, 0.14], [0.148, 0.888], [0.4, 0.624]],
          "b1": [[0.088], [-0.176], [0.05], [0.264]],
          "W2": [[0.76, -1.124, 0.488, 0.936]],
          "b2": [[-0.298]]},
    0.5: {"W1": [[0.49, -0.295], [-0.815, 0.175], [0.12, 0.895], [0.4, 0.61]],
          "b1": [[0.095], [-0.19], [0.05], [0.285]],
          "W2": [[0.725, -1.11, 0.495, 0.915]],
          "b2": [[-0.27]]},
}
UPDATE_GRADS = {
    "dW1": np.array([[0.02, -0.01], [0.03, 0.05], [-0.04, 0.01], [0.0, -0.02]]),
    "db1": np.array([[0.01], [-0.02], [0.0], [0.03]]),
    "dW2": np.array([[-0.05, 0.02, 0.01, -0.03]]),
    "db2": np.array([[0.04]]),
}
UPDATE_ASCENT = {"W1": [[0.524, -0.312], [-0.764, 0.26], [0.052, 0.912], [0.4, 0.576]]}


def check_update_parameters(update_parameters):
    """One gradient step with the default learning rate 1.2 and with learning_rate=0.5.

    Only the returned parameters are checked: updating the dictionary passed in (in place) or
    building a new one are both right. Each call gets its own copies.
    """
    func = "update_parameters"
    grads = {key: value.copy() for key, value in UPDATE_GRADS.items()}
    new = update_parameters(_copy(PARAMETERS), grads)
    expect_keys(func, "the new parameters", new, PARAMETER_KEYS)
    if is_close(new["W1"], PARAMETERS["W1"]):
        fail(func, "W1 did not change: W1 = W1 - learning_rate * dW1 (and the same for b1, W2, b2).")
    for key in PARAMETER_KEYS:
        expect_close(func, f"{key} after one step with the default learning rate 1.2", new[key], UPDATED[1.2][key],
                     mistakes=[(UPDATE_ASCENT["W1"], "a step uphill: subtract learning_rate * dW1, do not add it")]
                     if key == "W1" else [])
    other = update_parameters(_copy(PARAMETERS), {key: value.copy() for key, value in UPDATE_GRADS.items()},
                              learning_rate=0.5)
    expect_keys(func, "the new parameters", other, PARAMETER_KEYS)
    for key in PARAMETER_KEYS:
        expect_close(func, f"{key} after one step with learning_rate=0.5", other[key], UPDATED[0.5][key],
                     mistakes=[(UPDATED[1.2][key], "the learning_rate argument is ignored (1.2 used anyway)")])


_TRAINING_FUNCTIONS = ("initialize_parameters", "forward_propagation", "backward_propagation", "update_parameters")


class _Recorder:
    """Counts the calls of the notebook's training functions and keeps what initialize_parameters made."""

    def __init__(self, namespace):
        self.namespace = namespace
        self.calls = dict.fromkeys(_TRAINING_FUNCTIONS, 0)
        self.initial = []
        self.init_args = []
        self.saved = {}

    def _wrap(self, name, function):
        def wrapper(*args, **kwargs):
            self.calls[name] += 1
            result = function(*args, **kwargs)
            if name == "initialize_parameters":
                self.init_args.append((args, kwargs))
                self.initial.append(_copy(result) if isinstance(result, dict) else result)
            return result
        return wrapper

    def __enter__(self):
        for name in _TRAINING_FUNCTIONS:
            if callable(self.namespace.get(name)):
                self.saved[name] = self.namespace[name]
                self.namespace[name] = self._wrap(name, self.saved[name])
        return self

    def __exit__(self, *exc):
        self.namespace.update(self.saved)
        return False


def _two_clusters(m, n_x, rng):
    """An easy problem: two well-separated Gaussian clusters in n_x dimensions."""
    Y_ = (np.arange(m) % 2).reshape(1, m)
    X_ = rng.normal(scale=0.5, size=(n_x, m)) + np.where(Y_ == 1, 1.5, -1.5)
    return X_, Y_


def check_nn_model(nn_model):
    """Training on an easy problem: shapes, your own functions, the given rng, and learning.

    Draw-order free: the result is compared with gradient descent replayed from the parameters
    your initialize_parameters returned, through your own forward, backward and update functions.
    """
    func = "nn_model"
    namespace = nn_model.__globals__
    missing = [name for name in _TRAINING_FUNCTIONS if not callable(namespace.get(name))]
    if missing:
        fail(func, f"the functions {missing} are not defined in the notebook; run their cells first.")
    X_, Y_ = _two_clusters(40, 2, np.random.default_rng(0))
    rng = np.random.default_rng(3)
    iterations = 60
    with _Recorder(namespace) as record:
        parameters = nn_model(X_.copy(), Y_.copy(), 3, num_iterations=iterations, print_cost=False, rng=rng)
    expect_keys(func, "the result", parameters, PARAMETER_KEYS)
    shapes = {"W1": (3, 2), "b1": (3, 1), "W2": (1, 3), "b2": (1, 1)}
    for key in PARAMETER_KEYS:
        got = np.shape(parameters[key])
        if key == "W1" and got == (4, 2):
            fail(func, "W1 has shape (4, 2) for n_h = 3: use the argument n_h, not the 4 of layer_sizes.")
        expect_array(func, f"{key} for X (2, 40) and n_h = 3", parameters[key], shapes[key])
    if record.calls["initialize_parameters"] != 1:
        fail(func, f"initialize_parameters was called {record.calls['initialize_parameters']} times, expected "
                   "once, before the loop.")
    args, kwargs = record.init_args[0]
    given = list(args[3:4]) + [kwargs.get("rng")]
    if not any(value is rng for value in given):
        fail(func, "initialize_parameters did not get the rng passed to nn_model: call "
                   "initialize_parameters(n_x, n_h, n_y, rng).")
    for name in ("backward_propagation", "update_parameters"):
        if record.calls[name] != iterations:
            fail(func, f"{name} was called {record.calls[name]} times for num_iterations={iterations}; expected "
                       f"once per iteration. Use your own {name} inside the loop over range(num_iterations).")
    if record.calls["forward_propagation"] < iterations:
        fail(func, f"forward_propagation was called {record.calls['forward_propagation']} times for "
                   f"num_iterations={iterations}; expected at least once per iteration.")
    replay = _copy(record.initial[0])
    forward, backward, update = (namespace[n] for n in ("forward_propagation", "backward_propagation",
                                                        "update_parameters"))
    for _ in range(iterations):
        _, cache = forward(X_, replay)
        replay = update(replay, backward(replay, cache, X_, Y_))
    for key in PARAMETER_KEYS:
        what = (f"{key} after {iterations} iterations (compared with {iterations} steps replayed from the parameters "
                "your initialize_parameters returned, through your own functions at the default learning rate 1.2)")
        expect_close(func, what, parameters[key], replay[key], rtol=1e-6, atol=1e-9,
                     mistakes=[(record.initial[0][key], "the parameters were never updated: keep the result of "
                                                       "update_parameters (parameters = update_parameters(...))")])
    cost = _reference_cost(X_, Y_)
    before, after = cost(record.initial[0]), cost(_copy(parameters))
    if not after < before:
        fail(func, f"the cost did not decrease on an easy problem ({before:.4g} before training, {after:.4g} "
                   "after).")
    A2, _ = forward(X_, parameters)
    accuracy = float(np.mean((np.asarray(A2) > 0.5) == Y_))
    if accuracy < 0.95:
        fail(func, f"after {iterations} iterations on two well-separated clusters only {accuracy:.0%} of the "
                   "training points are classified correctly; expected at least 95%.")
    same = nn_model(X_.copy(), Y_.copy(), 3, num_iterations=5, rng=np.random.default_rng(7))
    again = nn_model(X_.copy(), Y_.copy(), 3, num_iterations=5, rng=np.random.default_rng(7))
    if not is_close(same["W1"], again["W1"]):
        fail(func, "two runs with equally seeded generators gave different parameters: every random number "
                   "must come from rng (pass it to initialize_parameters).")
    other = nn_model(X_.copy(), Y_.copy(), 3, num_iterations=5, rng=np.random.default_rng(8))
    if is_close(same["W1"], other["W1"]):
        fail(func, "generators with different seeds gave the same parameters: pass the rng given to nn_model "
                   "on to initialize_parameters, do not create one with a fixed seed.")


def check_predict(predict):
    """Labels 0/1 of shape (1, m) on the 3-example problem; probability exactly 0.5 gives 0."""
    func = "predict"
    got = expect_labels(func, "predict(parameters, X) on the 3-example problem",
                        predict(_copy(PARAMETERS), X.copy()), (1, 3))
    expect_close(func, "predict(parameters, X) on the 3-example problem", got, [[1.0, 0.0, 0.0]], mistakes=[
        ([[1.0, 1.0, 0.0]], "a threshold below 0.5, or the probabilities of the wrong class"),
        ([[0.0, 1.0, 1.0]], "the labels are flipped: 1 when A2 > 0.5"),
    ])
    for X_, P_, name, example in ((X_OTHER, PARAMETERS, "X", "X_example"),
                                  (X, PARAMETERS_OTHER, "parameters", "parameters_example")):
        expected = (_reference_forward(X_, P_) > 0.5).astype(float)
        labels = predict(_copy(P_), X_.copy())
        # the labels of the example, [[1, 0, 0]], differ from the expected ones for both changes
        if np.shape(labels) == (1, 3) and is_close(np.asarray(labels, dtype=np.float64), [[1.0, 0.0, 0.0]]):
            fail(func, f"another {name} gave the labels of the example: the argument {name} is ignored ("
                       + _GLOBAL_HINT.format(example, name) + ").")
        got = expect_labels(func, f"predict for another {name}", labels, expected.shape)
        expect_close(func, f"predict for another {name}", got, expected)
    zeros = {key: np.zeros_like(value) for key, value in PARAMETERS.items()}
    half = expect_labels(func, "predict with every probability exactly 0.5", predict(zeros, X.copy()), (1, 3))
    if half.any():
        fail(func, "a probability of exactly 0.5 gave 1; the rule is 1 when A2 > 0.5, else 0.")


explain_stubs(globals())
