"""What the funnel dashboard shows, read from the published marts of a DuckDB file.

Marts read (models/exposures.yml, exposure funnel_dashboard): fct_funnel_monthly,
fct_funnel_channel_monthly, fct_channel_benchmarks, fct_mql_health, and
dim_channels for channel order and names. Nothing is read outside the mart
schema. The insight marts are optional: a warehouse built without them shows a
note instead; without dim_channels, channels are in name order with their names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

# What the page reads; models/exposures.yml (exposure funnel_dashboard) names the same.
MARTS_READ = ("fct_funnel_monthly", "fct_funnel_channel_monthly", "fct_channel_benchmarks", "fct_mql_health",
              "dim_channels")

Row = dict[str, Any]
Number = int | float | Decimal

# Stages of the waterfall, top to bottom: (column, label, rate from the stage before).
FUNNEL_STAGES: tuple[tuple[str, str, str | None], ...] = (
    ("visitors", "Visitors", None),
    ("mqls", "MQLs", "visitor_to_mql_rate"),
    ("sqls", "SQLs", "mql_to_sql_rate"),
    ("opportunities", "Opportunities", "sql_to_opportunity_rate"),
    ("customers", "Customers", "opportunity_to_customer_rate"),
)
COUNT_COLUMNS = ("visitors", "attendees", "leads", "mqls", "sqls", "opportunities", "customers")
MONEY_COLUMNS = ("revenue", "spend")
# Rates of contract section 4: (rate, numerator, denominator).
RATES: tuple[tuple[str, str, str], ...] = (
    ("visitor_to_mql_rate", "mqls", "visitors"),
    ("attendee_to_mql_rate", "mqls", "attendees"),
    ("mql_to_sql_rate", "sqls", "mqls"),
    ("sql_to_opportunity_rate", "opportunities", "sqls"),
    ("opportunity_to_customer_rate", "customers", "opportunities"),
    ("mql_to_customer_rate", "customers", "mqls"),
    ("cost_per_mql", "spend", "mqls"),
    ("cost_per_customer", "spend", "customers"),
)
FUNNEL_COLUMNS = (*COUNT_COLUMNS, *MONEY_COLUMNS, *(rate for rate, _, _ in RATES))


@dataclass(frozen=True)
class Channel:
    channel: str
    label: str


@dataclass(frozen=True)
class DashboardData:
    """Everything on the page; `benchmarks` / `health` are None when that mart is missing."""

    months: tuple[dt.date, ...]
    monthly: dict[dt.date, Row]
    channels: tuple[Channel, ...]
    channel_monthly: dict[tuple[dt.date, str], Row]
    benchmarks: tuple[Row, ...] | None
    health: tuple[Row, ...] | None
    trailing_months: int
    source: str

    @property
    def latest_month(self) -> dt.date | None:
        return self.months[-1] if self.months else None

    @property
    def previous_month(self) -> dt.date | None:
        return self.months[-2] if len(self.months) > 1 else None

    @property
    def trailing_window(self) -> tuple[dt.date, ...]:
        """The last `trailing_months` months of the funnel (fewer when there are fewer)."""
        return self.months[-self.trailing_months:] if self.months else ()

    def trailing_totals(self) -> Row:
        """Counts and spend summed over the trailing window, rates recomputed from the sums."""
        totals: Row = {
            column: sum((self.monthly[month][column] for month in self.trailing_window), start=0)
            for column in (*COUNT_COLUMNS, *MONEY_COLUMNS)
        }
        for rate, numerator, denominator in RATES:
            totals[rate] = ratio(totals[numerator], totals[denominator])
        return totals


def ratio(numerator: Number | None, denominator: Number | None) -> float | None:
    """numerator / denominator as a float, None when the denominator is 0 or missing."""
    if numerator is None or not denominator:
        return None
    return float(numerator) / float(denominator)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[Row]:
    cursor = con.execute(sql, params or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchone()
    return bool(found and found[0])


def _channels(con: duckdb.DuckDBPyConnection, schema: str, names: set[str]) -> tuple[Channel, ...]:
    """Canonical channels in dim_channels order with their labels; channels only in the funnel mart go last."""
    ordered: list[Channel] = []
    if _has_table(con, schema, "dim_channels"):
        for row in _rows(
            con,
            f"select channel, coalesce(channel_label, channel) as label from {schema}.dim_channels "
            "order by channel_order, channel",
        ):
            ordered.append(Channel(row["channel"], row["label"]))
    known = {channel.channel for channel in ordered}
    ordered += [Channel(name, name.replace("_", " ")) for name in sorted(names - known)]
    return tuple(channel for channel in ordered if channel.channel in names)


def _latest_rows(con: duckdb.DuckDBPyConnection, schema: str, mart: str, month: dt.date | None, columns: str,
                 order: str) -> tuple[Row, ...] | None:
    """The rows of an optional insight mart for one month; None when the warehouse has no such mart."""
    if not _has_table(con, schema, mart):
        return None
    return tuple(_rows(con, f"select {columns} from {schema}.{mart} where month = ? order by {order}", [month]))


def load(database: Path | str, trailing_months: int = 12, schema: str = "main") -> DashboardData:
    """Read the dashboard's marts from a DuckDB file (read-only)."""
    with duckdb.connect(str(database), read_only=True) as con:
        columns = ", ".join(FUNNEL_COLUMNS)
        monthly_rows = _rows(con, f"select month, {columns} from {schema}.fct_funnel_monthly order by month")
        channel_rows = _rows(
            con, f"select month, channel, {columns} from {schema}.fct_funnel_channel_monthly order by month, channel"
        )
        months = tuple(row["month"] for row in monthly_rows)
        latest = months[-1] if months else None
        benchmarks = _latest_rows(
            con, schema, "fct_channel_benchmarks", latest,
            "month, channel, metric, actual_value, benchmark_min, benchmark_max, higher_is_better, status, "
            "is_underperforming, recommended_action",
            "channel, metric",
        )
        health = _latest_rows(
            con, schema, "fct_mql_health", latest,
            "month, check_id, metric, metric_value, direction, threshold, consecutive_months, is_breached, "
            "breached_months_running, is_alert, alert",
            "is_alert desc, is_breached desc, check_id",
        )
        channels = _channels(con, schema, {row["channel"] for row in channel_rows})
    return DashboardData(
        months=months,
        monthly={row["month"]: row for row in monthly_rows},
        channels=channels,
        channel_monthly={(row["month"], row["channel"]): row for row in channel_rows},
        benchmarks=benchmarks,
        health=health,
        trailing_months=max(1, int(trailing_months)),
        source=Path(database).name,
    )
