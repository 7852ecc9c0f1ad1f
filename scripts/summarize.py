"""Print a short summary of a built lead-scoring warehouse.

Reads the marts of the target (default: the embedded DuckDB file) and prints: contacts scored,
counts per lifecycle stage and grade, the top leads with their top reasons, and whether every raw
table reconciles (raw = clean + quarantined + superseded).

Usage: python scripts/summarize.py [--target duckdb] [--top 10]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lead_scoring.logs import setup_logging  # noqa: E402
from lead_scoring.summary import build_summary  # noqa: E402
from lead_scoring.warehouse import connect, default_target, duckdb_path  # noqa: E402

log = logging.getLogger("summarize")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--target", default=default_target(), help="dbt target to read (default: %(default)s)"
    )
    parser.add_argument(
        "--top", type=int, default=10, help="how many top leads to list (default: %(default)s)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    if args.target == "duckdb" and not duckdb_path().exists():
        # a sentence, not a catalog error; and no empty warehouse file left behind
        log.error(
            "No warehouse at %s: build it first (make demo, or load your raw data and run "
            "dbt build); LEAD_SCORING_DUCKDB_PATH names another file.",
            duckdb_path(),
        )
        return 1
    connection = connect(args.target)
    try:
        print(build_summary(connection, top=args.top))
    except Exception as exc:  # noqa: BLE001 - any engine's "no such table" reads the same
        if "fct_lead_scores" not in str(exc) and "does not exist" not in str(exc):
            raise
        log.error(
            "The warehouse of target %s has no marts yet (%s): run dbt build first.",
            args.target,
            str(exc).strip().splitlines()[0],
        )
        return 1
    finally:
        connection.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
