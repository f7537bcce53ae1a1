"""Gradient checking: compare analytic gradients with two-sided finite differences.

General, not tied to one network: parameters are any dict of float64 arrays (``W1, b1, ...``),
the cost any function of that dict returning one number. Results are returned, never printed.
"""

import re
from dataclasses import dataclass, field

import numpy as np


def numerical_gradient(f, x, eps=1e-7):
    """Two-sided finite differences of a scalar function at ``x``.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns one number; it is called with ``x`` itself, changed in place.
    x : ndarray of float64, any shape
        The point; it holds its original values again when this returns (or raises).
    eps : float
        The step. The error of the estimate shrinks like ``eps**2``.

    Returns
    -------
    grad : ndarray of the shape of ``x``
        ``(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)`` for every entry i.
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(
            f"numerical_gradient: x must be a float64 ndarray, got {type(x).__name__}"
            f"{' of dtype ' + str(x.dtype) if isinstance(x, np.ndarray) else ''}. "
            "Convert it with x.astype(np.float64): smaller types round the step eps away."
        )
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            plus = float(np.squeeze(f(x)))
            x[index] = original - eps
            minus = float(np.squeeze(f(x)))
        finally:
            x[index] = original
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """``‖a − b‖ / (‖a‖ + ‖b‖)``: 0 for identical inputs (both zero included), at most 1."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def _layer_order(key):
    """Sort key: layer number first, then the name, so W1, b1, W2, b2, ... (dW1, db1, ...)."""
    match = re.search(r"(\d+)$", key)
    return (int(match.group(1)) if match else 0, key[: match.start()] if match else key)


def ordered_keys(params):
    """The keys of ``params`` in layer order (``W1, b1, W2, b2, ...``)."""
    return sorted(params, key=_layer_order)


def params_to_vector(params):
    """Stack every array of ``params`` (in layer order) into one column.

    Returns
    -------
    vector : ndarray of shape (total number of entries, 1)
    """
    if not params:
        raise ValueError("params_to_vector: params is empty; expected a dict of arrays such as {'W1': ..., 'b1': ...}")
    return np.concatenate([np.asarray(params[key], dtype=np.float64).reshape(-1, 1) for key in ordered_keys(params)])


def vector_to_params(vector, like):
    """Split a column made by ``params_to_vector`` back into a dict shaped like ``like``.

    Parameters
    ----------
    vector : ndarray of shape (n, 1) or (n,)
    like : dict of arrays whose shapes (and keys) the result takes

    Returns
    -------
    params : dict with the keys of ``like``, each an array of the same shape
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


@dataclass
class GradCheckResult:
    """What ``gradient_check`` found.

    Attributes
    ----------
    difference : float
        Relative error of all analytic gradients against all numerical ones, stacked.
    per_parameter : dict
        ``{name: relative error}`` for each parameter, in layer order (names as in ``params``).
    worst : list of tuples
        ``(name, index, analytic, numerical)`` for the entries that disagree most, worst first.
    numerical : dict
        The numerical gradients, keyed like ``params``.
    """

    difference: float
    per_parameter: dict
    worst: list = field(default_factory=list)
    numerical: dict = field(default_factory=dict)

    def passed(self, threshold=1e-7):
        """True if the overall difference is below ``threshold``."""
        return self.difference < threshold

    def wrong_parameters(self, threshold=1e-5):
        """Names of the parameters whose gradient disagrees by more than ``threshold``."""
        return [name for name, error in self.per_parameter.items() if error > threshold]

    def __str__(self):
        lines = [f"overall relative difference: {self.difference:.3e}"]
        lines += [f"  {name:>6}: {error:.3e}" for name, error in self.per_parameter.items()]
        return "\n".join(lines)

    def plot(self, *, ax=None, threshold=1e-7):
        """Bar chart of the per-parameter differences on a log scale; returns the Axes."""
        import matplotlib.pyplot as plt

        ax = ax or plt.gca()
        names = list(self.per_parameter)
        values = [max(self.per_parameter[name], 1e-16) for name in names]
        colors = ["tab:red" if v > threshold else "tab:green" for v in values]
        ax.bar(names, values, color=colors)
        ax.set_yscale("log")
        ax.axhline(threshold, color="black", linestyle="--", label=f"threshold {threshold:g}")
        ax.set_xlabel("parameter")
        ax.set_ylabel("relative difference")
        ax.set_title("Gradient check per parameter")
        ax.legend()
        return ax


def _gradient_for(grads, name):
    for key in (name, "d" + name):
        if key in grads:
            return np.asarray(grads[key], dtype=np.float64)
    raise KeyError(f"gradient_check: no gradient for {name!r}; expected a key {name!r} or {'d' + name!r} in grads (it has {list(grads)}).")


def gradient_check(cost, params, grads, eps=1e-7, n_worst=5):
    """Compare analytic gradients with numerical ones, parameter by parameter.

    Parameters
    ----------
    cost : callable
        ``cost(params)`` returns one number for a dict shaped like ``params``.
    params : dict of arrays
        The point to check at (``{"W1": (n1, n0), "b1": (n1, 1), ...}``); not modified.
    grads : dict of arrays
        Analytic gradients keyed ``dW1`` or ``W1``, each the shape of its parameter.
    eps : float
        Finite-difference step.
    n_worst : int
        How many of the most disagreeing entries to report.

    Returns
    -------
    GradCheckResult
    """
    point = {key: np.array(value, dtype=np.float64) for key, value in params.items()}
    names = ordered_keys(point)
    analytic = {}
    for name in names:
        analytic[name] = _gradient_for(grads, name)
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
    entries = [
        (name, index, float(analytic[name][index]), float(numerical[name][index]))
        for name in names
        for index in np.ndindex(point[name].shape)
    ]
    entries.sort(key=lambda e: abs(e[2] - e[3]), reverse=True)
    return GradCheckResult(difference, per_parameter, entries[:n_worst], numerical)
