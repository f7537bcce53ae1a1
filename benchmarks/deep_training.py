"""Benchmark: the 4-layer network of the deep-network notebook on the cat photos.

Trains the reference solution's ``L_layer_model`` (its functions are taken from the source
notebook) on the 209 training photos, layers [12288, 20, 7, 5, 1], learning rate 0.0075, and
prints the seconds, the GFLOP/s of the matrix products and their ratio to this machine's float64
matrix-product peak (``matmul_gflops``), measured with the same BLAS threading just before and
just after the run (the higher of the two is used, so a busy machine does not flatter the ratio).

The flops counted are those of the three matrix products per layer and iteration, 2 n[l] n[l-1] m
each: Z = W A_prev in the forward pass, dW = dZ A_prev^T and dA_prev = W^T dZ in the backward pass
(the reference computes dA0 too, as L_model_backward returns it). Everything else is elementwise
and small next to them.

    DLHELPERS_DATA=/path/to/photos python benchmarks/deep_training.py [--threads 1 2] [--iterations 2500]

Without ``--threads`` the notebook's choice is used: one BLAS thread.

It also times the same products alone in a tight loop (``bare_products_seconds``): the ceiling of
any implementation built from the notebook's building blocks with numpy's BLAS.

Measured on the course's 2-core machine (AMD EPYC, numpy's OpenBLAS 0.3.31), X F-contiguous,
one BLAS thread: 42.8 s, 18.0 GFLOP/s, 39 % of the one-thread peak of 46.0 GFLOP/s; the bare
products 38.7 s, 43 %. So the notebook's code loses about a tenth to everything around the
products, and the products themselves stay below 50 %: they are thin (20 rows against 12,288
columns), each one packs or writes a 20 MB operand (X for W A and dZ A^T, the output for
dA0 = W^T dZ, whose inner dimension is only 20), and alone they reach 45 to 60 % (W A, dZ A^T)
and 40 to 47 % (W^T dZ) of peak. Two threads: 34 s on an idle machine but 27 % of their
85 GFLOP/s peak, and 2.5 to 4 times slower than one thread while other jobs ran. Tried and not
kept: X in C order (slower), (X^T W^T)^T for the forward product and dA0 computed in row blocks
of 512 (together 46 to 51 % for the bare products, a code no learner would write), dW from dZ / m,
dA0 before dW (no measurable change).
"""

import argparse
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from common import matmul_gflops, notebook_functions

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "deep_network" / "deep_network.ipynb"
# Cells that train, plot or draw: only the definitions and the data are needed here.
SKIP = ("flow_diagram", "gradient_check_demo", "train_two_layer", "two_layer_cost_curve", "train_L_layer",
        "compare_models", "mislabeled")
LAYERS = [12288, 20, 7, 5, 1]
SEED = 1


def product_flops(layers, m):
    """Flops of the matrix products of one iteration: forward W A, backward dZ A^T and W^T dZ."""
    return 3 * sum(2 * n * n_prev * m for n_prev, n in zip(layers[:-1], layers[1:]))


def bare_products_seconds(X, layers, iterations):
    """Seconds of the same matrix products alone: no activations, caches, dicts or Python calls.

    Per layer and iteration Z = W A_prev, dW = dZ A_prev^T and dA_prev = W^T dZ, with arrays of the
    model's shapes (A_prev = X for the first layer) and a weight step so W changes like in training.
    This is the ceiling of any implementation that keeps the notebook's building blocks.
    """
    rng = np.random.default_rng(0)
    m = X.shape[1]
    inputs = [X] + [rng.random((n, m)) for n in layers[1:-1]]
    weights = [0.01 * rng.standard_normal((n, n_prev)) for n_prev, n in zip(layers[:-1], layers[1:])]
    dZs = [rng.standard_normal((n, m)) for n in layers[1:]]
    start = time.perf_counter()
    for _ in range(iterations):
        for l, (A_prev, dZ) in enumerate(zip(inputs, dZs)):
            W = weights[l]
            _Z = W @ A_prev
            dW = dZ @ A_prev.T
            _dA_prev = W.T @ dZ
            weights[l] = W - 1e-9 * dW
    return time.perf_counter() - start


def run(namespace, threads, iterations):
    X, Y = namespace["train_x"], namespace["train_y"]
    with threadpool_limits(limits=threads, user_api="blas"):
        peak_before = matmul_gflops()
        start = time.perf_counter()
        namespace["L_layer_model"](X, Y, LAYERS, learning_rate=0.0075, num_iterations=iterations,
                                   rng=np.random.default_rng(SEED))
        seconds = time.perf_counter() - start
        bare_seconds = bare_products_seconds(X, LAYERS, iterations)
        peak_after = matmul_gflops()
    gflop = product_flops(LAYERS, X.shape[1]) * iterations / 1e9
    peak = max(peak_before, peak_after)
    achieved = gflop / seconds
    print(f"BLAS threads: {threads}")
    print(f"4-layer model {LAYERS}, {iterations} iterations: {seconds:.1f} s "
          f"({1000 * seconds / iterations:.1f} ms per iteration)")
    print(f"matrix products: {gflop:.0f} GFLOP, {achieved:.1f} GFLOP/s")
    print(f"float64 matmul peak: {peak:.1f} GFLOP/s (before {peak_before:.1f}, after {peak_after:.1f})")
    print(f"ratio to peak: {100 * achieved / peak:.0f} % (target: at least 50 %)")
    print(f"the same products alone, in a tight loop: {bare_seconds:.1f} s, {gflop / bare_seconds:.1f} GFLOP/s, "
          f"{100 * gflop / bare_seconds / peak:.0f} % of peak (the ceiling for these building blocks)")
    return seconds, achieved, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1], help="BLAS threads, one run per value")
    parser.add_argument("--iterations", type=int, default=2500)
    args = parser.parse_args()
    namespace = notebook_functions(NOTEBOOK, skip_ids=SKIP)
    X = namespace["train_x"]
    print(f"X: shape {X.shape}, {'F' if X.flags.f_contiguous else 'C' if X.flags.c_contiguous else 'non'}-contiguous")
    for threads in args.threads:
        run(namespace, threads, args.iterations)


if __name__ == "__main__":
    main()
