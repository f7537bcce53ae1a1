"""dlhelpers.gradcheck: finite differences, relative error, params <-> vector, the per-parameter report."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from dlhelpers import gradcheck
from dlhelpers.gradcheck import (
    GradCheckResult,
    gradient_check,
    gradients_to_vector,
    numerical_gradient,
    ordered_keys,
    params_to_vector,
    relative_error,
    vector_to_params,
)

# --- a small network whose analytic gradients are known -------------------------------------

def tanh_network_problem(seed=0):
    """A 2-layer tanh network with a squared-error cost: parameters, data."""
    rng = np.random.default_rng(seed)
    params = {"W1": rng.standard_normal((4, 3)), "b1": rng.standard_normal((4, 1)),
              "W2": rng.standard_normal((2, 4)), "b2": rng.standard_normal((2, 1))}
    X, Y = rng.standard_normal((3, 5)), rng.standard_normal((2, 5))
    return params, X, Y


def tanh_cost(params, X, Y):
    A1 = np.tanh(params["W1"] @ X + params["b1"])
    out = params["W2"] @ A1 + params["b2"]
    return float(np.sum((out - Y) ** 2) / (2 * X.shape[1]))


def tanh_gradients(params, X, Y):
    m = X.shape[1]
    A1 = np.tanh(params["W1"] @ X + params["b1"])
    d_out = (params["W2"] @ A1 + params["b2"] - Y) / m
    dZ1 = (params["W2"].T @ d_out) * (1 - A1 ** 2)
    return {"dW2": d_out @ A1.T, "db2": d_out.sum(axis=1, keepdims=True),
            "dA1": params["W2"].T @ d_out, "dW1": dZ1 @ X.T, "db1": dZ1.sum(axis=1, keepdims=True)}


# --- numerical_gradient ------------------------------------------------------------------------

def test_numerical_gradient_matches_known_gradient():
    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.3]])
    grad = numerical_gradient(lambda v: np.sum(v ** 3) + 2 * np.sum(v), x)
    np.testing.assert_allclose(grad, 3 * x ** 2 + 2, rtol=1e-6, atol=1e-7)
    assert grad.shape == x.shape and grad.dtype == np.float64


def test_numerical_gradient_of_a_quadratic_form_is_a_x():
    A = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, -1.0], [0.0, -1.0, 4.0]])
    x = np.array([[1.0], [-2.0], [0.5]])
    grad = numerical_gradient(lambda v: 0.5 * (v.T @ A @ v), x)  # f returns a (1, 1) array
    np.testing.assert_allclose(grad, A @ x, rtol=1e-6, atol=1e-7)


def test_numerical_gradient_of_a_0d_array():
    x = np.array(0.7)
    grad = numerical_gradient(lambda v: np.sin(v), x, eps=1e-6)
    assert grad.shape == ()
    assert float(grad) == pytest.approx(np.cos(0.7), rel=1e-8)


def test_numerical_gradient_error_shrinks_like_eps_squared():
    x = np.array([1.0])
    errors = [abs(numerical_gradient(lambda v: np.exp(v[0]), x, eps=eps)[0] - np.e) / np.e for eps in (1e-2, 1e-3)]
    assert errors[0] == pytest.approx(1e-4 / 6, rel=1e-3)  # eps**2 / 6 for exp
    assert errors[0] / errors[1] == pytest.approx(100, rel=1e-2)


def test_numerical_gradient_restores_the_input():
    x = np.array([[0.1, 0.2], [0.3, 0.4]])
    saved = x.copy()
    numerical_gradient(lambda v: np.sum(v ** 2), x)
    assert np.array_equal(x, saved)


def test_numerical_gradient_restores_the_input_when_f_raises():
    x = np.array([1.0, 2.0, 3.0])
    saved = x.copy()
    calls = []

    def f(v):
        calls.append(v.copy())
        if len(calls) == 3:
            raise RuntimeError("cost exploded")
        return float(np.sum(v))

    with pytest.raises(RuntimeError, match="cost exploded"):
        numerical_gradient(f, x)
    assert not np.array_equal(calls[-1], saved)  # it raised while an entry was moved
    assert np.array_equal(x, saved)


@pytest.mark.parametrize("bad", [np.ones(3, dtype=np.float32), np.arange(3), [1.0, 2.0], 1.5],
                         ids=["float32", "int", "list", "float"])
def test_numerical_gradient_refuses_anything_but_float64_arrays(bad):
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(lambda v: float(np.sum(v)), bad)


def test_numerical_gradient_explains_a_tuple_returned_by_f():
    with pytest.raises(ValueError, match=r"\(cost, cache\).*\[0\]"):
        numerical_gradient(lambda v: (float(np.sum(v)), None), np.ones(2))


def test_numerical_gradient_refuses_a_non_positive_eps():
    with pytest.raises(ValueError, match="eps"):
        numerical_gradient(lambda v: float(np.sum(v)), np.ones(2), eps=0)


# --- relative_error ----------------------------------------------------------------------------

def test_relative_error_of_two_zeros_is_zero():
    assert relative_error(0, 0) == 0.0
    assert relative_error(np.zeros((3, 1)), np.zeros((3, 1))) == 0.0


def test_relative_error_known_values():
    assert relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert relative_error([1.0, 0.0], [-1.0, 0.0]) == 1.0
    assert relative_error(2.0, 1.0) == pytest.approx(1 / 3)
    assert isinstance(relative_error(2.0, 1.0), float)


def test_relative_error_refuses_shapes_that_would_broadcast():
    with pytest.raises(ValueError, match=r"\(3, 1\) and \(3,\)"):
        relative_error(np.ones((3, 1)), np.ones(3))


# --- params <-> vector -------------------------------------------------------------------------

def test_ordered_keys_are_in_layer_order_whatever_the_insertion_order():
    params = {"b10": 0, "W2": 0, "b1": 0, "W10": 0, "b2": 0, "W1": 0}
    assert ordered_keys(params) == ["W1", "b1", "W2", "b2", "W10", "b10"]


def test_params_to_vector_stacks_in_layer_order_rows_first():
    params = {"b1": np.array([[5.0], [6.0]]), "W1": np.array([[1.0, 2.0], [3.0, 4.0]]), "W2": np.array([[7.0, 8.0]])}
    vector = params_to_vector(params)
    assert vector.shape == (8, 1)
    assert vector.ravel().tolist() == [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("shapes", [
    {"W1": (1, 1), "b1": (1, 1)},
    {"W1": (3, 1), "b1": (3, 1), "W2": (1, 3), "b2": (1, 1)},
    {"W1": (2, 5), "b1": (2, 1), "W2": (5, 2), "b2": (5, 1)},
    {"W1": (), "b1": (1,), "W2": (2, 3, 4)},
], ids=["1x1", "3x1", "2x5", "0d-1d-3d"])
def test_params_vector_round_trip_keeps_shapes_and_values(shapes):
    rng = np.random.default_rng(3)
    params = {name: rng.standard_normal(shape) for name, shape in shapes.items()}
    vector = params_to_vector(params)
    assert vector.shape == (sum(int(np.prod(s)) for s in shapes.values()), 1)
    back = vector_to_params(vector, like=params)
    assert list(back) == ordered_keys(params)
    for name, value in params.items():
        assert back[name].shape == np.shape(value)
        assert np.array_equal(back[name], value)


def test_vector_to_params_accepts_a_flat_vector_and_returns_copies():
    params = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1))}
    vector = np.arange(6.0)
    back = vector_to_params(vector, like=params)
    back["W1"][0, 0] = 99.0
    assert vector[0] == 0.0
    assert back["b1"].ravel().tolist() == [4.0, 5.0]


def test_vector_to_params_names_the_sizes_when_the_length_is_wrong():
    with pytest.raises(ValueError, match=r"5 entries.*6 \(W1: 4, b1: 2\)"):
        vector_to_params(np.zeros((5, 1)), like={"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1))})


def test_params_to_vector_refuses_an_empty_dict():
    with pytest.raises(ValueError, match="non-empty dict"):
        params_to_vector({})


def test_gradients_to_vector_follows_the_parameters_and_skips_extra_keys():
    params, X, Y = tanh_network_problem()
    grads = tanh_gradients(params, X, Y)  # reverse layer order, with dA1
    vector = gradients_to_vector(grads, like=params)
    assert vector.shape == params_to_vector(params).shape
    expected = np.concatenate([grads[k].reshape(-1, 1) for k in ("dW1", "db1", "dW2", "db2")])
    assert np.array_equal(vector, expected)


def test_gradients_to_vector_names_a_missing_or_misshapen_gradient():
    params = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1))}
    with pytest.raises(KeyError, match="'db1'"):
        gradients_to_vector({"dW1": np.zeros((2, 2))}, like=params)
    with pytest.raises(ValueError, match=r"b1 has shape \(2, 1\)"):
        gradients_to_vector({"dW1": np.zeros((2, 2)), "db1": np.zeros(2)}, like=params)


# --- gradient_check ----------------------------------------------------------------------------

def test_gradient_check_passes_right_gradients():
    params, X, Y = tanh_network_problem()
    result = gradient_check(lambda p: tanh_cost(p, X, Y), params, tanh_gradients(params, X, Y))
    assert isinstance(result, GradCheckResult)
    assert result.difference < 1e-7 and result.passed()
    assert list(result.per_parameter) == ["W1", "b1", "W2", "b2"]
    assert max(result.per_parameter.values()) < 1e-6
    assert result.wrong_parameters() == []
    np.testing.assert_allclose(result.numerical["W1"], tanh_gradients(params, X, Y)["dW1"], rtol=1e-5, atol=1e-8)


def test_gradient_check_pins_a_wrong_gradient_to_its_parameter():
    params, X, Y = tanh_network_problem()
    grads = tanh_gradients(params, X, Y)
    grads["db2"] = 2 * grads["db2"]
    result = gradient_check(lambda p: tanh_cost(p, X, Y), params, grads)
    assert result.wrong_parameters() == ["b2"]
    assert result.per_parameter["b2"] == pytest.approx(1 / 3, rel=1e-5)  # |2g - g| / (|2g| + |g|)
    assert all(result.per_parameter[k] < 1e-6 for k in ("W1", "b1", "W2"))
    assert result.difference > 1e-3 and not result.passed()
    assert result.worst[0].name == "b2"
    assert result.worst[0].analytic == pytest.approx(2 * result.worst[0].numerical, rel=1e-5)
    assert "b2" in str(result) and "WRONG" in str(result)


def test_gradient_check_pins_a_wrong_entry_to_its_index():
    params, X, Y = tanh_network_problem()
    grads = tanh_gradients(params, X, Y)
    grads["dW1"][2, 1] += 0.1
    result = gradient_check(lambda p: tanh_cost(p, X, Y), params, grads, n_worst=3)
    assert result.wrong_parameters() == ["W1"]
    assert (result.worst[0].name, result.worst[0].index) == ("W1", (2, 1))
    assert len(result.worst) == 3


def test_gradient_check_leaves_params_alone_and_accepts_other_dtypes():
    params, X, Y = tanh_network_problem()
    saved = {k: v.copy() for k, v in params.items()}
    grads = tanh_gradients(params, X, Y)
    gradient_check(lambda p: tanh_cost(p, X, Y), params, grads)
    assert all(np.array_equal(params[k], saved[k]) for k in params)
    ints = {"w": np.array([[1, 2]])}
    result = gradient_check(lambda p: float(np.sum(p["w"] ** 2)), ints, {"dw": np.array([[2.0, 4.0]])})
    assert result.difference < 1e-7  # checked on a float64 copy


def test_gradient_check_reports_missing_or_misshapen_gradients():
    params, X, Y = tanh_network_problem()
    grads = tanh_gradients(params, X, Y)
    with pytest.raises(KeyError, match="'db1'"):
        gradient_check(lambda p: tanh_cost(p, X, Y), params, {k: v for k, v in grads.items() if k != "db1"})
    with pytest.raises(ValueError, match="gradient of W2 has shape"):
        gradient_check(lambda p: tanh_cost(p, X, Y), params, dict(grads, dW2=grads["dW2"].T))


def test_gradient_check_plot_draws_one_bar_per_parameter_on_a_log_scale():
    result = GradCheckResult(0.2, {"W1": 3e-9, "b1": 0.6, "W2": 0.0, "b2": 2e-5})
    fig, ax = plt.subplots()
    returned = result.plot(ax=ax)
    assert returned is ax
    assert len(ax.patches) == 4
    assert ax.get_yscale() == "log"
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["W1", "b1", "W2", "b2"]
    heights = [bar.get_height() for bar in ax.patches]
    assert heights[:2] == [3e-9, 0.6] and heights[2] > 0  # a zero difference still shows on a log scale
    colors = [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert colors[0] != colors[1] and colors[1] != colors[3]  # right, a bug, look closer
    plt.close(fig)


def test_gradient_check_plot_uses_the_current_axes_by_default():
    fig = plt.figure()
    ax = GradCheckResult(1e-9, {"W": 1e-9}).plot()
    assert ax is fig.gca() and len(ax.patches) == 1
    plt.close(fig)


def test_module_lists_its_public_names():
    assert {"gradient_check", "numerical_gradient", "params_to_vector", "vector_to_params",
            "gradients_to_vector", "relative_error"} <= set(gradcheck.__all__)
