"""The same project on local Apache Spark (dbt-spark, method `session`).

Loads the sample export into a Hive catalog whose Derby metastore and
warehouse live in a temp folder (MQL_SPARK_DIR), builds every model, seed
and data test there, and proves each mart equal to the DuckDB build. Each
step runs in its own process: the Derby metastore admits one JVM at a time.

scripts/java.sh installs Java 17 when no Java 17+ is found; a machine where
that fails fails this test, it never skips it. The build takes a few minutes
on two cores (the step durations are printed: pytest -rA shows them).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mqlfunnel.schema import MARTS
from mqlfunnel.project import PROJECT_DIR, run_dbt
from mqlfunnel.schema import RAW_TABLES
from target_helpers import BUILD_ARGS, VENDOR_SHAPES, Stopwatch, mqlfunnel, reference, vendor_reference


@pytest.fixture(scope="module")
def java() -> str:
    found = subprocess.run(["bash", str(PROJECT_DIR / "scripts" / "java.sh")], text=True,
                           capture_output=True, timeout=900)
    if found.returncode != 0:
        pytest.fail(f"Spark needs Java 17+ and scripts/java.sh could not provide it:\n{found.stderr}",
                    pytrace=False)
    return found.stdout.strip().splitlines()[-1]


def test_spark_marts_equal_duckdb(java: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    clock = Stopwatch("spark")
    ref = reference(tmp_path_factory)
    clock.lap("reference (generate, load and build on duckdb)")

    spark_dir = tmp_path_factory.mktemp("spark")
    env = {
        "MQL_TARGET": "spark",
        "MQL_SPARK_DIR": str(spark_dir),
        "MQL_SPARK_SCHEMA": "marts",
        "JAVA_HOME": str(Path(java).resolve().parent.parent),  # the java scripts/java.sh found
    }

    loaded = mqlfunnel("load", "--from", str(ref.export_dir), "--target", "spark", env=env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr[-4000:]
    for table in RAW_TABLES:
        assert f"raw.{table}: " in loaded.stdout
    assert (Path(spark_dir) / "metastore_db").is_dir()
    assert (Path(spark_dir) / "warehouse" / "raw.db").is_dir()
    clock.lap("load")

    result = run_dbt(list(BUILD_ARGS), target_path=spark_dir / "target", check=False, capture=True, env=env)
    assert result.returncode == 0, result.stdout[-6000:]
    assert (Path(spark_dir) / "warehouse" / "marts.db" / "dim_leads").is_dir()
    clock.lap("dbt build")

    compared = mqlfunnel("--database", str(ref.duckdb_file), "compare", "--target", "spark", env=env)
    clock.lap("compare")
    print(clock.report())
    assert compared.returncode == 0, compared.stdout[-8000:] + compared.stderr[-2000:]
    for mart in MARTS:  # the contract's marts, then every other mart the project publishes
        assert f"] {mart}: " in compared.stdout
    assert compared.stdout.count("equal on spark and duckdb") >= len(MARTS)



@pytest.mark.parametrize("shape", ["hubspot", "salesforce"])
def test_spark_vendor_exports_build_the_same_marts(java: str, tmp_path_factory: pytest.TempPathFactory,
                                                   shape: str) -> None:
    """Vendor-shaped exports (contract section 7) load into their Spark databases and build
    with the shape's adapters on to the marts the DuckDB build of the same files publishes."""
    clock = Stopwatch(f"spark {shape}")
    ref = vendor_reference(tmp_path_factory, leads=300, months=3, shape=shape)
    vendor_vars, agreement_mart = VENDOR_SHAPES[shape]
    clock.lap("reference (generate, load and build on duckdb)")

    spark_dir = tmp_path_factory.mktemp(f"spark_{shape}")
    env = {"MQL_TARGET": "spark", "MQL_SPARK_DIR": str(spark_dir), "MQL_SPARK_SCHEMA": "marts",
           "JAVA_HOME": str(Path(java).resolve().parent.parent)}
    loaded = mqlfunnel("load", "--from", str(ref.export_dir), "--target", "spark", env=env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr[-4000:]
    landed = {"hubspot": ("hubspot.contact", "segment.pages"), "salesforce": ("salesforce.lead", "salesforce.task")}
    assert all(f"{relation}: " in loaded.stdout for relation in landed[shape])
    clock.lap("load")
    result = run_dbt([*BUILD_ARGS, "--vars", json.dumps(vendor_vars)], target_path=spark_dir / "target", check=False,
                     capture=True, env=env)
    assert result.returncode == 0, result.stdout[-6000:]
    clock.lap("dbt build")
    compared = mqlfunnel("--database", str(ref.duckdb_file), "compare", "--target", "spark", env=env)
    clock.lap("compare")
    print(clock.report())
    assert compared.returncode == 0, compared.stdout[-8000:] + compared.stderr[-2000:]
    assert f"] {agreement_mart}: " in compared.stdout
    assert compared.stdout.count("equal on spark and duckdb") >= len(MARTS) + 1
