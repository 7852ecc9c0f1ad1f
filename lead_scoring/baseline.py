"""The plain hand-written DuckDB query of fct_lead_scores (lead_scoring/baseline_lead_scores.sql).

It is the benchmark's baseline (scripts/benchmark.py: the dbt project's time as a ratio of the
time of one plain query over the same files) and a second implementation of the scoring
semantics: the benchmark and the tests compare its result with fct_lead_scores on every contact
and field.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import duckdb

from lead_scoring import PROJECT_ROOT

QUERY_FILE = Path(__file__).with_name("baseline_lead_scores.sql")
SEEDS_DIR = PROJECT_ROOT / "seeds"
COLUMNS = (
    "contact_id",
    "fit_score",
    "grade",
    "is_disqualified",
    "interest_score",
    "lead_score",
    "score_percentile",
    "quadrant",
    "lifecycle_stage",
    "subscriber_at",
    "lead_at",
    "mql_at",
    "sql_at",
    "opportunity_at",
    "customer_at",
    "last_activity_at",
    "is_later_version",
)
SCORE_COLUMNS = ("fit_score", "interest_score", "lead_score")


def baseline_sql(raw_dir: Path, as_of: str, seeds_dir: Path = SEEDS_DIR) -> str:
    dt.date.fromisoformat(as_of)  # a real date, or ValueError
    for folder in (raw_dir, seeds_dir):
        if "'" in str(folder):
            raise ValueError(f"folder names with a quote are not supported: {folder}")
    return QUERY_FILE.read_text(encoding="utf-8").format(
        raw=Path(raw_dir).resolve(), seeds=Path(seeds_dir).resolve(), as_of=as_of
    )


def baseline_scores(
    raw_dir: Path, as_of: str, seeds_dir: Path = SEEDS_DIR, threads: int | None = None
) -> list[tuple]:
    """fct_lead_scores computed by the baseline query, ordered by contact_id."""
    connection = duckdb.connect()
    try:
        if threads:
            connection.execute(f"set threads = {int(threads)}")
        statements = [part for part in baseline_sql(raw_dir, as_of, seeds_dir).split(";\n")]
        for statement in statements[:-1]:
            connection.execute(statement)
        return connection.execute(statements[-1]).fetchall()
    finally:
        connection.close()


def project_scores(database: Path) -> list[tuple]:
    """fct_lead_scores of a built DuckDB warehouse, the same columns, ordered by contact_id."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            f"select {', '.join(COLUMNS)} from marts.fct_lead_scores order by contact_id"
        ).fetchall()


def compare(baseline: list[tuple], project: list[tuple], tolerance: float = 1e-6) -> list[str]:
    """Differences between two score lists (empty when they agree on every contact and field;
    scores within `tolerance`)."""
    problems = []
    left = {row[0]: row for row in baseline}
    right = {row[0]: row for row in project}
    for contact_id in sorted(set(left) ^ set(right)):
        side = "baseline" if contact_id in left else "project"
        problems.append(f"{contact_id}: only in the {side}")
    for contact_id in sorted(set(left) & set(right)):
        for name, a, b in zip(COLUMNS, left[contact_id], right[contact_id], strict=True):
            if name in SCORE_COLUMNS:
                same = a is not None and b is not None and math.isclose(a, b, abs_tol=tolerance)
            else:
                same = a == b
            if not same:
                problems.append(f"{contact_id}: {name} baseline {a!r} != project {b!r}")
    return problems
