# Two commands for a fresh clone: `make serve` previews, `make test` tests.
# Everything runs from a local virtualenv that the first command creates.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: serve build preview check test clean new fields

# Which edition `make serve` previews: `make serve EDITION=ja` for the Japanese one.
# (Not LANG: every shell already sets LANG to its locale.)
EDITION ?= en
CONFIG_en := mkdocs.yml
CONFIG_ja := mkdocs.ja.yml

serve: $(INSTALLED)  ## preview at http://127.0.0.1:8000 (EDITION=ja: Japanese), rebuilding when data/ changes
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --config-file $(CONFIG_$(EDITION))

# English first: its build empties site/, then the Japanese edition goes into site/ja/.
build: $(INSTALLED)  ## the publishable site in site/ (English) and site/ja/ (Japanese)
	$(PY) -m mkdocs build --strict --site-dir site
	$(PY) -m mkdocs build --strict --config-file mkdocs.ja.yml --site-dir site/ja

preview: build  ## both editions as published, with the language switch, at http://127.0.0.1:8000
	$(PY) -m http.server --bind 127.0.0.1 --directory site 8000

check: $(INSTALLED)  ## validate data/ alone
	$(PY) -m macros.check

test: $(INSTALLED)  ## the whole test suite
	$(PY) -m pytest

.PHONY: screenshots
screenshots: $(INSTALLED)  ## every page type, both editions, light and dark, 1280 and 390 wide, in screenshots/ (git-ignored); and the README's pictures
	$(PY) -m tests.browser.gallery
	$(PY) -m tests.browser.screenshots
	$(PY) -m tests.browser.screenshot_search

new: $(INSTALLED)  ## start a data file: make new KIND=capability ID=feature-flags
	$(PY) -m macros.new "$(KIND)" "$(ID)"

fields: $(INSTALLED)  ## rewrite CONTRIBUTING.md's field reference from macros/schemas/
	$(PY) -m macros.fieldref

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
