"""What the calibration reads from a built warehouse: the scoring days, the typed seeds, and for
every training row (a training day and a contact that exists and is not a customer on it) its
label, the fit rules it matched, its attribute values, its activities with the interest rules
each matches, and the lead score the current seeds gave it that day. Relation names come from
the build's manifest (lead_scoring.relations)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

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
SETTINGS = (
    "fit_weight",
    "interest_weight",
    "interest_max",
    "inactivity_days",
    "inactivity_points",
    "conversion_window_days",
    "mql_threshold",
    "sql_threshold",
)


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


def frame(connection, sql: str, columns: list[str]) -> pd.DataFrame:
    """The rows of a query as a frame with the given column names (any DB-API connection)."""
    cursor = connection.cursor()
    cursor.execute(sql)
    return pd.DataFrame(cursor.fetchall(), columns=columns)


@dataclass
class Snapshots:
    """What the calibration reads from a built warehouse (plain frames)."""

    days: pd.DataFrame  # scoring_day, scoring_date, scoring_day_number
    settings: dict[str, float | None]
    fit_rules: pd.DataFrame  # rule_id, attribute, operator, value_text, points, is_disqualifying
    fit_rule_values: pd.DataFrame  # rule_id, value_item
    interest_rules: pd.DataFrame  # rule_id, activity, points, max_points, half_life_days, ...
    rows: pd.DataFrame  # scoring_day, scoring_date, scoring_day_number, contact_id, is_won
    fit_matches: pd.DataFrame  # scoring_day, contact_id, rule_id
    attributes: pd.DataFrame  # scoring_day, contact_id, attribute, value_text
    activities: pd.DataFrame  # scoring_day, contact_id, activity, activity_date, rule_id
    lead_scores: pd.DataFrame  # scoring_day, contact_id, lead_score (current seeds, that day)
    performance: dict[str, float | None]  # auc_lead_score, auc_predictive of the backtest

    def day_of(self, number: int) -> dt.date | None:
        """The date of scoring day n (0 = as_of_date, 1 = the backtest day)."""
        match = self.days[self.days["scoring_day_number"] == number]["scoring_date"]
        return None if match.empty else match.iloc[0]

    @property
    def as_of_date(self) -> dt.date:
        return self.day_of(0)


def read_snapshots(connection, relations: dict[str, str]) -> Snapshots:
    """Read the training rows and everything the calibration learns from (portable SQL)."""

    def rel(name: str) -> str:
        if name not in relations:
            raise KeyError(f"{name} is not in the dbt manifest: run dbt build first")
        return relations[name]

    training = (
        f"{rel('int_prediction_training_rows')} as rows "
        "inner join {table} as source "
        "on rows.scoring_day = source.scoring_day and rows.contact_id = source.contact_id"
    )
    days = frame(
        connection,
        f"select scoring_day, scoring_date, scoring_day_number from {rel('int_scoring_days')}",
        ["scoring_day", "scoring_date", "scoring_day_number"],
    )
    days["scoring_date"] = days["scoring_date"].map(_day)
    days["scoring_day_number"] = days["scoring_day_number"].astype(int)
    settings_frame = frame(
        connection, f"select {', '.join(SETTINGS)} from {rel('int_scoring__settings')}", SETTINGS
    )
    settings = {key: _num(value) for key, value in settings_frame.iloc[0].items()}
    fit_rules = frame(
        connection,
        "select rule_id, attribute, operator, value_text, points, is_disqualifying "
        f"from {rel('int_scoring__fit_rules')}",
        ["rule_id", "attribute", "operator", "value_text", "points", "is_disqualifying"],
    )
    fit_rules["points"] = fit_rules["points"].map(_num)
    fit_rule_values = frame(
        connection,
        f"select rule_id, value_item from {rel('int_scoring__rule_values')} "
        "where rule_kind = 'fit'",
        ["rule_id", "value_item"],
    )
    interest_rules = frame(
        connection,
        "select rule_id, activity, points, max_points, half_life_days, window_days "
        f"from {rel('int_scoring__interest_rules')}",
        ["rule_id", "activity", "points", "max_points", "half_life_days", "window_days"],
    )
    for column in ("points", "max_points", "half_life_days", "window_days"):
        interest_rules[column] = interest_rules[column].map(_num)
    rows = frame(
        connection,
        f"select scoring_day, contact_id, is_won from {rel('int_prediction_training_rows')}",
        ["scoring_day", "contact_id", "is_won"],
    )
    rows["is_won"] = rows["is_won"].astype(bool)
    rows = rows.merge(days, on="scoring_day")
    fit_matches = frame(
        connection,
        "select source.scoring_day, source.contact_id, source.rule_id from "
        + training.format(table=rel("int_fit_rule_matches")),
        ["scoring_day", "contact_id", "rule_id"],
    )
    names = ", ".join(f"'{name}'" for name in CANDIDATE_ATTRIBUTES)
    attributes = frame(
        connection,
        "select source.scoring_day, source.contact_id, source.attribute, source.value_text from "
        + training.format(table=rel("int_contact_attribute_values"))
        + f" where source.value_text is not null and source.attribute in ({names})",
        ["scoring_day", "contact_id", "attribute", "value_text"],
    )
    activities = frame(
        connection,
        "select source.scoring_day, source.contact_id, source.activity, source.activity_date, "
        "matches.rule_id from "
        + training.format(table=rel("int_scoring_day_activities"))
        + f" left join {rel('int_interest_rule_matches')} as matches "
        "on source.activity_id = matches.activity_id",
        ["scoring_day", "contact_id", "activity", "activity_date", "rule_id"],
    )
    activities["activity_date"] = activities["activity_date"].map(_day)
    lead_scores = frame(
        connection,
        "select source.scoring_day, source.contact_id, source.lead_score from "
        + training.format(table=rel("int_lead_scores_on_scoring_day")),
        ["scoring_day", "contact_id", "lead_score"],
    )
    lead_scores["lead_score"] = lead_scores["lead_score"].map(float)
    overall = frame(
        connection,
        f"select auc_lead_score, auc_predictive from {rel('mart_scoring_performance')} "
        "where dimension = 'overall'",
        ["auc_lead_score", "auc_predictive"],
    )
    performance = (
        {key: _num(value) for key, value in overall.iloc[0].items()}
        if len(overall)
        else {"auc_lead_score": None, "auc_predictive": None}
    )
    return Snapshots(
        days=days,
        settings=settings,
        fit_rules=fit_rules,
        fit_rule_values=fit_rule_values,
        interest_rules=interest_rules,
        rows=rows,
        fit_matches=fit_matches,
        attributes=attributes,
        activities=activities,
        lead_scores=lead_scores,
        performance=performance,
    )
