# The course's commands. `make lab` to study, `make test` for everything CI runs.
# Python minor versions the course supports, in order of preference: pinned torch 2.13.0 and
# every locked package have wheels for them (tests/test_lock_resolves.py checks; pyproject.toml,
# environment.yml and the README say the same). CI runs everything on the first.
PYTHONS := 3.11 3.12 3.13
# `make setup` uses the first of python3.11, python3.12, python3.13, python3 that is a
# supported version with venv; `make setup PYTHON=/path/to/python3.X` chooses.
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Elsewhere than this machine, point pip at a CPU-only torch index, e.g.
#   make lab TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
TORCH_INDEX_URL ?=
TORCH_PIP_ARGS := $(if $(TORCH_INDEX_URL),--extra-index-url $(TORCH_INDEX_URL),)
PYTEST_ARGS ?=
# `make test` spreads the tests over one worker per core (pytest-xdist), a file or a shared unit
# per worker at a time (tests/conftest.py); TEST_JOBS=0 runs them in this process, in order.
TEST_JOBS ?= auto
# matplotlib's font cache is per user and lists font files by path: one built by another
# checkout's venv (since deleted) makes every mathtext plot warn on stderr, which nbval
# reports as changed output. Keep this venv's cache inside it.
export MPLCONFIGDIR := $(abspath $(VENV))/mplconfig

.PHONY: setup python lab test lint notebooks solutions check-notebooks bench lock clean

setup: $(STAMP)

# Prints the interpreter `make setup` would use, or says on stderr why there is none.
python:
	@$(FIND_PYTHON)

OLDEST := $(firstword $(PYTHONS))
NEWEST := $(lastword $(PYTHONS))
PY_VERSION := -c 'import sys; print("%d.%d" % sys.version_info[:2])'
FIND_PYTHON = for py in $(or $(PYTHON),$(addprefix python,$(PYTHONS)) python3); do \
	  v=$$("$$py" $(PY_VERSION) 2>/dev/null) || { \
	    $(if $(PYTHON),echo "PYTHON=$$py does not run: no such Python." >&2;) continue; }; \
	  case " $(PYTHONS) " in *" $$v "*) ;; *) \
	    $(if $(PYTHON),echo "PYTHON=$$py is Python $$v." >&2;) continue;; esac; \
	  if "$$py" -c 'import ensurepip, venv' 2>/dev/null; then echo "$$py"; exit 0; fi; \
	  echo "$$py is Python $$v without its venv module" \
	    "(Debian/Ubuntu: apt-get install python$$v-venv)." >&2; \
	done; \
	echo "make setup needs Python $(OLDEST) to $(NEWEST) with its venv module$(if $(PYTHON),,:" \
	  "none of $(addprefix python,$(PYTHONS)) python3 is one)." >&2; \
	echo "Install one, e.g. 'apt-get install python3.11-venv' (Debian 12)," \
	  "'brew install python@$(NEWEST)' (macOS) or 'pyenv install $(NEWEST)', then run make again;" \
	  "or name one: make setup PYTHON=/path/to/python$(NEWEST)" >&2; \
	exit 1

# An existing .venv is updated in place, with its own Python: `make clean` to choose another.
$(STAMP): pyproject.toml constraints.txt
	@if $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  echo "make setup: updating $(VENV) ($$($(BIN)/python -V 2>&1))"; \
	else py=$$($(FIND_PYTHON)) && echo "make setup: $$py, $$("$$py" -V 2>&1)" \
	  && "$$py" -m venv $(VENV); fi
	$(BIN)/python -m pip install -qq -c constraints.txt pip
	$(BIN)/pip install -qq $(TORCH_PIP_ARGS) -c constraints.txt torch==2.13.0
	$(BIN)/pip install -qq $(TORCH_PIP_ARGS) -c constraints.txt -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (lr course)" >/dev/null
	touch $(STAMP)

lab: setup
	$(BIN)/lr-course lab

lint: setup
	$(BIN)/ruff check src tests benchmarks

check-notebooks: setup
	$(BIN)/lr-course build-notebooks --check

# Regenerate the student copies from solutions/ (after editing a solution notebook).
notebooks: setup
	$(BIN)/lr-course build-notebooks --stamp-solutions

# Re-execute the solution notebooks so their stored outputs (compared by nbval) are current.
solutions: setup
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=300 $(or $(NB),solutions/*.ipynb)
	$(BIN)/lr-course build-notebooks --stamp-solutions

test: setup lint check-notebooks
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m benchmarks

# Freeze from the oldest supported Python and keep the section for other Pythons and platforms;
# tests/test_lock_resolves.py then checks the result on each supported Python and platform.
lock: setup
	@[ "$$($(BIN)/python $(PY_VERSION))" = $(OLDEST) ] || { echo "make lock: .venv must be" \
	  "Python $(OLDEST): make clean setup PYTHON=python$(OLDEST), then make lock" >&2; exit 1; }
	{ sed -n '/^[^#]/q;p' constraints.txt; \
	  $(BIN)/pip freeze --all --exclude-editable | sed 's/+cpu$$//'; \
	  sed -n '/^# Only on another/,$$p' constraints.txt; } > constraints.tmp
	mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) build .pytest_cache
