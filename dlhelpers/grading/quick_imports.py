"""Imports the grader's processes skip: seconds of CPU at every start, for nothing they use.

``jsonschema``, which ``nbformat`` imports, also imports ``rfc3987-syntax`` when it is installed
(JupyterLab's ``jupyter-events`` pulls it in) to check the ``"iri"`` string format. Building that
package's Earley grammar takes 2–3 s of CPU at import, in every process: each ``course.py``
command, each grading worker, each test. Nothing here checks string formats (nbformat validates
notebooks without a format checker), so these processes go without it; jsonschema treats it as
not installed.
"""

import sys

SKIPPED = ("rfc3987_syntax",)


def skip_slow_optional_imports():
    """Mark the modules of ``SKIPPED`` unavailable, unless one is already imported."""
    for name in SKIPPED:
        sys.modules.setdefault(name, None)  # None in sys.modules: ``import name`` raises ImportError
