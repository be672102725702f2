"""``python -m nndl <command>``: the same as the ``nndl`` command (nndl/tools/cli.py)."""
import sys

from nndl.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
