"""Learner-facing checks for the notebooks' test cells.

Every check raises ``CheckFailed`` with a message that says *which* check
failed and *why* (type, shape, values, on which kind of input). Hidden checks
never print the expected values; visible ones may (``reveal=True``), because
those values are in the notebook anyway.

A typical test cell::

    C.expect_array(sigmoid(x), expected, "sigmoid on a (3, 2) array")
    C.passed("sigmoid")
"""
import builtins
import copy
import functools
import hashlib
import inspect
import numbers
import operator
import os
import sys
import warnings
from itertools import repeat

import numpy as np

from . import diagnose as _diagnose
from . import measure as _measure


class CheckFailed(AssertionError):
    """A check of a learner's answer failed; the message says why."""


def _fail(what, why):
    raise CheckFailed(f"{what}: {why}")


def _describe_type(value):
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    t = type(value)
    return f"a {t.__name__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__name__}"


def passed(name):
    """The success line that ends every visible check."""
    print(f"\u2714 {name}: all visible checks passed.")


def expect_type(value, types, what):
    """``value`` is an instance of ``types`` (a type or tuple of types)."""
    if not isinstance(value, types):
        types = types if isinstance(types, tuple) else (types,)
        names = " or ".join("a numpy array" if t is np.ndarray else f"a {t.__name__}" for t in types)
        _fail(what, f"should be {names}, but it is {_describe_type(value)}"
                    f"{_hint(_diagnose.type_hint, value, types)}")


def expect_callable(namespace, name):
    """The notebook defines a function called ``name``."""
    fn = namespace.get(name)
    if not callable(fn):
        _fail(name, "is not defined as a function; run the cell that defines it (and keep its name)")


def _dtype_text(dtype, kind):
    names = {"f": "a float", "b": "a boolean", "i": "an integer"}
    return f"dtype is {dtype}, but it should be {names.get(kind, kind)} dtype" + _hint(_diagnose.dtype_hint, dtype, kind)


def _modified_text(name, before):
    return f"modified its input '{name}' in place\nHint: {_copy_hint(before)}"


def _why_text(why):
    """An expect_true reason "symptom: cause" or "symptom; remedy": the cause on its own Hint: line."""
    try:
        return _diagnose.split_why(why)
    except Exception:  # noqa: BLE001 - the reason as written is still right
        return why


def _hint(relation, *args, **kwargs):
    """"\nHint: <likely cause>" from nndl.diagnose, or "" when it finds none.

    A bug in a hint must never turn a failed check into a crash: anything it
    raises is dropped, and the check fails with its plain message.
    """
    try:
        found = relation(*args, **kwargs)
    except Exception:  # noqa: BLE001 - a hint is a bonus, the verdict stands without it
        return ""
    return f"\nHint: {found}" if found else ""


def _plain(value):
    """A plain ndarray view of ``value``: an ndarray subclass cannot override
    comparisons, shape or dtype to fool a check."""
    return np.ndarray.view(value, np.ndarray)


def expect_shape(value, shape, what):
    """``value`` is a numpy array of exactly ``shape``."""
    expect_type(value, np.ndarray, what)
    value = _plain(value)
    shape = tuple(shape)
    if value.shape != shape:
        _fail(what, f"shape is {value.shape}, but it should be {shape}{_hint(_diagnose.shape_hint, value.shape, shape)}")


def _mismatch_text(bad, total, first):
    return f"{bad} of {total} entries differ from the expected values (the first at index {first})"


def expect_array(actual, expected, what, rtol=1e-6, atol=1e-9, kind=None, reveal=False, start=None,
                 inputs=None, m=None):
    """``actual`` is an array with ``expected``'s shape and values.

    kind: optional numpy dtype kind the result must have, e.g. "f" (float),
    "b" (boolean). reveal: show the expected values in the message (visible
    checks only; hints then may name a factor). start: the value before
    training; a result still equal to it gets a hint that nothing was updated.
    inputs: optional {name: array} the function was given (a result equal to
    one of them is named); m: the number of examples (names a factor m or 1/m).
    A failure ends with a line "Hint: ..." when the values' relation names a
    likely cause (nndl/diagnose.py).
    """
    expected = np.asarray(expected)
    expect_shape(actual, expected.shape, what)
    actual = _plain(actual)
    if kind is not None and actual.dtype.kind != kind:
        _fail(what, _dtype_text(actual.dtype, kind))
    if actual.dtype.kind in "fc" and not np.all(np.isfinite(actual)):
        _fail(what, "contains nan or inf" + _hint(_diagnose.nonfinite_hint, actual, what))
    try:
        ok = np.isclose(actual.astype(float, copy=False), expected.astype(float, copy=False), rtol=rtol, atol=atol)
    except (TypeError, ValueError):
        ok = actual == expected
    if not np.all(ok):
        bad = np.argwhere(~np.atleast_1d(ok))
        first = tuple(int(i) for i in bad[0]) if actual.ndim else ()
        msg = _mismatch_text(len(bad), ok.size, first)
        if reveal:
            msg += f".\n  got:\n{actual}\n  expected:\n{expected}"
        _fail(what, msg + _hint(_diagnose.array_hint, actual, expected, what, reveal=reveal, start=start,
                                inputs=inputs, m=m))


def expect_scalar(actual, expected, what, rtol=1e-6, atol=1e-9, python_float=False, reveal=False, m=None,
                  n_entries=None, inputs=None):
    """``actual`` is a single number close to ``expected``.

    A Python number, a numpy scalar and a 0-d array are all accepted unless
    ``python_float`` is set, in which case it must be a Python ``float``.
    m: the number of examples, n_entries: the number of entries summed (each
    names a factor in the hint: a sum for a mean, a missing 1/m); inputs: the
    arrays the function was given ({"yhat": ..., "y": ...} names a loss formula).
    """
    if python_float:
        if type(actual) is not float:
            _fail(what, f"should be a Python float, but it is {_describe_type(actual)}"
                        f"{_hint(_python_float_hint, actual)}")
    elif isinstance(actual, np.ndarray):
        plain = _plain(actual)
        if plain.ndim != 0:
            hint = ("np.squeeze it (or float(...)): one number, not an array of one" if plain.size == 1 else
                    "it should be reduced to one number: a sum (np.sum) or mean over the entries is missing, "
                    "or a product gives an array where a dot product gives a number?")
            _fail(what, f"should be a single number, but it is an array of shape {plain.shape}"
                        f"{_hint(lambda: hint)}")
    elif not isinstance(actual, numbers.Number):
        _fail(what, f"should be a number, but it is {_describe_type(actual)}"
                    f"{_hint(_number_type_hint, actual)}")
    value = _number(actual)
    if value.imag != 0 or not np.isfinite(value.real):
        _fail(what, "is not a finite real number" + (_hint(_diagnose.nonfinite_hint, value.real, what)
                                                   if value.imag == 0 else ""))
    if not np.isclose(value.real, float(expected), rtol=rtol, atol=atol):
        msg = "value differs from the expected one"
        if reveal:
            msg += f": got {value.real!r}, expected {float(expected)!r}"
        _fail(what, msg + _hint(_diagnose.scalar_hint, value.real, float(expected), what, reveal=reveal, m=m,
                                n_entries=n_entries, inputs=inputs))


def _python_float_hint(actual):
    if isinstance(actual, np.ndarray):
        return "convert the result with float(...) (np.squeeze keeps an array)"
    return "convert the result with float(...): a numpy or integer result is not a Python float"


def _number_type_hint(actual):
    if actual is None:
        return "the function returns None: a missing return statement?"
    if isinstance(actual, (tuple, list, dict)):
        return "a container where one number is wanted: return the number itself (an element, or its sum?)"
    return None


def _number(x):
    """The stored value of a number, whatever its class overrides (repr of the
    base type reads the raw value)."""
    if isinstance(x, np.ndarray):
        return complex(_plain(x).item())
    if isinstance(x, float):
        return complex(float(float.__repr__(x)))
    if isinstance(x, int):
        return complex(int(int.__repr__(x)))
    return complex(x)


def expect_equal(actual, expected, what, reveal=False):
    """``actual == expected`` exactly (tuples, ints, strings, lists of those)."""
    try:
        same = bool(actual == expected)
    except Exception:  # e.g. comparing arrays of different shapes
        same = False
    if not same:
        msg = f"got {actual!r}, expected {expected!r}" if reveal else "is not the expected value"
        _fail(what, msg + _hint(_diagnose.equal_hint, actual, expected, what))


def expect_keys(mapping, keys, what):
    """``mapping`` is a dict whose keys are exactly ``keys``."""
    expect_type(mapping, dict, what)
    missing = [k for k in keys if k not in mapping]
    extra = [k for k in mapping if k not in keys]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing keys {missing}")
        if extra:
            parts.append(f"unexpected keys {extra}")
        _fail(what, "; ".join(parts) + _hint(_diagnose.keys_hint, missing, extra))


def expect_true(condition, what, why):
    """A custom condition; ``why`` says what is wrong when it is false."""
    if not condition:
        _fail(what, _why_text(why))


# What a crash says: the exception's type always; its text only for the types
# whose text names code (a key, a name, an attribute), never data, since a
# ValueError or IndexError text would give away a hidden input's sizes.
_CRASH_HINTS = {
    "KeyError": "a key the dict does not have: is a number of layers or a key name hard-coded?",
    "IndexError": "an index past the end of an axis: is a size hard-coded?",
    "ValueError": "often shapes that do not fit together (a hard-coded size or a missing transpose?)",
    "TypeError": "an operation got the wrong kind of value (a tuple or None instead of an array?)",
    "ZeroDivisionError": "a division by zero",
    "NotImplementedError": "the exercise still raises NotImplementedError: replace that line with your code",
}
_TEXT_SHOWN = ("KeyError", "NameError", "AttributeError", "UnboundLocalError")


def _crash_text(exc):
    """ "raised KeyError 'W3'": the type name, plus what is safe to show."""
    name = type(exc).__name__
    if isinstance(exc, CheckFailed):
        return None
    text = f"raised {name}"
    if name in _TEXT_SHOWN:
        arg = exc.args[0] if len(exc.args) == 1 else None
        if type(arg) in (str, int):
            shown = repr(arg) if name == "KeyError" else arg
            text += f" {shown}"[:120]
    try:
        hint = _diagnose.crash_hint(name, str(exc)) or _CRASH_HINTS.get(name)
    except Exception:  # noqa: BLE001 - an exception whose str() fails
        hint = _CRASH_HINTS.get(name)
    return f"{text}\nHint: {hint}" if hint else text


class running:
    """Context manager: a crash inside becomes a failed check that names the
    case, without the crash's data (so no hidden size leaks).

        with C.running("L_model_forward on a 3-layer network"):
            AL, caches = L_model_forward(X, parameters)
    """

    def __init__(self, what):
        self.what = what

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None or not issubclass(exc_type, Exception) or issubclass(exc_type, CheckFailed):
            return False
        raise CheckFailed(f"{self.what}: {_crash_text(exc)}") from None


def call(what, fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, a crash reported as a failed check on ``what``."""
    with running(what):
        return fn(*args, **kwargs)


class unchanged(running):
    """Context manager: the arrays/dicts given must not be modified inside
    (and a crash inside is a failed check naming the case, as with ``running``).

        with C.unchanged("propagate", w=w, X=X):
            propagate(w, b, X, Y)
    """

    def __init__(self, what, **inputs):
        super().__init__(what)
        self.inputs = inputs
        self.copies = {k: copy.deepcopy(v) for k, v in inputs.items()}

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return super().__exit__(exc_type, exc, tb)
        for name, before in self.copies.items():
            if not _same(before, self.inputs[name]):
                _fail(self.what, _modified_text(name, before))
        return False


def _copy_hint(value):
    if isinstance(value, dict):
        return ("a dict of arrays needs a deep copy (copy.deepcopy(d); d.copy() shares the arrays), "
                "or compute new arrays (W = W - learning_rate * dW) instead of updating with -=")
    return ("work on a copy (x.copy() for an array; for a dict of arrays copy.deepcopy(d), since d.copy() "
            "shares the arrays), or compute new arrays (W = W - learning_rate * dW) instead of updating with -=")


def grade_alone(namespace, **correct):
    """Grade one function on its own: until the running cell ends, the names in
    ``correct`` (the helpers the learner's function calls) refer to the given
    correct functions; the learner's own are put back afterwards, whether the
    cell passed or failed. So a bug in a helper costs its own test only.

        C.grade_alone(globals(), linear_forward=_ref_linear_forward)
    """
    saved = {name: namespace[name] for name in correct if name in namespace}
    namespace.update(correct)
    try:
        shell = get_ipython()  # noqa: F821 - defined inside IPython only
    except NameError:
        return  # outside IPython (nndl refs): the reference solution is in use anyway

    def restore(*_):
        for name in correct:
            if name in saved:
                namespace[name] = saved[name]
            else:
                namespace.pop(name, None)
        shell.events.unregister("post_run_cell", restore)

    shell.events.register("post_run_cell", restore)


def _same(a, b):
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _short_traceback(shell, etype, value, tb, tb_offset=None):
    """IPython handler for CheckFailed: the message only, no code context.

    The code around a failing check may be a hidden test; the message says
    everything a learner needs.
    """
    stb = [f"\x1b[0;31mCheckFailed\x1b[0m: {value}"]
    # IPython leaves the display to the handler; this sends the usual 'error'
    # output (ename, evalue, traceback), so the cell still counts as failed.
    shell._showtraceback(etype, value, stb)
    return stb


def _any_traceback(shell, etype, value, tb, tb_offset=None):
    """IPython handler for every exception: CheckFailed as above; any other crash
    with IPython's usual traceback, plus a "Hint:" line when its type and text
    name a common cause (a broadcast without keepdims, math.exp on an array)."""
    if issubclass(etype, CheckFailed):
        return _short_traceback(shell, etype, value, tb, tb_offset)
    stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    try:
        hint = _diagnose.crash_hint(etype.__name__, str(value)) or _CRASH_HINTS.get(etype.__name__)
    except Exception:  # noqa: BLE001 - the traceback is shown all the same
        hint = None
    if hint:
        stb = list(stb) + [f"Hint: {hint}"]
        shell._showtraceback(etype, f"{value}\nHint: {hint}", stb)
    else:
        shell._showtraceback(etype, value, stb)
    return stb


def _install_ipython_handler():
    try:
        shell = get_ipython()  # noqa: F821 - defined inside IPython only
    except NameError:
        return
    if shell is not None and hasattr(shell, "_showtraceback"):
        shell.set_custom_exc((Exception,), _any_traceback)


_install_ipython_handler()

# -- measured by the grader ---------------------------------------------------
# Under the course's grader (NNDL_JUDGE=1), each check also records what it was
# given (nndl.measure) for the trusted judge; inside hidden tests it only
# records, and the judge compares outside this process. Nested checks (one
# check calling another) record once.

def _measured(kind, capture):
    def wrap(fn):
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def check(*args, **kwargs):
            if not _measure.enabled() or _depth[0]:
                return fn(*args, **kwargs)
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            _measure.record(kind, bound.arguments.get("what", bound.arguments.get("name", "")),
                            **capture(bound.arguments))
            if _measure.hidden():
                return None
            _depth[0] += 1
            try:
                return fn(*args, **kwargs)
            finally:
                _depth[0] -= 1
        return check
    return wrap


_depth = [0]


def _type_names(types):
    types = types if isinstance(types, tuple) else (types,)
    return [f"{t.__module__}.{t.__qualname__}" for t in types]


def _keys_of(mapping):
    return dict.fromkeys(mapping) if type(mapping) is dict else mapping


def _given(a, *names):
    """The optional arguments a check was given, for the judge (hints use them)."""
    return {n: a[n] for n in names if a.get(n) is not None}


expect_array = _measured("array", lambda a: {
    "actual": a["actual"], "rtol": a["rtol"], "atol": a["atol"], "kind": a["kind"], "reveal": a["reveal"],
    **_given(a, "start", "inputs", "m")})(expect_array)
expect_scalar = _measured("scalar", lambda a: {
    "actual": a["actual"], "rtol": a["rtol"], "atol": a["atol"], "python_float": a["python_float"],
    "reveal": a["reveal"], **_given(a, "m", "n_entries", "inputs")})(expect_scalar)
expect_equal = _measured("equal", lambda a: {"actual": a["actual"], "reveal": a["reveal"]})(expect_equal)
expect_shape = _measured("shape", lambda a: {"actual": _measure.Shaped(a["value"])})(expect_shape)
expect_type = _measured("type", lambda a: {"actual": _measure.Shaped(a["value"]),
                                           "types": _type_names(a["types"])})(expect_type)
expect_keys = _measured("keys", lambda a: {"actual": _keys_of(a["mapping"])})(expect_keys)
expect_true = _measured("true", lambda a: {"actual": bool(a["condition"]), "why": a["why"]})(expect_true)


class _MeasuredUnchanged(unchanged):
    __doc__ = unchanged.__doc__

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None and _measure.enabled():
            _measure.record("unchanged", self.what, actual=_measure.Digested(dict(self.inputs)))
            if _measure.hidden():
                return False
        return super().__exit__(exc_type, exc, tb)


unchanged = _MeasuredUnchanged


def _reseed(seed, key):
    """The grader's version of a hidden test seeds numpy with this: the test's seed mixed with
    a key the grader derived from the course secret (a course's hidden inputs are its own)."""
    digest = hashlib.sha256(f"{key}:{seed}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def _hidden_tests(flag):
    """The grader's version of a test cell calls this where its hidden tests begin and end."""
    _measure.section(flag)


# -- while grading ----------------------------------------------------------
# The notebook's first (locked) cell imports this module before any learner
# code runs. Under grading, a snapshot of what the checks rely on is taken
# now and put back before every cell, so a submission that patches numpy's
# comparison functions, a builtin, or this module's checks, or that rebinds
# `C` or `np`, gains nothing: test cells run against the originals.

_GUARDED = [np, np.random, builtins]
_SNAPSHOT = []


def _restore(info=None):
    for module, saved in _SNAPSHOT:
        current = vars(module)
        # Before every cell: the usual case (nothing rebound) is decided by one pass in C over
        # about 840 names, 0.047 ms (the loop below over all of them: 0.056 ms; timeit, 2026-12-03).
        if all(map(operator.is_, map(current.get, saved.keys(), repeat(_MISSING)), saved.values())):
            continue
        for name, value in saved.items():
            if current.get(name, _MISSING) is not value:
                setattr(module, name, value)
    raw = getattr(info, "raw_cell", "") or ""
    if _SHELL is not None and any(f"C.{n}" in raw for n in ("expect", "passed", "unchanged", "running", "call")):
        _SHELL.user_ns["C"] = _THIS
        _SHELL.user_ns["np"] = np


_MISSING = object()
_THIS = sys.modules[__name__]
_SHELL = None


def _guard_while_grading():
    global _SHELL
    warnings.simplefilter("ignore")  # a numpy warning on stderr would cost a test cell
    np.seterr(all="ignore")
    try:
        _SHELL = get_ipython()  # noqa: F821
    except NameError:
        _SHELL = None
    # last, so that the snapshot holds the shell too
    _SNAPSHOT[:] = [(m, dict(vars(m))) for m in (*_GUARDED, _THIS)]
    if _SHELL is not None:
        _SHELL.events.register("pre_run_cell", _restore)
        if _measure.enabled():
            _SHELL.events.register("pre_run_cell", _measure.new_cell)
            _SHELL.events.register("post_run_cell", _measure.flush)
            _measure.hold()


if os.environ.get("NBGRADER_EXECUTION"):
    _guard_while_grading()
