"""Undo what a submission changed in the modules the tests rely on, before each cell runs.

The grading kernel takes a snapshot of numpy, math, builtins, the ``dlhelpers`` checks and
IPython's cell machinery when it starts, before any student code; ``restore`` puts every
replaced attribute back. So ``np.allclose = lambda *a, **k: True`` in an answer cell, a replaced
``builtins.isinstance``, a patched check, or an input transformer that rewrites test cells, is
gone again when the next cell runs.

It keeps the visible checks' messages meaningful after generic tampering; it is not what grading
relies on. The verdict is reached outside the kernel, by judging the probes' records against the
reference solution's (``dlhelpers.grading.judge``); code written against this module can defeat it,
and gains nothing by doing so (see the README's "What grading protects against").
"""

import importlib
import sys

GUARDED_MODULES = (
    "builtins", "math", "operator", "numbers", "numpy", "numpy.linalg", "numpy.random",
    "numpy.testing", "dlhelpers.checks", "dlhelpers.checks._core", "dlhelpers.gradcheck",
    "dlhelpers.grading.records",
)
IPYTHON_METHODS = ("run_cell", "run_cell_async", "run_ast_nodes", "run_code", "transform_cell",
                   "showtraceback", "showsyntaxerror", "_showtraceback")

_modules = {}
_ipython = {}


def snapshot(shell=None):
    """Remember the guarded modules (every ``dlhelpers.checks.*`` too) and the shell's hooks."""
    import dlhelpers.checks

    for name in GUARDED_MODULES:
        importlib.import_module(name)
    package = dlhelpers.checks.__path__
    import pkgutil

    for info in pkgutil.iter_modules(package, "dlhelpers.checks."):
        importlib.import_module(info.name)
    for name, module in list(sys.modules.items()):
        if name in GUARDED_MODULES or name.startswith("dlhelpers."):
            _modules[name] = (module, dict(vars(module)))
    if shell is not None:
        _ipython["shell"] = shell
        _ipython["lists"] = {
            attr: list(getattr(shell, attr))
            for attr in ("input_transformers_cleanup", "input_transformers_post", "ast_transformers")
        }
        _ipython["callbacks"] = {event: list(funcs) for event, funcs in shell.events.callbacks.items()}
        _ipython["hooks"] = dict(vars(shell.hooks)) if hasattr(shell, "hooks") else {}
        _ipython["kernel_class_methods"] = type(shell.kernel).__dict__.copy() if getattr(shell, "kernel", None) else {}


def restore():
    """Put back every guarded module, attribute and shell hook; return the names that had changed."""
    changed = []
    for name, (module, saved) in _modules.items():
        if sys.modules.get(name) is not module:
            sys.modules[name] = module
            changed.append(name)
        current = vars(module)
        for key, value in saved.items():
            if current.get(key, _MISSING) is not value:
                try:
                    setattr(module, key, value)
                except (AttributeError, TypeError):
                    current[key] = value
                changed.append(f"{name}.{key}")
    shell = _ipython.get("shell")
    if shell is not None:
        for attr, saved in _ipython["lists"].items():
            current = getattr(shell, attr)
            if current != saved:
                current[:] = saved
                changed.append(f"shell.{attr}")
        for method in IPYTHON_METHODS:
            if method in vars(shell):
                delattr(shell, method)
                changed.append(f"shell.{method}")
        for event, funcs in _ipython["callbacks"].items():
            if shell.events.callbacks.get(event) != funcs:
                shell.events.callbacks[event] = list(funcs)
                changed.append(f"shell.events.{event}")
        kernel = getattr(shell, "kernel", None)
        if kernel is not None:
            for method in ("do_execute", "execute_request"):
                if method in vars(kernel):
                    delattr(kernel, method)
                    changed.append(f"kernel.{method}")
    return changed


_MISSING = object()
