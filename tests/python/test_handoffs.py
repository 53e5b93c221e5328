"""Speed to lead: new MQLs handed to sales through the outbox
(fct_mql_handoff_outbox) by intraday and nightly runs, each MQL exactly once
across runs, whatever point a run is killed at (SIGKILL), and read by a
sender with `mqlfunnel handoffs --since`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from mqlfunnel.devtools.compare import compare_duckdb, mart_names
from mqlfunnel.devtools.day_n import ROW_DATE, deliver_day_n, hold_back_day_n
from mqlfunnel.devtools.generator import generate
from mqlfunnel.nightly import run_intraday, run_nightly
from mqlfunnel.project import NO_UNIT_TESTS, PROJECT_DIR, connect_warehouse, run_dbt

from conftest import full_refresh_of, query


def outbox(database: Path) -> list[tuple[str, int]]:
    return query(database, "select lead_id, handoff_batch from main.fct_mql_handoff_outbox order by all")


def mqls(database: Path) -> set[str]:
    return {row[0] for row in query(database, "select lead_id from main.fct_mql_handoffs")}


def handoffs_command(database: Path, *args: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "mqlfunnel.cli", "--database", str(database), "handoffs", *args],
                            cwd=PROJECT_DIR, text=True, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def day_n_warehouse(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A warehouse built without its last day (batch 1 of the outbox), the day then delivered to raw."""
    folder = tmp_path_factory.mktemp("handoffs")
    published = folder / "published.duckdb"
    this_month = dt.date.today().replace(day=1).isoformat()
    with connect_warehouse(published) as con:
        generate(con, leads=1500, months=3, end_month=this_month, seed=7)
        day_n = hold_back_day_n(con)
    run_dbt(["build", *NO_UNIT_TESTS], duckdb_path=published, target_path=folder / "first_target", capture=True)
    first = outbox(published)
    with connect_warehouse(published) as con:
        deliver_day_n(con, day_n)
    return {"folder": folder, "published": published, "first": first}


def test_first_build_enqueues_every_mql_once_in_batch_1(day_n_warehouse: dict) -> None:
    first = day_n_warehouse["first"]
    assert first and {batch for _, batch in first} == {1}
    assert len({lead for lead, _ in first}) == len(first)


def _wait_for(log: Path, offset: int, text: str, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_bytes()[offset:].decode(errors="replace"):
            return
        if process.poll() is not None:
            raise AssertionError(f"the run ended (exit {process.returncode}) before its log said {text!r}")
        time.sleep(0.05)
    raise AssertionError(f"the run's log never said {text!r} within {timeout} s")


# Where a run is killed: before dbt starts (the copy), mid-build (an incremental
# model written), after the outbox is appended in the work file (tests running).
KILL_POINTS = {
    "copy": None,
    "mid-build": "OK created sql incremental model intermediate.int_web_pageviews__checked",
    "outbox appended": "OK created sql incremental model main.fct_mql_handoff_outbox",
}


@pytest.mark.parametrize("command", ["intraday", "nightly"])
def test_killed_runs_send_no_mql_twice_and_miss_none(day_n_warehouse: dict, command: str, tmp_path: Path) -> None:
    published = tmp_path / "published.duckdb"
    published.write_bytes(day_n_warehouse["published"].read_bytes())
    first = day_n_warehouse["first"]
    log = published.with_name(published.name + ".target") / "logs" / "dbt.log"
    for point, text in KILL_POINTS.items():
        offset = log.stat().st_size if log.exists() else 0
        run = subprocess.Popen([sys.executable, "-m", "mqlfunnel.cli", "--database", str(published), command,
                                *(["--skip-freshness"] if command == "nightly" else []), "--", *NO_UNIT_TESTS],
                               cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if text is None:
                time.sleep(0.3)
            else:
                _wait_for(log, offset, text, run)
            run.send_signal(signal.SIGKILL)
            run.wait(30)
        finally:
            if run.poll() is None:
                run.kill()
        assert run.returncode == -signal.SIGKILL, point
        time.sleep(0.5)  # the dbt child dies with its parent (PR_SET_PDEATHSIG) and releases the lock
        assert outbox(published) == first, f"killed at {point}: the published outbox changed"

    runner = run_intraday if command == "intraday" else run_nightly
    runner(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS,
           **({"check_freshness": False} if command == "nightly" else {}))
    after = outbox(published)
    leads = [lead for lead, _ in after]
    assert len(leads) == len(set(leads)), "an MQL was enqueued twice"
    assert set(leads) == mqls(published) | {lead for lead, _ in first}, "an MQL was missed"
    new = {lead for lead, batch in after if batch == 2}
    assert new and new == set(leads) - {lead for lead, _ in first}
    assert {batch for _, batch in after} == {1, 2}

    # A sender that sent batch 1 gets the new MQLs once; once it has sent batch 2, nothing.
    sent = handoffs_command(published, "--since", "1")
    assert sorted(row["lead_id"] for row in sent) == sorted(new)
    assert all(row["sla_status"] in ("open", "met", "missed") and row["crossing_rule_ids"] for row in sent)
    assert handoffs_command(published, "--since", "2") == []

    runner(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS,
           **({"check_freshness": False} if command == "nightly" else {}))
    assert outbox(published) == after, "a run with no new rows enqueued something"


def test_full_refresh_keeps_the_outbox(day_n_warehouse: dict, tmp_path: Path) -> None:
    database = tmp_path / "refreshed.duckdb"
    database.write_bytes(day_n_warehouse["published"].read_bytes())
    run_dbt(["build", "--full-refresh", *NO_UNIT_TESTS], duckdb_path=database, target_path=tmp_path / "target",
            capture=True)
    after = outbox(database)
    assert [row for row in after if row[1] == 1] == day_n_warehouse["first"]
    assert {lead for lead, _ in after} >= mqls(database)


def test_handoff_rows_follow_the_ledger_and_the_sla(day_n_warehouse: dict) -> None:
    database = day_n_warehouse["published"]
    with duckdb.connect(str(database), read_only=True) as con:
        sla = con.execute("select count(*) from main.fct_mql_handoffs where "
                          "sla_due_at <> mql_at + interval 5 minute").fetchone()[0]
        crossing = con.execute("""
            select count(*) from main.fct_mql_handoffs as handoffs
            where crossing_rule_ids <> (
                select string_agg(distinct rule_id, ', ' order by rule_id) from main.fct_lead_score_events as events
                where events.lead_id = handoffs.lead_id and events.effective_at = handoffs.mql_at)""").fetchone()[0]
        scores = con.execute("""
            select count(*) from main.fct_mql_handoffs as handoffs
            where lead_score <> (
                select sum(points) from main.fct_lead_score_events as events
                where events.lead_id = handoffs.lead_id and events.effective_at <= handoffs.mql_at)""").fetchone()[0]
    assert (sla, crossing, scores) == (0, 0, 0)


def test_bad_since_is_named(day_n_warehouse: dict) -> None:
    result = subprocess.run([sys.executable, "-m", "mqlfunnel.cli", "--database", str(day_n_warehouse["published"]),
                             "handoffs", "--since", "last tuesday"], cwd=PROJECT_DIR, text=True, capture_output=True)
    assert result.returncode == 1
    assert "--since 'last tuesday': give a batch number" in result.stderr


def _deliver_half_of_the_held_rows(con: duckdb.DuckDBPyConnection) -> int:
    """The first of several intraday batches: half of the held rows of every table."""
    delivered = 0
    for table in ROW_DATE:
        condition = f"hash(held.{table}) % 2 = 0"
        delivered += con.execute(f"select count(*) from held.{table} where {condition}").fetchone()[0]
        con.execute(f"insert into raw.{table} select * from held.{table} where {condition}")
        con.execute(f"delete from held.{table} where {condition}")
    con.execute("checkpoint")
    return delivered


def _move_a_visitor_to_another_lead(con: duckdb.DuckDBPyConnection) -> tuple[str, str, str]:
    """A new pageview names a known visitor with another lead (identity changes): the visitor, its lead, the other."""
    visitor, lead, other = con.execute("""
        with visitors as (
            select visitor_id, min(lead_id) as lead_id from raw.web_pageviews
            where lead_id in (select lead_id from main.dim_leads)  -- a live lead's visitor
            group by visitor_id having count(distinct lead_id) = 1
        )
        select visitors.visitor_id, visitors.lead_id,
               (select min(lead_id) from main.dim_leads where lead_id > visitors.lead_id)
        from visitors order by visitors.visitor_id limit 1""").fetchone()
    con.execute(f"""
        insert into raw.web_pageviews
        select * replace ('moved-' || pageview_id as pageview_id, '{other}' as lead_id,
                          (select max(occurred_at) from raw.web_pageviews where occurred_at <= now()::timestamp)
                          + interval 1 second as occurred_at)
        from raw.web_pageviews
        where visitor_id = '{visitor}' and pageview_id is not null and occurred_at <= now()::timestamp
        order by occurred_at desc limit 1""")
    con.execute("checkpoint")
    return visitor, lead, other


def _tests_run(published: Path) -> list[str]:
    """The data tests the last nightly or intraday run on `published` ran."""
    results = json.loads((published.with_name(published.name + ".target") / "run_results.json").read_text())
    return [result["unique_id"] for result in results["results"] if result["unique_id"].startswith("test.")]


# The lead-keyed models (macro lead_keyed_config): later builds recompute only int_leads__changed.
LEAD_KEYED = ["int_leads__fit_score_events", "int_leads__engagement_score_events", "int_leads__score_events",
              "int_leads__running_scores", "int_leads__scores"]


def _recomputed_only_changed_leads(published: Path) -> list[str]:
    """The lead-keyed models the last run on `published` built from the changed leads alone."""
    results = json.loads((published.with_name(published.name + ".target") / "run_results.json").read_text())
    return [result["unique_id"].split(".")[-1] for result in results["results"]
            if result["unique_id"].split(".")[-1] in LEAD_KEYED and "int_leads__changed" in result["compiled_code"]]


def test_intraday_batches_then_a_nightly_equal_a_full_refresh(tmp_path: Path) -> None:
    """Several intraday batches (half a day, the rest with late rows, a new lead version and a
    deletion, a visitor that changes lead), then a nightly: every mart equals a full refresh on
    the same raw rows; after each intraday the hand-off marts do; a second run changes nothing."""
    published = tmp_path / "published.duckdb"
    this_month = dt.date.today().replace(day=1).isoformat()
    with connect_warehouse(published) as con:
        generate(con, leads=1200, months=3, end_month=this_month, seed=23)
        day_n = hold_back_day_n(con)
    run_dbt(["build", *NO_UNIT_TESTS], duckdb_path=published, target_path=tmp_path / "first", capture=True)
    quiet = {"progress": lambda message: None, "dbt_args": NO_UNIT_TESTS}

    with connect_warehouse(published) as con:
        assert _deliver_half_of_the_held_rows(con) > 0
    run_intraday(published, **quiet)
    assert _tests_run(published) and not [name for name in _tests_run(published) if "checked_row_key" in name]
    with connect_warehouse(published) as con:
        deliver_day_n(con, day_n)
    run_intraday(published, **quiet)
    with connect_warehouse(published) as con:
        visitor, old_lead, new_lead = _move_a_visitor_to_another_lead(con)
    run_intraday(published, **quiet)
    changed = {lead for (lead,) in query(published, "select lead_id from intermediate.int_leads__changed")}
    live_leads = query(published, "select count(*) from main.dim_leads")[0][0]
    assert {old_lead, new_lead} <= changed and len(changed) < live_leads / 20, (len(changed), live_leads)
    assert sorted(_recomputed_only_changed_leads(published)) == sorted(LEAD_KEYED)
    hand_off_marts = ["dim_leads", "fct_lead_score_events", "fct_mql_handoffs"]
    after_intraday = compare_duckdb(full_refresh_of(published, tmp_path, "after_intraday"), published, names=hand_off_marts)
    assert after_intraday.agree, "\n".join(after_intraday.lines)
    assert query(published, f"select lead_id from intermediate.int_visitors__lead_identity "
                            f"where visitor_id = '{visitor}'") == [(new_lead,)]

    run_nightly(published, check_freshness=False, **quiet)
    assert len([name for name in _tests_run(published) if "checked_row_key" in name]) == 3  # tag full_history
    reference = full_refresh_of(published, tmp_path, "after_nightly")
    every_mart = [name for name in mart_names(reference) if name != "fct_mql_handoff_outbox"]
    compared = compare_duckdb(reference, published, names=every_mart)
    assert compared.agree, "\n".join(compared.lines)
    enqueued = [lead for lead, _ in outbox(published)]
    assert len(enqueued) == len(set(enqueued)) and set(enqueued) >= mqls(published)
    assert len({batch for _, batch in outbox(published)}) >= 2  # the intraday runs enqueued MQLs

    before = tmp_path / "before_second_runs.duckdb"  # compared as marts are: doubles to rounding
    shutil.copyfile(published, before)
    batches = outbox(published)
    run_intraday(published, **quiet)
    run_nightly(published, check_freshness=False, **quiet)
    assert outbox(published) == batches
    unchanged = compare_duckdb(before, published, names=[name for name in every_mart if name != "fct_mql_handoffs"])
    assert unchanged.agree, "\n".join(unchanged.lines)
