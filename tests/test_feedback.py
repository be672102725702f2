"""Feedback never leaks the hidden tests, and still says what failed.

What a student receives after grading is the HTML of `nbgrader generate_feedback`
(with the course's nbgrader_config.py: ClearHiddenTests, ClearMarkScheme and
nndl.nbgrader_ext.HideHiddenTracebacks). One temporary course holds every notebook
that has a defect corpus; per notebook two students submit:

- ``wrong``: the corpus pack with the most wrong answers (realistic mistakes that
  fail visible or hidden checks with a CheckFailed message);
- ``accidents``: the reference solution with, on alternate functions, a crash
  when a hidden line of the function's own test calls it (the learner's code
  fails *inside* a hidden check, where IPython's traceback would quote the
  hidden line) or a debug print left in (run by the hidden tests too, it prints
  the hidden inputs and the learner's results on them: the reference values);

and, on 01_numpy_basics, two softmax mistakes that only the hidden checks catch.
Everything is autograded at once (Course.autograde_all), then each notebook's
feedback is generated, and each feedback file is searched, as text, for every
hidden literal of the source notebook: every meaningful line of a
``### BEGIN HIDDEN TESTS`` block and every float with 5 or more significant digits
written there (as written, or printed with fewer digits). A literal the student
can see anyway (in the release notebook, in their own code, in the output of a
cell that is not a test, or in what a test cell printed before its hidden tests
ran) is not a leak and is skipped.

The last test removes HideHiddenTracebacks and shows that the search then finds
the leaks (hidden lines in tracebacks, hidden values in prints): the check can fail.
"""
import hashlib
import html.parser
import math
import re

import pytest

from nndl import checks
from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade.course_dir import temporary_course
from nndl.tools.grade.nbgrader_ext import HIDDEN_OUTPUT, NOTE, PASSED

from .browser_support import chromium_path, launch_chromium
from .conftest import _SELECTED

try:
    import playwright  # noqa: F401 - the browser check needs it
except ImportError:
    playwright = None
CHROMIUM, NO_CHROMIUM = chromium_path()
NO_BROWSER = "the playwright package is not installed" if playwright is None else NO_CHROMIUM
ARTIFACTS = course.ROOT / "tests" / "artifacts" / "feedback"

AIDS = [aid for aid in course.assignment_ids() if submissions.load_corpus(aid)]
SOFTMAX = "01_numpy_basics"
MIN_LINE = 12  # shorter hidden lines ("_e = 0", "))") say nothing by themselves
MIN_DIGITS = 5  # significant digits of a hidden float worth protecting
MIN_PRINTED = 6  # digits a printed number needs before it can count as a leak

# -- submissions --------------------------------------------------------------
CRASH = '''

import functools as _functools, hashlib as _hashlib, linecache as _linecache, sys as _sys


def _crash_in_hidden_lines(f, digests):
    """f, except that it raises when called from one of the given lines (by digest)."""
    @_functools.wraps(f)
    def wrapper(*args, **kwargs):
        caller = _sys._getframe(1)
        line = _linecache.getline(caller.f_code.co_filename, caller.f_lineno).strip()
        if _hashlib.sha256(line.encode()).hexdigest()[:16] in digests:
            raise ZeroDivisionError("planted: {fn} crashed inside a hidden check")
        return f(*args, **kwargs)
    return wrapper


{fn} = _crash_in_hidden_lines({fn}, {digests!r})
'''

DEBUG_PRINT = '''

import functools as _functools, os as _os, sys as _sys


def _debug_print(f):
    """f, with the print a learner forgot to remove. (To keep grading fast it
    prints only when the running cell calls it, not when another function does.)"""
    @_functools.wraps(f)
    def wrapper(*args, **kwargs):
        result = f(*args, **kwargs)
        frame, cells = _sys._getframe(1), []
        while frame is not None:
            if _os.path.basename(_os.path.dirname(frame.f_code.co_filename)).startswith("ipykernel_"):
                cells.append(frame.f_code.co_filename)
            frame = frame.f_back
        if cells and cells[0] == cells[-1]:
            print("{fn} got", *args, "and returns", result)
        return result
    return wrapper


{fn} = _debug_print({fn})
'''


def _digest(line):
    return hashlib.sha256(line.strip().encode()).hexdigest()[:16]


def accidents_submission(aid):
    """The reference solution with two accidents, on alternate functions: a crash
    when a hidden line of the function's own test calls it (the learner's code
    fails inside a hidden check), and a debug print left in (so the hidden tests
    print the hidden inputs and the learner's results on them, here the
    reference values).

    Only digests of the hidden lines go into the submission, so its code (which
    the feedback shows) contains no hidden literal."""
    answers = submissions.reference_answers(aid)
    tests = course.grade_cells(course.read_notebook(course.source_path(aid)))
    for fn, accident in accidents(aid).items():
        if accident == "crash":
            blocks = course.hidden_blocks(tests[f"test_{fn}"].source)
            digests = sorted({_digest(line) for b in blocks for line in b.splitlines() if line.strip()})
            answers[fn] = answers[fn].rstrip() + "\n" + CRASH.format(fn=fn, digests=digests)
        else:
            answers[fn] = answers[fn].rstrip() + "\n" + DEBUG_PRINT.format(fn=fn)
    return submissions.make_submission(aid, answers)


def accidents(aid):
    """{function: "crash" | "print"}, alternating, for the functions whose test has hidden checks."""
    answers = submissions.reference_answers(aid)
    tests = course.grade_cells(course.read_notebook(course.source_path(aid)))
    graded = [gid[len("test_"):] for gid, cell in tests.items()
              if gid[len("test_"):] in answers and course.hidden_blocks(cell.source)]
    return {fn: ("crash", "print")[n % 2] for n, fn in enumerate(graded)}


def most_wrong_pack(aid):
    """{function: code} of the corpus pack with the most wrong entries."""
    module = submissions.corpus_module(aid)
    corpus = module.CORPUS
    groups = submissions.pack(corpus, getattr(module, "DEPENDENTS", {}))
    best = max(groups, key=lambda g: sum(corpus[k]["kind"] == "wrong" for k in g))
    return {corpus[k]["function"]: corpus[k]["code"] for k in best if corpus[k]["kind"] == "wrong"}


def corpus_entry(aid, function, why_starts):
    entry = next(e for e in submissions.load_corpus(aid)
                 if e["function"] == function and e["why"].startswith(why_starts))
    return {function: entry["code"]}


def plan(aid):
    """{student: submitted notebook} for one notebook."""
    students = {
        "wrong": submissions.make_submission(aid, most_wrong_pack(aid)),
        "accidents": accidents_submission(aid),
    }
    if aid == SOFTMAX:
        # both pass the visible check on a (2, 4) array and fail the hidden ones
        students["inplace"] = submissions.make_submission(aid, corpus_entry(aid, "softmax", "stable, but shifts x in place"))
        students["reshape"] = submissions.make_submission(aid, corpus_entry(aid, "softmax", "reshape(2, 1)"))
    return students


# -- reading feedback ---------------------------------------------------------
class _Text(html.parser.HTMLParser):
    """The text a reader sees: tags dropped, entities decoded, no CSS or scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def squash(text):
    return " ".join(text.split())


def html_text(page):
    """Whitespace-normalised text of an HTML page (syntax highlighting splits code
    into many spans; the text joins them again)."""
    parser = _Text()
    parser.feed(page)
    return squash("".join(parser.parts))


def output_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts += [out.get("ename", ""), out.get("evalue", ""), *out.get("traceback", [])]
        else:
            parts += [v for k, v in out.get("data", {}).items() if k.startswith("text/") and isinstance(v, str)]
    return "\n".join(parts)


def printed_in_hidden_part(cell):
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
    return PASSED in text and bool(text.split(PASSED, 1)[1].strip())


def is_test(cell):
    return bool(course.nbgrader_meta(cell).get("grade"))


# -- hidden literals ------------------------------------------------------------
FLOAT = re.compile(r"(?<![\w.])(?:\d+\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+)(?![\w.])")


def significant_digits(token):
    mantissa = re.split("[eE]", token)[0].replace(".", "")
    return len(mantissa.strip("0"))


def tolerance(token):
    """Half a unit in the last written digit of ``token``."""
    mantissa, _, exponent = token.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


def numbers(text, min_digits):
    """(token, value, tolerance) of every unsigned float written in ``text``."""
    return [(t, float(t), tolerance(t)) for t in set(FLOAT.findall(text)) if significant_digits(t) >= min_digits]


def rounds_to(value, found):
    """``value`` (a hidden float) printed with the digits of ``found`` reads as ``found``."""
    token, number, tol = found
    return math.isclose(abs(value), number, rel_tol=0, abs_tol=tol * (1 + 1e-9))


def hidden_literals(aid):
    """(lines, floats) written in the hidden blocks of the source notebook."""
    lines, floats = set(), {}
    for cell in course.grade_cells(course.read_notebook(course.source_path(aid))).values():
        for block in course.hidden_blocks(cell.source):
            for line in block.splitlines():
                line = squash(line)
                if len(line) >= MIN_LINE and not line.startswith("#") and re.search(r"[A-Za-z0-9]", line):
                    lines.add(line)
            for token, value, _ in numbers(block, MIN_DIGITS):
                floats[token] = value
    return lines, floats


def visible_part_output(autograded):
    """What test cells printed before their hidden tests ran: up to the line of
    C.passed, or all of it when the visible checks failed (the hidden ones then
    never ran). The learner sees the same by running their notebook."""
    out = []
    for cell in autograded.cells:
        if is_test(cell):
            text = output_text(cell)
            out.append(text[:text.index(PASSED)] if PASSED in text else text)
    return out


def leaks(aid, page, submitted, autograded):
    """Hidden lines and values found in the feedback ``page`` that the student
    could not see otherwise; [] when there are none."""
    visible = squash("\n".join(
        [c.source for c in course.read_notebook(course.release_path(aid)).cells]
        + [c.source for c in submitted.cells if not is_test(c)]
        + [output_text(c) for c in autograded.cells if not is_test(c)]
        + visible_part_output(autograded)))
    seen_tokens, seen_numbers = set(FLOAT.findall(visible)), numbers(visible, MIN_DIGITS)
    text = html_text(page)
    shown_tokens, shown_numbers = set(FLOAT.findall(text)), numbers(text, MIN_PRINTED)
    lines, floats = hidden_literals(aid)
    found = [f"hidden line: {line}" for line in sorted(lines) if line in text and line not in visible]
    for token, value in sorted(floats.items()):
        if token in seen_tokens or any(rounds_to(value, n) for n in seen_numbers):
            continue  # the student sees this value anyway
        if token in shown_tokens:
            found.append(f"hidden value {token}")
        else:
            found += [f"hidden value {token}, printed as {n[0]}" for n in shown_numbers if rounds_to(value, n)]
    return found


def failures(autograded):
    """{grade_id: 'Ename: message'} of every test cell that ended in an error."""
    out = {}
    for cell in autograded.cells:
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if is_test(cell) and errors:
            out[course.nbgrader_meta(cell)["grade_id"]] = squash(f"{errors[-1]['ename']}: {errors[-1]['evalue']}")
    return out


# -- the graded course ----------------------------------------------------------
@pytest.fixture(scope="module")
def graded():
    """The course, and {(student, aid): (feedback HTML, submitted nb, autograded nb)}."""
    aids = sorted(_SELECTED & set(AIDS)) or AIDS  # e.g. -k 01 grades 01 only
    with temporary_course(aids, prefix="nndl-feedback-") as c:
        submitted = {}
        for aid in aids:
            for student, nb in plan(aid).items():
                c.submit(student, aid, nb)
                submitted[(student, aid)] = nb
        for proc in c.autograde_all(aids):
            assert proc.returncode == 0, proc.stderr[-3000:]
        c.generate_feedback("*")  # every assignment in one nbgrader process
        results = {}
        for (student, aid), nb in submitted.items():
            page = c.feedback_html(student, aid).read_text()
            results[(student, aid)] = (page, nb, course.read_notebook(c.autograded_notebook(student, aid)))
        yield c, results


@pytest.mark.parametrize("aid", AIDS)
def test_feedback_has_no_hidden_literal(graded, aid):
    _, results = graded
    problems = []
    for (student, a), (page, submitted, autograded) in sorted(results.items()):
        if a == aid:
            problems += [f"{student}: {leak}" for leak in leaks(aid, page, submitted, autograded)]
    assert not problems, f"{aid} feedback leaks:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("aid", AIDS)
def test_feedback_says_what_failed(graded, aid):
    """Every failing test cell shows its error and message; wrong answers fail with CheckFailed."""
    _, results = graded
    missing, checkfailed = [], 0
    for (student, a), (page, _, autograded) in sorted(results.items()):
        if a != aid:
            continue
        text = html_text(page)
        for gid, message in failures(autograded).items():
            checkfailed += student == "wrong" and message.startswith("CheckFailed: ")
            if message not in text:
                missing.append(f"{student} {gid}: {message[:200]}")
    assert not missing, "failing checks not shown in the feedback:\n" + "\n".join(missing)
    assert checkfailed, f"{aid}: the pack of wrong answers failed no check with CheckFailed"


@pytest.mark.parametrize("aid", AIDS)
def test_crash_inside_hidden_check_shows_the_error_not_the_code(graded, aid):
    _, results = graded
    page, _, autograded = results[("accidents", aid)]
    # a crash is shown as it is, or, inside a case (C.running, C.unchanged), as a
    # failed check naming the case and the exception's type
    crashed = {gid: m for gid, m in failures(autograded).items()
               if m.startswith("ZeroDivisionError: planted") or "raised ZeroDivisionError" in m}
    assert crashed, f"{aid}: no planted crash happened inside a hidden check (is the hidden code reached?)"
    # a test may fail a stray print (05 does, in its print_cost cells); nothing else may fail
    printing = {f"test_{fn}{part}" for fn, accident in accidents(aid).items() if accident == "print"
                for part in ("", "_print")}
    others = {gid: m for gid, m in failures(autograded).items() if gid not in set(crashed) | printing}
    assert not others, f"{aid}: the reference solution failed elsewhere: {others}"
    text = html_text(page)
    for message in crashed.values():
        assert message in text
    assert squash(NOTE) in text


@pytest.mark.skipif(SOFTMAX not in AIDS, reason=f"{SOFTMAX} has no corpus")
def test_hidden_softmax_failures_are_explained(graded):
    _, results = graded
    inplace = html_text(results[("inplace", SOFTMAX)][0])
    assert "CheckFailed: softmax on a (3, 2) array: modified its input 'x' in place" in inplace, inplace[-3000:]
    reshape = html_text(results[("reshape", SOFTMAX)][0])
    # the crash names the case and the exception, not the hidden input's size
    assert "CheckFailed: softmax on a (3, 2) array: raised ValueError" in reshape, reshape[-3000:]
    assert "cannot reshape array of size" not in reshape
    assert squash(NOTE) in reshape


def test_what_hidden_tests_printed_is_not_shown(graded):
    """The debug prints ran in the hidden tests too: the feedback shows a note
    instead (and the literal search above finds none of their values). Some
    hidden tests capture what the function prints (05 fails a print when
    print_cost is False), so not every notebook shows it."""
    _, results = graded
    printed = []
    for (student, aid), (page, _, autograded) in sorted(results.items()):
        if any(printed_in_hidden_part(c) for c in autograded.cells if is_test(c)):
            printed.append(f"{student} {aid}")
            assert HIDDEN_OUTPUT in html_text(page), f"{student} {aid}"
    assert printed, "no debug print ran in any hidden test (is the hidden code reached?)"


def _markdown_html(page):
    """The HTML of the feedback page's markdown cells, one string per cell."""
    cells = re.findall(r'<div class="text_cell_render border-box-sizing rendered_html">(.*?)</div>', page, flags=re.S)
    assert cells, "no markdown cell found in the feedback page (has nbgrader's template changed?)"
    return cells


def test_feedback_formulas_are_mathml_not_tex(graded):
    """The formulas of the markdown cells reach the page as MathML (rendered by the
    browser, offline), with no TeX left for a MathJax that may never load."""
    _, results = graded
    for (student, aid), (page, _, _) in sorted(results.items()):
        cells = _markdown_html(page)
        tex = [c for c in cells if "$" in re.sub(r"<code>.*?</code>|<pre>.*?</pre>", "", c, flags=re.S)]
        assert not tex, f"{student} {aid}: TeX left in the feedback: {tex[0][:300]}"
        assert sum(c.count("<math ") for c in cells) >= 5, f"{student} {aid}: no MathML in the feedback"


def test_feedback_loads_nothing_from_the_network(graded):
    """No MathJax (or anything else) from a CDN: the page is complete offline."""
    _, results = graded
    for (student, aid), (page, _, _) in sorted(results.items()):
        assert not re.search(r"<script[^>]+src=[\"']https?:", page), f"{student} {aid}: a script from the network"
        assert "cdnjs" not in page


@pytest.mark.skipif(NO_BROWSER is not None, reason=NO_BROWSER or "")
def test_feedback_formulas_render_in_the_browser(graded, tmp_path):
    """Chromium, offline, shows a feedback page's formulas as MathML with a real size, and
    requests nothing from the network and logs no error."""
    from playwright.sync_api import sync_playwright
    _, results = graded
    (student, aid), (page_html, _, _) = sorted(results.items())[-1]
    path = tmp_path / "feedback.html"
    path.write_text(page_html)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        context = launch_chromium(pw, CHROMIUM, tmp_path / "profile", viewport=(1100, 900))
        try:
            page = context.new_page()
            errors, remote = [], []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            page.goto(path.as_uri(), wait_until="load")
            heights = page.eval_on_selector_all("math", "ms => ms.map(m => m.getBoundingClientRect().height)")
            page.screenshot(path=str(ARTIFACTS / f"feedback-{aid}.png"), full_page=False)
        finally:
            context.close()
    assert len(heights) >= 5 and all(h > 5 for h in heights), heights[:10]
    assert remote == [] and errors == [], (remote, errors)


def test_tex_to_mathml_leaves_code_and_dollar_signs_alone():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from nndl.tools.grade.nbgrader_ext import tex_to_mathml

    source = "Cost $J = \\frac{1}{m}$, *emph*, `$x$` and \\$5.\n\n$$a_1 * b_2$$\n\n```\n$y$\n```\n"
    converted = tex_to_mathml(source)
    assert converted.count("<math ") == 2 and 'display="block"' in converted
    assert "`$x$`" in converted and "\\$5" in converted and "```\n$y$\n```" in converted
    html = markdown2html_mistune(converted)
    assert html.count("<math ") == 2 and "<em>emph</em>" in html and "<em>" not in html.split("<math ")[2]


def test_passed_line_is_what_the_feedback_looks_for(capsys):
    checks.passed("softmax")
    assert PASSED in capsys.readouterr().out


def test_the_search_finds_the_leaks_without_hidehiddentracebacks(graded):
    """Without HideHiddenTracebacks, IPython's traceback of a planted crash quotes
    hidden lines and the debug prints show hidden values, and the search above
    reports both: the checks can fail."""
    c, results = graded
    aid = sorted(a for _, a in results)[0]
    preprocessors = ["nbgrader.preprocessors.GetGrades", "nbgrader.preprocessors.ClearHiddenTests",
                     "nbgrader.preprocessors.ClearMarkScheme", "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
    c.run(["generate_feedback", aid, "--force", f"--GenerateFeedback.preprocessors={preprocessors!r}"])
    _, submitted, autograded = results[("accidents", aid)]
    page = c.feedback_html("accidents", aid).read_text()
    assert squash(NOTE) not in html_text(page), "HideHiddenTracebacks still ran"
    found = leaks(aid, page, submitted, autograded)
    assert any(leak.startswith("hidden line") for leak in found), found
    assert any(leak.startswith("hidden value") for leak in found), found


# -- the preprocessor on small inputs (no nbgrader run) ---------------------------
def _outputs_after_feedback(outputs):
    from nbformat.v4 import new_code_cell

    from nndl.tools.grade.nbgrader_ext import HideHiddenTracebacks

    cell = new_code_cell('"""f"""\nC.passed("f")', outputs=outputs)
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "test_f", "locked": True, "points": 1,
                                 "schema_version": 3, "solution": False, "task": False}
    cell, _ = HideHiddenTracebacks().preprocess_cell(cell, {}, 0)
    return cell.outputs


def test_hidden_part_output_is_cut_at_the_passed_line():
    from nbformat.v4 import new_output

    err = new_output("error", ename="CheckFailed", evalue="f on a (3, 2) array: wrong values",
                     traceback=["----> 9 C.expect_array(f(_x), _e, 'f on a (3, 2) array')"])
    outs = _outputs_after_feedback([
        new_output("stream", name="stdout", text="mine 1\n\u2714 f: all visible checks passed."),
        new_output("stream", name="stdout", text="\nf returns 0.8807970779778823\n"),
        new_output("display_data", data={"text/plain": "<Figure>"}),
        err])
    assert [o.output_type for o in outs] == ["stream", "stream", "error"]
    assert outs[0].text == "mine 1\n\u2714 f: all visible checks passed.\n"
    assert outs[1].text.strip() == HIDDEN_OUTPUT
    assert outs[2].traceback == ["CheckFailed: f on a (3, 2) array: wrong values", NOTE]


def test_nothing_is_cut_when_the_hidden_part_printed_nothing():
    from nbformat.v4 import new_output

    outs = _outputs_after_feedback([new_output("stream", name="stdout", text="\u2714 f: all visible checks passed."),
                                    new_output("stream", name="stdout", text="\n")])
    assert [o.get("text") for o in outs] == ["\u2714 f: all visible checks passed.\n"]
    outs = _outputs_after_feedback([new_output("stream", name="stdout", text="debug 3\n")])  # visible part failed
    assert [o.get("text") for o in outs] == ["debug 3\n"]
