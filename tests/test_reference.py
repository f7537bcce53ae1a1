"""Reference records and the JudgeRecords preprocessor, on a small course notebook run for real."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from dlhelpers.grading.preprocessors import JudgeRecords
from dlhelpers.grading.records import RECORD_MIME, _payload
from dlhelpers.grading.reference import ReferenceError, build, reference_records

SOLUTION = "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n"
TEST = '''"""double: twice its argument."""
### BEGIN HIDDEN TESTS
import numpy as np
from dlhelpers.grading import record
open(RUNS, "a").write("run\\n")
record("of 3", double(3.0), about="a number", mistakes=lambda: [("adding 2 instead of multiplying", 3.0 + 2)])
record("of an array", double(np.arange(4.0)), about="an array of shape (4,)")
### END HIDDEN TESTS
'''


def graded(source, grade_id, **meta):
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": bool(meta.get("points")), "solution": False,
                                 "locked": True, **meta}
    return cell


def make_source(tmp_path):
    """A one-exercise source notebook; every reference run appends a line to ``runs.txt``."""
    runs = tmp_path / "runs.txt"
    folder = tmp_path / "notebooks" / "doubling"
    folder.mkdir(parents=True)
    notebook = new_notebook(cells=[
        new_code_cell(f"RUNS = {str(runs)!r}"),
        graded(SOLUTION, "double", solution=True, locked=False),
        graded(TEST, "double_tests", points=2),
    ])
    path = folder / "doubling.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def source(tmp_path):
    return make_source(tmp_path)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A source notebook and its reference cache, built once for the module's judging tests."""
    folder = tmp_path_factory.mktemp("course")
    path = make_source(folder)
    reference_records(path, folder / "cache")
    return path, folder


def runs(source):
    path = source.parents[2] / "runs.txt"
    return len(path.read_text().splitlines()) if path.exists() else 0


def test_reference_records_carry_the_spec_and_are_cached_by_the_notebooks_hash(source, tmp_path):
    cache = tmp_path / "cache"
    expected = reference_records(source, cache)["double_tests"]
    assert sorted(expected) == ["of 3", "of an array"]
    assert expected["of 3"].value == 6.0 and expected["of 3"].about == "a number"
    assert expected["of 3"].mistakes == (("adding 2 instead of multiplying", 5.0),)
    assert reference_records(source, cache)["double_tests"].keys() == expected.keys()
    assert runs(source) == 1, "a second grading read the cache"
    source.write_text(source.read_text().replace("2 * x", "x + x"))
    reference_records(source, cache)
    assert runs(source) == 2, "a changed notebook is run again"


def test_a_failing_reference_cell_is_an_error_that_names_it(source):
    source.write_text(source.read_text().replace("return 2 * x", "return 2 * undefined_name"))
    with pytest.raises(ReferenceError, match="cell 2 of the reference solution raised NameError"):
        build(source)


def test_the_reference_runs_no_cell_after_the_last_test_cell(source, tmp_path):
    notebook = nbformat.read(source, as_version=4)
    notebook.cells.append(new_code_cell('open(RUNS, "a").write("after the tests\\n")\nraise SystemExit(1)'))
    nbformat.write(notebook, source)
    assert sorted(reference_records(source, tmp_path / "cache")["double_tests"]) == ["of 3", "of an array"]
    assert (source.parents[2] / "runs.txt").read_text() == "run\n"


def records_output(*payloads, output_type="display_data"):
    return [new_output(output_type, data={RECORD_MIME: p}, **({"execution_count": 1} if output_type ==
                                                               "execute_result" else {})) for p in payloads]


def judged(course, outputs):
    """The test cell's outputs after JudgeRecords, for a submission whose test cell output ``outputs``."""
    source, folder = course
    notebook = nbformat.read(source, as_version=4)
    notebook.cells[2].outputs = outputs
    notebook.cells[1].outputs = records_output(_payload("of 3", 6.0))  # records outside test cells: ignored
    judge = JudgeRecords(source_root=str(source.parents[1]), cache_dir=str(folder / "cache"))
    resources = {"nbgrader": {"assignment": "doubling", "notebook": "doubling"}}
    notebook, _ = judge.preprocess(notebook, resources)
    assert all(RECORD_MIME not in o.get("data", {}) for cell in notebook.cells for o in cell.get("outputs", []))
    return [(o.output_type, o.get("ename"), o.get("evalue")) for o in notebook.cells[2].outputs]


RIGHT = (_payload("of 3", 6.0), _payload("of an array", [0.0, 2.0, 4.0, 6.0]))


def test_right_records_pass_and_are_removed(course):
    import numpy as np

    right = (_payload("of 3", 6.0), _payload("of an array", np.arange(4.0) * 2))
    assert judged(course, records_output(*right)) == []


@pytest.mark.parametrize("outputs, words", [
    (records_output(_payload("of 3", 5.0), RIGHT[1]), "double: a number: values differ. Likely cause: adding 2"),
    (records_output(RIGHT[0]), "double: no result for an array of shape (4,)"),
    ([], "double: no result for a number"),
    (records_output(*RIGHT, RIGHT[0]), "a result was recorded twice"),
    (records_output(*RIGHT, _payload("bonus", 1.0)), "an unexpected result was recorded"),
    ([new_output("stream", name="stdout", text=json.dumps({RECORD_MIME: RIGHT[0]}))] + records_output(RIGHT[1]),
     "no result for a number"),
])
def test_wrong_missing_repeated_extra_or_printed_records_fail_the_cell(course, outputs, words):
    [(kind, ename, evalue)] = [o for o in judged(course, outputs) if o[0] == "error"]
    assert ename == "HiddenTestFailed" and words in evalue
    assert "6.0" not in evalue and "3.0" not in evalue, "no expected value or hidden input in the message"


def test_a_bare_stub_says_it_is_not_implemented(course):
    stub = [new_output("error", ename="NotImplementedError", evalue="", traceback=[])]
    [(_, ename, evalue)] = judged(course, stub)
    assert ename == "NotImplementedError"
    assert evalue.startswith("double (or a function it calls) is not implemented yet")


def test_a_test_cell_without_probes_is_an_error_of_the_course(source):
    source.write_text(source.read_text().replace("from dlhelpers.grading import record",
                                                 "def record(*args, **kwargs): pass"))
    with pytest.raises(ReferenceError, match="test cell double_tests records nothing"):
        build(source)


def test_many_failed_records_show_the_first_three(course):
    many = records_output(*(_payload(f"extra {k}", 1.0) for k in range(3)))  # 2 missing, 1 extra-records line
    [(_, _, evalue)] = judged(course, many + records_output(_payload("of 3", 1.0), _payload("of 3", 2.0)))
    lines = evalue.splitlines()
    assert len(lines) == 4 and lines[-1].startswith("... and ") and lines[-1].endswith("more hidden cases failed.")


def test_the_cache_key_changes_with_the_course_code(source, monkeypatch):
    from dlhelpers.grading import reference

    key = reference._key(source)
    monkeypatch.setattr("numpy.__version__", "0.0-other")
    assert reference._key(source) != key, "another numpy gets its own reference"
