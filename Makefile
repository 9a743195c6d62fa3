# Named entry points of the workshop. The two that matter: `make workshop` and `make test`.
# Python 3.11: python3.11 on PATH, else one that uv or pyenv installed (or: make PYTHON=/path/to/python3.11)
PYTHON ?= $(or $(shell command -v python3.11 2>/dev/null),$(shell uv python find --system 3.11 2>/dev/null),$(lastword \
	$(wildcard $(HOME)/.pyenv/versions/3.11*/bin/python3.11)),python3.11)
VENV := .venv
PY := $(VENV)/bin/python
SANDBOX := $(PY) -m helpers.sandbox
PROFILE ?= full
UV_VERSION := 0.13.9
NBVAL_OPTS := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=600

.PHONY: workshop workspace restore catch-up setup setup-offline bundle lock python-lock data sandbox-up sandbox-down sandbox-status sandbox-reset test test-fast test-unit test-integration test-lessons test-attendee lint bench slides slides-pdf course \
	docker-up docker-down docker-test clean

## workshop: set everything up, start the sandbox, load the default data, make your working copies of the lessons
## (notebooks/workspace/, ignored by git), open JupyterLab on their index (127.0.0.1:8888, with a token)
workshop: data workspace
	$(SANDBOX) jupyter

## workspace: your working copies of the lessons in notebooks/workspace/ (made once, never overwritten)
workspace: setup
	$(PY) -m helpers.course workspace

## restore: a fresh working copy of one lesson, the old one kept in workspace/backup/: make restore LESSON=03
restore: setup
	$(PY) -m helpers.course restore $(LESSON)

## catch-up: the sandbox in the state lesson LESSON starts from (data, rollups), e.g. make catch-up LESSON=07
catch-up: setup
	$(PY) -m helpers.course catch-up $(LESSON)

## data: load the default dataset (2016, all series, 351,360 rows) into energydata.generation; quick when already loaded
data: sandbox-up
	$(PY) -m helpers.load default

## setup: create .venv, install the pinned packages (Java 17 included), fetch and verify the jars in sandbox/jars.lock (idempotent)
setup: $(VENV)/.installed
	$(SANDBOX) fetch

$(VENV)/.installed: pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 or run 'make PYTHON=/path/to/python3.11'"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

## bundle: write an offline kit into BUNDLE (default offline-kit/): the wheels of every locked package for this
## platform or PLATFORM (linux-x86_64, linux-aarch64, macos-arm64, macos-x86_64), the pins, and the verified
## jars, for a room without network (README, "Conference Wi-Fi")
BUNDLE ?= offline-kit
PLATFORM ?=
bundle: $(VENV)/.installed
	$(PY) -m helpers.offline bundle $(BUNDLE) $(if $(PLATFORM),--platform $(PLATFORM))

## setup-offline: set up from an offline kit with no network at all: make setup-offline BUNDLE=path/to/kit
setup-offline:
	@test -d "$(BUNDLE)/wheels" || { echo "$(BUNDLE) is not an offline kit: make bundle BUNDLE=$(BUNDLE) writes one"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-index --find-links $(BUNDLE)/wheels -r $(BUNDLE)/requirements.txt
	$(PY) -m pip install --quiet --no-index --no-deps --no-build-isolation -e .
	$(PY) -m helpers.offline install-jars $(BUNDLE)
	touch $(VENV)/.installed

## python-lock: regenerate requirements.lock (every package the venv holds, pinned, with hashes, for Linux,
## macOS and Windows, Python 3.11.0 and later) after changing a pin in pyproject.toml; uv keeps the lock's other versions where they fit
python-lock:
	$(PYTHON) -m pip install --quiet --target .cache/uv uv==$(UV_VERSION)
	PYTHONPATH=.cache/uv .cache/uv/bin/uv pip compile pyproject.toml --universal --generate-hashes \
		--python-version 3.11.0 --custom-compile-command "make python-lock" -o requirements.lock

## lock: regenerate sandbox/jars.lock with Maven, after changing versions.env or a pom under sandbox/maven/
lock: $(VENV)/.installed
	$(SANDBOX) lock

## sandbox-up: start Kafka, Cassandra and Spark on three machines (PROFILE=minimal for small laptops)
sandbox-up: setup
	$(SANDBOX) up --profile $(PROFILE)

sandbox-down:
	$(SANDBOX) down

sandbox-status:
	$(SANDBOX) status

sandbox-reset:
	$(SANDBOX) reset

## test: every tier, fastest first, each stopping the run if it fails: lint and the unit tests (a minute, before any
## service starts), then, starting the sandbox if needed, the integration tests, every lesson under nbval (the solved
## run) and every attendee copy under nbval with its exercises blank (the attendee's run); each tier's JUnit XML goes
## to .test-results/ (bench/pacing.py reads the lessons' cells from lessons.xml and attendee.xml)
test: test-fast test-integration test-lessons test-attendee

## test-fast: the fast tier, lint and the unit tests; it is remembered (.test-results/fast.ok) until a file it reads
## changes, so that `make test` right after it (as in .ci/run) does not run it twice
FAST_INPUTS := $(wildcard $(shell git ls-files '*.py' '*.ipynb' '*.cfg' '*.toml' '*.md' Makefile 2>/dev/null))
test-fast: .test-results/fast.ok
.test-results/fast.ok: $(FAST_INPUTS) $(VENV)/.installed
	$(MAKE) lint test-unit
	@mkdir -p $(@D) && touch $@

## test-integration: the tests against the running sandbox (servers, helpers, checks on live data)
test-integration: sandbox-up
	$(PY) -m pytest tests/integration --junitxml=.test-results/integration.xml

## test-lessons: every lesson solved, strictly compared with its stored outputs
test-lessons: sandbox-up
	$(PY) -m pytest notebooks/index.ipynb notebooks/[0-9]*.ipynb $(NBVAL_OPTS) --junitxml=.test-results/lessons.xml

## test-attendee: every attendee copy with its exercises blank and its deep dives skipped
test-attendee: sandbox-up
	$(PY) -m pytest notebooks/attendee $(NBVAL_OPTS) --junitxml=.test-results/attendee.xml

## lint: ruff (lint + format check) on the code and the lessons' code cells, then the course check (no jars needed)
lint: $(VENV)/.installed
	$(PY) -m ruff check helpers tests bench slides notebooks
	$(PY) -m ruff format --check helpers tests bench slides
	$(PY) -m helpers.course check

## test-unit: the tests that need no sandbox and no jars
test-unit: $(VENV)/.installed
	$(PY) -m pytest tests/unit -x

## bench: run the benchmarks in bench/ and write bench/results/
bench: sandbox-up
	$(PY) bench/sandbox_start.py
	$(PY) bench/load_vs_copy.py
	$(PY) bench/data_generate.py
	$(PY) bench/ingest_throughput.py
	$(PY) bench/ingest_decode.py
	$(PY) bench/producer_vs_perf.py
	$(PY) bench/spark_vs_pandas.py
	$(PY) bench/fresh_clone.py
	$(PY) bench/report.py

## slides: the instructor deck as reveal.js HTML that works offline: slides/build/workshop.slides.html
slides: setup
	$(PY) slides/build.py

## slides-pdf: the deck as slides/build/workshop.pdf too, one page per slide (needs Chromium)
slides-pdf: setup
	$(PY) slides/build.py --pdf

## course: regenerate navigation links, attendee versions and the lesson index, then check every notebook
course: setup
	$(PY) -m helpers.course nav
	$(PY) -m helpers.course attendee
	$(PY) -m helpers.course index
	$(PY) -m helpers.course check

## docker-up: the Docker sandbox (docker/README.md): build the image, start machine1-3 and jupyter, print JupyterLab's address
docker-up:
	docker/tools/docker-up.sh

## docker-down: stop the Docker sandbox, keep its data (volumes); `docker compose down -v` in docker/ wipes it
docker-down:
	cd docker && docker compose down --timeout 120

## clean: stop the sandbox and remove what the course put in this folder (venv, sandbox data and jars, caches,
## downloaded data, test results, the built deck), saying how much disk it frees. Your working copies in
## notebooks/workspace/ stay: delete that folder yourself when you no longer want them.
CLEANED := $(VENV) .sandbox .cache data .test-results slides/build energy_workshop_helpers.egg-info
clean:
	@if [ -x $(PY) ]; then $(SANDBOX) down; fi
	@$(if $(wildcard $(CLEANED)),du -sch $(wildcard $(CLEANED)) | tail -1 | sed 's/\ttotal$$/ freed/',echo "nothing to clean")
	rm -rf $(CLEANED)

## docker-test: the Docker sandbox's proof from a clean state: engine, images, up, drills, locality, lessons, teardown
docker-test:
	docker/tools/docker-test.sh
