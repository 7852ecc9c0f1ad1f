"""Loader of raw files into DuckDB: ``read_csv`` with the explicit dialect, every column as
text; ``read_parquet`` as it is. One transaction for the whole load."""

from __future__ import annotations

from lead_scoring.raw_files import CheckedFile
from lead_scoring.sql_text import quote_ident, sql_string


def _reader_sql(checked: CheckedFile) -> str:
    """DuckDB table function reading a checked file: a CSV with the explicit dialect and every
    column as text (the names of the check), a parquet file as it is."""
    path = sql_string(str(checked.load_path.resolve()))
    if checked.fmt == "csv":
        columns = ", ".join(f"{sql_string(c)}: 'VARCHAR'" for c in checked.columns)
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
