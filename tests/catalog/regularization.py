"""Mistakes and valid alternatives for the regularization notebook."""

from catalog import Entry


def fn(signature, body):
    """The source of an answer cell: ``def signature:`` with the body indented."""
    lines = "".join(f"    {line}\n" if line else "\n" for line in body.strip("\n").split("\n"))
    return f"def {signature}:\n{lines}"


def cost(term):
    """compute_cost_with_regularization with the L2 term written as ``term``."""
    return fn("compute_cost_with_regularization(A3, Y, parameters, lambd)", f"""
m = Y.shape[1]
W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
b1, b2, b3 = parameters["b1"], parameters["b2"], parameters["b3"]
return compute_cost(A3, Y) + {term}""")


SQUARES = "(np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))"


def l2_backward(w_term="lambd / m * W{l}", b_term=""):
    """backward_propagation_with_regularization with the term added to dW (and db) as given."""
    def add(term, l):
        return f" + {term.format(l=l)}" if term else ""
    return fn("backward_propagation_with_regularization(X, Y, cache, lambd)", f"""
m = X.shape[1]
(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
dZ3 = A3 - Y
dW3 = dZ3 @ A2.T / m{add(w_term, 3)}
db3 = np.sum(dZ3, axis=1, keepdims=True) / m{add(b_term, 3)}
dA2 = W3.T @ dZ3
dZ2 = dA2 * (A2 > 0)
dW2 = dZ2 @ A1.T / m{add(w_term, 2)}
db2 = np.sum(dZ2, axis=1, keepdims=True) / m{add(b_term, 2)}
dA1 = W2.T @ dZ2
dZ1 = dA1 * (A1 > 0)
dW1 = dZ1 @ X.T / m{add(w_term, 1)}
db1 = np.sum(dZ1, axis=1, keepdims=True) / m{add(b_term, 1)}
return {{"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
        "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}}""")


def forward(draw="rng.random({A}.shape) < keep_prob", keep="{A} = {A} * {D} / keep_prob", output="A3 = sigmoid(Z3)",
            before=""):
    """forward_propagation_with_dropout with the mask's draw, its use or the output changed."""
    def layer(l):
        A, D, Z = f"A{l}", f"D{l}", f"Z{l}"
        return f"{D} = {draw.format(A=A, D=D)}\n{keep.format(A=A, D=D, Z=Z)}"
    return fn("forward_propagation_with_dropout(X, parameters, keep_prob, rng)", f"""
W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
{before}Z1 = W1 @ X + b1
A1 = relu(Z1)
{layer(1)}
Z2 = W2 @ A1 + b2
A2 = relu(Z2)
{layer(2)}
Z3 = W3 @ A2 + b3
{output}
cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
return A3, cache""")


def dropout_backward(dA2="dA2 * D2 / keep_prob", dA1="dA1 * D1 / keep_prob", relu2="A2 > 0", relu1="A1 > 0"):
    """backward_propagation_with_dropout with the masks' use changed."""
    return fn("backward_propagation_with_dropout(X, Y, cache, keep_prob)", f"""
m = X.shape[1]
(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
dZ3 = A3 - Y
dW3 = dZ3 @ A2.T / m
db3 = np.sum(dZ3, axis=1, keepdims=True) / m
dA2 = W3.T @ dZ3
dA2 = {dA2}
dZ2 = dA2 * ({relu2})
dW2 = dZ2 @ A1.T / m
db2 = np.sum(dZ2, axis=1, keepdims=True) / m
dA1 = W2.T @ dZ2
dA1 = {dA1}
dZ1 = dA1 * ({relu1})
dW1 = dZ1 @ X.T / m
db1 = np.sum(dZ1, axis=1, keepdims=True) / m
return {{"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
        "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}}""")


MISTAKES = [
    # compute_cost_with_regularization
    Entry("compute_cost_with_regularization", "the 1/m missing", cost(f"lambd / 2 * {SQUARES}"), "the 1/m is missing"),
    Entry("compute_cost_with_regularization", "the 1/2 missing (lambd / m)", cost(f"lambd / m * {SQUARES}"),
          "the 1/2 is missing"),
    Entry("compute_cost_with_regularization", "the biases in the sum",
          cost(f"lambd / (2 * m) * ({SQUARES} + np.sum(b1 ** 2) + np.sum(b2 ** 2) + np.sum(b3 ** 2))"),
          "the biases are in the sum"),
    Entry("compute_cost_with_regularization", "norms not squared",
          cost("lambd / (2 * m) * (np.linalg.norm(W1) + np.linalg.norm(W2) + np.linalg.norm(W3))"),
          "the norms are not squared"),
    # backward_propagation_with_regularization
    Entry("backward_propagation_with_regularization", "the biases regularized",
          l2_backward(b_term="lambd / m * b{l}"), "the biases are regularized too"),
    Entry("backward_propagation_with_regularization", "lambd instead of lambd / m",
          l2_backward("lambd * W{l}"), "the term is lambd * W"),
    Entry("backward_propagation_with_regularization", "lambd / (2 m), the factor of the cost",
          l2_backward("lambd / (2 * m) * W{l}"), "the term is lambd / (2 m) * W"),
    Entry("backward_propagation_with_regularization", "the term on dW3 only",
          l2_backward("(lambd / m * W3 if {l} == 3 else 0)"), "the term lambd / m * W is missing"),
    # forward_propagation_with_dropout
    Entry("forward_propagation_with_dropout", "not divided by keep_prob", forward(keep="{A} = {A} * {D}"),
          "not divided by keep_prob"),
    Entry("forward_propagation_with_dropout", "the mask drawn with > keep_prob",
          forward(draw="rng.random({A}.shape) > keep_prob"), "the mask is drawn with > keep_prob"),
    Entry("forward_propagation_with_dropout", "the output layer dropped too",
          forward(output="A3 = sigmoid(Z3)\nD3 = rng.random(A3.shape) < keep_prob\nA3 = A3 * D3 / keep_prob"),
          "the output layer is dropped too"),
    Entry("forward_propagation_with_dropout", "masks from np.random", forward(draw="np.random.rand(*{A}.shape) < keep_prob"),
          "np.random"),
    # backward_propagation_with_dropout
    Entry("backward_propagation_with_dropout", "the masks not applied", dropout_backward("dA2", "dA1"),
          "the masks are not applied"),
    Entry("backward_propagation_with_dropout", "not divided by keep_prob", dropout_backward("dA2 * D2", "dA1 * D1"),
          "not divided by keep_prob"),
    Entry("backward_propagation_with_dropout", "multiplied by keep_prob",
          dropout_backward("dA2 * D2 * keep_prob", "dA1 * D1 * keep_prob"), "multiplied by keep_prob"),
    Entry("backward_propagation_with_dropout", "the masks of the wrong layers",
          dropout_backward("dA2 * D1 / keep_prob", "dA1 * D2 / keep_prob"), "the masks of the wrong layers"),
]

VALID = [
    Entry("compute_cost_with_regularization", "a loop over the W keys, np.linalg.norm squared", fn(
        "compute_cost_with_regularization(A3, Y, parameters, lambd)", """
m = Y.shape[1]
squares = sum(np.linalg.norm(value) ** 2 for key, value in parameters.items() if key.startswith("W"))
return compute_cost(A3, Y) + lambd * squares / (2 * m)""")),
    Entry("backward_propagation_with_regularization", "(dZ A.T + lambd W) / m",
          l2_backward("0").replace("/ m + 0", "/ m").replace("dZ3 @ A2.T / m", "(dZ3 @ A2.T + lambd * W3) / m")
          .replace("dZ2 @ A1.T / m", "(np.dot(dZ2, A1.T) + lambd * W2) / m").replace("dZ1 @ X.T / m", "(dZ1 @ X.T + lambd * W1) / m")),
    Entry("forward_propagation_with_dropout", "masks of 0/1 ints from rng.uniform",
          forward(draw="(rng.uniform(0, 1, {A}.shape) < keep_prob).astype(int)")),
    Entry("forward_propagation_with_dropout", "both masks drawn first, from the shapes of W and X", forward(
        draw="{D}", before="D1 = rng.random((W1.shape[0], X.shape[1])) < keep_prob\n"
                           "D2 = rng.random((W2.shape[0], X.shape[1])) < keep_prob\n")),
    Entry("forward_propagation_with_dropout", "rng.binomial and np.where",
          forward(draw="rng.binomial(1, keep_prob, size={A}.shape)", keep="{A} = np.where({D} == 1, {A} / keep_prob, 0.0)")),
    Entry("forward_propagation_with_dropout", "the mask applied before the ReLU",
          forward(keep="{A} = relu({Z} * {D} / keep_prob)")),
    Entry("backward_propagation_with_dropout", "np.multiply, the ReLU derivative from Z",
          dropout_backward("np.multiply(dA2, D2) / keep_prob", "np.multiply(dA1, D1) / keep_prob", relu2="Z2 > 0",
                           relu1="Z1 > 0")),
]

# A wrong L2 cost must not cost the points of the gradient exercises, nor a wrong dropout forward pass the backward's.
INDEPENDENT = [
    Entry("compute_cost_with_regularization", "the 1/m missing", cost(f"lambd / 2 * {SQUARES}"),
          keeps=("backward_propagation_with_regularization_tests", "backward_propagation_with_dropout_tests")),
    Entry("forward_propagation_with_dropout", "not divided by keep_prob", forward(keep="{A} = {A} * {D}"),
          keeps=("backward_propagation_with_dropout_tests", "backward_propagation_with_regularization_tests")),
]
