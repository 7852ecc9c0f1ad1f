"""Load a folder of raw files into the schema ``raw`` of a warehouse target (SPEC §1).

Every ``<table>.csv`` or ``<table>.parquet`` in DIR whose name is one of the 9 raw tables
replaces that table in the target. The load is one unit: every file is checked first, and
nothing is replaced unless every file passes.

* CSV files are read with an explicit dialect, never sniffed (lead_scoring/raw_csv.py): comma,
  ``"`` quotes doubled inside a field, a header row, UTF-8, LF or CRLF line endings (mixed too),
  ALL columns as text, so dirty values such as ``not-a-date`` survive loading and staging
  quarantines them (SPEC §7); an empty field is NULL. Header names are trimmed and lower-cased.
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
"""

from __future__ import annotations

import argparse
import difflib
import io
import logging
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lead_scoring.logs import setup_logging
from lead_scoring.raw_csv import (
    LOAD_PROBLEM_COLUMN,
    CsvProblem,
    CsvReport,
    inspect_csv,
    write_normalized,
)
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

FORMATS = (".csv", ".parquet")
MISSING_CHOICES = ("error", "empty", "keep")


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


@dataclass
class CheckedFile:
    """A raw file that passed the checks: the columns it loads as and the file the engine reads
    (the file itself, or the rewritten copy of a CSV, see lead_scoring/raw_csv.py)."""

    raw_file: RawFile
    columns: list[str]
    load_path: Path
    report: CsvReport | None = None  # CSV only

    @property
    def fmt(self) -> str:
        return self.raw_file.fmt

    @property
    def table(self) -> str:
        return self.raw_file.table

    @property
    def rewritten(self) -> bool:
        return self.load_path != self.raw_file.path


def check_columns(raw_file: RawFile, columns: list[str], contract, required) -> None:
    """Compare a file's columns with the contract: raise ``LoadError`` when no contract column is
    there (a wrong delimiter, or not this table) or a required one is missing; log missing
    optional and extra columns."""
    expected = [name for name, _ in contract[raw_file.table]]
    present = {c.lower() for c in columns}
    name = raw_file.path.name
    if not present & set(expected):
        shown = ", ".join(repr(c) for c in columns[:3]) + (", ..." if len(columns) > 3 else "")
        raise LoadError(
            f"{name}: none of the columns of raw table {raw_file.table} is in its header (read as "
            f"{len(columns)} column(s): {shown}); the loader reads comma-separated files with a "
            f"header row (is it separated by ';' or tabs?). Expected columns: {', '.join(expected)}"
        )
    missing_required = [c for c in required[raw_file.table] if c not in present]
    if missing_required:
        hints = []
        for column in missing_required:
            near = difflib.get_close_matches(column, sorted(present - set(expected)), n=1)
            if near:
                hints.append(f"{near[0]!r} looks like {column!r}")
        raise LoadError(
            f"{name}: required column(s) missing: {', '.join(missing_required)}"
            + (f" ({'; '.join(hints)})" if hints else "")
            + f"; raw table {raw_file.table} needs {', '.join(required[raw_file.table])}. "
            "Nothing was replaced."
        )
    missing = [c for c in expected if c not in present]
    extra = [c for c in columns if c.lower() not in set(expected) and c != LOAD_PROBLEM_COLUMN]
    if missing:
        log.warning(
            "%s: optional column(s) missing from %s: %s; staging fills them with typed nulls",
            raw_file.table,
            name,
            ", ".join(missing),
        )
    if extra:
        log.info("%s: extra column(s) kept: %s", raw_file.table, ", ".join(extra))


def check_file(raw_file: RawFile, contract, required, workdir: Path, rewrite: bool) -> CheckedFile:
    """Check one raw file (raises ``LoadError`` naming file, line and cause); a CSV that the
    engine cannot read as it is (or any CSV when ``rewrite``) is rewritten into ``workdir``."""
    if raw_file.fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            names = list(pq.read_schema(raw_file.path).names)
        except Exception as exc:  # pyarrow's error types vary with the damage
            raise LoadError(f"{raw_file.path.name}: not a readable parquet file: {exc}") from exc
        check_columns(raw_file, [n.strip().lower() for n in names], contract, required)
        return CheckedFile(raw_file, names, raw_file.path)
    try:
        report = inspect_csv(raw_file.path)
    except CsvProblem as exc:
        raise LoadError(f"{exc}. Nothing was replaced.") from exc
    for position, new_name in report.renamed:
        log.info("%s: column %d has no name; loaded as %s", raw_file.path.name, position, new_name)
    check_columns(raw_file, report.header, contract, required)
    if report.ragged:
        lines = ", ".join(str(line) for line, _ in report.ragged[:10])
        log.warning(
            "%s: %d ragged row(s) (field count differs from the header's %d; line(s) %s%s): "
            "loaded padded or cut, flagged in %s, quarantined by staging",
            raw_file.path.name,
            len(report.ragged),
            len(report.header),
            lines,
            ", ..." if len(report.ragged) > 10 else "",
            LOAD_PROBLEM_COLUMN,
        )
    if report.blank_lines:
        log.info("%s: %d blank line(s) skipped", raw_file.path.name, report.blank_lines)
    columns = report.header + ([LOAD_PROBLEM_COLUMN] if report.ragged else [])
    if report.needs_rewrite or rewrite:
        load_path = write_normalized(report, workdir / raw_file.path.name)
    else:
        load_path = raw_file.path
    return CheckedFile(raw_file, columns, load_path, report)


def _reader_sql(checked: CheckedFile) -> str:
    """DuckDB table function reading a checked file: a CSV with the explicit dialect and every
    column as text (the names of the check), a parquet file as it is."""
    path = _sql_string(str(checked.load_path.resolve()))
    if checked.fmt == "csv":
        columns = ", ".join(f"{_sql_string(c)}: 'VARCHAR'" for c in checked.columns)
        return (
            f"read_csv({path}, auto_detect = false, header = true, delim = ',', quote = '\"', "
            f"escape = '\"', columns = {{{columns}}}, strict_mode = true, null_padding = false, "
            "max_line_size = 67108864, buffer_size = 134217728)"
        )
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

    def replace(self, checked: CheckedFile) -> tuple[int, list[str]]:
        """Replace one table with the file's content; return (rows, column names)."""
        table = self._table(checked.table)
        self.con.execute(f"create or replace table {table} as select * from {_reader_sql(checked)}")
        rows = self.con.execute(f"select count(*) from {table}").fetchone()[0]
        columns = [row[0] for row in self.con.execute(f"describe {table}").fetchall()]
        return rows, columns

    def exists(self, table: str) -> bool:
        query = (
            "select count(*) from information_schema.tables"
            " where table_schema = ? and table_name = ?"
        )
        return self.con.execute(query, [self.schema, table]).fetchone()[0] > 0

    def replace_empty(self, table: str, columns: list[str]) -> None:
        cols = ", ".join(f"{_quote_ident(c)} varchar" for c in columns)
        self.con.execute(f"create or replace table {self._table(table)} ({cols})")


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

    def replace(self, checked: CheckedFile) -> tuple[int, list[str]]:
        """Replace one table with the file's content; return (rows, column names)."""
        if checked.fmt == "csv":
            columns = checked.columns
            self._prepare(checked.table, [(c, "text") for c in columns])
            with _SkipBOM(checked.load_path) as data:
                self._copy_csv(checked.table, columns, data)
        else:
            import pyarrow.csv as pa_csv
            import pyarrow.parquet as pq

            data = pq.read_table(checked.load_path)
            data = data.rename_columns([name.strip().lower() for name in data.column_names])
            columns = data.column_names
            self._prepare(
                checked.table,
                [(field.name, _postgres_type(field.type)) for field in data.schema],
            )
            buffer = io.BytesIO()
            pa_csv.write_csv(data, buffer)
            buffer.seek(0)
            self._copy_csv(checked.table, columns, buffer)
        self.cursor.execute(f"select count(*) from {self._table(checked.table)}")
        return self.cursor.fetchone()[0], columns

    def exists(self, table: str) -> bool:
        return bool(self._existing_columns(table))

    def replace_empty(self, table: str, columns: list[str]) -> None:
        self._prepare(table, [(c, "text") for c in columns])


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


def load_folder(
    folder: Path, target: str, schema: str = "raw", missing: str = "error"
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
            describe(target),
        )
        return _replace_tables(checked, without_file, target, schema, missing, contract, folder)


def _replace_tables(checked, without_file, target, schema, missing, contract, folder):
    loader = make_loader(target, schema)
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
        "--missing",
        default="error",
        choices=MISSING_CHOICES,
        help="what to do with a raw table that has no file in DIR: error (default: stop before "
        "replacing anything), empty (replace it by an empty table), keep (keep what it holds)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(verbose=args.verbose, quiet=args.quiet)
    try:
        loaded = load_folder(args.dir, args.target, args.schema, args.missing)
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
