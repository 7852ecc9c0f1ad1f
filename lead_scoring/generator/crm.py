"""CRM source: companies (with older versions) and the contacts' e-mail addresses."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lead_scoring.generator.arrays import (
    choice,
    concat,
    concat_tables,
    fmt_ids,
    fmt_int,
    fmt_ts,
    null_where,
    replace_where,
    take,
    take_rows,
    uniform_between,
)
from lead_scoring.generator.vocabulary import (
    COMPANY_CORES,
    COMPANY_PREFIXES,
    COMPETITORS,
    COUNTRIES,
    DAY,
    FIRST_NAMES,
    FREE_MAIL,
    FREE_MAIL_P,
    INDUSTRIES,
    LAST_NAMES,
)
from lead_scoring.generator.writers import TableWriter


class CrmTables:
    """Methods of the generator for crm_companies and the e-mail column of crm_contacts."""

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
