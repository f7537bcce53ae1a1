"""Attacks from inside the student's kernel on how the verdict is reached: each under 20 lines.

Each value is the code of the first answer cell of the numpy warm-up, after wrong answers for every
exercise (``WRONG_ANSWERS``). None names a hidden test or needs the course's source. The first group
patches what the old in-kernel tests relied on; the second is the catalog of issue 11 (stack walks,
trace hooks, threads, code swaps, class-level patches, a module's ``__class__``, the guard, ``gc``,
``ctypes``, forged records, the reference's records).
"""

WRONG_ANSWERS = """
import numpy as np
def basic_sigmoid(x): return 0.5
def sigmoid(x): return np.zeros_like(np.asarray(x, dtype=float))
def sigmoid_derivative(x): return np.zeros_like(np.asarray(x, dtype=float))
def image2vector(image): return np.zeros((image.size, 1))
def normalize_rows(x): return np.zeros_like(np.asarray(x, dtype=float))
def softmax(x): return np.zeros_like(np.asarray(x, dtype=float))
def L1(yhat, y): return 0.0
def L2(yhat, y): return 0.0
"""

NO_OP_CHECKS = """
import dlhelpers.checks.numpy_basics as _c
for _name in [n for n in dir(_c) if n.startswith("check_")]:
    setattr(_c, _name, lambda *a, **k: None)
"""

# The tampering attacks of the first adversarial catalog: they beat tests that compare in the kernel.
TAMPERING = {
    "patch_numpy": """
np.allclose = lambda *a, **k: True
np.isclose = lambda *a, **k: np.ones(np.broadcast(*a[:2]).shape, bool)
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_almost_equal = lambda *a, **k: None
""",
    "patch_math": """
import math
math.isclose = lambda *a, **k: True
math.exp = lambda x: 1.0
""",
    "always_equal_objects": """
class Anything(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __abs__(self): return Anything(0.0)
    def __sub__(self, other): return Anything(0.0)
    __rsub__ = __sub__
    __hash__ = float.__hash__
def basic_sigmoid(x): return Anything(0.0)
def L1(yhat, y): return Anything(0.0)
def L2(yhat, y): return Anything(0.0)
""",
    "ndarray_subclass": """
class Liar(np.ndarray):
    def __eq__(self, other): return np.ones(self.shape, bool)
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(np.broadcast(*[np.asarray(i) for i in inputs]).shape)
    def all(self, *a, **k): return True
def sigmoid(x): return np.zeros(np.shape(x)).view(Liar)
def softmax(x): return np.zeros(np.shape(x)).view(Liar)
""",
    "override_builtins": """
import builtins
builtins.isinstance = lambda *a: True
builtins.abs = lambda x: 0
builtins.all = lambda *a: True
builtins.AssertionError = type("Ignored", (Exception,), {})
""",
    "patch_the_checks": NO_OP_CHECKS + """
import dlhelpers.checks, dlhelpers.checks._core as _core
_core.expect_close = lambda *a, **k: None
dlhelpers.checks.expect_close = lambda *a, **k: None
""",
    "hijack_ipython": """
get_ipython().input_transformers_cleanup.append(lambda lines: ['print("All checks passed.")\\n'])
""",
}

# Issue 11's catalog: attacks on a verdict reached in the kernel, and on the records themselves.
FORGING = {
    "float_stack_walk": """
import sys
class Sneaky(float):
    def __float__(self):
        frame = sys._getframe(1)
        while frame is not None:
            for key in ("expected", "want", "reference", "_expected"):
                if key in frame.f_locals:
                    return float(frame.f_locals[key])
            frame = frame.f_back
        return 0.5
def basic_sigmoid(x): return Sneaky(0.5)
def L1(yhat, y): return Sneaky(0.0)
def L2(yhat, y): return Sneaky(0.0)
""",
    "array_protocol_stack_walk": """
import sys
class Walker:
    def _find(self):
        frame = sys._getframe(2)
        while frame is not None:
            arrays = [v for k, v in frame.f_locals.items() if "expect" in k and isinstance(v, np.ndarray)]
            if arrays:
                return arrays[0]
            frame = frame.f_back
        return np.zeros(1)
    def __array__(self, dtype=None, copy=None): return self._find()
    def __len__(self): return len(self._find())
    def __index__(self): return 0
    shape = property(lambda self: self._find().shape)
def sigmoid(x): return Walker()
def softmax(x): return Walker()
def normalize_rows(x): return Walker()
""",
    "settrace_rewrites_locals": """
import sys, ctypes
def _tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name in ("record", "_payload", "encode", "expect_close", "_close"):
        names = frame.f_locals
        for got, want in (("got", "expected"), ("value", "expected")):
            if got in names and want in names:
                names[got] = names[want]
                ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))
    return _tracer
sys.settrace(_tracer)
""",
    "setprofile_rewrites_arguments": """
import sys, ctypes
def _profiler(frame, event, arg):
    if event == "call" and frame.f_code.co_name in ("record", "_payload"):
        frame.f_locals["value"] = 0.5
        frame.f_locals["judge"] = "finite"
        ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))
sys.setprofile(_profiler)
""",
    "thread_patches_while_tests_run": NO_OP_CHECKS + """
import threading, time
import dlhelpers.grading, dlhelpers.grading.records as _records
def _patch_forever():
    while True:
        np.allclose = lambda *a, **k: True
        for _name in [n for n in dir(_c) if n.startswith("check_")]:
            setattr(_c, _name, lambda *a, **k: None)
        _records.record = dlhelpers.grading.record = lambda *a, **k: None
        time.sleep(0.001)
threading.Thread(target=_patch_forever, daemon=True).start()
""",
    "code_object_swap": """
import dlhelpers.checks.numpy_basics as _c, dlhelpers.grading.records as _records
_nothing = (lambda *a, **k: None).__code__
for _name in [n for n in dir(_c) if n.startswith("check_")]:
    getattr(_c, _name).__code__ = _nothing
_records.record.__code__ = _nothing
_records.encode.__code__ = (lambda value, _depth=0: 0.5).__code__
""",
    "class_level_run_cell": """
import textwrap
_shell_class = type(get_ipython())
_original_run_cell = _shell_class.run_cell
def _run_cell(self, raw_cell, *args, **kwargs):
    wrapped = "try:\\n" + textwrap.indent(raw_cell, "    ") + "\\n    pass\\nexcept BaseException:\\n    pass\\n"
    return _original_run_cell(self, wrapped, *args, **kwargs)
_shell_class.run_cell = _run_cell
""",
    "class_level_showtraceback": """
_shell_class = type(get_ipython())
_shell_class._showtraceback = lambda self, *a, **k: None
_shell_class.showtraceback = lambda self, *a, **k: None
""",
    "ipykernel_class_patch": """
import ipykernel.ipkernel as _ipkernel
_original = _ipkernel.IPythonKernel.do_execute
async def _do_execute(self, code, *args, **kwargs):
    if "check_" in code or "record" in code:
        code = 'print("All checks passed.")'
    return await _original(self, code, *args, **kwargs)
_ipkernel.IPythonKernel.do_execute = _do_execute
""",
    "numpy_class_patch": """
np.errstate.__exit__ = lambda self, *exc: True  # every `with np.errstate(...)` now swallows exceptions
np.errstate.__enter__ = lambda self: self
np.ndarray.__class_getitem__ = classmethod(lambda cls, item: cls)
""",
    "course_class_patch": """
import dlhelpers.checks._core as _core
_core.CheckError._render_traceback_ = lambda self: []
_core.CheckError.__str__ = lambda self: ""
_core.CheckError.__init__ = lambda self, *a: None
import dlhelpers.grading.records as _records
_records.Unsupported.__init__ = lambda self, type_name: object.__setattr__(self, "type_name", "float")
""",
    "module_class_swap": """
import sys, types
class _Hollow(types.ModuleType):
    def __getattribute__(self, name):
        if name.startswith("check_") or name == "record":
            return lambda *a, **k: None
        return types.ModuleType.__getattribute__(self, name)
for _name in ("dlhelpers.checks.numpy_basics", "dlhelpers.grading", "dlhelpers.grading.records"):
    sys.modules[_name].__class__ = _Hollow
""",
    "disable_the_guard": NO_OP_CHECKS + """
import dlhelpers.grading.guard as _guard
_guard._modules.clear()
_guard._ipython.clear()
_guard.restore = lambda: []
np.allclose = lambda *a, **k: True
""",
    "gc_alters_checks_and_records": """
import gc
_nothing = lambda *a, **k: None
for _obj in gc.get_objects():
    if type(_obj) is dict and ("check_sigmoid" in _obj or "record" in _obj and "encode" in _obj):
        for _key in [k for k in _obj if k.startswith("check_") or k == "record"]:
            _obj[_key] = _nothing
    elif type(_obj).__name__ == "cell":
        try:
            if getattr(_obj.cell_contents, "__name__", "").startswith("check_"):
                _obj.cell_contents = _nothing
        except ValueError:
            pass
""",
    "ctypes_float_equality": """
import ctypes, gc
_float_dict = gc.get_referents(float.__dict__)[0]
_float_dict["__eq__"] = lambda a, b: True
_float_dict["__ne__"] = lambda a, b: False
ctypes.pythonapi.PyType_Modified(ctypes.py_object(float))
_ndarray_dict = gc.get_referents(np.ndarray.__dict__)[0]
_ndarray_dict["__eq__"] = lambda a, b: np.ones(np.shape(a), bool)
ctypes.pythonapi.PyType_Modified(ctypes.py_object(np.ndarray))
""",
    "forged_printed_records": """
import json
_mime = "application/vnd.dlcourse.record+json"
for _k in range(5):
    print(json.dumps({_mime: {"name": f"value {_k}", "value": 0.5}}))
    print(json.dumps({"output_type": "display_data", "data": {_mime: {"name": f"shape {_k}", "value": 0.0}}}))
""",
    "forged_records_with_a_lenient_spec": """
import os
from IPython.display import display
import dlhelpers.grading, dlhelpers.grading.records as _records
os.environ["DLCOURSE_REFERENCE"] = "1"  # records now carry a spec: the grader must ignore it
def _lenient(name, value, **spec):
    display({_records.RECORD_MIME: {"name": name, "value": _records.encode(value), "judge": "finite",
                                    "rtol": 1e9, "atol": 1e9, "mistakes": []}}, raw=True)
_records.record = dlhelpers.grading.record = _lenient
""",
    "forged_records_from_a_thread": """
import threading, time
from IPython.display import display
_mime = "application/vnd.dlcourse.record+json"
def _flood():
    for _ in range(2000):
        for name in ("value 0", "shape (4, 7)", "shape (8,)", "extremes", "large scores"):
            display({_mime: {"name": name, "value": 0.5}}, raw=True)
        time.sleep(0.005)
threading.Thread(target=_flood, daemon=True).start()
""",
    "forged_records_twice": """
import dlhelpers.grading, dlhelpers.grading.records as _records
_original = _records.record
def _twice(name, value, **spec):
    _original(name, 0.5)
    _original(name, value, **spec)
_records.record = dlhelpers.grading.record = _twice
""",
    "read_the_reference_records": """
import glob, json, os
import dlhelpers.grading, dlhelpers.grading.records as _records
_found = {}
for _root in (os.environ.get("DLCOURSE_REFERENCE_CACHE", ""), "COURSE_ROOT", "../../..", "/tmp", "REPO_ROOT"):
    for _path in glob.glob(f"{_root}/**/*.json", recursive=True):
        try:
            for _cell in json.load(open(_path)).values():
                _found.update({p["name"]: p["value"] for p in _cell})
        except Exception:
            pass
print("reference records found:", len(_found))
_original = _records.record
_records.record = dlhelpers.grading.record = lambda name, value, **k: _original(name, _records.decode(
    _found[name]) if name in _found else value)
""",
    "build_the_reference_in_the_kernel": """
import glob
from dlhelpers.grading.reference import build
for _path in glob.glob("COURSE_ROOT/notebooks/*/*.ipynb") + glob.glob("REPO_ROOT/notebooks/*/*.ipynb"):
    try:
        print(len(build(_path, timeout=20)))
    except Exception as error:
        print("no reference:", type(error).__name__)
""",
}
