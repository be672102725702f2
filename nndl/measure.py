"""Measurements: what a check saw, handed out as plain data for the trusted judge.

While the course's grader runs a notebook (``NNDL_JUDGE=1`` in the kernel's
environment), every check of ``nndl.checks`` also *records* what it was given:
the learner's value, encoded as plain JSON (numbers, strings, lists, dicts,
arrays as base64 bytes with dtype and shape), emitted as a display output of
MIME type ``application/vnd.nndl.record+json`` (under the grader's guard, a
cell's records together, as ``{"batch": [...]}``, when the cell ends). Inside hidden tests the checks
only record: the comparison, the score and the message are made by the judge
(``nndl/tools/grade/judge.py``) in the grader's own process, against what the
reference solution recorded on the same inputs.

Nothing here decides anything: a record is what the kernel says it saw, and
the judge trusts it exactly as far as the values in it are right.
"""
import base64
import hashlib
import math
import numbers
import os

import numpy as np

MIME = "application/vnd.nndl.record+json"
# Arrays above this many entries are sampled: a fixed spread of entries plus
# the sums of every row and column (a 12288 x 209 data matrix is 20 MB).
MAX_ENTRIES = 100_000
SAMPLE = 16_384
MAX_DEPTH = 8

# A cell's records are held and sent together when it ends (``flush``, an IPython
# post_run_cell callback registered by nndl.checks under grading): one output per
# cell rather than one per check (860 in a submission), each a round trip between
# the kernel's threads and a message the grader decodes. At most BATCH are held.
BATCH = 64

_state = {"seq": 0, "hidden": False, "pending": [], "held": False}


def enabled():
    return os.environ.get("NNDL_JUDGE") == "1"


def hidden():
    """True inside a hidden-test section (the grader marks them)."""
    return enabled() and _state["hidden"]


def section(is_hidden):
    """Called by the grader's version of a test cell where hidden tests begin and end."""
    _state["hidden"] = bool(is_hidden)


def new_cell(*_):
    """Every cell numbers its records from 0 (an IPython pre_run_cell callback); records a cell
    did not send are its own, never the next cell's."""
    _state["seq"], _state["hidden"], _state["pending"] = 0, False, []


def hold():
    """From now on records wait for ``flush`` (the caller registered it to run after every cell)."""
    _state["held"] = True


def flush(*_):
    """Send the records held so far as one output (an IPython post_run_cell callback)."""
    pending, _state["pending"] = _state["pending"], []
    if pending:
        _publish({"batch": pending}, f"({len(pending)} measurements for the grader)")


def _publish(payload, text):
    try:
        from IPython.display import publish_display_data
    except ImportError:  # outside IPython there is no grader to hand it to
        return
    publish_display_data({MIME: payload, "text/plain": text})


class Digested:
    """Wraps a value whose arrays are recorded by digest only (inputs checked for being unchanged:
    equality is all that matters there, and a data matrix need not cross twice)."""

    def __init__(self, value):
        self.value = value


class Shaped:
    """Wraps a value of which a check needs only the type and, for an array, shape and dtype."""

    def __init__(self, value):
        self.value = value


def encode(value, depth=0, digest=False):
    """``value`` as plain JSON data with its type; anything else as its type's name."""
    if depth > MAX_DEPTH:
        return {"t": "other", "type": "too deeply nested"}
    if type(value) is Digested:
        return encode(value.value, depth, digest=True)
    if type(value) is Shaped:
        a = value.value
        if isinstance(a, np.ndarray) and a.dtype.kind in "biufc":
            return {"t": "shape", "dtype": a.dtype.str, "shape": list(np.ndarray.view(a, np.ndarray).shape)}
        return encode(a, depth)
    t = type(value)
    if value is None:
        return {"t": "none"}
    if t is bool:
        return {"t": "bool", "v": value}
    if t is int:
        return {"t": "int", "v": str(value)}
    if t is float:
        return {"t": "float", "v": _float(value)}
    if t is complex:
        return {"t": "complex", "v": [_float(value.real), _float(value.imag)]}
    if t is str:
        return {"t": "str", "v": value[:100_000]}
    if isinstance(value, np.ndarray):
        return _digest(value) if digest else _array(value)
    if isinstance(value, np.generic):
        return {"t": "npscalar", "a": _array(np.asarray(value))}
    if t in (list, tuple):
        return {"t": t.__name__, "v": [encode(x, depth + 1, digest) for x in value[:10_000]]}
    if t is dict:
        items = list(value.items())[:10_000]
        if all(type(k) is str for k, _ in items):
            return {"t": "dict", "k": [k for k, _ in items], "v": [encode(v, depth + 1, digest) for _, v in items]}
    if isinstance(value, numbers.Number):
        return {"t": "other", "type": f"{t.__module__}.{t.__name__}"}
    return {"t": "other", "type": f"{t.__module__}.{t.__name__}"}


def _float(x):
    return x if math.isfinite(x) else repr(x)


def _digest(a):
    a = np.ndarray.view(a, np.ndarray)
    if a.dtype.kind not in "biufc":
        return {"t": "other", "type": f"numpy array of dtype {a.dtype}"}
    h = hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()
    return {"t": "sha", "dtype": a.dtype.str, "shape": list(a.shape), "h": h}


def _array(a):
    a = np.ndarray.view(a, np.ndarray)  # never an ndarray subclass's idea of itself
    if a.dtype.kind not in "biufc":
        return {"t": "other", "type": f"numpy array of dtype {a.dtype}"}
    out = {"t": "nd", "dtype": a.dtype.str, "shape": list(a.shape)}
    if a.size <= MAX_ENTRIES:
        out["b64"] = base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")
        return out
    flat = a.reshape(-1)
    picks = np.linspace(0, a.size - 1, SAMPLE).astype(np.int64)
    out["sample"] = base64.b64encode(np.ascontiguousarray(flat[picks]).tobytes()).decode("ascii")
    if a.ndim == 2 and a.dtype.kind in "biuf":
        a = a.astype(np.float64, copy=False)  # (a float64 array as it is: no 20 MB copy per sum)
        out["rows"] = base64.b64encode(a.sum(axis=1).tobytes()).decode("ascii")
        out["cols"] = base64.b64encode(a.sum(axis=0).tobytes()).decode("ascii")
    return out


def record(check, what, /, **values):
    """Emit one record: the check's kind, its label and its arguments, encoded."""
    if not enabled():
        return
    seq = _state["seq"]
    _state["seq"] = seq + 1
    payload = {"seq": seq, "kind": check, "what": str(what)[:500], "hidden": _state["hidden"],
               "args": {name: encode(v) for name, v in values.items()}}
    if not _state["held"]:
        _publish(payload, f"(measurement {seq} for the grader)")
        return
    _state["pending"].append(payload)
    if len(_state["pending"]) >= BATCH:
        flush()
