"""The student-facing checks of the shallow-network notebook: wrong answers are caught and named,
correct alternatives pass.

Each test builds a small "notebook" namespace from the reference functions below, replacing one of
them by a realistic mistake (or by another correct way of writing it), as a learner would.
"""

import textwrap

import numpy as np
import pytest

from dlhelpers.checks import CheckError
from dlhelpers.checks import shallow_network as checks

REFERENCE = '''
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def layer_sizes(X, Y):
    return (X.shape[0], 4, Y.shape[0])

def initialize_parameters(n_x, n_h, n_y, rng):
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}

def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}

def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)

def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

def update_parameters(parameters, grads, learning_rate=1.2):
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}

def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, rng=None):
    rng = np.random.default_rng(rng)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y, rng)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters

def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(float)
'''


def notebook(*replacements):
    """The reference functions, then each replacement source run after them (as a re-run cell)."""
    namespace = {"__name__": "notebook"}
    exec(REFERENCE, namespace)
    for source in replacements:
        exec(textwrap.dedent(source), namespace)
    return namespace


def fails_with(check, *args, match):
    with pytest.raises(CheckError, match=match) as info:
        check(*args)
    return str(info.value)


# --- the reference itself ---------------------------------------------------------------------

def test_reference_passes_every_check():
    nb = notebook()
    checks.check_layer_sizes(nb["layer_sizes"])
    checks.check_initialize_parameters(nb["initialize_parameters"])
    checks.check_forward_propagation(nb["forward_propagation"])
    checks.check_compute_cost(nb["compute_cost"])
    checks.check_backward_propagation(nb["backward_propagation"])
    checks.check_update_parameters(nb["update_parameters"])
    checks.check_nn_model(nb["nn_model"])
    checks.check_predict(nb["predict"])


def test_unreplaced_stub_is_named():
    nb = notebook("def compute_cost(A2, Y):\n    raise NotImplementedError()")
    fails_with(checks.check_compute_cost, nb["compute_cost"], match="compute_cost is not implemented yet")


def test_known_answers_match_the_reference():
    nb = notebook()
    A2, cache = nb["forward_propagation"](checks.X, checks.PARAMETERS)
    for key in cache:
        np.testing.assert_allclose(cache[key], checks.CACHE[key], rtol=1e-12)
    assert nb["compute_cost"](A2, checks.Y) == pytest.approx(checks.COST, rel=1e-12)
    grads = nb["backward_propagation"](checks.PARAMETERS, cache, checks.X, checks.Y)
    for key in grads:
        np.testing.assert_allclose(grads[key], checks.GRADS[key], rtol=1e-12)


# --- layer_sizes --------------------------------------------------------------------------------

def test_layer_sizes_columns_instead_of_rows_named():
    nb = notebook("def layer_sizes(X, Y):\n    return (X.shape[1], 4, Y.shape[1])")
    fails_with(checks.check_layer_sizes, nb["layer_sizes"], match="shape\\[1\\] is the number of examples")


def test_layer_sizes_wrong_hidden_size_named():
    nb = notebook("def layer_sizes(X, Y):\n    return (X.shape[0], 5, Y.shape[0])")
    fails_with(checks.check_layer_sizes, nb["layer_sizes"], match="n_h is fixed at 4")


def test_layer_sizes_hard_coded_numbers_named():
    nb = notebook("def layer_sizes(X, Y):\n    return (2, 4, 1)")
    fails_with(checks.check_layer_sizes, nb["layer_sizes"], match="rather than typing numbers")


def test_layer_sizes_dict_instead_of_tuple_named():
    nb = notebook("def layer_sizes(X, Y):\n    return {'n_x': X.shape[0], 'n_h': 4, 'n_y': Y.shape[0]}")
    fails_with(checks.check_layer_sizes, nb["layer_sizes"], match="should return the tuple")


def test_layer_sizes_list_of_numpy_ints_passes():
    nb = notebook("def layer_sizes(X, Y):\n    return [np.int64(np.shape(X)[0]), 4, np.int64(np.shape(Y)[0])]")
    checks.check_layer_sizes(nb["layer_sizes"])


# --- initialize_parameters ------------------------------------------------------------------------

@pytest.mark.parametrize("body, match", [
    ("W1 = rng.standard_normal((n_h, n_x)); W2 = rng.standard_normal((n_y, n_h))", "the factor 0.01 is missing"),
    ("W1 = np.random.randn(n_h, n_x) * 0.01; W2 = np.random.randn(n_y, n_h) * 0.01", "rng passed in was not used"),
    ("W1 = rng.random((n_h, n_x)) * 0.01; W2 = rng.random((n_y, n_h)) * 0.01", "rng.random draws uniformly"),
    ("W1 = np.zeros((n_h, n_x)); W2 = np.zeros((n_y, n_h))", "symmetry"),
    ("W1 = rng.uniform(-0.0173, 0.0173, (n_h, n_x)); W2 = rng.uniform(-0.0173, 0.0173, (n_y, n_h))",
     "does not look normally distributed"),
    ("W1 = rng.standard_normal((n_h, n_x)) * 0.01 + 0.002; W2 = rng.standard_normal((n_y, n_h)) * 0.01",
     "centred on zero"),
    ("rng.standard_normal(1); W1 = np.random.default_rng(0).standard_normal((n_h, n_x)) * 0.01; "
     "W2 = np.random.default_rng(0).standard_normal((n_y, n_h)) * 0.01", "W2 repeats the first entries of W1"),
    ("rng.standard_normal(1); g = np.random.default_rng(42); W1 = g.standard_normal((n_h, n_x)) * 0.01; "
     "W2 = g.standard_normal((n_y, n_h)) * 0.01", "different seeds gave the same W1"),
    ("W1 = rng.standard_normal((n_h, n_x)) * 0.01 + np.random.randn(n_h, n_x) * 1e-9; "
     "W2 = rng.standard_normal((n_y, n_h)) * 0.01", "same seed gave different weights"),
])
def test_initialize_parameters_mistakes_named(body, match):
    nb = notebook(f"""
        def initialize_parameters(n_x, n_h, n_y, rng):
            {body}
            return {{"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}}
    """)
    fails_with(checks.check_initialize_parameters, nb["initialize_parameters"], match=match)


@pytest.mark.parametrize("b1, b2", [("0", "0.0"), ("np.float64(0)", "np.zeros((n_y, 1))"), ("np.array(0.0)", "0")])
def test_initialize_parameters_zero_biases_as_numbers_pass(b1, b2):
    nb = notebook(f"""
        def initialize_parameters(n_x, n_h, n_y, rng):
            return {{"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": {b1},
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": {b2}}}
    """)
    checks.check_initialize_parameters(nb["initialize_parameters"])


@pytest.mark.parametrize("b1, match", [("0.1", "expected zero"), ("np.ones((n_h, 1))", "should be zeros"),
                                       ("False", "should be a numpy array"),
                                       ("np.zeros((n_h, 1), dtype=bool)", "should hold numbers")])
def test_initialize_parameters_nonzero_or_odd_bias_named(b1, match):
    nb = notebook(f"""
        def initialize_parameters(n_x, n_h, n_y, rng):
            return {{"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": {b1},
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}}
    """)
    fails_with(checks.check_initialize_parameters, nb["initialize_parameters"], match=match)


def test_initialize_parameters_rank_one_bias_named():
    nb = notebook("""
        def initialize_parameters(n_x, n_h, n_y, rng):
            return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros(n_h),
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
    """)
    fails_with(checks.check_initialize_parameters, nb["initialize_parameters"], match="rank-1 array")


def test_initialize_parameters_transposed_weights_named():
    nb = notebook("""
        def initialize_parameters(n_x, n_h, n_y, rng):
            return {"W1": rng.standard_normal((n_x, n_h)) * 0.01, "b1": np.zeros((n_h, 1)),
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
    """)
    fails_with(checks.check_initialize_parameters, nb["initialize_parameters"], match="transposed")


@pytest.mark.parametrize("body", [
    # another order of the draws
    "W2 = rng.standard_normal((n_y, n_h)) * 0.01; W1 = rng.standard_normal((n_h, n_x)) * 0.01",
    # rng.normal with the scale as an argument
    "W1 = rng.normal(0, 0.01, size=(n_h, n_x)); W2 = rng.normal(0, 0.01, size=(n_y, n_h))",
    # one draw split in two
    "w = rng.standard_normal(n_h * n_x + n_y * n_h) * 0.01; W1 = w[:n_h * n_x].reshape(n_h, n_x); "
    "W2 = w[n_h * n_x:].reshape(n_y, n_h)",
])
def test_initialize_parameters_correct_alternatives_pass(body):
    nb = notebook(f"""
        def initialize_parameters(n_x, n_h, n_y, rng):
            {body}
            return {{"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}}
    """)
    checks.check_initialize_parameters(nb["initialize_parameters"])


# --- forward_propagation -----------------------------------------------------------------------

FORWARD = """
    def forward_propagation(X, parameters):
        Z1 = {z1}
        A1 = {a1}
        Z2 = {z2}
        A2 = {a2}
        return A2, {{"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}}
"""
RIGHT = {"z1": 'parameters["W1"] @ X + parameters["b1"]', "a1": "np.tanh(Z1)",
         "z2": 'parameters["W2"] @ A1 + parameters["b2"]', "a2": "sigmoid(Z2)"}


@pytest.mark.parametrize("change, match", [
    ({"a1": "sigmoid(Z1)"}, "the sigmoid in the hidden layer"),
    ({"a1": "np.maximum(Z1, 0)"}, "ReLU in the hidden layer"),
    ({"z1": 'parameters["W1"] @ X'}, "the bias b1 is missing"),
    ({"a2": "np.tanh(Z2)"}, "tanh in the output layer"),
    ({"z2": 'parameters["W2"] @ A1 + 1'}, "Z2 is off"),
])
def test_forward_propagation_mistakes_named(change, match):
    nb = notebook(FORWARD.format(**{**RIGHT, **change}))
    fails_with(checks.check_forward_propagation, nb["forward_propagation"], match=match)


@pytest.mark.parametrize("change, match", [
    ({"z1": 'parameters["W1"] @ X_example + parameters["b1"]'}, "the argument X is ignored"),
    ({"z2": 'parameters_example["W2"] @ A1 + parameters_example["b2"]',
      "z1": 'parameters_example["W1"] @ X + parameters_example["b1"]'}, "the argument parameters is ignored"),
])
def test_forward_propagation_global_instead_of_argument_named(change, match):
    nb = notebook(FORWARD.format(**{**RIGHT, **change}))
    nb["X_example"], nb["parameters_example"] = checks.X.copy(), checks._copy(checks.PARAMETERS)
    fails_with(checks.check_forward_propagation, nb["forward_propagation"], match=match)


def test_forward_propagation_without_cache_named():
    nb = notebook("""
        def forward_propagation(X, parameters):
            A1 = np.tanh(parameters["W1"] @ X + parameters["b1"])
            return sigmoid(parameters["W2"] @ A1 + parameters["b2"])
    """)
    fails_with(checks.check_forward_propagation, nb["forward_propagation"], match="tuple \\(A2, cache\\)")


def test_forward_propagation_written_with_exponentials_passes():
    nb = notebook(FORWARD.format(**{**RIGHT, "a1": "(np.exp(Z1) - np.exp(-Z1)) / (np.exp(Z1) + np.exp(-Z1))",
                                    "a2": "np.exp(Z2) / (1 + np.exp(Z2))",
                                    "z1": 'np.matmul(parameters["W1"], X) + parameters["b1"]'}))
    checks.check_forward_propagation(nb["forward_propagation"])


# --- compute_cost ---------------------------------------------------------------------------------

@pytest.mark.parametrize("body, match", [
    ("return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / Y.shape[1])", "missing minus sign"),
    ("return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))", "missing 1/m"),
    ("return float(-np.sum(Y * np.log(A2)) / Y.shape[1])", "only the y log a term"),
    ("return -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / Y.shape[1]", "single number"),
    ("return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / 3)", "is off"),
])
def test_compute_cost_mistakes_named(body, match):
    nb = notebook(f"def compute_cost(A2, Y):\n    {body}")
    fails_with(checks.check_compute_cost, nb["compute_cost"], match=match)


def test_compute_cost_with_dot_products_and_squeeze_passes():
    nb = notebook("""
        def compute_cost(A2, Y):
            m = Y.shape[1]
            return np.squeeze(-(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m)
    """)
    checks.check_compute_cost(nb["compute_cost"])


# --- backward_propagation ------------------------------------------------------------------------

BACKWARD = """
    def backward_propagation(parameters, cache, X, Y):
        m = X.shape[1]
        A1, A2 = cache["A1"], cache["A2"]
        dZ2 = {dz2}
        dW2 = {dw2}
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = {dz1}
        dW1 = np.dot(dZ1, X.T) / m
        db1 = {db1}
        return {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
"""
GOOD = {"dz2": "A2 - Y", "dw2": "np.dot(dZ2, A1.T) / m",
        "dz1": 'np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))',
        "db1": "np.sum(dZ1, axis=1, keepdims=True) / m"}


@pytest.mark.parametrize("change, match", [
    ({"dz1": 'np.dot(parameters["W2"].T, dZ2) * (1 - A1)'}, r"d[Wb]1 .*\(1 - A1\) where \(1 - A1\*\*2\) belongs"),
    ({"dz1": 'np.dot(parameters["W2"].T, dZ2)'}, "the derivative of tanh is missing"),
    ({"dz1": 'np.dot(parameters["W2"].T, dZ2) * A1 * (1 - A1)'}, "the sigmoid's derivative"),
    ({"dz1": 'np.dot(parameters["W2"].T, dZ2) * (1 - cache["Z1"] ** 2)'}, "1 - Z1\\*\\*2 instead of 1 - A1\\*\\*2"),
    ({"dw2": "np.dot(dZ2, A1.T)"}, "dW2 .*a missing 1/m"),
    ({"dz2": "Y - A2"}, "dW2 .*a wrong sign"),
    ({"dz2": "A2"}, "A2 where dZ2 = A2 - Y belongs"),
    ({"db1": "np.sum(dZ1, axis=1) / m"}, "db1 .*rank-1 array"),
    ({"db1": "np.sum(dZ1) / m"}, "db1 .*should be an array of shape \\(4, 1\\).*axis=1, keepdims=True"),
    ({"dw2": "np.dot(A1, dZ2.T) / m"}, "dW2 .*transposed"),
])
def test_backward_propagation_mistakes_named(change, match):
    nb = notebook(BACKWARD.format(**{**GOOD, **change}))
    message = fails_with(checks.check_backward_propagation, nb["backward_propagation"], match=match)
    assert "backward_propagation" in message


def test_backward_propagation_unknown_mistake_reports_the_numerical_gradient():
    nb = notebook(BACKWARD.format(**{**GOOD, "db1": "np.sum(dZ1, axis=1, keepdims=True) / m + 0.01"}))
    message = fails_with(checks.check_backward_propagation, nb["backward_propagation"],
                         match="db1 .*does not match the numerical gradient")
    assert "numerically" in message and "Likely cause" not in message


@pytest.mark.parametrize("wrong", [
    FORWARD.format(**{**RIGHT, "a1": "sigmoid(Z1)"}),
    "def forward_propagation(X, parameters):\n    raise NotImplementedError()",
    "def compute_cost(A2, Y):\n    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))",
    "def compute_cost(A2, Y):\n    raise NotImplementedError()",
])
def test_backward_propagation_check_does_not_depend_on_forward_or_cost(wrong):
    # each exercise is graded on its own: a wrong forward pass or cost costs their points, not these
    nb = notebook(wrong)
    checks.check_backward_propagation(nb["backward_propagation"])


def test_backward_propagation_alternative_formulas_pass():
    # recomputes the activations from the parameters and uses 1 / cosh^2 for the tanh derivative
    nb = notebook("""
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            Z1 = parameters["W1"] @ X + parameters["b1"]
            A1 = np.tanh(Z1)
            A2 = sigmoid(parameters["W2"] @ A1 + parameters["b2"])
            dZ2 = A2 - Y
            dZ1 = (parameters["W2"].T @ dZ2) / np.cosh(Z1) ** 2
            return {"dW2": dZ2 @ A1.T / m, "db2": dZ2.mean(axis=1, keepdims=True),
                    "dW1": np.einsum("hi,xi->hx", dZ1, X) / m, "db1": dZ1.mean(axis=1).reshape(-1, 1)}
    """)
    checks.check_backward_propagation(nb["backward_propagation"])


def test_check_gradients_gives_its_own_cache_and_compares_with_the_course_cost():
    nb = notebook()
    seen = []

    def backward(parameters, cache, X, Y):
        seen.append({key: np.array(value) for key, value in cache.items()})
        cache["A1"] = cache["A1"] * 0  # a function that spoils its arguments changes nothing for the check
        return nb["backward_propagation"](parameters, dict(seen[-1]), X, Y)

    rng = np.random.default_rng(0)
    params = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1)), "W2": rng.normal(size=(1, 3)),
              "b2": rng.normal(size=(1, 1))}
    X_, Y_ = rng.normal(size=(2, 5)), np.array([[0, 1, 1, 0, 1]])
    result = checks.check_gradients(backward, params, X_, Y_, what="here")
    assert result.difference < 1e-7
    _, cache = nb["forward_propagation"](X_, params)
    for key in ("Z1", "A1", "Z2", "A2"):
        np.testing.assert_allclose(seen[0][key], cache[key], rtol=1e-12)
    # gradients of another cost (twice the course's) are not accepted
    def doubled(parameters, cache, X, Y):
        return {k: 2 * v for k, v in nb["backward_propagation"](parameters, cache, X, Y).items()}

    with pytest.raises(CheckError, match="does not match the numerical gradient"):
        checks.check_gradients(doubled, params, X_, Y_, what="here")


# --- update_parameters ---------------------------------------------------------------------------

@pytest.mark.parametrize("body, match", [
    ('return {k: parameters[k] + learning_rate * grads["d" + k] for k in parameters}', "a step uphill"),
    ('return {k: parameters[k] - 1.2 * grads["d" + k] for k in parameters}', "learning_rate argument is ignored"),
    ("return parameters", "W1 did not change"),
    ('return {k: parameters[k] - learning_rate * grads["d" + k] / 3 for k in parameters}', "W1 after one step"),
])
def test_update_parameters_mistakes_named(body, match):
    nb = notebook(f"def update_parameters(parameters, grads, learning_rate=1.2):\n    {body}")
    fails_with(checks.check_update_parameters, nb["update_parameters"], match=match)


@pytest.mark.parametrize("source", [
    """
        def update_parameters(parameters, grads, learning_rate=1.2):
            for key in ("W1", "b1", "W2", "b2"):
                parameters[key] -= learning_rate * grads["d" + key]
            return parameters
    """,
    """
        def update_parameters(parameters, grads, learning_rate=1.2):
            parameters["W1"] -= learning_rate * grads["dW1"]
            parameters["b1"] -= learning_rate * grads["db1"]
            parameters["W2"] -= learning_rate * grads["dW2"]
            parameters["b2"] -= learning_rate * grads["db2"]
            return parameters
    """,
    """
        import copy
        def update_parameters(parameters, grads, learning_rate=1.2):
            new = copy.deepcopy(parameters)
            for key in new:
                new[key] = new[key] - learning_rate * grads["d" + key]
            return new
    """,
])
def test_update_parameters_in_place_or_on_a_copy_passes(source):
    # only the returned parameters are graded, whether the ones passed in changed or not
    nb = notebook(source)
    checks.check_update_parameters(nb["update_parameters"])
    checks.check_nn_model(nb["nn_model"])


# --- nn_model ------------------------------------------------------------------------------------

NN_MODEL = """
    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, rng=None):
        rng = np.random.default_rng(rng)
        n_x, _, n_y = layer_sizes(X, Y)
        parameters = {init}
        for i in range({loop}):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            {update}
        return parameters
"""
NN_GOOD = {"init": "initialize_parameters(n_x, n_h, n_y, rng)", "loop": "num_iterations",
           "update": "parameters = update_parameters(parameters, grads)"}


@pytest.mark.parametrize("change, match", [
    ({"init": "initialize_parameters(n_x, 4, n_y, rng)"}, "use the argument n_h"),
    ({"init": "initialize_parameters(n_x, n_h, n_y, np.random.default_rng(0))"}, "did not get the rng"),
    ({"loop": "100"}, "called 100 times for num_iterations=60"),
    ({"update": "update_parameters(parameters, grads)"}, "never updated"),
    ({"update": "parameters = update_parameters(parameters, grads, learning_rate=0.5)"}, "W1 after 60 iterations"),
])
def test_nn_model_mistakes_named(change, match):
    nb = notebook(NN_MODEL.format(**{**NN_GOOD, **change}))
    fails_with(checks.check_nn_model, nb["nn_model"], match=match)


def test_nn_model_without_own_functions_named():
    nb = notebook("""
        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, rng=None):
            rng = np.random.default_rng(rng)
            p = initialize_parameters(X.shape[0], n_h, 1, rng)
            for i in range(num_iterations):
                A1 = np.tanh(p["W1"] @ X + p["b1"])
                A2 = sigmoid(p["W2"] @ A1 + p["b2"])
                dZ2 = A2 - Y
                dZ1 = p["W2"].T @ dZ2 * (1 - A1 ** 2)
                m = X.shape[1]
                p = {"W1": p["W1"] - 1.2 * dZ1 @ X.T / m, "b1": p["b1"] - 1.2 * dZ1.sum(1, keepdims=True) / m,
                     "W2": p["W2"] - 1.2 * dZ2 @ A1.T / m, "b2": p["b2"] - 1.2 * dZ2.sum(1, keepdims=True) / m}
            return p
    """)
    fails_with(checks.check_nn_model, nb["nn_model"], match="backward_propagation was called 0 times")


def test_nn_model_restores_the_notebook_functions_after_checking():
    nb = notebook(NN_MODEL.format(**{**NN_GOOD, "loop": "3"}))
    originals = {name: nb[name] for name in ("initialize_parameters", "forward_propagation",
                                             "backward_propagation", "update_parameters")}
    with pytest.raises(CheckError):
        checks.check_nn_model(nb["nn_model"])
    assert all(nb[name] is function for name, function in originals.items())


def test_nn_model_with_number_biases_and_updates_in_place_passes():
    nb = notebook("""
        def initialize_parameters(n_x, n_h, n_y, rng):
            return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": 0,
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": 0.0}
        def update_parameters(parameters, grads, learning_rate=1.2):
            for key in ("W1", "b1", "W2", "b2"):
                parameters[key] -= learning_rate * grads["d" + key]
            return parameters
    """)
    checks.check_initialize_parameters(nb["initialize_parameters"])
    checks.check_nn_model(nb["nn_model"])


def test_nn_model_check_computes_the_cost_itself():
    # nn_model calls compute_cost only to print it; a wrong compute_cost does not change the training
    nb = notebook("def compute_cost(A2, Y):\n    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))")
    checks.check_nn_model(nb["nn_model"])


def test_nn_model_correct_alternative_passes():
    # sizes from the shapes, rng as a keyword, the cost computed only when printing
    nb = notebook("""
        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, rng=None):
            parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0], rng=np.random.default_rng(rng))
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                if print_cost and i % 1000 == 0:
                    print(compute_cost(A2, Y))
                parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y),
                                               learning_rate=1.2)
            return parameters
    """)
    checks.check_nn_model(nb["nn_model"])


# --- predict -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, match", [
    ("return forward_propagation(X, parameters)[0]", "probabilities returned instead of labels"),
    ("return (forward_propagation(X, parameters)[0] >= 0.5).astype(float)", "exactly 0.5 gave 1"),
    ("return (forward_propagation(X, parameters)[0] < 0.5).astype(float)", "the labels are flipped"),
    ("return (forward_propagation(X, parameters)[0] > 0.5).astype(float).ravel()", "rank-1 array"),
])
def test_predict_mistakes_named(body, match):
    nb = notebook(f"def predict(parameters, X):\n    {body}")
    fails_with(checks.check_predict, nb["predict"], match=match)


@pytest.mark.parametrize("body, match", [
    ("return (forward_propagation(X_example, parameters)[0] > 0.5).astype(float)", "the argument X is ignored"),
    ("return (forward_propagation(X, parameters_example)[0] > 0.5).astype(float)",
     "the argument parameters is ignored"),
])
def test_predict_global_instead_of_argument_named(body, match):
    nb = notebook(f"def predict(parameters, X):\n    {body}")
    nb["X_example"], nb["parameters_example"] = checks.X.copy(), checks._copy(checks.PARAMETERS)
    fails_with(checks.check_predict, nb["predict"], match=match)


@pytest.mark.parametrize("body", [
    "return forward_propagation(X, parameters)[0] > 0.5",
    "return np.round(forward_propagation(X, parameters)[0] - 1e-12).astype(int)",
])
def test_predict_alternatives_pass(body):
    nb = notebook(f"def predict(parameters, X):\n    {body}")
    checks.check_predict(nb["predict"])
