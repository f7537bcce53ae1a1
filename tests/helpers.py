"""Test helpers: where the photos are, and executing notebooks with a real kernel."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
PHOTO_FILES = ("train_catvnoncat.h5", "test_catvnoncat.h5")


def photos_dir():
    """The folder with the real cat photos for tests, or None.

    ``DLHELPERS_DATA`` first (``.ci/run`` points it at ``../shared/datasets``), then the
    ``shared/datasets`` folder beside the repository.
    """
    for candidate in (os.environ.get("DLHELPERS_DATA"), REPO.parent / "shared" / "datasets"):
        if candidate and all((Path(candidate) / f).is_file() for f in PHOTO_FILES):
            return Path(candidate)
    return None


NO_PHOTOS = ("the cat photos are not on this machine: set DLHELPERS_DATA to a folder holding "
             "train_catvnoncat.h5 and test_catvnoncat.h5 (CI uses ../shared/datasets)")
needs_photos = pytest.mark.skipif(photos_dir() is None, reason=NO_PHOTOS)


def data_env():
    """Environment for kernels: the real photos when they are here, else the labelled stand-in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DLHELPERS_")}
    folder = photos_dir()
    if folder is None:
        env["DLHELPERS_STANDIN"] = "1"
    else:
        env["DLHELPERS_DATA"] = str(folder)
    return env


_executed = {}


def execute_notebook(path, timeout=900):
    """Execute a notebook with a real kernel (once per test session); return the executed copy.

    Runs in the notebook's folder with the photos (or the stand-in, see ``data_env``), without
    ``NBGRADER_EXECUTION``: the full, ungraded version of every cell.
    """
    import nbformat

    path = Path(path).resolve()
    if path not in _executed:
        _executed[path] = run_notebook(nbformat.read(path, as_version=4), path.parent, timeout)
    return _executed[path]


def run_notebook(notebook, folder, timeout=900):
    """Execute ``notebook`` (a nbformat object, changed in place) in ``folder``, as ``execute_notebook`` does."""
    from nbclient import NotebookClient

    env = data_env()
    env.pop("NBGRADER_EXECUTION", None)
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return notebook


def printed_text(notebook):
    """Everything the notebook's code cells printed (stdout streams), as one string."""
    return "".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stdout"
    )
