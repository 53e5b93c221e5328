"""Contract section 7 on Fivetran's own landing shapes: the integration-test
seeds of their HubSpot, Segment and ad-platform packages (../shared/fixtures/
fivetran, never copied here), landed as they are, build with every adapter
switched on, and every vendor row read is accounted for in the audit."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from mqlfunnel.project import PROJECT_DIR, connect_warehouse, run_dbt

from conftest import query

# Beside the repository (../shared), wherever the checkout is; or where MQL_FIVETRAN_FIXTURES says.
_FIXTURE_CANDIDATES = [PROJECT_DIR.parent / "shared" / "fixtures" / "fivetran", Path("/work/shared/fixtures/fivetran")]
FIXTURES = Path(os.environ.get("MQL_FIVETRAN_FIXTURES", "")) if os.environ.get("MQL_FIVETRAN_FIXTURES") else next(
    (path for path in _FIXTURE_CANDIDATES if path.is_dir()), _FIXTURE_CANDIDATES[0])
VENDOR_SCHEMAS = ("hubspot", "segment", "google_ads", "linkedin_ads", "facebook_ads", "microsoft_ads")
ALL_ADAPTERS = "{crm_source: hubspot, web_source: segment, ad_platforms: [google_ads, linkedin_ads, facebook_ads, microsoft_ads]}"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def fixture_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not FIXTURES.is_dir():
        pytest.fail(f"Fivetran fixtures not found at {FIXTURES} (set MQL_FIVETRAN_FIXTURES)")
    directory = tmp_path_factory.mktemp("fivetran")
    database = directory / "fivetran.duckdb"
    with connect_warehouse(database) as con:
        for schema in VENDOR_SCHEMAS:
            con.execute(f"create schema {schema}")
            for table in sorted((FIXTURES / schema).glob("*.csv")):
                con.execute(f"create table {schema}.{table.stem} as select * from read_csv(?, header = true)",
                            [str(table)])
    run_dbt(["build", "--exclude", "test_type:unit", "--vars", ALL_ADAPTERS],
            duckdb_path=database, target_path=directory / "target", capture=True)
    return database


def test_every_vendor_table_read_is_reconciled(fixture_warehouse: Path) -> None:
    rows = {row[0]: row[1:] for row in query(fixture_warehouse, "select * from main.audit_reconciliation")}
    expected = {
        "hubspot.contact", "hubspot.contact_property_history", "hubspot.engagement", "hubspot.email_event",
        "hubspot.contact_form_submission", "hubspot.deal", "segment.pages", "google_ads.ad_stats",
        "linkedin_ads.ad_analytics_by_creative", "facebook_ads.basic_ad", "microsoft_ads.ad_performance_daily_report",
        "event_attendance", "program_costs",
    }
    assert set(rows) == expected
    for table, (raw, used, duplicate, quarantined, deleted) in rows.items():
        assert raw == used + duplicate + quarantined + deleted, table
    # Rows read, counted here on the CSVs with the default seeds.
    for table in ("contact", "contact_form_submission"):
        assert rows[f"hubspot.{table}"][0] == len(_csv_rows(FIXTURES / "hubspot" / f"{table}.csv"))
    read_types = {row["vendor_event_type"].strip().lower() for row in _csv_rows(PROJECT_DIR / "seeds" / "email_event_types.csv")}
    events = [row for row in _csv_rows(FIXTURES / "hubspot" / "email_event.csv") if row["type"].strip().lower() in read_types]
    assert rows["hubspot.email_event"][0] == len(events) > 0
    live_deals = [row for row in _csv_rows(FIXTURES / "hubspot" / "deal.csv") if row["is_deleted"].strip().lower() != "true"]
    assert rows["hubspot.deal"][0] == len(live_deals)
    for schema, table in (("segment", "pages"), ("google_ads", "ad_stats"), ("facebook_ads", "basic_ad"),
                          ("linkedin_ads", "ad_analytics_by_creative"), ("microsoft_ads", "ad_performance_daily_report")):
        assert rows[f"{schema}.{table}"][0] == len(_csv_rows(FIXTURES / schema / f"{table}.csv")), table


def test_vendor_rows_that_feed_nothing_are_quarantined_with_their_reason(fixture_warehouse: Path) -> None:
    reasons = dict(((table, reason), count) for table, reason, count in query(
        fixture_warehouse, "select source_table, reason, count(*) from main.audit_quarantine group by all"))
    # The fixture's e-mail recipients are hashed and match no contact; its deals have no deal_contact rows.
    assert reasons[("hubspot.email_event", "orphan")] > 0
    assert reasons[("hubspot.deal", "orphan")] > 0
    quarantined = dict(query(fixture_warehouse,
                             "select source_table, quarantined_rows from main.audit_reconciliation"))
    for (table, _), count in reasons.items():
        assert table in quarantined
    assert sum(reasons.values()) == sum(quarantined.values())


def test_fixture_spend_is_mapped_with_currency_and_platform_defaults(fixture_warehouse: Path) -> None:
    spend = query(fixture_warehouse, """
        select platform, utm_source, utm_medium, currency, count(*)
        from staging.stg_marketing__ad_spend
        group by all order by all""")
    platforms = {row[0] for row in spend}
    assert platforms == {"google_ads", "linkedin_ads", "facebook_ads", "microsoft_ads"}
    # Google's fixture URLs carry no utm parameters: the seed's defaults apply.
    assert ("google_ads", "google", "cpc") in {row[:3] for row in spend}
