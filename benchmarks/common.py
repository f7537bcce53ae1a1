"""Shared pieces of the benchmarks: the machine's matrix-product peak, and a notebook's functions."""

import contextlib
import io
import time

import nbformat
import numpy as np


def matmul_gflops(n=2000, repeats=5):
    """GFLOP/s of a large float64 matrix product (2 n^3 flops), best of ``repeats``."""
    a = np.random.default_rng(0).standard_normal((n, n))
    b = np.random.default_rng(1).standard_normal((n, n))
    a @ b  # warm up
    best = min(_seconds(lambda: a @ b) for _ in range(repeats))
    return 2 * n**3 / best / 1e9


def _seconds(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def notebook_functions(path, *, skip_ids=()):
    """Run a source notebook's definition cells (not its training or plots) and return the namespace.

    Executes every nbgrader cell whose source defines something (``def``/``import``/assignments of
    data), i.e. the setup, data and solution cells, in order, skipping test cells and the cells
    whose grade_id is in ``skip_ids``. Magics (``%matplotlib``) are dropped.
    """
    namespace = {"__name__": "notebook"}
    with contextlib.redirect_stdout(io.StringIO()):
        _run_cells(path, namespace, skip_ids)
    return namespace


def _run_cells(path, namespace, skip_ids):
    for cell in nbformat.read(path, as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade") or not meta or meta.get("grade_id") in skip_ids:
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith("%"))
        exec(compile(source, f"{path}:{meta.get('grade_id')}", "exec"), namespace)
