"""Settings that survive their users (contract section 1): any valid vars
build with a plain `dbt build`, unit tests included; a bad var or a bad seed
row stops the build before anything it feeds runs, naming what is wrong."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import query
from mqlfunnel.project import PROJECT_DIR, PROFILES_DIR, run_dbt

# Every contract var (and the nightly's lookback) away from its default at once.
EVERY_VAR_CHANGED = {
    "mql_threshold": 61, "min_engagement_points": 5, "nurture_floor": 21,
    "icp_min_employees": 77, "icp_max_employees": 777, "blog_visit_count": 4,
    "blog_visit_window_days": 5, "sla_minutes": 9, "minutes_per_lead_review": 11,
    "min_valid_timestamp": "2001-01-01", "max_future_days": 3, "incremental_lookback_days": 2,
}


def results(target: Path) -> list[dict]:
    return json.loads((target / "run_results.json").read_text())["results"]


def nodes_run(target: Path) -> list[str]:
    """Seeds, models and tests that ran (dbt writes no run results when a
    start hook stops the run)."""
    path = target / "run_results.json"
    if not path.exists():
        return []
    return [r["unique_id"] for r in results(target) if not r["unique_id"].startswith("operation.")]


def test_plain_build_with_every_var_changed_runs_unit_tests_and_marts(small_raw_sample: Path, tmp_path: Path) -> None:
    database = tmp_path / "vars.duckdb"
    shutil.copyfile(small_raw_sample, database)
    result = run_dbt(["build", "--vars", json.dumps(EVERY_VAR_CHANGED)], duckdb_path=database,
                     target_path=tmp_path / "target", check=False, capture=True)
    assert result.returncode == 0, result.stdout[-4000:]
    statuses = {r["unique_id"]: r["status"] for r in results(tmp_path / "target")}
    unit_tests = [status for node, status in statuses.items() if node.startswith("unit_test.")]
    assert len(unit_tests) >= 30 and set(unit_tests) == {"pass"}
    assert statuses["model.mql_funnel.dim_leads"] == "success"
    assert "skipped" not in statuses.values()


@pytest.mark.parametrize(
    ("bad_vars", "named"),
    [
        ({"mql_threshold": "abc", "blog_visit_count": 0},
         ['var mql_threshold = "abc": must be a finite number', "var blog_visit_count = 0: must be an integer >= 1"]),
        ({"mql_threshold": None, "blog_visit_window_days": -2, "min_valid_timestamp": "2000-13-01"},
         ["var mql_threshold = null", "var blog_visit_window_days = -2", 'var min_valid_timestamp = "2000-13-01"']),
        ({"icp_min_employees": 6000, "icp_max_employees": 5000, "attendee_channel": "webinars"},
         ["var icp_min_employees = 6000 is above var icp_max_employees = 5000",
          'var attendee_channel = "webinars": must be one of organic_search, paid_search']),
        ({"bi_reader_roles": ["bi_reader; grant select on all tables in schema raw to bi_reader; --"],
          "crm_leads_passthrough_columns": ["email) from raw.crm_leads --"]},
         ["var bi_reader_roles", "var crm_leads_passthrough_columns", "is not one"]),
    ],
)
def test_bad_var_stops_the_build_before_any_node(small_raw_sample: Path, tmp_path: Path, bad_vars: dict, named: list[str]) -> None:
    database = tmp_path / "bad_vars.duckdb"
    shutil.copyfile(small_raw_sample, database)
    result = run_dbt(["build", "--vars", json.dumps(bad_vars)], duckdb_path=database,
                     target_path=tmp_path / "target", check=False, capture=True)
    assert result.returncode != 0
    assert "Invalid var(s), nothing was built" in result.stdout
    for text in named:
        assert text in result.stdout
    assert nodes_run(tmp_path / "target") == []
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("select count(*) from information_schema.tables where table_schema <> 'raw'").fetchone()[0] == 0


def project_copy(folder: Path) -> Path:
    """The dbt project alone (no venv, no data), to edit its seeds."""
    copy = folder / "project"
    shutil.copytree(PROJECT_DIR, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", ".tmp", "target", "logs", "*.duckdb*", "mqlfunnel", "tests", "bench", "docs"))
    shutil.copytree(PROJECT_DIR / "tests" / "generic", copy / "tests" / "generic")
    shutil.copytree(PROJECT_DIR / "tests" / "singular", copy / "tests" / "singular")
    return copy


def dbt_in(project: Path, database: Path, target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), *args, "--project-dir", str(project),
         "--profiles-dir", str(PROFILES_DIR), "--target-path", str(target)],
        cwd=project, env={**os.environ, "MQL_DUCKDB_PATH": str(database)},
        text=True, capture_output=True,
    )


@pytest.fixture(scope="module")
def built_sample(small_raw_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    database = folder / "built.duckdb"
    shutil.copyfile(small_raw_sample, database)
    run_dbt(["build", "--exclude-resource-type", "unit_test"], duckdb_path=database, target_path=folder / "target", capture=True)
    return database


@pytest.mark.parametrize(
    ("seed", "append", "named"),
    [
        ("scoring_rules", "demo_request,engagement,,demo_request,again\n",
         ["seeds/scoring_rules.csv line 11, column points: empty",
          'seeds/scoring_rules.csv line 11, column(s) rule_id: "demo_request" repeats line 7']),
        ("scoring_rules", "pricing_page_visitz,engagment,5,pricing,typo\n",
         ['line 11, column category: "engagment" is not one of fit, engagement',
          'line 11, column rule_id: "pricing_page_visitz" is not one of']),
        ("channel_rules", "14,,,*,*\n", ["seeds/channel_rules.csv line 15, column channel: empty"]),
        ("channel_rules", "14,paid_socail,x,*,*\n",
         ['seeds/channel_rules.csv line 15, column channel: "paid_socail" is not one of organic_search, paid_search']),
    ],
)
def test_bad_seed_row_is_named_and_no_mart_is_replaced(
    built_sample: Path, tmp_path: Path, seed: str, append: str, named: list[str]
) -> None:
    project = project_copy(tmp_path)
    with (project / "seeds" / f"{seed}.csv").open("a") as csv:
        csv.write(append)
    database = tmp_path / "warehouse.duckdb"
    shutil.copyfile(built_sample, database)
    before = query(database, "select * from dim_leads order by lead_id")
    result = dbt_in(project, database, tmp_path / "target", "build", "--exclude-resource-type", "unit_test")
    assert result.returncode != 0
    for text in named:
        assert text in result.stdout, result.stdout[-3000:]
    statuses = {r["unique_id"]: r["status"] for r in results(tmp_path / "target")}
    assert statuses["model.mql_funnel.dim_leads"] == "skipped"
    assert query(database, "select * from dim_leads order by lead_id") == before


def test_production_build_leaves_unit_tests_to_ci(small_raw_sample: Path, tmp_path: Path) -> None:
    database = tmp_path / "production.duckdb"
    shutil.copyfile(small_raw_sample, database)
    built = subprocess.run(
        [str(Path(sys.executable).parent / "mqlfunnel"), "--database", str(database), "build", "--",
         "--target-path", str(tmp_path / "target"), "--vars", json.dumps({"mql_threshold": 60})],
        cwd=PROJECT_DIR, text=True, capture_output=True,
    )
    assert built.returncode == 0, built.stdout[-3000:]
    ran = nodes_run(tmp_path / "target")
    assert "model.mql_funnel.dim_leads" in ran
    assert not [node for node in ran if node.startswith("unit_test.")]


def test_passthrough_columns_reach_dim_leads(small_raw_sample: Path, tmp_path: Path) -> None:
    """A team's extra lead column builds through to dim_leads (the mart's
    contract then yields to the team's shape); without it the contract holds."""
    database = tmp_path / "passthrough.duckdb"
    shutil.copyfile(small_raw_sample, database)
    with duckdb.connect(str(database)) as con:
        con.execute("alter table raw.crm_leads add column segment_c varchar")
        con.execute("update raw.crm_leads set segment_c = 'enterprise'")
    result = run_dbt(["build", "--exclude-resource-type", "unit_test",
                      "--vars", json.dumps({"crm_leads_passthrough_columns": ["segment_c"]})],
                     duckdb_path=database, target_path=tmp_path / "target", check=False, capture=True)
    assert result.returncode == 0, result.stdout[-3000:]
    leads = query(database, "select count(*), count(segment_c) from dim_leads")
    assert leads[0][0] > 0 and leads[0][0] == leads[0][1]
