"""Shared by the PostgreSQL and Spark tests: one sample data set exported as
Parquet, loaded into a fresh DuckDB file with the loader and built there; the
other targets load the same export and must publish the same marts."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mqlfunnel.project import PROJECT_DIR, run_dbt

# Small enough for local Spark to build in a few minutes, big enough that
# every bucket of bad rows, every channel and every stage is present.
SAMPLE_LEADS = 1500
SAMPLE_MONTHS = 6
# Unit tests run on DuckDB (test_project.py); the other targets build the
# models, seeds and data tests.
BUILD_ARGS = ("build", "--exclude", "test_type:unit")


@dataclass(frozen=True)
class Reference:
    export_dir: Path
    duckdb_file: Path


_reference: Reference | None = None


def mqlfunnel(*args: str, env: dict[str, str] | None = None, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run the project's CLI in a fresh process (Spark's Derby metastore admits one JVM at a time)."""
    import os

    return subprocess.run(
        [str(Path(sys.executable).parent / "mqlfunnel"), *args],
        cwd=PROJECT_DIR,
        env={**os.environ, **(env or {})},
        text=True,
        capture_output=True,
        timeout=timeout,
    )


def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """Generate the sample once per session, export it, load and build it on DuckDB."""
    global _reference
    if _reference is None:
        base = tmp_path_factory.mktemp("reference")
        export_dir = base / "export"
        generated = mqlfunnel(
            "--database", str(base / "generated.duckdb"), "generate",
            "--leads", str(SAMPLE_LEADS), "--months", str(SAMPLE_MONTHS),
            "--export", str(export_dir), "--format", "parquet",
        )
        assert generated.returncode == 0, generated.stdout + generated.stderr
        database = base / "reference.duckdb"
        loaded = mqlfunnel("--database", str(database), "load", "--from", str(export_dir), "--target", "duckdb")
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        run_dbt(list(BUILD_ARGS), duckdb_path=database, target_path=base / "target", capture=True,
                env={"MQL_TARGET": "duckdb"})
        _reference = Reference(export_dir, database)
    return _reference


# Every section 7 adapter on (README, Sources), per generator shape: the vars
# that read its vendor tables, and the cross-check mart only those build.
VENDOR_SHAPES: dict[str, tuple[dict[str, Any], str]] = {
    "hubspot": ({
        "crm_source": "hubspot", "web_source": "segment",
        "ad_platforms": ["google_ads", "linkedin_ads", "facebook_ads", "microsoft_ads"],
        "hubspot_gross_margin_property": "property_gross_margin_pct",
    }, "fct_hubspot_mql_agreement"),
    "salesforce": ({"crm_source": "salesforce", "salesforce_gross_margin_field": "gross_margin_pct_c"},
                   "fct_salesforce_sql_agreement"),
}


def vendor_reference(tmp_path_factory: pytest.TempPathFactory, leads: int, months: int,
                     shape: str = "hubspot") -> Reference:
    """Vendor-shaped tables (generate --shape hubspot or salesforce) exported with their raw
    tables as <schema>/<table>.parquet, loaded into a fresh DuckDB file and built with the
    shape's adapters on."""
    base = tmp_path_factory.mktemp(f"{shape}_reference")
    export_dir = base / "export"
    generated = mqlfunnel("--database", str(base / "generated.duckdb"), "generate", "--leads", str(leads),
                          "--months", str(months), "--shape", shape, "--export", str(export_dir),
                          "--format", "parquet")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    database = base / "reference.duckdb"
    loaded = mqlfunnel("--database", str(database), "load", "--from", str(export_dir))
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    run_dbt([*BUILD_ARGS, "--vars", json.dumps(VENDOR_SHAPES[shape][0])], duckdb_path=database, target_path=base / "target",
            capture=True, env={"MQL_TARGET": "duckdb"})
    return Reference(export_dir, database)


class Stopwatch:
    """Wall-clock durations of a test's steps, printed at the end (pytest -s or -rA shows them)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[tuple[str, float]] = []
        self._last = time.perf_counter()
        self._start = self._last

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.steps.append((step, now - self._last))
        self._last = now

    def report(self) -> str:
        parts = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in self.steps)
        return f"{self.name}: {parts}; total {time.perf_counter() - self._start:.1f} s"
