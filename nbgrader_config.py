"""nbgrader configuration of the course. Every setting says why it is here."""
import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

HERE = os.path.dirname(os.path.abspath(__file__))

# The course lives wherever the repository was cloned: the folder of this file.
c.CourseDirectory.root = HERE
c.CourseDirectory.course_id = "nndl"
# One sqlite gradebook beside this file (git-ignored): no database server needed.
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")
# Create a student on first autograde, so a class can be graded from submitted/ alone.
c.Autograde.create_student = True
# Without this the exchange defaults to /usr/local/share/nbgrader/exchange, which
# students cannot write to; a folder of the course (git-ignored) works on one machine.
c.Exchange.root = os.path.join(HERE, "exchange")

# An infinite loop in one cell must cost that cell, not the whole class:
# each cell gets 120 s (the slowest correct cell, the 4-layer training in
# 05, takes about 20 s on two cores), then the kernel is interrupted and the cell scores 0.
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True

# A student who deletes a test cell must not escape grading: nbgrader puts the
# cell back from the source notebook (otherwise it is silently ungraded).
c.OverwriteCells.add_missing_cells = True

# The stub learners see where the solution was: it says what to do and fails
# loudly (NotImplementedError) until they replace it.
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE (replace the next line with your implementation)\n"
              "raise NotImplementedError(\"write your code here\")"
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Restoring cells: nbgrader's OverwriteCells plus two fixes (nndl/tools/grade/nbgrader_ext.py):
# duplicated/split cells no longer crash autograde, and "checksum has changed"
# is reported only for real edits of locked cells, not for every hidden test.
# CourseCheckCellMetadata is nbgrader's check with its JSON schema checked once, not per cell.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nndl.tools.grade.nbgrader_ext.CourseOverwriteCells",
    "nndl.tools.grade.nbgrader_ext.CourseCheckCellMetadata",
    "nndl.tools.grade.judge.HideReferences",
]

# A submission is untrusted code. Its kernel runs in a bubblewrap sandbox
# (nndl/tools/grade/sandbox.py, docs/security.md): it sees its own notebook, the
# Python installation, the learner library and datasets/, nothing else; no
# network; capped memory, processes and time. If bubblewrap is missing, grading
# stops with a message saying how to install it. Opting out (False) runs student
# code as you, with your files and the network; it is logged for every notebook.
c.Sandbox.enabled = os.environ.get("NNDL_NO_SANDBOX", "") != "1"
c.Sandbox.memory = "2G"          # address space of each process (PrairieLearn: 2 GiB)
c.Sandbox.processes = 256        # processes and threads at once
c.Sandbox.notebook_timeout = 900  # seconds for a whole notebook; the slowest correct one needs ~30 s

# Hidden tests are decided outside the student's kernel (nndl/tools/grade/judge.py,
# docs/security.md): the kernel gets the test cells without their expected values
# (HideReferences, at the end of the sanitize step), its checks only record what
# they saw, and the Judge compares the records with those of the reference
# solution (run once per assignment and secret, cached in .nndl/references/).
# A course secret changes the hidden inputs, so the published repository does not
# give away this course's expected values: set NNDL_COURSE_SECRET (or
# c.Judge.secret) to a long random string, the same for every grading run.
c.Judge.enabled = True

# nbconvert validates the whole notebook against nbformat's schema after every preprocessor:
# 15 times per notebook here (about 0.4 CPU-s per submission). Once, after the last one, is
# enough: a notebook that is not valid then is still refused, and each output a kernel sends is
# already checked as it arrives (nbclient, nndl/tools/grade/nbgrader_ext.py).
c.Exporter.optimistic_validation = True

# Execution: a cell that kills the kernel (exit(), a crash) costs that cell, not
# the whole submission (ResilientExecute). A numpy RuntimeWarning from correct
# code lands on stderr, and nbgrader gives a test cell with stderr 0 points:
# keep the text, move it to stdout (WarningsAreNotFailures). A notebook's grades are
# saved in one transaction, not one per graded cell (SaveAutoGradesAtOnce).
c.Autograde.autograde_preprocessors = [
    "nndl.tools.grade.nbgrader_ext.ResilientExecute",
    "nndl.tools.grade.nbgrader_ext.WarningsAreNotFailures",
    "nndl.tools.grade.judge.Judge",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nndl.tools.grade.nbgrader_ext.SaveAutoGradesAtOnce",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nndl.tools.grade.nbgrader_ext.CourseCheckCellMetadata",
]

# Feedback goes to students: by default it contains the hidden tests and, in
# tracebacks, the hidden lines around a failing check. Remove both. Its formulas
# would need MathJax from a CDN: MathToMathML turns them into MathML, which the
# browser renders offline.
# ... and the page loads no MathJax from a CDN: the course's template folder, first
# on the path, gives the feedback template a mathjax() macro that loads nothing.
import nbgrader as _nbgrader  # noqa: E402

c.HTMLExporter.extra_template_basedirs = [
    os.path.join(HERE, "nndl", "tools", "grade", "templates"),  # also used by `nndl lab`'s HTML export
    os.path.join(os.path.dirname(_nbgrader.__file__), "server_extensions", "formgrader", "templates"),
]
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nndl.tools.grade.nbgrader_ext.HideHiddenTracebacks",
    "nndl.tools.grade.nbgrader_ext.MathToMathML",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
