"""The calibration's models and measures: a logistic regression anchored on the current seeds,
its regularisation and the half-lives chosen by out-of-fold log loss (folds keep each contact's
training rows together), a gradient boosting for comparison, and the AUC and lift the marts use."""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lead_scoring.calibration.features import INACTIVE, Features, build_features
from lead_scoring.calibration.snapshots import Snapshots

log = logging.getLogger("calibrate")

C_GRID = (0.0003, 0.001, 0.003, 0.01, 0.03)
FOLDS = 5
HALF_LIFE_FACTORS = (0.5, 2.0)
HALF_LIFE_MIN_GAIN = 2.0
ANCHOR_SCALE = 30.0


class CalibrationError(RuntimeError):
    """The calibration cannot run (no warehouse, too few outcomes, seeds out of step)."""


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

    For a threshold t, m rows reach t with the current scores; z_t is the m-th highest new raw
    score (so k × z_t = t puts as many rows at or above t). k minimises Σ (k·z_t − t)² over the
    thresholds some row reaches and whose z_t is positive: k = Σ t·z_t / Σ z_t²."""
    current = np.asarray(current_scores, dtype=float)
    ordered = np.sort(np.asarray(new_raw, dtype=float))[::-1]
    pairs = []
    for threshold in thresholds:
        reached = int((current >= threshold).sum())
        if 0 < reached <= len(ordered) and ordered[reached - 1] > 0:
            pairs.append((float(threshold), float(ordered[reached - 1])))
    if not pairs:
        raise CalibrationError("no threshold is reached by any training row: cannot scale")
    return sum(t * z for t, z in pairs) / sum(z * z for _, z in pairs)


def folds(labels: np.ndarray, groups: np.ndarray):
    """Stratified folds that keep each contact's training rows in one fold."""
    from sklearn.model_selection import StratifiedGroupKFold

    splits = min(FOLDS, int(labels.sum()), int((~labels).sum()))
    if splits < 2:
        raise CalibrationError(
            f"{int(labels.sum())} converted and {int((~labels).sum())} not converted training "
            "rows: too few outcomes to learn from"
        )
    folder = StratifiedGroupKFold(n_splits=splits, shuffle=True, random_state=0)
    return list(folder.split(np.zeros(len(labels)), labels, groups))


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


def out_of_fold(
    model_factory, x: np.ndarray, base: np.ndarray, y: np.ndarray, splits
) -> np.ndarray:
    predictions = np.zeros(len(y))
    for train, test in splits:
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


def base_weights(features: Features, snapshots: Snapshots) -> pd.Series:
    """The current seeds' points per unit of each feature in the lead score (fit points ×
    fit_weight, interest points and inactivity_points × interest_weight, candidates 0)."""
    settings = snapshots.settings
    fit = dict(zip(snapshots.fit_rules["rule_id"], snapshots.fit_rules["points"], strict=True))
    interest = dict(
        zip(snapshots.interest_rules["rule_id"], snapshots.interest_rules["points"], strict=True)
    )
    weights = pd.Series(0.0, index=features.frame.columns)
    for rule in features.fit_columns:
        weights[rule] = (fit.get(rule) or 0.0) * settings["fit_weight"]
    for rule in features.interest_columns:
        weights[rule] = (interest.get(rule) or 0.0) * settings["interest_weight"]
    weights[INACTIVE] = (settings.get("inactivity_points") or 0.0) * settings["interest_weight"]
    return weights


def fit_logistic(features: Features, splits, snapshots: Snapshots) -> Fit:
    """The anchored logistic regression with the strength (C) of least out-of-fold log loss,
    refitted on every row."""
    x = features.frame.to_numpy(dtype=float)
    y = features.is_won.to_numpy(dtype=bool)
    current = base_weights(features, snapshots)
    base = x @ current.to_numpy()
    best = None
    for strength in C_GRID:
        predictions = out_of_fold(lambda s=strength: AnchoredLogistic(s), x, base, y, splits)
        loss = log_loss_sum(y, predictions)
        log.debug("C=%g: out-of-fold log loss %.1f", strength, loss)
        if best is None or loss < best[1]:
            best = (strength, loss, predictions)
    strength, loss, predictions = best
    b, delta = AnchoredLogistic(strength).fit(x, base, y).weights()
    coefficients = pd.Series(b * current.to_numpy() + delta, index=features.frame.columns)
    return Fit(strength, coefficients, predictions, loss)


def gradient_boosting_cv(features: Features, splits) -> np.ndarray:
    from sklearn.ensemble import GradientBoostingClassifier

    x = features.frame.to_numpy(dtype=float)
    y = features.is_won.to_numpy(dtype=bool)
    predictions = np.zeros(len(y))
    for train, test in splits:
        model = GradientBoostingClassifier(
            n_estimators=150, max_depth=2, learning_rate=0.05, subsample=0.8, random_state=0
        )
        model.fit(x[train], y[train])
        predictions[test] = model.predict_proba(x[test])[:, 1]
    return predictions


def tune_half_lives(
    snapshots: Snapshots,
    rows: pd.DataFrame,
    candidates: list[tuple[str, str]],
    strength: float,
    baseline_loss: float,
) -> tuple[pd.DataFrame, list[str]]:
    """Halve or double the half-lives of one activity kind at a time; keep a change when the
    summed out-of-fold log loss of the training rows drops by more than HALF_LIFE_MIN_GAIN."""
    rules = snapshots.interest_rules.copy()
    notes = []
    best_loss = baseline_loss
    kinds = sorted(rules.loc[rules["half_life_days"].notna(), "activity"].unique())
    for number, kind in enumerate(kinds, start=1):
        log.info("half-lives: %s (%d of %d activity kinds)", kind, number, len(kinds))
        chosen = None
        for factor in HALF_LIFE_FACTORS:
            trial = rules.copy()
            mask = (trial["activity"] == kind) & trial["half_life_days"].notna()
            trial.loc[mask, "half_life_days"] = (trial.loc[mask, "half_life_days"] * factor).round()
            features = build_features(snapshots, rows, trial, candidates)
            x = features.frame.to_numpy(dtype=float)
            y = features.is_won.to_numpy(dtype=bool)
            base = x @ base_weights(features, snapshots).to_numpy()
            loss = log_loss_sum(
                y,
                out_of_fold(
                    lambda: AnchoredLogistic(strength), x, base, y, folds(y, features.groups())
                ),
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
