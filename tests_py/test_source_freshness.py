"""`dbt source freshness` on the raw tables as the project's own loader lands them (text), on
DuckDB, PostgreSQL and Spark.

The raw timestamps are text (the loader keeps every raw value as it arrived, so that staging can
quarantine what it cannot parse), and dbt needs a timestamp: a plain loaded_at_field failed on
every source ("Expected a timestamp value ... received value of type 'str'"). Each source table
declares a loaded_at_query (macros/staging/raw_freshness_query.sql): the latest value of its
timestamp column read as staging reads it, without unparsable and future values.

Data: the hand-worked fixture's raw tables (months old), plus three web events: one an hour ago
(its occurred_at written with a `Z`), one in 2099 (a future timestamp, left out) and one
unparsable ('yesterday', left out). Hand-worked: web_events is fresh (pass, latest = an hour
ago); crm_contacts' latest updated_at is 2026-07-01 10:00 (stale: error); event_attendance is
empty (loaded on 1970-01-01: error, not a runtime error); email_campaigns declares no freshness.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from dbt_harness import (
    copy_project,
    create_postgres_database,
    drop_postgres_database,
    load_raw,
    run_dbt,
)

FIXTURE = Path(__file__).parent / "fixtures" / "scoring" / "raw"
# the Spark leg starts a Spark session: out of `make test-fast`
SLOW_FIXTURES = {"spark_available"}
NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
FRESH = NOW - dt.timedelta(hours=1)
FRESHNESS_TABLES = {
    "crm_companies",
    "crm_contacts",
    "crm_deals",
    "web_events",
    "web_identities",
    "email_events",
    "form_submissions",
    "event_attendance",
}


def raw_with_fresh_events(folder: Path) -> Path:
    shutil.copytree(FIXTURE, folder)
    path = folder / "web_events.csv"
    with path.open(newline="") as handle:
        columns = next(csv.reader(handle))
    with path.open("a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        for event_id, occurred_at in (
            ("XF_FRESH", FRESH.strftime("%Y-%m-%dT%H:%M:%SZ")),
            ("XF_FUTURE", "2099-01-01 00:00:00"),
            ("XF_UNPARSABLE", "yesterday"),
        ):
            writer.writerow(
                {
                    "event_id": event_id,
                    "anonymous_id": "XF",
                    "contact_id": "C1",
                    "event_type": "page_view",
                    "page_url": "https://www.acme-saas.com/x",
                    "occurred_at": occurred_at,
                }
            )
    return folder


def freshness(tmp_path: Path, **target) -> dict[str, tuple[str, dt.datetime | None]]:
    """Load the raw folder and run `dbt source freshness`: {table: (status, max_loaded_at)}."""
    raw = raw_with_fresh_events(tmp_path / "raw")
    project = copy_project(tmp_path / "project")
    duckdb_path = tmp_path / "warehouse.duckdb" if not target else None
    loaded = load_raw(raw, duckdb_path, **target)
    assert loaded.returncode == 0, loaded.stderr
    result = run_dbt(project, duckdb_path, "source", "freshness", **target)
    # stale sources make dbt exit with 1; a runtime error is what must not happen
    assert result.returncode in (0, 1), result.stdout[-5000:]
    results = json.loads((project / "target" / "sources.json").read_text())["results"]
    found = {}
    for entry in results:
        table = entry["unique_id"].rsplit(".", 1)[-1]
        loaded_at = entry.get("max_loaded_at")
        found[table] = (
            entry["status"],
            dt.datetime.fromisoformat(loaded_at).astimezone(dt.timezone.utc) if loaded_at else None,
        )
    return found


def check(found: dict[str, tuple[str, dt.datetime | None]]) -> None:
    assert set(found) == FRESHNESS_TABLES
    statuses = {table: status for table, (status, _) in found.items()}
    assert "runtime error" not in statuses.values(), statuses
    assert found["web_events"] == ("pass", FRESH)
    utc = dt.timezone.utc
    assert found["crm_contacts"] == ("error", dt.datetime(2026, 7, 1, 10, tzinfo=utc))
    assert found["event_attendance"] == ("error", dt.datetime(1970, 1, 1, tzinfo=utc))
    assert {table for table, status in statuses.items() if status == "error"} == (
        FRESHNESS_TABLES - {"web_events"}
    )


def test_source_freshness_on_duckdb(tmp_path):
    check(freshness(tmp_path))


def test_source_freshness_on_postgres(postgres_server, tmp_path):
    database = create_postgres_database(f"lead_scoring_test_freshness_{os.getpid()}")
    try:
        check(freshness(tmp_path, target="postgres", database=database))
    finally:
        drop_postgres_database(database)


@pytest.mark.slow
def test_source_freshness_on_spark(spark_available, tmp_path):
    check(freshness(tmp_path, target="spark", spark_dir=tmp_path / "spark"))
