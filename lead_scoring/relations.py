"""Relation names of the dbt project's models and seeds, read from dbt's ``manifest.json``.

dbt decides where a model lands (its schema through ``generate_schema_name``, its alias), so code
that reads the warehouse asks the manifest of the build instead of writing ``marts.x``: the
``target`` folder of the project (``--target-path``, default ``$DBT_TARGET_PATH`` or ``target``,
relative to the project root as dbt does). ``dbt parse``, ``dbt build`` and ``dbt docs generate``
write it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from lead_scoring import PROJECT_ROOT
from lead_scoring.project import PACKAGE_NAME

MANIFEST = "manifest.json"
RELATION_TYPES = ("model", "seed", "snapshot")


def default_target_path() -> Path:
    """dbt's target folder: ``$DBT_TARGET_PATH`` or ``target``, relative to the project root."""
    path = Path(os.environ.get("DBT_TARGET_PATH") or "target")
    return path if path.is_absolute() else PROJECT_ROOT / path


def quote_relation(schema: str, identifier: str) -> str:
    """``"schema"."identifier"``: the two-part name, quoted as DuckDB and PostgreSQL read it."""
    return ".".join('"' + part.replace('"', '""') + '"' for part in (schema, identifier))


def load_relations(target_path: Path | None = None) -> dict[str, str]:
    """``{model or seed name: quoted "schema"."alias"}`` from the manifest of ``target_path``.

    Raises ``FileNotFoundError`` (with what to run) when there is no manifest.
    """
    manifest_path = Path(target_path or default_target_path()) / MANIFEST
    if not manifest_path.is_file():
        raise FileNotFoundError(
            f"no dbt manifest at {manifest_path}: run dbt build (or dbt parse) first, or pass "
            "the target folder of the build (--target-path)"
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    project = manifest["metadata"].get("project_name")
    nodes = [
        node
        for node in manifest["nodes"].values()
        if node.get("resource_type") in RELATION_TYPES
        and node.get("package_name") in (PACKAGE_NAME, project)
    ]
    # a host project's own seed or model of a package node's name replaces it (the package's is
    # disabled): the host's nodes come last
    nodes.sort(key=lambda node: node.get("package_name") == project and project != PACKAGE_NAME)
    return {
        node["name"]: quote_relation(node["schema"], node.get("alias") or node["name"])
        for node in nodes
    }
