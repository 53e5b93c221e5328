"""The raw-SQL baseline of the benchmark (bench/baseline.sql) is an
independent implementation of the contract: on sample data and on the
bad-input catalogue it must publish the same four marts as the dbt project,
row by row. The benchmark itself runs end to end at two small scales and
reports what it measured. (Its timings are reported, never asserted.)"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import duckdb

from mqlfunnel.devtools.bench import compare_marts, run_baseline, run_bench
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


def test_bench_reports_every_step_and_the_fixed_cost(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    results = run_bench([300, 600], workdir=tmp_path / "bench", output=output, months=2, progress=lambda line: None)
    report = output.read_text()
    assert [r.leads for r in results] == [300, 600]
    for r in results:
        assert r.comparison_full.agree and r.comparison_nightly is not None and r.comparison_nightly.agree
        assert list(r.steps) == ["generate", "full_build", "marts_run", "baseline", "nightly", "baseline_after_nightly",
                                 "intraday"]
        assert set(r.nightly_split) == {"copy", "dbt_start", "freshness", "build"}
        assert set(r.intraday_split) == {"copy", "dbt_start", "build"}
        assert 0 < r.intraday_nodes < r.nightly_nodes  # the hand-off path only
        assert r.intraday_batch_rows > 0 and r.intraday_handoffs >= 0
        assert f"- intraday, a 15-minute batch of {r.intraday_batch_rows:,} raw rows: published" in report
        assert f"### {r.leads:,} leads" in report
        for step in r.steps.values():
            assert f"| {step.name} | {step.seconds:.1f} | {step.cpu_seconds:.1f} |" in report
    small = results[0]
    assert small.nightly_nodes > 250  # every model, seed and test ran in the nightly
    assert f"- nightly at 300 leads: {small.steps['nightly'].seconds:.1f} s" in report
    assert "## Targets" in report and "## Fixed cost" in report
