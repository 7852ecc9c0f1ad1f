"""Web source: sessions of page views, clicks, videos and downloads, and the identities."""

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
    segment_offsets,
    sigmoid,
    take,
    uniform_between,
)
from lead_scoring.generator.vocabulary import (
    ASSET_FILES,
    BOT_AGENTS,
    BROWSER_AGENTS,
    BROWSER_P,
    CAREER_PAGES,
    DAY,
    HIGH_INTENT_P,
    HIGH_INTENT_PAGES,
    LOW_INTENT_P,
    LOW_INTENT_PAGES,
    SITE,
    UTM_MIXED_CASE_SHARE,
    UTM_P,
    UTM_SESSION_SHARE,
    UTMS,
    VIDEO_PAGES,
    WEB_EVENT_P,
    WEB_EVENT_TYPES,
)


class WebTables:
    """Methods of the generator for web_events and web_identities."""

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
