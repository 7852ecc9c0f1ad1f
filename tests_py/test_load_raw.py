"""Tests of scripts/load_raw.py on small hand-written folders (as someone else would send)."""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lead_scoring.raw_schema import RAW_TABLES

ROOT = Path(__file__).resolve().parent.parent

CONTACTS_CSV = """\
contact_id,email,first_name,last_name,job_title,department,education_level,company_id,country,lead_source,budget_status,purchase_timeline,has_existing_solution,email_opt_out,lifecycle_stage_override,lifecycle_stage_override_at,created_at,updated_at,hubspot_score
c1,ann@acme.com,Ann,Lee,CEO,Executive,master,co1,US,referral,approved,0-3 months,false,false,,,2025-01-02 10:00:00,2025-01-05 10:00:00,87
c2,bob@gmail.com,Bob,Ray,Student,Other,student,,DE,organic_search,none,none,,false,,,not-a-date,2025-02-01 09:30:00,12
c3,"cho, jr@acme.com",Cho,Kim,Head of Data,Engineering,phd,co1,US,event,planned,3-6 months,true,true,sql,2025-03-01 00:00:00,2025-01-10 08:00:00,2025-03-01 00:00:00,
"""
WEB_EVENTS_CSV = """\
event_id,anonymous_id,contact_id,event_type,page_url,video_percent,user_agent,utm_source,utm_medium,utm_campaign,occurred_at
e1,a1,,page_view,https://www.example-saas.com/Pricing/?utm_source=x,,Mozilla/5.0,x,cpc,brand,2025-01-02 10:00:00
e2,a1,c1,video_progress,https://www.example-saas.com/product,075,Mozilla/5.0,,,,2025-01-03 10:00:00
"""
CAMPAIGNS_CSV = """\
campaign_id,name,campaign_type
cmp1,Newsletter May,newsletter
"""


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"script_{name}", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


load_raw = load_script("load_raw")


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "warehouse" / "test.duckdb"
    monkeypatch.setenv("LEAD_SCORING_DUCKDB_PATH", str(path))
    monkeypatch.delenv("LEAD_SCORING_TARGET", raising=False)
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    """Three raw tables (one lacks owner_id and has an extra column) and two stray files."""
    folder = tmp_path / "landing"
    folder.mkdir()
    (folder / "crm_contacts.csv").write_text(CONTACTS_CSV, encoding="utf-8")
    (folder / "web_events.csv").write_text(WEB_EVENTS_CSV, encoding="utf-8")
    (folder / "email_campaigns.csv").write_text(CAMPAIGNS_CSV, encoding="utf-8")
    (folder / "leads_export.csv").write_text("id,name\n1,x\n", encoding="utf-8")
    (folder / "README.txt").write_text("exported by hand\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")
    return folder


def query(path: Path, sql: str):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def column_types(path: Path, table: str) -> dict[str, str]:
    return {row[0]: row[1] for row in query(path, f"describe raw.{table}")}


def test_loads_csv_files_as_text(folder, db_path, caplog):
    caplog.set_level(logging.INFO)
    assert load_raw.main([str(folder), "--missing", "empty"]) == 0
    assert query(db_path, "select count(*) from raw.crm_contacts") == [(3,)]
    assert query(db_path, "select count(*) from raw.web_events") == [(2,)]
    assert query(db_path, "select count(*) from raw.email_campaigns") == [(1,)]
    types = column_types(db_path, "crm_contacts")
    assert set(types.values()) == {"VARCHAR"}
    assert "hubspot_score" in types  # extra column kept
    assert "owner_id" not in types  # missing column stays missing (staging fills it)
    # dirty and odd values survive as text; an empty field is null
    rows = dict(query(db_path, "select contact_id, created_at from raw.crm_contacts"))
    assert rows["c2"] == "not-a-date"
    assert query(db_path, "select email from raw.crm_contacts where contact_id = 'c3'") == [
        ("cho, jr@acme.com",)
    ]
    assert query(db_path, "select video_percent from raw.web_events where event_id = 'e2'") == [
        ("075",)
    ]
    assert query(db_path, "select count(*) from raw.web_events where contact_id is null") == [(1,)]
    assert set(column_types(db_path, "web_events").values()) == {"VARCHAR"}


def test_reports_unknown_files_missing_columns_and_tables(folder, db_path, caplog):
    caplog.set_level(logging.INFO)
    assert load_raw.main([str(folder), "--missing", "empty"]) == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("leads_export.csv" in w and "not loaded" in w for w in warnings)
    assert any("README.txt" in w for w in warnings)
    assert not any(".DS_Store" in w for w in warnings)
    assert any("crm_contacts" in w and "owner_id" in w for w in warnings)
    for table in set(RAW_TABLES) - {"crm_contacts", "web_events", "email_campaigns"}:
        assert any(table in w and "no file" in w for w in warnings), table
    # the stray file was not loaded; raw tables without a file exist (empty, contract columns)
    tables = {row[0] for row in query(db_path, "select table_name from information_schema.tables")}
    assert "leads_export" not in tables
    assert set(RAW_TABLES) <= tables
    assert query(db_path, "select count(*) from raw.crm_deals") == [(0,)]
    assert "deal_stage" in column_types(db_path, "crm_deals")
    summary = [r.getMessage() for r in caplog.records if "table -> rows" in r.getMessage()]
    assert summary and "crm_contacts" in summary[0] and "3" in summary[0]


def test_second_load_replaces_the_tables(folder, db_path):
    assert load_raw.main([str(folder), "--missing", "empty"]) == 0
    (folder / "crm_contacts.csv").write_text(
        CONTACTS_CSV.splitlines()[0] + "\n" + CONTACTS_CSV.splitlines()[1] + "\n"
    )
    (folder / "web_events.csv").unlink()
    assert load_raw.main([str(folder), "--missing", "keep"]) == 0
    assert query(db_path, "select count(*) from raw.crm_contacts") == [(1,)]
    # with --missing keep, a table without a file this time keeps what it held
    assert query(db_path, "select count(*) from raw.web_events") == [(2,)]
    # with --missing empty, it is emptied (today's folder is the whole of today's data)
    assert load_raw.main([str(folder), "--missing", "empty"]) == 0
    assert query(db_path, "select count(*) from raw.web_events") == [(0,)]


def test_a_raw_table_without_a_file_stops_the_load_before_anything_is_replaced(
    folder, db_path, caplog
):
    assert load_raw.main([str(folder), "--missing", "empty"]) == 0
    (folder / "email_campaigns.csv").write_text(CAMPAIGNS_CSV + "cmp2,Other,nurture\n")
    (folder / "web_events.csv").unlink()
    assert load_raw.main([str(folder)]) == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and "web_events" in errors[-1] and "--missing" in errors[-1]
    # nothing replaced: the old rows of every table are still there, none mixed with new ones
    assert query(db_path, "select count(*) from raw.email_campaigns") == [(1,)]
    assert query(db_path, "select count(*) from raw.web_events") == [(2,)]


def test_parquet_is_loaded_as_it_is(tmp_path, db_path):
    folder = tmp_path / "pq"
    folder.mkdir()
    table = pa.table(
        {
            "company_id": ["co1", "co2"],
            "name": ["Acme", "Beta"],
            "employee_count": pa.array([120, 8], pa.int64()),
            "updated_at": pa.array([1_700_000_000, 1_700_000_100], pa.timestamp("s")),
        }
    )
    pq.write_table(table, folder / "crm_companies.parquet")
    assert load_raw.main([str(folder), "--target", "duckdb", "--missing", "empty"]) == 0
    types = column_types(db_path, "crm_companies")
    assert types["employee_count"] == "BIGINT"
    assert types["updated_at"].startswith("TIMESTAMP")
    assert query(db_path, "select sum(employee_count) from raw.crm_companies") == [(128,)]


def test_missing_folder_fails_clearly(tmp_path, db_path, caplog):
    assert load_raw.main([str(tmp_path / "nope")]) != 0
    assert any("does not exist" in r.getMessage() for r in caplog.records)
    assert not db_path.exists()


def test_folder_without_raw_table_files_fails(tmp_path, db_path, caplog):
    (tmp_path / "other.csv").write_text("a\n1\n")
    assert load_raw.main([str(tmp_path)]) != 0
    messages = [r.getMessage() for r in caplog.records]
    assert any("no raw table file" in m for m in messages)
    assert any("other.csv" in m for m in messages)


def test_csv_and_parquet_of_one_table_is_refused(folder, db_path, caplog):
    pq.write_table(pa.table({"campaign_id": ["x"]}), folder / "email_campaigns.parquet")
    assert load_raw.main([str(folder)]) != 0
    assert any("email_campaigns.csv" in r.getMessage() for r in caplog.records)


def test_postgres_target_without_a_server_fails_clearly(folder, monkeypatch, caplog):
    monkeypatch.setenv("PGHOST", "127.0.0.1")
    monkeypatch.setenv("PGPORT", "1")  # nothing listens there
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "2")
    assert load_raw.main([str(folder), "--target", "postgres"]) != 0
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and "postgres" in errors[0]


def test_generated_data_round_trips(tmp_path, db_path):
    generate_data = load_script("generate_data")
    out = tmp_path / "gen"
    assert (
        generate_data.main(["--out", str(out), "--contacts", "200", "--as-of", "2025-06-30", "-q"])
        == 0
    )
    assert load_raw.main([str(out), "-q"]) == 0
    for table in RAW_TABLES:
        lines = sum(1 for _ in (out / f"{table}.csv").open(encoding="utf-8")) - 1
        assert query(db_path, f"select count(*) from raw.{table}") == [(lines,)], table


def test_help():
    result = subprocess.run(
        [sys.executable, "scripts/load_raw.py", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "--target" in result.stdout and "DIR" in result.stdout
