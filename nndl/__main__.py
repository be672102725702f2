"""``python -m nndl <command>``: the same as the ``nndl`` command (nndl/tools/cli.py)."""
from nndl.tools.cli import entry_point

if __name__ == "__main__":
    entry_point()
