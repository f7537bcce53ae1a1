"""Autograde many submissions of one assignment on every core: one course copy per worker.

nbgrader grades one submission at a time, and a submission's kernel keeps one core busy. On the
course's 2-core machines the catalogs' submissions are independent of each other, so each worker
process gets its own copy of the course (its own gradebook) and a share of the students.
"""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from dlhelpers.grading.pipeline import Course, copy_course


def autograde_all(source_root, assignment, submissions, destination):
    """Generate, submit and autograde every submission for real; return the results per student.

    Parameters
    ----------
    source_root : Path
        The course to copy (config and source notebooks).
    assignment : str
    submissions : dict of str to Path
        Student name to the notebook they hand in.
    destination : Path
        Folder for the course copies, ``destination / "worker<k>"``.

    Returns
    -------
    dict of str to (dict of str to ExerciseScore, Path)
        Per student: the grades by test cell, and the autograded notebook's folder.
    """
    students = list(submissions)
    # one more process than cores: a grading process waits on its kernel's replies now and then, and
    # with one per core both cores stood idle 12 % of the time (measured); at most one per student
    workers = max(1, min(len(os.sched_getaffinity(0)) + 1, len(students)))
    shares = [[(s, submissions[s]) for s in students[k::workers]] for k in range(workers)]
    roots = [copy_course(source_root, destination / f"worker{k}", only=[assignment]) for k in range(workers)]
    if workers == 1:
        parts = [_grade_share(roots[0], assignment, shares[0])]
    else:
        # spawn, not fork: the test process has threads (nbgrader's, pytest's) that fork would copy broken.
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            parts = list(pool.map(_grade_share, roots, [assignment] * workers, shares))
    return {student: result for part in parts for student, result in part.items()}


def _grade_share(root, assignment, share):
    course = Course(root)
    course.generate(assignment)
    results = {}
    for student, notebook in share:
        course.submit(student, assignment, [notebook])
        course.autograde(assignment, student)
        scores = {score.exercise: score for score in course.scores(assignment, student)}
        results[student] = (scores, course.root / "autograded" / student / assignment)
    return results
