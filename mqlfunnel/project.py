"""Where the dbt project lives and how to run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
