"""Tests of scripts/generate_data.py: contract columns, determinism, clean and dirty rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from dbt_harness import PROJECT_DIR  # noqa: F401 - its scripts import this checkout's package

from lead_scoring import generator as generate_data
from lead_scoring.raw_schema import RAW_TABLES, load_raw_schema

ROOT = Path(__file__).resolve().parent.parent

AS_OF = "2025-06-30"
SMALL = ["--contacts", "400", "--days", "90", "--as-of", AS_OF]

# key columns of every raw table (a row without them cannot be used)
KEYS = {
    "crm_companies": ["company_id"],
    "crm_contacts": ["contact_id"],
    "crm_deals": ["deal_id"],
    "web_events": ["event_id"],
    "web_identities": ["anonymous_id", "contact_id"],
    "email_campaigns": ["campaign_id"],
    "email_events": ["event_id"],
    "form_submissions": ["submission_id"],
    "event_attendance": ["registration_id"],
}
# the time that places the row (required)
REQUIRED_TIMES = {
    "crm_companies": ["updated_at"],
    "crm_contacts": ["created_at", "updated_at"],
    "crm_deals": ["created_at", "updated_at"],
    "web_events": ["occurred_at"],
    "web_identities": ["identified_at"],
    "email_events": ["occurred_at"],
    "form_submissions": ["submitted_at"],
    "event_attendance": ["registered_at", "event_date"],
}
EVENT_IDS = {
    "web_events": "event_id",
    "email_events": "event_id",
    "form_submissions": "submission_id",
    "event_attendance": "registration_id",
}
CRM_VERSIONS = {
    "crm_companies": "company_id",
    "crm_contacts": "contact_id",
    "crm_deals": "deal_id",
}
BOT_MARKERS = [
    "googlebot",
    "bingbot",
    "ahrefsbot",
    "headlesschrome",
    "python-requests",
    "curl",
]


def accepted_values() -> dict[tuple[str, str], set[str]]:
    """Accepted type values, from the vars of dbt_project.yml (declared once there)."""
    variables = yaml.safe_load((ROOT / "dbt_project.yml").read_text())["vars"]
    return {
        ("web_events", "event_type"): set(variables["accepted_web_event_types"]),
        ("email_events", "event_type"): set(variables["accepted_email_event_types"]),
        ("email_campaigns", "campaign_type"): set(variables["accepted_campaign_types"]),
        ("form_submissions", "form_type"): set(variables["accepted_form_types"]),
        ("event_attendance", "event_type"): set(variables["accepted_event_types"]),
        ("crm_deals", "deal_stage"): set(variables["accepted_deal_stages"]),
    }


def generate(out: Path, *args: str) -> Path:
    assert generate_data.main(["--out", str(out), "-q", *args]) == 0
    return out


def read(folder: Path, table: str, fmt: str = "csv") -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(
            folder / f"{table}.csv", dtype=str, keep_default_na=False, na_values=[""]
        )
    return pd.read_parquet(folder / f"{table}.parquet")


def read_all(folder: Path) -> dict[str, pd.DataFrame]:
    return {t: read(folder, t) for t in RAW_TABLES}


def problems(data: dict[str, pd.DataFrame], as_of: str) -> dict[str, int]:
    """Count rows of each kind of dirtiness (what staging must quarantine, SPEC §7)."""
    schema = load_raw_schema()
    limit = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    found: dict[str, int] = {}

    def add(kind: str, count: int) -> None:
        found[kind] = found.get(kind, 0) + int(count)

    for table, frame in data.items():
        for key in KEYS[table]:
            add("missing key", frame[key].isna().sum())
        for column, data_type in schema[table]:
            if data_type not in ("timestamp", "date"):
                continue
            fmt = "%Y-%m-%d %H:%M:%S" if data_type == "timestamp" else "%Y-%m-%d"
            text = frame[column]
            parsed = pd.to_datetime(text, format=fmt, errors="coerce")
            if column in REQUIRED_TIMES.get(table, []):
                add("null timestamp", text.isna().sum())
            add("unparsable timestamp", (text.notna() & parsed.isna()).sum())
            add("timestamp after as_of", (parsed >= limit).sum())
    for (table, column), values in accepted_values().items():
        add("unknown type", (~data[table][column].isin(values)).sum())
    contacts = set(data["crm_contacts"]["contact_id"].dropna())
    for table in (
        "crm_deals",
        "web_events",
        "web_identities",
        "email_events",
        "form_submissions",
        "event_attendance",
    ):
        refs = data[table]["contact_id"].dropna()
        add("unknown contact", (~refs.isin(contacts)).sum())
    forms = data["form_submissions"]
    emails = set(data["crm_contacts"]["email"].dropna().str.lower())
    anonymous = forms[forms["contact_id"].isna()]
    add(
        "form e-mail of no contact",
        (~anonymous["email"].str.lower().isin(emails)).sum(),
    )
    companies = set(data["crm_companies"]["company_id"].dropna())
    for table in ("crm_contacts", "crm_deals"):
        add(
            "unknown company",
            (~data[table]["company_id"].dropna().isin(companies)).sum(),
        )
    campaigns = set(data["email_campaigns"]["campaign_id"].dropna())
    add("unknown campaign", (~data["email_events"]["campaign_id"].isin(campaigns)).sum())
    for table, column in EVENT_IDS.items():
        add("duplicate id", data[table][column].dropna().duplicated().sum())
    add(
        "duplicate id",
        data["email_campaigns"]["campaign_id"].dropna().duplicated().sum(),
    )
    for table, key in CRM_VERSIONS.items():
        add(
            "ambiguous CRM version",
            data[table][[key, "updated_at"]].dropna().duplicated().sum(),
        )
    return found


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("clean"), *SMALL, "--dirty-share", "0")


@pytest.fixture(scope="module")
def dirty(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("dirty"), *SMALL, "--dirty-share", "0.1")


def test_same_seed_gives_identical_files(clean, tmp_path):
    again = generate(tmp_path / "again", *SMALL, "--dirty-share", "0")
    for table in RAW_TABLES:
        assert (again / f"{table}.csv").read_bytes() == (clean / f"{table}.csv").read_bytes(), table


def test_dirty_runs_are_deterministic_and_seed_matters(dirty, tmp_path):
    again = generate(tmp_path / "again", *SMALL, "--dirty-share", "0.1")
    other = generate(tmp_path / "other", *SMALL, "--dirty-share", "0.1", "--seed", "7")
    for table in RAW_TABLES:
        assert (again / f"{table}.csv").read_bytes() == (dirty / f"{table}.csv").read_bytes(), table
    assert (other / "web_events.csv").read_bytes() != (dirty / "web_events.csv").read_bytes()


def test_every_file_has_exactly_the_contract_columns(clean):
    schema = load_raw_schema()
    assert sorted(p.name for p in clean.iterdir()) == sorted(f"{t}.csv" for t in RAW_TABLES)
    for table in RAW_TABLES:
        header = (clean / f"{table}.csv").open(encoding="utf-8").readline().strip()
        assert header.replace('"', "").split(",") == [c for c, _ in schema[table]], table


def test_parquet_has_the_contract_columns_and_the_same_rows(clean, tmp_path):
    out = generate(tmp_path / "pq", *SMALL, "--dirty-share", "0", "--format", "parquet")
    schema = load_raw_schema()
    for table in RAW_TABLES:
        frame = read(out, table, "parquet")
        assert list(frame.columns) == [c for c, _ in schema[table]], table
        assert frame.fillna("").equals(read(clean, table).fillna("")), table


def test_dirty_share_zero_gives_no_dirty_row(clean):
    data = read_all(clean)
    assert all(len(data[t]) > 0 for t in RAW_TABLES)
    found = problems(data, AS_OF)
    assert found == dict.fromkeys(found, 0)


def test_booleans_and_numbers_are_well_formed(clean):
    data = read_all(clean)
    schema = load_raw_schema()
    for table, frame in data.items():
        for column, data_type in schema[table]:
            values = frame[column].dropna()
            if data_type == "boolean":
                assert set(values) <= {"true", "false"}, (table, column)
            if data_type in ("integer", "number"):
                assert pd.to_numeric(values, errors="coerce").notna().all(), (
                    table,
                    column,
                )


def test_dirty_share_adds_every_kind_of_dirty_row(dirty):
    data = read_all(dirty)
    found = problems(data, AS_OF)
    for kind in (
        "missing key",
        "null timestamp",
        "unparsable timestamp",
        "timestamp after as_of",
        "unknown type",
        "unknown contact",
        "form e-mail of no contact",
        "duplicate id",
    ):
        assert found[kind] > 0, kind
    web = data["web_events"]
    share = (web["event_id"].isna() | web["event_id"].duplicated()).mean()
    assert 0 < share < 0.1
    assert (web["occurred_at"] == "not-a-date").any() or (
        data["email_events"]["occurred_at"] == "not-a-date"
    ).any()


def test_data_covers_the_whole_vocabulary(clean):
    data = read_all(clean)
    for (table, column), values in accepted_values().items():
        assert set(data[table][column]) == values, (table, column)
    web = data["web_events"]
    agents = web["user_agent"].str.lower()
    for marker in BOT_MARKERS:
        assert agents.str.contains(marker, regex=False).any(), marker
    assert set(web.loc[web["event_type"] == "video_progress", "video_percent"]) == {
        "25",
        "50",
        "75",
        "100",
    }
    assert web.loc[web["event_type"] != "video_progress", "video_percent"].isna().all()
    urls = web["page_url"]
    assert urls.str.contains("?utm_source=", regex=False).any()
    assert urls.str.contains("#", regex=False).any()
    assert urls.str.endswith("/").any()
    assert urls.str.contains("/assets/").any()
    # anonymous visits later identified, visitors never identified, one id for two contacts
    identities = data["web_identities"]
    assert web["contact_id"].isna().any() and web["contact_id"].notna().any()
    assert (~web["anonymous_id"].isin(identities["anonymous_id"])).any()
    assert (identities.groupby("anonymous_id")["contact_id"].nunique() > 1).any()
    # forms without contact_id carry the contact's e-mail in another letter case
    forms = data["form_submissions"]
    anonymous = forms[forms["contact_id"].isna()]
    emails = set(data["crm_contacts"]["email"])
    assert len(anonymous) > 0 and not anonymous["email"].isin(emails).any()
    # several CRM versions of some records
    for table, key in CRM_VERSIONS.items():
        assert data[table][key].duplicated().any(), table
    contacts = data["crm_contacts"]
    assert (contacts["lifecycle_stage_override"] == "sql").any()
    assert (
        contacts.loc[contacts["lifecycle_stage_override"] == "sql", "lifecycle_stage_override_at"]
        .notna()
        .all()
    )
    attendance = data["event_attendance"]
    assert set(attendance["attended"]) == {"true", "false"}
    assert (
        attendance.loc[attendance["attended"] == "true", "minutes_attended"].astype(int) > 0
    ).all()
    domains = contacts["email"].str.split("@").str[1]
    assert domains.isin(
        ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "gmx.de", "icloud.com"]
    ).any()


def test_web_events_carry_realistic_utm_tags(clean):
    """Campaign tags (SPEC §2 campaign_click, §5 first-touch utm_campaign): paid search, paid and
    organic social, e-mail and referral media, a few in another letter case, a paid search
    landing without source; every tagged event has a utm_campaign; most events carry no tag."""
    web = read(clean, "web_events")
    tagged = web[web["utm_medium"].notna()]
    assert 0 < len(tagged) < 0.5 * len(web)
    media = tagged["utm_medium"].str.lower()
    assert set(media) == {"cpc", "paid_social", "social", "email", "referral"}
    channels = set(media + "/" + tagged["utm_source"].fillna("").str.lower())
    assert {"cpc/google", "cpc/bing", "cpc/", "social/linkedin", "social/facebook"} <= channels
    assert {"social/twitter", "paid_social/linkedin", "email/newsletter"} <= channels
    assert tagged["utm_campaign"].notna().all()
    assert web.loc[web["utm_medium"].isna(), ["utm_source", "utm_campaign"]].isna().all().all()
    assert (tagged["utm_medium"] != media).any()
    # a tagged landing usually carries the tags in its URL too
    assert tagged["page_url"].str.contains("utm_medium=", regex=False).mean() > 0.5


def test_conversions_follow_fit_and_interest(tmp_path):
    out = generate(
        tmp_path / "conv",
        "--contacts",
        "3000",
        "--days",
        "120",
        "--as-of",
        AS_OF,
        "--dirty-share",
        "0",
    )
    data = read_all(out)
    deals = data["crm_deals"].drop_duplicates("deal_id", keep="last")
    converted = set(deals["contact_id"])
    contacts = (
        data["crm_contacts"].drop_duplicates("contact_id", keep="last").set_index("contact_id")
    )
    is_converted = contacts.index.isin(converted)
    students = contacts["job_title"].isin(["Student", "Intern", "PhD Student"])
    assert is_converted[~students].mean() > 2 * is_converted[students.to_numpy()].mean()
    demo = set(data["form_submissions"].query("form_type == 'demo_request'")["contact_id"].dropna())
    has_demo = contacts.index.isin(demo)
    assert is_converted[has_demo].mean() > 3 * is_converted[~has_demo].mean()


@pytest.mark.parametrize(
    "args", [["--contacts", "0"], ["--dirty-share", "0.9"], ["--as-of", "30/06/2025"]]
)
def test_bad_options_are_refused(args, tmp_path):
    with pytest.raises(SystemExit) as exc:
        generate_data.main(["--out", str(tmp_path), *args])
    assert exc.value.code == 2


def test_help():
    result = subprocess.run(
        [sys.executable, "scripts/generate_data.py", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "--dirty-share" in result.stdout and "--as-of" in result.stdout
