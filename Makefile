# One entry point for people and CI. Everything runs inside .venv, made from
# requirements.txt by `make venv` (the other targets make it when missing).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export MQL_DUCKDB_PATH ?= $(CURDIR)/warehouse.duckdb

LEADS ?= 20000
MONTHS ?= 12

.PHONY: venv demo generate build report nightly dashboard bench test lint lint-changed clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

## Generate sample data, build the warehouse, print the last months' funnel by channel.
demo: venv
	$(BIN)/mqlfunnel demo --leads $(LEADS) --months $(MONTHS)

generate: venv
	$(BIN)/mqlfunnel generate --leads $(LEADS) --months $(MONTHS)

build: venv
	$(BIN)/mqlfunnel build

report: venv
	$(BIN)/mqlfunnel report

## Write-audit-publish: freshness, incremental build and tests on a copy, then swap it in.
nightly: venv
	$(BIN)/mqlfunnel nightly

## The funnel dashboard of the warehouse as one self-contained HTML file.
dashboard: venv
	$(BIN)/mqlfunnel dashboard --out dashboard.html

## Benchmark at 10k, 100k and 1M leads against a raw-SQL baseline: bench/RESULTS.md (SCALES=10000 to choose).
SCALES ?= 10000,100000,1000000
bench: venv
	$(BIN)/mqlfunnel bench --scales $(SCALES)

## Every test: Python tests, dbt unit and data tests on fixtures, sqlfluff lint.
test: venv
	$(BIN)/pytest -q

lint: venv
	$(BIN)/sqlfluff lint models tests/singular analyses

## sqlfluff on the SQL changed versus origin/main (or HEAD~1); BASE=ref to choose.
lint-changed: venv
	bash scripts/lint_changed_sql.sh $(BASE)

clean:
	rm -rf target logs .tmp warehouse.duckdb warehouse.duckdb.wal
