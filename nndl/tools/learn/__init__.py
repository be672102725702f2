"""The learner's own tools, run on the learner's machine: self-check and lab."""
