"""Grading support: run the nbgrader pipeline for instructors, and self-grading for learners.

``python3 course.py demo`` and ``python3 course.py selfgrade NOTEBOOK`` are the front doors;
``dlhelpers.grading.pipeline`` does the work with nbgrader's own API.
"""
