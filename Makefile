# bsckit: two commands on a fresh machine (only Python 3.11+ and make needed).
#   make course   set up .venv, regenerate data, execute every notebook, write exercises
#   make test     set up .venv, then lint, unit tests + doctests, notebook checks, browser test
#   make lab      open the kit in JupyterLab (127.0.0.1, random token)
# Re-running a target is quick when nothing changed: set-up and the course build are stamped.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BSCKIT := $(VENV)/bin/bsckit
STAMP  := $(VENV)/.bsckit-installed
COURSE_STAMP := build/.course-built
NBVAL_SANITIZE := tests/nbval_sanitize.cfg
PYTEST := $(PY) -m pytest -p no:cacheprovider

# Everything the course build reads: a change to any of these rebuilds the course.
COURSE_INPUTS := $(shell find bsckit solutions notebooks -type f \( -name '*.py' -o -name '*.ipynb' -o -name '*.yaml' \) 2>/dev/null)

.PHONY: help setup course lab test test-all chromium lint unit notebooks test-browser bench clean distclean site pack \
        class class-setup test-class bench-class

help:
	@echo "make course   set up and build the whole course (data, notebooks, exercises)"
	@echo "make test     set up and run every check (lint, tests, notebooks, browser)"
	@echo "make lab      open JupyterLab on 127.0.0.1 with a random token"
	@echo "make bench    run the benchmarks (figures in benchmarks/README.md)"
	@echo "make site     the course as offline web pages in build/site/"
	@echo "make pack     the instructor pack in build/pack/ and build/pack.zip (TEAMS=4)"
	@echo "make class ROSTER=roster.txt   JupyterHub for a class on this machine (class/README.md)"

# ---- set-up -------------------------------------------------------------------------------
$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "bsckit needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	    echo "Install Python 3.11+ and run: make PYTHON=python3.11 course"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(VENV)/bin/python pyproject.toml requirements/constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check \
	  -c requirements/constraints.txt -e '.[dev]'
	@touch $@

setup: $(STAMP)

# ---- the main job ---------------------------------------------------------------------------
$(COURSE_STAMP): $(STAMP) $(COURSE_INPUTS)
	$(BSCKIT) doctor --quiet
	$(BSCKIT) build
	@mkdir -p $(dir $@) && touch $@

course: $(COURSE_STAMP)
	@echo ""
	@echo "The course is ready:"
	@echo "  datasets/   Homeats data ($$(ls datasets/*.csv 2>/dev/null | wc -l) tables, see datasets/README.md)"
	@echo "  notebooks/  lesson notebooks, executed: $$(ls notebooks/*.ipynb 2>/dev/null | wc -l) (start with 00_start_here.ipynb)"
	@echo "  exercises/  learner copies: $$(ls exercises/*.ipynb 2>/dev/null | wc -l)    solutions/  answer keys: $$(ls solutions/*.ipynb 2>/dev/null | wc -l)"
	@echo "  agenda:     .venv/bin/bsckit agenda   (timings from the notebooks)"
	@echo "Open the kit with:  make lab"

lab: $(STAMP)
	@token=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(24))'); \
	 echo "Opening JupyterLab at http://127.0.0.1:8888/lab?token=$$token"; \
	 $(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --IdentityProvider.token="$$token" \
	   --ServerApp.root_dir="$(CURDIR)" notebooks/00_start_here.ipynb

# ---- hand-outs ------------------------------------------------------------------------------
TEAMS ?= 4
MODULES ?=
START ?= 09:00
DAY_END ?= 17:00
LUNCH ?=

site: $(COURSE_STAMP)
	$(BSCKIT) site --out build/site $(if $(FORCE),--force)
	@echo "Open build/site/index.html in a browser (works offline)."

pack: $(COURSE_STAMP)
	$(BSCKIT) pack --out build/pack --teams $(TEAMS) --start $(START) --day-end $(DAY_END) $(if $(LUNCH),--lunch $(LUNCH)) $(if $(MODULES),--modules $(MODULES)) $(if $(FORCE),--force)

# ---- checks ---------------------------------------------------------------------------------
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# On every core (pytest-xdist); a test file stays on one worker, so its module fixtures run once.
unit: $(STAMP)
	$(PYTEST) -m "not browser" -n auto --dist loadfile

# nbval compares the committed notebooks with fresh runs; exercises and toolkit sheets must run
# untouched (the sheets with a throwaway workspace);
# two other parameter sets must build with every solution check passing.
notebooks: $(STAMP)
	$(BSCKIT) exercises --check
	$(PYTEST) --nbval --nbval-current-env --nbval-sanitize-with $(NBVAL_SANITIZE) notebooks solutions
	$(PYTEST) --nbval-lax --nbval-current-env exercises
	BSCKIT_WORKSPACE="$(CURDIR)/build/toolkit-run-workspace" $(PYTEST) --nbval-lax --nbval-current-env toolkit
	$(BSCKIT) build --seed 7 --scenario cost_crisis --out build/check-seed7-cost_crisis
	$(BSCKIT) build --seed 11 --scenario growth --company "Homeats Nord" --out build/check-seed11-growth

test-browser: $(STAMP) chromium
	$(PYTEST) -m browser tests

# The browser test drives Debian's chromium (never a downloaded browser build). Checked first,
# so that `make test` on a fresh machine installs it (as root) or stops at once saying how.
CHROMIUM ?= $(or $(BSCKIT_CHROMIUM),/usr/bin/chromium)
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	 if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	   echo "make: installing Debian's chromium for the browser test"; \
	   apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	 else \
	   echo "The browser test needs Debian's chromium, which is missing. Install it with:"; \
	   echo "  sudo apt-get update && sudo apt-get install -y chromium"; \
	   exit 1; \
	 fi

test: chromium lint unit notebooks test-browser

# CI runs this too (.ci/run): `make test`, then the JupyterHub class end to end (test-class).
test-all: test test-class

bench: $(STAMP) class-setup
	$(PY) benchmarks/run_all.py

clean:
	rm -rf build .pytest_cache .ruff_cache .hypothesis

# also the class's own environment and the hub proxy's node modules (make class-setup remakes them)
distclean: clean
	rm -rf $(VENV) class/.venv class/node_modules

# ---- a class on JupyterHub (class/README.md) ------------------------------------------------
# The hub, the learners' servers and their kernels run from class/.venv: the kit and the hub's
# pinned packages on a Python every learner account can run (Debian's, not one under /root).
# class/requirements.txt's pins replace the kit's for the names it lists.
CLASS_PYTHON ?= /usr/bin/python3
CLASS_VENV   := class/.venv
CLASS_PY     := $(CLASS_VENV)/bin/python
CLASS_STAMP  := $(CLASS_VENV)/.bsckit-class-installed
CLASS_PROXY  := class/node_modules/.bin/configurable-http-proxy
KIT_SOURCES  := $(shell find bsckit -type f \( -name '*.py' -o -name '*.yaml' -o -name '*.json' \) 2>/dev/null)
ROSTER       ?=
INSTRUCTOR   ?= instructor
CLASS_IP     ?= 127.0.0.1
CLASS_PORT   ?= 8000
CLASS_URL    ?= http://$(CLASS_IP):$(CLASS_PORT)

$(CLASS_PY):
	@$(CLASS_PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || \
	  { echo "make class needs Python 3.11+ that every learner account can run; '$(CLASS_PYTHON)' is not."; \
	    echo "On Debian/Ubuntu: apt-get install -y python3 python3-venv, or make class CLASS_PYTHON=/path/to/python3.11"; exit 1; }
	$(CLASS_PYTHON) -m venv $(CLASS_VENV)

$(CLASS_STAMP): $(CLASS_PY) pyproject.toml requirements/constraints.txt class/requirements.txt $(KIT_SOURCES)
	$(CLASS_PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(CLASS_PY) class/classroom.py constraints requirements/constraints.txt class/requirements.txt \
	  > $(CLASS_VENV)/constraints.txt
	$(CLASS_PY) -m pip install --quiet --disable-pip-version-check \
	  -c $(CLASS_VENV)/constraints.txt -r class/requirements.txt .
	@touch $@

$(CLASS_PROXY): class/package.json class/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make class: installing Debian's nodejs and npm for the hub's proxy"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "make class needs Node.js 18+ and npm for the hub's proxy: sudo apt-get install -y nodejs npm"; exit 1; fi; }
	cd class && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

class-setup: $(CLASS_STAMP) $(CLASS_PROXY)
	@$(CLASS_PY) class/classroom.py check

class: class-setup
	@test -n "$(ROSTER)" || { echo "Name the roster: make class ROSTER=path/to/roster.txt"; \
	  echo "(one learner a line; see class/roster.example.txt and class/README.md)"; exit 1; }
	$(CLASS_PY) class/classroom.py create "$(ROSTER)" --instructor "$(INSTRUCTOR)" \
	  --hub-url "$(CLASS_URL)"
	@$(CLASS_PY) class/classroom.py link --hub-url "$(CLASS_URL)" --repo "$(CURDIR)"
	cd class && BSCKIT_CLASS_IP=$(CLASS_IP) BSCKIT_CLASS_PORT=$(CLASS_PORT) \
	  BSCKIT_CLASS_COURSE_REPO="$(CURDIR)" exec ../$(CLASS_VENV)/bin/jupyterhub -f jupyterhub_config.py

# A hub on 127.0.0.1 with three throwaway learners (needs root: it makes Unix accounts).
test-class: $(STAMP) class-setup
	BSCKIT_HUB_TEST=1 $(PYTEST) tests/hub

bench-class: $(STAMP) class-setup
	$(PY) benchmarks/bench_class.py --learners 10
