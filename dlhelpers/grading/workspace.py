"""The student's folder, ``student/NN_<assignment>/``: student versions copied in once, never overwritten.

``release/`` is nbgrader's output: ``generate_assignment`` rewrites it whenever it runs. So students
work in a folder of their own. ``prepare`` copies into it each file of the student versions that is
not there yet, and leaves every file that is (edited or not) as it is; it regenerates ``release/``
only when the sources changed since the last time, so a second start takes a second, not a minute.
``reset`` gives one assignment back its fresh student version, after keeping a timestamped copy of
the student's in ``student/backups/``.

The folders are numbered in course order (``grading.syllabus``), and ``START_HERE.md`` lists them
with each one's goal and time. When the order changes (a new notebook comes in), ``prepare`` renames
a student's folder to its new number; a folder of an earlier layout (``student/<assignment>/``) is
renamed the same way. Nothing is renamed onto a folder that exists.

Students of earlier versions of the course worked in ``release/`` itself; the first ``prepare``
copies their notebooks into ``student/`` before anything regenerates ``release/``.
"""

import hashlib
import json
import re
import shutil
import time
from pathlib import Path

from .pipeline import SOURCE_DIR
from .start_page import write_start_page
from .syllabus import load_syllabus

WORKSPACE = "student"
BACKUPS = "backups"
STAMP = ".dlcourse-sources.json"  # in release/: the digest of the sources each assignment was generated from
SKIPPED = (".ipynb_checkpoints", "__pycache__")


def workspace(root):
    return Path(root) / WORKSPACE


def _files(folder):
    """Relative paths of the files under ``folder`` (checkpoints and caches left out)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder) for p in folder.rglob("*")
                  if p.is_file() and not any(part in SKIPPED for part in p.relative_to(folder).parts))


def sources_digest(root, assignment):
    """The hash of what the student version of ``assignment`` is made from: its sources and the config."""
    root = Path(root)
    digest = hashlib.sha256((root / "nbgrader_config.py").read_bytes())
    source = root / SOURCE_DIR / assignment
    for name in _files(source):
        digest.update(name.as_posix().encode() + b"\0" + (source / name).read_bytes())
    return digest.hexdigest()


def _stamps(root):
    path = Path(root) / "release" / STAMP
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def fresh_release(course, assignment, say=print):
    """``release/<assignment>/``, generated again only if its sources changed since it was."""
    root = course.root
    digest = sources_digest(root, assignment)
    stamps = _stamps(root)
    release = root / "release" / assignment
    if stamps.get(assignment) != digest or not _files(release):
        say(f"[{assignment}] writing the student version")
        course.generate(assignment)
        stamps = _stamps(root)  # generate may run for another assignment meanwhile; re-read, then add
        stamps[assignment] = digest
        (root / "release" / STAMP).write_text(json.dumps(stamps, indent=1, sort_keys=True))
    return release


def _copy_missing(source, target):
    """Copy each file of ``source`` that ``target`` lacks; return the relative paths copied."""
    copied = []
    for name in _files(source):
        if not (target / name).exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)
            copied.append(name)
    return copied


def _move_earlier_folder(folder, entry, say):
    """Rename ``student/<assignment>/`` or ``student/MM_<assignment>/`` to ``entry.folder`` if that is free."""
    target = folder / entry.folder
    if target.exists():
        return
    pattern = re.compile(rf"(\d+_)?{re.escape(entry.assignment)}")
    earlier = sorted(p for p in folder.iterdir() if p.is_dir() and pattern.fullmatch(p.name))
    if earlier:
        earlier[0].rename(target)
        say(f"[{entry.assignment}] {WORKSPACE}/{earlier[0].name}/ is now {WORKSPACE}/{entry.folder}/")


def find_entry(root, assignment):
    """The syllabus entry of ``assignment``, given by its name or its folder (``06_gradient_checking``)."""
    syllabus = load_syllabus(root)
    for entry in syllabus:
        if assignment in (entry.assignment, entry.folder):
            return entry
    raise ValueError(f"no assignment {assignment!r}; the assignments are {', '.join(e.assignment for e in syllabus)}")


def prepare(course, say=print):
    """Put every assignment's student version into ``student/NN_<assignment>/``, leaving every existing file alone.

    Returns
    -------
    Path
        The student's folder, ``<course>/student``, with ``START_HERE.md`` listing the course in order.
    """
    root = course.root
    folder = workspace(root)
    syllabus = load_syllabus(root)
    if not folder.exists() and any(_files(root / "release" / e.assignment) for e in syllabus):
        folder.mkdir()
        for entry in syllabus:  # work done in release/ by an earlier version of the course
            kept = _copy_missing(root / "release" / entry.assignment, folder / entry.folder)
            if kept:
                say(f"[{entry.assignment}] your notebooks in release/{entry.assignment}/ are now in "
                    f"{WORKSPACE}/{entry.folder}/")
    folder.mkdir(exist_ok=True)
    for entry in syllabus:
        _move_earlier_folder(folder, entry, say)
    for entry in syllabus:
        release = fresh_release(course, entry.assignment, say=say)
        for name in _copy_missing(release, folder / entry.folder):
            say(f"[{entry.assignment}] new: {WORKSPACE}/{entry.folder}/{name.as_posix()}")
    write_start_page(folder, syllabus, say=say)
    return folder


def reset(course, assignment, say=print):
    """Replace the student's ``assignment`` (name or folder) by its fresh student version; keep theirs in ``backups/``.

    Returns
    -------
    Path or None
        The folder that keeps the student's files, or None if they had none.
    """
    root = course.root
    entry = find_entry(root, assignment)
    assignment, mine = entry.assignment, workspace(root) / entry.folder
    backup = None
    if _files(mine):
        backup = workspace(root) / BACKUPS / f"{assignment}-{time.strftime('%Y%m%d-%H%M%S')}"
        while backup.exists():
            backup = backup.with_name(backup.name + "-1")
        shutil.copytree(mine, backup)
        say(f"[{assignment}] your work is kept in {backup.relative_to(root).as_posix()}/")
        shutil.rmtree(mine)
    release = fresh_release(course, assignment, say=say)
    _copy_missing(release, mine)
    say(f"[{assignment}] fresh student version in {mine.relative_to(root).as_posix()}/")
    return backup
