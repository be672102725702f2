"""Autograde a class: every submission in submitted/, on this machine or a Dask cluster.

    nndl grade                                   # every assignment in submitted/, one worker per core
    nndl grade 02_logistic_regression --students ada,ben
    nndl grade --scheduler tcp://10.0.0.5:8786   # on a running Dask cluster (docs/grading-at-scale.md)
    nndl grade --force                           # grade everything again (e.g. after fixing a test)

nbgrader's own Autograde converter runs here, in one process, submission after
submission, and writes the gradebook, autograded/ and the scores exactly as
`nbgrader autograde` would; only the execution of each notebook is sent to Dask
workers (one single-threaded worker process per core of this machine unless
--scheduler names a cluster), which send the executed notebook back as JSON.
The gradebook has one writer, and no worker holds a grade.

A run can be interrupted (Ctrl-C) and started again: what is graded is kept
(grade-journal.jsonl in the course root) and not graded again unless --force or
the submission changed since. A notebook saved under another name
("02_logistic_regression (1).ipynb") is graded under the right one, with a
note. At the end: a table per student (score per assignment, late, problems),
also written as CSV (--csv). nbgrader runs in this repository, so its
nbgrader_config.py applies (with the course directory set to --root).

Exit status: 0 when every submission was graded, 1 when one failed (the table
says why), 2 when there is nothing to grade or the gradebook does not know an
assignment yet (the message says what to run first), 130 when interrupted.
"""
import argparse
import csv
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from .. import course, freeze_once
from .cluster import WORKER_CONFIG
from .course_dir import Course
from .dask_grader import ClusterLost, Grader, Journal, Submission, digest_folder, load_config, repair_names, results

# what the last run in this process sent to Dask (read by the tests and scripts/measure_class_grading.py)
LAST_RUN = {}

NO_SANDBOX_WARNING = ("WARNING: the grading sandbox is OFF (--no-sandbox, NNDL_NO_SANDBOX=1 or "
                      "c.Sandbox.enabled = False): the students' code runs with the rights of the user running "
                      "the workers (files, network, other processes, no limits). Use it only for code you trust.")


def submitted_assignments(root):
    """Ids of the assignments that have at least one submission in submitted/."""
    return sorted({p.name for p in (Path(root) / "submitted").glob("*/*") if p.is_dir()})


def known_assignments(c):
    from nbgrader.api import Gradebook

    if not (c.root / "gradebook.db").exists():
        return {}
    with Gradebook(c.db_url) as gb:
        return {a.name: [nb.name for nb in a.notebooks] for a in gb.assignments}


def problems(c, aids, known):
    """What stops these assignments from being graded, in words, with the fix."""
    out = []
    if not aids:
        out.append(f"nothing to grade: {c.root / 'submitted'} has no <student>/<assignment>/ folder yet. "
                   "Collect the submissions first (nbgrader collect <id>) or copy them there.")
        return out
    present = set(submitted_assignments(c.root))
    for aid in aids:
        if aid not in present:
            out.append(f"{aid}: no submission in submitted/*/{aid}/ (nbgrader collect {aid}, or copy them there)")
        elif aid not in known:
            out.append(f"{aid}: the gradebook does not know this assignment yet; run "
                       f"`nbgrader generate_assignment {aid} --force` in the course first "
                       "(it records the test cells and their points)")
    return out


def plan(root, aids, known, students=None):
    """Every submission to consider, in grading order, notebooks renamed where needed."""
    subs = []
    for aid in aids:
        for folder in sorted(p for p in (root / "submitted").glob(f"*/{aid}") if p.is_dir()):
            student = folder.parent.name
            if students and student not in students:
                continue
            notes = repair_names(folder, known[aid])
            notebooks = [str(p) for p in sorted(folder.glob("*.ipynb")) if p.stem in known[aid]]
            subs.append(Submission(aid, student, notebooks, notes))
    # student after student: a student's notebooks run on one worker, in one kernel factory
    return sorted(subs, key=lambda sub: (sub.student, aids.index(sub.aid)))


# -- progress -------------------------------------------------------------------
def duration(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    if seconds < 86400:
        return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
    return f"{seconds // 86400}d {seconds % 86400 // 3600}h"


class Progress:
    """done/total, rate and time left on stderr: in place on a terminal, a line every few seconds otherwise."""

    def __init__(self, total, stream=None, every=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.every = every or (1.0 if self.tty else 5.0)
        self.total, self.done, self.failed = total, 0, 0
        self.start = time.monotonic()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def line(self):
        elapsed = max(time.monotonic() - self.start, 1e-9)
        text = f"graded {self.done}/{self.total}"
        if self.failed:
            text += f" ({self.failed} failed)"
        if self.done:
            rate = self.done / elapsed
            text += f", {60 * rate:.1f}/min, {duration((self.total - self.done) / rate)} left"
        return text + f", {duration(elapsed)} elapsed"

    def show(self, end=""):
        if self.tty:
            self.stream.write("\r\033[K" + self.line() + end)
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def _run(self):
        while not self.stopped.wait(self.every):
            self.show()

    def update(self, failed=False):
        self.done += 1
        self.failed += failed
        if self.tty:
            self.show()

    def close(self):
        self.stopped.set()
        self.thread.join()
        self.show(end="\n")


# -- the summary ----------------------------------------------------------------
def summary_rows(subs, scores, aids):
    """One row per student: {student, per aid: cell text and lateness, total, problems}."""
    by_student = {}
    for sub in subs:
        by_student.setdefault(sub.student, {})[sub.aid] = sub
    rows = []
    for student in sorted(by_student):
        row = {"student": student, "problems": [], "total": 0.0, "max": 0.0}
        for aid in aids:
            sub = by_student[student].get(aid)
            score = scores.get((student, aid))
            late = score[2] if score and sub and sub.status != "failed" else 0.0
            if sub is None:
                row[aid] = ("-", "", "", 0.0)
            elif sub.status == "failed" or score is None:
                row[aid] = ("FAILED" if sub.status == "failed" else "not graded", "", "", 0.0)
            else:
                row[aid] = (f"{score[0]:g}/{score[1]:g}", score[0], score[1], late)
                row["total"] += score[0]
                row["max"] += score[1]
            label = f"{aid}: " if len(aids) > 1 else ""
            if sub is not None:
                if sub.error:
                    row["problems"].append(f"{label}failed: {sub.error}")
                row["problems"] += [label + note for note in sub.notes]
        rows.append(row)
    return rows


def late_text(seconds):
    return f"late {duration(seconds)}" if seconds > 0 else ""


def score_table(rows, aids):
    cells = [[r["student"]] + [" ".join(filter(None, [r[a][0], late_text(r[a][3])])) for a in aids]
             + [f"{r['total']:g}/{r['max']:g}", "; ".join(r["problems"])] for r in rows]
    header = ["student", *aids, "total", "problems"]
    widths = [max(len(x) for x in col) + 2 for col in zip(header, *cells)]
    widths[-1] = 0
    return "\n".join("".join(x.ljust(w) for x, w in zip(line, widths)).rstrip() for line in [header, *cells])


def write_csv(path, rows, aids):
    header = ["student"]
    for aid in aids:
        header += [f"{aid} score", f"{aid} max", f"{aid} late", f"{aid} seconds late"]
    header += ["total", "max", "late", "problems"]
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        for r in rows:
            line = [r["student"]]
            for aid in aids:
                text, score, max_score, late = r[aid]
                line += [score if score != "" else text, max_score, late_text(late).removeprefix("late "), f"{late:g}"]
            line += [f"{r['total']:g}", f"{r['max']:g}", "yes" if any(r[a][3] > 0 for a in aids) else "no",
                     "; ".join(r["problems"])]
            out.writerow(line)


# -- the run --------------------------------------------------------------------
def start_cluster(args):
    """(client, cluster or None, words saying where the notebooks run)."""
    import dask
    from distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler, timeout=args.connect_timeout)
        workers = len(client.scheduler_info().get("workers", {}))
        if not workers:
            print(f"no worker is connected to {args.scheduler} yet: the notebooks wait until one joins "
                  "(dask worker ADDRESS --nthreads 1, see docs/grading-at-scale.md)", file=sys.stderr)
        return client, None, f"the Dask cluster at {args.scheduler} ({workers} worker(s) now)"
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # the worker processes inherit it (see remote.py)
    # Ctrl-C in a terminal goes to the whole process group: the worker processes
    # ignore it (they inherit SIG_IGN) and the driver stops them in order.
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        # no dashboard; the scheduler's HTTP endpoint (health, metrics) on a free local port
        with dask.config.set(WORKER_CONFIG):  # (each worker process gets the config of its start)
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                   silence_logs=logging.ERROR)
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous)
    return Client(cluster), cluster, f"{args.workers} local worker(s)"


def grade(subs, todo, config, journal, args):
    """Grade ``todo`` (a part of ``subs``) on Dask; returns the exit status."""
    log = logging.getLogger("nndl.grade.nbgrader")
    log.setLevel(logging.INFO)
    log.propagate = False
    if args.verbose and not log.handlers:
        log.addHandler(logging.StreamHandler(sys.stderr))
    try:
        client, cluster, where = start_cluster(args)
    except OSError as error:
        print(f"cannot reach the Dask scheduler at {args.scheduler}: {error}\n"
              "Is `dask scheduler` running there, and is its port open to this machine?", file=sys.stderr)
        return 2
    print(f"autograding {len(todo)} submission(s) of {len(subs)} with {where}", flush=True)
    grader = progress = None
    try:
        grader = Grader(config, client, log)
        grader.plan(todo)
        progress = Progress(len(todo))
        for sub in todo:
            journal.record(sub, "started", sub.digest)
            grader.grade(sub)
            journal.record(sub, sub.status, sub.digest)
            progress.update(failed=sub.status == "failed")
            freeze_once()  # what the first submission imported and built lives to the end
        return 0
    except KeyboardInterrupt:
        if progress:
            progress.close()
            progress = None
        graded = sum(s.status == "graded" for s in todo)
        print(f"\ninterrupted: {graded} of {len(todo)} graded and kept; run the same command again to grade "
              "the rest", file=sys.stderr)
        return 130
    except ClusterLost as lost:
        print(f"\nstopped: {lost}; what was graded is kept, run the command again to go on", file=sys.stderr)
        return 1
    finally:
        if progress:
            progress.close()
        if grader:
            grader.cancel()
            LAST_RUN.update(sent=grader.sent, resent=grader.resent, reused=grader.reused, where=where)
        client.close()
        if cluster:
            cluster.close()


def cores():
    """The cores this process may use (a container or taskset may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def quiet_gradebook_warnings():
    """nbgrader's gradebook code makes SQLAlchemy warn about its session use
    (`nbgrader autograde` prints the same lines); they say nothing about the
    class, and would bury the progress line."""
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)


def shared_gradebook_engines():
    """nbgrader opens a new SQLAlchemy engine for every Gradebook it makes (about nine for
    each notebook graded), and an engine keeps the SQL it has compiled: every query was
    compiled again and again (a tenth of the driver's CPU). In this process Gradebooks
    share one engine per database URL. Closing a Gradebook still disposes of the engine's
    connections, so the next one opens the file afresh, whatever happened to it meanwhile.
    Opening one also checks nbgrader's tables with one query, not one per table."""
    import nbgrader.api as api

    if getattr(api.create_engine, "shared", False):
        return
    original, engines, lock = api.create_engine, {}, threading.Lock()

    def create_engine(url, *args, **kwargs):
        key = (str(url), args, tuple(sorted(kwargs.items())))
        with lock:
            if key not in engines:
                engines[key] = original(url, *args, **kwargs)
            return engines[key]

    create_engine.shared = True
    api.create_engine = create_engine
    _tables_checked_at_once(api.Base.metadata)


def _tables_checked_at_once(metadata):
    """Each Gradebook opened calls ``metadata.create_all``, which asks the database about each of
    nbgrader's tables in turn (a query per table) to create the missing ones: half the cost
    of opening a Gradebook (3.1 -> 1.8 ms), and nbgrader opens nine per notebook graded. One
    query now lists the tables; only when one is missing does create_all run (and create it),
    so the database ends exactly as before. (nbgrader defines no sequences nor DDL events.)"""
    from sqlalchemy import inspect

    original = metadata.create_all

    def create_all(bind, **kwargs):
        if set(metadata.tables) <= set(inspect(bind).get_table_names()):
            return None
        return original(bind=bind, **kwargs)

    metadata.create_all = create_all


def main(argv=None, prog="nndl grade"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aids", nargs="*", metavar="ASSIGNMENT", help="assignments to grade (default: every one in submitted/)")
    parser.add_argument("--students", help="only these students, comma-separated (default: everyone who submitted)")
    parser.add_argument("--workers", type=int, default=cores(),
                        help="local worker processes, one notebook each at a time (default: the number of cores)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="execute on this running Dask cluster instead of local workers")
    parser.add_argument("--connect-timeout", type=float, default=30, help=argparse.SUPPRESS)
    parser.add_argument("--force", action="store_true", help="grade again what is already graded")
    parser.add_argument("--root", default=str(course.ROOT), help="the course directory (default: this repository)")
    parser.add_argument("--csv", help="where to write the summary (default: grades-summary.csv in the course directory)")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run the students' code without the sandbox (Sandbox.enabled=False); prints a warning")
    parser.add_argument("--verbose", action="store_true", help="print nbgrader's log as it grades")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    c = Course(args.root)
    root = c.root.resolve()
    config = load_config(root, sandbox=not args.no_sandbox)
    sandbox_off = not config.Sandbox.get("enabled", True)
    if sandbox_off:
        print(NO_SANDBOX_WARNING, file=sys.stderr)
    aids = args.aids or submitted_assignments(root)
    known = known_assignments(c)
    found = problems(c, aids, known)
    if found:
        print("\n".join(found), file=sys.stderr)
        return 2
    students = set(filter(None, (args.students or "").split(","))) or None
    subs = plan(root, aids, known, students)
    for student in sorted((students or set()) - {s.student for s in subs}):
        print(f"{student}: no submission of {', '.join(aids)} in submitted/{student}/", file=sys.stderr)
    if not subs:
        print("nothing to grade: no submission matches", file=sys.stderr)
        return 2
    journal = Journal(root)
    todo = []
    for sub in subs:
        sub.digest = digest_folder(root / "submitted" / sub.student / sub.aid)
        if not args.force and journal.graded(sub, sub.digest) and (root / "autograded" / sub.student / sub.aid).is_dir():
            sub.status = "done before"
        else:
            todo.append(sub)
    quiet_gradebook_warnings()
    shared_gradebook_engines()
    if len(todo) < len(subs):
        print(f"{len(subs) - len(todo)} submission(s) already graded, kept (--force grades them again)")
    status = grade(subs, todo, config, journal, args) if todo else 0
    rows = summary_rows(subs, results(c.db_url, aids), aids)
    print()
    print(score_table(rows, aids))
    target = Path(args.csv) if args.csv else root / "grades-summary.csv"
    write_csv(target, rows, aids)
    print(f"\nsummary written to {target}")
    if sandbox_off:
        print(NO_SANDBOX_WARNING, file=sys.stderr)
    failed = [s for s in todo if s.status == "failed"]
    return status or (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
