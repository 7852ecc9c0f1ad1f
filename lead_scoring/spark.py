"""Apache Spark in this Python process, sharing tables and metastore with dbt's ``spark`` target.

dbt-spark's ``method: session`` runs Spark inside the dbt process, with the settings under
``server_side_parameters`` of the ``spark`` output in ``profiles.yml``: a fixed warehouse folder
(``spark.sql.warehouse.dir``) and a Derby metastore, both under ``LEAD_SCORING_SPARK_DIR``
(default ``target/spark``). A script that starts its own Spark session with the *same* settings
sees the same databases and tables once dbt has finished (Derby lets one process at a time hold
the metastore). The settings are read from ``profiles.yml`` itself, so they are written once.

Needs ``pip install -r requirements-spark.txt`` (pyspark) and Java 17.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import jinja2
import yaml

from lead_scoring import PROJECT_ROOT

SPARK_DIR_ENV = "LEAD_SCORING_SPARK_DIR"
SPARK_DIR_DEFAULT = "target/spark"

log = logging.getLogger(__name__)


class SparkUnavailableError(RuntimeError):
    """pyspark is not installed, or Java is missing."""


def spark_dir() -> Path:
    """Folder of the Spark warehouse and metastore; a relative path is relative to the project
    root (where dbt runs)."""
    path = Path(os.environ.get(SPARK_DIR_ENV) or SPARK_DIR_DEFAULT)
    return path if path.is_absolute() else PROJECT_ROOT / path


def session_config(profiles_path: Path | None = None) -> dict[str, str]:
    """The ``server_side_parameters`` of the ``spark`` output of profiles.yml, rendered with
    ``LEAD_SCORING_SPARK_DIR`` resolved to an absolute folder."""
    path = profiles_path or PROJECT_ROOT / "profiles.yml"
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))["lead_scoring"]["outputs"]["spark"]
    environment = dict(os.environ, **{SPARK_DIR_ENV: str(spark_dir())})

    def env_var(name: str, default: str | None = None) -> str:
        if name in environment:
            return environment[name]
        if default is None:
            raise KeyError(f"environment variable {name} is not set")
        return default

    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return {
        str(key): jinja.from_string(str(value)).render(env_var=env_var)
        for key, value in (profile.get("server_side_parameters") or {}).items()
    }


def check_available() -> None:
    """Raise ``SparkUnavailableError`` unless pyspark imports and a ``java`` can be found."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailableError(
            "target spark needs pyspark: pip install -r requirements-spark.txt"
        ) from exc
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and (Path(java_home) / "bin" / "java").exists()) and not shutil.which("java"):
        raise SparkUnavailableError("target spark needs Java 17 (java on PATH or JAVA_HOME)")


def session():
    """A SparkSession (Hive catalog, like dbt-spark) with the settings of profiles.yml."""
    check_available()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark_dir().mkdir(parents=True, exist_ok=True)
    builder = SparkSession.builder.appName("lead_scoring").enableHiveSupport()
    for key, value in session_config().items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class SparkCursor:
    """The part of a DB-API cursor the scripts use: ``execute(sql)`` and ``fetchall()``."""

    def __init__(self, spark):
        self.spark = spark
        self._rows: list[tuple] = []

    def execute(self, sql: str) -> None:
        self._rows = [tuple(row) for row in self.spark.sql(sql).collect()]

    def fetchall(self) -> list[tuple]:
        return self._rows

    def fetchone(self) -> tuple | None:
        return self._rows[0] if self._rows else None


class SparkConnection:
    """Just enough of a DB-API connection for the scripts (loader, summary): the session,
    ``cursor()``, and ``close()``, which stops the session and so releases the Derby metastore
    for dbt."""

    def __init__(self, spark):
        self.spark = spark

    def cursor(self) -> SparkCursor:
        return SparkCursor(self.spark)

    def close(self) -> None:
        self.spark.stop()


def connect() -> SparkConnection:
    return SparkConnection(session())


class SparkLoader:
    """Replaces raw tables in a Spark database (parquet tables in the warehouse folder).

    Spark has no transactions over several tables: each table is replaced on its own, and a
    failed load can leave the tables loaded before the failure replaced.
    """

    def __init__(self, con: SparkConnection, schema: str):
        self.con = con
        self.spark = con.spark
        self.schema = schema

    def _table(self, table: str) -> str:
        return f"`{self.schema}`.`{table}`"

    def begin(self) -> None:
        self.spark.sql(f"create database if not exists `{self.schema}`")

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        log.warning("Spark has no transactions: tables replaced before the error stay replaced")

    def replace(self, raw_file) -> tuple[int, list[str]]:
        """Replace one table with the file's content; return (rows, column names). CSV: header
        row, every column as text, an empty field is null, quotes doubled as in RFC 4180."""
        path = str(raw_file.path.resolve())
        if raw_file.fmt == "csv":
            frame = (
                self.spark.read.option("header", True)
                .option("inferSchema", False)
                .option("multiLine", True)
                .option("escape", '"')
                .option("encoding", "UTF-8")
                .csv(path)
            )
        else:
            frame = self.spark.read.parquet(path)
        table = self._table(raw_file.table)
        frame.write.mode("overwrite").format("parquet").saveAsTable(table)
        rows = self.spark.table(table).count()
        return rows, list(frame.columns)

    def exists(self, table: str) -> bool:
        return self.spark.catalog.tableExists(table, self.schema)

    def create_empty(self, table: str, columns: list[str]) -> None:
        cols = ", ".join(f"`{c}` string" for c in columns)
        self.spark.sql(f"create table {self._table(table)} ({cols}) using parquet")
