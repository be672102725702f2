"""Turn a failed test cell's error into the mistake it shows, specifics removed.

Two learners who returned a rank-1 array get messages that differ in the
shapes, numbers and names they quote; both are the mistake "rank-1 array".
``mistake(ename, evalue)`` maps the error output of a test cell (never its
traceback) to such a label: first the course's own check messages
(nndl/checks.py), by what they say, then any other exception by its type and
its message with numbers, shapes and quoted names replaced by placeholders.
"""
import re

# (pattern searched in the first line of a CheckFailed message, label); first match wins
CHECK_RULES = [
    (re.compile(r"It is a rank-1 array|^Hint: it is a rank-1 array", re.M), "rank-1 array"),
    (re.compile(r"It looks transposed|^Hint: it looks transposed", re.M), "transposed"),
    (re.compile(r"modified its input '[^']*' in place"), "modified its input in place"),
    (re.compile(r"shape is \(.*?\), but it should be"), "wrong shape"),
    (re.compile(r"dtype is \S+, but it should be an? (\w+) dtype"), r"wrong dtype (should be {0})"),
    (re.compile(r"contains nan or inf"), "nan or inf in the result"),
    (re.compile(r"should be a Python float, but it is (a numpy array|an? [\w.]+)"), r"not a Python float ({0})"),
    (re.compile(r"should be a single number, but it is an array"), "an array, not a single number"),
    (re.compile(r"should be a number, but it is (an? [\w.]+)"), r"not a number ({0})"),
    (re.compile(r"should be (.+?), but it is (a numpy array|an? [\w.]+)"), r"wrong type ({1}, should be {0})"),
    (re.compile(r"entries differ from the expected values|value differs from the expected one"
                r"|is not the expected value|(?:^|: )got .+, expected "), "values differ"),
    (re.compile(r"is not defined as a function"), "function not defined"),
    (re.compile(r"missing keys|unexpected keys"), "wrong keys"),
    (re.compile(r"is not a finite real number"), "not a finite real number"),
]

QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
SHAPE = re.compile(r"\(\s*-?\d+\s*(?:,\s*-?\d+\s*)*,?\s*\)|\(\s*\)")
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])")
TIMEOUTS = {"CellTimeoutError", "TimeoutError", "KeyboardInterrupt"}


def generic(text):
    """``text`` with quoted names, shapes and numbers replaced by placeholders."""
    text = QUOTED.sub("<name>", text)
    text = SHAPE.sub("<shape>", text)
    text = NUMBER.sub("<n>", text)
    return re.sub(r"\s+", " ", text).strip(" .;:")


def _check_mistake(message, hint=""):
    for pattern, label in CHECK_RULES:
        m = pattern.search(message) or (pattern.search(hint) if label in _FROM_HINT else None)
        if m:
            return label.format(*m.groups()) if m.groups() else label
    # a message of nndl.checks is "<what>: <why>"; the why, up to its own
    # explanation, is the mistake
    why = message.split(": ", 1)[1] if ": " in message else message
    why = re.split(r": |; ", why, maxsplit=1)[0]
    return generic(why) or "check failed"


_FROM_HINT = {"rank-1 array", "transposed"}  # labels a check's "Hint:" line decides (nndl/diagnose.py)


def mistake(ename, evalue):
    """The mistake label of a test cell's error output (``ename: evalue``)."""
    ename = (ename or "").strip() or "error"
    lines = (evalue or "").strip().splitlines()
    first = lines[0].strip() if lines else ""
    if ename in TIMEOUTS or "timeout" in ename.lower():
        return "time-out"
    if ename == "DeadKernelError" or "kernel died" in first.lower():
        return "kernel died"
    if ename == "NotImplementedError":
        return "not implemented"
    if ename == "CheckFailed":
        hints = "\n".join(line.strip() for line in lines if line.strip().startswith("Hint:"))
        return _check_mistake(first, hints)
    detail = generic(first)
    return f"{ename}: {detail}" if detail else ename
