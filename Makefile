# One command is green: `make test` is what CI runs (.ci/run) and what the README tells you to run.
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup serve build test lint browser-deps bench clean accessibility-report

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# Set up, build and serve the site on http://127.0.0.1:8000/ (reloads when a CSV changes)
serve: setup
	$(PY) scripts/build_data.py
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# Two builds of one commit give the same bytes (design §7): MkDocs dates the sitemap (and gzip header)
# with SOURCE_DATE_EPOCH when set, so it is the last commit's time unless the caller sets it
build: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
build: setup
	$(PY) scripts/build_data.py
	$(VENV)/bin/mkdocs build --strict

# Debian's Chromium and Japanese fonts for the browser tests (Playwright's own download fails here)
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "run as root or: sudo apt-get install -y chromium fonts-noto-cjk"; exit 1; fi; \
	fi

lint: setup
	$(VENV)/bin/ruff check src scripts tests hooks $(wildcard benchmarks)

test: setup browser-deps lint
	$(PY) scripts/build_data.py --check
	$(PY) -m pytest

# Take the automated accessibility results of the last commit again (axe-core in Chromium), into
# docs/accessibility-results.json, which /accessibility/ shows; commit that file afterwards
accessibility-report: setup browser-deps
	$(PY) scripts/accessibility_report.py

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf generated site

# Successor generators (design §10, issue 14) ------------------------------------------------------
# ProperDocs, the maintained fork of MkDocs 1.x, in a venv of its own: when run as `properdocs` it
# answers every `import mkdocs…` (Material, the hooks) with its own modules, so it is installed beside
# the project without the mkdocs package, which Material and the project would otherwise pull in. That
# venv is what tests/test_successor.py builds with (`make test` sets it up); it ignores itself in git.
PROPERDOCS_VERSION := 1.6.7
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed-$(PROPERDOCS_VERSION)

.PHONY: properdocs-setup properdocs-build

$(PROPERDOCS_STAMP): pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	echo '*' > $(PROPERDOCS_VENV)/.gitignore
	$(PROPERDOCS_VENV)/bin/python -m pip install -q --upgrade pip
	$(PROPERDOCS_VENV)/bin/python -m pip install -q -e . properdocs==$(PROPERDOCS_VERSION)
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
