"""The reference records: the source notebook's probes run on the solution, in a trusted kernel.

``reference_records(source, cache_dir)`` executes the source notebook (solutions and hidden tests,
up to its last test cell, as for a submission) once in a plain kernel with ``DLCOURSE_REFERENCE=1``,
so that every probe also sends its judging spec, and keeps each graded cell's records in
``cache_dir`` under the hash of the notebook's bytes, dlhelpers' code and numpy's version: one run
per version of the course, not one per student. The kernel never sees a submission.
"""

import fcntl
import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .graded_part import last_test_cell
from .judge import reference_from_payload
from .records import ENV_REFERENCE, RECORD_MIME, parse_records

FORMAT = "dlcourse-reference-1"  # part of the cache key: a new format never reads an old file
ENV_CACHE = "DLCOURSE_REFERENCE_CACHE"  # overrides the cache folder (tests share one per session)


class ReferenceError(RuntimeError):
    """The source notebook could not give reference records: a cell failed, or a probe is malformed."""


def _key(source):
    """The hash of what the reference records depend on: the notebook, dlhelpers' code, numpy, and
    whether the kernels get the photos or the stand-in."""
    import numpy

    from ..datasets._cats import _wants_standin

    digest = hashlib.sha256(f"{FORMAT} numpy {numpy.__version__} standin {_wants_standin()}".encode())
    digest.update(Path(source).read_bytes())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def cache_folder(default):
    """The cache folder: ``DLCOURSE_REFERENCE_CACHE`` if set, else ``default``."""
    return Path(os.environ.get(ENV_CACHE) or default)


def _graded_cells(notebook):
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            yield meta["grade_id"], cell


def _execute(source, timeout):
    """The source notebook executed in a copy of its folder, in a trusted kernel."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    notebook = nbformat.read(source, as_version=4)
    last = last_test_cell(notebook.cells)
    if last is not None:  # as for a submission, the cells after the last test cell are not run
        notebook.cells = notebook.cells[:last + 1]
    env = dict(os.environ, **{ENV_REFERENCE: "1", "NBGRADER_EXECUTION": "autograde"})
    with tempfile.TemporaryDirectory(prefix="dlcourse-reference-") as folder:
        work = Path(folder) / "notebook"
        shutil.copytree(Path(source).parent, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        # over unix sockets in this private folder: no TCP port, and no "running over TCP" warning
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(folder) / "kernel"))
        client = NotebookClient(notebook, km=km, timeout=timeout, kernel_name="python3", allow_errors=True,
                                resources={"metadata": {"path": str(work)}})
        try:
            client.execute(env=env, cleanup_kc=True)
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    return notebook


def build(source, timeout=1800):
    """Execute ``source`` and return its graded cells' reference payloads, ``{grade_id: [payload]}``.

    Raises ``ReferenceError`` naming the cell when a cell of the reference raised, or a probe's
    record or spec cannot be used.
    """
    notebook = _execute(source, timeout)
    payloads = {}
    for index, cell in enumerate(notebook.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors and cell.cell_type == "code":
            error = errors[0]
            raise ReferenceError(f"{source}: cell {index} of the reference solution raised "
                                 f"{error.get('ename')}: {error.get('evalue')}")
    for grade_id, cell in _graded_cells(notebook):
        records, problems = parse_records(cell.get("outputs", []), payloads=True)
        if problems:
            raise ReferenceError(f"{source}: test cell {grade_id}: {'; '.join(problems)}")
        if not records:
            raise ReferenceError(f"{source}: test cell {grade_id} records nothing: without probes its "
                                 "points would rest on the student's kernel (see docs/authoring.md)")
        raw = [o["data"] for o in cell.get("outputs", []) if isinstance(o.get("data"), dict)]
        payloads[grade_id] = [p for p in map(_raw_payload, raw) if p is not None]
        for payload in records.values():
            try:
                reference_from_payload(payload)
            except ValueError as error:
                raise ReferenceError(f"{source}: test cell {grade_id}: {error}") from None
    return payloads


def _raw_payload(data):
    raw = data.get(RECORD_MIME)
    return json.loads(raw) if isinstance(raw, str) else raw


def _decode(payloads):
    """``{grade_id: {name: ReferenceRecord}}`` from the cached payloads."""
    decoded = {}
    for grade_id, cell_payloads in payloads.items():
        outputs = [{"output_type": "display_data", "data": {RECORD_MIME: p}} for p in cell_payloads]
        records, _ = parse_records(outputs, payloads=True)
        decoded[grade_id] = {name: reference_from_payload(p) for name, p in records.items()}
    return decoded


def cache_file(source, cache_dir, timeout=1800):
    """The cache file of this version of ``source``, built first (under a lock) if it is missing."""
    source = Path(source)
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / f"{source.stem}-{_key(source)[:24]}.json"
    with open(cache_dir / f"{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two graders of one course build it once
        if not target.is_file():
            payloads = build(source, timeout)
            partial = target.with_suffix(".partial")
            partial.write_text(json.dumps(payloads))
            os.replace(partial, target)
    return target


def reference_payloads(source, cache_dir, timeout=1800):
    """The raw reference payloads of ``source``, ``{grade_id: [payload]}``, from the cache or ``build``.

    Read from ``cache_dir`` when this version of the notebook was run before; otherwise the
    notebook is executed while other processes wait on a lock, and the result kept.
    """
    return json.loads(cache_file(source, cache_dir, timeout).read_text())


@functools.lru_cache(maxsize=32)
def _records_in(path):
    # a cache file never changes (its name is the hash of what it depends on): decode it once per process
    return _decode(json.loads(Path(path).read_text()))


def reference_records(source, cache_dir, timeout=1800):
    """The reference records of every graded cell of ``source``: ``{grade_id: {name: ReferenceRecord}}``.

    Like ``reference_payloads``, decoded once per process; treat the result as read-only.
    """
    return _records_in(str(cache_file(source, cache_dir, timeout)))
