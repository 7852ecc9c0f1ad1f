"""Idempotency: two builds over the same input give identical marts, and an
incremental run gives the same marts (and incremental models) as a full refresh.

Data: generated (scripts/generate_data.py, with dirty rows) up to day D = 2026-06-30, with a few
changes on day D made by hand (below).

(a) `dbt build` twice over the same raw data: every table of the schemas marts and quality is
    identical (full contents, order-independent), and so is every incremental model. The second
    build runs the incremental models with nothing changed.
(b) Build with the raw data up to D-1 (as_of D-1); then the raw data of day D arrives - a new day
    of web, e-mail, form and event activities, a new web identification of an older anonymous
    visitor, whose old events (days before D) must be restitched, a contact's new CRM
    version (a new job title), a deal won, a contact created that day, a contact deleted from the
    CRM, and older raw rows changed: a web event corrected, an e-mail event deleted, another sent
    again on D with the same id, a form matched to the new contact by its e-mail - and an
    incremental `dbt build --vars as_of_date D` runs. Separately,
    `dbt build --full-refresh` over all the data as of D in another DuckDB file. The marts,
    int_activities and every incremental score model are identical, and the incremental run
    recomputed only some contacts (the others kept their rows).
(c) Then a seed edit (an interest rule's points and a fit rule's points): an incremental build
    as of D gives what a full refresh with the edited seeds gives (an edited seed recomputes
    every contact).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from dbt_harness import (
    PROJECT_DIR,
    WITHOUT_UNIT_TESTS,
    comparable,
    copy_project,
    generate_raw,
    load_raw,
    run_dbt,
)

from lead_scoring.benchmark import ACTIVITY_TABLES

# seven builds of generated data: out of `make test-fast`
pytestmark = pytest.mark.slow
PROJECT_SEEDS = PROJECT_DIR / "seeds"

DAY = "2026-06-30"
DAY_BEFORE = "2026-06-29"
COMPARED_SCHEMAS = ("marts", "quality")
NEW_IDENTITY_AT = f"{DAY} 12:00:00"
# the incremental models besides int_activity_log (read through int_activities), compared whole
INCREMENTAL_MODELS = tuple(
    f"intermediate.{name}"
    for name in (
        "int_activities",
        "int_scoring_day_activities",
        "int_contact_activity_days",
        "int_contact_evaluation_days",
        "int_interest_rule_points_per_activity_day",
        "int_interest_rule_scores_per_evaluation_day",
        "int_contact_attribute_values",
        "int_fit_rule_matches",
        "int_contact_fit_scores",
        "int_lead_scores_per_evaluation_day",
    )
)
FINGERPRINTS = "intermediate.int_scoring_contact_fingerprints"


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


def add_crm_changes_on_day(folder: Path) -> dict[str, str]:
    """CRM rows written on day D: a new version of an older contact with another job title, an
    open deal won that day, and a contact created that day (with a form submission that day).
    Returns the contact ids concerned."""
    columns, contacts = read_csv(folder / "crm_contacts.csv")
    older = sorted(
        (row for row in contacts if row["contact_id"] and row["created_at"][:10] < "2026-05-01"),
        key=lambda row: row["contact_id"],
    )
    retitled = dict(older[0], job_title="Chief Executive Officer", updated_at=f"{DAY} 09:00:00")
    created = dict(
        older[1],
        contact_id="ct_new_on_d",
        email="new.on.d@example.com",
        created_at=f"{DAY} 08:00:00",
        updated_at=f"{DAY} 08:00:00",
    )
    write_csv(folder / "crm_contacts.csv", columns, [*contacts, retitled, created])
    deal_columns, deals = read_csv(folder / "crm_deals.csv")
    open_deal = sorted(
        (
            row
            for row in deals
            if row["deal_stage"] == "open" and row["contact_id"] and row["created_at"] < DAY
        ),
        key=lambda row: row["deal_id"],
    )[0]
    won = dict(
        open_deal, deal_stage="won", closed_at=f"{DAY} 15:00:00", updated_at=f"{DAY} 15:00:00"
    )
    write_csv(folder / "crm_deals.csv", deal_columns, [*deals, won])
    form_columns, forms = read_csv(folder / "form_submissions.csv")
    submission = {column: "" for column in form_columns}
    submission.update(
        submission_id="fs_new_on_d",
        contact_id="ct_new_on_d",
        form_type="demo_request",
        page_url="https://www.example.com/demo",
        submitted_at=f"{DAY} 10:00:00",
    )
    write_csv(folder / "form_submissions.csv", form_columns, [*forms, submission])
    return {
        "retitled": retitled["contact_id"],
        "won": open_deal["contact_id"],
        "created": "ct_new_on_d",
    }


def correct_older_rows(folder: Path) -> dict[str, str]:
    """Raw rows of older days that the export of day D changes: an older web event's page_url
    corrected, an older e-mail event deleted, another older e-mail event sent again on day D with
    the same event_id (the later row is the clean one, the older a duplicate), and an older form
    without contact_id whose e-mail is the one of the contact created on D (no contact had it the
    day before). Returns the keys concerned."""
    columns, events = read_csv(folder / "web_events.csv")
    older = sorted(
        (row for row in events if row["event_id"] and "2026-05" <= row["occurred_at"] < "2026-06"),
        key=lambda row: row["event_id"],
    )
    corrected = older[0]
    corrected["page_url"] = "https://www.example.com/pricing/corrected"
    write_csv(folder / "web_events.csv", columns, events)
    email_columns, emails = read_csv(folder / "email_events.csv")
    older_emails = sorted(
        (row for row in emails if row["event_id"] and "2026-05" <= row["occurred_at"] < "2026-06"),
        key=lambda row: row["event_id"],
    )
    deleted, resent = older_emails[0]["event_id"], dict(older_emails[1])
    resent["occurred_at"] = f"{DAY} 11:00:00"
    write_csv(
        folder / "email_events.csv",
        email_columns,
        [*(row for row in emails if row["event_id"] != deleted), resent],
    )
    form_columns, forms = read_csv(folder / "form_submissions.csv")
    form = {column: "" for column in form_columns}
    form.update(
        submission_id="fs_older_by_email",
        email="New.On.D@example.com",
        form_type="content_download",
        asset_name="Pricing Guide",
        submitted_at="2026-06-20 10:00:00",
    )
    write_csv(folder / "form_submissions.csv", form_columns, [*forms, form])
    return {
        "corrected_web_event": corrected["event_id"],
        "deleted_email_event": deleted,
        "resent_email_event": resent["event_id"],
        "form_by_email": "fs_older_by_email",
    }


def delete_contact(folder: Path, keep: set[str]) -> str:
    """Delete every CRM row of one older contact (not one of `keep`), as a CRM export that no
    longer has it; returns its id."""
    columns, contacts = read_csv(folder / "crm_contacts.csv")
    contact_id = sorted(
        row["contact_id"]
        for row in contacts
        if row["contact_id"] and row["contact_id"] not in keep and row["created_at"] < "2026-05"
    )[-1]
    write_csv(
        folder / "crm_contacts.csv",
        columns,
        [row for row in contacts if row["contact_id"] != contact_id],
    )
    return contact_id


def edited_seeds(destination: Path) -> Path:
    """The default seeds with two weights changed: the first interest rule's and the first fit
    rule's points doubled."""
    shutil.copytree(PROJECT_SEEDS, destination)
    for name in ("scoring_interest_rules.csv", "scoring_fit_rules.csv"):
        columns, rows = read_csv(destination / name)
        rows[0]["points"] = str(float(rows[0]["points"]) * 2)
        write_csv(destination / name, columns, rows)
    return destination


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
    result = run_dbt(
        project,
        database,
        "build",
        "--vars",
        f"{{as_of_date: '{as_of}'}}",
        *WITHOUT_UNIT_TESTS,
        *flags,
    )
    assert result.returncode == 0, result.stdout[-5000:]
    return result


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("idempotency")
    full_raw = root / "raw_full"
    generate(full_raw)
    visitor = add_identification_of_old_visitor(full_raw)
    changed = add_crm_changes_on_day(full_raw)
    without_day(full_raw, root / "raw_before", DAY)
    # gone from the export of day D, or changed in it: there as they were the day before
    changed["deleted"] = delete_contact(full_raw, set(changed.values()))
    corrected = correct_older_rows(full_raw)
    project = copy_project(root / "project")
    edited = copy_project(root / "project_edited", seeds_dir=edited_seeds(root / "seeds_edited"))
    full_db = root / "full" / "warehouse.duckdb"
    incremental_db = root / "incremental" / "warehouse.duckdb"
    for database in (full_db, incremental_db):
        database.parent.mkdir()
    compared = (*INCREMENTAL_MODELS, FINGERPRINTS)

    def full_refresh_twice():
        assert load_raw(full_raw, full_db).returncode == 0
        dbt_build(project_copy("full", project), full_db, DAY, "--full-refresh")
        first = snapshot(full_db, compared)
        dbt_build(project_copy("full", project), full_db, DAY)
        second = snapshot(full_db, compared)
        dbt_build(project_copy("full_edited", edited), full_db, DAY, "--full-refresh")
        return first, second, snapshot(full_db, compared)

    def day_by_day():
        assert load_raw(root / "raw_before", incremental_db).returncode == 0
        dbt_build(project_copy("incremental", project), incremental_db, DAY_BEFORE)
        before = snapshot(incremental_db, (FINGERPRINTS,))
        assert load_raw(full_raw, incremental_db).returncode == 0
        dbt_build(project_copy("incremental", project), incremental_db, DAY)
        after = snapshot(incremental_db, compared)
        dbt_build(project_copy("incremental_edited", edited), incremental_db, DAY)
        return before, after, snapshot(incremental_db, compared)

    def project_copy(name: str, source: Path) -> Path:
        # each thread runs dbt in a project folder of its own (target/ and logs/ are per run)
        destination = root / f"project_{name}"
        if not destination.exists():
            shutil.copytree(source, destination)
        return destination

    with ThreadPoolExecutor(max_workers=2) as pool:
        full = pool.submit(full_refresh_twice)
        incremental = pool.submit(day_by_day)
        first, second, full_edited = full.result()
        day_before, incremental_day, incremental_edited = incremental.result()
        return {
            "first": first,
            "second": second,
            "full_edited": full_edited,
            "day_before": day_before,
            "incremental": incremental_day,
            "incremental_edited": incremental_edited,
            "visitor": visitor,
            "changed": changed,
            "corrected": corrected,
            "full_db": full_db,
        }


def test_two_builds_over_the_same_input_give_identical_marts(runs):
    assert runs["first"], "no mart was built"
    assert {"marts.fct_lead_scores", "quality.fct_raw_reconciliation"} <= set(runs["first"])
    assert differences(runs["first"], runs["second"]) == []


def test_incremental_run_gives_the_marts_of_a_full_refresh(runs):
    assert set(INCREMENTAL_MODELS) <= set(runs["incremental"])
    assert differences(runs["first"], runs["incremental"]) == []


def test_incremental_run_recomputes_only_the_changed_contacts(runs):
    """The day's run kept the rows of most contacts: their fingerprint did not change from D-1
    to D, on both scoring days; and it recomputed the contacts whose CRM record, deal or
    existence changed on D."""

    def fingerprints(snapshot_: dict) -> dict[tuple[str, str], str]:
        return {(day, contact): value for day, contact, value in snapshot_[FINGERPRINTS]}

    before, after = fingerprints(runs["day_before"]), fingerprints(runs["incremental"])
    for scoring_day in ("as_of_date", "backtest_date"):
        keys = [key for key in after if key[0] == scoring_day]
        kept = [key for key in keys if before.get(key) == after[key]]
        assert 0 < len(kept) < len(keys), (scoring_day, len(kept), len(keys))
    changed = runs["changed"]
    for role in ("retitled", "won"):
        key = ("as_of_date", changed[role])
        assert key in before and before[key] != after[key], role
    assert ("as_of_date", changed["created"]) in after
    assert ("as_of_date", changed["created"]) not in before
    assert ("as_of_date", changed["deleted"]) in before
    assert ("as_of_date", changed["deleted"]) not in after


def test_incremental_run_after_a_seed_edit_gives_the_full_refresh(runs):
    assert differences(runs["full_edited"], runs["incremental_edited"]) == []
    # the edit changed the scores: the comparison above is not of two unchanged builds
    assert runs["full_edited"]["marts.fct_lead_scores"] != runs["first"]["marts.fct_lead_scores"]


def test_the_older_raw_rows_changed_as_intended(runs):
    """The corrections of older raw days are in the full refresh: the comparison above covers
    them."""
    corrected = runs["corrected"]
    with duckdb.connect(str(runs["full_db"]), read_only=True) as connection:
        (page_url,) = connection.execute(
            "select page_url from staging.stg_web__events where event_id = ?",
            [corrected["corrected_web_event"]],
        ).fetchone()
        (deleted,) = connection.execute(
            "select count(*) from staging.base_email__events where event_id = ?",
            [corrected["deleted_email_event"]],
        ).fetchone()
        resent = connection.execute(
            "select row_status, cast(occurred_at as date) from staging.base_email__events "
            "where event_id = ? order by row_status",
            [corrected["resent_email_event"]],
        ).fetchall()
        (form_contact,) = connection.execute(
            "select contact_id from staging.stg_forms__submissions where submission_id = ?",
            [corrected["form_by_email"]],
        ).fetchone()
    assert page_url.endswith("/corrected")
    assert deleted == 0
    assert resent == [("clean", dt.date(2026, 6, 30)), ("quarantined", resent[1][1])]
    assert form_contact == runs["changed"]["created"]


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
