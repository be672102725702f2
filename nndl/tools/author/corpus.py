"""Grade a notebook's defect corpus with real nbgrader and report entry by entry.

    nndl corpus 04_deep_nn_step_by_step            # every entry
    nndl corpus 04_deep_nn_step_by_step L_model_backward

tests/corpus/<id>.py defines CORPUS, a list of {"function", "kind", "why",
"code"} (one solution cell replaced by a typical wrong answer or by another
correct implementation; optional "test": the test cell a wrong entry must
score 0 on, when a function's checks are split over several cells, default
test_<function>), and DEPENDENTS: for each function, the other test
cells that call it. Entries whose footprints (their own test cell and its
dependents) do not overlap share one submission, so every lost point is still
attributable to one entry. tests/test_corpus.py asserts the outcome.
"""
import argparse
import sys

import nbformat
from dataclasses import dataclass, field

from .. import course
from . import submissions
from .submissions import footprint, pack
from ..grade.course_dir import temporary_course


@dataclass
class Report:
    aid: str
    submissions: int = 0
    killed: int = 0
    wrong: int = 0
    accepted: int = 0
    correct: int = 0
    hinted: int = 0  # killed entries whose failure message has a `Hint:` line
    messages: dict = field(default_factory=dict)  # corpus index -> the target cell's failure message
    problems: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def grade(aid, functions=None):
    """Autograde the corpus of ``aid`` (optionally only some functions); return a Report."""
    module = submissions.corpus_module(aid)
    if module is None:
        raise FileNotFoundError(f"no corpus for {aid}: tests/corpus/{aid}.py")
    dependents = getattr(module, "DEPENDENTS", {})
    chosen = [(k, e) for k, e in enumerate(module.CORPUS) if not functions or e["function"] in functions]
    entries = [e for _, e in chosen]
    groups = pack(entries, dependents)
    report = Report(aid, submissions=len(groups))
    with temporary_course([aid]) as c:
        for g, group in enumerate(groups):
            answers = {entries[k]["function"]: entries[k]["code"] for k in group}
            c.submit(f"pack{g:03d}", aid, submissions.make_submission(aid, answers))
        for proc in c.autograde_all([aid]):
            if proc.returncode != 0:
                report.problems.append(f"nbgrader autograde failed:\n{proc.stderr[-3000:]}")
        for g, group in enumerate(groups):
            errors = failure_messages(c.autograded_notebook(f"pack{g:03d}", aid))
            _judge(report, c.cell_scores(f"pack{g:03d}", aid), [chosen[k] for k in group], dependents, errors)
    return report


def failure_messages(path):
    """{grade_id: the error text a test cell shows} of an autograded notebook."""
    if not path.exists():
        return {}
    found = {}
    for cell in nbformat.read(str(path), as_version=4).cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if gid and errors:
            found[gid] = f"{errors[-1].get('ename', '')}: {errors[-1].get('evalue', '')}"
    return found


def has_hint(message):
    """A failure message names a likely cause: one of its lines starts with `Hint:`."""
    return any(line.lstrip().startswith("Hint:") for line in (message or "").splitlines())


def _judge(report, cells, group, dependents, errors=None):
    lost = {gid for gid, (got, mx) in cells.items() if got < mx}
    explained = set()
    for k, entry in group:
        target = submissions.target(entry)
        label = f"#{k} {entry['kind']:7} {entry['function']}: {entry['why']}"
        if target not in cells:
            report.problems.append(f"{label}: the notebook has no test cell {target}")
            continue
        fp = footprint(entry, dependents)
        if entry["kind"] == "correct":
            report.correct += 1
            ok = not (lost & fp)
            report.accepted += ok
            report.lines.append(f"{'accepted' if ok else 'REJECTED'}  {label}")
            if not ok:
                report.problems.append(f"{label}: a correct answer lost points on {sorted(lost & fp)}")
        else:
            report.wrong += 1
            explained |= fp
            killed = cells[target][0] == 0
            report.killed += killed
            message = (errors or {}).get(target, "")
            report.messages[k] = message
            hinted = killed and has_hint(message)
            report.hinted += hinted
            report.lines.append(f"{'killed  ' if killed else 'SURVIVED'} {'H' if hinted else ' '} {label}")
            if not killed:
                report.problems.append(f"{label}: SURVIVED {target}")
    unexplained = lost - explained - {submissions.target(e) for _, e in group}
    if unexplained:
        names = ", ".join(f"#{k}" for k, e in group if e["kind"] == "wrong")
        report.problems.append(f"submission with wrong entries {names} also lost points on {sorted(unexplained)}")


def main(argv=None, prog="nndl corpus"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aid", metavar="ID", choices=course.assignment_ids(), help="the assignment whose corpus to grade")
    parser.add_argument("functions", nargs="*", metavar="FUNCTION", help="only these functions' entries (default: all)")
    parser.add_argument("--messages", action="store_true", help="print each wrong entry's failure message")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    report = grade(args.aid, args.functions or None)
    print("\n".join(report.lines))
    print(f"\n{report.aid}: {report.killed}/{report.wrong} wrong killed, "
          f"{report.accepted}/{report.correct} correct accepted, in {report.submissions} submissions; "
          f"{report.hinted}/{report.killed} killed with a Hint: line (H)")
    if args.messages:
        for k, message in sorted(report.messages.items()):
            print(f"\n#{k}: {message}")
    for p in report.problems:
        print("PROBLEM:", p)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
