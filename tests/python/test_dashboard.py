"""The funnel dashboard (mqlfunnel dashboard) rendered in headless Chromium.

Chromium is Debian's package (scripts/install_chromium.sh installs it when
/usr/bin/chromium is missing). The page is rendered from the sample warehouse;
the DOM Chromium dumps after rendering is parsed, and every number on it
(elements with data-source, mqlfunnel/dashboard_format.py) is recomputed from
the marts here, independently of the dashboard code, and compared both as
stored (data-value) and as shown (the text a reader sees). A screenshot is
written to .tmp/dashboard.png for review (docs/dashboard.png is a copy).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pytest

from conftest import query
from mqlfunnel import cli
from mqlfunnel.dashboard import render
from mqlfunnel.dashboard.data import Channel, DashboardData
from mqlfunnel.project import PROJECT_DIR

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]
SCREENSHOT_SIZE = (1400, 2000)
# Contract section 4, written out again so the test does not trust the dashboard's code.
RATES = {
    "visitor_to_mql_rate": ("mqls", "visitors"),
    "attendee_to_mql_rate": ("mqls", "attendees"),
    "mql_to_sql_rate": ("sqls", "mqls"),
    "sql_to_opportunity_rate": ("opportunities", "sqls"),
    "opportunity_to_customer_rate": ("customers", "opportunities"),
    "mql_to_customer_rate": ("customers", "mqls"),
    "cost_per_mql": ("spend", "mqls"),
    "cost_per_customer": ("spend", "customers"),
}
STATUS_SHOWN = {"below": "below range", "within": "within range", "above": "above range", None: "no data"}


# --------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, installed by scripts/install_chromium.sh when missing."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(path, os.X_OK):
        result = subprocess.run(["bash", str(PROJECT_DIR / "scripts" / "install_chromium.sh")],
                                capture_output=True, text=True, env={**os.environ, "CHROMIUM": path})
        assert result.returncode == 0 and os.access(path, os.X_OK), (
            f"could not install Chromium:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return path


def run_chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def dashboard_file(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page, written by the CLI subcommand."""
    out = tmp_path_factory.mktemp("dashboard") / "dashboard.html"
    assert cli.main(["--database", str(sample_warehouse), "dashboard", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def marts(sample_warehouse: Path) -> Iterator[Marts]:
    reader = Marts(sample_warehouse)
    yield reader
    reader.con.close()


@pytest.fixture(scope="module")
def rendered_dom(chromium: str, dashboard_file: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    profile = tmp_path_factory.mktemp("chromium_profile")
    return run_chromium(chromium, profile, "--dump-dom", dashboard_file.as_uri()).stdout


# --------------------------------------------------------------------------
# reading the DOM
# --------------------------------------------------------------------------

class TaggedElements(HTMLParser):
    """Elements carrying data-source, with their attributes and text; plus a few counts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, Any]] = []
        self.open: list[tuple[str, dict[str, Any] | None]] = []
        self.alert_cards = 0
        self.svg: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        if attributes.get("data-alert") == "true":
            self.alert_cards += 1
        if tag == "svg" and attributes.get("data-chart") == "mql_to_sql_trend":
            self.svg = attributes
        record = None
        if "data-source" in attributes:
            record = {"tag": tag, "attrs": attributes, "text": ""}
            self.elements.append(record)
        self.open.append((tag, record))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            open_tag, _ = self.open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, record in self.open:
            if record is not None:
                record["text"] += data


def parse(dom: str) -> TaggedElements:
    parser = TaggedElements()
    parser.feed(dom)
    return parser


# --------------------------------------------------------------------------
# what the marts say
# --------------------------------------------------------------------------

class Marts:
    """The marts' value behind a tagged element (one read-only connection)."""

    def __init__(self, database: Path) -> None:
        self.con = duckdb.connect(str(database), read_only=True)
        self.latest: dt.date = self._one("select max(month) from fct_funnel_monthly", [])

    def value(self, attrs: dict[str, str]) -> Any:
        source, field = attrs["data-source"], attrs["data-field"]
        if source == "fct_funnel_monthly" and "data-window-start" in attrs:
            return self._window(field, attrs["data-window-start"], attrs["data-window-end"])
        if source == "fct_funnel_monthly" and "data-compare-month" in attrs:
            now, before = (self._one(f"select {field} from fct_funnel_monthly where month = ?", [month])
                           for month in (attrs["data-month"], attrs["data-compare-month"]))
            return None if now is None or before is None else now - before
        if source == "fct_funnel_monthly":
            return self._one(f"select {field} from fct_funnel_monthly where month = ?", [attrs["data-month"]])
        if source == "fct_funnel_channel_monthly":
            return self._one(f"select {field} from fct_funnel_channel_monthly where month = ? and channel = ?",
                             [attrs["data-month"], attrs["data-channel"]])
        if source == "fct_channel_benchmarks":
            return self._one(f"select {field} from fct_channel_benchmarks where month = ? and channel = ? "
                             "and metric = ?", [attrs["data-month"], attrs["data-channel"], attrs["data-metric"]])
        if source == "fct_mql_health":
            return self._one(f"select {field} from fct_mql_health where month = ? and check_id = ?",
                             [attrs["data-month"], attrs["data-check"]])
        raise AssertionError(f"unknown data-source {source}")

    def _window(self, field: str, start: str, end: str) -> Any:
        def total(column: str) -> Any:
            return self._one(f"select sum({column}) from fct_funnel_monthly where month between ? and ?", [start, end])
        if field in RATES:
            numerator, denominator = (total(column) for column in RATES[field])
            return None if not denominator else float(numerator) / float(denominator)
        return total(field)

    def _one(self, sql: str, params: list[Any]) -> Any:
        rows = self.con.execute(sql, params).fetchall()
        assert len(rows) == 1, (sql, params, rows)
        return rows[0][0]


def _shown_number(text: str) -> float:
    cleaned = text.replace("−", "-").replace("$", "").replace(",", "").replace("%", "").replace("pts", "").strip()
    return float(cleaned)


def check_element(element: dict[str, Any], expected: Any) -> str | None:
    """None when the element's stored and shown value equal the mart's; else why not."""
    attrs, text, kind = element["attrs"], element["text"].strip(), element["attrs"]["data-format"]
    stored = attrs["data-value"]
    if expected is None:
        if stored != "" or (element["tag"] != "circle" and kind != "text" and text != "–"):
            return f"expected NULL, stored {stored!r}, shown {text!r}"
        if kind == "text" and attrs["data-field"] == "status" and text != STATUS_SHOWN[None]:
            return f"NULL status shown as {text!r}"
        return None
    if kind == "text":
        if stored != str(expected):
            return f"stored {stored!r} != {expected!r}"
        shown_expected = STATUS_SHOWN.get(expected, expected) if attrs["data-field"] == "status" else expected
        return None if text == shown_expected else f"shown {text!r} != {shown_expected!r}"
    if not math.isclose(float(stored), float(expected), rel_tol=1e-12, abs_tol=1e-12):
        return f"stored {stored} != {expected}"
    if element["tag"] == "circle":
        return None
    shown = _shown_number(text)
    tolerance = {"count": 0, "change": 0, "rate": 0.05, "points": 0.05, "money": 0.5, "money_change": 0.5}[kind]
    scale = 100 if kind in ("rate", "points") else 1
    if abs(shown - float(expected) * scale) > tolerance + 1e-9:
        return f"shown {text!r} != {expected}"
    return None


# --------------------------------------------------------------------------
# tests
# --------------------------------------------------------------------------

def test_every_number_shown_in_chromium_equals_the_marts(rendered_dom: str, marts: Marts) -> None:
    page = parse(rendered_dom)
    assert len(page.elements) > 250
    problems = []
    for element in page.elements:
        problem = check_element(element, marts.value(element["attrs"]))
        if problem:
            problems.append((element["attrs"], problem))
    assert not problems, problems[:10]


def test_page_has_every_section_and_row(rendered_dom: str, sample_warehouse: Path, marts: Marts) -> None:
    page = parse(rendered_dom)
    latest = marts.latest.isoformat()

    def keys(source: str, field: str, *names: str) -> set[tuple[str, ...]]:
        return {tuple(element["attrs"].get(f"data-{name}", "") for name in names)
                for element in page.elements
                if element["attrs"]["data-source"] == source and element["attrs"]["data-field"] == field}

    # waterfall: five stages for the latest month and for the trailing window
    waterfall_latest = {element["attrs"]["data-field"] for element in page.elements
                        if element["attrs"].get("data-month") == latest
                        and element["attrs"]["data-source"] == "fct_funnel_monthly"
                        and "data-compare-month" not in element["attrs"]}
    assert {"visitors", "mqls", "sqls", "opportunities", "customers"} <= waterfall_latest
    trailing = {element["attrs"]["data-field"] for element in page.elements if "data-window-start" in element["attrs"]}
    assert trailing == {"visitors", "mqls", "sqls", "opportunities", "customers", "visitor_to_mql_rate",
                        "mql_to_sql_rate", "sql_to_opportunity_rate", "opportunity_to_customer_rate"}
    # latest month by channel: every channel of the mart
    channels = {(channel,) for (channel,) in query(
        sample_warehouse, f"select channel from fct_funnel_channel_monthly where month = '{latest}'")}
    assert {(channel,) for month, channel in keys("fct_funnel_channel_monthly", "mqls", "month", "channel")
            if month == latest} == channels
    # trend: every month of the window for every channel with MQLs in the window (table under the chart)
    with_mqls = query(sample_warehouse, "select month, channel from fct_funnel_channel_monthly where channel in "
                      "(select channel from fct_funnel_channel_monthly group by channel having sum(mqls) > 0)")
    assert {(month.isoformat(), channel) for month, channel in with_mqls} <= keys(
        "fct_funnel_channel_monthly", "mql_to_sql_rate", "month", "channel")
    # benchmarks: every row of the latest month; health: every check, and one card per alert
    benchmark_rows = query(sample_warehouse,
                           f"select channel, metric from fct_channel_benchmarks where month = '{latest}'")
    assert keys("fct_channel_benchmarks", "status", "channel", "metric") == set(benchmark_rows)
    checks = query(sample_warehouse, f"select check_id from fct_mql_health where month = '{latest}'")
    assert keys("fct_mql_health", "metric_value", "check") == set(checks)
    alerts = query(sample_warehouse,
                   f"select count(*) from fct_mql_health where month = '{latest}' and is_alert")[0][0]
    assert page.alert_cards == alerts


def test_trend_points_are_drawn_at_their_values(rendered_dom: str) -> None:
    page = parse(rendered_dom)
    y_max, top, bottom = (float(page.svg[name]) for name in ("data-y-max", "data-plot-top", "data-plot-bottom"))
    points = [element["attrs"] for element in page.elements if element["tag"] == "circle"]
    assert len(points) >= 12
    for point in points:
        value = float(point["data-value"])
        assert 0 <= value <= y_max
        assert float(point["cy"]) == pytest.approx(bottom - (bottom - top) * value / y_max, abs=0.01)


def test_page_is_self_contained(dashboard_file: Path) -> None:
    page = parse(dashboard_file.read_text(encoding="utf-8"))
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    text = dashboard_file.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
    for needle in ("http://", "https://", "url(", "@import", "@font-face"):
        assert needle not in text


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_screenshot(chromium: str, dashboard_file: Path, tmp_path: Path) -> None:
    """A 1400 x 2000 screenshot for review: .tmp/dashboard.png (copy it to
    docs/dashboard.png to update the one in the README)."""
    shot = tmp_path / "dashboard.png"
    run_chromium(chromium, tmp_path / "profile", f"--screenshot={shot}",
                 f"--window-size={SCREENSHOT_SIZE[0]},{SCREENSHOT_SIZE[1]}", dashboard_file.as_uri())
    assert _png_size(shot) == SCREENSHOT_SIZE
    assert shot.stat().st_size > 100_000  # a blank page is a few kB
    review = PROJECT_DIR / ".tmp"
    review.mkdir(exist_ok=True)
    shutil.copy(shot, review / "dashboard.png")
    shutil.copy(dashboard_file, review / "dashboard.html")


# --------------------------------------------------------------------------
# states the sample data does not reach
# --------------------------------------------------------------------------

def _month_row(**values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {column: 0 for column in (
        "visitors", "attendees", "leads", "mqls", "sqls", "opportunities", "customers", "revenue", "spend")}
    row.update({rate: None for rate in RATES})
    row.update(values)
    return row


def _data(benchmarks: tuple[dict[str, Any], ...] | None, health: tuple[dict[str, Any], ...] | None) -> DashboardData:
    month = dt.date(2026, 3, 1)
    row = _month_row(visitors=1000, mqls=40, sqls=8, mql_to_sql_rate=0.2, visitor_to_mql_rate=0.04)
    return DashboardData(
        months=(month,), monthly={month: row}, channels=(Channel("paid_social", "paid social"),),
        channel_monthly={(month, "paid_social"): row}, benchmarks=benchmarks, health=health,
        trailing_months=12, source="test.duckdb",
    )


def test_alert_is_shown_with_its_finding_and_streak() -> None:
    alert = {
        "month": dt.date(2026, 3, 1), "check_id": "mql_to_sql_below_review_line", "metric": "mql_to_sql_rate",
        "metric_value": 0.2, "direction": "below", "threshold": 0.25, "consecutive_months": 2, "is_breached": True,
        "breached_months_running": 3, "is_alert": True,
        "alert": "MQL-to-SQL rate has stayed below the review line: review the scoring model now",
    }
    page = parse(render(_data((), (alert,))))
    assert page.alert_cards == 1
    shown = {element["attrs"]["data-field"]: element["text"] for element in page.elements
             if element["attrs"]["data-source"] == "fct_mql_health"}
    assert shown["alert"] == alert["alert"]
    assert shown["breached_months_running"] == "3"
    assert shown["threshold"] == "25.0%"


def test_missing_insight_marts_and_empty_warehouse_are_explained() -> None:
    html = render(_data(None, None))
    assert "fct_channel_benchmarks is not built" in html and "fct_mql_health is not built" in html
    empty = DashboardData(months=(), monthly={}, channels=(), channel_monthly={}, benchmarks=None, health=None,
                          trailing_months=12, source="empty.duckdb")
    assert "No data yet" in render(empty)
