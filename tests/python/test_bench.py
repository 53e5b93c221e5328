"""The raw-SQL baseline of the benchmark (bench/baseline.sql) is an
independent implementation of the contract: on sample data and on the
bad-input catalogue it must publish the same four marts as the dbt project,
row by row. (The benchmark's timings are reported, never asserted.)"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import duckdb

from mqlfunnel.bench import compare_marts, run_baseline
from test_bad_input import fill_catalogue


def test_baseline_agrees_with_the_marts_on_sample_data(sample_warehouse: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.duckdb"
    run_baseline(sample_warehouse, baseline)
    comparison = compare_marts(sample_warehouse, baseline)
    assert comparison.agree, "\n".join(comparison.lines)


def test_baseline_agrees_with_the_marts_on_bad_input(warehouse_builder: Callable[..., Path], tmp_path: Path) -> None:
    warehouse = warehouse_builder(fill_catalogue, name="bench_catalogue")
    baseline = tmp_path / "baseline.duckdb"
    run_baseline(warehouse, baseline)
    comparison = compare_marts(warehouse, baseline)
    assert comparison.agree, "\n".join(comparison.lines)


def test_comparison_reports_each_difference(sample_warehouse: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "altered.duckdb"
    run_baseline(sample_warehouse, baseline)
    with duckdb.connect(str(baseline)) as con:
        con.execute(
            "update baseline.dim_leads set lead_score = lead_score + 1"
            " where lead_id = (select min(lead_id) from baseline.dim_leads)"
        )
        con.execute("delete from baseline.fct_funnel_channel_monthly where channel = 'email'")
    comparison = compare_marts(sample_warehouse, baseline)
    assert not comparison.agree
    report = "\n".join(comparison.lines)
    assert "dim_leads: dbt" in report and "'lead_score': 1" in report
    assert "fct_funnel_channel_monthly: dbt" in report and "only in dbt" in report
    assert "fct_lead_score_events: " in report and "all equal" in report
