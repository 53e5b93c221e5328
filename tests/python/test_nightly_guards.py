"""The nightly's guards, with dbt replaced by a stand-in (no dbt process, a
few seconds in all): one run at a time, no publish reported that did not
happen, a killed dbt or a full disk named as such with the published file
left as it was and no work file behind, and the published file in the
storage version DuckDB 1.4 reads. test_nightly.py runs the real dbt."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import signal
import threading
import time
from pathlib import Path
from typing import Callable

import duckdb
import pytest

from conftest import query_with
from mqlfunnel import nightly
from mqlfunnel.cli import main
from mqlfunnel.nightly import NightlyError, run_nightly
from mqlfunnel.project import DbtCommandResult, DbtRun, connect_warehouse

Hook = Callable[[Path, Path], None]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def storage_version(database: Path) -> str:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("select tags from duckdb_databases() where database_name = current_database()").fetchone()[0][
            "storage_version"]


def work_files(published: Path) -> list[Path]:
    return [path for path in (published.with_name(published.name + ".next"),
                              published.with_name(published.name + ".next.wal")) if path.exists()]


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A small published warehouse in the configured storage version."""
    database = tmp_path / "published.duckdb"
    with connect_warehouse(database) as con:
        con.execute("create table dim_leads as select range as lead_id from range(10)")
    return database


def fake_dbt(monkeypatch: pytest.MonkeyPatch, success: bool = True, returncode: int | None = None,
             results: list[dict] | None = None, hook: Hook | None = None) -> None:
    """Replace the dbt child: run `hook(work, target_path)`, write `results` as run_results.json, report
    the build's `success` (or death by signal: a negative `returncode`)."""
    def run(commands: list[list[str]], duckdb_path: Path, target_path: Path, env: dict | None = None,
            keep_open: tuple[int, ...] = ()) -> DbtRun:
        if hook is not None:
            hook(Path(duckdb_path), Path(target_path))
        if results is not None:
            Path(target_path).mkdir(parents=True, exist_ok=True)
            (Path(target_path) / "run_results.json").write_text(json.dumps({"results": results}))
        code = (0 if success else 1) if returncode is None else returncode
        if code < 0:
            return DbtRun(startup_seconds=0.0, commands=[], returncode=code)
        ran = [DbtCommandResult(args=command, success=True, seconds=0.0) for command in commands]
        ran[-1].success = success  # the build; the freshness check before it passed
        return DbtRun(startup_seconds=0.0, commands=ran, returncode=code, reported=True, parsed=True)

    monkeypatch.setattr(nightly, "run_dbt_commands", run)


def test_second_run_refuses_at_once_while_one_is_running(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    building, release = threading.Event(), threading.Event()

    def first_build_waits(work: Path, target_path: Path) -> None:
        if not building.is_set():
            building.set()
            assert release.wait(30)

    fake_dbt(monkeypatch, hook=first_build_waits)
    first: list[str] = []
    running = threading.Thread(target=run_nightly, args=(published,), kwargs={"progress": first.append})
    running.start()
    try:
        assert building.wait(30)
        started = time.perf_counter()
        with pytest.raises(NightlyError) as refused:
            run_nightly(published, progress=lambda message: None)
        assert time.perf_counter() - started < 3
        assert re.search(rf"another run \(nightly or intraday\) \(pid {os.getpid()}\) is running on {re.escape(str(published))} "
                         r"since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", str(refused.value)), str(refused.value)
        assert published.with_name(published.name + ".next").exists()  # the first run's work file, untouched
    finally:
        release.set()
        running.join(30)
    assert "publish: published.duckdb replaced atomically" in first
    assert not work_files(published)


def test_publish_that_did_not_happen_is_not_reported(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(published)
    fake_dbt(monkeypatch)
    monkeypatch.setattr(nightly.os, "replace", lambda source, destination: None)  # a rename that did nothing
    messages: list[str] = []
    with pytest.raises(NightlyError, match="publish not done"):
        run_nightly(published, progress=messages.append)
    assert not any("replaced atomically" in message for message in messages)
    assert digest(published) == before
    assert not work_files(published)


def test_published_file_replaced_by_another_is_not_reported(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def replaced_then_overwritten(source: str, destination: str) -> None:
        real_replace(source, destination)
        other = Path(f"{destination}.other")
        shutil.copyfile(destination, other)
        real_replace(other, destination)  # another writer swapped in its own file right after

    fake_dbt(monkeypatch)
    monkeypatch.setattr(nightly.os, "replace", replaced_then_overwritten)
    messages: list[str] = []
    with pytest.raises(NightlyError, match="is not the file this run built"):
        run_nightly(published, progress=messages.append)
    assert not any("replaced atomically" in message for message in messages)


def partial_copy_then(error: int) -> Callable[[Path, Path], None]:
    def copy(source: Path, destination: Path) -> None:
        Path(destination).write_bytes(Path(source).read_bytes()[:4096])
        raise OSError(error, os.strerror(error), str(destination))

    return copy


def test_disk_full_while_copying_names_the_cause(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(published)
    fake_dbt(monkeypatch)
    monkeypatch.setattr(nightly.shutil, "copyfile", partial_copy_then(errno.ENOSPC))
    with pytest.raises(NightlyError) as stopped:
        run_nightly(published, progress=lambda message: None)
    assert str(stopped.value) == ("disk full: no space left on device while copying published.duckdb to "
                                  "published.duckdb.next; published.duckdb left as it was")
    assert digest(published) == before
    assert not work_files(published)


def test_disk_full_in_dbt_names_the_cause(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(published)

    def fill_the_disk(work: Path, target_path: Path) -> None:
        with work.open("ab") as file:
            file.write(b"\0" * 8192)
        Path(f"{work}.wal").write_bytes(b"\0" * 100)

    fake_dbt(monkeypatch, success=False, hook=fill_the_disk, results=[{
        "unique_id": "model.mql_funnel.fct_lead_score_timeline", "status": "error",
        "message": 'Runtime Error in model fct_lead_score_timeline\n  IO Error: Could not write file '
                   '"published.duckdb.next": No space left on device',
    }])
    with pytest.raises(NightlyError) as stopped:
        run_nightly(published, progress=lambda message: None)
    assert str(stopped.value) == ("disk full: no space left on device while running dbt build on "
                                  "published.duckdb.next; published.duckdb left as it was")
    assert digest(published) == before
    assert not work_files(published)


@pytest.mark.parametrize(("returncode", "named"), [
    (-signal.SIGKILL, "dbt was killed by signal SIGKILL (out of memory?)"),
    (-signal.SIGTERM, "dbt was killed by signal SIGTERM while"),
])
def test_killed_dbt_is_named_not_a_parse_error(published: Path, monkeypatch: pytest.MonkeyPatch,
                                                returncode: int, named: str) -> None:
    before = digest(published)
    fake_dbt(monkeypatch, returncode=returncode)
    with pytest.raises(NightlyError) as stopped:
        run_nightly(published, progress=lambda message: None)
    assert named in str(stopped.value)
    assert "parse" not in str(stopped.value)
    assert digest(published) == before
    assert not work_files(published)


def test_failures_show_dbt_whole_message_and_the_late_rows_remedy(published: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    message = ("Compilation Error in test late_rows_web_pageviews\n"
               "  12 rows of raw.web_pageviews arrived later than the lookback window (3 days)\n"
               "  oldest: 2026-01-02")
    fake_dbt(monkeypatch, success=False, results=[
        {"unique_id": "test.mql_funnel.late_rows_web_pageviews", "status": "error", "message": message},
        {"unique_id": "test.mql_funnel.reconciliation", "status": "fail", "message": "Got 1 result"},
    ])
    with pytest.raises(NightlyError) as stopped:
        run_nightly(published, progress=lambda message: None)
    text = str(stopped.value)
    assert "12 rows of raw.web_pageviews arrived later than the lookback window (3 days)" in text
    assert "oldest: 2026-01-02" in text
    assert "test.mql_funnel.reconciliation: fail (Got 1 result)" in text
    assert "--full-refresh" in text


def test_leftover_work_files_of_a_dead_run_are_removed_and_said(published: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for leftover in (".next", ".next.wal"):
        published.with_name(published.name + leftover).write_bytes(b"half a file")
    fake_dbt(monkeypatch)
    messages: list[str] = []
    run_nightly(published, progress=messages.append)
    assert ("write: removed published.duckdb.next, published.duckdb.next.wal left by a run that did not finish"
            in messages)
    assert not work_files(published)


@pytest.mark.parametrize("failure", ["copy", "escaped"])
def test_cli_reports_os_errors_in_one_line(published: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str], failure: str) -> None:
    fake_dbt(monkeypatch)
    if failure == "copy":
        monkeypatch.setattr(nightly.shutil, "copyfile", partial_copy_then(errno.EIO))
    else:
        def unreadable(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied", str(published))

        monkeypatch.setattr(nightly, "run_nightly", unreadable)
    assert main(["--database", str(published), "nightly", "--skip-freshness"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("mqlfunnel nightly: "), error
    assert str(published) in error or "published.duckdb.next" in error
    assert ("Input/output error" if failure == "copy" else "Permission denied") in error


def test_new_warehouse_files_are_in_the_configured_storage_version(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with connect_warehouse(tmp_path / "default.duckdb") as con:
        con.execute("create table t as select 1 as x")
    monkeypatch.setenv("MQL_DUCKDB_STORAGE_VERSION", "v1.2.0")
    with connect_warehouse(tmp_path / "older.duckdb") as con:
        con.execute("create table t as select 1 as x")
    assert storage_version(tmp_path / "default.duckdb") == "v1.4.0+"
    assert storage_version(tmp_path / "older.duckdb") == "v1.2.0+"


def test_nightly_rewrites_a_newer_published_file_for_duckdb_14(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              duckdb14_python: Path) -> None:
    published = tmp_path / "published.duckdb"
    with duckdb.connect(str(published)) as con:  # DuckDB 2.0's own storage version, as before the fix
        con.execute("create schema raw")
        con.execute("create table dim_leads as select range as lead_id from range(10)")
        con.execute("create view raw.leads as select * from dim_leads")
    assert query_with(duckdb14_python, published, "select 1").returncode != 0
    fake_dbt(monkeypatch)
    messages: list[str] = []
    run_nightly(published, progress=messages.append)
    assert any("rewriting it into published.duckdb.next in v1.4.0" in message for message in messages)
    assert storage_version(published) == "v1.4.0+"
    read = query_with(duckdb14_python, published, "select count(*) from raw.leads")
    assert read.returncode == 0 and read.stdout.strip() == "[(10,)]", read.stderr
