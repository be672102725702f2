"""How alike two learners' solution cells are, once the surface is removed.

A cell is reduced to a token stream that a copy cannot escape by renaming,
reformatting or rewording comments: it is cut into Python tokens, and
comments, layout (spaces, line breaks, indentation), parentheses (redundant
ones are formatting) and docstrings are dropped, as is the header of the
function the cell defines (the stub gives it to everyone). The names the cell
chooses itself (its parameters and variables) become ``v0, v1, ...`` in order
of first appearance; the names it takes from outside stay, since they are the
substance of the code: builtins, attributes (``.reshape``), and ``free``, the
modules and functions of the notebook (``np``, ``sigmoid``), see
``notebook_names``.

Two streams are compared by the share of token trigrams they have in common
(Dice coefficient: 2 |A & B| / (|A| + |B|) over their sets of trigrams, the
fingerprints of winnowing with every k-gram kept): 1 for the same code however
renamed, reformatted or reordered by whole statements, low for different
implementations. One sparse matrix product gives every pair of a class at
once, so hundreds of learners cost a fraction of a second per function.

The lexer is one regular expression rather than Python's tokenize and ast
(both pure Python, about 1 ms a cell): it also reads code that does not parse,
which may be copied as well.
"""
import ast
import builtins
import keyword
import re

import numpy as np

MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", flags=re.M)
TOKEN = re.compile(r"""
    (?P<str>[rRbBuUfF]{0,2}(?:\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))
  | (?P<comment>\#[^\n]*)
  | (?P<name>[^\W\d]\w*)
  | (?P<num>\d[\w.]*(?:[eE][-+]?\d+)?|\.\d\w*)
  | (?P<op>\*\*=?|//=?|->|:=|<<=?|>>=?|[-+*/%@&|^<>!=]=|[-+*/%@&|^~<>=.,:;\[\]{}()])
""", re.X)
KEEP = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins))
K = 3  # token k-grams compared


def _raw(source):
    """[(kind, text)] of the code's tokens, comments left out."""
    out = []
    for m in TOKEN.finditer(MARKER.sub("", source)):
        kind = m.lastgroup
        if kind != "comment":
            out.append((kind, m.group()))
    return out


def _skip_header(raw):
    """Index after a leading ``def name(...) [-> ...]:`` and its docstring (0 if there is none)."""
    i = 0
    if raw and raw[0][1] == "@":  # decorators: up to the def
        while i < len(raw) and raw[i][1] != "def":
            i += 1
    if i < len(raw) and raw[i][1] == "def":
        depth, i = 0, i + 1
        while i < len(raw):
            text = raw[i][1]
            if text in ("(", "[", "{"):
                depth += 1
            elif text in (")", "]", "}"):
                depth -= 1
            i += 1
            if text == ":" and depth == 0:
                break
    if i < len(raw) and raw[i][0] == "str":  # the docstring
        i += 1
    return i


def tokens(source, free=frozenset()):
    """The normalised token stream of a cell (see the module's docstring)."""
    raw = _raw(source)
    start = _skip_header(raw)
    canon, out, previous, depth = {}, [], None, 0
    for index, (kind, text) in enumerate(raw):
        if kind == "name" and previous != "." and text not in KEEP and text not in free \
                and not _keyword_argument(raw, index, depth):
            text = canon.setdefault(text, f"v{len(canon)}")  # the header's names come first
        elif text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            depth = max(depth - 1, 0)
        previous = text if kind == "op" else None
        if index >= start and text not in ("(", ")"):
            out.append(text)
    return out


def _keyword_argument(raw, index, depth):
    """``axis`` in ``np.sum(x, axis=1)``: a name of the callee's, not the learner's."""
    return depth > 0 and index + 1 < len(raw) and raw[index + 1][1] == "="


def is_stub(code):
    """The learner left the stub: the cell (source, or its token stream) still raises NotImplementedError."""
    raw = [text for _, text in _raw(code)] if isinstance(code, str) else code
    return any(a == "raise" and b == "NotImplementedError" for a, b in zip(raw, raw[1:]))


def size(stream):
    """Tokens of a stream."""
    return len(stream)


def notebook_names(sources):
    """Names a notebook's own code cells define at top level (imports, functions,
    classes): what a learner's code calls from outside. Cells that do not parse
    are skipped."""
    names = set()
    for source in sources:
        try:
            tree = ast.parse(MARKER.sub("", source))
        except (SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return frozenset(names)


def _grams(stream):
    return {tuple(stream[i:i + K]) for i in range(max(len(stream) - K + 1, 1))}


def ratio(a, b):
    """Share of trigrams two streams have in common, 0 (none) to 1 (all)."""
    ga, gb = _grams(a), _grams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb)) if ga or gb else 1.0


def similar_pairs(streams, threshold):
    """[(i, j, similarity)] of the pairs of ``streams`` (i < j) at least ``threshold`` alike."""
    from scipy import sparse

    grams = [_grams(s) for s in streams]
    index, rows, cols = {}, [], []
    for i, g in enumerate(grams):
        for gram in g:
            rows.append(i)
            cols.append(index.setdefault(gram, len(index)))
    if not rows:
        return []
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(grams), len(index)))
    shared = sparse.triu(m @ m.T, k=1).tocoo()
    counts = np.array([len(g) for g in grams], dtype=float)
    score = 2 * shared.data / (counts[shared.row] + counts[shared.col])
    keep = score >= threshold - 1e-9
    return sorted(zip(shared.row[keep].tolist(), shared.col[keep].tolist(), np.minimum(score[keep], 1.0).tolist()))
