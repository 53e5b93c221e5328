"""The nightly run, write-audit-publish on DuckDB files.

BI tools read the *published* DuckDB file with short read-only connections.
DuckDB allows one writer or many readers, never both, so the nightly run
never writes to that file:

1. write   copy the published file to `<name>.next` beside it, check source
           freshness there (warn after 1 day, error after 3), `dbt build`
           (incremental models append the new rows; every test runs), both in
           one dbt process that parses the project once;
2. audit   any model error or failing test stops here: the published file is
           untouched and the reasons are printed;
3. publish atomically rename `<name>.next` over the published file. Readers
           that still hold the old file keep reading it; new connections see
           the new one. There is never a half-built file under that name.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from mqlfunnel.project import run_dbt_commands

Progress = Callable[[str], None]


class NightlyError(RuntimeError):
    """The nightly run stopped before publishing; the published file is unchanged."""


@dataclass
class NightlyResult:
    published: Path
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _failures(target_path: Path, artifact: str) -> list[str]:
    """Nodes that errored or failed, with dbt's message, from a run artifact."""
    path = target_path / artifact
    if not path.exists():
        return []
    results = json.loads(path.read_text())["results"]
    lines = []
    for result in results:
        if result["status"] in ("error", "fail", "runtime error"):
            message = (result.get("message") or "").strip().splitlines()
            lines.append(f"{result['unique_id']}: {result['status']}" + (f" ({message[0]})" if message else ""))
    return lines


def _warnings(target_path: Path, artifact: str) -> list[str]:
    path = target_path / artifact
    if not path.exists():
        return []
    return [
        f"{r['unique_id']}: warn" for r in json.loads(path.read_text())["results"] if r["status"] == "warn"
    ]


def run_nightly(
    published: Path,
    progress: Progress = print,
    dbt_args: tuple[str, ...] = (),
    check_freshness: bool = True,
) -> NightlyResult:
    """Build the next version of `published` beside it, test it, then swap it in."""
    published = Path(published).resolve()
    if not published.exists():
        raise NightlyError(f"{published} does not exist: load raw data and run `mqlfunnel build` once first")
    if Path(f"{published}.wal").exists():
        raise NightlyError(f"{published}.wal exists: a writer still has {published.name} open or did not checkpoint")

    work = published.with_name(published.name + ".next")
    target_path = published.with_name(published.name + ".target")
    for leftover in (work, Path(f"{work}.wal")):
        leftover.unlink(missing_ok=True)
    result = NightlyResult(published=published)

    started = time.perf_counter()
    progress(f"write: copying {published.name} to {work.name}")
    shutil.copyfile(published, work)
    result.seconds["copy"] = time.perf_counter() - started

    try:
        commands = {"freshness": ["source", "freshness"]} if check_freshness else {}
        commands["build"] = ["build", *dbt_args]
        progress("write: one dbt process: "
                 + ("source freshness (warn after 1 day, error after 3), then " if check_freshness else "")
                 + "build (incremental models append new rows; every test runs)")
        result.seconds["dbt_start"], ran = run_dbt_commands(
            list(commands.values()), duckdb_path=work, target_path=target_path)
        outcome = dict(zip(commands, ran))
        result.seconds.update({name: command.seconds for name, command in outcome.items()})
        if not ran:
            raise NightlyError("dbt could not parse the project, nothing published: see dbt output above")
        if "freshness" in outcome:
            if not outcome["freshness"].success:
                stale = _failures(target_path, "sources.json")
                raise NightlyError("stale or unreadable sources, nothing published:\n  "
                                   + "\n  ".join(stale or ["see dbt output above"]))
            result.warnings += _warnings(target_path, "sources.json")
        if not outcome["build"].success:
            failed = _failures(target_path, "run_results.json")
            raise NightlyError(
                f"audit failed, {published.name} left as it was:\n  " + "\n  ".join(failed or ["see dbt output above"])
            )
        result.warnings += _warnings(target_path, "run_results.json")
    except BaseException:
        work.unlink(missing_ok=True)
        Path(f"{work}.wal").unlink(missing_ok=True)
        raise

    if Path(f"{work}.wal").exists():
        raise NightlyError(f"{work}.wal exists after the build: refusing to publish an unchecked file")
    os.replace(work, published)
    progress(f"publish: {published.name} replaced atomically")
    return result
