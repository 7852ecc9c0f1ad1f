"""Calibration of the scoring seeds from history: which fit values and activities
predict conversion, and suggested seed CSVs in the exact format of the seeds.

Steps:

1. **Training table** from the built warehouse, one row per labelled contact as of a cut-off day
   C (one of the warehouse's scoring days: as_of_date, or the backtest day for an out-of-time
   check): won = its first deal won on or before C; not won = created at least
   conversion_window_days before C without a win. Features stand as they stood the moment before
   the outcome: the feature day f is the day before the contact's first deal (C when it has
   none), only activities on or before f count, and the CRM versions used (the contact's and its
   company's) must have been written on or before f. The rule matches come from the warehouse's
   own models (``int_fit_rule_matches``, ``int_interest_rule_matches`` over
   ``int_scoring_day_activities``) on the latest scoring day whose CRM versions qualify; a
   labelled contact with no such day is left out and counted (``excluded_later_version``).
   Features are expressed as the rules: 1/0 per fit rule that matches, and per interest rule the
   decayed number of matching activities, ``Σ 0.5^(age/half_life)`` at f (age = f − activity
   day; none once age ≥ window_days), capped at max_points / |points|, so that ``points × feature``
   is exactly the rule's capped contribution; plus one 1/0 for "inactive" (inactivity_points) and
   candidate new fit rules (``attribute equals value`` for a frequent value of a categorical
   attribute that no rule names yet).
2. **Models**: a regularised logistic regression (L2, strength chosen by cross-validated log
   loss) and a gradient boosting comparison, cross-validated by contact (StratifiedGroupKFold,
   groups = contact_id). Time-aware: the same model refitted on the outcomes known on the backtest
   day D ranks the backtest population of ``mart_scoring_performance`` (contacts on D that are not
   customers; converted = first deal won in (D, as_of_date]) beside the current lead score and the
   naive Bayes (``auc_predictive``, "n/a" until ``fct_lead_predictions`` exists).
3. **Half-lives**: per activity kind with decaying rules, the half-lives are halved or doubled when
   that lowers the summed out-of-fold log loss by more than ``HALF_LIFE_MIN_GAIN`` (one more
   parameter, as in AIC); otherwise they stay.
4. **Points**: the learned coefficients β (log-odds per unit of feature) become points
   ``round(k × β)`` with one scale k for every rule (so fit and interest keep the model's balance),
   chosen by ``threshold_scale`` so that today's MQL and SQL thresholds keep their meaning: as many
   labelled contacts reach each threshold as with the current seeds (least squares over the
   thresholds). max_points keeps its cap in activities (old max_points / |old points|).
5. **Output** into DIR: ``scoring_fit_rules.csv``, ``scoring_interest_rules.csv`` and
   ``scoring_settings.csv`` (inactivity_points only), every unchanged row byte for byte as in the
   project's seed, changed rows in the same columns, new rules appended with the next free rule_id
   and "New (calibration):" in the description; ``calibration_report.md`` says what changed and
   why. Run them through ``scripts/what_if.py DIR`` before adopting them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import logging
import math
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lead_scoring import PROJECT_ROOT
from lead_scoring.logs import setup_logging
from lead_scoring.warehouse import UnsupportedTargetError, connect, default_target, describe
from lead_scoring.what_if import parse_vars

log = logging.getLogger("calibrate")

FIT_SEED = "scoring_fit_rules.csv"
INTEREST_SEED = "scoring_interest_rules.csv"
SETTINGS_SEED = "scoring_settings.csv"
REPORT_NAME = "calibration_report.md"
CUTOFFS = ("as_of_date", "backtest_date")
# categorical fit attributes for which a frequent value without a rule of its own becomes a
# candidate rule `attribute equals value`, and the level such a rule gets
CANDIDATE_ATTRIBUTES = {
    "industry": "organization",
    "seniority": "contact",
    "department": "contact",
    "education_level": "contact",
    "lead_source": "contact",
    "budget_status": "situational",
    "purchase_timeline": "situational",
}
CANDIDATE_MIN_CONTACTS = 30
NEW_RULE_MIN_POINTS = 3
# activities that do not keep a lead active (inactivity)
NOT_ACTIVE = ("email_bounce", "email_unsubscribe")
INACTIVE = "inactivity"
C_GRID = (0.0003, 0.001, 0.003, 0.01, 0.03)
FOLDS = 5
HALF_LIFE_FACTORS = (0.5, 2.0)
HALF_LIFE_MIN_GAIN = 2.0
TOP_DECILE = 10


class CalibrationError(RuntimeError):
    """The calibration cannot run (no warehouse, too few outcomes, seeds out of step)."""


# --- reading the warehouse ----------------------------------------------------------------------


def _frame(connection, sql: str, columns: list[str]) -> pd.DataFrame:
    cursor = connection.cursor()
    cursor.execute(sql)
    return pd.DataFrame(cursor.fetchall(), columns=columns)


def _day(value) -> dt.date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _num(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


@dataclass
class Warehouse:
    """What the calibration reads from a built warehouse (plain frames)."""

    days: dict[str, dt.date]
    settings: dict[str, object]
    contacts: pd.DataFrame  # scoring_date, contact_id, company_id, created, updated, later, deals
    company_versions: pd.DataFrame  # company_id, updated, valid_from, valid_to
    fit_rules: pd.DataFrame
    fit_rule_values: pd.DataFrame
    interest_rules: pd.DataFrame
    fit_matches: pd.DataFrame  # scoring_date, contact_id, rule_id
    attributes: pd.DataFrame  # scoring_date, contact_id, attribute, value_text
    activities: pd.DataFrame  # scoring_date, contact_id, activity, activity_date, rule_id
    backtest: pd.DataFrame  # contact_id, lead_score, is_converted
    performance: dict[str, float | None]
    labelled: dict[str, pd.DataFrame] = field(default_factory=dict)  # per cut-off, computed once


def read_warehouse(connection) -> Warehouse:
    """Read the scoring days, seeds as built, rule matches and outcomes (portable SQL)."""
    days = {
        kind: _day(day)
        for kind, day in _frame(
            connection,
            "select scoring_day, scoring_date from intermediate.int_scoring_days",
            ["kind", "day"],
        ).itertuples(index=False)
    }
    settings_frame = _frame(
        connection,
        "select fit_weight, interest_weight, interest_max, inactivity_days, inactivity_points, "
        "conversion_window_days, mql_threshold, sql_threshold "
        "from intermediate.int_scoring__settings",
        [
            "fit_weight",
            "interest_weight",
            "interest_max",
            "inactivity_days",
            "inactivity_points",
            "conversion_window_days",
            "mql_threshold",
            "sql_threshold",
        ],
    )
    settings = {key: _num(value) for key, value in settings_frame.iloc[0].items()}
    contacts = _frame(
        connection,
        "select contacts.scoring_date, contacts.contact_id, contacts.company_id, "
        "contacts.created_date, contacts.updated_at, contacts.is_later_version, "
        "deals.first_deal_created_date, deals.first_deal_won_date "
        "from intermediate.int_contacts_enriched as contacts "
        "left join intermediate.int_contact_deal_dates as deals "
        "on contacts.scoring_date = deals.scoring_date "
        "and contacts.contact_id = deals.contact_id",
        [
            "scoring_date",
            "contact_id",
            "company_id",
            "created_date",
            "updated_at",
            "is_later_version",
            "first_deal_created_date",
            "first_deal_won_date",
        ],
    )
    for column in (
        "scoring_date",
        "created_date",
        "updated_at",
        "first_deal_created_date",
        "first_deal_won_date",
    ):
        contacts[column] = contacts[column].map(_day)
    company_versions = _frame(
        connection,
        "select company_id, updated_at, valid_from_date, valid_to_date "
        "from staging.stg_crm__company_versions",
        ["company_id", "updated_at", "valid_from", "valid_to"],
    )
    for column in ("updated_at", "valid_from", "valid_to"):
        company_versions[column] = company_versions[column].map(_day)
    fit_rules = _frame(
        connection,
        "select rule_id, attribute, operator, value_text, points, is_disqualifying "
        "from intermediate.int_scoring__fit_rules",
        ["rule_id", "attribute", "operator", "value_text", "points", "is_disqualifying"],
    )
    fit_rule_values = _frame(
        connection,
        "select rule_id, value_item from intermediate.int_scoring__rule_values "
        "where rule_kind = 'fit'",
        ["rule_id", "value_item"],
    )
    interest_rules = _frame(
        connection,
        "select rule_id, activity, points, max_points, half_life_days, window_days "
        "from intermediate.int_scoring__interest_rules",
        ["rule_id", "activity", "points", "max_points", "half_life_days", "window_days"],
    )
    for column in ("points", "max_points", "half_life_days", "window_days"):
        interest_rules[column] = interest_rules[column].map(_num)
    fit_rules["points"] = fit_rules["points"].map(_num)
    fit_matches = _frame(
        connection,
        "select days.scoring_date, matches.contact_id, matches.rule_id "
        "from intermediate.int_fit_rule_matches as matches "
        "inner join intermediate.int_scoring_days as days "
        "on matches.scoring_day = days.scoring_day",
        ["scoring_date", "contact_id", "rule_id"],
    )
    fit_matches["scoring_date"] = fit_matches["scoring_date"].map(_day)
    names = ", ".join(f"'{name}'" for name in CANDIDATE_ATTRIBUTES)
    attributes = _frame(
        connection,
        "select days.scoring_date, attribute_values.contact_id, attribute_values.attribute, "
        "attribute_values.value_text "
        "from intermediate.int_contact_attribute_values as attribute_values "
        "inner join intermediate.int_scoring_days as days "
        "on attribute_values.scoring_day = days.scoring_day "
        "where attribute_values.value_text is not null "
        f"and attribute_values.attribute in ({names})",
        ["scoring_date", "contact_id", "attribute", "value_text"],
    )
    attributes["scoring_date"] = attributes["scoring_date"].map(_day)
    activities = _frame(
        connection,
        "select days.scoring_date, activities.contact_id, activities.activity, "
        "activities.activity_date, matches.rule_id "
        "from intermediate.int_scoring_day_activities as activities "
        "inner join intermediate.int_scoring_days as days "
        "on activities.scoring_day = days.scoring_day "
        "left join intermediate.int_interest_rule_matches as matches "
        "on activities.activity_id = matches.activity_id",
        ["scoring_date", "contact_id", "activity", "activity_date", "rule_id"],
    )
    activities["scoring_date"] = activities["scoring_date"].map(_day)
    activities["activity_date"] = activities["activity_date"].map(_day)
    backtest_day = days["backtest_date"].isoformat()
    as_of_day = days["as_of_date"].isoformat()
    backtest = _frame(
        connection,
        "select scores.contact_id, scores.lead_score, deals.first_deal_won_date "
        "from intermediate.int_lead_scores_per_scoring_day as scores "
        "left join intermediate.int_contact_deal_dates as deals "
        f"on deals.scoring_date = cast('{as_of_day}' as date) "
        "and scores.contact_id = deals.contact_id "
        f"where scores.scoring_date = cast('{backtest_day}' as date) "
        "and scores.lifecycle_stage != 'customer'",
        ["contact_id", "lead_score", "won"],
    )
    won = backtest["won"].map(_day)
    backtest["is_converted"] = [
        day is not None and days["backtest_date"] < day <= days["as_of_date"] for day in won
    ]
    backtest = backtest.drop(columns="won")
    backtest["lead_score"] = backtest["lead_score"].map(float)
    overall = _frame(
        connection,
        "select auc_lead_score, auc_predictive from marts.mart_scoring_performance "
        "where dimension = 'overall'",
        ["auc_lead_score", "auc_predictive"],
    )
    performance = (
        {key: _num(value) for key, value in overall.iloc[0].items()}
        if len(overall)
        else {"auc_lead_score": None, "auc_predictive": None}
    )
    return Warehouse(
        days=days,
        settings=settings,
        contacts=contacts,
        company_versions=company_versions,
        fit_rules=fit_rules,
        fit_rule_values=fit_rule_values,
        interest_rules=interest_rules,
        fit_matches=fit_matches,
        attributes=attributes,
        activities=activities,
        backtest=backtest,
        performance=performance,
    )


# --- the training table -------------------------------------------------------------------------


def labelled_contacts(contacts: pd.DataFrame, cutoff: dt.date, window_days: int) -> pd.DataFrame:
    """The labelled contacts as of cutoff (one row each): contact_id, is_won and feature_date, the
    day before the first deal (the cut-off when there is none)."""
    rows = contacts[contacts["scoring_date"] == cutoff]
    oldest = cutoff - dt.timedelta(days=window_days)
    out = []
    for row in rows.itertuples(index=False):
        is_won = row.first_deal_won_date is not None
        if not is_won and not (row.created_date is not None and row.created_date <= oldest):
            continue
        deal = row.first_deal_created_date
        feature_date = deal - dt.timedelta(days=1) if deal is not None else cutoff
        out.append((row.contact_id, is_won, feature_date))
    return pd.DataFrame(out, columns=["contact_id", "is_won", "feature_date"])


def version_days(
    labelled: pd.DataFrame,
    contacts: pd.DataFrame,
    company_versions: pd.DataFrame,
    scoring_days: list[dt.date],
) -> pd.Series:
    """Per labelled contact, the latest scoring day (of scoring_days) whose CRM versions of the
    contact and of its company were written on or before the feature day (None: no such day)."""
    by_day = {
        day: contacts[contacts["scoring_date"] == day].set_index("contact_id")
        for day in scoring_days
    }
    companies = {
        company_id: list(group.itertuples(index=False))
        for company_id, group in company_versions.groupby("company_id")
    }

    def company_written(company_id, day: dt.date) -> dt.date | None:
        for version in companies.get(company_id, []):
            if version.valid_from <= day and (version.valid_to is None or day < version.valid_to):
                return version.updated_at
        return None

    chosen = []
    for row in labelled.itertuples(index=False):
        found = None
        for day in sorted(scoring_days, reverse=True):
            frame = by_day[day]
            if row.contact_id not in frame.index:
                continue
            contact = frame.loc[row.contact_id]
            if bool(contact["is_later_version"]) or contact["updated_at"] > row.feature_date:
                continue
            company_id = contact["company_id"]
            if company_id is not None and not pd.isna(company_id):
                written = company_written(company_id, day)
                if written is not None and written > row.feature_date:
                    continue
            found = day
            break
        chosen.append(found)
    return pd.Series(chosen, index=labelled.index, dtype=object)


def interest_units(
    activities: pd.DataFrame, rules: pd.DataFrame, feature_dates: pd.Series
) -> pd.DataFrame:
    """Per contact (index of feature_dates) and interest rule: the decayed number of matching
    activities on or before the contact's feature day, capped at max_points / |points|.

    activities: contact_id, activity_date, rule_id (one row per activity and matching rule);
    rules: rule_id, points, max_points, half_life_days, window_days."""
    columns = list(rules["rule_id"])
    out = pd.DataFrame(0.0, index=feature_dates.index, columns=columns)
    if activities.empty:
        return out
    merged = activities[activities["rule_id"].notna()].merge(rules, on="rule_id")
    merged = merged[merged["contact_id"].isin(feature_dates.index)]
    merged = merged.assign(feature_date=merged["contact_id"].map(feature_dates))
    age = np.array(
        [
            (f - a).days
            for f, a in zip(merged["feature_date"], merged["activity_date"], strict=True)
        ],
        dtype=float,
    )
    half_life = merged["half_life_days"].to_numpy(dtype=float)
    window = merged["window_days"].to_numpy(dtype=float)
    factor = np.where(
        np.isnan(half_life), 1.0, np.power(0.5, age / np.where(np.isnan(half_life), 1.0, half_life))
    )
    keep = (age >= 0) & ~(~np.isnan(window) & (age >= window))
    merged = merged.assign(units=np.where(keep, factor, 0.0))
    summed = merged.groupby(["contact_id", "rule_id"])["units"].sum().unstack(fill_value=0.0)
    out.loc[summed.index, summed.columns] = summed
    for rule in rules.itertuples(index=False):
        if rule.max_points is not None and not pd.isna(rule.max_points) and rule.points:
            out[rule.rule_id] = out[rule.rule_id].clip(upper=rule.max_points / abs(rule.points))
    return out


def inactive_flags(
    activities: pd.DataFrame, feature_dates: pd.Series, inactivity_days: float | None
) -> pd.Series:
    """1 when the contact has no activity (other than bounce and unsubscribe) with age below
    inactivity_days on its feature day, else 0."""
    flags = pd.Series(1.0, index=feature_dates.index)
    if inactivity_days is None:
        return flags * 0.0
    active = activities[
        ~activities["activity"].isin(NOT_ACTIVE) & activities["contact_id"].isin(flags.index)
    ]
    active = active.drop_duplicates(["contact_id", "activity_date"])
    ages = [
        (feature_dates[contact] - day).days
        for contact, day in zip(active["contact_id"], active["activity_date"], strict=True)
    ]
    recent = active[[0 <= age < inactivity_days for age in ages]]["contact_id"].unique()
    flags[recent] = 0.0
    return flags


def candidate_rules(
    warehouse: Warehouse, attributes: pd.DataFrame, min_contacts: int
) -> list[tuple[str, str]]:
    """(attribute, value) pairs of a categorical attribute that at least min_contacts of the
    labelled contacts hold and that no fit rule names (equals, in, contains, starts_with,
    ends_with)."""
    rules = warehouse.fit_rules
    items = warehouse.fit_rule_values.groupby("rule_id")["value_item"].apply(list).to_dict()
    pairs = []
    counts = attributes.groupby(["attribute", "value_text"])["contact_id"].nunique()
    for (attribute, value), n in counts.items():
        if n < min_contacts:
            continue
        named = False
        for rule in rules[rules["attribute"] == attribute].itertuples(index=False):
            texts = [str(item).strip().lower() for item in items.get(rule.rule_id, [])]
            if rule.value_text is not None and not pd.isna(rule.value_text):
                texts.append(str(rule.value_text).strip().lower())
            operator = rule.operator
            if (
                (operator in ("equals", "in") and value in texts)
                or (operator == "contains" and any(text in value for text in texts))
                or (operator == "starts_with" and any(value.startswith(t) for t in texts))
                or (operator == "ends_with" and any(value.endswith(t) for t in texts))
            ):
                named = True
                break
        if not named:
            pairs.append((attribute, value))
    return sorted(pairs)


@dataclass
class Features:
    """One row per contact: the feature matrix (columns = rule ids, candidate names, inactivity),
    the label and the current seeds' lead score."""

    frame: pd.DataFrame
    is_won: pd.Series
    current_score: pd.Series
    fit_columns: list[str]
    candidate_columns: list[str]
    interest_columns: list[str]


def candidate_name(attribute: str, value: str) -> str:
    return f"new:{attribute}={value}"


def build_features(
    warehouse: Warehouse,
    population: pd.DataFrame,
    activity_day: dt.date,
    interest_rules: pd.DataFrame,
    candidates: list[tuple[str, str]],
) -> Features:
    """Features of population (contact_id, is_won, feature_date, version_day): fit rule matches
    and candidate values on each contact's version_day, interest units at its feature_date from
    the activities attributed on activity_day."""
    population = population.set_index("contact_id")
    fit_ids = list(
        warehouse.fit_rules.loc[~warehouse.fit_rules["is_disqualifying"].astype(bool), "rule_id"]
    )
    keys = pd.MultiIndex.from_arrays([population.index, population["version_day"]])
    matches = warehouse.fit_matches
    matches = matches[
        pd.MultiIndex.from_arrays([matches["contact_id"], matches["scoring_date"]]).isin(keys)
    ]
    fit = pd.crosstab(matches["contact_id"], matches["rule_id"]).clip(upper=1)
    fit = fit.reindex(index=population.index, columns=fit_ids, fill_value=0).astype(float)
    values = warehouse.attributes
    values = values[
        pd.MultiIndex.from_arrays([values["contact_id"], values["scoring_date"]]).isin(keys)
    ]
    candidate_columns = [candidate_name(a, v) for a, v in candidates]
    new = pd.DataFrame(0.0, index=population.index, columns=candidate_columns)
    for (attribute, value), name in zip(candidates, candidate_columns, strict=True):
        holders = values[(values["attribute"] == attribute) & (values["value_text"] == value)]
        new.loc[new.index.isin(holders["contact_id"]), name] = 1.0
    activities = warehouse.activities
    activities = activities[activities["scoring_date"] == activity_day]
    feature_dates = population["feature_date"]
    interest = interest_units(activities, interest_rules, feature_dates)
    inactive = inactive_flags(activities, feature_dates, warehouse.settings["inactivity_days"])
    frame = pd.concat([fit, new, interest, inactive.rename(INACTIVE)], axis=1)
    features = Features(
        frame=frame,
        is_won=population["is_won"].astype(bool),
        current_score=pd.Series(0.0, index=frame.index),
        fit_columns=fit_ids,
        candidate_columns=candidate_columns,
        interest_columns=list(interest_rules["rule_id"]),
    )
    features.current_score = lead_scores(
        features,
        dict(zip(warehouse.fit_rules["rule_id"], warehouse.fit_rules["points"], strict=True)),
        dict(zip(interest_rules["rule_id"], interest_rules["points"], strict=True)),
        warehouse.settings,
    )
    return features


def lead_scores(
    features: Features, fit_points: dict, interest_points: dict, settings: dict
) -> pd.Series:
    """The lead score the rules engine gives these features: fit clamped to 0-100,
    interest floored at 0 (and at most interest_max), weighted sum."""
    frame = features.frame
    fit = sum(
        (
            frame[c] * (fit_points.get(c) or 0.0)
            for c in features.fit_columns + features.candidate_columns
            if c in frame
        ),
        start=pd.Series(0.0, index=frame.index),
    ).clip(0, 100)
    interest = sum(
        (frame[c] * (interest_points.get(c) or 0.0) for c in features.interest_columns),
        start=pd.Series(0.0, index=frame.index),
    )
    interest = interest + frame[INACTIVE] * (settings.get("inactivity_points") or 0.0)
    interest = interest.clip(lower=0)
    if settings.get("interest_max") is not None:
        interest = interest.clip(upper=settings["interest_max"])
    return settings["fit_weight"] * fit + settings["interest_weight"] * interest


def training_table(
    warehouse: Warehouse,
    cutoff_kind: str,
    interest_rules: pd.DataFrame | None = None,
    candidates: list[tuple[str, str]] | None = None,
) -> tuple[Features, dict[str, int], list[tuple[str, str]]]:
    """The labelled contacts as of the scoring day cutoff_kind with their features as they stood
    before the outcome; counts (labelled, won, excluded_later_version) and the candidates used."""
    cutoff = warehouse.days[cutoff_kind]
    if cutoff_kind not in warehouse.labelled:
        window = int(warehouse.settings["conversion_window_days"])
        labelled = labelled_contacts(warehouse.contacts, cutoff, window)
        usable_days = [day for day in warehouse.days.values() if day <= cutoff]
        labelled["version_day"] = version_days(
            labelled, warehouse.contacts, warehouse.company_versions, usable_days
        )
        warehouse.labelled[cutoff_kind] = labelled
    labelled = warehouse.labelled[cutoff_kind]
    kept = labelled[labelled["version_day"].notna()].copy()
    counts = {
        "labelled": len(labelled),
        "won": int(labelled["is_won"].sum()),
        "excluded_later_version": int(labelled["version_day"].isna().sum()),
    }
    if candidates is None:
        values = warehouse.attributes
        keys = pd.MultiIndex.from_arrays([kept["contact_id"], kept["version_day"]])
        values = values[
            pd.MultiIndex.from_arrays([values["contact_id"], values["scoring_date"]]).isin(keys)
        ]
        candidates = candidate_rules(warehouse, values, CANDIDATE_MIN_CONTACTS)
    rules = warehouse.interest_rules if interest_rules is None else interest_rules
    features = build_features(warehouse, kept, cutoff, rules, candidates)
    return features, counts, candidates


def backtest_table(
    warehouse: Warehouse, interest_rules: pd.DataFrame, candidates: list[tuple[str, str]]
) -> Features:
    """The backtest population of mart_scoring_performance with features as of the backtest day
    (every contact's feature day and version day is that day)."""
    day = warehouse.days["backtest_date"]
    population = warehouse.backtest[["contact_id", "is_converted"]].rename(
        columns={"is_converted": "is_won"}
    )
    population = population.assign(feature_date=day, version_day=day)
    return build_features(warehouse, population, day, interest_rules, candidates)


# --- measures and models ------------------------------------------------------------------------


def auc(scores, labels) -> float | None:
    """Probability that a random positive scores higher than a random negative, ties one half
    (the Mann-Whitney AUC of mart_scoring_performance); None when a group is empty."""
    scores = pd.Series(np.asarray(scores, dtype=float))
    labels = np.asarray(labels, dtype=bool)
    positives, negatives = int(labels.sum()), int((~labels).sum())
    if positives == 0 or negatives == 0:
        return None
    ranks = scores.rank(method="average").to_numpy()
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def top_decile_lift(scores, labels) -> float | None:
    """Conversion rate of score decile 10 (score_percentile 91-100, percentile = 1 +
    floor(99 × percent_rank), as in mart_scoring_performance) ÷ the overall rate."""
    scores = pd.Series(np.asarray(scores, dtype=float))
    labels = np.asarray(labels, dtype=bool)
    n = len(scores)
    if n < 2 or labels.sum() == 0:
        return None
    percent_rank = (scores.rank(method="min").to_numpy() - 1) / (n - 1)
    percentile = 1 + np.floor(99 * percent_rank)
    top = percentile >= 91
    if top.sum() == 0:
        return None
    return float(labels[top].mean() / labels.mean())


def threshold_scale(current_scores, new_raw, thresholds) -> float:
    """The factor k that makes k × new_raw keep the meaning of the thresholds.

    For a threshold t, m contacts reach t with the current scores; z_t is the m-th highest new raw
    score (so k × z_t = t puts as many contacts at or above t). k minimises Σ (k·z_t − t)² over the
    thresholds some contact reaches and whose z_t is positive: k = Σ t·z_t / Σ z_t²."""
    current = np.asarray(current_scores, dtype=float)
    ordered = np.sort(np.asarray(new_raw, dtype=float))[::-1]
    pairs = []
    for threshold in thresholds:
        reached = int((current >= threshold).sum())
        if 0 < reached <= len(ordered) and ordered[reached - 1] > 0:
            pairs.append((float(threshold), float(ordered[reached - 1])))
    if not pairs:
        raise CalibrationError("no threshold is reached by any labelled contact: cannot scale")
    return sum(t * z for t, z in pairs) / sum(z * z for _, z in pairs)


def _folds(labels: np.ndarray, groups: np.ndarray):
    from sklearn.model_selection import StratifiedGroupKFold

    splits = min(FOLDS, int(labels.sum()), int((~labels).sum()))
    if splits < 2:
        raise CalibrationError(
            f"{int(labels.sum())} won and {int((~labels).sum())} not won labelled contacts: "
            "too few outcomes to cross-validate"
        )
    folder = StratifiedGroupKFold(n_splits=splits, shuffle=True, random_state=0)
    return list(folder.split(np.zeros(len(labels)), labels, groups))


ANCHOR_SCALE = 30.0


class AnchoredLogistic:
    """L2 logistic regression shrunk toward the current seeds rather than toward zero.

    The design is the standardised features plus the current seeds' linear score (``base``:
    Σ points × feature, unclamped) standardised and multiplied by ANCHOR_SCALE, so that its
    coefficient is all but unpenalised: the model is ``a + b × base + Σ δ_r × x_r`` and only the
    corrections δ pay the penalty. With little data (or a strong penalty) it is the current seeds;
    a rule moves only as far as the outcomes support. ``weights`` gives b and δ per unit of the
    unscaled features."""

    def __init__(self, strength: float):
        self.strength = strength

    def _design(self, x: np.ndarray, base: np.ndarray) -> np.ndarray:
        return np.column_stack(
            [
                (x - self.mean_) / self.scale_,
                (base - self.base_mean_) / self.base_scale_ * ANCHOR_SCALE,
            ]
        )

    def fit(self, x: np.ndarray, base: np.ndarray, y: np.ndarray) -> AnchoredLogistic:
        from sklearn.linear_model import LogisticRegression

        self.mean_ = x.mean(axis=0)
        scale = x.std(axis=0)
        self.scale_ = np.where(scale > 0, scale, 1.0)
        self.base_mean_ = base.mean()
        self.base_scale_ = base.std() or 1.0
        self.model_ = LogisticRegression(C=self.strength, max_iter=5000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.model_.fit(self._design(x, base), y)
        return self

    def predict_proba(self, x: np.ndarray, base: np.ndarray) -> np.ndarray:
        return self.model_.predict_proba(self._design(x, base))[:, 1]

    def weights(self) -> tuple[float, np.ndarray]:
        """(b per point of the current score, δ per unit of each feature)."""
        coef = self.model_.coef_[0]
        return (
            float(coef[-1] * ANCHOR_SCALE / self.base_scale_),
            np.where(self.scale_ > 0, coef[:-1] / self.scale_, 0.0),
        )


def out_of_fold(model_factory, x: np.ndarray, base: np.ndarray, y: np.ndarray, folds) -> np.ndarray:
    predictions = np.zeros(len(y))
    for train, test in folds:
        model = model_factory().fit(x[train], base[train], y[train])
        predictions[test] = model.predict_proba(x[test], base[test])
    return predictions


def log_loss_sum(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).sum())


@dataclass
class Fit:
    strength: float
    coefficients: pd.Series  # log-odds per unit of each feature: b × current points + δ
    cv_predictions: np.ndarray
    cv_log_loss: float


def base_weights(features: Features, warehouse: Warehouse) -> pd.Series:
    """The current seeds' points per unit of each feature in the lead score (fit points ×
    fit_weight, interest points and inactivity_points × interest_weight, candidates 0)."""
    settings = warehouse.settings
    fit = dict(zip(warehouse.fit_rules["rule_id"], warehouse.fit_rules["points"], strict=True))
    interest = dict(
        zip(warehouse.interest_rules["rule_id"], warehouse.interest_rules["points"], strict=True)
    )
    weights = pd.Series(0.0, index=features.frame.columns)
    for rule in features.fit_columns:
        weights[rule] = (fit.get(rule) or 0.0) * settings["fit_weight"]
    for rule in features.interest_columns:
        weights[rule] = (interest.get(rule) or 0.0) * settings["interest_weight"]
    weights[INACTIVE] = (settings.get("inactivity_points") or 0.0) * settings["interest_weight"]
    return weights


def fit_logistic(features: Features, folds, warehouse: Warehouse) -> Fit:
    """The anchored logistic regression with the strength (C) of least out-of-fold log loss,
    refitted on every row."""
    x = features.frame.to_numpy(dtype=float)
    y = features.is_won.to_numpy(dtype=bool)
    current = base_weights(features, warehouse)
    base = x @ current.to_numpy()
    best = None
    for strength in C_GRID:
        predictions = out_of_fold(lambda s=strength: AnchoredLogistic(s), x, base, y, folds)
        loss = log_loss_sum(y, predictions)
        if best is None or loss < best[1]:
            best = (strength, loss, predictions)
    strength, loss, predictions = best
    b, delta = AnchoredLogistic(strength).fit(x, base, y).weights()
    coefficients = pd.Series(b * current.to_numpy() + delta, index=features.frame.columns)
    return Fit(strength, coefficients, predictions, loss)


def gradient_boosting_cv(features: Features, folds) -> np.ndarray:
    from sklearn.ensemble import GradientBoostingClassifier

    x = features.frame.to_numpy(dtype=float)
    y = features.is_won.to_numpy(dtype=bool)
    predictions = np.zeros(len(y))
    for train, test in folds:
        model = GradientBoostingClassifier(
            n_estimators=150, max_depth=2, learning_rate=0.05, subsample=0.8, random_state=0
        )
        model.fit(x[train], y[train])
        predictions[test] = model.predict_proba(x[test])[:, 1]
    return predictions


def tune_half_lives(
    warehouse: Warehouse, cutoff_kind: str, candidates, strength: float, baseline_loss: float
) -> tuple[pd.DataFrame, list[str]]:
    """Halve or double the half-lives of one activity kind at a time; keep a change when the
    summed out-of-fold log loss drops by more than HALF_LIFE_MIN_GAIN."""
    rules = warehouse.interest_rules.copy()
    notes = []
    best_loss = baseline_loss
    kinds = sorted(rules.loc[rules["half_life_days"].notna(), "activity"].unique())
    for number, kind in enumerate(kinds, start=1):
        _progress(f"half-lives of {kind} ({number} of {len(kinds)} activity kinds)")
        chosen = None
        for factor in HALF_LIFE_FACTORS:
            trial = rules.copy()
            mask = (trial["activity"] == kind) & trial["half_life_days"].notna()
            trial.loc[mask, "half_life_days"] = (trial.loc[mask, "half_life_days"] * factor).round()
            features, _, _ = training_table(warehouse, cutoff_kind, trial, candidates)
            x = features.frame.to_numpy(dtype=float)
            y = features.is_won.to_numpy(dtype=bool)
            folds = _folds(y, features.frame.index.to_numpy())
            base = x @ base_weights(features, warehouse).to_numpy()
            loss = log_loss_sum(
                y, out_of_fold(lambda: AnchoredLogistic(strength), x, base, y, folds)
            )
            if loss < best_loss - HALF_LIFE_MIN_GAIN and (chosen is None or loss < chosen[1]):
                chosen = (trial, loss, factor)
        if chosen is not None:
            trial, loss, factor = chosen
            notes.append(
                f"{kind}: half-lives × {factor:g} (out-of-fold log loss {best_loss:.1f} -> "
                f"{loss:.1f})"
            )
            rules, best_loss = trial, loss
    return rules, notes


# --- suggested seeds ----------------------------------------------------------------------------


def _number(value: float) -> str:
    return str(int(round(value))) if float(value).is_integer() else f"{value:g}"


def _read_seed(path: Path) -> tuple[list[str], list[str], list[dict]]:
    """(header, raw data lines, parsed rows) of a seed CSV."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), lines[1:], rows


def _csv_line(header: list[str], row: dict) -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=header, lineterminator="\n").writerow(row)
    return buffer.getvalue().rstrip("\n")


@dataclass
class Suggestion:
    scale: float
    fit_points: dict[str, float]
    interest_points: dict[str, float]
    interest_max_points: dict[str, float | None]
    half_lives: dict[str, float | None]
    new_rules: list[dict]
    inactivity_points: float
    changes: list[str] = field(default_factory=list)


def suggest(
    warehouse: Warehouse, features: Features, coefficients: pd.Series, rules: pd.DataFrame
) -> Suggestion:
    """Points = round(k × β), k from threshold_scale on the labelled contacts' current scores."""
    raw = features.frame.to_numpy(dtype=float) @ coefficients.to_numpy()
    thresholds = [warehouse.settings["mql_threshold"], warehouse.settings["sql_threshold"]]
    k = threshold_scale(features.current_score.to_numpy(), raw, thresholds)
    points = (coefficients * k).round()
    fit_points = {rule: float(points[rule]) for rule in features.fit_columns}
    interest_points, max_points, half_lives = {}, {}, {}
    old = warehouse.interest_rules.set_index("rule_id")
    for rule in rules.itertuples(index=False):
        new = float(points[rule.rule_id])
        interest_points[rule.rule_id] = new
        old_points, old_max = old.at[rule.rule_id, "points"], old.at[rule.rule_id, "max_points"]
        if old_max is None or pd.isna(old_max):
            max_points[rule.rule_id] = None
        elif new == 0 or not old_points:
            max_points[rule.rule_id] = float(old_max)
        else:
            max_points[rule.rule_id] = float(round(abs(new) * old_max / abs(old_points)))
        half_lives[rule.rule_id] = None if pd.isna(rule.half_life_days) else rule.half_life_days
    new_rules = []
    for name in features.candidate_columns:
        value = float(points[name])
        if abs(value) >= NEW_RULE_MIN_POINTS:
            attribute, text = name[len("new:") :].split("=", 1)
            new_rules.append({"attribute": attribute, "value": text, "points": value})
    return Suggestion(
        scale=k,
        fit_points=fit_points,
        interest_points=interest_points,
        interest_max_points=max_points,
        half_lives=half_lives,
        new_rules=new_rules,
        inactivity_points=float(points[INACTIVE]),
    )


def next_rule_ids(existing: list[str], prefix: str, n: int) -> list[str]:
    numbers = [
        int(r[len(prefix) :])
        for r in existing
        if r.startswith(prefix) and r[len(prefix) :].isdigit()
    ]
    width = max((len(r) - len(prefix) for r in existing if r.startswith(prefix)), default=2)
    start = max(numbers, default=0) + 1
    return [f"{prefix}{number:0{width}d}" for number in range(start, start + n)]


def write_seeds(suggestion: Suggestion, seeds_dir: Path, out: Path) -> list[str]:
    """Write the suggested seed CSVs (same header, unchanged rows verbatim); returns the change
    lines for the report."""
    out.mkdir(parents=True, exist_ok=True)
    changes = []

    header, lines, rows = _read_seed(seeds_dir / FIT_SEED)
    output = [_read_text_header(seeds_dir / FIT_SEED)]
    for line, row in zip(lines, rows, strict=True):
        rule = row["rule_id"].strip()
        if rule in suggestion.fit_points and float(row["points"]) != suggestion.fit_points[rule]:
            changes.append(
                f"| {rule} | {row['description']} | {row['points']} | "
                f"{_number(suggestion.fit_points[rule])} |"
            )
            row = dict(row, points=_number(suggestion.fit_points[rule]))
            output.append(_csv_line(header, row))
        else:
            output.append(line)
    ids = next_rule_ids([row["rule_id"].strip() for row in rows], "F", len(suggestion.new_rules))
    for rule_id, new in zip(ids, suggestion.new_rules, strict=True):
        description = f"New (calibration): {new['attribute']} is {new['value']}"
        output.append(
            _csv_line(
                header,
                {
                    "rule_id": rule_id,
                    "level": CANDIDATE_ATTRIBUTES[new["attribute"]],
                    "attribute": new["attribute"],
                    "operator": "equals",
                    "value": new["value"],
                    "value_to": "",
                    "points": _number(new["points"]),
                    "disqualify": "false",
                    "description": description,
                    **{c: "" for c in header if c not in _FIT_COLUMNS},
                },
            )
        )
        changes.append(f"| {rule_id} | {description} | (new) | {_number(new['points'])} |")
    (out / FIT_SEED).write_text("\n".join(output) + "\n", encoding="utf-8")

    header, lines, rows = _read_seed(seeds_dir / INTEREST_SEED)
    output = [_read_text_header(seeds_dir / INTEREST_SEED)]
    for line, row in zip(lines, rows, strict=True):
        rule = row["rule_id"].strip()
        if rule not in suggestion.interest_points:
            output.append(line)
            continue
        new = dict(row)
        new["points"] = _number(suggestion.interest_points[rule])
        max_points = suggestion.interest_max_points[rule]
        new["max_points"] = "" if max_points is None else _number(max_points)
        half_life = suggestion.half_lives[rule]
        new["half_life_days"] = "" if half_life is None else _number(half_life)
        if all(_same(row[c], new[c]) for c in ("points", "max_points", "half_life_days")):
            output.append(line)
            continue
        what = [
            f"{c} {row[c] or '-'} → {new[c] or '-'}"
            for c in ("points", "max_points", "half_life_days")
            if not _same(row[c], new[c])
        ]
        changes.append(f"| {rule} | {row['description']} | {'; '.join(what)} | |")
        output.append(_csv_line(header, new))
    (out / INTEREST_SEED).write_text("\n".join(output) + "\n", encoding="utf-8")

    header, lines, rows = _read_seed(seeds_dir / SETTINGS_SEED)
    output = [_read_text_header(seeds_dir / SETTINGS_SEED)]
    for line, row in zip(lines, rows, strict=True):
        if row["key"].strip() == "inactivity_points" and not _same(
            row["value"], _number(suggestion.inactivity_points)
        ):
            changes.append(
                f"| inactivity_points | no activity in inactivity_days | {row['value']} | "
                f"{_number(suggestion.inactivity_points)} |"
            )
            output.append(_csv_line(header, dict(row, value=_number(suggestion.inactivity_points))))
        else:
            output.append(line)
    (out / SETTINGS_SEED).write_text("\n".join(output) + "\n", encoding="utf-8")
    return changes


_FIT_COLUMNS = (
    "rule_id",
    "level",
    "attribute",
    "operator",
    "value",
    "value_to",
    "points",
    "disqualify",
    "description",
)


def _read_text_header(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def _same(a: str, b: str) -> bool:
    a, b = (a or "").strip(), (b or "").strip()
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except ValueError:
        return False


# --- the whole run ------------------------------------------------------------------------------


@dataclass
class Result:
    cutoff_kind: str
    cutoff: dt.date
    counts: dict[str, int]
    strength: float
    scale: float
    rows: list[tuple[str, float | None, float | None, float | None, float | None]]
    half_life_notes: list[str]
    changes: list[str]
    backtest_note: str


def _fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


_STARTED = [time.monotonic()]


def _progress(step: str, restart: bool = False) -> None:
    """Log the step a run of tens of seconds is at, with the seconds since it started."""
    if restart:
        _STARTED[0] = time.monotonic()
    log.info("%s (%.0f s)", step, time.monotonic() - _STARTED[0])


def calibrate(warehouse: Warehouse, cutoff_kind: str, seeds_dir: Path, out: Path) -> Result:
    """Learn the weights from the warehouse and write the suggested seeds into out."""
    seed_ids = {row["rule_id"].strip() for row in _read_seed(seeds_dir / FIT_SEED)[2]} | {
        row["rule_id"].strip() for row in _read_seed(seeds_dir / INTEREST_SEED)[2]
    }
    built_ids = set(warehouse.fit_rules["rule_id"]) | set(warehouse.interest_rules["rule_id"])
    if seed_ids != built_ids:
        raise CalibrationError(
            f"the warehouse was built from other seeds than {seeds_dir} (rule_ids differ: "
            f"{', '.join(sorted(seed_ids ^ built_ids))}): run dbt build first"
        )
    features, counts, candidates = training_table(warehouse, cutoff_kind)
    y = features.is_won.to_numpy(dtype=bool)
    log.info(
        "%d labelled contacts as of %s (%d won), %d left out (CRM version written after the "
        "outcome), %d features (%d candidate new rules)",
        counts["labelled"],
        warehouse.days[cutoff_kind],
        counts["won"],
        counts["excluded_later_version"],
        features.frame.shape[1],
        len(features.candidate_columns),
    )
    folds = _folds(y, features.frame.index.to_numpy())
    _progress("fitting the logistic regression (cross-validated)")
    first = fit_logistic(features, folds, warehouse)
    rules, notes = tune_half_lives(
        warehouse, cutoff_kind, candidates, first.strength, first.cv_log_loss
    )
    if notes:
        features, counts, _ = training_table(warehouse, cutoff_kind, rules, candidates)
        y = features.is_won.to_numpy(dtype=bool)
        folds = _folds(y, features.frame.index.to_numpy())
    _progress("fitting the final model and the gradient boosting comparison")
    final = fit_logistic(features, folds, warehouse)
    boosting = gradient_boosting_cv(features, folds)
    suggestion = suggest(warehouse, features, final.coefficients, rules)

    # out of time: the same model fitted on the outcomes known on the backtest day ranks the
    # backtest population (converted in (D, as_of_date])
    _progress("the backtest, out of time")
    backtest = backtest_table(warehouse, rules, candidates)
    current_backtest = backtest_table(warehouse, warehouse.interest_rules, candidates)
    labels = backtest.is_won.to_numpy(dtype=bool)
    if cutoff_kind == "backtest_date":
        early, early_fit = features, final
        backtest_note = "trained on the outcomes known on the backtest day only: out of time"
    else:
        early, _, _ = training_table(warehouse, "backtest_date", rules, candidates)
        early_y = early.is_won.to_numpy(dtype=bool)
        try:
            early_fit = fit_logistic(
                early, _folds(early_y, early.frame.index.to_numpy()), warehouse
            )
        except CalibrationError as exc:
            log.warning("no out-of-time check of the learned model: %s", exc)
            early_fit = None
        backtest_note = (
            "learned model refitted on the outcomes known on the backtest day (out of time); "
            "the suggested seeds were learned from all outcomes up to as_of_date, so their "
            "backtest figures are in-sample"
        )
    learned_backtest = (
        None
        if early_fit is None
        else backtest.frame.to_numpy(dtype=float)
        @ early_fit.coefficients.reindex(backtest.frame.columns, fill_value=0.0).to_numpy()
    )
    fit_points = dict(suggestion.fit_points)
    fit_points.update(
        {
            candidate_name(rule["attribute"], rule["value"]): rule["points"]
            for rule in suggestion.new_rules
        }
    )
    settings = dict(warehouse.settings, inactivity_points=suggestion.inactivity_points)
    suggested_backtest = lead_scores(backtest, fit_points, suggestion.interest_points, settings)
    current_scores = warehouse.backtest.set_index("contact_id")["lead_score"]
    recomputed = current_backtest.current_score.reindex(current_scores.index)
    mismatches = int((recomputed - current_scores).abs().gt(1e-6).sum())
    if mismatches:
        log.warning(
            "%d backtest contacts: the lead score recomputed from the features differs from the "
            "warehouse's (the training features may not match the rules engine exactly)",
            mismatches,
        )
    cv_current = features.current_score.to_numpy()
    rows = [
        (
            "current seeds (lead score)",
            auc(cv_current, y),
            top_decile_lift(cv_current, y),
            warehouse.performance["auc_lead_score"],
            top_decile_lift(current_scores.to_numpy(), warehouse.backtest["is_converted"]),
        ),
        (
            "naive Bayes (fct_lead_predictions)",
            None,
            None,
            warehouse.performance["auc_predictive"],
            None,
        ),
        (
            f"logistic regression (anchored, C={final.strength:g})",
            auc(final.cv_predictions, y),
            top_decile_lift(final.cv_predictions, y),
            None if learned_backtest is None else auc(learned_backtest, labels),
            None if learned_backtest is None else top_decile_lift(learned_backtest, labels),
        ),
        (
            "gradient boosting (comparison)",
            auc(boosting, y),
            top_decile_lift(boosting, y),
            None,
            None,
        ),
        (
            "suggested seeds (rules engine)",
            None,
            None,
            auc(suggested_backtest.to_numpy(), labels),
            top_decile_lift(suggested_backtest.to_numpy(), labels),
        ),
    ]
    _progress(f"writing the suggested seeds and the report into {out}")
    changes = write_seeds(suggestion, seeds_dir, out)
    result = Result(
        cutoff_kind=cutoff_kind,
        cutoff=warehouse.days[cutoff_kind],
        counts=counts,
        strength=final.strength,
        scale=suggestion.scale,
        rows=rows,
        half_life_notes=notes,
        changes=changes,
        backtest_note=backtest_note,
    )
    (out / REPORT_NAME).write_text(format_report(result, warehouse), encoding="utf-8")
    return result


def format_table(result: Result) -> str:
    lines = [
        f"  {'':<40}{'CV AUC':>9}{'CV lift':>9}{'backtest AUC':>14}{'lift':>7}",
    ]
    for label, cv_auc, cv_lift, bt_auc, bt_lift in result.rows:
        lines.append(
            f"  {label:<40}{_fmt(cv_auc):>9}{_fmt(cv_lift, 2):>9}{_fmt(bt_auc):>14}"
            f"{_fmt(bt_lift, 2):>7}"
        )
    return "\n".join(lines)


def format_report(result: Result, warehouse: Warehouse) -> str:
    counts = result.counts
    lines = [
        "# Calibration of the scoring seeds",
        "",
        f"Learned from {counts['labelled'] - counts['excluded_later_version']} labelled contacts "
        f"as of {result.cutoff} ({result.cutoff_kind}): {counts['won']} won, the others created "
        f"at least {int(warehouse.settings['conversion_window_days'])} days earlier without a "
        f"win. {counts['excluded_later_version']} labelled contacts were left out: every CRM "
        "version the warehouse holds for them was written after their first deal.",
        "",
        "Features as they stood the day before each contact's first deal (the cut-off when it "
        "has none): the fit rules that matched, the decayed and capped number of activities per "
        "interest rule, inactivity, and candidate rules for frequent values no rule names yet.",
        "",
        "## How well each score ranks",
        "",
        "CV: out-of-fold over the labelled contacts (5 folds by contact). Backtest: the "
        "population of mart_scoring_performance (contacts on the backtest day that are not "
        f"customers; converted = first deal won within the window); {result.backtest_note}. "
        "Lift: conversion rate of the top score decile over the overall rate.",
        "",
        "```",
        format_table(result),
        "```",
        "",
        "## Points",
        "",
        f"Points are the logistic regression's coefficients (log-odds per rule match or per "
        f"activity) × {result.scale:.2f}, rounded: that scale puts as many labelled contacts at "
        f"or above the MQL ({_number(warehouse.settings['mql_threshold'])}) and SQL "
        f"({_number(warehouse.settings['sql_threshold'])}) thresholds as the current seeds do, so "
        "the thresholds in scoring_settings keep their meaning. The warehouse's MQL and SQL "
        "counts can still move (the scale is set on the labelled contacts, and a stage once "
        "reached stays): the what-if shows by how much. max_points keeps each rule's cap "
        "in activities. A rule whose coefficient rounds to 0 points adds nothing the data can "
        "see; a new rule is suggested only with at least "
        f"{NEW_RULE_MIN_POINTS} points either way.",
        "",
        "| rule | description | before | after |",
        "|---|---|---|---|",
        *(result.changes or ["| - | no change | | |"]),
        "",
        "## Half-lives",
        "",
        *(
            [f"- {note}" for note in result.half_life_notes]
            or [
                "No change: halving or doubling the half-lives of an activity kind did not lower "
                f"the out-of-fold log loss by more than {HALF_LIFE_MIN_GAIN:g}."
            ]
        ),
        "",
        "Review the diff, then run `python scripts/what_if.py <this folder>` before copying the "
        "files into seeds/.",
        "",
    ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Learn from the built warehouse which fit values and activities predict "
        "conversion (regularised logistic regression, cross-validated by contact and checked "
        "out of time on the backtest day), print the AUC and top-decile lift of the current "
        "seeds, the naive Bayes and the learned model, and write suggested seed CSVs in the "
        "exact seed format plus calibration_report.md into --out."
    )
    parser.add_argument(
        "--target", default=default_target(), help="dbt target to read (default: %(default)s)"
    )
    parser.add_argument(
        "--vars",
        help="dbt vars (YAML mapping) the marts were built with; an as_of_date is checked "
        "against the warehouse's as_of_date",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("target/calibration"),
        help="folder for the suggested seeds and the report (default: %(default)s)",
    )
    parser.add_argument(
        "--train-until",
        choices=CUTOFFS,
        default="as_of_date",
        help="learn from the outcomes known on this scoring day; backtest_date keeps the "
        "backtest out of time (default: %(default)s)",
    )
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=PROJECT_ROOT,
        help="dbt project whose seeds/ the warehouse was built from (default: this one)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging(verbose=args.verbose)
    try:
        dbt_vars = parse_vars(args.vars)
        _progress(f"reading the warehouse {describe(args.target)}", restart=True)
        connection = connect(args.target)
        try:
            warehouse = read_warehouse(connection)
        finally:
            connection.close()
        wanted = dbt_vars.get("as_of_date")
        if wanted is not None and str(wanted) != warehouse.days["as_of_date"].isoformat():
            raise CalibrationError(
                f"the warehouse {describe(args.target)} is as of "
                f"{warehouse.days['as_of_date']}, not {wanted}: run dbt build with that "
                "as_of_date first"
            )
        out = args.out if args.out.is_absolute() else Path.cwd() / args.out
        result = calibrate(warehouse, args.train_until, args.project_dir / "seeds", out)
    except (CalibrationError, UnsupportedTargetError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Calibration as of {result.cutoff} ({result.cutoff_kind})")
    print(format_table(result))
    print(f"{len(result.changes)} seed rows change; suggested seeds and report in {out}")
    return 0
