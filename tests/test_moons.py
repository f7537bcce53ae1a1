"""The two-moons data set of the optimization notebook (dlhelpers.datasets.make_moons)."""

import numpy as np
import pytest

from dlhelpers.datasets import make_moons


def test_make_moons_shapes_dtypes_and_balanced_labels():
    X, Y = make_moons(rng=0)
    assert X.shape == (2, 300) and X.dtype == np.float64
    assert Y.shape == (1, 300) and Y.dtype == np.int64
    assert int(Y.sum()) == 150 and set(np.unique(Y)) == {0, 1}
    X, Y = make_moons(7, noise=0.0, rng=0)
    assert X.shape == (2, 7) and int(Y.sum()) == 4


def test_make_moons_without_noise_lies_on_the_two_half_circles():
    X, Y = make_moons(200, noise=0.0, rng=1)
    upper, lower = X[:, Y[0] == 0], X[:, Y[0] == 1]
    assert np.allclose(np.hypot(upper[0], upper[1]), 1) and np.all(upper[1] >= -1e-12)
    assert np.allclose(np.hypot(lower[0] - 1, lower[1] - 0.5), 1) and np.all(lower[1] <= 0.5 + 1e-12)


def test_make_moons_same_seed_same_data_and_global_state_untouched():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    X1, Y1 = make_moons(rng=5)
    X2, Y2 = make_moons(rng=np.random.default_rng(5))
    X3, _ = make_moons(rng=6)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)
    assert np.array_equal(np.random.get_state()[1], before)


@pytest.mark.parametrize("kwargs, phrase", [
    ({"n_samples": 1}, "n_samples must be an integer >= 2"), ({"n_samples": 2.5}, "n_samples"),
    ({"noise": -0.1}, "noise must be a number >= 0"), ({"noise": float("nan")}, "noise"),
])
def test_make_moons_bad_arguments_name_the_parameter(kwargs, phrase):
    with pytest.raises(ValueError, match=phrase):
        make_moons(**kwargs)
