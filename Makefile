# The two commands of the README:
#   make run    set up .venv, install, build the warehouse, serve the API on 127.0.0.1:8000
#   make test   set up .venv, install, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run setup tools build refresh serve report test bench spark docs clean

run: refresh serve

setup: $(STAMP)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,spark]'
	touch $(STAMP)

# Plain `dbt build`, straight into data/warehouse.duckdb (stop the API first: DuckDB
# lets one process write a file or several read it).
build: setup
	mkdir -p data/export
	$(BIN)/dbt build

# `dbt build` into a new file, swapped in only if every test passed: safe while serving.
refresh: setup
	$(BIN)/python -m models_py.refresh $(ARGS)

serve: setup
	$(BIN)/uvicorn serve.app:app --host 127.0.0.1 --port 8000

# The EDA report of the served warehouse: data/reports/eda.html (opens offline).
report: setup
	$(BIN)/python -m models_py.eda_report

# Debian packages the tests and benchmarks drive: headless Chromium and its driver
# (the web page's end-to-end test), wrk (HTTP load, bench/serve.py and the scale
# smoke test) and Java 17 (Spark, for the `spark` target and tests/engines).
# Installed once, as root or through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
tools:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v wrk >/dev/null \
	  && command -v java >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver wrk \
	    openjdk-17-jre-headless >/dev/null; }

test: setup tools
	$(BIN)/python -m pytest

bench: setup tools
	$(BIN)/python bench/build.py
	$(BIN)/python bench/neighbours.py
	$(BIN)/python bench/serve.py

# The whole build on the `spark` target: Spark in this process (local[2];
# MOVIES_SPARK_MASTER for a cluster), the Python models on its driver, tables under
# data/spark.
spark: setup tools
	$(BIN)/python -m models_py.spark_dbt build --target spark

docs: setup
	$(BIN)/dbt docs generate
	$(BIN)/dbt docs serve --port 8080

clean:
	rm -rf target logs data/warehouse.duckdb data/warehouse.duckdb.wal data/warehouse.serving.sqlite data/export/*.parquet
