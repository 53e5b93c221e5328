"""Generator stages 3 and 5: web sessions and pageviews of lead visitors
(first touch, conversion, pricing visits, blog bursts, return visits, second
devices, shared computers), then anonymous visitors per channel and month,
enough to hit each channel's target visitor->MQL rate."""

from __future__ import annotations

from mqlfunnel.devtools.generator.sql import Runner


# session modes -> (utm_source, utm_medium, referrer_host, channel)
_MODE_SQL = """
    CASE mode WHEN 'home' THEN h_src WHEN 'nl' THEN 'newsletter' ELSE NULL END AS utm_source,
    CASE mode WHEN 'home' THEN h_med WHEN 'nl' THEN 'email' ELSE NULL END AS utm_medium,
    CASE mode WHEN 'home' THEN h_camp WHEN 'nl' THEN 'nl-' || $MK[month_of(start) + 1] ELSE NULL END AS utm_campaign,
    CASE mode WHEN 'home' THEN h_ref WHEN 'organic' THEN 'www.google.com' ELSE NULL END AS referrer_host,
    CASE mode WHEN 'home' THEN h_chan WHEN 'nl' THEN 'email' WHEN 'organic' THEN 'organic_search' ELSE 'direct' END AS s_chan
"""


def lead_sessions(r: Runner) -> None:
    """g_lsess (the sessions of lead visitors) and g_lpv (their pageviews, identified after
    conversion)."""
    # one row per session: visitor number, owning lead, start second, mode, landing
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_lsess AS
    WITH l AS (
        SELECT n, channel, created, t0, origin, has_vis, blog_landing, e_blog, c_form,
               o_src, o_med, o_ref, o_camp,
               coalesce(created - 120 - t0, 0) AS pre
        FROM g_leads WHERE has_vis
    ), s AS (
        -- (a) first touch (web leads)
        SELECT n, n AS vis, 0 AS sess, t0 AS start, 'home' AS mode, 'first' AS kind,
               1 + floor(pow(rnd(n, 70), 1.5) * 4)::INTEGER AS npages
        FROM l WHERE origin <> 'conference'
        UNION ALL
        -- (b) anonymous sessions between first touch and conversion
        SELECT n, n, 1 + k.range, t0 + 600 + floor(rnd(n * 4 + k.range, 71) * (pre - 1200))::BIGINT,
               CASE WHEN rnd(n * 4 + k.range, 72) < 0.4 THEN 'home'
                    WHEN rnd(n * 4 + k.range, 72) < 0.8 THEN 'direct' ELSE 'organic' END,
               'pre', 1 + floor(rnd(n * 4 + k.range, 73) * 3)::INTEGER
        FROM l CROSS JOIN range(2) k
        WHERE origin <> 'conference' AND pre > 7200 AND k.range < floor(rnd(n, 74) * 3)
        UNION ALL
        -- (c) conversion session: form page, then identified thank-you page
        SELECT n, n, 3, created - 60,
               CASE WHEN pre > 86400 AND rnd(n, 75) < 0.35 THEN 'home' ELSE 'internal' END,
               'conv', 2
        FROM l WHERE origin <> 'conference'
        UNION ALL
        -- (c') conference leads: first visit from the follow-up e-mail, identified
        SELECT n, n, 3, created + 3600 + floor(rnd(n, 76) * 3 * 86400)::BIGINT, 'nl', 'confclick',
               1 + floor(rnd(n, 77) * 3)::INTEGER
        FROM l WHERE origin = 'conference' AND created + 3600 + 3 * 86400 < $SPAN
        UNION ALL
        -- (d) pricing visit
        SELECT g.n, g.n, 4, g.sec,
               CASE WHEN g.sec < l.created THEN (CASE WHEN rnd(g.n, 78) < 0.5 THEN 'home' ELSE 'direct' END)
                    WHEN rnd(g.n, 78) < 0.5 THEN 'direct' WHEN rnd(g.n, 78) < 0.7 THEN 'nl'
                    WHEN rnd(g.n, 78) < 0.85 THEN 'organic' ELSE 'home' END,
               'pricing', 1 + floor(rnd(g.n, 79) * 3)::INTEGER
        FROM g_sig g JOIN l USING (n) WHERE g.kind = 'pricing'
        UNION ALL
        -- (e) blog burst: three blog sessions within a few days
        SELECT g.n, g.n, 5 + right(g.kind, 1)::INTEGER, g.sec,
               CASE WHEN rnd(g.n * 4 + right(g.kind, 1)::INTEGER, 80) < 0.5 THEN 'organic'
                    WHEN rnd(g.n * 4 + right(g.kind, 1)::INTEGER, 80) < 0.75 THEN 'direct'
                    WHEN g.sec >= l.created THEN 'nl' ELSE 'home' END,
               'blog', 1 + floor(rnd(g.n * 4 + right(g.kind, 1)::INTEGER, 81) * 2)::INTEGER
        FROM g_sig g JOIN l USING (n) WHERE g.kind LIKE 'blog%'
        UNION ALL
        -- (f) a single stray blog visit (never more than two blog views without a burst)
        SELECT n, n, 8, created + 600 + floor(rnd(n, 82) * greatest($SPAN - created - 1200, 0))::BIGINT,
               CASE WHEN rnd(n, 83) < 0.6 THEN 'organic' ELSE 'direct' END, 'blog', 1
        FROM l WHERE NOT e_blog AND rnd(n, 84) < 0.35 AND created + 1200 < $SPAN
        UNION ALL
        -- (g) return visits after conversion
        SELECT n, n, 9 + k.range, created + 600 + floor(rnd(n * 4 + k.range, 85) * greatest($SPAN - created - 1200, 0))::BIGINT,
               CASE WHEN rnd(n * 4 + k.range, 86) < 0.55 THEN 'direct'
                    WHEN rnd(n * 4 + k.range, 86) < 0.75 THEN 'nl'
                    WHEN rnd(n * 4 + k.range, 86) < 0.9 THEN 'organic' ELSE 'home' END,
               'return', 1 + floor(pow(rnd(n * 4 + k.range, 87), 1.3) * 4)::INTEGER
        FROM l CROSS JOIN range(3) k
        WHERE created + 1200 < $SPAN AND k.range < floor(pow(rnd(n, 88), 1.2) * 4)
        UNION ALL
        -- (h) second device, identified (logged-in app user, e-mail click on phone)
        SELECT n, $N + n, k.range, created + 600 + floor(rnd(n * 4 + k.range, 89) * greatest($SPAN - created - 1200, 0))::BIGINT,
               CASE WHEN rnd(n * 4 + k.range, 90) < 0.6 THEN 'direct' ELSE 'nl' END,
               'device2', 1 + floor(rnd(n * 4 + k.range, 91) * 3)::INTEGER
        FROM l CROSS JOIN range(2) k
        WHERE origin <> 'conference' AND rnd(n, 92) < 0.12 AND created + 1200 < $SPAN
          AND k.range <= floor(rnd(n, 93) * 2)
    )
    SELECT s.*, l.channel AS h_chan, l.o_src AS h_src, l.o_med AS h_med, l.o_ref AS h_ref,
           l.o_camp AS h_camp, l.created, l.c_form, l.blog_landing
    FROM s JOIN l USING (n);

    -- (i) shared computer: a later lead identifies on the previous lead's visitor
    INSERT INTO g_lsess
    SELECT b.n, a.n AS vis, 13, $SPAN - 3600 - floor(rnd(b.n, 94) * 86400)::BIGINT, 'direct', 'shared', 1,
           b.channel, b.o_src, b.o_med, b.o_ref, b.o_camp, b.created, b.c_form, FALSE
    FROM g_leads b JOIN g_leads a ON a.n = b.n - 1
    WHERE rnd(b.n, 95) < 0.002 AND a.has_vis AND a.origin <> 'conference'
      AND greatest(a.created, b.created) < $SPAN - 3 * 86400;
    """)
    # pageviews of lead visitors (internal form: ints and seconds)
    r.sql(f"""
    CREATE OR REPLACE TEMP TABLE g_lpv AS
    WITH s AS (
        SELECT s.*, {_MODE_SQL}, lp.lead_pages
        FROM g_lsess s JOIN g_landing lp ON lp.channel = s.h_chan
    ), p AS (
        SELECT s.*, unnest(range(s.npages)) AS p FROM s
    ), q AS (
        SELECT vis, n, sess, p, kind, start, created,
               sess * 16 + p AS seq,
               start + CASE WHEN kind = 'conv' AND p = 1 THEN 65
                            ELSE p * 75 + floor(rnd(vis * 256 + sess * 16 + p, 96) * 60)::BIGINT END AS sec,
               CASE WHEN p = 0 THEN
                        CASE kind
                          WHEN 'pricing' THEN pick($PRICING, rnd(vis * 16 + sess, 97))
                          WHEN 'blog' THEN pick($BLOG, rnd(vis * 16 + sess, 97))
                          WHEN 'conv' THEN CASE c_form
                               WHEN 'demo_request' THEN '/demo'
                               WHEN 'case_study' THEN '/customers/northwind-case-study'
                               WHEN 'webinar_registration' THEN '/webinars/lead-scoring-masterclass'
                               WHEN 'newsletter_signup' THEN '/newsletter'
                               WHEN 'contact_us' THEN '/contact'
                               ELSE pick($CONTENT, rnd(n, 98)) END
                          WHEN 'first' THEN CASE WHEN blog_landing THEN pick($BLOG, rnd(n, 99))
                                                 ELSE pick(lead_pages, rnd(n, 99)) END
                          WHEN 'confclick' THEN pick($CONTENT, rnd(n, 98))
                          ELSE pick(lead_pages, rnd(vis * 16 + sess, 97)) END
                    WHEN kind = 'conv' AND p = 1 THEN CASE c_form
                               WHEN 'demo_request' THEN '/demo/thank-you'
                               WHEN 'webinar_registration' THEN '/webinars/thank-you'
                               WHEN 'newsletter_signup' THEN '/newsletter/thank-you'
                               WHEN 'contact_us' THEN '/contact/thank-you'
                               ELSE '/resources/thank-you' END
                    ELSE pick($NEUTRAL, rnd(vis * 256 + sess * 16 + p, 100)) END AS path,
               CASE WHEN p = 0 THEN utm_source END AS utm_source,
               CASE WHEN p = 0 THEN utm_medium END AS utm_medium,
               CASE WHEN p = 0 THEN utm_campaign END AS utm_campaign,
               CASE WHEN p = 0 THEN referrer_host END AS referrer_host,
               CASE WHEN p = 0 THEN s_chan ELSE 'direct' END AS chan
        FROM p
    )
    SELECT vis, seq, sec, path, utm_source, utm_medium, utm_campaign, referrer_host, chan,
           CASE WHEN sec >= created
                 AND (kind IN ('conv', 'confclick', 'device2', 'shared') OR rnd(vis * 256 + seq, 101) < 0.9)
                THEN n END AS lead_n
    FROM q WHERE sec < $SPAN;
    """)


def anonymous_traffic(r: Runner) -> None:
    """g_avis and g_apv: anonymous visitors and their pageviews, per channel and month, sized by
    the MQLs of g_score."""
    r.sql(f"""
    CREATE OR REPLACE TEMP TABLE g_fill AS
    WITH mq AS (
        SELECT l.channel, s.mql_mi AS mi, count(*) AS mqls
        FROM g_score s JOIN g_leads l USING (n) WHERE s.mql_sec IS NOT NULL GROUP BY ALL
    ), lvm AS (
        SELECT chan AS channel, mi, count(*) AS vm FROM (
            SELECT vis, month_of(sec) AS mi, arg_min(chan, (sec, seq)) AS chan
            FROM g_lpv GROUP BY ALL) GROUP BY ALL
    ), f AS (
        SELECT c.channel, c.ch_idx, cal.mi, cal.m_start, cal.m_end,
               greatest(0, round(coalesce(mq.mqls, 0) / c.v2m * (0.9 + 0.2 * rnd(c.ch_idx * 1000 + cal.mi, 110)))
                           - coalesce(lvm.vm, 0))::BIGINT AS anon
        FROM g_channels c CROSS JOIN g_cal cal
        LEFT JOIN mq ON mq.channel = c.channel AND mq.mi = cal.mi
        LEFT JOIN lvm ON lvm.channel = c.channel AND lvm.mi = cal.mi
    )
    SELECT f.*, sum(anon) OVER (ORDER BY ch_idx, mi) - anon AS offs FROM f;

    CREATE OR REPLACE TEMP TABLE g_avis AS
    SELECT vis, channel, m_start, m_end,
           m_start + floor(rnd(vis, 111) * (least(m_end, $SPAN) - m_start - 600))::BIGINT AS first_sec
    FROM (SELECT 2 * $N + 1 + f.offs + unnest(range(f.anon)) AS vis, f.channel, f.m_start, f.m_end FROM g_fill f);

    CREATE OR REPLACE TEMP TABLE g_apv AS
    WITH v AS (
        SELECT a.*, vs.vid FROM g_avis a
        JOIN g_var_slots vs ON vs.channel = a.channel AND vs.slot = floor(rnd(a.vis, 112) * 1000)::INTEGER
    ), s AS (
        SELECT v.vis, v.channel, k.range AS sess,
               CASE WHEN k.range = 0 THEN v.first_sec
                    ELSE v.first_sec + 60 + floor(rnd(v.vis * 4 + k.range, 113) * greatest(least(v.m_end, $SPAN) - v.first_sec - 900, 0))::BIGINT END AS start,
               CASE WHEN k.range = 0 OR rnd(v.vis * 4 + k.range, 114) < 0.5 THEN 'home' ELSE 'direct' END AS mode,
               gv.src AS h_src, gv.med AS h_med, gv.ref AS h_ref, v.channel AS h_chan,
               CASE WHEN gv.campaign = 'nl' THEN 'nl-' || $MK[month_of(v.first_sec) + 1] ELSE gv.campaign END AS h_camp,
               CASE WHEN rnd(v.vis * 4 + k.range, 115) < 0.5 THEN 1
                    WHEN rnd(v.vis * 4 + k.range, 115) < 0.7 THEN 2
                    WHEN rnd(v.vis * 4 + k.range, 115) < 0.84 THEN 3
                    ELSE 4 + floor(rnd(v.vis * 4 + k.range, 116) * 4)::INTEGER END AS npages
        FROM v JOIN g_variants gv ON gv.vid = v.vid
        CROSS JOIN range(3) k
        WHERE k.range < 1 + (rnd(v.vis, 117) < 0.22)::INTEGER + (rnd(v.vis, 118) < 0.06)::INTEGER
    ), s2 AS (
        SELECT s.*, {_MODE_SQL}, lp.anon_pages FROM s JOIN g_landing lp ON lp.channel = s.h_chan
    ), p AS (
        SELECT s2.*, unnest(range(s2.npages)) AS p FROM s2
    )
    SELECT vis, sess * 16 + p AS seq,
           start + p * 75 + floor(rnd(vis * 256 + sess * 16 + p, 119) * 60)::BIGINT AS sec,
           CASE WHEN p = 0 THEN pick(anon_pages, rnd(vis * 16 + sess, 120))
                ELSE pick($ANON_PAGES, rnd(vis * 256 + sess * 16 + p, 121)) END AS path,
           CASE WHEN p = 0 THEN utm_source END AS utm_source,
           CASE WHEN p = 0 THEN utm_medium END AS utm_medium,
           CASE WHEN p = 0 THEN utm_campaign END AS utm_campaign,
           CASE WHEN p = 0 THEN referrer_host END AS referrer_host,
           NULL::BIGINT AS lead_n
    FROM p WHERE start + p * 75 + 60 < $SPAN;
    """)
