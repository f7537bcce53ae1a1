"""A student's self-check: run my notebook, and say which visible checks pass.

The student version has only the visible checks; the hidden tests run when the notebook is graded.
"""

from pathlib import Path

import nbformat
from nbclient import NotebookClient


def visible_checks(path, timeout=300):
    """Execute a notebook in its folder and report each test cell.

    Returns
    -------
    list of (grade_id, passed, message): one per nbgrader test cell, in notebook order; message is
    the first line of the error for a failing cell, '' for a passing one.
    """
    path = Path(path).resolve()
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, allow_errors=True, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    report = []
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        message = first_error(cell.get("outputs", []))
        report.append((meta.get("grade_id", "?"), message is None, message or ""))
    return report


def first_error(outputs, *, with_name=True):
    """The first line of the first error among a cell's outputs ("CheckError: ..."), or None."""
    for output in outputs:
        if output.get("output_type") == "error":
            text = output.get("evalue") or ""
            if with_name or not text:
                text = f"{output.get('ename')}: {text}"
            return text.splitlines()[0]
    return None


def format_report(report):
    """The self-check as text: one line per exercise, then 'k of n visible checks pass'."""
    lines = []
    for grade_id, passed, message in report:
        lines.append(f"  {'pass' if passed else 'FAIL'}  {grade_id}" + (f"\n        {message}" if message else ""))
    passing = sum(passed for _, passed, _ in report)
    lines.append(f"{passing} of {len(report)} visible checks pass; hidden tests run at grading.")
    return "\n".join(lines)
