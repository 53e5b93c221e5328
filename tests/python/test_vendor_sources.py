"""Vendor adapters (CONTRACT section 7): the marts built from the tables Fivetran
lands from HubSpot, Segment and the four ad platforms, or from Salesforce,
equal the marts built from section 2 tables holding the mapped rows.

`generate(shape="hubspot")` (or "salesforce") writes both into one DuckDB file:
the vendor schemas and, in schema raw, the section 2 rows they map to. One copy
is built with the default vars (reads raw), one with the adapters on; every
mart but the two audit marts (which name the vendor tables) must be equal row
by row, at the default scoring vars and at others (for Salesforce also with the
UTM fields renamed and named by vars). The audit of the vendor build must still
reconcile per vendor table. Each build takes about 25 s.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from mqlfunnel.devtools.compare import compare_duckdb, mart_names
from mqlfunnel.devtools.generator import generate
from mqlfunnel.project import NO_UNIT_TESTS, connect_warehouse, read_seed, run_dbt
from target_helpers import VENDOR_SHAPES

VENDOR_VARS, SALESFORCE_VARS = VENDOR_SHAPES["hubspot"][0], VENDOR_SHAPES["salesforce"][0]
AUDIT_MARTS = ("audit_quarantine", "audit_reconciliation")

# The vendor fact tables the audit names, and how many of their rows are read
# (rows a rule says are not read are not counted).
READ_ROWS: dict[str, str] = {
    "hubspot.contact": "select count(*) from hubspot.contact",
    "hubspot.email_event": "select count(*) from hubspot.email_event"
                           " where type in ('SENT', 'DELIVERED', 'OPEN', 'CLICK', 'BOUNCE', 'STATUSCHANGE')",
    "hubspot.contact_form_submission": "select count(*) from hubspot.contact_form_submission",
    "segment.pages": "select count(*) from segment.pages",
    "google_ads.ad_stats": "select count(*) from google_ads.ad_stats",
    "linkedin_ads.ad_analytics_by_creative": "select count(*) from linkedin_ads.ad_analytics_by_creative",
    "facebook_ads.basic_ad": "select count(*) from facebook_ads.basic_ad",
    "microsoft_ads.ad_performance_daily_report": "select count(*) from microsoft_ads.ad_performance_daily_report",
}
AUDITED_VENDOR_TABLES = {*READ_ROWS, "hubspot.contact_property_history", "hubspot.engagement", "hubspot.deal"}


@pytest.fixture(scope="module")
def hubspot_shaped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 generated leads over four months, landed as the vendors land them
    (and as the section 2 rows they map to, in schema raw); not built."""
    database = tmp_path_factory.mktemp("hubspot_shaped") / "vendor_shaped.duckdb"
    with connect_warehouse(database) as con:
        generate(con, leads=1_500, months=4, end_month="2026-03-01", seed=11, shape="hubspot")
    return database


def _build(source: Path, directory: Path, name: str, dbt_vars: dict[str, Any], prepare: str = "") -> Path:
    """A copy of `source` in `directory`, changed by the SQL `prepare`, dbt-built with `dbt_vars`."""
    database = directory / f"{name}.duckdb"
    shutil.copy(source, database)
    if prepare:
        with duckdb.connect(str(database)) as con:
            con.execute(prepare)
    result = run_dbt(["build", *NO_UNIT_TESTS, "--vars", json.dumps(dbt_vars)], duckdb_path=database,
                     target_path=directory / f"{name}_target", check=False, capture=True)
    assert result.returncode == 0, f"dbt build ({name}, vars {dbt_vars}) failed:\n{result.stdout[-6000:]}"
    return database


def _rows(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("scoring", [{}, {"mql_threshold": 60, "blog_visit_count": 2}],
                         ids=["default_scoring", "threshold_60_blog_2"])
def test_vendor_marts_equal_section2_marts(hubspot_shaped: Path, tmp_path: Path, scoring: dict[str, Any]) -> None:
    from_raw = _build(hubspot_shaped, tmp_path, "from_raw", scoring)
    from_vendor = _build(hubspot_shaped, tmp_path, "from_vendor", {**VENDOR_VARS, **scoring})

    marts = [name for name in mart_names(from_raw) if name not in AUDIT_MARTS]
    assert {"dim_leads", "fct_lead_score_events", "fct_funnel_monthly", "fct_funnel_channel_monthly"} <= set(marts)
    comparison = compare_duckdb(from_raw, from_vendor, names=marts, labels=("raw", "vendor"))
    assert comparison.agree, "\n".join(comparison.lines)
    # not equal because empty: leads, MQLs, spend and sales made it through
    (leads, mqls, sqls), = _rows(from_vendor, "select count(*), count(mql_at), count(sql_at) from main.dim_leads")
    (spend, customers), = _rows(from_vendor, "select sum(spend), sum(customers) from main.fct_funnel_monthly")
    assert leads > 1_400 and mqls > 100 and sqls > 10 and spend > 10_000 and customers > 0

    # nothing lost on vendor tables: every vendor table read reconciles
    reconciliation = {row[0]: row[1:] for row in _rows(from_vendor, """
        select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows, deleted_rows
        from main.audit_reconciliation""")}
    assert AUDITED_VENDOR_TABLES <= set(reconciliation), sorted(reconciliation)
    for table, (raw_rows, used, duplicates, quarantined, deleted) in reconciliation.items():
        assert raw_rows == used + duplicates + quarantined + deleted, table
    for table, sql in READ_ROWS.items():
        assert reconciliation[table][0] == _rows(hubspot_shaped, sql)[0][0], table
    for table in AUDITED_VENDOR_TABLES:
        assert reconciliation[table][1] > 0, f"{table}: no row used"
    reasons = {reason for (reason,) in _rows(from_vendor, """
        select distinct reason from main.audit_quarantine where source_table = 'hubspot.email_event'""")}
    assert {"orphan", "ambiguous_recipient"} <= reasons, reasons


# The Salesforce tables the audit names, and how many of their rows are read.
SALESFORCE_READ_ROWS: dict[str, str] = {
    "salesforce.lead": "select count(*) from salesforce.lead where _fivetran_active",
    "salesforce.lead_history": "select count(*) from salesforce.lead_history where field = 'Status' and not is_deleted"
                               " and new_value in (" + ", ".join(f"'{row['field_value']}'" for row in read_seed(
                                   "crm_status_map") if row["crm_source"] == "salesforce") + ")",
    "salesforce.task": "select count(*) from salesforce.task where _fivetran_active and not is_deleted",
    "salesforce.event": "select count(*) from salesforce.event where not is_deleted",
    "salesforce.opportunity": "select count(*) from salesforce.opportunity where _fivetran_active and not is_deleted",
    "salesforce.campaign_member": """
        select count(*) from salesforce.campaign_member m
        where not m.is_deleted and m.campaign_id in (
            select id from salesforce.campaign where _fivetran_active
            qualify row_number() over (partition by id order by last_modified_date desc) = 1
                and type in (""" + ", ".join(f"'{row['campaign_type']}'" for row in read_seed(
                    "salesforce_attendance_campaign_types")) + "))",
}
# Custom fields under other names than the defaults, and the vars that name them.
RENAMED_FIELDS = {"utm_source_c": "first_utm_source_c", "utm_medium_c": "first_utm_medium_c",
                  "referrer_c": "first_referrer_c"}
RENAME_SQL = "; ".join(f"alter table salesforce.lead rename column {old} to {new}"
                       for old, new in RENAMED_FIELDS.items())
RENAMED_VARS = {"salesforce_utm_source_field": "first_utm_source_c", "salesforce_utm_medium_field": "first_utm_medium_c",
                "salesforce_referrer_field": "first_referrer_c"}


@pytest.fixture(scope="module")
def salesforce_shaped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same generation landed as Fivetran lands Salesforce (and the section 2
    rows it maps to, in schema raw); not built."""
    database = tmp_path_factory.mktemp("salesforce_shaped") / "salesforce_shaped.duckdb"
    with connect_warehouse(database) as con:
        generate(con, leads=1_500, months=4, end_month="2026-03-01", seed=11, shape="salesforce")
    return database


@pytest.mark.parametrize("scoring, renamed", [({}, False), ({"mql_threshold": 60, "blog_visit_count": 2}, True)],
                         ids=["default_vars", "threshold_60_renamed_utm_fields"])
def test_salesforce_marts_equal_section2_marts(salesforce_shaped: Path, tmp_path: Path, scoring: dict[str, Any],
                                               renamed: bool) -> None:
    from_raw = _build(salesforce_shaped, tmp_path, "from_raw", scoring)
    from_salesforce = _build(salesforce_shaped, tmp_path, "from_salesforce",
                             {**SALESFORCE_VARS, **scoring, **(RENAMED_VARS if renamed else {})},
                             prepare=RENAME_SQL if renamed else "")

    marts = [name for name in mart_names(from_raw) if name not in AUDIT_MARTS]
    comparison = compare_duckdb(from_raw, from_salesforce, names=marts, labels=("raw", "salesforce"))
    assert comparison.agree, "\n".join(comparison.lines)
    # not equal because empty: leads, MQLs, sales, margins, attendance and referrers made it through
    (leads, mqls, sqls), = _rows(from_salesforce, "select count(*), count(mql_at), count(sql_at) from main.dim_leads")
    (referred,), = _rows(from_salesforce, "select count(referrer_host) from staging.stg_crm__leads")
    (customers,), = _rows(from_salesforce, "select sum(customers) from main.fct_funnel_monthly")
    assert leads > 1_400 and mqls > 100 and sqls > 10 and referred > 100 and customers > 0
    # converted leads keep what names their contact: tasks, opportunities and members reach the lead
    (contact_tasks,), = _rows(salesforce_shaped, "select count(*) from salesforce.task where who_id like '003%'")
    (via_roles,), = _rows(salesforce_shaped, "select count(*) from salesforce.opportunity_contact_role where is_primary")
    assert contact_tasks > 10 and via_roles > 5
    (margins,), = _rows(from_salesforce, "select count(gross_margin_pct) from staging.stg_crm__opportunities")
    assert margins > 10

    reconciliation = {row[0]: row[1:] for row in _rows(from_salesforce, """
        select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows, deleted_rows
        from main.audit_reconciliation""")}
    assert set(SALESFORCE_READ_ROWS) <= set(reconciliation), sorted(reconciliation)
    for table, (raw_rows, used, duplicates, quarantined, deleted) in reconciliation.items():
        assert raw_rows == used + duplicates + quarantined + deleted, table
    for table, sql in SALESFORCE_READ_ROWS.items():
        assert reconciliation[table][0] == _rows(salesforce_shaped, sql)[0][0], table
        assert reconciliation[table][1] > 0, f"{table}: no row used"
    (orphans,), = _rows(from_salesforce, """
        select count(*) from main.audit_quarantine where source_table = 'salesforce.task' and reason = 'orphan'""")
    assert orphans > 0
