# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-integration bench lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Installs, migrates, seeds the demo tenant and starts web server, worker and simulators.
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(VENV)/bin/koppeling run

# The whole suite, without the PostgreSQL + Redis integration tests (.ci/run adds those).
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python scripts/ensure_chromium.py
	$(VENV)/bin/pytest -m "not integration" -q

test-integration: $(STAMP)
	$(VENV)/bin/pytest -m integration -q

bench: $(STAMP)
	$(PY) scripts/bench.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) var
