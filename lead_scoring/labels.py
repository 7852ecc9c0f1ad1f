"""The codes of the scoring labels (lifecycle stages, quadrants) for Python, in their order.

They are read from the seed ``seeds/scoring_labels.csv`` (kind, value, label, sort_order), the
one list the dbt project reads too (``marts.dim_scoring_labels``; a dbt test fails the build when
its ``lifecycle_stage`` rows differ from the stages the models compute). Scripts that read a
built warehouse may read the mart instead; this module is for code that needs the codes before
or beside a warehouse (the Great Expectations suite, the tests).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from lead_scoring import PROJECT_ROOT

LABELS_SEED = Path("seeds") / "scoring_labels.csv"


@cache
def label_values(kind: str, project_root: Path = PROJECT_ROOT) -> tuple[str, ...]:
    """The values of one label kind (e.g. ``lifecycle_stage``), in ``sort_order``.

    Raises ``ValueError`` when the seed has no row of that kind.
    """
    with (Path(project_root) / LABELS_SEED).open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["kind"].strip() == kind]
    if not rows:
        raise ValueError(f"{LABELS_SEED} has no row of kind {kind!r}")
    return tuple(row["value"].strip() for row in sorted(rows, key=lambda r: int(r["sort_order"])))


def lifecycle_stages() -> tuple[str, ...]:
    """The lifecycle stages, lowest first: subscriber, lead, mql, sql, opportunity, customer."""
    return label_values("lifecycle_stage")


def quadrants() -> tuple[str, ...]:
    """The quadrants of fit x interest, in the seed's order."""
    return label_values("quadrant")
