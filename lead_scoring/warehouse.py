"""Connections to the warehouse, per dbt target name (see ``profiles.yml``).

``duckdb`` (the default) opens the file named by ``LEAD_SCORING_DUCKDB_PATH`` (default
``target/lead_scoring.duckdb`` relative to the project root), exactly as dbt does.
``postgres`` is reserved: it will use the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD and
PGDATABASE, and is not supported yet.
"""

from __future__ import annotations

import os
from pathlib import Path

from lead_scoring import PROJECT_ROOT

DEFAULT_TARGET = "duckdb"
TARGETS: tuple[str, ...] = ("duckdb", "postgres")
DUCKDB_PATH_ENV = "LEAD_SCORING_DUCKDB_PATH"
DUCKDB_DEFAULT_PATH = "target/lead_scoring.duckdb"
POSTGRES_ENV = ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE")


class UnsupportedTargetError(RuntimeError):
    """The target is unknown, or known but not supported by the scripts yet."""


def default_target() -> str:
    """The target dbt uses by default: ``LEAD_SCORING_TARGET`` or ``duckdb``."""
    return os.environ.get("LEAD_SCORING_TARGET") or DEFAULT_TARGET


def duckdb_path() -> Path:
    """Path of the DuckDB file; a relative path is relative to the project root (like dbt)."""
    path = Path(os.environ.get(DUCKDB_PATH_ENV) or DUCKDB_DEFAULT_PATH)
    return path if path.is_absolute() else PROJECT_ROOT / path


def describe(target: str) -> str:
    """Human-readable location of a target, for logs (never includes a password)."""
    if target == "duckdb":
        return f"duckdb file {duckdb_path()}"
    if target == "postgres":
        host = os.environ.get("PGHOST", "localhost")
        port = os.environ.get("PGPORT", "5432")
        return f"postgres {host}:{port}/{os.environ.get('PGDATABASE', '')}"
    return target


def connect(target: str | None = None):
    """Open a DB-API connection for a target name.

    For ``duckdb`` this is a ``duckdb.DuckDBPyConnection`` (the parent folder of the file is
    created when missing). Other targets raise ``UnsupportedTargetError`` with a clear message.
    """
    target = target or default_target()
    if target == "duckdb":
        import duckdb

        path = duckdb_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path))
    if target == "postgres":
        raise UnsupportedTargetError(
            "target postgres needs psycopg2 and is not supported by the scripts yet "
            f"(it will read the libpq variables {', '.join(POSTGRES_ENV)})"
        )
    raise UnsupportedTargetError(
        f"unknown target {target!r}; known targets: {', '.join(TARGETS)}"
    )
