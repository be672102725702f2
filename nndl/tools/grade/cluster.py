"""A Dask cluster of separate processes on this machine, started with the `dask` commands.

What an instructor does by hand on several machines (docs/grading-at-scale.md),
done here on 127.0.0.1 for the tests and scripts/measure_class_grading.py:
`dask scheduler`, then ``workers`` x `dask worker` with one thread each.
Every process gets its own session, so that stopping one also stops the
kernels it started.
"""
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .. import course

BIN = Path(sys.executable).parent
# The Dask configuration of a grading worker (nndl grade's local workers get it as config, the
# `dask worker` processes here as environment, as docs/grading-at-scale.md shows). A worker
# samples the stacks of its threads every 10 ms for the dashboard's profile page: on a thread
# running a notebook's client (deep asyncio stacks) that was a third of the worker's CPU, 0.5
# CPU-s per submission, for a page nobody opens while grading.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
# the same as Dask reads it from the environment: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False
WORKER_ENV = {"DASK_" + key.upper().replace(".", "__"): str(value) for key, value in WORKER_CONFIG.items()}


def spawn(args, log, env=None):
    """Start ``args`` in its own session, this repository importable, output to ``log``."""
    path = os.pathsep.join(filter(None, [str(course.ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                            env=dict(os.environ, PYTHONPATH=path, **(env or {})), start_new_session=True)


def stop(proc, timeout=10):
    """End a process started by spawn and everything in its session, within a bounded time."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            break
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout)
        except ProcessLookupError:
            break
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # kernels a killed worker may have left behind
    except (ProcessLookupError, PermissionError):
        pass


@contextmanager
def local_dask_cluster(folder, workers=2, timeout=60):
    """Yield (scheduler address, {"scheduler"|"w0"|"w1"...: process}); logs in folder/cluster.log."""
    from distributed import Client

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    log = open(folder / "cluster.log", "w")
    procs = {"scheduler": spawn([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                 "--no-dashboard", "--scheduler-file", str(scheduler_file)], log)}
    try:
        deadline = time.monotonic() + timeout
        while not scheduler_file.exists():
            if time.monotonic() > deadline or procs["scheduler"].poll() is not None:
                raise RuntimeError(f"the scheduler did not start:\n{(folder / 'cluster.log').read_text()}")
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        for k in range(workers):
            procs[f"w{k}"] = spawn([str(BIN / "dask"), "worker", address, "--name", f"w{k}", "--nthreads", "1",
                                    "--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard"], log, WORKER_ENV)
        with Client(address, timeout=timeout) as client:
            client.wait_for_workers(workers, timeout=timeout)
        yield address, procs
    finally:
        for proc in reversed(list(procs.values())):
            stop(proc)
        log.close()
