# The two set-up commands of the README:
#   make demo   set up the virtual environment and run the main job on the embedded DuckDB
#   make test   set up the virtual environment and run the whole test suite (what CI runs)
#   make test-fast  the everyday loop: the suite without the PostgreSQL, Spark, browser and slow
#                   tests (pytest markers, pyproject.toml)
# Everything else is a building block of those two.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= data/demo
CONTACTS ?= 2000
DIRTY_SHARE ?= 0.02
# A year and a half of history: the predictive score learns from the four conversion windows
# before each scored day (its training days go back to as_of_date − 5 × 90 days).
DEMO_DAYS ?= 540
# The demo's day: its data ends on it and it is scored as of it, so the demo's figures stay the same.
DEMO_AS_OF ?= 2026-06-30
export DBT_PROFILES_DIR := $(CURDIR)
export DO_NOT_TRACK := 1

.PHONY: demo test test-fast setup setup-spark generate load build summary clean

# requirements.txt is the pinned lock; then the project's package (lead_scoring, its console
# scripts lead-scoring-*) is installed editable from this checkout, without resolving again.
$(BIN)/dbt: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(BIN)/dbt

setup: $(BIN)/dbt

# Optional Spark target (pyspark, ~500 MB, Java 17): `make setup-spark`, then dbt --target spark.
$(VENV)/.spark-installed: $(BIN)/dbt requirements-spark.txt
	$(BIN)/pip install --quiet -r requirements-spark.txt
	touch $@

setup-spark: $(VENV)/.spark-installed

generate: setup
	$(BIN)/python scripts/generate_data.py --out $(DEMO_DIR) --contacts $(CONTACTS) --days $(DEMO_DAYS) --dirty-share $(DIRTY_SHARE) --as-of $(DEMO_AS_OF)

load: generate
	$(BIN)/python scripts/load_raw.py $(DEMO_DIR)

# unit tests test the code, not the data: make test runs them (tests_py). logs/dbt.log keeps
# dbt's info lines, not its debug lines (writing those is a tenth of a small build's time). A
# failing build ends with its problems (a bad seed: the file, the row and the value), not with
# the hundreds of lines dbt prints after them (scripts/dbt_failures.py).
# the demo's data is generated and loaded again, so it is built from scratch (--full-refresh):
# no incremental table of an earlier build, or of an earlier version of the project, is kept
build: load
	$(BIN)/dbt build --full-refresh --vars '{as_of_date: "$(DEMO_AS_OF)"}' --exclude-resource-type unit_test --log-level-file info \
		|| { $(BIN)/python scripts/dbt_failures.py; exit 1; }

summary:
	$(BIN)/python scripts/summarize.py

demo: build
	@echo "Note: the WARN lines of dbt build above are source tests on the raw data: they flag the demo's"
	@echo "dirty rows ($(DIRTY_SHARE) of every table), which staging quarantines with a reason (quality.fct_quarantined_rows)."
	@$(MAKE) --no-print-directory summary

# The suite runs on TEST_WORKERS pytest-xdist workers (one per core of the 2-core reference
# machine); a group of tests that shares a build runs on one worker (tests_py/conftest.py). The
# 20 slowest tests are listed at the end, to see where the suite's time goes (DURATIONS=0: all).
TEST_WORKERS ?= 2
DURATIONS ?= 20
PYTEST := $(BIN)/pytest tests_py -n $(TEST_WORKERS) --dist loadgroup --durations $(DURATIONS)

test: setup
	$(PYTEST)

FAST_TESTS := not postgres and not spark and not browser and not slow

test-fast: setup
	$(PYTEST) -m "$(FAST_TESTS)"

clean:
	rm -rf target logs $(DEMO_DIR)
