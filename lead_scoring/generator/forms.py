"""Forms source: form submissions of every type."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lead_scoring.generator.arrays import (
    STR,
    choice,
    concat,
    fmt_ts,
    null_where,
    replace_where,
    sigmoid,
    take,
    uniform_between,
)
from lead_scoring.generator.vocabulary import ASSET_TITLES, DAY, FORM_PAGES, FORM_TYPES, SITE


class FormTables:
    """Methods of the generator for form_submissions."""

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
