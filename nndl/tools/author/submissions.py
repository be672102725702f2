"""Make student submissions from the course's own notebooks.

A submission starts from the release notebook (what a student receives) and
fills solution cells: with the reference solution, with other code (a wrong
or alternative answer), or leaves the stub. The demo class, the defect corpus
and the tests all build their submissions this way.
"""
import copy
import importlib.util
import re

from .. import course

_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", flags=re.M)


def reference_answers(aid):
    """{grade_id: code} of every solution cell, solution markers removed."""
    nb = course.read_notebook(course.source_path(aid))
    return {gid: _MARKER.sub("", cell.source) for gid, cell in course.solution_cells(nb).items()}


def make_submission(aid, answers=None, stubs=()):
    """The release notebook with solution cells answered.

    answers: {grade_id: code}; defaults to the reference answers. Cells named
    in ``stubs`` keep the release's stub (the student did not do them).
    """
    nb = copy.deepcopy(course.read_notebook(course.release_path(aid)))
    filled = dict(reference_answers(aid))
    filled.update(answers or {})
    for gid, cell in course.solution_cells(nb).items():
        if gid not in stubs:
            cell.source = filled[gid]
    return nb


def corpus_module(aid):
    """tests/corpus/<aid>.py as a module (CORPUS, DEPENDENTS), or None."""
    path = course.ROOT / "tests" / "corpus" / f"{aid}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"corpus_{aid}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_corpus(aid):
    """tests/corpus/<aid>.py's CORPUS list, or [] when the notebook has none yet."""
    module = corpus_module(aid)
    return list(module.CORPUS) if module else []


def target(entry):
    """The test cell a wrong entry must score 0 on: ``test_<function>``, or the
    entry's "test" when a function's checks are split over several cells."""
    return entry.get("test") or f"test_{entry['function']}"


def footprint(entry, dependents):
    """The test cells an entry may cost: its own and those that call its function."""
    own = {f"test_{entry['function']}", target(entry)}
    return own | set(dependents.get(entry["function"], ())) | set(entry.get("breaks", ()))


def pack(entries, dependents):
    """Group entries into as few submissions as possible, such that every lost
    point stays attributable to exactly one entry: within a group, functions
    are distinct, and no wrong entry's footprint meets another entry's
    footprint (a correct entry damages nothing, so two correct ones may share
    cells). Each group is one notebook to grade."""
    def clash(a, b):
        if a["function"] == b["function"]:
            return True
        if a["kind"] == "correct" and b["kind"] == "correct":
            return False
        return bool(footprint(a, dependents) & footprint(b, dependents))

    groups = []
    for index, entry in enumerate(entries):
        for group in groups:
            if not any(clash(entry, entries[j]) for j in group):
                group.append(index)
                break
        else:
            groups.append([index])
    return groups
