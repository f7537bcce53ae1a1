"""The numpy warm-up source notebook, executed end to end with a real kernel."""

import re

import pytest

from helpers import NOTEBOOKS, execute_notebook, printed_text

pytestmark = pytest.mark.slow
NOTEBOOK = NOTEBOOKS / "numpy_basics" / "numpy_basics.ipynb"


@pytest.fixture(scope="module")
def text():
    return printed_text(execute_notebook(NOTEBOOK))


def test_numpy_basics_prints_the_stated_function_values(text):
    assert "basic_sigmoid(1) = 0.7310585786300049" in text
    assert "sigmoid(np.array([1, 2, 3])) = [0.7311 0.8808 0.9526]" in text
    assert "sigmoid_derivative(np.array([1, 2, 3])) = [0.1966 0.105  0.0452]" in text
    assert "image2vector(image) has shape (12, 1) and holds [ 0  1  2  3  4  5  6  7  8  9 10 11]" in text
    assert "[[0.     0.6    0.8   ]\n [0.1374 0.8242 0.5494]]" in text
    assert "L1 = 1.1\n" in text
    assert "L2 = 0.43\n" in text


def test_numpy_basics_shows_math_exp_failing_on_arrays(text):
    assert "math.exp(x) fails with TypeError" in text
    assert "np.exp(x) = [ 2.7183  7.3891 20.0855]" in text


def test_numpy_basics_broadcasting_gives_the_stated_percentages(text):
    assert "calories per food: [[ 59.  239.  155.4  76.9]]" in text
    assert "[[94.9153  0.      2.8314 88.4265]" in text
    assert "each column sums to [100. 100. 100. 100.]" in text
    assert "A / np.sum(A, axis=1) fails: operands could not be broadcast" in text


def test_numpy_basics_rank_one_demo_shows_the_silent_bug(text):
    assert "a.shape = (5,)    a.T.shape = (5,)" in text
    assert "(b - a).shape = (5, 5)" in text
    assert "after a.reshape(5, 1): (b - a).shape = (5, 1)" in text


def test_numpy_basics_softmax_is_stable_where_the_naive_one_overflows(text):
    assert "naive softmax  = [nan nan nan]" in text
    assert "[[0.9809 0.0009 0.018  0.0001 0.0001]\n [0.8787 0.1189 0.0008 0.0008 0.0008]]" in text
    assert "row sums: [1. 1.]" in text
    assert "softmax of [[1000, 1001, 1002]] = [[0.09   0.2447 0.6652]]" in text


def test_numpy_basics_loop_and_np_dot_agree(text):
    # The timings themselves are not tested (noisy); only that both ways give one result.
    assert "same result: True" in text
    assert re.search(r"speed-up: np\.dot is about [\d,]+ times faster", text)


def test_numpy_basics_every_cell_runs_and_every_visible_check_passes():
    notebook = execute_notebook(NOTEBOOK)
    errors = [(c.id, o.ename) for c in notebook.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors
    graded = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) == 8
    for cell in graded:
        assert "All checks passed." in "".join(o.get("text", "") for o in cell.outputs), cell.id
    figures = [c.id for c in notebook.cells if any(o.output_type == "display_data" for o in c.get("outputs", []))]
    assert figures == ["sigmoid_plot", "broadcasting_picture", "vectorization_timing"]
