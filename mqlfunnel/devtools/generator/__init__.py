"""Developer tool: deterministic synthetic data for the MQL revenue-funnel warehouse.

``generate()`` (re)creates schema ``raw`` in a DuckDB connection and fills the
ten landing tables of CONTRACT section 2.  Everything heavy runs inside
DuckDB; randomness is ``hash(key, salt, seed)`` so the same seed always gives
the same tables, whatever the thread count.

How the numbers are steered (see CONTRACT sections 3-4):

* every lead gets a channel and an intended outcome (MQL or not, SQL or not)
  with per-channel probabilities; a *scoring profile* then fixes which fit
  attributes and engagement signals it gets, so that intended MQLs cross the
  threshold of 50 (with engagement >= 1) and the others stay below it or are
  disqualified;
* the generator then scores its own data with the project's own rules (the
  points and lists of seeds/, the vars of dbt_project.yml: ``scoring.py``) to
  know the real ``mql_at`` and places status changes, activities and
  opportunities after it;
* anonymous visitors are added per channel and month so that
  visitors = MQLs / target visitor->MQL rate; webinar attendees of
  non-events leads are added so that attendees = events MQLs / target rate;
  ad spend and program costs are budgets = MQLs x target cost per MQL.

About 0.5 % bad rows of every kind of CONTRACT section 5 are added on top.

Modules, in the order they run: ``catalog`` (the data drawn from), ``sql``
(literals and the statement runner), ``leads`` (dimension tables, leads,
signals), ``web`` (lead sessions, anonymous traffic), ``scoring``,
``followup`` (events, forms, e-mail, sales, spend), ``raw_tables`` (the ten
raw tables and their bad rows), and with shape ``hubspot`` ``vendor_tables``
(the vendor-shaped tables of CONTRACT section 7 and their section 2 rows), with
shape ``salesforce`` ``salesforce_tables`` (Salesforce's, and theirs).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Callable

import duckdb

from mqlfunnel.devtools.generator import followup, raw_tables, salesforce_tables, scoring, vendor_tables, web
from mqlfunnel.devtools.generator import leads as leads_stage
from mqlfunnel.devtools.generator.catalog import (
    ANON_PAGES, ATTENDEE_TO_MQL, BAD_SHARE, BLOG_PAGES, COMPANY_SUFFIX, COMPANY_W1, COMPANY_W2, CONFERENCE_MEDIA,
    CONFERENCES, CONTENT_SLUGS, DM_TITLES, FIRST_NAMES, FREE_DOMAINS, ICP_INDUSTRIES, LAST_NAMES, NEUTRAL_PAGES,
    OTHER_COUNTRIES, OTHER_INDUSTRIES, OTHER_TITLES, PRICING_PAGES, SERVED_COUNTRIES, STUDENT_TITLES, TLDS,
)
from mqlfunnel.devtools.generator.sql import Runner, lit
from mqlfunnel.schema import RAW_TABLES

__all__ = ["SHAPES", "export", "generate"]

# What generate() lands: section 2's raw tables, or the vendor tables of HubSpot,
# Segment and the ad platforms, or Salesforce's, with the section 2 tables they map to.
SHAPES: tuple[str, ...] = ("raw", "hubspot", "salesforce")


def _add_months(d: dt.date, k: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + k, 12)
    return dt.date(y, m + 1, 1)


def _parameters(leads: int, months: int, end_month: str, seed: int) -> dict[str, str]:
    """What the SQL stages substitute: the window in seconds, the seed's keys and the catalogue's lists."""
    end = dt.date.fromisoformat(str(end_month)[:10]).replace(day=1)
    start = _add_months(end, -(months - 1))
    win_end = _add_months(end, 1)
    span = int((dt.datetime.combine(win_end, dt.time()) - dt.datetime.combine(start, dt.time())).total_seconds())
    # month starts (seconds since window start) incl. 3 months after the window for
    # webinar registrations that are still in the future
    month_starts, month_keys = [], []
    for k in range(months + 3):
        d = _add_months(start, k)
        month_starts.append(int((dt.datetime.combine(d, dt.time()) - dt.datetime.combine(start, dt.time())).total_seconds()))
        month_keys.append(d.strftime("%Y-%m"))
    seed = int(seed)
    return {
        "S": str(seed),
        "N": str(int(leads)),
        "M": str(int(months)),
        "WS": start.isoformat(),
        "WE": win_end.isoformat(),
        "SPAN": str(span),
        "MS": lit(month_starts),
        "MK": lit(month_keys),
        "K1": str((seed * 0x5DEECE66D + 0xB) % (1 << 40)),
        "K2": str((seed * 0x2545F491 + 0x9E37) % (1 << 40)),
        "BAD": repr(BAD_SHARE),
        "NEUTRAL": lit(NEUTRAL_PAGES),
        "BLOG": lit(BLOG_PAGES),
        "PRICING": lit(PRICING_PAGES),
        "ANON_PAGES": lit(ANON_PAGES),
        "FIRST": lit(FIRST_NAMES),
        "LAST": lit(LAST_NAMES),
        "W1": lit(COMPANY_W1),
        "W2": lit(COMPANY_W2),
        "SUFFIX": lit(COMPANY_SUFFIX),
        "TLDS": lit(TLDS),
        "DM_TITLES": lit(DM_TITLES),
        "OTHER_TITLES": lit(OTHER_TITLES),
        "STUDENT_TITLES": lit(STUDENT_TITLES),
        "ICP_IND": lit(ICP_INDUSTRIES),
        "OTHER_IND": lit(OTHER_INDUSTRIES),
        "SERVED": lit(SERVED_COUNTRIES),
        "UNSERVED": lit(OTHER_COUNTRIES),
        "FREE": lit(FREE_DOMAINS),
        "CONFS": lit(CONFERENCES),
        "CONF_MEDIA": lit(CONFERENCE_MEDIA),
        "CONTENT": lit(CONTENT_SLUGS),
        "ATT_RATE": repr(ATTENDEE_TO_MQL),
    }


def generate(
    con: duckdb.DuckDBPyConnection,
    leads: int = 20_000,
    months: int = 12,
    end_month: str = "2026-10-01",
    seed: int = 42,
    progress: Callable[[str], None] | None = None,
    shape: str = "raw",
) -> dict[str, int]:
    """(Re)create schema ``raw`` in ``con`` and fill the ten raw tables.

    Data covers the ``months`` calendar months ending with ``end_month``
    (inclusive); every timestamp lies inside them.  Returns row counts per table.

    ``shape`` ``hubspot``: the same data landed as Fivetran lands HubSpot, Segment
    and the ad platforms (schemas hubspot, segment, google_ads, ...), and schema raw
    holding the section 2 rows those vendor tables map to (``vendor_tables``);
    counts are then per ``schema.table``. ``shape`` ``salesforce``: the CRM tables as
    Fivetran lands Salesforce (schema salesforce), the others on raw, likewise.
    """
    if leads < 1 or months < 1:
        raise ValueError("leads and months must be positive")
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}, not {shape!r}")
    params = _parameters(leads, months, end_month, seed)
    r = Runner(con, params, progress)
    counts: dict[str, int] = {}

    for stage, label in (
        (leads_stage.dimensions, "set-up"),
        (leads_stage.leads, "leads and scoring signals"),
        (web.lead_sessions, "web sessions of lead visitors"),
        (scoring.score, "scoring (the project's seeds and vars)"),
        (web.anonymous_traffic, "anonymous traffic"),
        (followup.attendance_and_forms, "events, webinars and forms"),
        (followup.emails, "e-mail"),
        (followup.sales, "sales follow-up"),
        (followup.spend, "spend"),
    ):
        t = time.perf_counter()
        stage(r)
        if progress:
            progress(f"prepared {label} ({time.perf_counter() - t:.1f} s)")

    # --- raw tables -----------------------------------------------------------
    r.sql("DROP SCHEMA IF EXISTS raw CASCADE; CREATE SCHEMA raw;")
    for table, builder in raw_tables.RAW_TABLE_BUILDERS:
        t = time.perf_counter()
        builder(r)
        raw_tables.drop_future_rows(con, table)
        counts[table] = r.report(table, t)
    raw_tables.cleanup(r)
    if shape == "hubspot":
        counts = vendor_tables.reshape_to_hubspot(con, progress)
    elif shape == "salesforce":
        counts = salesforce_tables.reshape_to_salesforce(con, progress)
    if progress:
        progress(f"total: {sum(counts.values()):,} rows ({time.perf_counter() - r.t0:.1f} s)")
    return counts if shape != "raw" else {t: counts[t] for t in RAW_TABLES}


def export(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str = "parquet") -> list[Path]:
    """Write every raw table to ``out_dir/<table>.<fmt>`` (parquet or csv), and
    every vendor table ``schema.table`` that ``con`` holds (shapes hubspot, salesforce) to
    ``out_dir/<schema>/<table>.<fmt>``: the layout ``mqlfunnel load`` reads."""
    fmt = fmt.lower()
    if fmt not in ("parquet", "csv"):
        raise ValueError("fmt must be 'parquet' or 'csv'")
    out_dir = Path(out_dir)
    landed = {f"{schema}.{table}" for schema, table in con.execute(
        "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE'"
    ).fetchall()}
    relations = [(f"raw.{table}", out_dir / f"{table}.{fmt}") for table in RAW_TABLES]
    relations += [
        (relation, out_dir / relation.split(".")[0] / f"{relation.split('.')[1]}.{fmt}")
        for relation in [*vendor_tables.VENDOR_COLUMNS, *salesforce_tables.SALESFORCE_COLUMNS]
        if relation in landed
    ]
    opts = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER true"
    written = []
    for relation, path in relations:
        path.parent.mkdir(parents=True, exist_ok=True)
        target = str(path).replace("'", "''")
        con.execute(f"COPY {relation} TO '{target}' ({opts})")
        written.append(path)
    return written
