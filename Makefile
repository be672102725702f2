# Thin wrappers around the `nndl` command (nndl/tools/cli.py); each one creates
# .venv from requirements.txt when needed. `.venv/bin/nndl --help` lists every verb.
#   make demo   nndl demo: the instructor's grading cycle on a demo class, ending in a score table
#   make test   the whole test suite (what CI runs)
#   make build  nndl build: notebooks/*.py -> source/ -> release/
#   make refs   nndl refs --update: rewrite the test cells' reference values
#   make lab    nndl lab: JupyterLab on a private copy of the release notebooks (workspace/)
#   make check NB=path/to/notebook.ipynb [ARGS="--timeout 60"]   nndl check: grade your own notebook
#   make grade [ARGS="02_logistic_regression"]                    nndl grade: autograde a class
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NNDL := $(VENV)/bin/nndl
STAMP := $(VENV)/.installed
# nbgrader runs `alembic` by name: the venv's bin/ goes first on PATH.
export PATH := $(abspath $(VENV)/bin):$(PATH)
export MPLBACKEND ?= Agg

.PHONY: venv demo test build lab check refs grade

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# byte-compiled now, for the commands where PYTHONDONTWRITEBYTECODE is set (the grader also
	# refreshes the learner library's bytecode before a sandbox starts: sandbox.learner_bytecode)
	$(PY) -m compileall -q nndl
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(NNDL) demo

test: $(STAMP)
	$(PY) -m pytest

build: $(STAMP)
	$(NNDL) build

refs: $(STAMP)
	$(NNDL) refs --update

lab: $(STAMP)
	$(NNDL) lab

check: $(STAMP)
	@test -n "$(NB)" || { echo "usage: make check NB=path/to/notebook.ipynb (or a folder)"; exit 2; }
	$(NNDL) check "$(NB)" $(ARGS)

grade: $(STAMP)
	$(NNDL) grade $(ARGS)
