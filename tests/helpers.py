"""Test helpers: where the photos are, and executing notebooks with a real kernel."""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
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


def _kernel_env():
    """The photos or the stand-in, without ``NBGRADER_EXECUTION``: every cell's full version."""
    env = data_env()
    env.pop("NBGRADER_EXECUTION", None)
    return env


_runs = {}  # notebook path -> Future of its executed copy (nbformat JSON text)
_runner = None


def prefetch_notebooks(paths, timeout=900):
    """Start executing these notebooks in a background process, one after another.

    The notebook tests ask for executed copies with ``execute_notebook``; started early (conftest
    does it when the session begins), the runs overlap the tests that keep one core busy, such as
    the adversarial autograde, instead of adding their minutes to the session.
    """
    global _runner
    if _runner is None:
        # spawn, not fork: the test process has threads that fork would copy broken.
        _runner = ProcessPoolExecutor(1, mp_context=get_context("spawn"))
    for path in (Path(p).resolve() for p in paths):
        if path not in _runs:
            _runs[path] = _runner.submit(_execute, str(path), _kernel_env(), timeout)


def stop_prefetching():
    if _runner is not None:
        _runner.shutdown(wait=False, cancel_futures=True)


def execute_notebook(path, timeout=900):
    """The notebook executed with a real kernel (once per test session).

    Runs in the notebook's folder with the photos (or the stand-in, see ``data_env``), without
    ``NBGRADER_EXECUTION``: the full, ungraded version of every cell.
    """
    import nbformat

    prefetch_notebooks([path], timeout)
    return nbformat.reads(_runs[Path(path).resolve()].result(), as_version=4)


def _execute(path, env, timeout):
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    return nbformat.writes(run_notebook(notebook, Path(path).parent, timeout, env=env))


def run_notebook(notebook, folder, timeout=900, *, env=None, allow_errors=False):
    """Execute ``notebook`` (a nbformat object, changed in place) in ``folder``; return it.

    The kernel gets ``env``, by default the photos or the stand-in (``data_env``) without
    ``NBGRADER_EXECUTION``: the full, ungraded version of every cell. With ``allow_errors`` a
    failing cell does not stop the run.
    """
    from nbclient import NotebookClient

    NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                   resources={"metadata": {"path": str(folder)}}).execute(env=env or _kernel_env())
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


def check_fails(check, function, *phrases):
    """Assert that ``check(function)`` raises a CheckError whose message holds every phrase; return it."""
    from dlhelpers.checks import CheckError

    with pytest.raises(CheckError) as caught:
        check(function)
    message = str(caught.value)
    for phrase in phrases:
        assert phrase in message, message
    return message
