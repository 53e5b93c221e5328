"""The last stage: the ten raw tables of CONTRACT section 2 from the prepared
temp tables, with about BAD_SHARE bad rows of every kind of CONTRACT section 5
added (duplicates, NULL keys and timestamps, orphans, non-canonical values),
nothing dated after the moment of generation, and the temp objects dropped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import duckdb

from mqlfunnel.devtools.generator.sql import Runner
from mqlfunnel.schema import RAW_COLUMNS


def _append_bad_rows(r: Runner, table: str, id_col: str, lead_col: str, ts_col: str, salt: int,
                     extra: dict[str, str] | None = None) -> None:
    """Append exact duplicates, NULL ids, NULL timestamps and orphan rows."""
    cols = [c for c, _ in RAW_COLUMNS[table]]
    extra = extra or {}

    def sel(repl: dict[str, str]) -> str:
        return ", ".join(repl.get(c, c) for c in cols)

    orphan = f"lid(3 * $N + 1 + floor(rnd(hash({id_col}), {salt + 4}) * 1000)::BIGINT)"
    r.sql(f"""
    CREATE OR REPLACE TEMP TABLE g_bad AS
    SELECT * FROM raw.{table} WHERE rnd(hash({id_col}), {salt}) < $BAD
    UNION ALL
    SELECT {sel({id_col: 'NULL'})} FROM raw.{table} WHERE rnd(hash({id_col}), {salt + 1}) < $BAD
    UNION ALL
    SELECT {sel({id_col: id_col + " || '-t'", ts_col: 'NULL'})} FROM raw.{table} WHERE rnd(hash({id_col}), {salt + 2}) < $BAD
    UNION ALL
    SELECT {sel({id_col: id_col + " || '-o'", lead_col: orphan, **extra})} FROM raw.{table}
    WHERE {lead_col} IS NOT NULL AND rnd(hash({id_col}), {salt + 3}) < $BAD;
    INSERT INTO raw.{table} SELECT * FROM g_bad ORDER BY ALL;
    DROP TABLE g_bad;
    """)


def _crm_leads(r: Runner) -> None:
    r.sql("""
    CREATE TABLE raw.crm_leads AS
    WITH l AS (
        SELECT n, lid(n) AS lead_id, email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, created, updated, rnd(n, 220) AS ub
        FROM g_leads
    ), v AS (
        -- current version (deleted leads: deleted on their latest version)
        SELECT n, lead_id, email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, created, updated, ub >= 0.006 AND ub < 0.0135 AS is_deleted, 0 AS ver
        FROM l
        UNION ALL
        -- an older version before enrichment (title / size / industry filled in later)
        SELECT n, lead_id, lower(email), NULL, company_name, CASE WHEN rnd(n, 221) < 0.5 THEN NULL ELSE industry END,
               NULL, country, o_src, o_med, o_ref, created,
               created + floor((updated - created) * 0.5 * rnd(n, 222))::BIGINT, FALSE, 1
        FROM l WHERE ub < 0.006 OR (ub >= 0.011 AND ub < 0.0135)
        UNION ALL
        -- delivered twice, identical
        SELECT n, lead_id, email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, created, updated, FALSE, 2
        FROM l WHERE ub >= 0.0135 AND ub < 0.016
        UNION ALL
        -- NULL key
        SELECT n, NULL, email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, created, updated, FALSE, 3
        FROM l WHERE rnd(n, 223) < $BAD
        UNION ALL
        -- NULL created_at (leads nobody else references)
        SELECT n, lid($N + n), email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, NULL, updated, FALSE, 4
        FROM l WHERE rnd(n, 224) < $BAD
    )
    SELECT lead_id::VARCHAR AS lead_id, email::VARCHAR AS email, job_title::VARCHAR AS job_title,
           company_name::VARCHAR AS company_name, industry::VARCHAR AS industry,
           employee_count::INTEGER AS employee_count, country::VARCHAR AS country,
           o_src::VARCHAR AS original_utm_source, o_med::VARCHAR AS original_utm_medium,
           o_ref::VARCHAR AS original_referrer_host,
           CASE WHEN created IS NULL THEN NULL ELSE tsx(created) END AS created_at,
           tsx(updated) AS updated_at, is_deleted::BOOLEAN AS is_deleted
    FROM v ORDER BY n, ver;
    """)


@dataclass(frozen=True)
class EventTable:
    """An event table: the statement that selects its rows from the prepared temp
    tables, and the columns its bad rows alter (id, needed timestamp, salt)."""

    table: str
    select: str
    id_col: str
    ts_col: str
    salt: int
    extra: dict[str, str] = field(default_factory=dict)
    after: str = ""  # a statement run once the bad rows are in

    def build(self, r: Runner) -> None:
        r.sql(f"CREATE TABLE raw.{self.table} AS\n{self.select}")
        _append_bad_rows(r, self.table, self.id_col, "lead_id", self.ts_col, self.salt, extra=self.extra)
        if self.after:
            r.sql(self.after)


EVENT_TABLES: dict[str, EventTable] = {
    "crm_lead_status_changes": EventTable("crm_lead_status_changes", """\
    SELECT ('sc-' || sid(n * 8 + slot, 3))::VARCHAR AS status_change_id, lid(n)::VARCHAR AS lead_id,
           st::VARCHAR AS new_status, tsx(sec) AS changed_at, who::VARCHAR AS changed_by
    FROM g_status ORDER BY sec, n, slot;
    """, "status_change_id", "changed_at", 300),
    "crm_activities": EventTable("crm_activities", """\
    SELECT ('act-' || sid(n * 16 + slot, 4))::VARCHAR AS activity_id, lid(n)::VARCHAR AS lead_id,
           t::VARCHAR AS activity_type, tsx(sec) AS occurred_at, rep::VARCHAR AS rep_id
    FROM g_act ORDER BY sec, n, slot;
    """, "activity_id", "occurred_at", 310),
    "crm_opportunities": EventTable("crm_opportunities", """\
    SELECT ('006' || upper(sid(n * 4 + slot, 5)))::VARCHAR AS opportunity_id, lid(n)::VARCHAR AS lead_id,
           tsx(sec) AS created_at, stage::VARCHAR AS stage, is_closed::BOOLEAN AS is_closed,
           is_won::BOOLEAN AS is_won, CASE WHEN closed_sec IS NULL THEN NULL ELSE tsx(closed_sec) END AS closed_at,
           amount::DECIMAL(18,2) AS amount, gm::DOUBLE AS gross_margin_pct
    FROM g_opp ORDER BY sec, n, slot;
    """, "opportunity_id", "created_at", 320),
    "web_pageviews": EventTable("web_pageviews", """\
    WITH p AS (
        SELECT vis, seq, sec, path, utm_source, utm_medium, utm_campaign, referrer_host, lead_n FROM g_lpv
        UNION ALL
        SELECT vis, seq, sec, path, utm_source, utm_medium, utm_campaign, referrer_host, lead_n FROM g_apv
    )
    SELECT ('pv-' || sid(vis, 2) || '-' || lpad(seq::VARCHAR, 4, '0'))::VARCHAR AS pageview_id,
           ('v-' || sid(vis, 2))::VARCHAR AS visitor_id,
           CASE WHEN lead_n IS NULL THEN NULL ELSE lid(lead_n) END::VARCHAR AS lead_id,
           tsx(sec) AS occurred_at, path::VARCHAR AS page_path,
           utm_source::VARCHAR AS utm_source, utm_medium::VARCHAR AS utm_medium,
           utm_campaign::VARCHAR AS utm_campaign, referrer_host::VARCHAR AS referrer_host
    FROM p ORDER BY sec, vis, seq;
    """, "pageview_id", "occurred_at", 330, {'visitor_id': "visitor_id || '-o'"}),
    "form_submissions": EventTable("form_submissions", """\
    SELECT ('fs-' || sid(n * 256 + slot, 6))::VARCHAR AS submission_id, lid(n)::VARCHAR AS lead_id,
           form_type::VARCHAR AS form_type, asset_type::VARCHAR AS asset_type, tsx(sec) AS submitted_at
    FROM g_forms WHERE sec < $SPAN ORDER BY sec, n, slot;
    """, "submission_id", "submitted_at", 340),
    "email_events": EventTable("email_events", """\
    SELECT ('ee-' || sid(sk * 8 + k, 7))::VARCHAR AS email_event_id, lid(n)::VARCHAR AS lead_id,
           campaign::VARCHAR AS campaign_id, event_type::VARCHAR AS event_type, tsx(sec) AS occurred_at
    FROM g_email ORDER BY sec, sk, k;
    """, "email_event_id", "occurred_at", 350),
    "event_attendance": EventTable("event_attendance", """\
    SELECT ('att-' || sid(n * 256 + slot, 8))::VARCHAR AS attendance_id, event_id::VARCHAR AS event_id,
           lid(n)::VARCHAR AS lead_id, tsx(reg) AS registered_at, attended::BOOLEAN AS attended,
           CASE WHEN att_sec IS NULL THEN NULL ELSE tsx(att_sec) END AS attended_at
    FROM g_att ORDER BY reg, n, slot;
    """, "attendance_id", "attended_at", 360,
        # the needed timestamp is attended_at (attendees are counted by it): bad rows are
        # attended = true with attended_at NULL
        after="""
    UPDATE raw.event_attendance SET attended = TRUE
    WHERE attended_at IS NULL AND attendance_id LIKE '%-t';
    """),
}


def _ad_spend(r: Runner) -> None:
    r.sql("""
    CREATE TABLE raw.ad_spend AS
    SELECT spend_date::DATE AS spend_date, platform::VARCHAR AS platform, utm_source::VARCHAR AS utm_source,
           utm_medium::VARCHAR AS utm_medium, campaign::VARCHAR AS campaign, spend::DECIMAL(18,2) AS spend,
           'USD'::VARCHAR AS currency
    FROM g_ad ORDER BY spend_date, platform, campaign;

    CREATE OR REPLACE TEMP TABLE g_bad AS
    WITH a AS (SELECT *, row_number() OVER (ORDER BY spend_date, platform, campaign) AS i FROM raw.ad_spend),
    n AS (SELECT greatest(1, round(count(*) * $BAD))::BIGINT AS k FROM raw.ad_spend)
    -- exact duplicates (the EL tool re-delivered a day)
    SELECT spend_date, platform, utm_source, utm_medium, campaign, spend, currency
    FROM a, n WHERE rnd(i, 400) < $BAD OR i = 1
    UNION ALL  -- refunds / credits booked as negative spend
    SELECT spend_date, platform, utm_source, utm_medium, campaign || '-credit', -round(spend * 0.3, 2), currency
    FROM a, n WHERE rnd(i, 401) < $BAD OR i = 2
    UNION ALL  -- a UK campaign billed in GBP
    SELECT spend_date, platform, utm_source, utm_medium, campaign || '-uk', round(spend * 0.2, 2), 'GBP'
    FROM a, n WHERE rnd(i, 402) < $BAD OR i = 3
    UNION ALL  -- NULL date
    SELECT NULL, platform, utm_source, utm_medium, campaign || '-adj', round(spend * 0.1, 2), currency
    FROM a, n WHERE rnd(i, 403) < $BAD OR i = 4;
    INSERT INTO raw.ad_spend SELECT * FROM g_bad ORDER BY ALL;
    DROP TABLE g_bad;
    """)


def _program_costs(r: Runner) -> None:
    r.sql("""
    CREATE TABLE raw.program_costs AS
    SELECT cost_month::DATE AS cost_month, channel::VARCHAR AS channel, cost::DECIMAL(18,2) AS cost
    FROM g_prog ORDER BY cost_month, channel;

    INSERT INTO raw.program_costs
    SELECT * FROM (
        (SELECT * FROM raw.program_costs ORDER BY cost_month DESC, channel LIMIT 1)          -- duplicate
        UNION ALL
        SELECT max(cost_month), 'Events & Webinars', 12000.00 FROM raw.program_costs       -- non-canonical
        UNION ALL
        SELECT min(cost_month), 'seo_agency', 4500.00 FROM raw.program_costs               -- non-canonical
        UNION ALL
        SELECT max(cost_month), 'referral_partner', -850.00 FROM raw.program_costs          -- negative (clawback)
        UNION ALL
        SELECT NULL, 'organic_search', 1500.00                                              -- NULL month
    ) ORDER BY ALL;
    """)


# Every raw table in CONTRACT order, with the stage that builds it.
RAW_TABLE_BUILDERS: tuple[tuple[str, Callable[[Runner], None]], ...] = (
    ("crm_leads", _crm_leads),
    *((table, spec.build) for table, spec in EVENT_TABLES.items()),
    ("ad_spend", _ad_spend),
    ("program_costs", _program_costs),
)


def drop_future_rows(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """A landing zone holds nothing from the future: when the window reaches
    past the moment of generation (end_month is this month), rows dated
    later than now are left out (future webinar registrations excepted:
    they are not attended yet). A window wholly in the past loses nothing."""
    moments = [column for column, kind in RAW_COLUMNS[table]
               if kind in ("TIMESTAMP", "DATE") and column != "registered_at"]
    if moments:
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        later = " or ".join(f"{column} > ?" for column in moments)
        con.execute(f"delete from raw.{table} where {later}", [now] * len(moments))


def cleanup(r: Runner) -> None:
    """Drop the temp tables and macros of the run."""
    for t in r.con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'g\\_%' ESCAPE '\\'"
    ).fetchall():
        r.con.execute(f"DROP TABLE IF EXISTS temp.main.{t[0]}")
    for m in ("rnd", "pick", "sid", "lid", "tsx", "msec", "month_of"):
        r.con.execute(f"DROP MACRO IF EXISTS temp.main.{m}")
