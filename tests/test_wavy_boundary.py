"""dlhelpers.datasets.make_wavy_boundary: shapes, the wave, the flipped labels, the rng, the errors."""

import numpy as np
import pytest

from dlhelpers.datasets import make_wavy_boundary


def test_make_wavy_boundary_shapes_dtypes_and_square():
    X, Y = make_wavy_boundary(rng=0)
    assert X.shape == (2, 150) and X.dtype == np.float64
    assert Y.shape == (1, 150) and Y.dtype == np.int64
    assert set(np.unique(Y)) == {0, 1}
    assert np.all(np.abs(X) <= 1)


def test_make_wavy_boundary_without_noise_labels_by_the_side_of_the_wave():
    X, Y = make_wavy_boundary(500, noise=0.0, flip=0.0, rng=1)
    assert np.array_equal(Y[0], (X[1] > 0.6 * np.sin(np.pi * X[0])).astype(np.int64))


def test_make_wavy_boundary_flips_about_the_given_share_of_labels():
    X, Y = make_wavy_boundary(20000, noise=0.0, flip=0.12, rng=2)
    wrong = np.mean(Y[0] != (X[1] > 0.6 * np.sin(np.pi * X[0])))
    assert 0.11 < wrong < 0.13


def test_make_wavy_boundary_same_seed_same_data_and_no_global_state():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    X1, Y1 = make_wavy_boundary(rng=5)
    X2, Y2 = make_wavy_boundary(rng=np.random.default_rng(5))
    X3, _ = make_wavy_boundary(rng=6)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2) and not np.allclose(X1, X3)
    assert np.array_equal(np.random.get_state()[1], before)


@pytest.mark.parametrize("kwargs, word", [({"n_samples": 0}, "n_samples"), ({"n_samples": 2.5}, "n_samples"),
                                          ({"noise": -1}, "noise"), ({"flip": 0.7}, "flip")])
def test_make_wavy_boundary_rejects_bad_arguments_naming_them(kwargs, word):
    with pytest.raises(ValueError, match=word):
        make_wavy_boundary(**kwargs)
