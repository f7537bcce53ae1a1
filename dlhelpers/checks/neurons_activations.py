"""Checks for the neurons notebook (perceptron, activations and their derivatives, linear collapse).

Each ``check_<exercise>`` calls the student's function on fixed inputs whose right answers are
known (hard-coded below), and raises ``CheckError`` naming the likely mistake: the wrong
convention at 0, a missing ``dA``, the derivative taken from the activation instead of ``Z``, a
product in the wrong order. Inputs are copies, so a function that changes its argument in place
cannot spoil a check; such a function is named, because it would change the caller's array.
"""

import numpy as np

from ._core import describe, expect_array, expect_close, expect_labels, expect_scalar, explain_stubs, fail

# Pre-activations with an exact 0 (where the conventions differ) and an upstream gradient dA.
Z23 = [[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]]
DA23 = [[1.0, -2.0, 0.5], [3.0, 0.25, -1.0]]
TANH_Z23 = [[-0.9640275800758169, -0.46211715726000974, 0.0], [0.46211715726000974, 0.7615941559557649,
                                                                0.9950547536867305]]
SIGMOID_Z23 = [[0.11920292202211755, 0.3775406687981454, 0.5], [0.6224593312018546, 0.7310585786300049,
                                                                 0.9525741268224334]]
TANH_PRIME_Z23 = [[0.07065082485316443, 0.7864477329659274, 1.0], [0.7864477329659274, 0.41997434161402614,
                                                                    0.009866037165440211]]
TANH_BACKWARD = [[0.07065082485316443, -1.5728954659318548, 0.5], [2.359343198897782, 0.10499358540350653,
                                                                    -0.009866037165440211]]

# perceptron_predict: four points (columns) whose pre-activations are -1, -1, 2.5 and exactly 0.
PERCEPTRON_X = [[1.0, -1.0, 2.0, 0.0], [2.0, 1.0, -1.0, 0.5]]
PERCEPTRON_W = [[0.5], [-1.0]]
PERCEPTRON_B = 0.5

# perceptron_train: eight points, labels 1 where x1 - x2 / 2 >= 0.75; 6 epochs at learning rate 0.5.
TRAIN_X = [[0.0, 0.0, 1.0, 2.0, -2.0, -1.5, 1.5, 2.0], [-1.0, -1.0, 1.5, -0.5, -1.0, 1.5, -1.0, -0.5]]
TRAIN_Y = [[0, 0, 0, 1, 0, 0, 1, 1]]
TRAIN_W, TRAIN_B, TRAIN_MISTAKES = [[0.75], [-0.75]], -1.5, [3, 2, 2, 0, 0, 0]
TRAIN_WRONG = [  # (w, b, mistakes, cause)
    ([[0.5], [-0.5]], -0.5, [1, 2, 0, 0, 0, 0],
     "the step taken as 1 only for z > 0; this notebook's convention is step(z) = 1 for z >= 0 "
     "(use perceptron_predict, or the same test)"),
    ([[1.0], [0.25]], 0.0, [3, 4, 1, 4, 1, 4], "b is never updated: add learning_rate * (y - y_hat) to b too"),
    ([[2.0], [-0.5]], -2.0, [5, 1, 0, 0, 0, 0],
     "one update per epoch from all the examples at once (a batch update); the perceptron rule updates "
     "after each example, in order, so later examples see the new w and b"),
    ([[0.75], [-0.75]], -1.5, [3, 5, 7, 7, 7, 7],
     "the mistakes were counted cumulatively; reset the count to 0 at the start of each epoch"),
    ([[0.0], [0.0]], 0.0, [5, 5, 5, 5, 5, 5],
     "the update uses y instead of (y - y_hat): a wrongly predicted 0 must lower w and b, so the update is "
     "learning_rate * (y - y_hat) * x"),
]

# collapse_linear_layers: three layers 2 -> 3 -> 2 -> 1, and two square ones.
LAYERS = [[[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]],
          [[1.0, 0.0, 2.0], [-1.0, 1.0, 0.5]],
          [[2.0, -3.0]]]
LAYERS_PRODUCT = [[12.5, 15.5]]
SQUARES = [[[1.0, 2.0], [3.0, 4.0]], [[0.0, 1.0], [1.0, 1.0]]]
SQUARES_PRODUCT = [[3.0, 4.0], [4.0, 6.0]]  # W2 @ W1
SQUARES_WRONG = [([[2.0, 3.0], [4.0, 7.0]], "the product in the wrong order, W1 @ W2; the first layer acts "
                  "first, so it is on the right: W_L ... W_2 W_1"),
                 ([[0.0, 2.0], [3.0, 4.0]], "the element-wise product (*); a layer after a layer is a matrix "
                  "product (np.dot or @)"),
                 ([[1.0, 3.0], [4.0, 5.0]], "the sum of the matrices; a layer after a layer is their product")]


def _call(func, what, function, *args, **kwargs):
    """``function(*args, **kwargs)`` on copies of the array arguments; in-place changes are named."""
    args = [np.array(a, dtype=float) if isinstance(a, (list, np.ndarray)) else a for a in args]
    originals = [a.copy() if isinstance(a, np.ndarray) else None for a in args]
    result = function(*args, **kwargs)
    for position, (arg, original) in enumerate(zip(args, originals)):
        if original is not None and (arg.shape != original.shape or not np.array_equal(arg, original)):
            fail(func, f"{what} changed its argument {position + 1} in place. Likely cause: an in-place "
                       "operation such as Z[Z < 0] = 0 or Z *= ...; the caller's array must stay as it was: "
                       "build a new array (np.maximum(0, Z), np.where(...), dA * ...).")
    return result


def check_perceptron_predict(perceptron_predict):
    """perceptron_predict: labels 0/1 of shape (1, m), with step(0) = 1."""
    func = "perceptron_predict"
    what = "perceptron_predict of 4 points (pre-activations -1, -1, 2.5, 0)"
    got = _call(func, what, perceptron_predict, PERCEPTRON_X, PERCEPTRON_W, PERCEPTRON_B)
    if isinstance(got, np.ndarray) and got.shape == (1, 4) and np.allclose(got, [[-1, -1, 2.5, 0]]):
        fail(func, f"{what} returned the pre-activations z = w.x + b themselves. Likely cause: the step is "
                   "missing; return 1 where z >= 0 and 0 elsewhere.")
    if isinstance(got, np.ndarray) and got.shape == (1, 4) and np.allclose(got, [[-1, -1, 1, 0]]):
        fail(func, f"{what} returned -1, 0 and 1. Likely cause: np.sign(z); the perceptron's labels are 0 and 1: "
                   "(z >= 0).astype(int).")
    got = expect_labels(func, what, got, (1, 4))
    expect_close(func, what, got, [[0, 0, 1, 1]], mistakes=[
        ([[0, 0, 1, 0]], "step(0) taken as 0 (z > 0); this notebook's convention is step(z) = 1 for z >= 0"),
        ([[1, 1, 0, 0]], "the labels are swapped: 1 where z >= 0, 0 where z < 0"),
    ])
    other = _call(func, "perceptron_predict of one point", perceptron_predict, [[3.0], [4.0], [-1.0]],
                  [[1.0], [-1.0], [0.5]], -2.0)
    expect_labels(func, "perceptron_predict of one point with 3 features", other, (1, 1))
    expect_close(func, "perceptron_predict of one point with 3 features", other, [[0]])


def check_perceptron_train(perceptron_train):
    """perceptron_train: w (n_x, 1), b a number, mistakes per epoch, on 8 points for 6 epochs."""
    func = "perceptron_train"
    what = "perceptron_train(X, Y, epochs=6, learning_rate=0.5) on 8 points"
    got = _call(func, what, perceptron_train, TRAIN_X, TRAIN_Y, 6, 0.5)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(func, f"{what} should return a tuple (w, b, mistakes), got {describe(got)}.")
    w, b, mistakes = got
    w = expect_array(func, "w", w, (2, 1))
    b = expect_scalar(func, "b", b)
    if not isinstance(mistakes, (list, tuple, np.ndarray)) or len(mistakes) != 6:
        fail(func, f"mistakes should be a list of 6 numbers (one per epoch), got {describe(mistakes)}.")
    mistakes = [float(k) for k in mistakes]
    right = np.allclose(w, TRAIN_W) and np.isclose(b, TRAIN_B) and mistakes == TRAIN_MISTAKES
    if right:
        return
    for wrong_w, wrong_b, wrong_mistakes, cause in TRAIN_WRONG:
        if np.allclose(w, wrong_w) and np.isclose(b, wrong_b) and mistakes == wrong_mistakes:
            fail(func, f"{what} gave w = {w.ravel().tolist()}, b = {b:g}, mistakes {mistakes}; expected "
                       f"w = {np.ravel(TRAIN_W).tolist()}, b = {TRAIN_B:g}, mistakes {TRAIN_MISTAKES}. "
                       f"Likely cause: {cause}.")
    fail(func, f"{what} gave w = {w.ravel().tolist()}, b = {b:g}, mistakes {mistakes}; expected "
               f"w = {np.ravel(TRAIN_W).tolist()}, b = {TRAIN_B:g}, mistakes {TRAIN_MISTAKES}. Start from "
               "w = 0 and b = 0, go through the examples in order, and after each one add "
               "learning_rate * (y - y_hat) * x to w and learning_rate * (y - y_hat) to b.")


def check_tanh(tanh):
    """tanh element-wise, shape kept, finite for large inputs."""
    func = "tanh"
    what = "tanh of the (2, 3) array [[-2, -0.5, 0], [0.5, 1, 3]]"
    expect_close(func, what, _call(func, what, tanh, Z23), TANH_Z23, mistakes=[
        (SIGMOID_Z23, "the sigmoid 1 / (1 + exp(-Z)); tanh is (e^Z - e^-Z) / (e^Z + e^-Z), np.tanh"),
        (np.array(SIGMOID_Z23) * 2 - 1, "2 sigmoid(Z) - 1, which is tanh(Z / 2); tanh(Z) = 2 sigmoid(2 Z) - 1"),
    ])
    what = "tanh of [[-1000, 1000]]"
    with np.errstate(over="ignore", invalid="ignore"):
        got = _call(func, what, tanh, [[-1000.0, 1000.0]])
    got = expect_array(func, what, got, (1, 2))
    if not np.isfinite(got).all():
        fail(func, f"{what} gave {got.tolist()}, not finite numbers. Likely cause: (e^Z - e^-Z) / (e^Z + e^-Z) "
                   "overflows (e^1000 is inf, and inf / inf is nan); use np.tanh, which saturates at -1 and 1.")
    expect_close(func, what, got, [[-1.0, 1.0]])


def check_relu(relu):
    """relu: max(0, Z) element-wise, shape kept."""
    func = "relu"
    what = "relu of the (2, 3) array [[-2, -0.5, 0], [0.5, 1, 3]]"
    got = _call(func, what, relu, Z23)
    if isinstance(got, np.ndarray) and got.shape in ((3,), (2,)):
        fail(func, f"{what} returned shape {got.shape}. Likely cause: np.max(Z, 0), a maximum along axis 0; "
                   "the element-wise maximum is np.maximum(0, Z).")
    expect_close(func, what, got, [[0.0, 0.0, 0.0], [0.5, 1.0, 3.0]], mistakes=[
        ([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]], "the derivative (Z > 0) instead of the function"),
        ([[1.0, 1.0, 1.0], [1.0, 1.0, 3.0]], "max(Z, 1) instead of max(0, Z)"),
        ([[-2.0, -0.5, 0.0], [0.0, 0.0, 0.0]], "min instead of max: relu keeps the positive entries"),
    ])


def check_leaky_relu(leaky_relu):
    """leaky_relu: Z where Z > 0, alpha Z elsewhere; with the default alpha and with alpha = 0.2."""
    func = "leaky_relu"
    what = "leaky_relu of the (2, 3) array [[-2, -0.5, 0], [0.5, 1, 3]]"
    expect_close(func, what, _call(func, what, leaky_relu, Z23), [[-0.02, -0.005, 0.0], [0.5, 1.0, 3.0]], mistakes=[
        ([[0.0, 0.0, 0.0], [0.5, 1.0, 3.0]], "plain relu: the negative entries become alpha * Z, not 0"),
        ([[0.01, 0.01, 0.01], [0.5, 1.0, 3.0]], "np.maximum(alpha, Z); the leaky ReLU is np.maximum(alpha * Z, Z)"),
        ([[-2.0, -0.5, 0.0], [0.005, 0.01, 0.03]], "alpha on the wrong side: alpha * Z is for Z < 0"),
    ])
    what = "leaky_relu(Z, alpha=0.2) of the same array"
    expect_close(func, what, _call(func, what, leaky_relu, Z23, alpha=0.2), [[-0.4, -0.1, 0.0], [0.5, 1.0, 3.0]],
                 mistakes=[([[-0.02, -0.005, 0.0], [0.5, 1.0, 3.0]],
                            "alpha = 0.01 written into the function; use the argument alpha")])


def _check_backward(func, backward, expected, mistakes, **kwargs):
    what = f"{func}(dA, Z) with Z = [[-2, -0.5, 0], [0.5, 1, 3]]" + "".join(f", {k}={v}" for k, v in kwargs.items())
    got = _call(func, what, backward, DA23, Z23, **kwargs)
    expect_close(func, what, got, expected, mistakes=mistakes)


def check_tanh_backward(tanh_backward):
    """tanh_backward: dZ = dA (1 - tanh(Z)^2), shape kept."""
    dA = np.array(DA23)
    _check_backward("tanh_backward", tanh_backward, TANH_BACKWARD, [
        (TANH_PRIME_Z23, "dA is missing: dZ = dA * g'(Z), the chain rule"),
        (dA * (1 - np.array(Z23) ** 2), "1 - Z ** 2 is the derivative written with A = tanh(Z); here the argument "
                                        "is Z, so compute A = np.tanh(Z) first, then dA * (1 - A ** 2)"),
        (dA * (1 - np.array(TANH_Z23)), "1 - tanh(Z) without the square: g'(Z) = 1 - tanh(Z) ** 2"),
        (dA * np.array(SIGMOID_Z23) * (1 - np.array(SIGMOID_Z23)), "the sigmoid's derivative s (1 - s)"),
    ])


def check_relu_backward(relu_backward):
    """relu_backward: dZ = dA where Z > 0, 0 elsewhere (0 at Z = 0), shape kept."""
    dA = np.array(DA23)
    _check_backward("relu_backward", relu_backward, [[0.0, 0.0, 0.0], [3.0, 0.25, -1.0]], [
        ([[0.0, 0.0, 1.0], [1.0, 1.0, 1.0]], "dA is missing, and the derivative at 0 taken as 1: dZ = dA * (Z > 0)"),
        ([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]], "dA is missing: dZ = dA * g'(Z), the chain rule"),
        ([[0.0, 0.0, 0.5], [3.0, 0.25, -1.0]], "the derivative at Z = 0 taken as 1 (Z >= 0); this notebook's "
                                               "convention is g'(0) = 0: dZ = dA * (Z > 0)"),
        (dA * np.maximum(0, np.array(Z23)), "dA * relu(Z), the function instead of its derivative"),
        ([[1.0, 0.0, 0.5], [3.0, 0.25, 0.0]], "the mask taken from dA (dA > 0) instead of from Z"),
    ])


def check_leaky_relu_backward(leaky_relu_backward):
    """leaky_relu_backward: dZ = dA where Z > 0, alpha dA elsewhere (alpha at Z = 0), shape kept."""
    func = "leaky_relu_backward"
    _check_backward(func, leaky_relu_backward, [[0.01, -0.02, 0.005], [3.0, 0.25, -1.0]], [
        ([[0.01, 0.01, 0.01], [1.0, 1.0, 1.0]], "dA is missing: dZ = dA * g'(Z), the chain rule"),
        ([[0.01, -0.02, 0.5], [3.0, 0.25, -1.0]], "the derivative at Z = 0 taken as 1 (Z >= 0); this notebook's "
                                                  "convention is g'(0) = alpha: 1 where Z > 0, alpha elsewhere"),
        ([[0.0, 0.0, 0.0], [3.0, 0.25, -1.0]], "relu's derivative: where Z <= 0 it is alpha, not 0"),
        ([[1.0, -2.0, 0.5], [0.03, 0.0025, -0.01]], "alpha on the wrong side: the slope is alpha where Z <= 0"),
    ])
    _check_backward(func, leaky_relu_backward, [[0.2, -0.4, 0.1], [3.0, 0.25, -1.0]], [
        ([[0.01, -0.02, 0.005], [3.0, 0.25, -1.0]], "alpha = 0.01 written into the function; use the argument alpha"),
    ], alpha=0.2)


def check_collapse_linear_layers(collapse_linear_layers):
    """collapse_linear_layers: W_L ... W_2 W_1 of shape (n_L, n_0), for 3 layers, 2 square ones and one."""
    func = "collapse_linear_layers"
    what = "collapse_linear_layers of 3 layers of shapes (3, 2), (2, 3), (1, 2)"
    layers = [np.array(W) for W in LAYERS]
    try:
        got = collapse_linear_layers([W.copy() for W in layers])
    except ValueError as error:
        if "not aligned" in str(error) or "core dimension" in str(error):
            fail(func, f"{what} raised ValueError ({error}). Likely cause: the product in the wrong order, "
                       "W1 @ W2 @ ...; the first layer acts first, so it is on the right: W_L ... W_2 W_1.")
        if "could not be broadcast" in str(error):
            fail(func, f"{what} raised ValueError ({error}). Likely cause: the element-wise product (*); a layer "
                       "after a layer is a matrix product (np.dot or @).")
        raise
    expect_close(func, what, got, LAYERS_PRODUCT)
    what = "collapse_linear_layers of 2 square layers [[1, 2], [3, 4]] and [[0, 1], [1, 1]]"
    got = collapse_linear_layers([np.array(W) for W in SQUARES])
    expect_close(func, what, got, SQUARES_PRODUCT, mistakes=SQUARES_WRONG)
    what = "collapse_linear_layers of one layer [[1, 2], [3, 4]]"
    got = collapse_linear_layers([np.array(SQUARES[0])])
    expect_close(func, what, got, SQUARES[0])


explain_stubs(globals())
