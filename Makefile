# The course's commands. Each one creates .venv from requirements.txt when needed.
#   make demo   the instructor's grading cycle on a demo class, ending in a score table
#   make test   the whole test suite (what CI runs)
#   make build  notebooks/*.py -> source/ -> release/
#   make lab    JupyterLab on a private copy of the release notebooks (workspace/)
#   make check NB=path/to/notebook.ipynb [ARGS="--timeout 60"]   grade your own notebook locally
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# nbgrader runs `alembic` by name: the venv's bin/ goes first on PATH.
export PATH := $(abspath $(VENV)/bin):$(PATH)
export MPLBACKEND ?= Agg

.PHONY: venv demo test build lab check refs

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m nndl.demo

test: $(STAMP)
	$(PY) -m pytest

build: $(STAMP)
	$(PY) -m nndl.build

refs: $(STAMP)
	$(PY) -m nndl.refs --update

lab: $(STAMP)
	$(PY) -m nndl.lab

check: $(STAMP)
	@test -n "$(NB)" || { echo "usage: make check NB=path/to/notebook.ipynb (or a folder)"; exit 2; }
	$(PY) -m nndl check "$(NB)" $(ARGS)
