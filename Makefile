# Two commands for a fresh clone: `make serve` previews, `make test` tests.
# Everything runs from a local virtualenv that the first command creates.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Two stamps: what the site needs (serve, build, check), and the test tools on top (test).
INSTALLED := $(VENV)/.installed-site
TEST_INSTALLED := $(VENV)/.installed-test
# And the benchmark's on top (Pagefind, the search peer it compares ours with).
BENCH_INSTALLED := $(VENV)/.installed-bench
# The port `make serve` and `make preview` listen on: `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000

.PHONY: serve build preview check lint test unit clean new rename fields fields-check schemas yamllint

# Material prints its end-of-life notice (May 2027; see README) on every build and serve, above
# the contributor's own messages: silenced with the variable Material itself offers.
export NO_MKDOCS_2_WARNING ?= 1

# --dirty: each save rebuilds only the pages it touched (macros/adapter/incremental.py). Both editions
# are served, English at PORT and Japanese at the next port, so the language switch works (macros/commands/serve.py).
serve: $(INSTALLED)  ## preview both editions at http://127.0.0.1:8000 and :8001 (PORT=8010: other ports), rebuilding the pages a change touches
	$(PY) -m macros.commands.serve --port $(PORT)

# Both editions are built into a temporary folder, which replaces site/ only when both succeed.
build: $(INSTALLED)  ## the publishable site in site/ (English) and site/ja/ (Japanese), both or neither
	$(PY) -m macros.commands.publish site

preview: build  ## both editions as published (a missing address gets the site's 404 page), with the language switch, at http://127.0.0.1:8000 (PORT=8001: another port)
	$(PY) -m macros.commands.preview --port $(PORT) site

check: $(INSTALLED)  ## validate data/ alone
	$(PY) -m macros.commands.check

# The linters' settings are in pyproject.toml (ruff, mypy) and .oxlintrc.json (oxlint).
LINTED := macros tests benchmarks
lint: $(TEST_INSTALLED)  ## ruff (lint and format check) and mypy on the Python, oxlint on the JavaScript (overrides/, the tests' search reference)
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/mypy
	$(VENV)/bin/oxlint --deny-warnings overrides/ tests/browser/

# The tests run on every core (pytest-xdist; PYTEST_XDIST_AUTO_NUM_WORKERS=N to say how many), at most
# four, as more would mostly wait for the same shared site builds. A test file's tests stay on one worker,
# so a module's fixtures (its tab, its own build) are made once; shared builds are made once for all.
# Files are handed out in collection order: xdist's default, most tests first, left the files of one
# long test (the fuzzed sites, the hostile site) to the end, one worker idle meanwhile.
TEST_WORKERS := -n auto --maxprocesses=4 --dist loadfile --no-loadscope-reorder
test: $(TEST_INSTALLED) lint  ## the linters, then the whole test suite on every core (adds the test tools to .venv on its first run)
	$(PY) -m pytest $(TEST_WORKERS)

# The tests that build no site and open no browser: the loop to run while editing (seconds).
# KB_NO_SITE_BUILDS makes a test that builds a site without its `site` mark fail, saying so; the
# loader is fuzzed with 10 examples per kind and strategy here (make test: 60), unless KB_FUZZ_EXAMPLES says otherwise.
unit: $(TEST_INSTALLED)  ## the tests that need no site build and no browser, in seconds
	KB_NO_SITE_BUILDS=1 KB_FUZZ_EXAMPLES=$${KB_FUZZ_EXAMPLES:-10} $(PY) -m pytest -m "not site and not browser"

.PHONY: screenshots
screenshots: $(TEST_INSTALLED)  ## every page type, both editions, light and dark, 1280 and 390 wide, in screenshots/ (git-ignored); and the README's pictures
	$(PY) -m tests.browser.gallery
	$(PY) -m tests.browser.screenshots
	$(PY) -m tests.browser.screenshot_search

new: $(INSTALLED)  ## start a data file: make new KIND=capability ID=feature-flags
	$(PY) -m macros.commands.new "$(KIND)" "$(ID)"

rename: $(INSTALLED)  ## rename an entity: make rename KIND=capability FROM=model-registry TO=model-catalog (file, former_ids, every reference)
	$(PY) -m macros.commands.rename "$(KIND)" "$(FROM)" "$(TO)"

fields: $(INSTALLED)  ## rewrite CONTRIBUTING.md's field reference from macros/schemas/
	$(PY) -m macros.commands.fields

# The checks pre-commit runs (.pre-commit-config.yaml), each from the pinned virtualenv.
fields-check: $(INSTALLED)  ## fail if CONTRIBUTING.md's field reference differs from the schemas
	$(PY) -m macros.commands.fields --check

schemas: $(INSTALLED)  ## the data files against their JSON Schemas, and the schemas themselves
	$(PY) -m macros.commands.check_schemas

yamllint: $(TEST_INSTALLED)  ## YAML style of data/, the scaffolds and the workflows
	$(VENV)/bin/yamllint -c .yamllint.yml data macros/commands/scaffolds .github

.PHONY: bench lighthouse
bench: $(BENCH_INSTALLED)  ## time builds at three sizes against MkDocs' own floors and search against Material's and Pagefind (writes BENCHMARKS.md), then `make lighthouse`
	$(PY) -m benchmarks.run
	$(MAKE) lighthouse

# Needs Node.js and npm (Lighthouse is pinned in benchmarks/lighthouse/) and /usr/bin/chromium;
# neither `make serve` nor `make test` does.
lighthouse: $(INSTALLED)  ## Lighthouse's four scores of every kind of page, phone preset, served gzipped on PORT
	$(PY) -m benchmarks.page_scores --port $(PORT)

clean:
	rm -rf site $(VENV)

# The virtualenv is brought up to date whenever the pins or pyproject.toml change. pip shows each
# package as it comes (the first run downloads about 40 MB for the site, 90 MB more for the tests).
# The project itself is installed in place (editable), which registers the site's MkDocs plugin.
$(INSTALLED): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@echo "Setting up $(VENV)/ with the site's pinned packages (first run only)..."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --no-input -r requirements.txt
	$(PY) -m pip install --disable-pip-version-check --no-input --no-deps --no-build-isolation --editable .
	@touch $@
	@echo "$(VENV)/ is ready for the site."

$(BENCH_INSTALLED): requirements-bench.txt $(TEST_INSTALLED)
	$(PY) -m pip install --disable-pip-version-check --no-input -r requirements-bench.txt
	@touch $@

$(TEST_INSTALLED): requirements-test.txt $(INSTALLED)
	@echo "Adding the test tools (pytest, Playwright, the HTML checker...) to $(VENV)/ (first run only)..."
	$(PY) -m pip install --disable-pip-version-check --no-input -r requirements-test.txt
	@touch $@
