"""The grading kernel: a Python kernel with limits, started in a sandbox when bubblewrap is here.

nbgrader starts it through the kernelspec ``dlcourse-grader`` (see ``install_kernelspec``) as
``python -m dlhelpers.grading.sandbox -f CONNECTION_FILE``. Then:

1. With bubblewrap (``bwrap``, Debian package ``bubblewrap``), the kernel is re-started inside a
   sandbox: the file system read-only, the course's private folders (source notebooks, other
   submissions, feedback, the gradebook) replaced by empty ones, its own folder writable, a
   private ``/tmp``, and no network at all (the kernel talks to nbgrader over unix sockets).
2. Resource limits: address space (``DLCOURSE_KERNEL_MEMORY_MB``, default 4096), size of files
   written (256 MB), no core dumps.
3. A kernel that restores the guarded modules before each cell (``dlhelpers.grading.guard``).
"""

import functools
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

KERNEL_NAME = "dlcourse-grader"
ENV_COURSE_ROOT = "DLCOURSE_COURSE_ROOT"
ENV_MEMORY_MB = "DLCOURSE_KERNEL_MEMORY_MB"
ENV_SANDBOX = "DLCOURSE_SANDBOX"  # "0" turns the bubblewrap sandbox off
ENV_INSIDE = "DLCOURSE_INSIDE_SANDBOX"
PRIVATE_FOLDERS = ("notebooks", "source", "submitted", "autograded", "feedback", "exchange", "release", ".ipc-private")
PRIVATE_FILES = ("gradebook.db", "gradebook.db-journal", "grades.csv", "nbgrader_config.py")
REPO_ROOT = Path(__file__).resolve().parents[2]


def install_kernelspec(prefix=None):
    """Write the ``dlcourse-grader`` kernelspec into this environment; return its folder."""
    folder = Path(prefix or sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    spec = {
        "argv": [sys.executable, "-m", "dlhelpers.grading.sandbox", "-f", "{connection_file}"],
        "display_name": "Python 3 (course grader)",
        "language": "python",
        "metadata": {"debugger": False},
    }
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "kernel.json"
    text = json.dumps(spec, indent=1)
    if not target.is_file() or target.read_text() != text:
        target.write_text(text)
    return folder


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


def _hidden_paths(course_root):
    roots = {Path(course_root).resolve()} if course_root else set()
    roots.add(REPO_ROOT)
    folders, files = [], []
    for root in roots:
        folders += [root / name for name in PRIVATE_FOLDERS if (root / name).is_dir()]
        files += [root / name for name in PRIVATE_FILES if (root / name).is_file()]
    return folders, files


def bwrap_command(connection_file, workdir, course_root):
    """The bubblewrap command line that runs this module again, inside the sandbox."""
    connection_file = Path(connection_file).resolve()
    info = json.loads(connection_file.read_text())
    command = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
               "--unshare-net", "--unshare-ipc", "--die-with-parent", "--new-session"]
    if os.geteuid() == 0:
        command += ["--cap-drop", "ALL"]
    folders, files = _hidden_paths(course_root)
    for folder in folders:
        command += ["--tmpfs", str(folder)]
    for file in files:
        command += ["--ro-bind", "/dev/null", str(file)]
    command += ["--bind", str(workdir), str(workdir)]
    command += ["--ro-bind", str(connection_file), str(connection_file)]
    if info.get("transport") == "ipc":
        sockets = Path(info["ip"]).resolve().parent
        command += ["--bind", str(sockets), str(sockets)]
    command += ["--setenv", ENV_INSIDE, "1", "--setenv", "HOME", "/tmp", "--setenv", "MPLCONFIGDIR", "/tmp",
                "--setenv", "IPYTHONDIR", "/tmp/.ipython", "--chdir", str(workdir)]
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


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "-f":
        sys.exit("usage: python -m dlhelpers.grading.sandbox -f CONNECTION_FILE")
    connection_file = argv[1]
    if os.environ.get(ENV_INSIDE) != "1" and bubblewrap_works():
        command = bwrap_command(connection_file, Path.cwd(), os.environ.get(ENV_COURSE_ROOT))
        os.execvp(command[0], command)
    set_limits()
    start_kernel(connection_file)


if __name__ == "__main__":
    main()
