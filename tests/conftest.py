"""Shared fixtures: the photos, course copies, and the data environment of kernels."""

import os

import pytest

import dlhelpers.grading  # noqa: F401 - first: it spares every test process the slow optional imports
from helpers import NO_PHOTOS, REPO, data_env, photos_dir, prefetch_notebooks, stop_prefetching


@pytest.fixture
def photos():
    """Path of the folder holding the real photos (the test is skipped without them)."""
    folder = photos_dir()
    if folder is None:
        pytest.skip(NO_PHOTOS)
    return folder


@pytest.fixture
def course_copy(tmp_path):
    """A function that copies the course (config and source notebooks) into a temporary folder."""
    from dlhelpers.grading.pipeline import copy_course

    def make(only=None):
        return copy_course(REPO, tmp_path / "course", only=only)

    return make


@pytest.fixture(autouse=True)
def _kernel_data_env(monkeypatch):
    """Kernels started by nbgrader inherit os.environ: give them the photos or the stand-in."""
    wanted = data_env()  # before clearing: it reads DLHELPERS_DATA
    for key in [k for k in os.environ if k.startswith("DLHELPERS_")]:
        monkeypatch.delenv(key)
    for key, value in wanted.items():
        if key.startswith("DLHELPERS_"):
            monkeypatch.setenv(key, value)


def pytest_configure(config):
    """One cache of reference records for the whole session (the workers inherit it)."""
    import tempfile

    from dlhelpers.grading.reference import ENV_CACHE

    if not os.environ.get(ENV_CACHE):
        config._reference_cache = os.environ[ENV_CACHE] = tempfile.mkdtemp(prefix="dlcourse-reference-cache-")


def pytest_unconfigure(config):
    """Remove the session's reference cache (only the one this session made)."""
    import shutil

    folder = getattr(config, "_reference_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_report_header(config):
    folder = photos_dir()
    return f"cat photos: {folder}" if folder else f"cat photos: not found, stand-in used ({NO_PHOTOS})"



def pytest_collection_finish(session):
    """Start the work that selected tests will wait for: the notebooks that notebook tests read
    (``NOTEBOOK``) and each module's own ``start_in_background(config)``."""
    if session.config.option.collectonly:
        return
    wanted = dict.fromkeys(getattr(item.module, "NOTEBOOK", None) for item in session.items)
    wanted.pop(None, None)
    if wanted:
        prefetch_notebooks(wanted)
    for start in dict.fromkeys(getattr(item.module, "start_in_background", None) for item in session.items):
        if start is not None:
            start(session.config)


def pytest_sessionfinish(session):
    stop_prefetching()
