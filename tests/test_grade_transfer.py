"""What the workers of `nndl grade` send back, and how they check a kernel's outputs.

Both are done faster than nbformat's defaults; both must decide exactly as those do.
"""
import copy
import json

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


def test_the_notebook_sent_back_keeps_what_only_pythons_encoder_can_write():
    """A lone surrogate (what a kernel's undecodable output can become) comes back as it was
    sent: orjson refuses it, and compact falls back to Python's encoder."""
    nb = new_notebook(cells=[new_code_cell("print(x)", outputs=[new_output("stream", text="a\ud800b\n")],
                                           execution_count=1)])
    got = nbformat.reads(remote.compact(copy.deepcopy(nb)), as_version=nbformat.NO_CONVERT)
    assert got.cells[0].outputs[0].text == "a\ud800b\n"


def test_grading_validates_a_notebook_once_and_still_refuses_an_invalid_one(monkeypatch):
    """With the course's config, nbconvert validates a notebook once, after its last preprocessor
    (not after each of them), and a notebook left invalid is still refused."""
    from nbconvert.exporters import NotebookExporter
    from nbconvert.preprocessors import Preprocessor

    from nndl.tools import course
    from nndl.tools.grade.dask_grader import load_config

    class Breaks(Preprocessor):
        def preprocess(self, nb, resources):
            nb.cells[0]["not_a_cell_field"] = 1  # relaxed validation allows extra keys in metadata only
            nb.cells[0].pop("source")
            return nb, resources

    class Passes(Preprocessor):
        def preprocess(self, nb, resources):
            return nb, resources

    calls = []
    real = nbformat.validate
    # (nbconvert's check between preprocessors is the relaxed one; writing the notebook checks it too)
    monkeypatch.setattr(nbformat, "validate",
                        lambda *a, **k: (calls.append(1) if k.get("relax_add_props") else None, real(*a, **k))[1])
    config = load_config(course.ROOT)
    nb = new_notebook(cells=[new_code_cell("x = 1")])

    fine = NotebookExporter(config=config, preprocessors=[Passes(), Passes(), Passes()])
    fine.from_notebook_node(copy.deepcopy(nb))
    assert len(calls) == 1
    broken = NotebookExporter(config=config, preprocessors=[Breaks(), Passes()])
    with pytest.raises(nbformat.ValidationError):
        broken.from_notebook_node(copy.deepcopy(nb))


def test_output_cap_counts_data_as_json_whatever_encodes_it():
    """ResilientExecute's cap on output counts a display's data as its JSON length: orjson's for
    what it encodes, Python's for what orjson refuses (an integer past 64 bits), text as text."""
    from nndl.tools.grade.nbgrader_ext import _message_size

    record = {"batch": [{"seq": k, "what": "w" * 100, "args": {"v": 1.5}} for k in range(50)]}
    assert _message_size({"data": {"application/vnd.nndl.record+json": record}}) == len(json.dumps(record,
                                                                                                  separators=(",", ":")))
    huge = {"n": 2 ** 70}
    assert _message_size({"data": {"application/json": huge, "text/plain": "abc"}}) == len(json.dumps(huge)) + 3
    assert _message_size({"text": "x" * 10, "traceback": ["ab", "c"], "evalue": "e"}) == 14
