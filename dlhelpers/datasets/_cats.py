"""The cat / non-cat photos: find a local copy or fetch one, verify it, load it.

Where the files are looked for, in order: the ``data_dir`` argument, the ``DLHELPERS_DATA``
environment variable, the repository's ``datasets/`` folder, pooch's cache, a download.
Every file is checked against its SHA-256 before it is read.
"""

import hashlib
import os
import warnings
from pathlib import Path

import h5py
import numpy as np
import pooch
import requests

from ._standin import make_cat_standin

FILES = ("train_catvnoncat.h5", "test_catvnoncat.h5")
ENV_DATA = "DLHELPERS_DATA"
ENV_CACHE = "DLHELPERS_CACHE"
ENV_URL = "DLHELPERS_URL"
ENV_STANDIN = "DLHELPERS_STANDIN"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_REPO_DATA_DIR = _PACKAGE_DIR.parent / "datasets"  # where a cloned repository keeps local copies
_REPO_REGISTRY = _PACKAGE_DIR.parent / "datasets" / "registry.txt"


class DataNotFoundError(FileNotFoundError):
    """The photos are neither on this machine nor downloadable."""


class DataFileCorruptError(ValueError):
    """A data file exists but its bytes are not the expected ones."""


def _registry_file():
    """The registry of a cloned repository, else the copy shipped inside the wheel."""
    return _REPO_REGISTRY if _REPO_REGISTRY.is_file() else _PACKAGE_DIR / "registry.txt"


def read_registry():
    """Return ``{file name: (sha256 hex, url)}`` from the registry file."""
    registry = {}
    for line in _registry_file().read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, digest, url = line.split()
            registry[name] = (digest.removeprefix("sha256:"), url)
    return registry


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_file(path, name):
    """Raise DataFileCorruptError unless ``path`` holds exactly the bytes of ``name``."""
    expected = read_registry()[name][0]
    actual = _sha256(path)
    if actual != expected:
        raise DataFileCorruptError(
            f"{path} is not the expected {name}: its SHA-256 is {actual}, expected {expected}. "
            "The file is damaged (an interrupted copy?) or a different version. "
            "Fix: replace it with a good copy, or delete it and load again to download one. "
            "The file was left as it is."
        )
    return Path(path)


def _ways_to_provide(name):
    return (
        f"Could not find {name} on this machine and could not download it. Three ways to provide "
        "the cat photos:\n"
        "  1. pass the folder that holds train_catvnoncat.h5 and test_catvnoncat.h5: "
        "load_catvnoncat(data_dir='/path/to/folder');\n"
        f"  2. set the environment variable {ENV_DATA}=/path/to/folder;\n"
        f"  3. copy the two files into the repository's datasets/ folder ({_REPO_DATA_DIR}),\n"
        "or connect to the internet so that they can be downloaded (datasets/registry.txt has the "
        f"addresses; {ENV_URL} sets a mirror). To run without the photos, ask explicitly for the "
        f"synthetic stand-in: load_catvnoncat(standin=True) or {ENV_STANDIN}=1."
    )


def fetch_catvnoncat_file(name, *, cache_dir=None, base_url=None, progressbar=True):
    """Return the path of ``name`` in pooch's cache, downloading it first if needed.

    Parameters
    ----------
    name : {"train_catvnoncat.h5", "test_catvnoncat.h5"}
    cache_dir : str or Path, optional
        Cache folder; default ``DLHELPERS_CACHE`` or the operating system's cache for dlhelpers.
    base_url : str, optional
        A mirror serving the files by name; default ``DLHELPERS_URL`` or the registry's addresses.
    progressbar : bool
        Show a tqdm progress bar while downloading.
    """
    registry = read_registry()
    if name not in registry:
        raise ValueError(f"unknown data file {name!r}; expected one of {sorted(registry)}")
    base_url = base_url or os.environ.get(ENV_URL)
    urls = {
        file: (base_url.rstrip("/") + "/" + file) if base_url else url
        for file, (_, url) in registry.items()
    }
    fetcher = pooch.create(
        path=cache_dir or pooch.os_cache("dlhelpers"),
        base_url="",
        registry={file: f"sha256:{digest}" for file, (digest, _) in registry.items()},
        urls=urls,
        env=None if cache_dir else ENV_CACHE,
    )
    try:
        return Path(fetcher.fetch(name, progressbar=progressbar))
    except ValueError as error:  # pooch: the downloaded bytes do not match the hash
        raise DataFileCorruptError(
            f"The {name} downloaded from {urls[name]} does not match its SHA-256 "
            f"({registry[name][0]}); it was discarded and nothing else changed. "
            f"pooch said: {error}. Fix: try again later, point {ENV_URL} at a good mirror, or "
            f"provide the files yourself (data_dir argument, {ENV_DATA}, or the datasets/ folder)."
        ) from error
    except (requests.exceptions.RequestException, OSError) as error:
        raise DataNotFoundError(_ways_to_provide(name) + f"\n(download error: {error})") from error


def _locate(name, data_dir, progressbar):
    """Path of a verified copy of ``name``, following the lookup order of the module docstring."""
    for folder, source in ((data_dir, "the data_dir argument"), (os.environ.get(ENV_DATA), ENV_DATA)):
        if folder:
            path = Path(folder).expanduser() / name
            if not path.is_file():
                raise DataNotFoundError(
                    f"{source} points at {Path(folder).expanduser()}, but {name} is not there. "
                    "Fix: copy train_catvnoncat.h5 and test_catvnoncat.h5 into that folder, or "
                    f"point {source} at the folder that holds them."
                )
            return verify_file(path, name)
    in_repo = _REPO_DATA_DIR / name
    if in_repo.is_file():
        return verify_file(in_repo, name)
    return fetch_catvnoncat_file(name, progressbar=progressbar)


def _wants_standin():
    return os.environ.get(ENV_STANDIN, "").strip().lower() in {"1", "true", "yes", "on"}


def load_catvnoncat(data_dir=None, *, standin=None, progressbar=True):
    """Load the cat / non-cat photos of the course.

    Parameters
    ----------
    data_dir : str or Path, optional
        A folder holding ``train_catvnoncat.h5`` and ``test_catvnoncat.h5``.
    standin : bool, optional
        True returns the synthetic stand-in from ``make_cat_standin`` instead of the photos (with
        a warning). Default: the ``DLHELPERS_STANDIN`` environment variable, else False. The
        stand-in is never used unless asked for.
    progressbar : bool
        Show a progress bar if the files have to be downloaded.

    Returns
    -------
    train_x : ndarray of shape (209, 64, 64, 3), uint8
    train_y : ndarray of shape (1, 209), labels 1 = cat, 0 = non-cat
    test_x : ndarray of shape (50, 64, 64, 3), uint8
    test_y : ndarray of shape (1, 50)
    classes : ndarray of shape (2,), bytes: ``b"non-cat"``, ``b"cat"``
    """
    if standin is None:
        standin = _wants_standin()
    if standin:
        warnings.warn(
            "Using the SYNTHETIC STAND-IN (drawn cat faces versus other shapes), not the cat "
            "photos: figures will differ from the ones the notebooks state.",
            UserWarning,
            stacklevel=2,
        )
        return make_cat_standin()
    train_path, test_path = (_locate(name, data_dir, progressbar) for name in FILES)
    with h5py.File(train_path, "r") as train, h5py.File(test_path, "r") as test:
        train_x = np.array(train["train_set_x"][:])
        train_y = np.array(train["train_set_y"][:]).reshape(1, -1)
        test_x = np.array(test["test_set_x"][:])
        test_y = np.array(test["test_set_y"][:]).reshape(1, -1)
        classes = np.array(test["list_classes"][:])
    return train_x, train_y, test_x, test_y, classes
