"""Planar (two-feature) data sets for the shallow-network notebook: the flower and four others.

Every function returns examples as columns: ``X`` of shape ``(2, m)`` and labels ``Y`` of shape
``(1, m)`` holding 0 and 1. Randomness comes from ``rng`` (a seed or a ``numpy.random.Generator``),
never from numpy's global state.
"""

import numbers

import numpy as np


def _check_n_samples(func, n_samples, minimum=2):
    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral) or n_samples < minimum:
        raise ValueError(f"{func}: n_samples must be an integer >= {minimum}, got {n_samples!r}.")
    return int(n_samples)


def make_flower(n_samples=400, *, noise=0.2, rng=None):
    """Two classes of petals in the plane: a "flower" no straight line can separate.

    For class ``j`` (0 or 1) the angles are spread evenly over ``[3.12 j, 3.12 (j + 1)]`` and the
    radius is ``4 sin(4 angle)``; both get Gaussian noise of standard deviation ``noise``. The
    point is ``(r sin(angle), r cos(angle))``. Each class has half of the points (class 1 gets the
    extra one when ``n_samples`` is odd); class 0 comes first.

    Parameters
    ----------
    n_samples : int, default 400
        Number of points ``m``.
    noise : float, default 0.2
        Standard deviation of the noise added to the angle and to the radius.
    rng : None, int or numpy.random.Generator
        Source of the noise, resolved with ``np.random.default_rng`` (a seed gives the same
        flower on every machine).

    Returns
    -------
    X : ndarray of shape (2, n_samples)
        The points, one per column.
    Y : ndarray of shape (1, n_samples) of int64
        The labels 0 and 1.
    """
    n_samples = _check_n_samples("make_flower", n_samples)
    if not noise >= 0:
        raise ValueError(f"make_flower: noise must be a number >= 0, got {noise!r}.")
    rng = np.random.default_rng(rng)
    sizes = (n_samples // 2, n_samples - n_samples // 2)
    points, labels = [], []
    for j, n in enumerate(sizes):
        angle = np.linspace(3.12 * j, 3.12 * (j + 1), n) + noise * rng.standard_normal(n)
        radius = 4 * np.sin(4 * angle) + noise * rng.standard_normal(n)
        points.append(np.stack([radius * np.sin(angle), radius * np.cos(angle)]))
        labels.append(np.full(n, j, dtype=np.int64))
    return np.concatenate(points, axis=1), np.concatenate(labels).reshape(1, -1)


PLANAR_DATASETS = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles")


def make_planar_datasets(n_samples=200, *, rng=3):
    """Four more planar problems from scikit-learn's generators, for trying a classifier on.

    - ``"noisy_circles"``: a small circle inside a larger one (``make_circles``, factor 0.5,
      noise 0.3);
    - ``"noisy_moons"``: two interleaved half circles (``make_moons``, noise 0.2);
    - ``"blobs"``: six Gaussian blobs, labelled alternately 0 and 1 (``make_blobs``, label
      ``k % 2`` for blob ``k``);
    - ``"gaussian_quantiles"``: a Gaussian cloud, the inner half labelled 0 and the outer half 1
      (``make_gaussian_quantiles``, covariance 0.5).

    Parameters
    ----------
    n_samples : int, default 200
        Number of points ``m`` of each data set.
    rng : None, int or numpy.random.Generator, default 3
        Resolved with ``np.random.default_rng``; one seed per data set is drawn from it, in the
        order above, and passed to scikit-learn as ``random_state``. The default gives the course's
        four data sets (with it the blobs need a curved boundary) on every machine; ``None`` new
        ones on every call.

    Returns
    -------
    datasets : dict
        ``{name: (X, Y)}`` in the order above, ``X`` of shape (2, n_samples) and ``Y`` of shape
        (1, n_samples) of int64 labels 0 and 1.
    """
    from sklearn import datasets as sk

    n_samples = _check_n_samples("make_planar_datasets", n_samples, minimum=6)
    seeds = [int(s) for s in np.random.default_rng(rng).integers(2**31 - 1, size=len(PLANAR_DATASETS))]
    made = {
        "noisy_circles": sk.make_circles(n_samples=n_samples, factor=0.5, noise=0.3, random_state=seeds[0]),
        "noisy_moons": sk.make_moons(n_samples=n_samples, noise=0.2, random_state=seeds[1]),
        "blobs": sk.make_blobs(n_samples=n_samples, n_features=2, centers=6, random_state=seeds[2]),
        "gaussian_quantiles": sk.make_gaussian_quantiles(cov=0.5, n_samples=n_samples, n_features=2,
                                                         n_classes=2, random_state=seeds[3]),
    }
    result = {}
    for name, (points, labels) in made.items():
        labels = np.asarray(labels, dtype=np.int64) % 2
        result[name] = (np.asarray(points, dtype=np.float64).T, labels.reshape(1, -1))
    return result
