"""The generated world in each connector's landed shape (SPEC §1b, docs/connectors.md).

``generate_data.py --connector-shapes`` writes, next to the raw tables, the same world as
HubSpot and Salesforce land it through Fivetran and as Segment lands it, typed as the connector
lands it (ids as bigint where the connector's are Longs, doubles, booleans, instants as
timestamps with a time zone, Salesforce dates as dates: parquet files, which
``load_raw.py DIR --schema NAME --as-is`` loads with their types). The tests build the project
once from ``world/`` through the raw contract and once from the connector schemas, and compare
every mart on every field.

The connectors cannot carry everything the raw contract can (§1b.8), so the world is first made
representable, and ``world/`` holds that world: the one both builds read. What changes, and why:

* ids: every record id becomes a number in a range of its own (HubSpot's ids are Longs; a
  Salesforce Lead's company takes the Lead's id, which must not meet an Account's);
* lead_source: in HubSpot's words (``event`` -> OFFLINE -> ``offline``, ``partner`` ->
  REFERRALS -> ``referral``);
* a form submission belongs to a contact (HubSpot): one matched by e-mail gets its contact_id,
  and no submission keeps an e-mail of its own;
* e-mail campaigns are named so that seeds/connector_values.csv reads their type back (HubSpot
  has no campaign type); a reply has no campaign (an INCOMING_EMAIL engagement) and its id is the
  engagement's;
* a deal's closed_at is a day (Salesforce's close_date), 00:00:00 UTC;
* a contact kept as a Salesforce Lead (not converted) has a company of its own, keyed by the
  Lead's id, made of its company's fields and its own country, with the Lead's versions;
* minutes_attended is empty (Salesforce has none).

``world_latest/`` is the same world with only the latest version of each CRM record: what a
connector without history (HubSpot without property history, Salesforce without history mode)
can carry.

Folders written under ``<out>/connectors/``: ``world``, ``world_latest`` (raw tables, CSV),
``hubspot``, ``salesforce``, ``salesforce_history``, ``segment_email`` (identity by e-mail),
``segment_user_id`` (user_id = contact id), each a schema's tables as parquet.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lead_scoring.raw_schema import RAW_TABLES

log = logging.getLogger("generate_data")

# id ranges of the representable world: disjoint, so that no two kinds of record share an id
CONTACT_IDS = 100_000_000
COMPANY_IDS = 200_000_000
DEAL_IDS = 300_000_000
CAMPAIGN_IDS = 400_000_000
ENGAGEMENT_IDS = 500_000_000
CONVERTED_LEAD_IDS = 600_000_000
SF_CAMPAIGN_IDS = 700_000_000
CONTACT_ROLE_IDS = 800_000_000
MERGED_CONTACT_IDS = 900_000_000

# HubSpot's original source for the world's lead sources (the seed maps them back)
HUBSPOT_SOURCES = {
    "organic_search": "ORGANIC_SEARCH",
    "paid_search": "PAID_SEARCH",
    "social": "SOCIAL_MEDIA",
    "referral": "REFERRALS",
    "partner": "REFERRALS",
    "event": "OFFLINE",
    "email": "EMAIL_MARKETING",
    "direct": "DIRECT_TRAFFIC",
}
SOURCE_BACK = {
    "ORGANIC_SEARCH": "organic_search",
    "PAID_SEARCH": "paid_search",
    "SOCIAL_MEDIA": "social",
    "REFERRALS": "referral",
    "OFFLINE": "offline",
    "EMAIL_MARKETING": "email",
    "DIRECT_TRAFFIC": "direct",
}
# a name part per campaign type that seeds/connector_values.csv reads back
CAMPAIGN_NAME_TYPE = {
    "newsletter": "Newsletter",
    "nurture": "Nurture",
    "promotion": "Promotion",
    "sales": "Sales",
}
# one HubSpot form per form type, named so that the seed reads the type back
HUBSPOT_FORMS = {
    "newsletter_signup": ("f0000000-0000-4000-8000-000000000001", "Newsletter sign-up"),
    "content_download": ("f0000000-0000-4000-8000-000000000002", "Content download"),
    "contact_request": ("f0000000-0000-4000-8000-000000000003", "Contact us"),
    "demo_request": ("f0000000-0000-4000-8000-000000000004", "Demo request"),
    "event_registration": ("f0000000-0000-4000-8000-000000000005", "Event registration"),
}
# Salesforce campaign types and member statuses the seed maps
SALESFORCE_EVENT_TYPES = {
    "webinar": "Webinar",
    "seminar": "Seminar",
    "conference": "Conference",
    "live_demo": "Live Demo",
}
# HubSpot's default sales pipeline (the stage ids HubSpot itself uses)
HUBSPOT_STAGES = [
    # stage_id, label, is_closed, closed_won, probability
    ("appointmentscheduled", "Appointment scheduled", False, False, 0.2),
    ("contractsent", "Contract sent", False, False, 0.9),
    ("closedwon", "Closed won", True, True, 1.0),
    ("closedlost", "Closed lost", True, False, 0.0),
]
STAGE_OF = {"open": "appointmentscheduled", "won": "closedwon", "lost": "closedlost"}
# the custom properties / fields the connector tests name in vars (docs/connectors.md)
CUSTOM_COLUMNS = [
    "department",
    "education_level",
    "budget_status",
    "purchase_timeline",
    "has_existing_solution",
]
SALESFORCE_CUSTOM = [
    "education_level",
    "budget_status",
    "purchase_timeline",
    "has_existing_solution",
    "lifecycle_stage_override",
    "lifecycle_stage_override_at",
]

UTC = "UTC"
TS = pa.timestamp("us", tz=UTC)


# ---- reading and writing ------------------------------------------------------------------------


def read_world(folder: Path) -> dict[str, pd.DataFrame]:
    """The raw tables of a generated folder, every column as text (empty = None)."""
    world = {}
    for table in RAW_TABLES:
        frame = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
        world[table] = frame.replace({"": None})
    return world


def write_world(world: dict[str, pd.DataFrame], folder: Path, columns: dict[str, list[str]]):
    """The raw tables as CSV, every column text, in contract column order."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in RAW_TABLES:
        frame = world[table][columns[table]]
        frame.to_csv(folder / f"{table}.csv", index=False)


def write_tables(tables: dict[str, pa.Table], folder: Path) -> None:
    """A connector's tables as parquet files, typed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.parquet"):
        old.unlink()
    for name, table in tables.items():
        pq.write_table(table, folder / f"{name}.parquet")


def _instant(value) -> dt.datetime | None:
    """A raw timestamp text (UTC; a day alone is its midnight) as an aware datetime."""
    if value is None:
        return None
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)


def _instants(values) -> pa.Array:
    """Raw timestamp texts (UTC) as instants (timestamps with a time zone)."""
    return pa.array([_instant(v) for v in values], type=TS)


def _days(values) -> pa.Array:
    return pa.array(
        [None if v is None else dt.date.fromisoformat(str(v)[:10]) for v in values],
        type=pa.date32(),
    )


def _numbers(values) -> pa.Array:
    return pa.array([None if v is None else float(v) for v in values], type=pa.float64())


def _longs(values) -> pa.Array:
    return pa.array([None if v is None else int(v) for v in values], type=pa.int64())


def _bools(values) -> pa.Array:
    return pa.array(
        [None if v is None else str(v).lower() in ("true", "1", "t", "yes") for v in values],
        type=pa.bool_(),
    )


def _texts(values) -> pa.Array:
    return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def _table(columns: dict[str, pa.Array]) -> pa.Table:
    return pa.table(columns)


# ---- the representable world --------------------------------------------------------------------


def _number_of(text_id: str) -> int:
    """The number of a generated id: ``ct_0000012`` -> 12."""
    return int(text_id.rsplit("_", 1)[1])


def _latest(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """The latest version of each record (by updated_at, then row order)."""
    ordered = frame.assign(_order=range(len(frame))).sort_values([key, "updated_at", "_order"])
    return ordered.groupby(key, sort=False).tail(1).drop(columns="_order")


@dataclass
class Plan:
    """Which contacts Salesforce holds as Leads, which have a converted Lead, which HubSpot
    contacts were merged, and the rows written for the connectors that are no raw rows."""

    lead_contacts: set[str]
    converted_leads: dict[str, dict]  # contact_id -> converted Lead {id, created_date}
    merged_ids: dict[str, str]  # contact_id -> the id merged into it


def representable_world(world: dict[str, pd.DataFrame], seed: int = 7):
    """The world every connector can carry (see the module's docstring) and the Plan."""
    rng = np.random.default_rng(seed)
    world = {table: frame.copy() for table, frame in world.items()}

    def contact_id(value):
        return None if value is None else str(CONTACT_IDS + _number_of(value))

    def company_id(value):
        return None if value is None else str(COMPANY_IDS + _number_of(value))

    def deal_id(value):
        return None if value is None else str(DEAL_IDS + _number_of(value))

    def campaign_id(value):
        return None if value is None else str(CAMPAIGN_IDS + _number_of(value))

    contacts = world["crm_contacts"]
    contacts["contact_id"] = contacts["contact_id"].map(contact_id)
    contacts["company_id"] = contacts["company_id"].map(company_id)
    contacts["lead_source"] = contacts["lead_source"].map(
        lambda v: None if v is None else SOURCE_BACK[HUBSPOT_SOURCES[v]]
    )
    companies = world["crm_companies"]
    companies["company_id"] = companies["company_id"].map(company_id)
    deals = world["crm_deals"]
    deals["deal_id"] = deals["deal_id"].map(deal_id)
    deals["contact_id"] = deals["contact_id"].map(contact_id)
    deals["company_id"] = deals["company_id"].map(company_id)
    deals["closed_at"] = deals["closed_at"].map(lambda v: None if v is None else v[:10])

    campaigns = world["email_campaigns"]
    campaigns["campaign_id"] = campaigns["campaign_id"].map(campaign_id)
    campaigns["name"] = [
        f"{name} ({CAMPAIGN_NAME_TYPE[kind]})"
        for name, kind in zip(campaigns["name"], campaigns["campaign_type"], strict=True)
    ]
    events = world["email_events"]
    events["contact_id"] = events["contact_id"].map(contact_id)
    events["campaign_id"] = events["campaign_id"].map(campaign_id)
    replies = events["event_type"] == "reply"
    events.loc[replies, "campaign_id"] = None
    events.loc[replies, "event_id"] = [
        str(ENGAGEMENT_IDS + k + 1) for k in range(int(replies.sum()))
    ]

    # a form submission belongs to a contact: the one of its e-mail when it has no contact_id
    emails = (
        _latest(contacts, "contact_id")
        .dropna(subset=["email"])
        .assign(email_key=lambda f: f["email"].str.strip().str.lower())
        .groupby("email_key")["contact_id"]
        .min()
    )
    forms = world["form_submissions"]
    forms["contact_id"] = forms["contact_id"].map(contact_id)
    by_email = forms["email"].map(lambda v: None if v is None else emails.get(v.strip().lower()))
    forms["contact_id"] = forms["contact_id"].where(forms["contact_id"].notna(), by_email)
    forms["email"] = None

    for table in ("web_events", "web_identities", "event_attendance"):
        world[table]["contact_id"] = world[table]["contact_id"].map(contact_id)
    world["event_attendance"]["minutes_attended"] = None

    # Salesforce: some contacts without a deal stay Leads; some contacts came from a Lead
    with_deal = set(deals["contact_id"].dropna())
    people = sorted(set(contacts["contact_id"]), key=int)
    candidates = [c for c in people if c not in with_deal]
    lead_contacts = {c for c in candidates if rng.random() < 0.3}
    converted = {}
    current = _latest(contacts, "contact_id").set_index("contact_id")
    for k, person in enumerate(c for c in people if c not in lead_contacts):
        if rng.random() < 0.25:
            converted[person] = {
                "id": str(CONVERTED_LEAD_IDS + k + 1),
                "created_date": current.loc[person, "created_at"],
            }
    # HubSpot: a few contacts absorbed another (its id lives on in references)
    merged = {
        person: str(MERGED_CONTACT_IDS + k + 1)
        for k, person in enumerate(people)
        if rng.random() < 0.05
    }

    # a Lead's company is a company of its own: the Lead's id, its company's fields, its country
    company_now = _latest(companies, "company_id").set_index("company_id")
    lead_rows = contacts[contacts["contact_id"].isin(lead_contacts)]
    lead_companies = []
    for row in lead_rows.itertuples(index=False):
        if row.company_id is None or row.company_id not in company_now.index:
            continue
        company = company_now.loc[row.company_id]
        lead_companies.append(
            {
                "company_id": row.contact_id,
                "name": company["name"],
                "domain": company["domain"],
                "industry": company["industry"],
                "employee_count": company["employee_count"],
                "annual_revenue": company["annual_revenue"],
                "country": row.country,
                "updated_at": row.updated_at,
            }
        )
    has_company = {c["company_id"] for c in lead_companies}
    is_lead = contacts["contact_id"].isin(lead_contacts)
    contacts.loc[is_lead, "company_id"] = [
        person if person in has_company else None for person in contacts.loc[is_lead, "contact_id"]
    ]
    if lead_companies:
        world["crm_companies"] = pd.concat(
            [companies, pd.DataFrame(lead_companies)], ignore_index=True
        )
    plan = Plan(lead_contacts, converted, merged)
    return world, plan


def latest_only(world: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The world with the latest version of each CRM record only."""
    world = dict(world)
    for table, key in (
        ("crm_contacts", "contact_id"),
        ("crm_companies", "company_id"),
        ("crm_deals", "deal_id"),
    ):
        world[table] = _latest(world[table], key).sort_index()
    return world


# ---- HubSpot (Fivetran) -------------------------------------------------------------------------


def _property_history(frame, key, properties, record_ids) -> pd.DataFrame:
    """HubSpot's property history of versioned records: for each record (versions ordered by
    updated_at), a row at a version's time for every property whose value is set there and
    differs from the previous version's ('' when cleared)."""
    rows = []
    ordered = frame.assign(_order=range(len(frame))).sort_values([key, "updated_at", "_order"])
    for record, versions in ordered.groupby(key, sort=False):
        previous = {p: None for p in properties}
        for version in versions.itertuples(index=False):
            at = version.updated_at
            for prop, column in properties.items():
                value = getattr(version, column)
                if value != previous[prop]:
                    rows.append(
                        {
                            key: record_ids(record),
                            "name": prop,
                            "value": "" if value is None else str(value),
                            "timestamp": at,
                        }
                    )
                previous[prop] = value
    return pd.DataFrame(rows, columns=[key, "name", "value", "timestamp"])


def hubspot_tables(world: dict[str, pd.DataFrame], plan: Plan) -> dict[str, pa.Table]:
    """The world as Fivetran lands HubSpot (SPEC §1b.3), typed."""
    contacts = world["crm_contacts"].copy()
    contacts["lifecyclestage"] = np.where(
        contacts["lifecycle_stage_override"] == "sql", "salesqualifiedlead", "lead"
    )
    back = {v: k for k, v in SOURCE_BACK.items()}
    contacts["hs_analytics_source"] = contacts["lead_source"].map(
        lambda v: None if v is None else back[v]
    )
    contact_props = {
        "email": "email",
        "firstname": "first_name",
        "lastname": "last_name",
        "jobtitle": "job_title",
        "associatedcompanyid": "company_id",
        "country": "country",
        "hs_analytics_source": "hs_analytics_source",
        "hubspot_owner_id": "owner_id",
        "hs_email_optout": "email_opt_out",
        "lifecyclestage": "lifecyclestage",
        "hs_lifecyclestage_salesqualifiedlead_date": "lifecycle_stage_override_at",
        **{f"lead_scoring_{c}": c for c in CUSTOM_COLUMNS},
    }
    history = _property_history(contacts, "contact_id", contact_props, int)
    # HubSpot writes date-time property values as epoch milliseconds
    is_date = history["name"] == "hs_lifecyclestage_salesqualifiedlead_date"
    history.loc[is_date, "value"] = history.loc[is_date, "value"].map(
        lambda v: "" if v == "" else str(int(_instant(v).timestamp() * 1000))
    )
    current = _latest(contacts, "contact_id")
    merged_vids = current["contact_id"].map(
        lambda c: f"{plan.merged_ids[c]}:1767225600000" if c in plan.merged_ids else None
    )
    contact = {
        "id": _longs(current["contact_id"]),
        "_fivetran_deleted": pa.array([False] * len(current)),
        "property_email": _texts(current["email"]),
        "property_firstname": _texts(current["first_name"]),
        "property_lastname": _texts(current["last_name"]),
        "property_jobtitle": _texts(current["job_title"]),
        "property_associatedcompanyid": _longs(current["company_id"]),
        "property_country": _texts(current["country"]),
        "property_hs_analytics_source": _texts(current["hs_analytics_source"]),
        "property_hubspot_owner_id": _texts(current["owner_id"]),
        "property_hs_email_optout": _bools(current["email_opt_out"]),
        "property_lifecyclestage": _texts(current["lifecyclestage"]),
        "property_hs_lifecyclestage_salesqualifiedlead_date": _instants(
            current["lifecycle_stage_override_at"]
        ),
        "property_createdate": _instants(current["created_at"]),
        "property_lastmodifieddate": _instants(current["updated_at"]),
        "property_hs_calculated_merged_vids": _texts(merged_vids),
        **{
            f"property_lead_scoring_{c}": (
                _bools(current[c]) if c == "has_existing_solution" else _texts(current[c])
            )
            for c in CUSTOM_COLUMNS
        },
    }
    contact_table = _table(contact)
    # a deleted contact: not landed as a person (and nothing refers to it)
    deleted = {name: pa.array([None], type=col.type) for name, col in contact.items()}
    deleted["id"] = pa.array([CONTACT_IDS + 99_999_999 - 1], type=pa.int64())
    deleted["_fivetran_deleted"] = pa.array([True])
    deleted["property_email"] = pa.array(["deleted.contact@example.com"])
    deleted["property_lastmodifieddate"] = contact["property_lastmodifieddate"][:1]
    contact_table = pa.concat_tables([contact_table, _table(deleted)])

    def history_table(frame, key):
        return _table(
            {
                key: _longs(frame[key]),
                "timestamp": _instants(frame["timestamp"]),
                "_fivetran_synced": _instants(frame["timestamp"]),
                "source": pa.array(["CRM_UI"] * len(frame), type=pa.string()),
                "name": _texts(frame["name"]),
                "value": _texts(frame["value"]),
            }
        )

    companies = world["crm_companies"]
    company_props = {
        "name": "name",
        "domain": "domain",
        "industry": "industry",
        "numberofemployees": "employee_count",
        "annualrevenue": "annual_revenue",
        "country": "country",
    }
    company_history = _property_history(companies, "company_id", company_props, int)
    company_now = _latest(companies, "company_id")
    company = _table(
        {
            "id": _longs(company_now["company_id"]),
            "is_deleted": pa.array([False] * len(company_now)),
            "property_name": _texts(company_now["name"]),
            "property_domain": _texts(company_now["domain"]),
            "property_industry": _texts(company_now["industry"]),
            "property_numberofemployees": _numbers(company_now["employee_count"]),
            "property_annualrevenue": _numbers(company_now["annual_revenue"]),
            "property_country": _texts(company_now["country"]),
            "property_hs_lastmodifieddate": _instants(company_now["updated_at"]),
            "property_hs_all-funky-a9384-syntax": pa.array(["x"] * len(company_now)),
        }
    )
    contact_company = _table(
        {
            "contact_id": _longs(current.dropna(subset=["company_id"])["contact_id"]),
            "company_id": _longs(current.dropna(subset=["company_id"])["company_id"]),
            "type_id": pa.array([1] * int(current["company_id"].notna().sum()), type=pa.int64()),
            "category": pa.array(
                ["HUBSPOT_DEFINED"] * int(current["company_id"].notna().sum()), type=pa.string()
            ),
        }
    )

    deals = world["crm_deals"].copy()
    deals["dealstage"] = deals["deal_stage"].map(STAGE_OF)
    # an open deal's close date is an expected one (not a close: D8)
    expected = (pd.to_datetime(deals["created_at"]) + pd.Timedelta(days=30)).dt.strftime(
        "%Y-%m-%d %H:%M:%S"
    )
    deals["closedate"] = deals["closed_at"].where(deals["closed_at"].notna(), expected)
    deal_props = {
        "dealstage": "dealstage",
        "amount": "amount",
        "closedate": "closedate",
        "createdate": "created_at",
    }
    deal_history = _property_history(deals, "deal_id", deal_props, int)
    is_date = deal_history["name"].isin(["closedate", "createdate"])
    deal_history.loc[is_date, "value"] = deal_history.loc[is_date, "value"].map(
        lambda v: "" if v == "" else _instant(v).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    )
    deal_now = _latest(deals, "deal_id")
    deal = _table(
        {
            "deal_id": _longs(deal_now["deal_id"]),
            "is_deleted": pa.array([False] * len(deal_now)),
            "deal_pipeline_id": pa.array(["default"] * len(deal_now), type=pa.string()),
            "deal_pipeline_stage_id": _texts(deal_now["dealstage"]),
            "property_amount": _numbers(deal_now["amount"]),
            "property_createdate": _instants(deal_now["created_at"]),
            "property_closedate": _instants(deal_now["closedate"]),
            "property_hs_lastmodifieddate": _instants(deal_now["updated_at"]),
        }
    )
    deal_contacts = deal_now.dropna(subset=["contact_id"])
    # a merged-away id still names the contact in some associations (HubSpot re-points them)
    deal_contact_ids = [
        plan.merged_ids.get(c, c) if k % 2 == 0 else c
        for k, c in enumerate(deal_contacts["contact_id"])
    ]
    deal_contact = _table(
        {
            "deal_id": _longs(deal_contacts["deal_id"]),
            "contact_id": _longs(deal_contact_ids),
            "type_id": pa.array([3] * len(deal_contacts), type=pa.int64()),
        }
    )
    deal_companies = deal_now.dropna(subset=["company_id"])
    deal_company = _table(
        {
            "deal_id": _longs(deal_companies["deal_id"]),
            "company_id": _longs(deal_companies["company_id"]),
            "type_id": pa.array([5] * len(deal_companies), type=pa.int64()),
        }
    )
    stages = _table(
        {
            "stage_id": pa.array([s[0] for s in HUBSPOT_STAGES]),
            "pipeline_id": pa.array(["default"] * len(HUBSPOT_STAGES)),
            "label": pa.array([s[1] for s in HUBSPOT_STAGES]),
            "is_closed": pa.array([s[2] for s in HUBSPOT_STAGES]),
            "closed_won": pa.array([s[3] for s in HUBSPOT_STAGES]),
            "probability": pa.array([s[4] for s in HUBSPOT_STAGES], type=pa.float64()),
            "_fivetran_deleted": pa.array([False] * len(HUBSPOT_STAGES)),
        }
    )

    campaigns = world["email_campaigns"]
    email_campaign = _table(
        {
            "id": _longs(campaigns["campaign_id"]),
            "name": _texts(campaigns["name"]),
            "type": pa.array(["BATCH_EMAIL"] * len(campaigns), type=pa.string()),
        }
    )
    email_of = _latest(world["crm_contacts"], "contact_id").set_index("contact_id")["email"]
    events = world["email_events"]
    marketing = events[events["event_type"] != "reply"].copy()
    types = {
        "sent": "SENT",
        "open": "OPEN",
        "click": "CLICK",
        "bounce": "BOUNCE",
        "unsubscribe": "STATUSCHANGE",
    }
    marketing["type"] = marketing["event_type"].map(types)
    # every other unsubscribe is reported as spam (also an unsubscribe: D11)
    unsubscribes = marketing.index[marketing["event_type"] == "unsubscribe"]
    marketing.loc[unsubscribes[1::2], "type"] = "SPAMREPORT"
    marketing["recipient"] = marketing["contact_id"].map(email_of)
    # e-mails are delivered too: no raw row
    delivered = marketing[marketing["type"] == "SENT"].head(50).copy()
    delivered["event_id"] = delivered["event_id"] + "-delivered"
    delivered["type"] = "DELIVERED"
    with_delivered = pd.concat([marketing, delivered])
    email_event = _table(
        {
            "id": _texts(with_delivered["event_id"]),
            "email_campaign_id": _longs(with_delivered["campaign_id"]),
            "recipient": _texts(with_delivered["recipient"]),
            "type": _texts(with_delivered["type"]),
            "created": _instants(with_delivered["occurred_at"]),
        }
    )
    clicks = marketing[marketing["type"] == "CLICK"]
    email_event_click = _table({"id": _texts(clicks["event_id"]), "url": _texts(clicks["url"])})
    changes = marketing[marketing["type"] == "STATUSCHANGE"]
    email_event_status_change = _table(
        {
            "id": _texts(changes["event_id"]),
            "portal_subscription_status": pa.array(["UNSUBSCRIBED"] * len(changes)),
        }
    )
    replies = events[events["event_type"] == "reply"]
    engagement = _table(
        {
            "id": _longs(replies["event_id"]),
            "type": pa.array(["INCOMING_EMAIL"] * len(replies), type=pa.string()),
            "timestamp": _instants(replies["occurred_at"]),
        }
    )
    engagement_contact = _table(
        {
            "engagement_id": _longs(replies["event_id"]),
            "contact_id": _longs([plan.merged_ids.get(c, c) for c in replies["contact_id"]]),
        }
    )
    engagement_email = _table(
        {
            "engagement_id": _longs(replies["event_id"]),
            "property_hs_timestamp": _instants(replies["occurred_at"]),
            "_fivetran_deleted": pa.array([False] * len(replies)),
        }
    )

    forms = world["form_submissions"]
    form = _table(
        {
            "guid": pa.array([guid for guid, _ in HUBSPOT_FORMS.values()]),
            "name": pa.array([name for _, name in HUBSPOT_FORMS.values()]),
            "form_type": pa.array(["REGULAR"] * len(HUBSPOT_FORMS)),
            "_fivetran_deleted": pa.array([False] * len(HUBSPOT_FORMS)),
        }
    )
    titles = [
        asset if kind == "content_download" else HUBSPOT_FORMS[kind][1]
        for asset, kind in zip(forms["asset_name"], forms["form_type"], strict=True)
    ]
    contact_form_submission = _table(
        {
            "conversion_id": _texts(forms["submission_id"]),
            "form_id": pa.array([HUBSPOT_FORMS[kind][0] for kind in forms["form_type"]]),
            "contact_id": _longs([plan.merged_ids.get(c, c) for c in forms["contact_id"]]),
            "page_url": _texts(forms["page_url"]),
            "title": _texts(titles),
            "timestamp": _instants(forms["submitted_at"]),
        }
    )
    return {
        "contact": contact_table,
        "contact_property_history": history_table(history, "contact_id"),
        "contact_company": contact_company,
        "company": company,
        "company_property_history": history_table(company_history, "company_id"),
        "deal": deal,
        "deal_contact": deal_contact,
        "deal_company": deal_company,
        "deal_pipeline_stage": stages,
        "deal_property_history": history_table(deal_history, "deal_id"),
        "email_campaign": email_campaign,
        "email_event": email_event,
        "email_event_click": email_event_click,
        "email_event_status_change": email_event_status_change,
        "engagement": engagement,
        "engagement_contact": engagement_contact,
        "engagement_email": engagement_email,
        "form": form,
        "contact_form_submission": contact_form_submission,
    }


# ---- Salesforce (Fivetran) ----------------------------------------------------------------------


def _history_mode(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Fivetran's history mode columns for versions ordered by updated_at: _fivetran_start, its
    _fivetran_end (the next start, 9999-12-31 for the last) and _fivetran_active."""
    ordered = frame.assign(_order=range(len(frame))).sort_values([key, "updated_at", "_order"])
    ordered["_fivetran_start"] = ordered["updated_at"]
    following = ordered.groupby(key)["updated_at"].shift(-1)
    ordered["_fivetran_end"] = following.where(following.notna(), "9999-12-31 23:59:59")
    ordered["_fivetran_active"] = following.isna()
    return ordered.drop(columns="_order")


def salesforce_tables(
    world: dict[str, pd.DataFrame], plan: Plan
) -> tuple[dict[str, pa.Table], dict[str, pa.Table]]:
    """The world as Fivetran lands Salesforce (SPEC §1b.4), typed: the main schema and the
    history mode schema."""
    contacts = world["crm_contacts"]
    people = contacts[~contacts["contact_id"].isin(plan.lead_contacts)]
    leads = contacts[contacts["contact_id"].isin(plan.lead_contacts)]
    companies = world["crm_companies"]
    accounts = companies[~companies["company_id"].isin(plan.lead_contacts)]
    company_now = _latest(companies, "company_id").set_index("company_id")

    def custom(frame, names):
        columns = {}
        for name in names:
            values = frame[name]
            if name == "has_existing_solution":
                columns[f"{name}_c"] = _bools(values)
            elif name == "lifecycle_stage_override_at":
                columns[f"{name}_c"] = _instants(values)
            else:
                columns[f"{name}_c"] = _texts(values)
        return columns

    def title_case(values):
        return [None if v is None else v.title() for v in values]

    def contact_columns(frame):
        created = [
            frame_created
            if person not in plan.converted_leads
            else (pd.Timestamp(frame_created) + pd.Timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S")
            for person, frame_created in zip(frame["contact_id"], frame["created_at"], strict=True)
        ]
        return {
            "id": _texts(frame["contact_id"]),
            "is_deleted": pa.array([False] * len(frame)),
            "account_id": _texts(frame["company_id"]),
            "email": _texts(frame["email"]),
            "first_name": _texts(frame["first_name"]),
            "last_name": _texts(frame["last_name"]),
            "title": _texts(frame["job_title"]),
            "department": _texts(frame["department"]),
            "mailing_country_code": _texts(frame["country"]),
            "lead_source": _texts(title_case(frame["lead_source"])),
            "owner_id": _texts(frame["owner_id"]),
            "has_opted_out_of_email": _bools(frame["email_opt_out"]),
            "created_date": _instants(created),
            **custom(frame, SALESFORCE_CUSTOM),
        }

    def lead_columns(frame, converted=False):
        company = [
            company_now.loc[c] if c is not None and c in company_now.index else None
            for c in frame["company_id"]
        ]

        def field(name):
            return [None if row is None else row[name] for row in company]

        return {
            "id": _texts(frame["contact_id"]),
            "is_deleted": pa.array([False] * len(frame)),
            "email": _texts(frame["email"]),
            "first_name": _texts(frame["first_name"]),
            "last_name": _texts(frame["last_name"]),
            "title": _texts(frame["job_title"]),
            "company": _texts(field("name")),
            "website": _texts(
                [None if d is None else f"https://www.{d}/" for d in field("domain")]
            ),
            "industry": _texts(field("industry")),
            "number_of_employees": _numbers(field("employee_count")),
            "annual_revenue": _numbers(field("annual_revenue")),
            "country_code": _texts(frame["country"]),
            "lead_source": _texts(title_case(frame["lead_source"])),
            "owner_id": _texts(frame["owner_id"]),
            "has_opted_out_of_email": _bools(frame["email_opt_out"]),
            "is_converted": pa.array([converted] * len(frame)),
            "converted_contact_id": pa.array([None] * len(frame), type=pa.string()),
            "created_date": _instants(frame["created_at"]),
            "department_c": _texts(frame["department"]),
            **custom(frame, SALESFORCE_CUSTOM),
        }

    def main_and_history(frame, key, columns_of):
        now = _latest(frame, key)
        main = columns_of(now)
        main["system_modstamp"] = _instants(now["updated_at"])
        history = _history_mode(frame, key)
        hist = columns_of(history)
        hist["_fivetran_start"] = _instants(history["_fivetran_start"])
        hist["_fivetran_end"] = _instants(history["_fivetran_end"])
        hist["_fivetran_active"] = pa.array(list(history["_fivetran_active"]), type=pa.bool_())
        return main, hist

    contact_main, contact_history = main_and_history(people, "contact_id", contact_columns)
    # a deleted contact: not landed as a person
    contact_table = pa.concat_tables(
        [
            _table(contact_main),
            _table(
                {
                    name: (
                        pa.array(["999999999"])
                        if name == "id"
                        else pa.array([True])
                        if name == "is_deleted"
                        else pa.array([None], type=column.type)
                    )
                    for name, column in contact_main.items()
                }
            ),
        ]
    )
    lead_main, lead_history = main_and_history(leads, "contact_id", lead_columns)
    # converted Leads: the Lead a contact came from, created earlier (D17)
    converted_rows = []
    current_people = _latest(people, "contact_id")
    for person in current_people.itertuples(index=False):
        lead = plan.converted_leads.get(person.contact_id)
        if lead is None:
            continue
        converted_rows.append(
            {
                "id": lead["id"],
                "email": person.email,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "created_date": lead["created_date"],
                "system_modstamp": person.updated_at,
                "converted_contact_id": person.contact_id,
            }
        )
    converted = pd.DataFrame(
        converted_rows,
        columns=[
            "id",
            "email",
            "first_name",
            "last_name",
            "created_date",
            "system_modstamp",
            "converted_contact_id",
        ],
    )
    converted_table = {
        name: pa.array([None] * len(converted), type=column.type)
        for name, column in lead_main.items()
    }
    converted_table.update(
        {
            "id": _texts(converted["id"]),
            "is_deleted": pa.array([False] * len(converted)),
            "email": _texts(converted["email"]),
            "first_name": _texts(converted["first_name"]),
            "last_name": _texts(converted["last_name"]),
            "is_converted": pa.array([True] * len(converted)),
            "converted_contact_id": _texts(converted["converted_contact_id"]),
            "created_date": _instants(converted["created_date"]),
            "system_modstamp": _instants(converted["system_modstamp"]),
        }
    )
    lead_table = pa.concat_tables([_table(lead_main), _table(converted_table)])

    def account_columns(frame):
        return {
            "id": _texts(frame["company_id"]),
            "is_deleted": pa.array([False] * len(frame)),
            "name": _texts(frame["name"]),
            "website": _texts(
                [None if d is None else f"https://www.{d}/about" for d in frame["domain"]]
            ),
            "industry": _texts(frame["industry"]),
            "number_of_employees": _numbers(frame["employee_count"]),
            "annual_revenue": _numbers(frame["annual_revenue"]),
            "billing_country_code": _texts(frame["country"]),
        }

    account_main, account_history = main_and_history(accounts, "company_id", account_columns)

    deals = world["crm_deals"]

    def opportunity_columns(frame):
        return {
            "id": _texts(frame["deal_id"]),
            "is_deleted": pa.array([False] * len(frame)),
            "account_id": _texts(frame["company_id"]),
            "amount": _numbers(frame["amount"]),
            "is_won": pa.array(list(frame["deal_stage"] == "won"), type=pa.bool_()),
            "is_closed": pa.array(list(frame["deal_stage"] != "open"), type=pa.bool_()),
            # an open opportunity's close date is an expected one (D8)
            "close_date": _days(
                [
                    closed if closed is not None else created[:10]
                    for closed, created in zip(frame["closed_at"], frame["created_at"], strict=True)
                ]
            ),
            "created_date": _instants(frame["created_at"]),
        }

    opportunity_main, opportunity_history = main_and_history(deals, "deal_id", opportunity_columns)
    deal_now = _latest(deals, "deal_id").dropna(subset=["contact_id"])
    # the deal's contact is the primary role; another contact has an earlier, non-primary role
    others = sorted(set(_latest(people, "contact_id")["contact_id"]), key=int)
    role_rows = []
    for k, deal in enumerate(deal_now.itertuples(index=False)):
        role_rows.append((deal.deal_id, deal.contact_id, True, deal.created_at))
        other = others[k % len(others)]
        if other != deal.contact_id:
            earlier = (pd.Timestamp(deal.created_at) - pd.Timedelta(hours=1)).strftime(
                "%Y-%m-%d %H:%M:%S"
            )
            role_rows.append((deal.deal_id, other, False, earlier))
    opportunity_contact_role = _table(
        {
            "id": _texts([str(CONTACT_ROLE_IDS + k + 1) for k in range(len(role_rows))]),
            "is_deleted": pa.array([False] * len(role_rows)),
            "opportunity_id": _texts([r[0] for r in role_rows]),
            "contact_id": _texts([r[1] for r in role_rows]),
            "is_primary": pa.array([r[2] for r in role_rows], type=pa.bool_()),
            "created_date": _instants([r[3] for r in role_rows]),
        }
    )

    attendance = world["event_attendance"]
    catalogue = (
        attendance[["event_name", "event_type", "event_date"]]
        .drop_duplicates()
        .sort_values(["event_date", "event_name"])
        .reset_index(drop=True)
    )
    catalogue["id"] = [str(SF_CAMPAIGN_IDS + k + 1) for k in range(len(catalogue))]
    campaign_of = {
        (row.event_name, row.event_type, row.event_date): row.id
        for row in catalogue.itertuples(index=False)
    }
    newsletter_id = str(SF_CAMPAIGN_IDS + len(catalogue) + 1)
    campaign = _table(
        {
            "id": _texts([*catalogue["id"], newsletter_id]),
            "is_deleted": pa.array([False] * (len(catalogue) + 1)),
            "name": _texts([*catalogue["event_name"], "Monthly Newsletter"]),
            "type": _texts(
                [*(SALESFORCE_EVENT_TYPES[t] for t in catalogue["event_type"]), "Email"]
            ),
            "start_date": _days([*catalogue["event_date"], "2026-01-01"]),
        }
    )
    member_contact, member_lead = [], []
    for k, person in enumerate(attendance["contact_id"]):
        if person in plan.lead_contacts:
            member_contact.append(None)
            member_lead.append(person)
        elif person in plan.converted_leads and k % 2 == 0:
            # a member added as the Lead before it was converted counts for its Contact
            member_contact.append(None)
            member_lead.append(plan.converted_leads[person]["id"])
        else:
            member_contact.append(person)
            member_lead.append(None)
    first_person = others[0]
    campaign_member = _table(
        {
            "id": _texts([*attendance["registration_id"], "newsletter-member-1"]),
            "is_deleted": pa.array([False] * (len(attendance) + 1)),
            "campaign_id": _texts(
                [
                    *(
                        campaign_of[(row.event_name, row.event_type, row.event_date)]
                        for row in attendance.itertuples(index=False)
                    ),
                    newsletter_id,
                ]
            ),
            "contact_id": _texts([*member_contact, first_person]),
            "lead_id": _texts([*member_lead, None]),
            "status": _texts(
                [
                    *("Attended" if a == "true" else "Registered" for a in attendance["attended"]),
                    "Sent",
                ]
            ),
            "created_date": _instants([*attendance["registered_at"], "2026-01-01 09:00:00"]),
        }
    )
    main = {
        "account": _table(account_main),
        "contact": contact_table,
        "lead": lead_table,
        "opportunity": _table(opportunity_main),
        "opportunity_contact_role": opportunity_contact_role,
        "campaign": campaign,
        "campaign_member": campaign_member,
    }
    history = {
        "account": _table(account_history),
        "contact": _table(contact_history),
        "lead": _table(lead_history),
        "opportunity": _table(opportunity_history),
    }
    return main, history


# ---- Segment ------------------------------------------------------------------------------------


def segment_tables(world: dict[str, pd.DataFrame], identity: str) -> dict[str, pa.Table]:
    """The world's web as Segment's warehouse tables (SPEC §1b.5), typed. identity `email`: the
    user_id is the product's own id and identify calls carry the e-mail trait; `user_id`: the
    user_id is the contact id."""
    if identity not in ("email", "user_id"):
        raise ValueError(f"identity must be email or user_id, got {identity!r}")
    email_of = _latest(world["crm_contacts"], "contact_id").set_index("contact_id")["email"]

    def user(contact):
        if contact is None:
            return None
        return contact if identity == "user_id" else f"usr-{int(contact) - CONTACT_IDS:07d}"

    events = world["web_events"]

    def common(frame):
        return {
            "id": _texts(frame["event_id"]),
            "anonymous_id": _texts(frame["anonymous_id"]),
            "user_id": _texts([user(c) for c in frame["contact_id"]]),
            "timestamp": _instants(frame["occurred_at"]),
            "received_at": _instants(frame["occurred_at"]),
            "context_user_agent": _texts(frame["user_agent"]),
            "context_campaign_source": _texts(frame["utm_source"]),
            "context_campaign_medium": _texts(frame["utm_medium"]),
            "context_campaign_name": _texts(frame["utm_campaign"]),
        }

    def of_type(kind):
        return events[events["event_type"] == kind]

    pages = of_type("page_view")
    clicks = of_type("link_click")
    videos = of_type("video_progress")
    downloads = of_type("file_download")
    # seconds of a 200-second video: position / total_length = video_percent / 100
    position = [None if v is None else 2 * float(v) for v in videos["video_percent"]]
    identities = world["web_identities"]
    identify_rows = [
        (f"identify-{k + 1}", row.anonymous_id, row.contact_id, row.identified_at)
        for k, row in enumerate(identities.itertuples(index=False))
    ]
    # every user known from an event also has an identify call with the e-mail (a server-side
    # identify, without anonymous_id: no identification of a visitor)
    identified = {row[2] for row in identify_rows}
    for contact in sorted(set(events["contact_id"].dropna()) - identified):
        first = events.loc[events["contact_id"] == contact, "occurred_at"].min()
        identify_rows.append((f"identify-server-{contact}", None, contact, first))
    identifies = _table(
        {
            "id": _texts([r[0] for r in identify_rows]),
            "anonymous_id": _texts([r[1] for r in identify_rows]),
            "user_id": _texts([user(r[2]) for r in identify_rows]),
            "timestamp": _instants([r[3] for r in identify_rows]),
            "email": _texts([email_of.get(r[2]) for r in identify_rows]),
        }
    )
    return {
        "pages": _table({**common(pages), "url": _texts(pages["page_url"])}),
        "link_clicked": _table({**common(clicks), "context_page_url": _texts(clicks["page_url"])}),
        "video_content_playing": _table(
            {
                **common(videos),
                "context_page_url": _texts(videos["page_url"]),
                "position": _numbers(position),
                "total_length": _numbers([200.0] * len(videos)),
            }
        ),
        "file_downloaded": _table({**common(downloads), "url": _texts(downloads["page_url"])}),
        "identifies": identifies,
    }


# ---- the run ------------------------------------------------------------------------------------


def write_connector_shapes(raw_folder: Path, columns: dict[str, list[str]]) -> Path:
    """Write ``<raw_folder>/connectors/`` from the generated raw tables of ``raw_folder`` (a
    world without dirty rows); return that folder."""
    out = raw_folder / "connectors"
    world, plan = representable_world(read_world(raw_folder))
    write_world(world, out / "world", columns)
    write_world(latest_only(world), out / "world_latest", columns)
    write_tables(hubspot_tables(world, plan), out / "hubspot")
    main, history = salesforce_tables(world, plan)
    write_tables(main, out / "salesforce")
    write_tables(history, out / "salesforce_history")
    for identity in ("email", "user_id"):
        write_tables(segment_tables(world, identity), out / f"segment_{identity}")
    log.info(
        "connector shapes written to %s (%d Salesforce Leads, %d converted, %d merged HubSpot ids)",
        out,
        len(plan.lead_contacts),
        len(plan.converted_leads),
        len(plan.merged_ids),
    )
    return out
