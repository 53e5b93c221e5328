"""Nightly runs lose nothing: an incremental run after a day of new, late,
changed and deleted rows publishes exactly what a full refresh builds, a
second run changes nothing, and a failing run leaves the published file as
it was while readers keep reading it. Rows later than the lookback window, a
killed dbt child and a killed nightly leave it as it was too, with a message
that names the cause; DuckDB 1.4 reads the published file."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from conftest import full_refresh_of, query_with
from mqlfunnel.schema import MARTS
from mqlfunnel.devtools.day_n import LATE_TABLES, deliver_day_n, hold_back_day_n
from mqlfunnel.devtools.generator import generate
from mqlfunnel.nightly import NightlyError, run_nightly
from mqlfunnel.project import NO_UNIT_TESTS, PROJECT_DIR, connect_warehouse, run_dbt

INCREMENTAL = ["int_web_pageviews__checked", "int_email_events__checked", "int_form_submissions__checked"]

def marts(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {m: sorted(con.execute(f"select * from main.{m}").fetchall(), key=repr) for m in MARTS}


def row_counts(database: Path, tables: list[str]) -> dict[str, int]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {t: con.execute(f"select count(*) from intermediate.{t}").fetchone()[0] for t in tables}


def altered_copy(nightly_run: dict, name: str, sql: str) -> Path:
    """A copy of the published warehouse with `sql` run on it."""
    published = nightly_run["folder"] / name
    shutil.copyfile(nightly_run["published"], published)
    with connect_warehouse(published) as con:
        con.execute(sql)
    return published


@pytest.fixture(scope="module")
def nightly_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("nightly")
    published = folder / "published.duckdb"
    this_month = dt.date.today().replace(day=1).isoformat()
    with connect_warehouse(published) as con:
        generate(con, leads=1500, months=3, end_month=this_month, seed=11)
        day_n = hold_back_day_n(con)
    run_dbt(["build", *NO_UNIT_TESTS], duckdb_path=published, target_path=folder / "first_target", capture=True)

    with connect_warehouse(published) as con:
        changed, deleted = deliver_day_n(con, day_n)
    before = row_counts(published, INCREMENTAL)
    run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS)

    reference = full_refresh_of(published, folder, "reference")
    return {
        "folder": folder,
        "published": published,
        "reference": reference,
        "before": before,
        "changed": changed,
        "deleted": deleted,
    }


def test_incremental_run_equals_full_refresh(nightly_run: dict) -> None:
    incremental, full = marts(nightly_run["published"]), marts(nightly_run["reference"])
    for mart in MARTS:
        assert incremental[mart] == full[mart], f"{mart} differs from a full refresh"


def test_incremental_models_appended_rather_than_rebuilt(nightly_run: dict) -> None:
    after = row_counts(nightly_run["published"], INCREMENTAL)
    assert all(after[t] > nightly_run["before"][t] for t in INCREMENTAL)
    with duckdb.connect(str(nightly_run["published"]), read_only=True) as con:
        raw = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in LATE_TABLES}
    assert after == {f"int_{t}__checked": raw[t] for t in LATE_TABLES}


def test_lead_changes_reach_the_marts(nightly_run: dict) -> None:
    with duckdb.connect(str(nightly_run["published"]), read_only=True) as con:
        deleted = con.execute("select count(*) from dim_leads where lead_id = ?", [nightly_run["deleted"]]).fetchone()[0]
        fit = con.execute("select fit_score from dim_leads where lead_id = ?", [nightly_run["changed"]]).fetchone()[0]
        deleted_pageviews = con.execute(
            "select count(*) from intermediate.int_audit__web_pageviews where lead_id = ? and row_bucket = 'deleted'",
            [nightly_run["deleted"]],
        ).fetchone()[0]
    assert deleted == 0
    assert deleted_pageviews > 0
    assert fit == 50  # software + 400 employees + chief title, served country


def test_second_run_changes_nothing(nightly_run: dict) -> None:
    published = nightly_run["published"]
    first_marts, first_counts = marts(published), row_counts(published, INCREMENTAL)
    run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS)
    assert marts(published) == first_marts
    assert row_counts(published, INCREMENTAL) == first_counts


def test_failed_audit_keeps_published_file_and_readers(nightly_run: dict) -> None:
    published = altered_copy(nightly_run, "failing.duckdb", "drop table raw.email_events")
    before = marts(published)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        with pytest.raises(NightlyError, match="left as it was"):
            run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS, check_freshness=False)
        assert reader.execute("select count(*) from dim_leads").fetchone()[0] == len(before["dim_leads"])
    finally:
        reader.close()
    assert marts(published) == before
    assert not published.with_name(published.name + ".next").exists()


def test_stale_source_stops_before_the_build(nightly_run: dict) -> None:
    published = altered_copy(nightly_run, "stale.duckdb",
                             "delete from raw.web_pageviews where occurred_at > now() - interval 4 day")
    before = marts(published)
    with pytest.raises(NightlyError, match="stale or unreadable sources") as stopped:
        run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS)
    assert "source.mql_funnel.marketing.web_pageviews: error" in str(stopped.value)
    assert marts(published) == before
    assert not published.with_name(published.name + ".next").exists()


def test_readers_keep_their_snapshot_while_publishing(nightly_run: dict) -> None:
    published = altered_copy(
        nightly_run, "read_while_publish.duckdb",
        "insert into raw.crm_leads select * replace ('L-new' as lead_id) from raw.crm_leads"
        " where lead_id = (select min(lead_id) from dim_leads)",
    )
    reader = duckdb.connect(str(published), read_only=True)
    try:
        leads_before = reader.execute("select count(*) from dim_leads").fetchone()[0]
        run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS, check_freshness=False)
        assert reader.execute("select count(*) from dim_leads").fetchone()[0] == leads_before
    finally:
        reader.close()
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from dim_leads").fetchone()[0] == leads_before + 1


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def work_files(published: Path) -> list[Path]:
    return [path for path in (published.with_name(published.name + ".next"),
                              published.with_name(published.name + ".next.wal")) if path.exists()]


def test_rows_later_than_the_lookback_name_table_count_and_full_refresh(nightly_run: dict) -> None:
    # 10 days before the newest pageview (generated rows run to the end of this month: the newest not in the future)
    published = altered_copy(
        nightly_run, "late_rows.duckdb",
        "insert into raw.web_pageviews"
        " select * replace ('late-' || pageview_id as pageview_id,"
        "   (select max(occurred_at) from raw.web_pageviews where occurred_at <= now()::timestamp)"
        "   - interval 10 day as occurred_at)"
        " from raw.web_pageviews order by pageview_id limit 10",
    )
    before = digest(published)
    with pytest.raises(NightlyError, match="left as it was") as stopped:
        run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS, check_freshness=False)
    message = str(stopped.value)
    assert "arrived later than the lookback window" in message, message
    assert "web_pageviews" in message and re.search(r"\b10\b", message) and "--full-refresh" in message, message
    assert digest(published) == before
    assert not work_files(published)


# A dbt child killed mid-build, and a nightly killed with its dbt child running.

def _stat_path(path: Path) -> list[str] | None:
    """A /proc stat file after the command name: state, ppid, ..."""
    try:
        stat = path.read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat after the command name: state, ppid, ..."""
    return _stat_path(Path(f"/proc/{pid}/stat"))


def alive(pid: int) -> bool:
    """True while any thread of the process runs: a killed multithreaded
    process shows its leader as a zombie while DuckDB's threads still exit,
    and its files (the nightly's lock) close only when the last one has."""
    try:
        threads = [int(entry.name) for entry in Path(f"/proc/{pid}/task").iterdir()]
    except OSError:
        return False
    return any(
        (stat := _stat_path(Path(f"/proc/{pid}/task/{thread}/stat"))) is not None and stat[0] not in ("Z", "X")
        for thread in threads
    )


def dbt_children(parent: int) -> list[int]:
    pids = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]
    children = [pid for pid in pids if (_stat(pid) or ["", ""])[1] == str(parent)]
    found = []
    for pid in children:
        try:
            if b"mqlfunnel.project" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            pass
    return found


def dbt_child_mid_build(parent: int, published: Path, timeout: float = 300) -> int:
    """`parent`'s dbt child, once its build has appended rows to the work file."""
    log = published.with_name(published.name + ".target") / "logs" / "dbt.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = dbt_children(parent)
        if children and log.exists() and "OK created sql incremental model" in log.read_text(errors="replace"):
            return children[0]
        time.sleep(0.1)
    raise AssertionError(f"no dbt child of {parent} got into its build within {timeout} s")


def test_killed_dbt_child_is_named_and_the_published_file_kept(nightly_run: dict) -> None:
    published = altered_copy(nightly_run, "killed_child.duckdb", "select 1")
    before = digest(published)
    killed: list[int] = []

    def kill_the_child_mid_build() -> None:  # what the OOM killer does
        child = dbt_child_mid_build(os.getpid(), published)
        os.kill(child, signal.SIGKILL)
        killed.append(child)

    killer = threading.Thread(target=kill_the_child_mid_build, daemon=True)
    killer.start()
    with pytest.raises(NightlyError) as stopped:
        run_nightly(published, progress=lambda message: None, dbt_args=NO_UNIT_TESTS, check_freshness=False)
    killer.join(10)
    assert killed, "the dbt child was not killed"
    assert "dbt was killed by signal SIGKILL (out of memory?)" in str(stopped.value)
    assert "parse" not in str(stopped.value)
    assert digest(published) == before
    assert not work_files(published)


def test_killed_nightly_takes_its_dbt_child_down_and_the_next_run_cleans_up(nightly_run: dict) -> None:
    published = altered_copy(nightly_run, "killed_nightly.duckdb", "select 1")
    before = digest(published)
    output = nightly_run["folder"] / "killed_nightly.log"
    with output.open("w") as log:
        nightly = subprocess.Popen(
            [sys.executable, "-m", "mqlfunnel.cli", "--database", str(published), "nightly", "--skip-freshness",
             "--", *NO_UNIT_TESTS], cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT)
    child = None
    try:
        child = dbt_child_mid_build(nightly.pid, published)
        nightly.kill()
        nightly.wait(10)
        deadline = time.monotonic() + 3
        while alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(child), "the dbt child outlived the nightly that started it"
    finally:
        if nightly.poll() is None:
            nightly.kill()
        if child is not None and alive(child):
            os.kill(child, signal.SIGKILL)
    assert nightly.returncode == -signal.SIGKILL
    assert digest(published) == before
    left = [path.name for path in work_files(published)]
    assert "killed_nightly.duckdb.next" in left

    messages: list[str] = []
    run_nightly(published, progress=messages.append, dbt_args=NO_UNIT_TESTS, check_freshness=False)
    assert f"write: removed {', '.join(left)} left by a run that did not finish" in messages
    assert "publish: killed_nightly.duckdb replaced atomically" in messages
    assert not work_files(published)
    assert marts(published) == marts(nightly_run["published"])


# BI tools with DuckDB 1.4 read the published file.

def test_duckdb_14_reads_the_published_file(nightly_run: dict, duckdb14_python: Path) -> None:
    published = nightly_run["published"]
    leads = len(marts(published)["dim_leads"])
    read = query_with(duckdb14_python, published, "select count(*) from dim_leads")
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == f"[({leads},)]"


def test_nightly_rewrites_a_published_file_of_a_newer_storage_version(nightly_run: dict,
                                                                     duckdb14_python: Path) -> None:
    published = nightly_run["folder"] / "newer_storage.duckdb"
    with duckdb.connect() as con:  # the published file as DuckDB 2.0 wrote it before MQL_DUCKDB_STORAGE_VERSION
        con.execute(f"attach '{nightly_run['published']}' as source (read_only)")
        con.execute(f"attach '{published}' as newer (storage_version 'v2.0.0')")
        con.execute("copy from database source to newer")
    assert query_with(duckdb14_python, published, "select 1").returncode != 0
    before = marts(published)
    messages: list[str] = []
    run_nightly(published, progress=messages.append, dbt_args=NO_UNIT_TESTS, check_freshness=False)
    assert any("rewriting it into newer_storage.duckdb.next in v1.4.0" in message for message in messages)
    assert marts(published) == before
    read = query_with(duckdb14_python, published, "select count(*) from dim_leads")
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == f"[({len(before['dim_leads'])},)]"
