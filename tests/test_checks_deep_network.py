"""The student-facing checks of the deep-network notebook: right answers pass, usual mistakes are named.

Each check gets correct implementations written differently from the notebook's reference (other
draw orders, other formulas) that must pass, and realistic wrong ones whose CheckError must name
the mistake.
"""

import copy

import numpy as np
import pytest

from dlhelpers.checks import CheckError
from dlhelpers.checks import deep_network as checks


# The given activations of the notebook (read-only cells there), needed by the implementations below.
def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def sigmoid_backward(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def relu_backward(dA, Z):
    return np.where(Z > 0, dA, 0.0)


# Correct implementations, deliberately not the notebook's wording.
def initialize_parameters(n_x, n_h, n_y, rng):
    W2 = rng.normal(0.0, 0.01, size=(n_y, n_h))  # other order of draws, other API
    W1 = rng.normal(0.0, 0.01, size=(n_h, n_x))
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def initialize_parameters_deep(layer_dims, rng):
    parameters = {}
    for l in reversed(range(1, len(layer_dims))):  # last layer drawn first
        parameters[f"W{l}"] = rng.normal(scale=1 / np.sqrt(layer_dims[l - 1]), size=(layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    return W @ A + b, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = {"relu": relu, "sigmoid": sigmoid}[activation](Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                             "sigmoid" if l == L else "relu")
        caches.append(cache)
    return A, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    return np.squeeze(-(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T) / m)  # a 0-d array


def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    return W.T @ dZ, (dZ / A_prev.shape[1]) @ A_prev.T, dZ.mean(axis=1, keepdims=True)


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    dZ = relu_backward(dA, Z) if activation == "relu" else sigmoid_backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    L = len(caches)
    grads = {}
    dZ = AL - Y  # the sigmoid and the cross-entropy together
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZ, caches[-1][0])
    for l in range(L - 1, 0, -1):
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            grads[f"dA{l}"], caches[l - 1], "relu")
    return grads


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]  # in place, but on the copy
    return parameters


def predict(X, y, parameters):
    return np.where(L_model_forward(X, parameters)[0] > 0.5, 1, 0)  # integers are fine


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
    parameters = initialize_parameters_deep(layers_dims, np.random.default_rng(rng))
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(AL, Y))
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
    return parameters, costs


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
    parameters = initialize_parameters(*layers_dims, np.random.default_rng(rng))
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        if i % 100 == 0:
            costs.append(float(compute_cost(A2, Y)))
        dA1, dW2, db2 = linear_backward(A2 - Y, cache2[0])
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        parameters = update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)
    return parameters, costs


CORRECT = {
    "initialize_parameters": initialize_parameters,
    "initialize_parameters_deep": initialize_parameters_deep,
    "linear_forward": linear_forward,
    "linear_activation_forward": linear_activation_forward,
    "L_model_forward": L_model_forward,
    "compute_cost": compute_cost,
    "linear_backward": linear_backward,
    "linear_activation_backward": linear_activation_backward,
    "L_model_backward": L_model_backward,
    "update_parameters": update_parameters,
    "predict": predict,
    "two_layer_model": two_layer_model,
    "L_layer_model": L_layer_model,
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_check_accepts_correct_alternative(name):
    getattr(checks, f"check_{name}")(CORRECT[name])


def fails_with(check, function, *fragments):
    """Run ``check(function)``, expect a CheckError whose message holds every fragment."""
    with pytest.raises(CheckError) as error:
        check(function)
    message = str(error.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


# --- initialisation ---------------------------------------------------------------------------


def test_initialize_parameters_missing_factor_is_named():
    def wrong(n_x, n_h, n_y, rng):
        return {"W1": rng.standard_normal((n_h, n_x)), "b1": np.zeros((n_h, 1)),
                "W2": rng.standard_normal((n_y, n_h)), "b2": np.zeros((n_y, 1))}

    fails_with(checks.check_initialize_parameters, wrong, "missing factor 0.01")


def test_initialize_parameters_uniform_draws_are_named():
    def wrong(n_x, n_h, n_y, rng):
        return {"W1": rng.random((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                "W2": rng.random((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}

    fails_with(checks.check_initialize_parameters, wrong, "rng.random draws uniformly")


def test_initialize_parameters_global_random_state_is_named():
    def wrong(n_x, n_h, n_y, rng):
        return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
                "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}

    fails_with(checks.check_initialize_parameters, wrong, "same seed gave different weights", "rng argument")


def test_initialize_parameters_fixed_seed_inside_is_named():
    def wrong(n_x, n_h, n_y, rng):
        return initialize_parameters(n_x, n_h, n_y, np.random.default_rng(0))

    fails_with(checks.check_initialize_parameters, wrong, "different seeds gave the same weights")


def test_initialize_parameters_transposed_weights_are_named():
    def wrong(n_x, n_h, n_y, rng):
        p = initialize_parameters(n_x, n_h, n_y, rng)
        return {**p, "W1": p["W1"].T}

    fails_with(checks.check_initialize_parameters, wrong, "has shape (3, 2), expected (2, 3)", "(n[l], n[l-1])")


@pytest.mark.parametrize("zero", [0, 0.0, np.float64(0), np.array(0.0)])
def test_initialize_parameters_zero_bias_may_be_any_real_zero(zero):
    def with_number(n_x, n_h, n_y, rng):
        return {**initialize_parameters(n_x, n_h, n_y, rng), "b1": zero, "b2": zero}

    checks.check_initialize_parameters(with_number)


def test_initialize_parameters_deep_zero_bias_may_be_a_number():
    def with_number(layer_dims, rng):
        p = initialize_parameters_deep(layer_dims, rng)
        return {key: (0 if key.startswith("b") else value) for key, value in p.items()}

    checks.check_initialize_parameters_deep(with_number)


def test_initialize_parameters_rank_1_bias_is_still_named():
    def wrong(n_x, n_h, n_y, rng):
        return {**initialize_parameters(n_x, n_h, n_y, rng), "b1": np.zeros(n_h)}

    fails_with(checks.check_initialize_parameters, wrong, "['b1'] has shape (2,), expected (2, 1)")


def test_initialize_parameters_random_biases_are_named():
    def wrong(n_x, n_h, n_y, rng):
        p = initialize_parameters(n_x, n_h, n_y, rng)
        return {**p, "b1": rng.standard_normal((n_h, 1)) * 0.01}

    fails_with(checks.check_initialize_parameters, wrong, "['b1'] should be zeros")


@pytest.mark.parametrize("scale, cause", [
    (lambda n_prev, n: 0.01, "factor 0.01 of the 2-layer version"),
    (lambda n_prev, n: 1 / np.sqrt(n), "square root of layer_dims[l]"),
    (lambda n_prev, n: np.sqrt(2 / n_prev), "He initialisation"),
    (lambda n_prev, n: 1 / n_prev, "instead of its square root"),
])
def test_initialize_parameters_deep_wrong_scale_is_named(scale, cause):
    def wrong(layer_dims, rng):
        p = {}
        for l in range(1, len(layer_dims)):
            p[f"W{l}"] = (rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
                          * scale(layer_dims[l - 1], layer_dims[l]))
            p[f"b{l}"] = np.zeros((layer_dims[l], 1))
        return p

    fails_with(checks.check_initialize_parameters_deep, wrong, "standard deviation", cause)


def test_initialize_parameters_deep_missing_last_layer_is_named():
    def wrong(layer_dims, rng):
        return initialize_parameters_deep(layer_dims[:-1], rng)  # range(1, L) instead of range(1, L + 1)

    fails_with(checks.check_initialize_parameters_deep, wrong, "missing the key(s) ['W2', 'b2']")


def test_initialize_parameters_deep_input_layer_parameters_are_named():
    def wrong(layer_dims, rng):
        return {**initialize_parameters_deep(layer_dims, rng),
                "W0": np.zeros((layer_dims[0], 1)), "b0": np.zeros((1, 1))}

    fails_with(checks.check_initialize_parameters_deep, wrong, "unexpected key(s)", "input layer 0 has no parameters")


# --- forward ----------------------------------------------------------------------------------


def test_linear_forward_missing_bias_is_named():
    fails_with(checks.check_linear_forward, lambda A, W, b: (W @ A, (A, W, b)), "b was not added")


def test_linear_forward_cache_order_is_named():
    fails_with(checks.check_linear_forward, lambda A, W, b: (W @ A + b, (W, A, b)),
               "(A, W, b) of the inputs, in this order")


def test_linear_activation_forward_swapped_activations_are_named():
    def wrong(A_prev, W, b, activation):
        return linear_activation_forward(A_prev, W, b, "relu" if activation == "sigmoid" else "sigmoid")

    fails_with(checks.check_linear_activation_forward, wrong, "relu was applied")


def test_linear_activation_forward_cache_of_outputs_is_named():
    def wrong(A_prev, W, b, activation):
        A, (linear_cache, _) = linear_activation_forward(A_prev, W, b, activation)
        return A, (linear_cache, A)

    fails_with(checks.check_linear_activation_forward, wrong, "activation cache (cache[1]) should be Z")


def test_L_model_forward_relu_in_last_layer_is_named():
    def wrong(X, parameters):
        A, caches = X, []
        for l in range(1, len(parameters) // 2 + 1):
            A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
            caches.append(cache)
        return A, caches

    fails_with(checks.check_L_model_forward, wrong, "the last layer used relu")


def test_L_model_forward_missing_last_cache_is_named():
    def wrong(X, parameters):
        AL, caches = L_model_forward(X, parameters)
        return AL, caches[:-1]

    fails_with(checks.check_L_model_forward, wrong, "a list of 3 caches", "not appended")


def test_compute_cost_missing_minus_is_named():
    fails_with(checks.check_compute_cost, lambda AL, Y: -float(compute_cost(AL, Y)), "a missing minus sign")


def test_compute_cost_missing_negative_class_term_is_named():
    fails_with(checks.check_compute_cost, lambda AL, Y: -np.sum(Y * np.log(AL)) / Y.shape[1], "add (1 - y) log(1 - a)")


def test_compute_cost_matrix_result_is_named():
    def wrong(AL, Y):
        return -(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T) / Y.shape[1]  # shape (1, 1)

    fails_with(checks.check_compute_cost, wrong, "single number", "shape (1, 1)")


# --- backward ---------------------------------------------------------------------------------


def test_linear_backward_missing_one_over_m_is_named():
    def wrong(dZ, cache):
        dA_prev, dW, db = linear_backward(dZ, cache)
        return dA_prev, dW * dZ.shape[1], db

    fails_with(checks.check_linear_backward, wrong, "dW for dZ", "a missing 1/m")


def test_linear_backward_sum_over_wrong_axis_is_named():
    def wrong(dZ, cache):
        dA_prev, dW, _ = linear_backward(dZ, cache)
        return dA_prev, dW, np.sum(dZ, axis=0, keepdims=True) / dZ.shape[1]

    fails_with(checks.check_linear_backward, wrong, "db for dZ of shape (3, 4) has shape (1, 4), expected (3, 1)",
               "axis=1, keepdims=True")


def test_linear_backward_averaged_dA_prev_is_named():
    def wrong(dZ, cache):
        dA_prev, dW, db = linear_backward(dZ, cache)
        return dA_prev / dZ.shape[1], dW, db

    fails_with(checks.check_linear_backward, wrong, "dA_prev = W^T dZ has no 1/m")


def test_linear_backward_wrong_order_is_named():
    def wrong(dZ, cache):
        dA_prev, dW, db = linear_backward(dZ, cache)
        return dW, db, dA_prev

    fails_with(checks.check_linear_backward, wrong, "return (dA_prev, dW, db) in this order")


def test_linear_activation_backward_swapped_activations_are_named():
    def wrong(dA, cache, activation):
        return linear_activation_backward(dA, cache, "sigmoid" if activation == "relu" else "relu")

    fails_with(checks.check_linear_activation_backward, wrong, "the result is that of relu", "sigmoid_backward")


def test_L_model_backward_relu_in_last_layer_is_named():
    def wrong(AL, Y, caches):
        L = len(caches)
        grads = {}
        dAL = -(Y / AL - (1 - Y) / (1 - AL))
        grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(dAL, caches[-1], "relu")
        for l in range(L - 1, 0, -1):
            grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
                grads[f"dA{l}"], caches[l - 1], "relu")
        return grads

    fails_with(checks.check_L_model_backward, wrong, "grads['dW3']", "relu_backward in the last layer")


def test_L_model_backward_flipped_dAL_is_named():
    def wrong(AL, Y, caches):
        return {key: -value for key, value in L_model_backward(AL, Y, caches).items()}

    fails_with(checks.check_L_model_backward, wrong, "a wrong sign of dAL")


def test_L_model_backward_shifted_keys_are_named():
    def wrong(AL, Y, caches):
        grads = L_model_backward(AL, Y, caches)
        return {(f"dA{int(k[2:]) + 1}" if k.startswith("dA") else k): v for k, v in grads.items()}

    fails_with(checks.check_L_model_backward, wrong, "missing the key(s) ['dA0']")


def test_update_parameters_in_place_is_accepted():
    def in_place(params, grads, learning_rate):
        for key in params:
            params[key] -= learning_rate * grads["d" + key]
        return params

    checks.check_update_parameters(in_place)


def test_update_parameters_new_dictionary_is_accepted():
    def new_dict(params, grads, learning_rate):
        return {key: value - learning_rate * grads["d" + key] for key, value in params.items()}

    checks.check_update_parameters(new_dict)


def test_update_parameters_leaves_the_check_constants_alone():
    def in_place(params, grads, learning_rate):
        for key in params:
            params[key] -= learning_rate * grads["d" + key]
        return params

    before = copy.deepcopy(checks.UP_PARAMETERS)
    checks.check_update_parameters(in_place)
    checks.check_update_parameters(in_place)  # the same constants again: they must not have moved
    assert all(np.array_equal(checks.UP_PARAMETERS[k], before[k]) for k in before)


def test_update_parameters_gradient_ascent_is_named():
    def wrong(params, grads, learning_rate):
        return {key: value + learning_rate * grads["d" + key] for key, value in params.items()}

    fails_with(checks.check_update_parameters, wrong, "gradient ascent")


# --- prediction and models --------------------------------------------------------------------


def test_predict_probabilities_are_named():
    fails_with(checks.check_predict, lambda X, y, parameters: L_model_forward(X, parameters)[0],
               "threshold them at 0.5")


def test_predict_flipped_labels_are_named():
    fails_with(checks.check_predict, lambda X, y, parameters: 1 - predict(X, y, parameters), "labels are flipped")


def test_two_layer_model_without_update_is_named():
    def wrong(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
        parameters = initialize_parameters(*layers_dims, np.random.default_rng(rng))
        costs = []
        for i in range(num_iterations):
            AL, caches = L_model_forward(X, parameters)
            update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)  # result dropped
            if i % 100 == 0:
                costs.append(compute_cost(AL, Y))
        return parameters, costs

    fails_with(checks.check_two_layer_model, wrong, "the cost did not go down", "parameters = update_parameters")


def test_two_layer_model_ignoring_rng_is_named():
    def wrong(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
        return two_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng=None)

    fails_with(checks.check_two_layer_model, wrong, "seeded alike gave different parameters")


def test_two_layer_model_fixed_learning_rate_is_named():
    def wrong(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
        return two_layer_model(X, Y, layers_dims, 0.3, num_iterations, print_cost, rng)

    fails_with(checks.check_two_layer_model, wrong, "the same parameters for two learning rates")


def test_L_layer_model_cost_of_every_iteration_is_named():
    def wrong(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
        parameters = initialize_parameters_deep(layers_dims, np.random.default_rng(rng))
        costs = []
        for _ in range(num_iterations):
            AL, caches = L_model_forward(X, parameters)
            costs.append(compute_cost(AL, Y))
            parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
        return parameters, costs

    fails_with(checks.check_L_layer_model, wrong, "costs should hold 3 numbers", "i % 100 == 0")


def test_L_layer_model_ignoring_num_iterations_is_named():
    def wrong(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
        return L_layer_model(X, Y, layers_dims, learning_rate, 250, print_cost, rng)

    fails_with(checks.check_L_layer_model, wrong, "num_iterations=120 should run 120 steps")


def test_L_layer_model_fixed_seed_is_named():
    def wrong(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
        return L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng=13)

    fails_with(checks.check_L_layer_model, wrong, "seeded differently gave the same parameters", "rng argument")


def _L_layer_model_with(initialize, update=update_parameters):
    """A correct L_layer_model that calls ``initialize`` and ``update`` (as a student's would its own)."""
    def model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
        parameters = initialize(layers_dims, np.random.default_rng(rng))
        costs = []
        for i in range(num_iterations):
            AL, caches = L_model_forward(X, parameters)
            cost = compute_cost(AL, Y)
            parameters = update(parameters, L_model_backward(AL, Y, caches), learning_rate)
            if i % 100 == 0:
                costs.append(cost)
        return parameters, costs

    return model


def test_L_layer_model_is_not_blamed_for_a_small_initialisation():
    def small(layer_dims, rng):  # the 2-layer rule, x 0.01: the cost falls only a little
        return {key: (value * 0.01 * np.sqrt(value.shape[1]) if key.startswith("W") else value)
                for key, value in initialize_parameters_deep(layer_dims, rng).items()}

    checks.check_L_layer_model(_L_layer_model_with(small))


def test_models_accept_an_in_place_update():
    def in_place(params, grads, learning_rate):
        for key in params:
            params[key] -= learning_rate * grads["d" + key]
        return params

    checks.check_L_layer_model(_L_layer_model_with(initialize_parameters_deep, update=in_place))


def test_model_with_nan_parameters_is_told_so_not_about_seeds():
    def model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None):
        parameters, costs = _L_layer_model_with(initialize_parameters_deep)(
            X, Y, layers_dims, learning_rate, num_iterations, print_cost, rng)
        return {key: np.full_like(value, np.nan) for key, value in parameters.items()}, costs  # after the last cost

    message = fails_with(checks.check_L_layer_model, model, "hold NaN or inf")
    assert "seeded alike" not in message and "not replaced" not in message


def test_model_whose_steps_blow_up_is_told_nan_not_uphill():
    def huge_step(params, grads, learning_rate):
        return update_parameters(params, grads, 1e4)

    with np.errstate(all="ignore"):
        message = fails_with(checks.check_L_layer_model, _L_layer_model_with(initialize_parameters_deep, huge_step),
                             "NaN or inf")
    assert "seeded alike" not in message and "uphill" not in message


def test_model_going_uphill_is_named():
    def ascent(params, grads, learning_rate):
        return update_parameters(params, grads, -learning_rate)

    with np.errstate(all="ignore"):
        fails_with(checks.check_L_layer_model, _L_layer_model_with(initialize_parameters_deep, ascent),
                   "the cost did not go down", "uphill")


def test_model_ignoring_update_is_named():
    def dropped(params, grads, learning_rate):
        return params

    fails_with(checks.check_L_layer_model, _L_layer_model_with(initialize_parameters_deep, dropped),
               "the cost did not go down", "stayed at", "not replaced by the result of update_parameters")


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_check_names_a_stub_that_is_not_implemented(name):
    namespace = {}
    exec(f"def {name}(*args, **kwargs):\n    raise NotImplementedError()\n", namespace)  # as the stub cell
    fails_with(getattr(checks, f"check_{name}"), namespace[name], f"{name} is not implemented yet",
               "raise NotImplementedError()")
