"""Benchmark of the dbt project against one plain hand-written DuckDB query.

For a size (contacts, days of history, activity level) it generates raw data with a fixed seed
and no dirty rows, then measures, each step in a process of its own (wall time, and peak memory
of that process as `/usr/bin/time -v` reports it, its maximum resident set size):

1. load    the raw files without the activities of the last day into a new DuckDB file;
2. build   a full `dbt build` as of the day before the last day (without unit tests, as
           `make build`: they test the code, not the data);
3. load    the whole raw folder (the last day's activities arrive);
4. day     `dbt build` as of the last day: the daily incremental run;
5. query   the plain query (lead_scoring/baseline_lead_scores.sql) of fct_lead_scores as of the
           last day, straight from the CSV files.

It then checks that the query and fct_lead_scores agree on every contact and field, and prints
the ratios: (load + build) / query, and day / build. The slowest models of each dbt run come from
its run_results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from lead_scoring import PROJECT_ROOT
from lead_scoring.logs import setup_logging

log = logging.getLogger("benchmark")

AS_OF = "2026-06-30"
SEED = 42
# raw tables of activities, and the column whose day says when a row arrived
ACTIVITY_TABLES = {
    "web_events": "occurred_at",
    "email_events": "occurred_at",
    "form_submissions": "submitted_at",
    "event_attendance": "registered_at",
    "web_identities": "identified_at",
}


@dataclass
class Step:
    name: str
    seconds: float
    peak_mb: float
    slowest: list[tuple[str, float]] = field(default_factory=list)


def measured(name: str, command: list[str], env: dict[str, str] | None = None) -> Step:
    """Run a command in a process of its own: its wall time and peak resident memory. A small
    Python parent waits for it with wait4 and reports its ru_maxrss (what /usr/bin/time -v
    calls "Maximum resident set size"), so each step is measured alone."""
    wrapper = (
        "import os, subprocess, sys, json\n"
        "p = subprocess.Popen(sys.argv[1:])\n"
        "_, status, usage = os.wait4(p.pid, 0)\n"
        "code = os.waitstatus_to_exitcode(status)\n"
        "sys.stderr.write('\\nPEAK_KB=%d\\n' % usage.ru_maxrss)\n"
        "sys.exit(code)\n"
    )
    log.info("%s ...", name)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(
            f"{name} failed (exit {result.returncode}):\n{result.stdout[-3000:]}"
            f"\n{result.stderr[-3000:]}"
        )
    peak_kb = int(result.stderr.rsplit("PEAK_KB=", 1)[1].split()[0])
    step = Step(name, round(seconds, 2), round(peak_kb / 1024, 1))
    log.info("%s: %.1f s, peak %.0f MB", name, step.seconds, step.peak_mb)
    return step


def without_last_day(full: Path, before: Path, day: str) -> None:
    """The raw folder as it stood before `day`: the activity rows of that day removed."""
    before.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as connection:
        for path in sorted(full.glob("*.csv")):
            target = before / path.name
            column = ACTIVITY_TABLES.get(path.stem)
            if column is None:
                shutil.copy(path, target)
                continue
            connection.execute(
                f"copy (select * from read_csv('{path}', all_varchar = true, header = true) "
                f"where coalesce({column}, '') not like '{day}%') "
                f"to '{target}' (header, delimiter ',')"
            )


def slowest_models(target_path: Path, count: int = 5) -> list[tuple[str, float]]:
    results = json.loads((target_path / "run_results.json").read_text())["results"]
    timed = sorted(
        ((row["unique_id"].split(".")[-1], row["execution_time"]) for row in results),
        key=lambda item: -item[1],
    )
    return [(name, round(seconds, 2)) for name, seconds in timed[:count]]


def run(args: argparse.Namespace) -> dict:
    work = Path(args.work_dir).resolve()
    if work.exists():
        shutil.rmtree(work)
    raw, before = work / "raw", work / "raw_before"
    database = work / "warehouse.duckdb"
    day = args.as_of
    day_before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    python = sys.executable
    dbt = str(Path(sys.executable).with_name("dbt"))
    env = dict(
        os.environ,
        DBT_PROFILES_DIR=str(PROJECT_ROOT),
        DO_NOT_TRACK="1",
        LEAD_SCORING_TARGET="duckdb",
        LEAD_SCORING_DUCKDB_PATH=str(database),
    )
    steps: dict[str, Step] = {}
    steps["generate"] = measured(
        "generate",
        [
            python,
            str(PROJECT_ROOT / "scripts" / "generate_data.py"),
            "--out",
            str(raw),
            "--contacts",
            str(args.contacts),
            "--days",
            str(args.days),
            "--activity-level",
            str(args.activity_level),
            "--dirty-share",
            "0",
            "--seed",
            str(args.seed),
            "--as-of",
            day,
            "-q",
        ],
        env,
    )
    log.info("raw folder without the activities of %s", day)
    without_last_day(raw, before, day)
    loader = [python, str(PROJECT_ROOT / "scripts" / "load_raw.py")]

    # One target folder for both runs, as a scheduled job keeps it (a new as_of_date is a new
    # var, so dbt parses the project again either way). Unit tests test the code, not the data:
    # they run in the test suite, not in a production build (as `make build`).
    target_path = work / "target"

    def dbt_build(name: str, as_of: str) -> Step:
        step = measured(
            name,
            [
                dbt,
                "build",
                "--project-dir",
                str(PROJECT_ROOT),
                "--target-path",
                str(target_path),
                "--log-path",
                str(work / "logs"),
                "--vars",
                json.dumps({"as_of_date": as_of}),
                "--exclude-resource-type",
                "unit_test",
                "--quiet",
            ],
            env,
        )
        step.slowest = slowest_models(target_path)
        shutil.copy(target_path / "run_results.json", work / f"run_results_{name}.json")
        return step

    steps["load"] = measured("load", [*loader, str(before), "-q"], env)
    steps["build"] = dbt_build("build", day_before)
    steps["load_day"] = measured("load_day", [*loader, str(raw), "-q"], env)
    steps["day"] = dbt_build("day", day)
    steps["query"] = measured(
        "query",
        [
            python,
            "-c",
            "import sys; from lead_scoring.baseline import baseline_scores; "
            "rows = baseline_scores(sys.argv[1], sys.argv[2]); print(len(rows))",
            str(raw),
            day,
        ],
        dict(env, PYTHONPATH=str(PROJECT_ROOT)),
    )
    from lead_scoring.baseline import baseline_scores, compare, project_scores

    log.info("comparing the plain query with fct_lead_scores on every contact and field")
    baseline = baseline_scores(raw, day)
    project = project_scores(database)
    problems = compare(baseline, project)
    with duckdb.connect(str(database), read_only=True) as connection:
        (raw_rows,) = connection.execute(
            "select sum(raw_rows) from quality.fct_raw_reconciliation"
        ).fetchone()
        (activities,) = connection.execute(
            "select count(*) from intermediate.int_activities"
        ).fetchone()
    total = steps["load"].seconds + steps["build"].seconds
    return {
        "machine": {"cpus": os.cpu_count(), "platform": sys.platform},
        "size": {
            "contacts": args.contacts,
            "days": args.days,
            "activity_level": args.activity_level,
            "seed": args.seed,
            "raw_rows": int(raw_rows),
            "activities": int(activities),
        },
        "steps": {name: asdict(step) for name, step in steps.items()},
        "ratios": {
            "load_and_build_over_query": round(total / steps["query"].seconds, 2),
            "day_over_build": round(steps["day"].seconds / steps["build"].seconds, 3),
            "build_peak_gb": round(steps["build"].peak_mb / 1024, 2),
        },
        "agreement": {
            "contacts": len(baseline),
            "differences": len(problems),
            "examples": problems[:10],
        },
    }


def report(result: dict) -> str:
    size = result["size"]
    lines = [
        f"{size['contacts']:,} contacts, {size['days']} days, activity level "
        f"{size['activity_level']}: {size['raw_rows']:,} raw rows, "
        f"{size['activities']:,} activities",
        "",
        f"{'step':<10} {'seconds':>9} {'peak MB':>9}  slowest models",
    ]
    for name, step in result["steps"].items():
        slowest = ", ".join(f"{model} {seconds:.1f}s" for model, seconds in step["slowest"])
        lines.append(f"{name:<10} {step['seconds']:>9.1f} {step['peak_mb']:>9.0f}  {slowest}")
    ratios = result["ratios"]
    agreement = result["agreement"]
    lines += [
        "",
        f"(load + build) / plain query: {ratios['load_and_build_over_query']:.2f}x",
        f"daily incremental run / full build: {ratios['day_over_build']:.1%}",
        f"peak memory of the full build: {ratios['build_peak_gb']:.2f} GB",
        f"plain query vs fct_lead_scores: {agreement['contacts']:,} contacts, "
        f"{agreement['differences']} differences",
    ]
    lines += [f"  {problem}" for problem in agreement["examples"]]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time the dbt project against one plain DuckDB query of the same scores "
        "(the scale targets): load, full dbt build, a daily incremental run, and the query, "
        "each with its "
        "wall time and peak memory, and whether the query and fct_lead_scores agree."
    )
    parser.add_argument("--contacts", type=int, default=20000, help="default: %(default)s")
    parser.add_argument(
        "--days", type=int, default=365, help="days of history (default: %(default)s)"
    )
    parser.add_argument(
        "--activity-level",
        type=float,
        default=1.0,
        help="multiplier of activities per contact (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="default: %(default)s")
    parser.add_argument(
        "--as-of", default=AS_OF, help="last day of the data, YYYY-MM-DD (default: %(default)s)"
    )
    parser.add_argument(
        "--work-dir",
        default=str(PROJECT_ROOT / "target" / "benchmark"),
        help="folder for the data, warehouse and dbt artefacts; emptied first "
        "(default: %(default)s)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging(quiet=args.quiet)
    result = run(args)
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["agreement"]["differences"] == 0 else 1
