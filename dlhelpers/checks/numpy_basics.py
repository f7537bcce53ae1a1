"""Checks for the numpy warm-up notebook (sigmoid, shapes, normalisation, softmax, losses).

Each ``check_<exercise>`` calls the student's function on fixed inputs whose right answers are
known (hard-coded below), and raises ``CheckError`` naming the likely mistake when something is
off: a wrong sign, the wrong axis, a missing ``keepdims=True``, a rank-1 array, an overflow.
Inputs are always copies, so a function that changes its argument in place cannot spoil a check;
such a function is named, though, because it would change the caller's array.
"""

import numbers

import numpy as np

from ._core import describe, expect_array, expect_close, explain_stubs, fail, is_close

# Inputs shared by several checks.
X123 = [1.0, 2.0, 3.0]
SIGMOID_123 = [0.7310585786300049, 0.8807970779778823, 0.9525741268224334]
Z22 = [[-1.0, 0.0], [0.5, 4.0]]

# normalize_rows: a (2, 3) and a square (3, 3) matrix whose rows have norms 5, 7.28 and 3, 5, 2.
NORM_X = [[0, 3, 4], [1, 6, 4]]
NORM_X_ROWS = [[0.0, 0.6, 0.8], [0.13736056394868904, 0.8241633836921342, 0.5494422557947561]]
NORM_SQUARE = [[1.0, 2.0, 2.0], [3.0, 0.0, 4.0], [0.0, 0.0, 2.0]]
NORM_SQUARE_ROWS = [[1 / 3, 2 / 3, 2 / 3], [0.6, 0.0, 0.8], [0.0, 0.0, 1.0]]

# softmax: the (2, 5) example, a square (3, 3) one, and inputs as large as 1000.
SOFT_X = [[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]]
SOFT_X_ROWS = [[0.9808976649146185, 0.0008944628906901776, 0.017965767417378736,
                0.00012105238865619453, 0.00012105238865619453],
               [0.87867985588699, 0.11891638717077183, 0.0008012523140793875,
                0.0008012523140793875, 0.0008012523140793875]]
SOFT_SQUARE = [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 0.0, 4.0]]
SOFT_SQUARE_ROWS = [[0.09003057317038046, 0.24472847105479767, 0.6652409557748219],
                    [1 / 3, 1 / 3, 1 / 3],
                    [0.006573263185309084, 0.017867981870304504, 0.9755587549443865]]
SOFT_LARGE = [[1000.0, 1001.0, 1002.0], [-1000.0, -1000.0, -1000.0], [-1000.0, 0.0, 1000.0]]
SOFT_LARGE_ROWS = [[0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
                   [1 / 3, 1 / 3, 1 / 3],
                   [0.0, 0.0, 1.0]]

# L1 and L2: five predictions and their labels.
YHAT = [0.9, 0.2, 0.1, 0.4, 0.9]
Y = [1, 0, 0, 1, 1]

NO_KEEPDIMS = ("a rank-1 result of np.sum / np.max / np.linalg.norm along axis=1: it has shape (m,) "
               "and broadcasts along the wrong dimension. Pass keepdims=True to keep shape (m, 1)")


def _call(func, what, function, *args):
    """``function(*args)`` on copies of the arguments; errors with a known cause become CheckErrors."""
    args = [np.array(a) if isinstance(a, (list, np.ndarray)) else a for a in args]
    originals = [a.copy() if isinstance(a, np.ndarray) else None for a in args]
    try:
        result = function(*args)
    except TypeError as error:
        text = str(error)
        if "arrays can be converted to Python scalars" in text or "must be real number" in text:
            fail(func, f"{what} raised TypeError ({text}). Likely cause: math.exp (or float()) on an "
                       "array: math works on one number at a time; use np.exp, which works element-wise.")
        if "Cannot cast ufunc" in text:
            fail(func, f"{what} raised TypeError ({text}). Likely cause: an in-place operation such as "
                       "x /= ... on an integer array, which cannot store fractions; write x = x / ... .")
        raise
    except ValueError as error:
        text = str(error)
        if "could not be broadcast" in text:
            fail(func, f"{what} raised ValueError ({text}). Likely cause: {NO_KEEPDIMS}.")
        if "cannot reshape" in text:
            fail(func, f"{what} raised ValueError ({text}). Likely cause: fixed sizes in reshape; "
                       "read the sizes from the argument's .shape.")
        if "not aligned" in text or "mismatch in its core dimension" in text:
            fail(func, f"{what} raised ValueError ({text}). Likely cause: np.dot(v, v) works for rank-1 "
                       "vectors only; np.sum(...) works for arrays of any shape.")
        raise
    for position, (arg, original) in enumerate(zip(args, originals)):
        if original is not None and (arg.shape != original.shape or not np.array_equal(arg, original, equal_nan=True)):
            fail(func, f"{what} changed its argument in place (argument {position + 1} had shape "
                       f"{original.shape} and now has shape {arg.shape}"
                       f"{'' if arg.shape != original.shape else ' and other values'}). "
                       "Likely cause: an in-place operation such as x /= ..., x -= ..., x *= -1 or "
                       "x.shape = ...; the caller's array must stay as it was: write x = x / ... "
                       "(a new array) instead.")
    return result


def check_basic_sigmoid(basic_sigmoid):
    """basic_sigmoid of single numbers: a float, with the right sign in the exponent."""
    func = "basic_sigmoid"
    got = _call(func, "basic_sigmoid(1)", basic_sigmoid, 1)
    if isinstance(got, np.ndarray):
        fail(func, f"basic_sigmoid(1) returned {describe(got)}; it should return a float. "
                   "Likely cause: numpy instead of math: use math.exp, which returns a plain float.")
    if isinstance(got, (list, tuple)):
        fail(func, f"basic_sigmoid(1) returned {describe(got)}; it should return the float itself, "
                   "not a list holding it (return s, not [s]).")
    if not isinstance(got, numbers.Real) or isinstance(got, bool):
        fail(func, f"basic_sigmoid(1) should return a float, got {describe(got)}.")
    expect_close(func, "basic_sigmoid(1)", got, 0.7310585786300049, mistakes=[
        (0.2689414213699951, "a wrong sign in the exponent: s = 1 / (1 + math.exp(-x))"),
        (2.718281828459045, "math.exp(x) alone: the sigmoid is 1 / (1 + math.exp(-x))"),
        (0.36787944117144233, "math.exp(-x) alone: the sigmoid is 1 / (1 + math.exp(-x))"),
        (1.3678794411714423, "operator precedence: 1 / 1 + math.exp(-x) is 1 + math.exp(-x); "
                             "put the denominator in parentheses: 1 / (1 + math.exp(-x))"),
    ])
    expect_close(func, "basic_sigmoid(-2)", _call(func, "basic_sigmoid(-2)", basic_sigmoid, -2),
                 0.11920292202211755, mistakes=[
                     (0.8807970779778823, "a wrong sign in the exponent: s = 1 / (1 + math.exp(-x))"),
                 ])
    expect_close(func, "basic_sigmoid(0.0)", _call(func, "basic_sigmoid(0.0)", basic_sigmoid, 0.0), 0.5)


def check_sigmoid(sigmoid):
    """sigmoid of a vector and of a 2-D array: element-wise, shape kept."""
    func = "sigmoid"
    got = _call(func, "sigmoid(np.array([1, 2, 3]))", sigmoid, X123)
    if isinstance(got, list):
        fail(func, f"sigmoid(np.array([1, 2, 3])) returned {describe(got)}. Likely cause: a loop "
                   "collecting numbers in a list; apply np.exp to the whole array instead.")
    expect_close(func, "sigmoid(np.array([1, 2, 3]))", got, SIGMOID_123, mistakes=[
        ([0.2689414213699951, 0.11920292202211755, 0.04742587317756678],
         "a wrong sign in the exponent: 1 / (1 + np.exp(-x))"),
        ([2.718281828459045, 7.38905609893065, 20.085536923187668],
         "np.exp(x) alone: the sigmoid is 1 / (1 + np.exp(-x))"),
        ([1.3678794411714423, 1.1353352832366128, 1.0497870683678638],
         "operator precedence: 1 / 1 + np.exp(-x) is 1 + np.exp(-x); "
         "put the denominator in parentheses: 1 / (1 + np.exp(-x))"),
    ])
    expect_close(func, "sigmoid(np.array([[-1, 0], [0.5, 4]]))", _call(func, "sigmoid of a (2, 2) array", sigmoid, Z22),
                 [[0.2689414213699951, 0.5], [0.6224593312018546, 0.9820137900379085]])


def check_sigmoid_derivative(sigmoid_derivative):
    """sigmoid_derivative = s (1 - s) with s = sigmoid(x), element-wise, shape kept."""
    func = "sigmoid_derivative"
    got = _call(func, "sigmoid_derivative(np.array([1, 2, 3]))", sigmoid_derivative, X123)
    expect_close(func, "sigmoid_derivative(np.array([1, 2, 3]))", got,
                 [0.19661193324148185, 0.10499358540350662, 0.045176659730912], mistakes=[
                     (SIGMOID_123, "s itself was returned; the derivative is ds = s * (1 - s)"),
                     ([0.0, -2.0, -6.0], "x * (1 - x): compute s = sigmoid(x) first, then s * (1 - s)"),
                     ([0.2689414213699951, 0.11920292202211769, 0.047425873177566635],
                      "1 - s alone: the derivative is s * (1 - s)"),
                     ([0.534446645388523, 0.7758034925743758, 0.9073974670915214],
                      "s * s: the derivative is s * (1 - s)"),
                 ])
    expect_close(func, "sigmoid_derivative of a (2, 2) array", _call(func, "sigmoid_derivative of a (2, 2) array",
                                                                     sigmoid_derivative, Z22),
                 [[0.19661193324148185, 0.25], [0.2350037122015945, 0.017662706213291107]])


def _check_image(func, image2vector, image, expected):
    """image2vector of one image against its expected column, with the usual shape mistakes named."""
    shape = np.shape(image)
    n = int(np.prod(shape))
    what = f"image2vector of an image of shape {shape}"
    got = _call(func, what, image2vector, image)
    if isinstance(got, np.ndarray) and got.shape == (n,):
        fail(func, f"{what} has shape ({n},), expected ({n}, 1). Likely cause: a rank-1 array from "
                   f"reshape(-1) or .ravel(); reshape to two dimensions, (length * height * depth, 1).")
    if isinstance(got, np.ndarray) and got.shape == (1, n):
        fail(func, f"{what} has shape (1, {n}), a row; expected the column ({n}, 1). The course "
                   "stores vectors as columns.")
    got = expect_array(func, what, got, (n, 1))
    expected = np.asarray(expected, dtype=float).reshape(n, 1)
    if not is_close(got, expected) and is_close(np.sort(got, axis=0), np.sort(expected, axis=0)):
        fail(func, f"{what} holds the right numbers in the wrong order. Likely cause: a transpose "
                   "(image.T) or order='F' before reshaping; reshape the image as it is, so that the last "
                   "axis (depth) varies fastest.")
    expect_close(func, what, got, expected)


def check_image2vector(image2vector):
    """image2vector: a (length, height, depth) image becomes a (length*height*depth, 1) column."""
    func = "image2vector"
    image = np.arange(12.0).reshape(2, 3, 2) / 10  # entry (i, j, k) is (6 i + 2 j + k) / 10
    _check_image(func, image2vector, image, np.arange(12.0) / 10)
    other = np.arange(24.0).reshape(4, 3, 2) - 5
    _check_image(func, image2vector, other, np.arange(24.0) - 5)


def check_normalize_rows(normalize_rows):
    """normalize_rows: each row divided by its L2 norm, on a (2, 3) and a square (3, 3) matrix."""
    func = "normalize_rows"
    what = "normalize_rows(np.array([[0, 3, 4], [1, 6, 4]]))"
    expect_close(func, what, _call(func, what, normalize_rows, NORM_X), NORM_X_ROWS, mistakes=[
        ([[0.0, 0.4472135954999579, 0.7071067811865475], [1.0, 0.8944271909999159, 0.7071067811865475]],
         "dividing by the norms of the columns (axis=0); the rows' norms are np.linalg.norm(x, axis=1, "
         "keepdims=True)"),
        ([[0.0, 0.12, 0.16], [0.018867924528301886, 0.11320754716981132, 0.07547169811320754]],
         "dividing by the squared norm (the sum of squares) without its square root"),
        ([[0.0, 0.3396831102433787, 0.45291081365783825],
          [0.11322770341445956, 0.6793662204867574, 0.45291081365783825]],
         "dividing by the norm of the whole matrix; each row needs its own norm (axis=1)"),
        ([[0.0, 0.42857142857142855, 0.5714285714285714],
          [0.09090909090909091, 0.5454545454545454, 0.36363636363636365]],
         "dividing by the sum of absolute values (the L1 norm); the L2 norm is sqrt(sum of squares)"),
    ])
    what = "normalize_rows(np.array([[1, 2, 2], [3, 0, 4], [0, 0, 2]]))"
    expect_close(func, what, _call(func, what, normalize_rows, NORM_SQUARE), NORM_SQUARE_ROWS, mistakes=[
        ([[1 / 3, 0.4, 1.0], [1.0, 0.0, 2.0], [0.0, 0.0, 1.0]],
         "column j was divided by the norm of row j: " + NO_KEEPDIMS),
    ])


def _check_softmax_finite(func, what, got):
    """Name the overflow (and the global-maximum shortcut) when softmax of large inputs is not finite."""
    got = expect_array(func, what, got, (3, 3))
    finite = np.isfinite(got).all(axis=1)
    if not finite[0]:
        fail(func, f"{what}: row 0 holds {got[0].tolist()}, not finite numbers. Likely cause: np.exp(1000) "
                   "overflows to inf and inf / inf is nan. Subtract each row's maximum before np.exp: "
                   "softmax(x) = softmax(x - c) for any number c per row.")
    if not finite.all():
        row = int(np.argmin(finite))
        fail(func, f"{what}: row {row} holds {got[row].tolist()}, not finite numbers. Likely cause: the "
                   "maximum of the whole array was subtracted, so every exp of a row far below it "
                   "underflows to 0 and 0 / 0 is nan. Subtract each row's own maximum: "
                   "np.max(x, axis=1, keepdims=True).")
    return got


def check_softmax(softmax):
    """softmax row by row, on a (2, 5) and a (3, 3) array, and stable for inputs as large as 1000."""
    func = "softmax"
    what = "softmax of the (2, 5) example [[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]"
    expect_close(func, what, _call(func, what, softmax, SOFT_X), SOFT_X_ROWS, mistakes=[
        ([[0.8807970779778825, 0.04742587317756679, 0.9933071490757152, 0.5, 0.5],
          [0.11920292202211755, 0.9525741268224333, 0.0066928509242848554, 0.5, 0.5]],
         "normalised over the columns (axis=0); each row must sum to 1: np.sum(..., axis=1, keepdims=True)"),
        ([[0.852154956552608, 0.0007770647367382155, 0.015607762461462532,
           0.00010516427623965027, 0.00010516427623965027],
          [0.11532663240653057, 0.015607762461462532, 0.00010516427623965027,
           0.00010516427623965027, 0.00010516427623965027]],
         "normalised over the whole array (np.sum without axis); each row must sum to 1: axis=1, keepdims=True"),
    ])
    what = "softmax(np.array([[1, 2, 3], [0, 0, 0], [-1, 0, 4]]))"
    expect_close(func, what, _call(func, what, softmax, SOFT_SQUARE), SOFT_SQUARE_ROWS, mistakes=[
        ([[0.09003057317038046, 2.46301869964355, 0.358888009598849],
          [0.033120396946264216, 1 / 3, 0.017867981870304504],
          [0.012184313119968024, 1 / 3, 0.9755587549443865]],
         "column j was divided by the sum of row j: " + NO_KEEPDIMS),
        ([[0.09003057317038046, 0.12262648039048078, 0.9755587549443865],
          [0.6652409557748218, 1 / 3, 0.9755587549443865],
          [0.004482358301631709, 0.006105212962911393, 0.9755587549443865]],
         "column j was divided by the sum of row j: " + NO_KEEPDIMS),
        ([[0.01714782554552039, 6.917926570853194, 0.18227052007286298],
          [0.0063083324789914245, 0.9362395518765058, 0.009074714844313747],
          [0.002320705827095024, 0.9362395518765058, 0.4954626425778431]],
         "column j was shifted by the maximum of row j and divided by the sum of row j: " + NO_KEEPDIMS),
        ([[0.01714782554552039, 0.9362395518765056, 0.04661262257797389],
          [0.0466126225779739, 0.9362395518765058, 0.01714782554552039],
          [0.009074714844313747, 0.4954626425778431, 0.4954626425778431]],
         "column j was shifted by the maximum of row j: " + NO_KEEPDIMS),
        ([[0.6652409557748219, 0.7869860421615985, 0.26538792877224193],
          [0.24472847105479767, 0.10650697891920075, 0.013212886953789414],
          [0.09003057317038046, 0.10650697891920075, 0.7213991842739685]],
         "normalised over the columns (axis=0); each row must sum to 1: np.sum(..., axis=1, keepdims=True)"),
    ])
    what = "softmax(np.array([[1000, 1001, 1002], [-1000, -1000, -1000], [-1000, 0, 1000]]))"
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        got = _call(func, what, softmax, SOFT_LARGE)
    got = _check_softmax_finite(func, what, got)
    expect_close(func, what, got, SOFT_LARGE_ROWS)


def _loss_inputs():
    yhat, y = np.array(YHAT), np.array(Y)
    return [("yhat and y of shape (5,)", yhat, y), ("yhat and y of shape (1, 5)", yhat.reshape(1, 5), y.reshape(1, 5))]


def _expect_loss(func, what, got, expected, mistakes):
    if isinstance(got, np.ndarray) and got.size > 1:
        fail(func, f"{what} returned {describe(got)}, one loss per entry; the loss is their sum, "
                   "a single number: wrap it in np.sum(...).")
    expect_close(func, what, got, expected, mistakes=mistakes)


def check_L1(L1):
    """L1 = sum of |y - yhat|, a single number, for vectors of shape (5,) and (1, 5)."""
    func = "L1"
    for shapes, yhat, y in _loss_inputs():
        what = f"L1 with {shapes}"
        _expect_loss(func, what, _call(func, what, L1, yhat, y), 1.1, mistakes=[
            (0.22, "the mean of |y - yhat|; the L1 loss is the sum"),
            (0.5, "no absolute value on each difference: the sum of (y - yhat) lets positive and negative "
                  "errors cancel (np.abs of the sum is too late); sum np.abs(y - yhat)"),
            (-0.5, "no absolute value: the sum of (yhat - y) lets positive and negative errors cancel"),
            (0.6557438524302001, "np.linalg.norm without ord=1 is the L2 norm, sqrt of the sum of squares; "
                                 "the L1 loss is np.sum(np.abs(y - yhat))"),
        ])


def check_L2(L2):
    """L2 = sum of (y - yhat)^2, a single number, for vectors of shape (5,) and (1, 5)."""
    func = "L2"
    for shapes, yhat, y in _loss_inputs():
        what = f"L2 with {shapes}"
        _expect_loss(func, what, _call(func, what, L2, yhat, y), 0.43, mistakes=[
            (0.6557438524302001, "a square root: the L2 loss is the sum of squares itself, not the norm"),
            (1.1, "absolute values instead of squares (that is the L1 loss)"),
            (0.086, "the mean of the squares; the L2 loss is the sum"),
            (0.25, "the square of the sum; square each difference first, then sum"),
            (0.215, "half the sum of squares; the L2 loss here has no factor 1/2"),
            (0.5, "no square: square each difference (y - yhat) ** 2 before summing"),
            (-0.5, "no square: square each difference (y - yhat) ** 2 before summing"),
        ])


explain_stubs(globals())
