"""The learner's JupyterLab, driven in a real (headless) browser.

A JupyterLab server of this venv runs on a private copy of the course
(nbgrader_config.py, source/ and release/ of 01, an exchange where 01 is
released), on a free localhost port with a random token. Debian's chromium,
driven by Playwright, then does what a learner does: opens the release
notebook of 01, runs the setup cell, writes a correct ``sigmoid`` and a wrong
``sigmoid_derivative`` in place of the stubs, runs them with their test cells
and reads the success line and the CheckFailed message; presses nbgrader's
Validate button and reads the result (the wrong answer's test fails, the right
one's does not). The second test opens the Nbgrader menu and the Assignment
List (01 is there to fetch), and the formgrader as the instructor sees it.

Screenshots of every step land in tests/artifacts/browser/ (git-ignored), with
timings.txt and the server's log; student-notebook.png there is the README's
picture (docs/img/student-notebook.png is a copy). The browser tests skip,
saying why, only when the playwright package or chromium is missing
(`bash .ci/install-browser.sh` installs chromium; NNDL_CHROMIUM points at
another executable, and a path that does not exist makes them skip).
"""
import json
import re
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager

import nbformat
import pytest

from nndl.tools import course
from nndl.tools.grade.course_dir import nbgrader_env

from .browser_support import CHROMIUM_ENV, LabServer, NotebookPage, chromium_path, launch_chromium

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the package is pinned in requirements.txt; skip rather than fail without it
    sync_playwright = None

CHROMIUM, NO_CHROMIUM = chromium_path()
NO_BROWSER = ("the playwright package is not installed (pip install -r requirements.txt)"
              if sync_playwright is None else NO_CHROMIUM)
needs_browser = pytest.mark.skipif(NO_BROWSER is not None, reason=NO_BROWSER or "")
if sync_playwright is not None:
    # Explicit waits everywhere; generous because two busy cores can be slow.
    expect.set_options(timeout=30_000)

AID = "01_numpy_basics"
NOTEBOOK = f"release/{AID}/{AID}.ipynb"
ARTIFACTS = course.ROOT / "tests" / "artifacts" / "browser"

# What the learner writes in place of the stub, keeping the def and the docstring:
# a correct sigmoid, and a sigmoid_derivative with a sign slip that its visible
# check catches.
CORRECT = ("sigmoid", ["s = 1 / (1 + np.exp(-x))"])
WRONG = ("sigmoid_derivative", ["s = sigmoid(x)", "ds = s * (1 + s)"])
SUCCESS_LINE = f"\u2714 {CORRECT[0]}: all visible checks passed."  # nndl.checks.passed


@contextmanager
def step(page, name):
    """Screenshot after the step, or of the failure if it fails; log its duration."""
    start = time.monotonic()
    try:
        yield
    except BaseException:
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}-FAILED.png"), timeout=10_000)
        except Exception:  # a crashed page: keep the original error
            pass
        raise
    finally:
        with open(ARTIFACTS / "timings.txt", "a") as log:
            log.write(f"{name}: {time.monotonic() - start:.1f} s\n")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _copy_course(dst):
    """The instructor's course folder, as nbgrader and its extensions expect it."""
    shutil.copy2(course.ROOT / "nbgrader_config.py", dst / "nbgrader_config.py")
    for folder in ("source", "release"):
        shutil.copytree(course.ROOT / folder / AID, dst / folder / AID)
    (dst / "exchange").mkdir()  # nbgrader's exchange (Exchange.root) must exist


def _answer(stub, lines):
    """The cell a learner ends up with: ``stub`` with its two stub lines
    ('# YOUR CODE HERE ...' and 'raise NotImplementedError(...)') replaced by ``lines``."""
    src = stub.splitlines()
    i = next(n for n, line in enumerate(src) if line.strip().startswith("# YOUR CODE HERE"))
    assert src[i + 1].strip().startswith("raise NotImplementedError"), stub
    indent = src[i][: len(src[i]) - len(src[i].lstrip())]
    return "\n".join(src[:i] + [indent + line for line in lines] + src[i + 2:])


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not (course.ROOT / NOTEBOOK).is_file():
        pytest.fail(f"{NOTEBOOK} is missing: run `make build`")
    root = tmp_path_factory.mktemp("lab-course")
    _copy_course(root)
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    # The instructor releases 01 to the exchange (as `nbgrader release_assignment` does
    # on a shared machine), while the server starts: the learner's Assignment List shows it.
    release = subprocess.Popen([sys.executable, "-m", "nbgrader", "release_assignment", AID],
                               cwd=root, env=nbgrader_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    # nbgrader's server extensions read nbgrader_config.py from the working directory
    server = LabServer(root, cwd=root, state_dir=tmp_path_factory.mktemp("lab-state"))
    try:
        with server:
            out, _ = release.communicate(timeout=120)
            assert release.returncode == 0 and "Released as" in out, f"release_assignment failed:\n{out}"
            yield server
    finally:
        if release.poll() is None:
            release.kill()
            release.wait()
        if server.log_path.exists():
            shutil.copy2(server.log_path, ARTIFACTS / "jupyterlab.log")


@pytest.fixture(scope="module")
def browser(lab, tmp_path_factory):
    with sync_playwright() as pw:
        context = launch_chromium(pw, CHROMIUM, tmp_path_factory.mktemp("chromium") / "profile")
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def lab_page(browser):
    """The learner's JupyterLab tab, shared by the tests (loading JupyterLab is the
    slowest step on two cores)."""
    page = browser.new_page()
    yield page
    page.close()


def _readme_shot(page, nbp, first, last):
    """The README's picture: cells ``first``..``last`` of the notebook mid-exercise,
    saved small (palette PNG) as tests/artifacts/browser/student-notebook.png;
    docs/img/student-notebook.png is a copy of it."""
    from PIL import Image

    page.keyboard.press("Escape")  # command mode: no cursor in the picture
    size = page.viewport_size
    tall = dict(size, height=1600)  # room for all the cells at once
    page.set_viewport_size(tall)
    try:
        notebook = page.locator(f"{NotebookPage.PANEL} .jp-Notebook")
        notebook.evaluate("(el, h) => new Promise(ok => { const f = () =>"
                          " el.getBoundingClientRect().bottom > h - 100 ? ok() : requestAnimationFrame(f); f(); })",
                          tall["height"])
        nbp.cell(first).evaluate("el => el.scrollIntoView({block: 'start'})")
        top, bottom = nbp.cell(first).bounding_box(), nbp.cell(last).bounding_box()
        panel = notebook.bounding_box()
        y0 = max(panel["y"], top["y"] - 8)
        y1 = min(panel["y"] + panel["height"], bottom["y"] + bottom["height"] + 2)
        raw = ARTIFACTS / "student-notebook-raw.png"
        page.screenshot(path=str(raw), clip={"x": panel["x"], "y": y0, "width": panel["width"], "height": y1 - y0})
    finally:
        page.set_viewport_size(size)
    with Image.open(raw) as im:
        im.convert("RGB").quantize(colors=64).save(ARTIFACTS / "student-notebook.png", optimize=True)


def _cells(path):
    """(notebook, indices of the setup code cells, {grade_id: cell index}) of the notebook
    on disk. Setup cells are the code cells before the first exercise (imports, the
    locked 'setup' cell): a learner runs them first."""
    nb = nbformat.read(str(path), as_version=4)
    meta = [course.nbgrader_meta(c) for c in nb.cells]
    ids = {m["grade_id"]: i for i, m in enumerate(meta) if m.get("grade_id")}
    first_exercise = min(i for i, m in enumerate(meta) if m.get("solution") or m.get("grade"))
    setup = [i for i, c in enumerate(nb.cells[:first_exercise]) if c.cell_type == "code"]
    assert setup, f"{path}: no code cell before the first exercise"
    return nb, setup, ids


@needs_browser
def test_learner_writes_runs_and_validates(lab, lab_page):
    nb, setup, ids = _cells(lab.root / NOTEBOOK)
    page = lab_page
    nbp = NotebookPage(page, lab, NOTEBOOK)

    with step(page, "01-notebook-open"):
        nbp.open(expected_cells=len(nb.cells))
        assert page.locator(".validate-button").is_visible(), "nbgrader's Validate button is not in the toolbar"

    with step(page, "02-setup-cells-run"):
        for i in setup:
            out = nbp.run(i)
            assert "Error" not in out, f"setup cell {i} failed in the browser:\n{out}"

    name, lines = CORRECT
    code = _answer(nb.cells[ids[name]].source, lines)
    with step(page, "03-correct-answer-passes"):
        nbp.type_source(ids[name], code)
        nbp.run(ids[name])
        nbp.run(ids[f"test_{name}"])
        expect(nbp.cell(ids[f"test_{name}"]).locator(".jp-OutputArea")).to_contain_text(SUCCESS_LINE)
        out = nbp.output(ids[f"test_{name}"])
        assert "Error" not in out, f"test cell of {name} printed:\n{out}"

    correct_code = code
    name, lines = WRONG
    with step(page, "04-wrong-answer-fails"):
        nbp.type_source(ids[name], _answer(nb.cells[ids[name]].source, lines))
        nbp.run(ids[name])
        nbp.run(ids[f"test_{name}"])
        expect(nbp.cell(ids[f"test_{name}"]).locator(".jp-OutputArea")).to_contain_text(
            re.compile(rf"CheckFailed: {name}\b"))
        out = nbp.output(ids[f"test_{name}"])
        assert f"\u2714 {name}" not in out
    _readme_shot(page, nbp, ids[CORRECT[0]], ids[f"test_{name}"])

    with step(page, "05-validate"):
        page.locator(".validate-button").click()
        dialog = page.locator(".jp-Dialog")
        result = dialog.locator(".validation-failed, .validation-success, .validation-error, "
                                ".validation-changed, .validation-type-changed, .validation-passed")
        # the server runs the whole notebook: allow for a cold kernel and the timing demos
        result.first.wait_for(timeout=120_000)
        text = dialog.inner_text()
        assert "validation-failed" in (result.first.get_attribute("class") or ""), text
        failed_sources = [t.strip() for t in dialog.locator(".jp-RenderedText pre").all_inner_texts()]
        first_line = lambda src: src.strip().splitlines()[0]  # noqa: E731
        failed_first_lines = {first_line(s) for s in failed_sources if s}
        assert first_line(nb.cells[ids[f"test_{WRONG[0]}"]].source) in failed_first_lines, text
        assert first_line(nb.cells[ids[f"test_{CORRECT[0]}"]].source) not in failed_first_lines, text

    # Validate saved the notebook first: it validated what the learner typed.
    saved = nbformat.read(str(lab.root / NOTEBOOK), as_version=4)
    assert saved.cells[ids[CORRECT[0]]].source.strip() == correct_code.strip()
    dialog.get_by_role("button", name="Ok").click()
    dialog.wait_for(state="detached")


@needs_browser
def test_nbgrader_extensions_and_formgrader(lab, lab_page, browser):
    page = lab_page
    with step(page, "06-nbgrader-menu"):
        if "/lab" not in page.url:  # the other test did not get to load JupyterLab
            page.goto(lab.url("lab"))
        page.locator(".jp-LabShell").wait_for()
        page.keyboard.press("Escape")  # close whatever dialog a failed test left open
        config = json.loads(page.locator("#jupyter-config-data").text_content())
        names = {e["name"] for e in config.get("federated_extensions", [])}
        assert "@jupyter/nbgrader" in names, f"nbgrader's lab extension is not installed: {sorted(names)}"
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Nbgrader$")).click()
        menu = page.locator(".lm-Menu")
        for label in ("Assignment List", "Course List", "Formgrader"):
            expect(menu.get_by_text(label, exact=True).first).to_be_visible()

    with step(page, "07-assignment-list"):
        menu.get_by_text("Assignment List", exact=True).first.click()
        released = page.locator("#nbgrader-assignment-list #released_assignments_list")
        # the assignment the instructor released, ready to fetch
        expect(released).to_contain_text(AID)
        expect(released.get_by_role("button", name="Fetch")).to_be_visible()

    instructor = browser.new_page()
    with step(instructor, "08-formgrader"):
        instructor.goto(lab.url("formgrader"))
        row = instructor.locator("table tbody tr", has_text=AID)
        # the formgrader opens (and on first use creates) the gradebook: allow for it
        expect(row).to_contain_text("released", timeout=90_000)
        expect(instructor.locator("h1", has_text="Manage Assignments")).to_be_visible()
    instructor.close()


def test_missing_chromium_is_a_skip_reason(monkeypatch, tmp_path):
    """NNDL_CHROMIUM pointing nowhere (or at a non-executable file) gives no browser
    and a reason that says how to get one: the browser tests then skip with it."""
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    path, why = chromium_path()
    assert path is None and "not found" in why and "install-browser.sh" in why and CHROMIUM_ENV in why
    plain = tmp_path / "chromium"
    plain.write_text("not a program")
    monkeypatch.setenv(CHROMIUM_ENV, str(plain))
    path, why = chromium_path()
    assert path is None and "not executable" in why
    plain.chmod(0o755)
    assert chromium_path() == (str(plain), None)
