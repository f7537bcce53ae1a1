"""Gradient checking: compare analytic gradients with two-sided finite differences.

General, not tied to one network: parameters are any dict of arrays (``W1, b1, ..., WL, bL``),
the cost any function of that dict returning one number. Results are returned, never printed.

Figures of merit (relative differences, see ``relative_error``): below ``GREAT`` (1e-7) the
gradient is right; above ``BUG`` (1e-3) it almost certainly has a bug; in between, look closer.
"""

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

__all__ = [
    "BUG",
    "GREAT",
    "GradCheckResult",
    "WorstEntry",
    "gradient_check",
    "gradients_to_vector",
    "numerical_gradient",
    "ordered_keys",
    "params_to_vector",
    "relative_error",
    "vector_to_params",
]

GREAT = 1e-7
BUG = 1e-3


def _one_number(value, who):
    """``value`` (a number, a 0-d or size-1 array) as a float, or a ValueError that says what came."""
    if isinstance(value, tuple):
        raise ValueError(
            f"{who} returned a tuple of {len(value)} items; it should return one number. If your "
            "forward pass returns (cost, cache), pass lambda p: forward(X, Y, p)[0]."
        )
    array = np.asarray(value)
    if array.size != 1 or array.dtype.kind not in "biuf":
        raise ValueError(f"{who} should return one number, got {type(value).__name__} "
                         f"of shape {array.shape} and dtype {array.dtype}.")
    return float(array.reshape(()))


def numerical_gradient(f, x, eps=1e-7):
    """Two-sided finite differences of a scalar function at ``x``.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns one number; it is called with ``x`` itself, changed in place.
    x : ndarray of float64, any shape (0-d included)
        The point; it holds its original values again when this returns (or raises).
    eps : float > 0
        The step. The error of the estimate shrinks like ``eps**2`` until round-off, which grows
        like ``1e-16 / eps``, takes over.

    Returns
    -------
    grad : ndarray of float64, the shape of ``x``
        ``(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)`` for every entry i.

    Raises
    ------
    TypeError
        If ``x`` is not a float64 ndarray: in float32 a step of 1e-7 is lost to rounding, and an
        integer array cannot hold ``x + eps`` at all. Convert with ``x.astype(np.float64)``.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(
            f"numerical_gradient: x must be a float64 ndarray, got {type(x).__name__}"
            f"{' of dtype ' + str(x.dtype) if isinstance(x, np.ndarray) else ''}. "
            "Convert it with np.asarray(x, dtype=np.float64): smaller types round the step eps away "
            "and integer arrays cannot hold x + eps."
        )
    if not eps > 0:
        raise ValueError(f"numerical_gradient: eps must be a positive number, got {eps!r}.")
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            plus = _one_number(f(x), "numerical_gradient: f")
            x[index] = original - eps
            minus = _one_number(f(x), "numerical_gradient: f")
        finally:
            x[index] = original
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """``‖a − b‖ / (‖a‖ + ‖b‖)``: 0 for identical inputs (both zero included), at most 1.

    ``a`` and ``b`` must have the same shape: a (n, 1) column against a (n,) vector would
    broadcast to (n, n) and give a meaningless number, so that raises a ValueError.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"relative_error: the shapes {a.shape} and {b.shape} differ; reshape one "
                         "of them (for example with .reshape(-1, 1)) so that both are the same.")
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def _layer_order(key):
    """Sort key: layer number first, then the name, so W1, b1, W2, b2, ... (dW1, db1, ...)."""
    match = re.search(r"(\d+)$", key)
    return (int(match.group(1)) if match else 0, key[: match.start()] if match else key)


def ordered_keys(params):
    """The keys of ``params`` in layer order: by the number at the end, then by name.

    ``{"b2": .., "W1": .., "W2": .., "b1": ..}`` gives ``["W1", "b1", "W2", "b2"]`` (capital
    letters sort before small ones, so weights come before biases as in the course).
    """
    return sorted(params, key=_layer_order)


def params_to_vector(params):
    """Stack every array of ``params`` (in layer order, see ``ordered_keys``) into one column.

    Parameters
    ----------
    params : dict of arrays (or numbers), e.g. ``{"W1": (n1, n0), "b1": (n1, 1), ...}``

    Returns
    -------
    vector : ndarray of float64 and shape (total number of entries, 1)
        A new array: changing it leaves ``params`` alone.
    """
    if not isinstance(params, dict) or not params:
        raise ValueError("params_to_vector: expected a non-empty dict of arrays such as "
                         f"{{'W1': ..., 'b1': ...}}, got {params!r:.80}.")
    return np.concatenate([np.asarray(params[key], dtype=np.float64).reshape(-1, 1)
                           for key in ordered_keys(params)])


def _gradient_for(grads, name, who):
    for key in ("d" + name, name):
        if key in grads:
            return np.asarray(grads[key], dtype=np.float64)
    raise KeyError(f"{who}: no gradient for {name!r}; expected the key {'d' + name!r} (or {name!r}) "
                   f"in grads, which has {list(grads)}.")


def gradients_to_vector(grads, like):
    """Stack the gradients of the parameters in ``like`` into one column, in the same order.

    The gradient of ``W1`` is ``grads["dW1"]`` (or ``grads["W1"]``); other entries of ``grads``,
    such as ``dA1`` or ``dZ1``, are left out. Row i of the result is the derivative with respect
    to row i of ``params_to_vector(like)``.

    Parameters
    ----------
    grads : dict of arrays, each the shape of its parameter
    like : dict of arrays, the parameters

    Returns
    -------
    vector : ndarray of float64 and shape (total number of parameter entries, 1)
    """
    columns = []
    for name in ordered_keys(like):
        grad = _gradient_for(grads, name, "gradients_to_vector")
        if grad.shape != np.shape(like[name]):
            raise ValueError(f"gradients_to_vector: the gradient of {name} has shape {grad.shape}, "
                             f"but {name} has shape {np.shape(like[name])}.")
        columns.append(grad.reshape(-1, 1))
    return np.concatenate(columns)


def vector_to_params(vector, like):
    """Split a column made by ``params_to_vector`` back into a dict shaped like ``like``.

    Parameters
    ----------
    vector : ndarray of shape (n, 1) or (n,)
    like : dict of arrays whose keys and shapes the result takes (0-d entries give 0-d arrays)

    Returns
    -------
    params : dict with the keys of ``like`` (in layer order), each a new float64 array of the
        shape of ``like[key]``; changing them leaves ``vector`` alone.
    """
    vector = np.asarray(vector, dtype=np.float64).reshape(-1)
    sizes = {key: int(np.size(like[key])) for key in ordered_keys(like)}
    if vector.size != sum(sizes.values()):
        raise ValueError(
            f"vector_to_params: the vector has {vector.size} entries but the parameters need "
            f"{sum(sizes.values())} ({', '.join(f'{k}: {n}' for k, n in sizes.items())})."
        )
    params, start = {}, 0
    for key, size in sizes.items():
        params[key] = vector[start : start + size].reshape(np.shape(like[key])).copy()
        start += size
    return params


class WorstEntry(NamedTuple):
    """One entry of a gradient: which parameter, where, and the two values compared."""

    name: str
    index: tuple
    analytic: float
    numerical: float


@dataclass
class GradCheckResult:
    """What ``gradient_check`` found.

    Attributes
    ----------
    difference : float
        Relative error of all analytic gradients against all numerical ones, stacked.
    per_parameter : dict
        ``{name: relative error}`` for each parameter, in layer order (names as in ``params``).
    worst : list of WorstEntry
        ``(name, index, analytic, numerical)`` for the entries that disagree most, worst first.
    numerical : dict
        The numerical gradients, keyed like ``params``.
    """

    difference: float
    per_parameter: dict
    worst: list = field(default_factory=list)
    numerical: dict = field(default_factory=dict, repr=False)

    def passed(self, threshold=GREAT):
        """True if the overall difference is below ``threshold``."""
        return self.difference < threshold

    def wrong_parameters(self, threshold=1e-5):
        """Names of the parameters whose gradient disagrees by more than ``threshold``.

        The default sits between the round-off of a right gradient (a small gradient, such as
        that of a bias, can reach 1e-7 to 1e-6 relative) and the 1e-3 and more of a real bug.
        """
        return [name for name, error in self.per_parameter.items() if error > threshold]

    def __str__(self):
        def verdict(error):
            return "ok" if error < GREAT else ("WRONG" if error > BUG else "look closer")

        lines = [f"overall relative difference: {self.difference:.3e} ({verdict(self.difference)})"]
        lines += [f"  {name:>6}: {error:.3e}  {verdict(error)}" for name, error in self.per_parameter.items()]
        if self.worst:
            lines.append("worst entries (parameter, index: analytic vs numerical):")
            lines += [f"  {e.name}{list(e.index)}: {e.analytic:.6g} vs {e.numerical:.6g}" for e in self.worst]
        return "\n".join(lines)

    def plot(self, *, ax=None):
        """Bar chart of the per-parameter differences on a log scale, one bar per parameter.

        Bars are green below 1e-7, orange up to 1e-3 and red above; dashed lines mark both
        thresholds. Returns the Axes.
        """
        import matplotlib.pyplot as plt

        ax = ax or plt.gca()
        names = list(self.per_parameter)
        values = [max(self.per_parameter[name], 1e-16) for name in names]
        colors = ["tab:green" if v < GREAT else ("tab:red" if v > BUG else "tab:orange") for v in values]
        ax.bar(names, values, color=colors)
        ax.set_yscale("log")
        ax.set_ylim(min(1e-12, min(values) / 3), 1e3)  # room above 1 (the largest difference) for the legend
        ax.axhline(GREAT, color="tab:green", linestyle="--", linewidth=1, label=f"< {GREAT:.0e}: right")
        ax.axhline(BUG, color="tab:red", linestyle="--", linewidth=1, label=f"> {BUG:.0e}: a bug")
        ax.set_xlabel("parameter")
        ax.set_ylabel("relative difference")
        ax.set_title(f"Gradient check per parameter (overall {self.difference:.1e})")
        ax.legend(loc="upper center", ncol=2, fontsize="small")
        return ax


def gradient_check(cost, params, grads, eps=1e-7, n_worst=5):
    """Compare analytic gradients with numerical ones, parameter by parameter.

    Parameters
    ----------
    cost : callable
        ``cost(params)`` returns one number for a dict shaped like ``params``.
    params : dict of arrays
        The point to check at (``{"W1": (n1, n0), "b1": (n1, 1), ...}``); not modified. The check
        runs on a float64 copy, whatever the dtype of these arrays.
    grads : dict of arrays
        Analytic gradients keyed ``dW1`` (or ``W1``), each the shape of its parameter; other keys
        (``dA1``, ``dZ1``, ...) are ignored.
    eps : float
        Finite-difference step.
    n_worst : int
        How many of the most disagreeing entries to report.

    Returns
    -------
    GradCheckResult
    """
    if not isinstance(params, dict) or not params:
        raise ValueError(f"gradient_check: params should be a non-empty dict of arrays, got {params!r:.80}.")
    point = {key: np.array(value, dtype=np.float64) for key, value in params.items()}
    names = ordered_keys(point)
    analytic = {}
    for name in names:
        analytic[name] = _gradient_for(grads, name, "gradient_check")
        if analytic[name].shape != point[name].shape:
            raise ValueError(
                f"gradient_check: the gradient of {name} has shape {analytic[name].shape}, "
                f"but {name} has shape {point[name].shape}."
            )
    numerical = {name: numerical_gradient(lambda _x: cost(point), point[name], eps) for name in names}
    per_parameter = {name: relative_error(analytic[name], numerical[name]) for name in names}
    difference = relative_error(
        np.concatenate([analytic[n].ravel() for n in names]),
        np.concatenate([numerical[n].ravel() for n in names]),
    )
    gaps = [(float(abs(analytic[n][i] - numerical[n][i])), k, n, i)
            for k, n in enumerate(names) for i in np.ndindex(point[n].shape)]
    gaps.sort(key=lambda g: (-g[0], g[1]))
    worst = [WorstEntry(n, tuple(int(j) for j in i), float(analytic[n][i]), float(numerical[n][i]))
             for _, _, n, i in gaps[:n_worst]]
    return GradCheckResult(difference, per_parameter, worst, numerical)
