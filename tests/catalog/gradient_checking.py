"""Mistakes and valid alternatives for the gradient-checking notebook."""

from catalog import Entry

# --- forward_propagation, backward_propagation ------------------------------------------------

FORWARD = '''def forward_propagation(x, theta):
    J = {J}
    return J
'''
BACKWARD = '''def backward_propagation(x, theta):
    dtheta = {dtheta}
    return dtheta
'''


def forward(J):
    return FORWARD.format(J=J)


def backward(dtheta):
    return BACKWARD.format(dtheta=dtheta)


# --- gradient_check (1-D) ---------------------------------------------------------------------

GRADIENT_CHECK = '''def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    thetaplus = {plus}
    thetaminus = {minus}
    J_plus = forward_propagation(x, thetaplus)
    J_minus = forward_propagation(x, thetaminus)
    gradapprox = {approx}
    grad = {grad}
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = {denominator}
    difference = {difference}
    if print_msg:
        print(describe_difference(difference))
    return difference
'''
GOOD_1D = dict(plus="theta + epsilon", minus="theta - epsilon", approx="(J_plus - J_minus) / (2 * epsilon)",
               grad="backward_propagation(x, theta)",
               denominator="np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
               difference="numerator / denominator")


def gradient_check(**changes):
    return GRADIENT_CHECK.format(**{**GOOD_1D, **changes})


# --- gradient_check_n -------------------------------------------------------------------------

GRADIENT_CHECK_N = '''def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = {grad}
    num_parameters = theta.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range({range}):
        thetaplus = {copy_plus}
        thetaplus[i] = thetaplus[i] + {eps}
        J_plus[i], _ = forward_propagation_n(X, Y, {plus_params})

        thetaminus = np.copy(theta)
        thetaminus[i] = thetaminus[i] - {eps}
        J_minus[i], _ = forward_propagation_n(X, Y, {minus_params})

        gradapprox[i] = {approx}

    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = {difference}
    if print_msg:
        print(describe_difference(difference))
    return difference
'''
GOOD_ND = dict(grad="gradients_to_vector(gradients, like=parameters)", range="num_parameters",
               copy_plus="np.copy(theta)", eps="epsilon",
               plus_params="vector_to_params(thetaplus, like=parameters)",
               minus_params="vector_to_params(thetaminus, like=parameters)",
               approx="(J_plus[i] - J_minus[i]) / (2 * epsilon)", difference="numerator / denominator")


def gradient_check_n(**changes):
    return GRADIENT_CHECK_N.format(**{**GOOD_ND, **changes})


N_TOOLKIT = '''def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    report = gradcheck.gradient_check(lambda p: forward_propagation_n(X, Y, p)[0], parameters, gradients, epsilon)
    difference = report.difference
    if print_msg:
        print(describe_difference(difference))
    return difference
'''
N_ONE_SIDED = '''def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters)
    grad = gradients_to_vector(gradients, like=parameters)
    J, _ = forward_propagation_n(X, Y, parameters)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        thetaplus = np.copy(theta)
        thetaplus[i] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_params(thetaplus, like=parameters))
        gradapprox[i] = (J_plus - J) / epsilon
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg:
        print(describe_difference(difference))
    return difference
'''

# --- backward_propagation_n_fixed ------------------------------------------------------------

BACKWARD_N = '''def backward_propagation_n_fixed(X, Y, cache):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = {dW3}
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = {dZ2}
    dW2 = {dW2}
    db2 = {db2}

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = {dW1}
    db1 = {db1}
    gradients = {{"dZ3": dZ3, "dW3": dW3, "db3": db3,
                 "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
                 "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}}
    return gradients
'''
GOOD_BN = dict(dW3="1.0 / m * np.dot(dZ3, A2.T)", dZ2="np.multiply(dA2, np.int64(A2 > 0))",
               dW2="1.0 / m * np.dot(dZ2, A1.T)", db2="1.0 / m * np.sum(dZ2, axis=1, keepdims=True)",
               dW1="1.0 / m * np.dot(dZ1, X.T)", db1="1.0 / m * np.sum(dZ1, axis=1, keepdims=True)")


def backward_n(**changes):
    return BACKWARD_N.format(**{**GOOD_BN, **changes})


MISTAKES = [
    Entry("forward_propagation", "theta + x", forward("theta + x"), "theta + x"),
    Entry("forward_propagation", "theta ** x", forward("theta ** x"), "theta ** x"),
    Entry("forward_propagation", "x alone", forward("x"), "J is x alone"),
    Entry("forward_propagation", "theta alone", forward("theta"), "J is theta alone"),
    Entry("backward_propagation", "derivative with respect to x", backward("theta"),
          "the derivative with respect to x"),
    Entry("backward_propagation", "returns the cost", backward("theta * x"), "the cost J itself"),
    Entry("backward_propagation", "sign error", backward("-x"), "a wrong sign"),
    Entry("backward_propagation", "derivative of theta is 1", backward("1"), "the constant 1"),
    Entry("gradient_check", "one-sided difference",
          gradient_check(minus="theta", approx="(J_plus - J_minus) / epsilon"), "one-sided"),
    Entry("gradient_check", "numerator alone", gradient_check(difference="numerator"), "the numerator alone"),
    Entry("gradient_check", "denominator norm(grad) alone", gradient_check(denominator="np.linalg.norm(grad)"),
          "the denominator is norm(grad) alone"),
    Entry("gradient_check", "divides by epsilon", gradient_check(approx="(J_plus - J_minus) / epsilon"),
          "dividing by epsilon instead of 2 * epsilon"),
    Entry("gradient_check", "fixed epsilon ignores the argument",
          gradient_check(plus="theta + 1e-7", minus="theta - 1e-7", approx="(J_plus - J_minus) / 2e-7"),
          "use the epsilon argument"),
    Entry("gradient_check", "derivative written out instead of backward_propagation", gradient_check(grad="x"),
          "did not call backward_propagation"),
    Entry("gradient_check", "toolkit numerical_gradient",
          gradient_check(approx="gradcheck.numerical_gradient(lambda t: forward_propagation(x, float(t)), "
                                "np.array(float(theta)), epsilon)"), "refers to numerical_gradient"),
    Entry("gradient_check", "sign error in the numerator", gradient_check(approx="(J_minus - J_plus) / (2 * epsilon)"),
          "a wrong sign in gradapprox"),
    Entry("gradient_check_n", "toolkit gradient_check", N_TOOLKIT, "refers to gradient_check"),
    Entry("gradient_check_n", "one-sided difference", N_ONE_SIDED, "one-sided"),
    Entry("gradient_check_n", "no copy of theta", gradient_check_n(copy_plus="theta"), "several entries changed at once"),
    Entry("gradient_check_n", "vector passed to forward_propagation_n",
          gradient_check_n(plus_params="thetaplus", minus_params="thetaminus"), "not a dict"),
    Entry("gradient_check_n", "gradients in reverse order",
          gradient_check_n(grad='np.concatenate([gradients[k].reshape(-1, 1) for k in '
                                '("dW3", "db3", "dW2", "db2", "dW1", "db1")])'), "different orders"),
    Entry("gradient_check_n", "fixed epsilon ignores the argument",
          gradient_check_n(eps="1e-7", approx="(J_plus[i] - J_minus[i]) / (2 * 1e-7)"), "use the epsilon argument"),
    Entry("gradient_check_n", "numerator alone", gradient_check_n(difference="numerator"), "the numerator alone"),
    Entry("gradient_check_n", "off by one: last entry skipped", gradient_check_n(range="num_parameters - 1"),
          "every entry"),
    Entry("gradient_check_n", "divides by epsilon", gradient_check_n(approx="(J_plus[i] - J_minus[i]) / epsilon"),
          "dividing by epsilon instead of 2 * epsilon"),
    Entry("backward_propagation_n_fixed", "dW2 bug left in", backward_n(dW2="1.0 / m * np.dot(dZ2, A1.T) * 2"),
          "dW2 is twice the right value"),
    Entry("backward_propagation_n_fixed", "db1 bug left in", backward_n(db1="4.0 / m * np.sum(dZ1, axis=1, keepdims=True)"),
          "4/m where 1/m belongs"),
    Entry("backward_propagation_n_fixed", "sign error in dW3", backward_n(dW3="1.0 / m * np.dot(Y - A3, A2.T)"),
          "wrong sign"),
    Entry("backward_propagation_n_fixed", "ReLU derivative forgotten", backward_n(dZ2="dA2"),
          "start with the highest: db2"),
    Entry("backward_propagation_n_fixed", "sigmoid derivative for the ReLU",
          backward_n(dZ2="np.multiply(dA2, A2 * (1 - A2))"), "disagree with the numerical gradients"),
    Entry("backward_propagation_n_fixed", "rank-1 db2", backward_n(db2="1.0 / m * np.sum(dZ2, axis=1)"), "rank-1 array"),
    Entry("backward_propagation_n_fixed", "transposed dW1", backward_n(dW1="1.0 / m * np.dot(X, dZ1.T)"), "shape"),
    Entry("backward_propagation_n_fixed", "missing 1/m in dW1", backward_n(dW1="np.dot(dZ1, X.T)"), "the 1/m is missing"),
]

VALID = [
    Entry("forward_propagation", "np.multiply", "def forward_propagation(x, theta):\n    return np.multiply(x, theta)\n"),
    Entry("backward_propagation", "np.float64", "def backward_propagation(x, theta):\n    return np.float64(x) * 1.0\n"),
    Entry("gradient_check", "abs instead of norm, keyword arguments", '''def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x=x, theta=theta + epsilon)
    J_minus = forward_propagation(x=x, theta=theta - epsilon)
    gradapprox = (J_plus - J_minus) / epsilon / 2
    grad = backward_propagation(x, theta)
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    if print_msg:
        print(describe_difference(difference))
    return difference
'''),
    Entry("gradient_check_n", "per entry of each array, without the vector helpers", '''def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
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
    difference = float(np.sqrt(np.sum((grad - approx) ** 2)) / (np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(approx ** 2))))
    if print_msg:
        print(describe_difference(difference))
    return difference
'''),
    Entry("gradient_check_n", "+= on copies and a rank-1 gradapprox", '''def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta = params_to_vector(parameters).ravel()
    grad = gradients_to_vector(gradients, like=parameters).ravel()
    gradapprox = np.empty(theta.size, dtype=np.float64)
    for i in range(theta.size):
        thetaplus, thetaminus = theta.copy(), theta.copy()
        thetaplus[i] += epsilon
        thetaminus[i] -= epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_params(thetaplus.reshape(-1, 1), like=parameters))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_params(thetaminus.reshape(-1, 1), like=parameters))[0]
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg:
        print(describe_difference(difference))
    return difference
'''),
    Entry("backward_propagation_n_fixed", "np.where on Z, np.mean and @", '''def backward_propagation_n_fixed(X, Y, cache):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dA2 = W3.T @ dZ3
    dZ2 = np.where(Z2 > 0, dA2, 0.0)
    dA1 = W2.T @ dZ2
    dZ1 = np.where(Z1 > 0, dA1, 0.0)
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.mean(axis=1, keepdims=True),
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.mean(axis=1, keepdims=True),
            "dW3": dZ3 @ A2.T / m, "db3": dZ3.mean(axis=1, keepdims=True),
            "dZ3": dZ3, "dA2": dA2, "dZ2": dZ2, "dA1": dA1, "dZ1": dZ1}
'''),
]

# Injected together, without the reference re-run after them: each exercise is graded on its own.
# gradient_check is graded on known costs substituted for the functions it calls, so a wrong
# forward_propagation costs no other exercise; a wrong gradient_check_n costs no other exercise.
INDEPENDENT = [
    Entry("forward_propagation", "theta + x (independent)", forward("theta + x"),
          keeps=("backward_propagation_tests", "gradient_check_tests", "backward_propagation_n_fixed_tests")),
    Entry("gradient_check_n", "divides by epsilon (independent)",
          gradient_check_n(approx="(J_plus[i] - J_minus[i]) / epsilon"),
          keeps=("backward_propagation_tests", "gradient_check_tests", "backward_propagation_n_fixed_tests")),
]
