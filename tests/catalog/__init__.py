"""Catalogs of realistic student mistakes and of valid alternatives, one module per assignment.

Each module defines

- ``MISTAKES``: a list of ``Entry`` — a wrong answer students actually write. Injected into the
  reference notebook (replacing one answer cell) and autograded for real, it must lose points on
  its exercise; when ``message`` is given, the visible check's output must contain it.
- ``VALID``: a list of ``Entry`` — a different but correct answer, which must get full marks.
- ``INDEPENDENT`` (optional): mistakes injected together into one more student *without* the
  reference re-run after them, each with ``keeps``: test cells of other functions (ones that do
  not call the wrong one) that must keep full marks. Each exercise is graded on its own.

``tests/test_catalogs.py`` builds the submissions: student k of an assignment gets the k-th
mistake of every exercise at once, each followed (after its test cell) by a cell that re-runs the
reference answer, so mistakes do not cascade; one autograde run per student covers the catalog.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    cell: str  # grade_id of the answer cell whose whole source is replaced by ``code``
    name: str  # what the student did, in a few words
    code: str  # the complete new source of that cell (signature included)
    message: str = ""  # a phrase the visible check must print (for the common mistakes)
    test: str = ""  # grade_id of the test cell that must lose points; default ``cell + "_tests"``
    keeps: tuple = ()  # INDEPENDENT only: test cells that must keep full marks despite this mistake

    @property
    def test_cell(self):
        return self.test or f"{self.cell}_tests"
