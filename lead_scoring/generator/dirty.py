"""Dirty-row injection (``--dirty-share``): copies of real rows with one defect each."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from lead_scoring.generator.arrays import concat_tables, fmt_ts, nulls, take, take_rows
from lead_scoring.generator.vocabulary import DAY, UNKNOWN_TYPES, UNPARSABLE


class DirtyRows:
    """Methods of the generator that add dirty rows to a table (see ``add_dirty``)."""

    def add_dirty(
        self,
        table: str,
        data: dict[str, pa.Array],
        rng,
        kinds: dict,
        new_ids: tuple | None = None,
    ) -> dict[str, pa.Array]:
        """Append copies of random rows of ``data`` with one defect each.

        ``kinds`` maps a defect name to a function (rows, rng) -> rows that applies it.
        ``new_ids`` = (column, counter, prefix, width): copies get ids of their own (except exact
        copies, whose point is the duplicate id), so that one row has one defect.
        """
        n = len(next(iter(data.values())))
        if not self.dirty_rate or n == 0:
            return data
        m = int(rng.binomial(n, min(self.dirty_rate, 1.0)))
        if m == 0:
            return data
        rows = take_rows(data, rng.integers(0, n, m))
        names = list(kinds)
        kind = rng.integers(0, len(names), m)
        parts = []
        for k, name in enumerate(names):
            sel = np.flatnonzero(kind == k)
            if len(sel):
                part = take_rows(rows, sel)
                if new_ids and kinds[name] is not self.exact_copy:
                    column, counter, prefix, width = new_ids
                    part[column] = self.next_ids(counter, prefix, len(sel), width)
                parts.append(kinds[name](part, rng))
                counts = self.dirty_counts[table]
                counts[name] = counts.get(name, 0) + len(sel)
        return concat_tables(data, *parts)

    def set_col(self, column: str, make):
        """Defect: column := make(rng, n) (a string array, or None for null)."""

        def apply(rows, rng):
            n = len(rows[column])
            rows = dict(rows)
            value = make(rng, n)
            rows[column] = nulls(n) if value is None else value
            return rows

        return apply

    def future_ts(self, rng, n) -> pa.Array:
        return fmt_ts(self.end + rng.integers(2 * 365 * DAY, 5 * 365 * DAY, n))

    @staticmethod
    def unparsable(rng, n) -> pa.Array:
        return take(UNPARSABLE, rng.integers(0, len(UNPARSABLE), n))

    @staticmethod
    def unknown(table):
        values = UNKNOWN_TYPES[table]
        return lambda rng, n: take(values, rng.integers(0, len(values), n))

    @staticmethod
    def exact_copy(rows, rng):
        return rows

    def timestamp_defects(self, column: str) -> dict:
        return {
            f"null {column}": self.set_col(column, lambda rng, n: None),
            f"unparsable {column}": self.set_col(column, self.unparsable),
            f"{column} years in the future": self.set_col(column, self.future_ts),
        }
