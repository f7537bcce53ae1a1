"""One grading task: one submission, graded in a private copy of the course, results as plain data.

A task gets the course as a *bundle* (the config, the assignment's source folder and its reference
records, as bytes) and one student's files, so it needs no shared folder: it runs the same on a
worker of this machine or of another. Each worker process prepares the course once per bundle
(``generate_assignment``, a few seconds) and copies that template for every task; the task runs
nbgrader's autograde (the sandboxed grading kernel, the verdict in ``JudgeRecords``) and its
feedback, and returns what the driver writes into the real gradebook.
"""

import atexit
import hashlib
import json
import os
import shutil
import socket
import tempfile
import time
import uuid
from pathlib import Path

RESULT_FORMAT = "dlcourse-class-result-1"
STOPPED = ("KernelStopped", "NotRun")  # SafeExecute's errors for cells a stopped kernel did not finish


def make_bundle(root, assignment, reference_files=()):
    """The course as a task needs it: ``{"assignment", "digest", "files": {relative path: bytes}}``.

    Parameters
    ----------
    root : Path
        The course folder.
    assignment : str
    reference_files : iterable of Path
        Reference cache files (``.reference/*.json``) to ship, so no worker builds them again.
    """
    root = Path(root)
    files = {"nbgrader_config.py": (root / "nbgrader_config.py").read_bytes()}
    source = root / "notebooks" / assignment
    for path in sorted(source.rglob("*")):
        if path.is_file() and ".ipynb_checkpoints" not in path.parts:
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    for path in reference_files:
        files[f".reference/{Path(path).name}"] = Path(path).read_bytes()
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return {"assignment": assignment, "digest": digest.hexdigest(), "files": files}


def submission_digest(bundle, files):
    """The hash of one submission's files with the course's: same digest, same grades."""
    digest = hashlib.sha256(bundle["digest"].encode())
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


_templates = {}  # per worker process: bundle digest -> prepared course folder


def _template(bundle):
    from .pipeline import Course

    folder = _templates.get(bundle["digest"])
    if folder is not None and folder.is_dir():
        return folder
    base = Path(tempfile.mkdtemp(prefix=f"dlcourse-template-{os.getpid()}-"))
    atexit.register(shutil.rmtree, base, True)  # the worker's prepared course goes with the worker
    for name, data in bundle["files"].items():
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_bytes(data)
    Course(base).generate(bundle["assignment"])
    _templates[bundle["digest"]] = base
    return base


def unreadable(files, notebooks):
    """Why a submission cannot be graded as it is ('' if it can): a file that is not a notebook."""
    import nbformat

    problems = []
    for name in notebooks:
        if f"{name}.ipynb" not in files:
            continue
        try:
            nbformat.reads(files[f"{name}.ipynb"].decode("utf-8"), as_version=4)
        except Exception as error:  # UnicodeDecodeError, JSON errors, nbformat's own
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            problems.append(f"{name}.ipynb is not a readable notebook ({first[:200]}); ask the student to "
                            "download it again from JupyterLab (File > Download) and resubmit")
    if not any(f"{name}.ipynb" in files for name in notebooks):
        names = ", ".join(sorted(files)) or "no files"
        problems.append(f"the submission has none of the notebooks {', '.join(n + '.ipynb' for n in notebooks)} "
                        f"(it has: {names})")
    return "; ".join(problems)


def grade_submission(bundle, job):
    """Grade one submission; return its result (plain data, see ``RESULT_FORMAT``) and its files.

    Parameters
    ----------
    bundle : dict
        From ``make_bundle``.
    job : dict
        ``{"student": str, "files": {file name: bytes}, "digest": str, "cell_timeout": int or None}``.

    Returns
    -------
    dict
        The result: status ``graded`` or ``unreadable``, scores and messages per exercise, the reason
        a kernel was stopped, seconds, worker; and ``files``: ``{"autograded/<nb>.ipynb": text,
        "feedback/<nb>.html": text}`` for the driver to write.
    """
    from .pipeline import Course, source_notebooks

    start = time.perf_counter()
    started = time.time()
    assignment, student = bundle["assignment"], job["student"]
    template = _template(bundle)
    notebooks = [p.stem for p in source_notebooks(template, assignment)]
    result = {"format": RESULT_FORMAT, "assignment": assignment, "student": student, "digest": job["digest"],
              "status": "graded", "reason": "", "worker": f"{socket.gethostname()}:{os.getpid()}",
              "started": round(started, 3), "exercises": [], "comments": [], "files": {}}
    reason = unreadable(job["files"], notebooks)
    if reason:
        return _finish(result, start, status="unreadable", reason=reason)
    work = template.parent / f"dlcourse-task-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    shutil.copytree(template, work)
    try:
        course = Course(work)
        if job.get("cell_timeout"):
            course.config.Execute.timeout = int(job["cell_timeout"])
        folder = course.root / "submitted" / student / assignment
        folder.mkdir(parents=True)
        for name, data in job["files"].items():
            (folder / name).write_bytes(data)
        course.autograde(assignment, student)
        course.feedback(assignment, student)
        result["exercises"], result["reason"] = _exercises(course, assignment, student)
        result["comments"] = _comments(course, assignment, student)
        for name in notebooks:
            graded = course.root / "autograded" / student / assignment / f"{name}.ipynb"
            html = course.root / "feedback" / student / assignment / f"{name}.html"
            if graded.is_file():
                result["files"][f"autograded/{name}.ipynb"] = graded.read_text()
            if html.is_file():
                result["files"][f"feedback/{name}.html"] = html.read_text()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _finish(result, start)


def _finish(result, start, **changes):
    result.update(changes)
    result["seconds"] = round(time.perf_counter() - start, 3)
    result["score"] = sum(e["score"] or 0 for e in result["exercises"])
    result["max_score"] = sum(e["max_score"] for e in result["exercises"])
    return result


def _exercises(course, assignment, student):
    """Per test cell: score and first error; and the reason the kernel was stopped, if it was."""
    from .selfcheck import first_error

    errors, reason = {}, ""
    folder = course.root / "autograded" / student / assignment
    for path in sorted(folder.glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        for index, cell in enumerate(cells):
            outputs = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            stops = [o for o in outputs if o.get("ename") in STOPPED + ("CellTimeoutError",)]
            if stops and not reason:
                reason = f"{first_error(stops, with_name=False)} (cell {index} of {path.stem})"
            if grade_id and outputs:
                errors[(path.stem, grade_id)] = (outputs[0].get("ename") or "Error", outputs[0].get("evalue") or "")
    exercises = []
    for score in course.scores(assignment, student):
        ename, message = errors.get((score.notebook, score.exercise), ("", ""))
        exercises.append({"notebook": score.notebook, "exercise": score.exercise, "score": score.score,
                          "max_score": score.max_score, "needs_manual_grade": score.needs_manual_grade,
                          "error": ename, "message": message})
    return exercises, reason


def _comments(course, assignment, student):
    from nbgrader.api import Gradebook

    with Gradebook(course.config.CourseDirectory.db_url) as gradebook:
        submission = gradebook.find_submission(assignment, student)
        return [{"notebook": notebook.name, "cell": comment.name, "auto_comment": comment.auto_comment}
                for notebook in submission.notebooks for comment in notebook.comments]
