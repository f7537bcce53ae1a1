"""A student's JupyterLab in a real browser: start, type answers, run the checks, save, relaunch.

Playwright (from PyPI) drives Debian's Chromium headless (``.ci/run`` installs it); the lab is the one
``course.py lab`` starts. Screenshots of each step are kept in ``test-artifacts/browser/``.
"""

import os
import shutil
import time

import pytest
from lab_server import TOKEN, running_lab

from helpers import REPO

pytestmark = pytest.mark.slow
playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="playwright is not installed: pip install playwright")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

ARTIFACTS = REPO / "test-artifacts" / "browser"
# The probe's flags: this machine's closed network refuses Chromium's background connections.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RIGHT_BASIC_SIGMOID = "def basic_sigmoid(x):\n    return 1 / (1 + math.exp(-x))\n"
WRONG_SIGMOID = "def sigmoid(x):\n    return 1 / (1 + np.exp(x))  # typed in the browser\n"


def _replace_cell(page, starts_with, code):
    """Click into the code cell whose text starts with ``starts_with`` and replace its text by ``code``."""
    editor = page.locator(".jp-CodeCell .cm-content", has_text=starts_with).first
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def _shows_cell(page, text):
    """True once a code cell showing ``text`` is on the page: walks down the notebook as a reader scrolls
    (JupyterLab renders only the cells near the view)."""
    editor = page.locator(".jp-CodeCell .cm-content", has_text=text)
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.keyboard.press("Escape")
    for _ in range(80):
        if editor.count():
            return True
        page.keyboard.press("ArrowDown")
    return editor.count() > 0


def _output_of(page, starts_with):
    cell = page.locator(".jp-CodeCell", has=page.locator(".cm-content", has_text=starts_with)).first
    return cell.locator(".jp-OutputArea")


def _open(page, lab, path):
    page.goto(f"{lab.url}/lab/tree/{path}?token={TOKEN}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)


def test_student_types_runs_checks_saves_and_finds_the_work_after_a_relaunch(course_copy, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    root = course_copy(only=["numpy_basics"])
    seen = {}
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})

        start = time.monotonic()
        with running_lab(root, "lab", tmp_path / "first.log") as lab:
            seen["lab started (s)"] = round(time.monotonic() - start, 1)
            [notebook] = (root / "student").rglob("numpy_basics.ipynb")
            relative = notebook.relative_to(root / "student").as_posix()

            page.goto(f"{lab.url}/lab?token={TOKEN}")  # the address the lab prints; the start page opens, rendered
            start_page = page.locator(".jp-RenderedMarkdown", has_text="The course, in order").first
            start_page.wait_for(timeout=60_000)
            seen["start page"] = start_page.inner_text()[:120]
            page.screenshot(path=ARTIFACTS / "1-start-page.png")
            assert "Python and numpy basics" in start_page.inner_text()
            page.keyboard.press("Control+Shift+L")  # a new Launcher: no card for the grading kernel
            launcher = page.locator(".jp-LauncherCard")
            launcher.first.wait_for(timeout=30_000)
            assert not any("course grader" in text for text in launcher.all_inner_texts())

            start = time.monotonic()
            page.locator(".lm-TabBar-tab", has_text="START_HERE.md").first.click()  # back to the start page
            start_page.get_by_role("link", name="Python and numpy basics").click()
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
            seen["notebook open, kernel idle (s)"] = round(time.monotonic() - start, 1)
            _replace_cell(page, "def basic_sigmoid(x):", RIGHT_BASIC_SIGMOID)
            _replace_cell(page, "def sigmoid(x):", WRONG_SIGMOID)
            # run every cell from the top down to the sigmoid check, as a student does with Shift+Enter
            page.locator(".jp-Notebook .jp-Cell").first.click()
            start = time.monotonic()
            page.keyboard.press("Escape")
            check = _output_of(page, '"""sigmoid: element-wise')
            for _ in range(40):
                page.keyboard.press("Shift+Enter")
                if check.inner_text().strip():
                    break
                page.wait_for_timeout(150)
            check.get_by_text("Likely cause").wait_for(timeout=60_000)
            seen["cells run (s)"] = round(time.monotonic() - start, 1)
            wrong = check.inner_text()
            right = _output_of(page, '"""basic_sigmoid:').inner_text()
            seen["sigmoid check"], seen["basic_sigmoid check"] = wrong, right
            check.scroll_into_view_if_needed()
            page.screenshot(path=ARTIFACTS / "2-checks.png")
            assert "Likely cause: a wrong sign in the exponent" in wrong
            assert "Traceback" not in wrong and "dlhelpers" not in wrong and "_core.py" not in wrong
            assert "All checks passed." in right

            page.keyboard.press("Control+S")
            deadline = time.monotonic() + 30
            while "typed in the browser" not in notebook.read_text() and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            assert "typed in the browser" in notebook.read_text()

        start = time.monotonic()
        with running_lab(root, "lab", tmp_path / "second.log") as lab:  # the next day
            seen["lab started again (s)"] = round(time.monotonic() - start, 1)
            _open(page, lab, relative)
            assert _shows_cell(page, "return 1 / (1 + math.exp(-x))")
            assert _shows_cell(page, "typed in the browser")
            page.screenshot(path=ARTIFACTS / "3-after-relaunch.png")
        browser.close()
    print("\nwhat the browser saw:", *(f"  {key}: {value!r}" for key, value in seen.items()), sep="\n")
