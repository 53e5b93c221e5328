"""Generator stages 6-9, after scoring: webinar and conference attendance and
form submissions, e-mail sends and events, the sales follow-up of each MQL
(status changes, activities, opportunities), and spend budgets that follow MQL
volume so that cost per MQL hits its target."""

from __future__ import annotations

from mqlfunnel.devtools.generator.sql import Runner


def attendance_and_forms(r: Runner) -> None:
    """g_att (webinar and conference attendance, topped up to the attendee target) and g_forms
    (form submissions)."""
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_att AS
    WITH web AS (  -- webinar-registrant leads: next webinar after sign-up (+ a later one for some)
        SELECT l.n, k.range AS k,
               (SELECT min(w.wno) FROM g_webinars w WHERE w.w_sec > l.created + 3600) + k.range * 3 AS wno,
               CASE WHEN k.range = 0 THEN l.created - 10 ELSE NULL END AS reg
        FROM g_leads l CROSS JOIN range(2) k
        WHERE l.origin = 'webinar' AND (k.range = 0 OR rnd(l.n, 130) < 0.2)
    ), webx AS (
        SELECT web.n, web.k, w.event_id, w.w_sec,
               coalesce(web.reg, w.w_sec - 3600 - floor(rnd(web.n, 131) * 14 * 86400)::BIGINT) AS reg,
               w.w_sec < $SPAN - 3600 AND rnd(web.n * 2 + web.k, 132) < 0.62 AS attended
        FROM web JOIN g_webinars w USING (wno)
    )
    SELECT n, 1 + k AS slot, event_id, reg,
           attended, CASE WHEN attended THEN w_sec + floor(rnd(n * 2 + k, 133) * 900)::BIGINT END AS att_sec
    FROM webx
    UNION ALL  -- conference badge scans
    SELECT n, 0, 'CONF-' || replace($MK[c_mi + 1], '-', '') || '-' || conf_slug,
           greatest(0, conf_sec - 3600 - floor(rnd(n, 134) * 20 * 86400)::BIGINT),
           TRUE, conf_sec + floor(rnd(n, 135) * 8 * 3600)::BIGINT
    FROM g_leads WHERE origin = 'conference';

    -- more attendees (existing leads of other channels) so that
    -- attendees = events MQLs / ATT_RATE per month
    CREATE OR REPLACE TEMP TABLE g_att_fill AS
    WITH mq AS (
        SELECT s.mql_mi AS mi, count(*) AS mqls
        FROM g_score s JOIN g_leads l USING (n)
        WHERE s.mql_sec IS NOT NULL AND l.channel = 'events_webinars' GROUP BY ALL
    ), base AS (
        SELECT month_of(att_sec) AS mi, count(DISTINCT n) AS att FROM g_att WHERE attended GROUP BY ALL
    ), cand AS (
        SELECT l.n, w.mi, w.wno, w.w_sec, w.event_id, l.created
        FROM g_leads l CROSS JOIN g_cal c
        JOIN g_webinars w ON w.wno = c.mi * 3 + floor(rnd(l.n * 64 + c.mi, 136) * 3)::INTEGER
        WHERE l.channel <> 'events_webinars' AND l.created < w.w_sec - 2 * 3600 AND w.w_sec < $SPAN - 3600
    ), cnt AS (SELECT mi, count(*) AS e FROM cand GROUP BY mi), need AS (
        SELECT c.mi, greatest(0, round(coalesce(mq.mqls, 0) / $ATT_RATE * (0.9 + 0.2 * rnd(c.mi, 137)))
                             - coalesce(b.att, 0)) AS k
        FROM g_cal c LEFT JOIN mq USING (mi) LEFT JOIN base b USING (mi)
    )
    SELECT cand.n, cand.event_id, cand.w_sec,
           greatest(cand.created + 60, cand.w_sec - 600 - floor(rnd(cand.n * 64 + cand.mi, 138) * 21 * 86400)::BIGINT) AS reg,
           rnd(cand.n * 64 + cand.mi, 139) < need.k / cnt.e AS attended
    FROM cand JOIN need USING (mi) JOIN cnt USING (mi)
    WHERE rnd(cand.n * 64 + cand.mi, 139) < 1.6 * need.k / cnt.e;

    INSERT INTO g_att
    SELECT n, 10 + month_of(w_sec), event_id, reg, attended,
           CASE WHEN attended THEN w_sec + floor(rnd(n * 64 + month_of(w_sec), 140) * 1200)::BIGINT END
    FROM g_att_fill;

    CREATE OR REPLACE TEMP TABLE g_forms AS
    SELECT n, 0 AS slot,
           CASE WHEN c_form = 'case_study' THEN 'content_download' ELSE c_form END AS form_type,
           CASE WHEN c_form = 'case_study' THEN 'case_study'
                WHEN c_form = 'content_download' THEN pick(['whitepaper', 'ebook', 'report', 'ebook'], rnd(n, 141)) END AS asset_type,
           created - 5 - floor(rnd(n, 142) * 25)::BIGINT AS sec
    FROM g_leads WHERE c_form IS NOT NULL AND c_form NOT IN ('demo_request')
    UNION ALL
    SELECT n, 1, 'demo_request', NULL, sec FROM g_sig WHERE kind = 'demo'
    UNION ALL
    SELECT n, 2, 'content_download', 'case_study', sec FROM g_sig WHERE kind = 'case' AND
        n NOT IN (SELECT n FROM g_leads WHERE c_form = 'case_study')
    UNION ALL  -- a repeated demo request a few days later
    SELECT n, 3, 'demo_request', NULL, sec + 86400 + floor(rnd(n, 143) * 10 * 86400)::BIGINT
    FROM g_sig WHERE kind = 'demo' AND rnd(n, 144) < 0.05
    UNION ALL  -- other downloads and sign-ups, never case studies
    SELECT l.n, 4 + k.range,
           CASE WHEN rnd(l.n * 4 + k.range, 145) < 0.7 THEN 'content_download'
                WHEN rnd(l.n * 4 + k.range, 145) < 0.85 THEN 'newsletter_signup' ELSE 'contact_us' END,
           CASE WHEN rnd(l.n * 4 + k.range, 145) < 0.7 THEN pick(['whitepaper', 'ebook', 'report'], rnd(l.n * 4 + k.range, 146)) END,
           l.created + 3600 + floor(rnd(l.n * 4 + k.range, 147) * greatest($SPAN - l.created - 7200, 0))::BIGINT
    FROM g_leads l CROSS JOIN range(2) k
    WHERE k.range < (rnd(l.n, 148) < 0.3)::INTEGER + (rnd(l.n, 149) < 0.1)::INTEGER
    UNION ALL  -- webinar registrations behind the attendance rows
    SELECT n, 6 + slot, 'webinar_registration', NULL, reg
    FROM g_att WHERE slot > 1 OR (slot = 1 AND reg IS NOT NULL AND n IN (SELECT n FROM g_leads WHERE origin <> 'webinar'));
    -- demo-request creation forms are the 'demo' signal (slot 1)
    """)


def emails(r: Runner) -> None:
    """g_email: nurture, SDR and newsletter sends with their bounces, opens, clicks,
    unsubscribes and replies."""
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_sends AS
    WITH l AS (
        SELECT n, created, e_reply,
               coalesce(dq_reason = 'invalid_email', FALSE) OR (NOT e_reply AND rnd(n, 150) < 0.015) AS bounces,
               rnd(n, 151) < 0.35 AS newsletter,
               CASE WHEN rnd(n, 152) < 0.08 THEN 1 + floor(rnd(n, 153) * 4)::INTEGER ELSE 999 END AS unsub_k
        FROM g_leads
        WHERE email IS NOT NULL AND email <> ''
    )
    SELECT n, 0 AS slot, 'nurture-welcome' AS campaign, created + 1800 + floor(rnd(n, 154) * 1800)::BIGINT AS sec,
           bounces, FALSE AS unsub, NULL::BIGINT AS reply_sec
    FROM l
    UNION ALL
    SELECT n, 1, 'nurture-day-5', created + 5 * 86400 + floor(rnd(n, 155) * 3600)::BIGINT, FALSE, FALSE, NULL
    FROM l WHERE NOT bounces
    UNION ALL
    SELECT g.n, 2, 'sdr-sequence-' || (1 + floor(rnd(g.n, 156) * 3)::INTEGER),
           greatest(l.created + 60, g.sec - 3600 - floor(rnd(g.n, 157) * 2 * 86400)::BIGINT), FALSE, FALSE, g.sec
    FROM g_sig g JOIN l USING (n) WHERE g.kind = 'reply'
    UNION ALL
    SELECT n, 3 + mi, 'nl-' || m_key, sec, FALSE, k = unsub_k, NULL FROM (
        SELECT l.n, c.mi, c.m_key, c.m_start + 9 * 86400 + 15 * 3600 AS sec, l.unsub_k,
               row_number() OVER (PARTITION BY l.n ORDER BY c.mi) AS k
        FROM l CROSS JOIN g_cal c
        WHERE l.newsletter AND NOT l.bounces AND l.created < c.m_start + 9 * 86400 + 15 * 3600
    ) WHERE k <= unsub_k;

    CREATE OR REPLACE TEMP TABLE g_email AS
    WITH s AS (
        SELECT *, n * 128 + slot AS sk,
               reply_sec IS NOT NULL OR rnd(n * 128 + slot, 160) < CASE WHEN slot = 2 THEN 0.5 ELSE 0.32 END OR unsub AS opens
        FROM g_sends
    ), o AS (
        SELECT *, CASE WHEN reply_sec IS NOT NULL THEN sec + floor((reply_sec - sec) * rnd(sk, 161) * 0.8)::BIGINT
                       ELSE sec + 60 + floor(pow(rnd(sk, 161), 2) * 2 * 86400)::BIGINT END AS open_sec
        FROM s
    ), e AS (
        SELECT n, sk, campaign, 0 AS k, 'sent' AS event_type, sec FROM o
        UNION ALL SELECT n, sk, campaign, 1, 'bounce', sec + 5 + floor(rnd(sk, 162) * 55)::BIGINT FROM o WHERE bounces
        UNION ALL SELECT n, sk, campaign, 2, 'delivered', sec + 1 + floor(rnd(sk, 163) * 29)::BIGINT FROM o WHERE NOT bounces
        UNION ALL SELECT n, sk, campaign, 3, 'open', open_sec FROM o WHERE NOT bounces AND opens
        UNION ALL SELECT n, sk, campaign, 4, 'click', open_sec + 5 + floor(rnd(sk, 164) * 295)::BIGINT
            FROM o WHERE NOT bounces AND opens AND (rnd(sk, 165) < 0.25 OR unsub) AND reply_sec IS NULL
        UNION ALL SELECT n, sk, campaign, 5, 'unsubscribe', open_sec + 400 + floor(rnd(sk, 166) * 100)::BIGINT FROM o WHERE unsub
        UNION ALL SELECT n, sk, campaign, 6, 'reply', reply_sec FROM o WHERE reply_sec IS NOT NULL
    )
    SELECT * FROM e WHERE sec < $SPAN;
    DROP TABLE g_sends;
    """)


def sales(r: Runner) -> None:
    """g_mql, g_status, g_act and g_opp: each MQL's rep, status changes, activities and
    opportunities (plus outbound ones)."""
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_mql AS
    SELECT s.n, s.mql_sec, l.created, l.channel, l.p_sql, l.p_opp, l.p_win, l.employee_count,
           'rep_' || lpad((1 + floor(rnd(s.n, 170) * 28))::INTEGER::VARCHAR, 3, '0') AS rep,
           s.mql_sec + CASE WHEN rnd(s.n, 171) < 0.05 THEN 0
                            WHEN rnd(s.n, 171) < 0.38 THEN 10 + floor(rnd(s.n, 172) * 280)::BIGINT
                            ELSE 360 + floor(pow(rnd(s.n, 172), 3) * 72 * 3600)::BIGINT END AS fc_sec,
           rnd(s.n, 173) < l.p_sql AS is_sql
    FROM g_score s JOIN g_leads l USING (n) WHERE s.mql_sec IS NOT NULL;

    CREATE OR REPLACE TEMP TABLE g_status AS
    WITH x AS (
        SELECT n, 0 AS slot, 'working' AS st, fc_sec + 1 AS sec, rep AS who FROM g_mql
        UNION ALL
        SELECT n, 1, 'sales_accepted', fc_sec + 600 + floor(pow(rnd(n, 174), 2) * 5 * 86400)::BIGINT, rep
        FROM g_mql WHERE is_sql
        UNION ALL
        SELECT n, 1, 'sales_rejected', fc_sec + 600 + floor(pow(rnd(n, 175), 2) * 7 * 86400)::BIGINT, rep
        FROM g_mql WHERE NOT is_sql AND rnd(n, 176) < 0.45
        UNION ALL  -- recycled earlier: rejected before becoming an MQL
        SELECT n, 2, 'sales_rejected', created + floor(rnd(n, 177) * (mql_sec - created))::BIGINT, rep
        FROM g_mql WHERE is_sql AND mql_sec - created > 3600 AND rnd(n, 178) < 0.03
        UNION ALL  -- outbound: accepted although never an MQL
        SELECT l.n, 3, 'sales_accepted', l.created + 3600 + floor(rnd(l.n, 179) * greatest($SPAN - l.created - 7200, 0))::BIGINT,
               'rep_' || lpad((1 + floor(rnd(l.n, 170) * 28))::INTEGER::VARCHAR, 3, '0')
        FROM g_leads l JOIN g_score s USING (n) WHERE s.mql_sec IS NULL AND rnd(l.n, 180) < 0.01
        UNION ALL  -- marketing automation marks disqualified / nurture leads
        SELECT l.n, 4, CASE WHEN l.dq_reason IS NOT NULL THEN 'unqualified' ELSE 'nurturing' END,
               l.created + 120 + floor(rnd(l.n, 181) * 3600)::BIGINT, 'marketing_automation'
        FROM g_leads l JOIN g_score s USING (n) WHERE s.mql_sec IS NULL AND rnd(l.n, 182) < 0.3
    )
    SELECT * FROM x WHERE sec < $SPAN;

    CREATE OR REPLACE TEMP TABLE g_act AS
    WITH x AS (
        SELECT n, 0 AS slot, fc_sec AS sec, rep,
               CASE WHEN fc_sec = mql_sec THEN 'email'
                    ELSE pick(['call', 'call', 'call', 'email', 'email', 'linkedin_message'], rnd(n, 183)) END AS t
        FROM g_mql
        UNION ALL
        SELECT m.n, 1 + k.range, m.fc_sec + (k.range + 1) * (86400 + floor(rnd(m.n * 8 + k.range, 184) * 4 * 86400)::BIGINT),
               m.rep, pick(['call', 'email', 'email', 'meeting', 'linkedin_message'], rnd(m.n * 8 + k.range, 185))
        FROM g_mql m CROSS JOIN range(4) k WHERE k.range < floor(rnd(m.n, 186) * 5)
        UNION ALL  -- touches before the lead became an MQL
        SELECT n, 6, created + floor(rnd(n, 187) * (mql_sec - created))::BIGINT, rep, 'email'
        FROM g_mql WHERE mql_sec - created > 3600 AND rnd(n, 188) < 0.05
        UNION ALL  -- outbound touches on leads that never became MQLs
        SELECT l.n, 7 + k.range, l.created + 600 + floor(rnd(l.n * 8 + k.range, 189) * greatest($SPAN - l.created - 1200, 0))::BIGINT,
               'rep_' || lpad((1 + floor(rnd(l.n, 170) * 28))::INTEGER::VARCHAR, 3, '0'),
               pick(['call', 'email', 'linkedin_message'], rnd(l.n * 8 + k.range, 190))
        FROM g_leads l JOIN g_score s USING (n) CROSS JOIN range(2) k
        WHERE s.mql_sec IS NULL AND rnd(l.n, 191) < 0.08 AND k.range <= floor(rnd(l.n, 192) * 2)
    )
    SELECT * FROM x WHERE sec < $SPAN;

    CREATE OR REPLACE TEMP TABLE g_opp AS
    WITH sa AS (
        SELECT m.n, m.channel, m.p_opp, m.p_win, m.employee_count, g.sec AS sa_sec
        FROM g_mql m JOIN g_status g ON g.n = m.n AND g.slot = 1 AND g.st = 'sales_accepted'
    ), o AS (
        SELECT n, 0 AS slot, sa_sec + 86400 + floor(rnd(n, 193) * 20 * 86400)::BIGINT AS sec, p_win, employee_count
        FROM sa WHERE rnd(n, 194) < p_opp
        UNION ALL  -- expansion / second opportunity
        SELECT n, 1, sa_sec + 30 * 86400 + floor(rnd(n, 195) * 60 * 86400)::BIGINT, p_win * 0.8, employee_count
        FROM sa WHERE rnd(n, 194) < p_opp AND rnd(n, 196) < 0.06
        UNION ALL  -- opened the same day, just before sales accepted the lead
        SELECT n, 2, sa_sec - 60 - floor(rnd(n, 197) * 3600)::BIGINT, p_win, employee_count
        FROM sa WHERE rnd(n, 198) < 0.01
        UNION ALL  -- outbound opportunities on non-MQL leads
        SELECT l.n, 3, l.created + 86400 + floor(rnd(l.n, 199) * greatest($SPAN - l.created - 2 * 86400, 0))::BIGINT, 0.2, l.employee_count
        FROM g_leads l JOIN g_score s USING (n) WHERE s.mql_sec IS NULL AND rnd(l.n, 200) < 0.005
    ), c AS (
        SELECT o.*, sec + 14 * 86400 + floor(rnd(n * 4 + slot, 201) * 140 * 86400)::BIGINT AS close_sec,
               rnd(n * 4 + slot, 202) < p_win AS won,
               round(exp(ln(6000) + rnd(n * 4 + slot, 203) * ln(30))
                     * CASE WHEN employee_count > 1000 THEN 1.8 ELSE 1 END / 100) * 100 AS amount,
               round(68 + rnd(n * 4 + slot, 204) * 20, 1) AS gm
        FROM o WHERE sec < $SPAN
    )
    SELECT n, slot, sec,
           close_sec < $SPAN AS is_closed,
           close_sec < $SPAN AND won AS is_won,
           CASE WHEN close_sec < $SPAN THEN close_sec END AS closed_sec,
           CASE WHEN close_sec < $SPAN THEN CASE WHEN won THEN 'closed_won' ELSE 'closed_lost' END
                ELSE ['discovery', 'solution_demo', 'proposal', 'negotiation'][
                     1 + least(3, floor(($SPAN - sec) / (close_sec - sec) * 4))::INTEGER] END AS stage,
           amount, gm
    FROM c;
    """)


def spend(r: Runner) -> None:
    """g_budget, g_ad and g_prog: monthly budgets per channel, spread over days and campaigns as
    ad spend, or booked as program costs."""
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_budget AS
    WITH mq AS (
        SELECT l.channel, s.mql_mi AS mi, count(*) AS mqls
        FROM g_score s JOIN g_leads l USING (n) WHERE s.mql_sec IS NOT NULL GROUP BY ALL
    )
    SELECT c.channel, c.ch_idx, cal.mi, cal.m_start, cal.m_end, cal.m_date,
           c.cpm * greatest(coalesce(mq.mqls, 0), 1) * (0.88 + 0.24 * rnd(c.ch_idx * 1000 + cal.mi, 210)) AS budget
    FROM g_channels c CROSS JOIN g_cal cal LEFT JOIN mq ON mq.channel = c.channel AND mq.mi = cal.mi
    WHERE c.cpm > 0;

    CREATE OR REPLACE TEMP TABLE g_ad AS
    WITH camp AS (
        SELECT channel, platform, src, med, campaign, spend_share,
               row_number() OVER (ORDER BY vid) AS cid
        FROM g_variants WHERE spend_share > 0
    ), d AS (
        SELECT b.channel, b.mi, b.budget, camp.platform, camp.src, camp.med, camp.campaign, camp.spend_share, camp.cid,
               (b.m_date + to_days(k.range::INTEGER)) AS day,
               (0.6 + 0.8 * rnd(camp.cid * 100000 + b.mi * 100 + k.range, 211))
                 * CASE WHEN dayofweek(b.m_date + to_days(k.range::INTEGER)) IN (0, 6) THEN 0.55 ELSE 1 END AS w
        FROM g_budget b JOIN camp USING (channel)
        CROSS JOIN range(31) k
        WHERE k.range < (b.m_end - b.m_start) / 86400
    )
    SELECT day AS spend_date, platform, src AS utm_source, med AS utm_medium, campaign,
           round(budget * spend_share * w / sum(w) OVER (PARTITION BY cid, mi), 2) AS spend
    FROM d;

    CREATE OR REPLACE TEMP TABLE g_prog AS
    SELECT m_date AS cost_month, channel, round(budget, 2) AS cost
    FROM g_budget WHERE channel IN ('organic_search', 'events_webinars', 'referral_partner');
    """)
