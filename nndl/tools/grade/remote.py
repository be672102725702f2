"""What a Dask worker runs for ``nndl grade``: execute one sanitized submission notebook.

The driver (nndl/tools/grade/dask_grader.py) sanitizes each submission with
nbgrader's own preprocessors, which read the gradebook, and sends the result
here as JSON text, with the files nbgrader would put beside it. The worker
executes it with the course's execute preprocessor (ResilientExecute, built
from the course's nbgrader config) in a private temporary folder, and returns
plain data: the executed notebook as JSON text, or the error that stopped it.
No grade is computed here and nothing here touches the gradebook; kernel
output leaves this process only inside that JSON text, which the driver
parses with nbformat (never unpickled as objects).
"""
import json
import logging
import os
import tempfile
import threading
from pathlib import Path

from .. import fast_message_dates, freeze_once

# One BLAS thread per kernel: a machine runs one single-threaded worker per
# core, and multithreaded BLAS in every kernel oversubscribes the cores (the
# same setting as nbgrader_env in course_dir.py). An explicit setting is kept.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")



class _Collect(logging.Handler):
    """Keep the warnings of one execution, to be reported by the driver."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def write_files(folder, files):
    """Write {relative path: bytes} under ``folder``; a path may not leave it."""
    root = Path(folder).resolve()
    for rel, data in files.items():
        target = (root / rel).resolve()
        if root not in target.parents:
            raise ValueError(f"refusing to write {rel!r} outside the execution folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def execute_notebook(notebook_json, files, config, preprocessor, workdir=""):
    """Execute one sanitized notebook; return {"notebook": json} or {"error", "message"}.

    notebook_json: the sanitized notebook as nbgrader would execute it.
    files: {relative path: bytes}, what nbgrader puts in the notebook's folder.
    config: the course's nbgrader config as plain dicts (section -> trait -> value).
    preprocessor: the import name of the execute preprocessor to use.
    workdir: the folder nbgrader would run the kernel in (autograded/<student>/<id>/ on
    the driver): the sandboxed kernel sees that path as its working folder
    (Sandbox.workdir), so that it runs exactly as under `nbgrader autograde`.
    Either way the result has "warnings": what the preprocessor logged.
    """
    return execute_submission([(notebook_json, files, workdir)], config, preprocessor)[0]


def execute_submission(notebooks, config, preprocessor):
    """Execute the sanitized notebooks of one student's submission, in order.

    notebooks: [(notebook_json, files, workdir)], as for execute_notebook.
    Returns one result per notebook, as execute_notebook does. With the sandbox
    on, the kernels are forked by one kernel factory in one sandbox holding
    this submission's working folders (sandbox.KernelFactory): Python,
    ipykernel, numpy and matplotlib start once per submission, not once per
    notebook. The factory serves this submission only and ends with it.
    A submission of one notebook (one assignment graded at a time) gets a
    factory too: its kernel then starts as every graded kernel does (no
    debugger imported, imports made with the collector off and then frozen),
    0.1 CPU-s less than an ordinary start, and behaves as they do.
    """
    import nbformat
    from nbgrader.utils import setenv
    from traitlets.config import Config

    from .sandbox import GRADING_BACKEND, KernelFactory, Sandbox, notebook_libraries

    fast_message_dates()
    parsed = [nbformat.reads(text, as_version=nbformat.NO_CONVERT) for text, _, _ in notebooks]
    for var in BLAS_THREADS:
        os.environ.setdefault(var, "1")
    log = logging.getLogger(f"nndl.grade.worker.{threading.get_ident()}")
    log.propagate = False
    with tempfile.TemporaryDirectory(prefix="nndl-grade-") as top:
        folders = []
        for k, (_, files, workdir) in enumerate(notebooks):
            folder = os.path.join(top, str(k))
            os.mkdir(folder)
            write_files(folder, files)
            folders.append(folder)
        sandbox = Sandbox(config=Config(config))
        factory = None
        if sandbox.enabled and all(w for _, _, w in notebooks):
            # its environment is the kernels' (matplotlib reads its backend when the factory imports it)
            with setenv(NBGRADER_EXECUTION="autograde", MPLBACKEND=GRADING_BACKEND):
                factory = KernelFactory(sandbox, [(f, w, ()) for f, (_, _, w) in zip(folders, notebooks)], log=log,
                                        libraries=notebook_libraries(*parsed))
        try:
            results = []
            extra = _kernel_arguments(config, preprocessor) if factory is not None else None
            for k, ((_, _, workdir), nb, folder) in enumerate(zip(notebooks, parsed, folders)):
                if factory is not None and k + 1 < len(notebooks):
                    # the next notebook's kernel starts while this one runs, as its executor will start it
                    factory.start_ahead(folders[k + 1], _kernel_environment(parsed[k + 1]), extra)
                results.append(_execute(nb, folder, config, preprocessor, workdir, factory, log))
            return results
        finally:
            if factory is not None:
                factory.close()
            freeze_once()  # what the first submission imported and built lives as long as this worker


def _kernel_arguments(config, preprocessor):
    """The kernel arguments the execute preprocessor will give (its kernel_arguments; nbclient's
    defaults for another preprocessor)."""
    from traitlets.config import Config
    from traitlets.utils.importstring import import_item

    from .sandbox import NBCLIENT_KERNEL_ARGS

    executor = import_item(preprocessor)(config=Config(config))
    return executor.kernel_arguments() if hasattr(executor, "kernel_arguments") else list(NBCLIENT_KERNEL_ARGS)


def _kernel_environment(nb):
    """os.environ as it will be when _execute starts notebook ``nb``'s kernel (ResilientExecute
    sets NNDL_JUDGE from the notebook's metadata)."""
    from .sandbox import GRADING_BACKEND

    judged = "nndl_judge" in nb.metadata
    return dict(os.environ, NBGRADER_EXECUTION="autograde", MPLBACKEND=GRADING_BACKEND, NNDL_JUDGE="1" if judged else "0")


def _execute(nb, folder, config, preprocessor, workdir, factory, log):
    from nbgrader.utils import setenv
    from traitlets.config import Config
    from traitlets.utils.importstring import import_item

    from .sandbox import GRADING_BACKEND

    collected = _Collect()
    log.addHandler(collected)
    try:
        if workdir:
            config = dict(config, Sandbox=dict(config.get("Sandbox", {}), workdir=workdir))
        executor = import_item(preprocessor)(config=Config(config), log=log)
        if factory is not None and hasattr(executor, "factory"):
            executor.factory = factory
        # nbgrader sets this while autograding; notebooks may look at it
        with setenv(NBGRADER_EXECUTION="autograde", MPLBACKEND=GRADING_BACKEND):
            nb, _ = executor.preprocess(nb, {"metadata": {"path": folder}})
    except Exception as error:  # reported to the driver, which records the submission as failed
        return {"error": type(error).__name__, "message": str(error), "warnings": collected.messages}
    finally:
        log.removeHandler(collected)
    return {"notebook": compact(nb), "warnings": collected.messages}


def compact(nb):
    """The executed notebook as JSON text for the driver, which reads (and validates) it with
    nbformat.reads. Not nbformat.writes: its copy, validation and indented encoder (Python's
    slow path) cost 0.1 to 0.3 CPU-s per notebook, for text nobody reads. orjson where it can:
    02's notebook with the judge's records (1.1 MB) in 0.3 ms, not 10."""
    from nbformat.v4.nbjson import BytesEncoder
    from nbformat.v4.rwbase import strip_transient

    return json_text(strip_transient(nb), BytesEncoder)


def json_text(value, encoder=json.JSONEncoder):
    """``value`` as JSON text: orjson's (a tenth of Python's time), else Python's with
    ``encoder`` for what orjson refuses (a lone surrogate, an integer past 64 bits) or
    without orjson installed. The encoder's ``default`` serves both."""
    try:
        import orjson

        return orjson.dumps(value, default=encoder().default).decode("utf-8")
    except (ImportError, TypeError):
        return json.dumps(value, cls=encoder, ensure_ascii=False)
