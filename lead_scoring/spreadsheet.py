"""CSV files written for people, who open them in a spreadsheet: a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel, LibreOffice and Google
Sheets, so a contact id or a name that arrived as ``=HYPERLINK(...)`` would run when the file is
opened (CSV or formula injection). As OWASP advises, such a text cell is written with a leading
single quote, which the spreadsheet shows as text; numbers are written as they are (a negative
number is no formula). HTML output is escaped instead (lead_scoring/report.py)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value as it may stand in a CSV cell for spreadsheets: text that starts like a formula
    gets a leading single quote; numbers, None and other text are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv_for_people(
    path: Path, columns: Iterable[str], rows: Iterable[Mapping[str, object]]
) -> None:
    """Write rows (dicts by column) as a UTF-8 CSV with a header, every text cell made safe for
    spreadsheets (safe_cell)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({key: safe_cell(value) for key, value in row.items()})
