"""Developer tool: one new day, as a nightly run receives it: hold back the last day of a
generated warehouse (plus half of day N-2's event rows, which arrive late),
then deliver it with a new version of one lead and the deletion of another.
Used by the nightly tests (tests/python/test_nightly.py) and the benchmark."""

from __future__ import annotations

import datetime as dt

import duckdb

# The column that dates each raw row (day N is held back by it); the event
# tables of LATE_TABLES also hold back half of day N-2, delivered late.
ROW_DATE = {
    "crm_leads": "created_at",
    "crm_lead_status_changes": "changed_at",
    "crm_activities": "occurred_at",
    "crm_opportunities": "created_at",
    "web_pageviews": "occurred_at",
    "form_submissions": "submitted_at",
    "email_events": "occurred_at",
    "event_attendance": "registered_at",
    "ad_spend": "spend_date",
}
LATE_TABLES = ("web_pageviews", "email_events", "form_submissions")


def hold_back_day_n(con: duckdb.DuckDBPyConnection) -> dt.date:
    """Move day N, and half of day N-2's event rows, from raw.* into schema held; day N."""
    day_n = con.execute("select max(cast(occurred_at as date)) from raw.web_pageviews").fetchone()[0]
    con.execute("create schema held")
    for table, column in ROW_DATE.items():
        condition = f"cast({column} as date) = date '{day_n}'"
        if table in LATE_TABLES:
            condition += (f" or (cast({column} as date) = date '{day_n - dt.timedelta(days=2)}'"
                          f" and hash(raw.{table}) % 2 = 0)")
        con.execute(f"create table held.{table} as select * from raw.{table} where {condition}")
        con.execute(f"delete from raw.{table} where {condition}")
    con.execute("checkpoint")
    return day_n


def held_rows(con: duckdb.DuckDBPyConnection) -> int:
    return sum(con.execute(f"select count(*) from held.{table}").fetchone()[0] for table in ROW_DATE)


def deliver_day_n(con: duckdb.DuckDBPyConnection, day_n: dt.date) -> tuple[str, str]:
    """Append the held rows, a new version of one lead and the deletion of another
    (both leads with pageviews); drop schema held. The changed and the deleted lead id."""
    for table in ROW_DATE:
        con.execute(f"insert into raw.{table} select * from held.{table}")
    changed, deleted = [
        row[0]
        for row in con.execute(
            """
            select lead_id from raw.crm_leads
            where lead_id in (select lead_id from raw.web_pageviews where lead_id is not null)
              and not coalesce(is_deleted, false) and created_at is not null
            group by lead_id having count(*) = 1
            order by lead_id limit 2
            """
        ).fetchall()
    ]
    stamp = f"timestamp '{day_n} 12:00:00'"
    con.execute(
        f"""
        insert into raw.crm_leads
        select lead_id, email, 'Chief Executive Officer', company_name, 'Software', 400, 'US',
               original_utm_source, original_utm_medium, original_referrer_host, created_at, {stamp}, false
        from raw.crm_leads where lead_id = '{changed}'
        """
    )
    con.execute(
        f"""
        insert into raw.crm_leads
        select * replace ({stamp} as updated_at, true as is_deleted)
        from raw.crm_leads where lead_id = '{deleted}'
        """
    )
    con.execute("drop schema held cascade")
    con.execute("checkpoint")
    return changed, deleted


def hold_back_last_minutes(con: duckdb.DuckDBPyConnection, minutes: int) -> int:
    """Move the rows of the last `minutes` of the held day N from schema held to
    schema held_batch: an intraday batch that arrives after the nightly. Rows moved."""
    end = con.execute("select max(occurred_at) from held.web_pageviews").fetchone()[0]
    start = end - dt.timedelta(minutes=minutes)
    con.execute("create schema held_batch")
    moved = 0
    for table, column in ROW_DATE.items():
        condition = f"cast({column} as timestamp) > timestamp '{start}'"
        con.execute(f"create table held_batch.{table} as select * from held.{table} where {condition}")
        con.execute(f"delete from held.{table} where {condition}")
        moved += con.execute(f"select count(*) from held_batch.{table}").fetchone()[0]
    con.execute("checkpoint")
    return moved


def deliver_batch(con: duckdb.DuckDBPyConnection) -> None:
    """Append the rows of schema held_batch to raw.*; drop the schema."""
    for table in ROW_DATE:
        con.execute(f"insert into raw.{table} select * from held_batch.{table}")
    con.execute("drop schema held_batch cascade")
    con.execute("checkpoint")
