"""Grading speed, today's path (nbgrader) and ours (nndl grade, nndl check), side by side in one run.

    python scripts/bench_grading.py                  # every row, a class of 6 (about 12 min on 2 cores)
    python scripts/bench_grading.py --quick          # a class of 2, one repeat: a smoke run (about 4 min)
    python scripts/bench_grading.py --only check dnn # some rows
    python scripts/bench_grading.py --dry-run        # what would run, and an example table; runs nothing

Every figure is per complete submission (one student's five notebooks, the
reference solution from nndl.tools.author.submissions.make_submission), in
seconds of wall time and CPU-seconds, with the mean 1-minute load average
during the row and the number of cores. Rows (ids for --only):

  nbgrader-one    `nbgrader autograde <id> --student s` once per notebook: 5 nbgrader processes
  nbgrader-batch  a class of N graded with one `nbgrader autograde <id>` per assignment; per
                  submission, and per extra submission ((class - nbgrader-one) / (N - 1))
  grade-1         `nndl grade --workers 1` on the same class (class_grader.main, in this process)
  grade-2         `nndl grade --workers 2`
  grade-each      `nndl grade --workers 1 <id>` once per assignment, one after the other: how a
                  course graded after each deadline grades (each student's submission is then
                  one notebook, with a kernel factory of its own)
  grade-dask      `nndl grade --scheduler` on `dask scheduler` + 2 `dask worker --nthreads 1`
                  (cluster.local_dask_cluster; started before the clock, stopped after it)
                  Each grade row, for a class of N > 1, also grades the first student alone and
                  gives the cost per extra submission: (class - class of 1) / (N - 1)
  check           `python -m nndl check` of each finished notebook, and the notebook's own run
                  under grading (nbclient, SandboxedKernelManager, NBGRADER_EXECUTION=autograde):
                  the table shows "check - own run" per notebook (goal <= 1 s; 01: check < 1.5 s)
  dnn             notebook 05's 4-layer training with nndl.dnn, as a fraction of this machine's
                  numpy matmul rate on the same products (goal >= 70%)

All rows use the course's nbgrader_config.py (sandbox and judge on). The
judge's reference runs (once per assignment version) and nndl check's prepared
course are made before any row is timed, in a temporary folder
(NNDL_REFERENCES, NNDL_PREPARED); the course secret stays unset.

CPU time. Sandboxed kernels run under bubblewrap in a PID namespace of their
own, and getrusage(RUSAGE_CHILDREN) counts only descendants that were waited
for, so it misses kernels (and the processes of a dask cluster) that nobody
in the chain waits for. The ground truth is a cgroup v1 cpuacct group: this
process moves itself into a new child group before starting anything, every
process it starts inherits the group, and the group's cpuacct.usage is read
around each row. Where cgroups are not writable (not root, cgroup v2 only)
the fallback is the machine-wide busy time from /proc/stat, which includes
every other process on the machine: the output says which one was used. The
"rusage" column (RUSAGE_SELF + RUSAGE_CHILDREN) is shown beside it, to see
what getrusage misses; "driver" is RUSAGE_SELF, the in-process `nndl grade`
driver (nbgrader's sanitize, judge and gradebook writes, and for the local
rows the in-process Dask scheduler).
"""
import argparse
import compileall
import contextlib
import io
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
import nndl.tools  # noqa: E402,F401 - first: it keeps jsonschema's slow format checkers out, as for nndl's commands
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure_class_grading import Load, make_class  # noqa: E402
from measure_grading import git_commit  # noqa: E402

from nndl.tools import course  # noqa: E402
from nndl.tools.grade.course_dir import Course, nbgrader_env  # noqa: E402

ROWS = ("nbgrader-one", "nbgrader-batch", "grade-1", "grade-2", "grade-each", "grade-dask", "check", "dnn")
LAYERS = [12288, 20, 7, 5, 1]
CHECK_GOAL, CHECK_GOAL_01, DNN_GOAL = 1.0, 1.5, 0.70


# -- CPU accounting ---------------------------------------------------------------
class CpuClock:
    """CPU-seconds of this process and everything it starts (a cgroup), else of the whole machine."""

    CPUACCT = Path("/sys/fs/cgroup/cpuacct")

    def __init__(self):
        self.group, self.kind = None, "machine"
        for stale in self.CPUACCT.glob("nndl-bench-*"):  # left by an earlier run; rmdir removes empty groups only
            with contextlib.suppress(OSError):
                stale.rmdir()
        try:
            group = self.CPUACCT / f"nndl-bench-{os.getpid()}"
            group.mkdir()
            self.group = group
            (group / "cgroup.procs").write_text(str(os.getpid()))
            self.kind = "cgroup"
        except OSError as error:
            self.why = f"{type(error).__name__}: {error}"
            self.close()

    def read(self):
        if self.kind == "cgroup":
            return int((self.group / "cpuacct.usage").read_text()) / 1e9
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")

    def describe(self):
        if self.kind == "cgroup":
            return (f"CPU: cgroup v1 cpuacct group {self.group} (this process and everything it started, "
                    "sandboxed kernels and dask processes included)")
        return (f"CPU: machine-wide busy time from /proc/stat (no writable cpuacct cgroup: {self.why}); "
                "it includes every other process on this machine")

    def close(self):
        if self.group is None:
            return
        with contextlib.suppress(OSError):
            (self.CPUACCT / "cgroup.procs").write_text(str(os.getpid()))
        for attempt in range(20):  # killed kernels may take a moment to leave
            try:
                self.group.rmdir()
                break
            except OSError:
                time.sleep(0.5)
            if attempt == 10:  # still there, e.g. multiprocessing's resource tracker (it ends with this process)
                for pid in (self.group / "cgroup.procs").read_text().split():
                    with contextlib.suppress(OSError):
                        (self.CPUACCT / "cgroup.procs").write_text(pid)
        else:
            print(f"(could not remove the cgroup {self.group}: the next run removes it once empty)", file=sys.stderr)
        self.group = None


def rusage(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Row:
    """One line of the table: totals over ``count`` complete submissions."""
    id: str
    label: str
    count: float
    wall: float
    cpu: float
    driver: float = None   # RUSAGE_SELF, when the work ran in this process
    rusage: float = None   # RUSAGE_SELF + RUSAGE_CHILDREN
    load: float = None


class Meter:
    """Wall, cgroup (or machine) CPU, getrusage and mean load of a block."""

    def __init__(self, clock, sample=True):
        self.clock, self.sample = clock, sample

    def __enter__(self):
        self._load = Load().__enter__() if self.sample else None
        self._self, self._children = rusage(resource.RUSAGE_SELF), rusage(resource.RUSAGE_CHILDREN)
        self._cpu, self._wall = self.clock.read(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self._wall
        self.cpu = self.clock.read() - self._cpu
        self.driver = rusage(resource.RUSAGE_SELF) - self._self
        self.rusage = self.driver + rusage(resource.RUSAGE_CHILDREN) - self._children
        if self._load:
            self._load.__exit__(*exc)
        self.load = self._load.mean if self._load else None
        return False

    def row(self, id, label, count, driver=True):
        return Row(id, label, count, self.wall, self.cpu, self.driver if driver else None, self.rusage, self.load)


BURN = ("import time; t = time.process_time()\nwhile time.process_time() - t < 0.5: pass\n"
        "print(time.process_time())")


def calibrate(clock):
    """What each clock counts for a child that burns 0.5 CPU-s, plain and inside bubblewrap's PID namespace.

    Lines like "plain child: it says 0.52 CPU-s; cgroup 0.55, rusage 0.53"."""
    lines = []
    runs = [("plain child", [sys.executable, "-c", BURN])]
    if shutil.which("bwrap"):
        runs.append(("child in bwrap --unshare-pid", ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc",
                                                      "/proc", "--unshare-pid", "--die-with-parent",
                                                      sys.executable, "-c", BURN]))
    for what, cmd in runs:
        with Meter(clock, sample=False) as m:
            proc = subprocess.run(cmd, capture_output=True, text=True)
        said = proc.stdout.strip().splitlines()[-1] if proc.returncode == 0 and proc.stdout.strip() else "?"
        lines.append(f"{what}: it says {float(said):.2f} CPU-s; {clock.kind} {m.cpu:.2f}, rusage {m.rusage:.2f}"
                     if said != "?" else f"{what}: did not run ({proc.stderr.strip()[:200]})")
    return lines


# -- the table ----------------------------------------------------------------------
def machine_speed(additions=5_000_000):
    """CPU-s this process takes for a fixed piece of pure Python (5 million additions in a
    function): a shared machine's speed drifts within an hour, and CPU-s of runs made at
    different speeds cannot be compared. It sees a slower core, not a busier memory bus."""
    start = time.process_time()
    total = 0
    for k in range(additions):
        total += k
    return time.process_time() - start


def _num(x, width, digits=1):
    return f"{'-':>{width}}" if x is None else f"{x:{width}.{digits}f}"


def format_table(rows, checks=(), dnn=None, notes=(), cores=None, cpu_source="", header=""):
    """The report as text: the main table, the per-notebook check table, the dnn line, notes."""
    out = [header] if header else []
    out.append(f"per complete submission (5 notebooks); {cores or os.cpu_count()} cores; {cpu_source}")
    out.append(f"{'row':15} {'what':62} {'subm':>5} {'wall s':>8} {'CPU s':>7} {'driver':>7} {'rusage':>7} "
               f"{'load':>5}")
    for r in rows:
        per = lambda x: None if x is None else x / r.count  # noqa: E731
        out.append(f"{r.id:15} {r.label:62} {r.count:5g} {_num(per(r.wall), 8)} {_num(per(r.cpu), 7)} "
                   f"{_num(per(r.driver), 7)} {_num(per(r.rusage), 7)} {_num(r.load, 5)}")
    if checks:
        out.append("")
        out.append(f"nndl check per notebook (median wall s; goal: check - own run <= {CHECK_GOAL:g} s, "
                   f"01 check < {CHECK_GOAL_01:g} s)")
        out.append(f"{'notebook':28} {'own run':>8} {'check':>7} {'check-own':>10} {'check CPU':>10} {'goal':>6}")
        for c in checks:
            met = c["check"] - c["own"] <= CHECK_GOAL and (not c["aid"].startswith("01") or c["check"] < CHECK_GOAL_01)
            out.append(f"{c['aid']:28} {c['own']:8.2f} {c['check']:7.2f} {c['check'] - c['own']:10.2f} "
                       f"{_num(c.get('cpu'), 10, 2)} {'met' if met else 'NOT':>6}")
    if dnn:
        out.append("")
        out.append(f"nndl.dnn training, layers {dnn['layers']}, m = {dnn['m']}: {1000 * dnn['iteration']:.1f} ms "
                   f"per iteration ({dnn['gflop'] * 1000:.0f} MFLOP of matmul); the same products alone "
                   f"{1000 * dnn['products']:.1f} ms ({dnn['gflop'] / dnn['products']:.1f} GFLOP/s, "
                   f"{dnn['best']}; 1 BLAS thread: {1000 * dnn['one_thread']:.1f} ms);\n  fraction of the matmul "
                   f"rate: {dnn['products'] / dnn['iteration']:.0%} (goal >= {DNN_GOAL:.0%}; against 1 BLAS thread: "
                   f"{dnn['one_thread'] / dnn['iteration']:.0%}), load {dnn['load']:.1f}")
    out.extend(notes)
    return "\n".join(out)


def example_rows():
    """Made-up figures, to show the table's shape (--dry-run) and to test the formatter."""
    rows = [Row("nbgrader-one", "nbgrader autograde x 5 notebooks, one student", 1, 20.0, 14.0, None, 6.0, 1.5),
            Row("grade-2", "nndl grade --workers 2, class of 6", 6, 30.0, 55.0, 8.0, 20.0, 2.0)]
    checks = [{"aid": "01_numpy_basics", "own": 1.0, "check": 2.5, "cpu": 2.0},
              {"aid": "05_deep_nn_application", "own": 6.0, "check": 6.8, "cpu": 7.5}]
    dnn = {"layers": LAYERS, "m": 209, "iteration": 0.02, "products": 0.015, "gflop": 0.3, "best": "1 BLAS thread",
           "one_thread": 0.015,
           "load": 1.0}
    return rows, checks, dnn


# -- the rows -----------------------------------------------------------------------
def quiet():
    return contextlib.ExitStack() if os.environ.get("NNDL_BENCH_VERBOSE") else _redirect()


@contextlib.contextmanager
def _redirect():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


def full_marks_or_exit(c, what):
    wrong = {k: v for k, v in c.scores().items() if v[0] != v[1]}
    if wrong:
        raise SystemExit(f"{what}: a complete submission lost points: {wrong}")


def warm_up_judge(template, aids):
    """The judge's reference run of each assignment, cached in $NNDL_REFERENCES (a one-off per version)."""
    from nndl.tools.grade import judge
    from nndl.tools.grade.dask_grader import load_config

    cfg = load_config(template)
    with quiet():
        for aid in aids:
            judge.Judge(config=cfg).reference(aid, aid)


def row_nbgrader_one(clock, template, tmp, aids):
    c = Course(shutil.copytree(template, tmp / "nbgrader-one"))
    with Meter(clock) as m:
        for aid in aids:
            c.autograde(aid, student="student0000")
    scores = {k: v for k, v in c.scores().items() if k[0] == "student0000"}
    if len(scores) != len(aids) or any(s != mx for s, mx in scores.values()):
        raise SystemExit(f"nbgrader-one: the reference solution did not get full marks: {scores}")
    return m.row("nbgrader-one", f"nbgrader autograde <id> --student, x {len(aids)} processes", 1, driver=False)


def row_nbgrader_batch(clock, template, tmp, aids, n, one):
    c = Course(shutil.copytree(template, tmp / "nbgrader-batch"))
    with Meter(clock) as m:
        procs = c.autograde_all(aids, workers=1)
    bad = [p for p in procs if p.returncode != 0]
    if bad:
        raise SystemExit(f"nbgrader autograde failed:\n{bad[0].stdout[-2000:]}\n{bad[0].stderr[-2000:]}")
    full_marks_or_exit(c, "nbgrader-batch")
    rows = [m.row("nbgrader-batch", f"nbgrader autograde <id>, class of {n}, x {len(aids)} processes", n,
                  driver=False)]
    if one is not None and n > 1:
        extra = Row("nbgrader-batch", f"  the same, per extra submission: (class - nbgrader-one) / {n - 1}", 1,
                    (m.wall - one.wall) / (n - 1), (m.cpu - one.cpu) / (n - 1), None,
                    (m.rusage - one.rusage) / (n - 1), m.load)
        rows.append(extra)
    return rows


def row_grade(clock, template, tmp, n, id, label, runs):
    """The class of ``n`` graded with ``nndl grade args`` for each ``args`` of ``runs``, one after
    the other; for a class of more than one, first the first student alone, for the cost of
    each extra submission (what a large class pays: the cluster's start and the one-offs are
    paid once)."""
    one = _grade_class(clock, template, tmp / f"{id}-1", 1, id, runs) if n > 1 else None
    m = _grade_class(clock, template, tmp / id, n, id, runs)
    rows = [m.row(id, label, n)]
    if one is not None:
        rows.append(Row(id, f"  the same, per extra submission: (class - class of 1) / {n - 1}", 1,
                        (m.wall - one.wall) / (n - 1), (m.cpu - one.cpu) / (n - 1),
                        (m.driver - one.driver) / (n - 1), (m.rusage - one.rusage) / (n - 1), m.load))
    return rows


def _grade_class(clock, template, target, n, id, runs):
    from nndl.tools.grade import class_grader

    shutil.copytree(template, target)
    for student in sorted((target / "submitted").iterdir())[n:]:  # a smaller class: its first n students
        shutil.rmtree(student)
    out = io.StringIO()
    with Meter(clock) as m, contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        for run in runs:
            status = class_grader.main(["--root", str(target), *run])
            if status != 0:
                break
    if status != 0:
        raise SystemExit(f"nndl grade {' '.join(run)} failed ({status}):\n{out.getvalue()}")
    full_marks_or_exit(Course(target), id)
    return m


def own_run(nb, folder, config):
    """Execute ``nb`` with nbclient in a sandboxed kernel, as under grading; wall seconds (kernel start and
    shutdown included)."""
    import nbformat
    from nbclient import NotebookClient

    from nndl.tools.grade.sandbox import Sandbox, SandboxedKernelManager

    nb = nbformat.from_dict(nb)
    km = SandboxedKernelManager(Sandbox(config=config), kernel_name="python3", config=config)
    client = NotebookClient(nb, km=km, timeout=config.Execute.get("timeout", 120), kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    client.execute(cleanup_kc=True)  # and shut the kernel down, as grading does (nbclient keeps a given km's)
    wall = time.perf_counter() - start
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise SystemExit(f"own run of {folder.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    return wall


def rows_check(clock, tmp, aids, repeats):
    """Per notebook: own run and `nndl check` (median of ``repeats``); the row of the five together."""
    from nndl.tools.author import submissions
    from nndl.tools.grade.dask_grader import load_config

    import nbformat

    config = load_config(course.ROOT)
    env = dict(nbgrader_env(), PYTHONPATH=os.pathsep.join(filter(None, [str(course.ROOT),
                                                                        os.environ.get("PYTHONPATH")])))
    checks = []
    total = Row("check", f"python -m nndl check, x {len(aids)} notebooks one by one (medians)", 1, 0, 0, None, 0, 0)
    loads = []
    for aid in aids:
        nb = submissions.make_submission(aid)
        work = tmp / "check" / aid
        work.mkdir(parents=True)
        path = work / f"{aid}.ipynb"
        nbformat.write(nb, str(path))
        run_dir = tmp / "own" / aid
        run_dir.mkdir(parents=True)
        for extra in (course.RELEASE / aid).iterdir():  # the files the notebook reads beside it
            if extra.suffix != ".ipynb" and extra.is_file():
                shutil.copy2(extra, run_dir / extra.name)
        cmd = [sys.executable, "-m", "nndl", "check", str(path)]
        proc = subprocess.run(cmd, cwd=course.ROOT, env=env, capture_output=True, text=True)  # warm-up
        if proc.returncode != 0:
            raise SystemExit(f"nndl check {aid} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        os.environ["NBGRADER_EXECUTION"] = "autograde"
        try:
            with quiet():
                own_run(nb, run_dir, config)  # warm the file cache
        finally:
            os.environ.pop("NBGRADER_EXECUTION", None)
        owns, walls, cpus, rus = [], [], [], []
        for _ in range(repeats):
            os.environ["NBGRADER_EXECUTION"] = "autograde"
            try:
                with quiet():
                    owns.append(own_run(nb, run_dir, config))
            finally:
                os.environ.pop("NBGRADER_EXECUTION", None)
            with Meter(clock) as m:
                proc = subprocess.run(cmd, cwd=course.ROOT, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"nndl check {aid} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
            walls.append(m.wall)
            cpus.append(m.cpu)
            rus.append(m.rusage)
            loads.append(m.load)
        checks.append({"aid": aid, "own": statistics.median(owns), "check": statistics.median(walls),
                       "cpu": statistics.median(cpus)})
        total.wall += checks[-1]["check"]
        total.cpu += checks[-1]["cpu"]
        total.rusage += statistics.median(rus)
        print(f"  check {aid}: own run {checks[-1]['own']:.2f} s, check {checks[-1]['check']:.2f} s", flush=True)
    total.load = statistics.mean(loads)
    return total, checks


def bench_dnn(iterations, repeats):
    """Notebook 05's headline training with nndl.dnn vs the same products timed alone."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    from nndl import dnn
    from nndl.data import load_catvnoncat

    train_x_orig, train_y, *_ = load_catvnoncat()
    X = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255.0  # as notebook 05
    Y = train_y
    m = X.shape[1]
    params = dnn.initialize_parameters_deep(LAYERS)

    def train():
        p = params
        for _ in range(iterations):
            AL, caches = dnn.L_model_forward(X, p)
            dnn.compute_cost(AL, Y)
            grads = dnn.L_model_backward(AL, Y, caches)
            p = dnn.update_parameters(p, grads, 0.0075)
        return AL, caches

    with Load() as load:
        train()  # warm-up
        iteration = min(_timed(train) for _ in range(repeats)) / iterations
        # the products of one iteration, on the arrays of a real one (same shapes and memory layouts)
        _, caches = train()
        products, flops = [], 0
        for l, ((A_prev, W, _b), Z) in enumerate(caches, start=1):
            dZ = np.ones_like(Z)
            products.append((W, A_prev))          # forward: W A_prev
            products.append((dZ, A_prev.T))       # backward: dW = dZ A_prev^T / m
            flops += 2 * 2 * W.shape[0] * W.shape[1] * m
            if l > 1:
                products.append((W.T, dZ))        # backward: dA_prev = W^T dZ (not for layer 1)
                flops += 2 * W.shape[0] * W.shape[1] * m

        def alone():
            for _ in range(iterations):
                for a, b in products:
                    a @ b

        best = {}
        alone()
        for name, limit in (("default BLAS threads", None), ("1 BLAS thread", 1)):
            with threadpool_limits(limits=limit, user_api="blas") if limit else contextlib.nullcontext():
                best[name] = min(_timed(alone) for _ in range(repeats)) / iterations
    which = min(best, key=best.get)
    return {"layers": LAYERS, "m": m, "iteration": iteration, "products": best[which], "gflop": flops / 1e9,
            "best": which, "one_thread": best["1 BLAS thread"], "load": load.mean}


def _timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


# -- main ---------------------------------------------------------------------------
def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog=__doc__.split("\n\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=None, help="class size of the batch rows (default 6; "
                                                                      "--quick: 2)")
    parser.add_argument("--quick", action="store_true", help="a small class, one repeat: a smoke run")
    parser.add_argument("--repeats", type=int, default=None, help="runs per notebook of the check row, and of "
                                                                   "the dnn timings (median/best; default 3, --quick 1)")
    parser.add_argument("--only", nargs="+", choices=ROWS, metavar="ROW", help=f"only these rows: {', '.join(ROWS)}")
    parser.add_argument("--dry-run", action="store_true", help="print what would run and an example table")
    args = parser.parse_args(argv)
    args.students = args.students if args.students is not None else (2 if args.quick else 6)
    args.repeats = args.repeats if args.repeats is not None else (1 if args.quick else 3)
    if args.students < 1 or args.repeats < 1:
        parser.error("--students and --repeats must be at least 1")
    args.rows = [r for r in ROWS if not args.only or r in args.only]
    return args


def main(argv=None):
    args = parse_args(argv)
    command = shlex.join(["python", "scripts/bench_grading.py", *(sys.argv[1:] if argv is None else argv)])
    aids = course.assignment_ids()
    n = args.students
    header = (f"grading benchmark, {time.strftime('%Y-%m-%d %H:%M')}, git {git_commit()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}, {platform.machine()}")
    if args.dry_run:
        print(f"would run: {', '.join(args.rows)}; class of {n}; {args.repeats} repeat(s); notebooks {', '.join(aids)}")
        rows, checks, dnn = example_rows()
        print(format_table(rows, checks, dnn, cores=os.cpu_count(), cpu_source="CPU: (example figures)",
                          header="example (made-up figures):"))
        print(f"command: {command}")
        return 0

    os.environ["PATH"] = nbgrader_env()["PATH"]  # nbgrader runs `alembic` by name
    clock = CpuClock()
    cpu_source = clock.describe()
    print(cpu_source, flush=True)
    calibration = calibrate(clock)
    print("\n".join(calibration), flush=True)
    # the course's modules byte-compiled, as a first run (or `make venv`) leaves them on a machine
    # that writes bytecode: with PYTHONDONTWRITEBYTECODE set, a module changed since would be
    # compiled again by every process timed (0.1-0.15 s of a check)
    compileall.compile_dir(str(course.ROOT / "nndl"), quiet=2)
    speed_before = machine_speed()
    rows, checks, dnn, notes = [], [], None, []
    try:
        with tempfile.TemporaryDirectory(prefix="nndl-bench-") as tmp:
            tmp = Path(tmp)
            os.environ["NNDL_REFERENCES"] = str(tmp / "references")
            os.environ["NNDL_PREPARED"] = str(tmp / "prepared")
            started = time.perf_counter()
            if "dnn" in args.rows:  # first: nothing else of ours runs beside it
                dnn = bench_dnn(iterations=5 if args.quick else 30, repeats=args.repeats)
                print(f"  dnn: fraction {dnn['products'] / dnn['iteration']:.0%}", flush=True)
            graders = [r for r in args.rows if r not in ("check", "dnn")]
            if graders or "check" in args.rows:
                template = tmp / "template"
                with quiet():
                    make_class(template, aids, n if graders else 0)
                warm_up_judge(template, aids)
                print(f"class of {n if graders else 0} generated and judge references made in {time.perf_counter() - started:.0f} s",
                      flush=True)
            one = None
            if "nbgrader-one" in args.rows:
                one = row_nbgrader_one(clock, template, tmp, aids)
                rows.append(one)
                print(f"  nbgrader-one: {one.wall:.1f} s", flush=True)
            if "nbgrader-batch" in args.rows:
                batch = row_nbgrader_batch(clock, template, tmp, aids, n, one)
                rows += batch
                print(f"  nbgrader-batch: {batch[0].wall:.1f} s", flush=True)
            for id, label, extra in (("grade-1", "nndl grade --workers 1", ["--workers", "1"]),
                                     ("grade-2", "nndl grade --workers 2", ["--workers", "2"])):
                if id in args.rows:
                    graded = row_grade(clock, template, tmp, n, id, f"{label}, class of {n}", [extra])
                    rows += graded
                    print(f"  {id}: {graded[0].wall:.1f} s", flush=True)
            if "grade-each" in args.rows:
                graded = row_grade(clock, template, tmp, n, "grade-each",
                                   f"nndl grade --workers 1 <id>, once per assignment, class of {n}",
                                   [["--workers", "1", aid] for aid in aids])
                rows += graded
                print(f"  grade-each: {graded[0].wall:.1f} s", flush=True)
            if "grade-dask" in args.rows:
                from nndl.tools.grade.cluster import local_dask_cluster

                with local_dask_cluster(tmp / "cluster", workers=2) as (address, _):
                    graded = row_grade(clock, template, tmp, n, "grade-dask",
                                       f"nndl grade --scheduler (dask scheduler + 2 workers), class of {n}",
                                       [["--scheduler", address]])
                    rows += graded
                print(f"  grade-dask: {graded[0].wall:.1f} s", flush=True)
            if "check" in args.rows:
                total, checks = rows_check(clock, tmp, aids, args.repeats)
                rows.append(total)
            total_wall = time.perf_counter() - started
    finally:
        clock.close()
    notes.append("")
    notes.append("wall s, CPU s, driver, rusage: per complete submission. CPU: the cgroup (or machine) total; "
                 "driver: RUSAGE_SELF (nndl grade in this process);\nrusage: RUSAGE_SELF + RUSAGE_CHILDREN, what "
                 "getrusage sees (it misses processes nobody waited for: sandboxed kernels, dask processes).")
    notes.append("load: mean 1-minute load average during the row, its own processes included; "
                 f"now {' '.join(f'{x:.1f}' for x in os.getloadavg())}. Whole run: {total_wall:.0f} s.")
    notes.append("CPU clocks on a child that burns 0.5 CPU-s: " + "; ".join(calibration))
    notes.append(f"machine speed: 5 million additions took {speed_before:.2f} CPU-s before the rows and "
                 f"{machine_speed():.2f} after (0.17 to 0.19 on the course's 2-core machine at its usual speed; "
                 "compare the CPU figures of runs made at similar speeds only)")
    notes.append(f"command: {command}")
    print()
    print(format_table(rows, checks, dnn, notes=notes, cores=os.cpu_count(), cpu_source=cpu_source,
                       header=header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
