"""Every source notebook's probes, as the grader sees them: run on the solution in a trusted kernel.

The reference records come from the session's cache (see conftest), which the autograding tests
fill too, so each notebook's reference is built once per session.
"""

import json

import pytest

from dlhelpers.grading.judge import judge_cell
from dlhelpers.grading.pipeline import assignments, grade_ids, source_notebooks
from dlhelpers.grading.records import RECORD_MIME, parse_records
from dlhelpers.grading.reference import cache_folder, reference_payloads, reference_records
from helpers import REPO

pytestmark = pytest.mark.slow
SPEC = ("judge", "rtol", "atol", "about", "mistakes", "bounds", "other")
STUDENT_BYTES = 200_000  # a student's records of one cell, well under SafeExecute's 1 MB per cell


@pytest.fixture(params=assignments(REPO))
def source(request):
    [path] = source_notebooks(REPO, request.param)
    return path


def test_every_test_cell_records_small_plain_data_that_the_solution_passes(source, tmp_path):
    payloads = reference_payloads(source, cache_folder(tmp_path))
    assert list(payloads) == grade_ids(source), "every test cell has probes, in notebook order"
    expected = reference_records(source, cache_folder(tmp_path))
    for grade_id, cell in payloads.items():
        assert cell, f"{grade_id} records nothing"
        # what a student's kernel sends for the same answers: the values, without the spec
        student = [{k: v for k, v in p.items() if k not in SPEC} for p in cell]
        assert len(json.dumps(student)) < STUDENT_BYTES, f"{grade_id}: records too large for the kernel's output cap"
        outputs = [{"output_type": "display_data", "data": {RECORD_MIME: p}} for p in student]
        got, problems = parse_records(outputs)
        verdict = judge_cell(grade_id, expected[grade_id], got, problems)
        assert verdict.passed, (grade_id, verdict.messages)
        assert all(p.get("about") for p in cell), f"{grade_id}: say what each probe's input is (about=)"
