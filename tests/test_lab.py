"""Each role's JupyterLab, started for real: a student's shows student tools, an instructor's all of nbgrader."""

import pytest
from lab_server import running_lab

from dlhelpers.grading.lab import hidden_tools
from dlhelpers.grading.sandbox import KERNEL_NAME

INSTRUCTOR_ONLY = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyter/nbgrader:course-list"]


def test_students_get_the_assignment_list_only_when_the_exchange_is_used():
    plugins, server = hidden_tools("student", exchange=False)
    assert plugins == INSTRUCTOR_ONLY + ["@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"]
    assert "nbgrader.server_extensions.assignment_list" in server
    plugins, server = hidden_tools("student", exchange=True)
    assert plugins == INSTRUCTOR_ONLY and "nbgrader.server_extensions.assignment_list" not in server
    assert "@jupyter/nbgrader:validate-assignment" not in plugins  # Validate is the student's tool
    assert hidden_tools("instructor") == ([], [])
    with pytest.raises(ValueError, match="role should be 'student' or 'instructor', got 'ta'"):
        hidden_tools("ta")


@pytest.mark.slow
def test_student_lab_has_no_instructor_tools_nor_the_grading_kernel(course_copy, tmp_path):
    root = course_copy(only=["gradient_checking"])
    with running_lab(root, "lab", tmp_path / "student.log") as lab:
        disabled = lab.page_config()["disabledExtensions"]
        assert set(INSTRUCTOR_ONLY) <= set(disabled)
        assert "@jupyter/nbgrader:validate-assignment" not in disabled
        assert lab.get("/formgrader")[0] == 404  # the server extension is off too
        status, specs = lab.get("/api/kernelspecs")
        assert status == 200 and '"python3"' in specs and KERNEL_NAME not in specs
        status, listing = lab.get("/api/contents")
        assert status == 200 and "07_gradient_checking" in listing and '"notebooks"' not in listing  # student/
        status, page = lab.get("/api/contents/START_HERE.md")
        assert status == 200 and "07_gradient_checking/gradient_checking.ipynb" in page
        status, workspace = lab.get("/lab/api/workspaces/default")  # the first lab opens the start page
        assert status == 200 and "markdownviewer-widget:START_HERE.md" in workspace
    assert "nbgrader.server_extensions.formgrader | extension was successfully loaded" not in lab.log()


@pytest.mark.slow
def test_instructor_lab_has_the_formgrader(course_copy, tmp_path):
    root = course_copy(only=["gradient_checking"])
    with running_lab(root, "instructor", tmp_path / "instructor.log") as lab:
        assert lab.page_config()["disabledExtensions"] == []
        status, page = lab.get("/formgrader")
        assert status == 200 and "formgrader" in page.lower()
        assert lab.get("/api/contents/notebooks")[0] == 200  # the course folder, not the student's
