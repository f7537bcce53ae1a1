"""Mistakes and valid alternatives for the numpy warm-up notebook."""

from catalog import Entry


def fn(signature, body):
    """The source of an answer cell: ``def signature:`` with a one-line (or multi-line) body."""
    lines = "".join(f"    {line}\n" for line in body.strip("\n").split("\n"))
    return f"def {signature}:\n{lines}"


def basic_sigmoid(body):
    return fn("basic_sigmoid(x)", body)


def sigmoid(body):
    return fn("sigmoid(x)", body)


def sigmoid_derivative(body):
    return fn("sigmoid_derivative(x)", body)


def image2vector(body):
    return fn("image2vector(image)", body)


def normalize_rows(body):
    return fn("normalize_rows(x)", body)


def softmax(body):
    return fn("softmax(x)", body)


def L1(body):
    return fn("L1(yhat, y)", body)


def L2(body):
    return fn("L2(yhat, y)", body)


MISTAKES = [
    # basic_sigmoid
    Entry("basic_sigmoid", "wrong sign in the exponent", basic_sigmoid("return 1 / (1 + math.exp(x))"),
          "wrong sign in the exponent"),
    Entry("basic_sigmoid", "exp(-x) alone", basic_sigmoid("return math.exp(-x)"), "math.exp(-x) alone"),
    Entry("basic_sigmoid", "a one-element list", basic_sigmoid("s = 1 / (1 + math.exp(-x))\nreturn [s]"), "not [s]"),
    Entry("basic_sigmoid", "operator precedence: 1 / 1 + exp(-x)", basic_sigmoid("return 1 / 1 + math.exp(-x)"),
          "operator precedence"),
    Entry("basic_sigmoid", "a numpy array instead of a float",
          basic_sigmoid("return 1 / (1 + np.exp(-np.array([x])))"), "use math.exp"),
    Entry("basic_sigmoid", "rounded to 4 digits", basic_sigmoid("return round(1 / (1 + math.exp(-x)), 4)")),
    # sigmoid
    Entry("sigmoid", "wrong sign in the exponent", sigmoid("return 1 / (1 + np.exp(x))"), "wrong sign in the exponent"),
    Entry("sigmoid", "math.exp on an array", sigmoid("return 1 / (1 + math.exp(-x))"), "use np.exp"),
    Entry("sigmoid", "a list from a loop", sigmoid("return [1 / (1 + math.exp(-v)) for v in x]"), "a list"),
    Entry("sigmoid", "operator precedence: 1 / 1 + exp(-x)", sigmoid("return 1 / 1 + np.exp(-x)"),
          "operator precedence"),
    Entry("sigmoid", "negates its argument in place", sigmoid("x *= -1\nreturn 1 / (1 + np.exp(x))"),
          "changed its argument in place"),
    Entry("sigmoid", "tanh instead of the sigmoid", sigmoid("return np.tanh(x)")),
    # sigmoid_derivative
    Entry("sigmoid_derivative", "returns s", sigmoid_derivative("return sigmoid(x)"), "s itself was returned"),
    Entry("sigmoid_derivative", "x (1 - x)", sigmoid_derivative("return x * (1 - x)"), "compute s = sigmoid(x) first"),
    Entry("sigmoid_derivative", "1 - s", sigmoid_derivative("s = sigmoid(x)\nreturn 1 - s"), "1 - s alone"),
    Entry("sigmoid_derivative", "s * s", sigmoid_derivative("s = sigmoid(x)\nreturn s * s"), "s * s"),
    Entry("sigmoid_derivative", "s (1 - x)", sigmoid_derivative("s = sigmoid(x)\nreturn s * (1 - x)")),
    # image2vector
    Entry("image2vector", "rank-1 result", image2vector("return image.reshape(-1)"), "rank-1"),
    Entry("image2vector", "a row instead of a column", image2vector("return image.reshape(1, -1)"),
          "stores vectors as columns"),
    Entry("image2vector", "Fortran order", image2vector("return image.reshape(-1, 1, order='F')"), "wrong order"),
    Entry("image2vector", "transposed image", image2vector("return image.T.reshape(-1, 1)"), "wrong order"),
    Entry("image2vector", "depth fixed at 3 (RGB assumed)",
          image2vector("return image.reshape(image.shape[0] * image.shape[1] * 3, 1)"), "fixed sizes"),
    Entry("image2vector", "reshapes its argument in place",
          image2vector("image.shape = (image.size, 1)\nreturn image"), "changed its argument in place"),
    # normalize_rows
    Entry("normalize_rows", "norms of the columns", normalize_rows("return x / np.linalg.norm(x, axis=0, keepdims=True)"),
          "norms of the columns"),
    Entry("normalize_rows", "squared norm", normalize_rows("return x / np.sum(x ** 2, axis=1, keepdims=True)"),
          "squared norm"),
    Entry("normalize_rows", "norm of the whole matrix", normalize_rows("return x / np.linalg.norm(x)"), "whole matrix"),
    Entry("normalize_rows", "keepdims missing", normalize_rows("x_norm = np.linalg.norm(x, axis=1)\nreturn x / x_norm"),
          "keepdims=True"),
    Entry("normalize_rows", "in-place division of an integer array",
          normalize_rows("x /= np.linalg.norm(x, axis=1, keepdims=True)\nreturn x"), "in-place"),
    Entry("normalize_rows", "L1 norm", normalize_rows("return x / np.sum(np.abs(x), axis=1, keepdims=True)"), "L1 norm"),
    # softmax
    Entry("softmax", "naive form overflows", softmax("x_exp = np.exp(x)\nreturn x_exp / np.sum(x_exp, axis=1, keepdims=True)"),
          "overflows"),
    Entry("softmax", "global maximum subtracted",
          softmax("x_exp = np.exp(x - np.max(x))\nreturn x_exp / np.sum(x_exp, axis=1, keepdims=True)"),
          "maximum of the whole array"),
    Entry("softmax", "normalised over the columns",
          softmax("x_exp = np.exp(x - np.max(x, axis=0, keepdims=True))\nreturn x_exp / np.sum(x_exp, axis=0, keepdims=True)"),
          "over the columns (axis=0)"),
    Entry("softmax", "normalised over the whole array",
          softmax("x_exp = np.exp(x - np.max(x))\nreturn x_exp / np.sum(x_exp)"), "over the whole array"),
    Entry("softmax", "keepdims missing in the sum",
          softmax("x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))\nreturn x_exp / np.sum(x_exp, axis=1)"),
          "keepdims=True"),
    Entry("softmax", "keepdims missing in the maximum",
          softmax("x_exp = np.exp(x - np.max(x, axis=1))\nreturn x_exp / np.sum(x_exp, axis=1, keepdims=True)"),
          "keepdims=True"),
    Entry("softmax", "shifts its argument in place",
          softmax("x -= np.max(x, axis=1, keepdims=True)\nx_exp = np.exp(x)\n"
                  "return x_exp / np.sum(x_exp, axis=1, keepdims=True)"), "changed its argument in place"),
    # L1
    Entry("L1", "the mean", L1("return np.mean(np.abs(y - yhat))"), "the mean of |y - yhat|"),
    Entry("L1", "no absolute value", L1("return np.sum(y - yhat)"), "no absolute value"),
    Entry("L1", "one loss per entry", L1("return np.abs(y - yhat)"), "one loss per entry"),
    Entry("L1", "built-in sum on a 2-D array", L1("return sum(abs(y - yhat))"), "one loss per entry"),
    Entry("L1", "np.linalg.norm without ord=1", L1("return np.linalg.norm(y - yhat)"), "ord=1"),
    Entry("L1", "absolute value of the sum", L1("return np.abs(np.sum(y - yhat))"), "no absolute value"),
    # L2
    Entry("L2", "square root", L2("return np.sqrt(np.sum((y - yhat) ** 2))"), "a square root"),
    Entry("L2", "absolute values", L2("return np.sum(np.abs(y - yhat))"), "absolute values instead of squares"),
    Entry("L2", "the mean", L2("return np.mean((y - yhat) ** 2)"), "the mean of the squares"),
    Entry("L2", "square of the sum", L2("return np.sum(y - yhat) ** 2"), "the square of the sum"),
    Entry("L2", "np.dot on row vectors", L2("return np.dot(y - yhat, y - yhat)"), "rank-1"),
    Entry("L2", "(1, 1) array from a product with the transpose",
          L2("d = y - yhat\nreturn np.dot(d, d.T)"), "should be a single number"),
    Entry("L2", "one loss per entry", L2("return (y - yhat) ** 2"), "one loss per entry"),
    Entry("L2", "half the sum of squares", L2("return 0.5 * np.sum((y - yhat) ** 2)"), "factor 1/2"),
]

VALID = [
    Entry("basic_sigmoid", "np.exp on a number (np.float64)", basic_sigmoid("return 1 / (1 + np.exp(-x))")),
    Entry("basic_sigmoid", "exp(x) / (1 + exp(x))", basic_sigmoid("return math.exp(x) / (1 + math.exp(x))")),
    Entry("sigmoid", "via tanh", sigmoid("return 0.5 * (1 + np.tanh(np.asarray(x) / 2))")),
    Entry("sigmoid", "np.reciprocal and a float copy", sigmoid("return np.reciprocal(1.0 + np.exp(-np.asarray(x, dtype=float)))")),
    Entry("sigmoid_derivative", "exp(-x) / (1 + exp(-x))^2", sigmoid_derivative("return np.exp(-x) / (1 + np.exp(-x)) ** 2")),
    Entry("sigmoid_derivative", "s - s ** 2", sigmoid_derivative("s = sigmoid(x)\nreturn s - s ** 2")),
    Entry("image2vector", "reshape(-1, 1)", image2vector("return image.reshape(-1, 1)")),
    Entry("image2vector", "ravel and a new axis", image2vector("return image.ravel()[:, np.newaxis]")),
    Entry("image2vector", "np.reshape with image.size", image2vector("return np.reshape(image, (image.size, 1))")),
    Entry("normalize_rows", "sqrt of the sum of squares and [:, None]",
          normalize_rows("return x / np.sqrt((x ** 2).sum(axis=1))[:, None]")),
    Entry("normalize_rows", "in-place division of a float copy",
          normalize_rows("x = x.astype(float)\nx /= np.linalg.norm(x, ord=2, axis=1, keepdims=True)\nreturn x")),
    Entry("normalize_rows", "einsum and transposes",
          normalize_rows("return (x.T / np.sqrt(np.einsum('ij,ij->i', x, x))).T")),
    Entry("softmax", "log-sum-exp", softmax(
        "m = np.max(x, axis=1, keepdims=True)\n"
        "return np.exp(x - m - np.log(np.sum(np.exp(x - m), axis=1, keepdims=True)))")),
    Entry("softmax", "reshape instead of keepdims",
          softmax("e = np.exp(x - x.max(axis=1).reshape(-1, 1))\nreturn e / e.sum(axis=1).reshape(-1, 1)")),
    Entry("L1", "np.linalg.norm with ord=1 of the flattened difference",
          L1("return float(np.linalg.norm((y - yhat).ravel(), 1))")),
    Entry("L1", "np.sum of the built-in abs", L1("return np.sum(abs(yhat - y))")),
    Entry("L2", "np.dot of the flattened difference", L2("d = (y - yhat).ravel()\nreturn np.dot(d, d)")),
    Entry("L2", "np.square and a Python float", L2("return float(np.sum(np.square(yhat - y)))")),
    Entry("L2", "squared Frobenius norm", L2("return np.linalg.norm(y - yhat) ** 2")),
]
