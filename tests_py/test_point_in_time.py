"""Point in time: what a build as of a day says uses only what was known that day.

(a) A hand-made fixture (tests_py/fixtures/point_in_time/raw, default seeds) whose every row is a
    point-in-time case, built as of 2026-06-30, then in the same warehouse as of 2026-07-31 and
    back as of 2026-06-30, without `--full-refresh`. Expected statuses, stages and dates are
    worked out by hand below; the build date (today) only matters for what is *in the future*
    (2029 rows).
(b) Generated data with dirty rows: the scores of the backtest day D = as_of_date − 90 days,
    computed inside a build as of 2026-06-30 (int_lead_scores_per_scoring_day), equal those of a
    separate build as of D, for every contact and field; and moving as_of_date back to D and
    forward again in one warehouse gives the marts of fresh builds as of those days.
(c) A hand-made fixture (tests_py/fixtures/backtest_day/raw, default seeds) of the inputs whose
    meaning depends on what exists on the day: a visitor identified as a contact and later as one
    created after D, forms matched by an e-mail that another contact holds on D than on
    as_of_date, a deal closed before it was created. Built as of 2026-06-30 and as of D =
    2026-04-01: the backtest day inside the first equals the second, contact by contact and
    rule by rule, with hand-worked interest points and the backtest's AUC.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest
from dbt_harness import WITHOUT_UNIT_TESTS, copy_project, generate_raw, load_raw, run_dbt
from test_idempotency import differences, snapshot

# several builds of their own, as of several days: out of `make test-fast`
pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "point_in_time" / "raw"
D = dt.date
SCORE_COLUMNS = (
    "contact_id, fit_score, grade, is_disqualified, interest_score, lead_score, "
    "score_percentile, quadrant, lifecycle_stage, subscriber_at, lead_at, mql_at, sql_at, "
    "opportunity_at, customer_at, last_activity_at, is_later_version"
)
TITLES = "select contact_id, job_title from marts.dim_contacts"


def build(project: Path, database: Path, as_of: str, *flags: str) -> None:
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


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def reconciliation(database: Path) -> dict[str, tuple]:
    return {
        row[0]: tuple(row[1:])
        for row in query(
            database,
            "select raw_table, raw_rows, clean_rows, quarantined_rows, superseded_rows, "
            "after_as_of_rows from quality.fct_raw_reconciliation",
        )
    }


# --- (a) the hand-made fixture -------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("point_in_time")
    project = copy_project(root / "project")
    database = root / "warehouse.duckdb"
    assert load_raw(FIXTURE, database).returncode == 0
    snapshots = {}
    build(project, database, "2026-06-30")
    snapshots["june"] = snapshot(database, ("intermediate.int_activities",))
    # copies keep the file name: DuckDB views name their database (the file's stem)
    june_copy = root / "june" / database.name
    june_copy.parent.mkdir()
    shutil.copy(database, june_copy)
    build(project, database, "2026-07-31")
    snapshots["july"] = snapshot(database, ("intermediate.int_activities",))
    july_copy = root / "july" / database.name
    july_copy.parent.mkdir()
    shutil.copy(database, july_copy)
    build(project, database, "2026-06-30")
    snapshots["june_again"] = snapshot(database, ("intermediate.int_activities",))
    return {"june": june_copy, "july": july_copy, "snapshots": snapshots}


def test_rows_after_as_of_date_are_not_quarantined(fixture_builds):
    assert reconciliation(fixture_builds["june"]) == {
        # CO1 changed on 07-10: the first version is in force on 06-30, the second has not
        # happened yet
        "crm_companies": (2, 1, 0, 0, 1),
        # P1 v1 in force (v2 written 07-05: after); P2 written only on 07-20 but created on
        # 02-01: its version stands in (clean); P3 created 07-02: after; P4 written in 2029:
        # a future timestamp, quarantined; P5 clean
        "crm_contacts": (6, 3, 1, 0, 2),
        # DL1 created 06-21 (written 07-21, its version stands in), DL2, DL3 (closed before it
        # was created: not bad data, SPEC §4a): all in force
        "crm_deals": (3, 3, 0, 0, 0),
        # E1 06-29 clean; E2 07-01, E3 08-15 and E4 07-03 (a contact created later) have not
        # happened yet; E5 in 2029 is in the future
        "web_events": (5, 1, 1, 0, 3),
        "web_identities": (0, 0, 0, 0, 0),
        "email_campaigns": (0, 0, 0, 0, 0),
        "email_events": (0, 0, 0, 0, 0),
        # S1 (07-05, the e-mail of P3, created 07-02): not yet, not "no contact with this e-mail"
        "form_submissions": (1, 0, 0, 0, 1),
        # R2 registers on 06-25 for an event on 2027-03-01, more than a day after the build date
        # too: a registration weeks ahead is no future timestamp (SPEC §2), not quarantined
        "event_attendance": (2, 2, 0, 0, 0),
    }
    assert set(
        query(
            fixture_builds["june"],
            "select raw_table, row_key, quarantine_reason from quality.fct_quarantined_rows",
        )
    ) == {
        ("crm_contacts", "P4", "updated_at more than a day in the future"),
        ("web_events", "E5", "occurred_at more than a day in the future"),
    }


def test_stages_and_versions_as_of_june(fixture_builds):
    got = {
        row[0]: row[1:]
        for row in query(
            fixture_builds["june"],
            "select contact_id, lifecycle_stage, opportunity_at, customer_at, is_later_version "
            "from marts.fct_lead_scores",
        )
    }
    assert got == {
        # DL1 was created on 06-21 and won on 07-21: an open deal on 06-30, an opportunity
        "P1": ("opportunity", D(2026, 6, 21), None, False),
        # DL2 won without closed_at: won on its update day 06-10; P2's only version was written
        # after 06-30, so it stands in and is flagged
        "P2": ("customer", D(2026, 5, 1), D(2026, 6, 10), True),
        # DL3 created 05-10 and closed 05-01 (an export error): closed on its created_at, so P5
        # becomes an opportunity and a customer on 05-10, not on 05-01 before the deal existed
        "P5": ("customer", D(2026, 5, 10), D(2026, 5, 10), False),
    }
    titles = dict(
        query(fixture_builds["june"], "select contact_id, job_title from marts.dim_contacts")
    )
    assert titles == {"P1": "Engineer", "P2": "Manager", "P5": "Manager"}
    # the registrations of 06-20 and 06-25 are activities; the attendances of the 07-10 and the
    # 2027-03-01 events are not yet (both attended = true)
    assert sorted(
        row[0]
        for row in query(
            fixture_builds["june"], "select activity_id from intermediate.int_activities"
        )
    ) == [
        "event_attendance:event_registration:R1",
        "event_attendance:event_registration:R2",
        "web_events:page_view:E1",
    ]
    # no evaluation day of P5 lies before its deal existed: its history starts as a lead on its
    # creation day 05-01 and reaches opportunity and customer together on 05-10
    assert query(
        fixture_builds["june"],
        "select evaluation_date, computed_stage from marts.fct_lead_score_history "
        "where contact_id = 'P5' order by evaluation_date",
    ) == [(D(2026, 5, 1), "lead"), (D(2026, 5, 10), "customer"), (D(2026, 6, 30), "customer")]
    # the backtest day 04-01 (06-30 − 90 days): DL2 (created 05-01) does not exist yet
    backtest = {
        row[0]: row[1:]
        for row in query(
            fixture_builds["june"],
            "select contact_id, opportunity_at, customer_at, is_later_version "
            "from intermediate.int_lead_scores_per_scoring_day "
            "where scoring_date = date '2026-04-01'",
        )
    }
    assert backtest == {"P1": (None, None, False), "P2": (None, None, True)}


def test_the_same_warehouse_as_of_july(fixture_builds):
    assert reconciliation(fixture_builds["july"]) == {
        "crm_companies": (2, 1, 0, 1, 0),
        "crm_contacts": (6, 4, 1, 1, 0),
        "crm_deals": (3, 3, 0, 0, 0),
        # E3 (08-15) is still ahead; E5 still in the future
        "web_events": (5, 3, 1, 0, 1),
        "web_identities": (0, 0, 0, 0, 0),
        "email_campaigns": (0, 0, 0, 0, 0),
        "email_events": (0, 0, 0, 0, 0),
        # S1 now belongs to P3 through its e-mail
        "form_submissions": (1, 1, 0, 0, 0),
        "event_attendance": (2, 2, 0, 0, 0),
    }
    got = {
        row[0]: row[1:]
        for row in query(
            fixture_builds["july"],
            "select contact_id, opportunity_at, customer_at, is_later_version "
            "from marts.fct_lead_scores",
        )
    }
    assert got["P1"] == (D(2026, 6, 21), D(2026, 7, 21), False)
    assert got["P2"] == (D(2026, 5, 1), D(2026, 6, 10), False)
    assert got["P5"] == (D(2026, 5, 10), D(2026, 5, 10), False)
    assert set(got) == {"P1", "P2", "P3", "P5"}
    titles = dict(
        query(fixture_builds["july"], "select contact_id, job_title from marts.dim_contacts")
    )
    assert titles["P1"] == "CTO"


def test_moving_as_of_date_back_needs_no_full_refresh(fixture_builds):
    snapshots = fixture_builds["snapshots"]
    assert snapshots["june"] != snapshots["july"]
    assert differences(snapshots["june"], snapshots["june_again"]) == []


# --- (b) generated data: the backtest day is a build as of that day ------------------------

AS_OF = "2026-06-30"
BACKTEST_DAY = "2026-04-01"  # AS_OF − conversion_window_days (90) of the default seeds


@pytest.fixture(scope="module")
def generated_builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("backtest_day")
    raw = root / "raw"
    generate_raw(
        raw,
        *("--contacts", "400", "--days", "240", "--dirty-share", "0.03"),
        *("--as-of", AS_OF, "--seed", "5", "-q"),
    )
    project = copy_project(root / "project")
    # (not "main.duckdb": DuckDB names the catalog after the file, and "main" is taken)
    databases = {name: root / f"{name}.duckdb" for name in ("as_of_day", "backtest_day", "moved")}
    for database in databases.values():
        assert load_raw(raw, database).returncode == 0
    build(project, databases["as_of_day"], AS_OF)
    build(project, databases["backtest_day"], BACKTEST_DAY)
    # one warehouse moved back to the backtest day and forward again, never fully refreshed
    build(project, databases["moved"], AS_OF)
    build(project, databases["moved"], BACKTEST_DAY)
    moved_back = snapshot(databases["moved"], ("intermediate.int_activities",))
    build(project, databases["moved"], AS_OF)
    moved_forward = snapshot(databases["moved"], ("intermediate.int_activities",))
    return {**databases, "moved_back": moved_back, "moved_forward": moved_forward}


def test_backtest_day_scores_equal_a_build_as_of_that_day(generated_builds):
    inside = query(
        generated_builds["as_of_day"],
        f"select {SCORE_COLUMNS} from intermediate.int_lead_scores_per_scoring_day "
        f"where scoring_date = date '{BACKTEST_DAY}' order by contact_id",
    )
    separate = query(
        generated_builds["backtest_day"],
        f"select {SCORE_COLUMNS} from marts.fct_lead_scores order by contact_id",
    )
    assert len(inside) > 100, "too few contacts on the backtest day to compare"
    assert [row[0] for row in inside] == [row[0] for row in separate]
    # every field, the scores to the last digit (SPEC §7: scores are exact to 9 decimals)
    for got, expected in zip(inside, separate, strict=True):
        assert got == expected, got[0]
    # the comparison is worth something: the data changed between the two days
    [(later,)] = query(
        generated_builds["as_of_day"],
        "select count(*) from intermediate.int_lead_scores_per_scoring_day "
        f"where scoring_date = date '{BACKTEST_DAY}' and is_later_version",
    )
    [(grown,)] = query(
        generated_builds["as_of_day"],
        f"select count(*) from marts.fct_lead_scores where customer_at > date '{BACKTEST_DAY}'",
    )
    assert later > 0 and grown > 0
    # the backtest mart's population is that day's leads that are not customers yet
    [(population,)] = query(
        generated_builds["as_of_day"],
        "select leads from marts.mart_scoring_performance where dimension = 'overall'",
    )
    [(expected,)] = query(
        generated_builds["backtest_day"],
        "select count(*) from marts.fct_lead_scores where lifecycle_stage != 'customer'",
    )
    assert population == expected


def test_moving_as_of_date_back_and_forth_gives_fresh_builds(generated_builds):
    assert (
        differences(
            snapshot(generated_builds["backtest_day"], ("intermediate.int_activities",)),
            generated_builds["moved_back"],
        )
        == []
    )
    assert (
        differences(
            snapshot(generated_builds["as_of_day"], ("intermediate.int_activities",)),
            generated_builds["moved_forward"],
        )
        == []
    )


# --- (c) the hand-made backtest fixture: inputs that depend on what exists on the day -----------

BACKTEST_FIXTURE = Path(__file__).parent / "fixtures" / "backtest_day" / "raw"


def decayed(points: float, age_days: int, half_life_days: int) -> float:
    return points * 0.5 ** (age_days / half_life_days)


@pytest.fixture(scope="module")
def backtest_builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("backtest_fixture")
    project = copy_project(root / "project")
    databases = {name: root / f"{name}.duckdb" for name in ("as_of_day", "backtest_day")}
    for database in databases.values():
        assert load_raw(BACKTEST_FIXTURE, database).returncode == 0
    build(project, databases["as_of_day"], AS_OF)
    build(project, databases["backtest_day"], BACKTEST_DAY)
    return databases


def test_backtest_day_reads_identities_and_emails_as_they_stood_on_that_day(backtest_builds):
    inside = query(
        backtest_builds["as_of_day"],
        f"select {SCORE_COLUMNS} from intermediate.int_lead_scores_per_scoring_day "
        f"where scoring_date = date '{BACKTEST_DAY}' order by contact_id",
    )
    separate = query(
        backtest_builds["backtest_day"],
        f"select {SCORE_COLUMNS} from marts.fct_lead_scores order by contact_id",
    )
    # Q2, Q4 and Q06 are created after D: on D only the five others exist
    assert [row[0] for row in separate] == ["Q1", "Q3", "Q6", "Q7", "Q8"]
    # every field, the scores to the last digit (SPEC §7: scores are exact to 9 decimals)
    assert inside == separate
    interest = {row[0]: row[4] for row in inside}
    expected = {
        # visitor A1 (pricing 03-20, home 03-25) was identified as Q1 on 03-26 and as Q2 on
        # 03-28; Q2 is created on 05-05, so on D that identification points to nobody and the
        # visits are Q1's; with its registration of 03-10 (the webinar of 04-20 is not yet)
        "Q1": decayed(1, 12, 30) + decayed(1, 7, 30) + decayed(10, 12, 30) + decayed(50, 22, 90),
        # demo request of 03-15 from shared@acme.com: Q3's address on D (Q4 has it from 05-02,
        # when Q3 had changed to q3new@acme.com on 05-01)
        "Q3": decayed(60, 17, 90),
        # contact request of 03-20 from two@acme.com: Q6's on D (Q06, the smaller id with the
        # same address, is created on 05-10)
        "Q6": decayed(40, 12, 90),
        "Q7": decayed(1, 1, 30) + decayed(10, 1, 30),
        # no activity in 90 days: -10, floored at 0
        "Q8": 0.0,
    }
    assert interest == pytest.approx(expected, abs=1e-6)
    # rule by rule: the backtest day's interest points equal the components of the build as of D
    components = "select contact_id, rule_id, matches, points from {} order by 1, 2"
    assert query(
        backtest_builds["as_of_day"],
        components.format(
            "intermediate.int_interest_rule_scores_on_scoring_day "
            "where scoring_day = 'backtest_date'"
        ),
    ) == query(
        backtest_builds["backtest_day"],
        components.format("marts.fct_lead_score_components where rule_kind = 'interest'"),
    )


def test_as_of_date_attributes_the_same_inputs_as_they_stand_then(backtest_builds):
    # on 06-30 the same rows belong to the contacts that hold them then
    assert query(
        backtest_builds["as_of_day"],
        "select source_row_id, contact_id from intermediate.int_activities "
        "where source_table in ('web_events', 'form_submissions') order by 1",
    ) == [("F1", "Q4"), ("F2", "Q06"), ("W1", "Q2"), ("W2", "Q2"), ("W3", "Q7"), ("W4", "Q2")]


def test_backtest_auc_is_that_of_the_scores_as_of_d(backtest_builds):
    # converted in (D, 06-30]: Q1 (DL1 created 04-10, closed 03-20: closed on its created_at,
    # 04-10) and Q3 (DL2 won 05-20); not converted: Q6, Q7, Q8. On D the converted leads have
    # the two highest interest scores (51.4 and 52.6 against 36.5, 10.7 and 0): AUC 1
    [(leads, conversions, auc_interest)] = query(
        backtest_builds["as_of_day"],
        "select leads, conversions, auc_interest_score from marts.mart_scoring_performance "
        "where dimension = 'overall'",
    )
    assert (leads, conversions, auc_interest) == (5, 2, 1.0)
