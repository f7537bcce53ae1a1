"""The initialization notebook's checks: correct versions pass, typical mistakes are named."""

import numpy as np
import pytest

from dlhelpers.checks import CheckError
from dlhelpers.checks import initialization as checks

# --- initialisers -------------------------------------------------------------------------------

def zeros(layers_dims):
    return {key: value for l in range(1, len(layers_dims))
            for key, value in ((f"W{l}", np.zeros((layers_dims[l], layers_dims[l - 1]))),
                               (f"b{l}", np.zeros((layers_dims[l], 1))))}


def scaled(scale_of, *, draw=None, bias=0.0, transpose=False, shape_b=None):
    """An initialiser W[l] = draw(rng, shape) * scale_of(n[l], n[l-1]), with optional mistakes."""
    draw = draw or (lambda rng, shape: rng.standard_normal(shape))

    def initialize(layers_dims, rng):
        parameters = {}
        for l in range(1, len(layers_dims)):
            n, n_prev = layers_dims[l], layers_dims[l - 1]
            shape = (n_prev, n) if transpose else (n, n_prev)
            parameters[f"W{l}"] = draw(rng, shape) * scale_of(n, n_prev)
            parameters[f"b{l}"] = np.full(shape_b(n) if shape_b else (n, 1), bias)
        return parameters

    return initialize


random_init = scaled(lambda n, n_prev: 10.0)
he = scaled(lambda n, n_prev: np.sqrt(2 / n_prev))
xavier = scaled(lambda n, n_prev: np.sqrt(1 / n_prev))


def he_reversed_order(layers_dims, rng):
    """A correct alternative: rng.normal with the scale, layers drawn from the last to the first."""
    parameters = {}
    for l in range(len(layers_dims) - 1, 0, -1):
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
        parameters[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / layers_dims[l - 1]),
                                         size=(layers_dims[l], layers_dims[l - 1]))
    return parameters


def expect_mistake(check, function, *phrases):
    with pytest.raises(CheckError) as error:
        check(function)
    message = str(error.value)
    for phrase in phrases:
        assert phrase in message, message
    return message


@pytest.mark.parametrize("check, function", [
    (checks.check_initialize_parameters_zeros, zeros),
    (checks.check_initialize_parameters_random, random_init),
    (checks.check_initialize_parameters_random,
     scaled(lambda n, n_prev: 10.0, draw=lambda rng, s: rng.normal(0, 1, s))),
    (checks.check_initialize_parameters_he, he),
    (checks.check_initialize_parameters_he, he_reversed_order),
    (checks.check_initialize_parameters_xavier, xavier),
])
def test_initializers_correct_versions_pass(check, function):
    check(function)


def test_zeros_transposed_weights_named():
    wrong = lambda dims: {k: (v.T if k.startswith("W") else v) for k, v in zeros(dims).items()}  # noqa: E731
    expect_mistake(checks.check_initialize_parameters_zeros, wrong, "(n[0], n[1])", "rows are the units")


def test_zeros_rank_one_bias_named():
    wrong = lambda dims: {k: (v.ravel() if k.startswith("b") else v) for k, v in zeros(dims).items()}  # noqa: E731
    expect_mistake(checks.check_initialize_parameters_zeros, wrong, "rank-1")


def test_zeros_missing_last_layer_named():
    wrong = lambda dims: zeros(dims[:-1])  # noqa: E731
    expect_mistake(checks.check_initialize_parameters_zeros, wrong, "missing the key(s)", "W2")


def test_zeros_nonzero_weights_named():
    wrong = lambda dims: {k: (np.ones_like(v) if k.startswith("W") else v) for k, v in zeros(dims).items()}  # noqa: E731
    expect_mistake(checks.check_initialize_parameters_zeros, wrong, "every weight to 0")


def test_random_missing_factor_ten_named():
    expect_mistake(checks.check_initialize_parameters_random, scaled(lambda n, n_prev: 1.0), "factor 10 is missing")


def test_random_global_numpy_state_named():
    wrong = scaled(lambda n, n_prev: 10.0, draw=lambda rng, shape: np.random.randn(*shape))
    expect_mistake(checks.check_initialize_parameters_random, wrong, "np.random.randn", "rng.standard_normal")


def test_random_generator_made_inside_named():
    wrong = scaled(lambda n, n_prev: 10.0, draw=lambda rng, shape: np.random.default_rng(1).standard_normal(shape))
    expect_mistake(checks.check_initialize_parameters_random, wrong, "different seeds gave the same weights")


def test_random_nonzero_biases_named():
    expect_mistake(checks.check_initialize_parameters_random, scaled(lambda n, n_prev: 10.0, bias=0.01),
                   "biases start at zero")


def test_random_uniform_numbers_named():
    wrong = scaled(lambda n, n_prev: 10.0, draw=lambda rng, shape: rng.random(shape))
    expect_mistake(checks.check_initialize_parameters_random, wrong, "centred at 0", "uniform")


def test_random_centred_uniform_numbers_named():
    wrong = scaled(lambda n, n_prev: 10.0, draw=lambda rng, shape: rng.uniform(-np.sqrt(3), np.sqrt(3), shape))
    expect_mistake(checks.check_initialize_parameters_random, wrong, "uniformly distributed")


def test_random_transposed_shape_named():
    expect_mistake(checks.check_initialize_parameters_random, scaled(lambda n, n_prev: 10.0, transpose=True),
                   "expected (n[1], n[0])")


def test_he_fan_out_instead_of_fan_in_named():
    expect_mistake(checks.check_initialize_parameters_he, scaled(lambda n, n_prev: np.sqrt(2 / n)),
                   "sqrt(2 / n[l])", "fan-in")


def test_he_xavier_scale_named():
    expect_mistake(checks.check_initialize_parameters_he, xavier, "Xavier's scale")


def test_he_variance_used_as_scale_named():
    expect_mistake(checks.check_initialize_parameters_he, scaled(lambda n, n_prev: 2 / n_prev), "square root")


def test_he_factor_ten_kept_named():
    expect_mistake(checks.check_initialize_parameters_he, scaled(lambda n, n_prev: 10 * np.sqrt(2 / n_prev)),
                   "multiplied by 10")


def test_he_row_bias_named():
    expect_mistake(checks.check_initialize_parameters_he, scaled(lambda n, n_prev: np.sqrt(2 / n_prev),
                                                                 shape_b=lambda n: (1, n)), "one bias per unit")


def test_xavier_he_scale_named():
    expect_mistake(checks.check_initialize_parameters_xavier, he, "He's scale")


def test_xavier_fan_out_named():
    expect_mistake(checks.check_initialize_parameters_xavier, scaled(lambda n, n_prev: np.sqrt(1 / n)), "fan-in")


# --- model --------------------------------------------------------------------------------------

def forward(X, p):
    A1 = np.maximum(0, p["W1"] @ X + p["b1"])
    A2 = np.maximum(0, p["W2"] @ A1 + p["b2"])
    A3 = 1 / (1 + np.exp(-(p["W3"] @ A2 + p["b3"])))
    return A3, (A1, A2, A3)


def gradients(X, Y, p, cache):
    A1, A2, A3 = cache
    m = X.shape[1]
    dZ3 = A3 - Y
    dZ2 = (p["W3"].T @ dZ3) * (A2 > 0)
    dZ1 = (p["W2"].T @ dZ2) * (A1 > 0)
    grads = {}
    for l, dZ, A_prev in ((3, dZ3, A2), (2, dZ2, A1), (1, dZ1, X)):
        grads[f"dW{l}"] = dZ @ A_prev.T / m
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
    return grads


INITIALIZERS = {"zeros": lambda dims, rng: zeros(dims), "random": random_init, "he": he, "xavier": xavier}


def make_model(*, dispatch=None, rng_of=None, sign=1.0, fixed_rate=None, unknown=None, always_print=False):
    """A model with optional mistakes; the defaults give a correct one."""
    dispatch = dict(INITIALIZERS, **(dispatch or {}))

    def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
        rng = rng_of(rng) if rng_of else np.random.default_rng(rng)
        dims = [X.shape[0], 10, 5, 1]
        if initialization not in dispatch:
            if unknown == "keyerror":
                dispatch[initialization]
            if unknown != "silent":
                raise ValueError(f"unknown initialization {initialization!r}")
            initialization = "he"
        p = dispatch[initialization](dims, rng)
        rate = fixed_rate or learning_rate
        for i in range(num_iterations):
            A3, cache = forward(X, p)
            grads = gradients(X, Y, p, cache)
            p = {k: v - sign * rate * grads["d" + k] for k, v in p.items()}
            if (print_cost or always_print) and i % 1000 == 0:
                print(f"Cost after iteration {i}: {float(np.mean(-Y * np.log(A3) - (1 - Y) * np.log(1 - A3))):.6f}")
        return p

    return model


def check_model(model):
    checks.check_model(model, zeros, random_init, he, xavier)


def test_model_correct_version_passes():
    check_model(make_model())


def test_model_with_lookup_table_and_in_place_updates_passes():
    def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
        table = {"zeros": lambda dims, rng: zeros(dims), "random": random_init, "he": he, "xavier": xavier}
        if initialization not in table:
            raise ValueError(f"initialization must be one of {sorted(table)}, got {initialization!r}")
        p = table[initialization]([X.shape[0], 10, 5, 1], np.random.default_rng(rng))
        i = 0
        while i < num_iterations:
            A3, cache = forward(X, p)
            for key, gradient in gradients(X, Y, p, cache).items():
                p[key[1:]] -= learning_rate * gradient
            if print_cost and not i % 1000:
                print("Cost after iteration", i, ":", float(np.mean(-Y * np.log(A3) - (1 - Y) * np.log(1 - A3))))
            i += 1
        return p

    check_model(model)


def test_model_fixed_seed_named():
    expect_mistake(check_model, make_model(rng_of=lambda rng: np.random.default_rng(1)),
                   "same parameters for generators of different seeds")


def test_model_wrong_branch_named():
    expect_mistake(check_model, make_model(dispatch={"random": he}), 'initialization="random"',
                   "initialize_parameters_he")


def test_model_rng_not_passed_on_named():
    expect_mistake(check_model, make_model(rng_of=lambda rng: np.random.default_rng()),
                   "exactly initialize_parameters_random(layers_dims, rng)")


def test_model_unknown_name_silently_trains_named():
    expect_mistake(check_model, make_model(unknown="silent"), "raised no error", "ValueError")


def test_model_unknown_name_keyerror_named():
    expect_mistake(check_model, make_model(unknown="keyerror"), "raised KeyError", "ValueError")


def test_model_gradient_ascent_named():
    expect_mistake(check_model, make_model(sign=-1.0), "gradient ascent")


def test_model_fixed_learning_rate_named():
    expect_mistake(check_model, make_model(fixed_rate=0.01), "learning_rate ignored")


def test_model_prints_without_print_cost_named():
    expect_mistake(check_model, make_model(always_print=True), "print_cost=False")


def test_model_unfinished_exercise_named():
    def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
        raise NotImplementedError()

    expect_mistake(check_model, model, "NotImplementedError")


def test_model_update_not_assigned_named():
    def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
        p = make_model()(X, Y, num_iterations=0, print_cost=False, initialization=initialization, rng=rng)
        for _ in range(num_iterations):
            A3, cache = forward(X, p)
            {k: v - learning_rate * gradients(X, Y, p, cache)["d" + k] for k, v in p.items()}  # result dropped
        return p

    expect_mistake(check_model, model, "b3 is still 0")


def test_model_typed_in_layers_dims_named():
    def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
        return make_model()(np.zeros((2, X.shape[1])), Y, learning_rate, num_iterations, print_cost,
                            initialization, rng)

    expect_mistake(check_model, model, "layers_dims = [X.shape[0], 10, 5, 1]")


def test_model_global_data_named():
    X_global = np.ones((2, 300))

    def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
        p = make_model()(X, Y, num_iterations=0, print_cost=False, initialization=initialization, rng=rng)
        for _ in range(num_iterations):
            A3, cache = forward(X_global, p)
        return p

    expect_mistake(check_model, model, "instead of the argument X")


# --- the true cause first: NaN, stubs; no pedantry about zero biases ------------------------------

def test_initializer_nan_weights_named_before_the_seed_comparison():
    # finite on the large layers of the statistics, NaN on the small ones of the seed comparison
    wrong = scaled(lambda n, n_prev: np.sqrt(2 / n_prev) if n_prev >= 100 else np.nan)
    message = expect_mistake(checks.check_initialize_parameters_he, wrong, "the parameters contain NaN", "W1")
    assert "seeded" not in message and "same seed" not in message


def test_initializer_inf_weights_named():
    with np.errstate(divide="ignore"):
        wrong = scaled(lambda n, n_prev: np.float64(1) / (n_prev - n_prev))
        expect_mistake(checks.check_initialize_parameters_xavier, wrong, "the parameters contain inf")


def test_initializer_nan_bias_named():
    expect_mistake(checks.check_initialize_parameters_random, scaled(lambda n, n_prev: 10.0, bias=np.nan),
                   "the parameters contain NaN", "b1")


def test_model_nan_from_its_initializer_named():
    nan_he = scaled(lambda n, n_prev: np.nan)

    def nan_check(model):
        checks.check_model(model, zeros, random_init, nan_he, xavier)

    message = expect_mistake(nan_check, make_model(dispatch={"he": nan_he}), "the parameters contain NaN",
                             "initialize_parameters_he itself returns")
    assert "seed" not in message


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")
def test_model_diverging_training_named():
    message = expect_mistake(check_model, make_model(fixed_rate=np.inf), "the parameters contain NaN",
                             "diverged")
    assert "seed" not in message and "cost rose" not in message


def scalar_bias(initialize, zero):
    def with_scalar_bias(*args):
        return {k: (zero if k.startswith("b") else v) for k, v in initialize(*args).items()}
    return with_scalar_bias


@pytest.mark.parametrize("zero", [0, 0.0, np.float64(0), np.zeros(()), np.int64(0)])
def test_initializers_any_real_zero_bias_passes(zero):
    checks.check_initialize_parameters_zeros(scalar_bias(zeros, zero))
    checks.check_initialize_parameters_random(scalar_bias(random_init, zero))
    checks.check_initialize_parameters_he(scalar_bias(he, zero))
    checks.check_initialize_parameters_xavier(scalar_bias(xavier, zero))


def test_initializers_integer_zero_bias_array_passes():
    checks.check_initialize_parameters_zeros(
        lambda dims: {k: (np.zeros(v.shape, dtype=int) if k.startswith("b") else v) for k, v in zeros(dims).items()})


@pytest.mark.parametrize("bias", [0.5, True, np.zeros(4)])
def test_initializers_nonzero_or_boolean_or_rank_one_bias_named(bias):
    wrong = lambda dims: {k: (bias if k.startswith("b") else v) for k, v in zeros(dims).items()}  # noqa: E731
    expect_mistake(checks.check_initialize_parameters_zeros, wrong, "b1")


def test_model_with_scalar_zero_biases_passes():
    zero_bias = {name: scalar_bias(init, 0) for name, init in INITIALIZERS.items()}
    checks.check_model(make_model(dispatch=zero_bias), scalar_bias(zeros, 0), zero_bias["random"],
                       zero_bias["he"], zero_bias["xavier"])


def test_model_ignores_its_initializers_dtype():
    """The dtype of zero weights is initialize_parameters_zeros's exercise, not model's."""
    int_zeros = lambda dims: {k: v.astype(int) for k, v in zeros(dims).items()}  # noqa: E731
    checks.check_model(make_model(dispatch={"zeros": lambda dims, rng: int_zeros(dims)}), int_zeros, random_init,
                       he, xavier)


STUB_MESSAGE = "is not implemented yet: replace `raise NotImplementedError()` in its cell with your code."


@pytest.mark.parametrize("check, name", [
    (checks.check_initialize_parameters_zeros, "initialize_parameters_zeros"),
    (checks.check_initialize_parameters_random, "initialize_parameters_random"),
    (checks.check_initialize_parameters_he, "initialize_parameters_he"),
    (checks.check_initialize_parameters_xavier, "initialize_parameters_xavier"),
])
def test_initializer_stub_says_not_implemented(check, name):
    namespace = {}
    exec(f"def {name}(*args):\n    raise NotImplementedError()", namespace)
    message = expect_mistake(check, namespace[name], f"{name} {STUB_MESSAGE}")
    assert message.startswith(name)


def test_model_stub_says_not_implemented():
    def model(X, Y, learning_rate=0.01, num_iterations=15000, print_cost=True, initialization="he", rng=None):
        raise NotImplementedError()

    expect_mistake(check_model, model, f"model {STUB_MESSAGE}")


def test_model_calling_an_initializer_stub_names_the_stub():
    def initialize_parameters_xavier(layers_dims, rng):
        raise NotImplementedError()

    def stub_check(model):
        checks.check_model(model, zeros, random_init, he, initialize_parameters_xavier)

    message = expect_mistake(stub_check, make_model(dispatch={"xavier": initialize_parameters_xavier}),
                             f"initialize_parameters_xavier {STUB_MESSAGE}", "model calls it")
    assert not message.startswith("model")
