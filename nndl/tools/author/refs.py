"""Reference values in test cells come from running the reference solution.

In a test cell of ``notebooks/<id>.py`` a line of the form::

    expected = np.array([[0.5, 0.73]])  # ref: sigmoid(x_hidden)

holds a literal (what the learner's answer is compared with) and, after
``# ref:``, the expression that produced it. This module executes the
authoring notebook with the reference solution, evaluates every ``# ref:``
expression where it stands, and either checks that the literals still match
(``--check``, used by the test suite) or rewrites them (``--update``).

    nndl refs --update 01_numpy_basics
    nndl refs --check            # all notebooks

A literal may span several lines (the ``# ref:`` comment then ends the last
one). ``--update`` writes a long literal of a visible check (outside the
hidden tests) over several lines, at most WIDTH characters each, so that a
learner can read the expected values; hidden literals stay on one line.
"""
import argparse
import ast
import contextlib
import io
import os
import re
import sys
import tempfile

import jupytext
import numpy as np

from .. import course

REF_LINE = course.REF_LINE
REF_TAIL = re.compile(r"(?P<sep>\s+#\s*ref:\s*)(?P<expr>.+?)\s*$")
HEAD = re.compile(r"^\s*[A-Za-z_][A-Za-z0-9_]*\s*=\s*")
REF_FUNC = "__nndl_ref__"
WIDTH = 100     # longest line of a wrapped literal
LONG = 200      # a visible ref statement longer than this is wrapped


def ref_statements(lines):
    """[(first, last, head, literal, sep, expr)] of the ref statements in a cell's lines:
    ``head literal sep expr``, the literal on lines first..last (the comment on the last)."""
    out = []
    for last, line in enumerate(lines):
        tail = REF_TAIL.search(line)
        if not tail:
            continue
        for first in range(last, -1, -1):
            text = "\n".join(lines[first:last] + [line[:tail.start()]])
            head = HEAD.match(text)
            if head and _complete(text):
                out.append((first, last, head.group(0), text[head.end():], tail.group("sep"), tail.group("expr")))
                break
        else:
            raise ValueError(f"a '# ref:' comment without an assignment of a literal: {line!r}")
    return out


def _complete(text):
    """Whether ``text`` is one whole statement (a multi-line literal closed)."""
    try:
        return len(ast.parse(text.strip()).body) == 1
    except SyntaxError:
        return False


def _split_points(literal):
    """[(index, depth)] of the ", " separators of a literal, outside strings."""
    points, depth, quote = [], 0, None
    for i, ch in enumerate(literal):
        if quote:
            if ch == quote and literal[i - 1] != "\\":
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and literal[i + 1:i + 2] == " ":
            points.append((i, depth))
    return points


def wrap_literal(head, literal, width=WIDTH):
    """``head + literal`` over several lines of at most about ``width`` characters,
    broken after ", ": between the outermost items first (rows of a matrix), an item
    too long for a line broken again inside. Evaluates to the same value."""
    points = _split_points(literal)
    if not points:
        return head + literal
    depth = min(d for _, d in points)
    indent = len(head.expandtabs()) + _opening(literal, depth) + 1
    lines = _fill(literal, 0, len(literal), points, depth, head, indent, width)
    return "\n".join(lines)


def _opening(literal, depth, start=0):
    """Index of the first bracket from ``start`` on that opens nesting level ``depth``
    (the one enclosing the items of that level)."""
    level = sum((ch in "([{") - (ch in ")]}") for ch in literal[:start])
    for i, ch in enumerate(literal[start:], start):
        if ch in "([{":
            level += 1
            if level == depth:
                return i
        elif ch in ")]}":
            level -= 1
    return -1


def _fill(text, lo, hi, points, depth, prefix, indent, width):
    """Lines for text[lo:hi], cut after the ", " at ``depth``; the first line starts
    with ``prefix``, the others with ``indent`` spaces; an item longer than a line
    is cut again one level deeper."""
    cuts = [i for i, d in points if d == depth and lo <= i < hi]
    items, start = [], lo
    for cut in cuts:
        items.append((start, cut + 1))
        start = cut + 2
    items.append((start, hi))
    lines, current = [], prefix
    pad = " " * indent
    for a, b in items:
        piece = text[a:b]
        sep = "" if current in (prefix, pad) else " "
        if len(current) + len(sep) + len(piece) <= width:
            current += sep + piece
            continue
        if current not in (prefix, pad):
            lines.append(current)
            current = pad
        if len(current) + len(piece) <= width or not any(d > depth and a <= i < b for i, d in points):
            current += piece
            continue
        inner = _opening(text, depth + 1, start=a) + 1
        sub = _fill(text, a, b, points, depth + 1, current, len(current) + inner - a, width)
        lines.extend(sub[:-1])
        current = sub[-1]
    lines.append(current)
    return lines


def format_value(v):
    """A one-line Python literal that evaluates (with numpy as np) to ``v``."""
    if isinstance(v, np.ndarray):
        body = repr(v.tolist())
        default = np.asarray(v.tolist()).dtype
        if v.dtype != default or v.size == 0:
            return f"np.array({body}, dtype=np.{v.dtype})"
        return f"np.array({body})"
    if isinstance(v, np.generic):
        return f"np.{v.dtype}({v.item()!r})"
    if isinstance(v, (bool, int, float, str, bytes, type(None))):
        return repr(v)
    if isinstance(v, tuple):
        inner = ", ".join(format_value(x) for x in v)
        return f"({inner},)" if len(v) == 1 else f"({inner})"
    if isinstance(v, list):
        return "[" + ", ".join(format_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{format_value(k)}: {format_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write a literal for a {type(v).__name__}")


def same_value(a, b, rtol=1e-9, atol=1e-12):
    """Equal up to floating-point noise between machines (BLAS, libm)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype.kind != b.dtype.kind:
            return False
        if a.dtype.kind in "fc":
            return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))
        return bool(np.array_equal(a, b))
    if isinstance(a, (float, np.floating)) or isinstance(b, (float, np.floating)):
        return type(a) is type(b) and bool(np.isclose(a, b, rtol=rtol, atol=atol))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return type(b) is dict and a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _runnable(source):
    """Cell source without IPython magics and shell escapes."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def compute(aid):
    """Run the authoring notebook; return [(cell_index, first_line_index, literal, value)]."""
    nb = jupytext.read(course.authoring_path(aid))
    found = []
    plan = []  # (cell index, code to run)
    for ci, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = cell.source.splitlines()
        for first, last, head, literal, _, expr in ref_statements(lines):
            found.append((ci, first, literal, expr))
            lines[first] = f"{head}{REF_FUNC}({len(found) - 1}, lambda: ({expr}))"
            lines[first + 1:last + 1] = [""] * (last - first)  # keeps the line numbers
        plan.append((ci, _runnable("\n".join(lines))))
    values = {}

    def record(k, thunk):
        values[k] = thunk()
        return values[k]

    ns = {"__name__": "__main__", REF_FUNC: record}
    old_env = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = "refs"  # the short runs, as under grading
    os.environ.setdefault("MPLBACKEND", "Agg")
    cwd = os.getcwd()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.chdir(tmp)
            # the notebooks set numpy's print options and error handling: keep them to this run
            with np.printoptions(), np.errstate():
                for ci, code in plan:
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(compile(code, f"<{aid} cell {ci}>", "exec"), ns)
    finally:
        os.chdir(cwd)
        if old_env is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = old_env
        try:
            import matplotlib.pyplot as plt
            plt.close("all")
        except ImportError:
            pass
    missing = [f[3] for k, f in enumerate(found) if k not in values]
    if missing:
        raise RuntimeError(f"{aid}: these # ref: lines never ran: {missing}")
    return [(ci, li, literal, values[k]) for k, (ci, li, literal, _) in enumerate(found)]


def drift(aid):
    """Descriptions of the literals that no longer match the reference solution."""
    out = []
    for ci, li, literal, value in compute(aid):
        stored = eval(literal, {"np": np})
        if not same_value(stored, value):
            out.append(f"{aid}: cell {ci} line {li + 1}: literal {literal[:60]!r} != reference {format_value(value)[:60]!r}")
    return out


def update(aid):
    """Rewrite the literals of notebooks/<aid>.py from the reference solution."""
    path = course.authoring_path(aid)
    results = compute(aid)
    nb = jupytext.read(path)
    text = path.read_text()
    changed = 0
    for ci, li, literal, value in results:
        lines = nb.cells[ci].source.splitlines()
        first, last, head, _, sep, expr = next(r for r in ref_statements(lines) if r[0] == li)
        old = "\n".join(lines[first:last + 1])
        new = f"{head}{format_value(value)}"
        if len(new) + len(sep) + len(expr) > LONG and not _hidden(lines, first):
            new = wrap_literal(head, format_value(value))
        new += f"{sep}{expr}"
        if new != old:
            if text.count(old) != 1:
                raise RuntimeError(f"{aid}: ref statement is not unique in the file: {old!r}")
            text = text.replace(old, new)
            changed += 1
    path.write_text(text)
    return changed


def _hidden(lines, index):
    """Whether line ``index`` of a cell is inside its hidden tests."""
    inside = False
    for line in lines[:index]:
        if "### BEGIN HIDDEN TESTS" in line:
            inside = True
        elif "### END HIDDEN TESTS" in line:
            inside = False
    return inside


def main(argv=None, prog="nndl refs"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail if a literal drifted")
    mode.add_argument("--update", action="store_true", help="rewrite the literals")
    parser.add_argument("ids", nargs="*", help="assignment ids (default: all)")
    args = parser.parse_args(argv)
    ids = args.ids or course.assignment_ids()
    status = 0
    for aid in ids:
        if args.update:
            print(f"{aid}: {update(aid)} reference literal(s) rewritten")
        else:
            problems = drift(aid)
            for p in problems:
                print(p)
            status |= bool(problems)
            print(f"{aid}: {'DRIFT' if problems else 'ok'}")
    return status


if __name__ == "__main__":
    sys.exit(main())
