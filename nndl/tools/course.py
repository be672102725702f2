"""Where the course's files are, and small helpers to read its notebooks.

Assignments are discovered from ``notebooks/*.py``: adding a notebook there is
all it takes for the build, the tests and the demo to pick it up.
"""
import json
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]  # nndl/tools/course.py -> the repository
NOTEBOOKS = ROOT / "notebooks"
SOURCE = ROOT / "source"
RELEASE = ROOT / "release"

# nbgrader's markers; the build and the tests both rely on them
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
# a reference value in a test cell: `name = <literal>  # ref: <expression>` (nndl refs, the judge)
REF_LINE = re.compile(r"^(?P<head>\s*[A-Za-z_][A-Za-z0-9_]*\s*=\s*)(?P<literal>.+?)(?P<sep>\s+#\s*ref:\s*)(?P<expr>.+?)\s*$")
SOLUTION_BEGIN = "### BEGIN SOLUTION"
SOLUTION_END = "### END SOLUTION"

_ID = re.compile(r"^\d\d_[a-z0-9_]+$")


def assignment_ids():
    """Sorted ids of every assignment authored in notebooks/ (e.g. '01_numpy_basics')."""
    return sorted(p.stem for p in NOTEBOOKS.glob("*.py") if _ID.match(p.stem))


def authoring_path(aid):
    return NOTEBOOKS / f"{aid}.py"


def source_path(aid, root=ROOT):
    return Path(root) / "source" / aid / f"{aid}.ipynb"


def release_path(aid, root=ROOT):
    return Path(root) / "release" / aid / f"{aid}.ipynb"


def read_notebook(path):
    """Read an .ipynb, turning nbformat's errors into one that says what to do."""
    path = Path(path)
    try:
        return nbformat.read(str(path), as_version=4)
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such notebook") from None
    except (json.JSONDecodeError, nbformat.reader.NotJSONError, UnicodeDecodeError) as exc:
        raise ValueError(
            f"{path} is not a readable notebook ({type(exc).__name__}). "
            "If it was a course notebook, restore it from a backup or from release/."
        ) from None


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_cells(nb):
    """{grade_id: cell} of the cells nbgrader scores (autograded tests)."""
    return {nbgrader_meta(c)["grade_id"]: c for c in nb.cells if nbgrader_meta(c).get("grade")}


def solution_cells(nb):
    """{grade_id: cell} of the cells where learners write code."""
    return {nbgrader_meta(c)["grade_id"]: c for c in nb.cells if nbgrader_meta(c).get("solution")}


def total_points(nb):
    return sum(float(nbgrader_meta(c).get("points", 0)) for c in grade_cells(nb).values())


def stated_total(nb):
    """The total the notebook announces in its first markdown cells ('Total: N points')."""
    for cell in nb.cells[:3]:
        if cell.cell_type == "markdown":
            m = re.search(r"Total:\*{0,2}\s*(\d+)\s*points", cell.source)
            if m:
                return int(m.group(1))
    return None


def hidden_blocks(source):
    """The hidden-test blocks of a cell's source, as strings (markers excluded)."""
    pattern = re.escape(HIDDEN_BEGIN) + r"(.*?)" + re.escape(HIDDEN_END)
    return re.findall(pattern, source, flags=re.S)


def solution_blocks(source):
    pattern = re.escape(SOLUTION_BEGIN) + r"(.*?)" + re.escape(SOLUTION_END)
    return re.findall(pattern, source, flags=re.S)
