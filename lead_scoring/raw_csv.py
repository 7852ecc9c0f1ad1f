"""Raw CSV files read one way, with an explicit dialect (never sniffed), by every loader target.

The dialect: comma-separated, fields quoted with ``"`` and a quote inside a quoted field doubled
(RFC 4180), a header row, every value text, UTF-8 (a byte-order mark is allowed). Lines may end in
LF, CRLF or a mix of both. ``inspect_csv`` reads a file once and checks it:

* a byte sequence that is not UTF-8 stops the load naming the file, its true line number and the
  bytes (``CsvProblem``); a UTF-16 file (by its byte-order mark, or its every other byte NUL) is
  named UTF-16; a malformed quote, a quote never closed (named at the line it opened) and a NUL
  byte stop the load too;
* header names are trimmed (blanks, a BOM) and lower-cased; an empty name becomes
  ``unnamed_<position>``; a name given twice stops the load;
* a row with fewer fields than the header (ragged) is padded with nulls, one with more fields is
  cut to the header, and both are flagged in the extra column ``_load_problem`` (``ragged row:
  line 7 has 5 fields, the header 8``), which staging quarantines (macros/staging/
  ragged_row_problem.sql); a blank line is not a row.

A file that needs none of that (one kind of line ending, no ragged row, no blank line) is loaded by
the engine itself with the same dialect; otherwise ``write_normalized`` writes the rows as the
check read them to a clean copy (LF, every row as wide as the header, the flag column) and the
engine loads the copy.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

#: Extra raw column with the loader's flag of a ragged row (null on every other row).
LOAD_PROBLEM_COLUMN = "_load_problem"

#: Longest field read (the csv module's default, 128 kB, is too small for real exports).
FIELD_SIZE_LIMIT = 64 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_CHUNK = 16 * 1024 * 1024


class CsvProblem(Exception):
    """A CSV file the loader cannot read; the message names the file, the line and the cause."""


@dataclass
class CsvReport:
    """What ``inspect_csv`` found in one file."""

    path: Path
    header: list[str]  # normalized names, in file order
    raw_header: list[str]  # names as written
    newline: str  # "\n", "\r\n" or "mixed"
    rows: int = 0
    ragged: list[tuple[int, int]] = field(default_factory=list)  # (line, fields) of ragged rows
    blank_lines: int = 0
    renamed: list[tuple[int, str]] = field(default_factory=list)  # (position, new name)

    @property
    def needs_rewrite(self) -> bool:
        """True when the engine cannot read the file as it is with the plain dialect."""
        return bool(self.ragged or self.blank_lines or self.newline == "mixed")


def _dialect() -> dict:
    return {"delimiter": ",", "quotechar": '"', "doublequote": True, "strict": True}


def utf16_kind(head: bytes) -> str | None:
    """How the first bytes of a file say it is UTF-16 (``"little-endian, with a byte-order
    mark"`` ...), or None. Without a byte-order mark, text of ASCII characters in UTF-16 has a NUL
    byte in every other place: the odd places (little-endian) or the even ones (big-endian)."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None  # UTF-32: not UTF-16, reported as not UTF-8 (or a NUL byte)
    if head.startswith(b"\xff\xfe"):
        return "little-endian, with a byte-order mark"
    if head.startswith(b"\xfe\xff"):
        return "big-endian, with a byte-order mark"
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    if odd.count(0) == pairs and even.count(0) == 0:
        return "little-endian, without a byte-order mark"
    if even.count(0) == pairs and odd.count(0) == 0:
        return "big-endian, without a byte-order mark"
    return None


def check_utf8(path: Path) -> dict[str, int]:
    """Raise ``CsvProblem`` at the first byte sequence that is not UTF-8, or the first NUL byte,
    naming its line (1 is the header), and at line 1 for a UTF-16 file; return counts of the line
    endings (``crlf``, ``lf``, ``cr``)."""
    counts = {"crlf": 0, "lf": 0, "cr": 0}
    line = 1
    carry = b""
    with path.open("rb") as handle:
        kind = utf16_kind(handle.read(64))
        if kind is not None:
            raise CsvProblem(
                f"{path.name} line 1: the file is UTF-16 ({kind}), not UTF-8; save it as UTF-8 "
                "text (in Excel: Save As > CSV UTF-8)"
            )
        handle.seek(0)
        first = True
        while True:
            chunk = handle.read(_CHUNK)
            data = carry + chunk
            if first and data.startswith(_BOM):
                data = data[len(_BOM) :]
            first = False
            if not data:
                break
            try:
                data.decode("utf-8")
                good, carry = data, b""
            except UnicodeDecodeError as exc:
                if chunk and exc.reason == "unexpected end of data":
                    good, carry = data[: exc.start], data[exc.start :]
                else:
                    line += data.count(b"\n", 0, exc.start)
                    start = data.rfind(b"\n", 0, exc.start) + 1
                    bad = data[exc.start : exc.end + 3]
                    raise CsvProblem(
                        f"{path.name} line {line}: not UTF-8 (byte {exc.start - start + 1} of the "
                        f"line, {bad!r}); save the file as UTF-8 (is it a Latin-1 or "
                        "Windows-1252 export?)"
                    ) from None
            nul = good.find(b"\x00")
            if nul >= 0:
                nul_line = line + good.count(b"\n", 0, nul)
                raise CsvProblem(
                    f"{path.name} line {nul_line}: a NUL byte, which no "
                    "text holds (is it a binary or UTF-16 file?); save the file as UTF-8 text"
                )
            newlines = good.count(b"\n")
            # most files have no carriage return at all: two passes less over their bytes
            carriage_returns = good.count(b"\r")
            crlf = good.count(b"\r\n") if carriage_returns else 0
            counts["crlf"] += crlf
            counts["lf"] += newlines - crlf
            counts["cr"] += carriage_returns - crlf
            line += newlines
            if not chunk:
                break
    return counts


def normalize_header(path: Path, names: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Header names trimmed and lower-cased, an empty one named ``unnamed_<position>``; raise
    ``CsvProblem`` for a name given twice. Returns (names, renamed positions)."""
    normalized: list[str] = []
    renamed: list[tuple[int, str]] = []
    for position, name in enumerate(names, start=1):
        clean = name.replace("\ufeff", "").strip().lower()
        if not clean:
            clean = f"unnamed_{position}"
            renamed.append((position, clean))
        normalized.append(clean)
    seen: dict[str, int] = {}
    for position, name in enumerate(normalized, start=1):
        if name in seen:
            raise CsvProblem(
                f"{path.name} line 1: column {name!r} appears twice in the header (columns "
                f"{seen[name]} and {position}); which one is meant is unclear: rename or drop one"
            )
        seen[name] = position
    if LOAD_PROBLEM_COLUMN in seen:
        raise CsvProblem(
            f"{path.name} line 1: column {LOAD_PROBLEM_COLUMN} is reserved for the loader's flag"
        )
    return normalized, renamed


def _open(path: Path):
    return path.open(newline="", encoding="utf-8-sig")


def inspect_csv(path: Path) -> CsvReport:
    """Read a CSV file once with the dialect and report on it (see the module docstring)."""
    csv.field_size_limit(min(FIELD_SIZE_LIMIT, sys.maxsize))
    endings = check_utf8(path)
    kinds = [kind for kind, count in endings.items() if count]
    newline = {"crlf": "\r\n", "lf": "\n"}.get(kinds[0], "mixed") if len(kinds) == 1 else "mixed"
    if not kinds:
        newline = "\n"
    with _open(path) as handle:
        reader = csv.reader(handle, **_dialect())
        line = 0  # the last line of the last record read
        try:
            raw_header = next(reader, None)
            if not raw_header:
                raise CsvProblem(f"{path.name} is empty: a raw table file needs a header row")
            header, renamed = normalize_header(path, raw_header)
            report = CsvReport(path, header, raw_header, newline, renamed=renamed)
            width = len(header)
            line = reader.line_num
            for row in reader:
                start, line = line + 1, reader.line_num
                if not row:
                    report.blank_lines += 1
                    continue
                report.rows += 1
                if len(row) != width:
                    report.ragged.append((start, len(row)))
        except csv.Error as exc:
            raise CsvProblem(quote_problem(path, exc, line + 1, reader.line_num)) from None
    return report


def quote_problem(path: Path, error: csv.Error, start: int, stop: int) -> str:
    """The message of a record the reader could not read, from its first line (start) to the line
    the reader stopped at (stop). Nearly always a quote: one never closed makes the reader take
    the rest of the file as one field, so the line where it opened is named, not the last."""
    if "unexpected end of data" in str(error):
        return (
            f"{path.name} line {start}: a quote opened on this line is never closed (the reader "
            f"took lines {start} to {stop}, the end of the file, as one value); close the quote, "
            'or double a quote meant as text ("")'
        )
    return (
        f"{path.name} line {stop}: a malformed quote ({error}): a value that starts with a quote "
        'must end with one, and a quote inside it must be doubled ("")'
    )


def ragged_flag(line: int, fields: int, width: int, extra: list[str]) -> str:
    """The flag of a ragged row, as staging shows it in front of the row's raw_row."""
    flag = f"ragged row: line {line} has {fields} fields, the header {width}"
    if extra:
        flag += " (extra fields: " + ", ".join(repr(value) for value in extra) + ")"
    return flag


def write_normalized(report: CsvReport, destination: Path) -> Path:
    """Write the rows of a checked file to ``destination`` as a plain CSV: LF line endings, no
    blank lines, every row as wide as the header; with a ``_load_problem`` column when the file
    has ragged rows (padded with empty fields, or cut with the extra fields in the flag)."""
    width = len(report.header)
    flagged = bool(report.ragged)
    with _open(report.path) as source, destination.open("w", newline="", encoding="utf-8") as out:
        reader = csv.reader(source, **_dialect())
        writer = csv.writer(out, lineterminator="\n")
        next(reader)
        writer.writerow(report.header + ([LOAD_PROBLEM_COLUMN] if flagged else []))
        line = reader.line_num
        for row in reader:
            start, line = line + 1, reader.line_num
            if not row:
                continue
            if len(row) == width:
                writer.writerow(row + ([""] if flagged else []))
                continue
            flag = ragged_flag(start, len(row), width, row[width:])
            writer.writerow((row + [""] * width)[:width] + [flag])
    return destination
