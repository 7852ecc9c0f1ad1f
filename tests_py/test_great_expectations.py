"""The Great Expectations suite (scripts/run_great_expectations.py, lead_scoring/expectations.py)
on the hand-worked fixture warehouse: it passes on a good build, writes GX's HTML data docs, and
fails - naming the asset, the expectation and the row - when one row of a mart is corrupted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from dbt_harness import (
    PROJECT_DIR,
    create_postgres_database,
    drop_postgres_database,
    environment,
    postgres_connect,
)

SCRIPT = PROJECT_DIR / "scripts" / "run_great_expectations.py"


@pytest.fixture(scope="module")
def warehouse(scoring_warehouse) -> Path:
    """The hand-worked fixture as built once for the session (conftest.py); the suite only reads
    it, and a corruption goes into a copy (corrupted_copy)."""
    return scoring_warehouse.database


def built_target(warehouse: Path) -> Path:
    """The dbt target folder of the warehouse fixture's build: its manifest names the relations
    (dbt_harness.build_fixture keeps folder/project beside folder/warehouse.duckdb)."""
    return warehouse.parent / "project" / "target"


def run_suite(
    database: Path | None,
    docs_dir: Path,
    target: str = "duckdb",
    pg_database: str | None = None,
    target_path: Path | None = None,
) -> subprocess.CompletedProcess:
    options = ["--target-path", str(target_path)] if target_path is not None else []
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--docs-dir", str(docs_dir), "--target", target, *options],
        env=environment(database, target, pg_database),
        capture_output=True,
        text=True,
        check=False,
    )


def corrupted_copy(database: Path, tmp_path: Path, sql: str) -> Path:
    """A copy of the warehouse with one change. The file keeps its name: DuckDB views name
    their catalog after the file."""
    copy = tmp_path / "corrupted" / database.name
    copy.parent.mkdir()
    shutil.copy2(database, copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute(sql)
    return copy


def test_help():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for option in ("--target", "--docs-dir", "--as-of-date"):
        assert option in result.stdout


def test_suite_passes_on_a_good_build_and_writes_data_docs(warehouse, tmp_path):
    docs = tmp_path / "docs"
    result = run_suite(warehouse, docs, target_path=built_target(warehouse))
    assert result.returncode == 0, result.stderr[-5000:]
    assert "expectations hold" in result.stderr
    assert (docs / "index.html").is_file()
    # one validation page per asset of the suite, marts and staging
    validated = {path.name for path in (docs / "validations").iterdir()}
    assert {
        "fct_lead_scores",
        "fct_lead_scores__components_add_up",
        "fct_lead_scores__one_row_per_current_contact",
        "fct_lead_score_components",
        "fct_lead_score_history",
        "dim_contacts",
        "fct_quarantined_rows",
        "fct_raw_reconciliation",
        "stg_crm__contacts",
        "stg_web__events",
        "dim_scoring_labels",
        "mart_sales_handover",
        "mart_sales_handover__is_the_queue",
        "fct_account_scores",
        "fct_account_scores__contacts_add_up",
        "mart_source_performance",
        "mart_source_performance__contacts_add_up",
    } <= validated


# One corrupted copy holds every corruption (each on rows of its own), so that one run of the
# suite shows that each of them is caught and named.
CORRUPTIONS = {
    "score out of range; components no longer add up": (
        "update marts.fct_lead_scores set fit_score = 140 where contact_id = 'C1'",
        [
            "fct_lead_scores: expect_column_values_to_be_between(column='fit_score'",
            "fct_lead_scores__components_add_up: expect_column_values_to_be_between("
            "column='fit_difference'",
            "contact_id='C1'",
        ],
    ),
    "stage dates out of order": (
        "update marts.fct_lead_scores set lead_at = date '2026-06-20' where contact_id = 'C6'",
        ["column_A='mql_at', column_B='lead_at'", "contact_id='C6'"],
    ),
    "two score rows for one contact": (
        "insert into marts.fct_lead_scores select * from marts.fct_lead_scores "
        "where contact_id = 'C7'",
        [
            "fct_lead_scores: expect_column_values_to_be_unique(column='contact_id')",
            "one_row_per_current_contact: expect_column_values_to_be_between(column='score_rows'",
        ],
    ),
    "a current contact without score": (
        "delete from marts.fct_lead_scores where contact_id = 'C8'",
        [
            "one_row_per_current_contact: expect_column_values_to_not_be_null("
            "column='scored_contact_id'",
            "current_contact_id='C8'",
        ],
    ),
    "a raw table that does not reconcile": (
        "update quality.fct_raw_reconciliation set is_reconciled = false "
        "where raw_table = 'web_events'",
        [
            "fct_raw_reconciliation: expect_column_values_to_be_in_set(column='is_reconciled'",
            "raw_table='web_events'",
        ],
    ),
    "an mql missing from the hand-over queue": (
        "delete from marts.mart_sales_handover where contact_id = 'C6'",
        [
            "mart_sales_handover__is_the_queue: expect_column_values_to_not_be_null("
            "column='queued_contact_id'",
            "expected_contact_id='C6'",
        ],
    ),
    "more engaged contacts than contacts": (
        "update marts.fct_account_scores set engaged_contacts = 5 where company_id = 'CO2'",
        [
            "fct_account_scores: expect_column_pair_values_a_to_be_greater_than_b("
            "column_A='contacts', column_B='engaged_contacts'",
            "company_id='CO2'",
        ],
    ),
    "source contacts that do not add up": (
        "update marts.mart_source_performance set contacts = 9 "
        "where dimension = 'lead_source' and value = 'partner'",
        [
            "mart_source_performance__contacts_add_up: expect_column_values_to_be_between("
            "column='difference'",
            "dimension='lead_source'",
        ],
    ),
    "a label for a quadrant that does not exist": (
        "update marts.dim_scoring_labels set label_value = 'hot' where label_value = 'sweet_spot'",
        ["dim_scoring_labels: expect_column_values_to_be_in_set(column='label_value'", "'hot'"],
    ),
    "unknown lifecycle stage": (
        "update marts.fct_lead_scores set lifecycle_stage = 'champion' where contact_id = 'C2'",
        ["expect_column_values_to_be_in_set(column='lifecycle_stage'", "contact_id='C2'"],
    ),
}


@pytest.fixture(scope="module")
def corrupted_run(warehouse, tmp_path_factory) -> subprocess.CompletedProcess:
    root = tmp_path_factory.mktemp("gx_corrupted")
    corrupted = corrupted_copy(warehouse, root, ";\n".join(sql for sql, _ in CORRUPTIONS.values()))
    return run_suite(corrupted, root / "docs", target_path=built_target(warehouse))


def test_suite_fails_on_a_corrupted_mart(corrupted_run):
    assert corrupted_run.returncode == 1, corrupted_run.stderr[-5000:]
    assert "expectations failed" in corrupted_run.stderr


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_failure_names_the_expectation_and_row(corrupted_run, corruption):
    _, expected = CORRUPTIONS[corruption]
    for text in expected:
        assert text in corrupted_run.stderr, corrupted_run.stderr[-5000:]


def test_missing_warehouse_is_a_clear_error(tmp_path):
    result = run_suite(tmp_path / "nothing.duckdb", tmp_path / "docs")
    assert result.returncode == 2
    assert "nothing.duckdb does not exist" in result.stderr


def test_postgres_uses_the_sql_datasource(postgres_fixture, tmp_path):
    """On PostgreSQL the same suite runs through GX's SQL datasource: it passes on the fixture
    build (a copy of the session's, conftest.py postgres_fixture) and names the corrupted rows.
    Skipped without a server (failed in CI)."""
    database = create_postgres_database(
        f"lead_scoring_test_gx_{os.getpid()}", template=postgres_fixture.database
    )
    try:
        project = postgres_fixture.project
        good = run_suite(None, tmp_path / "docs", "postgres", database, project / "target")
        assert good.returncode == 0, good.stderr[-5000:]
        assert (tmp_path / "docs" / "index.html").is_file()

        connection = postgres_connect(database)
        try:
            connection.cursor().execute(
                "update marts.fct_lead_scores set fit_score = 140 where contact_id = 'C1'; "
                "delete from marts.fct_lead_scores where contact_id = 'C8'"
            )
        finally:
            connection.close()
        bad = run_suite(None, tmp_path / "docs", "postgres", database, project / "target")
        assert bad.returncode == 1, bad.stderr[-5000:]
        for text in (
            "fct_lead_scores: expect_column_values_to_be_between(column='fit_score'",
            "contact_id='C1'",
            "current_contact_id='C8'",
        ):
            assert text in bad.stderr, bad.stderr[-5000:]
    finally:
        drop_postgres_database(database)
