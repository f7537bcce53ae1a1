"""Grading support: run the nbgrader pipeline for instructors, and self-grading for learners.

``python3 course.py demo`` and ``python3 course.py selfgrade NOTEBOOK`` are the front doors;
``dlhelpers.grading.pipeline`` does the work with nbgrader's own API.

Hidden tests are probes: in the student's kernel they call the student's functions and ``record``
what came back (``records``); after the run, in the grader's own process, the judge compares each
record with the same probe's record on the reference solution (``judge``, ``reference``), and the
``JudgeRecords`` preprocessor turns a failed verdict into the test cell's error.
"""

from .quick_imports import skip_slow_optional_imports

__all__ = ["record"]

skip_slow_optional_imports()  # before any module of the package imports nbformat


def __getattr__(name):
    # Lazily: the kernel launcher (``python -m dlhelpers.grading.sandbox``) starts at every
    # submission and needs neither numpy nor the records.
    if name == "record":
        from .records import record

        return record
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
