"""Events source: the event catalogue and the registrations with attendance."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from lead_scoring.generator.arrays import (
    STR,
    choice,
    fmt_bool,
    fmt_date,
    fmt_int,
    fmt_ts,
    sigmoid,
    take,
)
from lead_scoring.generator.vocabulary import (
    DAY,
    EVENT_MINUTES,
    EVENT_TOPICS,
    EVENT_TYPE_P,
    EVENT_TYPES,
    HOUR,
)


class EventTables:
    """Methods of the generator for event_attendance."""

    # ---- event catalogue -------------------------------------------------------------------
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
