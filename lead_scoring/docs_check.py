"""Which parts of the dbt project lack a description (the docs gate of CI)."""

from __future__ import annotations

PROJECT = "lead_scoring"


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def undocumented(manifest: dict, catalog: dict) -> list[str]:
    """Names of the models, seeds, sources, columns and project macros without a description.

    Columns are taken from the catalog (what the warehouse really has), so a column a model
    produces but its YAML forgets is found too.
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


def _documented_dispatch(name: str, macros: dict) -> bool:
    """An engine's implementation (`default__x`, `postgres__x`, ...) of a dispatched macro `x` is
    described by the description of `x`."""
    prefix, separator, public = name.partition("__")
    if not separator or not prefix or prefix.startswith("_"):
        return False
    dispatched = macros.get(public)
    return dispatched is not None and not _blank(dispatched.get("description"))
