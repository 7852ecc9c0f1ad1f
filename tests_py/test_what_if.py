"""scripts/what_if.py end to end on the hand-worked fixture (tests_py/fixtures/scoring, numbers in
test_scoring_end_to_end.py), with a hand-worked candidate:

  scoring_settings.csv  mql_threshold 50 -> 80 (everything else as in the fixture)
  scoring_grades.csv    B 60 -> 76 (A 80, C 40, D 20, F 0 unchanged)

Worked out by hand (stages are the highest reached on any evaluation day, SPEC §4):
  C1 fit 75: grade B -> C (75 < 76, C 40 is still the minimum grade for mql). Lead 75 on 06-01
     is below 80, 87 on 06-20 reaches mql, 144.07 on 06-25 sql: stays sql. Score 144 is above
     both thresholds before and after.
  C6 fit 50: its best day is 06-10 (W62: 50 + I1 4 + I2 /pricing 10 = 64) < 80: never mql,
     drops mql -> lead. Lead score 56.5: above the MQL threshold 50 before, below 80 after.
  C7 fit 40: its best day is 03-01 (40 + 36 = 76) < 80: drops mql -> lead. Score 40 is below
     both thresholds: no crossing, only the stage.
  C3 (114, disqualified, F) and C8 (150, F) stay leads (grade F is below C) and stay above both
     MQL thresholds; C2, C4 stay at 0 (C4 a customer). Grades of C2..C8 (fit <= 50) unchanged.
So MQL 2 -> 0, SQL 1 -> 1, hand-over (mql or sql and not disqualified) C1 C6 C7 -> C1: 3 -> 1.
Backtest AUC: the only customer, C4, was created on 06-01, after the backtest day 2026-04-01, so
the backtest has no converted lead: null before and after.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from dbt_harness import AS_OF, FIXTURE, PROJECT_DIR, environment


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def settings_with(**changes: str) -> list[list[str]]:
    with (FIXTURE / "seeds" / "scoring_settings.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return [[key, changes.get(key, value)] for key, value in rows]


def run_what_if(database: Path, project: Path, candidate: Path, *args: str):
    return subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "what_if.py"),
            str(candidate),
            "--project-dir",
            str(project),
            *args,
        ],
        env=environment(database),
        capture_output=True,
        text=True,
        check=False,
    )


def stages(database: Path) -> dict[str, str]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return dict(
            connection.execute(
                "select contact_id, lifecycle_stage from marts.fct_lead_scores"
            ).fetchall()
        )
    finally:
        connection.close()


@pytest.fixture(scope="module")
def current(scoring_warehouse_copy, tmp_path_factory):
    """(current DuckDB file, the project it was built from, a tmp folder): a copy of the
    session's fixture build (the what-if writes its candidate beside the current file)."""
    tmp = tmp_path_factory.mktemp("what_if")
    built = scoring_warehouse_copy(tmp)
    return built.database, built.project, tmp


def test_hand_worked_candidate(current):
    database, project, tmp = current
    before_stages = stages(database)
    candidate = tmp / "candidate"
    write_csv(
        candidate / "scoring_settings.csv", ["key", "value"], settings_with(mql_threshold="80")
    )
    write_csv(
        candidate / "scoring_grades.csv",
        ["grade", "min_fit_score"],
        [["A", "80"], ["B", "76"], ["C", "40"], ["D", "20"], ["F", "0"]],
    )
    out = tmp / "what_if.json"
    result = run_what_if(database, project, candidate, "--json", str(out))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    figures = json.loads(out.read_text(encoding="utf-8"))
    changes_csv = Path(figures.pop("changes_csv"))
    assert figures == {
        "mql_before": 2,
        "mql_after": 0,
        "sql_before": 1,
        "sql_after": 1,
        "handover_before": 3,
        "handover_after": 1,
        "auc_before": None,
        "auc_after": None,
    }
    # the candidate lives in its own file beside the current one
    assert changes_csv.parent == database.parent
    assert (database.parent / "what_if.duckdb").exists()

    with changes_csv.open(encoding="utf-8") as handle:
        rows = {row["contact_id"]: row for row in csv.DictReader(handle)}
    assert rows.keys() == {"C1", "C6", "C7"}
    got = {
        contact_id: (
            row["stage_before"],
            row["stage_after"],
            row["grade_before"],
            row["grade_after"],
            float(row["lead_score_before"]),
            float(row["lead_score_after"]),
        )
        for contact_id, row in rows.items()
    }
    assert got == {
        "C1": ("sql", "sql", "B", "C", pytest.approx(144.0), pytest.approx(144.0)),
        "C6": ("mql", "lead", "C", "C", pytest.approx(56.5), pytest.approx(56.5)),
        "C7": ("mql", "lead", "C", "C", pytest.approx(40.0), pytest.approx(40.0)),
    }
    assert rows["C1"]["change"] == "grade B -> C"
    assert rows["C6"]["change"] == (
        "stage mql -> lead; lead score now below the MQL threshold (80)"
    )
    assert rows["C7"]["change"] == "stage mql -> lead"

    # readable in a terminal
    assert "MQL contacts" in result.stdout and "3 contacts change" in result.stdout
    # the current marts are untouched
    assert stages(database) == before_stages
    assert before_stages["C6"] == "mql"


def test_bad_candidate_stops_with_dbt_messages(current):
    database, project, tmp = current
    before_stages = stages(database)
    candidate = tmp / "bad_candidate"
    write_csv(candidate / "scoring_settings.csv", ["key", "value"], settings_with(fit_weight="one"))
    result = run_what_if(database, project, candidate)
    assert result.returncode != 0
    # the message of dbt build's seed validation (tests_py/test_seed_validation.py), passed on
    assert "Bad scoring seeds" in result.stderr, result.stderr[-3000:]
    assert any(
        "scoring_settings.csv setting 'fit_weight'" in line
        and "value 'one' is not a number" in line
        for line in result.stderr.splitlines()
    ), result.stderr[-3000:]
    assert stages(database) == before_stages


def test_candidate_file_that_replaces_no_seed_is_refused(current):
    database, project, tmp = current
    candidate = tmp / "typo_candidate"
    write_csv(candidate / "scoring_setings.csv", ["key", "value"], settings_with())
    result = run_what_if(database, project, candidate, "--vars", f"{{as_of_date: '{AS_OF}'}}")
    assert result.returncode == 1
    assert "scoring_setings.csv" in result.stderr and "replace no seed" in result.stderr
