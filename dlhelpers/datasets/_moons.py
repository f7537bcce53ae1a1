"""Two interleaving half circles, the "moons", for the optimization notebook.

``make_moons`` wraps scikit-learn's generator of the same name in the course's conventions: examples
as columns (``X`` of shape ``(2, m)``, labels ``Y`` of shape ``(1, m)``) and randomness from ``rng``.
"""

import numbers

import numpy as np


def make_moons(n_samples=300, *, noise=0.2, rng=None):
    """Two interleaving half circles with Gaussian noise: a two-class problem no line separates.

    Class 0 is the upper half circle of radius 1 centred at (0, 0), class 1 the lower one centred at
    (1, 0.5); each point gets Gaussian noise of standard deviation ``noise`` on both coordinates
    (``sklearn.datasets.make_moons``, its points shuffled). Class 0 has ``n_samples // 2`` points and
    class 1 the rest.

    Parameters
    ----------
    n_samples : int, default 300
        Number of points ``m``.
    noise : float, default 0.2
        Standard deviation of the Gaussian noise added to each coordinate.
    rng : None, int or numpy.random.Generator
        Resolved with ``np.random.default_rng``; one seed is drawn from it and passed to scikit-learn
        as ``random_state`` (a seed gives the same points for a given scikit-learn version).

    Returns
    -------
    X : ndarray of shape (2, n_samples)
        The points, one per column.
    Y : ndarray of shape (1, n_samples) of int64
        The labels 0 and 1.
    """
    from sklearn.datasets import make_moons as sk_make_moons

    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral) or n_samples < 2:
        raise ValueError(f"make_moons: n_samples must be an integer >= 2, got {n_samples!r}.")
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not noise >= 0:
        raise ValueError(f"make_moons: noise must be a number >= 0, got {noise!r}.")
    seed = int(np.random.default_rng(rng).integers(2**31 - 1))
    points, labels = sk_make_moons(n_samples=int(n_samples), noise=float(noise), random_state=seed)
    return np.asarray(points, dtype=np.float64).T, np.asarray(labels, dtype=np.int64).reshape(1, -1)
