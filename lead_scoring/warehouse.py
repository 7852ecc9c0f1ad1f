"""Connections to the warehouse, per dbt target name (see ``profiles.yml``).

``duckdb`` (the default) opens the file named by ``LEAD_SCORING_DUCKDB_PATH`` (default
``target/lead_scoring.duckdb`` relative to the project root), exactly as dbt does.
``postgres`` connects with psycopg2 through the standard libpq variables PGHOST, PGPORT, PGUSER,
PGPASSWORD and PGDATABASE (the ones psql reads), with the same defaults as ``profiles.yml``
(localhost, 5432, postgres, lead_scoring; no password default).
``spark`` starts a local Spark session with the settings of the ``spark`` output of
``profiles.yml`` (warehouse folder and Derby metastore under ``LEAD_SCORING_SPARK_DIR``, default
``target/spark``), so it sees the tables dbt's ``method: session`` builds; see lead_scoring.spark.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from lead_scoring import PROJECT_ROOT

# the DuckDB file (its variable, default and path) lives with the project folder it is relative to
from lead_scoring.project import DUCKDB_DEFAULT_PATH as DUCKDB_DEFAULT_PATH
from lead_scoring.project import DUCKDB_PATH_ENV as DUCKDB_PATH_ENV
from lead_scoring.project import duckdb_path as duckdb_path

DEFAULT_TARGET = "duckdb"
TARGETS: tuple[str, ...] = ("duckdb", "postgres", "spark")
POSTGRES_ENV = ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE")
# Defaults shared with the postgres output of profiles.yml (never a password).
POSTGRES_DEFAULTS = {
    "PGHOST": "localhost",
    "PGPORT": "5432",
    "PGUSER": "postgres",
    "PGDATABASE": "lead_scoring",
}


class UnsupportedTargetError(RuntimeError):
    """The target is unknown, or known but not supported by the scripts yet."""


def default_target() -> str:
    """The target dbt uses by default: ``LEAD_SCORING_TARGET`` or ``duckdb``."""
    return os.environ.get("LEAD_SCORING_TARGET") or DEFAULT_TARGET


def describe(target: str, project_dir: Path = PROJECT_ROOT) -> str:
    """Human-readable location of a target, for logs (never includes a password)."""
    if target == "duckdb":
        return f"duckdb file {duckdb_path(project_dir)}"
    if target == "postgres":
        settings = postgres_settings()
        return (
            f"postgres {settings['user']}@{settings['host']}:{settings['port']}"
            f"/{settings['dbname']}"
        )
    if target == "spark":
        from lead_scoring.spark import spark_dir

        return f"local spark session, warehouse and metastore in {spark_dir()}"
    return target


def postgres_settings() -> dict[str, str]:
    """Connection keywords for psycopg2 from the PG* variables (password only when set)."""
    env = {name: os.environ.get(name) or POSTGRES_DEFAULTS.get(name, "") for name in POSTGRES_ENV}
    settings = {
        "host": env["PGHOST"],
        "port": env["PGPORT"],
        "user": env["PGUSER"],
        "dbname": env["PGDATABASE"],
    }
    if env["PGPASSWORD"]:
        settings["password"] = env["PGPASSWORD"]
    return settings


def postgres_url() -> str:
    """SQLAlchemy URL of the same server and database (for tools that want one, e.g. GX)."""
    settings = postgres_settings()
    credentials = quote(settings["user"], safe="")
    if "password" in settings:
        credentials += ":" + quote(settings["password"], safe="")
    return (
        f"postgresql+psycopg2://{credentials}@{settings['host']}:{settings['port']}"
        f"/{quote(settings['dbname'], safe='')}"
    )


def connect(
    target: str | None = None,
    *,
    read_only: bool = False,
    duckdb_file: Path | None = None,
    project_dir: Path = PROJECT_ROOT,
):
    """Open a DB-API connection for a target name.

    For ``duckdb`` this is a ``duckdb.DuckDBPyConnection`` on ``duckdb_file`` (default:
    ``duckdb_path(project_dir)``); the parent folder of the file is created when missing, except
    with ``read_only``, which opens an existing file only (``FileNotFoundError`` otherwise: a reader
    never leaves an empty warehouse behind). For ``postgres`` a psycopg2 connection (not in
    autocommit); for ``spark`` a ``lead_scoring.spark.SparkConnection`` (a Spark session;
    ``close()`` stops it). Unknown targets, postgres without psycopg2, or spark without pyspark
    or Java, raise ``UnsupportedTargetError``.
    """
    target = target or default_target()
    if target == "duckdb":
        import duckdb

        path = Path(duckdb_file) if duckdb_file is not None else duckdb_path(project_dir)
        if read_only:
            if not path.exists():
                raise FileNotFoundError(f"DuckDB file {path} does not exist; run dbt build")
            return duckdb.connect(str(path), read_only=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path))
    if target == "postgres":
        try:
            import psycopg2
        except ImportError as exc:  # pragma: no cover - installed with dbt-postgres
            raise UnsupportedTargetError(
                "target postgres needs psycopg2 (pip install -r requirements.txt)"
            ) from exc
        try:
            return psycopg2.connect(**postgres_settings())
        except psycopg2.OperationalError as exc:
            raise UnsupportedTargetError(
                f"cannot connect to {describe(target)} (libpq variables "
                f"{', '.join(POSTGRES_ENV)}): {str(exc).strip()}"
            ) from exc
    if target == "spark":
        from lead_scoring.spark import SparkUnavailableError
        from lead_scoring.spark import connect as spark_connect

        try:
            return spark_connect()
        except SparkUnavailableError as exc:
            raise UnsupportedTargetError(str(exc)) from exc
    raise UnsupportedTargetError(f"unknown target {target!r}; known targets: {', '.join(TARGETS)}")
