# The two commands: `make run` (the main job on the embedded default) and `make test`.
SHELL := /bin/bash
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run ui test test-fast score-unseen check lint format inspect bench dictionary clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || python3 -m venv $(VENV)
	@test -x $(VENV)/bin/uv || { $(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null; $(PY) -m pip install -q uv==0.13.9; }
	$(VENV)/bin/uv pip install -q --python $(PY) -r requirements.lock
	$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e .
	@touch $(STAMP)

run: $(STAMP)
	@bash scripts/run.sh

# The Airflow UI (api-server, scheduler, dag-processor) over the same var/ as `make run`;
# prints the URL, the user and where the password is. UI_PORT=8081 for another port.
ui: $(STAMP)
	@bash scripts/ui.sh

# The unseen-layouts corpus (tests/unseen): the dev half while working, the held half once.
score-unseen: $(STAMP)
	PYTHONPATH=$(CURDIR)/src $(PY) tests/unseen/score.py --seeds $(or $(SEEDS),dev)

# Static checks: lint, format, the one-way layers of src/jinxiao, types, dead code
# (vulture: paths and allowlist in pyproject.toml's [tool.vulture]).
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/vulture

test: check
	$(PY) -m pytest -q $(PYTEST_ARGS)

# Unit tests only (no servers, no browser, no whole runs): for the edit-test loop.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not integration and not browser" $(PYTEST_ARGS)

# docs/data-dictionary.md from src/jinxiao/sql/dictionary.yaml (a test fails when it is stale).
dictionary: $(STAMP)
	$(PY) -m jinxiao.warehouse.dictionary

inspect: $(STAMP)
	@$(PY) -m jinxiao.cli inspect "$(EML)"

bench: $(STAMP)
	$(PY) bench/intake_bench.py $(BENCH_ARGS)

lint format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var
