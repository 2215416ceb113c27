# The two commands of the README. Both set up what they need and are quick when it is there.
#   make site   builds the site into site/
#   make test   runs the test suite, a process per core (and names its ten slowest tests)
#   make check  the fast loop: the tests that need no built site and no browser
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: site test check setup serve clean

CHROMIUM := /usr/bin/chromium

# Compiled Python kept between runs, in the cache folder: a machine that turns bytecode
# files off (PYTHONDONTWRITEBYTECODE) would otherwise compile every module, and rewrite every
# test's asserts, in each test process at each run.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache

setup: $(STAMP) $(CHROMIUM)

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
$(CHROMIUM):
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -q && $$SUDO apt-get install -y -q --no-install-recommends chromium

# Reinstalled only when the pinned requirements change: Python packages, and the browser
# assets of package-lock.json (the offline search shim, axe-core for the tests).
$(STAMP): requirements.txt package-lock.json
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	npm ci --no-audit --no-fund --silent
	touch $(STAMP)

site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python -m build_scripts build

test: $(STAMP) $(CHROMIUM)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python -m pytest -n auto --dist worksteal --durations=10

check: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/python -m pytest -m "not slow" -q -n auto

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve

clean:
	rm -rf site docs/index.md docs/resolutions docs/documents
