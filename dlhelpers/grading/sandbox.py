"""The grading kernel: a Python kernel with limits, started in a sandbox when bubblewrap is here.

nbgrader starts it through the kernelspec ``dlcourse-grader`` (see ``install_kernelspec``) as
``python -m dlhelpers.grading.sandbox -f CONNECTION_FILE``. The spec lives outside Jupyter's kernel
folders, so JupyterLab never offers it to a student; only autograde's ``GraderKernelManager`` looks
there. Then:

1. With bubblewrap (``bwrap``, Debian package ``bubblewrap``), the kernel is re-started inside a
   sandbox that shows only the system, this Python with its packages and the course's data, all
   read-only, plus the submission's own folder (writable) and a private ``/tmp``: no course folder
   (source notebooks, other submissions, the gradebook), no home folder, and no network at all
   (the kernel talks to nbgrader over unix sockets).
2. Resource limits: address space (``DLCOURSE_KERNEL_MEMORY_MB``, default 4096), size of files
   written (256 MB), no core dumps.
3. A kernel that restores the guarded modules before each cell (``dlhelpers.grading.guard``), for
   clearer check messages; the verdict itself is reached outside the kernel (``JudgeRecords``).
4. One BLAS thread (grading runs kernels side by side, one per core) unless the environment sets
   another count, and a kernel that dies with the process that started it: a grading worker killed
   mid-task leaves no kernel behind.
"""

import ctypes
import functools
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

KERNEL_NAME = "dlcourse-grader"
ENV_MEMORY_MB = "DLCOURSE_KERNEL_MEMORY_MB"
ENV_SANDBOX = "DLCOURSE_SANDBOX"  # "0" turns the bubblewrap sandbox off
ENV_INSIDE = "DLCOURSE_INSIDE_SANDBOX"
REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_VARIABLES = ("DLHELPERS_DATA", "DLHELPERS_CACHE")  # dlhelpers.datasets' ENV_DATA, ENV_CACHE
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def install_kernelspec(prefix=None):
    """Write the ``dlcourse-grader`` kernelspec where only the grader looks; return its folder.

    That is ``<environment>/share/dlcourse/kernels``, or the user's own data folder when the environment
    is not theirs to write (a shared one). A spec that an earlier version of the course put into
    Jupyter's kernel folders is removed: JupyterLab listed it in the Launcher, where it never started.
    """
    spec = {
        "argv": [stable_python(), "-m", "dlhelpers.grading.sandbox", "-f", "{connection_file}"],
        "display_name": "Python 3 (course grader)",
        "language": "python",
        "interrupt_mode": "message",  # a signal would stop at bubblewrap, not reach the kernel
        "metadata": {"debugger": False},
    }
    text = json.dumps(spec, indent=1)
    for old in _jupyter_visible_specs(prefix):
        _remove_if_ours(old)
    own, shared = grader_kernel_dirs(prefix)
    try:
        _write_if_changed(shared / KERNEL_NAME / "kernel.json", text)
    except OSError:  # an environment this user cannot write (a shared one): the user's own folder
        _write_if_changed(own / KERNEL_NAME / "kernel.json", text)
        return own / KERNEL_NAME
    if (own / KERNEL_NAME).is_dir():  # left by an earlier environment, it would shadow this one
        _write_if_changed(own / KERNEL_NAME / "kernel.json", text)
    return shared / KERNEL_NAME


def grader_kernel_dirs(prefix=None):
    """The folders searched for the grader's kernelspec, the first winning: the user's, the environment's."""
    import platformdirs

    return (Path(platformdirs.user_data_dir("dlcourse")) / "kernels",
            Path(prefix or sys.prefix) / "share" / "dlcourse" / "kernels")


def _jupyter_visible_specs(prefix=None):
    from jupyter_core.paths import jupyter_data_dir

    return (Path(prefix or sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME,
            Path(jupyter_data_dir()) / "kernels" / KERNEL_NAME)


def _remove_if_ours(folder):
    try:
        if "dlhelpers.grading.sandbox" in (folder / "kernel.json").read_text():
            shutil.rmtree(folder)
    except OSError:  # none there, or not this user's to remove
        pass


@functools.lru_cache(maxsize=1)
def grader_kernel_manager():
    """The kernel-manager class for autograde: it finds ``dlcourse-grader``, which Jupyter does not list."""
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_core.paths import jupyter_path
    from traitlets import default

    class GraderKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _grader_spec_manager(self):
            dirs = [str(d) for d in grader_kernel_dirs()] + jupyter_path("kernels")
            return KernelSpecManager(data_dir=self.data_dir, kernel_dirs=dirs)

    return GraderKernelManager


def stable_python():
    """This environment's Python by its real path.

    A course copy may reach the environment through a symlink (``copy/.venv -> course/.venv``);
    a kernelspec naming the copy's path would break for every course once that copy is deleted.
    """
    python = Path(os.path.realpath(sys.prefix)) / "bin" / Path(sys.executable).name
    return str(python) if python.is_file() else sys.executable


def _write_if_changed(target, text):
    if not target.is_file() or target.read_text() != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


@functools.lru_cache(maxsize=1)
def bubblewrap_works():
    """True if ``bwrap`` is installed and can make a sandbox with no network here."""
    if os.environ.get(ENV_SANDBOX, "1") == "0" or shutil.which("bwrap") is None:
        return False
    probe = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-net", "--die-with-parent", "true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def sandbox_status():
    """One line for instructors: what the grading kernel is confined by."""
    if bubblewrap_works():
        return "sandbox: bubblewrap (no network, course files hidden), memory and file-size limits"
    return ("sandbox: OFF (bubblewrap not found: `sudo apt install bubblewrap`); only memory and "
            "file-size limits apply, so submissions could read course files and use the network")


SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")


def _visible_paths():
    """What the kernel may read: the system, this Python and its packages, the course's data."""
    paths = [Path(p) for p in SYSTEM_PATHS]
    paths += [Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), Path(sys.executable).resolve().parent]
    paths += [REPO_ROOT / "dlhelpers", REPO_ROOT / "datasets"]
    for variable in DATA_VARIABLES:
        if os.environ.get(variable):
            paths.append(Path(os.environ[variable]).expanduser())
    paths.append(data_cache())
    return paths


def data_cache():
    """``pooch.os_cache("dlhelpers")``, without importing pooch (with h5py and numpy: half a second
    of CPU at every kernel start) into the launcher."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("dlhelpers"))


def bwrap_command(connection_file, workdir):
    """The bubblewrap command line that runs this module again, inside the sandbox.

    Only the paths of ``_visible_paths`` are there (read-only), plus the kernel's own folder
    (writable), its connection file and sockets, and an empty private ``/tmp``: no home folder, no
    course folder, no other submission, no network.
    """
    connection_file = Path(connection_file).resolve()
    info = json.loads(connection_file.read_text())
    command = ["bwrap", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
               "--unshare-net", "--unshare-ipc", "--die-with-parent", "--new-session"]
    if os.geteuid() == 0:
        command += ["--cap-drop", "ALL"]
    seen = set()
    for path in _visible_paths():
        if str(path) in seen or not os.path.lexists(path):
            continue
        seen.add(str(path))
        if path.is_symlink() and str(path) in SYSTEM_PATHS:
            command += ["--symlink", os.readlink(path), str(path)]
        else:
            command += ["--ro-bind", str(path.resolve()), str(path)]
    command += ["--bind", str(workdir), str(workdir)]
    command += ["--ro-bind", str(connection_file), str(connection_file)]
    if info.get("transport") == "ipc":
        sockets = Path(info["ip"]).resolve().parent
        command += ["--bind", str(sockets), str(sockets)]
    command += ["--setenv", ENV_INSIDE, "1", "--setenv", "HOME", "/tmp", "--setenv", "MPLCONFIGDIR", "/tmp",
                "--setenv", "IPYTHONDIR", "/tmp/.ipython", "--chdir", str(workdir)]
    if not os.environ.get("DLHELPERS_CACHE"):
        command += ["--setenv", "DLHELPERS_CACHE", str(data_cache())]
    return command + [sys.executable, "-m", "dlhelpers.grading.sandbox", "-f", str(connection_file)]


def set_limits():
    """Cap the kernel's memory and the files it writes."""
    megabytes = int(os.environ.get(ENV_MEMORY_MB, "4096"))
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024 * 1024, 256 * 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def start_kernel(connection_file):
    """Start an IPython kernel that restores the guarded modules before every cell."""
    from ipykernel.ipkernel import IPythonKernel
    from ipykernel.kernelapp import IPKernelApp

    from dlhelpers.grading import guard

    class GraderKernel(IPythonKernel):
        implementation = "dlcourse-grader"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            guard.snapshot(self.shell)

        async def do_execute(self, code, *args, **kwargs):
            guard.restore()
            return await super().do_execute(code, *args, **kwargs)

    IPKernelApp.launch_instance(argv=["-f", str(connection_file)], kernel_class=GraderKernel)


def die_with_parent():
    """Have the kernel (or the bwrap it becomes) killed when the process that launched it dies.

    bwrap's ``--die-with-parent`` ties the kernel to bwrap, not bwrap to its launcher: a Dask worker
    killed with SIGKILL left its kernel running under init. The signal survives the exec of bwrap.
    Linux sends it when the launching *thread* ends; jupyter_client launches kernels from its event
    loop's thread, which lives as long as the process.
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return  # best effort: the limits and the sandbox still hold
    if os.getppid() == 1:  # the launcher died before the call: nobody is waiting for this kernel
        sys.exit("the process that started this grading kernel has gone")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "-f":
        sys.exit("usage: python -m dlhelpers.grading.sandbox -f CONNECTION_FILE")
    connection_file = argv[1]
    for variable in BLAS_THREADS:  # before numpy loads: OpenBLAS reads them once
        os.environ.setdefault(variable, "1")
    if os.environ.get(ENV_INSIDE) != "1":  # the launcher's side, not the kernel inside bwrap
        die_with_parent()
        if bubblewrap_works():
            command = bwrap_command(connection_file, Path.cwd())
            os.execvp(command[0], command)
    set_limits()
    start_kernel(connection_file)


if __name__ == "__main__":
    main()
