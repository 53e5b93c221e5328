"""Where the dbt project lives and how to run it."""

from __future__ import annotations

import csv
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

if TYPE_CHECKING:
    import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROFILES_DIR = PROJECT_DIR / "profiles"
SEEDS_DIR = PROJECT_DIR / "seeds"
DBT_PROJECT_FILE = PROJECT_DIR / "dbt_project.yml"
DEFAULT_DUCKDB_PATH = PROJECT_DIR / "warehouse.duckdb"
# Production builds (`mqlfunnel build`, `nightly`) leave dbt's unit tests to CI:
# they test the code with fixtures, not the data being built.
NO_UNIT_TESTS = ("--exclude-resource-type", "unit_test")

# The DuckDB storage format of the warehouse files this package writes: the
# oldest DuckDB that BI tools may read them with (DuckDB 2.0 writes files 1.4
# cannot open unless told otherwise). profiles/profiles.yml reads the same variable.
STORAGE_VERSION_VARIABLE = "MQL_DUCKDB_STORAGE_VERSION"
DEFAULT_STORAGE_VERSION = "v1.4.0"


def duckdb_storage_version(env: Mapping[str, str] | None = None) -> str:
    """The storage version of the DuckDB files we write: $MQL_DUCKDB_STORAGE_VERSION, default v1.4.0."""
    return (os.environ if env is None else env).get(STORAGE_VERSION_VARIABLE) or DEFAULT_STORAGE_VERSION


def connect_warehouse(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to a warehouse file; one that may create or write it keeps
    the file in the storage version of duckdb_storage_version()."""
    import duckdb

    if read_only:
        return duckdb.connect(str(path), read_only=True)
    return duckdb.connect(str(path), config={"storage_compatibility_version": duckdb_storage_version()})


def read_seed(name: str) -> list[dict[str, str]]:
    """The rows of seeds/<name>.csv, as text, in file order."""
    with (SEEDS_DIR / f"{name}.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


def project_vars() -> dict[str, Any]:
    """The vars of dbt_project.yml: the project's defaults (a build's --vars may override them)."""
    import yaml

    return dict(yaml.safe_load(DBT_PROJECT_FILE.read_text())["vars"])


def venv_executable(name: str, install_hint: str = "run `make venv` first") -> str:
    """The command `name` next to this interpreter (the project's venv), else the one on PATH."""
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed: {install_hint}")
    return found


def dbt_executable() -> str:
    return venv_executable("dbt")


def run_dbt(
    args: list[str],
    duckdb_path: Path | str | None = None,
    target_path: Path | str | None = None,
    check: bool = True,
    capture: bool = False,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `dbt <args>` on the project with its profiles, against one DuckDB file
    (or the target that `env`'s MQL_TARGET names; `env` adds to os.environ)."""
    env = {**os.environ, **(env or {})}
    if duckdb_path is not None:
        env["MQL_DUCKDB_PATH"] = str(duckdb_path)
    command = [dbt_executable(), *args, "--profiles-dir", str(PROFILES_DIR)]
    if target_path is not None:
        command += ["--target-path", str(target_path), "--log-path", str(Path(target_path) / "logs")]
    result = subprocess.run(
        command,
        cwd=PROJECT_DIR,
        env=env,
        text=True,
        capture_output=capture,
    )
    if check and result.returncode != 0:
        detail = (result.stdout or "")[-4000:] if capture else ""
        raise RuntimeError(f"`dbt {' '.join(args)}` failed with exit code {result.returncode}\n{detail}")
    return result


@dataclass
class DbtCommandResult:
    args: list[str]
    success: bool
    seconds: float


@dataclass
class DbtRun:
    """What the dbt child process of run_dbt_commands did."""

    startup_seconds: float
    commands: list[DbtCommandResult]
    returncode: int
    reported: bool = False  # the child wrote its report (it did not crash or get killed first)
    parsed: bool = False
    errors: list[str] = field(default_factory=list)  # exceptions dbt raised, as text

    @property
    def signal_name(self) -> str | None:
        """The signal that killed the child (SIGKILL from the OOM killer, ...), if one did."""
        if self.returncode >= 0:
            return None
        try:
            return signal.Signals(-self.returncode).name
        except ValueError:
            return f"signal {-self.returncode}"


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> Callable[[], None] | None:
    """A preexec_fn that has the kernel SIGKILL the child when this process dies
    (Linux prctl PR_SET_PDEATHSIG), so no orphaned dbt keeps writing."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGKILL)

    return preexec


def run_dbt_commands(
    commands: list[list[str]],
    duckdb_path: Path | str | None = None,
    target_path: Path | str | None = None,
    env: dict[str, str] | None = None,
    keep_open: tuple[int, ...] = (),
) -> DbtRun:
    """Run several dbt commands in one dbt process: the project is parsed once
    and every command reuses that manifest, which saves a process start and a
    parse per command (dbt's programmatic invocation, `dbtRunner`). Stops at the
    first command that fails. Returns the seconds spent starting dbt and
    parsing, each command that ran, in order, and how the child ended (its
    returncode is negative if a signal killed it). The child dies with this
    process (Linux); `keep_open` file descriptors stay open in it (e.g. a lock
    that must outlive this process as long as the child runs)."""
    env = {**os.environ, **(env or {})}
    if duckdb_path is not None:
        env["MQL_DUCKDB_PATH"] = str(duckdb_path)
    options = ["--profiles-dir", str(PROFILES_DIR)]
    if target_path is not None:
        options += ["--target-path", str(target_path), "--log-path", str(Path(target_path) / "logs")]
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "commands.json"
        request = {"commands": commands, "options": options, "report": str(report)}
        started = time.perf_counter()
        child = subprocess.run([sys.executable, "-m", "mqlfunnel.project", json.dumps(request)], cwd=PROJECT_DIR,
                               env=env, pass_fds=keep_open, preexec_fn=_die_with_parent())
        elapsed = time.perf_counter() - started
        reported = json.loads(report.read_text()) if report.exists() else None
    ran = [DbtCommandResult(**entry) for entry in (reported or {}).get("commands", [])]
    return DbtRun(startup_seconds=elapsed - sum(command.seconds for command in ran), commands=ran,
                  returncode=child.returncode, reported=reported is not None,
                  parsed=(reported or {}).get("parsed", False), errors=(reported or {}).get("errors", []))


def _run_commands_in_this_process(request: dict) -> int:
    """The child side of run_dbt_commands."""
    from dbt.cli.main import dbtRunner

    options: list[str] = request["options"]
    ran: list[dict] = []
    errors: list[str] = []
    parsed = dbtRunner().invoke(["parse", *options])
    if parsed.exception is not None:
        errors.append(str(parsed.exception))
    if parsed.success:
        runner = dbtRunner(manifest=parsed.result)
        for args in request["commands"]:
            started = time.perf_counter()
            result = runner.invoke([*args, *options])
            ran.append({"args": args, "success": result.success, "seconds": time.perf_counter() - started})
            if result.exception is not None:
                errors.append(str(result.exception))
            if not result.success:
                break
    report = {"parsed": parsed.success, "commands": ran, "errors": errors}
    Path(request["report"]).write_text(json.dumps(report))
    return 0 if parsed.success and all(entry["success"] for entry in ran) else 1


if __name__ == "__main__":
    sys.exit(_run_commands_in_this_process(json.loads(sys.argv[1])))
