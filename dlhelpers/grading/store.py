"""Write one graded submission into the course's gradebook, all of it or nothing.

nbgrader's own database (``gradebook.db``), so the Formgrader and nbgrader's exports read it as if
``nbgrader autograde`` had run. Only the driver writes it, one submission per transaction: the
student's row, the submission, every grade's ``auto_score`` and every comment, committed together.
As in ``nbgrader autograde``, regrading updates the rows of that one student and keeps a manual
score a grader gave (the cell is then flagged for review).
"""

import warnings
from contextlib import contextmanager


@contextmanager
def _one_transaction(gradebook):
    """nbgrader's Gradebook commits after each call; inside this block its commits only flush."""
    session = gradebook.db
    commit = session.commit
    session.commit = session.flush
    try:
        yield
    except BaseException:
        session.rollback()
        raise
    finally:
        del session.commit  # the instance attribute goes; the session's own method is back
    commit()


def late_plugin(config):
    """The late-submission plugin ``nbgrader autograde`` would use with ``config``
    (``c.AssignLatePenalties.plugin_class``, by default nbgrader's ``LateSubmissionPlugin``)."""
    from nbgrader.preprocessors import AssignLatePenalties

    assigner = AssignLatePenalties(config=config)
    assigner.init_plugin()
    return assigner.plugin_inst


def store_result(db_url, result, timestamp=None, late=None):
    """Record ``result`` (from ``worker.grade_submission``) as the student's submission.

    A submission that could not be graded (``status`` not ``graded``) gets 0 on every cell. With a
    ``late`` plugin (``late_plugin``), a submission whose ``timestamp`` is past the assignment's due
    date gets the plugin's late penalty on each notebook, as ``nbgrader autograde`` gives it.
    Raises nbgrader's ``MissingEntry`` if a cell of the result is not in the gradebook (the source
    notebook changed since it was generated), leaving the student's previous grades as they were.
    """
    from .pipeline import open_gradebook

    assignment, student = result["assignment"], result["student"]
    scores = {(e["notebook"], e["exercise"]): e for e in result["exercises"]}
    comments = {(c["notebook"], c["cell"]): c["auto_comment"] for c in result.get("comments", [])}
    with open_gradebook(db_url) as gradebook, _one_transaction(gradebook), warnings.catch_warnings():
        # nbgrader's add_submission triggers SQLAlchemy autoflush warnings ("... not in session"), as in autograde
        warnings.filterwarnings("ignore", message=".*not in session.*")
        gradebook.update_or_create_student(student)
        kwargs = {"timestamp": timestamp} if timestamp else {}
        submission = gradebook.update_or_create_submission(assignment, student, **kwargs)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                entry = scores.get((notebook.name, grade.name))
                if entry is None and result["status"] == "graded" and result["exercises"]:
                    raise KeyError(f"{student}: the result has no score for {notebook.name}/{grade.name}")
                grade.auto_score = entry["score"] if entry else 0.0
                grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
            for comment in notebook.comments:
                comment.auto_comment = comments.get((notebook.name, comment.name))
        if late is not None:
            _assign_late_penalties(gradebook.db, submission, late)
        known = {(n.name, g.name) for n in submission.notebooks for g in n.grades}
        unknown = sorted(set(scores) - known)
        if unknown:
            raise KeyError(f"{student}: cells {unknown} are not in the gradebook; generate the assignment again")


def _assign_late_penalties(session, submission, plugin):
    """nbgrader's AssignLatePenalties on every notebook of ``submission``: none when on time, else the
    plugin's penalty, kept between 0 and the notebook's score."""
    session.flush()  # the new scores, so that the notebooks' computed score sees them
    seconds_late = submission.total_seconds_late
    for notebook in submission.notebooks:
        session.refresh(notebook)
        notebook.late_submission_penalty = None
        if seconds_late > 0:
            penalty = plugin.late_submission_penalty(submission.student.id, notebook.score, seconds_late)
            if penalty is not None:
                notebook.late_submission_penalty = min(max(penalty, 0.0), notebook.score)
