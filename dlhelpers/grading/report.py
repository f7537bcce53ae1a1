"""The class report after grading one assignment: result dicts in, a summary, report.html and report.csv out.

A result is the plain data the grading engine writes for one student (format ``dlcourse-class-result-1``).
Student code controls the messages, so every string taken from a result is HTML-escaped in the report.
"""

import base64
import csv
import html
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

STOPPED = ("KernelStopped", "NotRun", "CellTimeoutError")
CSV_COLUMNS = ("student", "notebook", "exercise", "score", "max_score", "passed", "error", "likely_cause",
               "message_first_line")
_CAUSE = re.compile(r"Likely cause: ([^\n]*?)(?:\.(?=\s|$)|$)", re.MULTILINE)  # "1/m." ends, "0.01" does not
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_CSS = ("body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
        "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;"
        "text-align:left;vertical-align:top}th{background:#f3f3f3}img{max-width:100%}")


@dataclass
class Mistake:
    """A named mistake in one exercise, with the sorted ids of the students whose messages name it."""

    exercise: str
    notebook: str
    cause: str
    students: list = field(default_factory=list)


@dataclass
class ExerciseStats:
    """How the students graded on one exercise did; ``distribution`` is ``[(score, students), ...]`` by score."""

    notebook: str
    exercise: str
    max_score: float
    mean_score: float
    pass_rate: float  # the fraction, in [0, 1], with score == max_score
    students: int
    distribution: list


def likely_causes(message):
    """The distinct causes named in a message, in order.

    Parameters
    ----------
    message : str
        One finding a line; a cause runs from "Likely cause: " to a period before a space or the end
        of the line, so "1/m" and "0.01" stay whole.
    """
    causes = (match.group(1).strip() for match in _CAUSE.finditer(message or ""))
    return list(dict.fromkeys(cause for cause in causes if cause))


def _first_line(text):
    return (text or "").strip().split("\n", 1)[0].strip()


def _passed(item):
    return item["score"] >= item["max_score"]


def _labels(item):
    """What went wrong in one exercise: the causes its message names, else a label made from its error."""
    error = item.get("error", "")
    causes = likely_causes(item.get("message", "")) if error else []
    if not error or causes:
        return causes
    if error == "NotImplementedError":
        return ["not implemented yet"]
    if error in STOPPED:
        return ["stopped: crashed or timed out"]
    label = f"{error}: {_NUMBER.sub('#', _first_line(item.get('message')))}".rstrip(": ")
    return [label if len(label) <= 100 else label[:99] + "…"]


def _order(results):
    """``{(notebook, exercise): position}`` in the order the exercises first appear in the results."""
    order = {}
    for result in results:
        for item in result.get("exercises", []):
            order.setdefault((item["notebook"], item["exercise"]), len(order))
    return order


def named_mistakes(results):
    """The mistakes of the class, counting a student once per (exercise, cause).

    Parameters
    ----------
    results : list of dict
        One result per student.

    Returns
    -------
    list of Mistake
        Most students first, then in exercise order, then by cause. An error without a named cause is
        grouped by a label made from it ("not implemented yet", "NameError: name 'np' ...").
    """
    who = {}
    for result in results:
        for item in result.get("exercises", []):
            for cause in _labels(item):
                who.setdefault((item["notebook"], item["exercise"], cause), set()).add(result["student"])
    order = _order(results)
    mistakes = [Mistake(exercise, notebook, cause, sorted(students))
                for (notebook, exercise, cause), students in who.items()]
    return sorted(mistakes, key=lambda m: (-len(m.students), order[m.notebook, m.exercise], m.cause))


def exercise_stats(results):
    """How the class did on each exercise, as a list of ExerciseStats in notebook order.

    Only students with a graded cell for the exercise count; unreadable and failed submissions are reported apart.
    """
    rows = {key: [] for key in _order(results)}
    for result in results:
        for item in result.get("exercises", []):
            rows[item["notebook"], item["exercise"]].append(item)
    return [ExerciseStats(notebook, exercise, max(item["max_score"] for item in items),
                          sum(item["score"] for item in items) / len(items),
                          sum(map(_passed, items)) / len(items), len(items),
                          sorted(Counter(float(item["score"]) for item in items).items()))
            for (notebook, exercise), items in rows.items()]


def _troubles(results):
    """``(student, status, reason)`` of every submission that was stopped, unreadable or failed."""
    rows = []
    for result in results:
        stopped = [item for item in result.get("exercises", []) if item.get("error") in STOPPED]
        if result["status"] != "graded" or stopped or result.get("reason"):
            reason = result.get("reason") or (_first_line(stopped[0].get("message")) if stopped else "")
            rows.append((result["student"], "stopped" if stopped else result["status"], reason or "no reason given"))
    return sorted(rows)


def _slowest(results, n):
    return sorted(results, key=lambda r: (-r.get("seconds", 0.0), r["student"]))[:n]


def _duration(seconds):
    if seconds < 60:
        return f"{seconds:.1f} s"
    if seconds < 3600:
        return f"{int(seconds // 60)} min {seconds % 60:02.0f} s"
    return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60):02d} min"


def _plural(n, word):
    return f"{n} {word}{'s' * (n != 1)}"


def _means(results):
    """(mean total score, the assignment's max score)."""
    return (sum(r.get("score", 0.0) for r in results) / len(results),
            max(r.get("max_score", 0.0) for r in results))


def _text_table(header, rows, align):
    """Plain-text lines with aligned columns; ``align`` holds one of ``<`` or ``>`` per column."""
    rows = [header, *rows]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    return ["  ".join(f"{str(cell):{a}{w}}" for cell, a, w in zip(row, align, widths)).rstrip() for row in rows]


def summary(results, seconds):
    """The short text a terminal prints after grading a class, with aligned columns.

    Parameters
    ----------
    results : list of dict
        One result per student.
    seconds : float
        Wall-clock time the grading took.

    Returns
    -------
    str
        Students, mean score, pass rate per exercise, the 3 slowest submissions, and each submission
        that was stopped, unreadable or failed, with its reason.
    """
    if not results:
        return f"No submissions to report: the class is empty (grading took {_duration(seconds)})."
    mean, top = _means(results)
    lines = [f"{results[0].get('assignment', '')}: {_plural(len(results), 'student')} graded in {_duration(seconds)}",
             f"mean score {mean:.1f} of {top:g}"]
    stats = exercise_stats(results)
    if stats:
        lines += ["", *_text_table(("exercise", "passed", "mean", "of"), [
            (s.exercise, f"{s.pass_rate:.0%}", f"{s.mean_score:.2f}", f"{s.max_score:g}") for s in stats], "<>>>")]
    lines += ["", "slowest submissions", *_text_table(("student", "seconds"), [
        (r["student"], f"{r.get('seconds', 0.0):.1f}") for r in _slowest(results, 3)], "<>")]
    troubles = _troubles(results)
    lines += ["", f"stopped, unreadable or failed: {len(troubles)}"]
    if troubles:
        lines += _text_table(("student", "status", "reason"), troubles, "<<<")
    return "\n".join(lines)


def _img(fig, alt):
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def _histogram(results):
    totals, (_, top) = [r.get("score", 0.0) for r in results], _means(results)
    fig = Figure(figsize=(6, 3))
    ax = fig.add_subplot()
    high = math.ceil(max(top, *totals, 1.0))  # one bar per point up to 20 points, else 20 bars
    bins = np.arange(high + 2) - 0.5 if high <= 20 else np.linspace(0, high, 21)
    ax.hist(totals, bins=bins, color="#4c72b0", edgecolor="white")
    ax.set(title="Total scores", xlabel=f"score (of {top:g})", ylabel="students")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return _img(fig, "histogram of total scores")


def _pass_rates(stats):
    fig = Figure(figsize=(6, 1.2 + 0.35 * len(stats)))
    ax = fig.add_subplot()
    ax.barh(range(len(stats)), [100 * s.pass_rate for s in stats], color="#55a868")
    ax.set_yticks(range(len(stats)), [s.exercise for s in stats])
    ax.invert_yaxis()
    ax.set(xlim=(0, 100), title="Students with full marks, per exercise", xlabel="pass rate (%)")
    return _img(fig, "pass rate per exercise")


def _html_table(header, rows):
    """An HTML table; every cell is escaped."""
    def cells(tag, row):
        return "".join(f"<{tag}>{html.escape(str(cell))}</{tag}>" for cell in row)
    if not rows:
        return "<p>None.</p>"
    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return f"<table><tr>{cells('th', header)}</tr>{body}</table>"


def _html(results, assignment, seconds):
    name = html.escape(assignment)
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class report: {name}</title>",
             f"<style>{_CSS}</style></head><body><h1>Class report: {name}</h1>"]
    if not results:
        return "".join(parts) + f"<p>No submissions: the class is empty (grading took {_duration(seconds)}).</p>" + \
            "</body></html>"
    mean, top = _means(results)
    stats, troubles = exercise_stats(results), _troubles(results)
    parts.append(f"<p>{_plural(len(results), 'student')} · mean score {mean:.2f} of {top:g} · "
                 f"graded in {_duration(seconds)}</p>{_histogram(results)}")
    if stats:
        parts += [_pass_rates(stats), "<h2>Exercises</h2>", _html_table(
            ("notebook", "exercise", "students", "full marks", "mean score", "of", "scores (score × students)"),
            [(s.notebook, s.exercise, s.students, f"{s.pass_rate:.0%}", f"{s.mean_score:.2f}", f"{s.max_score:g}",
              "  ".join(f"{score:g}×{n}" for score, n in s.distribution)) for s in stats])]
    parts += ["<h2>Most common named mistakes</h2>", _html_table(
        ("exercise", "likely cause", "students", "who"),
        [(m.exercise, m.cause, len(m.students), ", ".join(m.students)) for m in named_mistakes(results)])]
    parts += [f"<h2>Stopped, unreadable or failed: {len(troubles)}</h2>",
              _html_table(("student", "status", "reason"), troubles)]
    parts += ["<h2>Slowest submissions</h2>", _html_table(
        ("student", "seconds", "worker"),
        [(r["student"], f"{r.get('seconds', 0.0):.1f}", r.get("worker", "")) for r in _slowest(results, 10)])]
    workers = len({r.get("worker") for r in results if r.get("worker")})
    parts.append(f"<p>Total grading time: {_duration(seconds)} wall clock; the submissions took "
                 f"{_duration(sum(r.get('seconds', 0.0) for r in results))} summed over "
                 f"{_plural(workers, 'worker')}.</p></body></html>")
    return "\n".join(parts)


def _spreadsheet_safe(text):
    """Text a spreadsheet will not run as a formula (student code controls the messages)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_rows(results):
    for result in results:
        items = result.get("exercises") or []
        if not items:
            yield dict(student=result["student"], notebook="", exercise="", score=result.get("score", 0.0),
                       max_score=result.get("max_score", 0.0), passed=0,
                       error="" if result["status"] == "graded" else result["status"], likely_cause="",
                       message_first_line=_spreadsheet_safe(result.get("reason", "")))
        for item in items:
            message = item.get("message", "")
            yield dict(student=result["student"], notebook=item["notebook"], exercise=item["exercise"],
                       score=item["score"], max_score=item["max_score"], passed=int(_passed(item)),
                       error=item.get("error", ""), likely_cause=_spreadsheet_safe(" | ".join(likely_causes(message))),
                       message_first_line=_spreadsheet_safe(_first_line(message)))


def write_report(results, folder, *, assignment, seconds):
    """Write ``folder/report.html`` and ``folder/report.csv`` for one graded assignment.

    Parameters
    ----------
    results : list of dict
        One result per student; may be empty.
    folder : str or Path
        Created if missing.
    assignment : str
        For the heading.
    seconds : float
        Wall-clock time the grading took.

    Returns
    -------
    (Path, Path)
        The self-contained HTML page and the CSV: one row per student × exercise, and one row with an
        empty exercise, the status as error and the reason as message for a student without exercises.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = folder / "report.html", folder / "report.csv"
    html_path.write_text(_html(results, assignment, seconds), encoding="utf-8")
    with csv_path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(_csv_rows(results))
    return html_path, csv_path
