"""What the workers of `nndl grade` send back, and how they check a kernel's outputs.

Both are done faster than nbformat's defaults; both must decide exactly as those do.
"""
import copy

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from nndl.tools.grade import nbgrader_ext, remote

VALID = [
    ("stream", dict(name="stdout", text="ok\n")),
    ("display_data", dict(data={"text/plain": "x", "application/vnd.nndl.record+json": {"a": [1, {"b": None}]}},
                          metadata={})),
    ("execute_result", dict(data={"text/plain": "42"}, metadata={}, execution_count=3)),
    ("error", dict(ename="AssertionError", evalue="no", traceback=["AssertionError: no"])),
]
INVALID = [
    ("stream", dict(name="stdout", text="x", extra=1)),
    ("display_data", dict(data={"text/plain": 3}, metadata={})),
    ("display_data", dict(data={"image/png": ["not", 1]}, metadata={})),
    ("execute_result", dict(data={}, metadata={}, execution_count="three")),
    ("error", dict(ename="E", evalue="v", traceback="not a list")),
]


def _verdict(output_type, fields):
    try:
        new_output(output_type, **copy.deepcopy(fields))
        return "valid"
    except Exception as error:  # noqa: BLE001 - the class of what nbformat raises is the verdict
        return type(error)


@pytest.mark.parametrize("output_type, fields", VALID + INVALID)
def test_fast_output_validation_decides_as_nbformat_does(monkeypatch, output_type, fields):
    """Every output a kernel sends gets the same verdict (valid, or the same exception) with the
    fast check installed as with nbformat's own."""
    import nbformat.v4.nbbase as nbbase

    # nbformat's own check (put back as it was after the test)
    monkeypatch.setattr(nbbase, "validate", getattr(nbbase.validate, "original", nbbase.validate))
    before = _verdict(output_type, fields)
    nbgrader_ext.fast_output_validation()
    assert getattr(nbbase.validate, "fast", False)
    assert _verdict(output_type, fields) == before
    assert (before == "valid") == ((output_type, fields) in VALID)


def test_a_valid_output_does_not_reach_jsonschema(monkeypatch):
    """The fast check accepts a valid output by itself; nbformat's slow check runs only on a rejection."""
    import nbformat.v4.nbbase as nbbase

    calls = []

    def counting(node, ref=None):
        calls.append(ref)

    monkeypatch.setattr(nbbase, "validate", counting)
    nbgrader_ext.fast_output_validation()
    for output_type, fields in VALID:
        new_output(output_type, **copy.deepcopy(fields))
    assert calls == []
    new_output("stream", name="stdout", text="x", extra=1)
    assert calls == ["stream"]


def test_the_notebook_sent_back_reads_as_nbformat_wrote_it():
    """remote.compact's text reads back to the same notebook as nbformat.writes' text, transient
    fields removed, with multi-line and non-ASCII text intact."""
    nb = new_notebook(cells=[new_markdown_cell("# Title é\n\nline"),
                             new_code_cell("x = 1\nprint('é')", outputs=[new_output("stream", text="é\nb\n")],
                                           execution_count=1)])
    nb.metadata["orig_nbformat"] = 3
    nb.cells[1].metadata["trusted"] = True
    expected = nbformat.reads(nbformat.writes(copy.deepcopy(nb)), as_version=nbformat.NO_CONVERT)
    got = nbformat.reads(remote.compact(copy.deepcopy(nb)), as_version=nbformat.NO_CONVERT)
    assert got == expected
    assert "orig_nbformat" not in got.metadata and "trusted" not in got.cells[1].metadata
