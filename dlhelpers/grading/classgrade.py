"""Grade a whole class on Dask: collect, autograde in parallel, store, feedback, report.

The driver (this module) collects the submissions into ``submitted/``, prepares the course bundle
once (the reference records included), and hands one task per submission to Dask distributed: a
``LocalCluster`` with one single-threaded worker per core, or the cluster at ``scheduler``. A task
(``worker.grade_submission``) grades in its own private copy of the course; only the driver writes
the course: each result is saved to ``.grading/<assignment>/<student>.json`` as it arrives, then
stored in the gradebook in one transaction, with the autograded notebook and feedback HTML.

So nothing is lost when something stops: a worker that dies has its task run again elsewhere (Dask
reschedules it); a submission that kills every worker it runs on gets 0 with that reason; and a
driver stopped by Ctrl-C or a crash leaves the results it had, which ``resume=True`` keeps (same
submission, same course: same digest) instead of grading them again.
"""

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .collect import collect, submitted_students
from .worker import grade_submission, make_bundle, submission_digest

RESULTS_DIR = ".grading"


@dataclass
class ClassRun:
    """What ``grade_class`` did: every student's result, the new ones, and where the outputs are."""

    results: list
    graded: list          # students graded in this run (the others were kept from an earlier one)
    skipped: list         # (file, reason) the collector could not place
    seconds: float
    report: Path
    interrupted: bool = False


def results_folder(root, assignment):
    return Path(root) / RESULTS_DIR / assignment


def _submission_files(root, student, assignment):
    folder = Path(root) / "submitted" / student / assignment
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != "timestamp.txt"}


def _timestamp(root, student, assignment):
    """The submission's time from nbgrader's timestamp.txt, or None."""
    from nbgrader.utils import parse_utc

    path = Path(root) / "submitted" / student / assignment / "timestamp.txt"
    text = path.read_text().strip() if path.is_file() else ""
    try:
        return parse_utc(text) if text else None
    except ValueError:
        return None


def ensure_generated(course, assignment):
    """Generate the assignment into the gradebook unless it already has the source's graded cells."""
    from nbgrader.api import MissingEntry

    from .pipeline import grade_ids, open_gradebook, source_notebooks

    wanted = {p.stem: set(grade_ids(p)) for p in source_notebooks(course.root, assignment)}
    with open_gradebook(course.config.CourseDirectory.db_url) as gradebook:
        try:
            known = {n.name: {c.name for c in n.grade_cells} for n in gradebook.find_assignment(assignment).notebooks}
        except MissingEntry:
            known = None
    if known != wanted:
        course.generate(assignment)


def reference_files(course, assignment):
    """Build (or find) the reference records of every notebook of the assignment, in the driver."""
    from .pipeline import source_notebooks
    from .reference import cache_file, cache_folder

    folder = cache_folder(course.root / ".reference")
    return [cache_file(path, folder) for path in source_notebooks(course.root, assignment)]


def save_result(root, result):
    """Write a result's files (autograded notebook, feedback) and then the result itself, atomically."""
    assignment, student = result["assignment"], result["student"]
    files = result.pop("files", {})
    for name, text in files.items():
        kind, filename = name.split("/", 1)
        target = Path(root) / kind / student / assignment / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        if kind == "feedback":  # nbgrader's release_feedback reads these beside the feedback
            for marker in ("timestamp.txt", "submission_secret.txt"):
                submitted = Path(root) / "submitted" / student / assignment / marker
                if submitted.is_file():
                    shutil.copy2(submitted, target.parent / marker)
    folder = results_folder(root, assignment)
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{student}.json.partial"
    partial.write_text(json.dumps(result, indent=1))
    os.replace(partial, folder / f"{student}.json")


def load_results(root, assignment):
    """The saved results of an assignment, ``{student: result}`` (unreadable files are ignored)."""
    results = {}
    folder = results_folder(root, assignment)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            result = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(result, dict) and result.get("student") == path.stem:
            results[path.stem] = result
    return results


def failed_result(assignment, student, digest, reason):
    """The result of a submission that could not be graded at all: 0, with the reason."""
    return {"format": "dlcourse-class-result-1", "assignment": assignment, "student": student, "digest": digest,
            "status": "failed", "reason": reason, "worker": "", "exercises": [], "comments": [],
            "seconds": 0.0, "score": 0.0, "max_score": 0.0}


def _describe(error):
    from distributed import KilledWorker

    if isinstance(error, KilledWorker):
        return ("grading it stopped every worker it ran on (the worker processes died); "
                "look at the submission by hand")
    lines = str(error).strip().splitlines()
    return f"the grader failed on it: {type(error).__name__}: {lines[-1][:300] if lines else ''}"


def open_cluster(scheduler=None, workers=None):
    """A Dask client: on ``scheduler`` if given, else on a new LocalCluster of single-threaded workers."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s"), None
    # the workers' statistical profiler samples every thread 100 times a second: CPU the kernels need
    dask.config.set({"distributed.worker.profile.enabled": False})
    workers = workers or len(os.sched_getaffinity(0))
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    # results (feedback pages, a few hundred kB each) come straight from the workers, not through the
    # scheduler, which lives in this process: about 0.06 s of CPU less per submission (measured)
    return Client(cluster, direct_to_workers=True), cluster


def grade_class(course, assignment, source, *, pattern="plain", scheduler=None, workers=None, resume=False,
                only=None, cell_timeout=None, progress=True, say=print):
    """Collect and grade every submission of ``assignment`` from ``source``; see the module docstring.

    Parameters
    ----------
    course : pipeline.Course
    assignment : str
    source : str or Path
        ``"exchange"``, an LMS ``.zip`` or folder, or a ``<student>/<assignment>/`` tree.
    pattern : str
        How LMS file names carry the student id (``collect.NAME_PATTERNS`` or a regular expression).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://HOST:8786``); default a LocalCluster.
    workers : int, optional
        Local workers (default: one per core).
    resume : bool
        Keep the saved results of an earlier run whose submission and course are unchanged.
    only : list of str, optional
        Collect and grade only these students (their grades are replaced; the others' submissions
        and grades are left alone, even when ``source`` holds the whole class).
    cell_timeout : int, optional
        Seconds a cell may run before it is interrupted (default: nbgrader_config.py's).

    Returns
    -------
    ClassRun
    """
    from tqdm import tqdm

    from .report import write_report

    start = time.perf_counter()
    root = course.root
    ensure_generated(course, assignment)
    collected = collect(course, assignment, source, pattern=pattern, only=only)
    students = collected.students
    if only:
        missing = sorted(set(only) - set(submitted_students(root, assignment)))
        if missing:
            raise ValueError(f"no submission of {assignment} from {', '.join(missing)} in {root / 'submitted'}")
        students = sorted(only)
    say(f"[{assignment}] {len(students)} submissions; reference records ...")
    bundle = make_bundle(root, assignment, reference_files(course, assignment))
    jobs = {}
    for student in students:
        files = _submission_files(root, student, assignment)
        jobs[student] = {"student": student, "files": files, "digest": submission_digest(bundle, files),
                         "cell_timeout": cell_timeout}
    saved = load_results(root, assignment)
    kept = {s: r for s, r in saved.items() if resume and s in jobs and r.get("digest") == jobs[s]["digest"]}
    store = _storer(course, assignment)
    for result in kept.values():  # stored again: the driver may have stopped before storing it
        store(result)
    for student in set(jobs) - set(kept):
        (results_folder(root, assignment) / f"{student}.json").unlink(missing_ok=True)
    todo = [s for s in students if s not in kept]
    if kept:
        say(f"[{assignment}] resuming: {len(kept)} already graded, {len(todo)} to grade")
    graded, interrupted = [], False
    if todo:
        client, cluster = open_cluster(scheduler, workers)
        try:
            graded, interrupted = _run(client, bundle, [jobs[s] for s in todo], course, store, progress, tqdm)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    everyone = load_results(root, assignment)  # the report covers the class: everyone graded so far
    results = [everyone[s] for s in sorted(everyone)]
    seconds = time.perf_counter() - start
    report, _ = write_report(results, root / "reports" / assignment, assignment=assignment, seconds=seconds)
    return ClassRun(results, graded, collected.skipped, seconds, report, interrupted)


def _storer(course, assignment):
    """``store(result)``: the result into the course's gradebook, with the submission's time and the
    late penalty ``nbgrader autograde`` would give (``c.AssignLatePenalties`` in nbgrader_config.py)."""
    from .store import late_plugin, store_result

    db_url, late = course.config.CourseDirectory.db_url, late_plugin(course.config)

    def store(result):
        store_result(db_url, result, _timestamp(course.root, result["student"], assignment), late=late)
    return store


def _run(client, bundle, jobs, course, store, progress, tqdm):
    """Submit the jobs, and save and store each result as it arrives; Ctrl-C stops cleanly."""
    from distributed import as_completed

    shared = client.scatter(bundle, broadcast=True)
    futures = {client.submit(grade_submission, shared, job, key=f"grade-{job['student']}-{job['digest'][:12]}",
                             pure=False): job for job in jobs}
    graded = []
    bar = tqdm(total=len(jobs), unit="submission", disable=not progress, file=sys.stderr)
    try:
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - any failure of one task is that submission's 0
                result = failed_result(bundle["assignment"], job["student"], job["digest"], _describe(error))
            save_result(course.root, result)
            store(result)
            graded.append(job["student"])
            bar.update()
    except KeyboardInterrupt:
        for future in futures:
            future.cancel()
        return graded, True
    finally:
        bar.close()
    return graded, False


def export_grades(course):
    """nbgrader's CSV of every grade, and one row per student with one column per assignment."""
    import csv

    from nbgrader.api import Gradebook, MissingEntry

    nbgrader_csv = course.export_csv()
    table = course.root / "grades_by_student.csv"
    with Gradebook(course.config.CourseDirectory.db_url) as gradebook:
        assignments = [a.name for a in gradebook.assignments]
        rows = []
        for student in sorted(gradebook.students, key=lambda s: s.id):
            row = {"student": student.id}
            for name in assignments:
                try:
                    row[name] = f"{gradebook.find_submission(name, student.id).score:g}"
                except MissingEntry:
                    row[name] = ""
            rows.append(row)
    with open(table, "w", newline="") as handle:
        writer = csv.DictWriter(handle, ["student", *assignments])
        writer.writeheader()
        writer.writerows(rows)
    return nbgrader_csv, table


def lms_feedback(course, assignment, results):
    """One feedback HTML per student in ``lms_feedback/<assignment>/``, ready to upload to the LMS.

    A submission that could not be graded gets a page saying why, instead of nbgrader's feedback.
    """
    import html

    folder = course.root / "lms_feedback" / assignment
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for result in results:
        student = result["student"]
        pages = sorted((course.root / "feedback" / student / assignment).glob("*.html"))
        if result["status"] != "graded" or not pages:
            (folder / f"{student}.html").write_text(
                f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(assignment)}</title></head>"
                f"<body><h1>{html.escape(assignment)}: 0 points</h1><p>Your submission could not be graded: "
                f"{html.escape(result['reason'] or result['status'])}.</p></body></html>")
            continue
        for page in pages:
            name = f"{student}.html" if len(pages) == 1 else f"{student}_{page.name}"
            shutil.copy2(page, folder / name)
    return folder
