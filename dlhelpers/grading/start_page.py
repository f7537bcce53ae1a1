"""``student/START_HERE.md``: the page the student's lab opens first, the course in order and how to work.

The page is the course's, not the student's, so it follows the syllabus; but one the student has
edited is left as it is (the digest of the last page written is kept beside it).
"""

import hashlib
from pathlib import Path

PAGE = "START_HERE.md"
STAMP = ".dlcourse-start-page"  # the SHA-256 of the page as last written

HOW_TO_WORK = """\
Work through the notebooks in this order: each one builds on the ones before it. In a notebook,
read from the top and run each cell with **Shift+Enter**. In each exercise, replace
`raise NotImplementedError()` with your code, then run the check cell below it: it says what was
expected, what your function returned and the most likely mistake. Hidden tests run as well when
the notebook is graded, on other inputs, so write general code.

Save with **Ctrl+S**. Your notebooks live in this folder and nothing the course does writes over
them; `python3 course.py reset ASSIGNMENT` gives you a fresh copy of one assignment after keeping
yours in `backups/`. To see your score before you hand in, run
`python3 course.py selfgrade student/FOLDER/NOTEBOOK.ipynb` in a terminal.
"""


def _hours(minutes):
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def render(folder, syllabus):
    """The page's Markdown for the assignments ``syllabus`` (``grading.syllabus.Entry``) in ``folder``."""
    rows = ["| | notebook | what you learn | time |", "|---|---|---|---|"]
    for entry in syllabus:
        notebooks = sorted((Path(folder) / entry.folder).glob("*.ipynb"))
        links = ", ".join(f"[{entry.title or nb.stem}]({entry.folder}/{nb.name})" for nb in notebooks)
        time = _hours(entry.minutes) if entry.minutes else ""
        rows.append(f"| {entry.number} | {links or entry.folder} | {entry.goal} | {time} |")
    total = sum(e.minutes or 0 for e in syllabus)
    about = f"\n\nAbout {_hours(total)} in all.\n" if total else "\n"
    return ("# Start here\n\n" + HOW_TO_WORK + "\n## The course, in order\n\n" + "\n".join(rows) + about)


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def write_start_page(folder, syllabus, say=print):
    """Write ``folder/START_HERE.md`` unless it is current or the student edited it; return its path."""
    page, stamp = Path(folder) / PAGE, Path(folder) / STAMP
    text = render(folder, syllabus)
    if page.is_file():
        now = page.read_text()
        if now == text:
            return page
        written = stamp.read_text().strip() if stamp.is_file() else None
        if _digest(now) != written:
            say(f"{PAGE} has changes of yours, so it is left as it is (delete it to get the current one)")
            return page
    page.write_text(text)
    stamp.write_text(_digest(text) + "\n")
    return page
