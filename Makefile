# The course's commands. `make lab` to study, `make test` for everything CI runs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Elsewhere than this machine, point pip at a CPU-only torch index, e.g.
#   make lab TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
TORCH_INDEX_URL ?=
TORCH_PIP_ARGS := $(if $(TORCH_INDEX_URL),--extra-index-url $(TORCH_INDEX_URL),)
PYTEST_ARGS ?=
# matplotlib's font cache is per user and lists font files by path: one built by another
# checkout's venv (since deleted) makes every mathtext plot warn on stderr, which nbval
# reports as changed output. Keep this venv's cache inside it.
export MPLCONFIGDIR := $(abspath $(VENV))/mplconfig

.PHONY: setup lab test lint notebooks solutions check-notebooks bench lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
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
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m benchmarks

lock: setup
	{ head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable | sed 's/+cpu$$//'; } > constraints.tmp
	mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) build .pytest_cache
