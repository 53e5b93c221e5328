"""The semantic layer (models/semantic) gives the marts' numbers.

MetricFlow's `mf query` runs on the sample warehouse (tests/python/conftest.py)
in a private copy of the project (mqlfunnel.semantic), and every row it
returns is compared with fct_funnel_channel_monthly or fct_funnel_monthly.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import query
from mqlfunnel.dashboard.data import FUNNEL_COLUMNS
from mqlfunnel.semantic import query_metrics

# Every metric of models/semantic/_semantic__metrics.yml is a column of the funnel marts.
METRICS = list(FUNNEL_COLUMNS)


@pytest.fixture(scope="module")
def semantic_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("semantic_project")


def _month(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def _number(text: str) -> float | None:
    return None if text in ("", "None", "NULL") else float(text)


def _same(mf_value: float | None, mart_value: object) -> bool:
    if mart_value is None or mf_value is None:
        return mart_value is None and mf_value is None
    assert isinstance(mart_value, (int, float, Decimal))
    return math.isclose(mf_value, float(mart_value), rel_tol=1e-9, abs_tol=1e-9)


def test_mql_to_sql_rate_by_month_and_lead_channel_equals_mart(sample_warehouse: Path, semantic_project: Path) -> None:
    """The issue's query: `mf query --metrics mql_to_sql_rate --group-by
    metric_time__month,lead__channel`; one row per month and channel with MQLs,
    each equal to fct_funnel_channel_monthly."""
    rows = query_metrics(sample_warehouse, ["mql_to_sql_rate"], ["metric_time__month", "lead__channel"],
                         semantic_project)
    got = {(_month(row["metric_time__month"]), row["lead__channel"]): _number(row["mql_to_sql_rate"]) for row in rows}
    expected = {
        (month, channel): rate
        for month, channel, rate in query(
            sample_warehouse,
            "select month, channel, mql_to_sql_rate from fct_funnel_channel_monthly where mqls > 0",
        )
    }
    assert len(got) == len(rows), "one row per month and channel"
    assert set(got) == set(expected)
    assert len(expected) > 30
    mismatches = {key: (got[key], expected[key]) for key in expected if not _same(got[key], expected[key])}
    assert not mismatches


def test_every_metric_by_month_and_channel_equals_mart(sample_warehouse: Path, semantic_project: Path) -> None:
    """All funnel metrics (counts, spend, revenue, every rate, cost per MQL and
    per customer) grouped by month and the shared marketing_channel entity:
    every row of fct_funnel_channel_monthly, value for value (NULL rates too)."""
    rows = query_metrics(sample_warehouse, METRICS, ["metric_time__month", "marketing_channel"], semantic_project)
    got = {(_month(row["metric_time__month"]), row["marketing_channel"]): row for row in rows}
    columns = ", ".join(METRICS)
    mart = query(sample_warehouse, f"select month, channel, {columns} from fct_funnel_channel_monthly")
    assert len(rows) == len(mart) == len(got)
    mismatches = []
    for month, channel, *values in mart:
        row = got[(month, channel)]
        for metric, value in zip(METRICS, values):
            if not _same(_number(row[metric]), value):
                mismatches.append((month, channel, metric, row[metric], value))
    assert not mismatches


def test_every_metric_by_month_equals_monthly_mart(sample_warehouse: Path, semantic_project: Path) -> None:
    rows = query_metrics(sample_warehouse, METRICS, ["metric_time__month"], semantic_project)
    got = {_month(row["metric_time__month"]): row for row in rows}
    columns = ", ".join(METRICS)
    mart = query(sample_warehouse, f"select month, {columns} from fct_funnel_monthly")
    assert len(rows) == len(mart) == len(got)
    mismatches = [
        (month, metric, got[month][metric], value)
        for month, *values in mart
        for metric, value in zip(METRICS, values)
        if not _same(_number(got[month][metric]), value)
    ]
    assert not mismatches


def test_time_spine_is_contiguous_days_covering_the_marts(sample_warehouse: Path) -> None:
    first, last, days, distinct_days = query(
        sample_warehouse,
        "select min(date_day), max(date_day), count(*), count(distinct date_day) from semantic.metricflow_time_spine",
    )[0]
    assert days == distinct_days == (last - first).days + 1
    months = query(sample_warehouse, "select min(month), max(month) from fct_funnel_monthly")[0]
    assert first <= months[0] and last >= months[1]


def test_metrics_subcommand_prints_the_query(sample_warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mqlfunnel import cli

    assert cli.main(["--database", str(sample_warehouse), "metrics", "--metrics", "mqls",
                     "--group-by", "metric_time__month", "--order", "metric_time__month"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split() == ["metric_time__month", "mqls"]
    expected = query(sample_warehouse, "select month, mqls from fct_funnel_monthly where mqls > 0 order by month")
    assert [(_month(line.split()[0]), int(line.split()[-1])) for line in lines[1:]] == expected
