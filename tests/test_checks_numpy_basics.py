"""The numpy warm-up's checks: realistic wrong answers are caught and named, right ones pass."""

import math

import numpy as np

from dlhelpers.checks import numpy_basics as checks
from helpers import check_fails


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


_fails = check_fails


# basic_sigmoid


def test_check_basic_sigmoid_accepts_math_and_an_equivalent_formula():
    checks.check_basic_sigmoid(lambda x: 1 / (1 + math.exp(-x)))
    checks.check_basic_sigmoid(lambda x: math.exp(x) / (1 + math.exp(x)))


def test_check_basic_sigmoid_names_a_wrong_sign():
    _fails(checks.check_basic_sigmoid, lambda x: 1 / (1 + math.exp(x)), "basic_sigmoid(1)", "wrong sign")


def test_check_basic_sigmoid_names_an_array_result():
    _fails(checks.check_basic_sigmoid, lambda x: 1 / (1 + np.exp(-np.array([x]))), "an array", "math.exp")


def test_check_basic_sigmoid_names_a_one_element_list():
    _fails(checks.check_basic_sigmoid, lambda x: [1 / (1 + math.exp(-x))], "a list", "not [s]")


def test_check_basic_sigmoid_names_a_missing_one_plus():
    _fails(checks.check_basic_sigmoid, lambda x: math.exp(-x), "math.exp(-x) alone")


# sigmoid


def test_check_sigmoid_accepts_numpy_and_tanh_forms():
    checks.check_sigmoid(_sigmoid)
    checks.check_sigmoid(lambda x: 0.5 * (1 + np.tanh(np.asarray(x) / 2)))


def test_check_sigmoid_names_math_exp_on_an_array():
    _fails(checks.check_sigmoid, lambda x: 1 / (1 + math.exp(-x)), "TypeError", "use np.exp")


def test_check_sigmoid_names_a_wrong_sign():
    _fails(checks.check_sigmoid, lambda x: 1 / (1 + np.exp(x)), "wrong sign")


def test_check_sigmoid_names_a_list_from_a_loop():
    _fails(checks.check_sigmoid, lambda x: [1 / (1 + math.exp(-v)) for v in x], "a list", "np.exp")


# sigmoid_derivative


def test_check_sigmoid_derivative_accepts_s_minus_s_squared():
    checks.check_sigmoid_derivative(lambda x: _sigmoid(x) * (1 - _sigmoid(x)))
    checks.check_sigmoid_derivative(lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2)


def test_check_sigmoid_derivative_names_returning_s():
    _fails(checks.check_sigmoid_derivative, _sigmoid, "s itself was returned", "s * (1 - s)")


def test_check_sigmoid_derivative_names_x_times_one_minus_x():
    _fails(checks.check_sigmoid_derivative, lambda x: x * (1 - x), "compute s = sigmoid(x) first")


def test_check_sigmoid_derivative_names_one_minus_s():
    _fails(checks.check_sigmoid_derivative, lambda x: 1 - _sigmoid(x), "1 - s alone")


# image2vector


def test_check_image2vector_accepts_reshape_variants():
    checks.check_image2vector(lambda image: image.reshape(-1, 1))
    checks.check_image2vector(lambda image: image.ravel()[:, np.newaxis])
    checks.check_image2vector(lambda image: image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1))


def test_check_image2vector_names_a_rank_one_result():
    _fails(checks.check_image2vector, lambda image: image.reshape(-1), "shape (12,)", "rank-1")


def test_check_image2vector_names_a_row_vector():
    _fails(checks.check_image2vector, lambda image: image.reshape(1, -1), "(1, 12)", "columns")


def test_check_image2vector_names_the_wrong_order():
    message = _fails(checks.check_image2vector, lambda image: image.reshape(-1, 1, order="F"), "wrong order")
    assert "order='F'" in message
    _fails(checks.check_image2vector, lambda image: image.transpose(2, 0, 1).reshape(-1, 1), "wrong order")


def test_check_image2vector_names_fixed_sizes():
    _fails(checks.check_image2vector, lambda image: image.reshape(12, 1), "fixed sizes", ".shape")


# normalize_rows


def test_check_normalize_rows_accepts_norm_and_sqrt_forms():
    checks.check_normalize_rows(lambda x: x / np.linalg.norm(x, axis=1, keepdims=True))
    checks.check_normalize_rows(lambda x: x / np.sqrt((x ** 2).sum(axis=1))[:, None])
    checks.check_normalize_rows(lambda x: (x.T / np.sqrt(np.einsum("ij,ij->i", x, x))).T)


def test_check_normalize_rows_names_column_norms():
    _fails(checks.check_normalize_rows, lambda x: x / np.linalg.norm(x, axis=0, keepdims=True),
           "norms of the columns")


def test_check_normalize_rows_names_the_squared_norm():
    _fails(checks.check_normalize_rows, lambda x: x / np.sum(x ** 2, axis=1, keepdims=True), "squared norm")


def test_check_normalize_rows_names_the_whole_matrix_norm():
    _fails(checks.check_normalize_rows, lambda x: x / np.linalg.norm(x), "whole matrix")


def test_check_normalize_rows_names_a_missing_keepdims():
    _fails(checks.check_normalize_rows, lambda x: x / np.linalg.norm(x, axis=1), "keepdims=True")

    def square_only(x):  # passes the broadcasting error by, but divides columns on square input
        norms = np.linalg.norm(x, axis=1)
        return x / (norms[:, None] if x.shape[0] != x.shape[1] else norms)

    _fails(checks.check_normalize_rows, square_only, "column j was divided by the norm of row j", "keepdims=True")


def test_check_normalize_rows_names_in_place_division_of_integers():
    def in_place(x):
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        return x

    _fails(checks.check_normalize_rows, in_place, "in-place", "x = x / ...")


# softmax


def _stable(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_check_softmax_accepts_the_stable_form_and_logsumexp():
    checks.check_softmax(_stable)

    def log_sum_exp(x):
        m = np.max(x, axis=1, keepdims=True)
        return np.exp(x - m - np.log(np.sum(np.exp(x - m), axis=1, keepdims=True)))

    checks.check_softmax(log_sum_exp)


def test_check_softmax_names_the_overflow_of_the_naive_form():
    naive = lambda x: np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)  # noqa: E731
    _fails(checks.check_softmax, naive, "not finite", "overflows", "Subtract each row's maximum")


def test_check_softmax_names_subtracting_the_global_maximum():
    def global_max(x):
        e = np.exp(x - np.max(x))
        return e / e.sum(axis=1, keepdims=True)

    _fails(checks.check_softmax, global_max, "row 1", "maximum of the whole array", "axis=1, keepdims=True")


def test_check_softmax_names_the_wrong_axis():
    def columns(x):
        e = np.exp(x - x.max(axis=0, keepdims=True))
        return e / e.sum(axis=0, keepdims=True)

    _fails(checks.check_softmax, columns, "over the columns (axis=0)")


def test_check_softmax_names_normalising_over_the_whole_array():
    def whole(x):
        e = np.exp(x - x.max())
        return e / e.sum()

    _fails(checks.check_softmax, whole, "over the whole array")


def test_check_softmax_names_a_missing_keepdims():
    def no_keepdims(x):
        e = np.exp(x - x.max(axis=1, keepdims=True))
        return e / e.sum(axis=1)

    _fails(checks.check_softmax, no_keepdims, "ValueError", "keepdims=True")

    def square_only(x):  # the broadcasting error avoided on the (2, 5) example, not on square input
        e = np.exp(x - x.max(axis=1, keepdims=True))
        sums = e.sum(axis=1)
        return e / (sums[:, None] if x.shape[0] != x.shape[1] else sums)

    _fails(checks.check_softmax, square_only, "column j was divided by the sum of row j")


# L1 and L2


def test_check_losses_accept_sum_and_dot_forms():
    checks.check_L1(lambda yhat, y: np.sum(np.abs(y - yhat)))
    checks.check_L1(lambda yhat, y: float(np.linalg.norm((y - yhat).ravel(), 1)))
    checks.check_L2(lambda yhat, y: np.sum((y - yhat) ** 2))
    checks.check_L2(lambda yhat, y: np.dot((y - yhat).ravel(), (y - yhat).ravel()))


def test_check_L1_names_the_mean_and_a_missing_abs():
    _fails(checks.check_L1, lambda yhat, y: np.mean(np.abs(y - yhat)), "the mean")
    _fails(checks.check_L1, lambda yhat, y: np.sum(y - yhat), "no absolute value")


def test_check_L1_names_element_wise_losses():
    _fails(checks.check_L1, lambda yhat, y: np.abs(y - yhat), "one loss per entry", "np.sum")


def test_check_L2_names_a_square_root():
    _fails(checks.check_L2, lambda yhat, y: np.sqrt(np.sum((y - yhat) ** 2)), "a square root")


def test_check_L2_names_absolute_values():
    _fails(checks.check_L2, lambda yhat, y: np.sum(np.abs(y - yhat)), "absolute values instead of squares")


def test_check_L2_names_the_mean_and_the_square_of_the_sum():
    _fails(checks.check_L2, lambda yhat, y: np.mean((y - yhat) ** 2), "the mean of the squares")
    _fails(checks.check_L2, lambda yhat, y: np.sum(y - yhat) ** 2, "the square of the sum")


def test_check_L2_names_np_dot_on_a_row_vector():
    _fails(checks.check_L2, lambda yhat, y: np.dot(y - yhat, y - yhat), "(1, 5)", "rank-1", "np.sum")


def test_check_softmax_names_a_missing_keepdims_in_the_maximum():
    def square_only(x):  # the row maxima broadcast along the wrong axis on square input
        maxima = x.max(axis=1)
        e = np.exp(x - (maxima[:, None] if x.shape[0] != x.shape[1] else maxima))
        return e / e.sum(axis=1, keepdims=True)

    _fails(checks.check_softmax, square_only, "column j was shifted by the maximum of row j")


def test_checks_name_a_function_that_changes_its_argument_in_place():
    def negate_in_place(x):
        x *= -1
        return 1 / (1 + np.exp(x))

    _fails(checks.check_sigmoid, negate_in_place, "changed its argument in place", "x = x / ...")

    def shift_in_place(x):
        x -= x.max(axis=1, keepdims=True)
        e = np.exp(x)
        return e / e.sum(axis=1, keepdims=True)

    _fails(checks.check_softmax, shift_in_place, "changed its argument in place")

    def reshape_in_place(image):
        image.shape = (image.size, 1)
        return image

    _fails(checks.check_image2vector, reshape_in_place, "changed its argument in place", "now has shape (12, 1)")


def test_checks_accept_in_place_operations_on_a_copy():
    def on_a_copy(x):
        x = x.astype(float)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        return x

    checks.check_normalize_rows(on_a_copy)


def test_check_sigmoids_name_operator_precedence():
    _fails(checks.check_basic_sigmoid, lambda x: 1 / 1 + math.exp(-x), "operator precedence")
    _fails(checks.check_sigmoid, lambda x: 1 / 1 + np.exp(-x), "operator precedence")


def test_check_L1_names_the_l2_norm_and_the_absolute_value_of_the_sum():
    _fails(checks.check_L1, lambda yhat, y: np.linalg.norm(y - yhat), "ord=1")
    _fails(checks.check_L1, lambda yhat, y: np.abs(np.sum(y - yhat)), "no absolute value", "too late")
