"""Autograde one submission per assignment, before and after a change, side by side in one run.

    .venv/bin/python benchmarks/autograde_timing.py [--before REF] [--rounds N] [--json FILE] [assignment ...]

``--before`` (default ``726c966``, the last commit whose hidden tests asserted in the kernel) is
checked out into a temporary git worktree. For each round and assignment, the reference solution is
autograded as a student by the old code and by this checkout, one after the other, each in its own
process and course copy, through nbgrader's API. Only the ``autograde`` call is timed. The reference
records that this checkout's grader needs are built once per notebook version, before the timed runs,
and reported on their own ("reference build"): that cost is paid once per assignment, not per student.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BEFORE = "726c966"

GRADE_ONE = """
import json, sys, tempfile, time, warnings
warnings.simplefilter("ignore")
from dlhelpers.grading.pipeline import Course, copy_course, source_notebooks, total
root, assignment = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    course = Course(copy_course(root, tmp, only=[assignment]))
    course.generate(assignment)
    course.submit("reference", assignment, source_notebooks(root, assignment))
    start = time.perf_counter()
    course.autograde(assignment, "reference")
    seconds = time.perf_counter() - start
    points, maximum = total(course.scores(assignment, "reference"))
print(json.dumps({"seconds": seconds, "points": points, "max": maximum}))
"""

BUILD_REFERENCE = """
import sys, time
from dlhelpers.grading.pipeline import source_notebooks
from dlhelpers.grading.reference import cache_folder, reference_records
root, assignment = sys.argv[1], sys.argv[2]
start = time.perf_counter()
for notebook in source_notebooks(root, assignment):
    reference_records(notebook, cache_folder(""))
print(time.perf_counter() - start)
"""


def _run(code, root, assignment, env):
    """Run ``code`` with ``root``'s own dlhelpers (PYTHONPATH, also for the kernels); its last line."""
    env = dict(env, PYTHONPATH=str(root))
    result = subprocess.run([sys.executable, "-c", code, str(root), assignment], cwd=root, env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{assignment} in {root} failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--before", default=DEFAULT_BEFORE)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from dlhelpers.grading.pipeline import assignments
    from dlhelpers.grading.reference import ENV_CACHE

    chosen = args.assignments or assignments(REPO)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    with tempfile.TemporaryDirectory(prefix="autograde-timing-") as tmp:
        before = Path(tmp) / "before"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(before), args.before],
                       check=True)
        env[ENV_CACHE] = str(Path(tmp) / "reference-cache")
        try:
            builds = {a: float(_run(BUILD_REFERENCE, REPO, a, env)) for a in chosen}
            runs = {a: {"before": [], "after": []} for a in chosen}
            for _ in range(args.rounds):
                for assignment in chosen:
                    for side, root in (("before", before), ("after", REPO)):
                        runs[assignment][side].append(json.loads(_run(GRADE_ONE, root, assignment, env)))
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(before)], check=False)

    print(f"autograde of the reference solution, seconds (median of {args.rounds}); before = {args.before}")
    print(f"{'assignment':<22}{'before':>8}{'after':>8}{'after/before':>14}{'points':>10}{'reference build':>17}")
    rows, total_before, total_after = [], 0.0, 0.0
    for assignment in chosen:
        seconds = {side: statistics.median(r["seconds"] for r in runs[assignment][side]) for side in runs[assignment]}
        points = runs[assignment]["after"][-1]
        total_before, total_after = total_before + seconds["before"], total_after + seconds["after"]
        print(f"{assignment:<22}{seconds['before']:>8.1f}{seconds['after']:>8.1f}"
              f"{seconds['after'] / seconds['before']:>14.2f}{points['points']:>5g} / {points['max']:<4g}"
              f"{builds[assignment]:>12.1f}")
        rows.append({"assignment": assignment, **seconds, "reference_build": builds[assignment],
                     "runs": runs[assignment]})
    print(f"{'all':<22}{total_before:>8.1f}{total_after:>8.1f}{total_after / total_before:>14.2f}")
    if args.json:
        args.json.write_text(json.dumps({"before": args.before, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
