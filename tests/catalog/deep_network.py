"""Mistakes and valid alternatives for the deep-network notebook."""

from catalog import Entry

# --- initialisation ---------------------------------------------------------------------------

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


INIT_DEEP = '''def initialize_parameters_deep(layer_dims, rng):
    parameters = {{}}
    L = len(layer_dims) - 1
    for l in {loop}:
        parameters[f"W{{l}}"] = {W}
        parameters[f"b{{l}}"] = np.zeros((layer_dims[l], 1))
    return parameters
'''
GOOD_INIT_DEEP = dict(loop="range(1, L + 1)",
                      W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])")


def init_deep(**changes):
    return INIT_DEEP.format(**{**GOOD_INIT_DEEP, **changes})


# --- forward ----------------------------------------------------------------------------------

LINEAR_FORWARD = '''def linear_forward(A, W, b):
    Z = {Z}
    cache = {cache}
    return Z, cache
'''


def linear_forward(Z="np.dot(W, A) + b", cache="(A, W, b)"):
    return LINEAR_FORWARD.format(Z=Z, cache=cache)


LAF = '''def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        {sigmoid}
    elif activation == "relu":
        {relu}
    cache = {cache}
    return A, cache
'''
GOOD_LAF = dict(sigmoid="A, activation_cache = sigmoid(Z)", relu="A, activation_cache = relu(Z)",
                cache="(linear_cache, activation_cache)")


def laf(**changes):
    return LAF.format(**{**GOOD_LAF, **changes})


L_FORWARD = '''def L_model_forward(X, parameters):
    caches = []
    A = X
    L = {L}
    for l in {loop}:
        A, cache = linear_activation_forward(A, parameters[f"W{{l}}"], parameters[f"b{{l}}"], "{hidden}")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{{L}}"], parameters[f"b{{L}}"], "{last}")
    {append}
    return AL, caches
'''
GOOD_L_FORWARD = dict(L="len(parameters) // 2", loop="range(1, L)", hidden="relu", last="sigmoid",
                      append="caches.append(cache)")


def l_forward(**changes):
    return L_FORWARD.format(**{**GOOD_L_FORWARD, **changes})


COST = '''def compute_cost(AL, Y):
    m = {m}
    cost = {cost}
    return float(cost)
'''


def cost(m="Y.shape[1]", cost="-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m"):
    return COST.format(m=m, cost=cost)


# --- backward ---------------------------------------------------------------------------------

LINEAR_BACKWARD = '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = {dW}
    db = {db}
    dA_prev = {dA}
    return {result}
'''
GOOD_LB = dict(dW="np.dot(dZ, A_prev.T) / m", db="np.sum(dZ, axis=1, keepdims=True) / m", dA="np.dot(W.T, dZ)",
               result="dA_prev, dW, db")


def linear_backward(**changes):
    return LINEAR_BACKWARD.format(**{**GOOD_LB, **changes})


LAB = '''def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = {relu}
    elif activation == "sigmoid":
        dZ = {sigmoid}
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
'''
GOOD_LAB = dict(relu="relu_backward(dA, activation_cache)", sigmoid="sigmoid_backward(dA, activation_cache)")


def lab(**changes):
    return LAB.format(**{**GOOD_LAB, **changes})


L_BACKWARD = '''def L_model_backward(AL, Y, caches):
    grads = {{}}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = {dAL}
    grads[f"dA{{L - 1}}"], grads[f"dW{{L}}"], grads[f"db{{L}}"] = linear_activation_backward(dAL, caches[L - 1], "{last}")
    for l in {loop}:
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{{l}}"], caches[l - 1], "relu")
        grads[f"dA{{{prev}}}"], grads[f"dW{{l}}"], grads[f"db{{l}}"] = dA_prev, dW, db
    return grads
'''
GOOD_L_BACKWARD = dict(dAL="-(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))", last="sigmoid",
                       loop="reversed(range(1, L))", prev="l - 1")


def l_backward(**changes):
    return L_BACKWARD.format(**{**GOOD_L_BACKWARD, **changes})


UPDATE = '''def update_parameters(params, grads, learning_rate):
    parameters = {start}
    L = len(params) // 2
    for l in {loop}:
        {W}
        {b}
    return parameters
'''
GOOD_UPDATE = dict(start="{}", loop="range(1, L + 1)",
                   W='parameters[f"W{l}"] = params[f"W{l}"] - learning_rate * grads[f"dW{l}"]',
                   b='parameters[f"b{l}"] = params[f"b{l}"] - learning_rate * grads[f"db{l}"]')


def update(**changes):
    return UPDATE.format(**{**GOOD_UPDATE, **changes})


# --- prediction and models --------------------------------------------------------------------

PREDICT = '''def predict(X, y, parameters):
    AL, _ = L_model_forward(X, {params})
    p = {p}
    if y is not None:
        print(f"Accuracy: {{100 * np.mean(p == y):.2f}} %")
    return p
'''


def predict(p="(AL > 0.5).astype(float)", params="parameters"):
    return PREDICT.format(p=p, params=params)


TWO_LAYER = '''def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
    rng = {rng}
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y, rng)
    costs = []
    for i in range({iterations}):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = {dA2}
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "{first}")
        grads = {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
        {update}
        if {record}:
            costs.append(cost)
    return parameters, costs
'''
GOOD_TWO = dict(rng="np.random.default_rng(rng)", iterations="num_iterations",
                dA2="-(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))", first="relu",
                update="parameters = update_parameters(parameters, grads, learning_rate)", record="i % 100 == 0")


def two_layer(**changes):
    return TWO_LAYER.format(**{**GOOD_TWO, **changes})


L_LAYER = '''def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
    rng = {rng}
    parameters = initialize_parameters_deep(layers_dims, rng)
    costs = []
    for i in range({iterations}):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        {update}
        if {record}:
            costs.append(cost)
    return parameters, costs
'''
GOOD_L_LAYER = dict(rng="np.random.default_rng(rng)", iterations="num_iterations",
                    update="parameters = update_parameters(parameters, grads, learning_rate)", record="i % 100 == 0")


def l_layer(**changes):
    return L_LAYER.format(**{**GOOD_L_LAYER, **changes})


MISTAKES = [
    # initialize_parameters
    Entry("initialize_parameters", "missing factor 0.01",
          init(W1="rng.standard_normal((n_h, n_x))", W2="rng.standard_normal((n_y, n_h))"), "missing factor 0.01"),
    Entry("initialize_parameters", "np.random instead of rng",
          init(W1="np.random.randn(n_h, n_x) * 0.01", W2="np.random.randn(n_y, n_h) * 0.01"),
          "same seed gave different weights"),
    Entry("initialize_parameters", "uniform draws", init(W1="rng.random((n_h, n_x)) * 0.01", W2="rng.random((n_y, n_h)) * 0.01"),
          "rng.random draws uniformly"),
    Entry("initialize_parameters", "transposed W1", init(W1="rng.standard_normal((n_x, n_h)) * 0.01"), "(n[l], n[l-1])"),
    Entry("initialize_parameters", "generator with a fixed seed inside",
          init(W1="np.random.default_rng(1).standard_normal((n_h, n_x)) * 0.01",
               W2="np.random.default_rng(2).standard_normal((n_y, n_h)) * 0.01"),
          "different seeds gave the same weights"),
    Entry("initialize_parameters", "random biases", init(b1="rng.standard_normal((n_h, 1)) * 0.01"), "should be zeros"),
    # initialize_parameters_deep
    Entry("initialize_parameters_deep", "factor 0.01 of the 2-layer version",
          init_deep(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01"),
          "factor 0.01 of the 2-layer version"),
    Entry("initialize_parameters_deep", "off by one: last layer missing", init_deep(loop="range(1, L)"),
          "missing the key(s)"),
    Entry("initialize_parameters_deep", "divides by sqrt(n[l])",
          init_deep(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l])"),
          "square root of layer_dims[l]"),
    Entry("initialize_parameters_deep", "He initialisation",
          init_deep(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])"),
          "He initialisation"),
    Entry("initialize_parameters_deep", "np.random.randn instead of rng",
          init_deep(W="np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])"),
          "same seed gave different weights"),
    Entry("initialize_parameters_deep", "no scaling",
          init_deep(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1]))"), "no scaling"),
    # linear_forward
    Entry("linear_forward", "bias not added", linear_forward(Z="np.dot(W, A)"), "b was not added"),
    Entry("linear_forward", "cache in the wrong order", linear_forward(cache="(W, A, b)"), "in this order"),
    Entry("linear_forward", "bias transposed", linear_forward(Z="np.dot(W, A) + b.T")),
    Entry("linear_forward", "bias subtracted", linear_forward(Z="np.dot(W, A) - b")),
    # linear_activation_forward
    Entry("linear_activation_forward", "activations swapped",
          laf(sigmoid="A, activation_cache = relu(Z)", relu="A, activation_cache = sigmoid(Z)"), "relu was applied"),
    Entry("linear_activation_forward", "A cached instead of Z",
          laf(cache="(linear_cache, A)"), "activation cache (cache[1]) should be Z"),
    Entry("linear_activation_forward", "relu not applied", laf(relu="A, activation_cache = Z, Z"),
          "the activation function was not applied"),
    Entry("linear_activation_forward", "caches in the wrong order", laf(cache="(activation_cache, linear_cache)")),
    # L_model_forward
    Entry("L_model_forward", "relu in the last layer", l_forward(last="relu"), "the last layer used relu"),
    Entry("L_model_forward", "sigmoid in the hidden layers", l_forward(hidden="sigmoid"), "the hidden layers used sigmoid"),
    Entry("L_model_forward", "last cache not appended", l_forward(append="pass"), "not appended"),
    Entry("L_model_forward", "L = len(parameters)", l_forward(L="len(parameters)")),
    Entry("L_model_forward", "off by one: a hidden layer skipped", l_forward(loop="range(1, L - 1)")),
    # compute_cost
    Entry("compute_cost", "missing minus sign", cost(cost="np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m"),
          "a missing minus sign"),
    Entry("compute_cost", "missing 1/m", cost(cost="-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))"),
          "a missing 1/m"),
    Entry("compute_cost", "only the positive term", cost(cost="-np.sum(Y * np.log(AL)) / m"),
          "add (1 - y) log(1 - a)"),
    Entry("compute_cost", "m from the wrong axis", cost(m="Y.shape[0]"), "a missing 1/m"),
    # linear_backward
    Entry("linear_backward", "missing 1/m in dW", linear_backward(dW="np.dot(dZ, A_prev.T)"), "a missing 1/m"),
    Entry("linear_backward", "db summed over the units", linear_backward(db="np.sum(dZ, axis=0, keepdims=True) / m"),
          "axis=1, keepdims=True"),
    Entry("linear_backward", "dA_prev averaged", linear_backward(dA="np.dot(W.T, dZ) / m"), "has no 1/m"),
    Entry("linear_backward", "rank-1 db", linear_backward(db="np.sum(dZ, axis=1) / m"), "a rank-1 result"),
    Entry("linear_backward", "results in the wrong order", linear_backward(result="dW, db, dA_prev"), "in this order"),
    Entry("linear_backward", "transposed product", linear_backward(dW="np.dot(A_prev, dZ.T) / m")),
    # linear_activation_backward
    Entry("linear_activation_backward", "derivatives swapped",
          lab(relu="sigmoid_backward(dA, activation_cache)", sigmoid="relu_backward(dA, activation_cache)"),
          "the result is that of relu"),
    Entry("linear_activation_backward", "sigmoid derivative Z (1 - Z)",
          lab(sigmoid="dA * activation_cache * (1 - activation_cache)")),
    Entry("linear_activation_backward", "relu derivative taken on dA", lab(relu="dA * (dA > 0)")),
    Entry("linear_activation_backward", "no activation derivative", lab(relu="dA", sigmoid="dA")),
    # L_model_backward
    Entry("L_model_backward", "relu_backward in the last layer", l_backward(last="relu"), "relu_backward in the last layer"),
    Entry("L_model_backward", "wrong sign of dAL", l_backward(dAL="np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)"),
          "a wrong sign of dAL"),
    Entry("L_model_backward", "dA keys shifted", l_backward(prev="l")),
    Entry("L_model_backward", "off by one: layer 1 skipped", l_backward(loop="reversed(range(2, L))"),
          "missing the key(s)"),
    Entry("L_model_backward", "dAL without the (1 - Y) term", l_backward(dAL="-np.divide(Y, AL)")),
    # update_parameters
    Entry("update_parameters", "gradient ascent", update(
        W='parameters[f"W{l}"] = params[f"W{l}"] + learning_rate * grads[f"dW{l}"]',
        b='parameters[f"b{l}"] = params[f"b{l}"] + learning_rate * grads[f"db{l}"]'), "gradient ascent"),
    Entry("update_parameters", "learning rate ignored", update(
        W='parameters[f"W{l}"] = params[f"W{l}"] - grads[f"dW{l}"]',
        b='parameters[f"b{l}"] = params[f"b{l}"] - grads[f"db{l}"]'), "learning_rate was not used"),
    Entry("update_parameters", "off by one: last layer missing", update(loop="range(1, L)"), "missing the key(s)"),
    Entry("update_parameters", "biases not updated", update(b='parameters[f"b{l}"] = params[f"b{l}"]'), "did not change"),
    # predict
    Entry("predict", "probabilities instead of labels", predict(p="AL"), "threshold them at 0.5"),
    Entry("predict", "labels flipped", predict(p="(AL < 0.5).astype(float)"), "labels are flipped"),
    Entry("predict", "rank-1 labels", predict(p="(AL > 0.5).astype(float).ravel()")),
    Entry("predict", "uses a global instead of the argument", predict(params="parameters_demo")),
    # two_layer_model
    Entry("two_layer_model", "result of update_parameters dropped",
          two_layer(update="update_parameters(parameters, grads, learning_rate)"), "the cost did not go down"),
    Entry("two_layer_model", "rng ignored", two_layer(rng="np.random.default_rng()"), "seeded alike gave different"),
    Entry("two_layer_model", "fixed seed instead of the rng argument", two_layer(rng="np.random.default_rng(1)"),
          "seeded differently gave the same parameters"),
    Entry("two_layer_model", "learning rate fixed",
          two_layer(update="parameters = update_parameters(parameters, grads, 0.0075)")),
    Entry("two_layer_model", "wrong sign of dA2", two_layer(dA2="np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)"),
          "the cost did not go down"),
    Entry("two_layer_model", "sigmoid derivative in layer 1", two_layer(first="sigmoid")),
    Entry("two_layer_model", "cost recorded every iteration", two_layer(record="True"), "i % 100 == 0"),
    # L_layer_model
    Entry("L_layer_model", "cost recorded every iteration", l_layer(record="True"), "i % 100 == 0"),
    Entry("L_layer_model", "num_iterations ignored", l_layer(iterations="3000")),
    Entry("L_layer_model", "result of update_parameters dropped",
          l_layer(update="update_parameters(parameters, grads, learning_rate)"), "the cost did not go down"),
    Entry("L_layer_model", "global seed instead of the rng argument", l_layer(rng="np.random.default_rng(SEED)"),
          "seeded differently gave the same parameters"),
    Entry("L_layer_model", "learning rate fixed", l_layer(update="parameters = update_parameters(parameters, grads, 0.0075)")),
    Entry("L_layer_model", "off by one: one iteration too few", l_layer(iterations="num_iterations - 1")),
]

VALID = [
    Entry("initialize_parameters", "rng.normal, W2 drawn first",
          "def initialize_parameters(n_x, n_h, n_y, rng):\n"
          "    W2 = rng.normal(0.0, 0.01, size=(n_y, n_h))\n"
          "    W1 = rng.normal(0.0, 0.01, size=(n_h, n_x))\n"
          '    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}\n'),
    Entry("initialize_parameters", "zero biases as the numbers 0 and 0.0",
          init(b1="0").replace("b2 = np.zeros((n_y, 1))", "b2 = 0.0")),
    Entry("initialize_parameters_deep", "zero biases as the number 0",
          init_deep().replace("np.zeros((layer_dims[l], 1))", "0")),
    Entry("initialize_parameters_deep", "last layer drawn first, rng.normal",
          init_deep(loop="range(L, 0, -1)",
                    W="rng.normal(scale=1 / np.sqrt(layer_dims[l - 1]), size=(layer_dims[l], layer_dims[l - 1]))")),
    Entry("linear_forward", "the @ operator, float64 cache", linear_forward(Z="W @ A + b")),
    Entry("linear_activation_forward", "a dict of functions",
          "def linear_activation_forward(A_prev, W, b, activation):\n"
          "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
          '    A, activation_cache = {"relu": relu, "sigmoid": sigmoid}[activation](Z)\n'
          "    return A, (linear_cache, activation_cache)\n"),
    Entry("L_model_forward", "one loop over all layers",
          "def L_model_forward(X, parameters):\n"
          "    L = len(parameters) // 2\n"
          "    A, caches = X, []\n"
          "    for l in range(1, L + 1):\n"
          '        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)],\n'
          '                                             "sigmoid" if l == L else "relu")\n'
          "        caches.append(cache)\n"
          "    return A, caches\n"),
    Entry("compute_cost", "np.mean, a numpy float returned",
          "def compute_cost(AL, Y):\n"
          "    return np.mean(-(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))\n"),
    Entry("compute_cost", "dot products, squeezed 0-d array",
          "def compute_cost(AL, Y):\n"
          "    m = Y.shape[1]\n"
          "    return np.squeeze(-(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T) / m)\n"),
    Entry("linear_backward", "np.dot products", linear_backward()),
    Entry("linear_backward", "mean over the examples", linear_backward(
        dW="(dZ / m) @ A_prev.T", db="dZ.mean(axis=1, keepdims=True)", dA="W.T @ dZ")),
    Entry("linear_activation_backward", "derivatives written out", lab(
        relu="dA * (activation_cache > 0)",
        sigmoid="dA * (1 / (1 + np.exp(-activation_cache))) * (1 - 1 / (1 + np.exp(-activation_cache)))")),
    Entry("L_model_backward", "dZ = AL - Y for the output layer",
          "def L_model_backward(AL, Y, caches):\n"
          "    L = len(caches)\n"
          "    grads = {}\n"
          "    dZ = AL - Y.reshape(AL.shape)\n"
          '    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[-1][0])\n'
          "    for l in range(L - 1, 0, -1):\n"
          '        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(\n'
          '            grads[f"dA{l}"], caches[l - 1], "relu")\n'
          "    return grads\n"),
    Entry("update_parameters", "deepcopy, then in place on the copy",
          "import copy\n\n\n"
          "def update_parameters(params, grads, learning_rate):\n"
          "    parameters = copy.deepcopy(params)\n"
          "    for key in parameters:\n"
          '        parameters[key] -= learning_rate * grads["d" + key]\n'
          "    return parameters\n"),
    Entry("update_parameters", "in place: the arrays passed in are changed and returned",
          "def update_parameters(params, grads, learning_rate):\n"
          "    for key in params:\n"
          '        params[key] -= learning_rate * grads["d" + key]\n'
          "    return params\n"),
    Entry("update_parameters", "a new dictionary built by a comprehension",
          "def update_parameters(params, grads, learning_rate):\n"
          '    return {key: value - learning_rate * grads["d" + key] for key, value in params.items()}\n'),
    Entry("predict", "integer labels with np.where", predict(p="np.where(AL > 0.5, 1, 0)")),
    Entry("two_layer_model", "dZ2 = A2 - Y, float costs",
          "def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):\n"
          "    parameters = initialize_parameters(*layers_dims, np.random.default_rng(rng))\n"
          "    costs = []\n"
          "    for i in range(num_iterations):\n"
          '        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n'
          '        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n'
          "        if i % 100 == 0:\n"
          "            costs.append(float(compute_cost(A2, Y)))\n"
          "        dA1, dW2, db2 = linear_backward(A2 - Y, cache2[0])\n"
          '        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")\n'
          '        parameters = update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)\n'
          "    return parameters, costs\n"),
    Entry("L_layer_model", "cost recorded before the step, numpy array of costs",
          "def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):\n"
          "    parameters = initialize_parameters_deep(layers_dims, np.random.default_rng(rng))\n"
          "    costs = []\n"
          "    for i in range(num_iterations):\n"
          "        AL, caches = L_model_forward(X, parameters)\n"
          "        if i % 100 == 0:\n"
          "            costs.append(np.float64(compute_cost(AL, Y)))\n"
          "        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)\n"
          "    return parameters, costs\n"),
]

# Mistakes injected together into one more student, with no reference answer re-run after them:
# each exercise is graded on its own, so the test cells of functions that do not call the wrong
# one keep full marks. (Both mistakes are in the same notebook, so neither lists the other's
# test cell: the linear_forward mistake cannot show here that compute_cost_tests keeps full
# marks; test_deep_network_notebook.py checks that no hidden test calls another exercise's
# function.)
INDEPENDENT = [
    Entry("linear_forward", "bias not added (no reference re-run)", linear_forward(Z="np.dot(W, A)"),
          keeps=("initialize_parameters_tests", "linear_backward_tests", "linear_activation_backward_tests",
                 "L_model_backward_tests", "update_parameters_tests")),
    Entry("compute_cost", "missing 1/m (no reference re-run)",
          cost(cost="-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))"),
          keeps=("initialize_parameters_tests", "linear_backward_tests", "linear_activation_backward_tests",
                 "L_model_backward_tests", "update_parameters_tests")),
    Entry("initialize_parameters_deep", "factor 0.01 of the 2-layer version (no reference re-run)",
          init_deep(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01"),
          keeps=("initialize_parameters_tests", "linear_backward_tests", "linear_activation_backward_tests",
                 "L_model_backward_tests", "update_parameters_tests")),
]
