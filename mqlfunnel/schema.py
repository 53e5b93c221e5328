"""Product: the tables of the contract, the raw landing tables (section 2: names,
columns, landing types) and the marts every build publishes (section 6)."""

from __future__ import annotations

import duckdb

RAW_SCHEMA_NAME = "raw"

# Column names and landing types of CONTRACT section 2, in order.
RAW_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "crm_leads": [
        ("lead_id", "VARCHAR"), ("email", "VARCHAR"), ("job_title", "VARCHAR"),
        ("company_name", "VARCHAR"), ("industry", "VARCHAR"), ("employee_count", "INTEGER"),
        ("country", "VARCHAR"), ("original_utm_source", "VARCHAR"),
        ("original_utm_medium", "VARCHAR"), ("original_referrer_host", "VARCHAR"),
        ("created_at", "TIMESTAMP"), ("updated_at", "TIMESTAMP"), ("is_deleted", "BOOLEAN"),
    ],
    "crm_lead_status_changes": [
        ("status_change_id", "VARCHAR"), ("lead_id", "VARCHAR"), ("new_status", "VARCHAR"),
        ("changed_at", "TIMESTAMP"), ("changed_by", "VARCHAR"),
    ],
    "crm_activities": [
        ("activity_id", "VARCHAR"), ("lead_id", "VARCHAR"), ("activity_type", "VARCHAR"),
        ("occurred_at", "TIMESTAMP"), ("rep_id", "VARCHAR"),
    ],
    "crm_opportunities": [
        ("opportunity_id", "VARCHAR"), ("lead_id", "VARCHAR"), ("created_at", "TIMESTAMP"),
        ("stage", "VARCHAR"), ("is_closed", "BOOLEAN"), ("is_won", "BOOLEAN"),
        ("closed_at", "TIMESTAMP"), ("amount", "DECIMAL(18,2)"), ("gross_margin_pct", "DOUBLE"),
    ],
    "web_pageviews": [
        ("pageview_id", "VARCHAR"), ("visitor_id", "VARCHAR"), ("lead_id", "VARCHAR"),
        ("occurred_at", "TIMESTAMP"), ("page_path", "VARCHAR"), ("utm_source", "VARCHAR"),
        ("utm_medium", "VARCHAR"), ("utm_campaign", "VARCHAR"), ("referrer_host", "VARCHAR"),
    ],
    "form_submissions": [
        ("submission_id", "VARCHAR"), ("lead_id", "VARCHAR"), ("form_type", "VARCHAR"),
        ("asset_type", "VARCHAR"), ("submitted_at", "TIMESTAMP"),
    ],
    "email_events": [
        ("email_event_id", "VARCHAR"), ("lead_id", "VARCHAR"), ("campaign_id", "VARCHAR"),
        ("event_type", "VARCHAR"), ("occurred_at", "TIMESTAMP"),
    ],
    "event_attendance": [
        ("attendance_id", "VARCHAR"), ("event_id", "VARCHAR"), ("lead_id", "VARCHAR"),
        ("registered_at", "TIMESTAMP"), ("attended", "BOOLEAN"), ("attended_at", "TIMESTAMP"),
    ],
    "ad_spend": [
        ("spend_date", "DATE"), ("platform", "VARCHAR"), ("utm_source", "VARCHAR"),
        ("utm_medium", "VARCHAR"), ("campaign", "VARCHAR"), ("spend", "DECIMAL(18,2)"),
        ("currency", "VARCHAR"),
    ],
    "program_costs": [
        ("cost_month", "DATE"), ("channel", "VARCHAR"), ("cost", "DECIMAL(18,2)"),
    ],
}

RAW_TABLES: list[str] = list(RAW_COLUMNS)

# The marts of CONTRACT section 6, in the mart schema of every target.
MARTS: tuple[str, ...] = (
    "dim_leads",
    "fct_lead_score_events",
    "fct_funnel_monthly",
    "fct_funnel_channel_monthly",
    "audit_quarantine",
    "audit_reconciliation",
)


def column_ddl(table: str) -> str:
    """`name TYPE, ...` for one raw table."""
    return ", ".join(f"{name} {type_}" for name, type_ in RAW_COLUMNS[table])


def create_raw_tables(con: duckdb.DuckDBPyConnection, replace: bool = True) -> None:
    """Create schema raw and every raw table, empty."""
    con.execute(f"create schema if not exists {RAW_SCHEMA_NAME}")
    verb = "create or replace table" if replace else "create table if not exists"
    for table in RAW_TABLES:
        con.execute(f"{verb} {RAW_SCHEMA_NAME}.{table} ({column_ddl(table)})")
