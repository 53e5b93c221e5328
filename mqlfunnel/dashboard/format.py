"""How the dashboard writes numbers, and the tagged element that carries each one.

Every number on the page is an element with `data-source` (the mart),
`data-field` (its column), the row's key (`data-month`, `data-channel`,
`data-metric`, `data-check`, or `data-window-start`/`-end` for trailing
sums), `data-value` (the mart's value at full precision, '' for NULL) and
`data-format` (count, rate, money, points or text), so a test can compare
what is shown with the marts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape
from typing import Any

MISSING = "–"


def month_label(month: dt.date, short: bool = False) -> str:
    return month.strftime("%b %Y" if short else "%B %Y")


def format_value(value: Any, kind: str) -> str:
    """The text shown for a value: counts with thousands separators, rates in
    percent with one decimal, money in whole dollars, rate changes in points."""
    if value is None:
        return MISSING
    if kind == "count":
        return f"{int(value):,}"
    if kind == "rate":
        return f"{float(value) * 100:.1f}%"
    if kind == "money":
        return f"${float(value):,.0f}"
    if kind == "points":
        return f"{float(value) * 100:+.1f} pts"
    if kind == "change":
        return f"{int(value):+,}"
    if kind == "money_change":
        amount = float(value)
        return f"{'+' if amount >= 0 else '−'}${abs(amount):,.0f}"
    return str(value)


def raw_value(value: Any) -> str:
    """data-value: the exact value (repr of floats, str of decimals and ints), '' for NULL."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def attributes(**attrs: Any) -> str:
    """HTML attributes from keywords: data_month -> data-month; None values are left out."""
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        key = name.rstrip("_").replace("_", "-")
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        parts.append(f'{key}="{escape(text, quote=True)}"')
    return " ".join(parts)


def number(
    value: Any,
    kind: str,
    source: str,
    field: str,
    css: str = "num",
    shown: str | None = None,
    **keys: Any,
) -> str:
    """A <span> showing `value` and carrying its mart coordinates (module doc)."""
    attrs = attributes(
        class_=css,
        data_source=source,
        data_field=field,
        data_value=raw_value(value),
        data_format=kind,
        **{f"data_{key}": key_value for key, key_value in keys.items()},
    )
    return f"<span {attrs}>{escape(shown if shown is not None else format_value(value, kind))}</span>"
