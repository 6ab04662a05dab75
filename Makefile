# The two commands of the README: `make run` and `make test`. Both create .venv from the pinned
# requirements.lock first (Python 3.11, nothing else needed but make and git).
PY ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: setup run test bench clean

$(STAMP): pyproject.toml requirements.lock
	@$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 11), "trialx needs Python 3.11, found " + sys.version.split()[0]'
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/trialx run corpus --out out

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Speed and memory at corpus scale (not a test): prints the table and appends it to BENCHMARKS.md.
bench: $(STAMP)
	$(BIN)/python bench/bench.py --abstracts ../shared/bench-abstracts --pdfs ../shared/corpus-pdf

clean:
	rm -rf $(VENV) out .pytest_cache
