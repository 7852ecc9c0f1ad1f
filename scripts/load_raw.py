"""Load a folder of raw files into the schema ``raw`` of a warehouse target (SPEC §1).

Every ``<table>.csv`` or ``<table>.parquet`` in DIR whose name is one of the 9 raw tables
replaces that table in the target:

* CSV files are read with a header row and ALL columns as text (VARCHAR), so dirty values
  such as ``not-a-date`` survive loading and staging can quarantine them (SPEC §7); an empty
  field becomes NULL.
* Parquet files are loaded as they are (their own column types).

Targets: ``duckdb`` (the file of ``$LEAD_SCORING_DUCKDB_PATH``) and ``postgres`` (the server
of the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE). On PostgreSQL a CSV is
copied with COPY into text columns, a parquet file is read with pyarrow and copied into columns
of the matching PostgreSQL types; column names are lower-cased. A table whose columns do not
change is emptied and refilled, so the staging views built on it stay; when its columns change
it is dropped with the views that depend on it (the next ``dbt build`` recreates them).
``spark`` (a local Spark session with the warehouse folder and metastore of the ``spark`` output
of profiles.yml, under ``$LEAD_SCORING_SPARK_DIR``) writes each table as parquet; a CSV is read
with every column as text. Spark has no transactions: each table is replaced on its own.

Extra columns are kept. A contract column missing from a file is allowed (staging fills it with
a typed null) but logged as a warning. Files that are not raw tables, and raw tables with no
file, are reported; a raw table without a file keeps what it held (or, when it does not exist
yet, is created empty with the contract columns as text, so that ``dbt build`` can run).

All tables are replaced in one transaction (DuckDB, PostgreSQL): either every file is loaded or
none is.

Examples:
    python scripts/load_raw.py data/demo
    LEAD_SCORING_DUCKDB_PATH=/tmp/x.duckdb python scripts/load_raw.py data/demo --target duckdb
    PGHOST=127.0.0.1 PGPORT=55432 python scripts/load_raw.py data/demo --target postgres
    python scripts/load_raw.py data/demo --target spark
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lead_scoring.logs import setup_logging
from lead_scoring.raw_schema import RAW_TABLES, load_raw_schema
from lead_scoring.spark import SparkLoader
from lead_scoring.warehouse import (
    TARGETS,
    UnsupportedTargetError,
    connect,
    default_target,
    describe,
)

log = logging.getLogger("load_raw")

FORMATS = (".csv", ".parquet")


class LoadError(Exception):
    """A problem with the input folder that stops the load (exit code 1)."""


@dataclass(frozen=True)
class RawFile:
    table: str
    path: Path

    @property
    def fmt(self) -> str:
        return self.path.suffix.lower().lstrip(".")


def find_raw_files(folder: Path) -> tuple[list[RawFile], list[Path]]:
    """Split the entries of ``folder`` into raw table files and everything else.

    Returns ``(raw_files, ignored)``; raw files are in contract table order. Hidden entries
    (``.DS_Store``, ``.gitkeep``) are skipped without a word. Raises ``LoadError`` when a
    table has both a CSV and a parquet file (which one is meant is unclear).
    """
    by_table: dict[str, list[Path]] = {}
    ignored: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix.lower() in FORMATS and entry.stem in RAW_TABLES:
            by_table.setdefault(entry.stem, []).append(entry)
        else:
            ignored.append(entry)
    doubles = {t: paths for t, paths in by_table.items() if len(paths) > 1}
    if doubles:
        names = "; ".join(", ".join(p.name for p in paths) for paths in doubles.values())
        raise LoadError(f"more than one file for the same raw table ({names}): keep only one")
    raw_files = [RawFile(t, by_table[t][0]) for t in RAW_TABLES if t in by_table]
    return raw_files, ignored


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _reader_sql(raw_file: RawFile) -> str:
    path = _sql_string(str(raw_file.path.resolve()))
    if raw_file.fmt == "csv":
        return f"read_csv({path}, header = true, all_varchar = true)"
    return f"read_parquet({path})"


class DuckDBLoader:
    """Replaces raw tables in a DuckDB database (one transaction for the whole load)."""

    def __init__(self, con, schema: str):
        self.con = con
        self.schema = schema

    def _table(self, table: str) -> str:
        return f"{_quote_ident(self.schema)}.{_quote_ident(table)}"

    def begin(self) -> None:
        self.con.execute("begin transaction")
        self.con.execute(f"create schema if not exists {_quote_ident(self.schema)}")

    def commit(self) -> None:
        self.con.execute("commit")

    def rollback(self) -> None:
        self.con.execute("rollback")

    def replace(self, raw_file: RawFile) -> tuple[int, list[str]]:
        """Replace one table with the file's content; return (rows, column names)."""
        table = self._table(raw_file.table)
        self.con.execute(
            f"create or replace table {table} as select * from {_reader_sql(raw_file)}"
        )
        rows = self.con.execute(f"select count(*) from {table}").fetchone()[0]
        columns = [row[0] for row in self.con.execute(f"describe {table}").fetchall()]
        return rows, columns

    def exists(self, table: str) -> bool:
        query = (
            "select count(*) from information_schema.tables"
            " where table_schema = ? and table_name = ?"
        )
        return self.con.execute(query, [self.schema, table]).fetchone()[0] > 0

    def create_empty(self, table: str, columns: list[str]) -> None:
        cols = ", ".join(f"{_quote_ident(c)} varchar" for c in columns)
        self.con.execute(f"create table {self._table(table)} ({cols})")


def _postgres_type(arrow_type) -> str:
    """PostgreSQL column type for an Arrow (parquet) column type; text when unsure."""
    import pyarrow as pa

    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_integer(arrow_type):
        return "bigint"
    if pa.types.is_floating(arrow_type):
        return "double precision"
    if pa.types.is_decimal(arrow_type):
        return "numeric"
    if pa.types.is_timestamp(arrow_type):
        return "timestamptz" if arrow_type.tz else "timestamp"
    if pa.types.is_date(arrow_type):
        return "date"
    return "text"


class PostgresLoader:
    """Replaces raw tables in PostgreSQL with COPY (one transaction for the whole load)."""

    def __init__(self, con, schema: str):
        self.con = con
        self.schema = schema
        self.cursor = con.cursor()

    def _table(self, table: str) -> str:
        return f"{_quote_ident(self.schema)}.{_quote_ident(table)}"

    def begin(self) -> None:  # psycopg2 opens the transaction with the first statement
        self.cursor.execute(f"create schema if not exists {_quote_ident(self.schema)}")

    def commit(self) -> None:
        self.con.commit()

    def rollback(self) -> None:
        self.con.rollback()

    def _existing_columns(self, table: str) -> list[tuple[str, str]]:
        self.cursor.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = %s and table_name = %s order by ordinal_position",
            (self.schema, table),
        )
        return [(name, data_type) for name, data_type in self.cursor.fetchall()]

    def _prepare(self, table: str, columns: list[tuple[str, str]]) -> None:
        """Empty the table when its columns stay the same, else (re)create it."""
        existing = self._existing_columns(table)
        wanted = [(name, data_type) for name, data_type in columns]
        normal = {
            "double precision": "double precision",
            "timestamp": "timestamp without time zone",
            "timestamptz": "timestamp with time zone",
        }
        if existing and existing == [(n, normal.get(t, t)) for n, t in wanted]:
            self.cursor.execute(f"truncate table {self._table(table)}")
            return
        if existing:
            log.info("%s: columns changed; dropping it and the views built on it", table)
            self.cursor.execute(f"drop table {self._table(table)} cascade")
        cols = ", ".join(f"{_quote_ident(name)} {data_type}" for name, data_type in columns)
        self.cursor.execute(f"create table {self._table(table)} ({cols})")

    def _copy_csv(self, table: str, columns: list[str], handle) -> None:
        names = ", ".join(_quote_ident(c) for c in columns)
        self.cursor.copy_expert(
            f"copy {self._table(table)} ({names}) from stdin with (format csv, header true)",
            handle,
        )

    def replace(self, raw_file: RawFile) -> tuple[int, list[str]]:
        """Replace one table with the file's content; return (rows, column names)."""
        if raw_file.fmt == "csv":
            with raw_file.path.open(newline="", encoding="utf-8-sig") as handle:
                header = next(csv.reader(handle), None)
            if not header:
                raise LoadError(f"{raw_file.path.name} has no header row")
            columns = [name.strip().lower() for name in header]
            self._prepare(raw_file.table, [(c, "text") for c in columns])
            with _SkipBOM(raw_file.path) as data:
                self._copy_csv(raw_file.table, columns, data)
        else:
            import pyarrow.csv as pa_csv
            import pyarrow.parquet as pq

            data = pq.read_table(raw_file.path)
            data = data.rename_columns([name.strip().lower() for name in data.column_names])
            columns = data.column_names
            self._prepare(
                raw_file.table,
                [(field.name, _postgres_type(field.type)) for field in data.schema],
            )
            buffer = io.BytesIO()
            pa_csv.write_csv(data, buffer)
            buffer.seek(0)
            self._copy_csv(raw_file.table, columns, buffer)
        self.cursor.execute(f"select count(*) from {self._table(raw_file.table)}")
        return self.cursor.fetchone()[0], columns

    def exists(self, table: str) -> bool:
        return bool(self._existing_columns(table))

    def create_empty(self, table: str, columns: list[str]) -> None:
        cols = ", ".join(f"{_quote_ident(c)} text" for c in columns)
        self.cursor.execute(f"create table {self._table(table)} ({cols})")


class _SkipBOM(io.RawIOBase):
    """A CSV file for COPY, without a UTF-8 byte-order mark that would spoil the header."""

    def __init__(self, path: Path):
        self._handle = path.open("rb")
        if self._handle.read(3) != b"\xef\xbb\xbf":
            self._handle.seek(0)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._handle.read(size)

    def readline(self, size: int = -1) -> bytes:
        return self._handle.readline(size)

    def close(self) -> None:
        self._handle.close()
        super().close()


LOADERS = {"duckdb": DuckDBLoader, "postgres": PostgresLoader, "spark": SparkLoader}


def make_loader(target: str, schema: str):
    """The loader for a target (connection details: lead_scoring.warehouse)."""
    if target not in LOADERS:
        raise UnsupportedTargetError(f"no loader for target {target!r}")
    return LOADERS[target](connect(target), schema)


def load_folder(folder: Path, target: str, schema: str = "raw") -> dict[str, int]:
    """Load the raw files of ``folder`` into ``schema`` of ``target``; return table -> rows."""
    if not folder.is_dir():
        raise LoadError(f"input folder {folder} does not exist or is not a folder")
    contract = load_raw_schema()
    raw_files, ignored = find_raw_files(folder)
    for entry in ignored:
        log.warning(
            "%s is not a raw table file (expected <table>.csv or <table>.parquet with table"
            " one of %s); not loaded",
            entry.name,
            ", ".join(RAW_TABLES),
        )
    if not raw_files:
        raise LoadError(
            f"no raw table file in {folder}: expected files named <table>.csv or <table>.parquet "
            f"for the tables {', '.join(RAW_TABLES)}"
        )
    found = {f.table for f in raw_files}
    without_file = [t for t in RAW_TABLES if t not in found]

    log.info(
        "loading %d file(s) from %s into schema %s of %s",
        len(raw_files),
        folder,
        schema,
        describe(target),
    )
    loader = make_loader(target, schema)
    loaded: dict[str, int] = {}
    loader.begin()
    try:
        for raw_file in raw_files:
            try:
                rows, columns = loader.replace(raw_file)
            except Exception as exc:  # the engine's own error type differs per target
                raise LoadError(f"cannot load {raw_file.path}: {exc}") from exc
            loaded[raw_file.table] = rows
            expected = [name for name, _ in contract[raw_file.table]]
            present = {c.lower() for c in columns}
            missing = [c for c in expected if c.lower() not in present]
            extra = [c for c in columns if c.lower() not in {e.lower() for e in expected}]
            log.info(
                "%s: %d rows from %s (%s)",
                raw_file.table,
                rows,
                raw_file.path.name,
                raw_file.fmt,
            )
            if missing:
                log.warning(
                    "%s: column(s) missing from %s: %s; staging will fill them with typed nulls",
                    raw_file.table,
                    raw_file.path.name,
                    ", ".join(missing),
                )
            if extra:
                log.info("%s: extra column(s) kept: %s", raw_file.table, ", ".join(extra))
        for table in without_file:
            if loader.exists(table):
                log.warning(
                    "raw table %s has no file in %s; %s.%s left as it was",
                    table,
                    folder,
                    schema,
                    table,
                )
            else:
                loader.create_empty(table, [name for name, _ in contract[table]])
                log.warning(
                    "raw table %s has no file in %s;"
                    " created %s.%s empty (contract columns as text)",
                    table,
                    folder,
                    schema,
                    table,
                )
        loader.commit()
    except Exception:
        loader.rollback()
        raise
    finally:
        loader.con.close()
    return loaded


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="load_raw.py",
        description=(
            "Load <table>.csv / <table>.parquet files from DIR into the raw schema of a warehouse "
            "target, replacing those tables. CSV columns are loaded as text; parquet as it is. "
            f"Raw tables: {', '.join(RAW_TABLES)}."
        ),
    )
    parser.add_argument("dir", metavar="DIR", type=Path, help="folder holding the raw files")
    parser.add_argument(
        "--target",
        default=default_target(),
        choices=TARGETS,
        help="warehouse target as in profiles.yml (default: $LEAD_SCORING_TARGET or duckdb); "
        "duckdb uses $LEAD_SCORING_DUCKDB_PATH (default target/lead_scoring.duckdb)",
    )
    parser.add_argument("--schema", default="raw", help="schema of the raw tables (default: raw)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(verbose=args.verbose, quiet=args.quiet)
    try:
        loaded = load_folder(args.dir, args.target, args.schema)
    except (LoadError, UnsupportedTargetError) as exc:
        log.error("%s", exc)
        return 1
    width = max(len(t) for t in loaded)
    summary = "\n".join(f"  {table:<{width}}  {rows:>12,d}" for table, rows in loaded.items())
    log.info(
        "loaded %d table(s) into %s (table -> rows):\n%s",
        len(loaded),
        args.schema,
        summary,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
