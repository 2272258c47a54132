# The two commands of the README:
#   make run    set up .venv, install, build the warehouse (dbt build)
#   make test   set up .venv, install, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run setup build test bench docs clean

run: build

setup: $(STAMP)

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

build: setup
	mkdir -p data/export
	$(BIN)/dbt build

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/build.py

docs: setup
	$(BIN)/dbt docs generate
	$(BIN)/dbt docs serve --port 8080

clean:
	rm -rf target logs data/warehouse.duckdb data/warehouse.duckdb.wal data/export/*.parquet
