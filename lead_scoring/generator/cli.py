"""Command line of the generator (``scripts/generate_data.py``, ``lead-scoring-generate``)."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import math
from pathlib import Path

from lead_scoring.generator.core import Generator, Options
from lead_scoring.logs import setup_logging
from lead_scoring.raw_schema import RAW_TABLES, load_raw_schema
from lead_scoring.warehouse import TARGETS, UnsupportedTargetError, default_target

log = logging.getLogger("generate_data")


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="generate_data.py",
        description=("Generate realistic synthetic raw data (the 9 raw tables) with a fixed seed."),
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/demo"),
        help="output folder (default: data/demo)",
    )
    parser.add_argument(
        "--contacts", type=int, default=2000, help="number of contacts (default: 2000)"
    )
    parser.add_argument(
        "--companies",
        type=int,
        default=None,
        help="number of companies (default: contacts/8)",
    )
    parser.add_argument(
        "--days",
        type=int,
        default=180,
        help="days of history up to --as-of (default: 180)",
    )
    parser.add_argument(
        "--activity-level",
        type=float,
        default=1.0,
        help="multiplier of activities per contact (default: 1.0)",
    )
    parser.add_argument(
        "--dirty-share",
        type=float,
        default=0.02,
        help="share of dirty rows added to every table (default: 0.02; 0 = none)",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default: 42)")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        default=None,
        help="last day of history, YYYY-MM-DD (default: today, UTC); no clean timestamp is later",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=("csv", "parquet"),
        default="csv",
        help="file format (default: csv)",
    )
    parser.add_argument(
        "--connector-shapes",
        action="store_true",
        help="also write the same world as the connectors land it, under OUT/connectors/: the "
        "world they can carry as raw tables (world/, world_latest/) and HubSpot, Salesforce "
        "(and its history mode) and Segment tables as typed parquet, for load_raw.py DIR "
        "--schema NAME --as-is (lead_scoring.generator.connectors); needs --dirty-share 0 and "
        "--format csv",
    )
    parser.add_argument(
        "--load",
        action="store_true",
        help="after writing, load the files into the raw schema of the target "
        "(as scripts/load_raw.py OUT --target TARGET does)",
    )
    parser.add_argument(
        "--target",
        choices=TARGETS,
        default=None,
        help="warehouse target to load into (implies --load; default: $LEAD_SCORING_TARGET or "
        "duckdb); postgres reads PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    return parser


def load_generated(out: Path, target: str) -> int:
    """Load the written files with the raw-data loader (lead_scoring.load); return an exit code."""
    from lead_scoring.load import LoadError, load_folder

    try:
        load_folder(out, target)
    except (LoadError, UnsupportedTargetError) as exc:
        log.error("%s", exc)
        return 1
    return 0


def options_from_args(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Options:
    if args.contacts < 1:
        parser.error("--contacts must be at least 1")
    companies = args.companies if args.companies is not None else max(1, args.contacts // 8)
    if companies < 1:
        parser.error("--companies must be at least 1")
    if args.days < 1:
        parser.error("--days must be at least 1")
    if not (args.activity_level > 0 and math.isfinite(args.activity_level)):
        parser.error("--activity-level must be a positive number")
    if not 0 <= args.dirty_share < 0.5:
        parser.error("--dirty-share must be in [0, 0.5)")
    if args.connector_shapes and (args.dirty_share != 0 or args.fmt != "csv"):
        parser.error(
            "--connector-shapes needs --dirty-share 0 (a connector lands typed, clean columns) "
            "and --format csv"
        )
    as_of = args.as_of or dt.datetime.now(dt.UTC).date()
    return Options(
        out=args.out,
        contacts=args.contacts,
        companies=companies,
        days=args.days,
        activity_level=args.activity_level,
        dirty_share=args.dirty_share,
        seed=args.seed,
        as_of=as_of,
        fmt=args.fmt,
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(verbose=args.verbose, quiet=args.quiet)
    opts = options_from_args(args, parser)
    schema = load_raw_schema()
    columns = {t: [c for c, _ in schema[t]] for t in RAW_TABLES}
    log.info(
        "generating %d contacts, %d companies, %d days up to %s"
        " (seed %d, activity %.2f, dirty share %.3f) into %s as %s",
        opts.contacts,
        opts.companies,
        opts.days,
        opts.as_of,
        opts.seed,
        opts.activity_level,
        opts.dirty_share,
        opts.out,
        opts.fmt,
    )
    generator = Generator(opts, columns)
    rows = generator.run()
    width = max(len(t) for t in rows)
    lines = []
    for table, count in rows.items():
        dirty = generator.dirty_counts[table]
        detail = f"  ({sum(dirty.values()):,d} dirty)" if dirty else ""
        lines.append(f"  {table:<{width}}  {count:>12,d}{detail}")
    log.info("wrote %s (table -> rows):\n%s", opts.out, "\n".join(lines))
    for table, dirty in generator.dirty_counts.items():
        for kind, count in sorted(dirty.items()):
            log.debug("dirty %s: %s x%d", table, kind, count)
    if args.connector_shapes:
        from lead_scoring.generator.connectors import write_connector_shapes

        write_connector_shapes(opts.out, columns)
    if args.load or args.target:
        return load_generated(opts.out, args.target or default_target())
    return 0
