"""Generate realistic synthetic raw data for the lead-scoring warehouse (SPEC §1, §7, §8).

Writes the 9 raw tables as ``<table>.csv`` (or ``.parquet``) with exactly the contract columns
(read from the dbt sources YAML). All values are written as text, as an EL tool lands them:
timestamps ``YYYY-MM-DD HH:MM:SS`` (UTC), dates ``YYYY-MM-DD``, booleans ``true``/``false``;
an empty field is a null.

What the data holds:

* companies with believable industries, countries and sizes (log-normal employee count,
  revenue correlated with size and industry); contacts with job titles, departments, education
  levels, lead sources, budget and purchase timeline; several CRM versions of some companies,
  contacts and deals (same key, later ``updated_at`` wins);
* web sessions on https://www.example-saas.com (query strings, fragments, trailing slashes and
  mixed case in URLs), anonymous before the visitor is identified in ``web_identities``, some
  visitors never identified, a few anonymous ids identified as two contacts, purely anonymous
  visitors and bot traffic; about 30 % of sessions land with UTM tags (paid search
  ``cpc/google|bing``, paid and organic social on LinkedIn, Facebook and Twitter, e-mail links,
  referrals, each with a utm_campaign) on their first event, the rest without;
* e-mail campaigns of every type with sent/open/click/reply/bounce/unsubscribe events, form
  submissions of every type (some without contact_id, the e-mail in another letter case),
  event registrations with attendance and minutes, and deals (open/won/lost).

Deals follow a hidden propensity: fit (industry, size, seniority, not a student, not a
competitor, budget, timeline, lead source) and interest (a buying surge of pricing/demo page views, demo
requests, webinars in the weeks before the deal), so a good scoring model can predict them.

``--dirty-share`` adds that share of dirty rows to every table (copies of real rows with one
defect each, so the clean data stays whole): missing keys, null, unparsable and far-future
timestamps, unknown types, references to contacts that do not exist, duplicate ids, stale and
duplicate CRM versions. With ``--dirty-share 0`` no dirty row is written.

Generation is vectorized with numpy, in fixed chunks of contacts appended to the output files;
the same seed and options give byte-identical files.

Example:
    python scripts/generate_data.py --out data/demo --contacts 2000 --seed 42

The generator writes files. With ``--load`` (or ``--target TARGET``, which implies it) it then
loads them into the raw schema of that warehouse target with the loader of
``scripts/load_raw.py`` (the same code, same rules), e.g.:
    python scripts/generate_data.py --out data/demo --target postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lead_scoring.logs import setup_logging
from lead_scoring.raw_schema import RAW_TABLES, load_raw_schema
from lead_scoring.warehouse import TARGETS, UnsupportedTargetError, default_target

log = logging.getLogger("generate_data")

DAY = 86_400
HOUR = 3_600
# Contacts per chunk. Fixed (not an option) so that output never depends on memory settings.
CHUNK_CONTACTS = 20_000
PROGRESS_BAR_MIN_CONTACTS = 50_000
STR = pa.string()


def words(text: str) -> list[str]:
    """The blank-separated words of ``text`` (compact lists of names)."""
    return text.split()


# --------------------------------------------------------------------------------------------
# Shared vocabulary (the default scoring seeds are written against it).
# --------------------------------------------------------------------------------------------
# industry, share of companies, fit effect, revenue per employee (USD), size shift (log)
INDUSTRIES = [
    ("Software", 0.20, 0.8, 220_000, 0.0),
    ("Financial Services", 0.11, 0.6, 350_000, 0.3),
    ("Healthcare", 0.10, 0.4, 180_000, 0.3),
    ("Manufacturing", 0.11, 0.2, 250_000, 0.5),
    ("Retail", 0.09, 0.0, 200_000, 0.2),
    ("Education", 0.07, -0.6, 90_000, 0.2),
    ("Government", 0.05, -0.5, 120_000, 0.8),
    ("Media", 0.06, -0.1, 170_000, -0.2),
    ("Telecommunications", 0.05, 0.4, 400_000, 0.7),
    ("Consulting", 0.10, 0.0, 160_000, -0.4),
    ("Non-profit", 0.06, -0.8, 70_000, -0.3),
]
# code, share, country-specific top-level domain, legal suffix
COUNTRIES = [
    ("US", 0.34, "com", "Inc."),
    ("GB", 0.10, "co.uk", "Ltd"),
    ("DE", 0.10, "de", "GmbH"),
    ("FR", 0.06, "fr", "SAS"),
    ("NL", 0.04, "nl", "B.V."),
    ("CA", 0.06, "ca", "Inc."),
    ("AU", 0.04, "com.au", "Pty Ltd"),
    ("SE", 0.03, "se", "AB"),
    ("ES", 0.04, "es", "S.L."),
    ("IN", 0.09, "in", "Pvt Ltd"),
    ("BR", 0.05, "com.br", "Ltda"),
    ("JP", 0.05, "co.jp", "K.K."),
]
DEPARTMENTS = [
    "Engineering",
    "IT",
    "Marketing",
    "Sales",
    "Finance",
    "Operations",
    "HR",
    "Executive",
    "Other",
]
DEPARTMENT_FIT = np.array([0.2, 0.3, 0.3, 0.1, 0.0, 0.0, -0.4, 0.3, -0.2])
# title, seniority, usual department, weight
TITLES = [
    ("CEO", "c_level", "Executive", 2.0),
    ("Founder", "c_level", "Executive", 1.5),
    ("Owner", "c_level", "Executive", 1.0),
    ("Chief Technology Officer", "c_level", "Engineering", 1.0),
    ("CFO", "c_level", "Finance", 1.0),
    ("CMO", "c_level", "Marketing", 1.0),
    ("VP of Engineering", "vp_director", "Engineering", 2.0),
    ("VP Marketing", "vp_director", "Marketing", 2.0),
    ("Vice President Sales", "vp_director", "Sales", 2.0),
    ("Director of IT", "vp_director", "IT", 3.0),
    ("Head of Data", "vp_director", "Engineering", 2.0),
    ("Engineering Manager", "manager", "Engineering", 5.0),
    ("Marketing Manager", "manager", "Marketing", 7.0),
    ("IT Manager", "manager", "IT", 5.0),
    ("Software Engineer", "individual", "Engineering", 12.0),
    ("Data Analyst", "individual", "Operations", 6.0),
    ("Consultant", "individual", "Other", 5.0),
    ("Account Executive", "individual", "Sales", 6.0),
    ("Student", "student", "Other", 4.0),
    ("Intern", "student", "Other", 2.0),
    ("PhD Student", "student", "Other", 1.5),
]
SENIORITY_FIT = {
    "c_level": 0.6,
    "vp_director": 0.7,
    "manager": 0.4,
    "individual": 0.0,
    "student": -2.0,
}
EDUCATION = ["high_school", "bachelor", "master", "phd", "student"]
LEAD_SOURCES = [
    "organic_search",
    "paid_search",
    "social",
    "referral",
    "event",
    "email",
    "direct",
    "partner",
]
LEAD_SOURCE_P = [0.25, 0.15, 0.10, 0.10, 0.10, 0.10, 0.12, 0.08]
# what a lead source says about fit (referrals and partners buy far more often than the default
# seeds' +5 says: a signal for calibration to find)
LEAD_SOURCE_FIT = np.array([0.0, -0.2, 0.0, 1.0, 0.6, 0.0, -0.2, 0.8])
BUDGETS = ["approved", "planned", "none", "unknown"]
BUDGET_P = [0.10, 0.18, 0.22, 0.40]
BUDGET_FIT = np.array([0.8, 0.4, -0.6, 0.0])
TIMELINES = ["0-3 months", "3-6 months", "6-12 months", "12+ months", "none"]
TIMELINE_P = [0.12, 0.16, 0.22, 0.18, 0.32]
TIMELINE_FIT = np.array([0.6, 0.3, 0.0, -0.2, -0.4])
FREE_MAIL = [
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "gmx.de",
    "icloud.com",
]
FREE_MAIL_P = [0.45, 0.12, 0.12, 0.15, 0.08, 0.08]
COMPETITORS = ["rivalscore.com", "leadcompete.io"]
FIRST_NAMES = words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William "
    "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa "
    "Matthew Nancy Anthony Sandra Mark Ashley Paul Emily Steven Anna Andrew Laura "
    "Kevin Sophie Brian Emma Lukas Hannah Pierre Camille Jan Sanne Liam Olivia Noah "
    "Chloe Arjun Priya Rahul Ananya Lucas Julia Pedro Mariana Hiroshi Yuki Kenji "
    "Sakura Erik Astrid Oscar Elsa Pablo Lucia Javier Carmen Felix Mia"
)
LAST_NAMES = words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez "
    "Hernandez Lopez Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson "
    "White Harris Clark Lewis Walker Young Allen King Wright Scott Green Baker Adams "
    "Nelson Hill Campbell Mitchell Roberts Muller Schmidt Schneider Fischer Weber "
    "Wagner Becker Dubois Durand Leroy Moreau Laurent Jansen DeVries Bakker Visser "
    "Patel Sharma Singh Gupta Kumar Silva Santos Oliveira Souza Tanaka Suzuki Sato "
    "Watanabe Andersson Johansson Karlsson Nilsson Fernandez Gonzalez Sanchez Ramirez "
    "Torres Brown-Wood OConnor MacLeod Novak Kowalski"
)
COMPANY_PREFIXES = words(
    "Acme Apex Blue Bright Cedar Cloud Crest Delta Ever Falcon Granite Harbor Horizon "
    "Iron Keystone Lumen Maple Meridian Nimbus North Nova Oak Orbit Peak Pine Pioneer "
    "Quantum River Sky Solid Summit Terra Titan True Union Vertex Vista West Zenith "
    "Atlas Beacon Cobalt Echo Fusion Helix"
)
COMPANY_CORES = words(
    "Systems Labs Works Group Partners Solutions Dynamics Analytics Networks Health "
    "Logistics Capital Media Foods Energy Digital Industries Consulting Robotics Bank"
)
OWNERS = [f"usr_{i:03d}" for i in range(1, 41)]

SITE = "https://www.example-saas.com"
HIGH_INTENT_PAGES = ["/pricing", "/pricing/enterprise", "/demo"]
HIGH_INTENT_P = [0.5, 0.15, 0.35]
BLOG_SLUGS = [
    "what-is-lead-scoring",
    "mql-vs-sql",
    "b2b-marketing-trends",
    "how-to-score-leads",
    "intent-data-101",
    "email-nurture-playbook",
    "account-based-marketing",
    "marketing-ops-checklist",
    "crm-hygiene",
    "webinar-best-practices",
]
DOC_SLUGS = [
    "getting-started",
    "api",
    "integrations/salesforce",
    "integrations/hubspot",
    "scoring-rules",
    "sso",
]
JOB_SLUGS = [
    "data-engineer",
    "account-executive",
    "product-designer",
    "marketing-intern",
]
LOW_INTENT_PAGES = (
    [
        "/",
        "/product",
        "/product/features",
        "/product/integrations",
        "/customers",
        "/contact",
        "/webinars",
    ]
    + [f"/blog/{s}" for s in BLOG_SLUGS]
    + [f"/docs/{s}" for s in DOC_SLUGS]
)
LOW_INTENT_P = np.array(
    [0.20, 0.12, 0.10, 0.06, 0.06, 0.03, 0.05]
    + [0.26 / len(BLOG_SLUGS)] * len(BLOG_SLUGS)
    + [0.12 / len(DOC_SLUGS)] * len(DOC_SLUGS)
)
CAREER_PAGES = ["/careers"] + [f"/careers/{s}" for s in JOB_SLUGS]
VIDEO_PAGES = ["/product", "/webinars", "/demo"]
ASSET_FILES = [
    "whitepaper-roi.pdf",
    "ebook-lead-scoring-guide.pdf",
    "datasheet-platform.pdf",
    "case-study-northwind.pdf",
    "checklist-marketing-ops.pdf",
    "report-state-of-b2b.pdf",
]
ASSET_TITLES = [
    "The ROI of Lead Scoring (whitepaper)",
    "Lead Scoring Guide (e-book)",
    "Platform Datasheet",
    "Northwind Case Study",
    "Marketing Ops Checklist",
    "State of B2B Marketing Report",
]
BROWSER_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
]
BROWSER_P = [0.38, 0.17, 0.08, 0.12, 0.13, 0.08, 0.04]
BOT_AGENTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.6261.94 Safari/537.36",
    "python-requests/2.31.0",
    "curl/8.5.0",
]
# Share of web sessions that arrive with UTM tags (the rest: direct, organic search, untagged).
UTM_SESSION_SHARE = 0.3
# utm_source, utm_medium, utm_campaign, share among tagged sessions: paid search, paid and
# organic social, e-mail links, referrals. A source may be missing (an ad without utm_source).
UTMS = [
    ("google", "cpc", "brand-search", 0.13),
    ("google", "cpc", "lead-scoring-generic", 0.10),
    ("bing", "cpc", "brand-search", 0.04),
    (None, "cpc", "display-retargeting", 0.02),
    ("linkedin", "paid_social", "abm-q2", 0.08),
    ("facebook", "paid_social", "retargeting", 0.05),
    ("twitter", "paid_social", "launch-promo", 0.02),
    ("linkedin", "social", "organic-post", 0.10),
    ("facebook", "social", "organic-post", 0.05),
    ("twitter", "social", "organic-post", 0.04),
    ("newsletter", "email", "monthly-newsletter", 0.12),
    ("nurture", "email", "onboarding-nurture", 0.06),
    ("sales", "email", "demo-invitation", 0.03),
    ("partner-portal", "referral", "partner-program", 0.07),
    ("g2", "referral", "reviews", 0.06),
    ("capterra", "referral", "reviews", 0.03),
]
UTM_P = [x[3] for x in UTMS]
# share of tagged landings whose tags are written in another letter case (`LinkedIn`, `CPC`)
UTM_MIXED_CASE_SHARE = 0.1
WEB_EVENT_TYPES = ["page_view", "link_click", "video_progress", "file_download"]
WEB_EVENT_P = [0.74, 0.14, 0.07, 0.05]
CAMPAIGN_TYPES = ["newsletter", "nurture", "promotion", "sales"]
CAMPAIGN_TYPE_P = [0.4, 0.3, 0.2, 0.1]
# share of contacts a campaign of that type reaches
CAMPAIGN_REACH = np.array([0.45, 0.18, 0.25, 0.08])
CAMPAIGN_NAMES = {
    "newsletter": ["Monthly Newsletter", "Product Update", "Customer Stories Digest"],
    "nurture": ["Onboarding Nurture", "Lead Scoring 101 Nurture", "ROI Nurture"],
    "promotion": ["Spring Promotion", "Webinar Invite", "Annual Plan Discount"],
    "sales": ["Sales Follow-up", "Demo Invitation", "Pricing Check-in"],
}
EVENT_TYPES = ["webinar", "seminar", "conference", "live_demo"]
EVENT_TYPE_P = [0.5, 0.2, 0.1, 0.2]
EVENT_MINUTES = np.array([60, 180, 480, 45])
EVENT_TOPICS = [
    "Lead Scoring 101",
    "Intent Data in Practice",
    "From MQL to Revenue",
    "Marketing Ops Summit",
    "Product Deep Dive",
    "ABM Masterclass",
]
FORM_TYPES = [
    "newsletter_signup",
    "content_download",
    "contact_request",
    "demo_request",
    "event_registration",
]
FORM_PAGES = {
    "newsletter_signup": ["/", "/blog/what-is-lead-scoring", "/blog/mql-vs-sql"],
    "content_download": ["/blog/how-to-score-leads", "/customers", "/product"],
    "contact_request": ["/contact"],
    "demo_request": ["/demo", "/pricing"],
    "event_registration": ["/webinars"],
}
DEAL_STAGES = ["open", "won", "lost"]

# Dirty values
UNPARSABLE = ["not-a-date", "N/A", "2024-13-45 10:00:00", "yesterday"]
UNKNOWN_TYPES = {
    "web_events": ["scroll_depth", "session_start"],
    "email_events": ["delivered", "spam_report"],
    "form_submissions": ["job_application", "webinar_feedback"],
    "event_attendance": ["meetup", "workshop"],
    "crm_deals": ["negotiation", "qualified"],
    "email_campaigns": ["transactional", "survey"],
}


# --------------------------------------------------------------------------------------------
# Small vectorized helpers (pyarrow compute does the string work in C++).
# --------------------------------------------------------------------------------------------
def take(vocab, idx) -> pa.Array:
    """vocab[idx] as a string array."""
    return pa.array(vocab, STR).take(pa.array(np.asarray(idx, dtype=np.int64)))


def fmt_ids(prefix: str, numbers, width: int) -> pa.Array:
    digits = pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), STR)
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(digits, width=width, padding="0"), "")


def fmt_ts(seconds) -> pa.Array:
    arr = pa.array(np.asarray(seconds, dtype=np.int64), pa.timestamp("s"))
    return pc.strftime(arr, format="%Y-%m-%d %H:%M:%S")


def fmt_date(seconds) -> pa.Array:
    arr = pa.array(np.asarray(seconds, dtype=np.int64), pa.timestamp("s"))
    return pc.strftime(arr, format="%Y-%m-%d")


def fmt_int(values) -> pa.Array:
    return pc.cast(pa.array(np.asarray(values, dtype=np.int64)), STR)


def fmt_bool(values) -> pa.Array:
    return take(["false", "true"], np.asarray(values, dtype=np.int64))


def concat(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def null_where(arr: pa.Array, mask) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(mask, dtype=bool)), pa.scalar(None, STR), arr)


def replace_where(arr: pa.Array, mask, values: pa.Array) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(mask, dtype=bool)), values, arr)


def nulls(n: int) -> pa.Array:
    return pa.nulls(n, STR)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def choice(rng: np.random.Generator, n: int, p) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def uniform_between(rng: np.random.Generator, low, high) -> np.ndarray:
    """Integer seconds uniform in [low, high) (element-wise; high > low assumed)."""
    low = np.asarray(low, dtype=np.int64)
    high = np.asarray(high, dtype=np.int64)
    span = np.maximum(high - low, 1)
    return low + (rng.random(np.broadcast(low, high).shape) * span).astype(np.int64)


def segment_offsets(rng: np.random.Generator, counts: np.ndarray, mean_gap) -> np.ndarray:
    """Seconds since the start of its segment for each item of consecutive segments.

    The first item of a segment is at 0; later items follow after exponential gaps.
    """
    total = int(counts.sum())
    gaps = rng.exponential(1.0, total) * np.repeat(np.asarray(mean_gap, dtype=float), counts)
    starts = np.cumsum(counts) - counts
    gaps[starts[counts > 0]] = 0.0
    cumulative = np.cumsum(gaps)
    return (cumulative - np.repeat(cumulative[starts], counts)).astype(np.int64)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------
class TableWriter:
    """Appends chunks of one raw table (all columns text) to ``<table>.<fmt>``."""

    def __init__(self, out: Path, table: str, columns: list[str], fmt: str):
        self.table = table
        self.columns = columns
        self.path = out / f"{table}.{fmt}"
        self.tmp_path = out / f".{table}.{fmt}.tmp"
        self.schema = pa.schema([(c, STR) for c in columns])
        self.rows = 0
        if fmt == "csv":
            self._writer = pa_csv.CSVWriter(str(self.tmp_path), self.schema)
        else:
            self._writer = pq.ParquetWriter(str(self.tmp_path), self.schema, compression="zstd")

    def write(self, data: dict[str, pa.Array]) -> None:
        if set(data) != set(self.columns):
            raise AssertionError(
                f"{self.table}: columns {sorted(data)} differ from the contract {self.columns}"
            )
        table = pa.table([data[c] for c in self.columns], schema=self.schema)
        if table.num_rows:
            self._writer.write_table(table)
            self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()
        self.tmp_path.replace(self.path)


def concat_tables(*parts: dict[str, pa.Array]) -> dict[str, pa.Array]:
    parts = [p for p in parts if p is not None]
    return {c: pa.concat_arrays([p[c] for p in parts]) for c in parts[0]}


def take_rows(data: dict[str, pa.Array], idx) -> dict[str, pa.Array]:
    index = pa.array(np.asarray(idx, dtype=np.int64))
    return {c: a.take(index) for c, a in data.items()}


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Options:
    out: Path
    contacts: int
    companies: int
    days: int
    activity_level: float
    dirty_share: float
    seed: int
    as_of: dt.date
    fmt: str


class Generator:
    def __init__(self, opts: Options, columns: dict[str, list[str]]):
        self.o = opts
        self.columns = columns
        self.end = int(
            dt.datetime.combine(opts.as_of + dt.timedelta(days=1), dt.time(), dt.UTC).timestamp()
        )
        self.start = self.end - opts.days * DAY
        self.act = opts.activity_level
        self.w_contact = max(7, len(str(opts.contacts)))
        self.w_company = max(6, len(str(opts.companies)))
        self.counters = {t: 0 for t in ("web", "email", "form", "reg", "deal")}
        self.seen_email_keys = np.empty(0, dtype=np.int64)
        # dirty rows are added at this rate per clean row so that they are ~dirty_share of all rows
        self.dirty_rate = opts.dirty_share / (1.0 - opts.dirty_share) if opts.dirty_share else 0.0
        self.dirty_counts: dict[str, dict[str, int]] = {t: {} for t in RAW_TABLES}

    def rng(self, *key: int) -> np.random.Generator:
        return np.random.default_rng(np.random.SeedSequence([self.o.seed, *key]))

    # ---- ids -------------------------------------------------------------------------------
    def contact_ids(self, numbers) -> pa.Array:
        return fmt_ids("ct_", numbers, self.w_contact)

    def missing_contact_ids(self, rng, n) -> pa.Array:
        """Ids that look real but belong to no contact (numbers beyond the last contact)."""
        return self.contact_ids(self.o.contacts + 1 + rng.integers(0, 1_000_000, n))

    def next_ids(self, kind: str, prefix: str, n: int, width: int = 9) -> pa.Array:
        first = self.counters[kind] + 1
        self.counters[kind] += n
        return fmt_ids(prefix, np.arange(first, first + n), width)

    # ---- dirty rows --------------------------------------------------------------------------
    def add_dirty(
        self,
        table: str,
        data: dict[str, pa.Array],
        rng,
        kinds: dict,
        new_ids: tuple | None = None,
    ) -> dict[str, pa.Array]:
        """Append copies of random rows of ``data`` with one defect each.

        ``kinds`` maps a defect name to a function (rows, rng) -> rows that applies it.
        ``new_ids`` = (column, counter, prefix, width): copies get ids of their own (except exact
        copies, whose point is the duplicate id), so that one row has one defect.
        """
        n = len(next(iter(data.values())))
        if not self.dirty_rate or n == 0:
            return data
        m = int(rng.binomial(n, min(self.dirty_rate, 1.0)))
        if m == 0:
            return data
        rows = take_rows(data, rng.integers(0, n, m))
        names = list(kinds)
        kind = rng.integers(0, len(names), m)
        parts = []
        for k, name in enumerate(names):
            sel = np.flatnonzero(kind == k)
            if len(sel):
                part = take_rows(rows, sel)
                if new_ids and kinds[name] is not self.exact_copy:
                    column, counter, prefix, width = new_ids
                    part[column] = self.next_ids(counter, prefix, len(sel), width)
                parts.append(kinds[name](part, rng))
                counts = self.dirty_counts[table]
                counts[name] = counts.get(name, 0) + len(sel)
        return concat_tables(data, *parts)

    def set_col(self, column: str, make):
        """Defect: column := make(rng, n) (a string array, or None for null)."""

        def apply(rows, rng):
            n = len(rows[column])
            rows = dict(rows)
            value = make(rng, n)
            rows[column] = nulls(n) if value is None else value
            return rows

        return apply

    def future_ts(self, rng, n) -> pa.Array:
        return fmt_ts(self.end + rng.integers(2 * 365 * DAY, 5 * 365 * DAY, n))

    @staticmethod
    def unparsable(rng, n) -> pa.Array:
        return take(UNPARSABLE, rng.integers(0, len(UNPARSABLE), n))

    @staticmethod
    def unknown(table):
        values = UNKNOWN_TYPES[table]
        return lambda rng, n: take(values, rng.integers(0, len(values), n))

    @staticmethod
    def exact_copy(rows, rng):
        return rows

    def timestamp_defects(self, column: str) -> dict:
        return {
            f"null {column}": self.set_col(column, lambda rng, n: None),
            f"unparsable {column}": self.set_col(column, self.unparsable),
            f"{column} years in the future": self.set_col(column, self.future_ts),
        }

    # ---- companies -------------------------------------------------------------------------
    def make_companies(self, writer: TableWriter) -> None:
        rng = self.rng(1)
        n = self.o.companies
        ind = choice(rng, n, [i[1] for i in INDUSTRIES])
        size_shift = np.array([i[4] for i in INDUSTRIES])[ind]
        emp = np.clip(np.round(rng.lognormal(3.9 + size_shift, 1.5)), 1, 250_000).astype(np.int64)
        rev_per_emp = np.array([i[3] for i in INDUSTRIES])[ind] * rng.lognormal(0.0, 0.35, n)
        revenue = np.round(emp * rev_per_emp, -3).astype(np.int64)
        country = choice(rng, n, [c[1] for c in COUNTRIES])
        prefix = rng.integers(0, len(COMPANY_PREFIXES), n)
        core = rng.integers(0, len(COMPANY_CORES), n)
        legal = take([c[3] for c in COUNTRIES], country)
        name = concat(take(COMPANY_PREFIXES, prefix), " ", take(COMPANY_CORES, core), " ", legal)
        tld = np.where(rng.random(n) < 0.6, 0, country)  # COUNTRIES[0] has tld com
        base = concat(
            take([p.lower() for p in COMPANY_PREFIXES], prefix),
            take([c.lower() for c in COMPANY_CORES], core),
        )
        # make domains unique: the k-th company with the same base and tld gets a number
        key = (prefix * len(COMPANY_CORES) + core) * len(COUNTRIES) + tld
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        first_of_run = np.r_[True, sorted_key[1:] != sorted_key[:-1]]
        run_start = np.maximum.accumulate(np.where(first_of_run, np.arange(n), 0))
        occurrence = np.empty(n, dtype=np.int64)
        occurrence[order] = np.arange(n) - run_start
        suffix = null_where(fmt_int(occurrence + 1), occurrence == 0)
        suffix = pc.fill_null(suffix, "")
        domain = concat(base, suffix, ".", take([c[2] for c in COUNTRIES], tld))
        updated = uniform_between(rng, np.full(n, self.start - 365 * DAY), np.full(n, self.end))

        self.company_industry = ind
        self.company_emp = emp
        self.company_country = country
        self.company_domain = domain
        weight = 1.0 + np.log1p(emp)
        self.company_weight = weight / weight.sum()

        ids = fmt_ids("co_", np.arange(1, n + 1), self.w_company)
        data = {
            "company_id": ids,
            "name": name,
            "domain": domain,
            "industry": take([i[0] for i in INDUSTRIES], ind),
            "employee_count": fmt_int(emp),
            "annual_revenue": fmt_int(revenue),
            "country": take([c[0] for c in COUNTRIES], country),
            "updated_at": fmt_ts(updated),
        }
        # older versions of ~12% of the companies: smaller headcount, sometimes no industry yet
        old = np.flatnonzero(rng.random(n) < 0.12)
        old_rows = take_rows(data, old)
        old_rows["employee_count"] = fmt_int(
            np.maximum(1, np.round(emp[old] * rng.uniform(0.7, 0.98, len(old))))
        )
        old_rows["industry"] = null_where(old_rows["industry"], rng.random(len(old)) < 0.3)
        old_rows["updated_at"] = fmt_ts(updated[old] - rng.integers(DAY, 200 * DAY, len(old)))
        data = concat_tables(old_rows, data)

        def stale_updated(rng, m):
            return fmt_ts(self.start - rng.integers(400 * DAY, 800 * DAY, m))

        kinds = {
            "missing company_id": self.set_col("company_id", lambda rng, m: None),
            **self.timestamp_defects("updated_at"),
            "stale version (old updated_at)": self.set_col("updated_at", stale_updated),
            "exact duplicate row": self.exact_copy,
        }
        writer.write(self.add_dirty("crm_companies", data, rng, kinds))

    # ---- campaigns and event catalogue -------------------------------------------------------
    def make_campaigns(self, writer: TableWriter) -> None:
        rng = self.rng(2)
        k = max(8, round(self.o.days / 3.5))
        ctype = choice(rng, k, CAMPAIGN_TYPE_P)
        ctype[:4] = np.arange(4)  # every type at least once
        send = np.sort(uniform_between(rng, np.full(k, self.start), np.full(k, self.end - DAY)))
        send_day = fmt_date(send)
        names = []
        for i in range(k):
            options = CAMPAIGN_NAMES[CAMPAIGN_TYPES[ctype[i]]]
            names.append(f"{options[rng.integers(0, len(options))]} {send_day[i].as_py()}")
        self.campaign_type = ctype
        self.campaign_send = send
        self.campaign_ids = fmt_ids("cmp_", np.arange(1, k + 1), 4)
        data = {
            "campaign_id": self.campaign_ids,
            "name": pa.array(names, STR),
            "campaign_type": take(CAMPAIGN_TYPES, ctype),
        }
        kinds = {
            "missing campaign_id": self.set_col("campaign_id", lambda rng, m: None),
            "unknown campaign_type": self.set_col("campaign_type", self.unknown("email_campaigns")),
        }
        writer.write(self.add_dirty("email_campaigns", data, rng, kinds))

    def make_event_catalogue(self) -> None:
        rng = self.rng(3)
        k = max(4, self.o.days // 6)
        etype = choice(rng, k, EVENT_TYPE_P)
        etype[:4] = np.arange(4)
        day0 = self.start // DAY
        days = (
            np.sort(rng.integers(day0 + 1, self.end // DAY, k))
            if self.o.days > 1
            else np.full(k, day0)
        )
        topic = rng.integers(0, len(EVENT_TOPICS), k)
        label = ["Webinar", "Seminar", "Conference", "Live Demo"]
        dates = fmt_date(days * DAY)
        self.event_type = etype
        self.event_day = days * DAY  # midnight UTC of the event day
        self.event_names = pa.array(
            [f"{label[etype[i]]}: {EVENT_TOPICS[topic[i]]} ({dates[i].as_py()})" for i in range(k)],
            STR,
        )

    # ---- contacts chunk ----------------------------------------------------------------------
    def make_chunk(self, chunk: int, first: int, n: int, writers: dict[str, TableWriter]) -> None:
        rng = self.rng(10, chunk)
        start, end = self.start, self.end
        number = np.arange(first + 1, first + n + 1)
        contact_id = self.contact_ids(number)

        # organisation and person
        has_company = rng.random(n) < 0.9
        company = choice(rng, n, self.company_weight)
        title = choice(rng, n, [t[3] for t in TITLES])
        seniority = np.array([t[1] for t in TITLES])[title]
        is_student = seniority == "student"
        no_title = rng.random(n) < 0.05
        dept_index = {d: i for i, d in enumerate(DEPARTMENTS)}
        dept = np.array([dept_index[t[2]] for t in TITLES])[title]
        dept = np.where(rng.random(n) < 0.2, rng.integers(0, len(DEPARTMENTS), n), dept)
        edu = choice(rng, n, [0.08, 0.50, 0.30, 0.07, 0.05])
        edu = np.where(is_student & (rng.random(n) < 0.8), 4, edu)
        edu_null = rng.random(n) < 0.1
        r = rng.random(n)
        mail_kind = np.where(
            r < 0.006, 2, np.where(r < 0.13, 1, 0)
        )  # 0 company, 1 free, 2 competitor
        mail_kind = np.where(
            ~has_company & (mail_kind == 0),
            np.where(rng.random(n) < 0.95, 1, 2),
            mail_kind,
        )
        has_company &= mail_kind != 2
        first_name = rng.integers(0, len(FIRST_NAMES), n)
        last_name = rng.integers(0, len(LAST_NAMES), n)
        country = np.where(
            has_company & (rng.random(n) < 0.85),
            self.company_country[company],
            choice(rng, n, [c[1] for c in COUNTRIES]),
        )
        lead_source = choice(rng, n, LEAD_SOURCE_P)
        budget = choice(rng, n, BUDGET_P)
        timeline = choice(rng, n, TIMELINE_P)
        existing = rng.random(n) < 0.35

        # hidden propensity: fit from the attributes, intent latent
        ind = self.company_industry[company]
        emp = self.company_emp[company]
        size_fit = np.select(
            [emp < 10, emp < 50, emp < 200, emp <= 5000], [-0.5, 0.0, 0.3, 0.6], 0.2
        )
        sen_fit = np.array([SENIORITY_FIT[s] for s in seniority])
        fit = (
            np.where(has_company, np.array([i[2] for i in INDUSTRIES])[ind] + size_fit, -0.4)
            + np.where(no_title, 0.0, sen_fit)
            + DEPARTMENT_FIT[dept]
            + BUDGET_FIT[budget]
            + TIMELINE_FIT[timeline]
            + LEAD_SOURCE_FIT[lead_source]
            + np.where(edu == 4, -1.0, 0.0)
            + np.where(mail_kind == 1, -0.6, 0.0)
            + np.where(mail_kind == 2, -3.0, 0.0)
        )
        intent = rng.normal(0.0, 1.0, n)
        buyer = rng.random(n) < sigmoid(-3.3 + 0.9 * fit + 1.1 * intent)
        engagement = np.exp(0.45 * intent + 0.25 * np.clip(fit, -3, 3) + rng.normal(0.0, 0.5, n))

        in_window = rng.random(n) < 0.6
        created = np.where(
            in_window,
            uniform_between(rng, np.full(n, start), np.full(n, end - HOUR)),
            uniform_between(rng, np.full(n, start - 730 * DAY), np.full(n, start)),
        )
        active_from = np.maximum(created, start)
        deal_at = (
            active_from
            + 5 * DAY
            + (rng.random(n) * (end + 60 * DAY - active_from - 5 * DAY)).astype(np.int64)
        )
        deal_at = np.where(buyer, deal_at, np.iinfo(np.int64).max // 2)
        has_deal = buyer & (deal_at < end)
        surge_from = np.maximum(active_from, deal_at - 45 * DAY)
        has_surge = buyer & (surge_from < end)

        emails = self.make_emails(rng, number, mail_kind, company, first_name, last_name)

        # -- event registrations (needed by forms) --
        reg = self.make_registrations(
            rng, n, created, intent, buyer, has_surge, surge_from, deal_at
        )
        # -- forms --
        forms = self.make_forms(
            rng,
            n,
            contact_id,
            emails,
            created,
            in_window,
            lead_source,
            intent,
            buyer,
            deal_at,
            reg,
        )
        # -- e-mail --
        email_rows, unsub_at = self.make_email_events(
            rng, n, contact_id, created, fit, intent, mail_kind, is_student
        )
        # -- web --
        web_rows, identity_rows = self.make_web(
            rng,
            n,
            contact_id,
            created,
            in_window,
            forms["first_form_at"],
            engagement,
            intent,
            is_student,
            has_surge,
            surge_from,
            deal_at,
        )
        # -- deals --
        deal_rows = self.make_deals(
            rng, contact_id, company, has_company, emp, fit, intent, deal_at, has_deal
        )

        # -- CRM contacts (after the activities: an unsubscribe sets email_opt_out) --
        opt_out = (rng.random(n) < 0.03) | (unsub_at < end)
        override = (rng.random(n) < 0.01) | (has_deal & (rng.random(n) < 0.15))
        override_at = uniform_between(rng, active_from, np.full(n, end))
        updated = uniform_between(rng, created, np.full(n, end))
        updated = np.maximum(updated, np.where(unsub_at < end, unsub_at + 60, 0))
        updated = np.maximum(updated, np.where(override, override_at, 0))
        updated = np.minimum(updated, end - 1)

        title_arr = null_where(take([t[0] for t in TITLES], title), no_title)
        contacts = {
            "contact_id": contact_id,
            "email": emails,
            "first_name": take(FIRST_NAMES, first_name),
            "last_name": take(LAST_NAMES, last_name),
            "job_title": title_arr,
            "department": null_where(take(DEPARTMENTS, dept), rng.random(n) < 0.08),
            "education_level": null_where(take(EDUCATION, edu), edu_null),
            "company_id": null_where(fmt_ids("co_", company + 1, self.w_company), ~has_company),
            "country": null_where(take([c[0] for c in COUNTRIES], country), rng.random(n) < 0.03),
            "lead_source": null_where(take(LEAD_SOURCES, lead_source), rng.random(n) < 0.04),
            "owner_id": null_where(
                take(OWNERS, rng.integers(0, len(OWNERS), n)), rng.random(n) < 0.25
            ),
            "budget_status": null_where(take(BUDGETS, budget), rng.random(n) < 0.1),
            "purchase_timeline": null_where(take(TIMELINES, timeline), rng.random(n) < 0.15),
            "has_existing_solution": null_where(fmt_bool(existing), rng.random(n) < 0.15),
            "email_opt_out": fmt_bool(opt_out),
            "lifecycle_stage_override": null_where(pa.array(["sql"] * n, STR), ~override),
            "lifecycle_stage_override_at": null_where(fmt_ts(override_at), ~override),
            "created_at": fmt_ts(created),
            "updated_at": fmt_ts(updated),
        }
        # older CRM versions of ~12% of the contacts: another title, budget and timeline unknown
        old = np.flatnonzero((rng.random(n) < 0.12) & (updated - created > 120))
        old_rows = take_rows(contacts, old)
        old_rows["job_title"] = take([t[0] for t in TITLES], rng.integers(0, len(TITLES), len(old)))
        old_rows["budget_status"] = take(BUDGETS, np.full(len(old), 3))
        old_rows["purchase_timeline"] = nulls(len(old))
        old_rows["email_opt_out"] = fmt_bool(np.zeros(len(old), dtype=bool))
        old_rows["lifecycle_stage_override"] = nulls(len(old))
        old_rows["lifecycle_stage_override_at"] = nulls(len(old))
        old_upd = created[old] + (rng.random(len(old)) * (updated[old] - created[old] - 60)).astype(
            np.int64
        )
        old_rows["updated_at"] = fmt_ts(old_upd)
        contacts = concat_tables(old_rows, contacts)

        def stale_version(rows, rng):
            rows = dict(rows)
            m = len(rows["contact_id"])
            final = pc.strptime(rows["updated_at"], format="%Y-%m-%d %H:%M:%S", unit="s")
            final = pc.cast(final, pa.int64()).to_numpy(zero_copy_only=False)
            rows["updated_at"] = fmt_ts(final - 60 - rng.integers(0, 30 * DAY, m))
            rows["job_title"] = take([t[0] for t in TITLES], rng.integers(0, len(TITLES), m))
            rows["budget_status"] = take(BUDGETS, np.full(m, 3))
            return rows

        kinds = {
            "missing contact_id": self.set_col("contact_id", lambda rng, m: None),
            **self.timestamp_defects("created_at"),
            **self.timestamp_defects("updated_at"),
            "stale CRM version (older updated_at)": stale_version,
            "duplicate CRM version (same row twice)": self.exact_copy,
        }
        writers["crm_contacts"].write(self.add_dirty("crm_contacts", contacts, rng, kinds))

        missing_contact = self.set_col("contact_id", self.missing_contact_ids)
        writers["crm_deals"].write(
            self.add_dirty(
                "crm_deals",
                deal_rows,
                rng,
                {
                    "missing deal_id": self.set_col("deal_id", lambda rng, m: None),
                    "unknown contact_id": missing_contact,
                    "null created_at": self.set_col("created_at", lambda rng, m: None),
                    "unparsable updated_at": self.set_col("updated_at", self.unparsable),
                    "updated_at years in the future": self.set_col("updated_at", self.future_ts),
                    "unknown deal_stage": self.set_col("deal_stage", self.unknown("crm_deals")),
                },
            )
        )
        writers["web_events"].write(
            self.add_dirty(
                "web_events",
                web_rows,
                rng,
                {
                    "missing event_id": self.set_col("event_id", lambda rng, m: None),
                    **self.timestamp_defects("occurred_at"),
                    "unknown event_type": self.set_col("event_type", self.unknown("web_events")),
                    "unknown contact_id": missing_contact,
                    "duplicate event_id": self.exact_copy,
                },
                new_ids=("event_id", "web", "web_", 10),
            )
        )
        writers["web_identities"].write(
            self.add_dirty(
                "web_identities",
                identity_rows,
                rng,
                {
                    "missing anonymous_id": self.set_col("anonymous_id", lambda rng, m: None),
                    "missing contact_id": self.set_col("contact_id", lambda rng, m: None),
                    "unknown contact_id": missing_contact,
                    **self.timestamp_defects("identified_at"),
                },
            )
        )
        writers["email_events"].write(
            self.add_dirty(
                "email_events",
                email_rows,
                rng,
                {
                    "missing event_id": self.set_col("event_id", lambda rng, m: None),
                    "unknown contact_id": missing_contact,
                    **self.timestamp_defects("occurred_at"),
                    "unknown event_type": self.set_col("event_type", self.unknown("email_events")),
                    "duplicate event_id": self.exact_copy,
                },
                new_ids=("event_id", "email", "em_", 10),
            )
        )

        def unknown_email(rows, rng):
            rows = dict(rows)
            m = len(rows["contact_id"])
            rows["contact_id"] = nulls(m)
            rows["email"] = concat(
                "nobody",
                fmt_int(rng.integers(0, 1_000_000, m)),
                "@unknown-domain.example",
            )
            return rows

        writers["form_submissions"].write(
            self.add_dirty(
                "form_submissions",
                forms["rows"],
                rng,
                {
                    "missing submission_id": self.set_col("submission_id", lambda rng, m: None),
                    "unknown contact_id": missing_contact,
                    "no contact_id and an e-mail of no contact": unknown_email,
                    **self.timestamp_defects("submitted_at"),
                    "unknown form_type": self.set_col(
                        "form_type", self.unknown("form_submissions")
                    ),
                },
                new_ids=("submission_id", "form", "fs_", 9),
            )
        )
        writers["event_attendance"].write(
            self.add_dirty(
                "event_attendance",
                reg["rows"],
                rng,
                {
                    "missing registration_id": self.set_col("registration_id", lambda rng, m: None),
                    "unknown contact_id": missing_contact,
                    **self.timestamp_defects("registered_at"),
                    "unparsable event_date": self.set_col("event_date", self.unparsable),
                    "unknown event_type": self.set_col(
                        "event_type", self.unknown("event_attendance")
                    ),
                    "duplicate registration_id": self.exact_copy,
                },
                new_ids=("registration_id", "reg", "reg_", 9),
            )
        )

    # ---- e-mail addresses --------------------------------------------------------------------
    def make_emails(self, rng, number, mail_kind, company, first_name, last_name) -> pa.Array:
        n = len(number)
        first = take([f.lower() for f in FIRST_NAMES], first_name)
        last = take([x.lower().replace("-", "") for x in LAST_NAMES], last_name)
        style = rng.integers(0, 3, n)  # first.last, flast, first
        initial = pc.utf8_slice_codeunits(first, 0, 1)
        local = pc.case_when(
            pc.make_struct(pa.array(style == 0), pa.array(style == 1)),
            concat(first, ".", last),
            concat(initial, last),
            first,
        )
        competitor = rng.integers(0, len(COMPETITORS), n)
        domain_key = np.where(mail_kind == 2, self.o.companies + competitor, company)
        key = (
            (domain_key * len(FIRST_NAMES) + first_name) * len(LAST_NAMES) + last_name
        ) * 3 + style
        corporate = mail_kind != 1
        dup = np.ones(n, dtype=bool)
        _, first_idx = np.unique(np.where(corporate, key, -1 - np.arange(n)), return_index=True)
        dup[first_idx] = False
        dup |= np.isin(key, self.seen_email_keys)
        unique_corporate = corporate & ~dup
        self.seen_email_keys = np.union1d(self.seen_email_keys, key[unique_corporate])
        # free mail, and the rare clash at a company: first.last plus the contact number
        numbered = concat(first, ".", last, fmt_int(number))
        local = replace_where(local, ~unique_corporate, numbered)
        free = take(FREE_MAIL, choice(rng, n, FREE_MAIL_P))
        domain = pc.if_else(
            pa.array(mail_kind == 1),
            free,
            pc.if_else(
                pa.array(mail_kind == 2),
                take(COMPETITORS, competitor),
                self.company_domain.take(pa.array(company)),
            ),
        )
        return concat(local, "@", domain)

    # ---- event registrations -----------------------------------------------------------------
    def make_registrations(
        self, rng, n, created, intent, buyer, has_surge, surge_from, deal_at
    ) -> dict:
        end = self.end
        lam = self.act * (0.08 + 0.35 * sigmoid(intent - 0.5)) + np.where(has_surge, 0.6, 0.0)
        count = rng.poisson(lam)
        who = np.repeat(np.arange(n), count)
        event = rng.integers(0, len(self.event_day), len(who))
        # buyers' registrations cluster in their surge: re-draw among events in the surge window
        day = self.event_day[event]
        registered = day + 9 * HOUR - rng.integers(HOUR, 21 * DAY, len(who))
        ok = (registered >= np.maximum(created[who], self.start)) & (registered < end) & (day < end)
        who, event, registered = who[ok], event[ok], registered[ok]
        # one registration per contact and event
        pair = who.astype(np.int64) * len(self.event_day) + event
        _, keep = np.unique(pair, return_index=True)
        keep = np.sort(keep)
        who, event, registered = who[keep], event[keep], registered[keep]
        m = len(who)
        etype = self.event_type[event]
        attended = rng.random(m) < np.clip(
            0.35 + 0.3 * sigmoid(intent[who]) + np.where(buyer[who], 0.15, 0.0), 0, 0.95
        )
        minutes = np.where(
            attended,
            np.maximum(1, np.round(EVENT_MINUTES[etype] * rng.uniform(0.15, 1.0, m))),
            0,
        )
        rows = {
            "registration_id": self.next_ids("reg", "reg_", m),
            "contact_id": self.contact_ids(who + 1 + self.chunk_first),
            "event_name": self.event_names.take(pa.array(event)),
            "event_type": take(EVENT_TYPES, etype),
            "event_date": fmt_date(self.event_day[event]),
            "registered_at": fmt_ts(registered),
            "attended": fmt_bool(attended),
            "minutes_attended": fmt_int(minutes),
        }
        return {"rows": rows, "who": who, "registered": registered}

    # ---- forms ---------------------------------------------------------------------------------
    def make_forms(
        self,
        rng,
        n,
        contact_id,
        emails,
        created,
        in_window,
        lead_source,
        intent,
        buyer,
        deal_at,
        reg,
    ) -> dict:
        start, end, act = self.start, self.end, self.act
        active_from = np.maximum(created, start)
        # the form that created the contact (most in-window contacts came in through a form)
        creating = in_window & (rng.random(n) < np.where(np.isin(lead_source, [4, 7]), 0.3, 0.7))
        c_who = np.flatnonzero(creating)
        c_type = choice(rng, len(c_who), [0.30, 0.42, 0.10, 0.18])
        c_type = np.where(buyer[c_who] & (rng.random(len(c_who)) < 0.3), 3, c_type)
        c_time = created[c_who]
        # more content downloads, a few sign-ups and contact requests later on
        d_count = rng.poisson(act * (0.1 + 0.5 * sigmoid(intent - 0.5)) + np.where(buyer, 0.4, 0.0))
        d_who = np.repeat(np.arange(n), d_count)
        d_type = np.where(
            rng.random(len(d_who)) < 0.85,
            1,
            np.where(rng.random(len(d_who)) < 0.5, 0, 2),
        )
        d_time = uniform_between(rng, active_from[d_who], np.full(len(d_who), end))
        # demo requests shortly before the deal (buyers), rarely otherwise
        demo = (buyer & (rng.random(n) < 0.55)) | (rng.random(n) < 0.02 * act * sigmoid(intent))
        demo_time = np.where(
            buyer,
            deal_at - rng.integers(DAY, 10 * DAY, n),
            uniform_between(rng, active_from, np.full(n, end)),
        )
        demo &= (demo_time >= active_from) & (demo_time < end)
        q_who = np.flatnonzero(demo)
        q_time = demo_time[q_who]
        # half of the event registrations also came through a web form
        via_form = rng.random(len(reg["who"])) < 0.5
        e_who = reg["who"][via_form]
        e_time = reg["registered"][via_form]

        who = np.concatenate([c_who, d_who, q_who, e_who])
        ftype = np.concatenate([c_type, d_type, np.full(len(q_who), 3), np.full(len(e_who), 4)])
        when = np.concatenate([c_time, d_time, q_time, e_time]).astype(np.int64)
        ok = when < end
        who, ftype, when = who[ok], ftype[ok], when[ok]
        m = len(who)
        first_form_at = np.full(n, np.iinfo(np.int64).max // 2)
        np.minimum.at(first_form_at, who, when)

        email = emails.take(pa.array(who))
        anonymous = rng.random(m) < 0.12
        recase = anonymous | (rng.random(m) < 0.05)
        upper = rng.random(m) < 0.5
        variant = pc.if_else(pa.array(upper), pc.utf8_upper(email), pc.utf8_title(email))
        email = replace_where(email, recase, variant)
        asset = rng.integers(0, len(ASSET_TITLES), m)
        page_choice = rng.integers(0, 3, m)
        pages = []
        for form in FORM_TYPES:
            options = FORM_PAGES[form]
            pages.append(np.array(options, dtype=object)[page_choice % len(options)])
        page = np.choose(ftype, pages) if m else np.array([], dtype=object)
        rows = {
            "submission_id": self.next_ids("form", "fs_", m),
            "contact_id": null_where(contact_id.take(pa.array(who)), anonymous),
            "email": email,
            "form_type": take(FORM_TYPES, ftype),
            "asset_name": null_where(take(ASSET_TITLES, asset), ftype != 1),
            "page_url": concat(SITE, pa.array(page, STR)),
            "submitted_at": fmt_ts(when),
        }
        return {"rows": rows, "first_form_at": first_form_at}

    # ---- e-mail events -----------------------------------------------------------------------
    def make_email_events(self, rng, n, contact_id, created, fit, intent, mail_kind, is_student):
        end = self.end
        k = len(self.campaign_send)
        reach = np.minimum(CAMPAIGN_REACH[self.campaign_type] * self.act, 0.95)
        prob = np.broadcast_to(reach, (n, k)).copy()
        sales = self.campaign_type == 3
        prob[:, sales] *= sigmoid(fit)[:, None] * 2
        prob[created[:, None] > self.campaign_send[None, :]] = 0.0
        prob[rng.random(n) < 0.03] = 0.0  # opted out before the window
        who, camp = np.nonzero(rng.random((n, k)) < prob)
        m = len(who)
        sent = self.campaign_send[camp] + rng.integers(0, 2 * HOUR, m)
        bounce = rng.random(m) < np.where(mail_kind[who] == 1, 0.01, 0.02)
        p_open = 0.12 + 0.3 * sigmoid(intent[who] + 0.3 * fit[who])
        opened = ~bounce & (rng.random(m) < p_open)
        open_at = sent + (rng.exponential(8 * HOUR, m)).astype(np.int64) + 60
        unsub = opened & (
            rng.random(m) < np.where(is_student[who] | (mail_kind[who] == 2), 0.04, 0.008)
        )
        unsub_at_pair = open_at + rng.integers(30, 600, m)
        unsub &= unsub_at_pair < end
        unsub_at = np.full(n, np.iinfo(np.int64).max // 2)
        np.minimum.at(unsub_at, who[unsub], unsub_at_pair[unsub])
        keep = sent <= unsub_at[who]  # no e-mail after an unsubscribe
        clicked = opened & (rng.random(m) < 0.12 + 0.25 * sigmoid(intent[who]))
        click_at = open_at + rng.integers(5, 900, m)
        replied = opened & (rng.random(m) < np.where(self.campaign_type[camp] == 3, 0.06, 0.005))
        reply_at = open_at + rng.integers(600, 2 * DAY, m)

        parts = [
            (np.ones(m, dtype=bool), sent, 0),
            (bounce, sent + 120, 4),
            (opened, open_at, 1),
            (clicked, click_at, 2),
            (replied, reply_at, 3),
            (unsub, unsub_at_pair, 5),
        ]
        sel = [np.flatnonzero(mask & keep & (when < end)) for mask, when, _ in parts]
        idx = np.concatenate(sel)
        when = np.concatenate([parts[i][1][s] for i, s in enumerate(sel)])
        etype = np.concatenate([np.full(len(s), parts[i][2]) for i, s in enumerate(sel)])
        order = np.lexsort((etype, when))  # in time order, as an EL tool would land them
        idx, when, etype = idx[order], when[order], etype[order]
        e = len(idx)
        camp_e = camp[idx]
        utm = concat(
            "?utm_source=newsletter&utm_medium=email&utm_campaign=",
            self.campaign_ids.take(pa.array(camp_e)),
        )
        target = take(
            [
                "/pricing",
                "/blog/how-to-score-leads",
                "/product/features",
                "/webinars",
                "/demo",
            ],
            rng.integers(0, 5, e),
        )
        url = null_where(concat(SITE, target, utm), etype != 2)
        rows = {
            "event_id": self.next_ids("email", "em_", e, 10),
            "contact_id": contact_id.take(pa.array(who[idx])),
            "campaign_id": self.campaign_ids.take(pa.array(camp_e)),
            "event_type": take(["sent", "open", "click", "reply", "bounce", "unsubscribe"], etype),
            "url": url,
            "occurred_at": fmt_ts(when),
        }
        return rows, unsub_at

    # ---- web -----------------------------------------------------------------------------------
    def make_web(
        self,
        rng,
        n,
        contact_id,
        created,
        in_window,
        first_form_at,
        engagement,
        intent,
        is_student,
        has_surge,
        surge_from,
        deal_at,
    ):
        start, end, act = self.start, self.end, self.act
        never = np.iinfo(np.int64).max // 2

        # devices: 1-3 per contact, then anonymous visitors, then bots
        n_dev = 1 + (rng.random(n) < 0.4) + (rng.random(n) < 0.1)
        dev_owner = np.repeat(np.arange(n), n_dev)
        dev_rank = np.arange(len(dev_owner)) - np.repeat(np.cumsum(n_dev) - n_dev, n_dev)
        n_cdev = len(dev_owner)
        n_anon = int(rng.poisson(0.5 * n * act))
        n_bot = max(len(BOT_AGENTS), int(rng.poisson(0.008 * n)))
        n_devices = n_cdev + n_anon + n_bot
        owner = np.concatenate([dev_owner, np.full(n_anon + n_bot, -1)])
        is_bot = np.r_[np.zeros(n_cdev + n_anon, dtype=bool), np.ones(n_bot, dtype=bool)]
        anon_hex = rng.integers(0, np.iinfo(np.int64).max, n_devices, dtype=np.int64)
        anonymous_id = pa.array(np.char.mod("%016x", anon_hex).astype(object), STR)
        agent = choice(rng, n_devices, BROWSER_P)
        agent[is_bot] = len(BROWSER_AGENTS) + np.arange(n_bot) % len(
            BOT_AGENTS
        )  # every bot, in turn

        # identification: the first device at the form that created the contact, others later
        active_from = np.maximum(created, start)
        ident_p = np.where(dev_rank == 0, 0.85, 0.45)
        identified = rng.random(n_cdev) < ident_p
        ident_at = uniform_between(rng, active_from[dev_owner], np.full(n_cdev, end))
        # contacts from before the window were mostly identified before it, too
        old_contact = created[dev_owner] < start
        early = old_contact & (dev_rank == 0) & (rng.random(n_cdev) < 0.7)
        ident_at = np.where(
            early,
            uniform_between(rng, created[dev_owner], np.full(n_cdev, start)),
            ident_at,
        )
        use_form = (dev_rank == 0) & (first_form_at[dev_owner] < end)
        ident_at = np.where(use_form, first_form_at[dev_owner], ident_at)
        identified &= ident_at < end
        ident_at = np.where(identified, ident_at, never)
        ident_at_all = np.r_[ident_at, np.full(n_anon + n_bot, never)]

        # sessions
        base = rng.poisson(act * 3.0 * engagement)
        surge = np.where(has_surge, rng.poisson(act * 4.0, n), 0)
        s_contact = np.r_[np.repeat(np.arange(n), base), np.repeat(np.arange(n), surge)]
        s_is_surge = np.r_[np.zeros(base.sum(), dtype=bool), np.ones(surge.sum(), dtype=bool)]
        web_from = np.maximum(start, created - 30 * DAY)
        lo = np.where(s_is_surge, surge_from[s_contact], web_from[s_contact])
        hi = np.where(s_is_surge, np.minimum(deal_at[s_contact], end), end)
        s_time = uniform_between(rng, lo, np.maximum(hi, lo + 1))
        dev_first = np.cumsum(n_dev) - n_dev
        s_device = dev_first[s_contact] + (rng.random(len(s_contact)) * n_dev[s_contact]).astype(
            np.int64
        )
        s_pages = 1 + rng.poisson(np.where(s_is_surge, 3.0, 1.5))
        s_hi = np.where(s_is_surge, 0.45, 0.03 + 0.15 * sigmoid(intent[s_contact] - 1.0))
        s_career = np.where(is_student[s_contact], 0.4, 0.02)
        # anonymous visitors: a session or two; bots: one long fast crawl
        a_sessions = 1 + rng.poisson(0.4, n_anon)
        a_device = np.repeat(np.arange(n_cdev, n_cdev + n_anon), a_sessions)
        b_device = np.arange(n_cdev + n_anon, n_devices)
        a_n, b_n = len(a_device), len(b_device)
        s_device = np.r_[s_device, a_device, b_device]
        s_time = np.r_[
            s_time,
            uniform_between(rng, np.full(a_n + b_n, start), np.full(a_n + b_n, end)),
        ]
        s_pages = np.r_[s_pages, 1 + rng.poisson(1.0, a_n), 10 + rng.poisson(30 * act, b_n)]
        s_hi = np.r_[s_hi, np.full(a_n, 0.03), np.full(b_n, 0.1)]
        s_career = np.r_[s_career, np.full(a_n, 0.05), np.full(b_n, 0.1)]
        s_gap = np.r_[np.full(len(s_contact) + a_n, 90.0), np.full(b_n, 4.0)]
        s_surge = np.r_[s_is_surge, np.zeros(a_n + b_n, dtype=bool)]
        n_sessions = len(s_device)
        s_utm = np.where(
            rng.random(n_sessions) < UTM_SESSION_SHARE, choice(rng, n_sessions, UTM_P), -1
        )
        s_utm[is_bot[s_device]] = -1

        # events
        ev_session = np.repeat(np.arange(n_sessions), s_pages)
        e = len(ev_session)
        when = s_time[ev_session] + segment_offsets(rng, s_pages, s_gap)
        when = np.minimum(when, end - 1)
        device = s_device[ev_session]
        etype = choice(rng, e, WEB_EVENT_P)
        etype = np.where(is_bot[device], np.where(rng.random(e) < 0.9, 0, 3), etype)
        hi_page = rng.random(e) < s_hi[ev_session]
        career = ~hi_page & (rng.random(e) < s_career[ev_session])
        page = np.where(
            hi_page,
            choice(rng, e, HIGH_INTENT_P),
            np.where(
                career,
                len(HIGH_INTENT_PAGES) + rng.integers(0, len(CAREER_PAGES), e),
                len(HIGH_INTENT_PAGES) + len(CAREER_PAGES) + choice(rng, e, LOW_INTENT_P),
            ),
        )
        all_pages = HIGH_INTENT_PAGES + CAREER_PAGES + LOW_INTENT_PAGES
        path = take(all_pages, page)
        # URL noise: mixed case, trailing slash, query string, fragment, host variants
        mixed = rng.random(e) < 0.03
        path = replace_where(path, mixed, pc.utf8_title(path))
        slash = (rng.random(e) < 0.05) & (page != len(HIGH_INTENT_PAGES) + len(CAREER_PAGES))
        path = replace_where(path, slash, concat(path, "/"))
        # UTM tags: on the landing event of a tagged session only (as a tracker records them
        # from the landing URL), so most events carry none
        first_in_session = (
            np.r_[True, ev_session[1:] != ev_session[:-1]] if e else np.zeros(0, dtype=bool)
        )
        utm_idx = s_utm[ev_session]
        has_utm = (utm_idx >= 0) & first_in_session
        u = np.maximum(utm_idx, 0)
        utm_source = null_where(take([x[0] for x in UTMS], u), ~has_utm)
        utm_medium = null_where(take([x[1] for x in UTMS], u), ~has_utm)
        utm_campaign = null_where(take([x[2] for x in UTMS], u), ~has_utm)
        query_utm = has_utm & (rng.random(e) < 0.8)
        query = pc.fill_null(
            concat(
                "?utm_source=",
                pc.fill_null(utm_source, ""),
                "&utm_medium=",
                utm_medium,
                "&utm_campaign=",
                utm_campaign,
            ),
            "",
        )
        other_query = take(
            ["", "?ref=nav", "?plan=pro", "?lang=en"],
            np.where(rng.random(e) < 0.06, rng.integers(1, 4, e), 0),
        )
        query = pc.if_else(pa.array(query_utm), query, other_query)
        utm_mixed = pa.array(rng.random(e) < UTM_MIXED_CASE_SHARE)
        utm_source = pc.if_else(utm_mixed, pc.utf8_title(utm_source), utm_source)
        utm_medium = pc.if_else(utm_mixed, pc.utf8_upper(utm_medium), utm_medium)
        fragment = take(
            ["", "#top", "#faq", "#pricing-table"],
            np.where(rng.random(e) < 0.03, rng.integers(1, 4, e), 0),
        )
        host = take(
            [SITE, "https://example-saas.com", "HTTPS://WWW.Example-SaaS.com"],
            choice(rng, e, [0.96, 0.03, 0.01]),
        )
        page_url = concat(host, path, query, fragment)
        # videos and downloads
        is_video = etype == 2
        video_page = take(VIDEO_PAGES, rng.integers(0, len(VIDEO_PAGES), e))
        page_url = replace_where(page_url, is_video, concat(SITE, video_page))
        pct_p = np.where(s_surge[ev_session][:, None], [0.2, 0.2, 0.2, 0.4], [0.4, 0.25, 0.15, 0.2])
        pct = (rng.random(e)[:, None] > np.cumsum(pct_p, axis=1)).sum(axis=1)
        video_percent = null_where(take(["25", "50", "75", "100"], np.minimum(pct, 3)), ~is_video)
        is_file = etype == 3
        asset_url = concat(
            SITE, "/assets/", take(ASSET_FILES, rng.integers(0, len(ASSET_FILES), e))
        )
        page_url = replace_where(page_url, is_file, asset_url)

        # contact_id only once the device is identified (and not always then)
        ev_owner = owner[device]
        known = (ev_owner >= 0) & (when >= ident_at_all[device]) & (rng.random(e) < 0.9)
        ev_contact = null_where(contact_id.take(pa.array(np.maximum(ev_owner, 0))), ~known)
        order = np.argsort(when, kind="stable")
        web = {
            "event_id": self.next_ids("web", "web_", e, 10),
            "anonymous_id": anonymous_id.take(pa.array(device[order])),
            "contact_id": ev_contact.take(pa.array(order)),
            "event_type": take(WEB_EVENT_TYPES, etype[order]),
            "page_url": page_url.take(pa.array(order)),
            "video_percent": video_percent.take(pa.array(order)),
            "user_agent": take(BROWSER_AGENTS + BOT_AGENTS, agent[device[order]]),
            "utm_source": utm_source.take(pa.array(order)),
            "utm_medium": utm_medium.take(pa.array(order)),
            "utm_campaign": utm_campaign.take(pa.array(order)),
            "occurred_at": fmt_ts(when[order]),
        }

        # identities; ~1% of identified devices are later identified as a second contact
        ided = np.flatnonzero(identified)
        twice = ided[rng.random(len(ided)) < 0.01]
        other = (dev_owner[twice] + rng.integers(1, max(n, 2), len(twice))) % n
        second_at = uniform_between(rng, ident_at[twice] + 60, np.full(len(twice), end))
        keep = (second_at < end) & (other != dev_owner[twice])
        twice, other, second_at = twice[keep], other[keep], second_at[keep]
        id_dev = np.r_[ided, twice]
        id_contact = np.r_[dev_owner[ided], other]
        id_at = np.r_[ident_at[ided], second_at]
        order = np.argsort(id_at, kind="stable")
        identities = {
            "anonymous_id": anonymous_id.take(pa.array(id_dev[order])),
            "contact_id": contact_id.take(pa.array(id_contact[order])),
            "identified_at": fmt_ts(id_at[order]),
        }
        return web, identities

    # ---- deals -------------------------------------------------------------------------------
    def make_deals(
        self, rng, contact_id, company, has_company, emp, fit, intent, deal_at, has_deal
    ):
        end = self.end
        who = np.flatnonzero(has_deal)
        m = len(who)
        created = deal_at[who]
        closed = created + (rng.gamma(2.0, 15.0, m) * DAY).astype(np.int64) + DAY
        is_closed = closed < end
        won = rng.random(m) < sigmoid(-1.0 + 0.7 * fit[who] + 0.5 * intent[who])
        stage = np.where(is_closed, np.where(won, 1, 2), 0)
        amount = np.round(rng.lognormal(np.log(6000) + 0.3 * np.log1p(emp[who]), 0.5), -2).astype(
            np.int64
        )
        ids = self.next_ids("deal", "deal_", m, 8)
        company_id = null_where(fmt_ids("co_", company[who] + 1, self.w_company), ~has_company[who])
        final_updated = np.where(is_closed, closed, uniform_between(rng, created, np.full(m, end)))
        final = {
            "deal_id": ids,
            "contact_id": contact_id.take(pa.array(who)),
            "company_id": company_id,
            "deal_stage": take(DEAL_STAGES, stage),
            "amount": fmt_int(amount),
            "created_at": fmt_ts(created),
            "closed_at": null_where(fmt_ts(closed), ~is_closed),
            "updated_at": fmt_ts(final_updated),
        }
        # the first version of every deal that changed later: open, amount still a guess
        changed = np.flatnonzero(final_updated > created)
        first = take_rows(final, changed)
        first["deal_stage"] = take(DEAL_STAGES, np.zeros(len(changed), dtype=np.int64))
        first["amount"] = fmt_int(
            np.round(amount[changed] * rng.uniform(0.6, 1.4, len(changed)), -2)
        )
        first["closed_at"] = nulls(len(changed))
        first["updated_at"] = fmt_ts(created[changed])
        return concat_tables(first, final)

    # ---- run ---------------------------------------------------------------------------------
    def run(self) -> dict[str, int]:
        out = self.o.out
        out.mkdir(parents=True, exist_ok=True)
        other_fmt = "parquet" if self.o.fmt == "csv" else "csv"
        for table in RAW_TABLES:
            stale = out / f"{table}.{other_fmt}"
            if stale.exists():
                log.warning(
                    "removing %s (a %s file of the same table would confuse the loader)",
                    stale,
                    other_fmt,
                )
                stale.unlink()
        writers = {t: TableWriter(out, t, self.columns[t], self.o.fmt) for t in RAW_TABLES}
        try:
            self.make_companies(writers["crm_companies"])
            self.make_campaigns(writers["email_campaigns"])
            self.make_event_catalogue()
            chunks = range(0, self.o.contacts, CHUNK_CONTACTS)
            bar = None
            if self.o.contacts > PROGRESS_BAR_MIN_CONTACTS:
                from tqdm import tqdm

                bar = tqdm(total=self.o.contacts, unit="contacts", desc="generating")
            for chunk, first in enumerate(chunks):
                n = min(CHUNK_CONTACTS, self.o.contacts - first)
                self.chunk_first = first
                self.make_chunk(chunk, first, n, writers)
                if bar is not None:
                    bar.update(n)
            if bar is not None:
                bar.close()
        except BaseException:
            for w in writers.values():
                w._writer.close()
                w.tmp_path.unlink(missing_ok=True)
            raise
        for w in writers.values():
            w.close()
        return {t: w.rows for t, w in writers.items()}


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------
def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="generate_data.py",
        description=(
            "Generate realistic synthetic raw data (the 9 raw tables of SPEC §1) with a fixed seed."
        ),
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/demo"),
        help="output folder (default: data/demo)",
    )
    parser.add_argument(
        "--contacts", type=int, default=2000, help="number of contacts (default: 2000)"
    )
    parser.add_argument(
        "--companies",
        type=int,
        default=None,
        help="number of companies (default: contacts/8)",
    )
    parser.add_argument(
        "--days",
        type=int,
        default=180,
        help="days of history up to --as-of (default: 180)",
    )
    parser.add_argument(
        "--activity-level",
        type=float,
        default=1.0,
        help="multiplier of activities per contact (default: 1.0)",
    )
    parser.add_argument(
        "--dirty-share",
        type=float,
        default=0.02,
        help="share of dirty rows added to every table (default: 0.02; 0 = none)",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default: 42)")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        default=None,
        help="last day of history, YYYY-MM-DD (default: today, UTC); no clean timestamp is later",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=("csv", "parquet"),
        default="csv",
        help="file format (default: csv)",
    )
    parser.add_argument(
        "--load",
        action="store_true",
        help="after writing, load the files into the raw schema of the target "
        "(as scripts/load_raw.py OUT --target TARGET does)",
    )
    parser.add_argument(
        "--target",
        choices=TARGETS,
        default=None,
        help="warehouse target to load into (implies --load; default: $LEAD_SCORING_TARGET or "
        "duckdb); postgres reads PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    return parser


def load_generated(out: Path, target: str) -> int:
    """Load the written files with the loader of scripts/load_raw.py; return an exit code."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from load_raw import LoadError, load_folder

    try:
        load_folder(out, target)
    except (LoadError, UnsupportedTargetError) as exc:
        log.error("%s", exc)
        return 1
    return 0


def options_from_args(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Options:
    if args.contacts < 1:
        parser.error("--contacts must be at least 1")
    companies = args.companies if args.companies is not None else max(1, args.contacts // 8)
    if companies < 1:
        parser.error("--companies must be at least 1")
    if args.days < 1:
        parser.error("--days must be at least 1")
    if not (args.activity_level > 0 and math.isfinite(args.activity_level)):
        parser.error("--activity-level must be a positive number")
    if not 0 <= args.dirty_share < 0.5:
        parser.error("--dirty-share must be in [0, 0.5)")
    as_of = args.as_of or dt.datetime.now(dt.UTC).date()
    return Options(
        out=args.out,
        contacts=args.contacts,
        companies=companies,
        days=args.days,
        activity_level=args.activity_level,
        dirty_share=args.dirty_share,
        seed=args.seed,
        as_of=as_of,
        fmt=args.fmt,
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(verbose=args.verbose, quiet=args.quiet)
    opts = options_from_args(args, parser)
    schema = load_raw_schema()
    columns = {t: [c for c, _ in schema[t]] for t in RAW_TABLES}
    log.info(
        "generating %d contacts, %d companies, %d days up to %s"
        " (seed %d, activity %.2f, dirty share %.3f) into %s as %s",
        opts.contacts,
        opts.companies,
        opts.days,
        opts.as_of,
        opts.seed,
        opts.activity_level,
        opts.dirty_share,
        opts.out,
        opts.fmt,
    )
    generator = Generator(opts, columns)
    rows = generator.run()
    width = max(len(t) for t in rows)
    lines = []
    for table, count in rows.items():
        dirty = generator.dirty_counts[table]
        detail = f"  ({sum(dirty.values()):,d} dirty)" if dirty else ""
        lines.append(f"  {table:<{width}}  {count:>12,d}{detail}")
    log.info("wrote %s (table -> rows):\n%s", opts.out, "\n".join(lines))
    for table, dirty in generator.dirty_counts.items():
        for kind, count in sorted(dirty.items()):
            log.debug("dirty %s: %s x%d", table, kind, count)
    if args.load or args.target:
        return load_generated(opts.out, args.target or default_target())
    return 0


if __name__ == "__main__":
    sys.exit(main())
