"""scripts/calibrate.py (calibration): unit tests worked out by hand, and end to end on
generated data, where the suggested seeds must beat the default seeds in the backtest.

End to end: the generator plants a hidden propensity (scripts/generate_data.py: deals follow fit,
lead source among it, and intent, with noise). The calibration learns only from the outcomes
known on the backtest day (--train-until backtest_date), so the backtest of the what-if build
(conversions after that day) is out of time for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from dbt_harness import (
    PROJECT_DIR,
    WITHOUT_UNIT_TESTS,
    copy_project,
    environment,
    generate_raw,
    load_raw,
    run_dbt,
)
from test_what_if import run_what_if

sys.path.insert(0, str(PROJECT_DIR))

from lead_scoring.calibrate import (  # noqa: E402
    interest_units,
    labelled_contacts,
    threshold_scale,
    top_decile_lift,
)

AS_OF = "2026-06-30"
SEEDS = ("scoring_fit_rules.csv", "scoring_interest_rules.csv", "scoring_settings.csv")


def test_help():
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "calibrate.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    for option in ("--target", "--vars", "--out", "--train-until"):
        assert option in result.stdout


def test_threshold_scale_by_hand():
    # current scores: 4 contacts reach 50 (50, 60, 100, 120), 2 reach 100 (100, 120).
    # new raw scores, highest first: 6, 5, 4, 3, 2, 1 -> z_50 = 4th highest = 3, z_100 = 2nd = 5.
    # k = (50*3 + 100*5) / (3^2 + 5^2) = 650 / 34
    k = threshold_scale([0, 20, 50, 60, 100, 120], [1, 2, 3, 4, 5, 6], [50, 100])
    assert k == pytest.approx(650 / 34)
    # a threshold no contact reaches today is left out: only 50 counts, k = 50 * 3 / 9
    k = threshold_scale([0, 20, 50, 60, 70, 80], [1, 2, 3, 4, 5, 6], [50, 100])
    assert k == pytest.approx(50 / 3)


def test_top_decile_lift_by_hand():
    # 11 leads, scores 0..10: percent_rank of score 10 is 1 -> percentile 100; score 9 is 0.9 ->
    # 1 + floor(89.1) = 90, decile 9. Decile 10 = the lead scoring 10 alone, and it converted:
    # rate 1 over the overall rate 2/11 -> lift 5.5
    labels = [False] * 11
    labels[10] = labels[3] = True
    assert top_decile_lift(list(range(11)), labels) == pytest.approx(5.5)


def test_labelled_contacts_by_hand():
    day = dt.date
    contacts = pd.DataFrame(
        [
            # won (deal created 05-10): features as of the day before, 05-09
            ("won", day(2025, 1, 1), day(2026, 5, 10), day(2026, 6, 1)),
            # created 180 days before the cut-off without a deal: not won, features on the cut-off
            ("old", day(2026, 1, 1), None, None),
            # created 60 days before the cut-off (window 90): no label yet
            ("new", day(2026, 5, 1), None, None),
            # an open deal created 02-01, not won: not won, features as of 01-31
            ("open", day(2025, 1, 1), day(2026, 2, 1), None),
        ],
        columns=["contact_id", "created_date", "first_deal_created_date", "first_deal_won_date"],
    ).assign(scoring_date=day(2026, 6, 30))
    labelled = labelled_contacts(contacts, day(2026, 6, 30), 90).set_index("contact_id")
    assert labelled.to_dict("index") == {
        "won": {"is_won": True, "feature_date": day(2026, 5, 9)},
        "old": {"is_won": False, "feature_date": day(2026, 6, 30)},
        "open": {"is_won": False, "feature_date": day(2026, 1, 31)},
    }


def test_interest_units_by_hand():
    day = dt.date
    rules = pd.DataFrame(
        [
            # decays: 10 points, half-life 10 days, at most 30 points = 3 activities
            ("R1", 10.0, 30.0, 10.0, None),
            # no decay, counts in the last 15 days only, at most 10 points = 1 activity
            ("R2", 10.0, 10.0, None, 15.0),
        ],
        columns=["rule_id", "points", "max_points", "half_life_days", "window_days"],
    )
    feature_date = day(2026, 6, 30)
    rows = []
    for rule in ("R1", "R2"):
        for age in (0, 10, 20):
            rows.append(("c1", feature_date - dt.timedelta(days=age), rule))
        # after the feature day (after the contact's first deal): must not count
        rows.append(("c1", feature_date + dt.timedelta(days=1), rule))
    activities = pd.DataFrame(rows, columns=["contact_id", "activity_date", "rule_id"])
    units = interest_units(activities, rules, pd.Series({"c1": feature_date, "c2": feature_date}))
    # R1: 0.5^0 + 0.5^1 + 0.5^2 = 1.75 (< 3, no cap); R2: ages 0 and 10 count (20 >= 15),
    # 2 activities capped at 1; c2 has no activity
    assert units.loc["c1", "R1"] == pytest.approx(1.75)
    assert units.loc["c1", "R2"] == pytest.approx(1.0)
    assert units.loc["c2"].tolist() == [0.0, 0.0]


# --- end to end ---------------------------------------------------------------------------------


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


# a build of 5,000 generated contacts: out of `make test-fast` (conftest.py)
SLOW_FIXTURES = {"calibrated"}


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory):
    """(current DuckDB file, project, folder of suggested seeds, calibrate's stdout)."""
    root = tmp_path_factory.mktemp("calibrate")
    raw = root / "raw"
    generate_raw(
        raw,
        "--contacts",
        "5000",
        "--days",
        "365",
        "--dirty-share",
        "0",
        "--as-of",
        AS_OF,
        "--seed",
        "11",
    )
    database = root / "warehouse.duckdb"
    loaded = load_raw(raw, database)
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    project = copy_project(root / "project")
    built = run_dbt(
        project, database, "build", "--vars", f"{{as_of_date: '{AS_OF}'}}", *WITHOUT_UNIT_TESTS
    )
    assert built.returncode == 0, built.stdout[-5000:]
    out = root / "suggested"
    result = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "calibrate.py"),
            *("--train-until", "backtest_date", "--out", str(out), "--project-dir", str(project)),
        ],
        env=environment(database),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return database, project, out, result.stdout, result.stderr


def test_suggested_seeds_have_the_exact_seed_format(calibrated):
    _, project, out, stdout, _ = calibrated
    for name in SEEDS:
        header, rows = read_csv(out / name)
        default_header, default_rows = read_csv(project / "seeds" / name)
        assert header == default_header, name
        # every default row is still there, in its order, with the same key
        assert [row[0] for row in rows[: len(default_rows)]] == [row[0] for row in default_rows]
        assert all(len(row) == len(header) for row in rows)
    header, rows = read_csv(out / "scoring_fit_rules.csv")
    _, default_rows = read_csv(project / "seeds" / "scoring_fit_rules.csv")
    for row in rows[len(default_rows) :]:
        assert row[header.index("description")].startswith("New (calibration):"), row
    # the thresholds themselves are not touched
    settings = dict(read_csv(out / "scoring_settings.csv")[1])
    defaults = dict(read_csv(project / "seeds" / "scoring_settings.csv")[1])
    assert {k: v for k, v in settings.items() if k != "inactivity_points"} == {
        k: v for k, v in defaults.items() if k != "inactivity_points"
    }
    report = (out / "calibration_report.md").read_text(encoding="utf-8")
    assert "## Points" in report and "## Half-lives" in report
    for label in ("current seeds", "naive Bayes", "logistic regression", "suggested seeds"):
        assert label in stdout


def test_calibration_logs_its_progress(calibrated):
    """Tens of seconds of work, step by step on stderr (each step with the seconds so far), not
    in silence: the warehouse, the fits, each activity kind's half-lives, the backtest, the
    output."""
    stderr = calibrated[4]
    for step in (
        "reading the warehouse",
        "fitting the logistic regression (cross-validated)",
        "half-lives of page_view (",
        "fitting the final model",
        "the backtest, out of time",
        "writing the suggested seeds and the report into",
    ):
        assert step in stderr, stderr[-3000:]
    assert "activity kinds) (" in stderr


def test_suggested_seeds_beat_the_default_seeds_in_the_backtest(calibrated, tmp_path):
    database, project, out, _, _ = calibrated
    figures = tmp_path / "what_if.json"
    result = run_what_if(database, project, out, "--json", str(figures))
    # the candidate build runs the project's seed validation: it passes unchanged
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    summary = json.loads(figures.read_text(encoding="utf-8"))
    assert summary["auc_before"] is not None and summary["auc_after"] is not None
    assert summary["auc_after"] > summary["auc_before"], summary
    assert np.isfinite(summary["auc_after"])
