"""The logistic-regression checks: correct implementations pass, typical mistakes get named."""

import math

import numpy as np
import pytest

from dlhelpers.checks import CheckError
from dlhelpers.checks import logistic_regression as checks


# Correct implementations, written differently from the notebook's reference on purpose.
def sigmoid(z):
    return np.exp(-np.logaddexp(0, -np.asarray(z, dtype=float)))


def initialize_with_zeros(dim):
    return np.zeros(dim).reshape(dim, 1), np.float64(0)


def propagate(w, b, X, Y):
    A = sigmoid(w.T @ X + b)
    return {"dw": np.mean(X * (A - Y), axis=1, keepdims=True), "db": np.mean(A - Y)}, -np.mean(
        np.where(Y == 1, np.log(A), np.log(1 - A)))


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    return np.where(sigmoid(w.T @ X + b) > 0.5, 1.0, 0.0)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    return {"costs": costs, "Y_prediction_test": predict(params["w"], params["b"], X_test),
            "Y_prediction_train": predict(params["w"], params["b"], X_train), "w": params["w"],
            "b": params["b"], "learning_rate": learning_rate, "num_iterations": num_iterations}


def test_correct_alternatives_pass_every_check():
    checks.check_sigmoid(sigmoid)
    checks.check_initialize_with_zeros(initialize_with_zeros)
    checks.check_propagate(propagate)
    checks.check_optimize(optimize)
    checks.check_predict(predict)
    checks.check_model(model)


def _message(check, function):
    with pytest.raises(CheckError) as error:
        check(function)
    return str(error.value)


@pytest.mark.parametrize("wrong, words", [
    (lambda z: 1 / (1 + np.exp(z)), "wrong sign in the exponent"),
    (lambda z: np.exp(z), "np.exp(z) alone"),
    (lambda z: 1 / (1 + math.exp(-z)) if np.ndim(z) == 0 else np.zeros(3), "sigmoid(np.array"),
])
def test_sigmoid_mistakes_are_named(wrong, words):
    assert words in _message(checks.check_sigmoid, wrong)


@pytest.mark.parametrize("wrong, words", [
    (lambda dim: (np.zeros(dim), 0.0), "rank-1 array"),
    (lambda dim: (np.zeros((dim, 1)), 1.0), "expected 0.0"),
    (lambda dim: (np.zeros((1, dim)), 0.0), "transposed"),
    (lambda dim: np.zeros((dim, 1)), "tuple (w, b)"),
])
def test_initialize_with_zeros_mistakes_are_named(wrong, words):
    assert words in _message(checks.check_initialize_with_zeros, wrong)


@pytest.mark.parametrize("b", [0, 0.0, np.float64(0), np.int64(0), -0.0])
def test_initialize_with_zeros_takes_any_real_zero_as_the_bias(b):
    checks.check_initialize_with_zeros(lambda dim: (np.zeros((dim, 1)), b))


def _propagate_variant(dw_fn=None, db_fn=None, cost_fn=None):
    def wrong(w, b, X, Y):
        m = X.shape[1]
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
        grads = {"dw": X @ (A - Y).T / m, "db": np.sum(A - Y) / m}
        if dw_fn:
            grads["dw"] = dw_fn(X, A, Y, m)
        if db_fn:
            grads["db"] = db_fn(A, Y, m)
        if cost_fn:
            cost = cost_fn(A, Y, m)
        return grads, cost
    return wrong


@pytest.mark.parametrize("wrong, words", [
    (_propagate_variant(dw_fn=lambda X, A, Y, m: X @ (A - Y).T), "missing 1/m"),
    (_propagate_variant(dw_fn=lambda X, A, Y, m: X @ (Y - A).T / m), "wrong sign"),
    (_propagate_variant(dw_fn=lambda X, A, Y, m: (X @ (A - Y).T / m).ravel()), "rank-1 array"),
    (_propagate_variant(dw_fn=lambda X, A, Y, m: (A - Y) @ X.T / m), "transposed"),
    (_propagate_variant(db_fn=lambda A, Y, m: np.sum(A - Y, axis=0) / m), "db should be one number"),
    (_propagate_variant(cost_fn=lambda A, Y, m: np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m),
     "missing minus sign"),
    (_propagate_variant(cost_fn=lambda A, Y, m: -(Y @ np.log(A).T + (1 - Y) @ np.log(1 - A).T) / m),
     "single number"),
])
def test_propagate_mistakes_are_named(wrong, words):
    assert words in _message(checks.check_propagate, wrong)


def test_optimize_mistakes_are_named():
    def ascent(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        costs = []
        for i in range(num_iterations):
            grads, cost = propagate(w, b, X, Y)
            w, b = w + learning_rate * grads["dw"], b + learning_rate * grads["db"]
            if i % 100 == 0:
                costs.append(cost)
        return {"w": w, "b": b}, grads, costs

    def fixed_rate(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        return optimize(w, b, X, Y, 100, 0.009)

    def every_cost(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        params, grads, _ = optimize(w, b, X, Y, num_iterations, learning_rate)
        return params, grads, [0.0] * num_iterations

    def no_update(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        grads, cost = propagate(w, b, X, Y)
        return {"w": w, "b": b}, grads, [cost]

    assert "gradient ascent" in _message(checks.check_optimize, ascent)
    assert "use the arguments" in _message(checks.check_optimize, fixed_rate)
    assert "i % 100 == 0" in _message(checks.check_optimize, every_cost)
    assert "did not change" in _message(checks.check_optimize, no_update)


def test_predict_mistakes_are_named():
    def probabilities(w, b, X):
        return sigmoid(w.T @ X + b)

    def at_least_half(w, b, X):
        return (sigmoid(w.T @ X + b) >= 0.5).astype(float)

    def rank_one(w, b, X):
        return predict(w, b, X).ravel()

    assert "probabilities returned instead of labels" in _message(checks.check_predict, probabilities)
    assert "exactly 0.5" in _message(checks.check_predict, at_least_half)
    assert "shape (3,)" in _message(checks.check_predict, rank_one)


def test_model_mistakes_are_named():
    def ignores_rate(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
        d = model(X_train, Y_train, X_test, Y_test, num_iterations, 0.01)
        d["learning_rate"] = learning_rate
        return d

    def untrained(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
        d = model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
        d["w"] = np.zeros_like(d["w"])
        return d

    def missing_key(*args, **kwargs):
        d = model(*args, **kwargs)
        del d["costs"]
        return d

    assert "pass learning_rate on to optimize" in _message(checks.check_model, ignores_rate)
    assert "not trained" in _message(checks.check_model, untrained)
    assert "missing the key(s) ['costs']" in _message(checks.check_model, missing_key)


def test_data_check_names_scrambled_reshape_and_missing_scaling():
    rng = np.random.default_rng(0)
    train = rng.integers(0, 256, size=(6, 4, 4, 3), dtype=np.uint8)
    test = rng.integers(0, 256, size=(3, 4, 4, 3), dtype=np.uint8)
    flat_train, flat_test = train.reshape(6, -1).T, test.reshape(3, -1).T
    good = (6, 3, 4, flat_train, flat_test, flat_train / 255, flat_test / 255, train, test)
    checks.check_data(*good)
    scrambled = (6, 3, 4, train.reshape(-1, 6), flat_test, train.reshape(-1, 6) / 255, flat_test / 255, train, test)
    with pytest.raises(CheckError, match=r"reshape\(X.shape\[0\], -1\).T"):
        checks.check_data(*scrambled)
    unscaled = (6, 3, 4, flat_train, flat_test, flat_train * 1.0, flat_test / 255, train, test)
    with pytest.raises(CheckError, match="divide the flattened images by 255"):
        checks.check_data(*unscaled)
    wrong_size = (4, 3, 4, flat_train, flat_test, flat_train / 255, flat_test / 255, train, test)
    with pytest.raises(CheckError, match="m_train is 4, expected 6"):
        checks.check_data(*wrong_size)


def test_checks_ignore_a_monkeypatched_allclose(monkeypatch):
    """Replacing np.allclose / np.isclose does not make a wrong answer pass."""
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np, "isclose", lambda *a, **k: np.True_)
    with pytest.raises(CheckError):
        checks.check_sigmoid(lambda z: np.zeros_like(np.asarray(z, dtype=float)))


STUBBED = {"sigmoid": checks.check_sigmoid, "initialize_with_zeros": checks.check_initialize_with_zeros,
           "propagate": checks.check_propagate, "optimize": checks.check_optimize,
           "predict": checks.check_predict, "model": checks.check_model}


@pytest.mark.parametrize("name", sorted(STUBBED))
def test_check_names_a_stub_that_is_not_implemented(name):
    namespace = {}
    exec(f"def {name}(*args, **kwargs):\n    raise NotImplementedError()\n", namespace)  # as the stub cell
    message = _message(STUBBED[name], namespace[name])
    assert f"{name} is not implemented yet" in message and "raise NotImplementedError()" in message


def test_check_names_the_stub_a_written_function_calls():
    def propagate_stub(w, b, X, Y):
        raise NotImplementedError()

    def optimize_calling_the_stub(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        grads, cost = propagate_stub(w, b, X, Y)
        return {"w": w, "b": b}, grads, [cost]

    assert "propagate_stub is not implemented yet" in _message(checks.check_optimize, optimize_calling_the_stub)


def test_check_keeps_a_notimplementederror_with_a_message_of_its_own():
    def refuses(z):
        raise NotImplementedError("complex numbers are not supported")

    with pytest.raises(NotImplementedError, match="complex numbers"):
        checks.check_sigmoid(refuses)


def _data_namespace():
    rng = np.random.default_rng(0)
    train = rng.integers(0, 256, size=(6, 4, 4, 3), dtype=np.uint8)
    test = rng.integers(0, 256, size=(3, 4, 4, 3), dtype=np.uint8)
    flat_train, flat_test = train.reshape(6, -1).T, test.reshape(3, -1).T
    return {"m_train": 6, "m_test": 3, "num_px": 4, "train_set_x_flatten": flat_train,
            "test_set_x_flatten": flat_test, "train_set_x": flat_train / 255, "test_set_x": flat_test / 255,
            "train_set_x_orig": train, "test_set_x_orig": test, "np": np}


def test_prepared_data_reads_the_arguments_of_check_data_from_the_namespace():
    prepared = checks.prepared_data(_data_namespace())
    assert list(prepared) == list(checks.DATA_NAMES)
    checks.check_data(**prepared)


def test_prepared_data_names_the_undefined_results_and_the_stub_that_leaves_them_so():
    namespace = _data_namespace()
    for name in ("m_train", "m_test", "num_px"):
        del namespace[name]
    with pytest.raises(CheckError) as error:
        checks.prepared_data(namespace)
    message = str(error.value)
    assert message.startswith("data preparation: m_train, m_test, num_px are not defined yet")
    assert "data preparation is not implemented yet: replace `raise NotImplementedError()`" in message


def test_prepared_data_sends_back_to_the_loading_cell_when_the_photos_are_missing():
    namespace = _data_namespace()
    del namespace["train_set_x_orig"], namespace["train_set_x"]
    with pytest.raises(CheckError, match=r"train_set_x_orig is not defined: run the cell that calls load_catvnoncat"):
        checks.prepared_data(namespace)
