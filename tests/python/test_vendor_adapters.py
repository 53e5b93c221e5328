"""Contract section 7 on Fivetran's own landing shapes: the integration-test
seeds of their HubSpot, Segment and ad-platform packages (../shared/fixtures/
fivetran, never copied here), landed by `mqlfunnel load` as they are, build
with every adapter switched on, and every vendor row read is accounted for in
the audit, with the rows the contract's rules read counted here on the CSVs
with the default seeds."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import query
from mqlfunnel.project import PROJECT_DIR, SEEDS_DIR, run_dbt
from target_helpers import mqlfunnel

# Beside the repository (../shared), wherever the checkout is; or where MQL_FIVETRAN_FIXTURES says.
_FIXTURE_CANDIDATES = [PROJECT_DIR.parent / "shared" / "fixtures" / "fivetran", Path("/work/shared/fixtures/fivetran")]
FIXTURES = Path(os.environ.get("MQL_FIVETRAN_FIXTURES", "")) if os.environ.get("MQL_FIVETRAN_FIXTURES") else next(
    (path for path in _FIXTURE_CANDIDATES if path.is_dir()), _FIXTURE_CANDIDATES[0])
ALL_ADAPTERS = "{crm_source: hubspot, web_source: segment, ad_platforms: [google_ads, linkedin_ads, facebook_ads, microsoft_ads]}"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _text(value: str | None) -> str:
    """The contract's text rule: lower(trim(value)), NULL (an empty CSV field) as ''."""
    return (value or "").strip().lower()


def _fixture(schema: str, table: str) -> list[dict[str, str]]:
    return _csv_rows(FIXTURES / schema / f"{table}.csv")


def rows_read() -> dict[str, int]:
    """Rows of each vendor table that the contract's rules read, counted on the CSVs with the default seeds."""
    status_map = {(_text(row["field_name"]), _text(row["field_value"]))
                  for row in _csv_rows(SEEDS_DIR / "crm_status_map.csv") if _text(row["crm_source"]) == "hubspot"}
    email_types = {_text(row["vendor_event_type"]) for row in _csv_rows(SEEDS_DIR / "email_event_types.csv")}
    touch_types = {_text(row["engagement_type"]) for row in _csv_rows(SEEDS_DIR / "hubspot_sales_touch_types.csv")}
    return {
        "hubspot.contact": len(_fixture("hubspot", "contact")),
        "hubspot.contact_property_history": sum(
            (_text(row["name"]), _text(row["value"])) in status_map
            for row in _fixture("hubspot", "contact_property_history")),
        # sales touches become activities, INCOMING_EMAIL engagements reply e-mail events
        "hubspot.engagement": sum(_text(row["type"]) in touch_types | {"incoming_email"}
                                  for row in _fixture("hubspot", "engagement")),
        "hubspot.email_event": sum(_text(row["type"]) in email_types for row in _fixture("hubspot", "email_event")),
        "hubspot.contact_form_submission": len(_fixture("hubspot", "contact_form_submission")),
        "hubspot.deal": sum(_text(row["is_deleted"]) != "true" for row in _fixture("hubspot", "deal")),
        "segment.pages": len(_fixture("segment", "pages")),
        "google_ads.ad_stats": len(_fixture("google_ads", "ad_stats")),
        "linkedin_ads.ad_analytics_by_creative": len(_fixture("linkedin_ads", "ad_analytics_by_creative")),
        "facebook_ads.basic_ad": len(_fixture("facebook_ads", "basic_ad")),
        "microsoft_ads.ad_performance_daily_report": len(_fixture("microsoft_ads", "ad_performance_daily_report")),
    }


@pytest.fixture(scope="module")
def fixture_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not FIXTURES.is_dir():
        pytest.fail(f"Fivetran fixtures not found at {FIXTURES} (set MQL_FIVETRAN_FIXTURES)")
    directory = tmp_path_factory.mktemp("fivetran")
    database = directory / "fivetran.duckdb"
    loaded = mqlfunnel("--database", str(database), "load", "--from", str(FIXTURES))
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    built = run_dbt(["build", "--exclude-resource-type", "unit_test", "--vars", ALL_ADAPTERS],
                    duckdb_path=database, target_path=directory / "target", capture=True, check=False)
    assert built.returncode == 0, built.stdout[-6000:]
    return database


def _types(database: Path, relation: str) -> dict[str, str]:
    return {row[0]: row[1] for row in query(database, f"describe {relation}")}


def test_fixtures_land_with_their_types(fixture_warehouse: Path) -> None:
    every_csv = sorted(FIXTURES.glob("*/*.csv"))
    landed = {f"{schema}.{table}" for schema, table in query(
        fixture_warehouse, "select table_schema, table_name from information_schema.tables "
        "where table_schema not in ('main', 'raw') and table_type = 'BASE TABLE'")}
    assert {f"{path.parent.name}.{path.stem}" for path in every_csv} <= landed  # salesforce too
    for path in every_csv:
        relation = f"{path.parent.name}.{path.stem}"
        assert query(fixture_warehouse, f"select count(*) from {relation}")[0][0] == len(_csv_rows(path)), relation
    contact = _types(fixture_warehouse, "hubspot.contact")
    assert contact["id"] == "BIGINT" and contact["_fivetran_deleted"] == "BOOLEAN"
    assert contact["property_createdate"] == "TIMESTAMP"
    submission = _types(fixture_warehouse, "hubspot.contact_form_submission")
    assert submission["contact_id"] == "VARCHAR"
    assert [row[0] for row in query(fixture_warehouse,
            "select contact_id from hubspot.contact_form_submission order by conversion_id")][:3] == ["001", "002", "003"]
    assert _types(fixture_warehouse, "microsoft_ads.ad_history")["modified_time"] == "TIMESTAMP"


def test_every_vendor_table_read_is_reconciled(fixture_warehouse: Path) -> None:
    reconciliation = {row[0]: row[1:] for row in query(
        fixture_warehouse,
        "select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows, deleted_rows"
        " from main.audit_reconciliation")}
    for table, (raw, used, duplicate, quarantined, deleted) in reconciliation.items():
        assert raw == used + duplicate + quarantined + deleted, table
    expected = rows_read()
    vendor = {table: counts[0] for table, counts in reconciliation.items() if "." in table}
    assert vendor == expected
    assert not any(table.startswith("salesforce.") for table in reconciliation)  # loaded, not read
    # schema raw is empty: whatever raw table the audit names has no rows
    assert all(counts[0] == 0 for table, counts in reconciliation.items() if "." not in table)


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


def test_renamed_and_extra_vendor_columns_and_the_database_var(fixture_warehouse: Path, tmp_path: Path) -> None:
    """A connector that names a column differently is mapped by var vendor_column_names; an
    extra HubSpot property passes through to dim_leads by var crm_leads_passthrough_columns;
    the vendor database is var hubspot_database (here the file's own catalog, named so)."""
    database = tmp_path / "renamed.duckdb"
    shutil.copyfile(fixture_warehouse, database)
    with duckdb.connect(str(database)) as con:
        con.execute("alter table hubspot.contact rename column property_company to property_company_name")
    settings = {
        "crm_source": "hubspot", "web_source": "segment", "ad_platforms": ["google_ads"],
        "vendor_column_names": {"hubspot.contact.property_company": "property_company_name"},
        "crm_leads_passthrough_columns": ["property_firstname"],
        "hubspot_database": "renamed",
    }
    built = run_dbt(["build", "--exclude-resource-type", "unit_test", "--vars", json.dumps(settings)],
                    duckdb_path=database, target_path=tmp_path / "target", capture=True, check=False)
    assert built.returncode == 0, built.stdout[-6000:]
    companies = query(database, "select count(company_name) from staging.stg_crm__leads")[0][0]
    assert companies == sum(bool(row["property_company"]) for row in _fixture("hubspot", "contact")) > 0
    first_names = dict(query(database, "select lead_id, property_firstname from main.dim_leads"))
    expected = {row["id"]: row["property_firstname"] for row in _fixture("hubspot", "contact")}
    assert first_names and all(first_names[lead] == expected[lead] for lead in first_names)
    compiled = next((tmp_path / "target" / "compiled").rglob("hubspot__crm_leads.sql")).read_text()
    assert '"renamed"."hubspot"."contact"' in compiled


def test_a_wrong_vendor_database_var_is_refused_before_anything_runs(fixture_warehouse: Path, tmp_path: Path) -> None:
    database = tmp_path / "copy.duckdb"
    shutil.copyfile(fixture_warehouse, database)
    result = run_dbt(["build", "--vars", json.dumps({"crm_source": "hubspot", "hubspot_database": ""})],
                     duckdb_path=database, target_path=tmp_path / "target", capture=True, check=False)
    assert result.returncode != 0
    assert 'var hubspot_database = "": must be a non-empty text' in result.stdout
