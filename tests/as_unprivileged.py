"""Run a command as an ordinary user (uid and gid 65534, "nobody"), from root.

    unshare --mount --propagation private python tests/as_unprivileged.py PATH... -- COMMAND...

For tests/test_unprivileged.py. CI runs as root, and as root the grading sandbox
drops each kernel to a fresh uid; an instructor or a learner runs it as
themselves, where bubblewrap takes the other path (its own user namespace, no
uid change). This script lets the suite take that path too.

The user must reach Python, the venv and the course (the PATHs given), which
may lie under a folder only root may enter (/root, where pyenv and a CI clone
often live). In the private mount namespace that `unshare` gave this process,
each such folder is covered by an empty tmpfs into which the PATHs are bound
back, so the user reaches exactly them; nothing changes outside the namespace.
Then the process drops to the user and runs COMMAND (HOME is a fresh folder).
"""
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

USER = 65534


def _closed_ancestor(path):
    """The highest folder above ``path`` that others may not enter, or None."""
    for folder in reversed(path.parents):
        if folder != Path("/") and not folder.stat().st_mode & stat.S_IXOTH:
            return folder
    return None


def _mount(*args):
    subprocess.run(["mount", *args], check=True)


def open_paths(paths):
    """Make each of ``paths`` reachable by any user, in this mount namespace only."""
    staging = Path(tempfile.mkdtemp(prefix="nndl-unprivileged-"))
    kept = []  # (path, its staging bind)
    for k, path in enumerate(sorted(set(paths))):
        if _closed_ancestor(path) is not None:
            (staging / str(k)).mkdir()
            _mount("--bind", str(path), str(staging / str(k)))
            kept.append((path, staging / str(k)))
    for folder in sorted({_closed_ancestor(p) for p, _ in kept}, key=lambda f: len(f.parts)):
        _mount("-t", "tmpfs", "-o", "mode=755", "tmpfs", str(folder))
    for path, bound in kept:
        path.mkdir(parents=True, exist_ok=True)
        _mount("--move", str(bound), str(path))


def main(argv):
    split = argv.index("--")
    paths, command = [Path(p).resolve() for p in argv[:split]], argv[split + 1:]
    open_paths(paths)
    home = Path(tempfile.mkdtemp(prefix="nndl-unprivileged-home-"))
    os.chown(home, USER, USER)
    os.setgroups([])
    os.setgid(USER)
    os.setuid(USER)
    env = dict(os.environ, HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    os.execvpe(command[0], command, env)


if __name__ == "__main__":
    main(sys.argv[1:])
