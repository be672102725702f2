"""nbgrader preprocessors the course adds (see nbgrader_config.py for where).

- ``WarningsAreNotFailures`` (autograde, after Execute): nbgrader scores a
  test cell 0 if anything reached stderr. A correct answer may trigger a
  numpy RuntimeWarning; move warning text to stdout so it stays visible but
  costs nothing. Real failures are 'error' outputs and are untouched.
- ``HideHiddenTracebacks`` (feedback): a traceback from a test cell quotes
  the lines around the failure, which may be hidden test code. Replace the
  traceback of every test cell's error with its last line (the exception and
  its message), which is all a learner needs.
"""
import re

from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution

ANSI = re.compile(r"\x1b\[[0-9;]*m")
NOTE = "(The lines of the test are not shown: they include hidden tests.)"


class WarningsAreNotFailures(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
        return cell, resources


class HideHiddenTracebacks(NbGraderPreprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                    output["traceback"] = [message, NOTE]
        return cell, resources
