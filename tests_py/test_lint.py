"""Lint gates: ruff (lint and format) on the Python code and sqlfluff with the dbt templater on
the models and singular tests. The same tools run as pre-commit hooks (.pre-commit-config.yaml).

sqlfluff's dbt templater compiles every model, and the staging models read the raw tables' columns
while compiling, so the lint runs against a small warehouse loaded from the test fixture."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from dbt_harness import PROJECT_DIR, environment, load_raw

BIN = Path(sys.executable).parent
FIXTURE = Path(__file__).parent / "fixtures" / "scoring"


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False, **kwargs
    )


def test_ruff_lint_is_clean():
    result = run([str(BIN / "ruff"), "check", "."])
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = run([str(BIN / "ruff"), "format", "--check", "."])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # sqlfluff's dbt templater compiles every model
def test_sqlfluff_is_clean(tmp_path):
    database = tmp_path / "lint.duckdb"
    assert load_raw(FIXTURE / "raw", database).returncode == 0
    env = environment(database)
    env["DBT_PROFILES_DIR"] = str(PROJECT_DIR)
    result = run(
        [
            str(BIN / "sqlfluff"),
            "lint",
            "models",
            "tests",
            "--processes",
            "2",
            "--disable-progress-bar",
        ],
        env=env,
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
