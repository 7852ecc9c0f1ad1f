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

    Spark has no transactions over several tables: each table is replaced on its own. The loader
    (scripts/load_raw.py) therefore checks every file, and rewrites every CSV as this class reads
    it, before the first table is replaced.
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

    def replace(self, checked) -> tuple[int, list[str]]:
        """Replace one table with the content of a checked file; return (rows, column names). A
        CSV is the loader's rewritten copy (lead_scoring/raw_csv.py): header row, LF line ends,
        every row as wide as the header, read with the same dialect, every column as text."""
        path = str(checked.load_path.resolve())
        if checked.fmt == "csv":
            from pyspark.sql.types import StringType, StructField, StructType

            schema = StructType([StructField(name, StringType()) for name in checked.columns])
            frame = (
                self.spark.read.schema(schema)
                .option("header", True)
                .option("multiLine", True)
                .option("quote", '"')
                .option("escape", '"')
                .option("sep", ",")
                .option("lineSep", "\n")
                .option("encoding", "UTF-8")
                .option("mode", "FAILFAST")
                .option("enforceSchema", False)
                .csv(path)
            )
        else:
            frame = self.spark.read.parquet(path)
        table = self._table(checked.table)
        frame.write.mode("overwrite").format("parquet").saveAsTable(table)
        rows = self.spark.table(table).count()
        return rows, list(frame.columns)

    def exists(self, table: str) -> bool:
        return self.spark.catalog.tableExists(table, self.schema)

    def replace_empty(self, table: str, columns: list[str]) -> None:
        cols = ", ".join(f"`{c}` string" for c in columns)
        self.spark.sql(f"drop table if exists {self._table(table)}")
        self.spark.sql(f"create table {self._table(table)} ({cols}) using parquet")
