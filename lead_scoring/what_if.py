"""What-if of a seed edit: build a candidate seed set beside the current warehouse and
report what would change, leaving the current marts untouched.

Steps:

1. copy the dbt project to a temporary folder, the candidate folder's CSV files replacing the
   seeds of the same name (every other seed stays as it is);
2. make room for the candidate beside the current warehouse:

   - duckdb: a separate DuckDB file beside the current one (``what_if.duckdb`` in the same
     folder) holding a copy of the current raw schema (the ``raw_schema`` var, default ``raw``);
   - postgres and spark: the same database (Spark: the same warehouse folder and metastore), every
     custom schema with the suffix ``_what_if`` (staging_what_if, intermediate_what_if,
     marts_what_if, quality_what_if, seeds_what_if: the dbt var ``schema_suffix``, read by
     macros/utils/generate_schema_name.sql); the raw sources are read from the one raw schema;

3. ``dbt build --full-refresh`` the copy there, without dbt's unit tests (a schema kept by an
   earlier ``--keep`` is rebuilt from scratch), with the same as_of_date as the current marts
   unless ``--vars`` names one; a failing build stops here with dbt's own messages (bad seeds
   are named exactly as ``dbt build`` names them);
4. compare the two warehouses: contacts at ``mql`` and ``sql`` (``fct_lead_scores``), rows of
   ``mart_sales_handover``, the backtest AUC (``mart_scoring_performance``, overall row,
   ``auc_lead_score``), and every contact whose lifecycle stage or grade changes or whose lead
   score crosses the MQL or SQL threshold (each side's own threshold, from its
   ``scoring_settings`` seed); those go to a CSV;
5. postgres and spark: drop the ``_what_if`` schemas again (also after a failed build), unless
   ``keep`` (``--keep``) asks to keep them for a closer look.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from lead_scoring import PROJECT_ROOT
from lead_scoring.dbt_run import failure_report, run_with_progress
from lead_scoring.logs import setup_logging
from lead_scoring.project import add_project_dir_argument, copy_project, seed_files
from lead_scoring.spreadsheet import write_csv_for_people
from lead_scoring.warehouse import (
    DUCKDB_PATH_ENV,
    UnsupportedTargetError,
    connect,
    default_target,
    describe,
    duckdb_path,
)

log = logging.getLogger("what_if")

CANDIDATE_DB_NAME = "what_if.duckdb"
CHANGES_CSV_NAME = "what_if_changes.csv"
# dbt's whole output of a failed candidate build, beside the changes CSV
DBT_LOG_NAME = "what_if_dbt.log"
# postgres and spark: appended to every custom schema of the candidate (dbt var schema_suffix)
SCHEMA_SUFFIX = "_what_if"
SCHEMA_TARGETS = ("postgres", "spark")
JSON_KEYS = (
    "mql_before",
    "mql_after",
    "sql_before",
    "sql_after",
    "handover_before",
    "handover_after",
    "auc_before",
    "auc_after",
    "changes_csv",
)
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


def candidate_files(candidate_dir: Path, project_dir: Path = PROJECT_ROOT) -> list[Path]:
    """The candidate CSVs; each must replace a seed the build reads (a file of another name
    would be ignored by every model, so it is refused)."""
    if not candidate_dir.is_dir():
        raise WhatIfError(f"candidate seeds folder {candidate_dir} does not exist")
    files = sorted(candidate_dir.glob("*.csv"))
    if not files:
        raise WhatIfError(f"candidate seeds folder {candidate_dir} has no .csv file")
    known = set(seed_files(project_dir))
    unknown = [path.name for path in files if path.name not in known]
    if unknown:
        raise WhatIfError(
            f"{', '.join(unknown)} in {candidate_dir} replace no seed of the project "
            f"(seeds: {', '.join(sorted(known))})"
        )
    return files


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def source_schemas(project_dir: Path, raw_schema: str) -> list[str]:
    """The schemas the build reads its inputs from: raw_schema and every source schema of the
    project's manifest (a connector's, e.g. hubspot), when there is one."""
    schemas = {raw_schema}
    manifest = project_dir / "target" / "manifest.json"
    if manifest.is_file():
        sources = json.loads(manifest.read_text(encoding="utf-8")).get("sources", {})
        schemas.update(str(source["schema"]) for source in sources.values())
    return sorted(schemas)


def copy_raw_schema(current: Path, candidate: Path, schemas: list[str]) -> list[str]:
    """A new DuckDB file at candidate with a copy of the tables of the schemas in current (the
    build's inputs); returns the tables copied as schema.table."""
    import duckdb

    candidate.unlink(missing_ok=True)
    connection = duckdb.connect(str(candidate))
    copied = []
    try:
        connection.execute(f"attach '{current}' as current_wh (read_only)")
        for schema in schemas:
            tables = [
                row[0]
                for row in connection.execute(
                    "select table_name from information_schema.tables "
                    "where table_catalog = 'current_wh' and table_schema = ? "
                    "and table_type = 'BASE TABLE' order by 1",
                    [schema],
                ).fetchall()
            ]
            if not tables:
                continue
            connection.execute(f"create schema {_quote(schema)}")
            for table in tables:
                name = f"{_quote(schema)}.{_quote(table)}"
                connection.execute(f"create table {name} as select * from current_wh.{name}")
                copied.append(f"{schema}.{table}")
        connection.execute("detach current_wh")
    finally:
        connection.close()
    if not copied:
        raise WhatIfError(
            f"{current} has no table in schema(s) {', '.join(schemas)}: load the raw data"
        )
    return copied


def run_dbt_build(
    project: Path, target: str, dbt_vars: dict, database: Path | None = None
) -> subprocess.CompletedProcess:
    """``dbt build --full-refresh`` of the candidate project on target (duckdb: into database),
    without dbt's unit tests: they test the code, which the candidate does not change, not the
    candidate's seeds (as ``make build``). Its output is kept (stdout), its progress logged."""
    command = [
        str(Path(sys.executable).parent / "dbt"),
        "build",
        "--full-refresh",
        "--exclude-resource-type",
        "unit_test",
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(project / "target"),
        "--log-path",
        str(project / "logs"),
        "--target",
        target,
        "--vars",
        json.dumps(dbt_vars),
    ]
    env = dict(os.environ, LEAD_SCORING_TARGET=target, DO_NOT_TRACK="1")
    if database is not None:
        env[DUCKDB_PATH_ENV] = str(database)
    if target == "spark":
        # dbt runs in the copy's folder: the current warehouse folder and metastore, made absolute
        from lead_scoring.spark import SPARK_DIR_ENV, spark_dir

        env[SPARK_DIR_ENV] = str(spark_dir())
    return run_with_progress(command, "candidate build", cwd=project, env=env)


def _rows(connection, sql: str) -> list[tuple]:
    cursor = connection.cursor()
    cursor.execute(sql)
    return cursor.fetchall()


def read_snapshot(connection, suffix: str = "") -> Snapshot:
    """The figures of one warehouse: schemas marts and seeds, each with suffix appended."""
    marts, seeds = f"marts{suffix}", f"seeds{suffix}"
    contacts = {
        str(contact_id): (stage, grade, float(score))
        for contact_id, stage, grade, score in _rows(
            connection,
            f"select contact_id, lifecycle_stage, grade, lead_score from {marts}.fct_lead_scores",
        )
    }
    ((handover,),) = _rows(connection, f"select count(*) from {marts}.mart_sales_handover")
    overall = _rows(
        connection,
        f"select auc_lead_score from {marts}.mart_scoring_performance where dimension = 'overall'",
    )
    settings = dict(
        _rows(
            connection,
            f"select key, value from {seeds}.scoring_settings "
            "where key in ('mql_threshold', 'sql_threshold')",
        )
    )
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
    """The changes CSV, for a spreadsheet: scores to 4 decimals, a text cell that starts like a
    formula (a contact id ``=HYPERLINK(...)``) neutralised (lead_scoring/spreadsheet.py)."""
    write_csv_for_people(
        path,
        CHANGE_COLUMNS,
        (
            {
                key: "" if value is None else round(value, 4) if isinstance(value, float) else value
                for key, value in row.items()
            }
            for row in changes
        ),
    )


def current_as_of(connection, where: str) -> str:
    """as_of_date of the current marts (where: the warehouse, for the message)."""
    try:
        ((as_of,),) = _rows(connection, "select max(as_of_date) from marts.fct_lead_scores")
    except Exception as exc:  # noqa: BLE001 - each driver has its own error class
        raise WhatIfError(f"{where} has no built marts ({exc}): run dbt build first") from exc
    if as_of is None:
        raise WhatIfError(f"{where} has an empty marts.fct_lead_scores: run dbt build first")
    return str(as_of)


def _spark_current_as_of() -> str:
    """current_as_of on Spark, read in a child process: the embedded Derby metastore stays held
    by the Spark session's JVM after spark.stop(), and dbt's own session needs it next."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from lead_scoring.warehouse import connect\n"
        "from lead_scoring.what_if import WhatIfError, current_as_of\n"
        "connection = connect('spark')\n"
        "try:\n"
        "    print(current_as_of(connection, sys.argv[2]))\n"
        "except WhatIfError as exc:\n"
        "    print(exc, file=sys.stderr); raise SystemExit(3)\n"
        "finally:\n"
        "    connection.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(PROJECT_ROOT), describe("spark")],
        capture_output=True,
        text=True,
        env=dict(os.environ, DO_NOT_TRACK="1"),
    )
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise WhatIfError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "?")
    return lines[-1]


def candidate_schemas(project: Path, suffix: str = SCHEMA_SUFFIX) -> list[str]:
    """The schemas the candidate build wrote to, from the copy's manifest: every schema of a
    model, seed or snapshot that ends with suffix (so the current schemas and the raw schema can
    never be among them)."""
    manifest_path = project / "target" / "manifest.json"
    if not manifest_path.exists():
        return []
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return sorted(
        {
            node["schema"]
            for node in manifest.get("nodes", {}).values()
            if node.get("resource_type") in ("model", "seed", "snapshot")
            and str(node.get("schema", "")).endswith(suffix)
            and node["schema"] != suffix
        }
    )


def drop_schemas(connection, target: str, schemas: list[str]) -> None:
    """Drop the candidate schemas (with their tables and views) on postgres or spark."""
    cursor = connection.cursor()
    for schema in schemas:
        if target == "spark":
            cursor.execute(f"drop database if exists `{schema}` cascade")
        else:
            cursor.execute(f"drop schema if exists {_quote(schema)} cascade")
    if target == "postgres":
        connection.commit()


def _summary(before: Snapshot, after: Snapshot, changes_csv: Path, where: str) -> dict:
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
        "candidate": where,
    }


def _build_failed(
    result: subprocess.CompletedProcess, project: Path, output_log: Path
) -> WhatIfError:
    """The error of a failed candidate build: dbt's whole output goes to output_log, and the
    message ends with the problems (lead_scoring/dbt_run.py; a bad candidate seed: its file, row
    and value, and the candidate folder to fix), or with dbt's last lines when no node failed."""
    output_log.parent.mkdir(parents=True, exist_ok=True)
    output_log.write_text(result.stdout + result.stderr, encoding="utf-8")
    report = failure_report(project / "target")
    if report is None:
        report = "\n".join((result.stdout + result.stderr).rstrip().splitlines()[-15:])
    return WhatIfError(
        "dbt build of the candidate seeds failed (the current marts are untouched; dbt's whole "
        f"output: {output_log})\n{report}"
    )


def _seed_fix_hint(candidate_dir: Path) -> str:
    """What the message of a bad candidate seed tells to do (the dbt var seed_fix_hint)."""
    return f"fix the candidate's CSV files in {candidate_dir.resolve()} and run what_if.py again"


def what_if(
    candidate_dir: Path,
    target: str = "duckdb",
    dbt_vars: dict | None = None,
    changes_csv: Path | None = None,
    project_dir: Path = PROJECT_ROOT,
    keep: bool = False,
) -> dict:
    """Build the candidate and compare it with the current warehouse; returns the JSON summary
    (JSON_KEYS: mql/sql/handover/auc before and after, changes_csv) plus the list of changes and
    where the candidate was built. keep: leave the candidate schemas (postgres, spark) in place."""
    if target not in ("duckdb", *SCHEMA_TARGETS):
        raise UnsupportedTargetError(
            f"what_if supports the targets duckdb, postgres and spark, not {target!r}"
        )
    files = candidate_files(candidate_dir, project_dir)
    dbt_vars = dict(dbt_vars or {})
    dbt_vars.setdefault("seed_fix_hint", _seed_fix_hint(candidate_dir))
    if target == "duckdb":
        return _what_if_duckdb(files, candidate_dir, dbt_vars, changes_csv, project_dir)
    if "schema_suffix" in dbt_vars:
        raise WhatIfError(f"--vars must not set schema_suffix (the what-if uses {SCHEMA_SUFFIX})")
    where = describe(target)
    if "as_of_date" not in dbt_vars:
        if target == "spark":
            dbt_vars["as_of_date"] = _spark_current_as_of()
        else:
            connection = connect(target)
            try:
                dbt_vars["as_of_date"] = current_as_of(connection, where)
            finally:
                connection.close()
    dbt_vars["schema_suffix"] = SCHEMA_SUFFIX
    changes_csv = changes_csv or project_dir / "target" / CHANGES_CSV_NAME
    log.info(
        "candidate %s (%s) as of %s into the *%s schemas of %s",
        candidate_dir,
        ", ".join(path.name for path in files),
        dbt_vars["as_of_date"],
        SCHEMA_SUFFIX,
        where,
    )
    with tempfile.TemporaryDirectory(prefix="lead_scoring_what_if_") as tmp:
        project = Path(tmp) / "project"
        copy_project(project, files, project_dir)
        result = run_dbt_build(project, target, dbt_vars)
        schemas = candidate_schemas(project)
        failed = (
            _build_failed(result, project, changes_csv.with_name(DBT_LOG_NAME))
            if result.returncode != 0
            else None
        )
    connection = connect(target)
    try:
        if failed is not None:
            raise failed
        before = read_snapshot(connection)
        try:
            after = read_snapshot(connection, SCHEMA_SUFFIX)
        except Exception as exc:  # noqa: BLE001 - each driver has its own error class
            raise WhatIfError(
                f"the candidate build left no marts{SCHEMA_SUFFIX} schema to compare ({exc})"
            ) from exc
    finally:
        try:
            if keep:
                log.info("kept the candidate schemas %s (--keep)", ", ".join(schemas))
            else:
                drop_schemas(connection, target, schemas)
                log.info("dropped the candidate schemas %s", ", ".join(schemas))
        finally:
            connection.close()
    where = f"{where}, schemas *{SCHEMA_SUFFIX}" + (" (kept)" if keep else " (dropped)")
    return _summary(before, after, changes_csv, where)


def _what_if_duckdb(
    files: list[Path],
    candidate_dir: Path,
    dbt_vars: dict,
    changes_csv: Path | None,
    project_dir: Path,
) -> dict:
    current = duckdb_path(project_dir)
    if not current.exists():
        raise WhatIfError(f"no current warehouse at {current}: run dbt build first")
    candidate_db = current.with_name(CANDIDATE_DB_NAME)
    changes_csv = changes_csv or current.with_name(CHANGES_CSV_NAME)
    if "as_of_date" not in dbt_vars:
        with connect("duckdb", read_only=True, duckdb_file=current) as connection:
            dbt_vars["as_of_date"] = current_as_of(connection, str(current))
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
        copy_raw_schema(current, candidate_db, source_schemas(project_dir, raw_schema))
        result = run_dbt_build(project, "duckdb", dbt_vars, candidate_db)
        if result.returncode != 0:
            raise _build_failed(result, project, changes_csv.with_name(DBT_LOG_NAME))
    with connect("duckdb", read_only=True, duckdb_file=current) as connection:
        before = read_snapshot(connection)
    with connect("duckdb", read_only=True, duckdb_file=candidate_db) as connection:
        after = read_snapshot(connection)
    return _summary(before, after, changes_csv, str(candidate_db))


def format_report(summary: dict) -> str:
    def auc(value) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = [
        "What-if of the candidate seeds (current marts untouched)",
        f"Candidate built in: {summary['candidate']}",
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
        description="Build a candidate seed set beside the current warehouse (DuckDB: its own "
        f"file; PostgreSQL and Spark: every custom schema with the suffix {SCHEMA_SUFFIX}, "
        "dropped afterwards unless --keep; the current marts stay untouched) and report what "
        "would change: MQL, SQL and hand-over counts, every contact that changes stage or grade "
        "or crosses a threshold (a CSV), and the backtest AUC, before and after."
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
        help="dbt target of the current warehouse: duckdb, postgres or spark "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--vars",
        help="dbt vars (YAML mapping) for the candidate build; as_of_date defaults to the "
        "current marts' as_of_date",
    )
    add_project_dir_argument(parser)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--changes-csv",
        type=Path,
        help=f"CSV of the changed contacts (default: {CHANGES_CSV_NAME} beside the DuckDB file; "
        "target/ of the project on PostgreSQL and Spark)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help=f"PostgreSQL and Spark: keep the candidate's *{SCHEMA_SUFFIX} schemas for a closer "
        "look instead of dropping them (the next what-if rebuilds them from scratch)",
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
            args.keep,
        )
    except (WhatIfError, UnsupportedTargetError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(format_report(summary))
    if args.json:
        figures = {key: summary[key] for key in JSON_KEYS}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0
