"""The course's tools: trusted code that never runs inside a student's kernel.

- ``author/``  the course author's tools: build, reference values, defect corpus, submissions
- ``grade/``   the instructor's grading tools: nbgrader preprocessors, course directories,
               class grading, the demo, the sandbox
- ``learn/``   the learner's own tools: self-check, JupyterLab workspace
- ``cli.py``   the ``nndl`` command that puts a verb in front of each
- ``course.py`` where the course's files are (shared by all of them)

The learner library (``nndl.checks``, ``nndl.data``, ...) is the package above
this one: notebooks import it, so at grading time it runs inside the
student's kernel and is untrusted. Nothing here is imported by a notebook, and
the grading sandbox hides this folder from the kernel.
"""
import sys

# Start-up time of every tool process. jsonschema (imported by nbformat) imports, when they are
# installed, the checkers of string formats (IRIs, URIs, colours, durations, ...), and
# rfc3987-syntax builds IRI grammars for 1-3 s. jupyter-events installs them all; nbformat and
# nbgrader validate no formats, and jsonschema goes without a checker whose import fails. Blocked
# here, in the tools' own processes only (not in JupyterLab's server).
JSONSCHEMA_FORMAT_CHECKERS = ("rfc3987_syntax", "rfc3986_validator", "rfc3339_validator", "isoduration",
                              "webcolors", "uri_template", "fqdn", "jsonpointer")
for _name in JSONSCHEMA_FORMAT_CHECKERS:
    sys.modules.setdefault(_name, None)


# Packages whose __init__ imports far more than grading one notebook needs: nbgrader's (the
# Jupyter server extensions), nbconvert's (every exporter, and with them the HTML filters: bs4,
# bleach, mistune, jinja2), and the collections of preprocessors and converters.
LIGHT_PACKAGES = ("nbgrader", "nbgrader.preprocessors", "nbgrader.converters", "nbconvert",
                  "nbconvert.exporters", "nbconvert.preprocessors", "nbconvert.writers", "nbconvert.filters")


def lazy_grading_packages(packages=LIGHT_PACKAGES):
    """Register nbgrader's and nbconvert's packages lazily (``lazy_package``): the check's imports
    of nbgrader's converter take 0.4 s less (1.2 -> 0.8 s). For a tool process that grades in-process and
    serves nothing (``nndl check``); not for a Jupyter server, which loads nbgrader's extensions
    from the package. A package already imported is left as it is."""
    for name in packages:
        lazy_package(name)


def lazy_package(name):
    """Register package ``name`` without running its ``__init__``.

    A name its ``__init__`` imports from one module (``from .sub import x``, ``from . import
    sub``, ``from other.module import x``) is imported from that module when first used, as the
    ``__init__`` would have bound it: the same object. Any other attribute (``__all__``, a name
    the ``__init__`` defines itself) is a submodule if there is one of that name, and otherwise
    runs the real ``__init__`` first: nothing is ever missing, only the imports of the modules
    nobody uses are saved. Does nothing if ``name`` is imported already, is not an installed
    package, or its ``__init__`` cannot be read."""
    import ast
    import importlib
    import importlib.util

    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations or not spec.origin:
            return
        with open(spec.origin, "rb") as f:
            tree = ast.parse(f.read())
    except (ImportError, OSError, SyntaxError, ValueError):
        return  # imported the ordinary way, when it is
    shortcuts = {}  # name -> (module, attribute or None for the module itself)
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level > 1:
            continue
        base = name if node.level == 1 else None
        for alias in node.names:
            if alias.name == "*":
                continue
            if node.module is None:  # from . import sub
                shortcuts[alias.asname or alias.name] = (f"{name}.{alias.name}", None)
            else:
                module = f"{base}.{node.module}" if base else node.module
                shortcuts[alias.asname or alias.name] = (module, alias.name)
    package = importlib.util.module_from_spec(spec)  # its path, file and spec; its code not run

    def __getattr__(attr):
        if attr in shortcuts:
            module, member = shortcuts[attr]
            value = importlib.import_module(module)
            value = value if member is None else getattr(value, member)
        elif not attr.startswith("__") and importlib.util.find_spec(f"{name}.{attr}") is not None:
            # a submodule (``from package import sub`` asks the package first)
            value = importlib.import_module(f"{name}.{attr}")
        else:  # a name of the __init__ itself: run it (once), as an ordinary import would have
            if package.__dict__.pop("__getattr__", None) is None:
                raise AttributeError(f"module {name!r} has no attribute {attr!r}")
            spec.loader.exec_module(package)
            value = getattr(package, attr)
        setattr(package, attr, value)
        return value

    package.__getattr__ = __getattr__
    sys.modules[name] = package
