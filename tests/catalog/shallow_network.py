"""Mistakes and valid alternatives for the shallow-network notebook."""

from catalog import Entry

# --- layer_sizes --------------------------------------------------------------------------------

LAYER_SIZES = '''def layer_sizes(X, Y):
    {body}
'''


def layer_sizes(body):
    return LAYER_SIZES.format(body=body)


# --- initialize_parameters ------------------------------------------------------------------------

INIT = '''def initialize_parameters(n_x, n_h, n_y, rng):
    W1 = {W1}
    b1 = {b1}
    W2 = {W2}
    b2 = np.zeros((n_y, 1))
    return {{"W1": W1, "b1": b1, "W2": W2, "b2": b2}}
'''
GOOD_INIT = dict(W1="rng.standard_normal((n_h, n_x)) * 0.01", b1="np.zeros((n_h, 1))",
                 W2="rng.standard_normal((n_y, n_h)) * 0.01")


def init(**changes):
    return INIT.format(**{**GOOD_INIT, **changes})


# --- forward_propagation --------------------------------------------------------------------------

FORWARD = '''def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = {z1}
    A1 = {a1}
    Z2 = {z2}
    A2 = {a2}
    cache = {{"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}}
    return A2, cache
'''
GOOD_FORWARD = dict(z1="np.dot(W1, X) + b1", a1="np.tanh(Z1)", z2="np.dot(W2, A1) + b2", a2="sigmoid(Z2)")


def forward(**changes):
    return FORWARD.format(**{**GOOD_FORWARD, **changes})


# --- compute_cost ---------------------------------------------------------------------------------

COST = '''def compute_cost(A2, Y):
    m = Y.shape[1]
    {body}
    return cost
'''


def cost(body):
    return COST.format(body=body)


# --- backward_propagation -------------------------------------------------------------------------

BACKWARD = '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = {dz2}
    dW2 = {dw2}
    db2 = {db2}
    dZ1 = {dz1}
    dW1 = {dw1}
    db1 = {db1}
    grads = {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
    return grads
'''
GOOD_BACKWARD = dict(dz2="A2 - Y", dw2="np.dot(dZ2, A1.T) / m", db2="np.sum(dZ2, axis=1, keepdims=True) / m",
                     dz1="np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))", dw1="np.dot(dZ1, X.T) / m",
                     db1="np.sum(dZ1, axis=1, keepdims=True) / m")


def backward(**changes):
    return BACKWARD.format(**{**GOOD_BACKWARD, **changes})


# --- update_parameters ----------------------------------------------------------------------------

UPDATE = '''def update_parameters(parameters, grads, learning_rate=1.2):
    W1 = parameters["W1"] {op} {lr} * grads["dW1"]
    b1 = {b1}
    W2 = parameters["W2"] {op} {lr} * grads["dW2"]
    b2 = {b2}
    parameters = {{"W1": W1, "b1": b1, "W2": W2, "b2": b2}}
    return parameters
'''


def update(op="-", lr="learning_rate", b1=None, b2=None):
    return UPDATE.format(op=op, lr=lr, b1=b1 or f'parameters["b1"] {op} {lr} * grads["db1"]',
                         b2=b2 or f'parameters["b2"] {op} {lr} * grads["db2"]')


# --- nn_model -------------------------------------------------------------------------------------

NN_MODEL = '''def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, rng=None):
    rng = np.random.default_rng(rng)
    n_x, _, n_y = layer_sizes(X, Y)
    {init_before}
    for i in range({loop}):
        {init_inside}
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        {update}
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {{i}}: {{cost:.6f}}")
    return parameters
'''


def nn_model(init="parameters = initialize_parameters(n_x, n_h, n_y, rng)", loop="num_iterations",
             update="parameters = update_parameters(parameters, grads)", inside=False):
    return NN_MODEL.format(init_before="pass" if inside else init, init_inside=init if inside else "pass",
                           loop=loop, update=update)


# --- predict --------------------------------------------------------------------------------------

PREDICT = '''def predict(parameters, X):
    A2, cache = forward_propagation({args})
    predictions = {rule}
    return predictions
'''


def predict(rule="(A2 > 0.5).astype(float)", args="X, parameters"):
    return PREDICT.format(rule=rule, args=args)


MISTAKES = [
    # layer_sizes
    Entry("layer_sizes", "shape[1] for the sizes", layer_sizes("return (X.shape[1], 4, Y.shape[1])"),
          "shape[1] is the number of examples"),
    Entry("layer_sizes", "hidden size 5", layer_sizes("return (X.shape[0], 5, Y.shape[0])"), "n_h is fixed at 4"),
    Entry("layer_sizes", "sizes of the flower typed in", layer_sizes("return (2, 4, 1)"), "rather than typing numbers"),
    Entry("layer_sizes", "a dict instead of the tuple",
          layer_sizes("return {'n_x': X.shape[0], 'n_h': 4, 'n_y': Y.shape[0]}"), "should return the tuple"),
    Entry("layer_sizes", "n_y typed in as 1", layer_sizes("return (X.shape[0], 4, 1)"), "rather than typing numbers"),
    # initialize_parameters
    Entry("initialize_parameters", "factor 0.01 missing",
          init(W1="rng.standard_normal((n_h, n_x))", W2="rng.standard_normal((n_y, n_h))"),
          "the factor 0.01 is missing"),
    Entry("initialize_parameters", "np.random instead of rng",
          init(W1="np.random.randn(n_h, n_x) * 0.01", W2="np.random.randn(n_y, n_h) * 0.01"),
          "rng passed in was not used"),
    Entry("initialize_parameters", "uniform draws rng.random",
          init(W1="rng.random((n_h, n_x)) * 0.01", W2="rng.random((n_y, n_h)) * 0.01"), "rng.random draws uniformly"),
    Entry("initialize_parameters", "zero weights", init(W1="np.zeros((n_h, n_x))", W2="np.zeros((n_y, n_h))"),
          "symmetry"),
    Entry("initialize_parameters", "rank-1 bias", init(b1="np.zeros(n_h)"), "rank-1 array"),
    Entry("initialize_parameters", "transposed W1", init(W1="rng.standard_normal((n_x, n_h)) * 0.01"), "transposed"),
    Entry("initialize_parameters", "a new generator with a fixed seed",
          init(W1="np.random.default_rng(42).standard_normal((n_h, n_x)) * 0.01",
               W2="rng.standard_normal((n_y, n_h)) * 0.01"), "different seeds gave the same W1"),
    # forward_propagation
    Entry("forward_propagation", "sigmoid in the hidden layer", forward(a1="sigmoid(Z1)"),
          "the sigmoid in the hidden layer"),
    Entry("forward_propagation", "ReLU in the hidden layer", forward(a1="np.maximum(Z1, 0)"), "ReLU in the hidden layer"),
    Entry("forward_propagation", "bias b1 forgotten", forward(z1="np.dot(W1, X)"), "the bias b1 is missing"),
    Entry("forward_propagation", "tanh in the output layer", forward(a2="np.tanh(Z2)"), "tanh in the output layer"),
    Entry("forward_propagation", "Z1 used instead of A1", forward(z2="np.dot(W2, Z1) + b2"), "Z2 is off"),
    Entry("forward_propagation", "no cache returned", forward().replace("return A2, cache", "return A2"),
          "tuple (A2, cache)"),
    Entry("forward_propagation", "global X_example instead of the argument X",
          forward(z1="np.dot(W1, X_example) + b1"), "the argument X is ignored"),
    # compute_cost
    Entry("compute_cost", "missing minus sign",
          cost("cost = float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)"), "missing minus sign"),
    Entry("compute_cost", "missing 1/m", cost("cost = float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))"),
          "missing 1/m"),
    Entry("compute_cost", "only the y log a term", cost("cost = float(-np.sum(Y * np.log(A2)) / m)"),
          "only the y log a term"),
    Entry("compute_cost", "a (1, 1) array from dot products",
          cost("cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m"), "single number"),
    Entry("compute_cost", "m typed in as 3",
          cost("cost = float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / 3)"), "m taken from the wrong place"),
    # backward_propagation
    Entry("backward_propagation", "(1 - A1) as the tanh derivative", backward(dz1="np.dot(W2.T, dZ2) * (1 - A1)"),
          "(1 - A1) where (1 - A1**2) belongs"),
    Entry("backward_propagation", "tanh derivative missing", backward(dz1="np.dot(W2.T, dZ2)"),
          "the derivative of tanh is missing"),
    Entry("backward_propagation", "sigmoid derivative in the hidden layer",
          backward(dz1="np.dot(W2.T, dZ2) * A1 * (1 - A1)"), "the sigmoid's derivative"),
    Entry("backward_propagation", "1 - Z1**2", backward(dz1='np.dot(W2.T, dZ2) * (1 - cache["Z1"] ** 2)'),
          "1 - Z1**2 instead of 1 - A1**2"),
    Entry("backward_propagation", "missing 1/m in dW2", backward(dw2="np.dot(dZ2, A1.T)"), "a missing 1/m"),
    Entry("backward_propagation", "wrong sign of dZ2", backward(dz2="Y - A2"), "a wrong sign"),
    Entry("backward_propagation", "A2 for dZ2", backward(dz2="A2"), "A2 where dZ2 = A2 - Y belongs"),
    Entry("backward_propagation", "rank-1 db1", backward(db1="np.sum(dZ1, axis=1) / m"), "rank-1 array"),
    Entry("backward_propagation", "db1 summed over everything", backward(db1="np.sum(dZ1) / m"),
          "axis=1, keepdims=True"),
    Entry("backward_propagation", "transposed product for dW2", backward(dw2="np.dot(A1, dZ2.T) / m"), "transposed"),
    # update_parameters
    Entry("update_parameters", "gradient ascent", update(op="+"), "a step uphill"),
    Entry("update_parameters", "ignores the learning rate", update(lr="1.2"), "learning_rate argument is ignored"),
    Entry("update_parameters", "returns the parameters unchanged",
          "def update_parameters(parameters, grads, learning_rate=1.2):\n    return parameters\n", "W1 did not change"),
    Entry("update_parameters", "biases never updated", update(b1='parameters["b1"]', b2='parameters["b2"]'),
          "b1 after one step"),
    # nn_model
    Entry("nn_model", "n_h from layer_sizes", nn_model(init="parameters = initialize_parameters(n_x, 4, n_y, rng)"),
          "use the argument n_h"),
    Entry("nn_model", "a fixed generator",
          nn_model(init="parameters = initialize_parameters(n_x, n_h, n_y, np.random.default_rng(0))"),
          "did not get the rng"),
    Entry("nn_model", "iterations typed in", nn_model(loop="1000"),
          "called 1000 times for num_iterations=60"),
    Entry("nn_model", "result of update_parameters dropped", nn_model(update="update_parameters(parameters, grads)"),
          "never updated"),
    Entry("nn_model", "another learning rate",
          nn_model(update="parameters = update_parameters(parameters, grads, learning_rate=0.5)"),
          "W1 after 60 iterations"),
    Entry("nn_model", "initialised inside the loop", nn_model(inside=True), "initialize_parameters was called 60 times"),
    Entry("nn_model", "off by one: one iteration too few", nn_model(loop="num_iterations - 1"), "called 59 times"),
    # predict
    Entry("predict", "probabilities instead of labels", predict(rule="A2"), "probabilities returned instead of labels"),
    Entry("predict", ">= 0.5", predict(rule="(A2 >= 0.5).astype(float)"), "exactly 0.5 gave 1"),
    Entry("predict", "labels flipped", predict(rule="(A2 < 0.5).astype(float)"), "the labels are flipped"),
    Entry("predict", "rank-1 labels", predict(rule="(A2 > 0.5).astype(float).ravel()"), "rank-1 array"),
    Entry("predict", "global parameters_example instead of the argument", predict(args="X, parameters_example"),
          "the argument parameters is ignored"),
    Entry("predict", "global X_example instead of the argument", predict(args="X_example, parameters"),
          "the argument X is ignored"),
]

VALID = [
    Entry("layer_sizes", "a list of numpy ints from np.shape",
          "def layer_sizes(X, Y):\n    return [np.int64(np.shape(X)[0]), 4, np.int64(np.shape(Y)[0])]\n"),
    Entry("initialize_parameters", "rng.normal, W2 drawn first", '''def initialize_parameters(n_x, n_h, n_y, rng):
    W2 = rng.normal(0, 0.01, size=(n_y, n_h))
    W1 = rng.normal(0, 0.01, size=(n_h, n_x))
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
'''),
    Entry("initialize_parameters", "one draw split in two", '''def initialize_parameters(n_x, n_h, n_y, rng):
    w = rng.standard_normal(n_h * n_x + n_y * n_h) * 0.01
    return {"W1": w[:n_h * n_x].reshape(n_h, n_x), "b1": np.zeros((n_h, 1), dtype=np.float64),
            "W2": w[n_h * n_x:].reshape(n_y, n_h), "b2": np.zeros((n_y, 1))}
'''),
    Entry("forward_propagation", "tanh and sigmoid from exponentials, @ and matmul",
          forward(z1="np.matmul(W1, X) + b1", a1="(np.exp(Z1) - np.exp(-Z1)) / (np.exp(Z1) + np.exp(-Z1))",
                  z2="W2 @ A1 + b2", a2="np.exp(Z2) / (1 + np.exp(Z2))")),
    Entry("compute_cost", "dot products and squeeze",
          cost("cost = np.squeeze(-(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m)")),
    Entry("compute_cost", "np.mean and np.float64",
          cost("cost = np.float64(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))")),
    Entry("backward_propagation", "activations recomputed, 1/cosh^2, einsum and mean", '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    A2 = sigmoid(parameters["W2"] @ A1 + parameters["b2"])
    dZ2 = A2 - Y
    dZ1 = (parameters["W2"].T @ dZ2) / np.cosh(Z1) ** 2
    return {"dW2": dZ2 @ A1.T / m, "db2": dZ2.mean(axis=1, keepdims=True),
            "dW1": np.einsum("hi,xi->hx", dZ1, X) / m, "db1": dZ1.mean(axis=1).reshape(-1, 1)}
'''),
    Entry("initialize_parameters", "zero biases as plain numbers 0 and 0.0", '''def initialize_parameters(n_x, n_h, n_y, rng):
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    b1 = 0
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    b2 = 0.0
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
'''),
    Entry("update_parameters", "in place in a loop", '''def update_parameters(parameters, grads, learning_rate=1.2):
    for key in ("W1", "b1", "W2", "b2"):
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters
'''),
    Entry("update_parameters", "in place, one line per parameter", '''def update_parameters(parameters, grads, learning_rate=1.2):
    dW1, db1, dW2, db2 = grads["dW1"], grads["db1"], grads["dW2"], grads["db2"]
    parameters["W1"] -= learning_rate * dW1
    parameters["b1"] -= learning_rate * db1
    parameters["W2"] -= learning_rate * dW2
    parameters["b2"] -= learning_rate * db2
    return parameters
'''),
    Entry("update_parameters", "a deep copy, then updated", '''import copy

def update_parameters(parameters, grads, learning_rate=1.2):
    parameters = copy.deepcopy(parameters)
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters
'''),
    Entry("nn_model", "sizes from the shapes, rng as a keyword, cost only when printing", '''def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, rng=None):
    rng = np.random.default_rng(rng)
    parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0], rng=rng)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if print_cost and i % 1000 == 0:
            print(compute_cost(A2, Y))
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y), learning_rate=1.2)
    return parameters
'''),
    Entry("predict", "boolean labels", predict(rule="A2 > 0.5")),
    Entry("predict", "np.where with integers", predict(rule="np.where(A2 > 0.5, 1, 0)")),
]

# Mistakes injected together, with no reference answer re-run after them: each exercise is graded on
# its own, so the test cells of functions that do not call a wrong function keep full marks. (Only
# cells that are right in this one notebook can be kept: compute_cost_tests loses its points to the
# compute_cost mistake below, so the forward_propagation mistake cannot list it.)
_UNTOUCHED = ("backward_propagation_tests", "update_parameters_tests")
INDEPENDENT = [
    Entry("layer_sizes", "shape[1] for the sizes", layer_sizes("return (X.shape[1], 4, Y.shape[1])"),
          keeps=_UNTOUCHED + ("predict_tests",)),
    Entry("initialize_parameters", "factor 0.01 missing",
          init(W1="rng.standard_normal((n_h, n_x))", W2="rng.standard_normal((n_y, n_h))"),
          keeps=_UNTOUCHED + ("predict_tests",)),
    # A2 is right (predict still works); the cache lacks A1 and A2, which backward_propagation reads.
    Entry("forward_propagation", "a cache without A1 and A2",
          forward().replace('cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}', 'cache = {"Z1": Z1, "Z2": Z2}'),
          keeps=_UNTOUCHED),
    Entry("compute_cost", "missing 1/m", cost("cost = float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))"),
          keeps=_UNTOUCHED + ("predict_tests",)),
]
