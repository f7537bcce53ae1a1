"""Benchmark: seconds to execute each source notebook (full version), then the training loops.

Run from the repository: .venv/bin/python benchmarks/run_notebooks.py [assignment ...]
The photos must be findable (DLHELPERS_DATA, datasets/ or a download).
"""

import importlib
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from common import matmul_gflops

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dlhelpers.grading.pipeline import assignments, source_notebooks  # noqa: E402


def execute_seconds(path):
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(notebook, timeout=1800, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main(only):
    print("notebook                                   seconds")
    for assignment in only or assignments(ROOT):
        for path in source_notebooks(ROOT, assignment):
            print(f"{assignment + '/' + path.name:<42} {execute_seconds(path):7.1f}", flush=True)
    peak = matmul_gflops()
    print(f"\nfloat64 matrix product (2000 x 2000): {peak:.1f} GFLOP/s")
    for module_path in sorted(Path(__file__).parent.glob("*_training.py")):
        result = importlib.import_module(module_path.stem).measure(peak)
        print(f"{result['name']}: {result['seconds']:.2f} s, {result['gflops']:.2f} GFLOP/s, "
              f"{100 * result['ratio']:.1f} % of the matrix-product peak", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
