"""Idempotency: two builds over the same input give identical marts, and an
incremental run gives the same marts as a full refresh.

Data: generated (scripts/generate_data.py, with dirty rows) up to day D = 2026-06-30.

(a) `dbt build` twice over the same raw data: every table of the schemas marts and quality is
    identical (full contents, order-independent). The second build runs int_activities
    incrementally, so this also covers an incremental run with no new data.
(b) Build with the raw data up to D-1 (as_of D-1); then add the raw rows of day D - a new day
    of web, e-mail, form and event activities, and a new web identification of an older
    anonymous visitor, whose old events (outside the lookback) must be restitched - and run an
    incremental `dbt build --vars as_of_date D`. Separately, `dbt build --full-refresh` over all
    the data as of D in another DuckDB file. The marts (and int_activities) are identical.
"""

from __future__ import annotations

import csv
import math
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from dbt_harness import comparable, copy_project, generate_raw, load_raw, run_dbt

from lead_scoring.benchmark import ACTIVITY_TABLES

# four builds of generated data: out of `make test-fast`
pytestmark = pytest.mark.slow

DAY = "2026-06-30"
DAY_BEFORE = "2026-06-29"
COMPARED_SCHEMAS = ("marts", "quality")
NEW_IDENTITY_AT = f"{DAY} 12:00:00"


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def generate(folder: Path) -> None:
    generate_raw(
        folder,
        *("--contacts", "150", "--days", "60", "--dirty-share", "0.03"),
        *("--as-of", DAY, "--seed", "11", "-q"),
    )


def add_identification_of_old_visitor(folder: Path) -> str:
    """Identify, on day D, a visitor whose (anonymous) events are all older than a week, as a
    contact that exists; returns the anonymous_id."""
    _, events = read_csv(folder / "web_events.csv")
    columns, identities = read_csv(folder / "web_identities.csv")
    _, contacts = read_csv(folder / "crm_contacts.csv")
    identified = {row["anonymous_id"] for row in identities}
    known = {row["anonymous_id"] for row in events if row["contact_id"]}
    days: dict[str, list[str]] = {}
    for row in events:
        if row["anonymous_id"] and not row["contact_id"]:
            days.setdefault(row["anonymous_id"], []).append(row["occurred_at"][:10])
    candidates = sorted(
        anonymous_id
        for anonymous_id, event_days in days.items()
        if anonymous_id not in identified | known
        and all("2026-" <= day < "2026-06-20" for day in event_days)
        and len(event_days) >= 2
    )
    assert candidates, "the generated data has no old anonymous visitor"
    contact_id = sorted(
        row["contact_id"]
        for row in contacts
        if row["contact_id"] and row["created_at"][:10] < "2026-06-01"
    )[0]
    identities.append(
        {"anonymous_id": candidates[0], "contact_id": contact_id, "identified_at": NEW_IDENTITY_AT}
    )
    write_csv(folder / "web_identities.csv", columns, identities)
    return candidates[0]


def without_day(full: Path, folder: Path, day: str) -> None:
    """The raw folder as it stood before `day`: the activity rows of that day removed."""
    shutil.copytree(full, folder)
    for table, column in ACTIVITY_TABLES.items():
        columns, rows = read_csv(full / f"{table}.csv")
        write_csv(
            folder / f"{table}.csv",
            columns,
            [row for row in rows if not row[column].startswith(day)],
        )


def snapshot(database: Path, extra: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every table of the compared schemas (and `extra` ones): sorted rows, values made
    comparable (floats rounded to 12 significant digits: a sum of doubles may differ in the last
    bit between runs)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        tables = [
            f"{schema}.{name}"
            for schema, name in connection.execute(
                "select table_schema, table_name from information_schema.tables "
                f"where table_schema in {COMPARED_SCHEMAS} order by 1, 2"
            ).fetchall()
        ] + list(extra)
        return {
            table: sorted(
                (
                    tuple(comparable(value) for value in row)
                    for row in connection.execute(f"select * from {table}").fetchall()
                ),
                key=repr,
            )
            for table in tables
        }


def same_rows(left: list[tuple], right: list[tuple]) -> bool:
    """The same rows, floats equal to 1e-9 (relative): rounding to 12 digits alone is not enough,
    since a value that lies on a rounding boundary rounds either way when its last bit moves."""

    def close(a, b) -> bool:
        if isinstance(a, float) and isinstance(b, float):
            return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        return a == b

    return len(left) == len(right) and all(
        len(row_a) == len(row_b) and all(map(close, row_a, row_b))
        for row_a, row_b in zip(left, right, strict=True)
    )


def differences(left: dict, right: dict) -> list[str]:
    found = []
    for table in sorted(set(left) | set(right)):
        if table in left and table in right and same_rows(left[table], right[table]):
            continue
        if left.get(table) != right.get(table):
            only_left = [row for row in left.get(table, []) if row not in right.get(table, [])]
            only_right = [row for row in right.get(table, []) if row not in left.get(table, [])]
            found.append(
                f"{table}: {len(only_left)} row(s) only in the first, e.g. {only_left[:2]}; "
                f"{len(only_right)} only in the second, e.g. {only_right[:2]}"
            )
    return found


def dbt_build(project: Path, database: Path, as_of: str, *flags: str):
    result = run_dbt(project, database, "build", "--vars", f"{{as_of_date: '{as_of}'}}", *flags)
    assert result.returncode == 0, result.stdout[-5000:]
    return result


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("idempotency")
    full_raw = root / "raw_full"
    generate(full_raw)
    visitor = add_identification_of_old_visitor(full_raw)
    without_day(full_raw, root / "raw_before", DAY)
    project = copy_project(root / "project")
    full_db = root / "full" / "warehouse.duckdb"
    incremental_db = root / "incremental" / "warehouse.duckdb"
    for database in (full_db, incremental_db):
        database.parent.mkdir()

    def full_refresh_twice():
        assert load_raw(full_raw, full_db).returncode == 0
        dbt_build(project_copy("full"), full_db, DAY, "--full-refresh")
        first = snapshot(full_db, ("intermediate.int_activities",))
        dbt_build(project_copy("full"), full_db, DAY)
        second = snapshot(full_db, ("intermediate.int_activities",))
        return first, second

    def day_by_day():
        assert load_raw(root / "raw_before", incremental_db).returncode == 0
        dbt_build(project_copy("incremental"), incremental_db, DAY_BEFORE)
        assert load_raw(full_raw, incremental_db).returncode == 0
        dbt_build(project_copy("incremental"), incremental_db, DAY)
        return snapshot(incremental_db, ("intermediate.int_activities",))

    def project_copy(name: str) -> Path:
        # each thread runs dbt in a project folder of its own (target/ and logs/ are per run)
        destination = root / f"project_{name}"
        if not destination.exists():
            shutil.copytree(project, destination)
        return destination

    with ThreadPoolExecutor(max_workers=2) as pool:
        full = pool.submit(full_refresh_twice)
        incremental = pool.submit(day_by_day)
        first, second = full.result()
        return {
            "first": first,
            "second": second,
            "incremental": incremental.result(),
            "visitor": visitor,
            "full_db": full_db,
        }


def test_two_builds_over_the_same_input_give_identical_marts(runs):
    assert runs["first"], "no mart was built"
    assert {"marts.fct_lead_scores", "quality.fct_raw_reconciliation"} <= set(runs["first"])
    assert differences(runs["first"], runs["second"]) == []


def test_incremental_run_gives_the_marts_of_a_full_refresh(runs):
    assert differences(runs["first"], runs["incremental"]) == []


def test_the_new_day_and_the_restitched_visitor_are_in_the_data(runs):
    """The comparison above is only worth something if day D brought activities, and the
    visitor identified on D has older events that became a contact's activities."""
    with duckdb.connect(str(runs["full_db"]), read_only=True) as connection:
        (day_activities,) = connection.execute(
            f"select count(*) from intermediate.int_activities where activity_date = date '{DAY}'"
        ).fetchone()
        (restitched,) = connection.execute(
            "select count(*) from intermediate.int_web_events_stitched "
            "where anonymous_id = ? and traffic_class = 'known' "
            "and occurred_at < date '2026-06-20'",
            [runs["visitor"]],
        ).fetchone()
    assert day_activities > 0
    assert restitched >= 2
