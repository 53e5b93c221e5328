"""Bad input a real pipeline delivers (contract sections 1 and 5): sentinel
and future dates, NaN and infinite numbers, negative won amounts, lead
versions tied on every ordering column, and timestamps landed with an
offset or as TIMESTAMPTZ on a host in another time zone."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import query
from mqlfunnel.schema import MARTS
from mqlfunnel.project import NO_UNIT_TESTS, run_dbt



def lead(lead_id: str, created: str = "2026-03-01 09:00", industry: str = "software", deleted: str = "false",
         updated: str = "2026-03-01 09:00") -> str:
    return (f"('{lead_id}', '{lead_id}@acme.com', 'VP Sales', 'Acme', '{industry}', 100, 'US', 'google', 'cpc', null, "
            f"timestamp '{created}', timestamp '{updated}', {deleted})")


def fill_bad_dates_and_numbers(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("insert into raw.crm_leads values " + ", ".join([
        lead("L1"), lead("OLD", created="1900-01-01 00:00"), lead("FUTURE", created="2100-01-01 00:00"),
    ]))
    con.execute("""
        insert into raw.web_pageviews values
            ('P1', 'V1', 'L1', timestamp '2026-03-01 10:00', '/pricing', null, null, null, null),
            ('P2', 'V1', null, timestamp '2100-01-01 00:00', '/', null, null, null, null)
    """)
    con.execute("insert into raw.form_submissions values ('F1', 'L1', 'demo_request', null, timestamp '2026-03-02 10:00')")
    con.execute("insert into raw.crm_lead_status_changes values ('S1', 'L1', 'sales_accepted', timestamp '2026-03-03 10:00', 'rep')")
    con.execute("insert into raw.event_attendance values "
                "('T1', 'W1', 'L1', timestamp '2026-03-01', true, timestamp '9999-12-31 00:00'),"
                "('T2', 'W1', 'L1', timestamp '2026-03-01', true, timestamp '2026-03-05')")
    # Spend, costs and amounts landed as DOUBLE, as a CSV or parquet load can deliver them.
    con.execute("alter table raw.ad_spend alter column spend type double")
    con.execute("alter table raw.program_costs alter column cost type double")
    con.execute("alter table raw.crm_opportunities alter column amount type double")
    con.execute("""
        insert into raw.ad_spend values
            (date '2026-03-01', 'google ads', 'google', 'cpc', 'brand', 100.0, 'USD'),
            (date '0001-01-01', 'google ads', 'google', 'cpc', 'brand', 100.0, 'USD'),
            (date '2026-03-02', 'google ads', 'google', 'cpc', 'brand', 'NaN', 'USD'),
            (date '2026-03-03', 'google ads', 'google', 'cpc', 'brand', 'Infinity', 'USD')
    """)
    con.execute("insert into raw.program_costs values (date '2026-03-01', 'events_webinars', '-Infinity')")
    con.execute("""
        insert into raw.crm_opportunities values
            ('O1', 'L1', timestamp '2026-03-04', 'closed won', true, true, timestamp '2026-03-20', 1000.0, 'NaN'),
            ('O2', 'L1', timestamp '2026-03-05', 'closed won', true, true, timestamp '2026-03-21', -200.0, 'Infinity'),
            ('O3', 'L1', timestamp '2026-03-06', 'closed won', true, true, timestamp '2026-03-22', 'NaN', 50.0)
    """)


@pytest.fixture(scope="module")
def bad_dates(warehouse_builder) -> Path:
    return warehouse_builder(fill_bad_dates_and_numbers, name="bad_dates")


def test_implausible_timestamps_are_quarantined(bad_dates: Path) -> None:
    rows = set(query(bad_dates, "select source_table, row_key, reason from audit_quarantine"))
    assert {
        ("crm_leads", "OLD", "implausible_timestamp"),
        ("crm_leads", "FUTURE", "implausible_timestamp"),
        ("web_pageviews", "P2", "implausible_timestamp"),
        ("event_attendance", "T1", "implausible_timestamp"),
        ("ad_spend", "0001-01-01|google ads|google|cpc|brand|100.00|USD", "implausible_timestamp"),
    } <= rows


def test_months_cover_the_real_data_only(bad_dates: Path) -> None:
    months = query(bad_dates, "select month, leads, attendees, mqls, spend from fct_funnel_monthly order by month")
    assert [str(month) for month, *_ in months] == ["2026-03-01"]
    assert months[0][1:] == (1, 1, 1, 100)


def test_non_finite_numbers_are_quarantined_and_margins_unknown(bad_dates: Path) -> None:
    rows = set(query(bad_dates, "select source_table, reason from audit_quarantine"))
    assert {("ad_spend", "spend is not a finite number"), ("program_costs", "cost is not a finite number"),
            ("crm_opportunities", "amount is not a finite number")} <= rows
    assert query(bad_dates, "select count(*) from audit_quarantine where reason like 'spend is not%'") == [(2,)]
    margins = query(bad_dates, "select count(*) from intermediate.int_audit__crm_opportunities"
                               " where gross_margin_pct is null and row_bucket = 'used'")
    assert margins == [(2,)]
    [(revenue,)] = query(bad_dates, "select revenue from fct_funnel_monthly")
    assert revenue == 800  # O1 1000 + O2 -200 (flagged, kept); O3's NaN amount quarantined


def test_non_finite_margins_and_negative_won_amounts_warn(bad_dates: Path) -> None:
    results = json.loads((bad_dates.parent / "bad_dates_target" / "run_results.json").read_text())["results"]
    warned = {r["unique_id"].split(".")[2]: r["failures"] for r in results if r["status"] == "warn"}
    assert warned["crm_opportunities_warn_negative_won_amount"] == 1
    assert warned["crm_opportunities_warn_non_finite_gross_margin"] == 2
    assert query(bad_dates, "select count(*) from fct_channel_unit_economics"
                            " where not isfinite(gross_margin) or not isfinite(gross_margin_rate)") == [(0,)]


def test_spine_has_no_cap(warehouse_builder) -> None:
    """With min_valid_timestamp moved back, a lead of 1900 is real: every month
    from 1900-01 to 2026-03 (1,515 months, more than a 1,000-row spine holds)."""
    database = warehouse_builder(fill_bad_dates_and_numbers, "--vars", '{min_valid_timestamp: "1800-01-01"}', name="old_spine")
    [(first, last, months)] = query(database, "select min(month), max(month), count(*) from fct_funnel_monthly")
    assert (str(first), str(last), months) == ("1900-01-01", "2026-03-01", 1515)
    assert query(database, "select sum(mqls), sum(spend) from fct_funnel_monthly") == [(1, 100)]


def fill_tied_versions(order: str):
    """Two versions of L1 tied on updated_at and every tie-break column, one
    deleted and in another industry, delivered in `order`."""
    versions = [lead("L1", industry="software"), lead("L1", industry="retail", deleted="true")]
    if order == "reversed":
        versions.reverse()

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        for version in versions:
            con.execute(f"insert into raw.crm_leads values {version}")
        con.execute("insert into raw.crm_leads values " + lead("L2"))
    return fill


def test_tied_lead_versions_do_not_depend_on_row_order(warehouse_builder) -> None:
    built = {order: warehouse_builder(fill_tied_versions(order), name=f"ties_{order}") for order in ("given", "reversed")}
    marts = {order: {mart: sorted(query(database, f"select * from {mart}"), key=repr) for mart in MARTS}
             for order, database in built.items()}
    assert marts["given"] == marts["reversed"]
    kept = {order: query(database, "select industry, is_deleted from intermediate.int_audit__crm_leads"
                                   " where lead_id = 'L1' and key_rank = 1") for order, database in built.items()}
    # The tie is broken by the rows' columns in order: 'retail' sorts before 'software'.
    assert kept["given"] == kept["reversed"] == [("retail", True)]


def build(database: Path, target: Path, tz: str | None = None) -> dict[str, list[tuple]]:
    env = {"TZ": tz} if tz else {"TZ": "UTC"}
    run_dbt(["build", *NO_UNIT_TESTS], duckdb_path=database, target_path=target, capture=True, env=env)
    return {mart: sorted(query(database, f"select * from {mart}"), key=repr) for mart in MARTS}


def test_timestamptz_and_offsets_convert_to_utc_whatever_the_host_zone(small_raw_sample: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference.duckdb"
    shutil.copyfile(small_raw_sample, reference)
    expected = build(reference, tmp_path / "reference_target")

    zoned = tmp_path / "zoned.duckdb"
    shutil.copyfile(small_raw_sample, zoned)
    with duckdb.connect(str(zoned)) as con:
        con.execute("set TimeZone = 'UTC'")
        # Pageviews land as TIMESTAMPTZ; leads' created_at as text at +02:00.
        con.execute("alter table raw.web_pageviews alter column occurred_at type timestamptz using occurred_at at time zone 'UTC'")
        con.execute("alter table raw.crm_leads alter column created_at type varchar using"
                    " strftime(created_at + interval 2 hour, '%Y-%m-%d %H:%M:%S') || '+02:00'")
        assert con.execute("select count(*) from raw.crm_leads where created_at like '%+02:00'").fetchone()[0] > 0
    assert build(zoned, tmp_path / "zoned_target", tz="America/New_York") == expected
    assert os.environ.get("TZ") != "America/New_York"  # the host's own zone is left alone


def test_a_future_row_never_moves_the_lookback_window(bad_dates: Path, tmp_path: Path) -> None:
    """bad_dates holds a pageview dated 2100 (quarantined); a pageview of the
    next hour arrives and an incremental run reads it."""
    database = tmp_path / "incremental.duckdb"
    shutil.copyfile(bad_dates, database)
    with duckdb.connect(str(database)) as con:
        con.execute("insert into raw.web_pageviews values"
                    " ('P3', 'V1', 'L1', timestamp '2026-03-01 11:00', '/blog/a', null, null, null, null)")
    result = run_dbt(["build", *NO_UNIT_TESTS], duckdb_path=database, target_path=tmp_path / "target",
                     check=False, capture=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert query(database, "select row_bucket from intermediate.int_audit__web_pageviews where pageview_id = 'P3'") == [("used",)]
    assert query(database, "select count(*) from intermediate.int_web_pageviews__checked") == [(3,)]
