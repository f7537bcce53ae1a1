"""How a failed check or an unfinished exercise looks in a notebook: a teacher's note, not a crash.

IPython shows ``exception._render_traceback_()`` (a list of lines) instead of the traceback when an
exception has one. A ``CheckError`` renders as its message alone. A bug in the student's own function,
met while a check calls it, keeps the student's frames and loses the course's (``dlhelpers``) and
IPython's. A bare ``NotImplementedError`` from a stub names the function to write, and a name not
defined in a cell says to run the cells above.
"""

import contextlib
import sys
import types
from pathlib import Path

RED, RESET = "\x1b[0;31m", "\x1b[0m"
_INTERNAL = (str(Path(__file__).resolve().parents[1]),)  # the dlhelpers package


def note(name, message):
    """The lines of a short error: ``name: message``, the likely cause on a line of its own.

    Returns
    -------
    list of str
        For IPython's ``_render_traceback_``; the first line is what is wrong.
    """
    first, cause = message, ""
    if " Likely cause: " in message:
        first, cause = message.split(" Likely cause: ", 1)
    lines = [f"{RED}{name}{RESET}: {first}"]
    if cause:
        lines.append(f"Likely cause: {cause}")
    return lines


def _is_internal(frame):
    filename = frame.f_code.co_filename
    if filename.startswith(_INTERNAL):
        return True
    ipython = sys.modules.get("IPython")
    return ipython is not None and filename.startswith(str(Path(ipython.__file__).parent))


def student_frames(traceback):
    """A copy of ``traceback`` without the frames of ``dlhelpers`` and IPython (None if none is left)."""
    kept = []
    while traceback is not None:
        if not _is_internal(traceback.tb_frame):
            kept.append(traceback)
        traceback = traceback.tb_next
    pruned = None
    for entry in reversed(kept):
        pruned = types.TracebackType(pruned, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return pruned


def _shell():
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def student_traceback(error):
    """The traceback of ``error`` as IPython would show it, with the student's frames only."""
    pruned = student_frames(error.__traceback__)
    shell = _shell()
    if shell is None:
        import traceback

        return traceback.format_exception(type(error), error, pruned)
    return shell.InteractiveTB.structured_traceback(type(error), error, pruned, tb_offset=0)


def keep_student_frames(error):
    """Make IPython show ``error`` with the student's frames only; return it."""
    with contextlib.suppress(AttributeError):  # a type without instance attributes: shown as usual
        error._render_traceback_ = lambda: student_traceback(error)
    return error


def raiser(traceback):
    """The name of the function in which an exception was raised (its innermost frame)."""
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    name = traceback.tb_frame.f_code.co_name
    return "this exercise" if name.startswith("<") else name


NOT_RUN_HINT = ("Run the cell that defines it first (Run > Run All Above Selected Cell); if that cell "
                "stops with an error, mend that one first.")


def _note_for_students(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for NotImplementedError and NameError, which mean "not written" or "not run".

    A bare NotImplementedError from a stub names what to write. A NameError in a cell itself (not in
    a function) most often means a cell above was not run: the traceback gets a line that says so.
    IPython ignores what a handler returns, so it shows the error itself, through ``showtraceback``
    (which makes it the cell's error output, as for any other error).
    """
    from ._core import not_implemented

    if issubclass(etype, NotImplementedError) and not str(value):
        name = raiser(tb)
        message = (not_implemented(name) if name != "this exercise" else "this exercise is not done yet: "
                   "replace `raise NotImplementedError()` in this cell with your code.")
        value.args = (message,)  # the error's text as well: course.py check and Validate read it
        value._render_traceback_ = lambda: note(etype.__name__, message)
    elif issubclass(etype, NameError) and raiser(tb) == "this exercise":
        shown = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        value._render_traceback_ = lambda: [*shown, NOT_RUN_HINT]
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)


def install(shell=None):
    """In IPython, name an unfinished exercise and hint at a cell not run (``_note_for_students``).

    Called when ``dlhelpers.checks`` is imported; outside IPython it does nothing.
    """
    shell = shell or _shell()
    if shell is not None and hasattr(shell, "set_custom_exc") and not shell.custom_exceptions:
        shell.set_custom_exc((NotImplementedError, NameError), _note_for_students)
