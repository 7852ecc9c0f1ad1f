"""The project on PostgreSQL: results equal to DuckDB on the same input, and grants to bi_reader.

Needs a PostgreSQL server reachable through the libpq variables PGHOST, PGPORT, PGUSER (a role
that may create databases and roles), PGPASSWORD and PGDATABASE; `scripts/ci/start_postgres.sh`
starts a private one. Without a server these tests are skipped with the reason, except in CI
(CI=true), where a missing server is a failure: the PostgreSQL leg must really run there.

Each build gets a database of its own (dropped afterwards) and a copy of the project, so the
tests never touch the developer's warehouse.

Both engines build the same raw files with the same as_of_date: the hand-worked fixture of
test_scoring_end_to_end.py (its own seeds) and a small generated data set with dirty rows (the
default seeds). fct_lead_scores, fct_lead_score_components, the hand-over queue, the account
scores, the source performance and the labels must be equal row by row (scores to 0.01, every
other column exactly), and so must the raw reconciliation.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from dbt_harness import (
    AS_OF,
    PROJECT_DIR,
    WITHOUT_UNIT_TESTS,
    comparable,
    copy_project,
    create_postgres_database,
    drop_postgres_database,
    environment,
    load_raw,
    postgres_connect,
    run_dbt,
)

VARS = f"{{as_of_date: '{AS_OF}'}}"
SCORE_COLUMNS = {
    "fit_score",
    "interest_score",
    "lead_score",
    "points",
    "best_lead_score",
    "top3_avg_lead_score",
    "company_fit_score",
    "conversion_rate",
    "lift",
    "auc_lead_score",
    "auc_fit_score",
    "auc_interest_score",
    "auc_predictive",
}
BI_READER = "bi_reader"
BI_READER_PASSWORD_ENV = "LEAD_SCORING_BI_READER_PASSWORD"

COMPARED = {
    "marts.fct_lead_scores": ("contact_id",),
    "marts.fct_lead_score_components": ("contact_id", "rule_id"),
    "marts.mart_sales_handover": ("contact_id",),
    "marts.fct_account_scores": ("company_id",),
    "marts.mart_source_performance": ("dimension", "value"),
    "marts.mart_scoring_performance": ("dimension", "bucket"),
    "marts.fct_lead_predictions": ("contact_id",),
    "marts.dim_scoring_labels": ("label_kind", "label_value"),
    "quality.fct_raw_reconciliation": ("raw_table",),
}
# marts that may be empty on a small input (no contact at mql or sql, say)
MAY_BE_EMPTY = {"marts.mart_sales_handover"}


def database_name(label: str) -> str:
    return f"lead_scoring_test_{label}_{os.getpid()}"


def build_both(root: Path, raw_dir: Path, seeds_dir: Path | None, label: str):
    """Load raw_dir and run `dbt build` on DuckDB and on a fresh PostgreSQL database (side by
    side: the two builds share no file or database)."""
    duckdb_file = root / "warehouse.duckdb"
    database = create_postgres_database(database_name(label))

    def on_duckdb() -> None:
        project = copy_project(root / "project", seeds_dir=seeds_dir)
        loaded = load_raw(raw_dir, duckdb_file)
        assert loaded.returncode == 0, loaded.stderr
        built = run_dbt(project, duckdb_file, "build", "--vars", VARS, *WITHOUT_UNIT_TESTS)
        assert built.returncode == 0, built.stdout[-5000:]

    def on_postgres() -> None:
        project = copy_project(root / "pg_project", seeds_dir=seeds_dir)
        loaded = load_raw(raw_dir, None, target="postgres", database=database)
        assert loaded.returncode == 0, loaded.stderr
        built = run_dbt(
            project,
            None,
            "build",
            "--vars",
            VARS,
            *WITHOUT_UNIT_TESTS,
            target="postgres",
            database=database,
        )
        assert built.returncode == 0, built.stdout[-5000:]

    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(build) for build in (on_duckdb, on_postgres)]:
            future.result()
    return duckdb_file, database


def table_rows(cursor, table: str, keys: tuple[str, ...]) -> tuple[list[str], list[tuple]]:
    cursor.execute(f"select * from {table} order by {', '.join(keys)}")
    columns = [description[0] for description in cursor.description]
    return columns, [tuple(comparable(v) for v in row) for row in cursor.fetchall()]


def assert_same_tables(duckdb_file: Path, database: str) -> None:
    with duckdb.connect(str(duckdb_file), read_only=True) as duck:
        pg = postgres_connect(database)
        try:
            for table, keys in COMPARED.items():
                duck_columns, duck_rows = table_rows(duck.cursor(), table, keys)
                pg_columns, pg_rows = table_rows(pg.cursor(), table, keys)
                assert pg_columns == duck_columns, table
                assert len(pg_rows) == len(duck_rows), table
                assert duck_rows or table in MAY_BE_EMPTY, f"{table} is empty: nothing compared"
                for duck_row, pg_row in zip(duck_rows, pg_rows, strict=True):
                    key = duck_row[: len(keys)]
                    assert pg_row[: len(keys)] == key, f"{table}: rows differ at {key}"
                    for column, duck_value, pg_value in zip(
                        duck_columns, duck_row, pg_row, strict=True
                    ):
                        where = f"{table}.{column} of {key}"
                        if column in SCORE_COLUMNS and duck_value is not None:
                            assert pg_value == pytest.approx(duck_value, abs=0.01), where
                        elif isinstance(duck_value, float) and pg_value is not None:
                            assert pg_value == pytest.approx(duck_value, rel=1e-9), where
                        else:
                            assert pg_value == duck_value, where
                            assert type(pg_value) is type(duck_value), where
        finally:
            pg.close()


@pytest.fixture(scope="module")
def fixture_build(postgres_fixture, scoring_warehouse):
    """The fixture on PostgreSQL beside the session's DuckDB build of it (both built once per
    session: conftest.py)."""
    return scoring_warehouse.database, postgres_fixture.database


@pytest.fixture(scope="module")
def generated_build(postgres_server, generated_raw, tmp_path_factory):
    root = tmp_path_factory.mktemp("pg_generated")
    raw = generated_raw(
        *("--contacts", "200", "--days", "90", "--dirty-share", "0.05"),
        *("--as-of", AS_OF, "--seed", "11", "--quiet"),
    )
    duckdb_file, database = build_both(root, raw, None, "generated")
    yield duckdb_file, database
    drop_postgres_database(database)


# --- equal results --------------------------------------------------------------------------------


def test_fixture_equal_on_duckdb_and_postgres(fixture_build):
    assert_same_tables(*fixture_build)


def test_fixture_hand_worked_scores_on_postgres(fixture_build):
    _, database = fixture_build
    pg = postgres_connect(database)
    try:
        cursor = pg.cursor()
        cursor.execute("select contact_id, lead_score from marts.fct_lead_scores order by 1")
        got = dict(cursor.fetchall())
    finally:
        pg.close()
    # the hand-worked lead scores of test_scoring_end_to_end.py
    expected = {"C1": 144.0, "C2": 0.0, "C3": 114.0, "C4": 0.0, "C6": 56.5, "C7": 40.0, "C8": 150.0}
    assert got.keys() == expected.keys()
    for contact_id, lead in expected.items():
        assert got[contact_id] == pytest.approx(lead, abs=1e-9), contact_id


def test_generated_dirty_data_equal_on_duckdb_and_postgres(generated_build):
    duckdb_file, database = generated_build
    pg = postgres_connect(database)
    try:
        cursor = pg.cursor()
        cursor.execute("select sum(quarantined_rows) from quality.fct_raw_reconciliation")
        (quarantined,) = cursor.fetchone()
    finally:
        pg.close()
    assert quarantined > 0  # the dirty rows were parsed without an error and quarantined
    assert_same_tables(duckdb_file, database)


def test_summary_on_postgres(generated_build):
    _, database = generated_build
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "summarize.py"), "--target", "postgres"],
        env=environment(None, "postgres", database),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "every raw table reconciles" in result.stdout


# --- grants ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bi_reader(generated_build):
    """A connection as bi_reader: the test gives the role LOGIN and a password (from the
    environment, or a random one)."""
    _, database = generated_build
    password = os.environ.get(BI_READER_PASSWORD_ENV) or secrets.token_urlsafe(16)
    admin = postgres_connect(database)
    try:
        admin.cursor().execute(f"alter role {BI_READER} login password %s", (password,))
    finally:
        admin.close()
    connection = postgres_connect(database, user=BI_READER, password=password)
    yield connection
    connection.close()


def test_bi_reader_reads_the_marts(bi_reader):
    cursor = bi_reader.cursor()
    for table in (
        "marts.fct_lead_scores",
        "marts.fct_lead_score_components",
        "marts.fct_lead_score_history",
        "marts.dim_contacts",
        "marts.dim_scoring_labels",
        "marts.mart_sales_handover",
        "marts.fct_account_scores",
        "marts.mart_source_performance",
        "marts.mart_scoring_performance",
        "marts.fct_lead_predictions",
    ):
        cursor.execute(f"select count(*) from {table}")
        assert cursor.fetchone()[0] > 0, table


def closed_tables(database: str) -> list[str]:
    admin = postgres_connect(database)
    try:
        cursor = admin.cursor()
        cursor.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_schema = 'intermediate' order by 1"
        )
        intermediate = [row[0] for row in cursor.fetchall()]
    finally:
        admin.close()
    assert intermediate
    return [
        "raw.crm_contacts",
        "staging.stg_crm__contacts",
        "quality.fct_quarantined_rows",
        *intermediate,
    ]


def test_bi_reader_cannot_read_raw_staging_quality_or_intermediate(bi_reader, generated_build):
    import psycopg2

    _, database = generated_build
    cursor = bi_reader.cursor()
    for table in closed_tables(database):
        with pytest.raises(psycopg2.errors.InsufficientPrivilege, match="permission denied"):
            cursor.execute(f"select * from {table} limit 1")


def test_bi_reader_sees_no_unmasked_email(bi_reader, generated_build):
    _, database = generated_build
    cursor = bi_reader.cursor()
    cursor.execute("select email from marts.dim_contacts where email is not null")
    shown = {row[0] for row in cursor.fetchall()}
    assert shown
    assert all("***@" in email for email in shown)
    admin = postgres_connect(database)
    try:
        admin_cursor = admin.cursor()
        admin_cursor.execute("select email from staging.stg_crm__contacts where email is not null")
        real = {row[0] for row in admin_cursor.fetchall()}
    finally:
        admin.close()
    assert not shown & real
    # the full e-mail column of the contacts is nowhere in the marts bi_reader can read
    cursor.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts' and column_name like '%%email%%'"
    )
    assert {row[0] for row in cursor.fetchall()} <= {"dim_contacts"}


# --- loader --------------------------------------------------------------------------------------


def test_loader_on_postgres_types_and_reloads(postgres_server, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "landing"
    folder.mkdir()
    pq.write_table(
        pa.table(
            {
                "campaign_id": ["cmp1", "cmp2"],
                "name": ["May", None],
                "campaign_type": ["newsletter", "sales"],
                "Budget": [1.5, 2.0],
                "sends": [10, 20],
                "is_active": [True, False],
                "created_at": pa.array([dt.datetime(2026, 5, 1, 10), None], pa.timestamp("us")),
            }
        ),
        folder / "email_campaigns.parquet",
    )
    (folder / "crm_contacts.csv").write_text(
        "\ufeffcontact_id,email,created_at,updated_at\n"
        'c1,"a, b@x.com",not-a-date,\nc2,,2026-01-01,\n',
        encoding="utf-8",
    )
    database = create_postgres_database(database_name("loader"))
    try:
        # a folder without every raw table: --missing empty (the default stops the load)
        partial = ("--missing", "empty")
        loaded = load_raw(folder, None, target="postgres", database=database, extra_args=partial)
        assert loaded.returncode == 0, loaded.stderr
        pg = postgres_connect(database)
        try:
            cursor = pg.cursor()
            cursor.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'raw' and table_name = 'email_campaigns' "
                "order by ordinal_position"
            )
            assert cursor.fetchall() == [
                ("campaign_id", "text"),
                ("name", "text"),
                ("campaign_type", "text"),
                ("budget", "double precision"),
                ("sends", "bigint"),
                ("is_active", "boolean"),
                ("created_at", "timestamp without time zone"),
            ]
            cursor.execute("select contact_id, email, created_at from raw.crm_contacts order by 1")
            # CSV: text as it is (dirty values survive), the byte-order mark is not in the header
            assert cursor.fetchall() == [
                ("c1", "a, b@x.com", "not-a-date"),
                ("c2", None, "2026-01-01"),
            ]
            # tables without a file exist, empty, with the contract columns
            cursor.execute("select count(*) from raw.web_events")
            assert cursor.fetchone() == (0,)
            cursor.execute("create view public.contacts_view as select * from raw.crm_contacts")
            # same columns: refilled in place, the view on it stays
            reloaded = load_raw(
                folder, None, target="postgres", database=database, extra_args=partial
            )
            assert reloaded.returncode == 0, reloaded.stderr
            cursor.execute("select count(*) from public.contacts_view")
            assert cursor.fetchone() == (2,)
            # other columns: the table is recreated (and the view built on it dropped)
            (folder / "crm_contacts.csv").write_text(
                "contact_id,created_at,updated_at\nc3,,\n", encoding="utf-8"
            )
            reloaded = load_raw(
                folder, None, target="postgres", database=database, extra_args=partial
            )
            assert reloaded.returncode == 0, reloaded.stderr
            cursor.execute("select * from raw.crm_contacts")
            assert cursor.fetchall() == [("c3", None, None)]
            cursor.execute(
                "select count(*) from information_schema.views where table_name = 'contacts_view'"
            )
            assert cursor.fetchone() == (0,)
        finally:
            pg.close()
    finally:
        drop_postgres_database(database)


def test_loader_on_postgres_rewrites_ragged_and_mixed_csv_and_replaces_as_one_unit(
    postgres_server, tmp_path
):
    sys.path.insert(0, str(PROJECT_DIR))
    from lead_scoring.raw_schema import RAW_TABLES, load_raw_schema

    folder = tmp_path / "landing"
    folder.mkdir()
    schema = load_raw_schema()
    for table in RAW_TABLES:
        header = ",".join(name for name, _ in schema[table])
        (folder / f"{table}.csv").write_text(header + "\n", encoding="utf-8")
    # CRLF rows, then an LF row; line 3 is short, line 4 long
    (folder / "email_campaigns.csv").write_bytes(
        b"campaign_id,name,campaign_type\r\nk1,A,newsletter\r\nk2,B\r\nk3,C,sales,x\nk4,D,nurture\n"
    )
    database = create_postgres_database(database_name("loader_checks"))
    try:
        assert load_raw(folder, None, target="postgres", database=database).returncode == 0
        pg = postgres_connect(database)
        try:
            cursor = pg.cursor()
            cursor.execute("select * from raw.email_campaigns order by campaign_id")
            assert cursor.fetchall() == [
                ("k1", "A", "newsletter", None),
                ("k2", "B", None, "ragged row: line 3 has 2 fields, the header 3"),
                (
                    "k3",
                    "C",
                    "sales",
                    "ragged row: line 4 has 4 fields, the header 3 (extra fields: 'x')",
                ),
                ("k4", "D", "nurture", None),
            ]
            # a file that is not UTF-8 stops the next load: nothing replaced, not even the good file
            (folder / "email_campaigns.csv").write_text(
                "campaign_id,name,campaign_type\nk9,Z,sales\n", encoding="utf-8"
            )
            (folder / "crm_companies.csv").write_bytes(
                b"company_id,name,updated_at\nco1,Soci\xe9t\xe9,2026-06-01\n"
            )
            failed = load_raw(folder, None, target="postgres", database=database)
            assert failed.returncode == 1
            assert "crm_companies.csv line 2: not UTF-8" in failed.stderr
            cursor.execute("select count(*) from raw.email_campaigns")
            assert cursor.fetchone() == (4,)
        finally:
            pg.close()
    finally:
        drop_postgres_database(database)
