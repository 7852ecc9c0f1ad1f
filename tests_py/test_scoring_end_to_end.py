"""End to end: loader + `dbt build` on a small hand-made fixture, every expected number worked out
by hand from the rules of models/overview.md (the arithmetic is in the comments), as of 2026-06-30.

Fixture: tests_py/fixtures/scoring/raw (raw tables, with a few dirty rows) and
tests_py/fixtures/scoring/seeds (a small rule set that keeps the arithmetic readable):

  fit      F1 industry equals Software +30 · F2 employee_count between 100 and 1000 +20 ·
           F3 seniority equals c_level +25 · F4 email_domain in rival.com|compete.io disqualify ·
           F5 is_free_email is_true -15 · F6 job_title is_null -5 · F7 country not_in US|GB -10 ·
           F8 annual_revenue gte 1000000 +40 · F9 department equals engineering +10
  interest I1 page_view +2 (cap 10) · I2 page_view equals /pricing +10 (half-life 10 days) ·
           I3 email_open +5 (window 30 days) · I4 email_unsubscribe -20 (cap 15) ·
           I5 demo_request +60 · I6 video_view gte 50 +4 · I7 newsletter_signup +10
  settings MQL 50, SQL 100, min grade C, weights 1 and 1, fit high 50, interest high 40,
           interest_max 150, inactivity 30 days -10; grades A 80, B 60, C 40, D 20, F 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest
from dbt_harness import FIXTURE, build_fixture

D = dt.date
# builds of their own (a seed edit, utm tags): out of `make test-fast`; `warehouse` is shared
SLOW_FIXTURES = {"tuned", "campaigns"}


def build(tmp_path: Path, seeds_dir: Path, raw_dir: Path = FIXTURE / "raw") -> Path:
    """The fixture (or raw_dir) built with seeds_dir in tmp_path; returns the DuckDB file."""
    return build_fixture(tmp_path, seeds_dir, raw_dir).database


@pytest.fixture(scope="module")
def warehouse(scoring_warehouse) -> duckdb.DuckDBPyConnection:
    """The hand-worked fixture as built once for the session (conftest.py), read only."""
    connection = duckdb.connect(str(scoring_warehouse.database), read_only=True)
    yield connection
    connection.close()


def rows(connection, sql: str) -> dict:
    """First column -> rest of the row (a tuple, or the value when there is one)."""
    result = {}
    for row in connection.execute(sql).fetchall():
        result[row[0]] = row[1] if len(row) == 2 else tuple(row[1:])
    return result


# --- foundation: counts, quarantine, reconciliation, stitching --------------------------------


def test_every_raw_table_reconciles_with_hand_counted_buckets(warehouse):
    got = rows(
        warehouse,
        "select raw_table, raw_rows, clean_rows, quarantined_rows, superseded_rows, "
        "after_as_of_rows from quality.fct_raw_reconciliation",
    )
    assert got == {
        # CO1 has two versions: the older one is superseded
        "crm_companies": (3, 2, 0, 1, 0),
        # C5 was created and written on 2026-07-01, after as_of_date: it has not happened yet
        # (after_as_of), not bad data; C7's older version superseded
        "crm_contacts": (9, 7, 0, 1, 1),
        # D1 open, then won: the open version is superseded
        "crm_deals": (2, 1, 0, 1, 0),
        # W92 has the unknown type 'hover'; the second W71 is a duplicate
        "web_events": (12, 10, 2, 0, 0),
        "web_identities": (2, 2, 0, 0, 0),
        "email_campaigns": (1, 1, 0, 0, 0),
        # M4 refers to contact C404, which does not exist
        "email_events": (4, 3, 1, 0, 0),
        "form_submissions": (6, 6, 0, 0, 0),
        "event_attendance": (0, 0, 0, 0, 0),
    }


def test_quarantined_rows_name_their_reason(warehouse):
    got = set(
        warehouse.execute(
            "select raw_table, row_key, quarantine_reason from quality.fct_quarantined_rows"
        ).fetchall()
    )
    assert got == {
        ("web_events", "W92", "unknown event_type"),
        ("web_events", "W71", "duplicate event_id"),
        ("email_events", "M4", "unknown contact_id"),
    }


def test_identity_stitching(warehouse):
    got = rows(
        warehouse,
        "select event_id, contact_id, traffic_class from intermediate.int_web_events_stitched",
    )
    # A6 was identified as C2 on 05-01 and as C6 on 06-12: the latest wins, and W61 (05-25,
    # before the identification) belongs to C6 too.
    assert got["W61"] == ("C6", "known")
    assert got["W62"] == ("C6", "known")
    # W63 is C6's, but its user agent contains 'bot': kept, not scored
    assert got["W63"] == ("C6", "bot")
    # A9 was never identified
    assert got["W91"] == (None, "anonymous")
    assert got["W11"] == ("C1", "known")
    assert len(got) == 10


def test_activity_stream(warehouse):
    got = rows(
        warehouse,
        "select activity, count(*) from intermediate.int_activities group by activity",
    )
    # web: W11 W12 W61 W62 W71 W72 W73 page views, W31 a video; forms: S1 S3 S4 S5 S6 demo
    # requests, S2 a newsletter sign-up; e-mail: M2 open, M3 unsubscribe (M1 'sent' is no activity)
    assert got == {
        "page_view": 7,
        "video_view": 1,
        "demo_request": 5,
        "newsletter_signup": 1,
        "email_open": 1,
        "email_unsubscribe": 1,
    }
    # S4-S6 have no contact_id; their e-mail matches C8 case-insensitively (with blanks)
    assert rows(
        warehouse,
        "select source_row_id, contact_id from intermediate.int_activities "
        "where source_table = 'form_submissions'",
    ) == {"S1": "C1", "S2": "C2", "S3": "C3", "S4": "C8", "S5": "C8", "S6": "C8"}
    # page paths normalised: /Pricing/?utm_source=x#plans -> /pricing, / stays /
    assert rows(
        warehouse,
        "select source_row_id, detail from intermediate.int_activities "
        "where source_row_id in ('W11', 'W12', 'W61', 'W73')",
    ) == {"W11": "/pricing", "W12": "/", "W61": "/product", "W73": "/pricing"}


# --- scoring ----------------------------------------------------------------------------------

EXPECTED_SCORES = {
    # C1 CEO at CO1 (Software, 500 employees, revenue 500k), US:
    #   fit = F1 30 + F2 20 + F3 25 = 75 -> grade B.
    #   interest: I1 two page views 2 + 2 = 4; I2 /pricing on 06-20, age 10, half-life 10:
    #   10 x 0.5 = 5; I5 demo request 60 -> 69. lead = 75 + 69 = 144.
    "C1": (75.0, "B", False, 69.0, 144.0),
    # C2 student with gmail, DE: fit = F5 -15 + F7 -10 = -25 -> 0, grade F.
    #   interest: I7 10; I3 open on 05-10 is 51 days old, outside the 30-day window: 0;
    #   I4 -20 capped at 15 keeping the sign: -15; last engagement 05-10 is 51 >= 30 days ago:
    #   inactivity -10. 10 - 15 - 10 = -15 -> floor 0.
    "C2": (0.0, "F", False, 0.0, 0.0),
    # C3 @rival.com at CO1: fit = 30 + 20 + F4 0 = 50, disqualified -> F.
    #   interest: I5 60 + I6 video 75% >= 50: 4 = 64. lead 114.
    "C3": (50.0, "F", True, 64.0, 114.0),
    # C4 no title, no company, no country: fit = F6 -5 -> 0, F. No activity: -10 -> 0.
    "C4": (0.0, "F", False, 0.0, 0.0),
    # C6 Marketing Manager at CO1, GB: fit = 30 + 20 = 50 -> C.
    #   interest: I1 W61 + W62 = 4 (W63 is a bot); I2 W62 /pricing on 06-10, age 20:
    #   10 x 0.25 = 2.5 -> 6.5; last engagement 06-10, 20 < 30 days: no inactivity. lead 56.5.
    "C6": (50.0, "C", False, 6.5, 56.5),
    # C7 Engineer in Engineering at CO2 (software, 50 employees): fit = 30 + F9 10 = 40 -> C.
    #   interest: three /pricing views on 03-01 (121 days before 06-30): I1 3 x 2 = 6;
    #   I2 30 x 0.5^12.1 = 0.00683; inactivity -10 -> 6.00683 - 10 < 0 -> 0. lead 40.
    "C7": (40.0, "C", False, 0.0, 40.0),
    # C8 no title, US: fit = -5 -> 0, F. Three demo requests (S4-S6) on 06-29: 180,
    #   above interest_max 150 -> 150. lead 150.
    "C8": (0.0, "F", False, 150.0, 150.0),
}


def test_scores_grades_and_disqualification(warehouse):
    got = rows(
        warehouse,
        "select contact_id, fit_score, grade, is_disqualified, interest_score, lead_score "
        "from marts.fct_lead_scores",
    )
    assert got.keys() == EXPECTED_SCORES.keys()  # C5 does not exist as of 06-30
    for contact_id, (fit, grade, disqualified, interest, lead) in EXPECTED_SCORES.items():
        got_fit, got_grade, got_disqualified, got_interest, got_lead = got[contact_id]
        assert got_fit == pytest.approx(fit), contact_id
        assert got_grade == grade, contact_id
        assert got_disqualified == disqualified, contact_id
        assert got_interest == pytest.approx(interest, abs=1e-9), contact_id
        assert got_lead == pytest.approx(lead, abs=1e-9), contact_id


def test_percentile_and_quadrant(warehouse):
    got = rows(
        warehouse, "select contact_id, score_percentile, quadrant from marts.fct_lead_scores"
    )
    # lead scores ascending: C2 0, C4 0, C7 40, C6 56.5, C3 114, C1 144, C8 150;
    # percent_rank = (rank - 1) / 6; percentile = 1 + floor(99 x percent_rank)
    assert got == {
        "C2": (1, "avoid"),  # fit 0 < 50, interest 0 < 40
        "C4": (1, "avoid"),
        "C7": (34, "avoid"),  # 1 + floor(99 x 2/6 = 33)
        "C6": (50, "nurture"),  # 1 + floor(49.5); fit 50 >= 50, interest 6.5 < 40
        "C3": (67, "sweet_spot"),  # 1 + floor(66); fit 50, interest 64
        "C1": (83, "sweet_spot"),  # 1 + floor(82.5)
        "C8": (100, "review"),  # fit 0, interest 150
    }


def test_lifecycle_stages_and_dates(warehouse):
    got = rows(
        warehouse,
        "select contact_id, lifecycle_stage, subscriber_at, lead_at, mql_at, sql_at, "
        "opportunity_at, customer_at from marts.fct_lead_scores",
    )
    assert got == {
        # 06-01: lead 75 + 0 -> mql; 06-25: 75 + 69.07 = 144.07 >= 100 -> sql
        "C1": ("sql", D(2026, 6, 1), D(2026, 6, 1), D(2026, 6, 1), D(2026, 6, 25), None, None),
        # only conversion: a newsletter sign-up
        "C2": ("subscriber", D(2026, 5, 1), None, None, None, None, None),
        # lead 114 but grade F is below the minimum grade C; a demo request makes it a lead
        "C3": ("lead", D(2026, 6, 10), D(2026, 6, 10), None, None, None, None),
        # CRM override sql on 06-03, deal created 06-05, won 06-20
        "C4": (
            "customer",
            D(2026, 6, 1),
            D(2026, 6, 1),
            D(2026, 6, 3),
            D(2026, 6, 3),
            D(2026, 6, 5),
            D(2026, 6, 20),
        ),
        # created 06-01; W61 (05-25) counts on the creation day: 50 + 2 = 52 -> mql
        "C6": ("mql", D(2026, 6, 1), D(2026, 6, 1), D(2026, 6, 1), None, None, None),
        # 03-01: 40 + 36 = 76 -> mql; by 06-30 the score decayed to 40, the stage stays mql
        "C7": ("mql", D(2026, 1, 1), D(2026, 1, 1), D(2026, 3, 1), None, None, None),
        "C8": ("lead", D(2026, 6, 1), D(2026, 6, 1), None, None, None, None),
    }


def test_history_of_a_decaying_lead(warehouse):
    got = warehouse.execute(
        "select evaluation_date, interest_score, lead_score, computed_stage, reached_stage "
        "from marts.fct_lead_score_history where contact_id = 'C7' order by evaluation_date"
    ).fetchall()
    assert [row[0] for row in got] == [D(2026, 1, 1), D(2026, 3, 1), D(2026, 6, 30)]
    # 01-01: no activity yet: -10 -> 0; 03-01: I1 6 + I2 30 = 36
    assert [row[1] for row in got] == pytest.approx([0.0, 36.0, 0.0])
    assert [row[3] for row in got] == ["lead", "mql", "lead"]
    assert [row[4] for row in got] == ["lead", "mql", "mql"]


def test_history_evaluation_days(warehouse):
    got = warehouse.execute(
        "select contact_id, evaluation_date, lead_score from marts.fct_lead_score_history "
        "where contact_id in ('C1', 'C4') order by 1, 2"
    ).fetchall()
    assert got == [
        ("C1", D(2026, 6, 1), pytest.approx(75.0)),
        ("C1", D(2026, 6, 20), pytest.approx(87.0)),  # 75 + I1 2 + I2 10
        ("C1", D(2026, 6, 25), pytest.approx(75 + 2 + 10 * 0.5**0.5 + 60)),
        ("C1", D(2026, 6, 30), pytest.approx(144.0)),
        # creation, override, deal created, deal won, as_of_date
        ("C4", D(2026, 6, 1), 0.0),
        ("C4", D(2026, 6, 3), 0.0),
        ("C4", D(2026, 6, 5), 0.0),
        ("C4", D(2026, 6, 20), 0.0),
        ("C4", D(2026, 6, 30), 0.0),
    ]


def test_components_explain_every_point(warehouse):
    got = {
        (row[0], row[1]): (row[2], row[3], row[4])
        for row in warehouse.execute(
            "select contact_id, rule_id, rule_kind, matches, points "
            "from marts.fct_lead_score_components"
        ).fetchall()
    }
    expected = {
        ("C1", "F1"): ("fit", 1, 30.0),
        ("C1", "F2"): ("fit", 1, 20.0),
        ("C1", "F3"): ("fit", 1, 25.0),
        ("C1", "I1"): ("interest", 2, 4.0),
        ("C1", "I2"): ("interest", 1, 5.0),
        ("C1", "I5"): ("interest", 1, 60.0),
        ("C2", "F5"): ("fit", 1, -15.0),
        ("C2", "F7"): ("fit", 1, -10.0),
        ("C2", "I4"): ("interest", 1, -15.0),
        ("C2", "I7"): ("interest", 1, 10.0),
        ("C2", "inactivity"): ("inactivity", 1, -10.0),
        ("C3", "F1"): ("fit", 1, 30.0),
        ("C3", "F2"): ("fit", 1, 20.0),
        ("C3", "F4"): ("fit", 1, 0.0),
        ("C3", "I5"): ("interest", 1, 60.0),
        ("C3", "I6"): ("interest", 1, 4.0),
        ("C4", "F6"): ("fit", 1, -5.0),
        ("C4", "inactivity"): ("inactivity", 1, -10.0),
        ("C6", "F1"): ("fit", 1, 30.0),
        ("C6", "F2"): ("fit", 1, 20.0),
        ("C6", "I1"): ("interest", 2, 4.0),
        ("C6", "I2"): ("interest", 1, 2.5),
        ("C7", "F1"): ("fit", 1, 30.0),
        ("C7", "F9"): ("fit", 1, 10.0),
        ("C7", "I1"): ("interest", 3, 6.0),
        ("C7", "I2"): ("interest", 3, 30 * 0.5**12.1),
        ("C7", "inactivity"): ("inactivity", 1, -10.0),
        ("C8", "F6"): ("fit", 1, -5.0),
        ("C8", "I5"): ("interest", 3, 180.0),  # before interest_max
    }
    assert got.keys() == expected.keys()
    for key, (kind, matches, points) in expected.items():
        assert got[key][:2] == (kind, matches), key
        assert got[key][2] == pytest.approx(points, abs=1e-9), key


def test_dim_contacts_masks_email(warehouse):
    got = rows(warehouse, "select contact_id, email from marts.dim_contacts")
    assert got["C1"] == "a***@acme.com"
    assert got["C8"] == "d***@example.com"


# --- the marts that make the score actionable ---------------------------------------

# The three largest positive components of test_components_explain_every_point, largest first,
# as "<description of the fixture seed> (+<points rounded half up>)".
EXPECTED_TOP_REASONS = {
    # I5 60, F1 30, F3 25 (then F2 20, I2 5, I1 4)
    "C1": "Demo request (+60); Software company (+30); C-level (+25)",
    # only I7 10 is positive (F5, F7, I4 and inactivity are negative)
    "C2": "Newsletter sign-up (+10)",
    # I5 60, F1 30, F2 20 (then I6 4; the disqualifier F4 gives 0 points: not positive)
    "C3": "Demo request (+60); Software company (+30); Mid-size company (+20)",
    # F6 -5 and inactivity -10: nothing positive
    "C4": None,
    # F1 30, F2 20, I1 4 (then I2 2.5)
    "C6": "Software company (+30); Mid-size company (+20); Any page view (+4)",
    # F1 30, F9 10, I1 6 (then I2 0.00683)
    "C7": "Software company (+30); Engineering (+10); Any page view (+6)",
    # I5 180 (the component is before interest_max)
    "C8": "Demo request (+180)",
}


def test_top_reasons_in_words(warehouse):
    got = rows(warehouse, "select contact_id, top_reasons from marts.fct_lead_scores")
    assert got == EXPECTED_TOP_REASONS


def test_sales_handover_queue(warehouse):
    got = warehouse.execute(
        "select contact_id, owner_id, lifecycle_stage, grade, quadrant, mql_at, sql_at, "
        "days_since_mql, priority_rank, owner_rank, top_reasons "
        "from marts.mart_sales_handover order by priority_rank"
    ).fetchall()
    # at mql or sql and not disqualified: C1 (sql), C6 and C7 (mql). C3 is a lead (and
    # disqualified), C4 a customer, C2 a subscriber, C8 a lead (grade F).
    # Order: sql first (C1), then lead_score: C6 56.5 before C7 40.
    # Per owner: O1 has C1 and C6, O2 has C7. Days since mql to 06-30: C1 and C6 06-01 -> 29,
    # C7 03-01 -> 31 + 30 + 31 + 30 -> 121.
    assert got == [
        ("C1", "O1", "sql", "B", "sweet_spot", D(2026, 6, 1), D(2026, 6, 25), 29, 1, 1,
         EXPECTED_TOP_REASONS["C1"]),
        ("C6", "O1", "mql", "C", "nurture", D(2026, 6, 1), None, 29, 2, 2,
         EXPECTED_TOP_REASONS["C6"]),
        ("C7", "O2", "mql", "C", "avoid", D(2026, 3, 1), None, 121, 3, 1,
         EXPECTED_TOP_REASONS["C7"]),
    ]  # fmt: skip


def test_account_scores(warehouse):
    got = rows(
        warehouse,
        "select company_id, contacts, engaged_contacts, best_lead_score, top3_avg_lead_score, "
        "company_fit_score, account_stage, engaged_seniorities, engaged_departments "
        "from marts.fct_account_scores",
    )
    assert got.keys() == {"CO1", "CO2"}
    # CO1 (Software, 500 employees, revenue 500k): C1 144, C3 114, C6 56.5 (C5 does not exist
    # yet). Engaged within 30 days of 06-30: C1 (06-30), C3 (06-15), C6 (06-10; W63 on 06-28 is
    # a bot): 3. Top 3 = (144 + 114 + 56.5) / 3 = 104.8333. Fit: F1 30 + F2 20 = 50 (revenue
    # below F8's 1M). Stages sql, lead, mql -> sql. Seniorities: CEO c_level, Sales Manager and
    # Marketing Manager manager. No department.
    assert got["CO1"][:2] == (3, 3)
    assert got["CO1"][2:5] == pytest.approx((144.0, 314.5 / 3, 50.0))
    assert got["CO1"][5:] == ("sql", "c_level, manager", None)
    # CO2 (software, 50 employees): C7 40, last active 03-01 (121 days ago): not engaged.
    # Fit: F1 30 (F2 needs 100+ employees). Stage mql; no engaged contact, no coverage.
    assert got["CO2"] == (1, 0, pytest.approx(40.0), pytest.approx(40.0), 30.0, "mql", None, None)


def test_source_performance(warehouse):
    got = {
        (row[0], row[1]): row[2:]
        for row in warehouse.execute(
            "select dimension, value, contacts, mqls, sqls, opportunities, customers, "
            "mql_rate, sql_rate, customer_rate from marts.mart_source_performance"
        ).fetchall()
    }
    # stages reached (mql_at ... customer_at set): C1 sql; C4 customer (every stage); C6 and
    # C7 mql; C2 subscriber, C3 and C8 lead.
    # lead_source: C1 referral, C2 and C6 organic_search, C3 and C8 paid_search, C4 event,
    # C7 partner.
    # utm_campaign first touch (scored web events with a campaign): C1 W11 summer_sale; C6 W61
    # spring_webinar on 05-25 (before A6 was identified as C6; W62 summer_sale is later);
    # W91 spring_webinar is anonymous; everyone else (none).
    assert got == {
        ("lead_source", "referral"): (1, 1, 1, 0, 0, 1.0, 1.0, 0.0),
        ("lead_source", "organic_search"): (2, 1, 0, 0, 0, 0.5, 0.0, 0.0),
        ("lead_source", "paid_search"): (2, 0, 0, 0, 0, 0.0, 0.0, 0.0),
        ("lead_source", "event"): (1, 1, 1, 1, 1, 1.0, 1.0, 1.0),
        ("lead_source", "partner"): (1, 1, 0, 0, 0, 1.0, 0.0, 0.0),
        ("utm_campaign", "summer_sale"): (1, 1, 1, 0, 0, 1.0, 1.0, 0.0),
        ("utm_campaign", "spring_webinar"): (1, 1, 0, 0, 0, 1.0, 0.0, 0.0),
        # C2, C3, C4, C7, C8: mql C4 and C7, sql / opportunity / customer C4
        ("utm_campaign", "(none)"): (5, 2, 1, 1, 1, 0.4, 0.2, 0.2),
    }


def test_scoring_labels(warehouse):
    got = {
        (row[0], row[1]): (row[2], row[3])
        for row in warehouse.execute(
            "select label_kind, label_value, label_text, sort_order from marts.dim_scoring_labels"
        ).fetchall()
    }
    assert got[("quadrant", "sweet_spot")] == ("Follow up now", 1)
    assert got[("lifecycle_stage", "subscriber")] == ("Subscriber", 1)
    assert got[("lifecycle_stage", "customer")] == ("Customer", 6)
    # the fixture's grades, best first: A 80, B 60, C 40, D 20, F 0
    grades = sorted((order, grade) for (kind, grade), (_, order) in got.items() if kind == "grade")
    assert grades == [(1, "A"), (2, "B"), (3, "C"), (4, "D"), (5, "F")]


def test_summary_names_the_reasons_in_words(warehouse):
    from lead_scoring.summary import build_summary

    text = build_summary(warehouse)
    assert "Demo request (+60); Software company (+30); C-level (+25)" in text
    assert "I5 +" not in text
    assert "Sales hand-over queue: 3 contacts (1 sql, 2 mql)" in text


# --- tuning: a seed edit changes the scores, no SQL edit -------------------------------------

INJECTION = "x'; drop table raw.crm_contacts; --"


def edit_seed(path: Path, edit) -> None:
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rules = list(reader.fieldnames), list(reader)
    rules = edit(rules)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rules)


@pytest.fixture(scope="module")
def tuned(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """The fixture built again after two seed edits: demo requests are worth 30 instead of 60,
    and two rules whose values look like SQL were added."""
    tmp_path = tmp_path_factory.mktemp("tuned")
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE / "seeds", seeds)

    def halve_demo_requests(rules):
        for rule in rules:
            if rule["rule_id"] == "I5":
                rule["points"] = "30"
        return rules

    edit_seed(seeds / "scoring_interest_rules.csv", halve_demo_requests)
    edit_seed(
        seeds / "scoring_interest_rules.csv",
        lambda rules: (
            rules
            + [
                {
                    "rule_id": "I99",
                    "activity": "page_view",
                    "operator": "contains",
                    "value": INJECTION,
                    "points": "50",
                    "description": "SQL-looking value",
                }
            ]
        ),
    )
    edit_seed(
        seeds / "scoring_fit_rules.csv",
        lambda rules: (
            rules
            + [
                {
                    "rule_id": "F99",
                    "level": "contact",
                    "attribute": "job_title",
                    "operator": "in",
                    "value": INJECTION + "|ceo' or '1'='1",
                    "points": "50",
                    "disqualify": "false",
                    "description": "SQL-looking value",
                }
            ]
        ),
    )
    database = build(tmp_path, seeds)
    connection = duckdb.connect(str(database), read_only=True)
    yield connection
    connection.close()


def test_editing_a_weight_in_a_seed_changes_the_scores(tuned):
    got = rows(
        tuned,
        "select contact_id, interest_score, lead_score, lifecycle_stage "
        "from marts.fct_lead_scores where contact_id in ('C1', 'C8')",
    )
    # C1: 4 + 5 + 30 = 39, lead 114: still sql (06-25: 75 + 2 + 7.07 + 30 = 114.07 >= 100)
    assert got["C1"][0] == pytest.approx(39.0)
    assert got["C1"][1] == pytest.approx(114.0)
    assert got["C1"][2] == "sql"
    # C8: 3 x 30 = 90, now below interest_max 150
    assert got["C8"][0] == pytest.approx(90.0)


def test_rule_values_that_look_like_sql_are_plain_strings(tuned):
    # the raw table the value names is intact, and the rules matched nobody
    assert tuned.execute("select count(*) from raw.crm_contacts").fetchone()[0] == 9
    assert (
        tuned.execute(
            "select count(*) from marts.fct_lead_score_components where rule_id in ('F99', 'I99')"
        ).fetchone()[0]
        == 0
    )
    # the values arrived unchanged, as data
    assert (
        tuned.execute(
            "select value_text from intermediate.int_scoring__interest_rules where rule_id = 'I99'"
        ).fetchone()[0]
        == INJECTION
    )


# --- campaign_click: the channel a visit came by ------------------------------------

# utm tags given to fixture web events (medium, source), everything else unchanged
CAMPAIGN_TAGS = {
    "W11": (" CPC ", "Google"),  # C1, 06-20 (age 10): cpc/google
    "W12": ("cpc", ""),  # C1, 06-30 (age 0): cpc/ (no source)
    "W62": ("Social", " LinkedIn"),  # C6, 06-10 (age 20): social/linkedin
    "W31": ("", "newsletter"),  # C3: a source but no medium: no campaign_click
    "W63": ("cpc", "google"),  # C6's bot event: not scored
    "W91": ("cpc", "google"),  # anonymous visitor: not scored
}


@pytest.fixture(scope="module")
def campaigns(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """The fixture with utm tags on six web events and two campaign_click rules:
    I8 starts_with cpc/ +5 (cap 6, half-life 10 days), I9 in social/linkedin|social/facebook +3."""
    tmp_path = tmp_path_factory.mktemp("campaigns")
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE / "raw", raw)

    def tag(events):
        for event in events:
            if event["event_id"] in CAMPAIGN_TAGS:
                event["utm_medium"], event["utm_source"] = CAMPAIGN_TAGS[event["event_id"]]
                event["utm_campaign"] = "spring"
        return events

    edit_seed(raw / "web_events.csv", tag)
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE / "seeds", seeds)
    edit_seed(
        seeds / "scoring_interest_rules.csv",
        lambda rules: (
            rules
            + [
                {
                    "rule_id": "I8",
                    "activity": "campaign_click",
                    "operator": "starts_with",
                    "value": "cpc/",
                    "points": "5",
                    "max_points": "6",
                    "half_life_days": "10",
                    "description": "Clicked an ad",
                },
                {
                    "rule_id": "I9",
                    "activity": "Campaign_Click ",
                    "operator": "in",
                    "value": "social/linkedin|social/facebook",
                    "points": "3",
                    "description": "Came from a social post",
                },
            ]
        ),
    )
    database = build(tmp_path, seeds, raw)
    connection = duckdb.connect(str(database), read_only=True)
    yield connection
    connection.close()


def test_campaign_clicks_beside_the_web_events_own_activities(campaigns):
    got = rows(
        campaigns,
        "select activity_id, contact_id, detail, source_table, source_row_id "
        "from intermediate.int_activities where activity = 'campaign_click'",
    )
    # W31 has no medium, W63 is a bot's, W91 anonymous: no campaign_click
    assert got == {
        "web_events:campaign_click:W11": ("C1", "cpc/google", "web_events", "W11"),
        "web_events:campaign_click:W12": ("C1", "cpc/", "web_events", "W12"),
        "web_events:campaign_click:W62": ("C6", "social/linkedin", "web_events", "W62"),
    }
    # the events' own activities are all still there: 7 page views and a video, as before
    assert rows(
        campaigns,
        "select activity, count(*) from intermediate.int_activities "
        "where source_table = 'web_events' group by activity",
    ) == {"page_view": 7, "video_view": 1, "campaign_click": 3}


def test_campaign_click_rules_score_with_decay_and_cap(campaigns):
    got = rows(
        campaigns,
        "select contact_id, interest_score, lead_score from marts.fct_lead_scores "
        "where contact_id in ('C1', 'C3', 'C6')",
    )
    # C1: I8 W11 age 10, half-life 10: 5 x 0.5 = 2.5; W12 age 0: 5 -> 7.5, capped at 6.
    #   interest 69 + 6 = 75, lead 75 + 75 = 150.
    assert got["C1"] == pytest.approx((75.0, 150.0))
    # C6: I9 W62 social/linkedin, no decay: 3 -> 6.5 + 3 = 9.5, lead 50 + 9.5 = 59.5 (the bot's
    #   cpc/google W63 gives nothing).
    assert got["C6"] == pytest.approx((9.5, 59.5))
    # C3: W31 carries a source but no medium: 64 as before
    assert got["C3"] == pytest.approx((64.0, 114.0))
    components = {
        (row[0], row[1]): (row[2], row[3])
        for row in campaigns.execute(
            "select contact_id, rule_id, matches, points from marts.fct_lead_score_components "
            "where rule_id in ('I8', 'I9')"
        ).fetchall()
    }
    assert components.keys() == {("C1", "I8"), ("C6", "I9")}
    assert components[("C1", "I8")] == (2, pytest.approx(6.0))
    assert components[("C6", "I9")] == (1, pytest.approx(3.0))
