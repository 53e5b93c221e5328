"""The funnel dashboard: one self-contained HTML page from the marts.

    mqlfunnel dashboard --out dashboard.html [--trailing-months 12]

Inline CSS and inline SVG only (no scripts, no fonts or files fetched), so the
page reads the same offline, attached to an e-mail or opened from a share.
Sections: headline numbers of the latest month, the funnel waterfall for the
latest month and the trailing months, the monthly MQL-to-SQL trend by channel,
benchmark status per channel, MQL-health alerts and the latest month by
channel. Every number carries its mart coordinates (mqlfunnel.dashboard.format).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from mqlfunnel.dashboard.charts import trend_chart, waterfall
from mqlfunnel.dashboard.data import MARTS_READ, DashboardData, Row, load
from mqlfunnel.dashboard.format import MISSING, month_label, number

STYLE = """
*{box-sizing:border-box}
body{margin:0;background:#eef1f5;color:#1f2933;font:14px/1.45 "Liberation Sans",Arial,Helvetica,sans-serif}
header{background:#14213d;color:#fff;padding:16px 40px 14px}
header h1{margin:0;font-size:26px;letter-spacing:.2px}
header p{margin:4px 0 0;color:#c9d3e3}
main{padding:16px 40px 10px;max-width:1400px}
section.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(20,33,61,.12);padding:14px 22px;margin:0 0 14px}
h2{font-size:17px;margin:0 0 4px}
.sub{color:#616e7c;margin:0 0 12px;font-size:13px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.grid-bm{display:grid;grid-template-columns:1.75fr 1fr;gap:18px}
.kpis{display:grid;grid-template-columns:repeat(6,1fr);gap:14px;margin:0 0 14px}
.kpi{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(20,33,61,.12);padding:10px 16px}
.kpi .label{color:#616e7c;font-size:12px;text-transform:uppercase;letter-spacing:.6px}
.kpi .value{font-size:27px;font-weight:bold;margin:2px 0}
.kpi .change{font-size:12.5px;color:#616e7c}
.up{color:#1e7b45}.down{color:#b42318}
figure{margin:0}
figcaption{font-weight:bold;margin:0 0 10px}
.wf-row{display:grid;grid-template-columns:110px 1fr 78px 150px;align-items:center;gap:10px;height:36px}
.wf-label{font-weight:bold}
.wf-track{position:relative;height:26px;background:#f4f6f8;border-radius:4px}
.wf-bar{position:absolute;left:0;top:0;bottom:0;border-radius:4px;background:#3d5a99}
.wf-visitors .wf-bar{background:#8da2c8}.wf-mqls .wf-bar{background:#2f6fb3}.wf-sqls .wf-bar{background:#22577a}
.wf-opportunities .wf-bar{background:#38a3a5}.wf-customers .wf-bar{background:#57cc99}
.wf-lost{position:absolute;top:0;bottom:0;background:repeating-linear-gradient(135deg,#fde2e1 0 6px,#fbcfcc 6px 12px);border-radius:0 4px 4px 0;color:#b42318;font-size:11.5px;display:flex;align-items:center;justify-content:flex-end;padding-right:6px;overflow:hidden}
.wf-break{position:absolute;left:62%;top:-3px;bottom:-3px;width:12px;background:#fff;transform:skewX(-20deg)}
.wf-value{font-weight:bold;font-size:16px;text-align:right}
.wf-conv{font-size:13px}.wf-conv .num{font-weight:bold}
.wf-note,.chart-note{color:#616e7c;font-size:12px}
.chart-note{margin:8px 0 0}
.trend-wrap{display:grid;grid-template-columns:1fr 290px;gap:16px;align-items:start}
svg.trend{width:100%;height:auto}
svg .grid{stroke:#e4e7eb;stroke-width:1}
svg .axis{fill:#616e7c;font-size:12px}
svg .line{fill:none;stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round;opacity:.9}
svg .line.blended{stroke-width:4;stroke-dasharray:8 5;opacity:1}
.legend-head{font-weight:bold;margin:4px 0 6px;display:flex;justify-content:space-between}
.legend-head span{color:#616e7c;font-weight:normal}
.legend ul{list-style:none;margin:0;padding:0}
.legend li{display:grid;grid-template-columns:14px 1fr 56px 76px;gap:8px;align-items:center;padding:4px 0;border-bottom:1px solid #f0f2f5}
.legend li.blended{font-weight:bold}
.swatch{width:14px;height:14px;border-radius:3px}
.legend-value{text-align:right;font-weight:bold}.legend-mqls{text-align:right;color:#616e7c;font-size:12px}
details.numbers{margin-top:10px}
details.numbers summary{cursor:pointer;color:#2f6fb3}
table{border-collapse:collapse;width:100%}
th,td{padding:5px 8px;border-bottom:1px solid #eef1f5;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{color:#616e7c;font-size:12px;text-transform:uppercase;letter-spacing:.4px;font-weight:normal}
tr.total th,tr.total td{font-weight:bold;border-top:2px solid #d9dee5}
.bm td{vertical-align:top}
.bm .cell .num.main{font-weight:bold;font-size:15px}
.bm .range{display:block;color:#616e7c;font-size:11.5px}
.bm .badge{margin-left:6px}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:11.5px;margin-top:3px}
.state-bad .badge{background:#fde2e1;color:#b42318}
.state-ok .badge{background:#e3f4ea;color:#1e7b45}
.state-good .badge{background:#e0ecfa;color:#1d5fa8}
.state-none .badge{background:#eef1f5;color:#616e7c}
.action{white-space:normal;text-align:left;font-size:12.5px;color:#3e4c59;max-width:260px}
.alert{border-left:5px solid #b42318;background:#fff5f4;border-radius:6px;padding:10px 12px;margin:0 0 10px}
.alert strong{display:block;color:#b42318;margin-bottom:2px}
.alert .meta{color:#616e7c;font-size:12.5px}
.all-clear{border-left:5px solid #1e7b45;background:#f1faf4;border-radius:6px;padding:10px 12px;margin:0 0 10px;color:#1e7b45;font-weight:bold}
.checks td,.checks th{font-size:12.5px;padding:5px 6px}
.state{font-weight:bold}.state.alert-state{color:#b42318}.state.watch{color:#b54708}.state.ok{color:#1e7b45}.state.none{color:#616e7c}
.missing{color:#616e7c;font-style:italic}
footer{color:#616e7c;font-size:12px;padding:0 40px 20px}
"""

CHECK_METRIC_LABELS = {
    "visitor_to_mql_rate": "Visitor→MQL",
    "mql_to_sql_rate": "MQL→SQL",
    "fit_share_of_max_score": "Fit share of max score",
}
BENCHMARK_METRICS = (
    ("top_of_funnel", "Top of funnel"),
    ("mql_to_sql_rate", "MQL→SQL"),
    ("cost_per_mql", "Cost per MQL"),
)
STATUS_TEXT = {"below": "below range", "within": "within range", "above": "above range", None: "no data"}


def _kpi(label: str, value_html: str, change_html: str) -> str:
    return (f'<div class="kpi"><div class="label">{escape(label)}</div>'
            f'<div class="value">{value_html}</div><div class="change">{change_html}</div></div>')


def _difference(data: DashboardData, column: str) -> Any:
    latest, previous = data.latest_month, data.previous_month
    if latest is None or previous is None:
        return None
    now, before = data.monthly[latest][column], data.monthly[previous][column]
    if now is None or before is None:
        return None
    return now - before


def kpis(data: DashboardData) -> str:
    """Headline numbers of the latest month with the change from the month before."""
    latest, previous = data.latest_month, data.previous_month
    row = data.monthly[latest] if latest else {}
    tiles = []
    for column, label, kind, change_kind, higher_is_better in (
        ("visitors", "Visitors", "count", "change", True),
        ("mqls", "MQLs", "count", "change", True),
        ("visitor_to_mql_rate", "Visitor→MQL", "rate", "points", True),
        ("mql_to_sql_rate", "MQL→SQL", "rate", "points", True),
        ("cost_per_mql", "Cost per MQL", "money", "money_change", False),
        ("customers", "Customers (cohort)", "count", "change", True),
    ):
        value_html = number(row.get(column), kind, "fct_funnel_monthly", column, month=latest)
        change = _difference(data, column)
        if previous is None:
            change_html = "first month"
        else:
            better = change is not None and change != 0 and ((change > 0) == higher_is_better)
            worse = change is not None and change != 0 and not better
            css = "num up" if better else ("num down" if worse else "num")
            change_html = (number(change, change_kind, "fct_funnel_monthly", column, css=css, month=latest,
                                  compare_month=previous)
                           + f" vs {escape(month_label(previous, short=True))}")
        tiles.append(_kpi(label, value_html, change_html))
    return f'<div class="kpis">{"".join(tiles)}</div>'


def waterfalls(data: DashboardData) -> str:
    latest = data.latest_month
    assert latest is not None
    window = data.trailing_window
    latest_chart = waterfall(
        data.monthly[latest], {"source": "fct_funnel_monthly", "month": latest},
        f"{escape(month_label(latest))}",
    )
    trailing_chart = waterfall(
        data.trailing_totals(),
        {"source": "fct_funnel_monthly", "window": "trailing", "window_start": window[0], "window_end": window[-1]},
        f"Trailing {len(window)} months ({escape(month_label(window[0], short=True))} – "
        f"{escape(month_label(window[-1], short=True))})",
    )
    return (
        '<section class="card"><h2>Funnel waterfall</h2>'
        '<p class="sub">From visitors to customers. MQL-stage counts follow the leads that became MQLs in the '
        "month (a cohort), so recent cohorts are still converting.</p>"
        f'<div class="grid2">{latest_chart}{trailing_chart}</div></section>'
    )


def trend(data: DashboardData) -> str:
    window = data.trailing_window
    return (
        '<section class="card"><h2>MQL→SQL rate by channel, monthly</h2>'
        f'<p class="sub">Share of each month\'s MQLs that sales accepted, {escape(month_label(window[0]))} to '
        f"{escape(month_label(window[-1]))}; the dashed line is all channels together. Hover a point for its "
        "counts.</p>"
        f"{trend_chart(data)}</section>"
    )


def _benchmark_cell(row: Row | None, metric_kind: str) -> str:
    if row is None:
        return f'<td class="cell state-none"><span class="missing">{MISSING}</span></td>'
    keys = {"month": row["month"], "channel": row["channel"], "metric": row["metric"]}
    if row["is_underperforming"]:
        state = "bad"
    elif row["status"] == "within":
        state = "ok"
    elif row["status"] is None:
        state = "none"
    else:
        state = "good"
    status_text = STATUS_TEXT[row["status"]] if row["status"] in STATUS_TEXT else str(row["status"])
    return (
        f'<td class="cell state-{state}">'
        + number(row["actual_value"], metric_kind, "fct_channel_benchmarks", "actual_value", css="num main", **keys)
        + number(row["status"], "text", "fct_channel_benchmarks", "status", css="num badge", shown=status_text,
                 **keys)
        + '<span class="range">range '
        + number(row["benchmark_min"], metric_kind, "fct_channel_benchmarks", "benchmark_min", **keys)
        + " – "
        + number(row["benchmark_max"], metric_kind, "fct_channel_benchmarks", "benchmark_max", **keys)
        + "</span></td>"
    )


def benchmarks(data: DashboardData) -> str:
    latest = data.latest_month
    if data.benchmarks is None:
        body = '<p class="missing">fct_channel_benchmarks is not built in this warehouse.</p>'
        return f'<section class="card"><h2>Benchmarks</h2>{body}</section>'
    by_channel: dict[str, dict[str, Row]] = {}
    for row in data.benchmarks:
        kind = "top_of_funnel" if row["metric"] in ("visitor_to_mql_rate", "attendee_to_mql_rate") else row["metric"]
        by_channel.setdefault(row["channel"], {})[kind] = row
    labels = {channel.channel: channel.label for channel in data.channels}
    ordered = [channel.channel for channel in data.channels if channel.channel in by_channel]
    ordered += sorted(set(by_channel) - set(ordered))
    rows = []
    off = 0
    for channel in ordered:
        metrics = by_channel[channel]
        underperforming = [row for row in metrics.values() if row["is_underperforming"]]
        off += bool(underperforming)
        top = metrics.get("top_of_funnel")
        top_label = "attendee→MQL" if top and top["metric"] == "attendee_to_mql_rate" else "visitor→MQL"
        cells = "".join(
            _benchmark_cell(metrics.get(kind), "money" if kind == "cost_per_mql" else "rate")
            for kind, _ in BENCHMARK_METRICS
        )
        actions = "<br>".join(
            number(row["recommended_action"], "text", "fct_channel_benchmarks", "recommended_action",
                   month=row["month"], channel=row["channel"], metric=row["metric"])
            for row in underperforming if row["recommended_action"]
        )
        rows.append(
            f'<tr><td><strong>{escape(labels.get(channel, channel))}</strong>'
            f'<span class="range">top of funnel: {top_label}</span></td>{cells}'
            f'<td class="action">{actions or "<span class=missing>on track</span>"}</td></tr>'
        )
    head = "".join(f"<th>{escape(label)}</th>" for _, label in BENCHMARK_METRICS)
    summary = (f"{off} of {len(ordered)} benchmarked channels are off their range on at least one metric in "
               f"{escape(month_label(latest))}." if latest else "")
    return (
        '<section class="card"><h2>Benchmark status</h2>'
        f'<p class="sub">{summary} Ranges are seed channel_benchmarks, inclusive.</p>'
        f'<table class="bm"><thead><tr><th>Channel</th>{head}<th>Recommended action</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


def _metric_label(metric: str) -> str:
    return CHECK_METRIC_LABELS.get(metric) or metric


def _check_state(row: Row) -> tuple[str, str]:
    if row["is_alert"]:
        return "alert-state", "alert"
    if row["is_breached"]:
        return "watch", "watch"
    if row["metric_value"] is None:
        return "none", "no data"
    return "ok", "ok"


def alerts(data: DashboardData) -> str:
    latest = data.latest_month
    if data.health is None:
        body = '<p class="missing">fct_mql_health is not built in this warehouse.</p>'
        return f'<section class="card"><h2>Current alerts</h2>{body}</section>'
    active = [row for row in data.health if row["is_alert"]]
    cards = []
    for row in active:
        keys = {"month": row["month"], "check": row["check_id"]}
        cards.append(
            '<div class="alert" data-alert="true">'
            + "<strong>" + number(row["alert"], "text", "fct_mql_health", "alert", css="num", **keys) + "</strong>"
            + f'<span class="meta">{escape(_metric_label(row["metric"]))} '
            + number(row["metric_value"], "rate", "fct_mql_health", "metric_value", **keys)
            + f' is {escape(row["direction"])} '
            + number(row["threshold"], "rate", "fct_mql_health", "threshold", **keys)
            + "; breached "
            + number(row["breached_months_running"], "count", "fct_mql_health", "breached_months_running", **keys)
            + " month(s) running.</span></div>"
        )
    if not cards:
        cards.append(f'<div class="all-clear">No active alerts: all {len(data.health)} MQL-health checks pass in '
                     f"{escape(month_label(latest)) if latest else 'the latest month'}.</div>")
    check_rows = []
    for row in data.health:
        keys = {"month": row["month"], "check": row["check_id"]}
        css, state = _check_state(row)
        check_rows.append(
            f'<tr><td>{escape(_metric_label(row["metric"]))} '
            f'{escape(row["direction"])} '
            + number(row["threshold"], "rate", "fct_mql_health", "threshold", **keys)
            + "</td><td>"
            + number(row["metric_value"], "rate", "fct_mql_health", "metric_value", **keys)
            + f'</td><td class="state {css}">{state}</td></tr>'
        )
    return (
        '<section class="card"><h2>Current alerts</h2>'
        f'<p class="sub">MQL-definition health in {escape(month_label(latest)) if latest else "the latest month"} '
        "(seed mql_health_checks).</p>"
        + "".join(cards)
        + '<table class="checks"><thead><tr><th>Check</th><th>Value</th><th>State</th></tr></thead>'
        + f'<tbody>{"".join(check_rows)}</tbody></table></section>'
    )


def channel_table(data: DashboardData) -> str:
    latest = data.latest_month
    assert latest is not None
    columns = (
        ("visitors", "Visitors", "count"), ("mqls", "MQLs", "count"),
        ("visitor_to_mql_rate", "Visitor→MQL", "rate"), ("sqls", "SQLs", "count"),
        ("mql_to_sql_rate", "MQL→SQL", "rate"), ("customers", "Customers", "count"),
        ("spend", "Spend", "money"), ("cost_per_mql", "Cost per MQL", "money"),
    )
    rows = []
    for channel in data.channels:
        row = data.channel_monthly[(latest, channel.channel)]
        cells = "".join(
            "<td>" + number(row[column], kind, "fct_funnel_channel_monthly", column, month=latest,
                            channel=channel.channel) + "</td>"
            for column, _, kind in columns
        )
        rows.append(f"<tr><td>{escape(channel.label)}</td>{cells}</tr>")
    total = data.monthly[latest]
    total_cells = "".join(
        "<td>" + number(total[column], kind, "fct_funnel_monthly", column, month=latest) + "</td>"
        for column, _, kind in columns
    )
    rows.append(f'<tr class="total"><td>All channels</td>{total_cells}</tr>')
    head = "".join(f"<th>{escape(label)}</th>" for _, label, _ in columns)
    return (
        f'<section class="card"><h2>{escape(month_label(latest))} by channel</h2>'
        '<p class="sub">fct_funnel_channel_monthly: visitors in their channel of the month, leads and their '
        "milestones in the lead's channel, spend in its own channel.</p>"
        f'<table><thead><tr><th>Channel</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def render(data: DashboardData) -> str:
    """The whole page as one HTML string."""
    latest = data.latest_month
    title = "MQL funnel dashboard"
    if latest is None:
        body = ('<main><section class="card"><h2>No data yet</h2><p>fct_funnel_monthly has no rows: load raw data '
                "and run <code>mqlfunnel build</code>.</p></section></main>")
        subtitle = "no months in the warehouse"
    else:
        window = data.trailing_window
        subtitle = (f"Data through {month_label(latest)} · {len(data.months)} months in the warehouse · "
                    f"trailing window {month_label(window[0], short=True)} – {month_label(window[-1], short=True)}")
        body = (
            "<main>"
            + kpis(data)
            + waterfalls(data)
            + trend(data)
            + f'<div class="grid-bm">{benchmarks(data)}{alerts(data)}</div>'
            + channel_table(data)
            + "</main>"
        )
    generated = dt.date.today().isoformat()
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        f'<header><h1>{title}</h1><p {"" if latest is None else ""}data-latest-month="'
        f'{latest.isoformat() if latest else ""}">{escape(subtitle)}</p></header>'
        f"{body}"
        f"<footer>Generated {generated} by <code>mqlfunnel dashboard</code> from the marts of "
        f"{escape(data.source)}: {', '.join(MARTS_READ)} (dbt exposure funnel_dashboard). "
        "Rates are fractions of the stage before; "
        "– means undefined (nothing to divide by).</footer>"
        "</body></html>\n"
    )


def write_dashboard(database: Path | str, out: Path | str, trailing_months: int = 12) -> Path:
    """Render the dashboard of a DuckDB warehouse to `out` (an .html file)."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(load(database, trailing_months=trailing_months)), encoding="utf-8")
    return path
