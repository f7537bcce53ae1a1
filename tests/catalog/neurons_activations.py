"""Mistakes and valid alternatives for the neurons and activations notebook."""

from catalog import Entry


def fn(signature, body):
    """The source of an answer cell: ``def signature:`` with a one-line (or multi-line) body."""
    lines = "".join(f"    {line}\n" for line in body.strip("\n").split("\n"))
    return f"def {signature}:\n{lines}"


def predict(body):
    return fn("perceptron_predict(X, w, b)", body)


def train(body):
    return fn("perceptron_train(X, Y, epochs, learning_rate)", body)


def rule(update="w = w + learning_rate * error * x\nb = b + learning_rate * error", test="z >= 0",
         start="w = np.zeros((n_x, 1))", reset="count = 0", returned="return w, float(b), mistakes"):
    """perceptron_train written out, with one of its parts replaced."""
    update = "\n".join(f"            {line}" for line in update.split("\n"))
    return train(f"""
n_x, m = X.shape
{start}
b = 0.0
mistakes = []
count = 0
for epoch in range(epochs):
    {reset}
    for i in range(m):
        x = X[:, i:i + 1]
        z = float(np.dot(w.T, x)[0, 0]) + b
        error = Y[0, i] - (1 if {test} else 0)
        if error != 0:
{update}
            count += 1
    mistakes.append(count)
{returned}""")


def tanh(body):
    return fn("tanh(Z)", body)


def relu(body):
    return fn("relu(Z)", body)


def leaky_relu(body):
    return fn("leaky_relu(Z, alpha=0.01)", body)


def tanh_backward(body):
    return fn("tanh_backward(dA, Z)", body)


def relu_backward(body):
    return fn("relu_backward(dA, Z)", body)


def leaky_relu_backward(body):
    return fn("leaky_relu_backward(dA, Z, alpha=0.01)", body)


def collapse(body):
    return fn("collapse_linear_layers(weights)", body)


MISTAKES = [
    # perceptron_predict
    Entry("perceptron_predict", "step(0) = 0", predict("return (np.dot(w.T, X) + b > 0).astype(int)"),
          "step(0) taken as 0"),
    Entry("perceptron_predict", "the pre-activations, no step", predict("return np.dot(w.T, X) + b"),
          "step is missing"),
    Entry("perceptron_predict", "np.sign", predict("return np.sign(np.dot(w.T, X) + b)"), "np.sign"),
    Entry("perceptron_predict", "a column instead of a row", predict("return (np.dot(X.T, w) + b >= 0).astype(int)"),
          "transposed"),
    Entry("perceptron_predict", "the labels swapped", predict("return (np.dot(w.T, X) + b < 0).astype(int)"),
          "labels are swapped"),
    # perceptron_train
    Entry("perceptron_train", "step(0) = 0 in training", rule(test="z > 0"), "z > 0"),
    Entry("perceptron_train", "the bias never updated", rule(update="w = w + learning_rate * error * x"),
          "b is never updated"),
    Entry("perceptron_train", "mistakes counted cumulatively", rule(reset="pass"), "cumulatively"),
    Entry("perceptron_train", "update with y instead of y - y_hat",
          rule(update="w = w + learning_rate * Y[0, i] * x\nb = b + learning_rate * Y[0, i]"),
          "uses y instead of (y - y_hat)"),
    Entry("perceptron_train", "a batch update per epoch", train("""
n_x, m = X.shape
w, b, mistakes = np.zeros((n_x, 1)), 0.0, []
for epoch in range(epochs):
    error = Y - perceptron_predict(X, w, b)
    mistakes.append(int(np.sum(error != 0)))
    w = w + learning_rate * np.dot(X, error.T)
    b = b + learning_rate * float(np.sum(error))
return w, b, mistakes"""), "batch update"),
    Entry("perceptron_train", "random starting weights", rule(start="w = np.random.default_rng(0).normal(size=(n_x, 1))"),
          "Start from w = 0 and b = 0"),
    # tanh
    Entry("tanh", "the sigmoid", tanh("return 1 / (1 + np.exp(-Z))"), "the sigmoid"),
    Entry("tanh", "2 sigmoid(Z) - 1", tanh("return 2 / (1 + np.exp(-Z)) - 1"), "tanh(Z / 2)"),
    Entry("tanh", "the formula, which overflows", tanh("return (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z))"),
          "overflows"),
    Entry("tanh", "its derivative", tanh("return 1 - np.tanh(Z) ** 2")),
    # relu
    Entry("relu", "np.max along an axis", relu("return np.max(Z, 0)"), "np.max(Z, 0)"),
    Entry("relu", "the derivative", relu("return (Z > 0) * 1.0"), "the derivative"),
    Entry("relu", "max(Z, 1)", relu("return np.maximum(Z, 1)"), "max(Z, 1)"),
    Entry("relu", "changes Z in place", relu("Z[Z < 0] = 0\nreturn Z"), "in place"),
    # leaky_relu
    Entry("leaky_relu", "plain relu", leaky_relu("return np.maximum(0, Z)"), "plain relu"),
    Entry("leaky_relu", "alpha written in", leaky_relu("return np.where(Z > 0, Z, 0.01 * Z)"), "alpha = 0.01 written"),
    Entry("leaky_relu", "np.maximum(alpha, Z)", leaky_relu("return np.maximum(alpha, Z)"), "np.maximum(alpha, Z)"),
    Entry("leaky_relu", "alpha on the wrong side", leaky_relu("return np.where(Z > 0, alpha * Z, Z)"), "wrong side"),
    # tanh_backward
    Entry("tanh_backward", "dA missing", tanh_backward("return 1 - np.tanh(Z) ** 2"), "dA is missing"),
    Entry("tanh_backward", "1 - Z ** 2", tanh_backward("return dA * (1 - Z ** 2)"), "1 - Z ** 2"),
    Entry("tanh_backward", "no square", tanh_backward("return dA * (1 - np.tanh(Z))"), "without the square"),
    Entry("tanh_backward", "the sigmoid's derivative",
          tanh_backward("s = 1 / (1 + np.exp(-Z))\nreturn dA * s * (1 - s)"), "s (1 - s)"),
    # relu_backward
    Entry("relu_backward", "derivative 1 at 0", relu_backward("return dA * (Z >= 0)"), "derivative at Z = 0 taken as 1"),
    Entry("relu_backward", "dA missing", relu_backward("return (Z > 0) * 1.0"), "dA is missing"),
    Entry("relu_backward", "the function instead of the derivative", relu_backward("return dA * np.maximum(0, Z)"),
          "the function instead of its derivative"),
    Entry("relu_backward", "the mask from dA", relu_backward("return dA * (dA > 0)"), "mask taken from dA"),
    Entry("relu_backward", "changes dA in place", relu_backward("dA[Z <= 0] = 0\nreturn dA"), "in place"),
    # leaky_relu_backward
    Entry("leaky_relu_backward", "derivative 1 at 0", leaky_relu_backward("return dA * np.where(Z >= 0, 1.0, alpha)"),
          "derivative at Z = 0 taken as 1"),
    Entry("leaky_relu_backward", "relu's derivative", leaky_relu_backward("return dA * (Z > 0)"), "relu's derivative"),
    Entry("leaky_relu_backward", "alpha written in", leaky_relu_backward("return dA * np.where(Z > 0, 1.0, 0.01)"),
          "alpha = 0.01 written"),
    Entry("leaky_relu_backward", "dA missing", leaky_relu_backward("return np.where(Z > 0, 1.0, alpha)"),
          "dA is missing"),
    # collapse_linear_layers
    Entry("collapse_linear_layers", "the product in the wrong order", collapse("""
W = weights[0]
for W_l in weights[1:]:
    W = np.dot(W, W_l)
return W"""), "wrong order"),
    Entry("collapse_linear_layers", "np.linalg.multi_dot in list order",
          collapse("return np.linalg.multi_dot(weights) if len(weights) > 1 else weights[0]"), "wrong order"),
    Entry("collapse_linear_layers", "the element-wise product", collapse("""
W = weights[0]
for W_l in weights[1:]:
    W = W_l * W
return W"""), "element-wise product"),
    Entry("collapse_linear_layers", "the last two layers only", collapse("""
if len(weights) == 1:
    return weights[0]
return np.dot(weights[-1], weights[-2])""")),
]

VALID = [
    Entry("perceptron_predict", "booleans", predict("return np.dot(w.T, X) + b >= 0")),
    Entry("perceptron_predict", "floats from np.where", predict("return np.where(w.T @ X + b >= 0, 1.0, 0.0)")),
    Entry("perceptron_train", "the update on every example (zero when right), numpy ints", train("""
n_x, m = X.shape
w, b, mistakes = np.zeros((n_x, 1)), 0.0, []
for _ in range(epochs):
    wrong = 0
    for i in range(m):
        y_hat = perceptron_predict(X[:, [i]], w, b)[0, 0]
        w += learning_rate * (Y[0, i] - y_hat) * X[:, [i]]
        b += learning_rate * (Y[0, i] - y_hat)
        wrong += np.int64(y_hat != Y[0, i])
    mistakes.append(wrong)
return w, float(b), np.array(mistakes)""")),
    Entry("tanh", "2 sigmoid(2Z) - 1", tanh("return 2 / (1 + np.exp(-2 * np.clip(Z, -300, 300))) - 1")),
    Entry("relu", "Z * (Z > 0)", relu("return Z * (Z > 0)")),
    Entry("relu", "np.where", relu("return np.where(Z > 0, Z, 0.0)")),
    Entry("leaky_relu", "np.maximum(alpha Z, Z)", leaky_relu("return np.maximum(alpha * Z, Z)")),
    Entry("tanh_backward", "1 / cosh^2", tanh_backward("return dA / np.cosh(Z) ** 2")),
    Entry("relu_backward", "a copy with zeros", relu_backward("dZ = np.array(dA, copy=True)\ndZ[Z <= 0] = 0\nreturn dZ")),
    Entry("leaky_relu_backward", "np.where on dA",
          leaky_relu_backward("return np.where(Z > 0, dA, alpha * dA)")),
    Entry("collapse_linear_layers", "functools.reduce", collapse(
        "import functools\nreturn functools.reduce(lambda W, W_l: W_l @ W, weights)")),
    Entry("collapse_linear_layers", "multi_dot of the reversed list",
          collapse("return np.linalg.multi_dot(weights[::-1]) if len(weights) > 1 else weights[0].copy()")),
]

# A wrong activation must not cost the points of the other activations, nor of collapse_linear_layers.
INDEPENDENT = [
    Entry("relu", "the derivative", relu("return (Z > 0) * 1.0"),
          keeps=("relu_backward_tests", "leaky_relu_tests", "collapse_linear_layers_tests")),
    Entry("perceptron_predict", "step(0) = 0", predict("return (np.dot(w.T, X) + b > 0).astype(int)"),
          keeps=("relu_backward_tests", "leaky_relu_backward_tests")),
    Entry("tanh", "the sigmoid", tanh("return 1 / (1 + np.exp(-Z))"), keeps=("tanh_backward_tests",)),
]
