"""dlhelpers.checks.gradient_checking: every check names the usual mistakes and accepts correct variants.

The functions under test look up ``forward_propagation``, ``backward_propagation`` and
``forward_propagation_n`` in their globals, as in the notebook: here those globals are this
module's, so the given functions of the notebook are defined at module level below.
"""

import numpy as np
import pytest

from dlhelpers import gradcheck
from dlhelpers.checks import CheckError
from dlhelpers.checks import gradient_checking as checks
from dlhelpers.gradcheck import gradients_to_vector, params_to_vector, vector_to_params

# --- the notebook's given functions (read-only cells there) -----------------------------------

def forward_propagation(x, theta):
    return theta * x


def backward_propagation(x, theta):
    return x


def forward_propagation_n(X, Y, parameters):
    m = X.shape[1]
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = np.maximum(0, Z2)
    Z3 = parameters["W3"] @ A2 + parameters["b3"]
    A3 = 1 / (1 + np.exp(-Z3))
    cost = float(np.sum(-Y * np.log(A3) - (1 - Y) * np.log(1 - A3)) / m)
    cache = (Z1, A1, parameters["W1"], parameters["b1"], Z2, A2, parameters["W2"], parameters["b2"],
             Z3, A3, parameters["W3"], parameters["b3"])
    return cost, cache


def backward_with(X, Y, cache, w2_factor=1.0, b1_factor=1.0, w3_sign=1.0, relu2=True):
    """The network's backward pass, with optional planted mistakes."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = w3_sign * dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0) if relu2 else dA2
    dW2 = w2_factor * dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = b1_factor * np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def fails_with(check, function, *fragments):
    """Run ``check(function)``; it must raise CheckError whose message holds every fragment."""
    with pytest.raises(CheckError) as info:
        check(function)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


# --- forward_propagation, backward_propagation ------------------------------------------------

def test_check_forward_propagation_accepts_a_right_variant():
    checks.check_forward_propagation(lambda x, theta: np.multiply(x, theta))


@pytest.mark.parametrize("wrong, cause", [
    (lambda x, theta: theta + x, "theta + x"),
    (lambda x, theta: x, "J is x alone"),
    (lambda x, theta: theta ** x, "theta ** x"),
])
def test_check_forward_propagation_names_the_mistake(wrong, cause):
    fails_with(checks.check_forward_propagation, wrong, "forward_propagation", "expected 8", cause)


def test_check_backward_propagation_accepts_a_right_variant():
    checks.check_backward_propagation(lambda x, theta: np.float64(x) * 1.0)


@pytest.mark.parametrize("wrong, cause", [
    (lambda x, theta: theta, "the derivative with respect to x"),
    (lambda x, theta: theta * x, "the cost J itself"),
    (lambda x, theta: -x, "a wrong sign"),
    (lambda x, theta: 1, "the constant 1"),
])
def test_check_backward_propagation_names_the_mistake(wrong, cause):
    fails_with(checks.check_backward_propagation, wrong, "backward_propagation", cause)


# --- gradient_check (1-D) ---------------------------------------------------------------------

def gradient_check_reference(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_abs(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / epsilon / 2
    grad = backward_propagation(x, theta)
    if print_msg:
        print(gradapprox)
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


def gradient_check_one_sided(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta)) / epsilon
    grad = backward_propagation(x, theta)
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


def gradient_check_numerator_only(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return np.linalg.norm(backward_propagation(x, theta) - gradapprox)


def gradient_check_grad_only(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad)


def gradient_check_by_epsilon(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / epsilon
    grad = backward_propagation(x, theta)
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


def gradient_check_sign(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta - epsilon) - forward_propagation(x, theta + epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


def gradient_check_fixed_epsilon(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + 1e-7) - forward_propagation(x, theta - 1e-7)) / 2e-7
    grad = backward_propagation(x, theta)
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


def gradient_check_inline_grad(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = x  # dJ/dtheta of theta * x, written out instead of calling backward_propagation
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


def gradient_check_toolkit(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = gradcheck.numerical_gradient(lambda t: forward_propagation(x, float(t)), np.array(float(theta)),
                                              epsilon)
    grad = backward_propagation(x, theta)
    return abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))


@pytest.mark.parametrize("right", [gradient_check_reference, gradient_check_abs])
def test_check_gradient_check_accepts_right_variants(right):
    checks.check_gradient_check(right)


@pytest.mark.parametrize("wrong, fragments", [
    (gradient_check_one_sided, ["called at theta itself", "one-sided"]),
    (gradient_check_numerator_only, ["the numerator alone"]),
    (gradient_check_grad_only, ["the denominator is norm(grad) alone"]),
    (gradient_check_by_epsilon, ["dividing by epsilon instead of 2 * epsilon"]),
    (gradient_check_sign, ["a wrong sign in gradapprox"]),
    (gradient_check_fixed_epsilon, ["use the epsilon argument"]),
    (gradient_check_inline_grad, ["did not call backward_propagation"]),
    (gradient_check_toolkit, ["refers to numerical_gradient", "write the loop"]),
])
def test_check_gradient_check_names_the_mistake(wrong, fragments):
    fails_with(checks.check_gradient_check, wrong, "gradient_check", *fragments)


def test_check_gradient_check_restores_the_globals_it_swaps():
    before = (forward_propagation, backward_propagation)
    fails_with(checks.check_gradient_check, gradient_check_one_sided, "one-sided")
    checks.check_gradient_check(gradient_check_reference)
    assert (globals()["forward_propagation"], globals()["backward_propagation"]) == before


# --- gradient_check_n --------------------------------------------------------------------------

def gradient_check_n_reference(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = gradients_to_vector(gradients, like=parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        thetaplus = np.copy(theta)
        thetaplus[i] += epsilon
        thetaminus = np.copy(theta)
        thetaminus[i] -= epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_params(thetaplus, like=parameters))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_params(thetaminus, like=parameters))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_n_per_entry(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """A right variant without the vector helpers: nudge each entry of each array in place of a copy."""
    grad, approx = [], []
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        for index in np.ndindex(parameters[name].shape):
            costs = []
            for step in (epsilon, -epsilon):
                moved = {k: v.copy() for k, v in parameters.items()}
                moved[name][index] += step
                costs.append(forward_propagation_n(X, Y, moved)[0])
            approx.append((costs[0] - costs[1]) / (2 * epsilon))
            grad.append(gradients["d" + name][index])
    grad, approx = np.array(grad), np.array(approx)
    return float(np.sqrt(np.sum((grad - approx) ** 2)) / (np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(approx ** 2))))


def gradient_check_n_toolkit(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return gradcheck.gradient_check(lambda p: forward_propagation_n(X, Y, p)[0], parameters, gradients,
                                    epsilon).difference


def gradient_check_n_toolkit_hidden(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    estimate = getattr(gradcheck, "numerical_" + "gradient")
    theta = params_to_vector(parameters)
    approx = estimate(lambda t: forward_propagation_n(X, Y, vector_to_params(t, like=parameters))[0], theta, epsilon)
    grad = gradients_to_vector(gradients, like=parameters)
    return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))


def gradient_check_n_one_sided(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = gradients_to_vector(gradients, like=parameters)
    J, _ = forward_propagation_n(X, Y, parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        thetaplus = np.copy(theta)
        thetaplus[i] += epsilon
        gradapprox[i] = (forward_propagation_n(X, Y, vector_to_params(thetaplus, like=parameters))[0] - J) / epsilon
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_n_no_copy(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = gradients_to_vector(gradients, like=parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        thetaplus = theta
        thetaplus[i] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_params(thetaplus, like=parameters))
        thetaminus = np.copy(theta)
        thetaminus[i] -= epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_params(thetaminus, like=parameters))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_n_vector_passed(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = gradients_to_vector(gradients, like=parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        thetaplus, thetaminus = np.copy(theta), np.copy(theta)
        thetaplus[i] += epsilon
        thetaminus[i] -= epsilon
        gradapprox[i] = ((forward_propagation_n(X, Y, thetaplus)[0] - forward_propagation_n(X, Y, thetaminus)[0])
                         / (2 * epsilon))
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_n_reverse_order(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = np.concatenate([gradients[k].reshape(-1, 1) for k in ("dW3", "db3", "dW2", "db2", "dW1", "db1")])
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        thetaplus, thetaminus = np.copy(theta), np.copy(theta)
        thetaplus[i] += epsilon
        thetaminus[i] -= epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_params(thetaplus, like=parameters))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_params(thetaminus, like=parameters))[0]
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check_n_fixed_epsilon(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    return gradient_check_n_reference(parameters, gradients, X, Y, epsilon=1e-7)


def gradient_check_n_numerator_only(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = gradients_to_vector(gradients, like=parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        thetaplus, thetaminus = np.copy(theta), np.copy(theta)
        thetaplus[i] += epsilon
        thetaminus[i] -= epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_params(thetaplus, like=parameters))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_params(thetaminus, like=parameters))[0]
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox)


def gradient_check_n_first_entries_only(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = gradients_to_vector(gradients, like=parameters)
    gradapprox = np.copy(grad)
    for i in range(10):
        thetaplus, thetaminus = np.copy(theta), np.copy(theta)
        thetaplus[i] += epsilon
        thetaminus[i] -= epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_params(thetaplus, like=parameters))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_params(thetaminus, like=parameters))[0]
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@pytest.mark.parametrize("right", [gradient_check_n_reference, gradient_check_n_per_entry])
def test_check_gradient_check_n_accepts_right_variants(right):
    checks.check_gradient_check_n(right)


@pytest.mark.parametrize("wrong, fragments", [
    (gradient_check_n_toolkit, ["refers to gradient_check", "write the loop"]),
    (gradient_check_n_toolkit_hidden, ["called dlhelpers.gradcheck's numerical_gradient"]),
    (gradient_check_n_one_sided, ["called at theta itself", "one-sided"]),
    (gradient_check_n_no_copy, ["several entries changed at once", "np.copy(theta)"]),
    (gradient_check_n_vector_passed, ["not a dict", "vector_to_params"]),
    (gradient_check_n_reverse_order, ["different orders", "gradients_to_vector"]),
    (gradient_check_n_fixed_epsilon, ["use the epsilon argument"]),
    (gradient_check_n_numerator_only, ["the numerator alone"]),
    (gradient_check_n_first_entries_only, ["called 20 times", "every entry"]),
])
def test_check_gradient_check_n_names_the_mistake(wrong, fragments):
    fails_with(checks.check_gradient_check_n, wrong, "gradient_check_n", *fragments)


def test_check_gradient_check_n_puts_the_toolkit_and_globals_back_after_a_failure():
    originals = (gradcheck.numerical_gradient, gradcheck.gradient_check, forward_propagation_n)
    fails_with(checks.check_gradient_check_n, gradient_check_n_toolkit_hidden, "numerical_gradient")
    fails_with(checks.check_gradient_check_n, gradient_check_n_one_sided, "one-sided")
    assert (gradcheck.numerical_gradient, gradcheck.gradient_check, globals()["forward_propagation_n"]) == originals


def test_check_gradient_check_n_refuses_a_toolkit_alias_in_the_globals():
    namespace = {"np": np, "estimate": gradcheck.numerical_gradient, "params_to_vector": params_to_vector,
                 "vector_to_params": vector_to_params, "gradients_to_vector": gradients_to_vector,
                 "forward_propagation_n": forward_propagation_n}
    exec(
        "def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):\n"
        "    theta = params_to_vector(parameters)\n"
        "    f = lambda t: forward_propagation_n(X, Y, vector_to_params(t, like=parameters))[0]\n"
        "    approx = estimate(f, theta, epsilon)\n"
        "    grad = gradients_to_vector(gradients, like=parameters)\n"
        "    return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))\n",
        namespace)
    fails_with(checks.check_gradient_check_n, namespace["gradient_check_n"], "called dlhelpers.gradcheck's")
    assert namespace["estimate"] is gradcheck.numerical_gradient


def test_names_used_sees_nested_functions():
    def outer():
        return lambda: gradcheck.numerical_gradient
    assert {"gradcheck", "numerical_gradient"} <= checks.names_used(outer)


# --- backward_propagation_n_fixed ------------------------------------------------------------

def backward_fixed_reference(X, Y, cache):
    return backward_with(X, Y, cache)


def backward_fixed_variant(X, Y, cache):
    """Right, written differently: np.where for the ReLU and only the six gradients returned."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dZ2 = np.where(Z2 > 0, W3.T @ dZ3, 0.0)
    dZ1 = np.where(Z1 > 0, W2.T @ dZ2, 0.0)
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.mean(axis=1, keepdims=True),
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.mean(axis=1, keepdims=True),
            "dW3": dZ3 @ A2.T / m, "db3": dZ3.mean(axis=1, keepdims=True)}


@pytest.mark.parametrize("right", [backward_fixed_reference, backward_fixed_variant])
def test_check_backward_propagation_n_fixed_accepts_right_variants(right):
    checks.check_backward_propagation_n_fixed(right)


@pytest.mark.parametrize("wrong, fragments", [
    (lambda X, Y, c: backward_with(X, Y, c, w2_factor=2, b1_factor=4),
     ["db1 is 4 times the right value: 4/m where 1/m belongs", "dW2 is twice the right value"]),
    (lambda X, Y, c: backward_with(X, Y, c, w2_factor=2), ["dW2 is twice the right value: a factor 2 is still there"]),
    (lambda X, Y, c: backward_with(X, Y, c, w3_sign=-1), ["dW3 is the right value with a wrong sign"]),
    (lambda X, Y, c: dict(backward_with(X, Y, c), dW1=backward_with(X, Y, c)["dW1"] * X.shape[1]),
     ["dW1 is m = 6 times the right value: the 1/m is missing"]),
    (lambda X, Y, c: backward_with(X, Y, c, relu2=False),
     ["dW1, db1, dW2, db2 disagree with the numerical gradients", "start with the highest: db2", "largest gap"]),
    (lambda X, Y, c: {k: v for k, v in backward_with(X, Y, c).items() if k != "db3"}, ["missing the key(s) ['db3']"]),
    (lambda X, Y, c: dict(backward_with(X, Y, c), dW1=backward_with(X, Y, c)["dW1"].T), ["dW1", "shape"]),
])
def test_check_backward_propagation_n_fixed_names_the_mistake(wrong, fragments):
    fails_with(checks.check_backward_propagation_n_fixed, wrong, "backward_propagation_n_fixed", *fragments)


def test_check_backward_propagation_n_fixed_asks_for_the_given_forward_pass():
    namespace = {}
    exec("def backward_propagation_n_fixed(X, Y, cache):\n    return {}\n", namespace)
    fails_with(checks.check_backward_propagation_n_fixed, namespace["backward_propagation_n_fixed"],
               "forward_propagation_n is not defined", "Run the read-only cell")


# --- stubs ------------------------------------------------------------------------------------

STUBBED = {"forward_propagation": checks.check_forward_propagation,
           "backward_propagation": checks.check_backward_propagation,
           "gradient_check": checks.check_gradient_check, "gradient_check_n": checks.check_gradient_check_n,
           "backward_propagation_n_fixed": checks.check_backward_propagation_n_fixed}


@pytest.mark.parametrize("name", sorted(STUBBED))
def test_check_names_a_stub_that_is_not_implemented(name):
    namespace = {"np": np, "forward_propagation_n": forward_propagation_n}  # the notebook's given functions
    exec(f"def {name}(*args, **kwargs):\n    raise NotImplementedError()\n", namespace)  # as the stub cell
    fails_with(STUBBED[name], namespace[name], f"{name} is not implemented yet", "raise NotImplementedError()")


def test_check_of_a_stub_puts_the_toolkit_and_globals_back():
    namespace = {"np": np, "forward_propagation": forward_propagation}
    exec("def gradient_check(x, theta, epsilon=1e-7, print_msg=False):\n    raise NotImplementedError()\n",
         namespace)
    fails_with(checks.check_gradient_check, namespace["gradient_check"], "gradient_check is not implemented yet")
    assert namespace["forward_propagation"] is forward_propagation and "backward_propagation" not in namespace
    assert gradcheck.numerical_gradient.__name__ == "numerical_gradient"
