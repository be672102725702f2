"""The class report: what to teach again, and whose code to look at twice.

    nndl report                              # every graded assignment of this course
    nndl report 01_numpy_basics --root demo  # one assignment of another course directory
    nndl report --out /tmp/report

Reads what grading left in an nbgrader course directory (the gradebook,
autograded/<student>/<id>/<id>.ipynb, source/<id>/<id>.ipynb for the reference
solution) and writes, in --out (default <root>/report/):

  index.html        the class: scores per assignment, histograms, who did not
                    submit, scored 0 or was late, pass rate per question
  <id>.html         one assignment: every question with its mistakes grouped
                    (the test cell's error with numbers, shapes and names
                    removed), and pairs of alike solutions side by side
  mistakes.csv      assignment, question, mistake, count, students
  similarity.csv    assignment, function, student, other student or
                    "reference", similarity
  grades.csv        one row per student, one column per assignment and the
                    total, with Canvas's "Points Possible" row (Canvas import)
  grades-moodle.csv the same without that row (Moodle import)

The pages are self-contained (inline CSS, plots as embedded PNG, no script):
they open offline and can be mailed. Similarity is a hint for a human to
look at, never a verdict. docs/report.md says how to read the report and how
to import the grades in Canvas or Moodle.

Exit status: 0 when the report was written, 2 when there is nothing to report
(no gradebook, no graded submission, or an assignment nobody submitted).
"""
import argparse
import base64
import csv
import datetime as dt
import html
import io
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .. import course
from . import similarity
from .mistakes import mistake

THRESHOLD = 0.9       # similarity from which a pair is shown
MIN_TOKENS = 25       # cells shorter than this (about three lines) are not compared
HTML_PAIRS = 50       # pairs shown per function on a page; the CSV has them all


# --------------------------------------------------------------------- data
@dataclass
class Question:
    gid: str
    max_points: float
    scores: dict = field(default_factory=dict)      # student -> points
    mistakes: dict = field(default_factory=dict)    # student -> mistake label

    @property
    def lost(self):
        return sorted(s for s, p in self.scores.items() if p < self.max_points)

    def groups(self):
        """[(mistake, [students])], the most common first."""
        out = defaultdict(list)
        for student in self.lost:
            out[self.mistakes.get(student, "no error shown (scored by hand, or the cell did not run)")].append(student)
        # the most common first; among equals, a stub (nothing to reteach) last
        return sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0] == "not implemented", kv[0]))


@dataclass
class Assignment:
    aid: str
    max_score: float
    duedate: object
    scores: dict = field(default_factory=dict)      # student -> score
    late: dict = field(default_factory=dict)        # student -> seconds late
    timestamps: dict = field(default_factory=dict)  # student -> submission time
    questions: list = field(default_factory=list)
    code: dict = field(default_factory=dict)        # grade_id -> {student: source}
    reference: dict = field(default_factory=dict)   # grade_id -> source
    pairs: list = field(default_factory=list)       # (gid, student, other, ratio)
    compared: dict = field(default_factory=dict)    # gid -> number of cells compared
    settings: tuple = (THRESHOLD, MIN_TOKENS)       # of the similarity search
    free: frozenset = frozenset()                   # names the notebook defines (np, sigmoid, ...)


class NothingToReport(Exception):
    """What is missing, in words, with what to run first."""


def _load_gradebook(root, aids):
    """(students {id: name}, [Assignment]) from the gradebook, cell scores included.

    ``aids`` empty: every assignment with at least one submission. Only plain
    column queries: loading nbgrader's ORM objects costs a query per
    submission for its computed scores (8 s for a class of 300).
    """
    from nbgrader.api import (Assignment as DbAssignment, BaseCell, Gradebook, Grade, GradeCell, Notebook,
                              Student, SubmittedAssignment, SubmittedNotebook)

    db = Path(root) / "gradebook.db"
    if not db.exists():
        raise NothingToReport(f"no gradebook in {root}: nothing has been graded there yet. "
                              "Run `nndl grade` first, or name the course directory with --root.")
    with Gradebook(f"sqlite:///{db}") as gb:
        q = gb.db.query
        students = {sid: " ".join(x for x in (first, last) if x)
                    for sid, first, last in q(Student.id, Student.first_name, Student.last_name)}
        known = dict(q(DbAssignment.name, DbAssignment.duedate))
        subs = (q(DbAssignment.name, SubmittedAssignment.student_id, SubmittedAssignment.timestamp,
                  SubmittedAssignment.extension)
                .join(SubmittedAssignment, SubmittedAssignment.assignment_id == DbAssignment.id).all())
        cells = (q(DbAssignment.name, GradeCell.name, GradeCell.max_score)
                 .select_from(GradeCell).join(Notebook, GradeCell.notebook_id == Notebook.id)
                 .join(DbAssignment, Notebook.assignment_id == DbAssignment.id).all())
        grades = (q(DbAssignment.name, SubmittedAssignment.student_id, BaseCell.name, Grade.score)
                  .select_from(Grade)
                  .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
                  .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
                  .join(DbAssignment, SubmittedAssignment.assignment_id == DbAssignment.id)
                  .join(BaseCell, Grade.cell_id == BaseCell.id).all())
    unknown = [a for a in aids if a not in known]
    if unknown:
        raise NothingToReport(f"the gradebook of {root} does not know {', '.join(unknown)}: "
                              "run `nbgrader generate_assignment <id>`, then grade it (`nndl grade <id>`).")
    submitted = {aid for aid, *_ in subs}
    chosen = list(aids) or sorted(a for a in known if a in submitted)
    if not chosen:
        raise NothingToReport(f"no graded submission in {root} yet: collect the submissions and run "
                              "`nndl grade` first.")
    nobody = [a for a in chosen if a not in submitted]
    if nobody:
        raise NothingToReport(f"nobody submitted {', '.join(nobody)} (or it has not been graded yet): "
                              "nothing to report. Run `nndl grade <id>` after collecting, or leave it out.")
    out = {aid: Assignment(aid, 0.0, known[aid]) for aid in chosen}
    for aid, gid, max_score in cells:
        if aid in out:
            out[aid].questions.append(Question(gid, float(max_score)))
            out[aid].max_score += float(max_score)
    for aid, student, timestamp, extension in subs:
        if aid in out:
            rec = out[aid]
            rec.scores[student] = 0.0
            rec.timestamps[student] = timestamp
            due = rec.duedate + extension if rec.duedate and extension else rec.duedate
            if timestamp and due and timestamp > due:
                rec.late[student] = (timestamp - due).total_seconds()
    index = {(aid, q.gid): q for aid, rec in out.items() for q in rec.questions}
    for aid, student, gid, score in grades:
        if aid in out:
            out[aid].scores[student] += float(score or 0)
            if (aid, gid) in index:
                index[(aid, gid)].scores[student] = float(score or 0)
    for rec in out.values():
        rec.questions.sort(key=lambda q: q.gid)  # until read_reference puts them in notebook order
        for student in rec.scores:
            students.setdefault(student, "")
    return students, [out[a] for a in chosen]


# ------------------------------------------------------------ notebooks
def _read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def _text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def read_autograded(root, rec):
    """Fill each question's mistakes and the solution cells' code from autograded/."""
    questions = {q.gid: q for q in rec.questions}
    for student in rec.scores:
        folder = Path(root) / "autograded" / student / rec.aid
        for path in sorted(folder.glob("*.ipynb")):
            nb = _read_json(path)
            if nb is None:
                continue
            for cell in nb.get("cells", []):
                meta = _meta(cell)
                gid = meta.get("grade_id")
                if cell.get("cell_type") != "code" or not gid:
                    continue
                if meta.get("solution"):
                    rec.code.setdefault(gid, {})[student] = _text(cell.get("source"))
                if meta.get("grade") and gid in questions:
                    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                    if errors:
                        questions[gid].mistakes[student] = mistake(errors[-1].get("ename"), errors[-1].get("evalue"))


def read_reference(root, rec):
    """The reference solution cells of source/<id>/ (the course directory's, else this
    repository's), and the names its code defines for the learners' code to call."""
    folder = Path(root) / "source" / rec.aid
    if not folder.is_dir():
        folder = course.SOURCE / rec.aid
    code, gids = [], []
    for path in sorted(folder.glob("*.ipynb")):
        nb = _read_json(path) or {}
        for cell in nb.get("cells", []):
            meta = _meta(cell)
            if cell.get("cell_type") != "code":
                continue
            code.append(_text(cell.get("source")))
            gids.append(meta.get("grade_id"))
            if meta.get("solution") and meta.get("grade_id"):
                rec.reference[meta["grade_id"]] = similarity.MARKER.sub("", code[-1])
    rec.free = similarity.notebook_names(code)
    order = {gid: k for k, gid in enumerate(gids)}
    rec.questions.sort(key=lambda q: (order.get(q.gid, len(order)), q.gid))


# ------------------------------------------------------------ similarity
def find_pairs(rec, threshold=THRESHOLD, min_tokens=MIN_TOKENS):
    """Pairs of alike solution cells, and cells alike the reference, per graded function.

    Stubs (still raising NotImplementedError) and cells under ``min_tokens``
    tokens are left out. A pair of two students who both match the reference
    is not listed as a pair: the reference explains it.
    """
    rec.settings = (threshold, min_tokens)
    for gid in sorted(rec.code):
        streams = {}
        for student, source in sorted(rec.code[gid].items()):
            stream = similarity.tokens(source, rec.free)
            if not similarity.is_stub(stream) and similarity.size(stream) >= min_tokens:
                streams[student] = stream
        rec.compared[gid] = len(streams)
        names = list(streams)
        rows = list(streams.values())
        if gid in rec.reference:
            names.append("reference")
            rows.append(similarity.tokens(rec.reference[gid], rec.free))
        found = [(names[i], names[j], r) for i, j, r in similarity.similar_pairs(rows, threshold)]
        like_ref = {a for a, b, _ in found if b == "reference"}
        rec.pairs += [(gid, a, b, r) for a, b, r in found
                      if b == "reference" or not (a in like_ref and b in like_ref)]
    rec.pairs.sort(key=lambda p: (p[0], -p[3], p[1], p[2]))


# ------------------------------------------------------------------- plots
def _png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def histogram_png(rec):
    """Scores of the submissions of one assignment."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4.2, 2.6))
    ax = fig.add_subplot()
    scores = list(rec.scores.values())
    top = max(rec.max_score, 1.0)
    bins = min(int(top), 20) or 1
    ax.hist(scores, bins=bins, range=(0, top), color="#4878a8", edgecolor="white")
    ax.set_xlabel(f"score (out of {rec.max_score:g})")
    ax.set_ylabel("students")
    ax.set_title(rec.aid, fontsize=10)
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return _png(fig)


def pass_rate_png(rec):
    """Share of the submissions with full marks, per question, in notebook order."""
    from matplotlib.figure import Figure

    questions = rec.questions
    fig = Figure(figsize=(5.6, 0.32 * len(questions) + 1.0))
    ax = fig.add_subplot()
    rates = [100 * _pass_rate(q) for q in questions]
    ax.barh(range(len(questions)), rates, color=["#c0504d" if r < 50 else "#4878a8" for r in rates])
    ax.set_yticks(range(len(questions)), [q.gid for q in questions], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("full marks (% of submissions)")
    ax.set_title(rec.aid, fontsize=10)
    fig.tight_layout()
    return _png(fig)


def _pass_rate(q):
    return sum(1 for p in q.scores.values() if p >= q.max_points) / len(q.scores) if q.scores else 0.0


# -------------------------------------------------------------------- html
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}h3{margin-bottom:.3em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.num{text-align:right}.note{background:#fff8e0;border-left:4px solid #e0b000;padding:.5em 1em}
.plots img{margin:.3em;border:1px solid #ddd;vertical-align:top}.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.6em;margin-bottom:1em}
pre{background:#f7f7f7;border:1px solid #ddd;padding:.5em;overflow-x:auto;font-size:.85em;margin:0}
.who{font-weight:bold;margin-bottom:.2em}.muted{color:#777}
"""


def _e(text):
    return html.escape(str(text))


def _page(title, body):
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>\n"
            f"<h1>{_e(title)}</h1><p class=\"muted\">Written by <code>nndl report</code> on {stamp}.</p>\n"
            f"{body}\n</body></html>\n")


def _table(header, rows, numeric=()):
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td class=\"num\">{_e(v)}</td>" if i in numeric else f"<td>{v}</td>"
                                    for i, v in enumerate(row)) + "</tr>\n" for row in rows)
    return f"<table><tr>{head}</tr>\n{body}</table>"


def _names(students):
    return _e(", ".join(students)) if students else "<span class=\"muted\">none</span>"


def _stats(rec):
    scores = list(rec.scores.values())
    return statistics.fmean(scores), statistics.median(scores)


def _late_text(seconds):
    hours = seconds / 3600
    return f"{hours:.1f} h" if hours < 36 else f"{hours / 24:.1f} days"


def course_page(students, recs, images):
    rows = []
    for rec in recs:
        mean, median = _stats(rec)
        zero = [s for s, v in rec.scores.items() if v == 0]
        rows.append([f"<a href=\"{_e(rec.aid)}.html\">{_e(rec.aid)}</a>", f"{len(rec.scores)} / {len(students)}",
                     f"{mean:.1f}", f"{median:g}", f"{rec.max_score:g}", len(zero), len(rec.late)])
    body = ["<h2>Overview</h2>",
            f"<p>{len(students)} students in the gradebook; {len(recs)} assignment(s).</p>",
            _table(["assignment", "submissions", "mean", "median", "out of", "scored 0", "late"], rows,
                   numeric=(1, 2, 3, 4, 5, 6)),
            "<h2>Scores</h2><div class=\"plots\">",
            *(f"<img src=\"{images[r.aid][0]}\" alt=\"histogram of the scores of {_e(r.aid)}\">" for r in recs),
            "</div>", "<h2>Who needs a look</h2>"]
    rows = []
    for rec in recs:
        missing = sorted(set(students) - set(rec.scores))
        zero = sorted(s for s, v in rec.scores.items() if v == 0)
        late = [f"{s} ({_late_text(rec.late[s])})" for s in sorted(rec.late)]
        rows.append([_e(rec.aid), _names(missing), _names(zero), _names(late)])
    body.append(_table(["assignment", "did not submit", "scored 0", "late"], rows))
    body += ["<h2>Pass rate per question</h2>",
             "<p>Share of the submissions with full marks on each test cell; red below 50 %.</p><div class=\"plots\">",
             *(f"<img src=\"{images[r.aid][1]}\" alt=\"pass rate per question of {_e(r.aid)}\">" for r in recs),
             "</div>", "<h2>Most common mistakes</h2>",
             "<p>Questions left undone (<i>not implemented</i>) come after the mistakes.</p>"]
    top = sorted(((len(who), rec.aid, q.gid, label) for rec in recs for q in rec.questions
                  for label, who in q.groups()), key=lambda t: (t[3] == "not implemented", -t[0], t[1], t[2], t[3]))[:15]
    body.append(_table(["students", "assignment", "question", "mistake"],
                       [[n, f"<a href=\"{_e(a)}.html#{_e(g)}\">{_e(a)}</a>", _e(g), _e(m)] for n, a, g, m in top],
                       numeric=(0,)) if top else "<p>No points lost anywhere.</p>")
    body.append("<h2>Alike solutions</h2>" + _table(
        ["assignment", "pairs of students", "matches with the reference"],
        [[f"<a href=\"{_e(r.aid)}.html#similarity\">{_e(r.aid)}</a>",
          sum(1 for p in r.pairs if p[2] != "reference"), sum(1 for p in r.pairs if p[2] == "reference")]
         for r in recs], numeric=(1, 2)))
    body.append(f"<p>{similarity_note(*recs[0].settings)}</p>")
    body.append("<p>Files beside this page: <code>mistakes.csv</code>, <code>similarity.csv</code>, "
                "<code>grades.csv</code> (Canvas) and <code>grades-moodle.csv</code> (Moodle); "
                "see docs/report.md for the imports.</p>")
    return _page("Class report", "\n".join(body))


def similarity_note(threshold=THRESHOLD, min_tokens=MIN_TOKENS):
    return (
    "These are hints, not verdicts: two students may well write alike code on their own, and the "
    "reference solution may be what a textbook or a lecture showed. Code is compared after removing "
    "comments, docstrings, layout, parentheses and the names the cell chooses itself; the similarity is "
    "the share of token trigrams two cells have in common. Cells shorter than "
    f"{min_tokens} tokens (about three lines) and untouched stubs are not compared, since short "
    f"answers are alike for every honest student. Pairs at {threshold:.0%} similarity or more are shown.")


def assignment_page(students, rec, images):
    mean, median = _stats(rec)
    body = [f"<p><a href=\"index.html\">class report</a> &middot; {len(rec.scores)} of {len(students)} students "
            f"submitted; mean {mean:.1f}, median {median:g} out of {rec.max_score:g}.</p>",
            "<div class=\"plots\">",
            f"<img src=\"{images[rec.aid][0]}\" alt=\"histogram of the scores\">",
            f"<img src=\"{images[rec.aid][1]}\" alt=\"pass rate per question\">", "</div>",
            "<h2>Questions</h2><p>Ordered by how many students lost points. A mistake is the test's error "
            "message with its numbers, shapes and names removed.</p>"]
    rows = []
    for q in sorted(rec.questions, key=lambda q: (-len(q.lost), rec.questions.index(q))):
        n = len(q.scores)
        mean_q = statistics.fmean(q.scores.values()) if n else 0.0
        groups = "<br>".join(f"<b>{len(who)}</b> &times; {_e(label)}: {_names(who)}" for label, who in q.groups())
        rows.append([f"<span id=\"{_e(q.gid)}\">{_e(q.gid)}</span>", f"{q.max_points:g}",
                     f"{100 * _pass_rate(q):.0f} %", f"{mean_q:.2f}", len(q.lost), groups or "&mdash;"])
    body.append(_table(["question", "points", "full marks", "mean", "lost points", "mistakes"], rows,
                       numeric=(1, 2, 3, 4)))
    body += ["<h2 id=\"similarity\">Alike solutions</h2>", f"<p class=\"note\">{similarity_note(*rec.settings)}</p>"]
    compared = ", ".join(f"{gid} ({n})" for gid, n in sorted(rec.compared.items()))
    body.append(f"<p class=\"muted\">Cells compared per function: {_e(compared) or 'none'}.</p>")
    if not rec.pairs:
        body.append("<p>No alike pairs.</p>")
    by_gid = defaultdict(list)
    for pair in rec.pairs:
        by_gid[pair[0]].append(pair)
    for gid, pairs in sorted(by_gid.items()):
        body.append(f"<h3>{_e(gid)}</h3>")
        for _, a, b, r in pairs[:HTML_PAIRS]:
            left = rec.code[gid][a]
            right = rec.reference[gid] if b == "reference" else rec.code[gid][b]
            label = "the reference solution" if b == "reference" else b
            body.append(f"<p>{_e(a)} and {_e(label)}: similarity <b>{r:.2f}</b></p><div class=\"pair\">"
                        f"<div><div class=\"who\">{_e(a)}</div><pre>{_e(left)}</pre></div>"
                        f"<div><div class=\"who\">{_e(label)}</div><pre>{_e(right)}</pre></div></div>")
        if len(pairs) > HTML_PAIRS:
            body.append(f"<p>{len(pairs) - HTML_PAIRS} more in similarity.csv.</p>")
    return _page(f"{rec.aid}: class report", "\n".join(body))


# --------------------------------------------------------------------- csv
def _write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def mistake_rows(recs):
    return [[rec.aid, q.gid, label, len(who), " ".join(who)]
            for rec in recs for q in rec.questions for label, who in q.groups()]


def pair_rows(recs):
    return [[rec.aid, gid, a, b, f"{r:.3f}"] for rec in recs for gid, a, b, r in rec.pairs]


def grade_rows(students, recs, points_row):
    """The wide grade table: Canvas's columns (Student, ID, SIS User ID, SIS Login ID,
    Section), one column per assignment, and the total; the nbgrader student id is
    the SIS Login ID. ``points_row``: Canvas's "Points Possible" row second."""
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *(r.aid for r in recs), "Total"]
    rows = []
    if points_row:
        rows.append(["    Points Possible", "", "", "", "", *(f"{r.max_score:g}" for r in recs),
                     f"{sum(r.max_score for r in recs):g}"])
    for student in sorted(students):
        scores = [r.scores.get(student, 0.0) for r in recs]
        rows.append([students[student] or student, "", "", student, "", *(f"{s:g}" for s in scores),
                     f"{sum(scores):g}"])
    return header, rows


# -------------------------------------------------------------------- main
def build(root, aids=(), out=None, threshold=THRESHOLD, min_tokens=MIN_TOKENS, log=print):
    """Write the report of course directory ``root``; return the path of its index page."""
    root = Path(root)
    out = Path(out) if out else root / "report"
    start = time.perf_counter()
    students, recs = _load_gradebook(root, aids)
    log(f"{len(students)} students, {len(recs)} assignment(s) in {root}")
    images = {}
    for rec in recs:
        read_autograded(root, rec)
        read_reference(root, rec)
        find_pairs(rec, threshold, min_tokens)
        images[rec.aid] = (histogram_png(rec), pass_rate_png(rec))
        lost = sum(len(q.lost) for q in rec.questions)
        like_ref = sum(1 for p in rec.pairs if p[2] == "reference")
        log(f"  {rec.aid}: {len(rec.scores)} submission(s), {lost} answer(s) below full marks, "
            f"{len(rec.pairs) - like_ref} alike pair(s) of students, {like_ref} match(es) with the reference")
    out.mkdir(parents=True, exist_ok=True)
    for rec in recs:
        (out / f"{rec.aid}.html").write_text(assignment_page(students, rec, images), encoding="utf-8")
    index = out / "index.html"
    index.write_text(course_page(students, recs, images), encoding="utf-8")
    _write_csv(out / "mistakes.csv", ["assignment", "question", "mistake", "count", "students"], mistake_rows(recs))
    _write_csv(out / "similarity.csv", ["assignment", "function", "student", "other", "similarity"], pair_rows(recs))
    _write_csv(out / "grades.csv", *grade_rows(students, recs, points_row=True))
    _write_csv(out / "grades-moodle.csv", *grade_rows(students, recs, points_row=False))
    log(f"report written in {time.perf_counter() - start:.1f} s")
    return index


def main(argv=None, prog="nndl report"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aids", nargs="*", metavar="ASSIGNMENT", help="assignments to report on (default: every graded one)")
    parser.add_argument("--root", default=str(course.ROOT), help="the course directory (default: this repository)")
    parser.add_argument("--out", help="where to write the pages and CSV files (default: ROOT/report)")
    parser.add_argument("--threshold", type=float, default=THRESHOLD,
                        help=f"similarity from which a pair is shown, 0..1 (default {THRESHOLD})")
    parser.add_argument("--min-tokens", type=int, default=MIN_TOKENS,
                        help=f"shortest solution compared, in tokens (default {MIN_TOKENS})")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not 0 < args.threshold <= 1:
        parser.error("--threshold must be in (0, 1]")
    try:
        index = build(args.root, args.aids, args.out, args.threshold, args.min_tokens)
    except NothingToReport as exc:
        print(f"nndl report: {exc}", file=sys.stderr)
        return 2
    print(f"open {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
