"""dlhelpers.datasets: the lookup order, checksums, real HTTP downloads, errors, the stand-in, load_image."""

import functools
import hashlib
import http.server
import shutil
import threading
import warnings

import numpy as np
import pytest

from dlhelpers.datasets import (
    DataFileCorruptError,
    DataNotFoundError,
    _cats,
    fetch_catvnoncat_file,
    load_catvnoncat,
    load_image,
    make_cat_standin,
)
from helpers import PHOTO_FILES


@pytest.fixture
def no_repo_copy(monkeypatch, tmp_path):
    """Pretend the repository's datasets/ folder holds no photos, and use a private pooch cache."""
    fake_repo_dir = tmp_path / "repo-datasets"
    fake_repo_dir.mkdir()
    monkeypatch.setattr(_cats, "_REPO_DATA_DIR", fake_repo_dir)
    monkeypatch.setenv("DLHELPERS_CACHE", str(tmp_path / "cache"))
    for key in ("DLHELPERS_DATA", "DLHELPERS_URL", "DLHELPERS_STANDIN"):
        monkeypatch.delenv(key, raising=False)
    return fake_repo_dir


@pytest.fixture
def http_server():
    """Serve a folder over real HTTP on 127.0.0.1; yields a function folder -> base URL."""
    servers = []

    def serve(folder):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    requests_seen = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        _QuietHandler.requests_seen.append(self.path)
        super().do_GET()


def _closed_port_url():
    """A base URL on 127.0.0.1 where nothing listens (the port was just released)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_load_catvnoncat_shapes_and_dtypes(photos):
    train_x, train_y, test_x, test_y, classes = load_catvnoncat(data_dir=photos)
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert test_x.shape == (50, 64, 64, 3) and test_x.dtype == np.uint8
    assert train_y.shape == (1, 209) and test_y.shape == (1, 50)
    assert set(np.unique(train_y)) == {0, 1} and int(train_y.sum()) == 72 and int(test_y.sum()) == 33
    assert classes.tolist() == [b"non-cat", b"cat"]


def test_load_catvnoncat_reads_environment_variable(photos, monkeypatch, no_repo_copy):
    monkeypatch.setenv("DLHELPERS_DATA", str(photos))
    train_x, *_ = load_catvnoncat()
    assert train_x.shape == (209, 64, 64, 3)


def test_load_catvnoncat_prefers_argument_over_environment(photos, monkeypatch, no_repo_copy, tmp_path):
    monkeypatch.setenv("DLHELPERS_DATA", str(tmp_path / "nowhere"))
    assert load_catvnoncat(data_dir=photos)[0].shape == (209, 64, 64, 3)


def test_load_catvnoncat_uses_repository_folder(photos, no_repo_copy):
    for name in PHOTO_FILES:
        shutil.copy(photos / name, no_repo_copy / name)
    assert load_catvnoncat(progressbar=False)[2].shape == (50, 64, 64, 3)


def test_data_dir_without_files_names_folder_and_fix(tmp_path, no_repo_copy):
    with pytest.raises(DataNotFoundError) as error:
        load_catvnoncat(data_dir=tmp_path)
    message = str(error.value)
    assert str(tmp_path) in message and "train_catvnoncat.h5" in message and "copy" in message


def test_corrupt_local_file_names_file_hashes_and_fix_and_is_kept(photos, tmp_path, no_repo_copy):
    for name in PHOTO_FILES:
        shutil.copy(photos / name, tmp_path / name)
    damaged = tmp_path / "test_catvnoncat.h5"
    damaged.write_bytes(damaged.read_bytes()[:-100])
    before = damaged.read_bytes()
    with pytest.raises(DataFileCorruptError) as error:
        load_catvnoncat(data_dir=tmp_path)
    message = str(error.value)
    expected = _cats.read_registry()["test_catvnoncat.h5"][0]
    assert "test_catvnoncat.h5" in message and expected in message
    assert hashlib.sha256(before).hexdigest() in message
    assert "replace it" in message or "delete it" in message
    assert damaged.read_bytes() == before, "the damaged file must be left as it was"


def test_corrupt_file_even_without_photos_is_reported(tmp_path, no_repo_copy):
    (tmp_path / "train_catvnoncat.h5").write_bytes(b"not an hdf5 file")
    (tmp_path / "test_catvnoncat.h5").write_bytes(b"not an hdf5 file")
    with pytest.raises(DataFileCorruptError, match="train_catvnoncat.h5"):
        load_catvnoncat(data_dir=tmp_path)


def test_download_over_local_http_verifies_and_caches(photos, tmp_path, http_server, no_repo_copy, monkeypatch):
    base_url = http_server(photos)
    monkeypatch.setenv("DLHELPERS_URL", base_url)
    _QuietHandler.requests_seen.clear()
    train_x, train_y, test_x, test_y, classes = load_catvnoncat(progressbar=False)
    assert train_x.shape == (209, 64, 64, 3) and test_y.shape == (1, 50)
    assert sorted(_QuietHandler.requests_seen) == ["/test_catvnoncat.h5", "/train_catvnoncat.h5"]
    cached = tmp_path / "cache" / "train_catvnoncat.h5"
    assert cached.is_file()
    # A second load comes from pooch's cache: no new request.
    load_catvnoncat(progressbar=False)
    assert len(_QuietHandler.requests_seen) == 2


def test_download_of_corrupted_file_is_refused_and_nothing_kept(tmp_path, http_server):
    served = tmp_path / "served"
    served.mkdir()
    (served / "test_catvnoncat.h5").write_bytes(b"\x89HDF\r\n corrupted " * 1000)
    cache = tmp_path / "cache"
    with pytest.raises(DataFileCorruptError) as error:
        fetch_catvnoncat_file("test_catvnoncat.h5", cache_dir=cache, base_url=http_server(served), progressbar=False)
    message = str(error.value)
    assert "test_catvnoncat.h5" in message and _cats.read_registry()["test_catvnoncat.h5"][0] in message
    assert not (cache / "test_catvnoncat.h5").exists()


def test_no_copy_and_no_network_lists_three_ways(no_repo_copy, monkeypatch):
    monkeypatch.setenv("DLHELPERS_URL", _closed_port_url())
    with pytest.raises(DataNotFoundError) as error:
        load_catvnoncat(progressbar=False)
    message = str(error.value)
    assert "data_dir" in message and "DLHELPERS_DATA" in message and "datasets/" in message
    assert "standin=True" in message


def test_unknown_file_name_is_rejected():
    with pytest.raises(ValueError, match="unknown data file"):
        fetch_catvnoncat_file("dogs.h5")


def test_registry_lists_both_files_with_sha256_and_url():
    registry = _cats.read_registry()
    assert set(registry) == set(PHOTO_FILES)
    for digest, url in registry.values():
        assert len(digest) == 64 and int(digest, 16) >= 0
        assert url.startswith("https://") and url.endswith(".h5")


def test_standin_only_when_asked_and_labelled(no_repo_copy, monkeypatch):
    monkeypatch.setenv("DLHELPERS_URL", _closed_port_url())
    with pytest.raises(DataNotFoundError):
        load_catvnoncat(progressbar=False)  # never a silent substitution
    with pytest.warns(UserWarning, match="SYNTHETIC STAND-IN"):
        standin = load_catvnoncat(standin=True)
    monkeypatch.setenv("DLHELPERS_STANDIN", "1")
    with pytest.warns(UserWarning, match="SYNTHETIC STAND-IN"):
        from_env = load_catvnoncat()
    assert all(np.array_equal(a, b) for a, b in zip(standin, from_env))


def test_standin_matches_photo_shapes_and_is_deterministic():
    first, second = make_cat_standin(), make_cat_standin()
    train_x, train_y, test_x, test_y, classes = first
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert test_x.shape == (50, 64, 64, 3) and test_x.dtype == np.uint8
    assert train_y.shape == (1, 209) and test_y.shape == (1, 50)
    assert int(train_y.sum()) == 72 and int(test_y.sum()) == 33
    assert classes.tolist() == [b"non-cat", b"cat"]
    assert all(np.array_equal(a, b) for a, b in zip(first, second))
    assert len({train_x[i].tobytes() for i in range(209)}) == 209, "every image is different"


def test_standin_classes_differ_visibly():
    """Cats and non-cats are not the same picture with another label: their mean images differ."""
    train_x, train_y, *_ = make_cat_standin()
    cats = train_x[train_y[0] == 1].astype(float).mean(axis=0)
    others = train_x[train_y[0] == 0].astype(float).mean(axis=0)
    assert np.abs(cats - others).mean() > 5


def test_load_image_resizes_any_photo(tmp_path):
    from PIL import Image

    rng = np.random.default_rng(0)
    path = tmp_path / "my_cat.png"
    Image.fromarray(rng.integers(0, 256, size=(120, 90, 4), dtype=np.uint8), "RGBA").save(path)
    image = load_image(path)
    assert image.shape == (64, 64, 3) and image.dtype == np.uint8


def test_load_image_errors_name_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such.jpg"):
        load_image(tmp_path / "no_such.jpg")
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo")
    with pytest.raises(ValueError, match="notes.jpg"):
        load_image(text)


def test_load_catvnoncat_quiet_without_standin(photos):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_catvnoncat(data_dir=photos)
