# Two commands for a fresh clone: `make serve` previews, `make test` tests.
# Everything runs from a local virtualenv that the first command creates.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: serve build check test clean

serve: $(INSTALLED)  ## preview at http://127.0.0.1:8000, rebuilding when data/ changes
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(INSTALLED)  ## the publishable site in site/
	$(PY) -m mkdocs build --strict --site-dir site

check: $(INSTALLED)  ## validate data/ alone
	$(PY) -m macros.check

test: $(INSTALLED)  ## the whole test suite
	$(PY) -m pytest

.PHONY: bench
bench: $(INSTALLED)  ## time builds at three sizes against MkDocs' own floors; writes BENCHMARKS.md
	$(PY) -m benchmarks.run

clean:
	rm -rf site $(VENV)

# The virtualenv is rebuilt whenever the pins change.
$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
	touch $@
