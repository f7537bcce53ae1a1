"""Student-facing checks.

One module per notebook (``dlhelpers.checks.logistic_regression``, ...) with a ``check_<exercise>``
function for each graded exercise, built from the helpers exported here. A failed check raises
``CheckError`` (an AssertionError) whose message says what was expected, what came back and the
likely mistake. Checks hold known answers for fixed inputs, never the solution code.

In a notebook a failure reads as a short note (``_display``): the check's message without the
course's traceback, the student's own frames kept for a bug in their code, and an unfinished
exercise's bare ``NotImplementedError`` named ("sigmoid is not implemented yet: ..."). Importing
this package in IPython installs the last.
"""

from ._core import (
    CheckError,
    as_array,
    describe,
    expect_array,
    expect_close,
    expect_keys,
    expect_labels,
    expect_scalar,
    explain_stubs,
    fail,
    is_close,
    not_implemented,
    shape_hint,
    sign_and_scale_mistakes,
)
from ._display import install as _install_stub_messages

__all__ = [
    "CheckError",
    "as_array",
    "describe",
    "expect_array",
    "expect_close",
    "expect_keys",
    "expect_labels",
    "expect_scalar",
    "explain_stubs",
    "fail",
    "is_close",
    "not_implemented",
    "shape_hint",
    "sign_and_scale_mistakes",
]

_install_stub_messages()
