"""Checks for the logistic-regression notebook (cat photos).

Each ``check_<exercise>`` calls the student's function on fixed inputs whose right answers are
known, and raises ``CheckError`` with a targeted message when something is off. Images are columns:
``X`` has shape ``(n_x, m)``, labels ``Y`` shape ``(1, m)``, weights ``w`` shape ``(n_x, 1)``.
"""

import numpy as np

from ._core import (
    CheckError,
    expect_array,
    expect_close,
    expect_keys,
    expect_labels,
    expect_scalar,
    explain_stubs,
    fail,
    is_close,
    not_implemented,
    sign_and_scale_mistakes,
)

# A small problem with known answers: 2 features, 3 examples.
W = np.array([[1.0], [2.0]])
B = 1.5
X = np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]])
Y = np.array([[1, 1, 0]])
DW = [[0.2507153166184082], [-0.06604096325829123]]
DB = -0.12500404500439652
COST = 0.15900537707692405


DATA_NAMES = ("m_train", "m_test", "num_px", "train_set_x_flatten", "test_set_x_flatten", "train_set_x",
              "test_set_x", "train_set_x_orig", "test_set_x_orig")
GIVEN_NAMES = ("train_set_x_orig", "test_set_x_orig")


def prepared_data(namespace):
    """The arguments of ``check_data`` by name, read from the notebook's namespace (``globals()``).

    A name that is not defined is a cell that raised: the photos' loading cell, or an exercise
    cell that still raises ``NotImplementedError``. The ``CheckError`` says which.
    """
    missing = [name for name in DATA_NAMES if name not in namespace]
    given = [name for name in GIVEN_NAMES if name in missing]
    if given:
        raise CheckError(f"data preparation: {', '.join(given)} {'is' if len(given) == 1 else 'are'} not defined: "
                         "run the cell that calls "
                         "load_catvnoncat() (run the notebook from the top) and read its error.")
    if missing:
        raise CheckError(f"data preparation: {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not "
                         "defined yet: a cell above that sets them raised an error or was not run. If it still "
                         f"raises NotImplementedError, {not_implemented('data preparation')}")
    return {name: namespace[name] for name in DATA_NAMES}


def check_data(m_train, m_test, num_px, train_set_x_flatten, test_set_x_flatten, train_set_x, test_set_x,
               train_set_x_orig, test_set_x_orig):
    """Check the sizes, the flattened images (n_x, m) and their standardisation (÷ 255)."""
    func = "data preparation"
    for name, value, right in (("m_train", m_train, train_set_x_orig.shape[0]),
                               ("m_test", m_test, test_set_x_orig.shape[0]),
                               ("num_px", num_px, train_set_x_orig.shape[1])):
        if not isinstance(value, (int, np.integer)) or value != right:
            hint = " (the number of images is shape[0]; the side of an image is shape[1])"
            fail(func, f"{name} is {value!r}, expected {right}{hint}.")
    for name, flat, orig in (("train_set_x_flatten", train_set_x_flatten, train_set_x_orig),
                             ("test_set_x_flatten", test_set_x_flatten, test_set_x_orig)):
        m = orig.shape[0]
        n_x = orig[0].size
        got = expect_array(func, name, flat, (n_x, m))
        if not is_close(got[:, 1], orig[1].reshape(-1)):
            fail(func, f"{name}: column 1 is not image 1 flattened. Likely cause: reshape(-1, m) or "
                       f"reshape(n_x, m) mixes pixels of different images; use X.reshape(X.shape[0], -1).T.")
    for name, scaled, flat in (("train_set_x", train_set_x, train_set_x_flatten),
                               ("test_set_x", test_set_x, test_set_x_flatten)):
        got = expect_array(func, name, scaled, np.shape(flat))
        expected = np.asarray(flat, dtype=np.float64) / 255.0
        if float(got.max()) > 1.0:
            fail(func, f"{name} has values up to {got.max():g}: divide the flattened images by 255.")
        expect_close(func, name, got, expected, mistakes=[
            (expected - expected.mean(), "the mean was subtracted; here we only divide by 255"),
            (np.floor(expected), "integer division (//); use / 255"),
        ])


def check_sigmoid(sigmoid):
    """sigmoid of a vector, of a 2-D array (shape kept) and of one number."""
    func = "sigmoid"
    z = np.array([0.0, 2.0, -3.5])
    expected = np.array([0.5, 0.8807970779778823, 0.02931223075135632])
    expect_close(func, "sigmoid(np.array([0, 2, -3.5]))", sigmoid(z), expected, mistakes=[
        ([0.5, 0.11920292202211755, 0.9706877692486436], "a wrong sign in the exponent: 1 / (1 + np.exp(-z))"),
        ([1.0, 7.38905609893065, 0.0301973834223185], "np.exp(z) alone: the sigmoid is 1 / (1 + np.exp(-z))"),
    ])
    grid = np.zeros((2, 3))
    expect_close(func, "sigmoid(np.zeros((2, 3)))", sigmoid(grid), np.full((2, 3), 0.5))
    expect_close(func, "sigmoid(0.0)", sigmoid(0.0), 0.5)


def check_initialize_with_zeros(initialize_with_zeros):
    """w is zeros of shape (dim, 1) and b a zero (any real number equal to 0: 0, 0.0, np.float64(0))."""
    func = "initialize_with_zeros"
    result = initialize_with_zeros(3)
    if not isinstance(result, tuple) or len(result) != 2:
        fail(func, "should return the tuple (w, b).")
    w, b = result
    expect_close(func, "w for dim = 3", w, np.zeros((3, 1)))
    if expect_scalar(func, "b", b) != 0.0:
        fail(func, f"b is {b!r}, expected 0.0.")
    if np.asarray(w).dtype.kind != "f":
        fail(func, f"w has dtype {np.asarray(w).dtype}; it should hold floats (np.zeros gives float64).")


def check_propagate(propagate):
    """Gradients and cost of the 2-feature, 3-example problem above."""
    func = "propagate"
    result = propagate(W.copy(), B, X.copy(), Y.copy())
    if not isinstance(result, tuple) or len(result) != 2:
        fail(func, "should return the tuple (grads, cost).")
    grads, cost = result
    expect_keys(func, "grads", grads, ["dw", "db"])
    m = X.shape[1]
    expect_close(func, "dw", grads["dw"], DW, mistakes=sign_and_scale_mistakes(DW, m) + [
        (np.sum(np.array(DW)), "a sum over everything"),
    ])
    db = grads["db"]
    if isinstance(db, np.ndarray) and db.size != 1:
        fail(func, f"db should be one number, got an array of shape {db.shape}. Likely cause: "
                   "np.sum(A - Y, axis=...) keeps a dimension; sum over all examples: np.sum(A - Y) / m.")
    expect_close(func, "db", db, DB, mistakes=sign_and_scale_mistakes(DB, m))
    expect_close(func, "cost", cost, COST, mistakes=[
        (-COST, "a missing minus sign: J = -(1/m) Σ [y log a + (1 - y) log(1 - a)]"),
        (COST * m, "a missing 1/m: average over the examples"),
    ])


def check_optimize(optimize):
    """100 steps of gradient descent (lr 0.009), the cost record, and the use of every argument."""
    func = "optimize"
    result = optimize(W.copy(), B, X.copy(), Y.copy(), num_iterations=100, learning_rate=0.009, print_cost=False)
    if not isinstance(result, tuple) or len(result) != 3:
        fail(func, "should return the tuple (params, grads, costs).")
    params, grads, costs = result
    expect_keys(func, "params", params, ["w", "b"])
    expect_keys(func, "grads", grads, ["dw", "db"])
    if is_close(params["w"], W):
        fail(func, "params['w'] did not change: update w and b inside the loop (w = w - learning_rate * dw).")
    w_wrong_sign = [[1.2745965780039024], [1.9285418717855303]]
    expect_close(func, "params['w'] after 100 iterations", params["w"],
                 [[0.8095604646163251], [2.050820199511423]], mistakes=[
                     (w_wrong_sign, "gradient ascent: subtract learning_rate * dw, do not add it"),
                 ])
    expect_close(func, "params['b'] after 100 iterations", params["b"], 1.5948713189708588)
    expect_close(func, "grads['dw'] (of the last iteration)", grads["dw"],
                 [[0.1786050467423819], [-0.04840655526979531]])
    faster = optimize(W.copy(), B, X.copy(), Y.copy(), num_iterations=100, learning_rate=0.02, print_cost=False)
    if is_close(faster[0]["w"], params["w"]):
        fail(func, "the same result for learning_rate 0.02 as for 0.009: use the arguments, "
                   "not fixed numbers (learning_rate is ignored).")
    other = optimize(W.copy(), B, X.copy(), Y.copy(), num_iterations=250, learning_rate=0.02, print_cost=False)
    if is_close(other[0]["w"], faster[0]["w"]):
        fail(func, "the same result for 250 iterations as for 100: use the arguments, "
                   "not fixed numbers (num_iterations is ignored).")
    if not isinstance(other[2], list) and not isinstance(other[2], np.ndarray):
        fail(func, f"costs should be a list, got {type(other[2]).__name__}.")
    if len(other[2]) != 3:
        fail(func, f"for 250 iterations costs has {len(other[2])} entries, expected 3 (iterations 0, 100 and 200): "
                   "append the cost when i % 100 == 0.")
    expect_close(func, "costs for 250 iterations at learning_rate 0.02", np.array(other[2], dtype=float),
                 [0.15900537707692405, 0.0722159804289871, 0.044877344667217316])


def check_predict(predict):
    """Labels 0/1 of shape (1, m), with the rule probability > 0.5."""
    func = "predict"
    w = np.array([[0.1124579], [0.23106775]])
    X2 = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    got = expect_labels(func, "predict(w, -0.3, X)", predict(w, -0.3, X2), (1, 3))
    expect_close(func, "predict(w, -0.3, X)", got, [[1.0, 1.0, 0.0]])
    for b, label in ((4.0, 1.0), (-4.0, 0.0)):
        got = expect_labels(func, f"predict(zeros, {b}, X)", predict(np.zeros((2, 1)), b, X2), (1, 3))
        if not bool((got == label).all()):
            fail(func, f"with w = 0 and b = {b} every prediction should be {label:g}, got {got.tolist()}. "
                       "Likely cause: the bias b is ignored; compute sigmoid(w.T X + b).")
    half = expect_labels(func, "predict with all probabilities exactly 0.5", predict(np.zeros((2, 1)), 0.0, X2), (1, 3))
    if half.any():
        fail(func, "a probability of exactly 0.5 gave 1; the rule is 1 when the probability is > 0.5, else 0.")


def check_model(model):
    """The model on a small problem: keys, shapes, cost record and the final parameters."""
    func = "model"
    x_train = np.array([[1.0, -2.0, -1.0, 0.5], [3.0, 0.5, -3.2, 1.0], [0.0, 1.0, 2.0, -1.0]])
    y_train = np.array([[1, 1, 0, 1]])
    x_test = np.array([[1.0, -1.0], [0.0, 2.0], [1.0, 0.0]])
    y_test = np.array([[1, 0]])
    d = model(x_train, y_train, x_test, y_test, num_iterations=50, learning_rate=0.01, print_cost=False)
    keys = ["costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations"]
    expect_keys(func, "the result", d, keys)
    expect_labels(func, "Y_prediction_test", d["Y_prediction_test"], (1, 2))
    expect_labels(func, "Y_prediction_train", d["Y_prediction_train"], (1, 4))
    if d["learning_rate"] != 0.01 or d["num_iterations"] != 50:
        fail(func, f"learning_rate and num_iterations should be the arguments (0.01, 50), got "
                   f"({d['learning_rate']!r}, {d['num_iterations']!r}).")
    if is_close(d["w"], np.zeros((3, 1))):
        fail(func, "w is still all zeros: it was not trained; use the params that optimize returns.")
    other = model(x_train, y_train, x_test, y_test, num_iterations=50, learning_rate=0.02, print_cost=False)
    if is_close(other["w"], d["w"]):
        fail(func, "w does not depend on learning_rate: pass learning_rate on to optimize.")
    expect_close(func, "w after 50 iterations at learning_rate 0.01", d["w"],
                 [[-0.004830480986403764], [0.3530540720744468], [-0.0807502451152007]])
    expect_close(func, "b", d["b"], 0.11310396763282993)
    expect_close(func, "costs", np.array(d["costs"], dtype=float), [0.6931471805599453])
    expect_close(func, "Y_prediction_test", d["Y_prediction_test"], [[1.0, 1.0]])
    expect_close(func, "Y_prediction_train", d["Y_prediction_train"], [[1.0, 1.0, 0.0, 1.0]])


explain_stubs(globals())
