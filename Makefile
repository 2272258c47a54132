# The two commands of the README:
#   make run    set up .venv, install, build the warehouse, serve the API on 127.0.0.1:8000
#   make test   set up .venv, install, run every check and every test
# and the fast inner loop while changing code:
#   make check  linters (ruff, sqlfluff), `dbt parse` and the tests that need no
#               warehouse build: about a minute and a half
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev

.PHONY: run setup setup-dev tools podman image base-image test-image build refresh serve report check lint lint-python lint-sql parse unit test bench spark spark-cluster spark-cluster-stop spark-serving docs clean

run: refresh serve

# What running needs (`make run`: build and serve), and no more.
setup: $(STAMP)

# The test tools, the linters and Spark, on top: for check, test, bench and spark.
setup-dev: $(DEV)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(STAMP)

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,spark]'
	touch $(DEV)

# Plain `dbt build`, straight into data/warehouse.duckdb (stop the API first: DuckDB
# lets one process write a file or several read it).
build: setup
	mkdir -p data/export
	$(BIN)/dbt build

# `dbt build` into a new file, swapped in only if every test passed: safe while serving.
refresh: setup
	$(BIN)/python -m models_py.pipeline.refresh $(ARGS)

serve: setup
	$(BIN)/uvicorn serve.app:app --host 127.0.0.1 --port 8000

# The EDA report of the served warehouse: data/reports/eda.html (opens offline).
report: setup
	$(BIN)/python -m models_py.reports.eda

# --- the container image (Containerfile) ------------------------------------------------

# `make image`: the Containerfile built as movie-warehouse:latest, with podman (Debian's,
# installed here if missing). Its base image is pulled where a registry answers; on a
# machine that reaches none, it is bootstrapped from Debian's packages (base-image).
IMAGE ?= movie-warehouse:latest
BASE  := docker.io/library/python:3.11-slim-bookworm
# The machine's CA bundle, for pip inside the build where a proxy re-signs TLS.
, := ,
CA_BUNDLE ?= /etc/ssl/certs/ca-certificates.crt
CA_SECRET := $(if $(wildcard $(CA_BUNDLE)),--secret id=ca$(,)src=$(CA_BUNDLE))
# This machine's podman needs two settings (.ci/containers.conf: limits, runc).
export CONTAINERS_CONF ?= $(CURDIR)/.ci/containers.conf
podman:
	@command -v podman >/dev/null && command -v runc >/dev/null && command -v mmdebstrap >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq podman runc mmdebstrap uidmap >/dev/null; }

image: podman
	podman image exists $(BASE) || timeout 60 podman pull -q $(BASE) || $(MAKE) --no-print-directory base-image
	podman build --format docker --tag $(IMAGE) $(CA_SECRET) .

# The base image from Debian bookworm's packages (python3, venv, CA certificates,
# useradd), imported under the name the Containerfile uses. mmdebstrap reads this
# machine's apt sources (its default list names a host the machine may not reach).
APT_SOURCES ?= /etc/apt/sources.list.d/debian.sources
base-image: podman
	@mkdir -p target/image
	mmdebstrap --quiet --variant=minbase --include=python3,python3-venv,ca-certificates,passwd \
	  bookworm target/image/rootfs.tar $(APT_SOURCES)
	podman import --quiet --change 'CMD ["python3"]' target/image/rootfs.tar $(BASE)
	rm target/image/rootfs.tar

# --- checks and tests -----------------------------------------------------------------

# Everything that needs no warehouse build, side by side on the machine's two cores.
check: setup-dev
	@mkdir -p $(LINT)
	$(MAKE) --no-print-directory -j2 --output-sync=target lint-python lint-sql parse unit

lint: lint-python lint-sql

lint-python: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# sqlfluff on the dbt SQL, rendered by dbt itself (.sqlfluff: the dbt templater). A
# source's own models are enabled only when it is the one built, so once per source.
LINT := target/lint
SQL_PATHS_kaggle    := $(wildcard dbt_project/models/*/kaggle)
SQL_PATHS_synthetic := $(wildcard dbt_project/models/*/synthetic)
SQL_PATHS_embedded  := $(filter-out $(addsuffix /%,$(SQL_PATHS_kaggle) $(SQL_PATHS_synthetic)), \
                         $(shell find dbt_project/models -name '*.sql')) dbt_project/tests
lint-sql: lint-sql-embedded lint-sql-kaggle lint-sql-synthetic
lint-sql-%: setup-dev
	@mkdir -p $(LINT)/$*
	MOVIES_SOURCE=$* MOVIES_WAREHOUSE=$(LINT)/$*/lint.duckdb DBT_TARGET_PATH=$(LINT)/$*/target \
	  DBT_LOG_PATH=$(LINT)/$*/logs $(BIN)/sqlfluff lint --disable-progress-bar $(SQL_PATHS_$*)

parse: setup-dev
	@mkdir -p $(LINT)/parse
	MOVIES_WAREHOUSE=$(LINT)/parse/parse.duckdb DBT_TARGET_PATH=$(LINT)/parse/target DBT_LOG_PATH=$(LINT)/parse/logs \
	  $(BIN)/dbt parse --no-use-colors --quiet

# The tests that need no warehouse (pytest marker `build` on the others: tests/conftest.py).
unit: setup-dev
	$(BIN)/python -m pytest -m "not build and not container" -q

# Debian packages the tests and benchmarks drive: headless Chromium and its driver
# (the web page's end-to-end test), wrk (HTTP load, bench/serve.py and the scale
# smoke test), Java 17 (Spark, for the `spark` target and tests/engines) and
# Prometheus (it scrapes the API's /metrics in tests/serve/test_metrics.py).
# Installed once, as root or through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
tools:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v wrk >/dev/null \
	  && command -v java >/dev/null && command -v prometheus >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver wrk \
	    openjdk-17-jre-headless prometheus >/dev/null; }

# `make check`, then every test that builds or reads a warehouse (DuckDB and Spark).
test: check tools
	$(BIN)/python -m pytest -m build --durations=25

# The container image built, started on a fresh volume and refreshed under load, then
# removed (tests/container): about 4 minutes, outside `make test`'s budget.
test-image: setup-dev tools podman
	$(BIN)/python -m pytest -m container -q tests/container

bench: setup-dev tools
	$(BIN)/python bench/build.py
	$(BIN)/python bench/neighbours.py
	$(BIN)/python bench/serve.py

# The whole build on the `spark` target: Spark in this process (local[2];
# MOVIES_SPARK_MASTER for a cluster), the Python models on its driver, tables under
# data/spark.
spark: setup-dev tools
	$(BIN)/python -m models_py.pipeline.spark build --target spark

# A standalone Spark cluster on this machine (a master and two workers, 1 core each,
# from pyspark's jars): MOVIES_SPARK_MASTER=spark://127.0.0.1:7077 make spark builds
# on it. Stopped by PID, executors included (models_py/pipeline/spark_cluster.py).
spark-cluster: setup-dev tools
	$(BIN)/python -m models_py.pipeline.spark_cluster start

spark-cluster-stop: setup
	$(BIN)/python -m models_py.pipeline.spark_cluster stop

# The API's warehouse (data/warehouse.duckdb, served as `make refresh` serves) from the
# tables `make spark` left in data/spark: DuckDB copies them and builds only the stored
# answers and the SQLite copy over them (models_py/pipeline/spark_serving.py).
spark-serving: setup
	$(BIN)/python -m models_py.pipeline.spark_serving $(ARGS)

docs: setup
	$(BIN)/dbt docs generate
	$(BIN)/dbt docs serve --port 8080

clean:
	rm -rf target logs data/warehouse.duckdb data/warehouse.duckdb.wal data/warehouse.serving.sqlite data/export/*.parquet
