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
"""
import argparse
import contextlib
import io
import os
import re
import sys
import tempfile

import jupytext
import numpy as np

from .. import course

REF_LINE = re.compile(r"^(?P<head>\s*[A-Za-z_][A-Za-z0-9_]*\s*=\s*)(?P<literal>.+?)(?P<sep>\s+#\s*ref:\s*)(?P<expr>.+?)\s*$")
REF_FUNC = "__nndl_ref__"


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
    """Run the authoring notebook; return [(cell_index, line_index, literal, value)]."""
    nb = jupytext.read(course.authoring_path(aid))
    found = []
    plan = []  # (cell index, code to run)
    for ci, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = cell.source.splitlines()
        for li, line in enumerate(lines):
            m = REF_LINE.match(line)
            if m:
                found.append((ci, li, m.group("literal"), m.group("expr")))
                lines[li] = f"{m.group('head')}{REF_FUNC}({len(found) - 1}, lambda: ({m.group('expr')}))"
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
        line = nb.cells[ci].source.splitlines()[li]
        m = REF_LINE.match(line)
        new_line = f"{m.group('head')}{format_value(value)}{m.group('sep')}{m.group('expr')}"
        if new_line != line:
            if text.count(line) != 1:
                raise RuntimeError(f"{aid}: ref line is not unique in the file: {line!r}")
            text = text.replace(line, new_line)
            changed += 1
    path.write_text(text)
    return changed


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
