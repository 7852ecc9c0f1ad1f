"""The warehouse installed as a package (integration_tests/, the dbt-utils convention): a host
project with HubSpot in a Fivetran-shaped schema and Segment in another runs `dbt deps`,
`dbt seed` (the connector tables' stand-ins) and `dbt build` on DuckDB. The package's models,
tests and unit tests pass there; the host's own connector_values seed replaces the package's (its
extra row decides a form's type); every raw table reconciles."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from dbt_harness import BIN_DIR, PROJECT_DIR, copy_project, environment, run_dbt

SLOW_FIXTURES = ("host_build",)


@pytest.fixture(scope="module")
def host_build(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("integration_tests")
    package = copy_project(root / "package")
    host = package / "integration_tests"
    shutil.copytree(
        PROJECT_DIR / "integration_tests",
        host,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", "*.duckdb*", "*.lock*"),
    )
    database = root / "host.duckdb"
    # dbt deps takes no target: run it as a user would, in the host's folder
    results = {
        "deps": subprocess.run(
            [str(BIN_DIR / "dbt"), "deps", "--project-dir", str(host), "--profiles-dir", str(host)],
            cwd=host,
            env=environment(database),
            capture_output=True,
            text=True,
            check=False,
        )
    }
    for command in ("seed", "build"):
        if results[next(reversed(results))].returncode != 0:
            break
        results[command] = run_dbt(host, database, command)
    return {"results": results, "database": database, "host": host}


def test_host_project_installs_and_builds_the_package(host_build):
    for command, result in host_build["results"].items():
        assert result.returncode == 0, f"dbt {command}:\n{result.stdout[-5000:]}"
    assert set(host_build["results"]) == {"deps", "seed", "build"}


def test_host_seed_overrides_the_package_seed(host_build):
    """Form 456 (`Download Guide`) is a content download by the package's list (`download`); the
    host's list adds `equals Download Guide -> demo_request` at priority 0, and its seed is read."""
    connection = duckdb.connect(str(host_build["database"]), read_only=True)
    try:
        rows = connection.execute(
            "select submission_id, form_type from intermediate.int_raw__form_submissions"
            " where submission_id = '102'"
        ).fetchall()
        seeds = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_name = 'connector_values'"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [("102", "demo_request")]
    assert seeds == [("main", "connector_values")]


def test_host_build_reconciles_every_raw_table(host_build):
    connection = duckdb.connect(str(host_build["database"]), read_only=True)
    try:
        rows = connection.execute(
            "select raw_table, is_reconciled from quality.fct_raw_reconciliation order by 1"
        ).fetchall()
    finally:
        connection.close()
    assert len(rows) == 9 and all(reconciled for _, reconciled in rows), rows


def test_host_project_files_are_the_fixtures():
    """The host's stand-ins are the fixtures' files (one origin, one license note)."""
    fixtures = Path(__file__).resolve().parent / "fixtures" / "connectors"
    for folder in ("hubspot", "segment"):
        for path in sorted((PROJECT_DIR / "integration_tests" / "seeds" / folder).glob("*.csv")):
            assert path.read_bytes() == (fixtures / folder / path.name).read_bytes(), path


def run_tool(script: str, host_build: dict, *args: str) -> subprocess.CompletedProcess:
    """One of the project's commands on the host project (--project-dir), as a host's user runs
    it: the DuckDB file named by LEAD_SCORING_DUCKDB_PATH, as for the host's dbt."""
    return subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / script),
            "--project-dir",
            str(host_build["host"]),
            *args,
        ],
        env=environment(host_build["database"]),
        capture_output=True,
        text=True,
        check=False,
    )


def test_summary_and_report_read_the_host_warehouse(host_build, tmp_path):
    summary = run_tool("summarize.py", host_build)
    assert summary.returncode == 0, summary.stderr
    # Fivetran's seeds carry hashed e-mail addresses: every contact is quarantined, so the
    # summary's figures are its reconciliation (the scored world: test_connectors' host leg)
    lines = summary.stdout.splitlines()
    assert any(line.split()[:4] == ["crm_contacts", "22", "0", "22"] for line in lines), lines
    report = run_tool("report.py", host_build, "--out", str(tmp_path / "report.html"))
    assert report.returncode == 0, report.stderr
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_load_raw_writes_into_the_host_warehouse(host_build, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "deal.csv").write_text("deal_id,dealname\n1,First\n2,Second\n", encoding="utf-8")
    result = run_tool("load_raw.py", host_build, str(folder), "--schema", "hubspot_try", "--as-is")
    assert result.returncode == 0, result.stderr
    connection = duckdb.connect(str(host_build["database"]), read_only=True)
    try:
        rows = connection.execute(
            "select deal_id, dealname from hubspot_try.deal order by 1"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [("1", "First"), ("2", "Second")]
