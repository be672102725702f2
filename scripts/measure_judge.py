"""What the trusted judge costs per notebook, once its reference run is cached.

    .venv/bin/python scripts/measure_judge.py            # every notebook, 20 judgings each

For each notebook: the source notebook (reference answers, hidden tests) is prepared (HideReferences) and
executed as a submission would be, so that its cells carry the kernel's
records; the judge's reference run is made (and cached) once; then
``Judge.preprocess`` (decode every record, compare it with the reference,
strip the records) is timed on fresh copies of the executed notebook.
Printed: the number and size of the records, the median judging time, and
the one-off reference run.
"""
import argparse
import copy
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from traitlets.config import Config

from nndl.measure import MIME
from nndl.tools import course
from nndl.tools.grade import judge
from nndl.tools.grade.nbgrader_ext import ResilientExecute


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("ids", nargs="*", metavar="ID")
    args = parser.parse_args(argv)
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    print(f"judge cost, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
          f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {args.runs} judgings each")
    print(f"{'notebook':28} {'records':>8} {'MB':>6} {'judge ms':>9} {'reference run s':>16}")
    with tempfile.TemporaryDirectory(prefix="nndl-judge-") as tmp:
        root = Path(tmp)
        cfg = Config()
        cfg.CourseDirectory.root = str(root)
        cfg.Judge.references = str(root / "refs")
        for aid in args.ids or course.assignment_ids():
            (root / "source").mkdir(exist_ok=True)
            import shutil
            shutil.copytree(course.SOURCE / aid, root / "source" / aid, dirs_exist_ok=True)
            ids = {"nbgrader": {"assignment": aid, "notebook": aid}}
            start = time.perf_counter()
            judge.Judge(config=cfg).reference(aid, aid)
            reference_s = time.perf_counter() - start
            # the source notebook: the reference answers and the test cells with their hidden
            # tests, as autograde has them after restoring the test cells
            nb, _ = judge.HideReferences(config=cfg).preprocess(course.read_notebook(course.source_path(aid)), ids)
            work = root / "work" / aid
            shutil.copytree(course.RELEASE / aid, work, dirs_exist_ok=True)
            nb, _ = ResilientExecute(config=cfg).preprocess(nb, {"metadata": {"path": str(work)}})
            outputs = [o for c in nb.cells for o in c.get("outputs", []) if MIME in o.get("data", {})]
            size = sum(len(json.dumps(o["data"][MIME])) for o in outputs) / 1e6
            records = sum(len(same) for c in nb.cells for same in judge.records(c).values())  # a batch holds many
            times = []
            for _ in range(args.runs):
                copy_ = copy.deepcopy(nb)
                start = time.perf_counter()
                judge.Judge(config=cfg).preprocess(copy_, ids)
                times.append(time.perf_counter() - start)
            print(f"{aid:28} {records:8d} {size:6.2f} {1000 * statistics.median(times):9.1f} {reference_s:16.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
