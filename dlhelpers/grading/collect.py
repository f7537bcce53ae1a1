"""A class's submissions into ``submitted/<student>/<assignment>/``, from wherever they are.

- an LMS download (a ``.zip`` or a folder of files, the student id in each file name): nbgrader's
  own ``zip_collect`` (``ZipCollectApp`` with its ``FileNameCollectorPlugin``), given one of the
  name patterns below or a regular expression of the instructor's;
- the nbgrader exchange, for a class on one shared machine: nbgrader's ``collect``;
- an existing ``submitted/`` tree (``<student>/<assignment>/<notebook>.ipynb``): copied as it is.
"""

import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# FileNameCollectorPlugin matches its regular expression against each extracted file's absolute path.
# {notebooks} is the assignment's notebook names, as alternatives; a trailing "-1" (a re-upload) is dropped.
NAME_PATTERNS = {
    # <student>_<notebook>.ipynb, or <student>/<notebook>.ipynb (a folder per student)
    "plain": r".*/(?P<student_id>[A-Za-z0-9][A-Za-z0-9.@+-]*)[_/](?P<file_id>{notebooks})(?:-\d+)?\.ipynb$",
    # Canvas "Download Submissions": <lastfirst>_[late_]<user id>_<submission id>_<file name>.ipynb
    "canvas": r".*/[a-z]+_(?:late_)?(?P<student_id>\d+)_\d+_(?P<file_id>{notebooks})(?:-\d+)?\.ipynb$",
    # Moodle "Download all submissions": <Full Name>_<participant id>_assignsubmission_file_[/]<file name>.ipynb
    "moodle": r".*/[^/]*?_(?P<student_id>\d+)_assignsubmission_file_/?(?P<file_id>{notebooks})(?:-\d+)?\.ipynb$",
}
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}")


class CollectError(ValueError):
    """The submissions could not be found or read where the instructor pointed."""


@dataclass
class Collected:
    """What collecting found: the students with a submission, and the files it could not place."""

    students: list
    skipped: list = field(default_factory=list)


def name_pattern(pattern, notebooks):
    """The regular expression for ``pattern`` (a name in NAME_PATTERNS, or a regular expression).

    Parameters
    ----------
    pattern : str
    notebooks : list of str
        The assignment's notebook names, without ``.ipynb``.
    """
    if pattern in NAME_PATTERNS:
        return NAME_PATTERNS[pattern].format(notebooks="|".join(re.escape(n) for n in notebooks))
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise CollectError(f"--names {pattern!r} is not a regular expression ({error}); use one of "
                           f"{', '.join(NAME_PATTERNS)} or a regular expression") from None
    missing = {"student_id", "file_id"} - set(compiled.groupindex)
    if missing:
        raise CollectError(f"--names {pattern!r} needs the named groups (?P<student_id>...) and "
                           f"(?P<file_id>...); it lacks {', '.join(sorted(missing))}")
    return pattern


def submitted_students(root, assignment):
    """The students with a folder ``submitted/<student>/<assignment>/``, sorted."""
    submitted = Path(root) / "submitted"
    if not submitted.is_dir():
        return []
    return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir())


def is_submitted_tree(folder, assignment):
    """True if ``folder`` looks like ``<student>/<assignment>/...`` for at least one student."""
    return any((p / assignment).is_dir() for p in Path(folder).iterdir() if p.is_dir())


def from_submitted_tree(course, assignment, folder, only=None):
    """Copy ``folder/<student>/<assignment>/`` into the course's submitted/ (unless it is that folder)."""
    folder, target = Path(folder).resolve(), course.root / "submitted"
    students, skipped = [], []
    for student_dir in sorted(p for p in folder.iterdir() if (p / assignment).is_dir()):
        if only is not None and student_dir.name not in only:
            continue
        if not STUDENT_ID.fullmatch(student_dir.name):
            skipped.append((str(student_dir), "not a usable student id (letters, digits and . _ @ + - only)"))
            continue
        students.append(student_dir.name)
        if folder != target.resolve():
            destination = target / student_dir.name / assignment
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(student_dir / assignment, destination)
    return Collected(students, skipped)


def from_lms(course, assignment, source, pattern, notebooks, only=None):
    """Collect an LMS download (a .zip or a folder of files) with nbgrader's zip_collect; with
    ``only``, just those students' files (the others' submitted/ folders are left as they are)."""
    from nbgrader.apps import ZipCollectApp
    from nbgrader.coursedir import CourseDirectory

    source = Path(source)
    regexp = name_pattern(pattern, notebooks)
    archive = course.root / "downloaded" / assignment / "archive"
    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    if source.is_file():
        if not zipfile.is_zipfile(source):
            raise CollectError(f"{source} is not a .zip file; give a .zip, a folder, or 'exchange'")
        shutil.copy2(source, archive / source.name)
    else:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                relative = path.relative_to(source)
                (archive / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, archive / relative)
    config = course.config.copy()
    config.ZipCollectApp.force = True
    config.ExtractorPlugin.force = True
    config.FileNameCollectorPlugin.named_regexp = regexp
    app = ZipCollectApp(config=config, coursedir=CourseDirectory(config=config, assignment_id=assignment))
    app.log.setLevel("ERROR")
    app.init_plugins()
    app.extract_archive_files()
    extracted = course.root / "downloaded" / assignment / "extracted"
    found = sorted(p for p in extracted.rglob("*") if p.is_file())
    matched, skipped = {}, []
    for path in found:
        info = app.collector_plugin_inst.collect(str(path))
        if not info:
            skipped.append((str(path.relative_to(extracted)), f"its name does not match --names {pattern}"))
        elif not STUDENT_ID.fullmatch(info["student_id"]):
            skipped.append((str(path.relative_to(extracted)), f"student id {info['student_id']!r} is not usable"))
        elif only is not None and info["student_id"] not in only:
            path.unlink()  # zip_collect transfers every extracted file: this student is not asked for
        else:
            matched.setdefault(info["student_id"], []).append(path)
    for student in matched:  # zip_collect refuses to write into a non-empty folder; the download replaces it
        folder = course.root / "submitted" / student / assignment
        if folder.exists():
            shutil.rmtree(folder)
    if matched:
        app.process_extracted_files()
    return Collected(sorted(matched), skipped)


def from_exchange(course, assignment, only=None):
    """nbgrader's ``collect`` from the exchange into submitted/ (the newest submission of each student,
    or of each student in ``only``)."""
    from nbgrader.utils import temp_attrs

    api = course.api
    for student in sorted(only) if only is not None else ["*"]:  # nbgrader's collect globs this student id
        with temp_attrs(api.coursedir, student_id=student):
            result = api.collect(assignment, update=True)
        if not result.get("success"):
            raise CollectError(f"nbgrader collect {assignment} failed:\n{result.get('error', '')}\n"
                               f"{result.get('log', '')}")
    inbound = Path(course.config.Exchange.root) / course.config.CourseDirectory.course_id / "inbound"
    prefix = re.compile(rf"(?P<student>[^+]+)\+{re.escape(assignment)}\+")
    try:
        students = sorted({m["student"] for p in inbound.iterdir() if (m := prefix.match(p.name))})
    except OSError:  # an exchange the instructor cannot list: everyone collected so far
        students = submitted_students(course.root, assignment)
    return Collected([s for s in students if (course.root / "submitted" / s / assignment).is_dir()
                      and (only is None or s in only)])


def collect(course, assignment, source, *, pattern="plain", only=None):
    """Put every submission of ``assignment`` found at ``source`` into the course's submitted/.

    Parameters
    ----------
    course : pipeline.Course
    assignment : str
    source : str or Path
        ``"exchange"``, a ``.zip`` or folder downloaded from an LMS, or a ``<student>/<assignment>/`` tree.
    pattern : str
        How LMS file names carry the student id: a name in NAME_PATTERNS or a regular expression.
    only : collection of str, optional
        Collect only these students' submissions; the others' folders in submitted/ are untouched.

    Returns
    -------
    Collected
    """
    from .pipeline import source_notebooks

    only = set(only) if only else None
    if str(source) == "exchange":
        return from_exchange(course, assignment, only)
    source = Path(source)
    if not source.exists():
        raise CollectError(f"no submissions at {source}: give a .zip or folder downloaded from the LMS, "
                           "a submitted/ tree, or 'exchange'")
    if source.is_dir() and is_submitted_tree(source, assignment):
        return from_submitted_tree(course, assignment, source, only)
    notebooks = [p.stem for p in source_notebooks(course.root, assignment)]
    return from_lms(course, assignment, source, pattern, notebooks, only)
