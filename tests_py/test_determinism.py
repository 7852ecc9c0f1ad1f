"""Determinism (SPEC §7): two builds of the same input are identical to the last digit, and
scores equal in exact arithmetic compare equal wherever they are ranked, bucketed or tied,
whatever order an engine adds their parts in.

Every score is produced as a decimal of 9 places (macros/scoring/exact_points.sql): its parts
are added exactly, so the order of a parallel sum cannot move its last digit.

(a) Real data: a sample of the Olist leads (tests_py/fixtures/olist_sample/raw, 1,500 leads with
    every row of theirs), built twice in two DuckDB files on two threads: every table of the
    schemas marts, quality and intermediate is equal value for value, compared by repr (no
    rounding, no tolerance), but for the columns that name the dbt run that wrote a row. Before
    the fix 175 rows of fct_lead_scores differed in their last digit between two such builds
    (of 2,000 leads).
(b) A hand-made tie (tests_py/fixtures/ties: raw tables, and the two seeds it changes from the
    project's): T1 and T4 visit pages A (rule X1, 0.1 points) and B (X2, 0.2 points), T2 page C
    (X3, 0.3 points), each on 03-02 and 05-31 (half-life 30 days). In exact arithmetic they have
    the same interest on every day (0.05 + 0.1 = 0.15 on D = 04-01; 0.05625 + 0.1125 = 0.16875
    on 06-30); in doubles 0.1 × 0.5 + 0.2 × 0.5 = 0.15000000000000002 ≠ 0.15 = 0.3 × 0.5, and
    0.16875 ≠ 0.16874999999999998. T3 has no activity (0). Fit is 0 for all (no fit rule gives
    them points), so lead_score = interest_score. Hand-worked: on both days T1, T2 and T4 share
    the percentile 1 + floor(99 × 1/3) = 34 (T3: 1); the backtest's AUC of lead_score is 2/3
    (T1 converts, 05-15; T1 ties T2 and T4, beats T3: (0.5 + 0.5 + 1) / 3), and the three fall
    in decile 4; in the hand-over queue (mql_threshold 0.1, min grade F) T2 comes before T4 (equal
    scores: contact_id). On DuckDB, PostgreSQL and Spark.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from dbt_harness import (
    PROJECT_DIR,
    WITHOUT_UNIT_TESTS,
    copy_project,
    create_postgres_database,
    drop_postgres_database,
    load_raw,
    postgres_connect,
    run_dbt,
)

FIXTURES = Path(__file__).parent / "fixtures"
OLIST = FIXTURES / "olist_sample" / "raw"
OLIST_AS_OF = "2018-05-31"
TIES = FIXTURES / "ties"
AS_OF = "2026-06-30"
BACKTEST_DAY = "2026-04-01"
# the dbt run that wrote a row (incremental bookkeeping): differs between any two builds
RUN_COLUMNS = {"partition_version", "source_version"}
COMPARED_SCHEMAS = ("marts", "quality", "intermediate")
# the two olist builds and the Spark build: out of `make test-fast`
SLOW_FIXTURES = {"olist_builds", "spark_ties"}


def build(project: Path, duckdb_path: Path | None, as_of: str, **target) -> None:
    result = run_dbt(
        project,
        duckdb_path,
        "build",
        "--vars",
        f"{{as_of_date: '{as_of}'}}",
        *WITHOUT_UNIT_TESTS,
        **target,
    )
    assert result.returncode == 0, result.stdout[-5000:]


# --- (a) two builds of real data ------------------------------------------------------------


def exact_snapshot(database: Path) -> dict[str, list[str]]:
    """Every table of the compared schemas: its rows as repr texts (every digit), sorted, without
    the run columns."""
    with duckdb.connect(str(database), read_only=True) as connection:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables "
            f"where table_schema in {COMPARED_SCHEMAS} and table_type = 'BASE TABLE' "
            "order by 1, 2"
        ).fetchall()
        snapshot = {}
        for schema, table in tables:
            columns = [
                row[0]
                for row in connection.execute(f"describe {schema}.{table}").fetchall()
                if row[0] not in RUN_COLUMNS
            ]
            rows = connection.execute(
                f"select {', '.join(columns)} from {schema}.{table}"
            ).fetchall()
            snapshot[f"{schema}.{table}"] = sorted(map(repr, rows))
        return snapshot


@pytest.fixture(scope="module")
def olist_builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("olist_twice")
    project = copy_project(root / "project")
    databases = [root / f"build_{number}.duckdb" for number in (1, 2)]
    for database in databases:
        assert load_raw(OLIST, database).returncode == 0
        build(project, database, OLIST_AS_OF)
    return [exact_snapshot(database) for database in databases]


def test_two_builds_of_real_data_are_identical_to_the_last_digit(olist_builds):
    first, second = olist_builds
    assert set(first) == set(second)
    assert {"marts.fct_lead_scores", "marts.mart_scoring_performance"} <= set(first)
    differing = {
        table: (
            len(set(first[table]) - set(second[table])),
            sorted(set(first[table]) - set(second[table]))[:1],
            sorted(set(second[table]) - set(first[table]))[:1],
        )
        for table in first
        if first[table] != second[table]
    }
    assert differing == {}
    # the comparison is worth something: the sample is scored and backtested
    assert len(first["marts.fct_lead_scores"]) == 1500
    assert len(first["marts.mart_scoring_performance"]) > 10


# --- (b) a tie in exact arithmetic, on every engine ---------------------------------------------

TIE_QUERIES = {
    "scores": "select scoring_day, contact_id, interest_score, lead_score, score_percentile "
    "from intermediate.int_lead_scores_per_scoring_day order by scoring_day, contact_id",
    "overall": "select leads, conversions, auc_lead_score, auc_interest_score, auc_fit_score "
    "from marts.mart_scoring_performance where dimension = 'overall'",
    "deciles": "select bucket, leads, conversions from marts.mart_scoring_performance "
    "where dimension = 'score_decile' and leads > 0 order by bucket",
    "queue": "select contact_id, priority_rank from marts.mart_sales_handover "
    "order by priority_rank",
    "components": "select contact_id, rule_id, points from marts.fct_lead_score_components "
    "where rule_kind = 'interest' order by contact_id, rule_id",
}


def tie_seeds(folder: Path) -> Path:
    """The project's seeds with the fixture's interest rules and settings."""
    shutil.copytree(PROJECT_DIR / "seeds", folder)
    for seed in (TIES / "seeds").glob("*.csv"):
        shutil.copy(seed, folder / seed.name)
    return folder


def tie_project(root: Path) -> Path:
    return copy_project(root / "project", seeds_dir=tie_seeds(root / "seeds"))


def check_ties(results: dict[str, list[tuple]]) -> None:
    scores = {
        (row[0], row[1]): tuple(float(value) for value in row[2:]) for row in results["scores"]
    }
    for day, tied in (("backtest_date", 0.15), ("as_of_date", 0.16875)):
        # equal to the last digit: the decimal the parts add up to, not 0.15000000000000002
        for contact in ("T1", "T2", "T4"):
            assert scores[(day, contact)] == (tied, tied, 34.0), (day, contact)
        assert scores[(day, "T3")] == (0.0, 0.0, 1.0), day
    [(leads, conversions, auc_lead, auc_interest, auc_fit)] = results["overall"]
    assert (leads, conversions) == (4, 1)
    assert float(auc_lead) == pytest.approx(2 / 3, abs=1e-12)
    assert float(auc_interest) == pytest.approx(2 / 3, abs=1e-12)
    assert float(auc_fit) == pytest.approx(0.5, abs=1e-12)
    assert [(str(row[0]), row[1], row[2]) for row in results["deciles"]] == [
        ("1", 1, 0),
        ("4", 3, 1),
    ]
    assert [tuple(row) for row in results["queue"]] == [("T2", 1), ("T4", 2)]
    # the parts, each at 9 decimals: 0.1 × (0.5 + 0.0625), 0.2 × ..., 0.3 × ...
    assert [(row[0], row[1], float(row[2])) for row in results["components"]] == [
        ("T1", "X1", 0.05625),
        ("T1", "X2", 0.1125),
        ("T2", "X3", 0.16875),
        ("T4", "X1", 0.05625),
        ("T4", "X2", 0.1125),
    ]


def test_scores_equal_in_exact_arithmetic_tie_on_duckdb(tmp_path):
    project = tie_project(tmp_path)
    database = tmp_path / "ties.duckdb"
    assert load_raw(TIES / "raw", database).returncode == 0
    build(project, database, AS_OF)
    with duckdb.connect(str(database), read_only=True) as connection:
        check_ties({name: connection.execute(sql).fetchall() for name, sql in TIE_QUERIES.items()})


def test_scores_equal_in_exact_arithmetic_tie_on_postgres(postgres_server, tmp_path):
    database = create_postgres_database(f"lead_scoring_test_ties_{os.getpid()}")
    try:
        project = tie_project(tmp_path)
        loaded = load_raw(TIES / "raw", None, target="postgres", database=database)
        assert loaded.returncode == 0, loaded.stderr
        build(project, None, AS_OF, target="postgres", database=database)
        connection = postgres_connect(database)
        try:
            results = {}
            for name, sql in TIE_QUERIES.items():
                cursor = connection.cursor()
                cursor.execute(sql)
                results[name] = cursor.fetchall()
        finally:
            connection.close()
        check_ties(results)
    finally:
        drop_postgres_database(database)


@pytest.fixture(scope="module")
def spark_ties(spark_available, tmp_path_factory):
    root = tmp_path_factory.mktemp("spark_ties")
    project = tie_project(root)
    spark_dir = root / "spark"
    loaded = load_raw(TIES / "raw", None, target="spark", spark_dir=spark_dir)
    assert loaded.returncode == 0, loaded.stderr
    build(project, None, AS_OF, target="spark", spark_dir=spark_dir)
    return spark_dir


def test_scores_equal_in_exact_arithmetic_tie_on_spark(spark_ties):
    # the tables' parquet files, read by DuckDB under the names the queries use
    with duckdb.connect() as connection:
        for schema in ("intermediate", "marts"):
            connection.execute(f"create schema {schema}")
        for schema, table in (
            ("intermediate", "int_lead_scores_per_scoring_day"),
            ("marts", "mart_scoring_performance"),
            ("marts", "mart_sales_handover"),
            ("marts", "fct_lead_score_components"),
        ):
            files = spark_ties / "warehouse" / f"{schema}.db" / table
            connection.execute(
                f"create view {schema}.{table} as select * from "
                f"read_parquet('{files}/**/*.parquet', hive_partitioning = true)"
            )
        check_ties({name: connection.execute(sql).fetchall() for name, sql in TIE_QUERIES.items()})
