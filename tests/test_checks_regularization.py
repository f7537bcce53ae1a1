"""The regularization notebook's checks: realistic wrong answers are caught and named, right ones pass."""

import numpy as np
import pytest

from dlhelpers.checks import regularization as checks
from helpers import check_fails

_fails = check_fails


def _relu(Z):
    return np.maximum(0, Z)


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def _cross_entropy(A3, Y):
    return float(-np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)))


# compute_cost_with_regularization


def _cost(A3, Y, parameters, lambd, *, factor=None, biases=False, power=2):
    m = Y.shape[1]
    keys = ("W1", "W2", "W3", "b1", "b2", "b3") if biases else ("W1", "W2", "W3")
    total = sum(np.sum(np.abs(parameters[k]) ** power) for k in keys)
    return _cross_entropy(A3, Y) + (lambd / (2 * m) if factor is None else factor(lambd, m)) * total


def test_check_compute_cost_with_regularization_accepts_the_cost_and_a_norm_squared():
    checks.check_compute_cost_with_regularization(_cost)
    checks.check_compute_cost_with_regularization(lambda A3, Y, p, lambd: _cross_entropy(A3, Y) + lambd / (
        2 * Y.shape[1]) * sum(np.linalg.norm(p[k]) ** 2 for k in ("W1", "W2", "W3")))


@pytest.mark.parametrize("mistake, phrase", [
    ({"factor": lambda lambd, m: lambd / 2}, "the 1/m is missing"),
    ({"factor": lambda lambd, m: lambd / m}, "the 1/2 is missing"),
    ({"biases": True}, "the biases are in the sum"),
    ({"power": 1}, "absolute values"),
])
def test_check_compute_cost_with_regularization_names_the_usual_mistakes(mistake, phrase):
    _fails(checks.check_compute_cost_with_regularization, lambda *args: _cost(*args, **mistake), phrase)


def test_check_compute_cost_with_regularization_names_a_fixed_lambd_and_a_missing_cross_entropy():
    _fails(checks.check_compute_cost_with_regularization, lambda A3, Y, p, lambd: _cost(A3, Y, p, 0.1),
           "lambd = 0.1 written")
    _fails(checks.check_compute_cost_with_regularization,
           lambda A3, Y, p, lambd: _cost(A3, Y, p, lambd) - _cross_entropy(A3, Y), "the cross-entropy is missing")


# backward_propagation_with_regularization


def _l2_backward(X, Y, cache, lambd, *, w_factor=lambda lambd, m: lambd / m, b_factor=None):
    m = X.shape[1]
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    dZ3 = A3 - Y
    dZ2 = (W3.T @ dZ3) * (A2 > 0)
    dZ1 = (W2.T @ dZ2) * (A1 > 0)
    grads = {}
    for l, dZ, A_prev, W, b in (("1", dZ1, X, W1, b1), ("2", dZ2, A1, W2, b2), ("3", dZ3, A2, W3, b3)):
        grads["dW" + l] = dZ @ A_prev.T / m + w_factor(lambd, m) * W
        grads["db" + l] = dZ.sum(axis=1, keepdims=True) / m + (b_factor(lambd, m) * b if b_factor else 0)
    return grads


def test_check_backward_propagation_with_regularization_accepts_the_gradients():
    checks.check_backward_propagation_with_regularization(_l2_backward)


@pytest.mark.parametrize("mistake, phrase", [
    ({"b_factor": lambda lambd, m: lambd / m}, "the biases are regularized too"),
    ({"w_factor": lambda lambd, m: lambd}, "the term is lambd * W"),
    ({"w_factor": lambda lambd, m: lambd / (2 * m)}, "lambd / (2 m) * W"),
    ({"w_factor": lambda lambd, m: -lambd / m}, "the term is subtracted"),
    ({"w_factor": lambda lambd, m: 0.0}, "the term lambd / m * W is missing"),
])
def test_check_backward_propagation_with_regularization_names_the_usual_mistakes(mistake, phrase):
    _fails(checks.check_backward_propagation_with_regularization, lambda *args: _l2_backward(*args, **mistake), phrase)


def test_check_backward_propagation_with_regularization_names_a_missing_key():
    def without_db1(*args):
        grads = _l2_backward(*args)
        del grads["db1"]
        return grads
    _fails(checks.check_backward_propagation_with_regularization, without_db1, "missing the key(s) ['db1']")


# forward_propagation_with_dropout


def _forward(X, p, keep_prob, rng, *, draw=None, divide=True, mask=True, output=False):
    """Inverted dropout on the hidden layers; each switch is one mistake the check names."""
    draw = draw or (lambda shape: rng.random(shape) < keep_prob)
    A, cache = X, []
    for l in (1, 2):
        Z = p[f"W{l}"] @ A + p[f"b{l}"]
        A = _relu(Z)
        D = draw(A.shape)
        A = (A * D if mask else A) / (keep_prob if divide else 1)
        cache += [Z, D, A, p[f"W{l}"], p[f"b{l}"]]
    Z3 = p["W3"] @ A + p["b3"]
    A3 = _sigmoid(Z3)
    if output:
        A3 = A3 * (rng.random(A3.shape) < keep_prob) / keep_prob
    return A3, tuple(cache + [Z3, A3, p["W3"], p["b3"]])


def test_check_forward_propagation_with_dropout_accepts_any_valid_way_of_drawing_the_masks():
    checks.check_forward_propagation_with_dropout(_forward)
    checks.check_forward_propagation_with_dropout(
        lambda X, p, kp, rng: _forward(X, p, kp, rng, draw=lambda s: (rng.uniform(size=s) < kp).astype(float)))
    checks.check_forward_propagation_with_dropout(
        lambda X, p, kp, rng: _forward(X, p, kp, rng, draw=lambda s: rng.binomial(1, kp, size=s)))


@pytest.mark.parametrize("mistake, phrase", [
    ({"divide": False}, "not divided by keep_prob"),
    ({"mask": False}, "the mask D1 is not applied"),
    ({"output": True}, "the output layer is dropped too"),
])
def test_check_forward_propagation_with_dropout_names_the_usual_mistakes(mistake, phrase):
    _fails(checks.check_forward_propagation_with_dropout, lambda *args: _forward(*args, **mistake), phrase)


def test_check_forward_propagation_with_dropout_names_a_reversed_comparison_and_np_random():
    _fails(checks.check_forward_propagation_with_dropout,
           lambda X, p, kp, rng: _forward(X, p, kp, rng, draw=lambda s: rng.random(s) > kp), "drawn with > keep_prob")
    _fails(checks.check_forward_propagation_with_dropout,
           lambda X, p, kp, rng: _forward(X, p, kp, rng, draw=lambda s: np.random.rand(*s) < kp), "np.random")


def test_check_forward_propagation_with_dropout_names_a_cache_without_the_masks():
    def no_masks(X, p, kp, rng):
        A3, cache = _forward(X, p, kp, rng)
        return A3, cache[:1] + cache[2:6] + cache[7:]
    _fails(checks.check_forward_propagation_with_dropout, no_masks, "not a tuple of 14 entries")


def test_dropout_structure_reports_right_findings_and_the_kept_fraction():
    rng = np.random.default_rng(0)
    p = {"W1": rng.standard_normal((8, 2)), "b1": np.zeros((8, 1)), "W2": rng.standard_normal((3, 8)),
         "b2": np.zeros((3, 1)), "W3": rng.standard_normal((1, 3)), "b3": np.zeros((1, 1))}
    X = rng.standard_normal((2, 500))
    A3, cache = _forward(X, p, 0.6, np.random.default_rng(1))
    found = checks.dropout_structure(X, p, 0.6, A3, cache)
    assert {k: found[k] for k in checks.RIGHT} == checks.RIGHT
    assert abs(found["kept"] - 0.6) < 0.03
    found = checks.dropout_structure(X, p, 0.6, A3, "no cache")
    assert found["cache"].startswith("not a tuple") and found["kept"] is None


# backward_propagation_with_dropout


def _dropout_backward(X, Y, cache, keep_prob, *, masks=True, divide=True, swap=False, from_z=False):
    m = X.shape[1]
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    M1, M2 = (D2, D1) if swap else (D1, D2)
    scale = 1 / keep_prob if divide else 1

    def apply(dA, D):
        return dA * D * scale if masks else dA * scale

    dZ3 = A3 - Y
    dA2 = apply(W3.T @ dZ3, M2)
    dZ2 = dA2 * ((Z2 if from_z else A2) > 0)
    dA1 = apply(W2.T @ dZ2, M1)
    dZ1 = dA1 * ((Z1 if from_z else A1) > 0)
    return {"dA1": dA1, "dA2": dA2, "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m,
            "dW3": dZ3 @ A2.T / m, "db3": dZ3.sum(axis=1, keepdims=True) / m}


def test_check_backward_propagation_with_dropout_accepts_the_gradients():
    checks.check_backward_propagation_with_dropout(_dropout_backward)
    checks.check_backward_propagation_with_dropout(lambda *args: _dropout_backward(*args, from_z=True))


@pytest.mark.parametrize("mistake, phrase", [
    ({"masks": False, "divide": False}, "the masks are not applied"),
    ({"masks": False, "divide": False, "from_z": True}, "the masks are not applied"),
    ({"divide": False}, "not divided by keep_prob"),
    ({"swap": True}, "the masks of the wrong layers"),
])
def test_check_backward_propagation_with_dropout_names_the_usual_mistakes(mistake, phrase):
    _fails(checks.check_backward_propagation_with_dropout, lambda *args: _dropout_backward(*args, **mistake), phrase)


def test_checks_name_a_stub():
    def stub(*args, **kwargs):
        raise NotImplementedError()
    _fails(checks.check_backward_propagation_with_dropout, stub, "is not implemented yet")
