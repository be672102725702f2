"""nbgrader preprocessors the course adds (nbgrader_config.py says where).

Autograde:
- ``CourseOverwriteCells`` (sanitize, replaces OverwriteCells): nbgrader's
  restore of locked and deleted cells, plus two fixes. A duplicated cell
  (copy/paste, or a split in JupyterLab, which keeps the metadata on both
  halves) is demoted by DeduplicateIds to a cell with empty nbgrader
  metadata, on which nbgrader then crashes; we drop that empty metadata. And
  every test cell with hidden tests differs from its source by design, so
  nbgrader warns "checksum has changed" for each one (nbgrader #1961): we warn
  only when the student's cell differs from what the student was given, i.e.
  real edits, which are then restored from the source as usual.
- ``ResilientExecute`` (replaces Execute): runs the kernel in the grading
  sandbox (``sandbox.Sandbox``: own filesystem view, no network, memory,
  process and per-notebook time caps). If a cell kills the kernel
  (``exit()``, ``os._exit``, a segfault, the memory cap), nbgrader drops the
  whole submission. Instead, that cell is marked failed and the notebook is
  run again without it, so the questions before and after it are graded.
  Past ``Sandbox.notebook_timeout`` the remaining cells are not run and score 0.
- ``WarningsAreNotFailures`` (after Execute): nbgrader scores a test cell 0 if
  anything reached stderr. A correct answer may trigger a numpy
  RuntimeWarning; move stderr text to stdout so it stays visible but costs
  nothing. Real failures are 'error' outputs and are untouched.
- ``SaveAutoGradesAtOnce`` (replaces SaveAutoGrades): the same rows, written
  in one transaction per notebook instead of one commit per graded cell.

Feedback:
- ``HideHiddenTracebacks``: what a test cell shows must not reveal its hidden
  tests. (1) A traceback from a test cell quotes the lines around the failure,
  which may be hidden test code: the traceback of every test cell's error is
  replaced by its last line (the exception and its message), which is all a
  learner needs. (2) Whatever was printed after the visible checks passed
  (``C.passed``'s line) was printed while the hidden tests ran, e.g. a debug
  print left in the learner's function, showing the hidden inputs and the
  learner's results on them (the hidden reference values, when right): it is
  replaced by a note. Failures keep their message.
- ``MathToMathML``: the feedback page loads MathJax from a CDN to typeset the
  TeX of the markdown cells, so a learner offline (or behind a firewall) sees
  raw ``$\\sigma(z)$``. Every ``$...$`` and ``$$...$$`` of a markdown cell is
  converted to MathML (latex2mathml, pinned in requirements.txt), which
  browsers render natively, with no script and no network. Code (fenced
  blocks, inline code) is left alone; a formula that does not convert stays TeX.
"""
import math
import os
import re
import time
import traceback
from collections import Counter
from functools import lru_cache
from pathlib import Path

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.nbgraderformat import ValidationError
from nbgrader.api import Gradebook
from nbgrader.preprocessors import CheckCellMetadata, Execute, NbGraderPreprocessor, OverwriteCells, SaveAutoGrades
from nbgrader.utils import is_grade, is_solution
from traitlets import Integer, default

from .remote import json_text
from .sandbox import OPT_OUT_WARNING, FactoryKernelManager, Sandbox, SandboxedKernelManager

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", flags=re.S)
NOTE = "(The lines of the test are not shown: they include hidden tests.)"
# the end of the line checks.passed() prints after the visible checks: what a
# test cell prints after it, it printed while its hidden tests ran
PASSED = "all visible checks passed."
HIDDEN_OUTPUT = "(What was printed while the hidden tests ran is not shown.)"
OUTPUT_CUT = ("\n(Output stopped here: this notebook sent more than {} MB of output; the rest was dropped. "
              "Print less, e.g. not inside a loop.)\n")
OVERTIME = ("Not run: the notebook reached its total time limit ({} s) before this cell "
            "(an infinite loop or very slow code in an earlier cell).")
DEAD = ("The kernel died while running this cell (exit(), os._exit or a crash). The cell was "
        "skipped and the notebook run again without it, so the other questions could be graded.")


STUCK = ("This cell ran past its time limit and did not stop when interrupted (a bare `except:` inside a "
         "loop catches the interrupt too). The cell was skipped and the notebook run again without it.")


class CourseOverwriteCells(OverwriteCells):
    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", None) == {}:
                del cell.metadata["nbgrader"]
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if not isinstance(self.gradebook, _SourceCells):
            # every cell's lookups (2-3 queries each, half of the driver's time) from 2 queries in all
            self.gradebook = _SourceCells(self.gradebook, self.notebook_id, self.assignment_id)
        return self._preprocess_cell(cell, resources, index)

    def _preprocess_cell(self, cell, resources, index):
        self._as_released = None
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid is not None:
            try:
                source = self.gradebook.find_source_cell(gid, self.notebook_id, self.assignment_id).source
            except Exception:
                source = None
            if source is not None:
                self._as_released = HIDDEN.sub("", source).rstrip() == cell.source.rstrip()
        return super().preprocess_cell(cell, resources, index)

    def report_change(self, name, attr, old, new):
        if attr == "checksum" and self._as_released:
            return  # only the hidden tests differ: the cell is as it was released
        if attr == "checksum":
            self.log.warning("Locked cell %s was edited in the submission; restored from the source.", name)
        else:
            super().report_change(name, attr, old, new)


class _GradebookView:
    """A gradebook some of whose questions are answered from rows read ahead; anything else is
    the gradebook's own."""

    def __getattr__(self, name):
        return getattr(self._gradebook, name)


class _SourceCells(_GradebookView):
    """The gradebook, with the source and graded cells of one notebook read at once.

    nbgrader's OverwriteCells asks the gradebook for each cell (find_source_cell,
    find_graded_cell); here both come from one read of the notebook's cells,
    as plain values (the same answers, MissingEntry included). Anything else is
    the gradebook's own.
    """

    def __init__(self, gradebook, notebook_id, assignment_id):
        from types import SimpleNamespace

        from nbgrader.api import MissingEntry

        self._gradebook, self._missing = gradebook, MissingEntry
        self._source, self._graded = {}, {}
        try:
            notebook = gradebook.find_notebook(notebook_id, assignment_id)
        except MissingEntry:
            return
        for c in notebook.source_cells:
            self._source[c.name] = SimpleNamespace(name=c.name, cell_type=c.cell_type, locked=c.locked,
                                                   checksum=c.checksum, source=c.source)
        for c in [*notebook.task_cells, *notebook.grade_cells]:  # a grade cell first, as nbgrader looks
            self._graded[c.name] = SimpleNamespace(name=c.name, max_score=c.max_score, cell_type=c.cell_type)

    def find_source_cell(self, name, notebook_id, assignment_id):
        return self._find(self._source, name)

    def find_graded_cell(self, name, notebook_id, assignment_id):
        return self._find(self._graded, name)

    def _find(self, cells, name):
        if name not in cells:
            raise self._missing(name)
        return cells[name]


class CourseCheckCellMetadata(CheckCellMetadata):
    """nbgrader's CheckCellMetadata (the same checks, errors and messages), with its JSON
    schema checked once per process: ``jsonschema.validate`` checks the schema itself
    again for every cell, which was most of this step's time (a tenth of the grader's)."""

    def preprocess(self, nb, resources):
        try:
            _metadata_validator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)
        return nb, resources


@lru_cache(maxsize=None)
def _metadata_validator():
    import jsonschema
    from jsonschema.exceptions import best_match
    from nbgrader.nbgraderformat import MetadataValidator

    class Validator(MetadataValidator):
        def __init__(self):
            super().__init__()
            self._check = jsonschema.validators.validator_for(self.schema)(self.schema)

        def validate_cell(self, cell):
            if "nbgrader" not in cell.metadata:
                return
            metadata = cell.metadata["nbgrader"]
            if metadata.get("schema_version", 0) == self.schema_version:
                error = best_match(self._check.iter_errors(metadata))  # as jsonschema.validate reports it
                if error is not None:
                    raise error
            else:  # the version errors, as nbgrader words them
                super().validate_cell(cell)

    return Validator()


@lru_cache(maxsize=None)
def _compiled_output_schema(ref):
    """fastjsonschema's check of one definition (an output type) of the current notebook schema."""
    import fastjsonschema
    from nbformat.validator import get_validator

    schema = get_validator(4, 5)._schema  # what new_output validates against (v4, current minor)
    return fastjsonschema.compile({"$schema": schema.get("$schema"), "definitions": schema["definitions"],
                                   "$ref": f"#/definitions/{ref}"})


def fast_output_validation():
    """nbformat checks every output a kernel sends (``new_output``) with jsonschema, because
    its fast validator cannot take a sub-schema: 0.1 to 1 ms an output (0.3 CPU-s for a
    submission's 970 outputs, before judge records went out once per cell). Here fastjsonschema checks it first;
    what it rejects goes to nbformat's own check, which raises exactly as before."""
    import nbformat.v4.nbbase as nbbase

    if getattr(nbbase.validate, "fast", False):
        return
    original = nbbase.validate

    def validate(node, ref=None):
        import fastjsonschema

        if ref in ("stream", "display_data", "execute_result", "error"):
            try:
                _compiled_output_schema(ref)(node)
                return None
            except fastjsonschema.JsonSchemaException:
                pass
        return original(node, ref)

    validate.fast, validate.original = True, original
    nbbase.validate = validate


class ResilientExecute(Execute):
    max_dead_cells = Integer(3, help="Cells that may kill the kernel before the submission is given up").tag(config=True)
    max_output_bytes = Integer(32 * 2**20, help="Output a notebook may send to the grader; past it the rest "
                                                "is dropped (a kernel printing in a loop must not fill the "
                                                "grader's memory)").tag(config=True)

    # a sandbox.KernelFactory holding this notebook's working folder (set by nndl grade's workers)
    factory = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fast_output_validation()

    def kernel_arguments(self):
        """The arguments the kernels this executor starts get: its extra_arguments and, as
        nbclient adds them to an ipykernel's, its input history in memory (ipython_hist_file).
        A kernel started ahead with other arguments is not taken (sandbox.KernelFactory)."""
        args = list(self.extra_arguments)
        if self.ipython_hist_file and not any(a.startswith("--HistoryManager.hist_file") for a in args):
            args.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")
        return args

    @default("shutdown_kernel")
    def _kill_when_done(self):
        # a graded kernel has nothing to save: killed at once, not asked to stop and waited
        # for (0.1 s per notebook); whatever it started dies with its sandbox either way
        return "immediate"

    def create_kernel_manager(self):
        """A sandboxed kernel (the default), or nbgrader's own when the instructor opted out."""
        sandbox = Sandbox(parent=self)
        if not sandbox.enabled:
            self.log.warning(OPT_OUT_WARNING)
            return super().create_kernel_manager()
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or "python3"
        skip = getattr(self, "_links", ())
        if self.factory is not None:  # nndl grade: forked by the submission's kernel factory
            self.km = FactoryKernelManager(self.factory, sandbox, skip=skip, kernel_name=self.kernel_name,
                                           config=self.config)
        else:
            self.km = SandboxedKernelManager(sandbox, skip=skip, kernel_name=self.kernel_name, config=self.config)
        return self.km

    def preprocess(self, nb, resources=None, km=None):
        self._links = submitted_links(resources, self)
        # a notebook prepared for the judge (judge.HideReferences): its checks record for it
        judged = "nndl_judge" in nb.metadata
        previous = os.environ.get("NNDL_JUDGE")
        os.environ["NNDL_JUDGE"] = "1" if judged else "0"
        try:
            return self._preprocess(nb, resources, km)
        finally:
            if previous is None:
                os.environ.pop("NNDL_JUDGE", None)
            else:
                os.environ["NNDL_JUDGE"] = previous

    def _preprocess(self, nb, resources, km):
        self._deadline = time.monotonic() + Sandbox(parent=self).notebook_timeout
        self._output_bytes, self._output_cut = 0, False
        replaced = {}
        for attempt in range(self.max_dead_cells + 1):
            self._running = None
            try:
                nb, resources = super().preprocess(nb, resources, km)
                break
            except (DeadKernelError, CellTimeoutError) as exc:
                # CellTimeoutError: the cell ran past its time and the interrupt did not stop it (a bare
                # `except:` in a loop swallows KeyboardInterrupt): as with a dead kernel, only that cell fails
                index = self._running
                if index is None or attempt == self.max_dead_cells:
                    raise
                stuck = isinstance(exc, CellTimeoutError)
                self.log.warning("Cell %d %s; running the notebook again without it", index,
                                 "could not be interrupted" if stuck else "killed the kernel")
                replaced.setdefault(index, nb.cells[index].source)
                nb.cells[index].source = f"raise RuntimeError({(STUCK if stuck else DEAD)!r})"
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        cell.outputs, cell.execution_count = [], None
        for index, source in replaced.items():
            nb.cells[index].source = source
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        self._running = index
        if cell.cell_type == "code" and time.monotonic() > self._deadline:
            limit = Sandbox(parent=self).notebook_timeout
            cell.outputs = [new_output("error", ename="NotebookTimeout", evalue=OVERTIME.format(limit),
                                       traceback=[f"NotebookTimeout: {OVERTIME.format(limit)}"])]
            return cell, resources
        return super().preprocess_cell(cell, resources, index)

    def output(self, outs, msg, display_id, cell_index):
        """nbclient's output handler, with a cap on what one notebook may send."""
        self._output_bytes += _message_size(msg.get("content", {}))
        if self._output_bytes > self.max_output_bytes:
            if not self._output_cut:
                self._output_cut = True
                outs.append(new_output("stream", name="stdout", text=OUTPUT_CUT.format(self.max_output_bytes >> 20)))
            return None
        return super().output(outs, msg, display_id, cell_index)

    def _get_timeout(self, cell):
        """The per-cell limit, never past the notebook's deadline."""
        timeout = super()._get_timeout(cell)
        left = max(1, math.ceil(self._deadline - time.monotonic()))  # ends at or after the deadline
        return left if timeout is None else min(timeout, left)


def submitted_links(resources, parent):
    """Relative paths of the symbolic links in this submission's submitted/ folder.

    nbgrader copies a submission's files into the folder its kernel runs in with
    shutil.copy, which follows links: a link to the gradebook (or to any file the
    grader can read) would arrive there as that file's bytes. The sandbox skips them.
    """
    ids = (resources or {}).get("nbgrader", {})
    if not ids.get("student") or not ids.get("assignment"):
        return frozenset()  # not nbgrader's autograde (the judge's reference run, a self-check)
    from nbgrader.coursedir import CourseDirectory
    cd = CourseDirectory(parent=parent)
    folder = Path(cd.format_path(cd.submitted_directory, ids["student"], ids["assignment"]))
    return frozenset(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_symlink())


def _message_size(content):
    """Roughly the bytes of an output message: its text and data."""
    size = len(content.get("text", "")) + len(str(content.get("evalue", "")))
    size += sum(len(line) for line in content.get("traceback", []) if isinstance(line, str))
    for value in (content.get("data") or {}).values():
        # the judge's records are most of what a notebook sends: orjson measures them
        size += len(value) if isinstance(value, str) else len(json_text(value))
    return size


class WarningsAreNotFailures(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
        return cell, resources


class SaveAutoGradesAtOnce(SaveAutoGrades):
    """nbgrader's SaveAutoGrades (its own code decides every grade and comment), with one
    commit for the notebook: nbgrader commits after each graded cell, about 25 commits per
    notebook, each a transaction on the gradebook file. The rows and values are the same;
    a notebook's grades are now saved all together or not at all."""

    def preprocess(self, nb, resources):
        ids = resources["nbgrader"]
        self.notebook_id, self.assignment_id = ids["notebook"], ids["assignment"]
        self.student_id, self.db_url = ids["student"], ids["db_url"]
        gradebook = Gradebook(self.db_url)
        with gradebook:
            session = gradebook.db
            # the cells' changes are sent at the final commit; closing the gradebook without
            # it (an error) drops them all
            session.commit = lambda: None
            try:
                self.gradebook = _SubmittedRows(gradebook, self.notebook_id, self.assignment_id, self.student_id)
                nb, resources = super(SaveAutoGrades, self).preprocess(nb, resources)
            finally:
                del session.commit
                self.gradebook = gradebook
            session.commit()
        return nb, resources


class _SubmittedRows(_GradebookView):
    """The gradebook, with the grades and comments of one submitted notebook read at once.

    nbgrader's SaveAutoGrades asks the gradebook for each graded cell's grade and comment
    (find_grade, find_comment: a query of six joins each, about 50 per notebook); here they
    come from four queries made first, the same rows (ORM objects, updated in place) looked up
    by the same rule: a grade or solution cell of that name first, then a task cell. A name
    found twice, or not at all, is asked of the gradebook itself (its error, as before).
    """

    def __init__(self, gradebook, notebook_id, assignment_id, student_id):
        from nbgrader.api import Comment, Grade, GradeCell, SolutionCell, TaskCell

        self._gradebook, self._key = gradebook, (notebook_id, assignment_id, student_id)
        self._grades = self._rows(Grade, (GradeCell, TaskCell))
        self._comments = self._rows(Comment, (SolutionCell, TaskCell))

    def _rows(self, model, cell_kinds):
        from nbgrader.api import Assignment, Notebook, Student, SubmittedAssignment, SubmittedNotebook

        notebook_id, assignment_id, student_id = self._key
        found = {}
        for kind in cell_kinds:  # in nbgrader's order: the first kind that has the name wins
            rows = self._gradebook.db.query(kind.name, model)\
                .join(kind, kind.id == model.cell_id)\
                .join(SubmittedNotebook, SubmittedNotebook.id == model.notebook_id)\
                .join(Notebook, Notebook.id == SubmittedNotebook.notebook_id)\
                .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)\
                .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)\
                .join(Student, Student.id == SubmittedAssignment.student_id)\
                .filter(Notebook.name == notebook_id, Assignment.name == assignment_id, Student.id == student_id)\
                .all()
            counts = Counter(name for name, _ in rows)
            for name, row in rows:  # None: twice in this kind, nbgrader decides
                found.setdefault(name, row if counts[name] == 1 else None)
        return found

    def find_grade(self, name, notebook_id, assignment_id, student_id):
        row = self._grades.get(name) if (notebook_id, assignment_id, student_id) == self._key else None
        return row if row is not None else self._gradebook.find_grade(name, notebook_id, assignment_id, student_id)

    def find_comment(self, name, notebook_id, assignment_id, student_id):
        row = self._comments.get(name) if (notebook_id, assignment_id, student_id) == self._key else None
        return row if row is not None else self._gradebook.find_comment(name, notebook_id, assignment_id, student_id)


class HideHiddenTracebacks(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
            cell.outputs = visible_outputs(cell.get("outputs", []))
        return cell, resources


def visible_outputs(outputs):
    """A test cell's outputs without tracebacks and without what the hidden tests printed."""
    kept, hidden_part, dropped = [], False, False
    for output in outputs:
        kind = output.get("output_type")
        if kind == "error":
            output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}", NOTE]
            kept.append(output)
        elif hidden_part:  # (a lone newline may come as an output of its own)
            dropped = dropped or kind != "stream" or bool(output.get("text", "").strip())
        elif kind == "stream" and PASSED in output.get("text", ""):
            text = output["text"]
            end = text.find("\n", text.index(PASSED))
            head = text if end < 0 else text[:end + 1]
            dropped = bool(text[len(head):].strip())
            output["text"] = head if head.endswith("\n") else head + "\n"
            kept.append(output)
            hidden_part = True
        else:
            kept.append(output)
    if dropped:
        at = next(i for i, o in enumerate(kept) if PASSED in o.get("text", "")) + 1
        kept.insert(at, new_output("stream", name="stdout", text=HIDDEN_OUTPUT + "\n"))
    return kept


# -- formulas -------------------------------------------------------------------
# fenced code blocks and inline code spans: never formulas
_CODE = re.compile(r"(^[ \t]*```.*?^[ \t]*```[ \t]*$|`[^`\n]+`)", flags=re.S | re.M)
# $$...$$ (may span lines), then $...$ on one line; an escaped \$ is a dollar sign
_MATH = re.compile(r"\$\$(?P<block>.+?)\$\$|(?<![\\$])\$(?!\$)(?P<inline>[^$\n]+?)(?<![\\$])\$", flags=re.S)
# text between MathML tags: characters markdown would read as emphasis, code or links
_TEXT = re.compile(r">([^<]+)<")
_MARKDOWN_SPECIAL = {c: f"&#x{ord(c):04X};" for c in "*_`\\[]~$|"}


class MathToMathML(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = tex_to_mathml(cell.source)
        return cell, resources


def tex_to_mathml(markdown):
    """``markdown`` with every TeX formula outside code replaced by MathML."""
    parts = _CODE.split(markdown)
    # split() with one group: prose at even indices, code at odd ones
    return "".join(part if k % 2 else _MATH.sub(_convert, part) for k, part in enumerate(parts))


def _convert(match):
    tex = match.group("block") if match.group("block") is not None else match.group("inline")
    display = "block" if match.group("block") is not None else "inline"
    try:
        # imported here: autograding must not depend on a package only feedback uses
        from latex2mathml.converter import convert as _tex_to_mathml

        mathml = _tex_to_mathml(tex.strip(), display=display)
    except Exception:  # noqa: BLE001 - an unknown command: better raw TeX than no feedback
        return match.group(0)
    mathml = _TEXT.sub(lambda m: ">" + "".join(_MARKDOWN_SPECIAL.get(c, c) for c in m.group(1)) + "<", mathml)
    return mathml.replace("\n", " ")
