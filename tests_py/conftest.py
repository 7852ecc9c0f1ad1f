"""Fixtures shared by the test modules, and the markers of the test tiers.

Built once per session and shared READ-ONLY (a test that must change a warehouse or write beside
it takes a copy with ``scoring_warehouse_copy``):

- ``scoring_warehouse``: the hand-worked fixture (tests_py/fixtures/scoring, its raw tables and
  its own seeds) loaded and built by ``dbt build`` as of 2026-06-30, the example every number of
  test_scoring_end_to_end.py is worked out on.
- ``generated_raw``: ``generated_raw(*options)`` is a folder of generated raw CSV files
  (scripts/generate_data.py *options), written once per session for each set of options.
- ``postgres_fixture``: the hand-worked fixture built on a PostgreSQL database of its own
  (dropped at the end), for tests_py/test_postgres.py, test_what_if.py (which leaves it as it
  found it) and test_great_expectations.py (which corrupts a copy: create_postgres_database with
  a template).
- ``spark_builds``: the hand-worked fixture and a small generated data set, each built on Spark
  and on DuckDB (four builds at once), for tests_py/test_spark.py; test_what_if.py's Spark leg
  reuses the fixture's Spark warehouse (it leaves it as it found it).

Servers and programs a test needs, as fixtures that skip without them, and fail in CI
(``dbt_harness.skip_or_fail``): ``postgres_server``, ``spark_available``, ``chromium``. A test
that uses one carries its marker (``postgres``, ``spark``, ``browser``: added here at collection),
so ``make test-fast`` (``-m "not postgres and not spark and not browser and not slow"``) leaves
it out. ``slow``: a test module marks its tests that build more than the shared warehouses,
with ``pytest.mark.slow``, or by naming its fixtures that build in ``SLOW_FIXTURES`` (every test
that uses one of them, also through another fixture, is slow).

The tests and the subprocesses they start (``python scripts/...``) import the ``lead_scoring``
package of this checkout, not the one the shared virtual environment was installed from: the
checkout goes first on PYTHONPATH (searched before the editable install's finder), here, once.
"""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from dbt_harness import (
    AS_OF,
    FIXTURE,
    Built,
    build_fixture,
    build_on_target,
    copy_project,
    create_postgres_database,
    drop_postgres_database,
    generate_raw,
    load_raw,
    postgres_unavailable,
    run_dbt,
    skip_or_fail,
    spark_unavailable,
)

PROJECT_DIR = Path(__file__).resolve().parents[1]
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(PROJECT_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
)

# fixture -> the marker every test using it carries
MARKER_OF_FIXTURE = {
    "postgres_server": "postgres",
    "spark_available": "spark",
    "chromium": "browser",
}


# fixtures built once per session that a group of tests shares: with `pytest -n 2 --dist
# loadgroup` (make test) the tests using one of them run on one worker, which builds it once
GROUP_OF_FIXTURE = {
    "spark_builds": "spark",
    "spark_available": "spark",
    "postgres_fixture": "postgres",
    "postgres_server": "postgres",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test that needs a server, Java or Chromium, and every test that uses one of
    its module's SLOW_FIXTURES (before -m selects). Put every test in an xdist group (pytest-xdist
    runs a group on one worker): its module's, so that module fixtures are built once, or the
    group of a shared session build it uses (GROUP_OF_FIXTURE)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture, marker in MARKER_OF_FIXTURE.items():
            if fixture in fixtures:
                item.add_marker(marker)
        if fixtures & set(getattr(item.module, "SLOW_FIXTURES", ())):
            item.add_marker("slow")
        groups = [GROUP_OF_FIXTURE[name] for name in GROUP_OF_FIXTURE if name in fixtures]
        item.add_marker(pytest.mark.xdist_group(groups[0] if groups else item.module.__name__))


# --- the hand-worked fixture, built once ------------------------------------------------------


@pytest.fixture(scope="session")
def scoring_warehouse(tmp_path_factory) -> Built:
    """The hand-worked fixture built once for the session. Read it only (read_only=True
    connections, scripts that read); to change it, use scoring_warehouse_copy."""
    return build_fixture(tmp_path_factory.mktemp("scoring_warehouse"))


@pytest.fixture(scope="session")
def scoring_warehouse_copy(scoring_warehouse):
    """copy(folder) -> a Built of its own in folder: the warehouse file (same name: DuckDB views
    name their catalog after the file) and its project, to change at will."""

    def copy(folder: Path) -> Built:
        shutil.copytree(scoring_warehouse.folder, folder, dirs_exist_ok=True)
        return Built(
            folder / scoring_warehouse.database.name, folder / scoring_warehouse.project.name
        )

    return copy


# --- generated raw data, once per set of options ------------------------------------------------


@pytest.fixture(scope="session")
def generated_raw(tmp_path_factory):
    """generated_raw(*options) -> a folder written by scripts/generate_data.py with those
    options, once per session for each set of options. Read it only: copy it to change it."""
    folders: dict[tuple[str, ...], Path] = {}

    def generated(*options: str) -> Path:
        if options not in folders:
            folder = tmp_path_factory.mktemp("generated_raw") / "raw"
            generate_raw(folder, *options)
            folders[options] = folder
        return folders[options]

    return generated


# --- what a test needs besides Python ------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> None:
    """Skip (in CI: fail) when no PostgreSQL server answers through the PG* variables."""
    reason = postgres_unavailable()
    if reason is not None:
        skip_or_fail(f"PostgreSQL is not available: {reason}")


@pytest.fixture(scope="session")
def spark_available() -> None:
    """Skip (in CI: fail) without pyspark, dbt-spark or Java."""
    reason = spark_unavailable()
    if reason is not None:
        skip_or_fail(f"Spark not available: {reason}")


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of Chromium; skip (in CI: fail) without it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        skip_or_fail("no chromium on PATH (apt-get install -y chromium)")
    return found


# --- the hand-worked fixture on PostgreSQL, built once -------------------------------------------


@dataclass(frozen=True)
class PostgresBuilt:
    database: str
    project: Path


@pytest.fixture(scope="session")
def postgres_fixture(postgres_server, tmp_path_factory):
    """The hand-worked fixture loaded and built (`dbt build` as of AS_OF) on a PostgreSQL database
    of its own, dropped at the end of the session. Leave it as you found it; to change it, copy
    it: create_postgres_database(name, template=postgres_fixture.database)."""
    folder = tmp_path_factory.mktemp("postgres_fixture")
    database = create_postgres_database(f"lead_scoring_test_fixture_{os.getpid()}")
    project = copy_project(folder / "project", seeds_dir=FIXTURE / "seeds")
    loaded = load_raw(FIXTURE / "raw", None, target="postgres", database=database)
    assert loaded.returncode == 0, loaded.stderr
    built = run_dbt(
        project,
        None,
        "build",
        "--vars",
        f"{{as_of_date: '{AS_OF}'}}",
        target="postgres",
        database=database,
    )
    assert built.returncode == 0, built.stdout[-5000:]
    yield PostgresBuilt(database, project)
    drop_postgres_database(database)


# --- the same inputs on Spark and on DuckDB, built once ----------------------------------------

# the generated input of the Spark comparison: small (Spark's cost is per statement, not per row)
# but with dirty rows
SPARK_GENERATED = ("--contacts", "150", "--days", "90", "--dirty-share", "0.05", "--seed", "11")


@pytest.fixture(scope="session")
def spark_builds(spark_available, generated_raw, tmp_path_factory, request) -> dict:
    """{(data, target): build} for data fixture / generated and target spark / duckdb, all built
    at once (Spark is slow to start and mostly waits on one core). The fixture's Spark build runs
    every node and then int_activity_log again (an incremental run); the generated builds leave
    dbt's unit tests out (they test the code, not the data: the fixture's build runs them)."""
    root = tmp_path_factory.mktemp("spark")
    generated = generated_raw("--as-of", AS_OF, *SPARK_GENERATED)
    inputs = {
        "fixture": (FIXTURE / "raw", FIXTURE / "seeds"),
        "generated": (generated, None),
    }
    jobs = {
        (data, target): (f"{data}_{target}", root, raw_dir, seeds_dir, target)
        for data, (raw_dir, seeds_dir) in inputs.items()
        for target in ("spark", "duckdb")
    }
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {
            key: pool.submit(
                build_on_target,
                *args,
                incremental=key == ("fixture", "spark"),
                unit_tests=key[0] == "fixture",
            )
            for key, args in jobs.items()
        }
        done = {key: future.result() for key, future in futures.items()}
    wall = round(time.monotonic() - started, 1)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\nspark vs duckdb builds, all at once: {wall}s wall")
        for (data, target), build in done.items():
            reporter.write_line(f"  {data}/{target}: {build.get('timings')}")
    return done
