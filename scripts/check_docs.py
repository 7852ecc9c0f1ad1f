"""Fail when a model, column, seed, source or macro of the project has no description.

Reads dbt's target/manifest.json and target/catalog.json (run `dbt docs generate` first, which
writes both) and lists every undocumented node: models and seeds with their columns as the
warehouse has them (catalog), sources with their columns, and the project's own macros.

Usage: python scripts/check_docs.py [--target-path target]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lead_scoring.docs_check import undocumented  # noqa: E402
from lead_scoring.logs import setup_logging  # noqa: E402

log = logging.getLogger("check_docs")


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


if __name__ == "__main__":
    raise SystemExit(main())
