"""The figures each notebook prints, read from its printed text: one reader per notebook.

A reader takes everything a notebook's code cells printed (``helpers.printed_text``) and returns
``{figure name: value}``. The notebook tests check these figures against the ranges in
``SPREAD``, and ``benchmarks/figure_spread.py`` uses the same readers to measure those ranges
under several floating-point rounding regimes.
"""

import re


def _number(pattern, text):
    match = re.search(pattern, text, flags=re.M)
    return float(match.group(1)) if match else None


def _costs(text):
    return [float(c) for c in re.findall(r"Cost after iteration \d+: ([\d.]+)", text)]


def logistic_regression(text):
    found = {
        "cost at 1900": _number(r"Cost after iteration 1900: ([\d.]+)", text),
        "train accuracy": _number(r"^train accuracy: ([\d.]+) %", text),
        "test accuracy": _number(r"^test accuracy: ([\d.]+) %", text),
    }
    for rate, train, test in re.findall(r"learning rate ([\d.]+): train ([\d.]+) %, test ([\d.]+) %", text):
        found[f"rate {rate} train"] = float(train)
        found[f"rate {rate} test"] = float(test)
    return found


def shallow_network(text):
    costs = _costs(text)
    found = {
        "logistic regression": _number(r"Logistic regression accuracy: ([\d.]+) %", text),
        "4 units": _number(r"Accuracy with 4 hidden units: ([\d.]+) %", text),
        "cost at 9000": costs[9] if len(costs) >= 10 else None,
    }
    for units, accuracy in re.findall(r"^\s*(\d+) hidden units: accuracy ([\d.]+) %", text, flags=re.M):
        found[f"sweep {units} units"] = float(accuracy)
    for name, accuracy in re.findall(r"^(\w+): accuracy ([\d.]+) %", text, flags=re.M):
        found[name] = float(accuracy)
    return found


def deep_network(text):
    found = {}
    rows = re.findall(r"^(.+?)\s+train accuracy\s+([\d.]+) %\s+test accuracy\s+([\d.]+) %$", text, flags=re.M)
    for name, train, test in rows:
        found[f"{name.strip()} train"] = float(train)
        found[f"{name.strip()} test"] = float(test)
    costs = _costs(text)
    if len(costs) == 50:
        found["2-layer cost at 2400"], found["4-layer cost at 2400"] = costs[24], costs[49]
    found["gradient check"] = _number(r"overall relative difference: ([\d.e+-]+)", text)
    return found


def initialization(text):
    found = {}
    runs = re.findall(r"(\w+) initialization: train accuracy ([\d.]+) %, test accuracy ([\d.]+) %", text)
    for name, train, test in runs:
        found[f"{name} train"], found[f"{name} test"] = float(train), float(test)
    found["symmetry gap"] = _number(r"largest difference between two rows of W1: ([\d.e+-]+)", text)
    return found


def gradient_checking(text):
    differences = [float(d) for d in re.findall(r"difference = ([\d.e+-]+)", text)]
    names = ("1-D difference", "planted bugs difference", "fixed difference")
    return dict(zip(names, differences))


def numpy_basics(text):
    return {}


def neurons_activations(text):
    found = {f"{name} accuracy": float(value)
             for name, value in re.findall(r"^(\w+) hidden units: accuracy ([\d.]+) %", text, flags=re.M)}
    for units, error in re.findall(r"^\s*(\d+) tanh units: mean squared error ([\d.]+)", text, flags=re.M):
        found[f"{units} units error"] = float(error)
    found["collapse difference"] = _number(r"largest difference: ([\d.e+-]+)", text)
    return found


def optimization(text):
    found = {}
    runs = r"^(gradient descent|momentum|Adam), (no decay|with decay): accuracy ([\d.]+) %, cost ([\d.]+)"
    for name, kind, accuracy, cost in re.findall(runs, text, flags=re.M):
        found[f"{name} {kind} accuracy"], found[f"{name} {kind} cost"] = float(accuracy), float(cost)
    sizes = r"^(batch|mini-batch|stochastic) \(\d+\): cost after \d+ epochs ([\d.]+)"
    for name, cost in re.findall(sizes, text, flags=re.M):
        found[f"{name} cost"] = float(cost)
    bowl = r"^(gradient descent|momentum|Adam): after \d+ steps, ([\d.]+) from"
    for name, distance in re.findall(bowl, text, flags=re.M):
        found[f"{name} bowl"] = float(distance)
    return found


def regularization(text):
    runs = r"^(without regularization|L2 regularization|dropout): train accuracy ([\d.]+) %, test accuracy ([\d.]+) %"
    found = {}
    for name, train, test in re.findall(runs, text, flags=re.M):
        found[f"{name} train"], found[f"{name} test"] = float(train), float(test)
    found["L2 gradient check"] = _number(r"against the regularized cost: difference = ([\d.e+-]+)", text)
    found["dropout gradient check"] = _number(r"dropout with fixed masks: difference = ([\d.e+-]+)", text)
    return found


READERS = {
    "logistic_regression": logistic_regression,
    "shallow_network": shallow_network,
    "deep_network": deep_network,
    "initialization": initialization,
    "gradient_checking": gradient_checking,
    "numpy_basics": numpy_basics,
    "neurons_activations": neurons_activations,
    "regularization": regularization,
    "optimization": optimization,
}


# Ranges of the figures that floating-point rounding moves, {notebook: {figure: (low, high)}}:
# min and max over the regimes of benchmarks/figure_spread.py and the other machines measured
# (benchmarks/figure_spread.json holds every value). Figures not listed came out the same in every
# regime and are checked exactly.
SPREAD = {
    "shallow_network": {
        "sweep 20 units": (92.75, 93.25),
        "sweep 50 units": (93.75, 94.75),
        "noisy_circles": (81.5, 82.0),
        "blobs": (98.0, 99.0),
        "gaussian_quantiles": (93.0, 93.5),
    },
    "neurons_activations": {
        "ReLU accuracy": (88.25, 88.5),
    },
    "regularization": {
        "without regularization train": (94.0, 96.0),
        "without regularization test": (75.5, 76.3),
        "L2 regularization train": (89.33, 90.67),
        "L2 regularization test": (80.2, 80.6),
    },
    "initialization": {
        "random train": (78.67, 80.33),
        "random test": (76.0, 77.0),
    },
}


def format_range(low, high, digits):
    """``92.75–93.25``, or one number when the range is a single value."""
    return f"{low:.{digits}f}" if low == high else f"{low:.{digits}f}–{high:.{digits}f}"


def outside_spread(found, notebook):
    """The figures of ``found`` that lie outside their measured range: {figure: (value, range)}."""
    return {name: (found.get(name), spread) for name, spread in SPREAD.get(notebook, {}).items()
            if found.get(name) is None or not spread[0] <= found[name] <= spread[1]}
