"""Every assignment, whatever its number: the pipeline's guarantees.

These tests discover assignments from notebooks/, so a new notebook is
covered as soon as it is authored.
"""
import re

import jupytext
import nbformat
import pytest
from nbgrader.validator import Validator
from traitlets.config import Config

from nndl.tools.author import build, refs
from nndl.tools import course

from .conftest import AIDS

pytestmark = pytest.mark.parametrize("aid", AIDS)


def _validator(**kw):
    cfg = Config()
    cfg.Execute.timeout = 300
    return Validator(config=cfg, **kw)


def test_source_passes_all_its_tests(aid):
    """The reference solution passes every test cell (nbgrader's Validator, which
    unlike the CLI reports failures in its return value)."""
    result = _validator().validate(str(course.source_path(aid)))
    assert result == {}, f"source/{aid} fails: {result}"


def test_untouched_release_fails_every_test(aid):
    result = _validator(invert=True).validate(str(course.release_path(aid)))
    assert result == {}, f"release/{aid}: some test passes without any work: {result}"


def test_full_solution_gets_full_marks(aid, graded_course):
    score, max_score = graded_course.scores()[("solution", aid)]
    nb = course.read_notebook(course.source_path(aid))
    assert max_score == course.total_points(nb) > 0
    assert score == max_score, graded_course.cell_scores("solution", aid)


def test_untouched_release_scores_zero(aid, graded_course):
    score, max_score = graded_course.scores()[("untouched", aid)]
    assert score == 0 and max_score > 0


def test_release_is_what_nbgrader_generates_now(aid, graded_course):
    """release/ committed == generate_assignment run on the committed source/."""
    fresh = nbformat.read(str(course.release_path(aid, graded_course.root)), as_version=4)
    assert nbformat.writes(fresh) == nbformat.writes(course.read_notebook(course.release_path(aid)))


def test_source_is_what_the_authoring_script_gives(aid):
    fresh = build.normalize(jupytext.read(course.authoring_path(aid)))
    committed = course.source_path(aid).read_text()
    assert nbformat.writes(fresh, version=4) + "\n" == committed, (
        f"source/{aid} is stale: run `make build` and commit")


def test_committed_notebooks_have_no_outputs(aid):
    for path in (course.source_path(aid), course.release_path(aid)):
        nb = course.read_notebook(path)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{path}: cell {cell.id} has outputs"


def _meaningful_lines(block):
    """Lines worth searching for: not blank, not comments, not trivially common."""
    for line in block.splitlines():
        s = line.strip()
        if len(s) >= 12 and not s.startswith("#") and s not in {"return None", "pass"}:
            yield s


def test_release_has_no_solution_or_hidden_test(aid):
    source = course.read_notebook(course.source_path(aid))
    release_text = "\n".join(c.source for c in course.read_notebook(course.release_path(aid)).cells)
    for cell in source.cells:
        for block in course.solution_blocks(cell.source) + course.hidden_blocks(cell.source):
            for line in _meaningful_lines(block):
                assert line not in release_text, f"release/{aid} leaks: {line!r}"
    assert "BEGIN HIDDEN TESTS" not in release_text and "BEGIN SOLUTION" not in release_text


def _hidden_numbers(source_nb):
    """Every float literal with at least 5 significant digits in a hidden block."""
    nums = set()
    for cell in source_nb.cells:
        for block in course.hidden_blocks(cell.source):
            nums.update(re.findall(r"\d+\.\d{5,}(?:e[-+]?\d+)?", block))
    return nums


def test_release_has_no_hidden_reference_value(aid):
    source = course.read_notebook(course.source_path(aid))
    release_text = course.release_path(aid).read_text()
    visible = "\n".join(
        re.sub(re.escape(course.HIDDEN_BEGIN) + ".*?" + re.escape(course.HIDDEN_END), "", c.source, flags=re.S)
        for c in source.cells)
    leaked = [n for n in _hidden_numbers(source) if n in release_text and n not in visible]
    assert not leaked, f"release/{aid} contains hidden reference values: {leaked[:5]}"


def test_grade_metadata_is_sane(aid):
    nb = course.read_notebook(course.source_path(aid))
    ids = [course.nbgrader_meta(c)["grade_id"] for c in nb.cells if course.nbgrader_meta(c)]
    assert len(ids) == len(set(ids)), f"duplicate grade_ids in {aid}"
    tests = course.grade_cells(nb)
    solutions = course.solution_cells(nb)
    for gid, cell in tests.items():
        meta = course.nbgrader_meta(cell)
        assert meta.get("locked") and meta.get("points", 0) > 0, f"{gid}: must be locked with points"
        assert cell.source.lstrip().startswith('"""'), f"{gid}: starts with a one-line docstring"
        assert not meta.get("solution"), f"{gid}: a test cell is not a solution cell"
    for gid, cell in solutions.items():
        if cell.cell_type != "code":
            continue
        defined = re.findall(r"^def (\w+)\(", cell.source, flags=re.M)
        if not defined:
            continue  # a variable exercise (e.g. m_train = ...), graded or not
        assert defined == [gid], f"solution cell {gid} must define exactly the function {gid}, found {defined}"
        assert f"test_{gid}" in tests, f"graded function {gid} has no test cell test_{gid}"
    setup = next(c for c in nb.cells if c.cell_type == "code")
    meta = course.nbgrader_meta(setup)
    assert meta.get("grade_id") == "setup" and meta.get("locked") and not meta.get("solution"), (
        "the first code cell must be the locked setup cell (see notebooks/README.md)")
    assert "from nndl import checks as C" in setup.source
    stated = course.stated_total(nb)
    assert stated == course.total_points(nb), f"{aid} states Total: {stated} points, test cells add to {course.total_points(nb)}"


def test_reference_literals_match_the_reference_solution(aid):
    assert refs.drift(aid) == []
