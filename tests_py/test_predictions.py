"""The predictive score (fct_lead_predictions, int_prediction_*), on generated data.

The probability itself is worked out by hand in the dbt unit test int_prediction_scores_hand_worked
(models/intermediate/prediction/_prediction__models.yml); here:

(a) no leakage: rows added after each contact's first deal (e-mail opens and clicks the day after
    the deal, a new latest CRM version of the contact written after it, with a C-level title and
    an approved budget) reach the warehouse (the rules' scores see them) but change no
    probability, factor or label of any contact on any scoring day. (A contact whose every CRM
    version was written after its first deal stands in with its earliest version, as
    for the rules: README "Predictive score".)
(b) the naive Bayes ranks the backtest population (the contacts on the backtest day D
    that are not customers, converted = first deal won in (D, as_of_date]) within 0.01 AUC of
    scikit-learn's logistic regression (or better), both trained on the same features (read from
    int_prediction_features on D) and the same contacts (those labelled on D, outcomes known on D);
(c) fct_lead_predictions: one row per contact, scores 1-100, the AUC in mart_scoring_performance
    is the one of the probability on D.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest
from dbt_harness import copy_project, generate_raw, load_raw, run_dbt
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import OneHotEncoder

from lead_scoring.summary import build_summary

AS_OF = "2026-06-30"
BACKTEST_DAY = "2026-04-01"  # AS_OF − conversion_window_days (90) of the default seeds
PREDICTIONS = (
    "select scoring_date, contact_id, training_label, feature_date, conversion_log_odds, "
    "top_positive_factors, top_negative_factors from intermediate.int_prediction_scores "
    "order by scoring_date, contact_id"
)


def query(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def build(project: Path, database: Path) -> None:
    result = run_dbt(
        project,
        database,
        "build",
        "--vars",
        f"{{as_of_date: '{AS_OF}'}}",
        "--exclude-resource-type",
        "unit_test",
    )
    assert result.returncode == 0, result.stdout[-5000:]


def append_rows(path: Path, rows: list[dict]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writerows([{column: row.get(column) for column in header} for row in rows])


def add_rows_after_first_deals(raw: Path, first_deals: dict[str, dt.date]) -> tuple[int, int]:
    """Append, for every contact whose first deal was created at least 3 days before AS_OF, an
    e-mail open and click the day after the deal, and a new latest CRM version (a C-level title,
    an approved budget) written at least two days after the deal and after every version of the
    contact, on or before AS_OF. Returns (activities added, versions added)."""
    as_of = dt.date.fromisoformat(AS_OF)
    with (raw / "crm_contacts.csv").open(newline="", encoding="utf-8") as handle:
        latest: dict[str, dict] = {}
        for row in csv.DictReader(handle):
            if row["contact_id"] in first_deals and (
                row["contact_id"] not in latest
                or row["updated_at"] > latest[row["contact_id"]]["updated_at"]
            ):
                latest[row["contact_id"]] = row
    with (raw / "email_events.csv").open(newline="", encoding="utf-8") as handle:
        campaign = next(csv.DictReader(handle))["campaign_id"]
    events, versions = [], []
    for number, (contact, deal_day) in enumerate(sorted(first_deals.items())):
        if deal_day > as_of - dt.timedelta(days=3):
            continue
        for kind in ("open", "click"):
            events.append(
                {
                    "event_id": f"em_leak_{kind}_{number:06d}",
                    "contact_id": contact,
                    "campaign_id": campaign,
                    "event_type": kind,
                    "url": "https://www.example-saas.com/pricing" if kind == "click" else None,
                    "occurred_at": f"{deal_day + dt.timedelta(days=1)} 10:00:00",
                }
            )
        last_written = dt.date.fromisoformat(latest[contact]["updated_at"][:10])
        written = max(deal_day + dt.timedelta(days=2), last_written + dt.timedelta(days=1))
        if written > as_of:
            continue
        version = dict(latest[contact])
        version.update(
            job_title="Chief Executive Officer",
            budget_status="approved",
            department="Engineering",
            updated_at=f"{written} 09:00:00",
        )
        versions.append({key: (value if value != "" else None) for key, value in version.items()})
    append_rows(raw / "email_events.csv", events)
    append_rows(raw / "crm_contacts.csv", versions)
    return len(events), len(versions)


# two builds of 3,000 generated contacts: out of `make test-fast` (conftest.py)
SLOW_FIXTURES = {"builds"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("predictions")
    raw = root / "raw"
    # 3,000 contacts over a year: enough conversions on the backtest day for an AUC that is not
    # noise (about 45 of 2,500 leads); --dirty-share 0 so that the appended rows are all clean
    generate_raw(
        raw,
        *("--contacts", "3000", "--days", "365", "--dirty-share", "0"),
        *("--as-of", AS_OF, "--seed", "7", "-q"),
    )
    project = copy_project(root / "project")
    plain = root / "plain.duckdb"
    assert load_raw(raw, plain).returncode == 0
    build(project, plain)
    first_deals = dict(
        query(
            plain,
            "select contact_id, first_deal_created_date from intermediate.int_contact_deal_dates "
            f"where scoring_date = date '{AS_OF}'",
        )
    )
    leaked_raw = root / "leaked_raw"
    shutil.copytree(raw, leaked_raw)
    added = add_rows_after_first_deals(leaked_raw, first_deals)
    leaked = root / "leaked.duckdb"
    assert load_raw(leaked_raw, leaked).returncode == 0
    build(project, leaked)
    return {"plain": plain, "leaked": leaked, "added": added}


# --- (a) no leakage ------------------------------------------------------------------------


def test_rows_after_the_first_deal_change_no_probability(builds):
    activities, versions = builds["added"]
    assert activities > 100 and versions > 50, builds["added"]
    # the added rows reached the warehouse: more activities and versions, and the rules see them
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

    plain, leaked = query(builds["plain"], PREDICTIONS), query(builds["leaked"], PREDICTIONS)
    assert len(plain) > 5000  # both scoring days
    assert [row[:4] for row in plain] == [row[:4] for row in leaked]
    for got, expected in zip(leaked, plain, strict=True):
        assert got[4] == pytest.approx(expected[4], abs=1e-9), got[:2]
        assert got[5:] == expected[5:], got[:2]


# --- (b) as good as a logistic regression on the same features ------------------------------


def backtest_training_and_population(database: Path):
    """The features of every contact on the backtest day (one dict per contact), its training
    label on that day, and the population of mart_scoring_performance with its conversion."""
    features: dict[str, dict[str, str]] = {}
    for contact, feature, value in query(
        database,
        "select contact_id, feature, feature_value from intermediate.int_prediction_features "
        f"where scoring_date = date '{BACKTEST_DAY}'",
    ):
        features.setdefault(contact, {})[feature] = value
    labels = dict(
        query(
            database,
            "select contact_id, training_label from intermediate.int_prediction_feature_days "
            f"where scoring_date = date '{BACKTEST_DAY}' and training_label is not null",
        )
    )
    population = query(
        database,
        f"""
        select
            scores.contact_id,
            coalesce(
                deals.first_deal_won_date > date '{BACKTEST_DAY}'
                and deals.first_deal_won_date <= date '{AS_OF}',
                false
            ) as is_converted,
            predictions.conversion_log_odds
        from intermediate.int_lead_scores_per_scoring_day as scores
        left join intermediate.int_contact_deal_dates as deals
            on deals.scoring_date = date '{AS_OF}' and deals.contact_id = scores.contact_id
        inner join intermediate.int_prediction_scores as predictions
            on predictions.scoring_date = scores.scoring_date
                and predictions.contact_id = scores.contact_id
        where scores.scoring_date = date '{BACKTEST_DAY}'
            and scores.lifecycle_stage != 'customer'
        order by scores.contact_id
        """,
    )
    return features, labels, population


def test_naive_bayes_ranks_the_backtest_within_0_01_auc_of_logistic_regression(builds):
    features, labels, population = backtest_training_and_population(builds["plain"])
    names = sorted({name for values in features.values() for name in values})
    training = sorted(labels)
    assert sum(label == "won" for label in labels.values()) >= 30, "too few won to train on"
    converted = [row[1] for row in population]
    assert sum(converted) >= 30, "too few conversions for an AUC"

    def matrix(contacts):
        return [[features[contact][name] for name in names] for contact in contacts]

    encoder = OneHotEncoder(handle_unknown="ignore")
    x_train = encoder.fit_transform(matrix(training))
    y_train = [labels[contact] == "won" for contact in training]
    x_test = encoder.transform(matrix([row[0] for row in population]))
    # the best of a few regularisation strengths, so the naive Bayes meets a fair opponent
    regression_auc = max(
        roc_auc_score(
            converted,
            LogisticRegression(C=strength, max_iter=5000)
            .fit(x_train, y_train)
            .predict_proba(x_test)[:, 1],
        )
        for strength in (0.01, 0.1, 1.0)
    )
    bayes_auc = roc_auc_score(converted, [row[2] for row in population])
    assert bayes_auc >= regression_auc - 0.01, (bayes_auc, regression_auc)
    # both learnt the planted signal
    assert regression_auc > 0.7, regression_auc
    # and the mart reports the same AUC for the probability on D
    [(reported,)] = query(
        builds["plain"],
        "select auc_predictive from marts.mart_scoring_performance where dimension = 'overall'",
    )
    assert reported == pytest.approx(bayes_auc, abs=1e-9)


# --- (c) the mart ----------------------------------------------------------------------------


def test_fct_lead_predictions_one_row_per_contact_with_scores_and_factors(builds):
    [(contacts,)] = query(builds["plain"], "select count(*) from marts.fct_lead_scores")
    rows = query(
        builds["plain"],
        "select contact_id, conversion_probability, predictive_score, top_positive_factors, "
        "top_negative_factors, training_label, as_of_date from marts.fct_lead_predictions",
    )
    assert len(rows) == contacts == len({row[0] for row in rows})
    assert all(0 < row[1] < 1 and 1 <= row[2] <= 100 for row in rows)
    assert {row[2] for row in rows} >= {1, 100}
    assert {row[5] for row in rows} == {"won", "not_won", "unlabelled"}
    assert {row[6] for row in rows} == {dt.date.fromisoformat(AS_OF)}
    # the score follows the probability
    ordered = sorted(rows, key=lambda row: row[1])
    assert all(a[2] <= b[2] for a, b in zip(ordered, ordered[1:], strict=False))
    # factors are words, at most two each, e.g. "21 or more page views in 90 days"
    positives = [row[3] for row in rows if row[3]]
    assert len(positives) > len(rows) / 2
    assert all(len(text.split("; ")) <= 2 for text in positives)
    assert any(" page views in 90 days" in text for text in positives)
    assert any(
        text.startswith("Industry is ") for row in rows for text in (row[3] or "", row[4] or "")
    )


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
