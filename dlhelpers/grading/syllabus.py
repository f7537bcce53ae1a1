"""The course order, read from ``notebooks/syllabus.json``: number, title, goal and time of each assignment.

An assignment folder the syllabus does not list still belongs to the course: it comes after the
listed ones, in alphabetical order, so a new notebook is never hidden. An entry whose folder is not
there (a course copied with only some assignments) is left out, and the others keep their numbers.
"""

import json
from dataclasses import dataclass, replace
from pathlib import Path

from .pipeline import SOURCE_DIR, assignments

SYLLABUS = "syllabus.json"


@dataclass(frozen=True)
class Entry:
    number: int
    assignment: str
    title: str = ""
    goal: str = ""
    minutes: int | None = None

    @property
    def folder(self):
        """The student's folder name, ``NN_assignment``: numbered so a file browser lists the course in order."""
        return f"{self.number:02d}_{self.assignment}"


def _read(path):
    """The syllabus file's entries, checked; ``[]`` when there is no file."""
    if not path.is_file():
        return []
    try:
        listed = json.loads(path.read_text())["assignments"]
        entries = [Entry(0, e["assignment"], e.get("title", ""), e.get("goal", ""), e.get("minutes"))
                   for e in listed]
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path} is not a syllabus: expected {{\"assignments\": [{{\"assignment\": NAME, "
                         f"\"title\": ..., \"goal\": ..., \"minutes\": N}}, ...]}} ({error})") from None
    names = [e.assignment for e in entries]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"{path} lists {', '.join(twice)} more than once; list each assignment once")
    return entries


def load_syllabus(root):
    """The course's assignments in course order.

    Returns
    -------
    list of Entry
        One per assignment folder in ``root/notebooks``, numbered from 1 in the syllabus's order.
    """
    listed = _read(Path(root) / SOURCE_DIR / SYLLABUS)
    present = set(assignments(root))
    unlisted = [Entry(0, name) for name in sorted(present - {e.assignment for e in listed})]
    return [replace(e, number=i) for i, e in enumerate(listed + unlisted, start=1) if e.assignment in present]
