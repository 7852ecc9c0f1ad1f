"""Output: one writer per raw table, appending chunks to ``<table>.csv`` or ``.parquet``."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from lead_scoring.generator.arrays import STR


class TableWriter:
    """Appends chunks of one raw table (all columns text) to ``<table>.<fmt>``."""

    def __init__(self, out: Path, table: str, columns: list[str], fmt: str):
        self.table = table
        self.columns = columns
        self.path = out / f"{table}.{fmt}"
        self.tmp_path = out / f".{table}.{fmt}.tmp"
        self.schema = pa.schema([(c, STR) for c in columns])
        self.rows = 0
        if fmt == "csv":
            self._writer = pa_csv.CSVWriter(str(self.tmp_path), self.schema)
        else:
            self._writer = pq.ParquetWriter(str(self.tmp_path), self.schema, compression="zstd")

    def write(self, data: dict[str, pa.Array]) -> None:
        if set(data) != set(self.columns):
            raise AssertionError(
                f"{self.table}: columns {sorted(data)} differ from the contract {self.columns}"
            )
        table = pa.table([data[c] for c in self.columns], schema=self.schema)
        if table.num_rows:
            self._writer.write_table(table)
            self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()
        self.tmp_path.replace(self.path)
