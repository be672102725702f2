"""A kernel factory inside one student's grading sandbox (not for notebooks).

Starting a Python kernel costs about 1 CPU-second: the interpreter, ipykernel,
IPython, then numpy and matplotlib when the first cell imports them. The
course's grader (``nndl grade``) therefore starts, for each student's
submission, one sandbox running this module: it imports those libraries once,
runs no code of anyone, and forks a fresh kernel for each of that student's
notebooks (0.2 CPU-seconds each). The factory lives and dies with that one
submission: a kernel of another student never comes from it.

A forked kernel is as fresh as a started one: no cell has run in its parent,
NumPy's global generator is reseeded from the OS (as a new process would be),
and it gets its own session, working folder and environment.

The grader names the course's libraries its notebooks import (``--preload``):
a factory for 01 alone, which draws nothing, does not load matplotlib.

Protocol, over the unix socket given as argument (one connection per kernel,
from ``nndl/tools/grade/kernel_client.py`` on the grader's side): the client
sends one JSON line ``{"argv": [...], "cwd": ..., "env": {...}}``; the factory
answers ``started <pid>`` and later ``exit <status>`` when the kernel ends. A
client that goes away (the grader killed it) takes its kernel with it. A
kernel may be started ahead by the grader (while it prepares the notebook):
a later ``{"adopt": <pid>}`` moves that kernel to the new connection, as if
the new client had started it.

It runs as the sandbox's unprivileged user, with the sandbox's limits, so it
trusts nothing and is trusted for nothing: the grader decides scores outside.
"""
import contextlib
import json
import os
import re
import selectors
import signal
import socket
import sys

# What every kernel imports as it starts (history database, inline backend hooks): paid once
# per submission here.
KERNEL = ("IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell",
          "ipykernel.debugger", "psutil", "sqlite3", "IPython.core.debugger", "IPython.core.completerlib",
          "IPython.extensions.storemagic", "IPython.core.pylabtools")
# Not imported for the kernels: debugpy, the engine of JupyterLab's visual debugger, which nobody
# attaches to a graded kernel. Its import was a fifth of a factory's start (0.2 CPU-s); without
# it ipykernel leaves the debugger out, as when debugpy is not installed. A cell may still import it.
NO_DEBUGGER = "debugpy"
# What the course's notebooks import. The grader names those its notebooks import
# (nndl/tools/grade/sandbox.py: notebook_libraries); only these names are taken, and a factory
# started without a list loads them all. Importing matplotlib costs 0.3-0.5 s of a start that
# 01 and 04, which draw nothing, would not otherwise pay.
LIBRARIES = ("numpy", "matplotlib", "matplotlib.pyplot", "h5py", "PIL.Image", "nndl.measure",
             "nndl.diagnose", "nndl.data", "nndl.plots", "nndl.planar", "nndl.activations", "nndl.dnn",
             "nndl.gradcheck")
# What a notebook's import brings with it: nndl.checks is not loaded ahead (below) but imports
# these; nndl.data imports h5py only when it reads the data (0.07 CPU-s in each kernel of 02 and 05,
# paid once by the factory instead).
IMPLIED = {"nndl.checks": ("numpy", "nndl.measure", "nndl.diagnose"), "nndl.data": ("h5py",)}
# imported with matplotlib.pyplot in a kernel: its backends (the grader's and the inline one)
DRAWING = ("matplotlib_inline.backend_inline", "matplotlib.backends.backend_agg", "nndl.grading_figures")
# Not nndl.checks: it hooks into the kernel's shell when imported, so each kernel imports it.
PRELOAD = KERNEL + LIBRARIES + DRAWING


# what ipykernel sets when MPLBACKEND is unset, as it starts (ipykernel.kernelapp.init_gui_pylab);
# matplotlib reads it when imported, which here is before any kernel starts
INLINE = "module://matplotlib_inline.backend_inline"


def preload(libraries=LIBRARIES):
    """Import what every kernel imports, and those of the course's ``libraries`` its notebooks
    import (a name not in LIBRARIES is ignored); with matplotlib, draw once."""
    import importlib

    os.environ["MPLBACKEND"] = os.environ.get("MPLBACKEND") or INLINE

    wanted = [name for name in LIBRARIES if name in set(libraries)]
    drawing = "matplotlib.pyplot" in wanted
    blocked = NO_DEBUGGER not in sys.modules
    if blocked:  # ipykernel.debugger's import of it fails (None in sys.modules): no debugger
        sys.modules[NO_DEBUGGER] = None

    def load(names):
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - a missing optional library is imported (and fails) in the kernel
                pass

    try:
        load(KERNEL)
        with _short_property_lists(drawing):
            load(tuple(wanted) + (DRAWING if drawing else ()))
    finally:
        if blocked and sys.modules.get(NO_DEBUGGER, 0) is None:
            del sys.modules[NO_DEBUGGER]
    if drawing:
        _draw_once()


def preload_frozen(libraries=LIBRARIES):
    """``preload``, then the cyclic garbage collector leaves what it loaded alone for good.

    The imports make about 100 000 objects that live as long as the process, and each forked
    kernel inherited them as its oldest generation: every full collection in a kernel (one in
    each of 02, 03 and 05) walked all of them, and wrote to each one's header, so the kernel
    copied the factory's pages it had shared (0.06 CPU-s per collection on the slow machine).
    ``gc.freeze()`` moves them out of the collector's sight; forked kernels inherit that. The
    collector is also off while importing: the imports made 230 collections, none of which
    finds garbage worth the time (5 000 objects of about 100 000, kept now, frozen with the rest).
    """
    import gc

    gc.disable()
    try:
        preload(libraries)
    finally:
        gc.freeze()
        gc.enable()


SHORT_PROPERTY_LIST = "(the list of properties is left out in graded kernels: see matplotlib's documentation)"


@contextlib.contextmanager
def _short_property_lists(drawing):
    """While the factory imports matplotlib, an Artist class documents its properties in one line.

    matplotlib writes the full list of an Artist subclass's properties into the docstring of
    its ``set`` method as it defines the class (``matplotlib.artist.kwdoc``: the docstring of
    every setter read and parsed), and into the docstrings that name such a list: 0.08 CPU-s
    (median) of the 0.36-0.54 that importing pyplot costs, for text nobody reads in a graded
    kernel. Only those docstrings change (``help(line.set)`` names no property); ``kwdoc`` is
    itself again afterwards, for classes a kernel defines. Does nothing unless ``drawing``."""
    artist = None
    if drawing:
        try:
            import matplotlib.artist as artist  # defines Artist itself, with its full list
        except Exception:  # noqa: BLE001 - without matplotlib there is nothing to shorten
            pass
    if artist is None:
        yield
        return
    kwdoc, artist.kwdoc = artist.kwdoc, lambda _artist: SHORT_PROPERTY_LIST
    try:
        yield
    finally:
        artist.kwdoc = kwdoc


def _draw_once():
    """Draw one throwaway figure: matplotlib loads its fonts and caches the glyphs it needs on
    the first drawing (0.05 CPU-s), which each kernel would otherwise pay again."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(2, 1.5))
        ax = fig.add_subplot()
        ax.plot([0, 1], [1, 0])
        ax.set_title("cost 0.1")
        ax.set_xlabel("iterations (per hundreds)")
        FigureCanvasAgg(fig).draw()
    except Exception:  # noqa: BLE001 - without matplotlib there is nothing to warm
        pass


def run_kernel(request, factory):
    """In the forked child: become the kernel the request describes (never returns)."""
    try:
        _die_with(factory)
        os.setsid()
        # its output goes to the grader over the kernel protocol; the factory's own stdout and
        # stderr (the grader's record of a failed start) are not the kernel's to fill
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        os.close(quiet)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.environ["MPLBACKEND"] = os.environ.get("MPLBACKEND") or INLINE
        if "matplotlib" in sys.modules:  # imported with the factory's environment: this kernel's backend
            sys.modules["matplotlib"].rcParams["backend"] = os.environ["MPLBACKEND"]
        if "numpy" in sys.modules:  # a new process would seed its global generator from the OS
            sys.modules["numpy"].random.seed()
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(request["argv"])
        _hook_loaded_backends()
        _prepare_cells_once(app.shell)
        _tokenize_only_for_ipython_syntax(app.shell)
        _quiet_requests(app)
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - whatever happens, the child must not return into the factory
        code = 1
    os._exit(code)


def _hook_loaded_backends():
    """The matplotlib backends the factory imported hook into this kernel's shell now.

    Imported in a kernel, each hooks into its shell as it loads (the grading backend: which
    figures are shown, and closing them after each cell; the inline one: the same for every
    figure). Imported by the factory, they found no shell, and a kernel's own import of them
    does nothing again: without this call no kept figure was shown in a graded notebook."""
    graded = sys.modules.get("nndl.grading_figures")
    if graded is not None:
        graded._enable_ipython_integration()
    inline = sys.modules.get("matplotlib_inline.backend_inline")
    if inline is not None:
        inline._enable_matplotlib_integration()


def _prepare_cells_once(shell):
    """Each cell's input transformation is computed once, and its async test only when needed.

    For an ordinary cell (no top-level ``await``) ipykernel transforms the cell and asks
    ``should_run_async``, finds it synchronous and calls ``shell.run_cell``, which does both
    again on the same text. IPython's transformation tokenizes the whole cell in pure Python
    (0.17 CPU-s for the five notebooks' cells), and the async test compiles it (as much
    again): each was paid twice per cell.

    - The second request for the same cell takes the first result; that result is used once
      and dropped, and nothing is kept past the end of a cell, so anything else (a magic
      running code, the next cell, the same text run again) is computed afresh. A
      transformation that raised is never kept: the second call raises again, as before.
    - The async test answers False without compiling a cell whose text has neither ``await``
      nor ``async``: only those keywords make compiled code a coroutine, so IPython's test
      (compile with top-level await allowed, look for the coroutine flag) can find nothing else.
    """
    kept = {}

    def once(name, compute):
        def wrapper(raw_cell, *args, **kwargs):
            key = (name, raw_cell, args, tuple(sorted(kwargs.items(), key=lambda kv: kv[0])))
            try:
                hash(key)
            except TypeError:  # an argument that cannot be compared safely: nothing is kept
                return compute(raw_cell, *args, **kwargs)
            if kept.get(name, (None,))[0] == key:
                return kept.pop(name)[1]
            value = compute(raw_cell, *args, **kwargs)
            kept[name] = (key, value)
            return value
        wrapper.__wrapped__ = compute
        return wrapper

    def plainly_sync(compute):
        def should_run_async(raw_cell, *args, transformed_cell=None, **kwargs):
            if not args and isinstance(transformed_cell, str) and not ("await" in transformed_cell
                                                                       or "async" in transformed_cell):
                return False
            return compute(raw_cell, *args, transformed_cell=transformed_cell, **kwargs)
        should_run_async.__wrapped__ = compute
        return should_run_async

    for name in ("transform_cell", "should_run_async"):
        method = getattr(shell, name, None)
        if method is not None:
            setattr(shell, name, once(name, method))
    if getattr(shell, "should_run_async", None) is not None:
        shell.should_run_async = plainly_sync(shell.should_run_async)
    shell.events.register("post_execute", kept.clear)


# IPython's token transforms (IPython.core.inputtransformer2: a = %magic, a = !command,
# %magic, !command, ?obj, obj?, and the autocall escapes ,f ;f /f) each need one of these in the
# cell's text; a cell in which none occurs is returned unchanged by them.
_MAY_HAVE_IPYTHON_SYNTAX = re.compile(
    r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"  # a line break other than \n (^ below would not see its lines)
    r"|=[\s\\]*[%!]"                       # a = %magic, a = !command (MagicAssign, SystemAssign)
    r"|\?[ \t]*(?:\\\n[ \t]*)*$"            # obj? or obj?? ending a line (HelpEnd)
    r"|^[ \t]*[!?%,;/]",                    # a line that starts with an escape (EscapedCommand)
    re.M)
_TOKEN_TRANSFORMS = ("MagicAssign", "SystemAssign", "EscapedCommand", "HelpEnd")


def _tokenize_only_for_ipython_syntax(shell):
    """A cell is tokenized for IPython's token transforms only if it may hold IPython syntax.

    IPython finds ``%magic``, ``!command``, ``obj?`` and the like by tokenizing the whole cell
    in pure Python (0.15 CPU-s for one submission's 131 cells, the largest cost of a cell but
    its code), and a cell of plain Python comes back unchanged. Each of those transforms needs
    a character in a place that ``_MAY_HAVE_IPYTHON_SYNTAX`` looks for (a ``%`` or ``!`` after
    ``=``, a ``?`` ending a line, an escape starting one); a cell without any is returned as it
    is, and any other cell is transformed by IPython exactly as before (a ``?`` or ``!`` inside a
    string costs only that). Left as it was if IPython's transforms are not the ones this
    knows, or a cell changes them."""
    try:
        from IPython.core import inputtransformer2 as it2
    except ImportError:
        return
    manager = getattr(shell, "input_transformer_manager", None)
    known = [getattr(it2, name, None) for name in _TOKEN_TRANSFORMS]
    if (type(manager) is not it2.TransformerManager or manager.token_transformers != known
            or it2.ESCAPE_SINGLES != set("!?%,;/")):
        return
    tokenized = manager.do_token_transforms

    def do_token_transforms(lines):
        if manager.token_transformers == known and not _MAY_HAVE_IPYTHON_SYNTAX.search("".join(lines)):
            return lines
        return tokenized(lines)

    do_token_transforms.__wrapped__ = tokenized
    manager.do_token_transforms = do_token_transforms


def _quiet_requests(app):
    """Two things ipykernel does for every request that a forked kernel does once.

    - Its logger is at DEBUG while its only handler passes WARNING and up (and a forked
      kernel's stderr is /dev/null): each request built log records, caller lookup included,
      that nothing wrote (5% of a trivial cell's CPU, sampled). The logger now drops them itself.
    - ``execute_request`` asked ``inspect.signature`` whether ``run_cell_async`` takes
      ``cell_id`` and ``cell_meta``, every time (4.5%). The answer is kept per function.
    """
    from ipykernel import ipkernel

    levels = [h.level for h in app.log.handlers]
    if levels and app.log.level < min(levels) and not app.log.propagate:
        app.log.setLevel(min(levels))
    ask = getattr(ipkernel, "_accepts_parameters", None)
    if ask is None:
        return
    known = {}

    def accepts_parameters(meth, param_names):
        key = (type(meth), getattr(meth, "__func__", meth), tuple(param_names))
        try:
            hash(key)
        except TypeError:  # not hashable: asked afresh
            return ask(meth, param_names)
        if key not in known:
            known[key] = ask(meth, param_names)
        return dict(known[key])

    ipkernel._accepts_parameters = accepts_parameters


def _die_with(factory):
    """This process is killed when the factory ends (as a kernel dies with its sandbox):
    a kernel that kills the factory takes itself down, so the grader sees it die."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != factory:  # it ended before that was set
        os._exit(1)


def serve(path, libraries=LIBRARIES):
    preload_frozen(libraries)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path + ".tmp")
    server.listen(16)
    os.rename(path + ".tmp", path)  # the socket appears once the factory is ready
    sel = selectors.DefaultSelector()
    sel.register(server, selectors.EVENT_READ, ("accept", None))
    kernels = {}  # pid -> the kernel's entry, while it runs
    while True:
        for key, _ in sel.select():
            kind, kernel = key.data
            if kind == "accept":
                conn, _ = server.accept()
                _start(conn, sel, server, kernels)
            elif kind == "client":
                if _closed(kernel["conn"]):  # the grader's side went away: its kernel goes too
                    sel.unregister(kernel["conn"])
                    kernel["gone"] = True
                    _kill(kernel["pid"])
            else:  # the kernel ended
                kernels.pop(kernel["pid"], None)
                _, status = os.waitpid(kernel["pid"], 0)
                _kill(kernel["pid"])  # what it left running in its session
                sel.unregister(kernel["pidfd"])
                os.close(kernel["pidfd"])
                if not kernel["gone"]:
                    sel.unregister(kernel["conn"])
                    try:
                        kernel["conn"].sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
                    except OSError:
                        pass
                kernel["conn"].close()


def _closed(conn):
    try:
        return conn.recv(4096) == b""
    except OSError:
        return True


def _start(conn, sel, server, kernels):
    try:
        with conn.makefile("rb") as lines:
            request = json.loads(lines.readline())
    except (OSError, ValueError):
        conn.close()
        return
    if "adopt" in request:  # a kernel started ahead: this connection takes it over
        _adopt(conn, sel, kernels.get(request["adopt"]))
        return
    factory = os.getpid()
    pid = os.fork()
    if pid == 0:
        server.close()
        conn.close()
        sel.close()
        run_kernel(request, factory)
    kernel = {"conn": conn, "pid": pid, "pidfd": os.pidfd_open(pid), "gone": False}
    kernels[pid] = kernel
    sel.register(conn, selectors.EVENT_READ, ("client", kernel))
    sel.register(kernel["pidfd"], selectors.EVENT_READ, ("ended", kernel))
    try:
        conn.sendall(f"started {pid}\n".encode())
    except OSError:
        _kill(pid)


def _adopt(conn, sel, kernel):
    if kernel is None or kernel["gone"]:
        conn.sendall(b"refused\n")
        conn.close()
        return
    sel.unregister(kernel["conn"])
    kernel["conn"].close()
    kernel["conn"] = conn
    sel.register(conn, selectors.EVENT_READ, ("client", kernel))
    try:
        conn.sendall(f"started {kernel['pid']}\n".encode())
    except OSError:
        _kill(kernel["pid"])


def _kill(pid):
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
        except OSError:
            pass


if __name__ == "__main__":
    # python -m nndl._kernel_factory SOCKET [--preload NAME,NAME,...]: without --preload, all LIBRARIES
    args = sys.argv[1:]
    if args[1:2] == ["--preload"]:
        serve(args[0], [name for name in (args[2] if len(args) > 2 else "").split(",") if name])
    else:
        serve(args[0])
