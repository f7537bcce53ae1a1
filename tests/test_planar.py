"""The planar data sets (dlhelpers.datasets) and plot_decision_boundary (dlhelpers.plotting)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection

from dlhelpers.datasets import PLANAR_DATASETS, make_flower, make_planar_datasets
from dlhelpers.plotting import plot_decision_boundary


def test_make_flower_shapes_and_balanced_labels():
    X, Y = make_flower(rng=0)
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.int64
    assert set(np.unique(Y)) == {0, 1}
    assert int(Y.sum()) == 200
    assert np.all(Y[0, :200] == 0) and np.all(Y[0, 200:] == 1)


def test_make_flower_odd_sample_count_gives_class_one_the_extra_point():
    X, Y = make_flower(7, rng=0)
    assert X.shape == (2, 7) and Y.tolist() == [[0, 0, 0, 1, 1, 1, 1]]


def test_make_flower_same_seed_same_data_and_generator_accepted():
    X1, Y1 = make_flower(rng=5)
    X2, Y2 = make_flower(rng=np.random.default_rng(5))
    X3, _ = make_flower(rng=6)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)


def test_make_flower_does_not_touch_global_random_state():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    make_flower(rng=1)
    assert np.array_equal(np.random.get_state()[1], before)


def test_make_flower_without_noise_follows_the_petal_formula():
    X, Y = make_flower(400, noise=0.0, rng=0)
    angle = np.concatenate([np.linspace(0, 3.12, 200), np.linspace(3.12, 6.24, 200)])
    radius = 4 * np.sin(4 * angle)
    np.testing.assert_allclose(X, np.stack([radius * np.sin(angle), radius * np.cos(angle)]), atol=1e-12)
    # the radius never exceeds 4, the "maximum ray" of the flower
    assert np.max(np.hypot(X[0], X[1])) <= 4 + 1e-12


def test_make_flower_noise_scales_the_spread():
    X_quiet, _ = make_flower(noise=0.0, rng=0)
    X_noisy, _ = make_flower(noise=0.2, rng=0)
    gap = np.hypot(*(X_noisy - X_quiet))
    assert 0.1 < float(np.median(gap)) < 1.5


@pytest.mark.parametrize("kwargs, word", [({"n_samples": 1}, "n_samples"), ({"n_samples": 2.5}, "n_samples"),
                                          ({"noise": -0.1}, "noise")])
def test_make_flower_rejects_bad_arguments_naming_them(kwargs, word):
    with pytest.raises(ValueError, match=word):
        make_flower(**kwargs)


def test_make_planar_datasets_returns_four_column_data_sets():
    datasets = make_planar_datasets()
    assert tuple(datasets) == PLANAR_DATASETS
    for name, (X, Y) in datasets.items():
        assert X.shape == (2, 200) and X.dtype == np.float64, name
        assert Y.shape == (1, 200) and Y.dtype == np.int64, name
        assert set(np.unique(Y)) == {0, 1}, name


def test_make_planar_datasets_is_fixed_by_its_seed():
    first, again = make_planar_datasets(rng=3), make_planar_datasets(n_samples=200, rng=3)
    other = make_planar_datasets(rng=4)
    for name in PLANAR_DATASETS:
        assert np.array_equal(first[name][0], again[name][0]) and np.array_equal(first[name][1], again[name][1])
        assert not np.allclose(first[name][0], other[name][0])


def test_make_planar_datasets_blobs_alternate_labels_over_six_clusters():
    X, Y = make_planar_datasets(n_samples=120)["blobs"]
    assert int(Y.sum()) == 60  # six blobs of 20 points, labels k % 2


def test_make_planar_datasets_rejects_too_few_samples():
    with pytest.raises(ValueError, match="n_samples"):
        make_planar_datasets(n_samples=3)


def _rule(points):
    """A known classifier: class 1 to the right of x1 = 0.5."""
    return (points[0:1] > 0.5).astype(float)


def test_plot_decision_boundary_draws_regions_and_points_and_returns_axes():
    X = np.array([[-1.0, 0.0, 1.0, 2.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0, 0, 1, 1]])
    fig, ax = plt.subplots()
    calls = []

    def predict(points):
        calls.append(points.shape)
        return _rule(points)

    assert plot_decision_boundary(predict, X, Y, ax=ax, resolution=50) is ax
    assert calls == [(2, 2500)]
    # The points are the collections labelled for the legend; the filled regions are the others
    # (one ContourSet from matplotlib 3.8 on, one PathCollection per level before).
    scatters = [c for c in ax.collections if c.get_label().startswith("class")]
    assert all(isinstance(c, PathCollection) for c in scatters)
    assert [c.get_offsets().tolist() for c in scatters] == [[[-1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [2.0, 1.0]]]
    assert len(ax.collections) > len(scatters)  # the filled regions
    assert ax.get_xlim() == pytest.approx((-2.0, 3.0)) and ax.get_ylim() == pytest.approx((-1.0, 2.0))
    assert ax.get_title() == "Decision boundary" and ax.get_legend() is not None
    plt.close(fig)


def test_plot_decision_boundary_uses_current_axes_and_keeps_a_title():
    X, Y = make_flower(40, rng=0)
    fig = plt.figure()
    ax = plt.gca()
    ax.set_title("mine")
    assert plot_decision_boundary(_rule, X, Y) is ax
    assert ax.get_title() == "mine"
    plt.close(fig)


def test_plot_decision_boundary_rejects_rows_as_examples():
    X, Y = make_flower(10, rng=0)
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\)"):
        plot_decision_boundary(_rule, X.T, Y)


def test_plot_decision_boundary_rejects_a_predict_of_the_wrong_size():
    X, Y = make_flower(10, rng=0)
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="predict returned"):
        plot_decision_boundary(lambda points: np.zeros((1, 3)), X, Y, ax=ax)
    plt.close(fig)
