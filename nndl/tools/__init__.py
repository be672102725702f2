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


def import_nbgrader_lightly():
    """Register nbgrader's package without running its ``__init__``, which imports the Jupyter
    server extensions (jupyter_server, tornado handlers, the exchange: 0.2-0.3 s of a process
    start). Its modules (converters, preprocessors, api, ...) import as usual. For a tool process
    that grades in-process and serves nothing (``nndl check``); not for a Jupyter server, which
    loads the extensions from the package. Does nothing when nbgrader is imported already."""
    import importlib.util

    if "nbgrader" in sys.modules:
        return
    spec = importlib.util.find_spec("nbgrader")
    if spec is None or not spec.submodule_search_locations:
        return  # not installed: the first real import says so
    package = importlib.util.module_from_spec(spec)  # its path, file and spec, its code not run
    sys.modules["nbgrader"] = package
    try:
        from nbgrader._version import __version__
    except Exception:
        del sys.modules["nbgrader"]
        raise
    package.__version__ = __version__
