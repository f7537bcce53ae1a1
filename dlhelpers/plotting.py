"""Plots of the course. Each takes keyword-only ``ax=None`` (or ``fig=None``), draws, returns it.

Nothing here calls ``plt.show()`` or changes ``rcParams``.
"""

import matplotlib.pyplot as plt
import numpy as np


def plot_costs(costs, *, every=100, label=None, ax=None):
    """Draw a cost curve: ``costs[k]`` was recorded at iteration ``k * every``.

    Parameters
    ----------
    costs : sequence of float, length n
    every : int
        Iterations between two recorded costs.
    label : str, optional
        Legend entry (for example the learning rate).
    """
    ax = ax or plt.gca()
    costs = np.squeeze(np.asarray(costs, dtype=float))
    ax.plot(np.arange(costs.size) * every, costs, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    ax.set_title(ax.get_title() or "Cost during training")
    if label is not None:
        ax.legend()
    return ax


def show_images(images, titles=(), *, ncols=6, fig=None):
    """Show images in a grid with optional titles.

    Parameters
    ----------
    images : ndarray of shape (k, height, width, 3), uint8 or floats in [0, 1]
    titles : sequence of str, length k (or empty)
    ncols : int
        Images per row.
    """
    images = np.asarray(images)
    n = len(images)
    nrows = max(1, -(-n // ncols))
    fig = fig or plt.figure(figsize=(2 * ncols, 2.3 * nrows))
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < n:
            ax.imshow(images[i], interpolation="nearest")
            if i < len(titles):
                ax.set_title(titles[i], fontsize=9)
    fig.tight_layout()
    return fig


def plot_mislabeled(images, y_true, y_pred, classes, *, max_images=12, ncols=6, fig=None):
    """Show the images whose predicted label differs from the true one.

    Parameters
    ----------
    images : ndarray of shape (m, height, width, 3)
    y_true, y_pred : array-like of shape (1, m) of 0/1 labels
    classes : ndarray of shape (2,) of bytes, the names of label 0 and 1
    max_images : int
        Show at most this many (in index order).
    """
    y_true = np.asarray(y_true).reshape(-1).astype(int)
    y_pred = np.asarray(y_pred).reshape(-1).astype(int)
    if y_true.shape != y_pred.shape or y_true.size != len(images):
        raise ValueError(
            f"plot_mislabeled: {len(images)} images, {y_true.size} true labels and {y_pred.size} "
            "predictions; all three must describe the same m examples (labels of shape (1, m))."
        )
    wrong = np.flatnonzero(y_true != y_pred)[:max_images]
    names = [c.decode() if isinstance(c, bytes) else str(c) for c in classes]
    titles = [f"#{i}: predicted {names[y_pred[i]]}\ntrue {names[y_true[i]]}" for i in wrong]
    fig = show_images(images[wrong], titles, ncols=ncols, fig=fig)
    fig.suptitle(f"{np.count_nonzero(y_true != y_pred)} of {y_true.size} images mislabeled"
                 + (f" (first {len(wrong)} shown)" if len(wrong) < np.count_nonzero(y_true != y_pred) else ""))
    fig.tight_layout()
    return fig


def plot_decision_boundary(predict, X, Y, *, ax=None, resolution=300):
    """Draw two-class planar data and the regions a classifier assigns to each class.

    Parameters
    ----------
    predict : callable
        ``predict(points)`` takes an ndarray of shape (2, k), one point per column, and returns
        the k labels 0/1 as an array of shape (1, k).
    X : ndarray of shape (2, m)
        The points, one per column.
    Y : array-like of shape (1, m)
        Their labels 0 and 1.
    resolution : int
        The grid on which ``predict`` is evaluated has ``resolution`` points along each axis.

    Returns
    -------
    ax : matplotlib Axes
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(Y).reshape(-1)
    if X.ndim != 2 or X.shape[0] != 2 or y.size != X.shape[1]:
        raise ValueError(
            f"plot_decision_boundary: X must have shape (2, m) and Y shape (1, m); got X of shape "
            f"{X.shape} and Y of shape {np.shape(Y)}. Points are columns: pass X.T if they are rows."
        )
    ax = ax or plt.gca()
    low, high = X.min(axis=1) - 1, X.max(axis=1) + 1
    xx, yy = np.meshgrid(np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution))
    grid = np.stack([xx.ravel(), yy.ravel()])
    labels = np.asarray(predict(grid))
    if labels.size != grid.shape[1]:
        raise ValueError(
            f"plot_decision_boundary: predict returned an array of shape {labels.shape} for "
            f"{grid.shape[1]} points of shape {grid.shape}; it should return their labels, shape "
            f"(1, {grid.shape[1]})."
        )
    ax.contourf(xx, yy, labels.reshape(xx.shape).astype(float), levels=[-0.5, 0.5, 1.5],
                colors=["#f4a582", "#92c5de"], alpha=0.8)
    for label, color in ((0, "#b2182b"), (1, "#2166ac")):
        chosen = y == label
        ax.scatter(X[0, chosen], X[1, chosen], s=14, c=color, edgecolors="white", linewidths=0.4,
                   label=f"class {label}")
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(ax.get_title() or "Decision boundary")
    ax.legend(loc="best", fontsize=8, framealpha=0.8)
    return ax
