"""The dashboard's two charts as HTML: the funnel waterfall (CSS bars) and the
monthly MQL-to-SQL trend by channel (inline SVG). No scripts, no web fonts."""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import Any

from mqlfunnel.dashboard.data import FUNNEL_STAGES, Channel, DashboardData, Row
from mqlfunnel.dashboard.format import attributes, format_value, month_label, number, raw_value

# One colour per canonical channel (colour-blind friendly Tableau 10); others cycle.
CHANNEL_COLOURS = {
    "organic_search": "#4e79a7",
    "paid_search": "#f28e2b",
    "paid_social": "#e15759",
    "organic_social": "#76b7b2",
    "events_webinars": "#59a14f",
    "referral_partner": "#b6992d",
    "email": "#b07aa1",
    "direct": "#9c755f",
    "other": "#bab0ac",
}
SPARE_COLOURS = ("#17becf", "#bcbd22", "#7f7f7f", "#8c564b")
BLENDED_COLOUR = "#1f2933"


def channel_colour(channel: str, index: int) -> str:
    return CHANNEL_COLOURS.get(channel, SPARE_COLOURS[index % len(SPARE_COLOURS)])


# --------------------------------------------------------------------------
# funnel waterfall
# --------------------------------------------------------------------------

def waterfall(totals: Row, keys: dict[str, Any], caption: str) -> str:
    """Visitors -> MQLs -> SQLs -> opportunities -> customers as bars; each row
    shows the stage, the share of the stage before it that reached it, and
    (shaded) the leads lost on the way. Bars are to scale from MQLs down; the
    visitors bar is far longer and drawn broken."""
    scale = max((float(totals[column] or 0) for column, _, _ in FUNNEL_STAGES[1:]), default=0.0) or 1.0
    visitors = float(totals["visitors"] or 0)
    broken = visitors > scale

    def width(value: float) -> float:
        return min(100.0, 100.0 * value / scale)

    rows = []
    previous_column: str | None = None
    previous_label = ""
    previous_width = 0.0
    for column, label, rate_column in FUNNEL_STAGES:
        value = totals[column]
        bar = 100.0 if (column == "visitors" and broken) else width(float(value or 0))
        lost = ""
        if previous_column is not None and previous_column != "visitors" and previous_width > bar:
            lost_count = int(totals[previous_column] or 0) - int(value or 0)
            label_html = f"<span>−{lost_count:,}</span>" if previous_width - bar >= 9 else ""
            lost = (
                f'<div class="wf-lost" style="left:{bar:.2f}%;width:{previous_width - bar:.2f}%">{label_html}</div>'
            )
        breaker = '<div class="wf-break"></div>' if column == "visitors" and broken else ""
        if rate_column is None:
            conversion = '<span class="wf-note">entered the funnel</span>'
        else:
            conversion = (
                number(totals[rate_column], "rate", keys["source"], rate_column, **_key_attributes(keys))
                + f' <span class="wf-note">of {escape(_noun(previous_label))}</span>'
            )
        rows.append(
            f'<div class="wf-row wf-{column}">'
            f'<div class="wf-label">{escape(label)}</div>'
            f'<div class="wf-track">{lost}<div class="wf-bar" style="width:{max(bar, 0.6):.2f}%"></div>{breaker}</div>'
            f'<div class="wf-value">{number(value, "count", keys["source"], column, **_key_attributes(keys))}</div>'
            f'<div class="wf-conv">{conversion}</div>'
            "</div>"
        )
        previous_column, previous_label, previous_width = column, label, bar
    note = "Bars to scale from MQLs down; the visitors bar is shortened." if broken else "Bars to scale."
    return (
        f'<figure class="waterfall" {attributes(data_chart="waterfall", data_window=keys.get("window"))}>'
        f'<figcaption>{caption}</figcaption>{"".join(rows)}'
        f'<p class="chart-note">{note} Shaded: lost between stages.</p></figure>'
    )


def _noun(label: str) -> str:
    """'Visitors' -> 'visitors', but 'MQLs' stays 'MQLs'."""
    return label if label[:2].isupper() else label.lower()


def _key_attributes(keys: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in keys.items() if key not in ("source", "window")}


# --------------------------------------------------------------------------
# MQL-to-SQL trend by channel
# --------------------------------------------------------------------------

WIDTH, HEIGHT = 900, 270
LEFT, RIGHT, TOP, BOTTOM = 56, 40, 14, 36
MAX_LINES = 6  # channels drawn: the largest by MQLs in the window; the rest are in the table


def _y_axis(values: list[float]) -> tuple[float, int]:
    """(top of the y axis, gridline step in points): the largest rate rounded up
    to the step, at least 10 %."""
    largest = max(values, default=0.0)
    step = 5 if largest <= 0.3 else (10 if largest <= 0.6 else 20)
    top = max(10, math.ceil(largest * 100 / step - 1e-9) * step)
    return top / 100, step


def charted_channels(data: DashboardData, months: list[dt.date]) -> tuple[list[Channel], list[Channel]]:
    """(drawn, left out): the MAX_LINES channels with the most MQLs in the window,
    in channel order, and the other channels that had MQLs."""
    volume = {
        channel.channel: sum(int(data.channel_monthly[(month, channel.channel)]["mqls"] or 0) for month in months)
        for channel in data.channels
    }
    with_mqls = [channel for channel in data.channels if volume[channel.channel] > 0]
    largest = sorted(with_mqls, key=lambda channel: -volume[channel.channel])[:MAX_LINES]
    drawn = [channel for channel in with_mqls if channel in largest]
    return drawn, [channel for channel in with_mqls if channel not in largest]


def trend_chart(data: DashboardData) -> str:
    """One line per large channel plus the blended rate (thick, dashed); a month
    with no MQLs leaves a gap. Each point carries its value. Needs a month."""
    months = list(data.trailing_window)
    if not months:
        raise ValueError("the trend chart needs at least one month")
    channels, left_out = charted_channels(data, months)
    series: list[tuple[Channel | None, list[float | None]]] = [
        (channel, [data.channel_monthly[(month, channel.channel)]["mql_to_sql_rate"] for month in months])
        for channel in channels
    ]
    blended = [data.monthly[month]["mql_to_sql_rate"] for month in months]
    y_max, step_points = _y_axis([value for _, values in series for value in values if value is not None]
                   + [value for value in blended if value is not None])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(months) - 1)

    def x(index: int) -> float:
        return LEFT + (index * step if len(months) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / y_max)

    grid = []
    for tick in range(0, int(round(y_max * 100)) + 1, step_points):
        value = tick / 100
        grid.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.2f}" y2="{y(value):.2f}"/>'
            f'<text class="axis" x="{LEFT - 8}" y="{y(value) + 4:.2f}" text-anchor="end">{value * 100:.0f}%</text>'
        )
    for index, month in enumerate(months):
        grid.append(
            f'<text class="axis" x="{x(index):.2f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle">'
            f"{escape(month_label(month, short=True))}</text>"
        )

    lines = []
    for index, (channel, values) in enumerate(series + [(None, blended)]):
        colour = BLENDED_COLOUR if channel is None else channel_colour(channel.channel, index)
        css = "line blended" if channel is None else "line"
        segments: list[list[str]] = [[]]
        for position, value in enumerate(values):
            if value is None:
                segments.append([])
            else:
                segments[-1].append(f"{x(position):.2f},{y(value):.2f}")
        for points in segments:
            if len(points) > 1:
                lines.append(f'<polyline class="{css}" stroke="{colour}" points="{" ".join(points)}"/>')
        source = "fct_funnel_monthly" if channel is None else "fct_funnel_channel_monthly"
        label = "All channels" if channel is None else channel.label
        for position, value in enumerate(values):
            if value is None:
                continue
            month = months[position]
            row = data.monthly[month] if channel is None else data.channel_monthly[(month, channel.channel)]
            tooltip = (f"{label}, {month_label(month)}: {format_value(value, 'rate')} "
                       f"({row['sqls']:,} SQLs of {row['mqls']:,} MQLs)")
            point_attrs = attributes(
                class_="point blended" if channel is None else "point",
                cx=f"{x(position):.2f}", cy=f"{y(value):.2f}", r="4.5" if channel is None else "3.5",
                fill=colour, data_source=source, data_field="mql_to_sql_rate", data_month=month,
                data_channel=None if channel is None else channel.channel,
                data_value=raw_value(value), data_format="rate",
            )
            lines.append(f"<circle {point_attrs}><title>{escape(tooltip)}</title></circle>")

    legend = []
    latest = months[-1]
    for index, (channel, values) in enumerate([(None, blended)] + series):
        colour = BLENDED_COLOUR if channel is None else channel_colour(channel.channel, index - 1)
        if channel is None:
            value_html = number(values[-1], "rate", "fct_funnel_monthly", "mql_to_sql_rate", month=latest)
            mqls_html = number(data.monthly[latest]["mqls"], "count", "fct_funnel_monthly", "mqls", month=latest)
        else:
            row = data.channel_monthly[(latest, channel.channel)]
            value_html = number(row["mql_to_sql_rate"], "rate", "fct_funnel_channel_monthly", "mql_to_sql_rate",
                                month=latest, channel=channel.channel)
            mqls_html = number(row["mqls"], "count", "fct_funnel_channel_monthly", "mqls",
                               month=latest, channel=channel.channel)
        legend.append(
            f'<li class="{"blended" if channel is None else ""}"><span class="swatch" style="background:{colour}"></span>'
            f'<span class="legend-label">{escape("All channels" if channel is None else channel.label)}</span>'
            f'<span class="legend-value">{value_html}</span>'
            f'<span class="legend-mqls">{mqls_html} MQLs</span></li>'
        )
    svg_attrs = attributes(
        class_="trend", viewBox=f"0 0 {WIDTH} {HEIGHT}", role="img",
        aria_label="Monthly MQL-to-SQL rate by channel",
        data_chart="mql_to_sql_trend", data_y_max=repr(y_max), data_plot_top=TOP, data_plot_bottom=TOP + plot_h,
    )
    return (
        '<div class="trend-wrap">'
        f'<svg {svg_attrs} xmlns="http://www.w3.org/2000/svg">{"".join(grid)}{"".join(lines)}</svg>'
        f'<div class="legend"><div class="legend-head">{escape(month_label(latest))}'
        ' <span>MQL→SQL</span></div>'
        f'<ul>{"".join(legend)}</ul>{_left_out_note(left_out)}</div></div>'
        + trend_table(data, months, [channel for channel in data.channels if channel in channels + left_out])
    )


def _left_out_note(left_out: list[Channel]) -> str:
    if not left_out:
        return ""
    names = ", ".join(channel.label for channel in left_out)
    return f'<p class="chart-note">Smaller channels ({escape(names)}) are in the numbers below the chart.</p>'


def trend_table(data: DashboardData, months: list[dt.date], channels: list[Channel]) -> str:
    """The chart's numbers, folded away under the chart."""
    head = "".join(f"<th>{escape(month_label(month, short=True))}</th>" for month in months)
    rows = []
    for channel in channels:
        cells = "".join(
            "<td>" + number(data.channel_monthly[(month, channel.channel)]["mql_to_sql_rate"], "rate",
                            "fct_funnel_channel_monthly", "mql_to_sql_rate", month=month,
                            channel=channel.channel) + "</td>"
            for month in months
        )
        rows.append(f"<tr><th>{escape(channel.label)}</th>{cells}</tr>")
    blended = "".join(
        "<td>" + number(data.monthly[month]["mql_to_sql_rate"], "rate", "fct_funnel_monthly", "mql_to_sql_rate",
                        month=month) + "</td>"
        for month in months
    )
    rows.append(f'<tr class="total"><th>All channels</th>{blended}</tr>')
    return (
        '<details class="numbers"><summary>The numbers behind the chart</summary>'
        f'<table><thead><tr><th>MQL→SQL</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></details>'
    )
