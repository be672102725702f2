"""``python -m nndl <command> ...``: the course's tools for learners.

Each command is a module with ``main(argv, prog) -> exit status``; adding one
is one line in COMMANDS.
"""
import importlib
import sys

# Start-up time: jsonschema (imported by nbformat) imports rfc3987-syntax when it
# is installed, which builds its IRI grammars at import: about 1 s, two thirds
# of this process's start. Nothing here validates IRIs (jsonschema does not
# check formats unless asked, and nbformat's schema has none), so a command
# line tool can skip it; jsonschema falls back silently.
sys.modules.setdefault("rfc3987_syntax", None)

# name -> (module, one-line description)
COMMANDS = {
    "check": ("nndl.selfcheck", "grade your notebook (or a folder of them) with the course's "
                                "autograder, hidden tests included"),
}


def usage():
    width = max(map(len, COMMANDS))
    lines = ["usage: python -m nndl <command> [options]", "", "commands:"]
    lines += [f"  {name:<{width}}  {text}" for name, (_, text) in COMMANDS.items()]
    lines += ["", "`python -m nndl <command> --help` describes a command's options.",
              "Example: python -m nndl check workspace/01_numpy_basics/01_numpy_basics.ipynb"]
    return "\n".join(lines)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    return module.main(rest, prog=f"python -m nndl {name}")


if __name__ == "__main__":
    sys.exit(main())
