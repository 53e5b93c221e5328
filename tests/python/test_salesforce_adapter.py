"""Contract section 7, Salesforce (`crm_source: salesforce`): the adapters in
models/sources/salesforce on a small Salesforce landing written here by hand,
row by row, so each rule is checked on the row that exercises it (converted
leads, History Mode versions, deleted rows, orphans, seeds and UTM vars), and
on Fivetran's own Salesforce seeds (../shared/fixtures/fivetran/salesforce),
which must build with every row read accounted for in the audit."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import query
from mqlfunnel.project import NO_UNIT_TESTS, run_dbt
from target_helpers import mqlfunnel
from test_vendor_adapters import FIXTURES

L1, L2, L3, L4 = "00Q000000000001AAA", "00Q000000000002AAA", "00Q000000000003AAA", "00Q000000000004AAA"
C1, C3 = "003000000000001AAA", "003000000000003AAA"  # the contacts L1 and L3 converted into
O1, O2, O3 = "006000000000001AAA", "006000000000002AAA", "006000000000003AAA"

LANDING = f"""
create schema salesforce;
create table salesforce.lead (
    id varchar, email varchar, title varchar, company varchar, industry varchar, number_of_employees integer,
    country varchar, country_code varchar, lead_source varchar, utm_source_c varchar, utm_medium_c varchar,
    referrer_c varchar, first_touch_source_c varchar, status varchar, created_date timestamp,
    last_modified_date timestamp, is_deleted boolean, is_converted boolean, converted_contact_id varchar,
    converted_opportunity_id varchar, _fivetran_active boolean, _fivetran_synced timestamp);
insert into salesforce.lead values
    -- converted into C1 and O1; utm fields set
    ('{L1}', 'ann@acme.io', 'VP Marketing', 'Acme', 'Software', 250, 'Germany', 'DE', 'Paid Search',
     'google', 'cpc', 'https://www.Google.com/search?q=x', 'ads', 'Closed - Converted',
     '2026-01-05 10:00:00', '2026-02-01 10:00:00', false, true, '{C1}', '{O1}', true, '2026-03-01'),
    -- its older History Mode version: not read
    ('{L1}', 'ann@old.io', 'Marketer', 'Acme', 'Software', 10, 'Germany', null, 'Web', null, null, null, null,
     'Open', '2026-01-05 10:00:00', '2026-01-06 10:00:00', false, false, null, null, false, '2026-03-01'),
    -- utm fields empty: medium from seed salesforce_lead_sources, source the lead_source
    ('{L2}', 'bob@beta.io', 'CTO', 'Beta', 'Fintech', null, 'France', null, 'Webinar', ' ', null, null, null,
     'Working', '2026-01-07 10:00:00', '2026-01-07 10:00:00', false, false, null, null, null, '2026-03-01'),
    -- converted into C3 only; a lead_source the seed does not list: medium other
    ('{L3}', 'cy@gamma.io', 'Analyst', 'Gamma', 'Retail', 40, null, null, 'Cold Call', null, null, null, null,
     'Closed - Converted', '2026-01-08 10:00:00', '2026-01-08 10:00:00', false, true, '{C3}', null, true,
     '2026-03-01'),
    -- deleted: mapped, marked deleted
    ('{L4}', 'dee@delta.io', 'CEO', 'Delta', 'Software', 5, 'US', 'US', null, null, null, null, null,
     'Open', '2026-01-09 10:00:00', '2026-01-09 10:00:00', true, false, null, null, true, '2026-03-01');

create table salesforce.lead_history (
    id varchar, lead_id varchar, field varchar, old_value varchar, new_value varchar, created_date timestamp,
    created_by_id varchar, is_deleted boolean);
insert into salesforce.lead_history values
    ('017000000000001AAA', '{L1}', 'Status', 'Open', 'Qualified', '2026-01-20 09:00:00', '005000000000001AAA', false),
    ('017000000000002AAA', '{L2}', 'status', 'Open', ' unqualified ', '2026-01-21 09:00:00', '005000000000001AAA', false),
    ('017000000000003AAA', '{L2}', 'Status', 'Open', 'Working', '2026-01-10 09:00:00', '005000000000001AAA', false),
    ('017000000000004AAA', '{L3}', 'Rating', 'Cold', 'Qualified', '2026-01-22 09:00:00', '005000000000001AAA', false),
    ('017000000000005AAA', '{L3}', 'Status', 'Open', 'Qualified', '2026-01-23 09:00:00', '005000000000001AAA', true);

create table salesforce.task (
    id varchar, who_id varchar, type varchar, subject varchar, created_date timestamp, owner_id varchar,
    is_deleted boolean, _fivetran_active boolean);
insert into salesforce.task values
    ('00T000000000001AAA', '{L1}', 'Call', 'intro', '2026-01-06 11:00:00', '005000000000007AAA', false, true),
    ('00T000000000002AAA', '{C1}', 'Email', 'after conversion', '2026-02-03 11:00:00', '005000000000007AAA', false, null),
    ('00T000000000003AAA', '{L2}', null, 'no type', '2026-01-08 11:00:00', '005000000000008AAA', false, true),
    ('00T000000000004AAA', '{L2}', 'Call', 'deleted', '2026-01-08 12:00:00', '005000000000008AAA', true, true),
    ('00T000000000005AAA', '003999999999999AAA', 'Call', 'unknown contact', '2026-01-08 13:00:00', '005000000000008AAA', false, true),
    ('00T000000000006AAA', '{L2}', 'Call', 'old version', '2026-01-08 14:00:00', '005000000000008AAA', false, false);

create table salesforce.event (
    id varchar, who_id varchar, type varchar, created_date timestamp, start_date_time timestamp,
    owner_id varchar, is_deleted boolean);
insert into salesforce.event values
    ('00U000000000001AAA', '{C3}', 'Meeting', '2026-01-09 08:00:00', '2026-01-12 15:00:00', '005000000000007AAA', false),
    ('00U000000000002AAA', '{L2}', '', '2026-01-09 08:00:00', '2026-01-13 15:00:00', '005000000000007AAA', false);

create table salesforce.opportunity (
    id varchar, stage_name varchar, amount double, close_date date, created_date timestamp, is_closed boolean,
    is_won boolean, is_deleted boolean, gross_margin_c double, _fivetran_active boolean);
insert into salesforce.opportunity values
    ('{O1}', 'Closed Won', 12000, '2026-03-15', '2026-02-01 10:00:00', true, true, false, 0.7, true),
    ('{O1}', 'Negotiation', 9000, '2026-03-30', '2026-02-01 10:00:00', false, false, false, 0.7, false),
    ('{O2}', 'Proposal', 5000, '2026-04-30', '2026-02-10 10:00:00', false, false, false, 0.5, true),
    ('{O3}', 'Prospecting', 1000, '2026-05-30', '2026-02-11 10:00:00', false, false, false, null, true),
    ('006000000000004AAA', 'Prospecting', 1000, '2026-05-30', '2026-02-11 10:00:00', false, false, true, null, true);

create table salesforce.opportunity_contact_role (
    id varchar, opportunity_id varchar, contact_id varchar, is_primary boolean, is_deleted boolean);
insert into salesforce.opportunity_contact_role values
    ('00K000000000001AAA', '{O2}', '{C3}', true, false),
    ('00K000000000002AAA', '{O3}', '{C3}', false, false);

create table salesforce.campaign (
    id varchar, name varchar, type varchar, last_modified_date timestamp, is_deleted boolean);
insert into salesforce.campaign values
    ('701000000000001AAA', 'Pipeline webinar', 'Webinar', '2026-01-01 00:00:00', false),
    ('701000000000002AAA', 'January newsletter', 'Email', '2026-01-01 00:00:00', false),
    ('701000000000003AAA', 'Summit', 'Email', '2026-01-01 00:00:00', false),
    ('701000000000003AAA', 'Summit', 'Trade Show', '2026-01-02 00:00:00', false);

create table salesforce.campaign_member (
    id varchar, campaign_id varchar, lead_id varchar, contact_id varchar, created_date timestamp,
    has_responded boolean, first_responded_date date, is_deleted boolean);
insert into salesforce.campaign_member values
    ('00v000000000001AAA', '701000000000001AAA', '{L2}', null, '2026-01-14 10:00:00', true, '2026-01-20', false),
    ('00v000000000002AAA', '701000000000003AAA', null, '{C3}', '2026-01-15 10:00:00', false, null, false),
    ('00v000000000003AAA', '701000000000002AAA', '{L1}', null, '2026-01-15 10:00:00', true, '2026-01-16', false),
    ('00v000000000004AAA', '701000000000001AAA', null, '003999999999999AAA', '2026-01-16 10:00:00', true, null, false);
"""

SALESFORCE_VARS: dict[str, Any] = {
    "crm_source": "salesforce",
    "salesforce_gross_margin_field": "gross_margin_c",
    "crm_leads_passthrough_columns": ["first_touch_source_c"],
}


@pytest.fixture(scope="module")
def salesforce_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("salesforce")
    database = directory / "crm_landing.duckdb"  # not salesforce.duckdb: a catalog named like the schema is ambiguous
    with duckdb.connect(str(database)) as con:
        con.execute(LANDING)
    built = run_dbt(["build", *NO_UNIT_TESTS, "--vars", json.dumps(SALESFORCE_VARS)], duckdb_path=database,
                    target_path=directory / "target", capture=True, check=False)
    assert built.returncode == 0, built.stdout[-6000:]
    return database


def _rows(database: Path, sql: str) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in query(database, sql)}


def test_leads_map_the_active_version_with_utm_fallbacks(salesforce_warehouse: Path) -> None:
    leads = _rows(salesforce_warehouse, """
        select lead_id, email, employee_count, country, original_utm_source, original_utm_medium,
               original_referrer_host, is_deleted, first_touch_source_c
        from landing.salesforce__crm_leads""")
    assert set(leads) == {L1, L2, L3, L4}  # one row each: the inactive version of L1 is not read
    assert leads[L1] == ("ann@acme.io", 250, "DE", "google", "cpc", "www.google.com", False, "ads")
    assert leads[L2][3:5] == ("Webinar", "event")  # blank utm fields: the lead source and seed medium
    assert leads[L2][2] == "France"                # no country_code: country
    assert leads[L3][3:5] == ("Cold Call", "other")  # not in the seed
    assert leads[L4][3:5] == (None, None) and leads[L4][6] is True
    dim = _rows(salesforce_warehouse, "select lead_id, first_touch_source_c from main.dim_leads")
    assert dim[L1] == ("ads",)  # the passthrough reaches dim_leads


def test_status_changes_are_the_mapped_status_rows(salesforce_warehouse: Path) -> None:
    changes = _rows(salesforce_warehouse, """
        select status_change_id, lead_id, new_status, changed_by from landing.salesforce__crm_lead_status_changes""")
    assert changes == {
        "017000000000001AAA": (L1, "sales_accepted", "005000000000001AAA"),
        "017000000000002AAA": (L2, "sales_rejected", "005000000000001AAA"),  # matched on lower(trim())
    }  # Working is not in crm_status_map, Rating is not Status, the deleted row is not read


def test_activities_follow_the_lead_after_conversion(salesforce_warehouse: Path) -> None:
    activities = _rows(salesforce_warehouse, """
        select activity_id, lead_id, activity_type, occurred_at, source_table, unmapped_reason
        from landing.salesforce__crm_activities""")
    assert {key: value[0] for key, value in activities.items()} == {
        "00T000000000001AAA": L1, "00T000000000002AAA": L1,  # on the lead and on its converted contact
        "00T000000000003AAA": L2, "00T000000000005AAA": None,
        "00U000000000001AAA": L3, "00U000000000002AAA": L2,
    }  # the deleted task and the inactive version are not read
    assert activities["00T000000000005AAA"][-1] == "orphan"
    assert activities["00T000000000003AAA"][1] == "task" and activities["00U000000000002AAA"][1] == "event"
    assert str(activities["00U000000000001AAA"][2]) == "2026-01-12 15:00:00"  # an event's start_date_time
    staged = _rows(salesforce_warehouse, "select activity_id, activity_type from staging.stg_crm__activities")
    assert staged["00T000000000002AAA"] == ("email",)


def test_opportunities_find_their_lead_by_conversion_or_primary_contact(salesforce_warehouse: Path) -> None:
    opportunities = _rows(salesforce_warehouse, """
        select opportunity_id, lead_id, stage, is_won, closed_at, gross_margin_pct, unmapped_reason
        from landing.salesforce__crm_opportunities""")
    assert set(opportunities) == {O1, O2, O3}  # the deleted one and O1's old version are not read
    assert opportunities[O1][:3] == (L1, "Closed Won", True)
    assert str(opportunities[O1][3]) == "2026-03-15 00:00:00" and opportunities[O1][4] == pytest.approx(0.7)
    assert opportunities[O2][0] == L3 and opportunities[O2][3] is None  # primary contact C3; open: no closed_at
    assert opportunities[O3][0] is None and opportunities[O3][-1] == "orphan"  # a contact role, not primary


def test_attendance_is_the_members_of_attendance_campaigns(salesforce_warehouse: Path) -> None:
    attendance = _rows(salesforce_warehouse, """
        select attendance_id, event_id, lead_id, attended, attended_at, unmapped_reason
        from landing.salesforce__event_attendance""")
    assert set(attendance) == {"00v000000000001AAA", "00v000000000002AAA", "00v000000000004AAA"}
    assert attendance["00v000000000001AAA"][1:4] == (L2, True, attendance["00v000000000001AAA"][3])
    assert str(attendance["00v000000000001AAA"][3]) == "2026-01-20 00:00:00"
    assert attendance["00v000000000002AAA"][1] == L3  # by the contact L3 converted into; the campaign's latest type
    assert attendance["00v000000000004AAA"][-1] == "orphan"


def test_sql_agreement_compares_our_sql_at_with_the_first_accepted_status(salesforce_warehouse: Path) -> None:
    comparison = _rows(salesforce_warehouse, """
        select lead_id, sql_at, salesforce_accepted_at, agreement
        from intermediate.int_leads__salesforce_sql_comparison""")
    assert set(comparison) == {L1, L2, L3}  # the live leads
    assert str(comparison[L1][1]) == "2026-01-20 09:00:00"  # Qualified; L3's accepted row is deleted
    assert comparison[L3][1] is None and comparison[L2][1] is None  # L2 was rejected, not accepted
    for sql_at, accepted_at, agreement in comparison.values():
        expected = {(True, True): "both", (True, False): "ours_only", (False, True): "salesforce_only",
                    (False, False): "neither"}[(sql_at is not None, accepted_at is not None)]
        assert agreement == expected
    mart = _rows(salesforce_warehouse, "select agreement, leads, share_of_accepted from main.fct_salesforce_sql_agreement")
    classes = [agreement for _, _, agreement in comparison.values()]
    assert {agreement: leads for agreement, (leads, _) in mart.items()} == {c: classes.count(c) for c in set(classes)}
    assert comparison[L1][2] in ("both", "salesforce_only")


def test_every_salesforce_row_read_is_reconciled(salesforce_warehouse: Path) -> None:
    reconciliation = _rows(salesforce_warehouse, """
        select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows, deleted_rows
        from main.audit_reconciliation where source_table like 'salesforce.%'""")
    assert {table: counts[0] for table, counts in reconciliation.items()} == {
        "salesforce.lead": 4, "salesforce.lead_history": 2, "salesforce.task": 4, "salesforce.event": 2,
        "salesforce.opportunity": 3, "salesforce.campaign_member": 3,
    }
    for table, (raw, used, duplicate, quarantined, deleted) in reconciliation.items():
        assert raw == used + duplicate + quarantined + deleted, table
    assert reconciliation["salesforce.lead"][4] == 1  # L4
    assert reconciliation["salesforce.task"][3] == 1 and reconciliation["salesforce.opportunity"][3] == 1


def _csv_rows(table: str) -> list[dict[str, str]]:
    with (FIXTURES / "salesforce" / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _is_read(row: dict[str, str], with_deleted: bool = False) -> bool:
    active = row.get("_fivetran_active", "").strip().lower() != "false"
    return active and (with_deleted or row.get("is_deleted", "").strip().lower() != "true")


def test_fivetran_salesforce_seeds_build_with_every_row_accounted_for(tmp_path: Path) -> None:
    database = tmp_path / "fivetran_salesforce.duckdb"
    folder = tmp_path / "landing"
    shutil.copytree(FIXTURES / "salesforce", folder / "salesforce")
    loaded = mqlfunnel("--database", str(database), "load", "--from", str(folder))
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    built = run_dbt(["build", *NO_UNIT_TESTS, "--vars", "{crm_source: salesforce}"], duckdb_path=database,
                    target_path=tmp_path / "target", capture=True, check=False)
    assert built.returncode == 0, built.stdout[-6000:]
    # the seeds' lead has utm_source_c and utm_medium_c but no referrer_c: read as NULL, and said so
    assert "salesforce.lead has no column referrer_c (var salesforce_referrer_field)" in built.stdout
    assert "no column utm_source_c" not in built.stdout and "no column utm_medium_c" not in built.stdout
    reconciliation = _rows(database, """
        select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows, deleted_rows
        from main.audit_reconciliation""")
    expected = {
        "salesforce.lead": sum(_is_read(row, with_deleted=True) for row in _csv_rows("lead")),
        "salesforce.task": sum(_is_read(row) for row in _csv_rows("task")),
        "salesforce.event": sum(_is_read(row) for row in _csv_rows("event")),
        "salesforce.opportunity": sum(_is_read(row) for row in _csv_rows("opportunity")),
        "salesforce.lead_history": 0, "salesforce.campaign_member": 0,  # not in the seeds: read as empty
    }
    assert {table: counts[0] for table, counts in reconciliation.items() if table.startswith("salesforce.")} == expected
    assert expected["salesforce.task"] > 0 and expected["salesforce.event"] > 0
    for table, (raw, used, duplicate, quarantined, deleted) in reconciliation.items():
        assert raw == used + duplicate + quarantined + deleted, table
    # the seeds do not join: their tasks and events name contacts no lead converted into
    assert reconciliation["salesforce.task"][3] == expected["salesforce.task"]
