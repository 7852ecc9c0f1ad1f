"""Load a folder of raw files into the schema ``raw`` of a warehouse target.

Every ``<table>.csv`` or ``<table>.parquet`` in DIR whose name is one of the 9 raw tables
replaces that table in the target. The load is one unit: every file is checked first, and
nothing is replaced unless every file passes.

* CSV files are read with an explicit dialect, never sniffed (lead_scoring/raw_csv.py): comma,
  ``"`` quotes doubled inside a field, a header row, UTF-8, LF or CRLF line endings (mixed too),
  ALL columns as text, so dirty values such as ``not-a-date`` survive loading and staging
  quarantines them; an empty field is NULL. Header names are trimmed and lower-cased.
  A row with fewer or more fields than the header is padded with nulls (or cut) and flagged in
  the extra column ``_load_problem``; staging quarantines it with its line number.
* Parquet files are loaded as they are (their own column types).

The load stops (exit code 1) before anything is replaced, naming the file and, where there is
one, the line: a byte sequence that is not UTF-8, a malformed quote, a header naming one column
twice, a file in which no contract column is found (e.g. separated by ';'), a required column
missing (one the sources YAML tests: keys, required timestamps, type columns; see
lead_scoring.raw_schema.required_columns), or a raw table without a file. For the last one,
``--missing empty`` replaces such a table by an empty one (the folder is the whole of today's
data) and ``--missing keep`` keeps what it held (a partial reload, e.g. of web_events only).
A missing optional column is allowed (staging fills it with a typed null) and logged; extra
columns are kept; files that are not raw tables are reported and skipped.

Targets: ``duckdb`` (the file of ``$LEAD_SCORING_DUCKDB_PATH``) and ``postgres`` (the server
of the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE). On PostgreSQL a CSV is
copied with COPY into text columns, a parquet file is read with pyarrow and copied into columns
of the matching PostgreSQL types; column names are lower-cased. A table whose columns do not
change is emptied and refilled, so the staging views built on it stay; when its columns change
it is dropped with the views that depend on it (the next ``dbt build`` recreates them).
``spark`` (a local Spark session with the warehouse folder and metastore of the ``spark`` output
of profiles.yml, under ``$LEAD_SCORING_SPARK_DIR``) writes each table as parquet; a CSV is read
with every column as text. DuckDB and PostgreSQL replace every table in one transaction; Spark
has no transactions, so every file is checked (and every CSV rewritten as Spark reads it) before
the first table is replaced.

Examples:
    python scripts/load_raw.py data/demo
    LEAD_SCORING_DUCKDB_PATH=/tmp/x.duckdb python scripts/load_raw.py data/demo --target duckdb
    PGHOST=127.0.0.1 PGPORT=55432 python scripts/load_raw.py data/demo --target postgres
    python scripts/load_raw.py data/demo --target spark
    python scripts/load_raw.py only_web_events/ --missing keep
    python scripts/load_raw.py hubspot_export/ --schema hubspot --as-is   # lead_scoring.load_as_is

Modules: lead_scoring.raw_files (which files, their checks), lead_scoring.duckdb_loader,
lead_scoring.postgres_loader and lead_scoring.spark (one loader per target); this module
holds the load as one unit and the command line (``scripts/load_raw.py``,
``lead-scoring-load``).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from lead_scoring import PROJECT_ROOT
from lead_scoring.duckdb_loader import DuckDBLoader
from lead_scoring.load_as_is import load_folder_as_is
from lead_scoring.logs import setup_logging
from lead_scoring.postgres_loader import PostgresLoader
from lead_scoring.project import add_project_dir_argument
from lead_scoring.raw_files import LoadError, check_file, find_raw_files
from lead_scoring.raw_schema import RAW_TABLES, load_raw_schema, required_columns
from lead_scoring.spark import SparkLoader
from lead_scoring.warehouse import (
    TARGETS,
    UnsupportedTargetError,
    connect,
    default_target,
    describe,
)

log = logging.getLogger("load_raw")

MISSING_CHOICES = ("error", "empty", "keep")

__all__ = ["LoadError", "load_folder", "main"]


LOADERS = {"duckdb": DuckDBLoader, "postgres": PostgresLoader, "spark": SparkLoader}


def make_loader(target: str, schema: str, project_dir: Path = PROJECT_ROOT):
    """The loader for a target (connection details: lead_scoring.warehouse; the DuckDB file of
    project_dir)."""
    if target not in LOADERS:
        raise UnsupportedTargetError(f"no loader for target {target!r}")
    return LOADERS[target](connect(target, project_dir=project_dir), schema)


def load_folder(
    folder: Path,
    target: str,
    schema: str = "raw",
    missing: str = "error",
    project_dir: Path = PROJECT_ROOT,
) -> dict[str, int]:
    """Load the raw files of ``folder`` into ``schema`` of ``target``; return table -> rows.

    Every file is checked before anything is replaced; DuckDB and PostgreSQL replace the tables
    in one transaction. ``missing`` says what happens to a raw table without a file: ``error``
    (stop), ``empty`` (replace it by an empty table) or ``keep`` (keep what it held).
    """
    if missing not in MISSING_CHOICES:
        raise ValueError(f"missing must be one of {MISSING_CHOICES}, got {missing!r}")
    if not folder.is_dir():
        raise LoadError(f"input folder {folder} does not exist or is not a folder")
    contract = load_raw_schema()
    required = required_columns()
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
    if without_file and missing == "error":
        raise LoadError(
            f"no file for raw table(s) {', '.join(without_file)} in {folder}: a load replaces "
            "every raw table, so that old rows never mix with new ones. Add the file(s) (a "
            "header row alone is an empty table), or pass --missing empty (replace them by "
            "empty tables) or --missing keep (keep what they hold). Nothing was replaced."
        )

    with tempfile.TemporaryDirectory(prefix="load_raw_") as workdir:
        checked = [
            check_file(raw_file, contract, required, Path(workdir), rewrite=target == "spark")
            for raw_file in raw_files
        ]
        log.info(
            "loading %d file(s) from %s into schema %s of %s",
            len(checked),
            folder,
            schema,
            describe(target, project_dir),
        )
        return _replace_tables(
            checked, without_file, target, schema, missing, contract, folder, project_dir
        )


def _replace_tables(checked, without_file, target, schema, missing, contract, folder, project_dir):
    loader = make_loader(target, schema, project_dir)
    loaded: dict[str, int] = {}
    loader.begin()
    try:
        for item in checked:
            try:
                rows, _ = loader.replace(item)
            except Exception as exc:  # the engine's own error type differs per target
                raise LoadError(
                    f"cannot load {item.raw_file.path}: {str(exc).strip()}. Nothing was replaced"
                    + (" (Spark: tables loaded before this one were)" if target == "spark" else "")
                ) from exc
            if item.report is not None and rows != item.report.rows:
                raise LoadError(
                    f"cannot load {item.raw_file.path}: {target} read {rows} rows where the check "
                    f"read {item.report.rows}. Nothing was replaced"
                )
            loaded[item.table] = rows
            log.info(
                "%s: %d rows from %s (%s%s)",
                item.table,
                rows,
                item.raw_file.path.name,
                item.fmt,
                ", rewritten" if item.rewritten else "",
            )
        for table in without_file:
            columns = [name for name, _ in contract[table]]
            if missing == "keep" and loader.exists(table):
                log.warning(
                    "raw table %s has no file in %s; %s.%s keeps what it held (--missing keep)",
                    table,
                    folder,
                    schema,
                    table,
                )
                continue
            loader.replace_empty(table, columns)
            log.warning(
                "raw table %s has no file in %s; %s.%s is empty (contract columns as text)",
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
            "target, replacing those tables as one unit (every file is checked first). CSV is "
            "read with an explicit dialect (comma, double quotes, header row, UTF-8), every "
            "column as text; parquet as it is. "
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
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="load every <name>.csv / <name>.parquet of DIR into table <name> of --schema as it "
        "is (CSV as text), nothing checked against the raw contract: a connector's export "
        "(e.g. --schema hubspot), to try it without its EL tool (docs/connectors.md)",
    )
    parser.add_argument(
        "--missing",
        default="error",
        choices=MISSING_CHOICES,
        help="what to do with a raw table that has no file in DIR: error (default: stop before "
        "replacing anything), empty (replace it by an empty table), keep (keep what it holds)",
    )
    add_project_dir_argument(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(verbose=args.verbose, quiet=args.quiet)
    try:
        if args.as_is:
            loaded = load_folder_as_is(args.dir, args.target, args.schema, args.project_dir)
        else:
            loaded = load_folder(args.dir, args.target, args.schema, args.missing, args.project_dir)
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
