"""nbgrader preprocessors of the course, wired in by ``nbgrader_config.py``.

- ``SafeExecute`` (autograde): a cell that hangs is interrupted; a kernel that ignores the
  interrupt, dies (``os._exit``, a crash, the memory limit) or floods its output is stopped, and every
  cell it did not run gets an error that says why, so its tests score 0 instead of leaving the
  submission "needs manual grading". Cells after the last test cell are not run
  (``dlhelpers.grading.graded_part``).
- ``RestoreGradedCells`` (autograde, after nbgrader's OverwriteCells): the nbgrader metadata of
  every known cell is put back from the gradebook (``grade``, ``solution``, ``locked``, ``points``), so
  a test cell cannot be turned into an ungraded one by editing its metadata.
- ``JudgeRecords`` (autograde, right after ``SafeExecute``): each test cell's records are judged
  against the reference solution's (``dlhelpers.grading.reference``), in this process; a cell
  whose verdict fails gets an error output saying why, so it scores 0. Records are then removed.
- ``FeedbackWithoutHiddenTests`` (generate_feedback): test cells show the student version of their
  code, and errors show their message only, never the hidden tests' code or traceback lines.
"""

import asyncio
import re
from pathlib import Path

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from nbgrader.preprocessors.execute import UnresponsiveKernelError
from traitlets import Integer, Unicode

from ..checks._core import not_implemented
from .graded_part import NOT_RUN_NOTE, last_test_cell
from .judge import judge_cell
from .records import parse_records, strip_records
from .reference import cache_folder, reference_records


class KernelStopped(Exception):
    """The kernel could not go on: it ignored an interrupt, died, or printed too much."""


def _error(ename, evalue):
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class SafeExecute(Execute):
    """nbgrader's Execute, with a policy for hung, dead and flooding kernels."""

    interrupt_grace = Integer(10, help="Seconds a kernel has to stop after an interrupt.").tag(config=True)
    max_output_bytes = Integer(1_000_000,
                               help="Output kept per cell; beyond it the kernel is stopped.").tag(config=True)

    def __init__(self, **kwargs):
        from .sandbox import grader_kernel_manager

        kwargs.setdefault("kernel_manager_class", grader_kernel_manager())  # finds the hidden grader kernel
        super().__init__(**kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._current_index = -1
        self._last_test_cell = last_test_cell(nb.cells)
        self._stop_reason = None
        self._output_bytes = {}
        try:
            return super().preprocess(nb, resources, km=km)
        except (DeadKernelError, KernelStopped, CellTimeoutError, UnresponsiveKernelError, RuntimeError) as error:
            reason = self._stop_reason or self._describe(error)
            self.log.warning("kernel stopped at cell %s: %s", self._current_index, reason)
            self._mark_unrun(nb, reason)
            return nb, resources

    @staticmethod
    def _describe(error):
        if isinstance(error, DeadKernelError):
            return ("the kernel died (the code exited the Python process, crashed, or went over "
                    "the memory limit)")
        return f"the kernel stopped responding ({type(error).__name__})"

    def _mark_unrun(self, nb, reason):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or index < self._current_index:
                continue
            outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "error"]
            if index == self._current_index:
                outputs.append(_error("KernelStopped", f"While this cell ran, {reason}."))
            else:
                outputs.append(_error("NotRun", f"This cell was not run: {reason} in an earlier cell."))
            cell.outputs = outputs

    def preprocess_cell(self, cell, resources, index):
        self._current_index = index
        if self._last_test_cell is not None and index > self._last_test_cell:
            if cell.cell_type == "code":
                first = not any(c.cell_type == "code" for c in self.nb.cells[self._last_test_cell + 1:index])
                cell.outputs = [new_output("stream", name="stdout", text=NOT_RUN_NOTE)] if first else []
                cell.execution_count = None
            return cell, self.resources
        return super().preprocess_cell(cell, resources, index)

    def _kill_kernel(self):
        """Kill the kernel process now (it is flooding us; a polite shutdown would wait)."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            process.kill()
        else:
            asyncio.ensure_future(_maybe_async(self.km.shutdown_kernel(now=True)))

    async def _async_handle_timeout(self, timeout, cell=None):
        """Interrupt; if the kernel does not answer within the grace period, stop it."""
        if self._stop_reason:
            raise KernelStopped(self._stop_reason)
        self.log.error("cell %s ran over %s s: interrupting", self._current_index, timeout)
        await asyncio.ensure_future(_maybe_async(self.km.interrupt_kernel()))
        try:
            reply = await asyncio.wait_for(_maybe_async(self.kc.shell_channel.get_msg(timeout=self.interrupt_grace)),
                                           self.interrupt_grace + 1)
        except Exception:
            self._stop_reason = (f"the cell ran for more than {timeout} s and ignored the interrupt "
                                 "(an endless loop that catches KeyboardInterrupt?)")
            raise KernelStopped(self._stop_reason) from None
        message = f"the cell ran for more than {timeout} s and was interrupted (an endless loop?)"
        reply["content"] = {"status": "error", "ename": "CellTimeoutError", "evalue": message,
                            "traceback": [f"CellTimeoutError: {message}"]}
        return reply

    def output(self, outs, msg, display_id, cell_index):
        size = len(str(msg.get("content", "")))
        total = self._output_bytes.get(cell_index, 0) + size
        self._output_bytes[cell_index] = total
        if total > self.max_output_bytes:
            if self._stop_reason is None:
                self._stop_reason = (f"the cell printed more than {self.max_output_bytes:,} bytes "
                                     "(an endless print loop?)")
                self._kill_kernel()
            return None
        return super().output(outs, msg, display_id, cell_index)


async def _maybe_async(value):
    if asyncio.iscoroutine(value) or isinstance(value, asyncio.Future):
        return await value
    return value


class RestoreGradedCells(NbGraderPreprocessor):
    """Put back the nbgrader metadata of every cell the gradebook knows."""

    def preprocess(self, nb, resources):
        self._db_url = resources["nbgrader"]["db_url"]
        self._notebook = resources["nbgrader"]["notebook"]
        self._assignment = resources["nbgrader"]["assignment"]
        with Gradebook(self._db_url) as gradebook:
            self._gradebook = gradebook
            for index, cell in enumerate(nb.cells):
                nb.cells[index], resources = self.preprocess_cell(cell, resources, index)
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            return cell, resources
        grade_id = meta.get("grade_id")
        try:
            source = self._gradebook.find_source_cell(grade_id, self._notebook, self._assignment)
        except MissingEntry:
            # A cell the course does not know (a renamed or invented grade_id): an ordinary cell.
            self.log.warning("cell %r is not in the gradebook: treated as an ordinary cell", grade_id)
            del cell.metadata["nbgrader"]
            return cell, resources
        try:
            graded = self._gradebook.find_graded_cell(grade_id, self._notebook, self._assignment)
        except MissingEntry:
            graded = None
        wanted = {"locked": bool(source.locked), "grade": graded is not None,
                  "solution": self._is_solution(grade_id)}
        if graded is not None:
            wanted["points"] = float(graded.max_score)
        for key, value in wanted.items():
            if meta.get(key) != value:
                self.log.warning("cell %s: restoring nbgrader metadata %s=%r (was %r)",
                                 grade_id, key, value, meta.get(key))
                meta[key] = value
        if meta.get("grade") and source.locked and cell.source != source.source:
            cell.source = source.source
        if cell.cell_type != source.cell_type:
            self.log.warning("cell %s: restoring its type %s (was %s)", grade_id, source.cell_type, cell.cell_type)
            cell.cell_type = source.cell_type
            if source.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            else:
                cell.pop("outputs", None)
                cell.pop("execution_count", None)
        return cell, resources

    def _is_solution(self, grade_id):
        try:
            self._gradebook.find_solution_cell(grade_id, self._notebook, self._assignment)
            return True
        except MissingEntry:
            return False


MAX_MESSAGES = 3  # per test cell: the first failures teach; twenty more repeat them


def function_hint(cell, grade_id):
    """The function a test cell tests, from its docstring (``\"\"\"propagate: ...``), else its grade_id."""
    match = re.match(r'\s*(?:"""|\'\'\')\s*([A-Za-z_][A-Za-z0-9_]*)\s*:', cell.source)
    return match.group(1) if match else grade_id.removesuffix("_tests")


class JudgeRecords(NbGraderPreprocessor):
    """Judge every test cell's records against the reference's; a failed verdict becomes an error."""

    source_root = Unicode("", help="Folder of the source notebooks (<assignment>/<name>.ipynb).").tag(config=True)
    cache_dir = Unicode("", help="Folder for the reference records (DLCOURSE_REFERENCE_CACHE overrides it)."
                        ).tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        source = Path(self.source_root) / info["assignment"] / f"{info['notebook']}.ipynb"
        expected = reference_records(source, cache_folder(self.cache_dir))
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            meta = cell.metadata.get("nbgrader", {})
            grade_id = meta.get("grade_id")
            if meta.get("grade"):
                self._judge(cell, grade_id, expected.get(grade_id, {}))
            cell.outputs = strip_records(cell.get("outputs", []))
        return nb, resources

    def _judge(self, cell, grade_id, expected):
        outputs = cell.get("outputs", [])
        hint = function_hint(cell, grade_id)
        errors = [o for o in outputs if o.get("output_type") == "error"]
        for error in errors:  # scores 0 already; make a bare stub's error say what it is
            if error.get("ename") == "NotImplementedError" and not error.get("evalue"):
                error["evalue"] = not_implemented(f"{hint} (or a function it calls)")
        if errors:
            return
        got, problems = parse_records(outputs)
        verdict = judge_cell(hint, expected, got, problems)
        if not verdict.passed:
            self.log.info("test cell %s failed its judgement: %s", grade_id, verdict.messages)
            shown = verdict.messages[:MAX_MESSAGES]
            if len(verdict.messages) > MAX_MESSAGES:
                shown.append(f"... and {len(verdict.messages) - MAX_MESSAGES} more hidden cases failed.")
            message = "\n".join(shown)
            cell.outputs = outputs + [new_output("error", ename="HiddenTestFailed", evalue=message,
                                                 traceback=[f"HiddenTestFailed: {message}"])]


class FeedbackWithoutHiddenTests(NbGraderPreprocessor):
    """Hide hidden tests and tracebacks in feedback; keep each error's message."""

    begin = "### BEGIN HIDDEN TESTS"
    end = "### END HIDDEN TESTS"

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            return cell, resources
        if self.begin in cell.source:
            pattern = re.escape(self.begin) + r".*?" + re.escape(self.end) + r"[^\n]*\n?"
            cell.source = re.sub(pattern, "# (hidden tests run here at grading)\n", cell.source, flags=re.S)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = output.get("evalue") or ""
                if not message:
                    message = "a hidden test failed on inputs of other shapes or values than the visible check's"
                output["traceback"] = [f"{output.get('ename', 'Error')}: {message}"]
        return cell, resources
