"""`nndl demo` (make demo): the instructor's grading cycle on a small demo class.

From nothing to a score table, with real nbgrader:
  1. build: notebooks/ -> source/ -> release/ (generate_assignment)
  2. a demo class submits (placed in submitted/ as `nbgrader collect` would):
       ada   the full reference solution
       ben   the untouched release notebook
       cleo  partly done: the first graded function wrong (a realistic
             mistake from the defect corpus), the last one not attempted
  3. autograde every assignment, generate feedback, export grades to CSV
  4. print the per-student, per-assignment table

Everything happens in demo/ (git-ignored, wiped on each run): the course's
own gradebook and autograded/ folder, which may hold a real class, are never
touched.
"""
import argparse
import shutil
import sys
import time

from .. import course
from ..author import build, submissions
from .course_dir import Course
from .sandbox import trusted_code_args

DEMO = course.ROOT / "demo"
STUDENTS = ("ada", "ben", "cleo")


def partly_wrong(aid):
    """cleo's notebook: one realistic wrong answer, one function not attempted."""
    graded = [gid for gid in course.grade_cells(course.read_notebook(course.source_path(aid)))]
    functions = [g[len("test_"):] for g in graded if g.startswith("test_")]
    wrong = next((e for e in submissions.load_corpus(aid) if e["kind"] == "wrong"), None)
    answers = {wrong["function"]: wrong["code"]} if wrong else {}
    stubs = [functions[-1]] if functions else []
    if wrong and functions and wrong["function"] == functions[-1]:
        stubs = functions[-2:-1]
    return submissions.make_submission(aid, answers, stubs)


def submit_class(c, aids):
    for aid in aids:
        c.submit("ada", aid, submissions.make_submission(aid))
        c.submit("ben", aid, course.release_path(aid))
        c.submit("cleo", aid, partly_wrong(aid))


def table(scores, aids, students):
    width = max(len(a) for a in aids) + 2
    lines = ["student".ljust(8) + "".join(a.ljust(width) for a in aids) + "total"]
    for s in students:
        row, got, out_of = s.ljust(8), 0.0, 0.0
        for a in aids:
            score, max_score = scores.get((s, a), (0.0, 0.0))
            got, out_of = got + score, out_of + max_score
            row += f"{score:g}/{max_score:g}".ljust(width)
        lines.append(row + f"{got:g}/{out_of:g}")
    return "\n".join(lines)


def lost_points(c, aids, students):
    """Per question, where points were lost: 'cleo 02_logistic_regression: test_propagate 0/3';
    a notebook that lost every question is said in one line."""
    lines = []
    for s in students:
        for a in aids:
            cells = c.cell_scores(s, a)
            lost = [f"{gid} {got:g}/{mx:g}" for gid, (got, mx) in sorted(cells.items()) if got < mx]
            if cells and all(got == 0 for got, _ in cells.values()):
                lines.append(f"  {s} {a}: every question ({len(cells)}) scored 0")
            elif lost:
                lines.append(f"  {s} {a}: " + ", ".join(lost))
    return lines


def main(argv=None, prog="nndl demo"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(sys.argv[1:] if argv is None else argv)
    start = time.time()
    aids = course.assignment_ids()
    if not aids:
        print("no assignments in notebooks/", file=sys.stderr)
        return 2
    if DEMO.exists():
        shutil.rmtree(DEMO)
    print(f"[1/4] building {len(aids)} assignment(s) (generate_assignment in demo/) ...", flush=True)
    build.build(aids, course_root=DEMO)
    c = Course(DEMO)
    print(f"[2/4] demo class {', '.join(STUDENTS)} submits to demo/submitted/ ...", flush=True)
    submit_class(c, aids)
    print("[3/4] nbgrader autograde (one process per core) + generate_feedback ...", flush=True)
    extra, missing = trusted_code_args()
    if missing:
        print(f"      note: grading WITHOUT the sandbox, which is fine for our own demo class only: {missing}",
              flush=True)
    t = time.time()
    for proc in c.autograde_all(aids, extra=extra):
        if proc.returncode != 0:
            print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
    print(f"      {len(aids) * len(STUDENTS)} submissions autograded in {time.time() - t:.1f} s", flush=True)
    c.generate_feedback("*")  # the demo course holds these assignments only: one nbgrader process
    csv = DEMO / "grades.csv"
    c.export_csv(csv)
    print(f"[4/4] grades exported to {csv.relative_to(course.ROOT)}; feedback in demo/feedback/\n")
    print(table(c.scores(), aids, STUDENTS))
    lost = lost_points(c, aids, STUDENTS)
    if lost:
        print("\npoints lost, per question:")
        print("\n".join(lost))
    print(f"\ndone in {time.time() - start:.0f} s")
    write_report()
    return 0


def write_report():
    """The class report of the demo class (nndl report), and where it is."""
    from . import report

    print("\nclass report (nndl report --root demo):")
    report.main(["--root", str(DEMO)])


if __name__ == "__main__":
    sys.exit(main())
