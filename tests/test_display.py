"""How failures read in a notebook: the check's note alone, the student's own frames, unfinished work named.

Run in a real kernel (nbclient), as a student's notebook runs; and through nbgrader's Validator.
"""

import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from dlhelpers.checks import CheckError, explain_stubs
from dlhelpers.checks._display import NOT_RUN_HINT, student_frames

ANSI = re.compile(r"\x1b\[[0-9;]*m")

CELLS = {
    "wrong": "def sigmoid(x):\n    return 1 / (1 + np.exp(x))\nchecks.check_sigmoid(sigmoid)",
    "bug": "def sigmoid(x):\n    y = x.no_such_attribute\n    return y\nchecks.check_sigmoid(sigmoid)",
    "stub_called": "def basic_sigmoid(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\nbasic_sigmoid(1)",
    "stub_checked": "checks.check_basic_sigmoid(basic_sigmoid)",
    "stub_in_cell": "# YOUR CODE HERE\nraise NotImplementedError()",
    "own_message": "raise NotImplementedError('not for this input')",
    "not_run": "print(m_train)",
    "typo": "def f():\n    return undefined_name\nf()",
    "right": "def basic_sigmoid(x):\n    return 1 / (1 + math.exp(-x))\nchecks.check_basic_sigmoid(basic_sigmoid)\n"
             "print('All checks passed.')",
}


@pytest.fixture(scope="module")
def shown():
    """{cell: (ename, evalue, traceback text without colours)} of a notebook run in a real kernel."""
    setup = "import math\nimport numpy as np\nfrom dlhelpers.checks import numpy_basics as checks"
    notebook = new_notebook(cells=[new_code_cell(setup)] + [new_code_cell(code) for code in CELLS.values()])
    NotebookClient(notebook, timeout=60, allow_errors=True, kernel_name="python3").execute()
    errors = {}
    for name, cell in zip(CELLS, notebook.cells[1:]):
        for output in cell.outputs:
            if output.output_type == "error":
                errors[name] = (output.ename, output.evalue, ANSI.sub("", "\n".join(output.traceback)))
    return errors


def test_a_failed_check_shows_its_note_without_the_courses_traceback(shown):
    ename, evalue, text = shown["wrong"]
    assert ename == "CheckError" and "Likely cause: a wrong sign in the exponent" in evalue
    assert text.splitlines() == [f"CheckError: {evalue.split(' Likely cause: ')[0]}",
                                 f"Likely cause: {evalue.split(' Likely cause: ')[1]}"]


def test_a_bug_in_the_students_function_shows_the_students_frames_only(shown):
    ename, _, text = shown["bug"]
    assert ename == "AttributeError"
    assert "in sigmoid" in text and "y = x.no_such_attribute" in text  # where the student's bug is
    assert "checks.check_sigmoid(sigmoid)" in text  # and the call in the cell
    assert "dlhelpers" not in text and "_core.py" not in text and "interactiveshell" not in text


def test_an_unfinished_exercise_names_the_function_to_write(shown):
    message = ("basic_sigmoid is not implemented yet: replace `raise NotImplementedError()` in its cell "
               "with your code.")
    assert shown["stub_called"][:2] == ("NotImplementedError", message)
    assert shown["stub_called"][2] == f"NotImplementedError: {message}"
    assert shown["stub_checked"][:2] == ("CheckError", message)
    assert shown["stub_in_cell"][1] == ("this exercise is not done yet: replace `raise NotImplementedError()` "
                                        "in this cell with your code.")


def test_a_not_implemented_error_with_a_message_of_its_own_is_shown_as_usual(shown):
    ename, evalue, text = shown["own_message"]
    assert (ename, evalue) == ("NotImplementedError", "not for this input")
    assert "Traceback" in text and "not implemented yet" not in text


def test_a_name_not_defined_in_a_cell_says_to_run_the_cells_above(shown):
    assert shown["not_run"][2].splitlines()[-1] == NOT_RUN_HINT
    assert NOT_RUN_HINT not in shown["typo"][2]  # in a function it is a typo, not a cell not run
    assert "right" not in shown


def test_student_frames_drops_the_frames_of_dlhelpers():
    def students_function(x):
        return x.no_such_attribute

    def check(function):
        return function(1)

    namespace = {"check_it": check}
    explain_stubs(namespace)  # the wrapper lives in dlhelpers: its frame is the one to drop
    with pytest.raises(AttributeError) as caught:
        namespace["check_it"](students_function)
    names = []
    tb = student_frames(caught.value.__traceback__)
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    assert "checked" not in names and names[-2:] == ["check", "students_function"]
    assert "checked" in caught.traceback[1].name  # the original traceback still has the wrapper


def test_check_error_renders_its_message_and_the_cause_on_its_own_line():
    lines = [ANSI.sub("", line) for line in CheckError("f: off. Likely cause: a sign.")._render_traceback_()]
    assert lines == ["CheckError: f: off.", "Likely cause: a sign."]


def test_validate_shows_the_note_not_the_traceback(tmp_path):
    from nbgrader.validator import Validator

    def graded(code, grade_id):
        cell = new_code_cell(code)
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "locked": True, "points": 1,
                                     "schema_version": 3, "solution": False, "task": False}
        return cell

    notebook = new_notebook(cells=[
        new_code_cell("import numpy as np\nfrom dlhelpers.checks import numpy_basics as checks\n"
                      "def sigmoid(x):\n    return 1 / (1 + np.exp(x))"),
        graded("checks.check_sigmoid(sigmoid)", "sigmoid_tests"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "mine.ipynb"
    nbformat.write(notebook, path)
    failed = Validator().validate(str(path))["failed"]
    assert len(failed) == 1
    error = re.sub(r"<[^>]+>", "", failed[0]["error"])  # the dialog gets HTML
    assert error.startswith("CheckError: sigmoid:") and "Likely cause: a wrong sign" in error
    assert "Traceback" not in error and "dlhelpers" not in error
