"""Benchmark: the logistic-regression training loop on the cat photos (reference solution).

Each iteration does two matrix-vector products with X of shape (12288, 209): w.T @ X forward and
X @ (A - Y).T backward, 2 * n_x * m flops each. They are memory-bound, so expect a small fraction of
the matrix-product peak. Run: .venv/bin/python benchmarks/logistic_training.py
"""

import time
from pathlib import Path

from common import matmul_gflops, notebook_functions

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "logistic_regression" / "logistic_regression.ipynb"
SKIP = {"show_data", "vectorisation_demo", "train_on_photos", "cost_curve", "mislabeled", "learning_rates"}


def measure(peak, iterations=2000):
    """Seconds and GFLOP/s of ``model`` for ``iterations`` steps at learning rate 0.005."""
    ns = notebook_functions(NOTEBOOK, skip_ids=SKIP)
    X, Y = ns["train_set_x"], ns["train_set_y"]
    start = time.perf_counter()
    ns["model"](X, Y, ns["test_set_x"], ns["test_set_y"], num_iterations=iterations, learning_rate=0.005)
    seconds = time.perf_counter() - start
    n_x, m = X.shape
    gflops = 4 * n_x * m * iterations / seconds / 1e9
    return {"name": f"logistic regression, {iterations} iterations", "seconds": seconds,
            "gflops": gflops, "ratio": gflops / peak}


if __name__ == "__main__":
    peak = matmul_gflops()
    result = measure(peak)
    print(f"matrix-product peak: {peak:.1f} GFLOP/s")
    print(f"{result['name']}: {result['seconds']:.2f} s, {result['gflops']:.2f} GFLOP/s, "
          f"{100 * result['ratio']:.1f} % of peak")
