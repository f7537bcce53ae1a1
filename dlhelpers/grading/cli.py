"""Command line of the course: ``python -m dlhelpers.grading.cli {demo,selfgrade,release}``.

``course.py`` at the repository root installs everything first and then calls this.
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from .pipeline import Course, PipelineError, assignments, copy_course, source_notebooks, total

REPO_ROOT = Path(__file__).resolve().parents[2]


def choose_data(say=print):
    """Make sure the kernels will find the cat photos; else ask for the stand-in, with a banner.

    Returns the banner text (empty when the photos are used).
    """
    from dlhelpers.datasets import DataFileCorruptError, DataNotFoundError, load_catvnoncat
    from dlhelpers.datasets._cats import ENV_STANDIN, _wants_standin

    if _wants_standin():
        reason = f"{ENV_STANDIN} is set"
    else:
        try:
            load_catvnoncat()
            return ""
        except (DataNotFoundError, DataFileCorruptError) as error:
            reason = str(error).splitlines()[0]
        os.environ[ENV_STANDIN] = "1"
    line = "=" * 78
    banner = (f"{line}\nSYNTHETIC STAND-IN DATA: the cat photos are not used in this run.\n"
              f"Reason: {reason}\nScores are real; the accuracies printed in the notebooks are not "
              f"the photos' figures.\nSee datasets/README.md to provide the photos.\n{line}")
    say(banner)
    return banner


def demo(root, only=None, say=print):
    """Generate, autograde (reference and blank), feedback and CSV for every assignment.

    Returns the rows of the summary table and whether every reference got full marks and every
    blank got zero.
    """
    course = Course(root)
    rows, ok = [], True
    for assignment in only or assignments(root):
        start = time.perf_counter()
        say(f"[{assignment}] generate_assignment")
        release = course.generate(assignment)
        course.submit("reference", assignment, source_notebooks(root, assignment))
        course.submit("blank", assignment, sorted(release.glob("*.ipynb")))
        results = {}
        for student in ("reference", "blank"):
            say(f"[{assignment}] autograde {student}")
            course.autograde(assignment, student)
            results[student] = total(course.scores(assignment, student))
        say(f"[{assignment}] generate_feedback")
        course.feedback(assignment)
        seconds = time.perf_counter() - start
        rows.append((assignment, results["reference"], results["blank"], seconds))
        (ref, ref_max), (blank, _) = results["reference"], results["blank"]
        ok = ok and ref == ref_max and blank == 0
    csv = course.export_csv()
    say(f"grades: {csv}\nfeedback: {course.root / 'feedback'}/<student>/<assignment>/")
    return rows, ok


def format_table(rows):
    """The demo's summary as aligned text."""
    header = ("assignment", "reference", "blank", "seconds")
    lines = [(a, f"{r:g} / {rm:g}", f"{b:g} / {bm:g}", f"{s:.1f}") for a, (r, rm), (b, bm), s in rows]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt.format(*header), rule] + [fmt.format(*line) for line in lines])


def find_assignment(root, notebook):
    """The assignment whose source folder has a notebook named like ``notebook``."""
    for assignment in assignments(root):
        if any(path.name == Path(notebook).name for path in source_notebooks(root, assignment)):
            return assignment
    names = [path.name for a in assignments(root) for path in source_notebooks(root, a)]
    raise SystemExit(f"selfgrade: no assignment has a notebook named {Path(notebook).name}; "
                     f"keep the file name of the student version, one of: {', '.join(names)}")


def selfgrade(root, notebook, say=print):
    """Grade one learner's notebook in a private copy of the course; print the score per exercise.

    The feedback HTML is written beside the notebook as ``<name>.feedback.html``.
    """
    from .reference import ENV_CACHE

    notebook = Path(notebook).resolve()
    if not notebook.is_file():
        raise SystemExit(f"selfgrade: no notebook at {notebook}")
    assignment = find_assignment(root, notebook)
    # the reference solution's records are kept in the course, not in the throw-away copy
    os.environ.setdefault(ENV_CACHE, str(Path(root) / ".reference"))
    with tempfile.TemporaryDirectory(prefix="selfgrade-") as tmp:
        course = Course(copy_course(root, tmp, only=[assignment]))
        course.generate(assignment)
        course.submit("me", assignment, [notebook])
        say(f"grading {notebook.name} (this runs the whole notebook)...")
        course.autograde(assignment, "me")
        course.feedback(assignment, "me")
        scores = course.scores(assignment, "me")
        reasons = failure_messages(course.root / "autograded" / "me" / assignment / notebook.name)
        html = course.root / "feedback" / "me" / assignment / f"{notebook.stem}.html"
        target = notebook.with_name(f"{notebook.stem}.feedback.html")
        if html.is_file():
            shutil.copy2(html, target)
    width = max(len(s.exercise) for s in scores)
    for s in scores:
        mark = "ok " if s.score == s.max_score else "   "
        say(f"  {mark}{s.exercise:<{width}}  {s.score:g} / {s.max_score:g}")
        if s.score < s.max_score and reasons.get(s.exercise):
            say(f"       {reasons[s.exercise]}")
    points, maximum = total(scores)
    say(f"total: {points:g} / {maximum:g}\nfeedback: {target}")
    return scores


def failure_messages(path):
    """``{grade_id: first line of the test cell's first error}`` of a graded notebook ({} if none)."""
    import json

    from .selfcheck import first_error

    try:
        cells = json.loads(Path(path).read_text())["cells"]
    except (OSError, ValueError, KeyError):
        return {}
    reasons = {}
    for cell in cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        reason = first_error(cell.get("outputs", []), with_name=False)
        if grade_id and reason is not None:
            reasons[grade_id] = reason
    return reasons


def grade(root, args, say=print):
    """``course.py grade``: collect, grade on Dask, store, feedback, grades and the class report."""
    from .classgrade import export_grades, grade_class, lms_feedback
    from .report import summary

    course = Course(root)
    if args.assignment not in assignments(root):
        raise SystemExit(f"grade: no assignment {args.assignment!r}; the assignments are: "
                         f"{', '.join(assignments(root))}")
    run = grade_class(course, args.assignment, args.source, pattern=args.names, scheduler=args.scheduler,
                      workers=args.workers, resume=args.resume, only=args.student or None,
                      cell_timeout=args.cell_timeout, progress=not args.no_progress, say=say)
    for path, why in run.skipped:
        say(f"skipped {path}: {why}")
    folder = lms_feedback(course, args.assignment, run.results)
    fresh = [r for r in run.results if r["student"] in run.graded]
    if str(args.source) == "exchange" and any(r["status"] == "graded" for r in fresh):
        course.release_feedback(args.assignment)
        say("feedback released to the exchange: students run `nbgrader fetch_feedback`")
    nbgrader_csv, table = export_grades(course)
    say("")
    say(summary(run.results, run.seconds))
    say(f"\nreport:   {run.report}\ngrades:   {nbgrader_csv} (nbgrader's), {table} (a row per student)\n"
        f"feedback: {folder}/ (one HTML per student, for the LMS)")
    if fresh and all(r["status"] == "failed" for r in fresh):
        say("FAILED: the grader could not grade any submission (see the reasons above); nothing was released")
        return 1
    if run.interrupted:
        say(f"interrupted: {len(run.graded)} graded in this run; `course.py grade {args.assignment} "
            f"{args.source} --resume` goes on where it stopped")
        return 130
    return 0


def lab(root, role, extra, say=print):
    """Start JupyterLab for ``role``: a student's in ``student/`` (filled first), an instructor's in the course.

    The process becomes JupyterLab (``exec``), so Ctrl-C and its exit code are JupyterLab's own.
    """
    from .lab import lab_arguments, open_first
    from .start_page import PAGE
    from .workspace import prepare

    course = Course(root)
    options = lab_arguments(course, role)
    if role == "student":
        folder = prepare(course)
        open_first(course, role, PAGE)
        say(f"your notebooks: {folder}; start with {PAGE}")
    else:
        folder = course.root
    command = [sys.executable, "-m", "dlhelpers.grading.run_lab", f"--notebook-dir={folder}", *options, *extra]
    sys.stdout.flush()
    os.chdir(folder)  # Validate reads nbgrader_config.py from the working folder: the student's has none
    os.execv(sys.executable, command)


def release(root, say=print):
    """Write the student versions of every assignment to release/."""
    course = Course(root)
    for assignment in assignments(root):
        say(f"student version: {course.generate(assignment)}")
    return course.root / "release"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="course.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_demo = sub.add_parser("demo", help="the instructor pipeline end to end over every assignment")
    p_demo.add_argument("assignment", nargs="*", help="only these assignments (default: all)")
    p_self = sub.add_parser("selfgrade", help="grade your own notebook, score per exercise")
    p_self.add_argument("notebook")
    p_check = sub.add_parser("check", help="run your notebook: which visible checks pass")
    p_check.add_argument("notebook")
    sub.add_parser("release", help="write the student versions to release/")
    sub.add_parser("workspace", help="copy the student versions you do not have yet into student/")
    for role, text in (("lab", "JupyterLab for a student: your notebooks in student/, student tools only"),
                       ("instructor", "JupyterLab for the instructor: the course folder, Formgrader and "
                                      "Create Assignment")):
        sub.add_parser(role, help=text + " (other options go to JupyterLab)")
    p_reset = sub.add_parser("reset", help="a fresh student version of ASSIGNMENT in student/ (yours is kept)")
    p_reset.add_argument("assignment")
    p_grade = sub.add_parser("grade", help="grade a class: collect, autograde on Dask, feedback, report")
    p_grade.add_argument("assignment")
    p_grade.add_argument("source", help="'exchange', an LMS .zip or folder, or a submitted/ tree")
    p_grade.add_argument("--names", default="plain",
                         help="how LMS file names carry the student id: plain, canvas, moodle, or a regular "
                              "expression with (?P<student_id>...) and (?P<file_id>...) (default: plain)")
    p_grade.add_argument("--scheduler", help="a running Dask scheduler, tcp://HOST:8786 (default: this machine)")
    p_grade.add_argument("--workers", type=int, help="local workers (default: one per core)")
    p_grade.add_argument("--resume", action="store_true", help="keep what an interrupted run already graded")
    p_grade.add_argument("--student", action="append", help="grade only this student (repeatable)")
    p_grade.add_argument("--cell-timeout", type=int, help="seconds a cell may run (default 300)")
    p_grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command not in ("lab", "instructor"):  # only JupyterLab takes options of its own
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    # Ctrl-C stops every command cleanly (``grade --resume`` goes on from there), even one started by a
    # script in the background: such a process inherits SIGINT ignored, and Python then never raises it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    root = Path(os.environ.get("DLCOURSE_ROOT") or REPO_ROOT)  # course.py says which course folder
    try:
        if args.command == "demo":
            banner = choose_data()
            rows, ok = demo(root, args.assignment or None)
            print()
            if banner:
                print(banner)
            print(format_table(rows))
            if not ok:
                print("FAILED: every reference must score full marks and every blank 0.", file=sys.stderr)
                return 1
        elif args.command == "selfgrade":
            choose_data()
            selfgrade(root, args.notebook)
        elif args.command == "check":
            from .selfcheck import format_report, visible_checks

            print(f"running {args.notebook} ...", flush=True)
            print(format_report(visible_checks(args.notebook)))
        elif args.command == "release":
            release(root)
        elif args.command in ("lab", "instructor"):
            lab(root, "student" if args.command == "lab" else "instructor", unknown)
        elif args.command == "workspace":
            from .workspace import prepare

            print(f"your notebooks: {prepare(Course(root))}")
        elif args.command == "reset":
            from .workspace import reset

            try:
                reset(Course(root), args.assignment)
            except ValueError as error:  # an assignment that does not exist: the message lists those that do
                print(error, file=sys.stderr)
                return 1
        elif args.command == "grade":
            choose_data()
            return grade(root, args)
    except PipelineError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        again = " (`--resume` keeps what was graded)" if args.command == "grade" else ""
        print(f"interrupted; run the command again to go on{again}", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
