"""Errors a person sees: a failing `make build` (the build of `make demo`) ends with the problem.

A bad seed value stops dbt in the typed seed models, and dbt then lists every later model as SKIP
(hundreds of lines) and the source tests' warnings, so its message scrolled away. The Makefile
prints the run's problems last (scripts/dbt_failures.py): the seed file, the row and the value,
and the folder to fix. Run here on a copy of the project whose scoring_settings.csv says
fit_weight = one, loading the hand-worked fixture's raw tables (generate and set-up left out:
`make -o`). what_if.py's end is tested in tests_py/test_what_if.py (its candidate folder named).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dbt_harness import FIXTURE, PROJECT_DIR, copy_project, environment

from lead_scoring.dbt_run import clean_message, failures

pytestmark = pytest.mark.slow  # a dbt build (which stops after the seeds)

BIN = Path(sys.executable).parent


def test_a_failing_make_build_ends_with_the_bad_seed(tmp_path):
    project = copy_project(tmp_path / "project")
    for part in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(PROJECT_DIR / part, project / part)
    shutil.copytree(PROJECT_DIR / "scripts", project / "scripts")
    settings = project / "seeds" / "scoring_settings.csv"
    settings.write_text(settings.read_text().replace("fit_weight,1\n", "fit_weight,one\n"))
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            *("-o", "generate", "-o", "setup", "-o", f"{BIN}/dbt"),
            "build",
            f"BIN={BIN}",
            f"DEMO_DIR={FIXTURE / 'raw'}",
            "DEMO_AS_OF=2026-06-30",
        ],
        cwd=project,
        env=environment(tmp_path / "warehouse.duckdb"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    lines = [line for line in result.stdout.splitlines() if not line.startswith("make")]
    assert len(lines) > 200, "dbt's output is long: the SKIP lines of every later model"
    assert lines[-3:] == [
        "dbt failed (1 problem):",
        "  Bad scoring seeds (1 problem); fix the CSV files in seeds/ and run dbt build again:",
        "    scoring_settings.csv setting 'fit_weight': value 'one' is not a number",
    ], "\n".join(lines[-20:])


def test_failures_are_each_message_once_without_dbt_frames():
    seed_message = (
        "Compilation Error in model int_scoring__settings (models/x.sql)\n"
        "  Bad scoring seeds (1 problem); fix the CSV files in seeds/ and run dbt build again:\n"
        "    scoring_settings.csv setting 'fit_weight': value 'one' is not a number\n"
        "  \n"
        "  > in macro validate_scoring_seeds (macros/scoring/validate_scoring_seeds.sql)\n"
        "  > called by model int_scoring__settings (models/x.sql)"
    )
    run_results = {
        "results": [
            {
                "unique_id": "model.p.int_scoring__settings",
                "status": "error",
                "message": seed_message,
            },
            {
                "unique_id": "model.p.int_scoring__grades",
                "status": "error",
                "message": seed_message,
            },
            {"unique_id": "model.p.later", "status": "skipped", "message": None},
            {"unique_id": "test.p.source_unique_x", "status": "warn", "message": "Got 1 result"},
            {
                "unique_id": "test.p.not_null_fct_x_y",
                "status": "fail",
                "message": "Got 3 results, configured to fail if != 0",
            },
            {
                "unique_id": "model.p.broken",
                "status": "error",
                "message": "Runtime Error in model broken (models/broken.sql)\n  Binder Error: x",
            },
        ]
    }
    assert failures(run_results) == [
        clean_message(seed_message),
        "test not_null_fct_x_y failed: Got 3 results, configured to fail if != 0",
        "Runtime Error in model broken (models/broken.sql)\n  Binder Error: x",
    ]
    assert clean_message(seed_message) == (
        "Bad scoring seeds (1 problem); fix the CSV files in seeds/ and run dbt build again:\n"
        "  scoring_settings.csv setting 'fit_weight': value 'one' is not a number"
    )


def test_an_incremental_table_of_an_older_version_says_to_refresh_it():
    message = (
        "Compilation Error in model int_activity_log (models/x.sql)\n"
        "  The source and target schemas on this incremental model are out of sync!\n"
        "     Source columns not in target: [DuckDBColumn(column='email_normalized')]"
    )
    run_results = {
        "results": [
            {"unique_id": "model.p.int_activity_log", "status": "error", "message": message}
        ]
    }
    [text] = failures(run_results)
    assert text.splitlines()[0] == (
        "int_activity_log was built by an older version of the project (its columns changed): "
        "run `dbt build --full-refresh` once."
    )
    assert "Source columns not in target" in text
