"""Points from the learnt coefficients, and the suggested seed CSVs in the seeds' own format:
every unchanged row byte for byte as in the project's seed, changed rows in the same columns,
new rules appended with the next free rule_id and "New (calibration):" in the description."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lead_scoring.calibration.features import INACTIVE, Features
from lead_scoring.calibration.model import CalibrationError, threshold_scale
from lead_scoring.calibration.snapshots import CANDIDATE_ATTRIBUTES, Snapshots

FIT_SEED = "scoring_fit_rules.csv"
INTEREST_SEED = "scoring_interest_rules.csv"
SETTINGS_SEED = "scoring_settings.csv"
SEED_FILES = (FIT_SEED, INTEREST_SEED, SETTINGS_SEED)
NEW_RULE_MIN_POINTS = 3
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


def number_text(value: float) -> str:
    return str(int(round(value))) if float(value).is_integer() else f"{value:g}"


def read_seed(path: Path) -> tuple[list[str], list[str], list[dict]]:
    """(header, raw data lines, parsed rows) of a seed CSV."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), lines[1:], rows


def _header_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def _csv_line(header: list[str], row: dict) -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=header, lineterminator="\n").writerow(row)
    return buffer.getvalue().rstrip("\n")


def _same(a: str, b: str) -> bool:
    a, b = (a or "").strip(), (b or "").strip()
    if a == b:
        return True
    try:
        return float(a) == float(b)
    except ValueError:
        return False


@dataclass
class Suggestion:
    scale: float
    scaled_by: str  # "thresholds" (as many rows reach MQL and SQL) or "spread" (none reaches one)
    fit_points: dict[str, float]
    interest_points: dict[str, float]
    interest_max_points: dict[str, float | None]
    half_lives: dict[str, float | None]
    new_rules: list[dict]
    inactivity_points: float
    changes: list[str] = field(default_factory=list)

    def all_fit_points(self, candidate_name) -> dict[str, float]:
        """The fit points by feature column, the new rules under their candidate names."""
        points = dict(self.fit_points)
        for rule in self.new_rules:
            points[candidate_name(rule["attribute"], rule["value"])] = rule["points"]
        return points


def suggest(
    snapshots: Snapshots, features: Features, coefficients: pd.Series, rules: pd.DataFrame
) -> Suggestion:
    """Points = round(k × β), k from threshold_scale on the training rows' current scores."""
    raw = features.frame.to_numpy(dtype=float) @ coefficients.to_numpy()
    thresholds = [snapshots.settings["mql_threshold"], snapshots.settings["sql_threshold"]]
    current = features.current_score.to_numpy()
    try:
        k = threshold_scale(current, raw, thresholds)
        scaled_by = "thresholds"
    except CalibrationError:
        # no training row reaches a threshold today: keep the spread of the lead scores instead
        k = float(np.std(current) / np.std(raw)) if np.std(raw) > 0 else 1.0
        scaled_by = "spread"
    points = (coefficients * k).round()
    fit_points = {rule: float(points[rule]) for rule in features.fit_columns}
    interest_points, max_points, half_lives = {}, {}, {}
    old = snapshots.interest_rules.set_index("rule_id")
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
        scaled_by=scaled_by,
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


def _fit_seed(suggestion: Suggestion, seeds: Mapping[str, Path], changes: list[str]) -> str:
    header, lines, rows = read_seed(seeds[FIT_SEED])
    output = [_header_line(seeds[FIT_SEED])]
    for line, row in zip(lines, rows, strict=True):
        rule = row["rule_id"].strip()
        if rule in suggestion.fit_points and float(row["points"]) != suggestion.fit_points[rule]:
            changes.append(
                f"| {rule} | {row['description']} | {row['points']} | "
                f"{number_text(suggestion.fit_points[rule])} |"
            )
            output.append(
                _csv_line(header, dict(row, points=number_text(suggestion.fit_points[rule])))
            )
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
                    "points": number_text(new["points"]),
                    "disqualify": "false",
                    "description": description,
                    **{c: "" for c in header if c not in _FIT_COLUMNS},
                },
            )
        )
        changes.append(f"| {rule_id} | {description} | (new) | {number_text(new['points'])} |")
    return "\n".join(output) + "\n"


def _interest_seed(suggestion: Suggestion, seeds: Mapping[str, Path], changes: list[str]) -> str:
    header, lines, rows = read_seed(seeds[INTEREST_SEED])
    output = [_header_line(seeds[INTEREST_SEED])]
    for line, row in zip(lines, rows, strict=True):
        rule = row["rule_id"].strip()
        if rule not in suggestion.interest_points:
            output.append(line)
            continue
        new = dict(row)
        new["points"] = number_text(suggestion.interest_points[rule])
        max_points = suggestion.interest_max_points[rule]
        new["max_points"] = "" if max_points is None else number_text(max_points)
        half_life = suggestion.half_lives[rule]
        new["half_life_days"] = "" if half_life is None else number_text(half_life)
        columns = ("points", "max_points", "half_life_days")
        if all(_same(row[c], new[c]) for c in columns):
            output.append(line)
            continue
        what = [
            f"{c} {row[c] or '-'} → {new[c] or '-'}" for c in columns if not _same(row[c], new[c])
        ]
        changes.append(f"| {rule} | {row['description']} | {'; '.join(what)} | |")
        output.append(_csv_line(header, new))
    return "\n".join(output) + "\n"


def _settings_seed(suggestion: Suggestion, seeds: Mapping[str, Path], changes: list[str]) -> str:
    header, lines, rows = read_seed(seeds[SETTINGS_SEED])
    output = [_header_line(seeds[SETTINGS_SEED])]
    points = number_text(suggestion.inactivity_points)
    for line, row in zip(lines, rows, strict=True):
        if row["key"].strip() == "inactivity_points" and not _same(row["value"], points):
            changes.append(
                f"| inactivity_points | no activity in inactivity_days | {row['value']} | "
                f"{points} |"
            )
            output.append(_csv_line(header, dict(row, value=points)))
        else:
            output.append(line)
    return "\n".join(output) + "\n"


def seed_texts(
    suggestion: Suggestion, seeds: Mapping[str, Path]
) -> tuple[dict[str, str], list[str]]:
    """The text of each suggested seed file ({file name: text}) and the change lines of the
    report (a markdown table row each)."""
    changes: list[str] = []
    texts = {
        FIT_SEED: _fit_seed(suggestion, seeds, changes),
        INTEREST_SEED: _interest_seed(suggestion, seeds, changes),
        SETTINGS_SEED: _settings_seed(suggestion, seeds, changes),
    }
    return texts, changes


def write_seed_files(texts: dict[str, str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
