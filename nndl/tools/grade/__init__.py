"""The instructor's grading tools (trusted): nbgrader preprocessors, course
directories, class grading, the demo class and the grading sandbox."""
