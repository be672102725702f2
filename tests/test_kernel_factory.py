"""The kernel factory of `nndl grade` (sandbox.KernelFactory, nndl/_kernel_factory.py).

One sandbox per student submission forks a kernel for each of its notebooks.
A forked kernel must behave as a freshly started one (its own process, nothing
of the notebook before it, its own random state), the factory must end with
the submission (nothing it started outlives it), and a notebook that kills the
factory must not cost the next notebook anything.
"""
import json
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from nndl.tools import course
from nndl.tools.grade import remote
from nndl.tools.grade.dask_grader import load_config, plain
from nndl.tools.grade.sandbox import KernelFactory, Sandbox

from .proc_support import needs_sandbox, processes_marked

EXECUTE = "nndl.tools.grade.nbgrader_ext.ResilientExecute"
MARK = "nndl-factory-test-3c1e"


pytestmark = needs_sandbox


def _notebook(*sources):
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(nb)


def _stdout(result):
    nb = nbformat.reads(result["notebook"], as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.outputs if o.get("output_type") == "stream")


def _errors(result):
    nb = nbformat.reads(result["notebook"], as_version=4)
    return [o.get("ename") for c in nb.cells for o in c.outputs if o.get("output_type") == "error"]


@pytest.fixture
def config(tmp_path):
    return plain(load_config(tmp_path / "course"))


def _run(config, tmp_path, *notebooks):
    tasks = [(text, {"data.txt": f"notebook {k}".encode()}, str(tmp_path / "course" / "autograded" / "s" / f"a{k}"))
             for k, text in enumerate(notebooks)]
    return remote.execute_submission(tasks, config, EXECUTE)


def _marked_processes():
    return processes_marked(MARK)


def test_forked_kernels_are_fresh_processes(config, tmp_path):
    """Each notebook gets its own process, none of the previous notebook's names, its own folder and files,
    and NumPy's global generator seeded anew (as a started process would be)."""
    probe = ("import os, numpy as np\n"
             "print('pid', os.getpid(), 'cwd', os.getcwd(), 'data', open('data.txt').read())\n"
             "print('random', np.random.rand())\n"
             "print('leftover', 'secret_of_first' in globals())")
    results = _run(config, tmp_path, _notebook("secret_of_first = 1", probe), _notebook(probe))
    assert [_errors(r) for r in results] == [[], []]
    first, second = (dict(line.split(" ", 1) for line in _stdout(r).splitlines()) for r in results)
    assert first["pid"].split()[0] != second["pid"].split()[0]
    assert first["pid"].endswith(f"course/autograded/s/a0 data notebook 0")
    assert second["pid"].endswith(f"course/autograded/s/a1 data notebook 1")
    assert first["random"] != second["random"]
    assert first["leftover"] == "True" and second["leftover"] == "False"


def test_a_notebook_that_kills_the_factory_costs_the_next_one_nothing(config, tmp_path):
    """Killing the factory (the kernel's parent) from a cell kills that kernel too: the cell is
    marked as having killed the kernel, the rest of its notebook runs, and the next notebooks'
    kernels start the ordinary way."""
    killer = _notebook("print('before')",
                       "import os, signal, time\nos.kill(os.getppid(), signal.SIGKILL)\ntime.sleep(5)\nprint('survived')",
                       "print('rest')")
    after = _notebook("print('after', 6 * 7)")
    results = _run(config, tmp_path, killer, after, after)
    assert _stdout(results[0]) == "before\nrest\n"
    assert _errors(results[0]) == ["RuntimeError"]  # "The kernel died while running this cell ..."
    assert [_stdout(r) for r in results[1:]] == ["after 42\n", "after 42\n"]


def test_nothing_a_kernel_starts_outlives_the_submission(config, tmp_path):
    """A daemon left running by a notebook (double fork, new session) is gone when the submission is done."""
    daemon = _notebook(
        "import os, subprocess, sys\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(60)', '{MARK}'])\n"
        "    os._exit(0)\n"
        "import time; time.sleep(0.5)\nprint('left a daemon')")
    try:
        results = _run(config, tmp_path, daemon, _notebook("print('second')"))
        assert "left a daemon" in _stdout(results[0]) and _stdout(results[1]) == "second\n"
        assert _marked_processes() == []
    finally:
        for pid in _marked_processes():
            os.kill(pid, 9)


def test_graded_kernels_and_the_grader_pack_messages_with_orjson(config, tmp_path):
    """The kernels (in their sandbox) and the grader's client pack and unpack kernel messages
    with orjson, which requirements.txt installs for that (it is jupyter_client's default when
    importable): 0.4 to 1.1 ms less per cell in a kernel (slow machine), and the output arrives intact."""
    from jupyter_client.session import Session

    assert Session().packer == "orjson"
    probe = _notebook("from ipykernel.kernelapp import IPKernelApp\nprint(IPKernelApp.instance().session.packer)",
                      "print('é', 1.5, [None, True])")
    assert _stdout(_run(config, tmp_path, probe)[0]) == "orjson\né 1.5 [None, True]\n"


def test_factory_that_cannot_start_falls_back(tmp_path):
    """A factory whose Python cannot start: alive() is False, a warning names why, nothing is left behind."""
    import logging

    log, kept = logging.getLogger("nndl.test.factory"), remote._Collect()  # keeps the warnings
    log.addHandler(kept)
    sandbox = Sandbox()
    sandbox.memory = "8M"  # far too little for Python: the factory dies at once
    folder = tmp_path / "w"
    folder.mkdir()
    started = time.monotonic()
    factory = KernelFactory(sandbox, [(folder, folder, ())], log=log)
    try:
        assert not factory.alive()
        assert any("kernel factory did not start" in line for line in kept.messages)
        assert time.monotonic() - started < 30
    finally:
        factory.close()
        log.removeHandler(kept)
    assert not factory.rundir.exists()


def test_one_factory_per_submission(monkeypatch, config, tmp_path):
    """execute_submission starts one factory per submission, of several notebooks or of one; after
    each submission the worker asks to freeze what it built (done once per process)."""
    made, frozen = [], []
    real = KernelFactory.__init__

    def counting(self, *args, **kwargs):
        made.append(self)
        real(self, *args, **kwargs)

    monkeypatch.setattr(KernelFactory, "__init__", counting)
    monkeypatch.setattr(remote, "freeze_once", lambda: frozen.append(True))
    _run(config, tmp_path, _notebook("1"), _notebook("2"))
    assert len(made) == 1
    _run(config, tmp_path, _notebook("1"))
    assert len(made) == 2
    assert len(frozen) == 2


# A kernel that starts 2.5 s late; with ``lose``, IOPub also drops what it publishes in its
# first seconds, as a subscription that has not reached the kernel yet does (the CI machine
# once lost the idle of the first requests this way, and the client waited forever).
SLOW_KERNEL = """
import sys, time
time.sleep(2.5)
from ipykernel import iostream
publish, until = iostream.IOPubThread.send_multipart, time.monotonic() + {lose}
iostream.IOPubThread.send_multipart = lambda self, *a, **k: (
    None if time.monotonic() < until else publish(self, *a, **k))
sys.argv = ['kernel'] + sys.argv[1:]
from ipykernel.kernelapp import launch_new_instance
launch_new_instance()
"""


def _with_prompt_client(tmp_path, code, use):
    """Start ``python -c code`` as a kernel (code ends by launching ipykernel) with a PromptClient,
    and return what ``await use(kc)`` returns; the kernel is shut down after."""
    import asyncio

    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    from nndl.tools.grade.sandbox import PromptClient

    spec = tmp_path / "kernels" / "probe"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps(
        {"argv": [sys.executable, "-c", code, "-f", "{connection_file}"], "display_name": "probe", "language": "python"}))

    async def run():
        km = AsyncKernelManager(kernel_name="probe", connection_file=str(tmp_path / "k.json"),
                                kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")]))
        km.client_factory = PromptClient
        await km.start_kernel(cwd=str(tmp_path))
        kc = km.client()
        kc.start_channels()
        try:
            return await use(kc)
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    return asyncio.run(run())


@pytest.mark.parametrize("lose", [0, 3], ids=["slow", "slow, early IOPub lost"])
def test_the_prompt_client_waits_for_a_slow_kernel(tmp_path, lose):
    """A kernel that answers only after the client has asked several times (2.5 s to start) is
    found ready once it answers, whichever request it answers first, even when IOPub lost the
    end of the first ones, and then runs code."""
    import asyncio

    outputs = []

    async def use(kc):
        started = time.monotonic()
        await asyncio.wait_for(kc.wait_for_ready(timeout=60), 60)
        ready = time.monotonic() - started
        reply = await kc.execute_interactive("print(6 * 7)", timeout=30, output_hook=lambda msg: outputs.append(msg))
        return ready, reply["content"]["status"]

    ready, status = _with_prompt_client(tmp_path, SLOW_KERNEL.format(lose=lose), use)
    assert 2.0 + lose < ready < 30 and status == "ok"
    assert any(m["content"].get("text") == "42\n" for m in outputs)


# A kernel whose IOPub drops everything until 0.3 s after its first reply to kernel_info, as a
# forked kernel's does when it answers before the client's subscription has reached it. It
# writes when it is listening ({bound}) and when it sent that first reply ({replied}).
FIRST_IDLE_LOST = """
import sys, time
from ipykernel import iostream, kernelapp, kernelbase
until = [None]
publish = iostream.IOPubThread.send_multipart
iostream.IOPubThread.send_multipart = lambda self, *a, **k: (
    None if until[0] is None or time.monotonic() < until[0] else publish(self, *a, **k))
info = kernelbase.Kernel.kernel_info_request
async def first_reply_loses_its_idle(self, *a, **k):
    result = await info(self, *a, **k)
    if until[0] is None:
        until[0] = time.monotonic() + 0.3
        open({replied!r}, 'w').write(repr(time.monotonic()))
    return result
kernelbase.Kernel.kernel_info_request = first_reply_loses_its_idle
start = kernelapp.IPKernelApp.start
def listening(self):
    open({bound!r}, 'w').write('')
    start(self)
kernelapp.IPKernelApp.start = listening
sys.argv = ['kernel'] + sys.argv[1:]
kernelapp.launch_new_instance()
"""


def test_the_prompt_client_asks_again_soon_when_a_replys_idle_is_lost(tmp_path):
    """A kernel that answers the first request at once but whose IOPub loses that request's idle
    (a forked kernel, faster than the subscription) is found ready about 0.3 s after its first
    reply, not a second later (the next request went out once a second)."""
    import asyncio

    bound, replied = tmp_path / "bound", tmp_path / "replied"

    async def use(kc):
        deadline = time.monotonic() + 60
        while not bound.exists() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1)  # listening, and the subscription has reached it: the first request is answered at once
        await asyncio.wait_for(kc.wait_for_ready(timeout=60), 60)
        ready = time.monotonic()
        reply = await kc.execute_interactive("print(6 * 7)", timeout=30)
        return ready, reply["content"]["status"]

    ready, status = _with_prompt_client(tmp_path, FIRST_IDLE_LOST.format(bound=str(bound), replied=str(replied)), use)
    late = ready - float(replied.read_text())
    assert status == "ok"
    assert 0.3 <= late < 0.85, f"ready {late:.2f} s after the kernel's first reply"  # 1.0 s before the fix


def test_the_next_notebooks_kernel_is_started_ahead_and_taken_over(monkeypatch, config, tmp_path):
    """While a notebook runs, the next one's kernel starts; that notebook takes it over (its own
    folder, a process of its own); a kernel started ahead with another environment or other
    kernel arguments is not used."""
    taken = []
    real = KernelFactory.take_ahead

    def counting(self, host, env, extra):
        ahead = real(self, host, env, extra)
        taken.append(ahead is not None)
        return ahead

    monkeypatch.setattr(KernelFactory, "take_ahead", counting)
    probe = _notebook("import os\nprint(os.getpid(), os.getcwd(), open('data.txt').read())")
    results = _run(config, tmp_path, probe, probe, probe)
    lines = [_stdout(r).split() for r in results]
    assert taken == [False, True, True]
    assert len({line[0] for line in lines}) == 3
    assert [line[1:] for line in lines] == [[str(tmp_path / "course" / "autograded" / "s" / f"a{k}"), "notebook", str(k)]
                                           for k in range(3)]

    folder = tmp_path / "w"
    folder.mkdir()
    with KernelFactory(Sandbox(), [(folder, folder, ())]) as factory:
        factory.start_ahead(folder, dict(os.environ, NBGRADER_EXECUTION="autograde", NNDL_JUDGE="1"))
        assert str(folder.resolve()) in factory.ahead
        assert real(factory, folder, dict(os.environ, NBGRADER_EXECUTION="autograde", NNDL_JUDGE="0"),
                    ["--HistoryManager.hist_file=:memory:"]) is None
        assert factory.ahead == {}
        env = dict(os.environ, NBGRADER_EXECUTION="autograde")
        factory.start_ahead(folder, env)
        assert real(factory, folder, env, ["--HistoryManager.hist_file=:memory:", "--debug"]) is None
        assert factory.ahead == {}


def test_a_kernel_started_ahead_is_the_kernel_nbclient_would_start(config, tmp_path):
    """The first notebook's kernel (started by nbclient) and those started ahead and taken over
    run alike: input history in memory (no history file, no thread writing one), and In, Out
    and _i work."""
    cells = ("x = 6 * 7\nx",
             "import threading\nhm = get_ipython().history_manager\n"
             "print(repr(str(hm.hist_file)), hm.save_thread, 'IPythonHistorySavingThread' in {t.name for t in threading.enumerate()})\n"
             "print(repr(In[1]), repr(_i1), Out[1], _1)")
    results = _run(config, tmp_path, *[_notebook(*cells)] * 3)
    for result in results:
        assert _errors(result) == []
        assert _stdout(result).splitlines() == ["':memory:' None False", "'x = 6 * 7\\nx' 'x = 6 * 7\\nx' 42 42"]


def test_kernels_start_with_their_libraries_imported_but_not_the_checks(config, tmp_path):
    """A forked kernel finds what every kernel imports (the history database) and the course
    libraries its submission imports anywhere (here nndl.plots, in a later line) already imported
    by the factory, but not matplotlib, which no cell imports; it imports nndl.checks itself (it
    hooks into that kernel's shell); the factory's settings are not in its environment. It has no
    debugger (debugpy was kept out of the factory's imports), and a cell can still import debugpy."""
    probe = ("import os, sys\n"
             "print(sorted(m for m in ('ipykernel.debugger', 'sqlite3', 'nndl.plots', 'nndl.measure', 'nndl.checks', "
             "'matplotlib', 'debugpy') if m in sys.modules))\n"
             "print('PYDEVD_DISABLE_FILE_VALIDATION' in os.environ)\n"
             "import nndl.checks\n"
             "print(nndl.checks._SHELL is get_ipython())\n"
             "print(hasattr(get_ipython().kernel, 'debugger'))\n"
             "import debugpy\n"
             "print(debugpy.__name__)\n"
             "from nndl import plots")
    results = _run(config, tmp_path, _notebook(probe), _notebook(probe))
    for result in results:
        assert _errors(result) == []
        assert _stdout(result).splitlines() == [
            "['ipykernel.debugger', 'nndl.measure', 'nndl.plots', 'sqlite3']", "False", "True", "False", "debugpy"]


def test_a_forked_kernel_finds_the_factorys_imports_frozen_and_its_collector_on(config, tmp_path):
    """The objects the factory's imports made are out of the cyclic collector's sight in each
    forked kernel (gc.freeze: no full collection walks them again), while the collector is on
    and still frees what a cell leaves in a reference cycle."""
    probe = ("import gc, weakref\n"
             "class Node: pass\n"
             "a, b = Node(), Node()\n"
             "a.other, b.other = b, a\n"
             "alive = weakref.ref(a)\n"
             "del a, b\n"
             "gc.collect()\n"
             "print(gc.isenabled(), gc.get_freeze_count() > 20000, alive() is None)")
    results = _run(config, tmp_path, _notebook(probe), _notebook(probe))
    assert [_stdout(r) for r in results] == ["True True True\n"] * 2


def test_kernels_import_the_learner_library_from_bytecode_the_grader_made(config, tmp_path):
    """A kernel cannot write nndl/__pycache__: the grader byte-compiles the learner library before
    it starts a sandbox (here nndl.checks' bytecode was removed first), so no kernel compiles it."""
    import importlib.util

    import nndl.checks
    from nndl.tools.grade import sandbox

    Path(importlib.util.cache_from_source(nndl.checks.__file__)).unlink(missing_ok=True)
    sandbox.learner_bytecode.cache_clear()
    probe = ("import importlib.util, os, struct, nndl.checks as m\n"
             "pyc = importlib.util.cache_from_source(m.__file__)\n"
             "header = open(pyc, 'rb').read(16) if os.path.exists(pyc) else b''\n"
             "st = os.stat(m.__file__)\n"
             "print(header[8:16] == struct.pack('<II', int(st.st_mtime) & 0xFFFFFFFF, st.st_size & 0xFFFFFFFF))")
    assert [_stdout(r) for r in _run(config, tmp_path, _notebook(probe))] == ["True\n"]


def test_learner_bytecode_compiles_what_is_stale_and_is_quiet_where_it_cannot(tmp_path, capsys):
    """The grader's byte-compilation of a folder: stale modules get fresh bytecode; a read-only
    folder is left as it is, without an error or a word on the terminal."""
    import importlib.util

    from nndl.tools.grade import sandbox

    writable, readonly = tmp_path / "w", tmp_path / "r"
    for folder in (writable, readonly):
        folder.mkdir()
        (folder / "mod.py").write_text("X = 1\n")
    assert sandbox.learner_bytecode(writable) is True
    assert Path(importlib.util.cache_from_source(str(writable / "mod.py"))).exists()
    readonly.chmod(0o555)
    try:
        if os.access(readonly, os.W_OK):  # root writes anyway: a folder that cannot hold __pycache__
            readonly.chmod(0o755)
            (readonly / "__pycache__").write_text("not a folder")
        assert sandbox.learner_bytecode(readonly) is False
    finally:
        readonly.chmod(0o755)
    assert capsys.readouterr() == ("", "")


def test_a_submission_that_draws_gets_matplotlib_loaded_ahead(config, tmp_path):
    """When a notebook of the submission imports matplotlib.pyplot (in its last cell), every kernel
    of it starts with pyplot and the grading backend already imported."""
    probe = ("import sys\nprint(sorted(m for m in ('matplotlib.pyplot', 'nndl.grading_figures', 'h5py') "
             "if m in sys.modules))")
    results = _run(config, tmp_path, _notebook(probe), _notebook(probe, "import matplotlib.pyplot as plt"))
    assert [_stdout(r) for r in results] == ["['matplotlib.pyplot', 'nndl.grading_figures']\n"] * 2


def test_a_forked_kernel_shows_the_kept_figures_only(config, tmp_path):
    """The grading backend, imported by the factory before any kernel existed, still works in
    each forked kernel (the first one and those started ahead): a kept learning curve is shown
    as a PNG, an unmarked figure is not, and every figure is closed when its cell ends."""
    cells = ("import matplotlib.pyplot as plt\nfrom nndl.plots import plot_costs\n"
             "plot_costs([1.0, 0.5, 0.25], learning_rate=0.01);",
             "fig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()",
             "fig, ax = plt.subplots()\nax.plot([1, 2]);",
             "print(len(plt.get_fignums()))")
    for result in _run(config, tmp_path, *[_notebook(*cells)] * 3):
        nb = nbformat.reads(result["notebook"], as_version=4)
        shown = [k for k, cell in enumerate(nb.cells) for o in cell.outputs if "image/png" in o.get("data", {})]
        assert shown == [0]
        assert _errors(result) == [] and _stdout(result) == "0\n"


def test_a_forked_kernel_transforms_each_cell_once_and_as_ipython_does(config, tmp_path):
    """Each cell's IPython transformation is made once, not twice (ipykernel and run_cell each
    made it), a cell is compiled to see whether it awaits only if it names await or async, and
    cells still mean what they mean in IPython: magics, automagic that a variable of the same
    name then hides, top-level await, and a cell that fails to transform."""
    cells = ("calls = []\nget_ipython().input_transformers_post.append(lambda lines: calls.append(1) or lines)\n"
             "import IPython.core.interactiveshell as _shell\ncompiled, _test = [], _shell._should_be_async\n"
             "_shell._should_be_async = lambda cell: compiled.append(1) or _test(cell)",
             "x = 1",
             "print(len(calls))",                      # this cell and the one before it: once each
             "%time y = 2",
             "pwd",                                    # automagic: %pwd, the working folder
             "pwd = 'mine'",
             "pwd",                                    # the same text, now the variable
             "import asyncio\nawait asyncio.sleep(0)\nprint('awaited')",
             "%%bash_is_not_a_magic_here\n",           # a cell magic that does not exist
             "s = 'no await here'",                    # the word in a string: compiled, not async
             "print(y, len(calls), len(compiled))")
    for result in _run(config, tmp_path, *[_notebook(*cells)] * 2):
        nb = nbformat.reads(result["notebook"], as_version=4)
        values = {k: o["data"]["text/plain"] for k, c in enumerate(nb.cells) for o in c.outputs
                  if o.get("output_type") == "execute_result"}
        assert _stdout(result).splitlines()[0] == "2"
        assert values[4].endswith("/a0'") or values[4].endswith("/a1'")
        assert values[6] == "'mine'"
        assert "awaited" in _stdout(result)
        assert _errors(result) == ["UsageError"]
        # 10 cells, and %time transforms its line; only the cells naming await were compiled to see
        assert _stdout(result).splitlines()[-1] == "2 11 2"


def test_a_forked_kernel_answers_ipykernels_own_questions_once(config, tmp_path):
    """In a forked kernel ipykernel's logger drops what its handler would drop (below WARNING)
    instead of building the record first, it still writes warnings, and whether run_cell_async
    takes cell_id is asked of inspect once: the same answer, a copy each time."""
    probe = _notebook(
        "import inspect\nfrom ipykernel import ipkernel\nfrom ipykernel.kernelapp import IPKernelApp\n"
        "log = IPKernelApp.instance().log\n"
        "print(log.isEnabledFor(10), log.isEnabledFor(30), min(h.level for h in log.handlers))\n"
        "asked = []\nreal = inspect.signature\n"
        "inspect.signature = lambda f, *a, **k: asked.append(f) or real(f, *a, **k)",
        "x = 1",
        "y = 2",
        "inspect.signature = real\nshell = get_ipython()\n"
        "first = ipkernel._accepts_parameters(shell.run_cell_async, ['cell_id', 'cell_meta'])\n"
        "first['cell_id'] = 'changed by the caller'\n"
        "print(len(asked), ipkernel._accepts_parameters(shell.run_cell_async, ['cell_id', 'cell_meta']))")
    assert _stdout(_run(config, tmp_path, probe)[0]) == "False True 30\n0 {'cell_id': True, 'cell_meta': True}\n"


def test_a_forked_kernel_draws_with_matplotlib_imported_without_its_property_lists(config, tmp_path):
    """The factory imported matplotlib with one-line property lists in the Artist classes'
    docstrings (_short_property_lists), and nothing else differs: the kernel's kwdoc is
    matplotlib's own again, set() takes a property, and a figure is drawn."""
    from nndl._kernel_factory import SHORT_PROPERTY_LIST

    probe = ("import sys\n"
             "print('matplotlib.pyplot' in sys.modules)\n"
             "import matplotlib.pyplot as plt, matplotlib.artist as artist\n"
             "from matplotlib.lines import Line2D\n"
             "print(Line2D.set.__doc__.rstrip().endswith(SHORT))\n"
             "print('linewidth' in artist.kwdoc(Line2D))\n"
             "fig, ax = plt.subplots()\n"
             "(line,) = ax.plot([0, 1], [1, 0])\n"
             "line.set(linewidth=3)\n"
             "fig.canvas.draw()\n"
             "print(line.get_linewidth())")
    results = _run(config, tmp_path, _notebook(f"SHORT = {SHORT_PROPERTY_LIST!r}", probe))
    assert _errors(results[0]) == []
    assert _stdout(results[0]).splitlines() == ["True", "True", "True", "3.0"]


_FRAGMENTS = ("x", "foo", "a.b", " ", "  ", "\t", "=", "==", "!=", "+=", "%=", "%", "%%", "!", "!!", "?", "??", ",",
              ";", "/", "//", "(", ")", "[", "]", "{", "}", "\n", "\n", "\n", "\\\n", "'", '"', '"""', "#", "1", ".",
              "*", "f'", "{x!r}", ":", "\r", "\x0c", "if x:\n    ", "pass", "lambda", "-", "\n    ", ">>> ",
              "In [1]: ", "...: ")


def test_cells_without_ipython_syntax_skip_its_tokenizer_and_mean_the_same():
    """_tokenize_only_for_ipython_syntax: IPython's transformation of 6000 random cells made of
    Python and IPython syntax (magics, !, ?, escapes, continuations, strings, prompts) is the same
    with and without it, a cell IPython's tokenizer rejects is rejected by the compiler, the
    course's cells skip the tokenizer, and changed transforms turn it off."""
    import random

    from IPython.core.inputtransformer2 import TokenTransformBase, TransformerManager

    from nndl._kernel_factory import _MAY_HAVE_IPYTHON_SYNTAX, _tokenize_only_for_ipython_syntax

    def skipping(manager):
        """``manager`` with the skip installed, as a forked kernel's shell gets it."""
        _tokenize_only_for_ipython_syntax(SimpleNamespace(input_transformer_manager=manager))
        return manager

    plain, fast = TransformerManager(), skipping(TransformerManager())

    def outcome(manager, cell):
        try:
            return "ok", manager.transform_cell(cell)
        except Exception as error:  # noqa: BLE001 - compared, whatever it is
            return "error", type(error).__name__, str(error)

    rnd, skipped = random.Random(18), 0
    for _ in range(6000):
        cell = "".join(rnd.choice(_FRAGMENTS) for _ in range(rnd.randint(1, 30)))
        expected, got = outcome(plain, cell), outcome(fast, cell)
        skipped += not _MAY_HAVE_IPYTHON_SYNTAX.search(cell + "\n")
        if expected[0] == "error" and got[0] == "ok":  # IPython's tokenizer refused it: so does Python
            with pytest.raises(SyntaxError):
                compile(got[1], "<cell>", "exec")
            continue
        assert got == expected, cell
    assert skipped > 1000
    for cell, special in (("x = %pwd", True), ("files = !ls", True), ("len?", True), ("??len", True),
                          ("/print 1", True), ("  ,f a b", True), ("%%time\nx = 1", True),
                          ("if a != b:\n    print(f'{a!r} = {b}?!')", False), ("y = x % 2  # 50% of it", False), ("# is it? (a comment)", False)):
        assert bool(_MAY_HAVE_IPYTHON_SYNTAX.search(cell + "\n")) is special, cell
    sources = [cell.source for path in sorted(course.ROOT.glob("source/*/*.ipynb"))
               for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    assert len(sources) > 100
    for source in sources:  # hidden tests included: all skip the tokenizer, and mean what they meant
        assert not _MAY_HAVE_IPYTHON_SYNTAX.search(source + "\n"), source[:80]
        assert fast.transform_cell(source) == plain.transform_cell(source), source[:80]
    assert fast.do_token_transforms.__wrapped__ is not None

    class Renamed(TokenTransformBase):  # a transform of the kernel's own, added by a cell
        @classmethod
        def find(cls, tokens_by_line):
            return next((cls(t.start) for line in tokens_by_line for t in line if t.string == "old"), None)

        def transform(self, lines):
            return [line.replace("old", "new") for line in lines]

    for manager in (plain, fast):
        manager.token_transformers.append(Renamed)
    assert fast.transform_cell("old = 1\n") == plain.transform_cell("old = 1\n") == "new = 1\n"
    unknown = TransformerManager()
    unknown.token_transformers.append(object)
    skipping(unknown)  # transforms it does not know: not installed
    assert "do_token_transforms" not in vars(unknown)


def test_a_forked_kernel_runs_ipython_syntax(config, tmp_path):
    """In a forked kernel (where plain cells skip IPython's tokenizer) a = %magic, a = !command,
    an autocall escape, a help request, a line magic and plain code with % and ! in it all run
    as in IPython."""
    cells = ("here = %pwd\nprint(here == __import__('os').getcwd())",
             "said = !echo hi\nprint(list(said))",
             "/print 'auto' 2",
             "len?",
             "%time z = 3",
             "a, b = 7, 2\nprint(f'{a % b}! {a != b!r}')",
             "print(hasattr(get_ipython().input_transformer_manager.do_token_transforms, '__wrapped__'))")
    result = _run(config, tmp_path, _notebook(*cells))[0]
    assert _errors(result) == []
    printed = [line for line in _stdout(result).splitlines() if not line.startswith(("CPU times", "Wall time"))]
    assert printed == ["True", "['hi']", "auto 2", "1! True", "True"]
    assert "Wall time" in _stdout(result)
