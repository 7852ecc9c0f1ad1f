"""Run the dbt project end to end in a temporary folder, for the tests.

A test copies the project (models, macros, tests, seeds) to a temporary folder, optionally with
seed files of its own, loads a folder of raw CSVs with scripts/load_raw.py into a temporary DuckDB
file, and runs dbt there, so tests never touch the developer's warehouse or each other.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN_DIR = Path(sys.executable).parent
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "tests", "seeds")


def copy_project(destination: Path, seeds_dir: Path | None = None) -> Path:
    """Copy the dbt project to destination; seeds_dir replaces the default seeds."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT_DIR / part
        if part == "seeds" and seeds_dir is not None:
            source = seeds_dir
        if source.is_dir():
            shutil.copytree(source, destination / part, dirs_exist_ok=True)
        else:
            shutil.copy2(source, destination / part)
    return destination


def environment(duckdb_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        LEAD_SCORING_DUCKDB_PATH=str(duckdb_path),
        LEAD_SCORING_TARGET="duckdb",
        DO_NOT_TRACK="1",
    )
    return env


def load_raw(raw_dir: Path, duckdb_path: Path) -> subprocess.CompletedProcess:
    """Load a folder of raw files with the project's loader."""
    return subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "load_raw.py"), str(raw_dir)],
        env=environment(duckdb_path),
        capture_output=True,
        text=True,
        check=False,
    )


def run_dbt(project_dir: Path, duckdb_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Run one dbt command in a copied project against its own DuckDB file."""
    command = [
        str(BIN_DIR / "dbt"), *args,
        "--project-dir", str(project_dir),
        "--profiles-dir", str(project_dir),
        "--target-path", str(project_dir / "target"),
        "--log-path", str(project_dir / "logs"),
    ]
    return subprocess.run(
        command,
        cwd=project_dir,
        env=environment(duckdb_path),
        capture_output=True,
        text=True,
        check=False,
    )
