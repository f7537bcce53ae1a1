"""The instructor pipeline on a course folder, through nbgrader's own API.

A course folder holds ``nbgrader_config.py`` and ``notebooks/<assignment>/<name>.ipynb``.
``generate`` writes the student versions to ``release/``, ``autograde`` grades what is in
``submitted/<student>/<assignment>/``, ``feedback`` writes HTML to ``feedback/``, and
``scores`` reads the gradebook.
"""

import functools
import json
import os
import shutil
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from nbformat.warnings import MissingIDFieldWarning

SOURCE_DIR = "notebooks"


class PipelineError(RuntimeError):
    """An nbgrader step failed; the message carries nbgrader's log."""


def assignments(root):
    """Names of the assignments in ``root/notebooks`` (folders holding a notebook), sorted."""
    source = Path(root) / SOURCE_DIR
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def source_notebooks(root, assignment):
    """Paths of the source notebooks of one assignment."""
    return sorted((Path(root) / SOURCE_DIR / assignment).glob("*.ipynb"))


def copy_course(root, destination, only=None):
    """Copy the config and source notebooks of ``root`` (all, or the assignments in ``only``)."""
    root, destination = Path(root), Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "nbgrader_config.py", destination / "nbgrader_config.py")
    (destination / SOURCE_DIR).mkdir(exist_ok=True)
    if (root / SOURCE_DIR / "syllabus.json").is_file():  # the course order (grading.syllabus)
        shutil.copy2(root / SOURCE_DIR / "syllabus.json", destination / SOURCE_DIR / "syllabus.json")
    for assignment in only or assignments(root):
        target = destination / SOURCE_DIR / assignment
        target.mkdir(parents=True, exist_ok=True)
        for notebook in source_notebooks(root, assignment):
            shutil.copy2(notebook, target / notebook.name)
    return destination


def _put_environment_on_path():
    """nbgrader runs the ``alembic`` command; find it beside this Python even outside an activated venv."""
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def _alembic_head():
    """The gradebook schema's version, as ``alembic heads`` prints it, read in this process."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import _temp_alembic_ini

    with _temp_alembic_ini("sqlite:////tmp/gradebook.db") as ini:
        return ScriptDirectory.from_config(Config(ini)).get_current_head()


def open_gradebook(db_url):
    """nbgrader's ``Gradebook`` at ``db_url``, created quickly if it does not exist yet."""
    from nbgrader.api import Gradebook

    _quicker_new_gradebooks()
    return Gradebook(db_url)


def _quicker_new_gradebooks():
    """nbgrader stamps every new gradebook with ``alembic heads`` run as a command: 2-7 s of Python
    start-up on these machines, for a constant of the installed nbgrader. Read it in-process, once."""
    import nbgrader.api

    if not getattr(nbgrader.api.get_alembic_version, "in_process", False):
        head = functools.cache(_alembic_head)
        head.in_process = True
        nbgrader.api.get_alembic_version = head


class Course:
    """One course folder and nbgrader's API on it."""

    def __init__(self, root):
        from traitlets.config.loader import PyFileConfigLoader

        _put_environment_on_path()
        self.root = Path(root).resolve()
        if not (self.root / "nbgrader_config.py").is_file():
            raise FileNotFoundError(f"{self.root} is not a course folder: it has no nbgrader_config.py")
        self.config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        self.config.NbGraderAPI.log_level = "WARN"
        Path(self.config.Exchange.root).mkdir(parents=True, exist_ok=True)

    @functools.cached_property
    def api(self):
        """nbgrader's API on the course, made when first used: importing nbgrader takes 3-4 s, which a
        ``course.py lab`` with nothing to generate does without."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        _quicker_new_gradebooks()
        return NbGraderAPI(coursedir=CourseDirectory(config=self.config), config=self.config)

    def _check(self, result, step):
        if not result.get("success"):
            raise PipelineError(f"nbgrader {step} failed:\n{result.get('error', '')}\n{result.get('log', '')}")
        return result

    def generate(self, assignment):
        """Write the student version of ``assignment`` to release/ (and record it in the gradebook)."""
        self._check(self.api.generate_assignment(assignment, force=True), f"generate_assignment {assignment}")
        return self.root / "release" / assignment

    def submit(self, student, assignment, notebooks):
        """Place notebooks (paths, by their file names) as ``student``'s submission."""
        folder = self.root / "submitted" / student / assignment
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for notebook in notebooks:
            shutil.copy2(notebook, folder / Path(notebook).name)
        return folder

    def autograde(self, assignment, student):
        """Execute and grade one submission; nbgrader's log comes back in the result."""
        with warnings.catch_warnings():
            # nbgrader re-adds deleted test cells without cell ids; nbformat only warns about it
            warnings.simplefilter("ignore", MissingIDFieldWarning)
            # nbgrader 0.9 itself triggers SQLAlchemy autoflush warnings ("... not in session") on every run
            warnings.filterwarnings("ignore", message=".*not in session.*")
            result = self.api.autograde(assignment, student, force=True)
        return self._check(result, f"autograde {assignment} {student}")

    def feedback(self, assignment, student=None):
        """Write feedback HTML for one student (or all) to feedback/<student>/<assignment>/."""
        self._check(self.api.generate_feedback(assignment, student, force=True), f"generate_feedback {assignment}")
        return self.root / "feedback"

    def release_feedback(self, assignment, student=None):
        """Put the feedback of ``assignment`` (one student, or all) in the exchange for fetch_feedback."""
        self._check(self.api.release_feedback(assignment, student), f"release_feedback {assignment}")

    def export_csv(self, path=None):
        """Write every grade in the gradebook to a CSV (nbgrader's export format)."""
        from nbgrader.api import Gradebook
        from nbgrader.plugins import CsvExportPlugin

        path = Path(path or self.root / "grades.csv")
        with Gradebook(self.config.CourseDirectory.db_url) as gradebook:
            CsvExportPlugin(to=str(path)).export(gradebook)
        return path

    def scores(self, assignment, student):
        """Per-exercise grades of one submission, in notebook order."""
        from nbgrader.api import Gradebook

        order = {}
        for path in source_notebooks(self.root, assignment):
            order[path.stem] = grade_ids(path)
        with Gradebook(self.config.CourseDirectory.db_url) as gradebook:
            submission = gradebook.find_submission(assignment, student)
            return [
                ExerciseScore(notebook.name, grade.name, grade.score, grade.max_score, grade.needs_manual_grade)
                for notebook in sorted(submission.notebooks, key=lambda n: n.name)
                for grade in sorted(notebook.grades, key=lambda g: _position(order.get(notebook.name, []), g.name))
            ]


def grade_ids(path):
    """The grade_ids of the graded (test) cells of a notebook file, in cell order."""
    cells = json.loads(Path(path).read_text())["cells"]
    return [
        cell["metadata"]["nbgrader"]["grade_id"]
        for cell in cells
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade")
    ]


def _position(order, name):
    return order.index(name) if name in order else len(order)


@dataclass
class ExerciseScore:
    notebook: str
    exercise: str
    score: float
    max_score: float
    needs_manual_grade: bool


def total(scores):
    """(points, max points) of a list of ExerciseScore."""
    return sum(s.score for s in scores), sum(s.max_score for s in scores)
