"""The raw input contract, read from the dbt sources YAML files.

The columns of the raw tables are declared once, in ``models/staging/*/_*__sources.yml``;
this module reads them so that scripts never repeat the column lists.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from lead_scoring import PROJECT_ROOT

#: The raw tables, in contract order.
RAW_TABLES: tuple[str, ...] = (
    "crm_companies",
    "crm_contacts",
    "crm_deals",
    "web_events",
    "web_identities",
    "email_campaigns",
    "email_events",
    "form_submissions",
    "event_attendance",
)

#: Abstract data types used in the sources YAML.
DATA_TYPES: frozenset[str] = frozenset(
    {"string", "integer", "number", "boolean", "timestamp", "date"}
)


def source_files(project_root: Path | None = None) -> list[Path]:
    """Return the dbt sources YAML files (``models/staging/*/_*__sources.yml``), sorted."""
    root = Path(project_root) if project_root else PROJECT_ROOT
    return sorted((root / "models" / "staging").glob("*/_*__sources.yml"))


def load_raw_schema(
    project_root: Path | None = None,
) -> dict[str, list[tuple[str, str]]]:
    """Return ``{table: [(column, data_type), ...]}`` for the 9 raw tables, in contract order.

    Columns keep the order of the YAML. Raises ``ValueError`` when a raw table is missing from
    the YAML, declared twice, or has a column without a known ``data_type``.
    """
    files = source_files(project_root)
    if not files:
        raise ValueError("no dbt sources YAML (models/staging/*/_*__sources.yml) found")
    found: dict[str, list[tuple[str, str]]] = {}
    for path in files:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for source in doc.get("sources") or []:
            for table in source.get("tables") or []:
                name = table["name"]
                if name not in RAW_TABLES:
                    continue
                if name in found:
                    raise ValueError(f"raw table {name} is declared twice (again in {path})")
                columns = []
                for column in table.get("columns") or []:
                    data_type = str(column.get("data_type", "")).strip().lower()
                    if data_type not in DATA_TYPES:
                        raise ValueError(
                            f"{path}: column {name}.{column.get('name')} has data_type "
                            f"{column.get('data_type')!r}; expected one of {sorted(DATA_TYPES)}"
                        )
                    columns.append((column["name"], data_type))
                found[name] = columns
    missing = [t for t in RAW_TABLES if t not in found]
    if missing:
        raise ValueError(f"raw tables not declared in the sources YAML: {', '.join(missing)}")
    return {t: found[t] for t in RAW_TABLES}


def required_columns(project_root: Path | None = None) -> dict[str, list[str]]:
    """Return ``{table: [column, ...]}``: the columns of each raw table that must be in a file.

    A column is required when the sources YAML gives it a data test (``not_null``,
    ``accepted_values``, ``relationships``): the keys, the required timestamps, the type columns
    and the references staging cannot do without. dbt's source tests would not even compile
    without those columns, so the loader refuses a file that lacks one; every other contract
    column is optional (staging fills a missing one with a typed null). One list, in the YAML.
    """
    found: dict[str, list[str]] = {}
    for path in source_files(project_root):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for source in doc.get("sources") or []:
            for table in source.get("tables") or []:
                if table["name"] in RAW_TABLES:
                    found[table["name"]] = [
                        column["name"]
                        for column in table.get("columns") or []
                        if column.get("data_tests") or column.get("tests")
                    ]
    return {t: found.get(t, []) for t in RAW_TABLES}


def column_names(table: str, project_root: Path | None = None) -> list[str]:
    """Return the contract column names of one raw table, in order."""
    return [name for name, _ in load_raw_schema(project_root)[table]]
