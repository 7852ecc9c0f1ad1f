"""Docs gate: `dbt docs generate` passes and every model, column, seed, source and macro of the
project has a description (scripts/check_docs.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from dbt_harness import PROJECT_DIR, copy_project, load_raw, run_dbt

from lead_scoring.docs_check import undocumented

FIXTURE = Path(__file__).parent / "fixtures" / "scoring"


@pytest.mark.slow  # dbt docs generate over a loaded warehouse
def test_docs_generate_and_every_item_is_described(tmp_path):
    project = copy_project(tmp_path / "project")
    database = tmp_path / "docs.duckdb"
    assert load_raw(FIXTURE / "raw", database).returncode == 0
    seeded = run_dbt(project, database, "seed")
    assert seeded.returncode == 0, seeded.stdout[-3000:]
    built = run_dbt(project, database, "run", "--vars", "{as_of_date: '2026-06-30'}")
    assert built.returncode == 0, built.stdout[-3000:]
    generated = run_dbt(
        project, database, "docs", "generate", "--vars", "{as_of_date: '2026-06-30'}"
    )
    assert generated.returncode == 0, generated.stdout[-3000:]
    checked = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "check_docs.py"),
            "--target-path",
            str(project / "target"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def manifest_with(**overrides) -> tuple[dict, dict]:
    model = {
        "resource_type": "model",
        "package_name": "lead_scoring",
        "name": "fct_x",
        "description": "A model.",
        "columns": {"a": {"description": "Column a."}},
    }
    model.update(overrides)
    manifest = {
        "nodes": {"model.lead_scoring.fct_x": model},
        "sources": {},
        "macros": {
            "macro.lead_scoring.m": {
                "unique_id": "macro.lead_scoring.m",
                "name": "m",
                "package_name": "lead_scoring",
                "description": "Dispatched macro.",
            },
            "macro.lead_scoring.default__m": {
                "unique_id": "macro.lead_scoring.default__m",
                "name": "default__m",
                "package_name": "lead_scoring",
                "description": "",
            },
        },
    }
    catalog = {"nodes": {"model.lead_scoring.fct_x": {"columns": {"A": {}, "b": {}}}}}
    return manifest, catalog


def test_gate_finds_undocumented_columns_models_and_macros():
    manifest, catalog = manifest_with()
    # column b exists in the warehouse but not in the YAML; default__m is covered by m
    assert undocumented(manifest, catalog) == ["model fct_x column b"]
    manifest, catalog = manifest_with(description=" ")
    assert "model fct_x" in undocumented(manifest, catalog)
    manifest["macros"]["macro.lead_scoring.m"]["description"] = ""
    assert {"macro m", "macro default__m"} <= set(undocumented(manifest, catalog))


def test_check_docs_has_help():
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "check_docs.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and "--target-path" in result.stdout
