"""Hint share of the defect corpora: grade every corpus with real nbgrader and save,
per wrong entry, its failure message and whether it carries a `Hint:` line.

    python scripts/measure_hints.py [OUT.json] [ID ...]

Prints one line per notebook: killed entries with a hint / killed entries.
"""
import json
import sys
import time

from nndl.tools import course
from nndl.tools.author import corpus, submissions


def main(argv):
    out = argv[0] if argv else "hints.json"
    aids = argv[1:] or [a for a in course.assignment_ids() if submissions.load_corpus(a)]
    result = {}
    for aid in aids:
        start = time.time()
        report = corpus.grade(aid)
        entries = submissions.load_corpus(aid)
        result[aid] = {"killed": report.killed, "wrong": report.wrong, "hinted": report.hinted,
                       "accepted": report.accepted, "correct": report.correct, "problems": report.problems,
                       "entries": [{"k": k, "function": entries[k]["function"], "why": entries[k]["why"],
                                    "message": m, "hint": corpus.has_hint(m)} for k, m in sorted(report.messages.items())]}
        print(f"{aid}: {report.hinted}/{report.killed} killed entries hinted "
              f"({100 * report.hinted / max(report.killed, 1):.0f}%), {report.killed}/{report.wrong} killed, "
              f"{report.accepted}/{report.correct} accepted, {time.time() - start:.0f} s", flush=True)
        with open(out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
