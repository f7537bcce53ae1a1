"""Mistakes and valid alternatives for the logistic-regression notebook."""

from catalog import Entry

DATA = "data_preparation_tests"

SIZES = """m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
"""
PROPAGATE = '''def propagate(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    cost = {cost}
    dw = {dw}
    db = {db}
    return {{"dw": dw, "db": db}}, cost
'''
GOOD = dict(cost="-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m",
            dw="np.dot(X, (A - Y).T) / m", db="np.sum(A - Y) / m")


def propagate(**changes):
    return PROPAGATE.format(**{**GOOD, **changes})


OPTIMIZE = '''def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range({range}):
        grads, cost = propagate(w, b, X, Y)
        {update}
        if {record}:
            costs.append(cost)
    return {{"w": w, "b": b}}, grads, costs
'''


def optimize(range="num_iterations", update="w = w - learning_rate * grads['dw']; b = b - learning_rate * grads['db']",
             record="i % 100 == 0"):
    return OPTIMIZE.format(range=range, update=update, record=record)


MODEL = '''def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, {args})
    {after}
    return {{"costs": costs, "Y_prediction_test": predict(w, b, X_test),
            "Y_prediction_train": predict(w, b, X_train), "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}}
'''


def model(args="num_iterations, learning_rate, print_cost", after='w, b = params["w"], params["b"]'):
    return MODEL.format(args=args, after=after)


MISTAKES = [
    Entry("sizes", "sizes typed in", "m_train, m_test, num_px = 209, 50, 64\nm_train = 200\n", "m_train is 200", DATA),
    Entry("sizes", "shape[1] for the number of images",
          "m_train = train_set_x_orig.shape[1]\nm_test = test_set_x_orig.shape[1]\nnum_px = train_set_x_orig.shape[1]\n",
          "m_train is 64", DATA),
    Entry("flatten_standardise", "reshape(-1, m) scrambles images",
          "train_set_x_flatten = train_set_x_orig.reshape(-1, train_set_x_orig.shape[0])\n"
          "test_set_x_flatten = test_set_x_orig.reshape(-1, test_set_x_orig.shape[0])\n"
          "train_set_x = train_set_x_flatten / 255.0\ntest_set_x = test_set_x_flatten / 255.0\n",
          "reshape(X.shape[0], -1).T", DATA),
    Entry("flatten_standardise", "not divided by 255",
          "train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T\n"
          "test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T\n"
          "train_set_x = train_set_x_flatten * 1.0\ntest_set_x = test_set_x_flatten * 1.0\n",
          "divide the flattened images by 255", DATA),
    Entry("flatten_standardise", "rows instead of columns",
          "train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1)\n"
          "test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1)\n"
          "train_set_x = train_set_x_flatten / 255.0\ntest_set_x = test_set_x_flatten / 255.0\n",
          "transposed", DATA),
    Entry("sigmoid", "wrong sign in the exponent", "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n",
          "wrong sign in the exponent"),
    Entry("sigmoid", "exp alone", "def sigmoid(z):\n    return np.exp(z)\n", "np.exp(z) alone"),
    Entry("sigmoid", "math.exp on arrays",
          "import math\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n"),
    Entry("sigmoid", "tanh instead of the sigmoid", "def sigmoid(z):\n    return np.tanh(z)\n"),
    Entry("initialize_with_zeros", "rank-1 w", "def initialize_with_zeros(dim):\n    return np.zeros(dim), 0.0\n",
          "rank-1 array"),
    Entry("initialize_with_zeros", "row vector w", "def initialize_with_zeros(dim):\n    return np.zeros((1, dim)), 0.0\n",
          "transposed"),
    Entry("initialize_with_zeros", "random instead of zeros",
          "def initialize_with_zeros(dim):\n    return np.random.default_rng(0).normal(size=(dim, 1)), 0.0\n"),
    Entry("propagate", "missing 1/m in dw", propagate(dw="np.dot(X, (A - Y).T)"), "missing 1/m"),
    Entry("propagate", "wrong sign in dw", propagate(dw="np.dot(X, (Y - A).T) / m"), "wrong sign"),
    Entry("propagate", "rank-1 dw", propagate(dw="(np.dot(X, (A - Y).T) / m).ravel()"), "rank-1 array"),
    Entry("propagate", "transposed product", propagate(dw="np.dot(A - Y, X.T) / m"), "transposed"),
    Entry("propagate", "missing minus in the cost",
          propagate(cost="np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m"), "missing minus sign"),
    Entry("propagate", "db kept as a (1, 1) array", propagate(db="np.sum(A - Y, axis=1, keepdims=True) / m"),
          "should be a single number"),
    Entry("optimize", "gradient ascent",
          optimize(update="w = w + learning_rate * grads['dw']; b = b + learning_rate * grads['db']"), "gradient ascent"),
    Entry("optimize", "ignores the learning rate",
          optimize(update="w = w - 0.009 * grads['dw']; b = b - 0.009 * grads['db']"), "use the arguments"),
    Entry("optimize", "cost recorded every iteration", optimize(record="True"), "i % 100 == 0"),
    Entry("optimize", "off by one: one iteration too few", optimize(range="num_iterations - 1")),
    Entry("optimize", "b never updated", optimize(update="w = w - learning_rate * grads['dw']")),
    Entry("predict", "probabilities instead of labels",
          "def predict(w, b, X):\n    return sigmoid(np.dot(w.T, X) + b)\n", "probabilities returned instead of labels"),
    Entry("predict", ">= 0.5", "def predict(w, b, X):\n    return (sigmoid(np.dot(w.T, X) + b) >= 0.5).astype(float)\n",
          "exactly 0.5"),
    Entry("predict", "rank-1 labels", "def predict(w, b, X):\n    return (sigmoid(np.dot(w.T, X) + b) > 0.5).astype(float).ravel()\n",
          "shape (3,)"),
    Entry("predict", "bias ignored", "def predict(w, b, X):\n    return (sigmoid(np.dot(w.T, X)) > 0.5).astype(float)\n",
          "the bias b is ignored"),
    Entry("model", "learning rate not passed on", model(args="num_iterations, 0.5, print_cost"),
          "pass learning_rate on to optimize"),
    Entry("model", "returns the untrained parameters", model(after="pass"), "not trained"),
    Entry("model", "num_iterations not passed on", model(args="2000, learning_rate, print_cost")),
    Entry("model", "uses a global instead of the argument",
          model(args="num_iterations, learning_rate, print_cost").replace(
              "predict(w, b, X_test)", "predict(w, b, test_set_x[:X_test.shape[0], :X_test.shape[1]])"
          ).replace('w, b = params["w"], params["b"]', 'w, b = params["w"], params["b"]')),
]

VALID = [
    Entry("sizes", "len() and shape unpacking",
          "m_train = len(train_set_x_orig)\nm_test = len(test_set_x_orig)\n_, num_px, _, _ = train_set_x_orig.shape\n",
          test=DATA),
    Entry("flatten_standardise", "reshape with explicit sizes, then transpose",
          "train_set_x_flatten = train_set_x_orig.reshape(m_train, num_px * num_px * 3).T\n"
          "test_set_x_flatten = test_set_x_orig.reshape(m_test, -1).T\n"
          "train_set_x = train_set_x_flatten / 255\ntest_set_x = np.divide(test_set_x_flatten, 255.0)\n", test=DATA),
    Entry("sigmoid", "via tanh", "def sigmoid(z):\n    return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))\n"),
    Entry("initialize_with_zeros", "integer zero bias (any real zero is a zero bias)",
          "def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), 0\n"),
    Entry("initialize_with_zeros", "np.float64 bias",
          "def initialize_with_zeros(dim):\n    return np.zeros(shape=(dim, 1), dtype=float), np.float64(0.0)\n"),
    Entry("propagate", "np.mean and @", '''def propagate(w, b, X, Y):
    A = sigmoid(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return {"dw": np.mean(X * (A - Y), axis=1, keepdims=True), "db": float(np.mean(A - Y))}, float(cost)
'''),
    Entry("optimize", "while loop and in-place updates on a copy", '''def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w = w.copy()
    costs, i = [], 0
    while i < num_iterations:
        grads, cost = propagate(w, b, X, Y)
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
        i += 1
    return {"w": w, "b": b}, grads, costs
'''),
    Entry("predict", "np.where", "def predict(w, b, X):\n    return np.where(sigmoid(np.dot(w.T, X) + b) > 0.5, 1.0, 0.0)\n"),
    Entry("model", "keyword arguments", model(
        args="num_iterations=num_iterations, learning_rate=learning_rate, print_cost=print_cost")),
]

# Injected together, without the reference re-run after them: each exercise is graded on its own,
# so a mistake costs its own test cell and those of the functions that call it (optimize and model
# call propagate), never the others.
KEEPS = ("sigmoid_tests", "initialize_with_zeros_tests", "predict_tests")
INDEPENDENT = [
    Entry("flatten_standardise", "not divided by 255 (independent)",
          "train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T\n"
          "test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T\n"
          "train_set_x = train_set_x_flatten * 1.0\ntest_set_x = test_set_x_flatten * 1.0\n", test=DATA,
          keeps=KEEPS),
    Entry("propagate", "wrong sign in dw (independent)", propagate(dw="np.dot(X, (Y - A).T) / m"), keeps=KEEPS),
    Entry("model", "returns the untrained parameters (independent)", model(after="pass"), keeps=KEEPS),
]
