"""``nndl <verb> ...``: the course's one command.

Each verb is a module with ``main(argv, prog) -> exit status`` whose
argparse ``--help`` says what it does; adding a verb is one line in VERBS.
The modules are imported only when their verb runs, so ``nndl check`` does
not pay for the grader's imports and the other way round.
"""
import gc
import importlib
import os
import sys

# (nndl/tools/__init__.py, imported first, keeps jsonschema's format checkers out: start-up time)

# verb -> (module, who uses it, one-line description), in the order of the help
VERBS = {
    "lab": ("nndl.tools.learn.lab", "learner",
            "JupyterLab on your own copy of the release notebooks (workspace/)"),
    "check": ("nndl.tools.learn.selfcheck", "learner",
              "grade your notebook (or a folder of them) with the course's autograder, hidden tests included"),
    "grade": ("nndl.tools.grade.class_grader", "instructor",
              "autograde a class (submitted/) on every core or a Dask cluster, then a score table"),
    "report": ("nndl.tools.grade.report", "instructor",
               "after grading: a class report (HTML + CSV): scores, grouped mistakes, alike solutions"),
    "demo": ("nndl.tools.grade.demo", "instructor",
             "the grading cycle on a demo class in demo/, from nothing to a score table"),
    "build": ("nndl.tools.author.build", "author",
              "notebooks/<id>.py -> source/<id>/<id>.ipynb -> release/<id>/<id>.ipynb"),
    "refs": ("nndl.tools.author.refs", "author",
             "check or rewrite the test cells' reference values from the reference solution"),
    "corpus": ("nndl.tools.author.corpus", "author",
               "grade a notebook's defect corpus with real nbgrader, entry by entry"),
}


def usage():
    width = max(map(len, VERBS))
    lines = ["usage: nndl <command> [options]   (or: python -m nndl <command> ...)", ""]
    for who in ("learner", "instructor", "author"):
        lines.append(f"for the {who}:")
        lines += [f"  {name:<{width}}  {text}" for name, (_, w, text) in VERBS.items() if w == who]
        lines.append("")
    lines += ["`nndl <command> --help` describes a command and its options.",
              "Example: nndl check workspace/01_numpy_basics/01_numpy_basics.ipynb"]
    return "\n".join(lines)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in VERBS:
        print(f"nndl: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(VERBS[name][0])
    return module.main(rest, prog=f"nndl {name}")


# Commands whose process ends as soon as their report is out: tearing down the
# interpreter after a self-check (nbgrader, sqlalchemy, zmq) costs 0.3 s of the
# learner's wait for nothing (its temporary course is already removed).
# They also run without Python's cyclic garbage collector (reference counting still frees
# everything else): a self-check of 01 made two full collections over its 110 000 objects,
# nearly all of them imported modules that live as long as the process, 0.2 to 0.3 s of its
# 2 s; without them it leaves about 3 500 unreachable objects (7 800 for a folder of five
# notebooks) to the end of the process. The collector is not switched on again: its first
# collection would then walk every object made since (0.07 to 0.5 s).
QUICK_EXIT = {"check"}


def entry_point():
    """The ``nndl`` console script."""
    if sys.argv[1:2] and sys.argv[1] in QUICK_EXIT:
        gc.disable()
    status = main()
    if sys.argv[1:2] and sys.argv[1] in QUICK_EXIT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status if isinstance(status, int) else 1)
    sys.exit(status)
