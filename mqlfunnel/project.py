"""Where the dbt project lives and how to run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROFILES_DIR = PROJECT_DIR / "profiles"
DEFAULT_DUCKDB_PATH = PROJECT_DIR / "warehouse.duckdb"


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


def run_dbt_commands(
    commands: list[list[str]],
    duckdb_path: Path | str | None = None,
    target_path: Path | str | None = None,
    env: dict[str, str] | None = None,
) -> tuple[float, list[DbtCommandResult]]:
    """Run several dbt commands in one dbt process: the project is parsed once
    and every command reuses that manifest, which saves a process start and a
    parse per command (dbt's programmatic invocation, `dbtRunner`). Stops at the
    first command that fails. Returns the seconds spent starting dbt and
    parsing, and each command that ran, in order."""
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
        subprocess.run([sys.executable, "-m", "mqlfunnel.project", json.dumps(request)], cwd=PROJECT_DIR, env=env)
        elapsed = time.perf_counter() - started
        ran = [DbtCommandResult(**entry) for entry in json.loads(report.read_text())] if report.exists() else []
    return elapsed - sum(command.seconds for command in ran), ran


def _run_commands_in_this_process(request: dict) -> int:
    """The child side of run_dbt_commands."""
    from dbt.cli.main import dbtRunner

    options: list[str] = request["options"]
    ran: list[dict] = []
    parsed = dbtRunner().invoke(["parse", *options])
    if parsed.success:
        runner = dbtRunner(manifest=parsed.result)
        for args in request["commands"]:
            started = time.perf_counter()
            result = runner.invoke([*args, *options])
            ran.append({"args": args, "success": result.success, "seconds": time.perf_counter() - started})
            if not result.success:
                break
    Path(request["report"]).write_text(json.dumps(ran))
    return 0 if parsed.success and all(entry["success"] for entry in ran) else 1


if __name__ == "__main__":
    sys.exit(_run_commands_in_this_process(json.loads(sys.argv[1])))
