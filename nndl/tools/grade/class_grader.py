"""Autograde a whole class with every core, then print the scores.

    nndl grade                          # every assignment in submitted/
    nndl grade 02_logistic_regression   # one assignment
    nndl grade --workers 2 --root /path/to/course

`nbgrader autograde <id>` grades one submission after another in one process,
and most of a notebook's time is its kernel computing on one core. This runs
``--workers`` nbgrader processes (default: one per core), each on its own group
of students (``nndl.grading.Course.autograde_all``), all writing to the course's
one gradebook; every submission is graded again (``--force``), e.g. after a
test was fixed. The course directory is this repository unless ``--root`` says
otherwise; nbgrader runs in this repository, so its nbgrader_config.py applies
(with the course directory set to ``--root``).

Exit status: 0 when every nbgrader process succeeded, 1 when one failed (its
log is printed), 2 when there is nothing to grade or the gradebook does not
know an assignment yet (the message says what to run first).
"""
import argparse
import os
import sys
import time
from pathlib import Path

from .. import course
from .course_dir import Course


def submitted_assignments(root):
    """Ids of the assignments that have at least one submission in submitted/."""
    return sorted({p.name for p in (Path(root) / "submitted").glob("*/*") if p.is_dir()})


def known_assignments(c):
    from nbgrader.api import Gradebook

    if not (c.root / "gradebook.db").exists():
        return set()
    with Gradebook(c.db_url) as gb:
        return {a.name for a in gb.assignments}


def problems(c, aids):
    """What stops these assignments from being graded, in words, with the fix."""
    out = []
    if not aids:
        out.append(f"nothing to grade: {c.root / 'submitted'} has no <student>/<assignment>/ folder yet. "
                   "Collect the submissions first (nbgrader collect <id>) or copy them there.")
        return out
    present = set(submitted_assignments(c.root))
    known = known_assignments(c)
    for aid in aids:
        if aid not in present:
            out.append(f"{aid}: no submission in submitted/*/{aid}/ (nbgrader collect {aid}, or copy them there)")
        elif aid not in known:
            out.append(f"{aid}: the gradebook does not know this assignment yet; run "
                       f"`nbgrader generate_assignment {aid} --force` in the course first "
                       "(it records the test cells and their points)")
    return out


def score_table(scores, aids):
    students = sorted({s for s, a in scores if a in aids})
    width = max(len(a) for a in aids) + 2
    name = max([len(s) for s in students] + [7]) + 2
    lines = ["student".ljust(name) + "".join(a.ljust(width) for a in aids) + "total"]
    for s in students:
        row, got, out_of = s.ljust(name), 0.0, 0.0
        for a in aids:
            if (s, a) in scores:
                score, max_score = scores[(s, a)]
                got, out_of = got + score, out_of + max_score
                row += f"{score:g}/{max_score:g}".ljust(width)
            else:
                row += "-".ljust(width)
        lines.append(row + f"{got:g}/{out_of:g}")
    return "\n".join(lines)


def main(argv=None, prog="nndl grade"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aids", nargs="*", metavar="ID", help="assignments to grade (default: every one in submitted/)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="nbgrader processes at a time (default: the number of cores)")
    parser.add_argument("--root", default=str(course.ROOT), help="the course directory (default: this repository)")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    c = Course(args.root)
    aids = args.aids or submitted_assignments(c.root)
    found = problems(c, aids)
    if found:
        print("\n".join(found), file=sys.stderr)
        return 2
    students = {aid: len(c.students(aid)) for aid in aids}
    print(f"autograding {sum(students.values())} submission(s) of {len(aids)} assignment(s) "
          f"with {args.workers} worker(s) in {c.root} ...", flush=True)
    start = time.perf_counter()
    failed = [p for p in c.autograde_all(aids, workers=args.workers) if p.returncode != 0]
    print(f"done in {time.perf_counter() - start:.0f} s\n")
    for proc in failed:
        print(f"nbgrader {' '.join(proc.args[3:5])} failed ({proc.returncode}):\n{proc.stderr[-3000:]}", file=sys.stderr)
    print(score_table(c.scores(), aids))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
