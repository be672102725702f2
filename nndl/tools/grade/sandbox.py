"""The grading sandbox: a student's kernel sees its own notebook and nothing else.

Every kernel that runs a submission for grading is started by
``SandboxedKernelManager`` inside bubblewrap (``bwrap``, Debian's package
``bubblewrap``), configured by the ``Sandbox`` traits of nbgrader_config.py:

- filesystem: built from an allow-list, not by hiding things. The system
  (/usr, /etc), the Python installation and the venv, the learner library
  ``nndl`` (without ``nndl/tools``) and ``datasets/`` are visible read-only.
  The working folder is a private, size-capped tmpfs holding copies of the
  submission's files, at the path nbgrader gave; /tmp is another one. Nothing
  else of the host exists inside: not the course (source/, gradebook.db,
  nbgrader_config.py, other students), not the instructor's home. Nothing the
  kernel writes reaches the host, except in its run folder (see below).
- network: a network namespace of its own (no interface but a loopback of
  its own). The grader talks to the kernel over unix sockets (jupyter's
  ``ipc`` transport) in a private run folder bound into the sandbox.
- processes: its own pid namespace (it cannot see or signal the grader);
  everything it starts dies with it (``--die-with-parent``; the namespace's
  init takes every process down when the kernel ends).
- resources: an address-space cap (``Sandbox.memory``), a process cap
  (``Sandbox.processes``), a file-size cap; the per-notebook wall-time cap is
  applied by the execute preprocessor (nbgrader_ext.ResilientExecute).
- environment: an allow-list (``ENV_ALLOWED``); no instructor variables.
- identity: when grading runs as root, the kernel runs as a fresh unprivileged
  uid with no capabilities (so its process cap counts its own processes only,
  and it owns nothing on the host). As an ordinary user, bwrap puts the kernel
  in a user namespace of its own.

A sandbox that cannot start is an error (``SandboxUnavailable``, naming what is
missing), never a silent fallback: ``Sandbox.enabled = False`` is the explicit
opt-out, and it is logged as a warning for every notebook.
"""
import asyncio
import functools
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, DottedObjectName, Instance, Int, List, Unicode, default
from traitlets.config import LoggingConfigurable

import nndl

INSTALL = ("install bubblewrap (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: "
           "`sudo dnf install bubblewrap`), or opt out explicitly with `Sandbox.enabled = False` in "
           "nbgrader_config.py / `--Sandbox.enabled=False` (`nndl grade --no-sandbox`): then student code "
           "runs unconfined, as the instructor")
OPT_OUT_WARNING = ("the grading sandbox is OFF (Sandbox.enabled = False): student notebooks run as you, "
                   "with your files, the network and no limits. Only grade code you trust this way.")

# What reaches the kernel from the grader's environment; everything else is dropped.
ENV_ALLOWED = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "MPLBACKEND", "NBGRADER_EXECUTION", "NBGRADER_VALIDATING",
               "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
               "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "NNDL_DATA_DIR", "PYTHONHASHSEED", "NNDL_JUDGE")
# what graded kernels draw with: only the figures kept for the feedback (nndl/grading_figures.py)
GRADING_BACKEND = "module://nndl.grading_figures"
# The arguments nbclient gives every ipykernel it starts with its default settings (its input
# history in memory: no history file, no thread writing it); a kernel started ahead gets them
# too, unless its caller knows the executor's (ResilientExecute.kernel_arguments).
NBCLIENT_KERNEL_ARGS = ("--HistoryManager.hist_file=:memory:",)
# unix socket paths are limited to about 107 bytes: the run folder must stay short
MAX_SOCKET_PATH = 100
# the kernel's uid when grading runs as root: fresh for every kernel, far above
# real accounts and the usual subordinate-uid ranges of user namespaces
UID_BASE, UID_SPAN = 1_900_000_000, 100_000_000


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start here; the message says what is missing and what to do."""


def parse_size(text):
    """'2G', '512M', '1048576' -> bytes."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*", str(text), flags=re.I)
    if not m:
        raise ValueError(f"not a size: {text!r} (write e.g. 2G, 512M or a number of bytes)")
    scale = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}[m.group(2).upper()]
    return int(float(m.group(1)) * scale)


class Sandbox(LoggingConfigurable):
    """How a grading kernel is confined (set in nbgrader_config.py as c.Sandbox.*)."""

    enabled = Bool(True, help="Run every grading kernel in the sandbox. False runs student code "
                              "unconfined (logged as a warning for every notebook).").tag(config=True)
    memory = Unicode("2G", help="Address-space cap of every process in the sandbox (e.g. 2G, 1536M)").tag(config=True)
    processes = Int(256, help="Most processes/threads the kernel may have at once").tag(config=True)
    notebook_timeout = Int(900, help="Wall-time cap of one notebook in seconds, on top of the "
                                     "per-cell Execute.timeout; later cells score 0").tag(config=True)
    tmp_size = Unicode("256M", help="Size of the kernel's private /tmp and of its working folder").tag(config=True)
    max_file_size = Unicode("256M", help="Largest file the kernel may write").tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap executable").tag(config=True)
    readonly = List(Unicode(), help="More host paths the kernel may read (e.g. a data folder)").tag(config=True)
    workdir = Unicode("", help="The kernel's working folder as the kernel sees it, when it differs from the "
                               "host folder holding its files: a Dask worker (nndl grade) executes in a "
                               "temporary folder what nbgrader runs in autograded/<student>/<id>/, and the "
                               "kernel must see the same path. Empty: the host folder.").tag(config=True)

    # -- can it start? ----------------------------------------------------
    def check(self):
        """Raise SandboxUnavailable unless a sandbox starts on this machine (tried once per process)."""
        problem = _probe(self.bwrap, os.geteuid() == 0)
        if problem:
            raise SandboxUnavailable(problem)

    # -- the command ------------------------------------------------------
    def command(self, kernel_cmd, workdir, rundir, uid=None, skip=(), more=()):
        """The bwrap argv that runs ``kernel_cmd`` confined, with ``workdir`` as its private cwd
        (seen at ``Sandbox.workdir`` when that is set; its files copied in, but those at the
        relative paths ``skip``). ``more``: further (host folder, path inside, skip) working
        folders, each a private tmpfs of its own (a kernel factory's other notebooks).

        Returns (argv, fds): the open files of ``workdir`` handed to bwrap, to be
        passed to the child (``pass_fds``) and closed afterwards.
        """
        learner_bytecode()
        args = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--hostname", "sandbox"]
        if uid is None:  # not root: bwrap's own user namespace (no privileges anywhere)
            args.append("--unshare-user")
        made = {"/tmp"}
        size = str(parse_size(self.tmp_size))
        # /tmp first: what is bound below may live under the host's /tmp (a clone there, say)
        args += _system_mounts(made) + ["--proc", "/proc", "--dev", "/dev",
                                         "--perms", "1777", "--size", size, "--tmpfs", "/tmp",
                                         # POSIX semaphores (multiprocessing, joblib) live here
                                         "--perms", "1777", "--size", size, "--tmpfs", "/dev/shm"]
        for path in self.readable_paths():
            args += _parents(path, made) + ["--ro-bind", str(path), str(path)]
        # the learner library without the tools: the kernel never sees trusted code
        tools = Path(nndl.__file__).resolve().parent / "tools"
        if tools.is_dir():
            args += ["--perms", "0755", "--tmpfs", str(tools)]
        args += _parents(rundir, made) + ["--bind", str(rundir), str(rundir)]
        host = Path(workdir)
        workdir = Path(self.workdir) if self.workdir else host
        fds = []
        for h, inside, sk in [(host, workdir, skip), *more]:
            args += _parents(inside, made) + ["--perms", "0777", "--size", size, "--tmpfs", str(inside)]
            copy_args, copied = _copies(h, inside, sk)
            args += copy_args
            fds += copied
        args += ["--chdir", str(workdir), "--unsetenv", "JPY_PARENT_PID"]
        fonts = _font_cache()
        if fonts:  # matplotlib's font list, so that no kernel spends ~0.5 s building it again
            fd = os.open(fonts, os.O_RDONLY)
            fds.append(fd)
            args += ["--perms", "0777", "--dir", "/tmp/matplotlib",
                     "--perms", "0666", "--file", str(fd), f"/tmp/matplotlib/{fonts.name}"]
        # The folders bwrap made above (/work, the parents of each path) are on the sandbox's own
        # root, writable by a kernel that owns them (not root: bwrap's user namespace maps the
        # kernel to their owner). Read-only, as they are for root's fresh uid: the kernel writes
        # its working folder, /tmp and /dev/shm only.
        args += ["--remount-ro", "/"]
        inner = []
        if uid is not None:  # root: drop to a fresh uid with no capabilities before anything runs
            args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
            inner += [_which("setpriv"), f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                      "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
        inner += [_which("prlimit"), f"--as={parse_size(self.memory)}", f"--nproc={self.processes}",
                  f"--fsize={parse_size(self.max_file_size)}", "--core=0", "--"]
        return [_which(self.bwrap), *args, *inner, *kernel_cmd], fds

    def readable_paths(self):
        """Host folders the kernel may read: Python, the venv, the learner library, the data."""
        here = Path(nndl.__file__).resolve().parent
        paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), Path(sys.executable).resolve().parent,
                 here, here.parent / "datasets"}
        if os.environ.get("NNDL_DATA_DIR"):
            paths.add(Path(os.environ["NNDL_DATA_DIR"]).resolve())
        paths.update(Path(p).resolve() for p in self.readonly)
        paths = sorted(p for p in paths if p.exists() and not _under_system(p))
        # a folder inside another one is visible already (the venv inside the course, say)
        return [p for p in paths if not any(q != p and q in p.parents for q in paths)]

    def environment(self, env, rundir):
        """The kernel's environment: the allow-list, plus what the sandbox itself defines."""
        env = env or os.environ
        clean = {k: env[k] for k in ENV_ALLOWED if k in env}
        clean.update({
            "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
            "HOME": "/tmp", "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython",
            "PYTHONPATH": str(Path(nndl.__file__).resolve().parent.parent),  # this nndl, whatever the install
            "PYTHONDONTWRITEBYTECODE": "1",
        })
        clean.setdefault("LANG", "C.UTF-8")
        if "NBGRADER_EXECUTION" in clean:  # grading: only the figures kept for the feedback are
            clean["MPLBACKEND"] = GRADING_BACKEND  # drawn (nndl/grading_figures.py)
        return clean


SYSTEM = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


def _under_system(path):
    return any(path == Path(s) or Path(s) in path.parents for s in ("/usr", "/etc"))


def _system_mounts(made):
    """/usr and /etc read-only; the merged-usr links (/bin -> usr/bin) as links."""
    args = []
    for top in SYSTEM:
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
        made.add(top)
    return args


def _parents(path, made):
    """--dir for each missing ancestor of ``path`` (world-traversable, so a dropped uid can reach it)."""
    args = []
    for parent in reversed(Path(path).parents):
        p = str(parent)
        if p == "/" or p in made:
            continue
        made.add(p)
        args += ["--perms", "0755", "--dir", p]
    return args


def _copies(host, inside=None, skip=()):
    """bwrap arguments that copy the files of folder ``host`` into the private tmpfs at
    ``inside`` (default: the same path), read by fd; not those at the relative paths ``skip``."""
    args, fds = [], []
    host = Path(host)
    inside = Path(inside) if inside else host
    for path in sorted(host.rglob("*")):
        relative = path.relative_to(host)
        if any(str(p) in skip for p in (relative, *relative.parents)):
            continue  # a link in the submission, which nbgrader copied here as its target's bytes
        if path.is_symlink() or path.suffix == ".ipynb":
            # a link could point anywhere on the host; the notebook being graded is the
            # kernel's code, not its data (and it holds the test cells)
            continue
        target = str(inside / path.relative_to(host))
        if path.is_dir():
            args += ["--perms", "0777", "--dir", target]
        elif path.is_file():
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                # (too many files: EMFILE; one unreadable) the grader grades a whole class in one
                # process: the files opened so far must not stay open for the next students
                for fd in fds:
                    os.close(fd)
                raise
            fds.append(fd)
            args += ["--perms", "0666", "--file", str(fd), target]
    return args, fds


@lru_cache(maxsize=None)
def _font_cache():
    """The grader's matplotlib font list (built once here when missing), or None."""
    def find():
        base = os.environ.get("MPLCONFIGDIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "matplotlib")
        found = sorted(Path(base).glob("fontlist-v*.json"))
        return found[-1] if found else None
    if find() is None:
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], capture_output=True, timeout=120)
    return find()


@lru_cache(maxsize=None)
def learner_bytecode(folder=None):
    """Byte-compile the learner library's modules (nndl/*.py, or those of ``folder``) that have no
    up-to-date bytecode; once per process, and silently a no-op where the folder is read-only.

    A sandboxed kernel reads nndl/ but cannot write its __pycache__, so a module changed since
    its bytecode was written (a `git pull`), or never compiled (a fresh clone where nothing wrote
    bytecode, or PYTHONDONTWRITEBYTECODE set), was compiled from source by every kernel factory
    and by every kernel importing it (nndl.checks: each notebook): about 0.04 CPU-s a
    submission. Here, on the trusted side, it is compiled once; when nothing is stale this costs
    a stat and a 16-byte read per module (2 ms).
    """
    import compileall

    try:
        return compileall.compile_dir(str(folder or Path(nndl.__file__).resolve().parent), maxlevels=0, quiet=2)
    except OSError:
        return False


@lru_cache(maxsize=None)
def _which(program):
    found = shutil.which(program, path=os.environ.get("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin")
    if not found:
        raise SandboxUnavailable(f"the grading sandbox needs `{program}`, which is not installed: {INSTALL}")
    return found


@lru_cache(maxsize=None)
def _probe(bwrap, as_root):
    """'' when a trivial sandbox starts, else why not (cached: once per process)."""
    try:
        exe = _which(bwrap)
        _which("prlimit")
        if as_root:
            _which("setpriv")
    except SandboxUnavailable as exc:
        return str(exc)
    argv = [exe, "--unshare-pid", "--unshare-net", "--die-with-parent", *_system_mounts(set()),
            "--proc", "/proc", "--dev", "/dev"]
    if not as_root:
        argv.append("--unshare-user")
    try:
        proc = subprocess.run([*argv, "--", "/bin/true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap could not be started ({exc}): {INSTALL}"
    if proc.returncode != 0:
        hint = "" if as_root else (" As an ordinary user bubblewrap needs unprivileged user namespaces "
                                   "(sysctl kernel.unprivileged_userns_clone=1 / user.max_user_namespaces > 0).")
        return f"bubblewrap is installed but cannot create a sandbox here: {proc.stderr.strip()}.{hint}"
    return ""


def fresh_uid():
    return UID_BASE + secrets.randbelow(UID_SPAN)


class PromptClient(AsyncKernelClient):
    """jupyter_client's kernel client, ready as soon as the kernel is.

    Its wait_for_ready ends with 0.2 s of listening on IOPub for stray start-up
    messages, a fifth of a forked kernel's start. Here the kernel is ready when
    its reply to kernel_info has come and IOPub has carried the end (status
    idle) of that request: IOPub is then connected and has nothing left of it.
    """

    async def _async_wait_for_ready(self, timeout=None):
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        # A slow kernel answers a backlog of requests at once, and IOPub drops what
        # the kernel published before the subscription reached it: a reply's idle
        # may never come. Collect both; ready on a request that has both.
        replies, idle, resend = {}, set(), 0.0
        poller = zmq.asyncio.Poller()
        poller.register(self.shell_channel.socket, zmq.POLLIN)
        poller.register(self.iopub_channel.socket, zmq.POLLIN)
        while True:
            now = time.monotonic()
            if now >= resend:  # once a second, a new request whose idle IOPub may carry
                replies.setdefault(self.kernel_info(), None)
                resend = now + 1
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
            if now > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
            ready = dict(await poller.poll(max(10, int(1000 * (min(resend, deadline) - now)))))
            if self.shell_channel.socket in ready:
                msg = await self.shell_channel.get_msg(timeout=0)
                request = msg["parent_header"].get("msg_id")
                if msg["msg_type"] == "kernel_info_reply" and request in replies:
                    replies[request] = msg
                    # The kernel is up. A forked one answers within milliseconds of binding its
                    # sockets, often before the subscription has reached it, so this idle may be
                    # lost: ask again soon, not in a second (0.7 to 1 s of one start in three).
                    resend = min(resend, time.monotonic() + 0.05)
            if self.iopub_channel.socket in ready:
                msg = await self.iopub_channel.get_msg(timeout=0)
                if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                    idle.add(msg["parent_header"].get("msg_id"))
            done = [request for request in idle if replies.get(request)]
            if done:
                self._handle_kernel_info_reply(replies[done[0]])
                return

    wait_for_ready = _async_wait_for_ready  # (the public name is bound to the base class's method)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs inside the Sandbox, reached over unix sockets."""

    sandbox = Instance(Sandbox)
    client_class = DottedObjectName("nndl.tools.grade.sandbox.PromptClient")

    @default("client_factory")
    def _prompt_client(self):
        return PromptClient

    def __init__(self, sandbox, skip=(), rundir=None, **kwargs):
        sandbox.check()
        rundir = Path(rundir) if rundir else _rundir()
        super().__init__(sandbox=sandbox, transport="ipc", ip=str(rundir / "k"),
                         connection_file=str(rundir / "kernel.json"), **kwargs)
        self.rundir = rundir
        self.skip = frozenset(skip)
        self.uid = fresh_uid() if os.geteuid() == 0 else None

    async def _async_pre_start_kernel(self, **kw):
        # Interrupt by message (ipykernel handles it), not by a signal to the
        # process group: the kernel lives in a session of its own.
        self.kernel_spec.interrupt_mode = "message"
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        workdir = kw.pop("cwd", None) or os.getcwd()
        argv, fds = self.sandbox.command(kernel_cmd, workdir, self.rundir, self.uid, self.skip)
        kw["env"] = self.sandbox.environment(kw.get("env"), self.rundir)
        kw["cwd"] = str(self.rundir)
        kw["pass_fds"] = tuple(fds)
        # the kernel's own stdout carries only ipykernel's start-up notes (cell output travels
        # over the sockets); stderr stays, for bubblewrap's words when a sandbox cannot start
        kw["stdout"] = subprocess.DEVNULL
        if self.uid is not None:  # the dropped uid must create its sockets and read the connection file
            os.chown(self.rundir, self.uid, self.uid)
            os.chown(self.connection_file, self.uid, self.uid)
        try:
            await super()._async_launch_kernel(argv, **kw)
        finally:
            for fd in fds:
                os.close(fd)

    async def _async_shutdown_kernel(self, now=False, restart=False):
        # the sandbox's processes die with its init, an instant after the kernel: when this
        # returns, nothing the notebook started is running any more (a daemon, say)
        process = getattr(self.provisioner, "process", None)
        namespace = _pid_namespace_of_child(process.pid) if process is not None else None
        await super()._async_shutdown_kernel(now=now, restart=restart)
        deadline = time.monotonic() + 10
        while namespace and _in_namespace(namespace) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    shutdown_kernel = _async_shutdown_kernel  # (the public name is bound to the base class's method)

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self.rundir, ignore_errors=True)


def _rundir():
    """A new private folder for a kernel's sockets, with a path short enough for them."""
    base = tempfile.gettempdir()
    if len(base) > MAX_SOCKET_PATH - 30:
        base = "/tmp"
    return Path(tempfile.mkdtemp(prefix="nndl-sb-", dir=base))


class KernelFactory:
    """One student's sandbox running a kernel factory (nndl/_kernel_factory.py).

    It holds the working folders of that student's notebooks, ``folders`` =
    [(host folder, path inside, relative paths to skip)], and forks a kernel
    for each (``FactoryKernelManager``), which saves starting Python, ipykernel,
    numpy and matplotlib once per notebook. Used as a context manager around
    the grading of one submission; nothing of it outlives the submission.
    If it cannot start, ``alive()`` is False and kernels start the ordinary way.
    """

    def __init__(self, sandbox, folders, log=None, env=None, libraries=None):
        """libraries: the course libraries its kernels will import (notebook_libraries), loaded
        before the first kernel; None loads all of them."""
        self.sandbox, self.log, self.env = sandbox, log, env
        self.libraries = libraries
        # host folder a kernel is started in -> its working folder inside: the folder its files
        # came from, or the same path (nbgrader's own folder, when files and kernel share it)
        self.inside = {str(i): str(i) for _, i, _ in folders}
        self.inside.update({str(Path(h).resolve()): str(i) for h, i, _ in folders})
        self.rundir = _rundir()
        self.socket = self.rundir / "factory"
        self.uid = fresh_uid() if os.geteuid() == 0 else None
        self.proc, self.kernels = None, 0
        self.ahead = {}  # host folder -> a kernel started ahead for it (start_ahead)
        self._start(folders)

    def _start(self, folders):
        (host, inside, skip), *more = folders
        sandbox = self.sandbox
        cmd = [sys.executable, "-m", "nndl._kernel_factory", str(self.socket)]
        if self.libraries is not None:
            cmd += ["--preload", ",".join(self.libraries)]
        workdir = sandbox.workdir
        sandbox.workdir = str(inside)
        try:
            argv, fds = sandbox.command(cmd, host, self.rundir, self.uid, skip, more)
        finally:
            sandbox.workdir = workdir
        if self.uid is not None:
            os.chown(self.rundir, self.uid, self.uid)
        env = sandbox.environment(self.env, self.rundir)
        self._errors = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen(argv, env=env, cwd=self.rundir, pass_fds=fds, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=self._errors, start_new_session=True)
        finally:
            for fd in fds:
                os.close(fd)
        deadline = time.monotonic() + 60
        while not self.socket.exists() and self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self.alive() and self.log:
            self._errors.seek(0)
            self.log.warning("the kernel factory did not start (%s); starting each kernel the ordinary way",
                             self._errors.read(2000).decode(errors="replace").strip() or "no message")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None and self.socket.exists()

    def start_ahead(self, host, env, extra=NBCLIENT_KERNEL_ARGS):
        """Start now the kernel of the notebook that will run in folder ``host``, with the
        environment ``env`` (os.environ as it will be then) and the kernel arguments ``extra``:
        FactoryKernelManager takes it over when that notebook starts, ready, if the environment
        and the arguments its executor gives are the same then."""
        host = str(Path(host).resolve())
        if host not in self.inside or host in self.ahead or not self.alive():
            return
        from jupyter_client.connect import write_connection_file

        folder = self.kernel_dir()
        path, _ = write_connection_file(str(folder / "kernel.json"), transport="ipc", ip=str(folder / "k"),
                                        key=secrets.token_hex(16).encode(), kernel_name="python3")
        if self.uid is not None:
            os.chown(path, self.uid, self.uid)
        clean = self.sandbox.environment(env, folder)
        request = {"argv": ["-f", path, *extra], "cwd": self.inside[host], "env": clean}
        try:
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            conn.connect(str(self.socket))
            conn.sendall(json.dumps(request).encode() + b"\n")
            answer = conn.recv(100).decode()
            pid = int(answer.split()[1]) if answer.startswith("started ") else None
        except (OSError, ValueError, IndexError):
            pid = None
        if pid is None:
            conn.close()
            return
        # the connection stays open: closing it (or this factory) ends the kernel if nobody took it
        self.ahead[host] = {"pid": pid, "file": path, "dir": folder, "env": clean, "conn": conn, "extra": list(extra)}

    def take_ahead(self, host, env, extra):
        """The kernel started ahead for folder ``host`` if its environment is ``env`` and its
        arguments ``extra``, else None (and a kernel started ahead otherwise is ended)."""
        ahead = self.ahead.pop(str(Path(host).resolve()), None)
        if ahead is not None and (ahead["env"] != self.sandbox.environment(env, ahead["dir"])
                                  or ahead["extra"] != list(extra)):
            ahead["conn"].close()
            ahead = None
        return ahead

    def kernel_dir(self):
        """A new folder for one kernel's sockets, inside the factory's (bound in its sandbox)."""
        self.kernels += 1
        folder = self.rundir / f"k{self.kernels}"
        folder.mkdir()
        if self.uid is not None:
            os.chown(folder, self.uid, self.uid)
        return folder

    def close(self):
        for ahead in self.ahead.values():
            ahead["conn"].close()
        self.ahead.clear()
        if self.proc is not None and self.proc.poll() is None:
            namespace = _pid_namespace_of_child(self.proc.pid)
            self.proc.kill()  # bwrap: its namespace's processes all die with it
            self.proc.wait()
            # ... an instant later: what the kernels left running (daemons) is gone when we return
            deadline = time.monotonic() + 10
            while namespace and _in_namespace(namespace) and time.monotonic() < deadline:
                time.sleep(0.02)
        self._errors.close()
        shutil.rmtree(self.rundir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def notebook_libraries(*notebooks):
    """The course libraries a kernel factory can load ahead (nndl._kernel_factory.LIBRARIES) that
    the code cells of ``notebooks`` import, in LIBRARIES' order. A cell that does not parse is
    read line by line; a library missed here is only imported later, by the kernel itself."""
    from nndl._kernel_factory import IMPLIED, LIBRARIES

    named = set()
    for nb in notebooks:
        for cell in nb.get("cells", ()):
            if isinstance(cell, dict) and cell.get("cell_type") == "code":
                named.update(_imported(cell.get("source", "")))
    for name in list(named):
        named.update(IMPLIED.get(name, ()))
    return [name for name in LIBRARIES if name in named]


_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([^)\n]*(?:\n[^)\n]*)*(?=\))|[\w, \t]+)"
                          r"|import[ \t]+([\w., \t]+))", re.M)


def _imported(source):
    """Every module name a cell's source may import: 'a.b' for `import a.b.c` and `from a.b import c`,
    with their parents and, for `from`, 'a.b.c'."""
    source = source if isinstance(source, str) else "".join(source)
    # Most cells import nothing, and a class repeats the same cells in every submission: parsing
    # each cell of each submission cost 0.1 to 0.2 CPU-s per submission in a worker.
    return _imported_by(source) if "import" in source else frozenset()


@functools.lru_cache(maxsize=4096)
def _imported_by(source):
    import ast

    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
    pairs = []  # (module, names imported from it)
    try:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                pairs += [(alias.name, ()) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                pairs.append((node.module, [alias.name for alias in node.names]))
    except (SyntaxError, ValueError):
        for frm, names, plain in _IMPORT_LINE.findall(code):
            if frm:
                pairs.append((frm, [n.split()[0] for n in names.split(",") if n.split()]))
            else:
                pairs += [(n.split()[0], ()) for n in plain.split(",") if n.split()]
    out = set()
    for module, names in pairs:
        parts = module.split(".")
        out.update(".".join(parts[:k]) for k in range(1, len(parts) + 1))
        out.update(f"{module}.{name}" for name in names)
    return frozenset(out)


def _pid_namespace_of_child(pid):
    """The pid namespace of bwrap's child (the sandbox's init), or None."""
    try:
        child = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()[0]
        return os.readlink(f"/proc/{child}/ns/pid")
    except (OSError, IndexError):
        return None


def _in_namespace(namespace):
    """Whether any process of pid namespace ``namespace`` is still running (zombies are over:
    one whose parent died waits for the host's init to reap it, which may take a second)."""
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if os.readlink(f"/proc/{entry.name}/ns/pid") == namespace:
                    stat = Path(f"/proc/{entry.name}/stat").read_text()
                    if stat[stat.rindex(")") + 2] not in "ZX":
                        return True
            except (OSError, ValueError):
                pass
    return False


KERNEL_CLIENT = Path(__file__).with_name("kernel_client.py")


class FactoryKernelManager(SandboxedKernelManager):
    """A sandboxed kernel forked by the submission's KernelFactory; started the ordinary
    way (a sandbox of its own) when the factory is gone or the kernel is not ipykernel."""

    def __init__(self, factory, sandbox, skip=(), **kwargs):
        self.factory = factory
        super().__init__(sandbox, skip=skip, rundir=factory.kernel_dir(), **kwargs)
        self.uid = factory.uid  # the factory's user owns the sockets' folder
        self.ahead = None

    async def _async_pre_start_kernel(self, **kw):
        # a kernel started ahead for this notebook: its connection file becomes this manager's
        # (taken only if started as this manager would start it: same environment, same arguments)
        ahead = (self.factory.take_ahead(kw.get("cwd") or os.getcwd(), dict(os.environ), kw.get("extra_arguments") or [])
                 if self.factory.alive() else None)
        if ahead is not None:
            shutil.rmtree(self.rundir, ignore_errors=True)
            self.rundir, self.ahead = ahead["dir"], ahead
            self.connection_file = ahead["file"]
            self.load_connection_file()
            self._connection_file_written = True
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        host = str(Path(kw.get("cwd") or os.getcwd()).resolve())
        args = _ipykernel_args(kernel_cmd)
        if self.ahead is not None and self.ahead["pid"] is not None:  # take over the kernel started ahead
            request = {"adopt": self.ahead["pid"]}
            self.ahead["pid"] = None  # (once: a restart forks a new one)
        elif args is None or host not in self.factory.inside or not self.factory.alive():
            self.uid = fresh_uid() if os.geteuid() == 0 else None
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        else:
            request = {"argv": args, "cwd": self.factory.inside[host],
                       "env": self.sandbox.environment(kw.get("env"), self.rundir)}
        if self.uid is not None:
            os.chown(self.connection_file, self.uid, self.uid)
        kw.update(cwd=str(self.rundir), env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
                  stdout=subprocess.DEVNULL)
        argv = [sys.executable, "-I", "-S", str(KERNEL_CLIENT), str(self.factory.socket), json.dumps(request)]
        return await AsyncKernelManager._async_launch_kernel(self, argv, **kw)

    async def _async_cleanup_resources(self, restart=False):
        if self.ahead is not None and not restart:
            self.ahead["conn"].close()  # the factory had moved the kernel to this manager's client
        await super()._async_cleanup_resources(restart=restart)


def _ipykernel_args(kernel_cmd):
    """The arguments after ``-m ipykernel_launcher`` (what the factory's kernel gets), or None."""
    cmd = list(kernel_cmd)
    for k in range(len(cmd) - 1):
        if cmd[k] == "-m" and cmd[k + 1] in ("ipykernel_launcher", "ipykernel"):
            return cmd[k + 2:]
    return None


def trusted_code_args():
    """nbgrader arguments for grading code we trust (a learner's own notebook, our demo class).

    ([], "") when the sandbox starts here: it is used anyway. Otherwise the
    explicit opt-out and why the sandbox is missing, for the caller to say so.
    """
    problem = _probe("bwrap", os.geteuid() == 0)
    return ([], "") if not problem else (["--Sandbox.enabled=False"], problem)
