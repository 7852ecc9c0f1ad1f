"""The generator: options, shared state, one chunk of contacts at a time, and the run."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lead_scoring.generator.arrays import (
    STR,
    choice,
    concat,
    concat_tables,
    fmt_bool,
    fmt_ids,
    fmt_int,
    fmt_ts,
    null_where,
    nulls,
    sigmoid,
    take,
    take_rows,
    uniform_between,
)
from lead_scoring.generator.crm import CrmTables
from lead_scoring.generator.deals import DealTables
from lead_scoring.generator.dirty import DirtyRows
from lead_scoring.generator.emails import EmailTables
from lead_scoring.generator.events import EventTables
from lead_scoring.generator.forms import FormTables
from lead_scoring.generator.vocabulary import (
    BUDGET_FIT,
    BUDGET_P,
    BUDGETS,
    COUNTRIES,
    DAY,
    DEPARTMENT_FIT,
    DEPARTMENTS,
    EDUCATION,
    FIRST_NAMES,
    HOUR,
    INDUSTRIES,
    LAST_NAMES,
    LEAD_SOURCE_FIT,
    LEAD_SOURCE_P,
    LEAD_SOURCES,
    OWNERS,
    SENIORITY_FIT,
    TIMELINE_FIT,
    TIMELINE_P,
    TIMELINES,
    TITLES,
)
from lead_scoring.generator.web import WebTables
from lead_scoring.generator.writers import TableWriter
from lead_scoring.raw_schema import RAW_TABLES

log = logging.getLogger("generate_data")


# Contacts per chunk. Fixed (not an option) so that output never depends on memory settings.
CHUNK_CONTACTS = 20_000
PROGRESS_BAR_MIN_CONTACTS = 50_000


@dataclass(frozen=True)
class Options:
    """The command-line options of one run (see ``cli.build_parser`` for their meaning)."""

    out: Path
    contacts: int
    companies: int
    days: int
    activity_level: float
    dirty_share: float
    seed: int
    as_of: dt.date
    fmt: str


class Generator(DirtyRows, CrmTables, EmailTables, EventTables, FormTables, WebTables, DealTables):
    """The synthetic raw data of one seed and option set; ``run()`` writes every table.

    The tables of each source are made by the methods of its module (crm, emails, events,
    forms, web, deals); this class holds the state they share and the chunk of contacts that
    ties them together.
    """

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
