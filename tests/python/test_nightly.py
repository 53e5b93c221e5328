"""Nightly runs lose nothing: an incremental run after a day of new, late,
changed and deleted rows publishes exactly what a full refresh builds, a
second run changes nothing, and a failing run leaves the published file as
it was while readers keep reading it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from mqlfunnel.compare import MARTS
from mqlfunnel.day_n import LATE_TABLES, deliver_day_n, hold_back_day_n
from mqlfunnel.generator import generate
from mqlfunnel.nightly import NightlyError, run_nightly
from mqlfunnel.project import run_dbt
from mqlfunnel.schema import RAW_TABLES

NO_UNIT_TESTS = ("--exclude", "test_type:unit")  # they run in test_project.py
INCREMENTAL = ["int_web_pageviews__checked", "int_email_events__checked", "int_form_submissions__checked"]

def marts(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {m: sorted(con.execute(f"select * from main.{m}").fetchall(), key=repr) for m in MARTS}


def row_counts(database: Path, tables: list[str]) -> dict[str, int]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {t: con.execute(f"select count(*) from intermediate.{t}").fetchone()[0] for t in tables}


def altered_copy(nightly_run: dict, name: str, sql: str) -> Path:
    """A copy of the published warehouse with `sql` run on it."""
    published = nightly_run["folder"] / name
    shutil.copyfile(nightly_run["published"], published)
    with duckdb.connect(str(published)) as con:
        con.execute(sql)
    return published


@pytest.fixture(scope="module")
def nightly_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("nightly")
    published = folder / "published.duckdb"
    this_month = dt.date.today().replace(day=1).isoformat()
    with duckdb.connect(str(published)) as con:
        generate(con, leads=1500, months=3, end_month=this_month, seed=11)
        day_n = hold_back_day_n(con)
    run_dbt(["build", *NO_UNIT_TESTS], duckdb_path=published, target_path=folder / "first_target", capture=True)

    with duckdb.connect(str(published)) as con:
        changed, deleted = deliver_day_n(con, day_n)
    before = row_counts(published, INCREMENTAL)
    run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS)

    reference = folder / "reference.duckdb"
    with duckdb.connect(str(reference)) as con:
        con.execute(f"attach '{published}' as published (read_only)")
        con.execute("create schema raw")
        for table in RAW_TABLES:
            con.execute(f"create table raw.{table} as select * from published.raw.{table}")
    run_dbt(["build", "--full-refresh", *NO_UNIT_TESTS], duckdb_path=reference, target_path=folder / "reference_target", capture=True)
    return {
        "folder": folder,
        "published": published,
        "reference": reference,
        "before": before,
        "changed": changed,
        "deleted": deleted,
    }


def test_incremental_run_equals_full_refresh(nightly_run: dict) -> None:
    incremental, full = marts(nightly_run["published"]), marts(nightly_run["reference"])
    for mart in MARTS:
        assert incremental[mart] == full[mart], f"{mart} differs from a full refresh"


def test_incremental_models_appended_rather_than_rebuilt(nightly_run: dict) -> None:
    after = row_counts(nightly_run["published"], INCREMENTAL)
    assert all(after[t] > nightly_run["before"][t] for t in INCREMENTAL)
    with duckdb.connect(str(nightly_run["published"]), read_only=True) as con:
        raw = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in LATE_TABLES}
    assert after == {f"int_{t}__checked": raw[t] for t in LATE_TABLES}


def test_lead_changes_reach_the_marts(nightly_run: dict) -> None:
    with duckdb.connect(str(nightly_run["published"]), read_only=True) as con:
        deleted = con.execute("select count(*) from dim_leads where lead_id = ?", [nightly_run["deleted"]]).fetchone()[0]
        fit = con.execute("select fit_score from dim_leads where lead_id = ?", [nightly_run["changed"]]).fetchone()[0]
        deleted_pageviews = con.execute(
            "select count(*) from intermediate.int_audit__web_pageviews where lead_id = ? and row_bucket = 'deleted'",
            [nightly_run["deleted"]],
        ).fetchone()[0]
    assert deleted == 0
    assert deleted_pageviews > 0
    assert fit == 50  # software + 400 employees + chief title, served country


def test_second_run_changes_nothing(nightly_run: dict) -> None:
    published = nightly_run["published"]
    first_marts, first_counts = marts(published), row_counts(published, INCREMENTAL)
    run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS)
    assert marts(published) == first_marts
    assert row_counts(published, INCREMENTAL) == first_counts


def test_failed_audit_keeps_published_file_and_readers(nightly_run: dict) -> None:
    published = altered_copy(nightly_run, "failing.duckdb", "drop table raw.email_events")
    before = marts(published)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        with pytest.raises(NightlyError, match="left as it was"):
            run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS, check_freshness=False)
        assert reader.execute("select count(*) from dim_leads").fetchone()[0] == len(before["dim_leads"])
    finally:
        reader.close()
    assert marts(published) == before
    assert not published.with_name(published.name + ".next").exists()


def test_stale_source_stops_before_the_build(nightly_run: dict) -> None:
    published = altered_copy(nightly_run, "stale.duckdb",
                             "delete from raw.web_pageviews where occurred_at > now() - interval 4 day")
    before = marts(published)
    with pytest.raises(NightlyError, match="stale or unreadable sources") as stopped:
        run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS)
    assert "source.mql_funnel.marketing.web_pageviews: error" in str(stopped.value)
    assert marts(published) == before
    assert not published.with_name(published.name + ".next").exists()


def test_readers_keep_their_snapshot_while_publishing(nightly_run: dict) -> None:
    published = altered_copy(
        nightly_run, "read_while_publish.duckdb",
        "insert into raw.crm_leads select * replace ('L-new' as lead_id) from raw.crm_leads"
        " where lead_id = (select min(lead_id) from dim_leads)",
    )
    reader = duckdb.connect(str(published), read_only=True)
    try:
        leads_before = reader.execute("select count(*) from dim_leads").fetchone()[0]
        run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS, check_freshness=False)
        assert reader.execute("select count(*) from dim_leads").fetchone()[0] == leads_before
    finally:
        reader.close()
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from dim_leads").fetchone()[0] == leads_before + 1
