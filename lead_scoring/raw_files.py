"""The raw files of a landing folder and their checks, before any warehouse is touched.

Which files are raw tables (``<table>.csv`` or ``<table>.parquet``), whether their columns
meet the contract (lead_scoring.raw_schema), and the CSV checks and rewrite of
lead_scoring.raw_csv; ``LoadError`` names the file and, where there is one, the line.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from pathlib import Path

from lead_scoring.raw_csv import (
    LOAD_PROBLEM_COLUMN,
    CsvProblem,
    CsvReport,
    inspect_csv,
    write_normalized,
)
from lead_scoring.raw_schema import RAW_TABLES

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
