"""Load any folder of CSV (and parquet) exports into a schema, as they are: ``load_raw.py DIR
--schema NAME --as-is``.

For trying a connector's tables without its EL tool (SPEC §1b.7, docs/connectors.md): a CSV
export of Fivetran's HubSpot or Salesforce tables, or of Segment's, loaded into the schema the
connector vars point at (``hubspot``, ``salesforce``, ``segment``). Every file ``<name>.csv``
becomes table ``<name>`` (lower-cased) with every column as text, read with the loader's CSV
dialect (lead_scoring.raw_csv: comma, double quotes, header row, UTF-8); ``<name>.parquet`` keeps
its own column types, so a typed landing can be tried too. Nothing is checked against the raw
contract of SPEC §1: the connector's staging models read whatever columns are there (a missing
one is null). The tables of the folder are replaced as one unit (DuckDB and PostgreSQL: one
transaction); other tables of the schema are left alone.
"""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

from lead_scoring import PROJECT_ROOT
from lead_scoring.raw_csv import LOAD_PROBLEM_COLUMN, CsvProblem, inspect_csv, write_normalized
from lead_scoring.raw_files import FORMATS, CheckedFile, LoadError, RawFile

log = logging.getLogger("load_raw")

TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def find_table_files(folder: Path) -> list[RawFile]:
    """Every ``<name>.csv`` / ``<name>.parquet`` of ``folder`` as a file of table ``<name>``
    (lower-cased), sorted by name. Raises ``LoadError`` for a name that is not a plain table name
    or a table with both a CSV and a parquet file."""
    if not folder.is_dir():
        raise LoadError(f"input folder {folder} does not exist or is not a folder")
    by_table: dict[str, list[Path]] = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or not entry.is_file():
            continue
        if entry.suffix.lower() not in FORMATS:
            log.warning("%s is neither .csv nor .parquet; not loaded", entry.name)
            continue
        table = entry.stem.strip().lower()
        if not TABLE_NAME.match(table):
            raise LoadError(
                f"{entry.name}: {table!r} is not a table name (letters, digits and _, not starting "
                "with a digit); rename the file. Nothing was replaced."
            )
        by_table.setdefault(table, []).append(entry)
    doubles = [paths for paths in by_table.values() if len(paths) > 1]
    if doubles:
        names = "; ".join(", ".join(p.name for p in paths) for paths in doubles)
        raise LoadError(f"more than one file for the same table ({names}): keep only one")
    if not by_table:
        raise LoadError(f"no .csv or .parquet file in {folder}")
    return [RawFile(table, paths[0]) for table, paths in sorted(by_table.items())]


def check_as_is(raw_file: RawFile, workdir: Path, rewrite: bool) -> CheckedFile:
    """Read a file's header (a CSV with the loader's dialect checks, which raise ``LoadError``
    naming file and line); nothing is compared with the raw contract."""
    if raw_file.fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            names = list(pq.read_schema(raw_file.path).names)
        except Exception as exc:  # pyarrow's error types vary with the damage
            raise LoadError(f"{raw_file.path.name}: not a readable parquet file: {exc}") from exc
        return CheckedFile(raw_file, names, raw_file.path)
    try:
        report = inspect_csv(raw_file.path)
    except CsvProblem as exc:
        raise LoadError(f"{exc}. Nothing was replaced.") from exc
    if report.ragged:
        log.warning(
            "%s: %d ragged row(s) loaded padded or cut, flagged in %s",
            raw_file.path.name,
            len(report.ragged),
            LOAD_PROBLEM_COLUMN,
        )
    columns = report.header + ([LOAD_PROBLEM_COLUMN] if report.ragged else [])
    if report.needs_rewrite or rewrite:
        load_path = write_normalized(report, workdir / raw_file.path.name)
    else:
        load_path = raw_file.path
    return CheckedFile(raw_file, columns, load_path, report)


def load_folder_as_is(
    folder: Path, target: str, schema: str, project_dir: Path = PROJECT_ROOT
) -> dict[str, int]:
    """Load every CSV / parquet file of ``folder`` into ``schema`` of ``target`` as it is; return
    table -> rows. Every file is checked before anything is replaced."""
    from lead_scoring.load import make_loader

    files = find_table_files(folder)
    with tempfile.TemporaryDirectory(prefix="load_as_is_") as workdir:
        checked = [check_as_is(f, Path(workdir), rewrite=target == "spark") for f in files]
        log.info(
            "loading %d file(s) from %s as they are into schema %s", len(checked), folder, schema
        )
        loader = make_loader(target, schema, project_dir)
        loaded: dict[str, int] = {}
        loader.begin()
        try:
            for item in checked:
                try:
                    rows, _ = loader.replace(item)
                except Exception as exc:  # the engine's own error type differs per target
                    raise LoadError(
                        f"cannot load {item.raw_file.path}: {str(exc).strip()}. "
                        "Nothing was replaced"
                    ) from exc
                loaded[item.table] = rows
                log.info(
                    "%s.%s: %d rows from %s", schema, item.table, rows, item.raw_file.path.name
                )
            loader.commit()
        except Exception:
            loader.rollback()
            raise
        finally:
            loader.con.close()
    return loaded
