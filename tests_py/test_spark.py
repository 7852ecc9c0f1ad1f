"""Apache Spark (dbt-spark, local `method: session`) gives the same scores as DuckDB.

Two inputs, each built once on Spark and once on DuckDB with the same as_of_date: the hand-worked
scoring fixture (tests_py/fixtures/scoring, its own seeds) and a small generated data set with
dirty rows (default seeds). On Spark the raw files are loaded with scripts/load_raw.py
--target spark, then `dbt build` runs every seed, model and data test, and for the fixture every
unit test too (they test the code, not the data); it must pass.
fct_lead_scores, fct_lead_score_components, the hand-over queue, the account scores, the source
performance and the labels must then be equal on both engines: scores (floating-point columns)
to 0.01, every other column exactly.

The four builds run at the same time, once per session (the `spark_builds` fixture of
conftest.py; tests_py/test_what_if.py reuses the fixture's Spark warehouse). The Spark marts are
read from their parquet files in the test's Spark warehouse folder, with DuckDB, so no second
Spark session is started for the comparison.

Skipped when pyspark, dbt-spark or Java is missing (pip install -r requirements-spark.txt); with
CI=true it fails instead (the `spark_available` fixture of conftest.py; the tests carry the
`spark` marker).
"""

from __future__ import annotations

import math

import duckdb
import pytest
from dbt_harness import comparable

pytestmark = pytest.mark.usefixtures("spark_available")
MARTS = {
    "fct_lead_scores": ("contact_id",),
    "fct_lead_score_components": ("contact_id", "rule_id"),
    "mart_sales_handover": ("contact_id",),
    "fct_account_scores": ("company_id",),
    "mart_source_performance": ("dimension", "value"),
    "mart_scoring_performance": ("dimension", "bucket"),
    "fct_lead_predictions": ("contact_id",),
    "dim_scoring_labels": ("label_kind", "label_value"),
}
SCORE_TOLERANCE = 0.01


def _passed(build: dict) -> None:
    assert "error" not in build, build.get("error")
    result = build["result"]
    assert result.returncode == 0, result.stdout[-8000:]


def _mart_rows(build: dict, mart: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of a mart, read with DuckDB (from the parquet files on Spark)."""
    if build.get("spark_dir") is not None:
        files = build["spark_dir"] / "warehouse" / "marts.db" / mart
        assert list(files.glob("*.parquet")), f"no parquet files for marts.{mart} in {files}"
        connection = duckdb.connect()
        relation = f"read_parquet('{files}/*.parquet')"
    else:
        connection = duckdb.connect(str(build["duckdb_path"]), read_only=True)
        relation = f"marts.{mart}"
    try:
        connection.execute("set TimeZone = 'UTC'")
        cursor = connection.execute(f"select * from {relation}")
        columns = [description[0] for description in cursor.description]
        rows = cursor.fetchall()
    finally:
        connection.close()
    return columns, rows


def _differences(mart: str, duck: tuple, spark: tuple) -> list[str]:
    duck_columns, duck_rows = duck
    spark_columns, spark_rows = spark
    if duck_columns != spark_columns:
        return [f"{mart}: columns differ: duckdb {duck_columns} spark {spark_columns}"]
    key_positions = [duck_columns.index(k) for k in MARTS[mart]]

    def keyed(rows):
        return {tuple(row[i] for i in key_positions): row for row in rows}

    duck_by_key, spark_by_key = keyed(duck_rows), keyed(spark_rows)
    problems = []
    assert len(duck_by_key) == len(duck_rows), f"{mart}: key {MARTS[mart]} not unique on duckdb"
    for key in sorted(set(duck_by_key) ^ set(spark_by_key)):
        where = "duckdb only" if key in duck_by_key else "spark only"
        problems.append(f"{mart} {key}: {where}")
    for key in sorted(set(duck_by_key) & set(spark_by_key)):
        for column, a, b in zip(duck_columns, duck_by_key[key], spark_by_key[key], strict=True):
            a, b = comparable(a, naive_utc=True), comparable(b, naive_utc=True)
            if isinstance(a, float) or isinstance(b, float):
                same = (a is None and b is None) or (
                    a is not None
                    and b is not None
                    and math.isclose(float(a), float(b), abs_tol=SCORE_TOLERANCE)
                )
            else:
                same = a == b
            if not same:
                problems.append(f"{mart} {key} {column}: duckdb {a!r} spark {b!r}")
    return problems


@pytest.mark.parametrize("data", ["fixture", "generated"])
def test_dbt_build_passes_on_both_engines(spark_builds, data):
    _passed(spark_builds[(data, "duckdb")])
    spark = spark_builds[(data, "spark")]
    _passed(spark)
    run_results = spark["run_results"]
    statuses = {}
    for node in run_results["results"]:
        if node["unique_id"].startswith("exposure."):
            continue  # exposures document who reads the marts; dbt build reports them as no-op
        statuses.setdefault(node["status"], []).append(node["unique_id"])
    # every node ran: nothing skipped or failed; warn only from the raw source tests (severity
    # warn: dirty raw data is expected and quarantined)
    assert set(statuses) <= {"success", "pass", "warn"}, {
        status: ids for status, ids in statuses.items() if status not in ("success", "pass", "warn")
    }
    assert all(".source_" in unique_id for unique_id in statuses.get("warn", [])), statuses["warn"]
    kinds = {node["unique_id"].split(".")[0] for node in run_results["results"]}
    assert {"seed", "model", "test"} <= kinds
    assert ("unit_test" in kinds) == (data == "fixture")


@pytest.mark.parametrize("mart", sorted(MARTS))
@pytest.mark.parametrize("data", ["fixture", "generated"])
def test_marts_equal_on_spark_and_duckdb(spark_builds, data, mart):
    duck, spark = spark_builds[(data, "duckdb")], spark_builds[(data, "spark")]
    _passed(duck)
    _passed(spark)
    duck_rows, spark_rows = _mart_rows(duck, mart), _mart_rows(spark, mart)
    assert duck_rows[1], f"{mart} is empty on duckdb: nothing compared"
    problems = _differences(mart, duck_rows, spark_rows)
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:40])


def test_int_activity_log_reruns_as_a_table_on_spark(spark_builds):
    """Plain Spark tables cannot delete rows, so the models a run rebuilds in part elsewhere
    (incremental_materialization) are tables on Spark: a second run of the stored activity
    stream replaces the table (no delete pre-hook, no insert into the old rows) with the same
    rows."""
    spark = spark_builds[("fixture", "spark")]
    _passed(spark)
    rerun = spark["incremental"]
    assert rerun.returncode == 0, rerun.stdout[-8000:]
    compiled = spark["project"] / "target" / "run" / "lead_scoring" / "models"
    (run_sql,) = compiled.glob("intermediate/activities/int_activity_log.sql")
    statement = run_sql.read_text().lower()
    assert "create" in statement and " as" in statement
    assert "delete" not in statement and "insert" not in statement
    assert spark["activities_before"], "int_activity_log is empty: nothing compared"
    assert spark["activities_after"] == spark["activities_before"]
