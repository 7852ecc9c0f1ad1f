"""Connectors (SPEC §1b, docs/connectors.md): the raw layer read from Fivetran's HubSpot and
Salesforce and from Segment.

- The raw contract the connector mappings fill (models/intermediate/connectors/) is the raw
  sources YAML's, column for column; the value seed holds exactly the default rows of §1b.2, and a
  bad row of it fails the build naming the row.
- ``load_raw.py DIR --schema NAME --as-is`` loads any CSV folder as text (parquet typed).
- Fivetran's own integration-test seeds (tests_py/fixtures/connectors, README there), landed as
  text: every connector model builds, the dbt unit tests of the mappings pass (hand-worked, next
  to the models), and every mapped row is counted by the reconciliation, the counts worked out
  here from the CSV files.
- The generator's world (generate_data.py --connector-shapes) landed typed as each connector lands
  it: every mart equal, on every field, to the same world loaded through the raw contract, on
  DuckDB (the connector builds under TZ=Europe/Amsterdam) and PostgreSQL (PGTZ=Europe/Amsterdam),
  and the HubSpot leg on Spark. The world is the one the connectors can carry
  (lead_scoring/generator/connectors.py says what it changes: §1b.8).
- var lead_scoring_sources: a wrong combination stops dbt naming the var; the raw existence check
  covers only the areas read from raw (a leg's raw schema holds only the tables of those areas).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest
import yaml
from dbt_harness import (
    AS_OF,
    BIN_DIR,
    PROJECT_DIR,
    SEED_MODELS,
    comparable,
    copy_project,
    create_postgres_database,
    drop_postgres_database,
    environment,
    postgres_connect,
    run_dbt,
    spark_table_rows,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "connectors"
RAW_AREAS = {
    "crm_companies": "crm",
    "crm_contacts": "crm",
    "crm_deals": "crm",
    "email_campaigns": "email",
    "email_events": "email",
    "form_submissions": "forms",
    "web_events": "web",
    "web_identities": "web",
    "event_attendance": "events",
}
TIME_ZONE = "Europe/Amsterdam"

# the world of the equality tests: small (a build's cost is mostly per statement) but with
# replies, unsubscribes, won and open deals, event members, Leads, converted Leads and merges
WORLD_OPTIONS = (
    *("--contacts", "100", "--days", "60", "--activity-level", "1.5", "--seed", "11"),
    *("--dirty-share", "0", "--as-of", AS_OF, "--connector-shapes"),
)

HUBSPOT_CUSTOM = {
    column: f"lead_scoring_{column}"
    for column in (
        "department",
        "education_level",
        "budget_status",
        "purchase_timeline",
        "has_existing_solution",
    )
}
SALESFORCE_CUSTOM = {
    column: f"{column}_c"
    for column in (
        "education_level",
        "budget_status",
        "purchase_timeline",
        "has_existing_solution",
        "lifecycle_stage_override",
        "lifecycle_stage_override_at",
    )
}
SALESFORCE_HISTORY = {
    f"salesforce__{name}_history_enabled": True
    for name in ("account", "contact", "lead", "opportunity")
}

# leg -> (the raw world it is compared with, {schema: folder under connectors/}, raw tables
# loaded into raw, vars). HubSpot: crm, email, forms from HubSpot, web from Segment (identity by
# e-mail), events from raw. Salesforce: crm and events from Salesforce, email and forms from raw,
# web from Segment (identity by user_id).
LEGS = {
    "hubspot": (
        "world",
        {"hubspot": "hubspot", "segment": "segment_email"},
        ("event_attendance",),
        {
            "lead_scoring_sources": {
                "crm": "hubspot",
                "email": "hubspot",
                "forms": "hubspot",
                "web": "segment",
                "events": "raw",
            },
            "hubspot_contact_custom_properties": HUBSPOT_CUSTOM,
        },
    ),
    "hubspot_without_history": (
        "world_latest",
        {"hubspot": "hubspot", "segment": "segment_email"},
        ("event_attendance",),
        {
            "lead_scoring_sources": {
                "crm": "hubspot",
                "email": "hubspot",
                "forms": "hubspot",
                "web": "segment",
                "events": "raw",
            },
            "hubspot_contact_custom_properties": HUBSPOT_CUSTOM,
            "hubspot_contact_property_history_enabled": False,
            "hubspot_company_property_history_enabled": False,
            "hubspot_deal_property_history_enabled": False,
        },
    ),
    "salesforce": (
        "world",
        {
            "salesforce": "salesforce",
            "salesforce_history": "salesforce_history",
            "segment": "segment_user_id",
        },
        ("email_campaigns", "email_events", "form_submissions"),
        {
            "lead_scoring_sources": {
                "crm": "salesforce",
                "email": "raw",
                "forms": "raw",
                "web": "segment",
                "events": "salesforce",
            },
            "segment_identity": "user_id",
            "salesforce_contact_custom_fields": SALESFORCE_CUSTOM,
            "salesforce_lead_custom_fields": {**SALESFORCE_CUSTOM, "department": "department_c"},
            **SALESFORCE_HISTORY,
        },
    ),
}
# DuckDB also: Salesforce without history mode, its tables landed as text (CSV exports)
TEXT_LEG = (
    "world_latest",
    {"salesforce": "salesforce", "segment": "segment_user_id"},
    ("email_campaigns", "email_events", "form_submissions"),
    LEGS["salesforce"][3] | {name: False for name in SALESFORCE_HISTORY},
)
SLOW_FIXTURES = (
    "fivetran_builds",
    "duckdb_world_builds",
    "postgres_world_builds",
    "spark_world_builds",
    "parse_errors",
    "value_seed_builds",
)


# --- helpers -------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def dbt_vars(**values) -> str:
    """--vars as YAML (JSON is YAML)."""
    return json.dumps({"as_of_date": AS_OF, **values})


def load(folder: Path, location: dict, *options: str, time_zone: str | None = None):
    """scripts/load_raw.py folder *options into the DuckDB file, PostgreSQL database or Spark
    folder of location; fails the test when it fails."""
    env = environment(
        location.get("duckdb_path"),
        location.get("target", "duckdb"),
        location.get("database"),
        location.get("spark_dir"),
    )
    if time_zone:
        env.update(TZ=time_zone, PGTZ=time_zone)
    result = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "load_raw.py"),
            str(folder),
            "--target",
            location.get("target", "duckdb"),
            *options,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]


def build(project: Path, location: dict, vars_text: str, *options: str, time_zone=None):
    """dbt build in project against location, with TZ and PGTZ set to time_zone when given."""
    return run_dbt(
        project,
        location.get("duckdb_path"),
        "build",
        "--vars",
        vars_text,
        *options,
        target=location.get("target", "duckdb"),
        database=location.get("database"),
        spark_dir=location.get("spark_dir"),
        extra_env={"TZ": time_zone, "PGTZ": time_zone} if time_zone else None,
    )


def raw_subset(world: Path, tables: tuple[str, ...], folder: Path) -> Path:
    """A folder with only the given raw tables of a world (loaded --as-is into raw: the raw
    schema then holds only the tables of the areas read from raw)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in tables:
        (folder / f"{table}.csv").write_bytes((world / f"{table}.csv").read_bytes())
    return folder


def as_text(folder: Path, destination: Path) -> Path:
    """A connector's parquet tables written as CSV exports (every value as text)."""
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    destination.mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.glob("*.parquet")):
        pa_csv.write_csv(pq.read_table(path), destination / f"{path.stem}.csv")
    return destination


def sort_rows(rows) -> list[tuple]:
    normal = [tuple(comparable(value, naive_utc=True) for value in row) for row in rows]
    return sorted(normal, key=lambda row: tuple((value is None, str(value)) for value in row))


def duckdb_marts(path: Path) -> dict[str, list[tuple]]:
    """Every table of schema marts, and the reconciliation, as sorted comparable rows."""
    connection = duckdb.connect(str(path), read_only=True)
    try:
        connection.execute("set TimeZone = 'UTC'")
        tables = [
            f"marts.{name}"
            for (name,) in connection.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
                " order by 1"
            ).fetchall()
        ] + ["quality.fct_raw_reconciliation"]
        marts = {}
        for table in tables:
            columns = [row[0] for row in connection.execute(f"describe {table}").fetchall()]
            query = f"select {', '.join(sorted(columns))} from {table}"
            marts[table] = sort_rows(connection.execute(query).fetchall())
        return marts
    finally:
        connection.close()


def postgres_marts(database: str) -> dict[str, list[tuple]]:
    connection = postgres_connect(database, options="-c TimeZone=UTC")
    try:
        cursor = connection.cursor()
        cursor.execute(
            "select table_schema || '.' || table_name from information_schema.tables"
            " where table_schema = 'marts' or (table_schema = 'quality'"
            " and table_name = 'fct_raw_reconciliation') order by 1"
        )
        marts = {}
        for (table,) in cursor.fetchall():
            cursor.execute(
                "select column_name from information_schema.columns where table_schema || '.' ||"
                " table_name = %s order by column_name",
                (table,),
            )
            columns = [row[0] for row in cursor.fetchall()]
            cursor.execute(f"select {', '.join(columns)} from {table}")
            marts[table] = sort_rows(cursor.fetchall())
        return marts
    finally:
        connection.close()


def assert_same_marts(expected: dict, actual: dict, label: str) -> None:
    assert sorted(expected) == sorted(actual), f"{label}: other tables"
    differences = []
    for table, rows in expected.items():
        if rows != actual[table]:
            only_expected = [r for r in rows if r not in actual[table]][:3]
            only_actual = [r for r in actual[table] if r not in rows][:3]
            differences.append(
                f"{table}: {len(rows)} rows through the raw contract, {len(actual[table])} "
                f"from the connectors; only raw: {only_expected}; only connectors: {only_actual}"
            )
    assert not differences, f"{label}:\n" + "\n".join(differences)


def run_results(project: Path) -> dict[str, str]:
    results = json.loads((project / "target" / "run_results.json").read_text())
    return {item["unique_id"]: item["status"] for item in results["results"]}


# --- the raw contract and the value seed ---------------------------------------------------------


def test_connector_raw_contract_is_the_raw_sources_yaml():
    """int_raw__<table> (what a connector's mapping is selected into) declares exactly the raw
    contract's columns, in its order and with its data types."""
    from lead_scoring.raw_schema import load_raw_schema

    contract = load_raw_schema()
    document = yaml.safe_load(
        (PROJECT_DIR / "models/intermediate/connectors/_connectors__models.yml").read_text()
    )
    declared = {
        model["name"].removeprefix("int_raw__"): [
            (column["name"], column["data_type"]) for column in model["columns"]
        ]
        for model in document["models"]
    }
    assert declared == contract


def test_connector_values_seed_holds_the_default_rows():
    """seeds/connector_values.csv is exactly the table of CONNECTORS §1b.2, transcribed here."""
    expected = [
        ("hubspot", "lead_source", "equals", source, value, "1")
        for source, value in [
            ("ORGANIC_SEARCH", "organic_search"),
            ("PAID_SEARCH", "paid_search"),
            ("EMAIL_MARKETING", "email"),
            ("SOCIAL_MEDIA", "social"),
            ("PAID_SOCIAL", "paid_social"),
            ("REFERRALS", "referral"),
            ("DIRECT_TRAFFIC", "direct"),
            ("OTHER_CAMPAIGNS", "other_campaigns"),
            ("OFFLINE", "offline"),
        ]
    ]
    expected += [
        ("hubspot", "form_type", "contains", source, value, priority)
        for source, value, priority in [
            ("demo", "demo_request", "1"),
            ("contact", "contact_request", "2"),
            ("webinar", "event_registration", "3"),
            ("event", "event_registration", "4"),
            ("regist", "event_registration", "5"),
            ("newsletter", "newsletter_signup", "6"),
            ("subscri", "newsletter_signup", "7"),
            ("download", "content_download", "8"),
            ("ebook", "content_download", "9"),
            ("whitepaper", "content_download", "10"),
            ("case study", "content_download", "11"),
        ]
    ]
    expected += [
        ("hubspot", "campaign_type", "contains", source, value, priority)
        for source, value, priority in [
            ("newsletter", "newsletter", "1"),
            ("nurtur", "nurture", "2"),
            ("promo", "promotion", "3"),
            ("sales", "sales", "4"),
        ]
    ]
    expected += [
        ("salesforce", "event_type", "equals", source, value, "1")
        for source, value in [
            ("Webinar", "webinar"),
            ("Seminar", "seminar"),
            ("Seminar / Conference", "seminar"),
            ("Conference", "conference"),
            ("Live Demo", "live_demo"),
        ]
    ]
    expected.append(("salesforce", "attended", "equals", "Attended", "true", "1"))
    rows = read_csv(PROJECT_DIR / "seeds" / "connector_values.csv")
    columns = ("connector", "field", "operator", "source_value", "value", "priority")
    assert [tuple(row[c] for c in columns) for row in rows] == expected


def bad_value_seed(seeds_dir: Path) -> None:
    path = seeds_dir / "connector_values.csv"
    rows = read_csv(path)
    for row in rows:
        if row["field"] == "form_type" and row["source_value"] == "demo":
            row["operator"] = "like"
        if row["field"] == "form_type" and row["source_value"] == "contact":
            row["priority"] = "two"
        if row["field"] == "campaign_type" and row["source_value"] == "promo":
            row["value"] = "webinar"
        if row["field"] == "attended":
            row["value"] = "yes"
    rows.append(dict(rows[-1], field="minutes", value="1"))
    rows.append(dict(rows[0]))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def value_seed_builds(tmp_path_factory) -> dict:
    """The seeds and typed seed models built with the default value seed and with a bad one."""
    root = tmp_path_factory.mktemp("connector_values")
    done = {}
    for name, edit in (("default", None), ("bad", bad_value_seed)):
        project = copy_project(root / name, only_models=SEED_MODELS)
        if edit:
            edit(project / "seeds")
        database = root / f"{name}.duckdb"
        result = run_dbt(
            project,
            database,
            "build",
            "--select",
            "connector_values+",
            "--exclude-resource-type",
            "unit_test",
            # the value list is read (and validated) when an area reads HubSpot or Salesforce
            "--vars",
            dbt_vars(lead_scoring_sources={"crm": "hubspot"}),
        )
        done[name] = (database, result)
    return done


def test_bad_value_seed_rows_are_named(value_seed_builds):
    _, result = value_seed_builds["bad"]
    output = result.stdout
    assert result.returncode != 0
    for problem in (
        "connector_values.csv row hubspot form_type 'demo': unknown operator 'like' "
        "(allowed: equals, contains)",
        "connector_values.csv row hubspot form_type 'contact': priority 'two' is not a whole "
        "number",
        "connector_values.csv row hubspot campaign_type 'promo': value 'webinar' is not allowed "
        "for campaign_type (allowed: newsletter, nurture, promotion, sales)",
        "connector_values.csv row salesforce attended 'Attended': value 'yes' is not allowed for "
        "attended (allowed: true, false)",
        "connector_values.csv row salesforce minutes 'Attended': unknown connector and field "
        "'salesforce' 'minutes'",
        "connector_values.csv row hubspot lead_source 'ORGANIC_SEARCH': duplicate row "
        "(connector, field, operator and source_value used by 2 rows)",
    ):
        assert problem in output, output[-4000:]
    assert "Bad connector value list (6 problems)" in output


def test_default_value_seed_is_typed(value_seed_builds):
    database, result = value_seed_builds["default"]
    assert result.returncode == 0, result.stdout[-3000:]
    connection = duckdb.connect(str(database), read_only=True)
    try:
        rows = connection.execute(
            "select connector, field, operator, source_value, mapped_value, priority"
            " from intermediate.int_connector__values"
            " where field in ('form_type', 'event_type') and priority in (1, 11)"
            " order by connector, field, source_value"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [
        ("hubspot", "form_type", "contains", "case study", "content_download", 11),
        ("hubspot", "form_type", "contains", "demo", "demo_request", 1),
        ("salesforce", "event_type", "equals", "conference", "conference", 1),
        ("salesforce", "event_type", "equals", "live demo", "live_demo", 1),
        ("salesforce", "event_type", "equals", "seminar", "seminar", 1),
        ("salesforce", "event_type", "equals", "seminar / conference", "seminar", 1),
        ("salesforce", "event_type", "equals", "webinar", "webinar", 1),
    ]


# --- load_raw.py --as-is -------------------------------------------------------------------------


def test_load_as_is_loads_any_csv_folder_as_text(tmp_path):
    database = tmp_path / "as_is.duckdb"
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("company.csv", "deal_company.csv"):
        (folder / name).write_bytes((FIXTURES / "hubspot" / name).read_bytes())
    (folder / "Extra_Table.csv").write_text('id,"odd-name"\n1,x\n2,\n', encoding="utf-8")
    load(folder, {"duckdb_path": database}, "--schema", "hubspot_export", "--as-is")
    connection = duckdb.connect(str(database), read_only=True)
    try:
        tables = connection.execute(
            "select table_name, count(*), count(*) filter (where data_type != 'VARCHAR')"
            " from information_schema.columns where table_schema = 'hubspot_export'"
            " group by 1 order by 1"
        ).fetchall()
        funky = connection.execute(
            'select "property_hs_all-funky-a9384-syntax" from hubspot_export.company'
            " where id = '2182162682'"
        ).fetchall()
        extra = connection.execute(
            'select id, "odd-name" from hubspot_export.extra_table order by id'
        ).fetchall()
        rows = connection.execute("select count(*) from hubspot_export.company").fetchone()[0]
    finally:
        connection.close()
    company_header = (FIXTURES / "hubspot" / "company.csv").read_text().splitlines()[0]
    assert tables == [
        ("company", len(company_header.split(",")), 0),
        ("deal_company", 4, 0),
        ("extra_table", 2, 0),
    ]
    assert funky == [("23",)]
    assert extra == [("1", "x"), ("2", None)]
    assert rows == len(read_csv(FIXTURES / "hubspot" / "company.csv"))


def test_load_as_is_stops_on_a_file_that_is_no_table_name(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "2024 contacts.csv").write_text("id\n1\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "load_raw.py"), str(folder)]
        + ["--schema", "x", "--as-is"],
        env=environment(tmp_path / "x.duckdb"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "'2024 contacts' is not a table name" in result.stderr


# --- var lead_scoring_sources --------------------------------------------------------------------


@pytest.fixture(scope="module")
def parse_errors(tmp_path_factory) -> dict:
    """dbt parse with a wrong var lead_scoring_sources, and with a custom property of no raw
    column."""
    project = copy_project(tmp_path_factory.mktemp("parse") / "project")
    cases = {
        "events_without_crm": {"lead_scoring_sources": {"events": "salesforce"}},
        "unknown_source": {"lead_scoring_sources": {"crm": "pipedrive"}},
        "unknown_custom_column": {
            "lead_scoring_sources": {"crm": "hubspot"},
            "hubspot_contact_custom_properties": {"seniority": "x"},
        },
    }
    return {
        name: run_dbt(project, project / "x.duckdb", "parse", "--vars", json.dumps(values))
        for name, values in cases.items()
    }


@pytest.mark.parametrize(
    ("case", "message"),
    [
        (
            "events_without_crm",
            "var lead_scoring_sources: events: salesforce needs crm: salesforce (a campaign "
            "member names a Salesforce contact or lead), got crm: raw",
        ),
        (
            "unknown_source",
            "var lead_scoring_sources: crm cannot be read from 'pipedrive' (allowed for crm: raw, "
            "hubspot, salesforce)",
        ),
        (
            "unknown_custom_column",
            "var hubspot_contact_custom_properties: 'seniority' is not a column this connector "
            "reads from a custom property or field (allowed: department, education_level, "
            "budget_status, purchase_timeline, has_existing_solution)",
        ),
    ],
)
def test_wrong_vars_stop_dbt_naming_the_var(parse_errors, case, message):
    result = parse_errors[case]
    assert result.returncode != 0
    assert message in " ".join(result.stdout.split()), result.stdout[-3000:]


# --- Fivetran's own seeds, landed as text ---------------------------------------------------------

FIVETRAN_LEGS = {
    "hubspot": (
        {"hubspot": "hubspot", "segment": "segment"},
        {
            "lead_scoring_sources": {
                "crm": "hubspot",
                "email": "hubspot",
                "forms": "hubspot",
                "web": "segment",
                "events": "none",
            },
            # a custom property of a column Fivetran's seed has (the company the contact typed)
            "hubspot_contact_custom_properties": {"department": "company"},
        },
    ),
    "salesforce": (
        {
            "salesforce": "salesforce",
            "salesforce_history": "salesforce_history",
            "segment": "segment",
        },
        {
            "lead_scoring_sources": {
                "crm": "salesforce",
                "email": "none",
                "forms": "none",
                "web": "segment",
                "events": "salesforce",
            },
            "segment_identity": "user_id",
            **SALESFORCE_HISTORY,
        },
    ),
}


# the hand-worked unit tests of the mappings (next to the models) each leg runs
EXPECTED_UNIT_TESTS = {
    "hubspot": [
        "int_hubspot__contact_versions_timeline_from_property_history",
        "int_hubspot__crm_deals_stage_from_the_pipeline_stage",
        "int_hubspot__form_submissions_value_seed_priorities",
        "int_segment__user_contacts_identity_by_email",
        "int_segment__web_identities_own_email_first",
    ],
    "salesforce": ["int_salesforce__crm_contacts_converted_lead_created_at"],
}


@pytest.fixture(scope="module")
def fivetran_builds(tmp_path_factory) -> dict:
    """Each Fivetran leg landed as text (--as-is) and built with dbt's unit tests (nothing is
    loaded into raw)."""
    root = tmp_path_factory.mktemp("fivetran")
    done = {}
    for name, (schemas, values) in FIVETRAN_LEGS.items():
        project = copy_project(root / name / "project")
        location = {"duckdb_path": root / name / "warehouse.duckdb"}
        for schema, folder in schemas.items():
            load(FIXTURES / folder, location, "--schema", schema, "--as-is")
        result = build(project, location, dbt_vars(**values))
        # kept now: docs generate writes a run_results.json of its own
        done[f"{name}_statuses"] = run_results(project) if result.returncode == 0 else {}
        docs = run_dbt(
            project, location["duckdb_path"], "docs", "generate", "--vars", dbt_vars(**values)
        )
        done[name] = (project, location["duckdb_path"], result)
        done[f"{name}_docs"] = docs
    return done


def hubspot_mapped_rows() -> dict[str, int]:
    """The raw rows the HubSpot and Segment mappings make of the fixture, counted from its CSVs
    (CONNECTORS §1b.3, §1b.5). The seeds' property history names are hashed, so each record has
    one version; their contacts have no lastmodifieddate (that version is at null)."""
    hubspot = FIXTURES / "hubspot"

    def kept(table, flag):
        return sum(1 for row in read_csv(hubspot / f"{table}.csv") if row[flag].lower() != "true")

    unsubscribed = {
        row["id"]
        for row in read_csv(hubspot / "email_event_status_change.csv")
        if row["portal_subscription_status"] == "UNSUBSCRIBED"
    }
    email_events = sum(
        1
        for row in read_csv(hubspot / "email_event.csv")
        if row["type"] in ("SENT", "OPEN", "CLICK", "BOUNCE", "SPAMREPORT")
        or (row["type"] == "STATUSCHANGE" and row["id"] in unsubscribed)
    )
    incoming = {
        row["id"] for row in read_csv(hubspot / "engagement.csv") if row["type"] == "INCOMING_EMAIL"
    }
    replies = sum(
        1
        for row in read_csv(hubspot / "engagement_contact.csv")
        if row["engagement_id"] in incoming
    )
    segment = FIXTURES / "segment"
    return {
        "crm_companies": kept("company", "is_deleted"),
        "crm_contacts": kept("contact", "_fivetran_deleted"),
        "crm_deals": kept("deal", "is_deleted"),
        "email_campaigns": len(read_csv(hubspot / "email_campaign.csv")),
        "email_events": email_events + replies,
        "form_submissions": len(read_csv(hubspot / "contact_form_submission.csv")),
        "web_events": sum(
            len(read_csv(segment / f"{t}.csv"))
            for t in ("pages", "link_clicked", "video_content_playing", "file_downloaded")
        ),
        "web_identities": sum(1 for r in read_csv(segment / "identifies.csv") if r["anonymous_id"]),
        "event_attendance": 0,
    }


def salesforce_mapped_rows() -> dict[str, int]:
    """The raw rows the Salesforce mapping makes of the fixture with history mode (CONNECTORS
    §1b.4): every history row of a record present and not deleted in the main table; Leads only
    when not converted; event rows of campaigns of an event type."""
    sf = FIXTURES / "salesforce"
    history = FIXTURES / "salesforce_history"

    def present(table, extra=lambda row: True):
        return {
            row["id"]
            for row in read_csv(sf / f"{table}.csv")
            if row["is_deleted"].lower() != "true" and extra(row)
        }

    def versions(table, ids):
        return sum(1 for row in read_csv(history / f"{table}.csv") if row["id"] in ids)

    unconverted = present("lead", lambda row: row["is_converted"].lower() != "true")
    lead_companies = sum(
        1 for row in read_csv(history / "lead.csv") if row["id"] in unconverted and row["company"]
    )
    event_campaigns = {
        row["id"]
        for row in read_csv(sf / "campaign.csv")
        if row["is_deleted"] != "true"
        and row["type"] in ("Webinar", "Seminar", "Seminar / Conference", "Conference", "Live Demo")
    }
    segment = FIXTURES / "segment"
    return {
        "crm_companies": versions("account", present("account")) + lead_companies,
        "crm_contacts": versions("contact", present("contact")) + versions("lead", unconverted),
        "crm_deals": versions("opportunity", present("opportunity")),
        "email_campaigns": 0,
        "email_events": 0,
        "form_submissions": 0,
        "web_events": sum(
            len(read_csv(segment / f"{t}.csv"))
            for t in ("pages", "link_clicked", "video_content_playing", "file_downloaded")
        ),
        "web_identities": sum(1 for r in read_csv(segment / "identifies.csv") if r["anonymous_id"]),
        "event_attendance": sum(
            1
            for row in read_csv(sf / "campaign_member.csv")
            if row["is_deleted"] != "true" and row["campaign_id"] in event_campaigns
        ),
    }


@pytest.mark.parametrize("leg", sorted(FIVETRAN_LEGS))
def test_fivetran_seeds_build_every_connector_model(fivetran_builds, leg):
    project, _, result = fivetran_builds[leg]
    assert result.returncode == 0, result.stdout[-5000:]
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    statuses = fivetran_builds[f"{leg}_statuses"]
    connector_models = [
        unique_id
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
        and any(
            part in node["original_file_path"]
            for part in (
                "/hubspot/",
                "/salesforce/",
                "/salesforce_history/",
                "/segment/",
                "/connectors/",
            )
        )
    ]
    assert len(connector_models) >= (30 if leg == "hubspot" else 20)
    assert {m: statuses.get(m) for m in connector_models} == {
        m: "success" for m in connector_models
    }
    unit_tests = {
        unique_id.split(".")[-1]: status
        for unique_id, status in statuses.items()
        if unique_id.startswith("unit_test.")
        and any(f"int_{c}__" in unique_id for c in ("hubspot", "salesforce", "segment"))
    }
    assert unit_tests == {name: "pass" for name in EXPECTED_UNIT_TESTS[leg]}


@pytest.mark.parametrize("leg", sorted(FIVETRAN_LEGS))
def test_fivetran_seeds_every_mapped_row_is_counted(fivetran_builds, leg):
    _, database, result = fivetran_builds[leg]
    assert result.returncode == 0, result.stdout[-5000:]
    expected = hubspot_mapped_rows() if leg == "hubspot" else salesforce_mapped_rows()
    connection = duckdb.connect(str(database), read_only=True)
    try:
        counted = {
            table: (raw_rows, reconciled)
            for table, raw_rows, reconciled in connection.execute(
                "select raw_table, raw_rows, is_reconciled from quality.fct_raw_reconciliation"
            ).fetchall()
        }
    finally:
        connection.close()
    assert counted == {table: (rows, True) for table, rows in expected.items()}


@pytest.mark.parametrize("leg", sorted(FIVETRAN_LEGS))
def test_fivetran_builds_document_every_connector_node(fivetran_builds, leg):
    """The docs gate (scripts/check_docs.py) with the connectors enabled: every connector model,
    column (as the warehouse has it), source and macro is described."""
    from lead_scoring.docs_check import undocumented

    project, _, _ = fivetran_builds[leg]
    docs = fivetran_builds[f"{leg}_docs"]
    assert docs.returncode == 0, docs.stdout[-3000:]
    target = project / "target"
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    assert undocumented(manifest, catalog) == []


def test_fivetran_salesforce_campaign_members(fivetran_builds):
    """A member of the webinar who attended counts for its contact; the converted Lead's member
    for the Lead's contact (not in the seed's contacts: quarantined as an unknown contact); the
    e-mail campaign's member is no event row."""
    _, database, _ = fivetran_builds["salesforce"]
    connection = duckdb.connect(str(database), read_only=True)
    try:
        rows = connection.execute(
            "select registration_id, contact_id, event_type, event_date, registered_at, attended,"
            " minutes_attended from intermediate.int_raw__event_attendance order by 1"
        ).fetchall()
        reasons = connection.execute(
            "select row_key, quarantine_reason from quality.fct_quarantined_rows"
            " where raw_table = 'event_attendance'"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [
        (
            "00v1G00000AAAAAQA1",
            "0031G00000qAfq1QAC",
            "webinar",
            "2019-11-20",
            "2019-11-12 10:00:00.000000",
            "true",
            None,
        ),
        (
            "00v1G00000AAAAAQA2",
            "0031G00001QtDPlQAN",
            "webinar",
            "2019-11-20",
            "2019-11-13 11:30:00.000000",
            "false",
            None,
        ),
    ]
    assert reasons == [("00v1G00000AAAAAQA2", "unknown contact_id")]


# --- the generated world, typed as each connector lands it ---------------------------------------


@pytest.fixture(scope="module")
def connector_world(generated_raw) -> Path:
    return generated_raw(*WORLD_OPTIONS) / "connectors"


def build_leg(world: Path, root: Path, name: str, leg, location: dict, landed=None) -> dict:
    """Load a leg (its raw tables --as-is into raw, each connector schema --as-is) and build it
    under TZ=Europe/Amsterdam; landed: folder name -> folder to load instead (text exports)."""
    raw_world, schemas, raw_tables, values = leg
    project = copy_project(root / name / "project")
    raw = raw_subset(world / raw_world, raw_tables, root / name / "raw")
    load(raw, location, "--schema", "raw", "--as-is")
    for schema, folder in schemas.items():
        source = (landed or {}).get(folder, world / folder)
        load(source, location, "--schema", schema, "--as-is", time_zone=TIME_ZONE)
    result = build(
        project,
        location,
        dbt_vars(**values),
        "--exclude-resource-type",
        "unit_test",
        time_zone=TIME_ZONE,
    )
    return {"project": project, "result": result, **location}


def build_host_leg(world: Path, root: Path, name: str, leg, location: dict) -> dict:
    """A leg built by a host project that installs the warehouse as a package (dbt deps of a
    local package, the connector vars in the host's dbt_project.yml, the schemas named as the
    package names them: integration_tests/macros), as a team with its own dbt project would."""
    raw_world, schemas, raw_tables, values = leg
    package = copy_project(root / name / "package")
    host = root / name / "host"
    (host / "macros").mkdir(parents=True)
    integration = PROJECT_DIR / "integration_tests"
    (host / "macros" / "generate_schema_name.sql").write_bytes(
        (integration / "macros" / "generate_schema_name.sql").read_bytes()
    )
    # the host's profile: this project's outputs (DuckDB, PostgreSQL, ...) under the host's name
    profiles = yaml.safe_load((PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    profile = {"lead_scoring_integration_tests": profiles["lead_scoring"]}
    (host / "profiles.yml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    project = {
        "name": "lead_scoring_host",
        "version": "1.0.0",
        "config-version": 2,
        "profile": "lead_scoring_integration_tests",
        "macro-paths": ["macros"],
        "seed-paths": ["seeds"],
        "vars": {"as_of_date": AS_OF, **values},
        # the host's own connector_values (a copy) in place of the package's
        "seeds": {"lead_scoring": {"connector_values": {"+enabled": False}}},
    }
    (host / "seeds").mkdir()
    (host / "seeds" / "connector_values.csv").write_bytes(
        (PROJECT_DIR / "seeds" / "connector_values.csv").read_bytes()
    )
    (host / "dbt_project.yml").write_text(yaml.safe_dump(project), encoding="utf-8")
    packages = {"packages": [{"local": str(package)}]}
    (host / "packages.yml").write_text(yaml.safe_dump(packages), encoding="utf-8")
    raw = raw_subset(world / raw_world, raw_tables, root / name / "raw")
    load(raw, location, "--schema", "raw", "--as-is")
    for schema, folder in schemas.items():
        load(world / folder, location, "--schema", schema, "--as-is", time_zone=TIME_ZONE)
    target = location.get("target", "duckdb")
    # dbt deps takes no target: run it as a user would, in the host's folder
    result = subprocess.run(
        [str(BIN_DIR / "dbt"), "deps", "--project-dir", str(host), "--profiles-dir", str(host)],
        cwd=host,
        env=environment(location.get("duckdb_path"), target, location.get("database")),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        result = run_dbt(
            host,
            location.get("duckdb_path"),
            "build",
            "--exclude-resource-type",
            "unit_test",
            target=target,
            database=location.get("database"),
            extra_env={"TZ": TIME_ZONE, "PGTZ": TIME_ZONE},
        )
    return {"project": host, "result": result, **location}


def build_raw_world(world: Path, root: Path, name: str, location: dict) -> dict:
    project = copy_project(root / name / "project")
    load(world / name, location)
    result = build(project, location, dbt_vars(), "--exclude-resource-type", "unit_test")
    return {"project": project, "result": result, **location}


@pytest.fixture(scope="module")
def duckdb_world_builds(connector_world, tmp_path_factory) -> dict:
    """The world through the raw contract (world, world_latest) and each connector leg, on
    DuckDB, one build after the other."""
    root = tmp_path_factory.mktemp("connector_world_duckdb")
    done = {}
    for name in ("world", "world_latest"):
        done[name] = build_raw_world(
            connector_world, root, name, {"duckdb_path": root / f"warehouse_{name}.duckdb"}
        )
    for name, leg in LEGS.items():
        done[name] = build_leg(
            connector_world, root, name, leg, {"duckdb_path": root / f"warehouse_{name}.duckdb"}
        )
    done["hubspot_host"] = build_host_leg(
        connector_world,
        root,
        "hubspot_host",
        LEGS["hubspot"],
        {"duckdb_path": root / "warehouse_hubspot_host.duckdb"},
    )
    text = as_text(connector_world / "salesforce", root / "salesforce_csv")
    done["salesforce_as_text"] = build_leg(
        connector_world,
        root,
        "salesforce_as_text",
        TEXT_LEG,
        {"duckdb_path": root / "warehouse_salesforce_as_text.duckdb"},
        landed={"salesforce": text},
    )
    for built in done.values():
        built["marts"] = (
            duckdb_marts(built["duckdb_path"]) if built["result"].returncode == 0 else None
        )
    return done


@pytest.mark.parametrize("leg", [*sorted(LEGS), "salesforce_as_text", "hubspot_host"])
def test_connector_world_gives_the_same_marts_duckdb(duckdb_world_builds, leg):
    built = duckdb_world_builds[leg]
    assert built["result"].returncode == 0, built["result"].stdout[-5000:]
    raw_world = {"salesforce_as_text": TEXT_LEG[0], "hubspot_host": "world"}.get(leg) or LEGS[leg][
        0
    ]
    expected = duckdb_world_builds[raw_world]
    assert expected["result"].returncode == 0, expected["result"].stdout[-5000:]
    assert_same_marts(expected["marts"], built["marts"], f"{leg} on DuckDB")


def test_connector_world_is_not_trivially_equal(duckdb_world_builds):
    """The world has what the mappings decide on, and the two raw worlds differ (the backtest
    reads older versions): an equality of marts is not an accident of an empty world."""
    world = duckdb_world_builds["world"]["marts"]
    latest = duckdb_world_builds["world_latest"]["marts"]
    assert world["marts.mart_scoring_performance"] != latest["marts.mart_scoring_performance"]
    connection = duckdb.connect(str(duckdb_world_builds["world"]["duckdb_path"]), read_only=True)
    try:
        counts = dict(
            connection.execute(
                "select 'replies', count(*) from staging.stg_email__events"
                " where event_type = 'reply'"
                " union all select 'unsubscribes', count(*) from staging.stg_email__events"
                " where event_type = 'unsubscribe'"
                " union all select 'won deals', count(*) from staging.stg_crm__deals"
                " where deal_stage = 'won'"
                " union all select 'attended', count(*) from staging.stg_events__event_attendance"
                " where is_attended"
                " union all select 'contact versions', count(*) - count(distinct contact_id)"
                " from staging.stg_crm__contact_versions"
            ).fetchall()
        )
    finally:
        connection.close()
    assert all(count > 0 for count in counts.values()), counts
    plan = read_csv(
        duckdb_world_builds["world"]["duckdb_path"].parent / "salesforce_csv" / "lead.csv"
    )
    assert any(row["is_converted"] == "true" for row in plan)
    assert any(row["is_converted"] == "false" for row in plan)


# --- PostgreSQL ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def postgres_world_builds(postgres_server, connector_world, tmp_path_factory) -> dict:
    """The raw worlds, the three legs and the HubSpot leg of a host project on PostgreSQL, two
    builds at a time, each in a database of its own (dropped at the end)."""
    root = tmp_path_factory.mktemp("connector_world_postgres")
    jobs = {}
    for name in ("world", "world_latest"):
        jobs[name] = (build_raw_world, name)
    for name in LEGS:
        jobs[name] = (build_leg, name)
    jobs["hubspot_host"] = (build_host_leg, "hubspot")
    databases = {
        name: create_postgres_database(f"lead_scoring_connectors_{name}_{os.getpid()}")
        for name in jobs
    }

    def run(name):
        function, _ = jobs[name]
        location = {"target": "postgres", "database": databases[name]}
        if function is build_raw_world:
            built = build_raw_world(connector_world, root, name, location)
        else:
            built = function(connector_world, root, name, LEGS[jobs[name][1]], location)
        built["marts"] = (
            postgres_marts(databases[name]) if built["result"].returncode == 0 else None
        )
        return built

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            done = dict(zip(jobs, pool.map(run, jobs), strict=True))
        yield done
    finally:
        for database in databases.values():
            drop_postgres_database(database)


@pytest.mark.parametrize("leg", [*sorted(LEGS), "hubspot_host"])
def test_connector_world_gives_the_same_marts_postgres(postgres_world_builds, leg):
    built = postgres_world_builds[leg]
    assert built["result"].returncode == 0, built["result"].stdout[-5000:]
    expected = postgres_world_builds["world" if leg == "hubspot_host" else LEGS[leg][0]]
    assert expected["result"].returncode == 0, expected["result"].stdout[-5000:]
    assert_same_marts(expected["marts"], built["marts"], f"{leg} on PostgreSQL")


# --- Spark: the HubSpot leg ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark_world_builds(spark_available, connector_world, tmp_path_factory) -> dict:
    """The world through the raw contract and through HubSpot and Segment, on Spark (one after
    the other: a local Spark session holds its metastore alone)."""
    root = tmp_path_factory.mktemp("connector_world_spark")
    done = {}
    for name in ("world", "hubspot"):
        location = {"target": "spark", "spark_dir": root / name / "spark"}
        if name == "world":
            done[name] = build_raw_world(connector_world, root, name, location)
        else:
            done[name] = build_leg(connector_world, root, name, LEGS[name], location)
    return done


def spark_marts(spark_dir: Path, project: Path) -> dict[str, list[tuple]]:
    manifest = json.loads((project / "target" / "manifest.json").read_text())
    tables = sorted(
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    )
    return {table: sort_rows(spark_table_rows(spark_dir, "marts", table)) for table in tables}


def test_connector_world_gives_the_same_marts_spark_hubspot(spark_world_builds):
    world, hubspot = spark_world_builds["world"], spark_world_builds["hubspot"]
    assert world["result"].returncode == 0, world["result"].stdout[-5000:]
    assert hubspot["result"].returncode == 0, hubspot["result"].stdout[-5000:]
    assert_same_marts(
        spark_marts(world["spark_dir"], world["project"]),
        spark_marts(hubspot["spark_dir"], hubspot["project"]),
        "hubspot on Spark",
    )


def test_tools_on_a_host_project_read_what_they_read_on_this_one(duckdb_world_builds, tmp_path):
    """summarize.py --project-dir on the host leg prints what it prints on the raw world built in
    this project (the same marts, read through the host's DuckDB file), and the report and
    calibrate.py read the host's warehouse, manifest and the package's seeds."""
    outputs = {}
    for name in ("world", "hubspot_host"):
        built = duckdb_world_builds[name]
        assert built["result"].returncode == 0, built["result"].stdout[-5000:]
        result = subprocess.run(
            [
                sys.executable,
                str(PROJECT_DIR / "scripts" / "summarize.py"),
                "--project-dir",
                str(built["project"]),
            ],
            env=environment(built["duckdb_path"]),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs[name] = result.stdout
    assert f"Lead scoring as of {AS_OF}" in outputs["world"]
    assert outputs["hubspot_host"] == outputs["world"]
    host = duckdb_world_builds["hubspot_host"]
    calibrate = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "calibrate.py"),
            "--project-dir",
            str(host["project"]),
            "--out",
            str(tmp_path / "calibration"),
        ],
        env=environment(host["duckdb_path"]),
        capture_output=True,
        text=True,
        check=False,
    )
    # the world is small (no win on its training days): calibration reads the host's training
    # rows through the host's manifest, then says in one sentence that it cannot learn
    assert calibrate.returncode == 1, calibrate.stdout[-3000:] + calibrate.stderr[-3000:]
    assert "learning from 97 training rows" in calibrate.stderr, calibrate.stderr
    assert calibrate.stderr.strip().endswith("too few outcomes to learn from"), calibrate.stderr


def test_what_if_on_a_host_replaces_its_own_seed_and_the_package_seed(
    duckdb_world_builds, tmp_path
):
    """what_if.py --project-dir on the host leg: the candidate's connector_values.csv replaces
    the host's own seed (one row more) and its scoring_settings.csv the package's (an MQL
    threshold of 0); both are what the candidate build reads; the current warehouse stays."""
    host = duckdb_world_builds["hubspot_host"]
    assert host["result"].returncode == 0, host["result"].stdout[-5000:]
    candidate = tmp_path / "candidate"
    candidate.mkdir()
    values = (host["project"] / "seeds" / "connector_values.csv").read_text(encoding="utf-8")
    extra = "hubspot,form_type,contains,never-seen-form-name,demo_request,9"
    (candidate / "connector_values.csv").write_text(values.rstrip("\n") + "\n" + extra + "\n")
    settings = (PROJECT_DIR / "seeds" / "scoring_settings.csv").read_text(encoding="utf-8")
    edited = settings.replace("\nmql_threshold,50\n", "\nmql_threshold,0\n")
    assert edited != settings
    (candidate / "scoring_settings.csv").write_text(edited, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "what_if.py"),
            str(candidate),
            "--project-dir",
            str(host["project"]),
        ],
        env=environment(host["duckdb_path"]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    counted = "select count(*) from main.connector_values"
    threshold = (
        "select cast(value as varchar) from seeds.scoring_settings where key = 'mql_threshold'"
    )
    found = {}
    for name, path in (
        ("current", host["duckdb_path"]),
        ("candidate", host["duckdb_path"].with_name("what_if.duckdb")),
    ):
        connection = duckdb.connect(str(path), read_only=True)
        try:
            found[name] = (
                connection.execute(counted).fetchone()[0],
                connection.execute(threshold).fetchone()[0],
            )
        finally:
            connection.close()
    rows = len(values.strip().splitlines()) - 1
    assert found == {"current": (rows, "50"), "candidate": (rows + 1, "0")}
