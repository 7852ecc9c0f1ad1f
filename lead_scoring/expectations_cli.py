"""Run the Great Expectations suite on the marts and the key staging models (SPEC §7).

Run it after ``dbt build``. The suite is defined in code in ``lead_scoring/expectations.py``:
keys, ranges, accepted values, stage dates in order (subscriber_at <= lead_at <= mql_at <=
sql_at <= opportunity_at <= customer_at <= as_of_date), one score row per current contact,
components adding up to the scores, and every raw table reconciled. GX's HTML data docs are
written to --docs-dir (open index.html there).

On DuckDB each table is read with duckdb into pandas and validated by GX's pandas datasource; on
PostgreSQL GX's SQL datasource reads the server of the libpq variables PG*. GX analytics are off
(GX_ANALYTICS_ENABLED=false).

Exit code 0 when every expectation holds; 1 when any fails (each failure is printed, naming the
asset, the expectation, its arguments and a sample of the unexpected values); 2 when the
warehouse cannot be read.

Examples (``lead-scoring-gx`` is the same command):
    python scripts/run_great_expectations.py
    python scripts/run_great_expectations.py --docs-dir /tmp/gx_docs --as-of-date 2026-06-30
    PGHOST=127.0.0.1 python scripts/run_great_expectations.py --target postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
from pathlib import Path

os.environ["GX_ANALYTICS_ENABLED"] = "false"  # before great_expectations is imported

from lead_scoring import PROJECT_ROOT
from lead_scoring.logs import setup_logging
from lead_scoring.warehouse import TARGETS, default_target, duckdb_path

log = logging.getLogger("run_great_expectations")

DEFAULT_DOCS_DIR = PROJECT_ROOT / "target" / "great_expectations_docs"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Exit codes: 0 all expectations hold, 1 an expectation failed, 2 no warehouse.",
    )
    parser.add_argument(
        "--target",
        choices=TARGETS,
        default=default_target(),
        help="warehouse target (default: $LEAD_SCORING_TARGET or duckdb)",
    )
    parser.add_argument(
        "--docs-dir",
        type=Path,
        default=DEFAULT_DOCS_DIR,
        help="folder for GX's HTML data docs (default: target/great_expectations_docs)",
    )
    parser.add_argument(
        "--duckdb-path",
        type=Path,
        default=None,
        help="DuckDB file (default: $LEAD_SCORING_DUCKDB_PATH or target/lead_scoring.duckdb)",
    )
    parser.add_argument(
        "--target-path",
        type=Path,
        default=None,
        help="dbt target folder of the build, whose manifest.json names the relations "
        "(default: $DBT_TARGET_PATH or target)",
    )
    parser.add_argument(
        "--as-of-date",
        type=dt.date.fromisoformat,
        default=None,
        help="as_of_date of the build, YYYY-MM-DD (default: read from marts.fct_lead_scores)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("-q", "--quiet", action="store_true", help="warnings and errors only")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(verbose=args.verbose, quiet=args.quiet)
    # GX logs every metric at INFO; keep its chatter out unless asked for
    logging.getLogger("great_expectations").setLevel(
        logging.DEBUG if args.verbose else logging.WARNING
    )
    from lead_scoring.expectations import run_suite

    try:
        result = run_suite(
            args.target,
            args.docs_dir,
            duckdb_path=args.duckdb_path or duckdb_path(),
            as_of_date=args.as_of_date,
            target_path=args.target_path,
        )
    except Exception as exc:  # the warehouse is missing or a mart cannot be read
        log.error("cannot run the suite on %s: %s", args.target, exc)
        return 2
    log.info("data docs: %s", result.docs_index)
    if result.success:
        log.info("all %d expectations hold", result.evaluated)
        return 0
    log.error(
        "%d of %d expectations failed:\n%s",
        len(result.failures),
        result.evaluated,
        "\n".join(f"  FAILED {failure}" for failure in result.failures),
    )
    return 1
