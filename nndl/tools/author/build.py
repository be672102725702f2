"""Build the course: notebooks/<id>.py -> source/<id>/<id>.ipynb -> release/<id>/<id>.ipynb.

    nndl build                     # every assignment
    nndl build 01_numpy_basics

The source notebook is the authoring script read by jupytext, with stable
cell ids and no jupytext metadata, so that a rebuild of an unchanged script
is byte-identical. The release is made by real ``nbgrader generate_assignment``
in a throwaway course directory: the course's own gradebook (which may hold a
real class's submissions) is never touched, and nbgrader's refusal to
regenerate an assignment that has submissions cannot bite.
"""
import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat

from .. import course
from ..grade.course_dir import nbgrader, start_gradebook

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python"}


def _cell_id(cell, index, used):
    """Readable, stable id: the grade_id when there is one, else the cell's position."""
    base = course.nbgrader_meta(cell).get("grade_id") or f"cell-{index:03d}"
    cid, n = base, 1
    while cid in used:
        n += 1
        cid = f"{base}-{n}"
    used.add(cid)
    return cid


def normalize(nb):
    """Strip outputs and tool metadata; give every cell a stable id."""
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    nb.nbformat, nb.nbformat_minor = 4, 5
    used = set()
    for index, cell in enumerate(nb.cells):
        cell.id = _cell_id(cell, index, used)
        keep = {k: v for k, v in cell.metadata.items() if k in ("nbgrader", "deletable", "editable", "tags")}
        cell.metadata = keep
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def write_notebook(nb, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    text = nbformat.writes(nb, version=4)
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text)


def build_source(aid):
    nb = normalize(jupytext.read(course.authoring_path(aid)))
    write_notebook(nb, course.source_path(aid))
    return nb


def build_release(aids, course_root=None):
    """Run generate_assignment for ``aids`` in a course of its own; copy the releases back.

    course_root: where that course lives (kept afterwards, e.g. the demo's);
    by default a temporary folder, removed afterwards.
    """
    if course_root is None:
        with tempfile.TemporaryDirectory(prefix="nndl-build-") as tmp:
            return build_release(aids, tmp)
    root = Path(course_root)
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "gradebook.db").exists():
        start_gradebook(root)
    for aid in aids:
        target = root / "source" / aid
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(course.SOURCE / aid, target)
    for aid in aids:
        nbgrader(["generate_assignment", aid, "--force"], root)
    for aid in aids:
        nb = nbformat.read(str(course.release_path(aid, root)), as_version=4)
        write_notebook(nb, course.release_path(aid))
        _copy_extra_files(root / "release" / aid, course.RELEASE / aid)


def _copy_extra_files(src, dst):
    """Files an assignment ships besides its notebook (e.g. an example image)."""
    for path in src.rglob("*"):
        if path.is_file() and path.suffix != ".ipynb" and ".ipynb_checkpoints" not in path.parts:
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def build(aids=None, course_root=None):
    aids = list(aids or course.assignment_ids())
    for aid in aids:
        build_source(aid)
    build_release(aids, course_root)
    return aids


def main(argv=None, prog="nndl build"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ids", nargs="*", metavar="ID", help="assignments to build (default: every one in notebooks/)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    unknown = [a for a in args.ids if a not in course.assignment_ids()]
    if unknown:
        print(f"unknown assignment(s): {unknown}; known: {course.assignment_ids()}", file=sys.stderr)
        return 2
    for aid in build(args.ids or None):
        print(f"built source/{aid}/{aid}.ipynb and release/{aid}/{aid}.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
