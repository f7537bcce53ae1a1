"""nbgrader configuration of the course: everything lives inside this folder.

Source notebooks are in notebooks/<assignment>/<name>.ipynb; nbgrader writes release/, submitted/,
autograded/, feedback/, exchange/ and gradebook.db beside this file (all git-ignored).
"""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)
here = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "dlcourse"
c.CourseDirectory.root = str(here)
c.CourseDirectory.source_directory = "notebooks"
c.CourseDirectory.db_url = f"sqlite:///{here / 'gradebook.db'}"
c.Exchange.root = str(here / "exchange")

# Executing submissions: a generous per-cell limit (training cells run a short version while
# grading), an interrupted cell counts as an error and the rest of the notebook still runs.
c.Execute.timeout = 300
c.Execute.interrupt_on_timeout = True
c.Execute.raise_on_iopub_timeout = False

# Test cells a student deleted are put back, so that they are graded (as failing).
c.OverwriteCells.add_missing_cells = True

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
