"""The neurons notebook's checks: realistic wrong answers are caught and named, right ones pass."""

import functools

import numpy as np
import pytest

from dlhelpers.checks import neurons_activations as checks
from helpers import check_fails

_fails = check_fails


# perceptron_predict


def _predict(X, w, b, *, strict=False):
    Z = np.dot(w.T, X) + b
    return ((Z > 0) if strict else (Z >= 0)).astype(int)


def test_check_perceptron_predict_accepts_ints_floats_and_bools():
    checks.check_perceptron_predict(_predict)
    checks.check_perceptron_predict(lambda X, w, b: (w.T @ X + b >= 0) * 1.0)
    checks.check_perceptron_predict(lambda X, w, b: w.T @ X + b >= 0)


def test_check_perceptron_predict_names_the_convention_at_zero():
    _fails(checks.check_perceptron_predict, functools.partial(_predict, strict=True), "step(0) taken as 0", "z >= 0")


def test_check_perceptron_predict_names_a_missing_step_and_np_sign():
    _fails(checks.check_perceptron_predict, lambda X, w, b: w.T @ X + b, "pre-activations", "step is missing")
    _fails(checks.check_perceptron_predict, lambda X, w, b: np.sign(w.T @ X + b), "np.sign")


def test_check_perceptron_predict_names_a_transposed_result_and_swapped_labels():
    _fails(checks.check_perceptron_predict, lambda X, w, b: (X.T @ w + b >= 0).astype(int), "(4, 1)", "transposed")
    _fails(checks.check_perceptron_predict, lambda X, w, b: (w.T @ X + b < 0).astype(int), "labels are swapped")


# perceptron_train


def _train(X, Y, epochs, learning_rate, *, strict=False, bias=True, batch=False, cumulative=False, plain=False):
    """The rule, and the mistakes that the check names (each switch is one mistake)."""
    w, b, mistakes, total = np.zeros((X.shape[0], 1)), 0.0, [], 0
    for _ in range(epochs):
        if batch:
            error = Y - _predict(X, w, b, strict=strict)
            count = int(np.sum(error != 0))
            w, b = w + learning_rate * X @ error.T, b + (learning_rate * float(np.sum(error)) if bias else 0)
        else:
            count = 0
            for i in range(X.shape[1]):
                x = X[:, i:i + 1]
                error = Y[0, i] - _predict(x, w, b, strict=strict)[0, 0]
                step = Y[0, i] if plain else error
                if error != 0:
                    w, b, count = w + learning_rate * step * x, b + (learning_rate * step if bias else 0), count + 1
        total += count
        mistakes.append(total if cumulative else count)
    return w, float(b), mistakes


def test_check_perceptron_train_accepts_the_rule_and_an_array_of_mistakes():
    checks.check_perceptron_train(_train)
    checks.check_perceptron_train(lambda *args: (*_train(*args)[:2], np.array(_train(*args)[2])))


@pytest.mark.parametrize("mistake, phrase", [
    ({"strict": True}, "z > 0"), ({"bias": False}, "b is never updated"), ({"batch": True}, "batch update"),
    ({"cumulative": True}, "cumulatively"), ({"plain": True}, "uses y instead of (y - y_hat)"),
])
def test_check_perceptron_train_names_the_usual_mistakes(mistake, phrase):
    _fails(checks.check_perceptron_train, functools.partial(_train, **mistake), "expected w = [0.75, -0.75]", phrase)


def test_check_perceptron_train_names_a_wrong_return():
    _fails(checks.check_perceptron_train, lambda *args: _train(*args)[:2], "tuple (w, b, mistakes)")
    _fails(checks.check_perceptron_train, lambda *args: (_train(*args)[0].ravel(), *_train(*args)[1:]), "shape (2,)")
    _fails(checks.check_perceptron_train, lambda *args: (*_train(*args)[:2], _train(*args)[2][-1]), "list of 6")


def test_check_perceptron_train_names_random_starting_weights():
    def random_start(X, Y, epochs, learning_rate):
        w, b, mistakes = _train(X, Y, epochs, learning_rate)
        return w + 0.1, b, mistakes
    _fails(checks.check_perceptron_train, random_start, "Start from w = 0 and b = 0")


# activations


def test_check_activations_accept_right_answers_and_alternatives():
    checks.check_tanh(np.tanh)
    checks.check_tanh(lambda Z: 2 / (1 + np.exp(-2 * Z)) - 1)
    checks.check_relu(lambda Z: np.maximum(0, Z))
    checks.check_relu(lambda Z: Z * (Z > 0))
    checks.check_leaky_relu(lambda Z, alpha=0.01: np.where(Z > 0, Z, alpha * Z))
    checks.check_leaky_relu(lambda Z, alpha=0.01: np.maximum(alpha * Z, Z))


def test_check_tanh_names_the_sigmoid_and_the_overflowing_formula():
    _fails(checks.check_tanh, lambda Z: 1 / (1 + np.exp(-Z)), "the sigmoid")
    _fails(checks.check_tanh, lambda Z: 2 / (1 + np.exp(-Z)) - 1, "tanh(Z / 2)")
    _fails(checks.check_tanh, lambda Z: (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z)), "overflows", "np.tanh")


def _in_place_relu(Z):
    Z[Z < 0] = 0
    return Z


def test_check_relu_names_the_usual_mistakes():
    _fails(checks.check_relu, lambda Z: np.max(Z, 0), "np.max(Z, 0)")
    _fails(checks.check_relu, lambda Z: (Z > 0) * 1.0, "the derivative")
    _fails(checks.check_relu, lambda Z: np.maximum(Z, 1), "max(Z, 1)")
    _fails(checks.check_relu, lambda Z: np.minimum(0, Z), "min instead of max")
    _fails(checks.check_relu, _in_place_relu, "in place")


def test_check_leaky_relu_names_the_usual_mistakes():
    _fails(checks.check_leaky_relu, lambda Z, alpha=0.01: np.maximum(0, Z), "plain relu")
    _fails(checks.check_leaky_relu, lambda Z, alpha=0.01: np.maximum(alpha, Z), "np.maximum(alpha, Z)")
    _fails(checks.check_leaky_relu, lambda Z, alpha=0.01: np.where(Z > 0, alpha * Z, Z), "wrong side")
    _fails(checks.check_leaky_relu, lambda Z, alpha=0.01: np.where(Z > 0, Z, 0.01 * Z), "alpha = 0.01 written")


# backward functions


def test_check_backward_functions_accept_right_answers():
    checks.check_tanh_backward(lambda dA, Z: dA * (1 - np.tanh(Z) ** 2))
    checks.check_tanh_backward(lambda dA, Z: dA / np.cosh(Z) ** 2)
    checks.check_relu_backward(lambda dA, Z: np.where(Z > 0, dA, 0.0))
    checks.check_leaky_relu_backward(lambda dA, Z, alpha=0.01: dA * np.where(Z > 0, 1.0, alpha))
    checks.check_leaky_relu_backward(lambda dA, Z, alpha=0.01: np.where(Z > 0, dA, alpha * dA))


def test_check_tanh_backward_names_the_usual_mistakes():
    _fails(checks.check_tanh_backward, lambda dA, Z: 1 - np.tanh(Z) ** 2, "dA is missing")
    _fails(checks.check_tanh_backward, lambda dA, Z: dA * (1 - Z ** 2), "1 - Z ** 2", "A = np.tanh(Z) first")
    _fails(checks.check_tanh_backward, lambda dA, Z: dA * (1 - np.tanh(Z)), "without the square")
    _fails(checks.check_tanh_backward, lambda dA, Z: dA * (1 / (1 + np.exp(-Z))) * (1 - 1 / (1 + np.exp(-Z))),
           "s (1 - s)")


def test_check_relu_backward_names_the_usual_mistakes():
    _fails(checks.check_relu_backward, lambda dA, Z: dA * (Z >= 0), "derivative at Z = 0 taken as 1")
    _fails(checks.check_relu_backward, lambda dA, Z: (Z > 0) * 1.0, "dA is missing")
    _fails(checks.check_relu_backward, lambda dA, Z: (Z >= 0) * 1.0, "dA is missing")
    _fails(checks.check_relu_backward, lambda dA, Z: dA * np.maximum(0, Z), "the function instead of its derivative")
    _fails(checks.check_relu_backward, lambda dA, Z: dA * (dA > 0), "mask taken from dA")


def test_check_leaky_relu_backward_names_the_usual_mistakes():
    check = checks.check_leaky_relu_backward
    _fails(check, lambda dA, Z, alpha=0.01: np.where(Z > 0, 1.0, alpha), "dA is missing")
    _fails(check, lambda dA, Z, alpha=0.01: dA * np.where(Z >= 0, 1.0, alpha), "derivative at Z = 0 taken as 1")
    _fails(check, lambda dA, Z, alpha=0.01: dA * (Z > 0), "relu's derivative")
    _fails(check, lambda dA, Z, alpha=0.01: dA * np.where(Z > 0, alpha, 1.0), "wrong side")
    _fails(check, lambda dA, Z, alpha=0.01: dA * np.where(Z > 0, 1.0, 0.01), "alpha = 0.01 written")


# collapse_linear_layers


def _collapse(weights):
    W = weights[0]
    for W_l in weights[1:]:
        W = W_l @ W
    return W


def test_check_collapse_linear_layers_accepts_a_loop_and_a_reversed_multi_dot():
    checks.check_collapse_linear_layers(_collapse)
    checks.check_collapse_linear_layers(
        lambda weights: np.linalg.multi_dot(weights[::-1]) if len(weights) > 1 else weights[0])


def _wrong_order(weights):
    W = weights[0]
    for W_l in weights[1:]:
        W = W @ W_l
    return W


def test_check_collapse_linear_layers_names_the_usual_mistakes():
    check = checks.check_collapse_linear_layers
    _fails(check, _wrong_order, "ValueError", "wrong order")
    only_squares = lambda weights: _wrong_order(weights) if weights[0].shape[0] == weights[0].shape[1] \
        else _collapse(weights)  # noqa: E731
    _fails(check, only_squares, "wrong order, W1 @ W2")
    elementwise = lambda weights: np.prod(weights, axis=0) if len(weights) == 2 else _collapse(weights)  # noqa: E731
    _fails(check, elementwise, "element-wise product")
    summed = lambda weights: np.sum(weights, axis=0) if len(weights) == 2 else _collapse(weights)  # noqa: E731
    _fails(check, summed, "sum of the matrices")
    _fails(check, lambda weights: weights[0] * weights[1] * weights[2], "ValueError", "element-wise product")


def test_checks_name_a_stub():
    def stub(*args, **kwargs):
        raise NotImplementedError()
    _fails(checks.check_relu, stub, "is not implemented yet")
