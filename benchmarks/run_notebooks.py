"""Benchmark: Run All of each source notebook (full version), per BLAS thread count, cell by cell.

For each notebook and thread count it starts a fresh kernel with ``OPENBLAS_NUM_THREADS`` set,
executes every cell with nbclient and prints

- the seconds of cell execution (the sum over cells, kernel start excluded: what a learner waits
  for after "Run All"), and the heavy cells (0.5 s or more) by grade_id;
- for the deep notebook's two trainings, the GFLOP/s of their matrix products against the same
  products alone (``deep_training.bare_products_seconds``) at the same thread count.

``--baseline REV`` runs the notebooks of a git revision too, interleaved with this tree's (same
kernel, same ``dlhelpers`` of this tree), and prints the ratio this tree / REV: on another machine
the ratios, not the seconds, carry over.

    DLHELPERS_DATA=/path/to/photos .venv/bin/python benchmarks/run_notebooks.py [assignment ...]
        [--threads 1 2] [--baseline REV] [--rounds N]

With ``--rounds N`` every figure is the median of N rounds.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import nbformat
import numpy as np
from deep_training import bare_products_seconds, product_flops
from nbclient import NotebookClient
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dlhelpers.grading.pipeline import assignments, source_notebooks  # noqa: E402

HEAVY = 0.5  # seconds: cells at least this long are listed
# The deep notebook's trainings: grade_id -> (layer sizes, iterations of the full version).
TRAININGS = {"train_two_layer": ((12288, 7, 1), 2500), "train_L_layer": ((12288, 20, 7, 5, 1), 2500)}


def cell_seconds(path, threads):
    """Execute a notebook in a fresh kernel; return [(label, seconds)] for its code cells."""
    notebook = nbformat.read(path, as_version=4)
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    env.pop("NBGRADER_EXECUTION", None)
    NotebookClient(notebook, timeout=1800, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
    seconds = []
    for index, cell in enumerate(notebook.cells):
        timing = cell.metadata.get("execution", {})
        if cell.cell_type != "code" or "iopub.execute_input" not in timing:
            continue
        label = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index}"
        seconds.append((label, _elapsed(timing["iopub.execute_input"], timing["shell.execute_reply"])))
    return seconds


def _elapsed(start, end):
    parse = lambda stamp: datetime.fromisoformat(stamp.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(start)).total_seconds()


def baseline_notebook(revision, path, folder):
    """The source notebook at ``path`` as it was at a git revision, written under ``folder``."""
    relative = path.relative_to(ROOT)
    text = subprocess.run(["git", "show", f"{revision}:{relative.as_posix()}"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout
    target = Path(folder) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    return target


def bare_gflops(threads):
    """GFLOP/s of the deep trainings' matrix products alone, per training, at ``threads`` threads."""
    X = np.asfortranarray(np.random.default_rng(0).random((12288, 209)))
    with threadpool_limits(limits=threads, user_api="blas"):
        return {grade_id: product_flops(layers, 209) * 300 / bare_products_seconds(X, layers, 300) / 1e9
                for grade_id, (layers, _) in TRAININGS.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--baseline", help="a git revision to compare with")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    names = args.assignments or assignments(ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        variants = {"this tree": {a: source_notebooks(ROOT, a)[0] for a in names}}
        if args.baseline:
            variants[args.baseline] = {a: baseline_notebook(args.baseline, path, scratch)
                                       for a, path in variants["this tree"].items()}
        runs = {}  # (variant, assignment, threads) -> list of rounds, each [(label, seconds)]
        for _ in range(args.rounds):
            for assignment in names:
                for threads in args.threads:
                    for variant, paths in variants.items():  # interleaved: drift hits both alike
                        runs.setdefault((variant, assignment, threads), []).append(
                            cell_seconds(paths[assignment], threads))
                        total = sum(s for _, s in runs[(variant, assignment, threads)][-1])
                        print(f"  ran {assignment} ({variant}, {threads} thread{'s' * (threads > 1)}): "
                              f"{total:.1f} s", file=sys.stderr, flush=True)
    report(runs, names, args.threads, list(variants))


def median_cells(rounds):
    """Per cell label, the median seconds over rounds (cells in notebook order)."""
    labels = [label for label, _ in rounds[0]]
    return [(label, statistics.median(r[i][1] for r in rounds)) for i, label in enumerate(labels)]


def report(runs, names, thread_counts, variants):
    cells = {key: median_cells(rounds) for key, rounds in runs.items()}
    totals = {key: sum(s for _, s in value) for key, value in cells.items()}
    head = "".join(f" {f'{t} thread' + 's' * (t > 1):>10}" for t in thread_counts)
    print(f"\nseconds of cell execution (median of {len(next(iter(runs.values())))} round(s))")
    for variant in variants:
        print(f"\n{variant:<22}{head}")
        for assignment in names:
            print(f"{assignment:<22}" + "".join(f" {totals[(variant, assignment, t)]:10.1f}" for t in thread_counts))
        print(f"{'all':<22}" + "".join(f" {sum(totals[(variant, a, t)] for a in names):10.1f}"
                                       for t in thread_counts))
    if len(variants) == 2:
        new, old = variants
        print(f"\nratio {new} / {old}{head}")
        for assignment in names + ["all"]:
            chosen = names if assignment == "all" else [assignment]
            print(f"{assignment:<22}" + "".join(
                f" {sum(totals[(new, a, t)] for a in chosen) / sum(totals[(old, a, t)] for a in chosen):10.2f}"
                for t in thread_counts))
    print(f"\nheavy cells of this tree ({HEAVY} s or more), seconds")
    for assignment in names:
        for t in thread_counts:
            heavy = [(label, s) for label, s in cells[("this tree", assignment, t)] if s >= HEAVY]
            listed = ", ".join(f"{label} {s:.1f}" for label, s in heavy) or "none"
            print(f"{assignment} ({t} thread{'s' * (t > 1)}): {listed}")
    if "deep_network" in names:
        print("\ndeep trainings: GFLOP/s of the matrix products, in the notebook and alone")
        for t in thread_counts:
            bare = bare_gflops(t)
            seconds = dict(cells[("this tree", "deep_network", t)])
            for grade_id, (layers, iterations) in TRAININGS.items():
                achieved = product_flops(layers, 209) * iterations / seconds[grade_id] / 1e9
                print(f"{grade_id} ({t} thread{'s' * (t > 1)}): {seconds[grade_id]:.1f} s, "
                      f"{achieved:.1f} GFLOP/s, products alone {bare[grade_id]:.1f} GFLOP/s, "
                      f"{100 * achieved / bare[grade_id]:.0f} %")


if __name__ == "__main__":
    main()
