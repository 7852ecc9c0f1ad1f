"""The main job on generated demo data with dirty rows: generator -> loader -> `dbt build` ->
summary. The build must pass, every raw table must reconcile, and dirty rows must be quarantined
(none silently dropped)."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest
from dbt_harness import (
    PROJECT_DIR,
    WITHOUT_UNIT_TESTS,
    copy_project,
    environment,
    load_raw,
    run_dbt,
)

from lead_scoring.labels import lifecycle_stages

# the demo build: out of `make test-fast`
SLOW_FIXTURES = {"demo"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    raw = root / "raw"
    generated = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "generate_data.py"),
            "--out",
            str(raw),
            "--contacts",
            "400",
            "--days",
            "120",
            "--dirty-share",
            "0.05",
            "--as-of",
            "2026-06-30",
            "--seed",
            "7",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert generated.returncode == 0, generated.stderr
    database = root / "demo.duckdb"
    assert load_raw(raw, database).returncode == 0
    project = copy_project(root / "project")
    result = run_dbt(
        project, database, "build", "--vars", "{as_of_date: '2026-06-30'}", *WITHOUT_UNIT_TESTS
    )
    assert result.returncode == 0, result.stdout[-5000:]
    return database


def test_every_raw_table_reconciles(demo):
    with duckdb.connect(str(demo), read_only=True) as connection:
        tables = connection.execute(
            "select raw_table, raw_rows, "
            "clean_rows + quarantined_rows + superseded_rows + after_as_of_rows, "
            "quarantined_rows from quality.fct_raw_reconciliation"
        ).fetchall()
    assert len(tables) == 9
    for raw_table, raw_rows, accounted, _ in tables:
        assert raw_rows == accounted, raw_table
    # a 5 % dirty share must show up as quarantined rows, with reasons
    assert sum(row[3] for row in tables) > 0


def test_every_current_contact_is_scored(demo):
    with duckdb.connect(str(demo), read_only=True) as connection:
        (scored,) = connection.execute("select count(*) from marts.fct_lead_scores").fetchone()
        (current,) = connection.execute(
            "select count(*) from staging.stg_crm__contacts where cast(created_at as date) <= "
            "date '2026-06-30'"
        ).fetchone()
        reasons = connection.execute(
            "select count(*) from quality.fct_quarantined_rows where quarantine_reason is null"
        ).fetchone()[0]
    assert scored == current > 0
    assert reasons == 0


def test_summary_is_printed(demo):
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "summarize.py")],
        env=environment(demo),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "contacts scored" in result.stdout
    assert "every raw table reconciles" in result.stdout
    for stage in lifecycle_stages():
        assert stage in result.stdout


def test_summarize_has_help():
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "summarize.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "--top" in result.stdout


def test_summarize_before_any_build_says_so(tmp_path):
    """No warehouse yet: one sentence and exit 1, not a catalog traceback, and no empty
    warehouse file left behind."""
    missing = tmp_path / "nowhere" / "warehouse.duckdb"
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "summarize.py")],
        env=environment(missing),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "No warehouse at" in result.stderr and "Traceback" not in result.stderr
    assert not missing.exists() and not missing.parent.exists()
