"""Loader of raw files into PostgreSQL: COPY of a CSV into text columns, a parquet file read
with pyarrow and copied into columns of the matching types. One transaction for the load."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from lead_scoring.raw_files import CheckedFile
from lead_scoring.sql_text import quote_ident

log = logging.getLogger("load_raw")


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
        return f"{quote_ident(self.schema)}.{quote_ident(table)}"

    def begin(self) -> None:  # psycopg2 opens the transaction with the first statement
        self.cursor.execute(f"create schema if not exists {quote_ident(self.schema)}")

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
        cols = ", ".join(f"{quote_ident(name)} {data_type}" for name, data_type in columns)
        self.cursor.execute(f"create table {self._table(table)} ({cols})")

    def _copy_csv(self, table: str, columns: list[str], handle) -> None:
        names = ", ".join(quote_ident(c) for c in columns)
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
