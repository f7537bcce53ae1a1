"""What the grader's processes load at start: the kernel launcher, the kernelspec, skipped imports.

Each submission starts a kernel through ``python -m dlhelpers.grading.sandbox``, and each command
or grading worker imports nbformat: seconds of CPU per class when they load what they do not use.
"""

import json
import subprocess
import sys

import pooch

from dlhelpers.datasets import _cats
from dlhelpers.grading import sandbox
from helpers import REPO


def _python(code, python=sys.executable):
    run = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_kernel_launcher_loads_neither_numpy_nor_pooch():
    loaded = _python("import json, sys\n"
                     "from dlhelpers.grading import sandbox\n"
                     "paths = [str(p) for p in sandbox._visible_paths()]\n"
                     "print(json.dumps({'modules': [m for m in ('numpy', 'pooch', 'h5py') if m in sys.modules],"
                     " 'paths': paths}))")
    assert loaded["modules"] == []
    assert str(pooch.os_cache("dlhelpers")) in loaded["paths"]


def test_launcher_names_the_data_variables_of_the_datasets():
    assert sandbox.DATA_VARIABLES == (_cats.ENV_DATA, _cats.ENV_CACHE)
    assert sandbox.data_cache() == pooch.os_cache("dlhelpers")


def test_nbformat_imports_without_the_iri_grammar_and_still_validates():
    loaded = _python("import json, sys, time\n"
                     "import dlhelpers.grading.pipeline\n"
                     "import nbformat\n"
                     "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
                     "nbformat.validate(nb)\n"
                     "bad = nbformat.v4.new_notebook(); bad.cells = [{'cell_type': 'code'}]\n"
                     "try:\n    nbformat.validate(bad); caught = False\n"
                     "except nbformat.ValidationError:\n    caught = True\n"
                     "print(json.dumps({'grammar': sys.modules.get('rfc3987_syntax', 'absent') is None,"
                     " 'caught': caught}))")
    assert loaded == {"grammar": True, "caught": True}


def test_kernelspec_names_the_environment_by_its_real_path(tmp_path):
    """A course copy reaches the environment through a symlink; the spec must outlive the copy."""
    link = tmp_path / "copy" / ".venv"
    link.parent.mkdir()
    link.symlink_to(REPO / ".venv")
    python = link / "bin" / "python"
    assert _python("import json\nfrom dlhelpers.grading.sandbox import stable_python\n"
                   "print(json.dumps(stable_python()))", python=python) == str(REPO / ".venv" / "bin" / "python")


def test_grader_kernelspec_is_hidden_from_jupyterlab_and_found_by_autograde(tmp_path):
    """JupyterLab lists the kernelspecs of Jupyter's folders; the grading kernel must not be one."""
    from jupyter_client.kernelspec import KernelSpecManager

    old = tmp_path / "share" / "jupyter" / "kernels" / sandbox.KERNEL_NAME  # where earlier versions put it
    old.mkdir(parents=True)
    (old / "kernel.json").write_text(json.dumps({"argv": ["python", "-m", "dlhelpers.grading.sandbox"]}))
    folder = sandbox.install_kernelspec(prefix=tmp_path)
    assert folder == tmp_path / "share" / "dlcourse" / "kernels" / sandbox.KERNEL_NAME
    assert not old.exists()
    jupyters = KernelSpecManager(kernel_dirs=[str(tmp_path / "share" / "jupyter" / "kernels")])
    assert sandbox.KERNEL_NAME not in jupyters.find_kernel_specs()
    assert sandbox.KERNEL_NAME not in KernelSpecManager().find_kernel_specs()  # this environment's Jupyter
    manager = sandbox.grader_kernel_manager()(kernel_name=sandbox.KERNEL_NAME)
    assert manager.kernel_spec.argv[1:3] == ["-m", "dlhelpers.grading.sandbox"]
