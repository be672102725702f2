"""Helpers of the tests that start hostile or stray processes."""
from pathlib import Path


def processes_marked(mark):
    """Pids of the running processes whose command line contains ``mark``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found
