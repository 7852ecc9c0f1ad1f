"""Loader of raw files into DuckDB: ``read_csv`` with the explicit dialect, every column as
text; ``read_parquet`` as it is. One transaction for the whole load. ``count_csv_rows`` lets the
check of a CSV leave its rows to DuckDB's strict reader instead of reading them in Python."""

from __future__ import annotations

from pathlib import Path

import duckdb

from lead_scoring.raw_files import CheckedFile
from lead_scoring.sql_text import quote_ident, sql_string


def _csv_reader_sql(path: Path, columns: list[str]) -> str:
    """DuckDB's reader of a CSV with the explicit dialect, strict (a ragged row, a bad quote or a
    byte that is not UTF-8 is an error, a blank line is skipped), every column as text."""
    typed = ", ".join(f"{sql_string(c)}: 'VARCHAR'" for c in columns)
    return (
        f"read_csv({sql_string(str(path.resolve()))}, auto_detect = false, header = true, "
        f"delim = ',', quote = '\"', escape = '\"', columns = {{{typed}}}, strict_mode = true, "
        "null_padding = false, max_line_size = 67108864, buffer_size = 134217728)"
    )


def _reader_sql(checked: CheckedFile) -> str:
    """DuckDB table function reading a checked file: a CSV with the explicit dialect and every
    column as text (the names of the check), a parquet file as it is."""
    if checked.fmt == "csv":
        return _csv_reader_sql(checked.load_path, checked.columns)
    return f"read_parquet({sql_string(str(checked.load_path.resolve()))})"


def count_csv_rows(path: Path, columns: list[str]) -> int:
    """The rows of a CSV as the loader will read it, counted by DuckDB's strict reader (in
    memory, nothing is written); raises ``duckdb.Error`` where that reader refuses the file."""
    with duckdb.connect() as connection:
        query = f"select count(*) from {_csv_reader_sql(path, columns)}"
        return connection.execute(query).fetchone()[0]


class DuckDBLoader:
    """Replaces raw tables in a DuckDB database (one transaction for the whole load)."""

    def __init__(self, con, schema: str):
        self.con = con
        self.schema = schema

    def _table(self, table: str) -> str:
        return f"{quote_ident(self.schema)}.{quote_ident(table)}"

    def begin(self) -> None:
        self.con.execute("begin transaction")
        self.con.execute(f"create schema if not exists {quote_ident(self.schema)}")

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
        cols = ", ".join(f"{quote_ident(c)} varchar" for c in columns)
        self.con.execute(f"create or replace table {self._table(table)} ({cols})")
