"""The plain hand-written DuckDB query (lead_scoring/baseline_lead_scores.sql): the benchmark's
baseline is a second implementation of the scoring semantics, so it must agree with
fct_lead_scores on every contact and field, here on generated clean data (the benchmark checks the
same on its own data at every size)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from dbt_harness import PROJECT_DIR, copy_project, generate_raw, load_raw, run_dbt

from lead_scoring.baseline import baseline_scores, compare, project_scores

AS_OF = "2026-06-30"


@pytest.mark.slow  # a build of generated data
def test_plain_query_agrees_with_fct_lead_scores(tmp_path):
    raw = tmp_path / "raw"
    generate_raw(
        raw,
        *("--contacts", "300", "--days", "200", "--dirty-share", "0"),
        *("--seed", "3", "--as-of", AS_OF, "-q"),
    )
    database = tmp_path / "warehouse.duckdb"
    assert load_raw(raw, database).returncode == 0
    project = copy_project(tmp_path / "project")
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
    baseline, project_rows = baseline_scores(raw, AS_OF), project_scores(database)
    assert len(baseline) == 300
    assert compare(baseline, project_rows) == []
    # the comparison can fail: one changed score is found
    changed = [list(row) for row in project_rows]
    changed[0][5] += 0.5
    assert len(compare(baseline, [tuple(row) for row in changed])) == 1


def test_benchmark_has_help():
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "benchmark.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "--contacts" in result.stdout and "--json" in result.stdout
