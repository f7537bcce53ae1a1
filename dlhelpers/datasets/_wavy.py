"""A planar data set that a network overfits: two classes on either side of a wave, noisy labels.

For the regularization notebook. Examples are columns, ``X`` of shape ``(2, m)``, labels ``Y`` of
shape ``(1, m)``; randomness comes from ``rng``, never from numpy's global state.
"""

import numbers

import numpy as np


def make_wavy_boundary(n_samples=150, *, noise=0.05, flip=0.12, rng=None):
    """Points in the square [-1, 1]^2, labelled by the side of the wave x2 = 0.6 sin(pi x1), some wrongly.

    Each point is drawn uniformly from the square. Its label is 1 where
    ``x2 - 0.6 sin(pi x1) + noise * e > 0`` for a standard normal ``e`` (the border is blurred by
    ``noise``) and 0 elsewhere; then each label is flipped with probability ``flip``. A flipped
    label is noise no classifier can predict: a network that fits it draws islands around single
    points, which is what regularization prevents. Drawn in this order from ``rng``: the points
    (``uniform``, shape (2, n_samples)), the blur (``standard_normal``, n_samples), the flips
    (``random``, n_samples).

    Parameters
    ----------
    n_samples : int, default 150
        Number of points ``m``.
    noise : float, default 0.05
        Standard deviation of the blur of the border, in units of the square's half side.
    flip : float in [0, 0.5], default 0.12
        Probability that a label is flipped.
    rng : None, int or numpy.random.Generator
        Resolved with ``np.random.default_rng`` (a seed gives the same points on every machine).

    Returns
    -------
    X : ndarray of shape (2, n_samples)
        The points, one per column.
    Y : ndarray of shape (1, n_samples) of int64
        The labels 0 and 1.
    """
    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral) or n_samples < 1:
        raise ValueError(f"make_wavy_boundary: n_samples must be an integer >= 1, got {n_samples!r}.")
    if not noise >= 0:
        raise ValueError(f"make_wavy_boundary: noise must be a number >= 0, got {noise!r}.")
    if not 0 <= flip <= 0.5:
        raise ValueError(f"make_wavy_boundary: flip must be a probability in [0, 0.5], got {flip!r}.")
    rng = np.random.default_rng(rng)
    X = rng.uniform(-1, 1, size=(2, int(n_samples)))
    side = X[1] - 0.6 * np.sin(np.pi * X[0]) + noise * rng.standard_normal(int(n_samples)) > 0
    flipped = rng.random(int(n_samples)) < flip
    return X, (side ^ flipped).astype(np.int64).reshape(1, -1)
