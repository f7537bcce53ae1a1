"""The part of a notebook that grading runs: every cell up to the last test cell.

A cell after the last test cell cannot change a grade: every test cell has run by then, and the
judge reads only their records. So grading stops there, and the trainings, plots and
demonstrations that close a notebook (half of its run time while grading) are not run, neither
for a submission nor for the reference solution.
"""

NOT_RUN_NOTE = ("Not run while grading: no test cell comes after this point, so this cell and the "
                "ones below it cannot change your grade. Run them yourself to see their results.\n")


def last_test_cell(cells):
    """Index of the last cell with nbgrader ``grade`` metadata in ``cells`` (a list of notebook
    cells), or ``None`` when no cell is graded."""
    graded = [index for index, cell in enumerate(cells) if cell.get("metadata", {}).get("nbgrader", {}).get("grade")]
    return graded[-1] if graded else None

