"""Developer tool: the benchmark, the dbt build against a hand-written raw-SQL floor, at several scales.

    mqlfunnel bench [--scales 10000,100000,1000000] [--workdir .tmp/bench] [--output bench/RESULTS.md]

For every scale, in a folder of its own:

1. generate the leads (`mqlfunnel generate`, ending this month so sources are fresh)
   and hold back the last day (day N) plus half of day N-2's event rows, which
   arrive late, as tests/python/test_nightly.py does;
2. full build: `dbt build --exclude test_type:unit` (every model, seed and data test);
3. the four main marts alone: `dbt run --full-refresh --select +dim_leads ...`
   (the dbt work that matches the baseline's);
4. baseline: bench/baseline.sql (the four main marts straight from raw.*) in one
   DuckDB process, on the same raw rows, with the profile's DuckDB settings; its
   marts are compared with the dbt marts row by row;
5. deliver day N (plus a changed lead and a deleted one) and time the nightly
   run, `mqlfunnel nightly -- --exclude test_type:unit` (copy, freshness,
   incremental build and tests, swap) with dbt's parse cache warm, as on any
   night but the first; the baseline is run again on the delivered rows and
   compared with the published marts;
6. deliver the last 15 minutes of day N (held back from the nightly's rows) and
   time `mqlfunnel intraday`: new MQLs are visible to a new reader when it has
   published; the hand-offs of its outbox batch are counted.

Every timed step is a child process: wall time from the parent, CPU time and
peak resident memory from the kernel (`wait4`: the child and its descendants).
Results, the machine and the exact commands go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

import duckdb

from mqlfunnel.devtools.compare import MART_KEYS, Comparison, compare_duckdb
from mqlfunnel.devtools.day_n import (
    deliver_batch, deliver_day_n, held_rows, hold_back_day_n, hold_back_last_minutes,
)
from mqlfunnel.project import NO_UNIT_TESTS, PROJECT_DIR, PROFILES_DIR, connect_warehouse, dbt_executable
from mqlfunnel.schema import RAW_TABLES

BASELINE_SQL = PROJECT_DIR / "bench" / "baseline.sql"
RESULTS_MD = PROJECT_DIR / "bench" / "RESULTS.md"
# bench/RESULTS.md is the measured part, written by render(), then this line and
# the notes written by hand (what dominated, what changed, history): a run
# rewrites what is above the line and keeps what is below it.
NOTES_MARKER = "<!-- Notes below this line are written by hand; `mqlfunnel bench` keeps them. -->"
DEFAULT_SCALES = (10_000, 100_000, 1_000_000)
# The four main marts and every model above them: what the baseline computes.
MARTS_SELECTION = ("+dim_leads", "+fct_lead_score_events", "+fct_funnel_monthly", "+fct_funnel_channel_monthly")

Progress = Callable[[str], None]


@dataclasses.dataclass
class Step:
    """One timed child process."""

    name: str
    command: str
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float
    returncode: int


@dataclasses.dataclass
class ScaleResult:
    leads: int
    raw_rows: dict[str, int]
    steps: dict[str, Step]
    top_models: list[tuple[str, float]]
    nightly_top_models: list[tuple[str, float]]
    nightly_split: dict[str, float]
    comparison_full: Comparison
    comparison_nightly: Comparison | None
    file_mib: float
    nightly_nodes: int
    intraday_split: dict[str, float] = dataclasses.field(default_factory=dict)
    intraday_batch_rows: int = 0
    intraday_handoffs: int = 0
    intraday_nodes: int = 0


# --------------------------------------------------------------------------
# timed children
# --------------------------------------------------------------------------

def run_timed(
    name: str,
    argv: Sequence[str],
    log: Path,
    env: dict[str, str] | None = None,
    shown: str | None = None,
) -> Step:
    """Run argv as a child process; wall time and the peak RSS the kernel reports."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log.open("w") as out:
        child = subprocess.Popen(list(argv), cwd=PROJECT_DIR, env={**os.environ, **(env or {})},
                                 stdout=out, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    # ru_maxrss is in KiB on Linux: the largest of the child and its waited-for descendants.
    step = Step(name=name, command=shown or shlex.join(argv), seconds=seconds,
                cpu_seconds=usage.ru_utime + usage.ru_stime,
                peak_rss_mib=usage.ru_maxrss / 1024, returncode=child.returncode)
    if child.returncode != 0:
        tail = log.read_text()[-3000:]
        raise RuntimeError(f"bench step {name!r} failed (exit {child.returncode}), log {log}:\n{tail}")
    return step


def _mqlfunnel() -> str:
    candidate = Path(sys.executable).parent / "mqlfunnel"
    return str(candidate) if candidate.exists() else "mqlfunnel"


# --------------------------------------------------------------------------
# the raw-SQL baseline
# --------------------------------------------------------------------------

def duckdb_settings() -> dict[str, str]:
    """The `settings:` of the duckdb output in profiles/profiles.yml (plain `key: value` lines), which the
    baseline applies too; DuckDB's own thread count is its default (the machine's cores) in both."""
    text = (PROFILES_DIR / "profiles.yml").read_text()
    block = re.search(r"^(\s*)duckdb:\s*\n(.*?)(?=^\1\S|\Z)", text, re.S | re.M)
    settings: dict[str, str] = {}
    if not block:
        return settings
    inner = re.search(r"^(\s*)settings:\s*\n((?:\1\s+.*\n?)*)", block.group(2), re.M)
    if inner:
        for line in inner.group(2).splitlines():
            key, _, value = line.strip().partition(":")
            if key and not key.startswith("#"):
                settings[key.strip()] = value.split("#")[0].strip().strip("'\"")
    return settings


def run_baseline(raw_database: Path, output: Path) -> float:
    """Run bench/baseline.sql on the raw.* of `raw_database` (attached read-only),
    writing schema baseline of `output`; seconds spent in SQL."""
    output.unlink(missing_ok=True)
    with duckdb.connect() as con:
        for key, value in duckdb_settings().items():
            con.execute(f"set {key} = '{value}'")
        con.execute(f"attach '{output}' as bench_output")
        con.execute("use bench_output")
        con.execute(f"attach '{raw_database}' as warehouse (read_only)")
        con.execute("create schema raw")
        for table in RAW_TABLES:
            con.execute(f"create view raw.{table} as select * from warehouse.raw.{table}")
        started = time.perf_counter()
        con.execute(BASELINE_SQL.read_text())
        con.execute("checkpoint")
        return time.perf_counter() - started


def compare_marts(warehouse: Path, baseline: Path) -> Comparison:
    """The baseline's four marts against the dbt marts of the same name, row by row,
    with the one mart comparer (mqlfunnel.devtools.compare) at its default tolerance."""
    return compare_duckdb(warehouse, baseline, names=tuple(MART_KEYS), candidate_schema="baseline",
                          labels=("dbt", "baseline"))


# --------------------------------------------------------------------------
# one scale
# --------------------------------------------------------------------------

def _top_models(run_results: Path, count: int = 10) -> list[tuple[str, float]]:
    results = json.loads(run_results.read_text())["results"]
    models = [(r["unique_id"].split(".")[-1], float(r["execution_time"])) for r in results
              if r["unique_id"].startswith("model.")]
    return sorted(models, key=lambda m: -m[1])[:count]


# The intraday batch: the last minutes of day N, delivered after the nightly.
INTRADAY_BATCH_MINUTES = 15


def _nightly_split(log: Path, command: str = "nightly") -> dict[str, float]:
    """The nightly's (or intraday's) own step timings from its last progress line."""
    found = re.findall(rf"{command} done \((.*?)\)", log.read_text())
    if not found:
        return {}
    return {name: float(seconds) for name, seconds in re.findall(r"(\w+) ([\d.]+) s", found[-1])}


def _dbt(args: Sequence[str], target: Path) -> list[str]:
    return [dbt_executable(), *args, "--profiles-dir", str(PROFILES_DIR),
            "--target-path", str(target), "--log-path", str(target / "logs")]


def _baseline_step(name: str, warehouse: Path, output: Path, logs: Path) -> tuple[Step, Comparison]:
    """Time the baseline on the raw rows of `warehouse` in a child process, then compare its marts with dbt's."""
    step = run_timed(
        name,
        [sys.executable, "-m", "mqlfunnel.devtools.bench", "baseline", "--raw", str(warehouse), "--output", str(output)],
        logs / f"{output.stem}.log",
        shown=f"python -m mqlfunnel.devtools.bench baseline --raw warehouse.duckdb --output {output.name}",
    )
    return step, compare_marts(warehouse, output)


def bench_scale(leads: int, workdir: Path, months: int, progress: Progress) -> ScaleResult:
    folder = workdir / f"leads_{leads}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    warehouse = folder / "warehouse.duckdb"
    logs = folder / "logs"
    steps: dict[str, Step] = {}
    this_month = dt.date.today().replace(day=1).isoformat()
    mqlfunnel = _mqlfunnel()
    on_warehouse = {"MQL_DUCKDB_PATH": str(warehouse)}

    progress(f"{leads:,} leads: generate")
    steps["generate"] = run_timed(
        "generate",
        [mqlfunnel, "--database", str(warehouse), "generate", "--leads", str(leads), "--months", str(months),
         "--end-month", this_month],
        logs / "generate.log",
        shown=f"mqlfunnel --database warehouse.duckdb generate --leads $LEADS --months {months} --end-month {this_month}",
    )
    with connect_warehouse(warehouse) as con:
        day_n = hold_back_day_n(con)
        raw_rows = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_TABLES}
        held = held_rows(con)
        batch_rows = hold_back_last_minutes(con, INTRADAY_BATCH_MINUTES)
    progress(f"{leads:,} leads: day N = {day_n}, {held:,} rows held back; full build")

    target = folder / "target_full"
    steps["full_build"] = run_timed(
        "full_build", _dbt(["build", *NO_UNIT_TESTS], target), logs / "full_build.log", env=on_warehouse,
        shown="MQL_DUCKDB_PATH=warehouse.duckdb dbt build --exclude test_type:unit --profiles-dir profiles",
    )
    top = _top_models(target / "run_results.json")
    file_mib = warehouse.stat().st_size / 2**20

    progress(f"{leads:,} leads: the four marts alone (dbt run --full-refresh)")
    steps["marts_run"] = run_timed(
        "marts_run", _dbt(["run", "--full-refresh", "--select", *MARTS_SELECTION], target),
        logs / "marts_run.log", env=on_warehouse,
        shown="MQL_DUCKDB_PATH=warehouse.duckdb dbt run --full-refresh --select " + " ".join(MARTS_SELECTION)
        + " --profiles-dir profiles",
    )

    progress(f"{leads:,} leads: raw-SQL baseline")
    steps["baseline"], comparison_full = _baseline_step("baseline", warehouse, folder / "baseline.duckdb", logs)

    progress(f"{leads:,} leads: deliver day N, nightly")
    # Steady state: the nightly's target folder keeps dbt's parse cache from the night before.
    nightly_target = warehouse.with_name(warehouse.name + ".target")
    subprocess.run(_dbt(["parse"], nightly_target), cwd=PROJECT_DIR, check=True, capture_output=True,
                   env={**os.environ, "MQL_DUCKDB_PATH": str(warehouse.with_name(warehouse.name + ".next"))})
    with connect_warehouse(warehouse) as con:
        deliver_day_n(con, day_n)
    steps["nightly"] = run_timed(
        "nightly",
        [mqlfunnel, "--database", str(warehouse), "nightly"],
        logs / "nightly.log",
        shown="mqlfunnel --database warehouse.duckdb nightly",
    )
    split = _nightly_split(logs / "nightly.log")
    nightly_top = _top_models(nightly_target / "run_results.json")
    nightly_nodes = len(json.loads((nightly_target / "run_results.json").read_text())["results"])

    steps["baseline_after_nightly"], comparison_nightly = _baseline_step(
        "baseline_after_nightly", warehouse, folder / "baseline_after.duckdb", logs)

    progress(f"{leads:,} leads: deliver the last {INTRADAY_BATCH_MINUTES} minutes of day N ({batch_rows:,} rows), intraday")
    with connect_warehouse(warehouse) as con:
        deliver_batch(con)
        enqueued = con.execute("select count(*) from main.fct_mql_handoff_outbox").fetchone()[0]
    steps["intraday"] = run_timed(
        "intraday",
        [mqlfunnel, "--database", str(warehouse), "intraday"],
        logs / "intraday.log",
        shown="mqlfunnel --database warehouse.duckdb intraday",
    )
    with duckdb.connect(str(warehouse), read_only=True) as con:
        handoffs = con.execute("select count(*) from main.fct_mql_handoff_outbox").fetchone()[0] - enqueued
    return ScaleResult(leads=leads, raw_rows=raw_rows, steps=steps, top_models=top, nightly_top_models=nightly_top,
                       nightly_split=split, comparison_full=comparison_full, comparison_nightly=comparison_nightly,
                       file_mib=file_mib, nightly_nodes=nightly_nodes,
                       intraday_split=_nightly_split(logs / "intraday.log", "intraday"),
                       intraday_batch_rows=batch_rows, intraday_handoffs=handoffs,
                       intraday_nodes=len(json.loads((nightly_target / "run_results.json").read_text())["results"]))


# --------------------------------------------------------------------------
# RESULTS.md
# --------------------------------------------------------------------------

def _shell(command: str) -> str:
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def machine() -> dict[str, str]:
    cpu = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.*)$", cpuinfo.read_text(), re.M)
        cpu = found.group(1) if found else "?"
    return {
        "nproc": _shell("nproc"),
        "free -g": subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.rstrip(),
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "dbt": f"dbt-core {_version('dbt-core')}, dbt-duckdb {_version('dbt-duckdb')}",
        "load": _shell("cat /proc/loadavg"),
    }


def _mark(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _agrees(comparison: Comparison | None) -> str:
    return "n/a" if comparison is None else ("yes" if comparison.agree else "**NO**")


def render(results: list[ScaleResult], info: dict[str, str], started: str, command: str,
           settings: dict[str, str]) -> str:
    out: list[str] = []
    add = out.append
    add("# Benchmark results\n")
    add(f"Written by `{command}` (mqlfunnel/bench.py), started {started} UTC. Every timed step is a child "
        "process: *wall* is its elapsed time, *CPU* its user + system time, *peak RSS* the kernel's maximum "
        "resident set of the process and its descendants (`wait4`). Other jobs shared the machine (see the "
        "load average), which stretches wall times; CPU time is the steadier measure, and the ratios are "
        "given on both. What dominates is listed per scale below (slowest models) and in the notes at the end.\n")
    add("## Machine\n")
    add(f"- CPU: {info['cpu']}; `nproc`: {info['nproc']}")
    add(f"- {info['os']}; Python {info['python']}; DuckDB {info['duckdb']}; {info['dbt']}")
    add("- DuckDB settings (profiles/profiles.yml, also applied to the baseline): "
        + (", ".join(f"`{k}={v}`" for k, v in settings.items()) or "defaults"))
    add(f"- `/proc/loadavg` when written: `{info['load']}`\n")
    add("```\n$ free -g\n" + info["free -g"] + "\n```\n")
    add("## Commands\n")
    add("Each scale runs in a folder of its own (`.tmp/bench/leads_$LEADS`):\n")
    add("```sh")
    if results:
        for step in results[0].steps.values():
            add(step.command)
    add("```\n")
    add("- Before the full build, day N (the last day of pageviews) and half of day N-2's pageviews, e-mail "
        "events and form submissions (late rows) are held back; before the nightly they are delivered, with a "
        "new version of one lead and the deletion of another (mqlfunnel/day_n.py, as in "
        "tests/python/test_nightly.py).")
    add("- `marts_run` rebuilds only the four main marts and the models above them (`--full-refresh`, no tests, "
        "no insight or audit marts; dbt parses partially, from the full build's target folder): the dbt work "
        "that matches the baseline's.")
    add("- The baseline (bench/baseline.sql) reads the same raw rows (the warehouse attached read-only) and "
        "writes its four marts to another DuckDB file; its marts are then compared with the dbt marts row by "
        "row. It runs again after the nightly, on the delivered rows, against the marts the nightly published.")
    add("- The nightly's dbt target folder is parsed once beforehand (`MQL_DUCKDB_PATH=warehouse.duckdb.next "
        "dbt parse --target-path warehouse.duckdb.target`, untimed), as it is after any earlier night: the timed "
        "nightly uses dbt's partial parsing.\n")

    add("## Results\n")
    for r in results:
        s = r.steps
        add(f"### {r.leads:,} leads\n")
        add(f"Raw rows at the full build: {sum(r.raw_rows.values()):,} "
            f"({r.raw_rows['web_pageviews']:,} pageviews, {r.raw_rows['email_events']:,} e-mail events); "
            f"DuckDB file after the full build: {r.file_mib:,.0f} MiB.\n")
        add("| step | wall s | CPU s | peak RSS MiB |")
        add("| --- | ---: | ---: | ---: |")
        for step in s.values():
            add(f"| {step.name} | {step.seconds:.1f} | {step.cpu_seconds:.1f} | {step.peak_rss_mib:,.0f} |")
        add("")
        full, marts, base, nightly = s["full_build"], s["marts_run"], s["baseline"], s["nightly"]
        add(f"- full build / baseline: **{full.seconds / base.seconds:.2f}x** wall, "
            f"{full.cpu_seconds / base.cpu_seconds:.2f}x CPU")
        add(f"- the four marts alone (`marts_run`) / baseline: **{marts.seconds / base.seconds:.2f}x** wall, "
            f"{marts.cpu_seconds / base.cpu_seconds:.2f}x CPU")
        add(f"- nightly / full build: **{nightly.seconds / full.seconds:.0%}** wall, "
            f"{nightly.cpu_seconds / full.cpu_seconds:.0%} CPU")
        if r.nightly_split:
            add("- nightly steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in r.nightly_split.items()))
        if "intraday" in s:
            add(f"- intraday, a {INTRADAY_BATCH_MINUTES}-minute batch of {r.intraday_batch_rows:,} raw rows: published "
                f"(new MQLs visible to a new reader) **{s['intraday'].seconds:.1f} s** after its start, "
                f"{r.intraday_nodes} nodes, {r.intraday_handoffs:,} new hand-offs in its outbox batch; steps: "
                + ", ".join(f"{k} {v:.1f} s" for k, v in r.intraday_split.items()))
        add(f"- baseline agrees with the dbt marts after the full build: **{_agrees(r.comparison_full)}**; "
            f"with the marts the nightly published: **{_agrees(r.comparison_nightly)}**")
        add("\n```")
        add("after the full build:")
        add("\n".join("  " + line for line in r.comparison_full.lines))
        if r.comparison_nightly is not None:
            add("after the nightly:")
            add("\n".join("  " + line for line in r.comparison_nightly.lines))
        add("```\n")
        add("Slowest models (dbt run_results `execution_time`, s; dbt runs up to four nodes at once, so they overlap):\n")
        add("| full build | s | nightly | s |")
        add("| --- | ---: | --- | ---: |")
        for i in range(max(len(r.top_models), len(r.nightly_top_models))):
            left = r.top_models[i] if i < len(r.top_models) else ("", 0.0)
            right = r.nightly_top_models[i] if i < len(r.nightly_top_models) else ("", 0.0)
            add(f"| {left[0]} | {left[1]:.1f} | {right[0]} | {right[1]:.1f} |")
        add("")

    by_leads = {r.leads: r for r in results}
    if results:
        largest = max(results, key=lambda r: r.leads)
        s = largest.steps
        add("## Targets\n")
        add(f"At {largest.leads:,} leads unless stated.\n")
        add("| target | measured (wall; CPU) | |")
        add("| --- | --- | --- |")
        full, marts, base, nightly = s["full_build"], s["marts_run"], s["baseline"], s["nightly"]
        ratio = full.seconds / base.seconds
        add(f"| full build within 1.3x the raw-SQL baseline | {full.seconds:.0f} s / {base.seconds:.0f} s = "
            f"{ratio:.2f}x; CPU {full.cpu_seconds / base.cpu_seconds:.2f}x | {_mark(ratio <= 1.3)} |")
        ratio = marts.seconds / base.seconds
        add(f"| (the four marts alone within 1.3x the baseline) | {marts.seconds:.0f} s / {base.seconds:.0f} s = "
            f"{ratio:.2f}x; CPU {marts.cpu_seconds / base.cpu_seconds:.2f}x | {_mark(ratio <= 1.3)} |")
        share = nightly.seconds / full.seconds
        add(f"| nightly incremental under 10 % of the full build | {nightly.seconds:.0f} s / {full.seconds:.0f} s "
            f"= {share:.0%}; CPU {nightly.cpu_seconds / full.cpu_seconds:.0%} | {_mark(share < 0.10)} |")
        if "intraday" in s:
            add(f"| intraday: new MQLs visible to a new reader within 20 s of the command's start | "
                f"{s['intraday'].seconds:.1f} s | {_mark(s['intraday'].seconds <= 20)} |")
        smallest_nightly = min(results, key=lambda r: r.leads)
        if smallest_nightly is not largest:
            small = smallest_nightly.steps
            above = (nightly.seconds - small["nightly"].seconds) / (full.seconds - small["full_build"].seconds)
            add(f"| nightly's cost above the {smallest_nightly.leads:,}-lead nightly at most 10 % of the full build's "
                f"above the {smallest_nightly.leads:,}-lead full build | ({nightly.seconds:.0f} - "
                f"{small['nightly'].seconds:.0f}) / ({full.seconds:.0f} - {small['full_build'].seconds:.0f}) = "
                f"{above:.0%} | {_mark(above <= 0.10)} |")
        ratio = full.seconds / base.seconds
        add(f"| full build within 2.5x the raw-SQL baseline | {ratio:.2f}x | {_mark(ratio <= 2.5)} |")
        add(f"| nightly at {smallest_nightly.leads:,} leads at most 6 s (the fixed cost) | "
            f"{smallest_nightly.steps['nightly'].seconds:.1f} s | "
            f"{_mark(smallest_nightly.steps['nightly'].seconds <= 6)} |")
        peak = max(step.peak_rss_mib for r in results for step in r.steps.values() if step.name != "generate")
        add(f"| peak memory under 6 GiB (every step but the generator) | {peak / 1024:.2f} GiB | "
            f"{_mark(peak < 6 * 1024)} |")
        if 100_000 in by_leads and 1_000_000 in by_leads:
            small, big = by_leads[100_000].steps, by_leads[1_000_000].steps
            for name in ("full_build", "nightly"):
                growth = big[name].seconds / small[name].seconds
                cpu_growth = big[name].cpu_seconds / small[name].cpu_seconds
                add(f"| {name.replace('_', ' ')} cost grows no faster than linearly, 100k -> 1M leads (10x) | "
                    f"{small[name].seconds:.0f} s -> {big[name].seconds:.0f} s = {growth:.1f}x; "
                    f"CPU {cpu_growth:.1f}x | {_mark(growth <= 10)} |")
        agree = all(r.comparison_full.agree and (r.comparison_nightly is None or r.comparison_nightly.agree)
                    for r in results)
        add(f"| baseline and dbt marts agree row by row | every scale, after the full build and after the nightly "
            f"| {'yes' if agree else '**NO**'} |")
        add("")
        smallest = min(results, key=lambda r: r.leads)
        if smallest is not largest:
            add(_fixed_cost(smallest, largest))
    return "\n".join(out)


def _fixed_cost(smallest: ScaleResult, largest: ScaleResult) -> str:
    """What dbt costs whatever the rows, measured at the smallest scale, against the largest scale's targets."""
    small, big = smallest.steps, largest.steps
    share = sum(smallest.raw_rows.values()) / sum(largest.raw_rows.values())
    budget = 0.10 * big["full_build"].seconds
    allowance = 0.3 * big["baseline"].seconds
    nightly = small["nightly"].seconds
    return "\n".join([
        "## Fixed cost\n",
        f"At {smallest.leads:,} leads ({share:.1%} of the raw rows at {largest.leads:,}) dbt's time is almost all "
        f"fixed cost: starting, parsing, and running {smallest.nightly_nodes} nodes (models, seeds, tests) whatever "
        "their rows.\n",
        f"- nightly at {smallest.leads:,} leads: {nightly:.1f} s ({small['nightly'].cpu_seconds:.1f} s CPU); the "
        f"nightly target at {largest.leads:,} leads is 10 % of that scale's full build, {budget:.1f} s. A nightly on "
        f"more rows runs the same nodes, so while {nightly:.1f} s {'>=' if nightly >= budget else '<'} "
        f"{budget:.1f} s the target is {'out of reach of a nightly that runs every node' if nightly >= budget else 'not excluded by the fixed cost'}.",
        f"- full build at {smallest.leads:,} leads: {small['full_build'].seconds:.1f} s "
        f"({small['full_build'].cpu_seconds:.1f} s CPU), against the {allowance:.1f} s (30 % of the "
        f"{largest.leads:,}-lead baseline) that the 1.3x target leaves for everything dbt does beyond the "
        "baseline's SQL: its start and nodes, the checked event rows it stores for the nightly, tests, insight "
        "and audit marts.\n",
    ])


def write_results(output: Path, measured: str) -> None:
    """Write the measured part to `output`, keeping its hand-written notes
    (NOTES_MARKER and everything after it); a new file gets the marker alone."""
    notes = NOTES_MARKER + "\n"
    if output.exists():
        text = output.read_text()
        if NOTES_MARKER in text:
            notes = text[text.index(NOTES_MARKER):]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(measured.rstrip("\n") + "\n\n" + notes)


# --------------------------------------------------------------------------
# entry points
# --------------------------------------------------------------------------

def run_bench(
    scales: Sequence[int] = DEFAULT_SCALES,
    workdir: Path | None = None,
    output: Path | None = None,
    months: int = 12,
    progress: Progress = print,
    command: str = "mqlfunnel bench",
) -> list[ScaleResult]:
    """Bench every scale in turn, rewriting the report after each."""
    workdir = (workdir or PROJECT_DIR / ".tmp" / "bench").resolve()
    output = output or RESULTS_MD
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    results: list[ScaleResult] = []
    for leads in scales:
        results.append(bench_scale(leads, workdir, months, progress))
        write_results(output, render(results, machine(), started, command, duckdb_settings()))
        progress(f"{leads:,} leads done; {output} written")
    return results


def main(argv: list[str] | None = None) -> int:
    """`python -m mqlfunnel.devtools.bench baseline --raw FILE --output FILE`: one timed baseline run."""
    parser = argparse.ArgumentParser(prog="python -m mqlfunnel.devtools.bench")
    commands = parser.add_subparsers(dest="command", required=True)
    baseline = commands.add_parser("baseline", help="run bench/baseline.sql on a warehouse's raw.*")
    baseline.add_argument("--raw", required=True, type=Path, help="DuckDB file with schema raw (read only)")
    baseline.add_argument("--output", required=True, type=Path, help="DuckDB file to write schema baseline to")
    compare = commands.add_parser("compare", help="compare a baseline file's marts with a warehouse's")
    compare.add_argument("--warehouse", required=True, type=Path)
    compare.add_argument("--baseline", required=True, type=Path)
    args = parser.parse_args(argv)
    if args.command == "baseline":
        seconds = run_baseline(args.raw, args.output)
        print(f"baseline SQL: {seconds:.2f} s")
        return 0
    result = compare_marts(args.warehouse, args.baseline)
    print("\n".join(result.lines))
    return 0 if result.agree else 1


if __name__ == "__main__":
    sys.exit(main())
