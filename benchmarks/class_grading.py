"""A class graded four ways in one run: plain sequential nbgrader, and ``course.py grade`` on Dask.

    .venv/bin/python benchmarks/class_grading.py [--students 100] [--assignment numpy_basics]
                                                 [--cell-timeout 10] [--json FILE]

The class is made from the catalogs (``tests/catalog``): reference solutions, untouched student
versions, one catalogued mistake each, the valid alternatives, and a few submissions whose kernel
loops or dies, as one LMS folder (``<student>_<notebook>.ipynb``). Each way grades it in its own
copy of the course, one after the other, on the same machine:

1. ``nbgrader autograde`` then ``nbgrader generate_feedback`` (one submission after another);
2. ``course.py grade`` with 1 local worker, and 3. with 2;
4. ``course.py grade --scheduler`` on a ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1.

It prints seconds, submissions per minute, the speed-up over (1), and whether every grade of every
cell is identical to (1). The reference records are built once, before the timed runs.
"""

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

LOOP = "while True:\n    pass"
DIE = "import os\nos._exit(3)"


def make_class(folder, assignment, count):
    """Write ``count`` LMS-named submissions into ``folder``; return {student: kind}."""
    import importlib

    import nbformat

    from test_catalogs import _inject
    from test_class_grading import notebook

    catalog = importlib.import_module(f"catalog.{assignment}")
    [source] = sorted((REPO / "notebooks" / assignment).glob("*.ipynb"))
    folder.mkdir(parents=True)
    graded = [c.metadata["nbgrader"]["grade_id"] for c in nbformat.read(source, as_version=4).cells
              if c.metadata.get("nbgrader", {}).get("grade")]
    middle = graded[len(graded) // 2]  # a loop or an exit half-way through the notebook
    kinds = {}
    extras = [("loop", LOOP), ("loop", LOOP), ("die", DIE), ("die", DIE)]
    entries = itertools.cycle([("mistake", e) for e in catalog.MISTAKES] + [("valid", e) for e in catalog.VALID])
    for index in range(count):
        student = f"s{index:03d}"
        target = folder / f"{student}_{source.name}"
        if index % 10 == 0:
            kinds[student] = "reference"
            target.write_text(notebook(source=source))
        elif index % 10 == 5:
            kinds[student] = "blank"
            target.write_text(notebook(source=source, blank=True))
        elif extras and index % 25 == 3:
            kind, code = extras.pop()
            kinds[student] = kind
            target.write_text(notebook(source=source, insert_after={middle: code}))
        else:
            kind, entry = next(entries)
            kinds[student] = f"{kind}: {entry.name}"
            _inject(source, [entry], target, restore=False)
    return kinds


def make_course(folder, assignment, cell_timeout):
    """The tests' instructor course folder, with a shorter cell limit for the loops."""
    from test_class_grading import make_course as instructor_course

    root = instructor_course(folder, assignment)
    with open(root / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.Execute.timeout = {cell_timeout}\n")
    return root


def grades(root, assignment):
    """``{student: {cell: auto_score}}`` from a course's gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {s.student.id: {f"{n.name}/{g.name}": g.auto_score for n in s.notebooks for g in n.grades}
                for s in gradebook.assignment_submissions(assignment)}


def timed(command, cwd, env):
    start = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    return seconds


def sequential(root, assignment, lms, env):
    """Plain nbgrader: zip_collect's layout filled by our collector, then autograde and generate_feedback."""
    from dlhelpers.grading.collect import collect
    from dlhelpers.grading.pipeline import Course

    course = Course(root)
    course.generate(assignment)
    collect(course, assignment, lms)
    python = str(REPO / ".venv" / "bin" / "python")
    autograde = timed([python, "-m", "nbgrader", "autograde", assignment, "--force"], root, env)
    feedback = timed([python, "-m", "nbgrader", "generate_feedback", assignment, "--force"], root, env)
    return autograde + feedback, {"autograde": autograde, "generate_feedback": feedback}


def dask_cluster(folder, env):
    """A ``dask scheduler`` and two single-threaded ``dask worker`` processes on 127.0.0.1."""
    scheduler_file = folder / "scheduler.json"
    python = str(REPO / ".venv" / "bin" / "python")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    processes = [subprocess.Popen([python, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--no-dashboard", "--scheduler-file", str(scheduler_file)], **quiet)]
    while not scheduler_file.is_file():
        time.sleep(0.2)
    for _ in range(2):
        processes.append(subprocess.Popen([python, "-m", "dask", "worker", "--scheduler-file", str(scheduler_file),
                                           "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"], **quiet))
    from distributed import Client

    with Client(scheduler_file=str(scheduler_file), timeout="60s") as client:
        client.wait_for_workers(2, timeout=120)
        address = client.scheduler.address
    return address, processes


class _Skip(Exception):
    pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--assignment", default="numpy_basics")
    parser.add_argument("--cell-timeout", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="no run on a separate dask scheduler")
    parser.add_argument("--local", type=int, nargs="+", default=[1, 2], help="local worker counts to run")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "class_grading.json")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="class-grading-"))
    env = dict(os.environ, DLCOURSE_REFERENCE_CACHE=str(work / "reference"))
    os.environ.update(env)
    lms = work / "lms"
    kinds = make_class(lms, args.assignment, args.students)
    print(f"{len(kinds)} submissions of {args.assignment}: "
          + ", ".join(f"{k} {sum(v.split(':')[0] == k for v in kinds.values())}"
                      for k in ("reference", "blank", "mistake", "valid", "loop", "die")), flush=True)

    from dlhelpers.grading.pipeline import source_notebooks
    from dlhelpers.grading.reference import cache_folder, reference_records

    start = time.perf_counter()
    for path in source_notebooks(REPO, args.assignment):
        reference_records(path, cache_folder(""))
    print(f"reference records built once: {time.perf_counter() - start:.1f} s", flush=True)

    runs = {}
    root = make_course(work / "sequential", args.assignment, args.cell_timeout)
    runs["nbgrader autograde + generate_feedback, sequential"] = (*sequential(root, args.assignment, lms, env), root)
    print("sequential done", flush=True)
    for workers in args.local:
        root = make_course(work / f"local{workers}", args.assignment, args.cell_timeout)
        seconds = timed([sys.executable, root / "course.py", "grade", args.assignment, lms, "--workers", str(workers),
                         "--no-progress", "--cell-timeout", str(args.cell_timeout)], root, env)
        runs[f"course.py grade, LocalCluster, {workers} worker{'s' if workers > 1 else ''}"] = (seconds, {}, root)
        print(f"{workers} worker(s) done", flush=True)
    address, processes = dask_cluster(work, env) if not args.quick else (None, [])
    try:
        if args.quick:
            raise _Skip
        root = make_course(work / "scheduler", args.assignment, args.cell_timeout)
        seconds = timed([sys.executable, root / "course.py", "grade", args.assignment, lms, "--scheduler", address,
                         "--no-progress", "--cell-timeout", str(args.cell_timeout)], root, env)
        runs["course.py grade --scheduler (dask scheduler + 2 dask workers)"] = (seconds, {}, root)
    except _Skip:
        pass
    finally:
        for process in processes:
            process.terminate()

    baseline_seconds, _, baseline_root = next(iter(runs.values()))
    baseline = grades(baseline_root, args.assignment)
    rows = []
    for name, (seconds, parts, root) in runs.items():
        got = grades(root, args.assignment)
        differ = sorted(s for s in baseline if got.get(s) != baseline[s])
        rows.append({"way": name, "seconds": round(seconds, 1), "per_minute": round(len(kinds) / seconds * 60, 1),
                     "speedup": round(baseline_seconds / seconds, 2), "students": len(got),
                     "identical": not differ and len(got) == len(baseline), "differ": differ, **parts})
    width = max(len(r["way"]) for r in rows)
    print(f"\n{'way':<{width}}  seconds  per minute  speed-up  identical grades")
    for r in rows:
        same = "yes" if r["identical"] else f"NO ({len(r['differ'])} students: {', '.join(r['differ'][:5])})"
        print(f"{r['way']:<{width}}  {r['seconds']:7.1f}  {r['per_minute']:10.1f}  {r['speedup']:7.2f}x  {same}")
    total = {s: sum(v or 0 for v in cells.values()) for s, cells in baseline.items()}
    print(f"\nmean score {sum(total.values()) / len(total):.2f}; cores: {len(os.sched_getaffinity(0))}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"assignment": args.assignment, "students": len(kinds), "kinds": kinds,
                                     "cell_timeout": args.cell_timeout, "rows": rows}, indent=1))
    print(f"written: {args.json}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
