"""E-mail source: campaigns and the sent/open/click/reply/bounce/unsubscribe events."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from lead_scoring.generator.arrays import (
    STR,
    choice,
    concat,
    fmt_date,
    fmt_ids,
    fmt_ts,
    null_where,
    sigmoid,
    take,
    uniform_between,
)
from lead_scoring.generator.vocabulary import (
    CAMPAIGN_NAMES,
    CAMPAIGN_REACH,
    CAMPAIGN_TYPE_P,
    CAMPAIGN_TYPES,
    DAY,
    HOUR,
    SITE,
)
from lead_scoring.generator.writers import TableWriter


class EmailTables:
    """Methods of the generator for email_campaigns and email_events."""

    # ---- campaigns -----------------------------------------------------------------------
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
