"""How alike two learners' solution cells are, once the surface is removed.

A cell is reduced to a token stream that a copy cannot escape by renaming,
reformatting or rewording comments: it is parsed, its docstrings dropped and
written back by ``ast.unparse`` (which fixes the layout, parentheses and quotes
and loses the comments), then tokenized; the names the cell binds (its
function, parameters, variables, loop targets) become ``v0, v1, ...`` in order
of first appearance, while the names it uses from outside (``np``, ``range``,
attributes such as ``.reshape``) stay, since they are the substance of the
code. The header of a function the cell defines is given to every learner
by the stub, so only its body counts.

Two streams are compared with difflib's ratio (2 * matched tokens / total
tokens). Pairs are first narrowed down with token trigrams (a sparse matrix
product counts the trigrams every two cells share), and identical streams are
compared once, so a class of hundreds costs one ratio per plausible pair, not
one per pair.
"""
import ast
import difflib
import io
import keyword
import re
import tokenize

import numpy as np

MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", flags=re.M)
# Structure tokens that carry layout only: kept in the stream (block structure
# matters) but not counted towards a cell's size.
LAYOUT = {"NEWLINE", "INDENT", "DEDENT"}


def _strip_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


def _bound_names(tree):
    """Names the cell itself binds: renaming them changes nothing."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
    return names


def is_stub(source):
    """The learner left the stub: the cell still raises NotImplementedError."""
    try:
        tree = ast.parse(MARKER.sub("", source))
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name) and exc.id == "NotImplementedError":
                return True
    return False


def _body_statements(tree):
    """Top-level statements, with each function replaced by its body (the header is the stub's)."""
    out = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.extend(node.body)
        else:
            out.append(node)
    return out


def tokens(source):
    """The normalised token stream of a cell, or None when it does not parse."""
    try:
        tree = _strip_docstrings(ast.parse(MARKER.sub("", source)))
    except (SyntaxError, ValueError):
        return None
    bound = _bound_names(tree)
    canon = {}
    # parameters first, in order: f(a, b) and f(x, y) are the same function
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            canon.setdefault(node.name, f"v{len(canon)}")
            for arg in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
                canon.setdefault(arg.arg, f"v{len(canon)}")
    out = []
    for stmt in _body_statements(tree):
        text = ast.unparse(stmt) + "\n"
        previous = None
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = tokenize.tok_name[tok.type]
            if kind in ("COMMENT", "NL", "ENDMARKER", "ENCODING"):
                continue
            value = tok.string
            if kind in LAYOUT:
                value = kind
            elif kind == "NAME" and previous != "." and not keyword.iskeyword(value) and value in bound:
                value = canon.setdefault(value, f"v{len(canon)}")
            out.append(value)
            previous = tok.string
    return out


def size(stream):
    """Tokens that are code, not layout."""
    return sum(1 for t in stream if t not in LAYOUT)


def ratio(a, b):
    """difflib's similarity of two token streams, 0 (nothing shared) to 1 (identical)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _trigrams(stream):
    return {tuple(stream[i:i + 3]) for i in range(max(len(stream) - 2, 1))}


def min_shared(threshold):
    """The trigram Dice coefficient below which two streams cannot reach ``threshold``.

    A ratio t leaves at most a share (1 - t) of a stream's tokens unmatched;
    the matched tokens then form at most that many + 1 blocks, and a block of
    n tokens holds n - 2 shared trigrams: about (3t - 2) of the trigrams are
    shared. The margin covers short streams and repeated trigrams.
    """
    return max(0.0, 3 * threshold - 2 - 0.15)


def candidate_pairs(streams, shared_at_least):
    """Index pairs (i < j) whose trigram sets share at least ``shared_at_least`` (Dice).

    One sparse matrix product counts the trigrams every two streams share.
    """
    from scipy import sparse

    grams = [_trigrams(s) for s in streams]
    index = {}
    rows, cols = [], []
    for i, g in enumerate(grams):
        for gram in g:
            rows.append(i)
            cols.append(index.setdefault(gram, len(index)))
    if not rows:
        return []
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(grams), len(index)))
    shared = sparse.triu(m @ m.T, k=1).tocoo()
    counts = np.array([len(g) for g in grams], dtype=float)
    keep = 2 * shared.data / (counts[shared.row] + counts[shared.col]) >= shared_at_least
    return sorted(zip(shared.row[keep].tolist(), shared.col[keep].tolist()))


def similar_pairs(streams, threshold):
    """[(i, j, ratio)] of the pairs of ``streams`` (i < j) at least ``threshold`` alike.

    Identical streams are compared once: every two of them score 1.
    """
    distinct = {}
    for i, s in enumerate(streams):
        distinct.setdefault(tuple(s), []).append(i)
    keys = list(distinct)
    out = [(a, b, 1.0) for members in distinct.values() for k, a in enumerate(members) for b in members[k + 1:]]
    for x, y in candidate_pairs([list(k) for k in keys], min_shared(threshold)):
        matcher = difflib.SequenceMatcher(None, keys[x], keys[y], autojunk=False)
        if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
            continue
        r = matcher.ratio()
        if r >= threshold:
            out += [(min(a, b), max(a, b), r) for a in distinct[keys[x]] for b in distinct[keys[y]]]
    return sorted(out)
