"""``scripts/calibrate.py``: learn the scoring weights from the warehouse's snapshots, judge them
on the backtest day, and write suggested seeds only when the rules engine ranks the backtest
better with them.

Steps (progress on stderr):

1. read the training rows of the built warehouse (lead_scoring.calibration.snapshots): every
   training day t of the engine and every contact that exists and is not a customer on it,
   labelled by a win in (t, t + W], with its rule matches and activities as of t;
2. learn from the training days before the backtest day D (the outcomes known on D): a logistic
   regression anchored on the current seeds, its strength and the half-lives chosen by
   out-of-fold log loss (folds by contact), a gradient boosting for comparison;
3. judge on the newest training day, D itself (the backtest population of
   mart_scoring_performance, converted = first deal won in (D, as_of_date]): the AUC and lift of
   the current seeds, of the naive Bayes, of the learnt model and of the suggested points;
4. points = round(k × coefficient), k keeping as many training rows at the MQL and SQL
   thresholds as today; the suggested seed files are built beside the current ones;
5. the what-if: the ordinary rules engine builds the suggested seeds on the same data
   (lead_scoring.what_if); only when its backtest AUC is higher than the current seeds' are the
   seed files written into --out. The report (calibration_report.md) is written either way, and
   the run exits 0 either way.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lead_scoring.calibration.features import (
    Features,
    build_features,
    candidate_name,
    candidate_rules,
    lead_scores,
)
from lead_scoring.calibration.model import (
    HALF_LIFE_MIN_GAIN,
    CalibrationError,
    auc,
    fit_logistic,
    folds,
    gradient_boosting_cv,
    top_decile_lift,
    tune_half_lives,
)
from lead_scoring.calibration.seeds import (
    FIT_SEED,
    INTEREST_SEED,
    NEW_RULE_MIN_POINTS,
    SEED_FILES,
    number_text,
    read_seed,
    seed_texts,
    suggest,
    write_seed_files,
)
from lead_scoring.calibration.snapshots import Snapshots, read_snapshots
from lead_scoring.logs import setup_logging
from lead_scoring.project import add_project_dir_argument, seed_files
from lead_scoring.relations import load_relations
from lead_scoring.warehouse import UnsupportedTargetError, connect, default_target, describe
from lead_scoring.what_if import WhatIfError, parse_vars, what_if

log = logging.getLogger("calibrate")

REPORT_NAME = "calibration_report.md"
# the least gain of backtest AUC that counts as ranking better: less is no reason to change seeds
# (and within the noise of ties between scores that only differ in their last digits)
MIN_AUC_GAIN = 0.001


@dataclass
class Result:
    as_of_date: str
    backtest_date: str
    learnt_from: str  # the training days learnt from, in words
    learn_rows: int
    learn_won: int
    judge_rows: int
    judge_won: int
    strength: float
    scale: float
    scaled_by: str
    rows: list[tuple[str, float | None, float | None, float | None, float | None]]
    half_life_notes: list[str]
    changes: list[str]
    auc_current: float | None  # the rules engine's backtest AUC with the current seeds
    auc_suggested: float | None  # ... and with the suggested seeds (the what-if)
    written: bool

    @property
    def verdict(self) -> str:
        """One sentence: whether seed files were written, and why."""
        if self.written:
            return (
                f"The suggested seeds rank the backtest better than the current ones (AUC "
                f"{_fmt(self.auc_suggested)} against {_fmt(self.auc_current)}): written for "
                "review."
            )
        if not self.changes:
            return "The outcomes give no reason to change any weight: no seed file written."
        return (
            f"The suggested seeds do not rank the backtest better than the current ones (AUC "
            f"{_fmt(self.auc_suggested)} against {_fmt(self.auc_current)}, less than "
            f"{MIN_AUC_GAIN:g} better): keep the current seeds; no seed file written."
        )


def _fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def check_seeds_match(snapshots: Snapshots, seeds: Mapping[str, Path]) -> None:
    seed_ids = {row["rule_id"].strip() for row in read_seed(seeds[FIT_SEED])[2]} | {
        row["rule_id"].strip() for row in read_seed(seeds[INTEREST_SEED])[2]
    }
    built_ids = set(snapshots.fit_rules["rule_id"]) | set(snapshots.interest_rules["rule_id"])
    if seed_ids != built_ids:
        raise CalibrationError(
            f"the warehouse was built from other seeds than {seeds[FIT_SEED].parent} (rule_ids "
            f"differ: {', '.join(sorted(seed_ids ^ built_ids))}): run dbt build first"
        )


def _measured(features: Features, scores) -> tuple[float | None, float | None]:
    """(AUC, top-decile lift) of scores against the labels of features' rows."""
    y = features.is_won.to_numpy(dtype=bool)
    return auc(scores, y), top_decile_lift(scores, y)


def calibrate(snapshots: Snapshots, seeds: Mapping[str, Path], out: Path, run_what_if) -> Result:
    """Learn, judge, and write the report (and the seeds when the what-if says they rank better)
    into out. run_what_if(folder) builds the seed files of folder (in a temporary folder of its
    own) with the rules engine and returns the backtest AUC before and after."""
    check_seeds_match(snapshots, seeds)
    rows = snapshots.rows
    learn_rows = rows[rows["scoring_day_number"] >= 2]
    judge_rows = rows[rows["scoring_day_number"] == 1]
    learnt_days = sorted(learn_rows["scoring_date"].unique())
    log.info(
        "learning from %d training rows of %d training days before the backtest day %s "
        "(%d converted); judging on its %d rows (%d converted)",
        len(learn_rows),
        len(learnt_days),
        snapshots.day_of(1),
        int(learn_rows["is_won"].sum()),
        len(judge_rows),
        int(judge_rows["is_won"].sum()),
    )
    candidates = candidate_rules(
        snapshots,
        snapshots.attributes.merge(learn_rows[["scoring_day", "contact_id"]]),
    )
    features = build_features(snapshots, learn_rows, snapshots.interest_rules, candidates)
    y = features.is_won.to_numpy(dtype=bool)
    splits = folds(y, features.groups())
    log.info(
        "%d features (%d candidate new rules); fitting the logistic regression",
        features.frame.shape[1],
        len(features.candidate_columns),
    )
    first = fit_logistic(features, splits, snapshots)
    rules, notes = tune_half_lives(
        snapshots, learn_rows, candidates, first.strength, first.cv_log_loss
    )
    if notes:
        features = build_features(snapshots, learn_rows, rules, candidates)
    log.info("refitting, and a gradient boosting for comparison")
    final = fit_logistic(features, splits, snapshots)
    boosting = gradient_boosting_cv(features, splits)
    suggestion = suggest(snapshots, features, final.coefficients, rules)

    # judged on the backtest day: features as of D, converted in (D, as_of_date]
    judge = build_features(snapshots, judge_rows, rules, candidates)
    current = (
        snapshots.lead_scores.set_index(["scoring_day", "contact_id"])["lead_score"]
        .reindex(judge.frame.index)
        .to_numpy()
    )
    learnt = judge.frame.to_numpy(dtype=float) @ final.coefficients.to_numpy()
    settings = dict(snapshots.settings, inactivity_points=suggestion.inactivity_points)
    recomputed = lead_scores(
        judge, suggestion.all_fit_points(candidate_name), suggestion.interest_points, settings
    ).to_numpy()
    cv_current = features.current_score.to_numpy()
    texts, changes = seed_texts(suggestion, seeds)

    auc_current, auc_suggested = snapshots.performance["auc_lead_score"], None
    if changes:
        log.info("the what-if: building the suggested seeds with the rules engine")
        with tempfile.TemporaryDirectory(prefix="lead_scoring_calibration_") as tmp:
            candidate = Path(tmp) / "seeds"
            write_seed_files(texts, candidate)
            auc_current, auc_suggested = run_what_if(candidate)
    written = (
        bool(changes)
        and auc_suggested is not None
        and auc_current is not None
        and auc_suggested >= auc_current + MIN_AUC_GAIN
    )
    out.mkdir(parents=True, exist_ok=True)
    for name in SEED_FILES:
        (out / name).unlink(missing_ok=True)  # never leave an earlier run's suggestion behind
    if written:
        write_seed_files(texts, out)
    result = Result(
        as_of_date=str(snapshots.as_of_date),
        backtest_date=str(snapshots.day_of(1)),
        learnt_from=", ".join(str(day) for day in learnt_days),
        learn_rows=len(learn_rows),
        learn_won=int(learn_rows["is_won"].sum()),
        judge_rows=len(judge_rows),
        judge_won=int(judge_rows["is_won"].sum()),
        strength=final.strength,
        scale=suggestion.scale,
        scaled_by=suggestion.scaled_by,
        rows=[
            (
                "current seeds (lead score)",
                *_measured(features, cv_current),
                *_measured(judge, current),
            ),
            (
                "naive Bayes (fct_lead_predictions)",
                None,
                None,
                snapshots.performance["auc_predictive"],
                None,
            ),
            (
                f"logistic regression (anchored, C={final.strength:g})",
                *_measured(features, final.cv_predictions),
                *_measured(judge, learnt),
            ),
            ("gradient boosting (comparison)", *_measured(features, boosting), None, None),
            ("suggested seeds (recomputed)", None, None, *_measured(judge, recomputed)),
            ("suggested seeds (what-if, rules engine)", None, None, auc_suggested, None),
        ],
        half_life_notes=notes,
        changes=changes,
        auc_current=auc_current,
        auc_suggested=auc_suggested,
        written=written,
    )
    (out / REPORT_NAME).write_text(format_report(result, snapshots), encoding="utf-8")
    return result


def format_table(result: Result) -> str:
    lines = [f"  {'':<42}{'CV AUC':>9}{'CV lift':>9}{'backtest AUC':>14}{'lift':>7}"]
    for label, cv_auc, cv_lift, bt_auc, bt_lift in result.rows:
        lines.append(
            f"  {label:<42}{_fmt(cv_auc):>9}{_fmt(cv_lift, 2):>9}{_fmt(bt_auc):>14}"
            f"{_fmt(bt_lift, 2):>7}"
        )
    return "\n".join(lines)


def format_report(result: Result, snapshots: Snapshots) -> str:
    window = int(snapshots.settings["conversion_window_days"])
    lines = [
        "# Calibration of the scoring seeds",
        "",
        result.verdict,
        "",
        f"Learnt from {result.learn_rows} training rows of the training days before the "
        f"backtest day {result.backtest_date} ({result.learnt_from}): on each day every contact "
        f"that existed and was not a customer yet, {result.learn_won} of them converted (first "
        f"deal won) within {window} days after it. Judged on the backtest day itself: its "
        f"{result.judge_rows} contacts, {result.judge_won} converted by {result.as_of_date}. "
        "Every feature is read as of its own day, as the rules engine read it: the fit rules "
        "that matched, the decayed and capped number of activities per interest rule, "
        "inactivity, and candidate rules for frequent values no rule names yet.",
        "",
        "## How well each score ranks",
        "",
        "CV: out-of-fold over the training rows (folds by contact). Backtest: the population of "
        "mart_scoring_performance, never learnt from. Lift: conversion rate of the top score "
        "decile over the overall rate. The suggested seeds are written only when the what-if "
        "(the rules engine itself on the suggested seeds) ranks the backtest better than the "
        f"current seeds, by at least {MIN_AUC_GAIN:g} of AUC.",
        "",
        "```",
        format_table(result),
        "```",
        "",
        "## Points",
        "",
        f"Points are the logistic regression's coefficients (log-odds per rule match or per "
        f"activity) × {result.scale:.2f}, rounded: "
        + (
            "that scale puts as many training rows at or above the MQL "
            f"({number_text(snapshots.settings['mql_threshold'])}) and SQL "
            f"({number_text(snapshots.settings['sql_threshold'])}) thresholds as the current "
            "seeds do, so the thresholds in scoring_settings keep their meaning."
            if result.scaled_by == "thresholds"
            else "no training row reaches the MQL or SQL threshold with the current seeds, so "
            "the scale keeps the spread (standard deviation) of the training rows' lead scores."
        )
        + " max_points keeps each rule's cap in activities. A rule whose coefficient rounds to "
        "0 points adds nothing the data can see; a new rule is suggested only with at least "
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
    ]
    if result.written:
        lines += [
            "Review the diff, then `python scripts/what_if.py <this folder>` shows every lead "
            "that would change before you copy the files into seeds/.",
            "",
        ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Learn from the built warehouse's snapshots which fit values and activities "
        "predict conversion (a logistic regression learnt on the training days before the "
        "backtest day, judged on the backtest day), print the AUC and top-decile lift of the "
        "current seeds, the naive Bayes and the learnt model, and write suggested seed CSVs in "
        "the exact seed format into --out only when the rules engine ranks the backtest better "
        "with them (the what-if); calibration_report.md is written either way."
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
    add_project_dir_argument(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging(verbose=args.verbose)
    try:
        dbt_vars = parse_vars(args.vars)
        log.info("reading the training rows from %s", describe(args.target, args.project_dir))
        relations = load_relations(args.project_dir / "target")
        connection = connect(args.target, project_dir=args.project_dir)
        try:
            snapshots = read_snapshots(connection, relations)
        finally:
            connection.close()
        as_of = str(snapshots.as_of_date)
        wanted = dbt_vars.get("as_of_date")
        if wanted is not None and str(wanted) != as_of:
            raise CalibrationError(
                f"the warehouse {describe(args.target, args.project_dir)} is as of {as_of}, "
                f"not {wanted}: run dbt build with that as_of_date first"
            )
        out = args.out if args.out.is_absolute() else Path.cwd() / args.out

        def run_what_if(folder: Path) -> tuple[float | None, float | None]:
            summary = what_if(
                folder,
                target=args.target,
                dbt_vars={**dbt_vars, "as_of_date": as_of},
                # beside the candidate folder, in calibrate's own temporary folder
                changes_csv=folder.parent / "what_if_changes.csv",
                project_dir=args.project_dir,
            )
            return summary["auc_before"], summary["auc_after"]

        result = calibrate(snapshots, seed_files(args.project_dir), out, run_what_if)
    except (
        CalibrationError,
        UnsupportedTargetError,
        WhatIfError,
        FileNotFoundError,
        KeyError,
        ValueError,
    ) as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return 1
    print(
        f"Calibration as of {result.as_of_date} (judged on the backtest day {result.backtest_date})"
    )
    print(format_table(result))
    print(result.verdict)
    print(f"Report in {out / REPORT_NAME}")
    return 0
