"""Bad raw input: whatever lands in raw, `dbt build` either succeeds with every row
accounted for, or stops with a message that names the problem. Nothing is lost silently.

One test per case of the catalogue; each states the expected outcome and checks it:

  case                                   expected outcome
  -------------------------------------  --------------------------------------------------------
  missing keys (every raw table)         build passes; row quarantined 'missing <key>'
  duplicate keys, several versions       events: first clean, copy 'duplicate event_id'; CRM:
                                         latest version clean, older ones superseded
  null / unparsable / far-future times   'missing <col>' / 'unparsable <col>' /
                                         '<col> more than a day in the future' (after the later
                                         of as_of_date and the build date); an event after
                                         as_of_date is after_as_of: not quarantined, not scored
  unknown event / form / campaign types  'unknown event_type' / 'unknown form_type' / ...
  references to unknown contacts         'unknown contact_id'; a form whose e-mail matches
                                         nobody 'no contact with this email'
  unicode, empty, very long strings      kept as they are (empty = null), contact scored
  SQL-looking strings                    kept as text; raw tables untouched; contact scored
  negative / non-numeric numbers         optional number becomes null, row kept (docs/scoring.md)
  anonymous id identified as 2 contacts  its events belong to the latest identification
  empty tables                           build passes, every mart empty, 9 tables reconcile
  optional columns missing               build passes, typed nulls, contacts scored
  a raw table missing entirely           build fails naming the table
  bad seeds (every case)      tests_py/test_seed_validation.py (not repeated here)

  round 2 (issue 13), exports as CRMs and spreadsheets write them:
  time-zone offsets                      converted to UTC: -05:00 at 22:00 is 03:00 the next day
                                         (not scored as of the day before), +03:00 at 01:00 is
                                         22:00 the day before (scored)
  NaN / Infinity / 1e30 in numbers       null, row kept, build passes (contact still scored)
  ragged rows (fewer / more fields)      loaded padded or cut, quarantined 'ragged row (...)'
                                         with the line in raw_row; the other rows load
  LF rows appended to a CRLF file        load and are clean
  tab / CR / LF around a value           trimmed like blanks (a form e-mail with a tab matches)
  quoted nulls NULL / None               null (NULL everywhere, None in typed columns)
  thousands separators, other dates      '1,200,000' null (row kept); '06/30/2026' unparsable
  very wide file (1,500 extra columns)   loads and builds, extra columns ignored
  a row that is not UTF-8                loader stops naming the file and the true line
  no contract column (';' separated)     loader stops naming the file
  duplicate header name                  loader stops naming the column
  misspelled required column             loader stops naming file and column, nothing replaced
  a raw table without a file             loader stops naming it, nothing replaced
  as_of_date 2026-13-01                  dbt stops at once naming the var, nothing built
  memory limit 'lots' (DuckDB)           dbt stops at once naming the variable, nothing built

Every dirty build also checks that fct_raw_reconciliation holds for every raw table and that
its raw row counts are the rows written.

Speed: the cases that do not interfere share ONE build of a dirty fixture (the hand-worked
fixture tests_py/fixtures/scoring/raw plus rows with ids starting with X); the three cases that
need a raw folder of their own are built at the same time in threads.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
from dbt_harness import PROJECT_DIR, WITHOUT_UNIT_TESTS, copy_project, load_raw, run_dbt

sys.path.insert(0, str(PROJECT_DIR))
from lead_scoring.raw_schema import RAW_TABLES  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "scoring"
# the four builds of this file (dirty, empty, optional, missing_table): out of `make test-fast`
SLOW_FIXTURES = {"builds"}
AS_OF = "2026-06-30"
TS = "2026-06-10 10:00:00"

# --- the dirty rows, per raw table (columns not given are empty) -------------------------------

LONG_TITLE = "Senior " * 1500  # 10,500 characters
SQL_TITLE = "x'; drop table raw.crm_contacts; --"
SQL_NAME = "O'Brien\"; delete from marts.fct_lead_scores; --"
SQL_EMAIL = "robert');drop table students;--@sqlco.com"
SQL_URL = "https://www.acme-saas.com/pricing'; drop table raw.web_events; --"


def contact(contact_id, created_at=TS, updated_at=TS, **values):
    return {
        "contact_id": contact_id,
        "created_at": created_at,
        "updated_at": updated_at,
        "email": f"{contact_id.lower()}@xcorp.com",
        **values,
    }


def web(event_id, contact_id="C1", event_type="page_view", occurred_at=TS, **values):
    return {
        "event_id": event_id,
        "anonymous_id": "XA_" + (event_id or "NOKEY"),
        "contact_id": contact_id,
        "event_type": event_type,
        "page_url": "https://www.acme-saas.com/x",
        "user_agent": "Mozilla/5.0",
        "occurred_at": occurred_at,
        **values,
    }


DIRTY = {
    "crm_companies": [
        {"company_id": "", "name": "NoKey Co", "updated_at": TS},
        {
            "company_id": "XCO_NUM1",
            "name": "Neg",
            "employee_count": "-5",
            "annual_revenue": "lots",
            "updated_at": TS,
        },
        {
            "company_id": "XCO_NUM2",
            "name": "Text",
            "employee_count": "many",
            "annual_revenue": "-1000",
            "updated_at": TS,
        },
        {"company_id": "XCO_TS", "name": "Bad time", "updated_at": "yesterday"},
    ],
    "crm_contacts": [
        contact("", first_name="NoKey"),
        contact("XC_VER", job_title="v1", updated_at="2026-06-01 00:00:00"),
        contact("XC_VER", job_title="v3", updated_at="2026-06-10 00:00:00"),
        contact("XC_VER", job_title="v2", updated_at="2026-06-05 00:00:00"),
        contact(
            "XC_UNI",
            first_name="Zoë",
            last_name="北京 🚀",
            job_title="Directora de Señales — Ünïcode",
            country="ES",
        ),
        contact("XC_LONG", job_title=LONG_TITLE, department="", first_name="   "),
        contact("XC_SQL", job_title=SQL_TITLE, last_name=SQL_NAME, email=SQL_EMAIL),
        contact("XC_TS_NULL", created_at=""),
        contact("XC_TS_BAD", created_at="31/02/2026"),
        contact("XC_FUTURE", created_at="2099-01-01 00:00:00"),
    ],
    "crm_deals": [
        {
            "deal_id": "",
            "contact_id": "C1",
            "deal_stage": "open",
            "created_at": TS,
            "updated_at": TS,
        },
        {
            "deal_id": "XD_STAGE",
            "contact_id": "XC_VER",
            "deal_stage": "maybe",
            "created_at": TS,
            "updated_at": TS,
        },
        {
            "deal_id": "XD_NOCONTACT",
            "contact_id": "XNOPE",
            "deal_stage": "open",
            "created_at": TS,
            "updated_at": TS,
        },
        {
            "deal_id": "XD_NEG",
            "contact_id": "XC_VER",
            "deal_stage": "open",
            "amount": "-100",
            "created_at": TS,
            "updated_at": TS,
        },
        {
            "deal_id": "XD_NAN",
            "contact_id": "XC_VER",
            "deal_stage": "lost",
            "amount": "ten",
            "created_at": TS,
            "updated_at": TS,
        },
    ],
    "web_events": [
        web("", page_url="/missing-key-marker"),
        web("XW_DUP"),
        web("XW_DUP"),
        web("XW_TS_NULL", occurred_at=""),
        web("XW_TS_BAD", occurred_at="2026-13-45 25:00"),
        web("XW_TS_FAR", occurred_at="2099-01-01 00:00:00"),
        web("XW_NEXT_DAY", contact_id="XC_UNI", occurred_at="2026-07-01 10:00:00"),
        web("XW_TYPE", event_type="scroll"),
        web("XW_NOCONTACT", contact_id="XNOPE"),
        web("XW_NEITHER", contact_id="", anonymous_id=""),
        web("XW_VIDEO_HIGH", event_type="video_progress", video_percent="150"),
        web("XW_VIDEO_NAN", event_type="video_progress", video_percent="abc"),
        web("XW_VIDEO_NEG", event_type="video_progress", video_percent="-5"),
        web(
            "XW_UNICODE",
            contact_id="XC_UNI",
            page_url="https://www.acme-saas.com/Produkte/Über-uns/日本?x=1",
        ),
        web("XW_SQL", contact_id="XC_SQL", page_url=SQL_URL),
        web("XW_ANON", contact_id="", anonymous_id="XA_TWO", occurred_at="2026-06-15 10:00:00"),
    ],
    "web_identities": [
        {"anonymous_id": "XA_TWO", "contact_id": "C1", "identified_at": "2026-06-01 09:00:00"},
        {"anonymous_id": "XA_TWO", "contact_id": "C8", "identified_at": "2026-06-20 09:00:00"},
        {"anonymous_id": "", "contact_id": "C1", "identified_at": "2026-06-01 09:00:00"},
        {"anonymous_id": "XA_NOPE", "contact_id": "XNOPE", "identified_at": TS},
    ],
    "email_campaigns": [
        {"campaign_id": "", "name": "NoKey", "campaign_type": "newsletter"},
        {"campaign_id": "XK_TYPE", "name": "Spam", "campaign_type": "spam"},
    ],
    "email_events": [
        {
            "event_id": "",
            "contact_id": "C1",
            "campaign_id": "K1",
            "event_type": "open",
            "occurred_at": TS,
        },
        {
            "event_id": "XM_DUP",
            "contact_id": "C1",
            "campaign_id": "K1",
            "event_type": "open",
            "occurred_at": TS,
        },
        {
            "event_id": "XM_DUP",
            "contact_id": "C1",
            "campaign_id": "K1",
            "event_type": "open",
            "occurred_at": TS,
        },
        {
            "event_id": "XM_TYPE",
            "contact_id": "C1",
            "campaign_id": "K1",
            "event_type": "forward",
            "occurred_at": TS,
        },
        {
            "event_id": "XM_NOCONTACT",
            "contact_id": "XNOPE",
            "campaign_id": "K1",
            "event_type": "open",
            "occurred_at": TS,
        },
        {
            "event_id": "XM_TS_FAR",
            "contact_id": "C1",
            "campaign_id": "K1",
            "event_type": "open",
            "occurred_at": "2099-12-31 23:59:59",
        },
    ],
    "form_submissions": [
        {"submission_id": "", "contact_id": "C1", "form_type": "demo_request", "submitted_at": TS},
        {"submission_id": "XS_TYPE", "contact_id": "C1", "form_type": "quiz", "submitted_at": TS},
        {
            "submission_id": "XS_NOCONTACT",
            "contact_id": "XNOPE",
            "form_type": "demo_request",
            "submitted_at": TS,
        },
        {
            "submission_id": "XS_NOEMAIL",
            "email": "nobody@nowhere.example",
            "form_type": "demo_request",
            "submitted_at": TS,
        },
        {
            "submission_id": "XS_TS_BAD",
            "contact_id": "C1",
            "form_type": "demo_request",
            "submitted_at": "not-a-date",
        },
        {
            "submission_id": "XS_UNICODE",
            "contact_id": "XC_UNI",
            "form_type": "content_download",
            "asset_name": "Résumé 📄 Guide",
            "submitted_at": TS,
        },
    ],
    "event_attendance": [
        {
            "registration_id": "",
            "contact_id": "C1",
            "event_type": "webinar",
            "event_date": "2026-06-12",
            "registered_at": TS,
        },
        {
            "registration_id": "XR_TYPE",
            "contact_id": "C1",
            "event_type": "party",
            "event_date": "2026-06-12",
            "registered_at": TS,
        },
        {
            "registration_id": "XR_NOCONTACT",
            "contact_id": "XNOPE",
            "event_type": "webinar",
            "event_date": "2026-06-12",
            "registered_at": TS,
        },
        {
            "registration_id": "XR_NUM",
            "contact_id": "C1",
            "event_type": "webinar",
            "event_date": "2026-06-12",
            "registered_at": TS,
            "attended": "true",
            "minutes_attended": "lots",
        },
    ],
}

# Round 2 (issue 13): rows as exports really write them.
TAB, CR, LF = "\t", "\r", "\n"
DIRTY["crm_companies"] += [
    {
        "company_id": "XCO_NAN",
        "name": "NaN Co",
        "employee_count": "NaN",
        "annual_revenue": "NaN",
        "updated_at": TS,
    },
    {
        "company_id": "XCO_INF",
        "name": "Inf Co",
        "employee_count": "1e30",
        "annual_revenue": "Infinity",
        "updated_at": TS,
    },
    {
        "company_id": "XCO_SEP",
        "name": "Separators Co",
        "employee_count": "-Infinity",
        "annual_revenue": "1,200,000",
        "updated_at": TS,
    },
]
DIRTY["crm_contacts"] += [
    contact("XC_NAN", company_id="XCO_NAN", job_title="CEO"),
    contact("XC_INF", company_id="XCO_INF", job_title="NULL", department="None"),
    contact("XC_US_DATE", created_at="06/30/2026"),
    contact("XC_SLASH_DATE", created_at="2026/06/10 10:00:00"),
    contact("XC_TZ_WEST", created_at="2026-06-30T22:00:00-05:00"),
    contact("XC_TZ_EAST", created_at="2026-07-01T01:00:00+03:00"),
]
DIRTY["crm_deals"] += [
    {
        "deal_id": "XD_NULLS",
        "contact_id": "XC_VER",
        "deal_stage": "open",
        "amount": "None",
        "created_at": TS,
        "closed_at": "NULL",
        "updated_at": TS,
    },
    {
        "deal_id": "XD_INF",
        "contact_id": "XC_VER",
        "deal_stage": "open",
        "amount": "Infinity",
        "created_at": TS,
        "updated_at": TS,
    },
]
DIRTY["web_events"] += [
    web("XW_TZ_WEST", contact_id="XC_UNI", occurred_at="2026-06-30T22:00:00-05:00"),
    web("XW_TZ_EAST", contact_id="XC_UNI", occurred_at="2026-07-01T01:00:00+03:00"),
    web("XW_TZ_Z", contact_id="XC_UNI", occurred_at="2026-06-20T08:00:00Z"),
    web("XW_VIDEO_NANTEXT", event_type="video_progress", video_percent="NaN"),
    web("XW_VIDEO_INF", event_type="video_progress", video_percent="Infinity"),
    web("XW_BLANKS", contact_id=TAB + "C1" + CR + LF, event_type=" page_view" + TAB),
]
DIRTY["form_submissions"] += [
    {
        "submission_id": "XS_TAB",
        "email": TAB + "ann@acme.com" + CR + LF,
        "form_type": "demo_request",
        "submitted_at": TS,
    },
]
DIRTY["event_attendance"] += [
    {
        "registration_id": "XR_NAN",
        "contact_id": "C1",
        "event_type": "webinar",
        "event_date": "2026-06-12",
        "registered_at": TS,
        "attended": "NULL",
        "minutes_attended": "NaN",
    },
]

# Raw lines appended to a file as they are (after the rows above): a short and a long row, and
# LF-ended rows after the CRLF rows csv.DictWriter writes.
RAGGED_COMPANIES = ["XCO_SHORT,Short Co", "XCO_LONG,Long Co,x.com,Software,10,5,US,2026-06-10,a,b"]
LF_CAMPAIGNS = ["XK_LF1,LF one,newsletter", "XK_LF2,LF two,nurture"]
WIDE_COLUMNS = [f"extra_{number:04d}" for number in range(1500)]

# Optional columns an EL tool may not land (raw contract columns the scoring can do without).
OPTIONAL_COLUMNS = {
    "crm_contacts": [
        "education_level",
        "budget_status",
        "purchase_timeline",
        "has_existing_solution",
        "lifecycle_stage_override",
        "lifecycle_stage_override_at",
        "owner_id",
    ],
    "crm_companies": ["annual_revenue", "domain"],
    "web_events": ["video_percent", "user_agent", "utm_source", "utm_medium", "utm_campaign"],
    "email_events": ["url"],
    "form_submissions": ["asset_name"],
}


# --- building ----------------------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})


def append_lines(path: Path, lines: list[str], ending: str) -> None:
    with path.open("a", newline="", encoding="utf-8") as handle:
        handle.write("".join(line + ending for line in lines))


def dirty_raw(folder: Path) -> dict[str, int]:
    """The fixture plus the dirty rows; returns the raw rows written per table (and, under
    'ragged_lines', the line numbers of the ragged company rows)."""
    shutil.copytree(FIXTURE / "raw", folder)
    counts = {}
    for table, extra in DIRTY.items():
        columns, rows = read_csv(folder / f"{table}.csv")
        if table == "web_identities":  # a very wide file: 1,500 extra (empty) columns
            columns = columns + WIDE_COLUMNS
        write_csv(folder / f"{table}.csv", columns, rows + extra)
        counts[table] = len(rows) + len(extra)
    # header on line 1, one line per row written (no company value spans lines)
    first = counts["crm_companies"] + 2
    append_lines(folder / "crm_companies.csv", RAGGED_COMPANIES, "\r\n")
    counts["crm_companies"] += len(RAGGED_COMPANIES)
    append_lines(folder / "email_campaigns.csv", LF_CAMPAIGNS, "\n")
    counts["email_campaigns"] += len(LF_CAMPAIGNS)
    counts["ragged_lines"] = (first, first + 1)
    return counts


def empty_raw(folder: Path) -> None:
    shutil.copytree(FIXTURE / "raw", folder)
    for path in folder.glob("*.csv"):
        columns, _ = read_csv(path)
        write_csv(path, columns, [])


def raw_without_optional_columns(folder: Path) -> None:
    shutil.copytree(FIXTURE / "raw", folder)
    for table, dropped in OPTIONAL_COLUMNS.items():
        columns, rows = read_csv(folder / f"{table}.csv")
        write_csv(folder / f"{table}.csv", [c for c in columns if c not in dropped], rows)


def build(root: Path, make_raw, drop_table: str | None = None):
    """Raw folder -> loader -> dbt build in root; returns (database, dbt result, make_raw's)."""
    made = make_raw(root / "raw")
    database = root / "warehouse.duckdb"
    loaded = load_raw(root / "raw", database)
    assert loaded.returncode == 0, loaded.stderr
    if drop_table:
        with duckdb.connect(str(database)) as connection:
            connection.execute(f"drop table raw.{drop_table}")
    project = copy_project(root / "project", seeds_dir=FIXTURE / "seeds")
    result = run_dbt(
        project, database, "build", "--vars", f"{{as_of_date: '{AS_OF}'}}", *WITHOUT_UNIT_TESTS
    )
    return database, result, made


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The four builds of this file, two at a time."""
    plans = {
        "dirty": (dirty_raw, None),
        "empty": (empty_raw, None),
        "optional": (raw_without_optional_columns, None),
        "missing_table": (
            lambda folder: shutil.copytree(FIXTURE / "raw", folder),
            "web_identities",
        ),
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(build, tmp_path_factory.mktemp(name), make_raw, drop)
            for name, (make_raw, drop) in plans.items()
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="module")
def dirty(builds):
    database, result, counts = builds["dirty"]
    assert result.returncode == 0, result.stdout[-5000:]
    connection = duckdb.connect(str(database), read_only=True)
    yield connection, counts
    connection.close()


@pytest.fixture(scope="module")
def db(dirty):
    return dirty[0]


def quarantine_reasons(connection, raw_table: str, row_key: str | None) -> list[str]:
    if row_key is None:
        return [
            row[0]
            for row in connection.execute(
                "select quarantine_reason from quality.fct_quarantined_rows "
                "where raw_table = ? and row_key is null",
                [raw_table],
            ).fetchall()
        ]
    return [
        row[0]
        for row in connection.execute(
            "select quarantine_reason from quality.fct_quarantined_rows "
            "where raw_table = ? and row_key = ?",
            [raw_table, row_key],
        ).fetchall()
    ]


def status(connection, base_model: str, key_column: str, key: str) -> list[str]:
    return sorted(
        row[0]
        for row in connection.execute(
            f"select row_status from staging.{base_model} where {key_column} = ?", [key]
        ).fetchall()
    )


def scored(connection, contact_id: str) -> bool:
    return (
        connection.execute(
            "select count(*) from marts.fct_lead_scores where contact_id = ?", [contact_id]
        ).fetchone()[0]
        == 1
    )


# --- every dirty build: nothing lost -----------------------------------------------------------


def test_dirty_build_reconciles_every_raw_table(dirty):
    connection, counts = dirty
    counts = {table: rows for table, rows in counts.items() if table in RAW_TABLES}
    got = {
        row[0]: (row[1], row[2])
        for row in connection.execute(
            "select raw_table, raw_rows, is_reconciled from quality.fct_raw_reconciliation"
        ).fetchall()
    }
    assert got == {table: (rows, True) for table, rows in counts.items()}


def test_every_quarantined_row_has_a_reason_and_its_raw_values(db):
    assert (
        db.execute(
            "select count(*) from quality.fct_quarantined_rows "
            "where quarantine_reason is null or raw_row is null or raw_row = ''"
        ).fetchone()[0]
        == 0
    )


def test_every_current_contact_is_still_scored(db):
    missing = db.execute(
        "select contact_id from staging.stg_crm__contacts "
        f"where cast(created_at as date) <= date '{AS_OF}' "
        "except select contact_id from marts.fct_lead_scores"
    ).fetchall()
    assert missing == []
    for contact_id in ("C1", "C8", "XC_VER", "XC_UNI", "XC_LONG", "XC_SQL"):
        assert scored(db, contact_id), contact_id


# --- missing keys ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw_table", "reason"),
    [
        ("crm_companies", "missing company_id"),
        ("crm_contacts", "missing contact_id"),
        ("crm_deals", "missing deal_id"),
        ("web_events", "missing event_id"),
        ("email_campaigns", "missing campaign_id"),
        ("email_events", "missing event_id"),
        ("form_submissions", "missing submission_id"),
        ("event_attendance", "missing registration_id"),
    ],
)
def test_missing_key_is_quarantined(db, raw_table, reason):
    assert quarantine_reasons(db, raw_table, None) == [reason]


def test_identity_without_anonymous_id_is_quarantined(db):
    # an identity's key is the whole row; the missing part is named
    reasons = db.execute(
        "select quarantine_reason from quality.fct_quarantined_rows "
        "where raw_table = 'web_identities' and raw_row like 'anonymous_id=;%'"
    ).fetchall()
    assert reasons == [("missing anonymous_id",)]


# --- duplicate keys and several versions -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw_table", "base_model", "key"),
    [
        ("web_events", "base_web__events", "XW_DUP"),
        ("email_events", "base_email__events", "XM_DUP"),
    ],
)
def test_duplicate_event_key_keeps_one_and_quarantines_the_copy(db, raw_table, base_model, key):
    assert status(db, base_model, "event_id", key) == ["clean", "quarantined"]
    assert quarantine_reasons(db, raw_table, key) == ["duplicate event_id"]


def test_several_crm_versions_latest_is_current_older_superseded(db):
    assert status(db, "base_crm__contacts", "contact_id", "XC_VER") == [
        "clean",
        "superseded",
        "superseded",
    ]
    assert db.execute(
        "select job_title from staging.stg_crm__contacts where contact_id = 'XC_VER'"
    ).fetchall() == [("v3",)]
    assert quarantine_reasons(db, "crm_contacts", "XC_VER") == []


# --- timestamps --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw_table", "key", "reason"),
    [
        ("web_events", "XW_TS_NULL", "missing occurred_at"),
        ("web_events", "XW_TS_BAD", "unparsable occurred_at"),
        ("web_events", "XW_TS_FAR", "occurred_at more than a day in the future"),
        ("email_events", "XM_TS_FAR", "occurred_at more than a day in the future"),
        ("crm_contacts", "XC_TS_NULL", "missing created_at"),
        ("crm_contacts", "XC_TS_BAD", "unparsable created_at"),
        ("crm_contacts", "XC_FUTURE", "created_at more than a day in the future"),
        ("crm_companies", "XCO_TS", "unparsable updated_at"),
        ("form_submissions", "XS_TS_BAD", "unparsable submitted_at"),
    ],
)
def test_bad_timestamp_is_quarantined(db, raw_table, key, reason):
    assert quarantine_reasons(db, raw_table, key) == [reason]


def test_event_on_the_day_after_as_of_has_not_happened_yet(db):
    # Not bad data, not quarantined, not scored: status after_as_of
    assert status(db, "base_web__events", "event_id", "XW_NEXT_DAY") == ["after_as_of"]
    assert (
        db.execute(
            "select count(*) from marts.fct_lead_score_history "
            f"where contact_id = 'XC_UNI' and evaluation_date > date '{AS_OF}'"
        ).fetchone()[0]
        == 0
    )


# --- unknown types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw_table", "key", "reason"),
    [
        ("web_events", "XW_TYPE", "unknown event_type"),
        ("email_events", "XM_TYPE", "unknown event_type"),
        ("form_submissions", "XS_TYPE", "unknown form_type"),
        ("event_attendance", "XR_TYPE", "unknown event_type"),
        ("email_campaigns", "XK_TYPE", "unknown campaign_type"),
        ("crm_deals", "XD_STAGE", "unknown deal_stage"),
    ],
)
def test_unknown_type_is_quarantined(db, raw_table, key, reason):
    assert quarantine_reasons(db, raw_table, key) == [reason]


# --- references to contacts that do not exist ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw_table", "key", "reason"),
    [
        ("web_events", "XW_NOCONTACT", "unknown contact_id"),
        ("email_events", "XM_NOCONTACT", "unknown contact_id"),
        ("form_submissions", "XS_NOCONTACT", "unknown contact_id"),
        ("event_attendance", "XR_NOCONTACT", "unknown contact_id"),
        ("crm_deals", "XD_NOCONTACT", "unknown contact_id"),
        ("web_identities", "XA_NOPE|XNOPE|2026-06-10 10:00:00", "unknown contact_id"),
        ("form_submissions", "XS_NOEMAIL", "no contact with this email"),
        ("web_events", "XW_NEITHER", "missing both contact_id and anonymous_id"),
    ],
)
def test_reference_to_unknown_contact_is_quarantined(db, raw_table, key, reason):
    assert quarantine_reasons(db, raw_table, key) == [reason]


# --- strings -----------------------------------------------------------------------------------


def test_unicode_strings_are_kept(db):
    assert db.execute(
        "select first_name, last_name, job_title from marts.dim_contacts "
        "where contact_id = 'XC_UNI'"
    ).fetchall() == [("Zoë", "北京 🚀", "Directora de Señales — Ünïcode")]
    assert db.execute(
        "select page_path from staging.stg_web__events where event_id = 'XW_UNICODE'"
    ).fetchall() == [("/produkte/über-uns/日本",)]
    assert db.execute(
        "select detail from intermediate.int_activities where source_row_id = 'XS_UNICODE'"
    ).fetchall() == [("résumé 📄 guide",)]
    assert scored(db, "XC_UNI")


def test_empty_and_very_long_strings(db):
    row = db.execute(
        "select job_title, department, first_name from staging.stg_crm__contacts "
        "where contact_id = 'XC_LONG'"
    ).fetchone()
    # surrounding blanks are trimmed; an empty or blank value is null
    assert row == (LONG_TITLE.strip(), None, None)
    assert scored(db, "XC_LONG")


def test_sql_looking_strings_are_just_text(db, dirty):
    _, counts = dirty
    assert db.execute(
        "select job_title, last_name, email_normalized from staging.stg_crm__contacts "
        "where contact_id = 'XC_SQL'"
    ).fetchall() == [(SQL_TITLE, SQL_NAME, SQL_EMAIL)]
    assert db.execute(
        "select page_path from staging.stg_web__events where event_id = 'XW_SQL'"
    ).fetchall() == [("/pricing'; drop table raw.web_events; --",)]
    # nothing was executed: the raw tables and the marts are all there
    for table in ("crm_contacts", "web_events"):
        assert db.execute(f"select count(*) from raw.{table}").fetchone()[0] == counts[table]
    assert scored(db, "XC_SQL")


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "key_column", "key", "column"),
    [
        ("stg_crm__companies", "company_id", "XCO_NUM1", "employee_count"),  # -5
        ("stg_crm__companies", "company_id", "XCO_NUM1", "annual_revenue"),  # lots
        ("stg_crm__companies", "company_id", "XCO_NUM2", "employee_count"),  # many
        ("stg_crm__companies", "company_id", "XCO_NUM2", "annual_revenue"),  # -1000
        ("stg_crm__deals", "deal_id", "XD_NEG", "amount"),  # -100
        ("stg_crm__deals", "deal_id", "XD_NAN", "amount"),  # ten
        ("stg_web__events", "event_id", "XW_VIDEO_HIGH", "video_percent"),  # 150
        ("stg_web__events", "event_id", "XW_VIDEO_NAN", "video_percent"),  # abc
        ("stg_web__events", "event_id", "XW_VIDEO_NEG", "video_percent"),  # -5
        ("stg_events__event_attendance", "registration_id", "XR_NUM", "minutes_attended"),  # lots
        # round 2: values that are not finite numbers, or too large for the bigint casts
        ("stg_crm__companies", "company_id", "XCO_NAN", "employee_count"),  # NaN
        ("stg_crm__companies", "company_id", "XCO_NAN", "annual_revenue"),  # NaN
        ("stg_crm__companies", "company_id", "XCO_INF", "employee_count"),  # 1e30
        ("stg_crm__companies", "company_id", "XCO_INF", "annual_revenue"),  # Infinity
        ("stg_crm__companies", "company_id", "XCO_SEP", "employee_count"),  # -Infinity
        ("stg_crm__companies", "company_id", "XCO_SEP", "annual_revenue"),  # 1,200,000
        ("stg_crm__deals", "deal_id", "XD_INF", "amount"),  # Infinity
        ("stg_crm__deals", "deal_id", "XD_NULLS", "amount"),  # None
        ("stg_web__events", "event_id", "XW_VIDEO_NANTEXT", "video_percent"),  # NaN
        ("stg_web__events", "event_id", "XW_VIDEO_INF", "video_percent"),  # Infinity
        ("stg_events__event_attendance", "registration_id", "XR_NAN", "minutes_attended"),  # NaN
    ],
)
def test_bad_optional_number_becomes_null_and_the_row_is_kept(db, model, key_column, key, column):
    assert db.execute(
        f"select {column} from staging.{model} where {key_column} = ?", [key]
    ).fetchall() == [(None,)]


# --- identity ----------------------------------------------------------------------------------


def test_anonymous_id_identified_as_two_contacts_belongs_to_the_latest(db):
    # XA_TWO: C1 on 06-01, C8 on 06-20; its event of 06-15 (between the two) belongs to C8
    assert db.execute(
        "select contact_id, identified_contacts from intermediate.int_web_identities_resolved "
        "where anonymous_id = 'XA_TWO'"
    ).fetchall() == [("C8", 2)]
    assert db.execute(
        "select contact_id from intermediate.int_activities where source_row_id = 'XW_ANON'"
    ).fetchall() == [("C8",)]
    assert quarantine_reasons(db, "web_identities", "XA_TWO|C1|2026-06-01 09:00:00") == []


# --- cases with a raw folder of their own ------------------------------------------------------


def test_empty_tables_build_with_empty_marts(builds):
    database, result, _ = builds["empty"]
    assert result.returncode == 0, result.stdout[-5000:]
    with duckdb.connect(str(database), read_only=True) as connection:
        reconciliation = connection.execute(
            "select raw_rows, clean_rows, quarantined_rows, superseded_rows, after_as_of_rows, "
            "is_reconciled from quality.fct_raw_reconciliation"
        ).fetchall()
        assert reconciliation == [(0, 0, 0, 0, 0, True)] * 9
        for mart in (
            "fct_lead_scores",
            "fct_lead_score_components",
            "fct_lead_score_history",
            "dim_contacts",
        ):
            assert connection.execute(f"select count(*) from marts.{mart}").fetchone()[0] == 0


def test_optional_columns_missing_become_nulls(builds):
    database, result, _ = builds["optional"]
    assert result.returncode == 0, result.stdout[-5000:]
    with duckdb.connect(str(database), read_only=True) as connection:
        assert (
            connection.execute(
                "select count(*) from quality.fct_raw_reconciliation where not is_reconciled"
            ).fetchone()[0]
            == 0
        )
        assert connection.execute(
            "select count(*), count(video_percent), count(utm_source) from staging.stg_web__events"
        ).fetchone() == (10, 0, 0)
        assert connection.execute(
            "select count(*), count(annual_revenue) from staging.stg_crm__companies"
        ).fetchone() == (2, 0)
        # the same contacts are scored as with every column present
        assert {
            row[0]
            for row in connection.execute("select contact_id from marts.fct_lead_scores").fetchall()
        } == {"C1", "C2", "C3", "C4", "C6", "C7", "C8"}


def test_missing_raw_table_stops_the_build_naming_it(builds):
    _, result, _ = builds["missing_table"]
    assert result.returncode != 0
    # one message, before anything runs (on-run-start: macros/staging/assert_raw_tables_exist.sql)
    assert "Raw table raw.web_identities does not exist" in result.stdout, result.stdout[-3000:]
    assert "PASS=" not in result.stdout


# --- round 2 (issue 13): exports as CRMs and spreadsheets write them ----------------------------


def base_value(connection, base_model: str, key_column: str, key: str, column: str):
    return connection.execute(
        f"select {column} from staging.{base_model} where {key_column} = ?", [key]
    ).fetchall()


def test_time_zone_offsets_are_converted_to_utc(db):
    # 22:00 at -05:00 is 03:00 UTC the next day; 01:00 at +03:00 is 22:00 UTC the day before
    assert base_value(db, "base_web__events", "event_id", "XW_TZ_WEST", "occurred_at") == [
        (dt.datetime(2026, 7, 1, 3, 0),)
    ]
    assert base_value(db, "base_web__events", "event_id", "XW_TZ_EAST", "occurred_at") == [
        (dt.datetime(2026, 6, 30, 22, 0),)
    ]
    assert base_value(db, "base_web__events", "event_id", "XW_TZ_Z", "occurred_at") == [
        (dt.datetime(2026, 6, 20, 8, 0),)
    ]
    # so the event of 2026-06-30 (UTC) is an activity of the as-of day, the other one is not
    days = dict(
        db.execute(
            "select source_row_id, activity_date from intermediate.int_activities "
            "where source_row_id in ('XW_TZ_WEST', 'XW_TZ_EAST')"
        ).fetchall()
    )
    assert days.get("XW_TZ_EAST") == dt.date(2026, 6, 30)
    assert days.get("XW_TZ_WEST") in (None, dt.date(2026, 7, 1))
    # a contact created at 22:00 -05:00 on the as-of day exists only the day after (UTC)
    assert base_value(db, "base_crm__contacts", "contact_id", "XC_TZ_WEST", "created_at") == [
        (dt.datetime(2026, 7, 1, 3, 0),)
    ]
    assert not scored(db, "XC_TZ_WEST")
    assert base_value(db, "base_crm__contacts", "contact_id", "XC_TZ_EAST", "created_at") == [
        (dt.datetime(2026, 6, 30, 22, 0),)
    ]
    assert scored(db, "XC_TZ_EAST")


def test_nan_and_infinity_do_not_stop_the_build(db):
    # the build passed (fixture `dirty`); the rows are clean, their contacts scored
    for key in ("XCO_NAN", "XCO_INF", "XCO_SEP"):
        assert status(db, "base_crm__companies", "company_id", key) == ["clean"], key
    assert scored(db, "XC_NAN")
    assert scored(db, "XC_INF")
    # NaN >= 0 is true in SQL once cast: nothing reached the numeric rules
    assert (
        db.execute(
            "select count(*) from intermediate.int_contact_attribute_values "
            "where contact_id in ('XC_NAN', 'XC_INF') and lower(value_text) in "
            "('nan', 'inf', 'infinity', '-inf')"
        ).fetchone()[0]
        == 0
    )


def test_ragged_rows_are_quarantined_naming_the_line_and_the_rest_loads(db, dirty):
    _, counts = dirty
    short_line, long_line = counts["ragged_lines"]
    rows = dict(
        db.execute(
            "select row_key, raw_row from quality.fct_quarantined_rows "
            "where raw_table = 'crm_companies' and quarantine_reason = "
            "'ragged row (field count differs from the header)'"
        ).fetchall()
    )
    assert set(rows) == {"XCO_SHORT", "XCO_LONG"}
    assert rows["XCO_SHORT"].startswith(
        f"[ragged row: line {short_line} has 2 fields, the header 8] company_id=XCO_SHORT;"
    )
    assert rows["XCO_LONG"].startswith(
        f"[ragged row: line {long_line} has 10 fields, the header 8 (extra fields: 'a', 'b')]"
    )
    # the other rows of the file load as usual
    assert status(db, "base_crm__companies", "company_id", "XCO_NAN") == ["clean"]
    assert scored(db, "C1")


def test_lf_rows_appended_to_a_crlf_file_load(db):
    for key in ("XK_LF1", "XK_LF2"):
        assert status(db, "base_email__campaigns", "campaign_id", key) == ["clean"], key
    assert db.execute(
        "select campaign_type from staging.stg_email__campaigns where campaign_id = 'XK_LF2'"
    ).fetchall() == [("nurture",)]


def test_tab_cr_lf_around_a_value_are_blanks(db):
    # the form's e-mail is tab + ann@acme.com + CR LF: it matches contact C1
    assert quarantine_reasons(db, "form_submissions", "XS_TAB") == []
    assert db.execute(
        "select contact_id from intermediate.int_activities where source_row_id = 'XS_TAB'"
    ).fetchall() == [("C1",)]
    # the contact id and the event type of a web event, likewise
    assert quarantine_reasons(db, "web_events", "XW_BLANKS") == []
    assert db.execute(
        "select contact_id, event_type from staging.stg_web__events where event_id = 'XW_BLANKS'"
    ).fetchall() == [("C1", "page_view")]


def test_quoted_nulls_are_null(db):
    # closed_at 'NULL' of an open deal is no date (not an unparsable one); amount 'None' null
    assert status(db, "base_crm__deals", "deal_id", "XD_NULLS") == ["clean"]
    assert base_value(db, "base_crm__deals", "deal_id", "XD_NULLS", "closed_at") == [(None,)]
    # text columns: 'NULL' is null, 'None' stays (it may be a value, e.g. a budget status)
    assert db.execute(
        "select job_title, department from staging.stg_crm__contacts where contact_id = 'XC_INF'"
    ).fetchall() == [(None, "None")]
    # a boolean 'NULL' is no answer: not attended
    assert db.execute(
        "select is_attended from staging.stg_events__event_attendance "
        "where registration_id = 'XR_NAN'"
    ).fetchall() == [(False,)]


@pytest.mark.parametrize("key", ["XC_US_DATE", "XC_SLASH_DATE"])
def test_other_date_formats_are_unparsable_not_guessed(db, key):
    assert quarantine_reasons(db, "crm_contacts", key) == ["unparsable created_at"]


def test_very_wide_file_loads_and_builds(db):
    columns = db.execute(
        "select count(*) from information_schema.columns "
        "where table_schema = 'raw' and table_name = 'web_identities'"
    ).fetchone()[0]
    assert columns == 3 + len(WIDE_COLUMNS)
    assert quarantine_reasons(db, "web_identities", "XA_TWO|C1|2026-06-01 09:00:00") == []


# --- round 2: the loader stops, naming file, line and cause, and replaces nothing ---------------


@pytest.fixture
def loaded_fixture(tmp_path):
    """A warehouse holding the fixture, and a copy of its raw folder to spoil."""
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE / "raw", raw)
    database = tmp_path / "warehouse.duckdb"
    assert load_raw(raw, database).returncode == 0
    return raw, database


def raw_counts(database: Path) -> dict[str, int]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {
            table: connection.execute(f"select count(*) from raw.{table}").fetchone()[0]
            for table in RAW_TABLES
        }


def spoil_and_load(loaded_fixture, spoil) -> str:
    """Spoil the raw folder, load it again; the load must fail and leave every table as it
    was. Returns the loader's error output."""
    raw, database = loaded_fixture
    before = raw_counts(database)
    (raw / "crm_deals.csv").write_text(  # a change that must NOT be loaded
        (raw / "crm_deals.csv").read_text(encoding="utf-8")
        + "DNEW,C1,,open,,2026-06-10,,2026-06-10\n",
        encoding="utf-8",
    )
    spoil(raw)
    result = load_raw(raw, database)
    assert result.returncode == 1, result.stderr
    assert raw_counts(database) == before
    return result.stderr


def test_a_row_that_is_not_utf8_stops_the_load_naming_its_line(loaded_fixture):
    def spoil(raw):
        with (raw / "crm_contacts.csv").open("ab") as handle:  # lines 11 (good) and 12 (Latin-1)
            handle.write(b"XC_OK,ok@x.com,,,,,,,,,,,,,,,,2026-06-10,2026-06-10\n")
            handle.write(
                "XC_LAT,j@x.com,Jos\xe9,,,,,,,,,,,,,,,2026-06-10,2026-06-10\n".encode("latin-1")
            )

    error = spoil_and_load(loaded_fixture, spoil)
    assert "crm_contacts.csv line 12: not UTF-8" in error


def test_a_file_without_any_contract_column_stops_the_load(loaded_fixture):
    def spoil(raw):
        text = (raw / "email_campaigns.csv").read_text(encoding="utf-8")
        (raw / "email_campaigns.csv").write_text(text.replace(",", ";"), encoding="utf-8")

    error = spoil_and_load(loaded_fixture, spoil)
    assert "email_campaigns.csv: none of the columns of raw table email_campaigns" in error
    assert "';'" in error


def test_a_duplicate_header_name_stops_the_load(loaded_fixture):
    def spoil(raw):
        lines = (raw / "email_campaigns.csv").read_text(encoding="utf-8").splitlines()
        lines[0] = lines[0].replace("name", "campaign_type")
        (raw / "email_campaigns.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    error = spoil_and_load(loaded_fixture, spoil)
    assert "column 'campaign_type' appears twice in the header (columns 2 and 3)" in error


def test_a_misspelled_required_column_stops_the_load_naming_it(loaded_fixture):
    def spoil(raw):
        text = (raw / "crm_contacts.csv").read_text(encoding="utf-8")
        (raw / "crm_contacts.csv").write_text(text.replace("contact_id,", "contactid,", 1))

    error = spoil_and_load(loaded_fixture, spoil)
    assert "crm_contacts.csv: required column(s) missing: contact_id" in error
    assert "'contactid' looks like 'contact_id'" in error


def test_a_raw_table_without_a_file_stops_the_load(loaded_fixture):
    error = spoil_and_load(loaded_fixture, lambda raw: (raw / "web_identities.csv").unlink())
    assert "no file for raw table(s) web_identities" in error
    assert "--missing" in error


def test_an_as_of_date_that_is_no_day_stops_dbt_at_once_naming_the_var(loaded_fixture, tmp_path):
    _, database = loaded_fixture
    project = copy_project(tmp_path / "project", seeds_dir=FIXTURE / "seeds")
    result = run_dbt(project, database, "build", "--vars", "{as_of_date: '2026-13-01'}")
    assert result.returncode != 0
    assert "var as_of_date must be a real calendar day written YYYY-MM-DD, got '2026-13-01'" in (
        result.stdout
    )
    # nothing ran: no seed, no model (the check is an on-run-start hook)
    assert " OK created " not in result.stdout and "PASS=" not in result.stdout


def test_a_memory_limit_that_is_no_size_stops_dbt_at_once_naming_the_variable(
    loaded_fixture, tmp_path, monkeypatch
):
    _, database = loaded_fixture
    project = copy_project(tmp_path / "project", seeds_dir=FIXTURE / "seeds")
    monkeypatch.setenv("LEAD_SCORING_DUCKDB_MEMORY_LIMIT", "lots")
    result = run_dbt(project, database, "build", "--vars", "{as_of_date: '2026-06-30'}")
    assert result.returncode != 0
    assert "LEAD_SCORING_DUCKDB_MEMORY_LIMIT must be a size such as 6GB or 500MB, got 'lots'" in (
        result.stdout
    )
    assert " OK created " not in result.stdout and "PASS=" not in result.stdout
    # a size is set for the run (the hook's statement, in dbt's log) and the run goes on
    monkeypatch.setenv("LEAD_SCORING_DUCKDB_MEMORY_LIMIT", "2GB")
    result = run_dbt(project, database, "seed", "--select", "scoring_grades")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "set memory_limit = '2GB'" in (project / "logs" / "dbt.log").read_text()
