"""CRM deals: who gets one follows the hidden propensity (fit and interest); won or lost."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from lead_scoring.generator.arrays import (
    concat_tables,
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
from lead_scoring.generator.vocabulary import DAY, DEAL_STAGES


class DealTables:
    """Methods of the generator for crm_deals."""

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
