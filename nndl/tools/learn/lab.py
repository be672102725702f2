"""`nndl lab` (make lab): JupyterLab on the learner's own copy of the release notebooks.

The release notebooks are copied into workspace/<id>/ (git-ignored). A
notebook that is already there is never overwritten: it is the learner's
work. New assignments (after a `git pull`) are added beside it.
"""
import argparse
import os
import shutil
from pathlib import Path
import subprocess
import sys

from .. import course

WORKSPACE = course.ROOT / "workspace"

WORKSPACE_CONFIG = '''"""nbgrader settings for a learner working alone (written by `make lab`)."""
import os
c = get_config()  # noqa: F821
# nbgrader's lab extensions look for an exchange; keep it inside the workspace.
c.Exchange.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".exchange")
'''


# "Save and Export Notebook As HTML" in the learner's lab: formulas as MathML and no
# MathJax or require.js from a CDN, so an exported notebook reads offline (as the feedback does).
TEMPLATES = Path(__file__).resolve().parent.parent / "grade" / "templates"
OFFLINE_EXPORT = [
    "--HTMLExporter.preprocessors=nndl.tools.grade.nbgrader_ext.MathToMathML",
    f"--HTMLExporter.extra_template_basedirs={TEMPLATES}",
    "--HTMLExporter.require_js_url=",
]


def populate(workspace=WORKSPACE):
    """Copy what is missing from release/ into ``workspace``; return (copied, kept)."""
    copied, kept = [], []
    for aid in course.assignment_ids():
        src_dir = course.RELEASE / aid
        for src in sorted(p for p in src_dir.rglob("*") if p.is_file()):
            dst = workspace / aid / src.relative_to(src_dir)
            if dst.exists():
                kept.append(dst)
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            copied.append(dst)
    config = workspace / "nbgrader_config.py"
    if not config.exists():
        config.write_text(WORKSPACE_CONFIG)
    return copied, kept


def main(argv=None, prog="nndl lab"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Any other option goes to `jupyter lab`, e.g. nndl lab --no-browser --port 8899")
    _, argv = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    copied, kept = populate()
    for path in copied:
        print(f"new: {path.relative_to(course.ROOT)}")
    if kept:
        print(f"kept {len(kept)} file(s) you already have in workspace/ (never overwritten)")
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={WORKSPACE}", *OFFLINE_EXPORT, *argv]
    print("starting:", " ".join(cmd))
    return subprocess.call(cmd, cwd=WORKSPACE, env=env)


if __name__ == "__main__":
    sys.exit(main())
