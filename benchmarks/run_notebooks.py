"""Benchmark: seconds to execute each source notebook (full version), then the training loops.

Run from the repository: .venv/bin/python benchmarks/run_notebooks.py [assignment ...]
The photos must be findable (DLHELPERS_DATA, datasets/ or a download).
"""

import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dlhelpers.grading.pipeline import assignments, source_notebooks  # noqa: E402


def execute_seconds(path):
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(notebook, timeout=1800, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main(only):
    print("notebook                                   seconds")
    for assignment in only or assignments(ROOT):
        for path in source_notebooks(ROOT, assignment):
            print(f"{assignment + '/' + path.name:<42} {execute_seconds(path):7.1f}", flush=True)
    for script in sorted(Path(__file__).parent.glob("*_training.py")):
        print(f"\n{script.name}:", flush=True)
        subprocess.run([sys.executable, str(script)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
