"""Mistakes and valid alternatives for the initialization notebook (zeros, ×10, He, Xavier, model)."""

from catalog import Entry

# --- the initialisers -------------------------------------------------------------------------

ZEROS = '''def initialize_parameters_zeros(layers_dims):
    parameters = {{}}
    L = len(layers_dims) - 1
    for l in {range}:
        parameters["W" + str(l)] = {W}
        parameters["b" + str(l)] = {b}
    return parameters
'''
ZEROS_GOOD = dict(range="range(1, L + 1)", W="np.zeros((layers_dims[l], layers_dims[l - 1]))",
                  b="np.zeros((layers_dims[l], 1))")


def zeros(**changes):
    return ZEROS.format(**{**ZEROS_GOOD, **changes})


SCALED = '''def initialize_parameters_{name}(layers_dims{args}):
    parameters = {{}}
    L = len(layers_dims) - 1
    for l in {range}:
        parameters["W" + str(l)] = {draw} * {scale}
        parameters["b" + str(l)] = {b}
    return parameters
'''
SCALES = {"random": "10", "he": "np.sqrt(2 / layers_dims[l - 1])", "xavier": "np.sqrt(1 / layers_dims[l - 1])"}


def scaled(name, **changes):
    fields = dict(name=name, args=", rng", range="range(1, L + 1)",
                  draw="rng.standard_normal((layers_dims[l], layers_dims[l - 1]))", scale=SCALES[name],
                  b="np.zeros((layers_dims[l], 1))")
    return SCALED.format(**{**fields, **changes})


# --- model --------------------------------------------------------------------------------------

MODEL = '''def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
    rng = np.random.default_rng(rng)
    layers_dims = {dims}
    if initialization == "zeros":
        parameters = {zeros}
    elif initialization == "random":
        parameters = {random}
    elif initialization == "he":
        parameters = initialize_parameters_he(layers_dims, rng)
    {xavier}
    {otherwise}
    for i in range({iterations}):
        A3, cache = forward_propagation({X}, parameters)
        cost = compute_cost(A3, Y)
        grads = backward_propagation({X}, Y, cache)
        {update}
        if {printing}:
            print(f"Cost after iteration {{i}}: {{cost:.6f}}")
    return parameters
'''
MODEL_GOOD = dict(
    dims="[X.shape[0], 10, 5, 1]",
    zeros="initialize_parameters_zeros(layers_dims)",
    random="initialize_parameters_random(layers_dims, rng)",
    xavier='elif initialization == "xavier":\n        parameters = initialize_parameters_xavier(layers_dims, rng)',
    otherwise="else:\n        raise ValueError(f\"unknown initialization {initialization!r}: use 'zeros', 'random', 'he' or 'xavier'\")",
    iterations="num_iterations", X="X",
    update="parameters = update_parameters(parameters, grads, learning_rate)",
    printing="print_cost and i % 1000 == 0",
)


def model(**changes):
    return MODEL.format(**{**MODEL_GOOD, **changes})


MISTAKES = [
    # Exercise 1: zeros
    Entry("initialize_parameters_zeros", "off by one: the last layer is missing", zeros(range="range(1, L)"),
          "missing the key(s)"),
    Entry("initialize_parameters_zeros", "transposed weights",
          zeros(W="np.zeros((layers_dims[l - 1], layers_dims[l]))"), "rows are the units"),
    Entry("initialize_parameters_zeros", "rank-1 biases", zeros(b="np.zeros(layers_dims[l])"), "rank-1 array"),
    Entry("initialize_parameters_zeros", "integer zeros",
          zeros(W="np.zeros((layers_dims[l], layers_dims[l - 1]), dtype=int)"), "should hold floats"),
    Entry("initialize_parameters_zeros", "shape passed as two arguments",
          zeros(W="np.zeros(layers_dims[l], layers_dims[l - 1])"), "raised TypeError"),
    Entry("initialize_parameters_zeros", "layers counted from 0 (W0 ... W(L-1))",
          zeros(range="range(L)", W="np.zeros((layers_dims[l + 1], layers_dims[l]))",
                b="np.zeros((layers_dims[l + 1], 1))"), "missing the key(s)"),
    Entry("initialize_parameters_zeros", "ones instead of zeros for the weights",
          zeros(W="np.ones((layers_dims[l], layers_dims[l - 1]))"), "every weight to 0"),
    # Exercise 2: ×10
    Entry("initialize_parameters_random", "the factor 10 is missing", scaled("random", scale="1"),
          "factor 10 is missing"),
    Entry("initialize_parameters_random", "np.random.randn instead of rng",
          scaled("random", draw="np.random.randn(layers_dims[l], layers_dims[l - 1])"), "np.random.randn"),
    Entry("initialize_parameters_random", "a generator made inside with the global SEED",
          scaled("random", draw="np.random.default_rng(SEED).standard_normal((layers_dims[l], layers_dims[l - 1]))"),
          "different seeds gave the same weights"),
    Entry("initialize_parameters_random", "the notebook's global rng instead of the argument",
          scaled("random", args=", generator"), "np.random.randn or np.random.normal"),
    Entry("initialize_parameters_random", "uniform numbers on [0, 1)",
          scaled("random", draw="rng.random((layers_dims[l], layers_dims[l - 1]))"), "centred at 0"),
    Entry("initialize_parameters_random", "the factor 0.01 of a small initialisation", scaled("random", scale="0.01"),
          "the factor 0.01"),
    Entry("initialize_parameters_random", "10 used as the variance",
          scaled("random", draw="rng.normal(0, np.sqrt(10), (layers_dims[l], layers_dims[l - 1]))", scale="1"),
          "10 used as the variance"),
    Entry("initialize_parameters_random", "random biases too",
          scaled("random", b="rng.standard_normal((layers_dims[l], 1)) * 10"), "biases start at zero"),
    # Exercise 3: He
    Entry("initialize_parameters_he", "fan-out instead of fan-in", scaled("he", scale="np.sqrt(2 / layers_dims[l])"),
          "fan-in"),
    Entry("initialize_parameters_he", "Xavier's scale", scaled("he", scale="np.sqrt(1 / layers_dims[l - 1])"),
          "Xavier's scale"),
    Entry("initialize_parameters_he", "the variance used as the scale", scaled("he", scale="2 / layers_dims[l - 1]"),
          "square root"),
    Entry("initialize_parameters_he", "the factor 10 kept", scaled("he", scale="10 * np.sqrt(2 / layers_dims[l - 1])"),
          "multiplied by 10"),
    Entry("initialize_parameters_he", "integer division 2 // n", scaled("he", scale="np.sqrt(2 // layers_dims[l - 1])"),
          "is constant"),
    Entry("initialize_parameters_he", "operator precedence: sqrt(2) / n",
          scaled("he", scale="np.sqrt(2) / layers_dims[l - 1]"), "expected sqrt(2 / n[0])"),
    Entry("initialize_parameters_he", "the input size n[0] for every layer",
          scaled("he", scale="np.sqrt(2 / layers_dims[0])"), "expected sqrt(2 / n[1])"),
    Entry("initialize_parameters_he", "np.random.randn instead of rng",
          scaled("he", draw="np.random.randn(layers_dims[l], layers_dims[l - 1])"), "np.random.randn"),
    # Exercise 4: Xavier
    Entry("initialize_parameters_xavier", "He's scale", scaled("xavier", scale="np.sqrt(2 / layers_dims[l - 1])"),
          "He's scale"),
    Entry("initialize_parameters_xavier", "fan-out instead of fan-in",
          scaled("xavier", scale="np.sqrt(1 / layers_dims[l])"), "fan-in"),
    Entry("initialize_parameters_xavier", "sum of fan-in and fan-out",
          scaled("xavier", scale="np.sqrt(1 / (layers_dims[l - 1] + layers_dims[l]))"), "fan-in n[l-1] alone"),
    Entry("initialize_parameters_xavier", "the variance used as the scale",
          scaled("xavier", scale="1 / layers_dims[l - 1]"), "square root"),
    Entry("initialize_parameters_xavier", "Glorot's average of fan-in and fan-out",
          scaled("xavier", scale="np.sqrt(2 / (layers_dims[l - 1] + layers_dims[l]))"), "Glorot"),
    Entry("initialize_parameters_xavier", "a generator made inside",
          scaled("xavier", draw="np.random.default_rng(0).standard_normal((layers_dims[l], layers_dims[l - 1]))"),
          "different seeds gave the same weights"),
    # Exercise 5: model
    Entry("model", "wrong branch: random calls He",
          model(random="initialize_parameters_he(layers_dims, rng)"), "check which function each branch"),
    Entry("model", "a fresh generator instead of model's rng",
          model(random="initialize_parameters_random(layers_dims, np.random.default_rng())"),
          "exactly initialize_parameters_random(layers_dims, rng)"),
    Entry("model", "the global SEED instead of the rng argument",
          model(dims="[X.shape[0], 10, 5, 1]\n    rng = np.random.default_rng(SEED)"),
          "same parameters for generators of different seeds"),
    Entry("model", "an unknown name silently trains He",
          model(otherwise="else:\n        parameters = initialize_parameters_he(layers_dims, rng)"), "raised no error"),
    Entry("model", "gradient ascent",
          model(update="parameters = {k: v + learning_rate * grads['d' + k] for k, v in parameters.items()}"),
          "gradient ascent"),
    Entry("model", "learning_rate ignored",
          model(update="parameters = update_parameters(parameters, grads, 0.01)"), "learning_rate ignored"),
    Entry("model", "update result not assigned", model(update="update_parameters(parameters, grads, learning_rate)"),
          "b3 is still 0"),
    Entry("model", "prints even when print_cost is false", model(printing="i % 1000 == 0"), "print_cost=False"),
    Entry("model", "layers_dims typed in for the circles data", model(dims="[2, 10, 5, 1]"),
          "layers_dims = [X.shape[0], 10, 5, 1]"),
    Entry("model", "the global X_train instead of the argument X", model(X="X_train"), "the argument X"),
    Entry("model", "off by one: one iteration too few", model(iterations="num_iterations - 1")),
    Entry("model", "the ValueError does not name the value",
          model(otherwise='else:\n        raise ValueError("unknown initialization")'), "name the value"),
    Entry("model", "case-insensitive names: 'He' accepted",
          model(dims="[X.shape[0], 10, 5, 1]\n    initialization = initialization.lower()")),
    Entry("model", "the Xavier branch forgotten (falls into the ValueError)", model(xavier="")),
    Entry("model", "the zeros initialiser called with rng",
          model(zeros="initialize_parameters_zeros(layers_dims, rng)"), "raised TypeError"),
]

VALID = [
    Entry("initialize_parameters_zeros", "dict comprehension over zip", '''def initialize_parameters_zeros(layers_dims):
    pairs = list(zip(layers_dims[1:], layers_dims[:-1]))
    parameters = {}
    for l, (n, n_prev) in enumerate(pairs, start=1):
        parameters.update({f"W{l}": np.zeros(shape=(n, n_prev), dtype=np.float64), f"b{l}": np.zeros((n, 1))})
    return parameters
'''),
    Entry("initialize_parameters_random", "rng.normal with scale 10, biases first",
          '''def initialize_parameters_random(layers_dims, rng):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
        parameters[f"W{l}"] = rng.normal(0.0, 10.0, size=(layers_dims[l], layers_dims[l - 1]))
    return parameters
'''),
    Entry("initialize_parameters_he", "layers drawn from the last to the first, / sqrt(n / 2)",
          '''def initialize_parameters_he(layers_dims, rng):
    parameters = {}
    for l in reversed(range(1, len(layers_dims))):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters["W" + str(l)] = rng.standard_normal(size=(n, n_prev)) / np.sqrt(n_prev / 2)
        parameters["b" + str(l)] = np.zeros((n, 1))
    return parameters
'''),
    Entry("initialize_parameters_xavier", "rng.normal with the standard deviation, float n",
          '''def initialize_parameters_xavier(layers_dims, rng):
    L = len(layers_dims) - 1
    parameters = {}
    for l in range(1, L + 1):
        parameters["W%d" % l] = rng.normal(scale=1.0 / np.sqrt(float(layers_dims[l - 1])),
                                           size=(layers_dims[l], layers_dims[l - 1]))
        parameters["b%d" % l] = np.zeros((layers_dims[l], 1))
    return parameters
'''),
    Entry("model", "a lookup table, a while loop and in-place updates",
          '''def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
    rng = np.random.default_rng(rng)
    layers_dims = [X.shape[0], 10, 5, 1]
    initializers = {"zeros": lambda: initialize_parameters_zeros(layers_dims),
                    "random": lambda: initialize_parameters_random(layers_dims, rng),
                    "he": lambda: initialize_parameters_he(layers_dims, rng),
                    "xavier": lambda: initialize_parameters_xavier(layers_dims, rng)}
    if initialization not in initializers:
        raise ValueError(f"initialization must be one of {sorted(initializers)}, got {initialization!r}")
    parameters = initializers[initialization]()
    i = 0
    while i < num_iterations:
        A3, cache = forward_propagation(X, parameters)
        grads = backward_propagation(X, Y, cache)
        if print_cost and not i % 1000:
            print("Cost after iteration %d: %f" % (i, compute_cost(A3, Y)))
        for key in parameters:
            parameters[key] -= learning_rate * grads["d" + key]
        i += 1
    return parameters
'''),
]

# Any real zero is a correct zero bias: the number 0 broadcasts like np.zeros((n[l], 1)).
VALID += [
    Entry("initialize_parameters_zeros", "the biases as the int 0", zeros(b="0")),
    Entry("initialize_parameters_random", "the biases as the float 0.0", scaled("random", b="0.0")),
    Entry("initialize_parameters_he", "the biases as integer zeros of shape (n[l], 1)",
          scaled("he", b="np.zeros((layers_dims[l], 1), dtype=int)")),
    Entry("initialize_parameters_xavier", "the biases as np.float64(0)", scaled("xavier", b="np.float64(0)")),
    Entry("initialize_parameters_zeros", "the biases as 0.0, weights from np.zeros_like of a float array",
          zeros(W="np.zeros_like(np.empty((layers_dims[l], layers_dims[l - 1])))", b="0.0")),
    Entry("initialize_parameters_he", "the biases as the int 0, drawn with rng.normal",
          scaled("he", draw="rng.normal(size=(layers_dims[l], layers_dims[l - 1]))", b="0")),
]

# Injected together, without the reference re-run after them: each costs its own exercise only.
# model's probes depend only on the initialisers they use (zeros exactly; random, he and xavier
# through properties that any finite initialisation of a sensible scale has), and model's own
# check compares it with the student's own initialisers, so neither mistake reaches model_tests.
INDEPENDENT = [
    Entry("initialize_parameters_xavier", "He's scale in the Xavier initialiser",
          scaled("xavier", scale="np.sqrt(2 / layers_dims[l - 1])"),
          keeps=("initialize_parameters_random_tests", "initialize_parameters_he_tests", "model_tests")),
    Entry("initialize_parameters_zeros", "integer zeros (the dtype is the zeros exercise's business)",
          zeros(W="np.zeros((layers_dims[l], layers_dims[l - 1]), dtype=int)"),
          keeps=("initialize_parameters_random_tests", "initialize_parameters_he_tests", "model_tests")),
]
