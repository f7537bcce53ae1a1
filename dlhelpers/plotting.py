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
