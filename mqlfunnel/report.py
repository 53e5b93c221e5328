"""Plain-text funnel report read from the published marts."""

from __future__ import annotations

from pathlib import Path

import duckdb

COLUMNS = [
    ("channel", "channel", "{:<17}"),
    ("visitors", "visitors", "{:>9,}"),
    ("mqls", "MQLs", "{:>6,}"),
    ("sqls", "SQLs", "{:>6,}"),
    ("customers", "won", "{:>5,}"),
    ("visitor_to_mql_rate", "vis>MQL", "{:>8}"),
    ("mql_to_sql_rate", "MQL>SQL", "{:>8}"),
    ("cost_per_mql", "$/MQL", "{:>8}"),
    ("cost_per_customer", "$/customer", "{:>11}"),
]


def _format(value: object, column: str, template: str) -> str:
    if value is None:
        return template.format("-") if "," not in template else template.replace(",", "").format("-")
    if column.endswith("_rate"):
        return template.format(f"{float(value):.1%}")
    if column.startswith("cost_per"):
        return template.format(f"{float(value):,.0f}")
    return template.format(value)


def funnel_by_channel(duckdb_path: Path | str, months: int = 3) -> str:
    """The last `months` months of fct_funnel_channel_monthly as a text table."""
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        rows = con.execute(
            f"""
            select month, {", ".join(c for c, _, _ in COLUMNS)}
            from fct_funnel_channel_monthly
            where month > (select max(month) from fct_funnel_monthly) - interval {int(months)} month
            order by month, (select channel_order from dim_channels as c where c.channel = fct_funnel_channel_monthly.channel)
            """
        ).fetchall()
    header = "  ".join(t.replace(",", "").format(label) for _, label, t in COLUMNS)
    lines: list[str] = []
    current = None
    for row in rows:
        month, values = row[0], row[1:]
        if month != current:
            current = month
            lines += ["", f"== {month:%B %Y} ==", header]
        lines.append("  ".join(_format(v, c, t) for v, (c, _, t) in zip(values, COLUMNS)))
    return "\n".join(lines).lstrip("\n")
