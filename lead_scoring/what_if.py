"""What-if of a seed edit (SPEC §6): build a candidate seed set beside the current warehouse and
report what would change, leaving the current marts untouched.

Steps (target duckdb):

1. copy the dbt project to a temporary folder, the candidate folder's CSV files replacing the
   seeds of the same name (every other seed stays as it is);
2. make a separate DuckDB file beside the current one (``what_if.duckdb`` in the same folder)
   holding a copy of the current raw schema (the ``raw_schema`` var, default ``raw``);
3. ``dbt build`` the copy against that file, with the same as_of_date as the current marts unless
   ``--vars`` names one; a failing build stops here with dbt's own messages (bad seeds are named
   exactly as ``dbt build`` names them);
4. compare the two warehouses: contacts at ``mql`` and ``sql`` (``fct_lead_scores``), rows of
   ``mart_sales_handover``, the backtest AUC (``mart_scoring_performance``, overall row,
   ``auc_lead_score``), and every contact whose lifecycle stage or grade changes or whose lead
   score crosses the MQL or SQL threshold (each side's own threshold, from its
   ``scoring_settings`` seed); those go to a CSV.

PostgreSQL and Spark (a schema suffix instead of a second file) are not supported yet: the script
says so and stops.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from lead_scoring import PROJECT_ROOT
from lead_scoring.logs import setup_logging
from lead_scoring.warehouse import (
    DUCKDB_PATH_ENV,
    UnsupportedTargetError,
    default_target,
    duckdb_path,
)

log = logging.getLogger("what_if")

PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "tests", "seeds")
CANDIDATE_DB_NAME = "what_if.duckdb"
CHANGES_CSV_NAME = "what_if_changes.csv"
CHANGE_COLUMNS = (
    "contact_id",
    "stage_before",
    "stage_after",
    "grade_before",
    "grade_after",
    "lead_score_before",
    "lead_score_after",
    "change",
)


class WhatIfError(RuntimeError):
    """The what-if cannot run (bad candidate folder, no current warehouse, failed build)."""


@dataclass
class Snapshot:
    """What the comparison reads from one warehouse."""

    contacts: dict[str, tuple[str, str, float]]  # contact_id -> (stage, grade, lead_score)
    mql: int
    sql: int
    handover: int
    auc: float | None
    mql_threshold: float
    sql_threshold: float


def parse_vars(text: str | None) -> dict:
    """dbt's --vars: a YAML (or JSON) mapping (ValueError otherwise); shared by the scripts."""
    if not text:
        return {}
    value = yaml.safe_load(text)
    if not isinstance(value, dict):
        raise ValueError(f"--vars must be a YAML mapping like dbt takes it, got {text!r}")
    return value


def candidate_files(candidate_dir: Path, seeds_dir: Path) -> list[Path]:
    """The candidate CSVs; each must replace a seed of the project (a new name would be ignored
    by every model, so it is refused)."""
    if not candidate_dir.is_dir():
        raise WhatIfError(f"candidate seeds folder {candidate_dir} does not exist")
    files = sorted(candidate_dir.glob("*.csv"))
    if not files:
        raise WhatIfError(f"candidate seeds folder {candidate_dir} has no .csv file")
    known = {path.name for path in seeds_dir.glob("*.csv")}
    unknown = [path.name for path in files if path.name not in known]
    if unknown:
        raise WhatIfError(
            f"{', '.join(unknown)} in {candidate_dir} replace no seed of the project "
            f"(seeds: {', '.join(sorted(known))})"
        )
    return files


def copy_project(destination: Path, candidate: list[Path], project_dir: Path = PROJECT_ROOT):
    """The dbt project in destination, the candidate CSVs replacing their seeds."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = project_dir / part
        if source.is_dir():
            shutil.copytree(source, destination / part, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, destination / part)
    for path in candidate:
        shutil.copy2(path, destination / "seeds" / path.name)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_raw_schema(current: Path, candidate: Path, raw_schema: str) -> list[str]:
    """A new DuckDB file at candidate with a copy of the raw tables of current."""
    import duckdb

    candidate.unlink(missing_ok=True)
    connection = duckdb.connect(str(candidate))
    try:
        connection.execute(f"attach '{current}' as current_wh (read_only)")
        tables = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'current_wh' and table_schema = ? "
                "and table_type = 'BASE TABLE' order by 1",
                [raw_schema],
            ).fetchall()
        ]
        if not tables:
            raise WhatIfError(f"{current} has no table in schema {raw_schema!r}: load the raw data")
        connection.execute(f"create schema {_quote(raw_schema)}")
        for table in tables:
            name = f"{_quote(raw_schema)}.{_quote(table)}"
            connection.execute(f"create table {name} as select * from current_wh.{name}")
        connection.execute("detach current_wh")
    finally:
        connection.close()
    return tables


def run_dbt_build(project: Path, database: Path, dbt_vars: dict) -> subprocess.CompletedProcess:
    command = [
        str(Path(sys.executable).parent / "dbt"),
        "build",
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(project / "target"),
        "--log-path",
        str(project / "logs"),
        "--target",
        "duckdb",
        "--vars",
        json.dumps(dbt_vars),
    ]
    env = dict(os.environ, LEAD_SCORING_TARGET="duckdb", DO_NOT_TRACK="1")
    env[DUCKDB_PATH_ENV] = str(database)
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def read_snapshot(database: Path) -> Snapshot:
    import duckdb

    connection = duckdb.connect(str(database), read_only=True)
    try:
        contacts = {
            contact_id: (stage, grade, float(score))
            for contact_id, stage, grade, score in connection.execute(
                "select contact_id, lifecycle_stage, grade, lead_score from marts.fct_lead_scores"
            ).fetchall()
        }
        ((handover,),) = connection.execute(
            "select count(*) from marts.mart_sales_handover"
        ).fetchall()
        overall = connection.execute(
            "select auc_lead_score from marts.mart_scoring_performance where dimension = 'overall'"
        ).fetchall()
        settings = dict(
            connection.execute(
                "select key, value from seeds.scoring_settings "
                "where key in ('mql_threshold', 'sql_threshold')"
            ).fetchall()
        )
    finally:
        connection.close()
    stages = [stage for stage, _, _ in contacts.values()]
    auc = overall[0][0] if overall else None
    return Snapshot(
        contacts=contacts,
        mql=stages.count("mql"),
        sql=stages.count("sql"),
        handover=int(handover),
        auc=None if auc is None else float(auc),
        mql_threshold=float(settings["mql_threshold"]),
        sql_threshold=float(settings["sql_threshold"]),
    )


def compare(before: Snapshot, after: Snapshot) -> list[dict]:
    """One row per contact whose stage or grade changes or whose score crosses a threshold."""
    changes = []
    for contact_id in sorted(before.contacts.keys() | after.contacts.keys()):
        stage_b, grade_b, score_b = before.contacts.get(contact_id, (None, None, None))
        stage_a, grade_a, score_a = after.contacts.get(contact_id, (None, None, None))
        what = []
        if stage_b != stage_a:
            what.append(f"stage {stage_b} -> {stage_a}")
        if grade_b != grade_a:
            what.append(f"grade {grade_b} -> {grade_a}")
        for label, threshold_b, threshold_a in (
            ("MQL", before.mql_threshold, after.mql_threshold),
            ("SQL", before.sql_threshold, after.sql_threshold),
        ):
            above_b = score_b is not None and score_b >= threshold_b
            above_a = score_a is not None and score_a >= threshold_a
            if above_b != above_a:
                direction = "above" if above_a else "below"
                what.append(f"lead score now {direction} the {label} threshold ({threshold_a:g})")
        if what:
            changes.append(
                {
                    "contact_id": contact_id,
                    "stage_before": stage_b,
                    "stage_after": stage_a,
                    "grade_before": grade_b,
                    "grade_after": grade_a,
                    "lead_score_before": score_b,
                    "lead_score_after": score_a,
                    "change": "; ".join(what),
                }
            )
    return changes


def write_changes(path: Path, changes: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CHANGE_COLUMNS)
        writer.writeheader()
        for row in changes:
            writer.writerow(
                {
                    key: ""
                    if value is None
                    else round(value, 4)
                    if isinstance(value, float)
                    else value
                    for key, value in row.items()
                }
            )


def current_as_of(database: Path) -> str:
    import duckdb

    connection = duckdb.connect(str(database), read_only=True)
    try:
        ((as_of,),) = connection.execute(
            "select max(as_of_date) from marts.fct_lead_scores"
        ).fetchall()
    except duckdb.Error as exc:
        raise WhatIfError(f"{database} has no built marts ({exc}): run dbt build first") from exc
    finally:
        connection.close()
    return str(as_of)


def what_if(
    candidate_dir: Path,
    target: str = "duckdb",
    dbt_vars: dict | None = None,
    changes_csv: Path | None = None,
    project_dir: Path = PROJECT_ROOT,
) -> dict:
    """Build the candidate and compare it with the current warehouse; returns the JSON summary
    (mql/sql/handover/auc before and after, changes_csv) plus the list of changes."""
    if target != "duckdb":
        raise UnsupportedTargetError(
            f"what_if supports the duckdb target only for now, not {target!r}"
        )
    current = duckdb_path()
    if not current.exists():
        raise WhatIfError(f"no current warehouse at {current}: run dbt build first")
    candidate_db = current.with_name(CANDIDATE_DB_NAME)
    changes_csv = changes_csv or current.with_name(CHANGES_CSV_NAME)
    files = candidate_files(candidate_dir, project_dir / "seeds")
    dbt_vars = dict(dbt_vars or {})
    dbt_vars.setdefault("as_of_date", current_as_of(current))
    raw_schema = str(dbt_vars.get("raw_schema", "raw"))
    log.info(
        "candidate %s (%s) as of %s into %s",
        candidate_dir,
        ", ".join(path.name for path in files),
        dbt_vars["as_of_date"],
        candidate_db,
    )
    with tempfile.TemporaryDirectory(prefix="lead_scoring_what_if_") as tmp:
        project = Path(tmp) / "project"
        copy_project(project, files, project_dir)
        copy_raw_schema(current, candidate_db, raw_schema)
        result = run_dbt_build(project, candidate_db, dbt_vars)
    if result.returncode != 0:
        raise WhatIfError(
            "dbt build of the candidate seeds failed (the current marts are untouched):\n"
            + result.stdout
            + result.stderr
        )
    before, after = read_snapshot(current), read_snapshot(candidate_db)
    changes = compare(before, after)
    write_changes(changes_csv, changes)
    return {
        "mql_before": before.mql,
        "mql_after": after.mql,
        "sql_before": before.sql,
        "sql_after": after.sql,
        "handover_before": before.handover,
        "handover_after": after.handover,
        "auc_before": before.auc,
        "auc_after": after.auc,
        "changes_csv": str(changes_csv),
        "changes": changes,
    }


def format_report(summary: dict) -> str:
    def auc(value) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = [
        "What-if of the candidate seeds (current marts untouched)",
        "",
        f"  {'':<22}{'before':>10}{'after':>10}{'change':>10}",
    ]
    for label, key in (
        ("MQL contacts", "mql"),
        ("SQL contacts", "sql"),
        ("Sales hand-over queue", "handover"),
    ):
        b, a = summary[f"{key}_before"], summary[f"{key}_after"]
        lines.append(f"  {label:<22}{b:>10}{a:>10}{a - b:>+10}")
    lines.append(
        f"  {'Backtest AUC':<22}{auc(summary['auc_before']):>10}{auc(summary['auc_after']):>10}"
    )
    lines.append("")
    changes = summary["changes"]
    lines.append(f"{len(changes)} contacts change stage or grade or cross a threshold:")
    for row in changes[:20]:
        lines.append(f"  {row['contact_id']}: {row['change']}")
    if len(changes) > 20:
        lines.append(f"  ... {len(changes) - 20} more")
    lines.append(f"All of them: {summary['changes_csv']}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build a candidate seed set beside the current warehouse (its own DuckDB "
        "file; the current marts stay untouched) and report what would change: MQL, SQL and "
        "hand-over counts, every contact that changes stage or grade or crosses a threshold "
        "(a CSV), and the backtest AUC, before and after."
    )
    parser.add_argument(
        "candidate_seeds_dir",
        type=Path,
        help="folder of seed CSVs (e.g. an edited scoring_settings.csv) replacing the project's "
        "seeds of the same name",
    )
    parser.add_argument(
        "--target",
        default=default_target(),
        help="dbt target of the current warehouse; duckdb only for now (default: %(default)s)",
    )
    parser.add_argument(
        "--vars",
        help="dbt vars (YAML mapping) for the candidate build; as_of_date defaults to the "
        "current marts' as_of_date",
    )
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=PROJECT_ROOT,
        help="dbt project the current marts were built from (default: this one)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--changes-csv",
        type=Path,
        help=f"CSV of the changed contacts (default: {CHANGES_CSV_NAME} beside the warehouse)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    try:
        dbt_vars = parse_vars(args.vars)
        summary = what_if(
            args.candidate_seeds_dir,
            args.target,
            dbt_vars,
            args.changes_csv,
            args.project_dir,
        )
    except (WhatIfError, UnsupportedTargetError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(format_report(summary))
    if args.json:
        figures = {key: value for key, value in summary.items() if key != "changes"}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0
