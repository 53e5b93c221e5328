"""The nightly run, write-audit-publish on DuckDB files.

BI tools read the *published* DuckDB file with short read-only connections.
DuckDB allows one writer or many readers, never both, so the nightly run
never writes to that file:

1. write   copy the published file to `<name>.next` beside it (rewritten in
           the storage version of $MQL_DUCKDB_STORAGE_VERSION if the published
           file is in another one), check source freshness there (warn after
           1 day, error after 3), `dbt build` (incremental models append the
           new rows; every data test runs, unit tests are left to CI), both
           in one dbt process that parses the project once;
2. audit   any model error or failing test stops here: the published file is
           untouched and the reasons are printed;
3. publish atomically rename `<name>.next` over the published file, then check
           that the file now under that name is the one this run built. Readers
           that still hold the old file keep reading it; new connections see
           the new one. There is never a half-built file under that name.

The intraday run (meant for cron every few minutes) is the same
write-audit-publish limited to the hand-off path: the models
fct_mql_handoff_outbox reads (staging, audit, scores, milestones, dim_leads,
fct_mql_handoffs), the score ledger fct_lead_score_events and
int_leads__refreshed_inputs (the record of the lead-keyed scores' refresh,
so the next run recomputes only the leads changed since), with the tests
whose every parent is on that path but the full-history key tests of the
checked event tables (tag full_history, left to the nightly), without
the freshness check. New MQLs reach the outbox and fct_mql_handoffs within
one intraday run; the other marts are refreshed by the nightly.

One run at a time: a run holds an exclusive lock (flock) on `<name>.lock`
from start to publish; a second run refuses at once. The kernel releases the
lock when the run dies (the dbt child dies with it and holds the lock until
it has). Work files a dead run left behind are removed by the next run.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from mqlfunnel.project import NO_UNIT_TESTS, DbtRun, duckdb_storage_version, run_dbt_commands

Progress = Callable[[str], None]

NO_SPACE = "No space left on device"
# The text of the dbt test that finds rows older than the incremental lookback window.
LATE_ROWS = "later than the lookback window"


class NightlyError(RuntimeError):
    """The nightly run stopped before publishing; the published file is unchanged."""


@dataclass
class NightlyResult:
    published: Path
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _results(target_path: Path, artifact: str) -> list[dict]:
    path = target_path / artifact
    return json.loads(path.read_text())["results"] if path.exists() else []


def _failures(target_path: Path, artifact: str) -> list[str]:
    """Nodes that errored or failed, with dbt's whole message, from a run artifact."""
    lines = []
    for result in _results(target_path, artifact):
        if result["status"] in ("error", "fail", "runtime error"):
            message = [line.rstrip() for line in (result.get("message") or "").splitlines() if line.strip()]
            head = f"{result['unique_id']}: {result['status']}"
            lines.append(f"{head} ({message[0].strip()})" if len(message) == 1 else "\n      ".join([head, *message]))
    return lines


def _warnings(target_path: Path, artifact: str) -> list[str]:
    return [f"{r['unique_id']}: warn" for r in _results(target_path, artifact) if r["status"] == "warn"]


def _disk_full(step: str, published: Path) -> NightlyError:
    return NightlyError(f"disk full: no space left on device while {step}; {published.name} left as it was")


@contextmanager
def _step(step: str, published: Path) -> Iterator[None]:
    """Turn an OSError or DuckDB error of one step into a NightlyError that names the cause."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise _disk_full(step, published) from exc
        where = f" ({exc.filename})" if exc.filename else ""
        raise NightlyError(f"{exc.strerror or exc}{where} while {step}; {published.name} left as it was") from exc
    except duckdb.Error as exc:
        if NO_SPACE in str(exc):
            raise _disk_full(step, published) from exc
        raise NightlyError(f"{exc} while {step}; {published.name} left as it was") from exc


# ---------------------------------------------------------------------------
# one run at a time
# ---------------------------------------------------------------------------

def _lock_holder(fd: int) -> str:
    """What the run holding the lock wrote into it: "pid N ... since T"."""
    for _ in range(20):  # the holder writes right after it took the lock
        try:
            holder = json.loads(os.pread(fd, 4096, 0))
            return f"(pid {holder['pid']}) is running on {holder['published']} since {holder['since']}"
        except (ValueError, KeyError):
            time.sleep(0.05)
    return "is running"


@contextmanager
def _nightly_lock(published: Path) -> Iterator[int]:
    """Hold an exclusive flock on `<name>.lock` beside `published`; refuse if another run holds it."""
    lock_path = published.with_name(published.name + ".lock")
    with _step(f"opening the lock file {lock_path.name}", published):
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise NightlyError(f"another run (nightly or intraday) {_lock_holder(fd)}: nothing done, "
                               f"{published.name} left to that run (lock {lock_path.name})") from None
        since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "published": str(published), "since": since}).encode(), 0)
        try:
            yield fd
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock (the dbt child, if still alive, holds it until it dies)


# ---------------------------------------------------------------------------
# write
# ---------------------------------------------------------------------------

def _work_files(work: Path) -> list[Path]:
    return [work, Path(f"{work}.wal")]


def _remove_work_files(work: Path) -> list[Path]:
    removed = [path for path in _work_files(work) if path.exists()]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _storage_version(database: Path) -> str | None:
    """The storage version of a DuckDB file, e.g. v1.4.0 (DuckDB shows "v1.4.0+")."""
    with duckdb.connect(str(database), read_only=True) as con:
        tags = con.execute("select tags from duckdb_databases() where database_name = current_database()").fetchone()[0]
    version = (tags or {}).get("storage_version")
    return version.rstrip("+") if version else None


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _rewrite(published: Path, work: Path, version: str) -> None:
    """Write the content of `published` to the new file `work` in storage version `version`."""
    with duckdb.connect() as con:
        con.execute(f"attach {_sql_string(str(published))} (read_only)")
        source = con.execute("select database_name from duckdb_databases() where path = ?", [str(published)]).fetchone()[0]
        con.execute(f"attach {_sql_string(str(work))} as mqlfunnel_next (storage_version {_sql_string(version)})")
        con.execute(f'copy from database "{source}" to mqlfunnel_next')
        con.execute("detach mqlfunnel_next")


def _write_next(published: Path, work: Path, progress: Progress) -> None:
    """`work` := the published file, in the configured storage version."""
    wanted = duckdb_storage_version()
    with _step(f"reading the storage version of {published.name}", published):
        found = _storage_version(published)
    if found == wanted:
        progress(f"write: copying {published.name} to {work.name}")
        with _step(f"copying {published.name} to {work.name}", published):
            shutil.copyfile(published, work)
        return
    progress(f"write: {published.name} is in DuckDB storage version {found}: rewriting it into {work.name} "
             f"in {wanted} (MQL_DUCKDB_STORAGE_VERSION)")
    with _step(f"rewriting {published.name} into {work.name} in storage version {wanted}", published):
        _rewrite(published, work, wanted)


# ---------------------------------------------------------------------------
# build and audit
# ---------------------------------------------------------------------------

def _log_size(log: Path) -> int:
    return log.stat().st_size if log.exists() else 0


def _log_since(log: Path, offset: int) -> str:
    """What dbt logged in this run (dbt appends to its log file)."""
    if not log.exists():
        return ""
    with log.open("rb") as file:
        file.seek(offset if log.stat().st_size >= offset else 0)
        return file.read().decode(errors="replace")


def _check_dbt_run(run: DbtRun, names: list[str], work: Path, published: Path, target_path: Path,
                   log: Path, offset: int) -> None:
    """Raise the NightlyError that names why dbt stopped: a signal, a full disk, the parse."""
    if run.signal_name is not None:
        hint = " (out of memory?)" if run.signal_name == "SIGKILL" else ""
        raise NightlyError(f"dbt was killed by signal {run.signal_name}{hint} while it ran on {work.name}; "
                           f"{published.name} left as it was")
    failed = next((name for name, command in zip(names, run.commands) if not command.success), None)
    messages = [*run.errors, *_failures(target_path, "sources.json"), *_failures(target_path, "run_results.json")]
    if run.returncode != 0 and (any(NO_SPACE in text for text in messages) or NO_SPACE in _log_since(log, offset)):
        raise _disk_full(f"running {_STEP_NAMES.get(failed or '', 'dbt')} on {work.name}", published)
    detail = "\n  ".join(run.errors) if run.errors else "see dbt output above"
    if not run.reported:
        raise NightlyError(f"dbt stopped with exit code {run.returncode} before it reported what it did, "
                           f"{published.name} left as it was: {detail}")
    if not run.parsed:
        raise NightlyError(f"dbt could not parse the project, nothing published: {detail}")


def _late_rows_hint(failed: list[str]) -> list[str]:
    if not any(LATE_ROWS in line for line in failed) or any("--full-refresh" in line for line in failed):
        return []
    return ["rows arrived later than the lookback window (var incremental_lookback_days): "
            "a `--full-refresh` build is needed once (mqlfunnel nightly -- --full-refresh)"]


_STEP_NAMES = {"freshness": "dbt source freshness", "build": "dbt build"}
_RUN_ARTIFACTS = ("sources.json", "run_results.json")


def _build(work: Path, published: Path, target_path: Path, result: NightlyResult, progress: Progress,
           dbt_args: tuple[str, ...], check_freshness: bool, keep_open: tuple[int, ...],
           scope: tuple[str, ...] = ()) -> None:
    commands = {"freshness": ["source", "freshness"]} if check_freshness else {}
    commands["build"] = ["build", *NO_UNIT_TESTS, *scope, *dbt_args]
    what = ("the hand-off path (the models fct_mql_handoff_outbox reads, the score ledger, their tests)" if scope
            else "build (incremental models append new rows; every data test runs; unit tests are left to CI)")
    progress("write: one dbt process: "
             + ("source freshness (warn after 1 day, error after 3), then " if check_freshness else "")
             + what)
    for artifact in _RUN_ARTIFACTS:  # the last run's, which must not be read as this run's
        (target_path / artifact).unlink(missing_ok=True)
    log = target_path / "logs" / "dbt.log"
    offset = _log_size(log)
    run = run_dbt_commands(list(commands.values()), duckdb_path=work, target_path=target_path, keep_open=keep_open)
    result.seconds["dbt_start"] = run.startup_seconds
    outcome = dict(zip(commands, run.commands))
    result.seconds.update({name: command.seconds for name, command in outcome.items()})
    _check_dbt_run(run, list(commands), work, published, target_path, log, offset)
    if "freshness" in outcome:
        if not outcome["freshness"].success:
            stale = _failures(target_path, "sources.json")
            raise NightlyError("stale or unreadable sources, nothing published:\n  "
                               + "\n  ".join(stale or ["see dbt output above"]))
        result.warnings += _warnings(target_path, "sources.json")
    if "build" not in outcome or not outcome["build"].success:
        failed = _failures(target_path, "run_results.json")
        raise NightlyError(f"audit failed, {published.name} left as it was:\n  "
                           + "\n  ".join([*failed, *_late_rows_hint(failed)] or ["see dbt output above"]))
    result.warnings += _warnings(target_path, "run_results.json")


# ---------------------------------------------------------------------------
# publish
# ---------------------------------------------------------------------------

def _publish(work: Path, published: Path, progress: Progress) -> None:
    """Rename `work` over `published`, then check that `published` is now the file this run built."""
    if Path(f"{work}.wal").exists():
        raise NightlyError(f"{work}.wal exists after the build: refusing to publish an unchecked file")
    with _step(f"publishing {work.name} as {published.name}", published):
        built = os.stat(work)
        os.replace(work, published)
        now = os.stat(published)
    if (now.st_dev, now.st_ino) != (built.st_dev, built.st_ino) or work.exists():
        raise NightlyError(f"publish not done: {published} is not the file this run built "
                           f"(inode {now.st_ino}, built {built.st_ino}); {published.name} left as it is")
    progress(f"publish: {published.name} replaced atomically")


# The intraday run's dbt selection: the hand-off path (with the record of
# the lead-keyed scores' refresh, int_leads__refreshed_inputs), and only the tests
# whose every parent is on it, less those tagged full_history: the key tests
# of the append-only checked event tables, which group every stored row
# (19.5M pageviews at 1M leads) to check rows a run only appends to; the
# nightly runs them.
INTRADAY_SCOPE: tuple[str, ...] = ("--select", "+fct_mql_handoff_outbox", "fct_lead_score_events",
                                   "int_leads__refreshed_inputs",
                                   "--exclude", "tag:full_history", "--indirect-selection", "cautious")


def run_intraday(published: Path, progress: Progress = print, dbt_args: tuple[str, ...] = ()) -> NightlyResult:
    """The nightly's write-audit-publish on the hand-off path only (module docstring)."""
    return run_nightly(published, progress, dbt_args, check_freshness=False, scope=INTRADAY_SCOPE)


def run_nightly(
    published: Path,
    progress: Progress = print,
    dbt_args: tuple[str, ...] = (),
    check_freshness: bool = True,
    scope: tuple[str, ...] = (),
) -> NightlyResult:
    """Build the next version of `published` beside it, test it, then swap it in."""
    published = Path(published).resolve()
    if not published.exists():
        raise NightlyError(f"{published} does not exist: load raw data and run `mqlfunnel build` once first")
    with _nightly_lock(published) as lock:
        if Path(f"{published}.wal").exists():
            raise NightlyError(f"{published}.wal exists: a writer still has {published.name} open or did not checkpoint")
        work = published.with_name(published.name + ".next")
        target_path = published.with_name(published.name + ".target")
        removed = _remove_work_files(work)
        if removed:
            progress(f"write: removed {', '.join(path.name for path in removed)} left by a run that did not finish")
        result = NightlyResult(published=published)
        try:
            started = time.perf_counter()
            _write_next(published, work, progress)
            result.seconds["copy"] = time.perf_counter() - started
            _build(work, published, target_path, result, progress, dbt_args, check_freshness, keep_open=(lock,),
                   scope=scope)
            _publish(work, published, progress)
        finally:
            _remove_work_files(work)
    return result
