"""Tests of scripts/load_raw.py on small hand-written folders (as someone else would send)."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lead_scoring import generator as generate_data
from lead_scoring import load as load_raw
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


# --- the CSV dialect and the checks (issue 13) --------------------------------------------------

CAMPAIGNS_HEADER = "campaign_id,name,campaign_type"


def full_folder(tmp_path, **files: str | bytes) -> Path:
    """A folder with every raw table (header rows only) and the given files' content."""
    folder = tmp_path / "full"
    folder.mkdir(exist_ok=True)
    schema = load_raw.load_raw_schema()
    for table in RAW_TABLES:
        content = files.get(table, ",".join(name for name, _ in schema[table]) + "\n")
        path = folder / f"{table}.csv"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return folder


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]


def test_ragged_rows_are_padded_or_cut_and_flagged(tmp_path, db_path, caplog):
    csv_text = (
        f"{CAMPAIGNS_HEADER}\n"
        'k1,"two\nlines",newsletter\n'  # lines 2-3
        "k2,Short\n"  # line 4: 2 fields
        "k3,Long,sales,x,y\n"  # line 5: 5 fields
        "k4,Fine,nurture\n"
    )
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=csv_text))]) == 0
    rows = query(
        db_path,
        "select campaign_id, name, campaign_type, _load_problem from raw.email_campaigns "
        "order by campaign_id",
    )
    assert rows == [
        ("k1", "two\nlines", "newsletter", None),
        ("k2", "Short", None, "ragged row: line 4 has 2 fields, the header 3"),
        (
            "k3",
            "Long",
            "sales",
            "ragged row: line 5 has 5 fields, the header 3 (extra fields: 'x', 'y')",
        ),
        ("k4", "Fine", "nurture", None),
    ]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("2 ragged row(s)" in w and "line(s) 4, 5" in w for w in warnings)


def test_a_file_without_ragged_rows_gets_no_flag_column(tmp_path, db_path):
    csv_text = f"{CAMPAIGNS_HEADER}\nk1,A,newsletter\n"
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=csv_text))]) == 0
    assert "_load_problem" not in column_types(db_path, "email_campaigns")


@pytest.mark.parametrize(
    "content",
    [
        b"campaign_id,name,campaign_type\r\nk1,A,newsletter\r\nk2,B,sales\nk3,C,nurture\n",
        b"campaign_id,name,campaign_type\nk1,A,newsletter\nk2,B,sales\r\nk3,C,nurture\r\n",
        b'campaign_id,name,campaign_type\r\nk1,"A\r\nB",newsletter\r\nk2,B,sales\r\nk3,C,nurture',
        b"campaign_id,name,campaign_type\r\nk1,A,newsletter\r\n\r\nk2,B,sales\r\nk3,C,nurture\r\n\r\n",
    ],
    ids=["crlf-then-lf", "lf-then-crlf", "crlf-with-quoted-crlf-no-final-newline", "blank-lines"],
)
def test_line_endings_mixed_or_not_load_every_row(tmp_path, db_path, content):
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 0
    assert query(
        db_path, "select campaign_id, campaign_type from raw.email_campaigns order by 1"
    ) == [("k1", "newsletter"), ("k2", "sales"), ("k3", "nurture")]


def test_header_names_are_trimmed_lowercased_and_named(tmp_path, db_path, caplog):
    caplog.set_level(logging.INFO)
    content = "\ufeff Campaign_ID ,NAME,campaign_type\t,\nk1,A,newsletter,x\n".encode()
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 0
    assert list(column_types(db_path, "email_campaigns")) == [
        "campaign_id",
        "name",
        "campaign_type",
        "unnamed_4",
    ]
    assert any("column 4 has no name" in r.getMessage() for r in caplog.records)


def test_not_utf8_names_the_true_line_after_a_multiline_value(tmp_path, db_path, caplog):
    content = b'campaign_id,name,campaign_type\nk1,"a\nb\nc",newsletter\nk2,Caf\xe9,sales\n'  # the Latin-1 byte is on line 5 (the record of k1 spans lines 2 to 4)
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 1
    assert "email_campaigns.csv line 5: not UTF-8" in errors(caplog)[0]
    assert not db_path.exists() or query(
        db_path, "select count(*) from information_schema.tables where table_schema = 'raw'"
    ) == [(0,)]


def test_a_malformed_quote_stops_the_load_naming_the_line(tmp_path, db_path, caplog):
    content = f'{CAMPAIGNS_HEADER}\nk1,A,newsletter\nk2,"B"x,sales\n'
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 1
    assert "email_campaigns.csv line 3: a malformed quote" in errors(caplog)[0]


def test_semicolon_file_stops_the_load_naming_it(tmp_path, db_path, caplog):
    content = "campaign_id;name;campaign_type\nk1;A;newsletter\n"
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 1
    message = errors(caplog)[0]
    assert "email_campaigns.csv: none of the columns of raw table email_campaigns" in message
    assert "'campaign_id;name;campaign_type'" in message


def test_duplicate_header_name_stops_the_load(tmp_path, db_path, caplog):
    content = "campaign_id,name,Name,campaign_type\nk1,A,B,newsletter\n"
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 1
    assert "column 'name' appears twice in the header (columns 2 and 3)" in errors(caplog)[0]


def test_required_column_missing_stops_the_load_before_replacing(tmp_path, db_path, caplog):
    folder = full_folder(tmp_path, email_campaigns=f"{CAMPAIGNS_HEADER}\nk1,A,newsletter\n")
    assert load_raw.main([str(folder)]) == 0
    (folder / "email_campaigns.csv").write_text(f"{CAMPAIGNS_HEADER}\nk2,B,sales\n")
    pq.write_table(pa.table({"companyid": ["co1"], "updated_at": ["x"]}), folder / "x.parquet")
    (folder / "crm_companies.csv").unlink()
    (folder / "x.parquet").rename(folder / "crm_companies.parquet")
    assert load_raw.main([str(folder)]) == 1
    message = errors(caplog)[0]
    assert "crm_companies.parquet: required column(s) missing: company_id" in message
    assert "'companyid' looks like 'company_id'" in message
    assert query(db_path, "select campaign_id from raw.email_campaigns") == [("k1",)]


def test_optional_column_missing_is_allowed(tmp_path, db_path, caplog):
    content = "campaign_id,campaign_type\nk1,newsletter\n"
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("email_campaigns" in w and "name" in w and "typed nulls" in w for w in warnings)


def test_required_columns_are_the_ones_the_sources_yaml_tests():
    required = load_raw.required_columns()
    assert required["crm_contacts"] == ["contact_id", "created_at", "updated_at"]
    assert required["web_events"] == ["event_id", "event_type", "occurred_at"]
    assert "lifecycle_stage_override_at" not in required["crm_contacts"]  # optional timestamp
    assert "annual_revenue" not in required["crm_companies"]


def test_very_wide_file_keeps_every_column(tmp_path, db_path):
    extra = [f"x{number}" for number in range(3000)]
    content = (
        ",".join([CAMPAIGNS_HEADER, *extra])
        + "\n"
        + ",".join(["k1,A,newsletter"] + ["v"] * 3000)
        + "\n"
    )
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 0
    assert len(column_types(db_path, "email_campaigns")) == 3003
    assert query(db_path, "select campaign_type, x2999 from raw.email_campaigns") == [
        ("newsletter", "v")
    ]


def test_a_nul_byte_stops_the_load_naming_the_line(tmp_path, db_path, caplog):
    content = b"campaign_id,name,campaign_type\nk1,A,newsletter\nk2,B\x00,sales\n"
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 1
    assert "email_campaigns.csv line 3: a NUL byte" in errors(caplog)[0]


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16", "UTF-16 (little-endian, with a byte-order mark)"),
        ("utf-16-be", "UTF-16 (big-endian, without a byte-order mark)"),
        ("utf-16-le", "UTF-16 (little-endian, without a byte-order mark)"),
    ],
)
def test_a_utf16_export_stops_the_load_at_line_1_saying_utf16(
    tmp_path, db_path, caplog, encoding, named
):
    content = "campaign_id,name,campaign_type\nk1,A,newsletter\n".encode(encoding)
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 1
    message = errors(caplog)[0]
    assert f"email_campaigns.csv line 1: the file is {named}, not UTF-8" in message
    assert "Latin-1" not in message


def test_a_quote_never_closed_stops_the_load_at_the_line_it_opened(tmp_path, db_path, caplog):
    rows = [f"k{number},A{number},newsletter" for number in range(1, 42)]
    rows.append('k42,"Spring, offer,sales')  # line 43: the quote opens and is never closed
    rows += [f"k{number},A{number},newsletter" for number in range(43, 85)]  # to line 85
    content = CAMPAIGNS_HEADER + "\n" + "\n".join(rows) + "\n"
    assert len(content.splitlines()) == 85
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=content))]) == 1
    message = errors(caplog)[0]
    assert message.startswith("email_campaigns.csv line 43: a quote opened on this line is never")
    assert "line 85" not in message


def test_a_trailing_empty_field_is_a_ragged_row(tmp_path, db_path):
    """A row with one field more than the header is ragged even when that field is empty (a
    trailing comma), which a reader that drops trailing empty fields would let pass."""
    csv_text = f"{CAMPAIGNS_HEADER}\nk1,A,newsletter,\nk2,B,sales\n"
    assert load_raw.main([str(full_folder(tmp_path, email_campaigns=csv_text))]) == 0
    assert query(
        db_path, "select campaign_id, _load_problem from raw.email_campaigns order by 1"
    ) == [("k1", "ragged row: line 2 has 4 fields, the header 3 (extra fields: '')"), ("k2", None)]
