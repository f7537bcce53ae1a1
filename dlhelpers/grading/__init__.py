"""Grading support: run the nbgrader pipeline for instructors, and self-grading for learners.

``python3 course.py demo`` and ``python3 course.py selfgrade NOTEBOOK`` are the front doors;
``dlhelpers.grading.pipeline`` does the work with nbgrader's own API.

``records`` and ``judge`` are the core of probe-based grading (not wired into nbgrader yet): probes
record results in the kernel as plain data, and the judge compares them with the reference's
records in the grader's process.
"""
