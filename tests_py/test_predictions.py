"""The predictive score (fct_lead_predictions, int_prediction_*), learnt from snapshots (SPEC §6).

The probability, the snapshot rows and every feature kind are worked out by hand in the dbt unit
tests of models/intermediate/prediction/_prediction__models.yml; here, on built warehouses:

(a) no leakage, on the demo's own world (the one `make demo` generates): the backtest day's
    probabilities, factors and training counts are exactly those of a build with as_of_date = the
    backtest day (which cannot see anything later), and rows written after the backtest day that
    would give the converters away (e-mail clicks and a C-level CRM version of every contact that
    converts after it) change none of them, while the rules and the as_of_date model do see them;
(b) the naive Bayes ranks the backtest population within 0.01 AUC of scikit-learn's logistic
    regression trained on the same snapshot rows and features, and within 0.02 of the rules'
    lead score (the demo's outcomes come from the signals the rules weigh);
(c) fct_lead_predictions: one row per contact, scores 1-100, factors in words;
(d) on real leads (the Olist marketing funnel, tests_py/fixtures/olist), built with the default
    seeds, the time split of the data's README: trained on what is known on 2018-05-31, the
    predictive score ranks the leads created after the backtest day by whether they convert
    after 2018-05-31 at least as well as their lead source alone (AUC 0.57).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from dbt_harness import WITHOUT_UNIT_TESTS, copy_project, generate_raw, load_raw, run_dbt
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import OneHotEncoder

from lead_scoring.summary import build_summary

AS_OF = "2026-06-30"
BACKTEST_DAY = "2026-04-01"  # AS_OF − conversion_window_days (90) of the default seeds
# the world `make demo` generates (Makefile: CONTACTS, DEMO_DAYS, DIRTY_SHARE, the default seed)
DEMO_WORLD = ("--contacts", "2000", "--days", "540", "--dirty-share", "0.02", "--as-of", AS_OF)
PREDICTIONS = (
    "select contact_id, conversion_log_odds, top_positive_factors, top_negative_factors, "
    "training_won, training_not_won, training_days from intermediate.int_prediction_scores "
    "where scoring_day = '{day}' order by contact_id"
)
OLIST = Path(__file__).resolve().parent / "fixtures" / "olist"
OLIST_AS_OF = "2018-05-31"
OLIST_BACKTEST_DAY = dt.date(2018, 3, 2)


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def build(project: Path, database: Path, as_of: str = AS_OF) -> None:
    result = run_dbt(
        project, database, "build", "--vars", f"{{as_of_date: '{as_of}'}}", *WITHOUT_UNIT_TESTS
    )
    assert result.returncode == 0, result.stdout[-5000:]


def append_rows(path: Path, rows: list[dict]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writerows([{column: row.get(column) for column in header} for row in rows])


def add_rows_that_give_the_converters_away(raw: Path, converters: list[str]) -> tuple[int, int]:
    """Append, for every contact that converts after the backtest day, three e-mail clicks and a
    new latest CRM version (a C-level title, an approved budget), all dated after the backtest
    day and on or before AS_OF. Returns (activities added, versions added)."""
    # the latest clean version of each converter (the world has dirty rows: a version whose
    # updated_at is no timestamp before the new one is left alone)
    with (raw / "crm_contacts.csv").open(newline="", encoding="utf-8") as handle:
        latest: dict[str, dict] = {}
        for row in csv.DictReader(handle):
            written = row["updated_at"]
            if (
                row["contact_id"] in converters
                and re.fullmatch(r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d", written)
                and written < "2026-06-29"
                and (
                    row["contact_id"] not in latest
                    or written > latest[row["contact_id"]]["updated_at"]
                )
            ):
                latest[row["contact_id"]] = row
    with (raw / "email_campaigns.csv").open(newline="", encoding="utf-8") as handle:
        campaign = next(csv.DictReader(handle))["campaign_id"]
    events, versions = [], []
    for number, contact in enumerate(sorted(latest)):
        for day in (3, 4, 5):
            events.append(
                {
                    "event_id": f"em_leak_{number:06d}_{day}",
                    "contact_id": contact,
                    "campaign_id": campaign,
                    "event_type": "click",
                    "url": "https://www.example-saas.com/pricing",
                    "occurred_at": f"2026-04-0{day} 10:00:00",
                }
            )
        version = dict(latest[contact])
        version.update(
            job_title="Chief Executive Officer",
            budget_status="approved",
            updated_at="2026-06-29 09:00:00",
        )
        versions.append({key: (value if value != "" else None) for key, value in version.items()})
    append_rows(raw / "email_events.csv", events)
    append_rows(raw / "crm_contacts.csv", versions)
    return len(events), len(versions)


# three builds of the demo world and one of the Olist leads: out of `make test-fast` (conftest.py)
SLOW_FIXTURES = {"builds", "olist"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("predictions")
    raw = root / "raw"
    generate_raw(raw, *DEMO_WORLD, "-q")
    project = copy_project(root / "project")
    plain = root / "plain.duckdb"
    assert load_raw(raw, plain).returncode == 0
    build(project, plain)
    on_backtest_day = root / "on_backtest_day.duckdb"
    assert load_raw(raw, on_backtest_day).returncode == 0
    build(project, on_backtest_day, as_of=BACKTEST_DAY)
    converters = [
        contact
        for (contact,) in query(
            plain,
            "select contact_id from intermediate.int_prediction_training_rows "
            "where scoring_day = 'backtest_date' and is_won",
        )
    ]
    leaked_raw = root / "leaked_raw"
    shutil.copytree(raw, leaked_raw)
    added = add_rows_that_give_the_converters_away(leaked_raw, converters)
    leaked = root / "leaked.duckdb"
    assert load_raw(leaked_raw, leaked).returncode == 0
    build(project, leaked)
    return {"plain": plain, "leaked": leaked, "on_backtest_day": on_backtest_day, "added": added}


# --- (a) no leakage ------------------------------------------------------------------------


def test_the_backtest_day_learns_exactly_what_a_build_as_of_that_day_learns(builds):
    inside = query(builds["plain"], PREDICTIONS.format(day="backtest_date"))
    alone = query(builds["on_backtest_day"], PREDICTIONS.format(day="as_of_date"))
    assert len(inside) > 1000
    assert inside == alone
    # it learnt from four training days with converters among them
    assert {row[6] for row in inside} == {4}
    assert inside[0][4] >= 30


def test_rows_after_the_backtest_day_change_no_backtest_probability(builds):
    activities, versions = builds["added"]
    assert activities >= 60 and versions >= 20, builds["added"]
    # the added rows reached the warehouse: the rules and the as_of_date model see them
    count = "select count(*) from {}"
    for table, more in (
        ("intermediate.int_activities", activities),
        ("staging.stg_crm__contact_versions", versions),
    ):
        [(before,)] = query(builds["plain"], count.format(table))
        [(after,)] = query(builds["leaked"], count.format(table))
        assert after == before + more, table
    scores = "select contact_id, lead_score from marts.fct_lead_scores order by contact_id"
    assert query(builds["plain"], scores) != query(builds["leaked"], scores)
    as_of = PREDICTIONS.format(day="as_of_date")
    assert query(builds["plain"], as_of) != query(builds["leaked"], as_of)
    # ... but the backtest day, and its AUC, cannot
    backtest = PREDICTIONS.format(day="backtest_date")
    assert query(builds["plain"], backtest) == query(builds["leaked"], backtest)
    auc = "select auc_predictive from marts.mart_scoring_performance where dimension = 'overall'"
    assert query(builds["plain"], auc) == query(builds["leaked"], auc)


# --- (b) as good as a logistic regression on the same rows, and as the rules ---------------------


def snapshot_rows(database: Path, days: str) -> tuple[list[dict[str, str]], list[bool]]:
    """The training rows of the given scoring days (an SQL list) with their features."""
    rows = query(
        database,
        f"""
        select rows.scoring_day, rows.contact_id, rows.is_won, features.feature,
            features.feature_value
        from intermediate.int_prediction_training_rows as rows
        inner join intermediate.int_prediction_features as features
            on rows.scoring_day = features.scoring_day and rows.contact_id = features.contact_id
        where rows.scoring_day in ({days})
        order by 1, 2, 4
        """,
    )
    features: dict[tuple[str, str], dict[str, str]] = {}
    labels: dict[tuple[str, str], bool] = {}
    for day, contact, is_won, feature, value in rows:
        features.setdefault((day, contact), {})[feature] = value
        labels[(day, contact)] = is_won
    keys = sorted(features)
    return [features[key] for key in keys], [labels[key] for key in keys]


def test_naive_bayes_ranks_the_backtest_as_well_as_a_logistic_regression_and_the_rules(builds):
    database = builds["plain"]
    training_days = ", ".join(f"'training_day_{n}'" for n in range(2, 6))
    train_features, train_labels = snapshot_rows(database, training_days)
    assert sum(train_labels) >= 30, "too few converters to learn from"
    # the backtest population: the training rows of the backtest day (not customers on D,
    # labelled by a win in (D, as_of_date])
    population = query(
        database,
        """
        select rows.contact_id, rows.is_won, predictions.conversion_log_odds, scores.lead_score
        from intermediate.int_prediction_training_rows as rows
        inner join intermediate.int_prediction_scores as predictions
            on rows.scoring_day = predictions.scoring_day
                and rows.contact_id = predictions.contact_id
        inner join intermediate.int_lead_scores_per_scoring_day as scores
            on rows.scoring_day = scores.scoring_day and rows.contact_id = scores.contact_id
        where rows.scoring_day = 'backtest_date'
        order by rows.contact_id
        """,
    )
    test_features, converted = snapshot_rows(database, "'backtest_date'")
    assert converted == [row[1] for row in population]
    assert sum(converted) >= 15, "too few conversions for an AUC"
    names = sorted(train_features[0])

    def matrix(rows):
        return [[row[name] for name in names] for row in rows]

    encoder = OneHotEncoder(handle_unknown="ignore")
    x_train = encoder.fit_transform(matrix(train_features))
    x_test = encoder.transform(matrix(test_features))
    # the best of a few regularisation strengths, so the naive Bayes meets a fair opponent
    regression_auc = max(
        roc_auc_score(
            converted,
            LogisticRegression(C=strength, max_iter=5000)
            .fit(x_train, train_labels)
            .predict_proba(x_test)[:, 1],
        )
        for strength in (0.01, 0.1, 1.0)
    )
    bayes_auc = roc_auc_score(converted, [row[2] for row in population])
    rules_auc = roc_auc_score(converted, [row[3] for row in population])
    assert bayes_auc >= regression_auc - 0.01, (bayes_auc, regression_auc)
    assert bayes_auc >= rules_auc - 0.02, (bayes_auc, rules_auc)
    # and the mart reports the same AUCs
    [(reported_bayes, reported_rules)] = query(
        database,
        "select auc_predictive, auc_lead_score from marts.mart_scoring_performance "
        "where dimension = 'overall'",
    )
    assert reported_bayes == pytest.approx(bayes_auc, abs=1e-9)
    assert reported_rules == pytest.approx(rules_auc, abs=1e-9)


# --- (c) the mart ----------------------------------------------------------------------------


def test_fct_lead_predictions_one_row_per_contact_with_scores_and_factors(builds):
    [(contacts,)] = query(builds["plain"], "select count(*) from marts.fct_lead_scores")
    rows = query(
        builds["plain"],
        "select contact_id, conversion_probability, predictive_score, top_positive_factors, "
        "top_negative_factors, training_days, as_of_date from marts.fct_lead_predictions",
    )
    assert len(rows) == contacts == len({row[0] for row in rows})
    assert all(0 < row[1] < 1 and 1 <= row[2] <= 100 for row in rows)
    assert {row[2] for row in rows} >= {1, 100}
    assert {row[5] for row in rows} == {4}
    assert {row[6] for row in rows} == {dt.date.fromisoformat(AS_OF)}
    # the score follows the probability
    ordered = sorted(rows, key=lambda row: row[1])
    assert all(a[2] <= b[2] for a, b in zip(ordered, ordered[1:], strict=False))
    # factors are words, at most two each, e.g. "Interest score 100–149"
    positives = [row[3] for row in rows if row[3]]
    assert len(positives) > len(rows) / 2
    assert all(len(text.split("; ")) <= 2 for text in positives)
    texts = [text for row in rows for text in (row[3] or "", row[4] or "")]
    assert any(text.startswith("Interest score ") for text in texts)
    assert any(" in 90 days" in text for text in texts)


def test_summary_shows_the_predictive_auc(builds):
    [(lead_auc, predictive_auc)] = query(
        builds["plain"],
        "select auc_lead_score, auc_predictive from marts.mart_scoring_performance "
        "where dimension = 'overall'",
    )
    with duckdb.connect(str(builds["plain"]), read_only=True) as connection:
        summary = build_summary(connection)
    assert (
        f"Backtest AUC: lead score {lead_auc:.3f}, predictive score {predictive_auc:.3f}" in summary
    )


# --- (d) real leads --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def olist(tmp_path_factory):
    """The Olist leads (tests_py/fixtures/olist, gzipped raw files) built with the default seeds
    as of 2018-05-31, and the day each contact's first deal was won (after that day too: the
    outcomes the build cannot see)."""
    root = tmp_path_factory.mktemp("olist")
    raw = root / "raw"
    raw.mkdir()
    for packed in OLIST.glob("*.csv.gz"):
        with gzip.open(packed, "rb") as source, (raw / packed.stem).open("wb") as target:
            shutil.copyfileobj(source, target)
    database = root / "olist.duckdb"
    assert load_raw(raw, database).returncode == 0
    build(copy_project(root / "project"), database, as_of=OLIST_AS_OF)
    won: dict[str, dt.date] = {}
    with (raw / "crm_deals.csv").open(newline="", encoding="utf-8") as handle:
        for deal in csv.DictReader(handle):
            if deal["deal_stage"] == "won":
                day = dt.date.fromisoformat(deal["closed_at"][:10])
                won[deal["contact_id"]] = min(day, won.get(deal["contact_id"], day))
    return database, won


def test_on_real_leads_the_predictive_score_ranks_a_time_split_better_than_the_source(olist):
    database, won = olist
    as_of = dt.date.fromisoformat(OLIST_AS_OF)
    # the snapshot rows the data's README counts: 4,046 on the backtest day (113 converted by
    # 2018-05-31), 1,818 on 2017-12-02 (12), 647 on 2017-09-03 (none); 2017-06-05 is before
    # the first lead
    assert query(
        database,
        "select scoring_date, count(*), sum(case when is_won then 1 else 0 end) "
        "from intermediate.int_prediction_training_rows group by 1 order by 1 desc",
    ) == [
        (OLIST_BACKTEST_DAY, 4046, 113),
        (dt.date(2017, 12, 2), 1818, 12),
        (dt.date(2017, 9, 3), 647, 0),
    ]
    # the test leads: created after the backtest day, not customers on 2018-05-31; converted:
    # first deal won after 2018-05-31, which the build does not see
    leads = query(
        database,
        """
        select predictions.contact_id, predictions.conversion_log_odds, contacts.lead_source
        from marts.fct_lead_predictions as predictions
        inner join marts.fct_lead_scores as scores using (contact_id)
        inner join marts.dim_contacts as contacts using (contact_id)
        inner join staging.stg_crm__contacts as created using (contact_id)
        where cast(created.created_at as date) > date '2018-03-02'
            and scores.lifecycle_stage != 'customer'
        """,
    )
    converted = [won.get(row[0], as_of) > as_of for row in leads]
    assert (len(leads), sum(converted)) == (3402, 114)
    auc = roc_auc_score(converted, [row[1] for row in leads])
    assert auc >= 0.57, auc
