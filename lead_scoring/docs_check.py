"""Fail when a model, column, seed, source or macro of the project has no description.

Reads dbt's target/manifest.json and target/catalog.json (run `dbt docs generate` first, which
writes both) and lists every undocumented node: models and seeds with their columns as the
warehouse has them (catalog), sources with their columns, and the project's own macros.

Usage: python scripts/check_docs.py (or lead-scoring-check-docs) [--target-path target]
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from lead_scoring.logs import setup_logging

log = logging.getLogger("check_docs")

PROJECT = "lead_scoring"


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def undocumented(manifest: dict, catalog: dict) -> list[str]:
    """Names of the models, seeds, sources, columns and project macros without a description.

    Columns are taken from the catalog (what the warehouse really has), so a column a model
    produces but its YAML forgets is found too; a connector's source is held to the columns its
    YAML declares (the ones its staging model reads).
    """
    missing: list[str] = []
    catalog_nodes = {**catalog.get("nodes", {}), **catalog.get("sources", {})}
    for unique_id, node in sorted({**manifest["nodes"], **manifest["sources"]}.items()):
        kind = node["resource_type"]
        if kind not in ("model", "seed", "source") or node.get("package_name") != PROJECT:
            continue
        label = (
            f"{kind} {node['name']}"
            if kind != "source"
            else (f"source {node['source_name']}.{node['name']}")
        )
        if _blank(node.get("description")):
            missing.append(label)
        documented = {name.lower(): column for name, column in node.get("columns", {}).items()}
        actual = catalog_nodes.get(unique_id, {}).get("columns", {}) or documented
        if _is_connector_source(node):
            # a connector lands every field of its system (hundreds, custom ones too): only the
            # columns its sources YAML declares are read, and those must be described
            actual = documented
        for name in actual:
            column = documented.get(name.lower())
            if column is None or _blank(column.get("description")):
                missing.append(f"{label} column {name.lower()}")
    macros = {
        macro["name"]: macro
        for macro in manifest["macros"].values()
        if macro.get("package_name") == PROJECT
    }
    for name, macro in sorted(macros.items()):
        if not _blank(macro.get("description")) or _documented_dispatch(name, macros):
            continue
        missing.append(f"macro {name}")
    return missing


def _is_connector_source(node: dict) -> bool:
    """A source of a connector (HubSpot, Salesforce, Segment: meta.connector in its YAML)."""
    if node["resource_type"] != "source":
        return False
    meta = {**(node.get("meta") or {}), **((node.get("config") or {}).get("meta") or {})}
    return bool(meta.get("connector"))


def _documented_dispatch(name: str, macros: dict) -> bool:
    """An engine's implementation (`default__x`, `postgres__x`, ...) of a dispatched macro `x` is
    described by the description of `x`."""
    prefix, separator, public = name.partition("__")
    if not separator or not prefix or prefix.startswith("_"):
        return False
    dispatched = macros.get(public)
    return dispatched is not None and not _blank(dispatched.get("description"))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--target-path",
        default="target",
        type=Path,
        help="dbt target folder holding manifest.json and catalog.json (default: %(default)s)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    manifest = json.loads((args.target_path / "manifest.json").read_text())
    catalog = json.loads((args.target_path / "catalog.json").read_text())
    missing = undocumented(manifest, catalog)
    for item in missing:
        log.error("no description: %s", item)
    if missing:
        log.error("%d undocumented items: describe them in the YAML next to them", len(missing))
        return 1
    log.info("every model, column, seed, source and macro is described")
    return 0
