"""The trusted judge: hidden checks decided outside the student's kernel.

Three steps, each an nbgrader preprocessor (nbgrader_config.py wires them):

1. ``HideReferences`` (sanitize, in the grader): the test cells the kernel
   will run are rewritten. Inside hidden tests, every reference literal
   (``expected = <literal>  # ref: ...``) becomes a blank of the same structure
   (zeros, empty strings: shapes and keys survive, values do not), so no
   expected value enters the kernel; the hidden sections are marked
   (``C._hidden_tests(True/False)``) so that checks there only *record*; with
   a course secret, the hidden inputs are changed (seeds of
   ``np.random.RandomState``/``np.random.seed`` and the float entries of
   ``np.array`` literals), derived from the secret here, so the kernel gets
   only the concrete inputs.
2. The kernel runs (sandboxed, ``NNDL_JUDGE=1``): every check emits a record
   of what it was given (``nndl.measure``; a cell's records are sent together,
   as one output, when the cell ends). Visible checks still compare and fail
   at once, for the learner.
3. ``JudgeTests`` (autograde, in the grader, after execution): for each test
   cell, the records are decoded as plain data (no pickle, no eval; arrays
   rebuilt from bytes with a whitelisted dtype) and compared with the records
   of the *reference run*: the source notebook, rewritten the same way,
   executed once per assignment and secret and cached in the course's
   instructor-only folder. The comparison is made by the same check functions
   the notebook uses (same messages), with the learner's value as ``actual``
   and the reference solution's value as ``expected``. A cell keeps its
   points only if every reference record has a matching learner record at the
   same position and the kernel raised nothing; otherwise the judge's message
   (never a hidden input, an expected value or the learner's own values) is
   what the cell shows. The records are removed from the notebook.

Forged, dropped, duplicated or reordered records gain nothing: every record
the learner's kernel emitted at a position must match the reference there.
"""
import ast
import base64
import functools
import hashlib
import hmac
import json
import math
import numbers
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import nbformat
from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, Unicode

from nndl import checks
from nndl.tools import course
from nndl.measure import MIME, SAMPLE

BEGIN, END, REF_LINE = course.HIDDEN_BEGIN, course.HIDDEN_END, course.REF_LINE
FORMAT = 1  # of the reference files: bump when records change meaning


class JudgeError(RuntimeError):
    """The judge cannot work (e.g. the reference solution fails its own tests); says what to fix."""


class Malformed(ValueError):
    """A record that is not plain data of the expected form."""


# -- secrets ------------------------------------------------------------------

def derive(secret, *parts):
    """An integer in [0, 2**31) derived from the course secret; None without a secret."""
    if not secret:
        return None
    digest = hmac.new(secret.encode(), "/".join(map(str, parts)).encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


# -- step 1: the kernel's version of the test cells -----------------------------

def hidden_blocks(lines):
    """(begin, end) line indices of each hidden block (marker lines included)."""
    blocks, start = [], None
    for i, line in enumerate(lines):
        if BEGIN in line and start is None:
            start = i
        elif END in line and start is not None:
            blocks.append((start, i))
            start = None
    return blocks


def blank_literal(text):
    """A literal of the same structure with every value blanked (0, 0.0, '', False), or None.

    Only literal syntax is accepted (numbers, strings, lists, tuples, dicts,
    np.array(...)/np.float64(...) calls on literals): never evaluated.
    """
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return None

    class Blank(ast.NodeTransformer):
        ok = True

        def visit_Constant(self, node):
            v = node.value
            blank = {bool: False, int: 0, float: 0.0, complex: 0j, str: "", bytes: b""}.get(type(v), v)
            return ast.copy_location(ast.Constant(blank), node)

        def visit_Dict(self, node):  # keys are structure: they stay
            node.values = [self.visit(v) for v in node.values]
            return node

        def visit_UnaryOp(self, node):
            return self.visit(node.operand) if isinstance(node.op, (ast.USub, ast.UAdd)) else self.generic_visit(node)

        def visit_Call(self, node):
            if not (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "np"):
                self.ok = False
                return node
            node.args = [self.visit(a) for a in node.args]
            return node  # keywords (dtype=np.uint8) stay as they are

        def visit_Name(self, node):
            if node.id not in ("np", "True", "False", "None", "nan", "inf"):
                self.ok = False
            return node

    blank = Blank()
    tree = blank.visit(tree)
    return ast.unparse(tree) if blank.ok else None


def _perturbed(node_text, seed):
    """An np.array(...) literal with its float entries changed by a seeded factor (sign, zeros,
    integers and values in (0, 1) keep their kind); None when it is not such a literal."""
    try:
        tree = ast.parse(node_text, mode="eval").body
        values = ast.literal_eval(tree.args[0])
    except (SyntaxError, ValueError, AttributeError, IndexError, TypeError):
        return None
    a = np.asarray(values)
    if a.dtype.kind != "f" or tree.keywords:
        return None
    rng = np.random.RandomState(seed)
    u = rng.uniform(-1.0, 1.0, a.shape)
    whole = a == np.round(a)
    unit = (a > 0) & (a < 1)
    logit = np.log(np.where(unit, a, 0.5) / (1 - np.where(unit, a, 0.5)))
    out = np.where(unit, 1 / (1 + np.exp(-(logit + 0.3 * u))), a * np.exp(0.25 * u))
    out = np.where(whole, a, out)
    return f"np.array({out.tolist()!r})"


@functools.lru_cache(maxsize=2048)
def kernel_source(source, secret=None, where=""):
    """The test cell as the kernel runs it (see the module's docstring, step 1).

    Kept per (source, secret, where): every submission of a class has the same test cells, and
    working each out again cost the driver about 0.05 CPU-s per submission. A cell that cannot
    be prepared (JudgeError) is not kept: it raises every time."""
    lines = source.split("\n")
    for start, end in reversed(hidden_blocks(lines)):
        body = []
        for k, line in enumerate(lines[start + 1:end]):
            m = REF_LINE.match(line)
            if m:
                blank = blank_literal(m.group("literal"))
                if blank is None:
                    raise JudgeError(f"{where}: the reference literal {m.group('literal')[:60]!r} is not "
                                     "plain literal syntax, so it cannot be withheld from the kernel")
                line = f"{m.group('head')}{blank}"
            elif secret:
                line = _secret_inputs(line, secret, f"{where}/{start}/{k}")
            body.append(line)
        indent = re.match(r"\s*", lines[start]).group(0)
        lines[start:end + 1] = ([lines[start], f"{indent}C._hidden_tests(True)"] + body
                                + [f"{indent}C._hidden_tests(False)", lines[end]])
    return "\n".join(lines)


_SEED_CALL = re.compile(r"np\.random\.(RandomState|seed|default_rng)\(")
_ARRAY_CALL = re.compile(r"np\.array\((\[[^()]*\])\)")
_NUMBER_LIST = re.compile(r"^(?P<head>\s*_\w+\s*=\s*)(?P<list>\[[-+0-9.eE, ]+\])\s*$")


def _secret_inputs(line, secret, where):
    """Hidden inputs of one line, changed as the course secret says: every seed of numpy's
    generators goes through C._reseed with a key derived here (so seeds held in variables
    change too), and float entries of literal arrays and number lists are changed here."""
    key = derive(secret, where.rsplit("/", 2)[0], "seed")  # one key per cell: equal seeds stay equal
    line = _reseed_calls(line, key)

    def perturb(m):
        new = _perturbed(m.group(0), derive(secret, where, "array", m.start()))
        return new or m.group(0)
    line = _ARRAY_CALL.sub(perturb, line)
    m = _NUMBER_LIST.match(line)
    if m:
        new = _perturbed(f"np.array({m.group('list')})", derive(secret, where, "list"))
        if new:  # floats changed, whole numbers (ints) kept as they were
            values = [v if float(v).is_integer() and "." not in raw else float(n)
                      for raw, v, n in zip(m.group("list").strip("[]").split(","),
                                           ast.literal_eval(m.group("list")), ast.literal_eval(new[9:-1]))]
            line = f"{m.group('head')}{values!r}"
    return line


def _reseed_calls(line, key):
    """np.random.seed(X) -> np.random.seed(C._reseed(X, key)), whatever X is (one line)."""
    out, pos = [], 0
    for m in _SEED_CALL.finditer(line):
        start = m.end()
        depth, end = 1, start
        while end < len(line) and depth:
            depth += {"(": 1, ")": -1}.get(line[end], 0)
            end += 1
        if depth:  # the call goes on over more lines: left alone
            continue
        out += [line[pos:start], f"C._reseed({line[start:end - 1]}, {key})"]
        pos = end - 1
    return "".join(out) + line[pos:]


def protect_markers(source):
    """A learner's cell must not carry nbgrader's hidden-test markers (they break feedback)."""
    return source.replace(BEGIN, "### BEGIN HIDDEN-TESTS (text in a learner's cell)").replace(
        END, "### END HIDDEN-TESTS (text in a learner's cell)")


class HideReferences(NbGraderPreprocessor):
    """Sanitize step: test cells as the kernel runs them; learners' cells without markers."""

    def preprocess(self, nb, resources):
        settings = Judge(parent=self)
        if not settings.enabled:
            return nb, resources
        ids = resources.get("nbgrader", {})
        secret = settings.course_secret()
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if is_grade(cell) and not is_solution(cell):
                gid = cell.metadata["nbgrader"].get("grade_id", "")
                where = f"{ids.get('assignment', '')}/{ids.get('notebook', '')}/{gid}"
                cell.source = kernel_source(cell.source, secret, where)
            elif BEGIN in cell.source or END in cell.source:
                cell.source = protect_markers(cell.source)
        nb.metadata["nndl_judge"] = {"format": FORMAT}
        return nb, resources


# -- step 3: decoding and judging -------------------------------------------------

_DTYPES = {np.dtype(t).str for t in (np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
                                     np.uint32, np.uint64, np.float16, np.float32, np.float64, np.complex64,
                                     np.complex128)}


class Sampled:
    """A large array as the kernel sampled it: shape, dtype, spread entries, row/column sums."""

    def __init__(self, shape, dtype, sample, rows, cols):
        self.shape, self.dtype, self.sample, self.rows, self.cols = shape, dtype, sample, rows, cols


def _bytes_array(b64, dtype, count):
    raw = base64.b64decode(b64.encode("ascii"), validate=True)
    if len(raw) != count * dtype.itemsize:
        raise Malformed("array bytes do not match its shape")
    return np.frombuffer(raw, dtype=dtype).copy()


def decode(obj, depth=0):
    """Plain data back into Python/numpy values; Malformed for anything unexpected."""
    if depth > 10 or type(obj) is not dict or type(obj.get("t")) is not str:
        raise Malformed("not a tagged value")
    t = obj["t"]
    if t == "none":
        return None
    if t == "bool" and type(obj.get("v")) is bool:
        return obj["v"]
    if t == "int" and type(obj.get("v")) is str and re.fullmatch(r"-?\d{1,4300}", obj["v"]):
        return int(obj["v"])
    if t == "float":
        return _float(obj.get("v"))
    if t == "complex" and type(obj.get("v")) is list and len(obj["v"]) == 2:
        return complex(_float(obj["v"][0]), _float(obj["v"][1]))
    if t == "str" and type(obj.get("v")) is str:
        return obj["v"]
    if t in ("list", "tuple") and type(obj.get("v")) is list:
        items = [decode(x, depth + 1) for x in obj["v"]]
        return items if t == "list" else tuple(items)
    if t == "dict" and type(obj.get("k")) is list and type(obj.get("v")) is list and len(obj["k"]) == len(obj["v"]):
        if not all(type(k) is str for k in obj["k"]):
            raise Malformed("dict keys must be strings")
        return dict(zip(obj["k"], (decode(v, depth + 1) for v in obj["v"])))
    if t == "npscalar":
        a = decode(obj.get("a"), depth + 1)
        if type(a) is not np.ndarray or a.ndim != 0:
            raise Malformed("bad numpy scalar")
        return a[()]
    if t == "nd":
        return _decode_array(obj)
    if t == "shape":
        if obj.get("dtype") not in _DTYPES or type(obj.get("shape")) is not list or \
                not all(type(n) is int and 0 <= n < 2**31 for n in obj["shape"]):
            raise Malformed("bad shape")
        return np.broadcast_to(np.zeros((), np.dtype(obj["dtype"])), tuple(obj["shape"]))
    if t == "sha":
        if obj.get("dtype") not in _DTYPES or type(obj.get("shape")) is not list or \
                type(obj.get("h")) is not str or not re.fullmatch(r"[0-9a-f]{64}", obj["h"]):
            raise Malformed("bad digest")
        return Digest(obj["dtype"], tuple(obj["shape"]), obj["h"])
    if t == "other" and type(obj.get("type")) is str:
        return Other(obj["type"])
    raise Malformed(f"unknown value tag {t!r}")


def _float(v):
    if type(v) in (int, float):
        return float(v)
    if v in ("nan", "inf", "-inf"):
        return float(v)
    raise Malformed("bad float")


def _decode_array(obj):
    dtype, shape = obj.get("dtype"), obj.get("shape")
    if dtype not in _DTYPES or type(shape) is not list or not all(type(n) is int and 0 <= n < 2**31 for n in shape):
        raise Malformed("bad array header")
    dtype, count = np.dtype(dtype), math.prod(shape)
    if "b64" in obj:
        return _bytes_array(obj["b64"], dtype, count).reshape(shape)
    if type(obj.get("sample")) is not str:
        raise Malformed("array without data")
    sample = _bytes_array(obj["sample"], dtype, min(count, SAMPLE))
    rows = _bytes_array(obj["rows"], np.dtype(np.float64), shape[0]) if len(shape) == 2 and "rows" in obj else None
    cols = _bytes_array(obj["cols"], np.dtype(np.float64), shape[1]) if len(shape) == 2 and "cols" in obj else None
    return Sampled(tuple(shape), dtype, sample, rows, cols)


class Digest:
    """An array known by its dtype, shape and the SHA-256 of its bytes (inputs checked for change)."""

    def __init__(self, dtype, shape, h):
        self.key = (dtype, shape, h)

    def __eq__(self, other):
        return type(other) is Digest and other.key == self.key

    __hash__ = None


class Other:
    """A value the kernel could only name (a function, an object of some class)."""

    def __init__(self, type_name):
        self.type_name = type_name

    def __repr__(self):
        return f"<{self.type_name}>"


def records(cell):
    """The well-formed records of a cell's outputs, by position: {seq: [record, ...]}."""
    found = {}
    for out in cell.get("outputs", []):
        payload = out.get("data", {}).get(MIME) if out.get("output_type") == "display_data" else None
        if payload is None:
            continue
        try:  # plain JSON data again (nbformat hands out its own dict subclass)
            payload = json.loads(json.dumps(payload))
        except (TypeError, ValueError, RecursionError):
            continue
        # one record, or a cell's records sent together (measure.flush)
        batch = payload.get("batch") if type(payload) is dict and set(payload) == {"batch"} else [payload]
        for one in batch if type(batch) is list else ():
            if type(one) is not dict or type(one.get("seq")) is not int or type(one.get("kind")) is not str \
                    or type(one.get("args")) is not dict:
                continue  # malformed: as good as missing
            found.setdefault(one["seq"], []).append(one)
    return found


def strip_records(cell):
    cell.outputs = [o for o in cell.get("outputs", []) if MIME not in o.get("data", {})]


def compare(ref, got):
    """None when the learner's record ``got`` matches the reference record ``ref``, else the message."""
    what, kind = ref["what"], ref["kind"]
    if got["kind"] != kind:
        return f"{what}: the check did not run as written (the test's code was changed?)"
    # Anything a learner's record makes the decoding or a check raise fails this record, never the
    # grader: a wrong answer (L1 returning 10**400: OverflowError) or a forged record (bad base64)
    # must cost its cell, not the student's whole notebook.
    try:
        r = {k: decode(v) for k, v in ref["args"].items()}
        g = {k: decode(v) for k, v in got["args"].items()}
    except Exception:  # noqa: BLE001 (Malformed, binascii.Error, numpy's limits on shapes...)
        return f"{what}: the check's record is malformed (the test's code was changed?)"
    reveal = not ref.get("hidden", True) and bool(r.get("reveal"))
    try:
        _COMPARE[kind](r, g, what, reveal)
    except checks.CheckFailed as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 (OverflowError of a huge int, KeyError of a missing field...)
        return f"{what}: the check's record does not fit ({type(exc).__name__})"
    return None


def _actual(g):
    value = g.get("actual")
    if isinstance(value, Other):
        return _Named(value.type_name)
    return value


def _stand_in(value):
    """For checks of type and shape only: a sampled array as an array of its shape and dtype."""
    return np.broadcast_to(np.zeros((), value.dtype), value.shape) if isinstance(value, Sampled) else value


class _Named:
    """Stands for a kernel object the judge cannot rebuild; only its type name is known."""

    def __init__(self, name):
        self.name = name


def _cmp_array(r, g, what, reveal):
    actual, expected = _actual(g), r["actual"]
    if isinstance(expected, Sampled) or isinstance(actual, Sampled):
        return _cmp_sampled(expected, actual, what, r)
    # start, inputs and m come from the reference record (the same inputs, recorded by trusted code)
    checks.expect_array(actual, expected, what, rtol=r.get("rtol", 1e-6), atol=r.get("atol", 1e-9),
                        kind=r.get("kind"), reveal=reveal, **_optional(r, "start", "inputs", "m"))


def _optional(r, *names):
    return {n: r[n] for n in names if n in r}


def _cmp_sampled(expected, actual, what, r):
    if not isinstance(expected, Sampled) or not isinstance(actual, Sampled):
        shape = getattr(actual, "shape", None)
        checks._fail(what, f"shape is {shape}, but it should be {getattr(expected, 'shape', None)}")
    if actual.shape != expected.shape:
        checks._fail(what, f"shape is {actual.shape}, but it should be {expected.shape}"
                           f"{checks._hint(checks._diagnose.shape_hint, actual.shape, expected.shape)}")
    kind = r.get("kind")
    if kind is not None and actual.dtype.kind != kind:
        checks._fail(what, checks._dtype_text(actual.dtype, kind))
    rtol, atol = r.get("rtol", 1e-6), r.get("atol", 1e-9)
    for name, a, e in (("entries", actual.sample, expected.sample), ("row sums", actual.rows, expected.rows),
                       ("column sums", actual.cols, expected.cols)):
        if a is None or e is None:
            continue
        ok = np.isclose(a.astype(float), e.astype(float), rtol=rtol, atol=atol * max(1, a.size))
        if not np.all(ok):
            checks._fail(what, f"{int(np.sum(~ok))} of {ok.size} checked {name} differ from the expected values")


def _cmp_scalar(r, g, what, reveal):
    checks.expect_scalar(_actual(g), r["actual"], what, rtol=r.get("rtol", 1e-6), atol=r.get("atol", 1e-9),
                         python_float=bool(r.get("python_float")), reveal=reveal,
                         **_optional(r, "m", "n_entries", "inputs"))


def _cmp_equal(r, g, what, reveal):
    checks.expect_equal(_actual(g), r["actual"], what, reveal=reveal)


def _cmp_shape(r, g, what, reveal):
    checks.expect_shape(_stand_in(_actual(g)), np.shape(_stand_in(r["actual"])), what)


# the types a check may ask for, by the names the kernel records
_TYPES = {f"{t.__module__}.{t.__qualname__}": t for t in (
    int, float, bool, str, tuple, list, dict, complex, type(None), np.ndarray, np.generic, np.floating,
    np.integer, np.bool_, numbers.Number, numbers.Integral, numbers.Real)}


def _cmp_type(r, g, what, reveal):
    names = r.get("types")
    if type(names) is not list or not names or not all(n in _TYPES for n in names):
        raise ValueError("unknown types")
    checks.expect_type(_stand_in(_actual(g)), tuple(_TYPES[n] for n in names), what)


def _cmp_keys(r, g, what, reveal):
    checks.expect_keys(_actual(g), list(r["actual"]), what)


def _cmp_true(r, g, what, reveal):
    if g.get("actual") is not True:
        checks._fail(what, checks._why_text(r.get("why", "the condition does not hold")))


def _same(a, b):
    """Equal records of unchanged inputs (digests, numbers, containers of them)."""
    if type(a) is Digest:
        return a == b
    if type(a) is dict:
        return type(b) is dict and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if type(a) in (list, tuple):
        return type(b) is type(a) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return checks._same(a, b)


def _cmp_unchanged(r, g, what, reveal):
    for name, after in r["actual"].items():
        mine = g["actual"].get(name) if type(g.get("actual")) is dict else None
        if not _same(after, mine):
            checks._fail(what, checks._modified_text(name, after))


_COMPARE = {"array": _cmp_array, "scalar": _cmp_scalar, "equal": _cmp_equal, "shape": _cmp_shape,
            "type": _cmp_type, "keys": _cmp_keys, "true": _cmp_true, "unchanged": _cmp_unchanged}


def verdict(ref_records, cell):
    """(None, None) when the learner's cell passes every reference record, else (message, missing):
    the message of the first failure, and whether it is a check that never ran."""
    mine = records(cell)
    for seq, ref in enumerate(ref_records):
        got = mine.get(seq, [])
        if not got:
            return f"{ref['what']}: never checked (the test stopped before it)", True
        for record in got:
            problem = compare(ref, record)
            if problem:
                return problem, False
    return None, None


# -- the reference run --------------------------------------------------------------

class Judge(NbGraderPreprocessor):
    """Autograde step: compare each test cell's records with the reference run's (c.Judge.*)."""

    enabled = Bool(True, help="Decide hidden tests in the grader, from the kernel's records").tag(config=True)
    secret = Unicode("", help="The course secret hidden inputs are derived from (default: the "
                               "NNDL_COURSE_SECRET environment variable; empty: the published inputs)").tag(config=True)
    references = Unicode("", help="Folder of the cached reference runs (default: $NNDL_REFERENCES, "
                                  "else <course>/.nndl/references)").tag(config=True)

    def course_secret(self):
        return self.secret or os.environ.get("NNDL_COURSE_SECRET", "")

    def preprocess(self, nb, resources):
        if not self.enabled:
            return nb, resources
        if "nndl_judge" not in nb.metadata:
            raise JudgeError("this notebook was not prepared for the judge: add "
                             "nndl.tools.grade.judge.HideReferences to Autograde.sanitize_preprocessors")
        ids = resources["nbgrader"]
        book = self.reference(ids["assignment"], ids["notebook"])
        start = time.perf_counter()
        for cell in nb.cells:
            if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
                self.judge_cell(cell, book.get(cell.metadata["nbgrader"]["grade_id"]))
            elif cell.cell_type == "code":
                strip_records(cell)
        self.log.debug("judged in %.3f s", time.perf_counter() - start)
        return nb, resources

    def judge_cell(self, cell, ref_records):
        # a test cell the reference does not know (none such today): nbgrader's own verdict stands
        problem, missing = verdict(ref_records, cell) if ref_records is not None else (None, None)
        strip_records(cell)
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if problem is None or (missing and errors):
            return  # passed; or stopped by an error the kernel shows (it costs the cell already)
        # a check's values differ: the judge's word replaces whatever the kernel said
        cell.outputs = [o for o in cell.outputs if o.get("output_type") != "error"]
        cell.outputs.append(new_output("error", ename="CheckFailed", evalue=problem,
                                       traceback=[f"CheckFailed: {problem}"]))

    # -- references ------------------------------------------------------------
    def root(self):
        return Path(self.config.CourseDirectory.get("root") or os.getcwd())

    def reference(self, aid, notebook):
        source = self.root() / "source" / aid / f"{notebook}.ipynb"
        if not source.exists():
            raise JudgeError(f"no source notebook {source}: the judge needs it for the reference run")
        secret = self.course_secret()
        key = hashlib.sha256(source.read_bytes() + b"\0" + secret.encode() + b"\0" + str(FORMAT).encode()
                             + _library_digest()).hexdigest()[:24]
        chosen = self.references or os.environ.get("NNDL_REFERENCES", "")
        folder = Path(chosen).expanduser() if chosen else self.root() / ".nndl" / "references"
        path = folder / aid / f"{notebook}-{key}.json"
        if path in _BOOKS:
            return _BOOKS[path]
        if path.exists():
            _BOOKS[path] = json.loads(path.read_text())["cells"]
            return _BOOKS[path]
        self.log.info("Reference run of %s/%s for the judge (once per version and secret)", aid, notebook)
        cells = reference_run(source, secret, aid, notebook, self.config, self.log)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"format": FORMAT, "aid": aid, "notebook": notebook, "cells": cells}))
        os.replace(tmp, path)  # atomic: parallel graders may race, each writes the same
        _BOOKS[path] = cells
        return cells


_BOOKS = {}  # reference records already read by this process, by file


def _library_digest():
    """The learner library's code: a change in a check changes the references' key."""
    here = Path(checks.__file__).parent
    h = hashlib.sha256()
    for path in sorted(here.glob("*.py")):
        h.update(path.read_bytes())
    return h.digest()


def reference_run(source, secret, aid, notebook, config, log):
    """Execute the source notebook as a submission is executed; {grade_id: [records]}."""
    from .nbgrader_ext import ResilientExecute

    nb = nbformat.read(str(source), as_version=4)
    prep = HideReferences(config=config)
    nb, _ = prep.preprocess(nb, {"nbgrader": {"assignment": aid, "notebook": notebook}})
    with tempfile.TemporaryDirectory(prefix="nndl-reference-") as tmp:
        folder = Path(tmp) / aid
        shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
        executor = ResilientExecute(config=config, log=log)
        previous = os.environ.get("NBGRADER_EXECUTION")
        os.environ["NBGRADER_EXECUTION"] = "autograde"  # as the submissions run
        try:
            nb, _ = executor.preprocess(nb, {"metadata": {"path": str(folder)}})
        finally:
            if previous is None:
                os.environ.pop("NBGRADER_EXECUTION", None)
            else:
                os.environ["NBGRADER_EXECUTION"] = previous
    cells, problems = {}, []
    for cell in nb.cells:
        if cell.cell_type != "code" or not is_grade(cell) or is_solution(cell):
            continue
        gid = cell.metadata["nbgrader"]["grade_id"]
        found = records(cell)
        ordered = [found[k][0] for k in sorted(found)]
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if errors or sorted(found) != list(range(len(found))) or any(r["kind"] == "crash" for r in ordered):
            what = errors[0].get("ename", "") + ": " + str(errors[0].get("evalue", ""))[:200] if errors else "records"
            problems.append(f"{gid}: {what}")
        for r in ordered:
            problem = compare(r, r)
            if problem:
                problems.append(f"{gid}: the reference does not pass its own record: {problem}")
        cells[gid] = ordered
    if problems:
        raise JudgeError(f"the reference solution of {aid}/{notebook} fails its own tests in the judge's run "
                         f"(with {'the course secret' if secret else 'the published inputs'}): "
                         + "; ".join(problems[:5]))
    return cells
