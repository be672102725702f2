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
                  "nbconvert.exporters", "nbconvert.preprocessors", "nbconvert.writers", "nbconvert.filters",
                  # nbgrader.api's Authenticator, without the JupyterHub plugin and with it requests
                  "nbgrader.auth",
                  # jupyter_client's kernel spec lookup wants IPython.paths only, not IPython's shell
                  "IPython")
# module -> its functions that a light package imports but a check never calls: nbgrader.utils
# imports setuptools' archive helpers (for zip collection) and with them setuptools (58 modules)
LIGHT_FUNCTIONS = {"setuptools.archive_util": ("unpack_archive", "unpack_tarfile", "unpack_zipfile")}


def lazy_grading_packages(packages=LIGHT_PACKAGES, functions=LIGHT_FUNCTIONS):
    """Register nbgrader's and nbconvert's packages lazily (``lazy_package``), and the modules of
    ``functions`` as stand-ins (``lazy_functions``): the check's imports of nbgrader's converter
    take 0.5 s less (1.2 -> 0.7 s). For a tool process that grades in-process and serves nothing
    (``nndl check``); not for a Jupyter server, which loads nbgrader's extensions from the
    package. A package or module already imported is left as it is."""
    for name in packages:
        lazy_package(name)
    for module, names in functions.items():
        lazy_functions(module, names)


def lazy_functions(module, names):
    """Register ``module`` as a stand-in whose functions ``names`` import the real module when first
    called (and then call the real function); any other attribute imports it at once. Once
    imported, the real module replaces the stand-in. For ``from module import f`` in a package
    whose ``f`` a process may never call. Does nothing if ``module`` is imported already."""
    import importlib
    import types

    if module in sys.modules:
        return
    stand_in = types.ModuleType(module, f"stand-in for {module}, imported when used (nndl.tools.lazy_functions)")

    def real():
        if sys.modules.get(module) is stand_in:
            del sys.modules[module]
        return importlib.import_module(module)

    def forward(name):
        def call(*args, **kwargs):
            return getattr(real(), name)(*args, **kwargs)
        call.__name__ = call.__qualname__ = name
        return call

    def __getattr__(attr):
        if attr.startswith("__"):  # what the import system asks (__path__: is it a package?)
            raise AttributeError(attr)
        return getattr(real(), attr)

    for name in names:
        setattr(stand_in, name, forward(name))
    stand_in.__getattr__ = __getattr__
    sys.modules[module] = stand_in


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


def cached_notebook_validators(folder):
    """nbformat's schema validators made from a cache in ``folder``: nbformat compiles the
    notebook schema with fastjsonschema (generating Python source, then compiling it) the first
    time it validates a notebook of a given version: 75 ms a schema, every process. The compiled
    code is kept in ``folder``, keyed by the schema, fastjsonschema's version and Python's
    bytecode version, and later processes load it (0.3 ms). For a short tool process on the
    critical path of a wait (``nndl check``). The cache is this user's own (as the prepared
    courses are): nothing from a notebook or a kernel goes into it.
    """
    from pathlib import Path

    try:
        from nbformat import json_compat
    except ImportError:
        return
    folder = Path(folder)
    for k, (name, module, cls) in enumerate(json_compat._VALIDATOR_MAP):
        if name == "fastjsonschema" and getattr(cls, "_nndl_folder", None) != folder:
            base = getattr(cls, "_nndl_base", cls)  # (cached before, in another folder: nbformat's again)
            json_compat._VALIDATOR_MAP[k] = (name, module, _cached_validator_class(json_compat, base, folder))


def _cached_validator_class(json_compat, base, folder):
    class CachedFastJsonSchemaValidator(base):
        """nbformat's FastJsonSchemaValidator, its schema compiled once per machine (``folder``)."""
        _nndl_base, _nndl_folder = base, folder

        def __init__(self, schema):
            json_compat.JsonSchemaValidator.__init__(self, schema)  # what base.__init__ does first
            self._validator = _compiled_schema(schema, folder)

    return CachedFastJsonSchemaValidator


def _compiled_schema(schema, folder):
    """fastjsonschema.compile(schema), from ``folder`` when it was compiled before."""
    import hashlib
    import importlib.util
    import json
    import marshal
    import os
    from importlib.metadata import version

    import fastjsonschema

    key = hashlib.sha256(json.dumps([schema, version("fastjsonschema"), importlib.util.MAGIC_NUMBER.hex()],
                                    sort_keys=True).encode()).hexdigest()[:32]
    path = folder / f"notebook-schema-{key}.marshal"
    try:
        name, code = marshal.loads(path.read_bytes())
        scope = {}
        exec(code, scope)
        return scope[name]
    except Exception:  # noqa: BLE001 - not cached yet (or unreadable): compiled as nbformat would
        pass
    func = fastjsonschema.compile(schema)
    try:
        code = compile(fastjsonschema.compile_to_code(schema), f"<notebook schema {key}>", "exec")
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{path.name}.{os.getpid()}"
        partial.write_bytes(marshal.dumps((func.__name__, code)))
        partial.replace(path)  # whole or not at all, whoever writes it at the same time
    except Exception:  # noqa: BLE001 - a cache that cannot be written: compiled each time, as before
        pass
    return func


_FROZEN = []


def freeze_once():
    """Once per process: move every object alive now out of the cyclic garbage collector's sight
    (``gc.freeze``), so that later full collections walk only what was made since.

    Called by a long-lived grading process (the driver, a worker) after its first submission,
    when what it imports and builds once (nbgrader, SQLAlchemy, nbconvert, Dask; 150 000 to
    180 000 objects) is all there: each full collection walked all of it again (0.1 CPU-s
    each, four or five per class of five on the slow machine). Garbage alive at that moment
    (a few thousand objects) is kept for good, once; the collector stays on for the rest.
    """
    import gc

    if not _FROZEN:
        _FROZEN.append(True)
        gc.freeze()


def fast_message_dates():
    """jupyter_client parses the date of every kernel message it receives (header and parent
    header) with dateutil's ISO parser, in pure Python: 10.9 µs a date (0.9 µs with
    ``datetime.fromisoformat``), two per message, about a thousand messages per submission:
    0.02 CPU-s of a grading worker's. It is made to try ``fromisoformat`` first (C; the same
    instant, and the same ``isoformat()`` in the notebook's timing metadata), dateutil for
    anything it refuses. For the grader's own processes (workers, a check); idempotent."""
    from datetime import datetime

    try:
        from jupyter_client import jsonutil
    except ImportError:
        return
    slow = jsonutil._dateutil_parse
    if getattr(slow, "_nndl_fast", False):
        return

    def parse(text):
        try:
            return datetime.fromisoformat(text)
        except (TypeError, ValueError):
            return slow(text)

    parse._nndl_fast = True
    jsonutil._dateutil_parse = parse
