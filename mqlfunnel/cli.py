"""Command line: generate sample data, build the warehouse, print the funnel.

Product. The developer tools (generate, demo's data, bench, compare) live in
mqlfunnel.devtools and are imported inside the commands that run them, so
importing this module (or any product module) never loads them.

    mqlfunnel generate --leads 20000 --months 12      fill raw.* of the DuckDB file
    mqlfunnel generate --shape hubspot                also hubspot.*, segment.*, google_ads.* ... (section 7)
    mqlfunnel generate --shape salesforce             also salesforce.* (section 7)
    mqlfunnel build [-- extra dbt args]               dbt build on that file
    mqlfunnel report --months 3                       last months' funnel by channel
    mqlfunnel demo                                    all three
    mqlfunnel nightly                                 freshness, incremental build, tests, publish
    mqlfunnel intraday                                the nightly's write-audit-publish on the hand-off path
    mqlfunnel handoffs --since BATCH                  new MQLs for sales (the outbox), as JSON Lines
    mqlfunnel bench --scales 10000,100000,1000000     benchmark against the raw-SQL baseline: bench/RESULTS.md
    mqlfunnel load --from DIR --target postgres       raw exports into schema raw of a target,
                                                      vendor sub-folders (hubspot/, ...) into their schemas
    mqlfunnel compare --target postgres               a target's marts against the DuckDB file's
    mqlfunnel compare --reference A.duckdb --candidate B.duckdb   two DuckDB files' marts, row by row
    mqlfunnel dashboard --out dashboard.html          the funnel dashboard as one HTML file
    mqlfunnel metrics --metrics mqls --group-by metric_time__month   MetricFlow query (semantic layer)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from mqlfunnel.project import DEFAULT_DUCKDB_PATH, NO_UNIT_TESTS, connect_warehouse, run_dbt
from mqlfunnel.report import funnel_by_channel


def _progress(message: str) -> None:
    print(f"[mqlfunnel] {message}", flush=True)


def _database(args: argparse.Namespace) -> Path:
    return Path(args.database or os.environ.get("MQL_DUCKDB_PATH") or DEFAULT_DUCKDB_PATH)


def cmd_generate(args: argparse.Namespace) -> int:
    from mqlfunnel.devtools.generator import export, generate

    path = _database(args)
    path.parent.mkdir(parents=True, exist_ok=True)
    _progress(f"generating {args.leads:,} leads over {args.months} months (seed {args.seed}) into {path}")
    started = time.perf_counter()
    with connect_warehouse(path) as con:
        counts = generate(
            con,
            leads=args.leads,
            months=args.months,
            end_month=args.end_month,
            seed=args.seed,
            progress=_progress,
            shape=args.shape,
        )
        if args.export:
            written = export(con, Path(args.export), fmt=args.format)
            _progress(f"exported {len(written)} tables as {args.format} to {args.export}")
    total = sum(counts.values())
    _progress(f"done: {total:,} raw rows in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    path = _database(args)
    extra = list(args.dbt_args)
    if extra[:1] == ["--"]:
        extra = extra[1:]
    _progress(f"dbt build on {path} (unit tests are left to CI: make test)")
    return run_dbt(["build", *NO_UNIT_TESTS, *extra], duckdb_path=path, check=False).returncode


def cmd_report(args: argparse.Namespace) -> int:
    print(funnel_by_channel(_database(args), months=args.months))
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from mqlfunnel.loader import LoadError, load
    from mqlfunnel.targets import TargetError

    started = time.perf_counter()
    database = _database(args) if args.target == "duckdb" else None
    try:
        counts = load(args.source, args.target, progress=_progress, duckdb_path=database,
                      schema_prefix=args.schema_prefix)
    except (LoadError, TargetError) as exc:
        print(f"mqlfunnel load: {exc}", file=sys.stderr)
        return 1
    _progress(f"done: {sum(counts.values()):,} rows in {len(counts)} tables in {time.perf_counter() - started:.1f} s")
    return 0


def _compare_files(reference: Path, candidate: Path, schema: str, tolerance: float) -> int:
    from mqlfunnel.devtools.compare import compare_duckdb

    missing = [str(path) for path in (reference, candidate) if not path.is_file()]
    if missing:
        print(f"mqlfunnel compare: no such DuckDB file: {', '.join(missing)}", file=sys.stderr)
        return 1
    comparison = compare_duckdb(reference, candidate, reference_schema=schema, candidate_schema=schema,
                                tolerance=tolerance, progress=print)
    equal = len(comparison.lines) - len(comparison.differing)
    print(f"{'OK' if comparison.agree else 'DIFFERENT'}: {equal} of {len(comparison.lines)} marts equal"
          f" ({reference} vs {candidate}, schema {schema})")
    return 0 if comparison.agree else 1


def cmd_compare(args: argparse.Namespace) -> int:
    from mqlfunnel.devtools.compare import compare_targets
    from mqlfunnel.targets import TargetError

    files = [path for path in (args.reference, args.candidate) if path is not None]
    if len(files) != (0 if args.target else 2):
        print("mqlfunnel compare: give --target, or --reference and --candidate (not both)", file=sys.stderr)
        return 2
    if args.target is None:
        return _compare_files(args.reference, args.candidate, args.schema, args.tolerance)
    try:
        differences = compare_targets(_database(args), args.target, progress=_progress, tolerance=args.tolerance)
    except TargetError as exc:
        print(f"mqlfunnel compare: {exc}", file=sys.stderr)
        return 1
    for line in differences:
        print(line)
    return 1 if differences else 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    from mqlfunnel.dashboard import write_dashboard

    path = write_dashboard(_database(args), args.out, trailing_months=args.trailing_months)
    _progress(f"dashboard written to {path}")
    return 0


def cmd_metrics(args: argparse.Namespace) -> int:
    import tempfile

    from mqlfunnel.semantic import format_rows, query_metrics

    with tempfile.TemporaryDirectory(prefix="mqlfunnel-semantic-") as workdir:
        try:
            rows = query_metrics(_database(args), args.metrics.split(","), args.group_by.split(","), Path(workdir),
                                 order_by=args.order.split(",") if args.order else None)
        except RuntimeError as exc:
            print(f"mqlfunnel metrics: {exc}", file=sys.stderr)
            return 1
    print(format_rows(rows))
    return 0


def _os_error(exc: OSError) -> str:
    """One line for an OSError: what went wrong, on which file."""
    what = exc.strerror or str(exc)
    files = [str(name) for name in (exc.filename, exc.filename2) if name is not None]
    return f"{what}: {' -> '.join(files)}" if files else what


def cmd_handoffs(args: argparse.Namespace) -> int:
    from mqlfunnel.handoffs import HandoffError, Since, json_lines, read_handoffs

    try:
        since = Since.parse(args.since)
        count = 0
        for line in json_lines(read_handoffs(_database(args), since)):
            print(line)
            count += 1
    except BrokenPipeError:  # the reader (head, a sender) stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except HandoffError as exc:
        print(f"mqlfunnel handoffs: {exc}", file=sys.stderr)
        return 1
    print(f"[mqlfunnel] {count:,} hand-offs", file=sys.stderr)
    return 0


def cmd_nightly(args: argparse.Namespace) -> int:
    from mqlfunnel.nightly import NightlyError, run_intraday, run_nightly

    extra = list(args.dbt_args)
    if extra[:1] == ["--"]:
        extra = extra[1:]
    try:
        if args.command == "intraday":
            result = run_intraday(_database(args), progress=_progress, dbt_args=tuple(extra))
        else:
            result = run_nightly(_database(args), progress=_progress, dbt_args=tuple(extra),
                                 check_freshness=not args.skip_freshness)
    except NightlyError as exc:
        print(f"mqlfunnel {args.command}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"mqlfunnel {args.command}: {_os_error(exc)}", file=sys.stderr)
        return 1
    timings = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in result.seconds.items())
    _progress(f"{args.command} done ({timings}); {len(result.warnings)} warnings")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from mqlfunnel.devtools.bench import run_bench

    scales = [int(scale) for scale in args.scales.split(",")]
    run_bench(scales, workdir=Path(args.workdir) if args.workdir else None,
              output=Path(args.output) if args.output else None, months=args.months,
              progress=_progress, command=f"mqlfunnel bench --scales {args.scales}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="mqlfunnel", description=__doc__.splitlines()[0])
    root.add_argument("--database", help="DuckDB file (default: $MQL_DUCKDB_PATH or warehouse.duckdb)")
    commands = root.add_subparsers(dest="command", required=True)

    def generation_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--leads", type=int, default=20_000, help="number of leads (default 20000)")
        command.add_argument("--months", type=int, default=12, help="months of history (default 12)")
        command.add_argument("--end-month", default="2026-10-01", help="last month generated (default 2026-10-01)")
        command.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
        command.add_argument("--shape", choices=["raw", "hubspot", "salesforce"], default="raw",
                             help="raw: the contract's raw tables (default); hubspot: also the tables Fivetran lands"
                             " from HubSpot, Segment and the ad platforms, raw holding the rows they map to;"
                             " salesforce: likewise from Salesforce")
        command.add_argument("--export", help="also write the tables to this folder (raw ones as <table>.<format>, vendor ones as <schema>/<table>.<format>)")
        command.add_argument("--format", choices=["parquet", "csv"], default="parquet")

    generation_options(commands.add_parser("generate", help="fill raw.* with synthetic data"))
    build = commands.add_parser("build", help="dbt build")
    build.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt arguments, e.g. --vars '{mql_threshold: 60}'")
    report = commands.add_parser("report", help="print the last months' funnel by channel")
    report.add_argument("--months", type=int, default=3)
    demo = commands.add_parser("demo", help="generate, build and report")
    generation_options(demo)
    demo.add_argument("--months-shown", dest="report_months", type=int, default=3)
    demo.set_defaults(dbt_args=[])
    nightly = commands.add_parser("nightly", help="write-audit-publish: freshness, build and test a copy, then swap it in")
    nightly.add_argument("--skip-freshness", action="store_true", help="do not check source freshness")
    nightly.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt build arguments")
    intraday = commands.add_parser("intraday", help="write-audit-publish of the hand-off path: new MQLs to the "
                                   "outbox within minutes (cron)")
    intraday.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt build arguments")
    handoffs = commands.add_parser("handoffs", help="print the MQL hand-off outbox as JSON Lines (one MQL once)")
    handoffs.add_argument("--since", metavar="BATCH|ISO", help="only batches after this handoff_batch, or enqueued "
                          "after this UTC date-time (default: all)")
    load = commands.add_parser("load", help="load a folder of raw exports into schema raw of a target,"
                               " and vendor exports into their schemas")
    load.add_argument("--from", dest="source", metavar="DIR", required=True,
                      help="folder of raw <table>.parquet or <table>.csv files and/or of vendor sub-folders"
                      " <schema>/<table>.(parquet|csv), e.g. hubspot/contact.csv")
    load.add_argument("--target", choices=["duckdb", "postgres", "spark"], default="duckdb")
    load.add_argument("--schema-prefix", default="", metavar="PREFIX",
                      help="land vendor folder <name> in schema PREFIX<name> (default: none; set the"
                      " <vendor>_schema vars to match); raw exports always land in raw")
    compare = commands.add_parser("compare", help="prove marts equal row by row: a target's to the DuckDB file's,"
                                  " or two DuckDB files' (developer tool)")
    compare.add_argument("--target", choices=["postgres", "spark"], help="compare this target with --database")
    compare.add_argument("--reference", type=Path, help="DuckDB file whose marts are the reference")
    compare.add_argument("--candidate", type=Path, help="DuckDB file compared with --reference")
    compare.add_argument("--schema", default="main", help="mart schema of both files (default main)")
    compare.add_argument("--tolerance", type=float, default=1e-9,
                         help="numbers equal within tolerance x max(1, |a|, |b|) (default 1e-9; 0: exactly)")
    dashboard = commands.add_parser("dashboard", help="write the funnel dashboard (one self-contained HTML file)")
    dashboard.add_argument("--out", default="dashboard.html", help="HTML file to write (default dashboard.html)")
    dashboard.add_argument("--trailing-months", type=int, default=12,
                           help="months in the trend and the trailing waterfall (default 12)")
    bench = commands.add_parser("bench", help="time generate, full build, nightly and the raw-SQL baseline per scale")
    bench.add_argument("--scales", default="10000,100000,1000000", help="comma-separated lead counts")
    bench.add_argument("--months", type=int, default=12, help="months of history (default 12)")
    bench.add_argument("--workdir", help="folder for the generated warehouses (default .tmp/bench)")
    bench.add_argument("--output", help="report to write (default bench/RESULTS.md)")
    metrics = commands.add_parser("metrics", help="query the semantic layer with MetricFlow (mf query)")
    metrics.add_argument("--metrics", required=True, help="comma-separated metrics, e.g. mql_to_sql_rate,mqls")
    metrics.add_argument("--group-by", default="metric_time__month",
                         help="comma-separated group-bys (default metric_time__month), e.g. lead__channel")
    metrics.add_argument("--order", help="comma-separated order-bys, '-' for descending")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "demo":
        code = cmd_generate(args)
        if code == 0:
            code = cmd_build(args)
        if code == 0:
            print(funnel_by_channel(_database(args), months=args.report_months))
        return code
    handlers = {"generate": cmd_generate, "build": cmd_build, "report": cmd_report,
                "load": cmd_load, "compare": cmd_compare, "nightly": cmd_nightly, "intraday": cmd_nightly, "handoffs": cmd_handoffs,
                "dashboard": cmd_dashboard, "metrics": cmd_metrics, "bench": cmd_bench}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
