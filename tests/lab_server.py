"""A real JupyterLab started as ``course.py lab`` (or ``instructor``) starts it, on 127.0.0.1, for tests."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

TOKEN = "course-test-token"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """A running lab: ``url``, ``get(path)`` -> (status, text), ``page_config()``, ``log()``."""

    def __init__(self, process, port, log_path):
        self.process, self.port, self.log_path = process, port, log_path
        self.url = f"http://127.0.0.1:{port}"

    def get(self, path):
        request = urllib.request.Request(f"{self.url}{path}", headers={"Authorization": f"token {TOKEN}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status, reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:  # not listening yet
            return 0, ""

    def page_config(self):
        """The configuration JupyterLab's page is served with (its disabled plugins among it)."""
        _, page = self.get("/lab")
        found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
        return json.loads(found.group(1))

    def log(self):
        return self.log_path.read_text()


@contextlib.contextmanager
def running_lab(root, command, log_path, env=None, timeout=120):
    """Start ``python -m dlhelpers.grading.cli COMMAND`` for the course at ``root``; stop it at the end."""
    port = free_port()
    env = dict(env or os.environ, DLCOURSE_ROOT=str(root))
    options = ["--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={TOKEN}", "--ServerApp.ip=127.0.0.1"]
    if os.geteuid() == 0:
        options.append("--allow-root")
    with log_path.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "dlhelpers.grading.cli", command, *options],
                                   cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    lab = Lab(process, port, log_path)
    try:
        deadline = time.monotonic() + timeout
        while lab.get("/api/status")[0] != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not start:\n{lab.log()[-3000:]}")
            time.sleep(0.3)
        yield lab
    finally:
        stop(process)


def stop(process):
    """Stop JupyterLab as Ctrl-C twice does (it saves nothing itself; the browser saved), then wait."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
