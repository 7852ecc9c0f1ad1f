"""Run the dbt project end to end in a temporary folder, for the tests.

A test copies the project (models, macros, tests, seeds) to a temporary folder, optionally with
seed files of its own, loads a folder of raw CSVs with scripts/load_raw.py into a temporary DuckDB
file, and runs dbt there, so tests never touch the developer's warehouse or each other.

PostgreSQL: pass ``target="postgres"`` and ``database=<name>`` (a database of its own, made with
``create_postgres_database``) to ``environment``, ``load_raw`` and ``run_dbt``; the server is the
one of the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD (scripts/ci/start_postgres.sh).

Spark: pass ``target="spark"`` and ``spark_dir=<folder>`` (the warehouse folder and Derby metastore
of that test, LEAD_SCORING_SPARK_DIR) to ``environment``, ``load_raw`` and ``run_dbt``; the loader
and dbt's local session (`method: session`) then share the tables. ``spark_unavailable`` says why
Spark cannot run here (no pyspark: pip install -r requirements-spark.txt; no Java).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN_DIR = Path(sys.executable).parent
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "tests", "seeds")
# the typed seed models (the only models the seed checks need): the folder that holds
# int_scoring__settings.sql, wherever the project keeps it
SEED_MODELS = str(
    next(PROJECT_DIR.glob("models/**/int_scoring__settings.sql")).parent.relative_to(PROJECT_DIR)
)
# the hand-worked fixture (raw tables and seeds of its own) and the day it is built as of
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "scoring"
AS_OF = "2026-06-30"
# dbt's unit tests test the code, not the data: the builds of the hand-worked fixture run them
# (once per engine: conftest.py), the other builds of the suite leave them out, as `make build`
WITHOUT_UNIT_TESTS = ("--exclude-resource-type", "unit_test")


# --- CI and comparisons -------------------------------------------------------------------------


def in_ci() -> bool:
    """True when the suite runs in CI (CI=1/true/yes, as .ci/run sets it)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def skip_or_fail(reason: str) -> None:
    """A server, Java or Chromium a test needs is missing: skip with the reason, but in CI fail
    (there every leg must really run)."""
    if in_ci():
        pytest.fail(f"CI=true but this test cannot run: {reason}")
    pytest.skip(reason)


def comparable(value, *, naive_utc: bool = False):
    """One value on one footing for comparisons across drivers and runs: Decimal -> float, a
    finite float rounded to 12 significant digits (a sum of doubles may differ in the last bit),
    a timestamp with a time zone -> the same instant in UTC (naive_utc: without a time zone, as
    Spark returns it). Everything else (text, dates, bools, naive timestamps, None) as it is."""
    if isinstance(value, decimal.Decimal):
        value = float(value)
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.12g}")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if naive_utc else value
    return value


def copy_project(
    destination: Path, seeds_dir: Path | None = None, only_models: str | None = None
) -> Path:
    """Copy the dbt project to destination; seeds_dir replaces the default seeds. only_models (a
    folder under the project, e.g. SEED_MODELS): of the models only that folder, and no singular
    tests (they read other models), so dbt parses a small project and a half-written model
    elsewhere cannot break the test."""
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("target", "logs", "*.duckdb*", "__pycache__")
    for part in PROJECT_PARTS:
        source = PROJECT_DIR / part
        if part == "seeds" and seeds_dir is not None:
            source = seeds_dir
        if only_models is not None and part in ("models", "tests"):
            continue
        if source.is_dir():
            shutil.copytree(source, destination / part, dirs_exist_ok=True, ignore=ignore)
        else:
            shutil.copy2(source, destination / part)
    if only_models is not None:
        shutil.copytree(PROJECT_DIR / only_models, destination / only_models, ignore=ignore)
    return destination


def environment(
    duckdb_path: Path | None,
    target: str = "duckdb",
    database: str | None = None,
    spark_dir: Path | None = None,
) -> dict[str, str]:
    """Environment of a dbt or script run: the DuckDB file, the PostgreSQL database, or the
    Spark folder."""
    env = dict(os.environ)
    env.update(LEAD_SCORING_TARGET=target, DO_NOT_TRACK="1")
    if duckdb_path is not None:
        env["LEAD_SCORING_DUCKDB_PATH"] = str(duckdb_path)
    if target == "postgres":
        if database is None:
            raise ValueError("target postgres needs a database name (create_postgres_database)")
        env["PGDATABASE"] = database
    if target == "spark":
        if spark_dir is None:
            raise ValueError("target spark needs a folder for its warehouse (spark_dir)")
        env["LEAD_SCORING_SPARK_DIR"] = str(spark_dir)
        env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return env


def load_raw(
    raw_dir: Path,
    duckdb_path: Path | None,
    *,
    target: str = "duckdb",
    database: str | None = None,
    spark_dir: Path | None = None,
    extra_args: tuple[str, ...] = (),
) -> subprocess.CompletedProcess:
    """Load a folder of raw files with the project's loader (extra_args: more options, e.g.
    ``("--missing", "empty")`` for a folder without every raw table)."""
    return subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "load_raw.py"),
            str(raw_dir),
            "--target",
            target,
            *extra_args,
        ],
        env=environment(duckdb_path, target, database, spark_dir),
        capture_output=True,
        text=True,
        check=False,
    )


def generate_raw(folder: Path, *options: str) -> None:
    """Write synthetic raw CSV files into folder with the project's generator
    (scripts/generate_data.py --out folder *options); fails the test when it fails."""
    result = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "generate_data.py"),
            "--out",
            str(folder),
            *options,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]


def run_dbt(
    project_dir: Path,
    duckdb_path: Path | None,
    *args: str,
    target: str = "duckdb",
    database: str | None = None,
    spark_dir: Path | None = None,
    timeout: float | None = None,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run one dbt command in a copied project against its own DuckDB file, database or Spark
    folder (timeout: seconds, then subprocess.TimeoutExpired; extra_env: more environment
    variables, e.g. TZ)."""
    command = [
        str(BIN_DIR / "dbt"),
        *args,
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
        "--target-path",
        str(project_dir / "target"),
        "--log-path",
        str(project_dir / "logs"),
        "--target",
        target,
    ]
    return subprocess.run(
        command,
        cwd=project_dir,
        env={**environment(duckdb_path, target, database, spark_dir), **(extra_env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


# --- the hand-worked fixture ---------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """A built warehouse: the DuckDB file and the project copy it was built from (its target/
    holds the manifest and run_results of the build)."""

    database: Path
    project: Path

    @property
    def folder(self) -> Path:
        return self.database.parent


def build_fixture(
    folder: Path, seeds_dir: Path = FIXTURE / "seeds", raw_dir: Path = FIXTURE / "raw"
) -> Built:
    """Load raw_dir and `dbt build` the project with seeds_dir as of AS_OF in folder
    (folder/project, folder/warehouse.duckdb); fails the test when either fails."""
    project = copy_project(folder / "project", seeds_dir=seeds_dir)
    database = folder / "warehouse.duckdb"
    loaded = load_raw(raw_dir, database)
    assert loaded.returncode == 0, loaded.stderr
    result = run_dbt(project, database, "build", "--vars", f"{{as_of_date: '{AS_OF}'}}")
    assert result.returncode == 0, result.stdout[-5000:]
    return Built(database, project)


# --- PostgreSQL ---------------------------------------------------------------------------------


def postgres_connect(database: str | None = None, **overrides):
    """A psycopg2 connection (autocommit) to the server of the PG* variables."""
    import psycopg2

    sys.path.insert(0, str(PROJECT_DIR))
    from lead_scoring.warehouse import postgres_settings

    settings = postgres_settings()
    if database is not None:
        settings["dbname"] = database
    settings.update(overrides)
    settings.setdefault("connect_timeout", 5)
    connection = psycopg2.connect(**settings)
    connection.autocommit = True
    return connection


def postgres_unavailable() -> str | None:
    """Why no PostgreSQL server can be used (None when one answers)."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "psycopg2 is not installed (pip install -r requirements.txt)"
    try:
        postgres_connect().close()
    except Exception as exc:  # noqa: BLE001 - any reason means: no server to test against
        return (
            "no PostgreSQL server reachable through PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE "
            f"({str(exc).strip().splitlines()[0]}); start one with scripts/ci/start_postgres.sh"
        )
    return None


def create_postgres_database(name: str, template: str | None = None) -> str:
    """(Re)create a database for one test, empty or a copy of `template` (a database nobody is
    connected to: PostgreSQL copies its files); returns its name."""
    for database in (name, template or name):
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", database):
            raise ValueError(f"not a plain database name: {database!r}")
    connection = postgres_connect()
    try:
        connection.cursor().execute(f"drop database if exists {name} with (force)")
        copy = f" template {template}" if template else ""
        connection.cursor().execute(f"create database {name}{copy}")
    finally:
        connection.close()
    return name


def drop_postgres_database(name: str) -> None:
    connection = postgres_connect()
    try:
        connection.cursor().execute(f"drop database if exists {name} with (force)")
    finally:
        connection.close()


# --- Spark --------------------------------------------------------------------------------------


def spark_unavailable() -> str | None:
    """Why the Spark target cannot run here (None when pyspark, dbt-spark and Java are there)."""
    sys.path.insert(0, str(PROJECT_DIR))
    from lead_scoring.spark import SparkUnavailableError, check_available

    try:
        check_available()
        import dbt.adapters.spark  # noqa: F401
    except SparkUnavailableError as exc:
        return str(exc)
    except ImportError:
        return "target spark needs dbt-spark: pip install -r requirements-spark.txt"
    return None


# --- builds of one input on two engines, to compare their marts ---------------------------------

VARS = f"{{as_of_date: '{AS_OF}'}}"


def timed(label: str, timings: dict, function, *args, **kwargs):
    started = time.monotonic()
    result = function(*args, **kwargs)
    timings[label] = round(time.monotonic() - started, 1)
    return result


def build_on_target(
    name: str,
    root: Path,
    raw_dir: Path,
    seeds_dir: Path | None,
    target: str,
    incremental: bool = False,
    unit_tests: bool = True,
) -> dict:
    """Load raw_dir and run `dbt build` as of AS_OF on one target in a project copy of its own
    (without dbt's unit tests unless unit_tests); with incremental, then run int_activity_log
    (the stored stream int_activities reads) again: a second run over the same input."""
    timings: dict[str, float] = {}
    project = copy_project(root / name / "project", seeds_dir=seeds_dir)
    if target == "spark":
        location = {"duckdb_path": None, "spark_dir": root / name / "spark"}
    else:
        location = {"duckdb_path": root / name / "warehouse.duckdb"}
    loaded = timed(
        "load",
        timings,
        load_raw,
        raw_dir,
        location["duckdb_path"],
        target=target,
        spark_dir=location.get("spark_dir"),
    )
    if loaded.returncode != 0:
        return {"error": f"load_raw --target {target} failed:\n{loaded.stderr[-5000:]}"}
    result = timed(
        "dbt build",
        timings,
        run_dbt,
        project,
        location["duckdb_path"],
        "build",
        "--vars",
        VARS,
        *(() if unit_tests else ("--exclude-resource-type", "unit_test")),
        target=target,
        spark_dir=location.get("spark_dir"),
    )
    built = {"project": project, "result": result, "timings": timings, **location}
    run_results = project / "target" / "run_results.json"
    # kept now: a later dbt command in this project writes its own run_results.json
    built["run_results"] = json.loads(run_results.read_text()) if run_results.exists() else None
    if incremental and result.returncode == 0:
        # int_activity_log is incremental where the warehouse can delete rows, a table on Spark
        # (macros/utils/incremental.sql): a second run over the same input gives the same rows
        built["activities_before"] = spark_table_rows(
            location["spark_dir"], "intermediate", "int_activity_log", exclude=RUN_COLUMNS
        )
        built["incremental"] = timed(
            "dbt run int_activity_log (again)",
            timings,
            run_dbt,
            project,
            None,
            "run",
            "--select",
            "int_activity_log",
            "--vars",
            VARS,
            target=target,
            spark_dir=location["spark_dir"],
        )
        built["activities_after"] = spark_table_rows(
            location["spark_dir"], "intermediate", "int_activity_log", exclude=RUN_COLUMNS
        )
    return built


# int_activity_log's partition_version names the dbt run that wrote the row: a rebuild changes it
RUN_COLUMNS = ("partition_version",)


def spark_table_rows(
    spark_dir: Path, database: str, table: str, exclude: tuple[str, ...] = ()
) -> list[tuple]:
    """Rows of a Spark table, sorted, read from its parquet files (partition folders included),
    without the columns named in exclude."""
    files = spark_dir / "warehouse" / f"{database}.db" / table
    connection = duckdb.connect()
    try:
        connection.execute("set TimeZone = 'UTC'")
        relation = f"read_parquet('{files}/**/*.parquet', hive_partitioning = true)"
        cursor = connection.execute(f"select * from {relation}")
        columns = [description[0] for description in cursor.description]
        rows = cursor.fetchall()
    finally:
        connection.close()
    order = sorted(
        (i for i in range(len(columns)) if columns[i] not in exclude), key=lambda i: columns[i]
    )
    return sorted(tuple(str(row[i]) for i in order) for row in rows)
