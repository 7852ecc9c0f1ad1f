"""Print a short summary of a built lead-scoring warehouse.

Reads the marts of the target (default: the embedded DuckDB file) and prints: contacts scored,
counts per lifecycle stage and grade, the top leads with their top reasons, and whether every raw
table reconciles (raw = clean + quarantined + superseded).

Usage: python scripts/summarize.py (or lead-scoring-summary) [--target duckdb] [--top 10]
"""

from __future__ import annotations

import argparse
import logging

from lead_scoring.logs import setup_logging
from lead_scoring.project import add_project_dir_argument
from lead_scoring.warehouse import connect, default_target, duckdb_path

log = logging.getLogger("summarize")


def _rows(connection, sql: str) -> list[tuple]:
    cursor = connection.cursor()
    cursor.execute(sql)
    return cursor.fetchall()


def _table(headers: list[str], rows: list[tuple]) -> str:
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join("  " + line for line in lines)


def build_summary(connection, top: int = 10) -> str:
    """Summary text of the marts: scored contacts, stages, grades, top leads, reconciliation."""
    ((scored, as_of),) = _rows(
        connection, "select count(*), max(as_of_date) from marts.fct_lead_scores"
    )
    out = [f"Lead scoring as of {as_of}: {scored} contacts scored", ""]

    stage_counts = dict(
        _rows(connection, "select lifecycle_stage, count(*) from marts.fct_lead_scores group by 1")
    )
    # the stages in lifecycle order, from the labels mart (its stage rows are tested against the
    # macro lifecycle_stages(), the one definition of the stages)
    stages = [
        row[0]
        for row in _rows(
            connection,
            "select label_value from marts.dim_scoring_labels "
            "where label_kind = 'lifecycle_stage' order by sort_order",
        )
    ]
    out.append("Lifecycle stages:")
    out.append(_table(["stage", "contacts"], [(s, stage_counts.get(s, 0)) for s in stages]))
    out.append("")

    grades = _rows(
        connection,
        "select grade, count(*) from marts.fct_lead_scores group by grade "
        "order by min(fit_score) desc, grade",
    )
    out.append("Grades:")
    out.append(_table(["grade", "contacts"], grades))
    out.append("")

    # Rounding is done here, not in SQL: round(double, n) does not exist on PostgreSQL. The
    # reasons come written in words from the mart (fct_lead_scores.top_reasons).
    top_leads = _rows(
        connection,
        f"""
        select contact_id, lead_score, fit_score, interest_score, grade, lifecycle_stage,
            top_reasons
        from marts.fct_lead_scores
        order by lead_score desc, contact_id
        limit {int(top)}
        """,
    )
    leaders = [
        (
            contact_id,
            round(float(lead), 2),
            round(float(fit), 2),
            round(float(interest), 2),
            grade,
            stage,
            reasons or "-",
        )
        for contact_id, lead, fit, interest, grade, stage, reasons in top_leads
    ]
    out.append(f"Top {len(leaders)} leads (top 3 reasons):")
    out.append(
        _table(["contact", "lead", "fit", "interest", "grade", "stage", "top reasons"], leaders)
    )
    out.append("")

    ((queued, sqls),) = _rows(
        connection,
        "select count(*), sum(case when lifecycle_stage = 'sql' then 1 else 0 end) "
        "from marts.mart_sales_handover",
    )
    out.append(
        f"Sales hand-over queue: {queued} contacts ({sqls or 0} sql, {queued - (sqls or 0)} mql)"
    )
    out.append("")

    # the backtest (mart_scoring_performance): the rules' lead score and the predictive score
    def auc(value) -> str:
        return "-" if value is None else f"{float(value):.3f}"

    for lead_auc, predictive_auc in _rows(
        connection,
        "select auc_lead_score, auc_predictive from marts.mart_scoring_performance "
        "where dimension = 'overall'",
    ):
        out.append(
            f"Backtest AUC: lead score {auc(lead_auc)}, predictive score {auc(predictive_auc)}"
        )
        out.append("")

    reconciliation = _rows(
        connection,
        "select raw_table, raw_rows, clean_rows, quarantined_rows, superseded_rows, "
        "after_as_of_rows, is_reconciled from quality.fct_raw_reconciliation order by raw_table",
    )
    ok = all(row[-1] for row in reconciliation)
    out.append(
        "Raw data: "
        + ("every raw table reconciles" if ok else "RECONCILIATION FAILED")
        + " (raw = clean + quarantined + superseded + after as_of_date)"
    )
    out.append(
        _table(
            ["raw table", "raw", "clean", "quarantined", "superseded", "after as-of", "ok"],
            reconciliation,
        )
    )
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--target", default=default_target(), help="dbt target to read (default: %(default)s)"
    )
    parser.add_argument(
        "--top", type=int, default=10, help="how many top leads to list (default: %(default)s)"
    )
    add_project_dir_argument(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    try:
        # read-only: a summary never creates (or leaves) an empty warehouse file
        connection = connect(args.target, read_only=True, project_dir=args.project_dir)
    except FileNotFoundError:
        # a sentence, not a catalog error
        log.error(
            "No warehouse at %s: build it first (make demo, or load your raw data and run "
            "dbt build); LEAD_SCORING_DUCKDB_PATH names another file.",
            duckdb_path(args.project_dir),
        )
        return 1
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
