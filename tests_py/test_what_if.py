"""scripts/what_if.py end to end on the hand-worked fixture (tests_py/fixtures/scoring, numbers in
test_scoring_end_to_end.py), with a hand-worked candidate:

  scoring_settings.csv  mql_threshold 50 -> 80 (everything else as in the fixture)
  scoring_grades.csv    B 60 -> 76 (A 80, C 40, D 20, F 0 unchanged)

Worked out by hand (stages are the highest reached on any evaluation day):
  C1 fit 75: grade B -> C (75 < 76, C 40 is still the minimum grade for mql). Lead 75 on 06-01
     is below 80, 87 on 06-20 reaches mql, 144.07 on 06-25 sql: stays sql. Score 144 is above
     both thresholds before and after.
  C6 fit 50: its best day is 06-10 (W62: 50 + I1 4 + I2 /pricing 10 = 64) < 80: never mql,
     drops mql -> lead. Lead score 56.5: above the MQL threshold 50 before, below 80 after.
  C7 fit 40: its best day is 03-01 (40 + 36 = 76) < 80: drops mql -> lead. Score 40 is below
     both thresholds: no crossing, only the stage.
  C3 (114, disqualified, F) and C8 (150, F) stay leads (grade F is below C) and stay above both
     MQL thresholds; C2, C4 stay at 0 (C4 a customer). Grades of C2..C8 (fit <= 50) unchanged.
So MQL 2 -> 0, SQL 1 -> 1, hand-over (mql or sql and not disqualified) C1 C6 C7 -> C1: 3 -> 1.
Backtest AUC: the only customer, C4, was created on 06-01, after the backtest day 2026-04-01, so
the backtest has no converted lead: null before and after.

The same candidate, with the same expectations, runs on DuckDB (a second file), on PostgreSQL
(schemas with the suffix _what_if in the same database; skipped without a server, a failure in CI
like tests_py/test_postgres.py) and once on Spark (marked `spark`: deselect it with
`-m "not spark"`; skipped without pyspark or Java, a failure in CI like tests_py/test_spark.py).
Each compares every current mart, row by row, before and after the what-if.

Backtest AUC with numbers (test_backtest_auc_moves_to_one_half): a generated data set with
conversions in the backtest window, and a candidate with fit_weight = interest_weight = 0. Then
every lead score is 0 on every day, so every converted/unconverted pair is a tie and the AUC is
exactly 0.5 (ties count one half); no contact reaches mql (lead_score >= 50 never holds).
The current AUC is that of the current mart and, the generator making good-fit engaged leads
convert more often, above 0.5: the candidate moves it down, to 0.5.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from dbt_harness import (
    AS_OF,
    FIXTURE,
    PROJECT_DIR,
    WITHOUT_UNIT_TESTS,
    copy_project,
    environment,
    generate_raw,
    load_raw,
    postgres_connect,
    run_dbt,
)

VARS = f"{{as_of_date: '{AS_OF}'}}"
SUFFIX = "_what_if"
# the hand-worked expectations of the module docstring, on every target
HAND_WORKED_FIGURES = {
    "mql_before": 2,
    "mql_after": 0,
    "sql_before": 1,
    "sql_after": 1,
    "handover_before": 3,
    "handover_after": 1,
    "auc_before": None,
    "auc_after": None,
}
HAND_WORKED_CHANGES = {
    "C1": ("sql", "sql", "B", "C", pytest.approx(144.0), pytest.approx(144.0)),
    "C6": ("mql", "lead", "C", "C", pytest.approx(56.5), pytest.approx(56.5)),
    "C7": ("mql", "lead", "C", "C", pytest.approx(40.0), pytest.approx(40.0)),
}
HAND_WORKED_REASONS = {
    "C1": "grade B -> C",
    "C6": "stage mql -> lead; lead score now below the MQL threshold (80)",
    "C7": "stage mql -> lead",
}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def settings_with(**changes: str) -> list[list[str]]:
    with (FIXTURE / "seeds" / "scoring_settings.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return [[key, changes.get(key, value)] for key, value in rows]


def run_what_if(
    database: Path | None, project: Path, candidate: Path, *args: str, env: dict | None = None
):
    return subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "what_if.py"),
            str(candidate),
            "--project-dir",
            str(project),
            *args,
        ],
        env=env or environment(database),
        capture_output=True,
        text=True,
        check=False,
    )


def write_hand_worked_candidate(candidate: Path) -> Path:
    write_csv(
        candidate / "scoring_settings.csv", ["key", "value"], settings_with(mql_threshold="80")
    )
    write_csv(
        candidate / "scoring_grades.csv",
        ["grade", "min_fit_score"],
        [["A", "80"], ["B", "76"], ["C", "40"], ["D", "20"], ["F", "0"]],
    )
    return candidate


def assert_hand_worked(result: subprocess.CompletedProcess, out: Path) -> Path:
    """The figures, the CSV and the terminal report of the hand-worked candidate; returns the
    CSV's path."""
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    changes_csv = Path(figures.pop("changes_csv"))
    assert figures == HAND_WORKED_FIGURES
    with changes_csv.open(encoding="utf-8") as handle:
        rows = {row["contact_id"]: row for row in csv.DictReader(handle)}
    got = {
        contact_id: (
            row["stage_before"],
            row["stage_after"],
            row["grade_before"],
            row["grade_after"],
            float(row["lead_score_before"]),
            float(row["lead_score_after"]),
        )
        for contact_id, row in rows.items()
    }
    assert got == HAND_WORKED_CHANGES
    assert {contact_id: row["change"] for contact_id, row in rows.items()} == HAND_WORKED_REASONS
    # readable in a terminal
    assert "MQL contacts" in result.stdout and "3 contacts change" in result.stdout
    return changes_csv


def sorted_rows(cursor, table: str) -> list[tuple]:
    cursor.execute(f"select * from {table}")
    return sorted((tuple(str(value) for value in row) for row in cursor.fetchall()), key=str)


def marts_dump(cursor, schema: str = "marts") -> dict[str, list[tuple]]:
    """Every table of a schema with its rows (as text, sorted): the current marts, to compare
    before and after a what-if."""
    cursor.execute(
        "select table_name from information_schema.tables "
        f"where table_schema = '{schema}' order by 1"
    )
    tables = [name for (name,) in cursor.fetchall()]
    assert tables, f"schema {schema} has no table"
    return {name: sorted_rows(cursor, f"{schema}.{name}") for name in tables}


def stages(database: Path) -> dict[str, str]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return dict(
            connection.execute(
                "select contact_id, lifecycle_stage from marts.fct_lead_scores"
            ).fetchall()
        )
    finally:
        connection.close()


@pytest.fixture(scope="module")
def current(scoring_warehouse_copy, tmp_path_factory):
    """(current DuckDB file, the project it was built from, a tmp folder): a copy of the
    session's fixture build (conftest.py; the what-if writes its candidate beside the file)."""
    tmp = tmp_path_factory.mktemp("what_if")
    built = scoring_warehouse_copy(tmp)
    return built.database, built.project, tmp


def test_hand_worked_candidate(current):
    database, project, tmp = current
    with duckdb.connect(str(database), read_only=True) as connection:
        before_marts = marts_dump(connection.cursor())
    candidate = write_hand_worked_candidate(tmp / "candidate")
    out = tmp / "what_if.json"
    result = run_what_if(database, project, candidate, "--json", str(out))
    changes_csv = assert_hand_worked(result, out)
    # the candidate lives in its own file beside the current one
    assert changes_csv.parent == database.parent
    assert (database.parent / "what_if.duckdb").exists()
    # the current marts are untouched, row by row
    with duckdb.connect(str(database), read_only=True) as connection:
        assert marts_dump(connection.cursor()) == before_marts
    assert stages(database)["C6"] == "mql"


def test_bad_candidate_stops_with_dbt_messages(current):
    database, project, tmp = current
    before_stages = stages(database)
    candidate = tmp / "bad_candidate"
    write_csv(candidate / "scoring_settings.csv", ["key", "value"], settings_with(fit_weight="one"))
    result = run_what_if(database, project, candidate)
    assert result.returncode != 0
    # the message of dbt build's seed validation (tests_py/test_seed_validation.py) is the end of
    # the output: the folder to fix is the candidate's, not seeds/
    last = result.stderr.rstrip().splitlines()[-2:]
    assert last == [
        f"  Bad scoring seeds (1 problem); fix the candidate's CSV files in {candidate.resolve()} "
        "and run what_if.py again:",
        "    scoring_settings.csv setting 'fit_weight': value 'one' is not a number",
    ], result.stderr[-3000:]
    # dbt's whole output is kept beside the changes CSV, its progress was logged meanwhile
    assert f"dbt's whole output: {database.parent / 'what_if_dbt.log'}" in result.stderr
    assert "SKIP" in (database.parent / "what_if_dbt.log").read_text()
    assert "candidate build: failed after" in result.stderr
    assert len(result.stderr.splitlines()) < 30, result.stderr[-3000:]
    assert stages(database) == before_stages


def test_candidate_file_that_replaces_no_seed_is_refused(current):
    database, project, tmp = current
    candidate = tmp / "typo_candidate"
    write_csv(candidate / "scoring_setings.csv", ["key", "value"], settings_with())
    result = run_what_if(database, project, candidate, "--vars", f"{{as_of_date: '{AS_OF}'}}")
    assert result.returncode == 1
    assert "scoring_setings.csv" in result.stderr and "replace no seed" in result.stderr


# --- backtest AUC with numbers (DuckDB) -----------------------------------------------------------


def auc_of(database: Path) -> float:
    with duckdb.connect(str(database), read_only=True) as connection:
        ((auc, conversions),) = connection.execute(
            "select auc_lead_score, conversions from marts.mart_scoring_performance "
            "where dimension = 'overall'"
        ).fetchall()
    assert conversions > 0, "the backtest window has no conversion: no AUC to compare"
    return float(auc)


@pytest.mark.slow  # a build of 600 generated contacts
def test_backtest_auc_moves_to_one_half(tmp_path):
    raw = tmp_path / "raw"
    # 600 contacts over 240 days: about ten deals won in the backtest window (2026-04-01, 06-30]
    generate_raw(
        raw,
        *("--contacts", "600", "--days", "240", "--dirty-share", "0"),
        *("--as-of", AS_OF, "--seed", "5", "-q"),
    )
    project = copy_project(tmp_path / "project")
    database = tmp_path / "warehouse.duckdb"
    loaded = load_raw(raw, database)
    assert loaded.returncode == 0, loaded.stderr
    built = run_dbt(project, database, "build", "--vars", VARS, *WITHOUT_UNIT_TESTS)
    assert built.returncode == 0, built.stdout[-5000:]

    candidate = tmp_path / "candidate"
    with (project / "seeds" / "scoring_settings.csv").open(encoding="utf-8") as handle:
        settings = list(csv.reader(handle))
    weights = {"fit_weight": "0", "interest_weight": "0"}
    write_csv(
        candidate / "scoring_settings.csv",
        settings[0],
        [[row[0], weights.get(row[0], row[1]), *row[2:]] for row in settings[1:]],
    )
    out = tmp_path / "what_if.json"
    result = run_what_if(database, project, candidate, "--json", str(out))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))

    # both AUCs are numbers, each equal to the mart of its own warehouse
    assert figures["auc_before"] == pytest.approx(auc_of(database), abs=1e-12)
    assert figures["auc_after"] == pytest.approx(auc_of(database.with_name("what_if.duckdb")))
    # by hand: all scores 0, every pair a tie -> exactly one half, down from a predictive score
    assert figures["auc_after"] == pytest.approx(0.5, abs=1e-12)
    assert figures["auc_before"] > 0.5
    assert figures["mql_after"] == 0
    assert "Backtest AUC" in result.stdout and "0.500" in result.stdout


# --- PostgreSQL: schemas with the suffix _what_if beside the current ones -------------------------


@pytest.fixture(scope="module")
def pg_current(postgres_fixture, tmp_path_factory):
    """(database, project, tmp folder): the hand-worked fixture built on PostgreSQL once per
    session (conftest.py postgres_fixture), which the what-if leaves as it found it. Skipped
    without a server, failed in CI (conftest.py)."""
    return (
        postgres_fixture.database,
        postgres_fixture.project,
        tmp_path_factory.mktemp("what_if_pg"),
    )


def pg_schemas(database: str) -> set[str]:
    connection = postgres_connect(database)
    try:
        cursor = connection.cursor()
        cursor.execute("select schema_name from information_schema.schemata")
        return {name for (name,) in cursor.fetchall()}
    finally:
        connection.close()


def pg_marts(database: str) -> dict[str, list[tuple]]:
    connection = postgres_connect(database)
    try:
        return marts_dump(connection.cursor())
    finally:
        connection.close()


def test_hand_worked_candidate_on_postgres(pg_current):
    database, project, tmp = pg_current
    before_marts, before_schemas = pg_marts(database), pg_schemas(database)
    assert {"raw", "staging", "intermediate", "marts", "quality", "seeds"} <= before_schemas
    candidate = write_hand_worked_candidate(tmp / "candidate")
    out = tmp / "what_if.json"
    env = environment(None, "postgres", database)
    result = run_what_if(
        None, project, candidate, "--target", "postgres", "--json", str(out), "--keep", env=env
    )
    assert_hand_worked(result, out)
    # the candidate was built under the suffixed schemas, reading the one raw schema
    kept = pg_schemas(database) - before_schemas
    assert kept == {
        f"{name}{SUFFIX}" for name in ("staging", "intermediate", "marts", "quality", "seeds")
    }
    connection = postgres_connect(database)
    try:
        cursor = connection.cursor()
        cursor.execute(f"select contact_id, lifecycle_stage from marts{SUFFIX}.fct_lead_scores")
        candidate_stages = dict(cursor.fetchall())
    finally:
        connection.close()
    assert candidate_stages["C6"] == "lead" and candidate_stages["C7"] == "lead"
    assert "raw_what_if" not in kept
    # the current marts are untouched, row by row
    assert pg_marts(database) == before_marts

    # without --keep the candidate schemas are dropped again (a kept one is rebuilt first)
    result = run_what_if(
        None, project, candidate, "--target", "postgres", "--json", str(out), env=env
    )
    assert_hand_worked(result, out)
    assert pg_schemas(database) == before_schemas
    assert pg_marts(database) == before_marts


def test_bad_candidate_on_postgres_drops_its_schemas(pg_current):
    database, project, tmp = pg_current
    before_marts, before_schemas = pg_marts(database), pg_schemas(database)
    candidate = tmp / "bad_candidate"
    write_csv(candidate / "scoring_settings.csv", ["key", "value"], settings_with(fit_weight="one"))
    env = environment(None, "postgres", database)
    result = run_what_if(None, project, candidate, "--target", "postgres", env=env)
    assert result.returncode == 1
    assert "Bad scoring seeds" in result.stderr, result.stderr[-3000:]
    assert "value 'one' is not a number" in result.stderr
    assert pg_schemas(database) == before_schemas
    assert pg_marts(database) == before_marts


# --- Spark: once, the hand-worked candidate -------------------------------------------------------


def spark_marts(spark_dir: Path) -> dict[str, list[tuple]]:
    """Every current mart of a Spark warehouse with its rows, read from its parquet files with
    DuckDB (no second Spark session; as tests_py/test_spark.py reads them)."""
    marts = spark_dir / "warehouse" / "marts.db"
    tables = sorted(path.name for path in marts.iterdir() if path.is_dir())
    assert tables, f"{marts} has no table"
    dump = {}
    with duckdb.connect() as connection:
        connection.execute("set TimeZone = 'UTC'")
        for table in tables:
            relation = f"read_parquet('{marts / table}/**/*.parquet', hive_partitioning = true)"
            dump[table] = sorted_rows(connection.cursor(), relation)
    return dump


def test_hand_worked_candidate_on_spark(spark_builds, tmp_path):
    """On the fixture's Spark warehouse of tests_py/test_spark.py (conftest.py spark_builds),
    which it leaves as it found it."""
    built = spark_builds[("fixture", "spark")]
    assert "error" not in built, built.get("error")
    assert built["result"].returncode == 0, built["result"].stdout[-5000:]
    spark_dir, project = built["spark_dir"], built["project"]
    before_marts = spark_marts(spark_dir)
    before_databases = sorted(path.name for path in (spark_dir / "warehouse").glob("*.db"))

    candidate = write_hand_worked_candidate(tmp_path / "candidate")
    out = tmp_path / "what_if.json"
    env = environment(None, "spark", spark_dir=spark_dir)
    result = run_what_if(None, project, candidate, "--target", "spark", "--json", str(out), env=env)
    assert_hand_worked(result, out)
    assert f"schemas *{SUFFIX} (dropped)" in result.stdout
    # the candidate databases are dropped again, the current marts untouched
    assert sorted(path.name for path in (spark_dir / "warehouse").glob("*.db")) == before_databases
    assert spark_marts(spark_dir) == before_marts
