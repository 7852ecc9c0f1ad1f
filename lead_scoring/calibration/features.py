"""The training table of the calibration: one row per training row (a training day t and a
contact), its label (first deal won in (t, t + W]) and its features on t in the units of the rules,
so that ``points × feature`` is exactly a rule's contribution to the lead score that day:

- per fit rule (not disqualifying): 1 when it matched on t, else 0;
- per candidate rule (``attribute equals value`` for a frequent value no rule names yet): 1/0;
- per interest rule: the decayed number of matching activities on or before t,
  ``Σ 0.5^(age / half_life)`` (age = t − the activity's day; none once age ≥ window_days), capped
  at max_points / |points|;
- ``inactivity``: 1 when no activity but bounces and unsubscribes is younger than
  inactivity_days on t.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lead_scoring.calibration.snapshots import Snapshots

CANDIDATE_MIN_CONTACTS = 30
# activities that do not keep a lead active (inactivity)
NOT_ACTIVE = ("email_bounce", "email_unsubscribe")
INACTIVE = "inactivity"
KEY = ["scoring_day", "contact_id"]


@dataclass
class Features:
    """One row per training row: the feature matrix (columns = rule ids, candidate names,
    inactivity), the label and the current seeds' lead score, indexed by (scoring_day,
    contact_id)."""

    frame: pd.DataFrame
    is_won: pd.Series
    current_score: pd.Series
    fit_columns: list[str]
    candidate_columns: list[str]
    interest_columns: list[str]

    def groups(self) -> np.ndarray:
        """The contact of each row, for folds that keep a contact's rows together."""
        return self.frame.index.get_level_values("contact_id").to_numpy()


def candidate_name(attribute: str, value: str) -> str:
    return f"new:{attribute}={value}"


def interest_units(
    activities: pd.DataFrame, rules: pd.DataFrame, days: pd.Series, index: pd.MultiIndex
) -> pd.DataFrame:
    """Per training row (index: scoring_day, contact_id) and interest rule: the decayed number of
    matching activities on or before the row's day, capped at max_points / |points|.

    activities: scoring_day, contact_id, activity_date, rule_id (one row per activity and matching
    rule, as attributed on that scoring day); rules: rule_id, points, max_points, half_life_days,
    window_days; days: the date of each scoring_day."""
    columns = list(rules["rule_id"])
    out = pd.DataFrame(0.0, index=index, columns=columns)
    matched = activities[activities["rule_id"].notna()].merge(rules, on="rule_id")
    if matched.empty:
        return out
    feature_day = matched["scoring_day"].map(days)
    age = np.array(
        [(f - a).days for f, a in zip(feature_day, matched["activity_date"], strict=True)],
        dtype=float,
    )
    half_life = matched["half_life_days"].to_numpy(dtype=float)
    window = matched["window_days"].to_numpy(dtype=float)
    factor = np.where(
        np.isnan(half_life), 1.0, np.power(0.5, age / np.where(np.isnan(half_life), 1.0, half_life))
    )
    keep = (age >= 0) & ~(~np.isnan(window) & (age >= window))
    matched = matched.assign(units=np.where(keep, factor, 0.0))
    summed = matched.groupby([*KEY, "rule_id"])["units"].sum().unstack(fill_value=0.0)
    summed = summed.reindex(index=index, columns=columns, fill_value=0.0)
    out.loc[:, :] = summed.to_numpy()
    for rule in rules.itertuples(index=False):
        if rule.max_points is not None and not pd.isna(rule.max_points) and rule.points:
            out[rule.rule_id] = out[rule.rule_id].clip(upper=rule.max_points / abs(rule.points))
    return out


def inactive_flags(
    activities: pd.DataFrame, days: pd.Series, index: pd.MultiIndex, inactivity_days: float | None
) -> pd.Series:
    """1 when the training row has no activity (other than bounce and unsubscribe) with age
    below inactivity_days on its day, else 0 (always 0 without an inactivity_days setting)."""
    flags = pd.Series(1.0, index=index)
    if inactivity_days is None:
        return flags * 0.0
    active = activities[~activities["activity"].isin(NOT_ACTIVE)].drop_duplicates(
        [*KEY, "activity_date"]
    )
    feature_day = active["scoring_day"].map(days)
    ages = np.array(
        [(f - a).days for f, a in zip(feature_day, active["activity_date"], strict=True)],
        dtype=float,
    )
    recent = active[(ages >= 0) & (ages < inactivity_days)]
    recent_keys = pd.MultiIndex.from_frame(recent[KEY]).unique()
    flags[index.isin(recent_keys)] = 0.0
    return flags


def candidate_rules(
    snapshots: Snapshots, attributes: pd.DataFrame, min_contacts: int = CANDIDATE_MIN_CONTACTS
) -> list[tuple[str, str]]:
    """(attribute, value) pairs of a categorical attribute that at least min_contacts of the
    training rows' contacts hold and that no fit rule names (equals, in, contains, starts_with,
    ends_with)."""
    rules = snapshots.fit_rules
    items = snapshots.fit_rule_values.groupby("rule_id")["value_item"].apply(list).to_dict()
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


def _on_rows(frame: pd.DataFrame, index: pd.MultiIndex) -> pd.DataFrame:
    """The rows of frame (with scoring_day and contact_id columns) that belong to index."""
    return frame[pd.MultiIndex.from_frame(frame[KEY]).isin(index)]


def build_features(
    snapshots: Snapshots,
    rows: pd.DataFrame,
    interest_rules: pd.DataFrame,
    candidates: list[tuple[str, str]],
) -> Features:
    """Features of the training rows ``rows`` (scoring_day, contact_id, is_won) on their days."""
    rows = rows.sort_values(KEY)
    index = pd.MultiIndex.from_frame(rows[KEY])
    days = snapshots.days.set_index("scoring_day")["scoring_date"]
    fit_ids = list(
        snapshots.fit_rules.loc[~snapshots.fit_rules["is_disqualifying"].astype(bool), "rule_id"]
    )
    matches = _on_rows(snapshots.fit_matches, index)
    fit = pd.DataFrame(0.0, index=index, columns=fit_ids)
    for rule_id, group in matches[matches["rule_id"].isin(fit_ids)].groupby("rule_id"):
        fit.loc[fit.index.isin(pd.MultiIndex.from_frame(group[KEY])), rule_id] = 1.0
    values = _on_rows(snapshots.attributes, index)
    candidate_columns = [candidate_name(a, v) for a, v in candidates]
    new = pd.DataFrame(0.0, index=index, columns=candidate_columns)
    for (attribute, value), name in zip(candidates, candidate_columns, strict=True):
        holders = values[(values["attribute"] == attribute) & (values["value_text"] == value)]
        new.loc[new.index.isin(pd.MultiIndex.from_frame(holders[KEY])), name] = 1.0
    activities = _on_rows(snapshots.activities, index)
    interest = interest_units(activities, interest_rules, days, index)
    inactive = inactive_flags(activities, days, index, snapshots.settings["inactivity_days"])
    features = Features(
        frame=pd.concat([fit, new, interest, inactive.rename(INACTIVE)], axis=1),
        is_won=pd.Series(rows["is_won"].astype(bool).to_numpy(), index=index),
        current_score=pd.Series(0.0, index=index),
        fit_columns=fit_ids,
        candidate_columns=candidate_columns,
        interest_columns=list(interest_rules["rule_id"]),
    )
    features.current_score = lead_scores(
        features,
        dict(zip(snapshots.fit_rules["rule_id"], snapshots.fit_rules["points"], strict=True)),
        dict(zip(interest_rules["rule_id"], interest_rules["points"], strict=True)),
        snapshots.settings,
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
