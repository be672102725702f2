"""What the grading sandbox costs: one notebook executed with and without it.

    .venv/bin/python scripts/measure_sandbox.py                 # notebook 01, 10 runs each
    .venv/bin/python scripts/measure_sandbox.py --runs 5 --all  # every notebook

Executes the reference solution of each notebook with the course's execute
preprocessor (``nndl.tools.grade.nbgrader_ext.ResilientExecute``, as autograde
does, NBGRADER_EXECUTION=autograde), alternating sandboxed and unconfined runs
so that a change in the machine's load hits both alike, and prints the median
wall time of each and their difference: the sandbox's overhead per notebook
(bwrap start, copying the folder in, the ipc sockets, the private /tmp).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from traitlets.config import Config

from nndl.tools import course
from nndl.tools.author import submissions
from nndl.tools.grade.nbgrader_ext import ResilientExecute


def run_once(nb, folder, sandboxed):
    cfg = Config()
    cfg.Sandbox.enabled = sandboxed
    cfg.Execute.timeout = 300
    pre = ResilientExecute(config=cfg)
    start = time.perf_counter()
    pre.preprocess(nbformat.from_dict(nb), {"metadata": {"path": str(folder)}})
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--all", action="store_true", help="every notebook, not only 01")
    parser.add_argument("ids", nargs="*", metavar="ID", help="these notebooks only")
    args = parser.parse_args(argv)
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    aids = args.ids or (course.assignment_ids() if args.all else course.assignment_ids()[:1])
    print(f"sandbox overhead, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {args.runs} runs each")
    print(f"{'notebook':28} {'sandboxed s':>12} {'unconfined s':>13} {'overhead s':>11}")
    total_overhead = 0.0
    trivial = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import numpy as np\nnp.ones(3).sum()")])
    trivial.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with tempfile.TemporaryDirectory(prefix="nndl-measure-") as tmp:
        times = {True: [], False: []}
        for _ in range(max(args.runs, 10)):
            for sandboxed in (True, False):
                times[sandboxed].append(run_once(trivial, tmp, sandboxed))
    on, off = statistics.median(times[True]), statistics.median(times[False])
    print(f"{'kernel start + one cell':28} {on:12.3f} {off:13.3f} {on - off:11.3f}")
    for aid in aids:
        nb = submissions.make_submission(aid)
        with tempfile.TemporaryDirectory(prefix="nndl-measure-") as tmp:
            folder = Path(tmp) / aid
            folder.mkdir()
            for extra in (course.RELEASE / aid).iterdir():  # the files the notebook reads beside it
                if extra.suffix != ".ipynb" and extra.is_file():
                    (folder / extra.name).write_bytes(extra.read_bytes())
            run_once(nb, folder, True)  # warm the file cache for both
            times = {True: [], False: []}
            for _ in range(args.runs):
                for sandboxed in (True, False):
                    times[sandboxed].append(run_once(nb, folder, sandboxed))
        on, off = statistics.median(times[True]), statistics.median(times[False])
        total_overhead += on - off
        print(f"{aid:28} {on:12.3f} {off:13.3f} {on - off:11.3f}")
    print(f"overhead per complete submission ({len(aids)} notebooks): {total_overhead:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
