"""The short, readable summary printed at the end of the main job."""

from __future__ import annotations

STAGES = ("subscriber", "lead", "mql", "sql", "opportunity", "customer")


def _rows(connection, sql: str) -> list[tuple]:
    cursor = connection.cursor()
    cursor.execute(sql)
    return cursor.fetchall()


def _table(headers: list[str], rows: list[tuple]) -> str:
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join("  " + line for line in lines)


def build_summary(connection, top: int = 10) -> str:
    """Summary text of the marts: scored contacts, stages, grades, top leads, reconciliation."""
    (scored, as_of), = _rows(
        connection, "select count(*), max(as_of_date) from marts.fct_lead_scores"
    )
    out = [f"Lead scoring as of {as_of}: {scored} contacts scored", ""]

    stage_counts = dict(
        _rows(connection, "select lifecycle_stage, count(*) from marts.fct_lead_scores group by 1")
    )
    out.append("Lifecycle stages:")
    out.append(_table(["stage", "contacts"], [(s, stage_counts.get(s, 0)) for s in STAGES]))
    out.append("")

    grades = _rows(
        connection,
        "select grade, count(*) from marts.fct_lead_scores group by grade "
        "order by min(fit_score) desc, grade",
    )
    out.append("Grades:")
    out.append(_table(["grade", "contacts"], grades))
    out.append("")

    leaders = _rows(
        connection,
        f"""
        with top_leads as (
            select contact_id, lead_score, fit_score, interest_score, grade, lifecycle_stage
            from marts.fct_lead_scores
            order by lead_score desc, contact_id
            limit {int(top)}
        ),
        reasons as (
            select
                contact_id,
                rule_id,
                points,
                row_number() over (
                    partition by contact_id order by points desc, rule_id
                ) as reason_rank
            from marts.fct_lead_score_components
            where points > 0
        )
        select
            top_leads.contact_id,
            round(top_leads.lead_score, 2),
            round(top_leads.fit_score, 2),
            round(top_leads.interest_score, 2),
            top_leads.grade,
            top_leads.lifecycle_stage,
            string_agg(reasons.rule_id || ' +' || cast(round(reasons.points, 1) as varchar), ', '
                order by reasons.reason_rank)
        from top_leads
        left join reasons
            on top_leads.contact_id = reasons.contact_id and reasons.reason_rank <= 3
        group by 1, 2, 3, 4, 5, 6
        order by 2 desc, 1
        """,
    )
    out.append(f"Top {len(leaders)} leads (top 3 reasons):")
    out.append(
        _table(["contact", "lead", "fit", "interest", "grade", "stage", "top reasons"], leaders)
    )
    out.append("")

    reconciliation = _rows(
        connection,
        "select raw_table, raw_rows, clean_rows, quarantined_rows, superseded_rows, is_reconciled "
        "from quality.fct_raw_reconciliation order by raw_table",
    )
    ok = all(row[-1] for row in reconciliation)
    out.append(
        "Raw data: " + ("every raw table reconciles" if ok else "RECONCILIATION FAILED")
        + " (raw = clean + quarantined + superseded)"
    )
    out.append(
        _table(["raw table", "raw", "clean", "quarantined", "superseded", "ok"], reconciliation)
    )
    return "\n".join(out)
