"""nbgrader configuration of the course: everything lives inside this folder.

Source notebooks are in notebooks/<assignment>/<name>.ipynb; nbgrader writes release/, submitted/,
autograded/, feedback/, exchange/ and gradebook.db beside this file (all git-ignored).
Submissions run in the course's grading kernel (dlhelpers.grading.sandbox): sandboxed with
bubblewrap when it is installed, with memory limits, and guarded against tampering.
"""

import os
import tempfile
from pathlib import Path

from dlhelpers.grading import sandbox

# Preprocessors are named, not imported: nbconvert imports them when a command runs one, so the
# commands that only read this file (``course.py lab`` with nothing to generate) skip seconds of imports.
NB, OURS = "nbgrader.preprocessors.", "dlhelpers.grading.preprocessors."

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)
here = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "dlcourse"
c.CourseDirectory.root = str(here)
c.CourseDirectory.source_directory = "notebooks"
c.CourseDirectory.db_url = f"sqlite:///{here / 'gradebook.db'}"
c.Exchange.root = str(here / "exchange")

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograde: deleted test cells come back, edited metadata is restored, and submissions run in
# the grading kernel with a per-cell time limit. A cell that hangs is interrupted; a kernel that
# dies or cannot be interrupted is stopped and the cells it did not run score 0.
c.OverwriteCells.add_missing_cells = True
c.Autograde.sanitize_preprocessors = [
    NB + "ClearOutput", NB + "DeduplicateIds", NB + "OverwriteKernelspec", OURS + "RestoreGradedCells",
    NB + "OverwriteCells", NB + "CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    OURS + "SafeExecute", OURS + "JudgeRecords", NB + "IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor", NB + "LimitOutput", NB + "SaveAutoGrades",
    NB + "AssignLatePenalties", NB + "CheckCellMetadata",
]
# The verdict is reached here, not in the kernel: each test cell's records are judged against the
# reference solution's (run once per version of the source notebook, cached in .reference/).
c.JudgeRecords.source_root = str(here / "notebooks")
c.JudgeRecords.cache_dir = str(here / ".reference")
c.Execute.timeout = 300
c.Execute.interrupt_on_timeout = True
c.Execute.raise_on_iopub_timeout = False
# Only autograde's SafeExecute runs the grading kernel, whose spec JupyterLab does not see; Validate
# (nbgrader's own Execute) runs the student's notebook in its own kernel, as the student does.
c.SafeExecute.kernel_name = sandbox.install_kernelspec().name

# The kernel talks to nbgrader over unix sockets, so the sandbox can have no network at all.
sockets = Path(tempfile.gettempdir()) / f"dlcourse-ipc-{os.getuid()}"
sockets.mkdir(mode=0o700, exist_ok=True)
c.KernelManager.transport = "ipc"
c.KernelManager.ip = str(sockets / f"k{os.getpid()}")

# Feedback shows scores and the checks' messages, never hidden tests or tracebacks.
c.GenerateFeedback.preprocessors = [NB + "GetGrades", OURS + "FeedbackWithoutHiddenTests",
                                    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
# nbgrader's HTML exporter, with its templates compiled once per process (a grading worker's first task)
c.GenerateFeedback.exporter_class = "dlhelpers.grading.feedback_html.FeedbackExporter"
