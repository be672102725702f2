"""How long `nndl report` takes: on the demo class, and on a fabricated class of 300.

    nndl demo                                  # grades the demo class (demo/)
    python scripts/measure_report.py           # then this
    python scripts/measure_report.py --students 300 --keep /tmp/class300

Grading 300 students for real takes most of an hour, so the large class is
fabricated from the demo class's graded work: every fabricated student is a
copy of one demo student (their gradebook rows duplicated under a new id,
their autograded notebooks copied), with a few random statements appended to
every solution cell so that no two students' code is identical and the
similarity search has to compare real, distinct cells (the copies share their
base student's code, which makes many candidate pairs: a harsher case than a
real class). Both reports are timed as `nndl report --root <class>` processes
(wall clock and CPU time, Python's imports included).
"""
import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS = ["exp", "log1p", "sqrt", "abs", "tanh", "cumsum", "sort", "diff", "square", "sign", "floor", "cos"]


def padding(rng):
    """A few random top-level statements: a student's own extra lines."""
    lines = []
    for k in range(rng.randint(3, 5)):
        kind = rng.randrange(4)
        n, m = rng.randint(2, 99), rng.randint(2, 99)
        f, g = rng.sample(FUNCTIONS, 2)
        if kind == 0:
            lines.append(f"_t{k} = np.{f}(np.arange({n}))")
        elif kind == 1:
            lines.append(f"_t{k} = [np.{f}(j) + {m} for j in range({n})]")
        elif kind == 2:
            lines.append(f"if {n} > {m}:\n    _t{k} = np.{g}({n} / {m})")
        else:
            lines.append(f"_t{k} = np.{f}(np.{g}(np.ones(({n}, {m}))))")
    return "\n".join(lines) + "\n"


def fabricate_notebook(src, dst, rng):
    nb = json.loads(src.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "code" and meta.get("solution"):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = source.rstrip("\n") + "\n\n" + padding(rng)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(json.dumps(nb), encoding="utf-8")


def copy_rows(con, base, new):
    """Duplicate ``base``'s student, submissions, notebooks, grades and comments under ``new``."""
    def rows(table, where, args):
        cur = con.execute(f"SELECT * FROM {table} WHERE {where}", args)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def insert(table, row):
        con.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))

    for row in rows("student", "id = ?", (base,)):
        insert("student", {**row, "id": new, "first_name": None, "last_name": None, "email": None})
    for sa in rows("submitted_assignment", "student_id = ?", (base,)):
        sa_id = uuid.uuid4().hex
        insert("submitted_assignment", {**sa, "id": sa_id, "student_id": new})
        for sn in rows("submitted_notebook", "assignment_id = ?", (sa["id"],)):
            sn_id = uuid.uuid4().hex
            insert("submitted_notebook", {**sn, "id": sn_id, "assignment_id": sa_id})
            for table in ("grade", "comment"):
                for row in rows(table, "notebook_id = ?", (sn["id"],)):
                    insert(table, {**row, "id": uuid.uuid4().hex, "notebook_id": sn_id})


def fabricate(base, target, students, seed=0):
    rng = random.Random(seed)
    shutil.copy2(base / "gradebook.db", target / "gradebook.db")
    shutil.copytree(base / "source", target / "source")
    bases = sorted(p.name for p in (base / "autograded").iterdir() if p.is_dir())
    con = sqlite3.connect(target / "gradebook.db")
    with con:
        for i in range(students):
            who, new = bases[i % len(bases)], f"s{i:03d}"
            copy_rows(con, who, new)
            for nb in sorted((base / "autograded" / who).glob("*/*.ipynb")):
                fabricate_notebook(nb, target / "autograded" / new / nb.parent.name / nb.name, rng)
        for who in bases:  # only the fabricated students stay
            con.execute("DELETE FROM grade WHERE notebook_id IN (SELECT n.id FROM submitted_notebook n JOIN "
                        "submitted_assignment a ON n.assignment_id = a.id WHERE a.student_id = ?)", (who,))
            con.execute("DELETE FROM comment WHERE notebook_id IN (SELECT n.id FROM submitted_notebook n JOIN "
                        "submitted_assignment a ON n.assignment_id = a.id WHERE a.student_id = ?)", (who,))
            con.execute("DELETE FROM submitted_notebook WHERE assignment_id IN (SELECT id FROM "
                        "submitted_assignment WHERE student_id = ?)", (who,))
            con.execute("DELETE FROM submitted_assignment WHERE student_id = ?", (who,))
            con.execute("DELETE FROM student WHERE id = ?", (who,))
    con.close()
    return bases


def timed_report(root, out):
    """Wall and CPU seconds of `nndl report --root ROOT --out OUT`, as an instructor runs it."""
    start, before = time.perf_counter(), os.times()
    proc = subprocess.run([sys.executable, "-m", "nndl", "report", "--root", str(root), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    wall, after = time.perf_counter() - start, os.times()
    print("\n".join("    " + line for line in (proc.stdout + proc.stderr).splitlines()))
    if proc.returncode != 0:
        raise SystemExit(f"nndl report failed ({proc.returncode})")
    return wall, (after.children_user + after.children_system) - (before.children_user + before.children_system)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default=str(ROOT / "demo"), help="a graded course directory (default: demo/)")
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--keep", help="fabricate the class here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    base = Path(args.base)
    if not (base / "gradebook.db").exists() or not (base / "autograded").is_dir():
        print(f"{base} has no graded class: run `nndl demo` first (or give --base)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="nndl-measure-report-") as tmp:
        print(f"report of the class in {base}:")
        small = timed_report(base, Path(tmp) / "small-report")
        target = Path(args.keep) if args.keep else Path(tmp) / "class"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        start = time.perf_counter()
        bases = fabricate(base, target, args.students)
        print(f"fabricated {args.students} students from {', '.join(bases)} in {time.perf_counter() - start:.1f} s "
              f"({target})")
        print(f"report of the class of {args.students}:")
        large = timed_report(target, target / "report")
        print(f"\nnndl report (wall / CPU seconds, imports included): {small[0]:.1f} / {small[1]:.1f} s for "
              f"{base.name} ({len(bases)} students), {large[0]:.1f} / {large[1]:.1f} s for {args.students} students")
    return 0


if __name__ == "__main__":
    sys.exit(main())
