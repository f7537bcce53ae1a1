"""Spread of the notebooks' figures under different floating-point rounding.

Executes each source notebook (full version, real kernel) once per rounding regime and prints,
for every figure the notebook states, its value in each regime and the range over all of them.
The ranges that the notebooks' text and tests state (``tests/figures.py``) are derived from
this table.

Regimes, all producible without touching ``OPENBLAS_CORETYPE``, each a thread count with or
without a nudge (nine in all, e.g. ``-1 ulp, 2 threads``):

- ``1 thread`` / ``2 threads`` / ``4 threads``: the BLAS thread count (``OPENBLAS_NUM_THREADS``
  for the kernel, and every ``threadpool_limits`` a notebook calls gets the same count), which
  changes how the matrix products split their sums;
- ``+1 ulp`` / ``-1 ulp``: every float input (the planar points, the circles, the photos as
  floats) nudged to the next representable number up or down.

Run from the repository (the photos must be findable, e.g. ``DLHELPERS_DATA``)::

    .venv/bin/python benchmarks/figure_spread.py [assignment ...] [--regimes "1 thread" ...] [--json FILE]

Another numpy is another regime: run the script with that environment's Python and merge the
JSON files with ``--merge FILE ...``.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

import nbformat
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
import figures  # noqa: E402
from dlhelpers.grading.pipeline import source_notebooks  # noqa: E402
from helpers import printed_text, run_notebook  # noqa: E402

THREADS = {1: "1 thread", 2: "2 threads", 4: "4 threads"}
NUDGES = {0: "", +1: "+1 ulp, ", -1: "-1 ulp, "}
REGIMES = {NUDGES[d] + THREADS[t]: (t, d) for d in NUDGES for t in THREADS}  # "-1 ulp, 2 threads": (2, -1)

# Prepended to the notebook: the regime's thread count everywhere, and float inputs nudged.
SETUP = '''
import numpy as _np, threadpoolctl as _tp
_tp.threadpool_limits(limits={threads}, user_api="blas")
_limits = _tp.threadpool_limits
_tp.threadpool_limits = lambda *args, **kwargs: _limits(limits={threads}, user_api="blas")

def _nudge(a):
    a = _np.asarray(a)
    a = a.astype(float) if a.dtype == _np.uint8 else a
    return _np.nextafter(a, {direction} * _np.inf) if {direction} and a.dtype.kind == "f" else a

import dlhelpers.datasets as _d, sklearn.datasets as _s

def _nudged(make, *, inputs):
    """``make`` with the float arrays at the positions ``inputs`` of its result nudged."""
    def nudged(*args, **kwargs):
        result = list(make(*args, **kwargs))
        return tuple(_nudge(r) if i in inputs else r for i, r in enumerate(result))
    return nudged

if {direction}:
    _d.make_flower = _nudged(_d.make_flower, inputs={{0}})
    _planar = _d.make_planar_datasets
    _d.make_planar_datasets = lambda *a, **k: {{n: (_nudge(X), Y) for n, (X, Y) in _planar(*a, **k).items()}}
    _s.make_circles = _nudged(_s.make_circles, inputs={{0}})
    _d.load_catvnoncat = _nudged(_d.load_catvnoncat, inputs={{0, 2}})
    _d.make_wavy_boundary = _nudged(_d.make_wavy_boundary, inputs={{0}})
    _d.make_moons = _nudged(_d.make_moons, inputs={{0}})
'''


def run(path, threads, direction):
    """Execute one notebook in one regime; return (its figures, seconds)."""
    notebook = nbformat.read(path, as_version=4)
    setup = SETUP.format(threads=threads, direction=direction)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(setup))
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    start = time.perf_counter()
    run_notebook(notebook, path.parent, timeout=1800, env=env, allow_errors=True)
    return figures.READERS[path.parent.name](printed_text(notebook)), time.perf_counter() - start


def measure(assignments, regimes, save=None):
    """{assignment: {regime: {figure: value}}}, printing progress; ``save(results)`` after each run."""
    label = f"numpy {np.__version__}"
    results = {}
    for assignment in assignments:
        for path in source_notebooks(ROOT, assignment):
            for regime in regimes:
                try:
                    found, seconds = run(path, *REGIMES[regime])
                except Exception as error:  # a run that times out costs its column, not the table
                    print(f"{assignment}: {regime}, {label}: failed: {error!r:.200}", file=sys.stderr, flush=True)
                    continue
                results.setdefault(assignment, {})[f"{regime}, {label}"] = found
                print(f"{assignment}: {regime}, {label}: {seconds:.0f} s", file=sys.stderr, flush=True)
                if save:
                    save(results)
    return results


def format_value(value):
    if value is None:
        return "-"
    return f"{value:.3g}" if value != 0 and abs(value) < 1e-3 else f"{value:g}"


def format_tables(results):
    """One markdown table per notebook: figure x regime, then min and max."""
    lines = []
    for assignment, by_regime in results.items():
        regimes = list(by_regime)
        names = list(dict.fromkeys(n for found in by_regime.values() for n in found))
        lines += [f"\n{assignment}\n", "| figure | " + " | ".join(regimes) + " | min | max |",
                  "|---|" + "---|" * (len(regimes) + 2)]
        for name in names:
            values = [by_regime[r].get(name) for r in regimes]
            known = [v for v in values if v is not None]
            ends = [min(known), max(known)] if known else [None, None]
            lines.append(f"| {name} | " + " | ".join(map(format_value, values + ends)) + " |")
    return "\n".join(lines)


def merge(results, more):
    for assignment, by_regime in more.items():
        results.setdefault(assignment, {}).update(by_regime)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", default=list(figures.READERS))
    parser.add_argument("--regimes", nargs="+", default=list(REGIMES), choices=list(REGIMES))
    parser.add_argument("--json", type=Path, help="also write the measurements to this file")
    parser.add_argument("--merge", type=Path, nargs="+", default=[],
                        help="tables from JSON files of earlier runs (with another numpy), measuring nothing")
    args = parser.parse_args(argv)
    if args.merge:
        results = {}
        for path in args.merge:
            merge(results, json.loads(path.read_text()))
    else:
        save = (lambda results: args.json.write_text(json.dumps(results, indent=1))) if args.json else None
        results = measure(args.assignments, args.regimes, save)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(format_tables(results))


if __name__ == "__main__":
    main()
