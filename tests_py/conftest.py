"""Fixtures shared by the test modules, and the markers of the test tiers.

Built once per session and shared READ-ONLY (a test that must change a warehouse or write beside
it takes a copy with ``scoring_warehouse_copy``):

- ``scoring_warehouse``: the hand-worked fixture (tests_py/fixtures/scoring, its raw tables and
  its own seeds) loaded and built by ``dbt build`` as of 2026-06-30, the example every number of
  test_scoring_end_to_end.py is worked out on.
- ``generated_raw``: ``generated_raw(*options)`` is a folder of generated raw CSV files
  (scripts/generate_data.py *options), written once per session for each set of options.

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
from pathlib import Path

import pytest
from dbt_harness import (
    Built,
    build_fixture,
    generate_raw,
    postgres_unavailable,
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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test that needs a server, Java or Chromium, and every test that uses one of
    its module's SLOW_FIXTURES (before -m selects)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture, marker in MARKER_OF_FIXTURE.items():
            if fixture in fixtures:
                item.add_marker(marker)
        if fixtures & set(getattr(item.module, "SLOW_FIXTURES", ())):
            item.add_marker("slow")


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
