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

    # Rounding and the reason text are done here, not in SQL: round(double, n) does not exist on
    # PostgreSQL, and string_agg differs between engines.
    top_leads = _rows(
        connection,
        f"""
        select contact_id, lead_score, fit_score, interest_score, grade, lifecycle_stage
        from marts.fct_lead_scores
        order by lead_score desc, contact_id
        limit {int(top)}
        """,
    )
    reasons: dict[str, list[str]] = {}
    if top_leads:
        ids = ", ".join("'" + str(row[0]).replace("'", "''") + "'" for row in top_leads)
        for contact_id, rule_id, points in _rows(
            connection,
            f"""
            select contact_id, rule_id, points
            from marts.fct_lead_score_components
            where points > 0 and contact_id in ({ids})
            order by contact_id, points desc, rule_id
            """,
        ):
            reasons.setdefault(contact_id, [])
            if len(reasons[contact_id]) < 3:
                reasons[contact_id].append(f"{rule_id} +{round(float(points), 1)}")
    leaders = sorted(
        (
            (
                contact_id,
                round(float(lead), 2),
                round(float(fit), 2),
                round(float(interest), 2),
                grade,
                stage,
                ", ".join(reasons.get(contact_id, [])) or None,
            )
            for contact_id, lead, fit, interest, grade, stage in top_leads
        ),
        key=lambda row: (-row[1], row[0]),
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
        "Raw data: "
        + ("every raw table reconciles" if ok else "RECONCILIATION FAILED")
        + " (raw = clean + quarantined + superseded)"
    )
    out.append(
        _table(["raw table", "raw", "clean", "quarantined", "superseded", "ok"], reconciliation)
    )
    return "\n".join(out)
