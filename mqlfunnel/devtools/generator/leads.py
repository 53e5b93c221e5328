"""Generator stages 1-2: the macros and small dimension tables every later
stage uses, then the leads with their attributes and scoring signals (which
engagement each lead shows, and when)."""

from __future__ import annotations

from mqlfunnel.devtools.generator.catalog import CHANNEL_PARAMS, CHANNELS, DISQUALIFIED_SHARE, LANDING, PROFILES, VARIANTS
from mqlfunnel.devtools.generator.sql import Runner, values_sql


def _weighted_slots(table: str, source: str, item: str, weight: str, slots: int, group: str | None = None,
                    order: str | None = None) -> str:
    """A temp table of `slots` numbered slots (per `group`), each owned by one `item`
    of `source`, every item owning a share of the slots proportional to its `weight`
    (items taken in `order`, default the item): a uniform random slot picks an item by weight."""
    order = order or item
    within = f"PARTITION BY {group} " if group else ""
    owner = f"c.{group}, s.range::INTEGER AS slot, c.{item}" if group else f"s.range::INTEGER AS slot, c.{item}"
    return f"""CREATE OR REPLACE TEMP TABLE {table} AS
    WITH c AS (
        SELECT {', '.join(dict.fromkeys(column for column in (item, group, order) if column))},
               sum({weight}) OVER ({within}ORDER BY {order}) - {weight} AS lo,
               sum({weight}) OVER ({within}ORDER BY {order}) AS hi,
               sum({weight}) OVER ({within.strip()}) AS tot
        FROM {source})
    SELECT {owner}
    FROM range({slots}) s JOIN c ON s.range >= round(c.lo / c.tot * {slots}) AND s.range < round(c.hi / c.tot * {slots});"""


def dimensions(r: Runner) -> None:
    """The temp macros (rnd, pick, sid, lid, tsx, msec, month_of) and the small tables:
    channels, traffic variants, scoring profiles and their slots, landing pages, calendar,
    webinars, conferences."""
    ch_rows = [(i + 1, c, *CHANNEL_PARAMS[c]) for i, c in enumerate(CHANNELS)]
    var_rows = [(i + 1, *v) for i, v in enumerate(VARIANTS)]
    land_rows = [(c, LANDING[c][0], LANDING[c][1]) for c in CHANNELS]
    profile_groups = """(
        SELECT pid, grp, weight FROM g_profiles
        UNION ALL  -- disqualified leads: any profile, mostly non-MQL ones
        SELECT pid, 'D', weight * CASE grp WHEN 'M' THEN 0.35 ELSE 0.65 END FROM g_profiles
    ) AS p"""
    r.sql("""
    CREATE OR REPLACE TEMP MACRO rnd(a, b) AS ((hash(a, b, $S) >> 11)::DOUBLE / 9007199254740992.0);
    CREATE OR REPLACE TEMP MACRO pick(l, u) AS (l[1 + floor(u * len(l))::BIGINT]);
    CREATE OR REPLACE TEMP MACRO sid(n, salt) AS
        lower(lpad(to_hex(xor((n::BIGINT * 2654435761 + salt::BIGINT * 1000003 + $K1) % 1099511627776, $K2)), 10, '0'));
    CREATE OR REPLACE TEMP MACRO lid(n) AS ('00Q' || upper(sid(n, 1)));
    CREATE OR REPLACE TEMP MACRO tsx(sec) AS (TIMESTAMP '$WS' + to_seconds(sec::BIGINT));
    CREATE OR REPLACE TEMP MACRO msec(mi) AS ($MS[mi::BIGINT + 1]);
    CREATE OR REPLACE TEMP MACRO month_of(sec) AS
        date_diff('month', TIMESTAMP '$WS', TIMESTAMP '$WS' + to_seconds(sec::BIGINT));
    """)
    r.sql(f"""
    CREATE OR REPLACE TEMP TABLE g_channels AS
    SELECT * FROM (VALUES {values_sql(ch_rows)})
        t(ch_idx, channel, share, p_mql, p_sql, v2m, cpm, p_opp, p_win);
    {_weighted_slots('g_ch_slots', 'g_channels', 'channel', 'share', 10000, order='ch_idx')}
    CREATE OR REPLACE TEMP TABLE g_variants AS
    SELECT * FROM (VALUES {values_sql(var_rows)})
        t(vid, channel, weight, src, med, ref, campaign, platform, spend_share);
    {_weighted_slots('g_var_slots', 'g_variants', 'vid', 'weight', 1000, group='channel')}
    CREATE OR REPLACE TEMP TABLE g_profiles AS
    SELECT * FROM (VALUES {values_sql(PROFILES)})
        t(pid, grp, weight, f_ind, f_size, f_title, f_geo, e_pricing, e_demo, e_case, e_blog, e_reply);
    {_weighted_slots('g_prof_slots', profile_groups, 'pid', 'weight', 1000, group='grp')}
    CREATE OR REPLACE TEMP TABLE g_landing AS
    SELECT * FROM (VALUES {values_sql(land_rows)}) t(channel, lead_pages, anon_pages);
    CREATE OR REPLACE TEMP TABLE g_cal AS
    SELECT range::INTEGER AS mi, msec(range) AS m_start, msec(range + 1) AS m_end,
           $MK[range + 1] AS m_key, (DATE '$WS' + to_months(range::INTEGER))::DATE AS m_date
    FROM range($M);
    -- webinars: three a month (days 8, 17, 25, 16:00 UTC), also after the window
    CREATE OR REPLACE TEMP TABLE g_webinars AS
    SELECT (m.range * 3 + k.range)::INTEGER AS wno, m.range::INTEGER AS mi,
           msec(m.range) + [7, 16, 24][k.range + 1] * 86400 + 16 * 3600 AS w_sec,
           'WBN-' || replace($MK[m.range + 1], '-', '') || '-' || (k.range + 1) AS event_id
    FROM range($M + 3) m CROSS JOIN range(3) k;
    -- one sponsored conference a month (day 12, 09:00 UTC)
    CREATE OR REPLACE TEMP TABLE g_conferences AS
    SELECT range::INTEGER AS mi, msec(range) + 11 * 86400 + 9 * 3600 AS c_sec,
           pick($CONFS, rnd(range, 31)) AS slug
    FROM range($M);
    """)


def leads(r: Runner) -> None:
    """g_leads (one row per lead: channel, intended outcome, profile, timing, first touch,
    attributes, e-mail) and g_sig (its engagement signals)."""
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_lead AS
    WITH b AS (
        SELECT range AS n FROM range(1, $N + 1)
    ), c AS (
        SELECT b.n, s.channel
        FROM b JOIN g_ch_slots s ON s.slot = floor(rnd(b.n, 1) * 10000)::INTEGER
    ), g AS (
        SELECT c.*, ch.ch_idx, ch.p_mql, ch.p_sql, ch.p_opp, ch.p_win,
               rnd(c.n, 2) < ch.p_mql AS mql_int,
               CASE WHEN rnd(c.n, 2) < ch.p_mql THEN 'M'
                    WHEN rnd(c.n, 3) < least(0.35, $DQ / (1 - ch.p_mql)) THEN 'D'
                    ELSE 'N' END AS grp
        FROM c JOIN g_channels ch USING (channel)
    ), p AS (
        SELECT g.*, ps.pid FROM g JOIN g_prof_slots ps
            ON ps.grp = g.grp AND ps.slot = floor(rnd(g.n, 5) * 1000)::INTEGER
    ), t AS (
        SELECT p.*, pr.f_ind, pr.f_size, pr.f_title, pr.f_geo,
               pr.e_pricing::BOOLEAN AS e_pricing, pr.e_demo::BOOLEAN AS e_demo,
               pr.e_case::BOOLEAN AS e_case, pr.e_blog::BOOLEAN AS e_blog,
               pr.e_reply::BOOLEAN AS e_reply,
               CASE WHEN p.grp <> 'D' THEN NULL
                    WHEN rnd(p.n, 4) < 0.65 THEN 'free_email'
                    WHEN rnd(p.n, 4) < 0.83 THEN 'student'
                    ELSE 'invalid_email' END AS dq_reason,
               CASE WHEN p.channel <> 'events_webinars' THEN 'web'
                    WHEN rnd(p.n, 7) < 0.4 THEN 'conference' ELSE 'webinar' END AS origin,
               -- creation time skewed slightly to later months (growth)
               floor(86400 + pow(rnd(p.n, 6), 0.92) * ($SPAN - 86400 - 4 * 3600))::BIGINT AS c_raw
        FROM p JOIN g_profiles pr USING (pid)
    )
    SELECT t.*,
           CASE WHEN origin = 'conference'
                THEN cf.c_sec + 86400 + floor(rnd(n, 8) * 2 * 86400)::BIGINT
                ELSE c_raw END AS created,
           cf.c_sec AS conf_sec, cf.slug AS conf_slug,
           month_of(c_raw) AS c_mi
    FROM t LEFT JOIN g_conferences cf ON t.origin = 'conference' AND cf.mi = month_of(t.c_raw);
    """.replace("$DQ", repr(DISQUALIFIED_SHARE)))

    # timing, visitor, first touch and attributes
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_lead2 AS
    WITH a AS (
        SELECT l.*,
               -- anonymous browsing before conversion (web leads)
               CASE WHEN origin = 'conference' THEN NULL
                    ELSE greatest(60, created - 120 - CASE WHEN rnd(n, 9) < 0.3 THEN 0
                         ELSE floor(pow(rnd(n, 10), 2) * 21 * 86400)::BIGINT END) END AS t0,
               (origin <> 'conference' OR rnd(n, 11) < 0.5 OR e_pricing OR e_blog) AS has_vis,
               least(30 * 86400, floor(0.85 * ($SPAN - created - 2 * 3600)))::BIGINT AS horizon,
               channel IN ('organic_search', 'organic_social') AND rnd(n, 12) < 0.5 AS blog_landing,
               -- company: chosen among the companies of the profile's fit class
               (f_ind * 4 + f_size * 2 + f_geo) * 10000000
                 + floor(rnd(n, 13) * greatest(25, $N // 20))::BIGINT AS co
        FROM g_lead l
    ), v AS (
        SELECT a.*, vs.vid
        FROM a LEFT JOIN g_var_slots vs
          ON a.origin <> 'conference' AND vs.channel = a.channel AND vs.slot = floor(rnd(a.n, 14) * 1000)::INTEGER
    )
    SELECT v.*,
           CASE WHEN origin = 'conference' THEN conf_slug ELSE gv.src END AS o_src,
           CASE WHEN origin = 'conference' THEN pick($CONF_MEDIA, rnd(n, 15)) ELSE gv.med END AS o_med,
           CASE WHEN origin = 'conference' THEN NULL ELSE gv.ref END AS o_ref,
           CASE WHEN origin = 'conference' THEN conf_slug
                WHEN gv.campaign = 'nl' THEN 'nl-' || $MK[month_of(t0) + 1]
                ELSE gv.campaign END AS o_camp,
           -- creation form
           CASE WHEN origin = 'conference' THEN NULL
                WHEN e_demo AND rnd(n, 16) < 0.5 THEN 'demo_request'
                WHEN e_case AND rnd(n, 17) < 0.4 THEN 'case_study'
                WHEN origin = 'webinar' THEN 'webinar_registration'
                WHEN rnd(n, 18) < 0.5 THEN 'content_download'
                WHEN rnd(n, 18) < 0.8 THEN 'newsletter_signup'
                ELSE 'contact_us' END AS c_form,
           -- attributes
           pick($FIRST, rnd(n, 20)) AS first_name,
           pick($LAST, rnd(n, 21)) AS last_name,
           pick($W1, rnd(co, 22)) AS w1,
           pick($W2, rnd(co, 23)) AS w2,
           CASE WHEN f_ind = 1 THEN pick($ICP_IND, rnd(co, 24))
                WHEN rnd(co, 25) < 0.06 THEN NULL
                ELSE pick($OTHER_IND, rnd(co, 24)) END AS industry,
           CASE WHEN f_size = 1 THEN
                    CASE WHEN rnd(co, 26) < 0.015 THEN 50 WHEN rnd(co, 26) < 0.03 THEN 5000
                         ELSE round(exp(ln(50) + rnd(co, 27) * ln(100)))::INTEGER END
                WHEN rnd(co, 26) < 0.55 THEN 1 + floor(rnd(co, 27) * 49)::INTEGER
                WHEN rnd(co, 26) < 0.9 THEN round(exp(ln(5001) + rnd(co, 27) * ln(40)))::INTEGER
                ELSE NULL END AS employee_count,
           CASE WHEN f_geo = 1 THEN pick($UNSERVED, rnd(co, 28))
                WHEN rnd(co, 29) < 0.03 THEN NULL
                ELSE pick($SERVED, rnd(co, 28)) END AS country,
           CASE WHEN dq_reason = 'student' THEN pick($STUDENT_TITLES, rnd(n, 30))
                WHEN f_title = 1 THEN pick($DM_TITLES, rnd(n, 30))
                WHEN rnd(n, 31) < 0.04 THEN NULL
                ELSE pick($OTHER_TITLES, rnd(n, 30)) END AS job_title
    FROM v LEFT JOIN g_variants gv ON gv.vid = v.vid;
    """)
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_lead3 AS
    SELECT l.*,
           upper(w1[1]) || w1[2:] || upper(w2[1]) || w2[2:] || ' ' || pick($SUFFIX, rnd(co, 32)) AS company_name,
           w1 || w2 || CASE upper(trim(coalesce(country, '')))
                WHEN 'DE' THEN '.de' WHEN 'GB' THEN '.co.uk' WHEN 'FR' THEN '.fr'
                WHEN 'NL' THEN '.nl' WHEN 'SE' THEN '.se' ELSE pick($TLDS, rnd(co, 33)) END AS domain
    FROM g_lead2 l;
    CREATE OR REPLACE TEMP TABLE g_leads AS
    SELECT l.*,
           CASE
             WHEN dq_reason = 'free_email' THEN
                  first_name || CASE WHEN rnd(n, 34) < 0.5 THEN '.' || last_name ELSE '' END
                  || CASE WHEN rnd(n, 35) < 0.5 THEN (floor(rnd(n, 36) * 99) + 1)::INTEGER::VARCHAR ELSE '' END
                  || '@' || pick($FREE, rnd(n, 37))
             WHEN dq_reason = 'invalid_email' THEN
                  [NULL, first_name || '.' || last_name, first_name || '@',
                   '@' || domain, first_name || '@' || w1 || w2,
                   first_name || '@@' || domain, first_name || '.' || last_name || '@' || w1 || w2 || ',com',
                   ''][1 + floor(rnd(n, 38) * 8)::INTEGER]
             ELSE
                  CASE WHEN rnd(n, 39) < 0.08 THEN upper(first_name[1]) || first_name[2:] || '.' || upper(last_name[1]) || last_name[2:]
                       WHEN rnd(n, 39) < 0.6 THEN first_name || '.' || last_name
                       WHEN rnd(n, 39) < 0.75 THEN first_name[1] || last_name
                       WHEN rnd(n, 39) < 0.9 THEN first_name
                       ELSE first_name || last_name[1] END || '@' || domain
           END AS email,
           least(created + 60 + floor(rnd(n, 40) * 20 * 86400)::BIGINT, $SPAN - 1) AS updated
    FROM g_lead3 l;
    DROP TABLE g_lead; DROP TABLE g_lead2; DROP TABLE g_lead3;
    """)

    # engagement signals (the only sources of scoring events for a lead)
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_sig AS
    WITH l AS (
        SELECT n, created, t0, horizon, origin, e_pricing, e_demo, e_case, e_blog, e_reply, c_form,
               coalesce(created - 120 - t0, 0) AS pre
        FROM g_leads
    )
    SELECT n, 'pricing' AS kind,
           CASE WHEN origin <> 'conference' AND pre > 3600 AND rnd(n, 50) < 0.4
                THEN t0 + 60 + floor(rnd(n, 51) * (pre - 120))::BIGINT
                ELSE created + 300 + floor(pow(rnd(n, 52), 2) * greatest(horizon - 300, 0))::BIGINT END AS sec
    FROM l WHERE e_pricing
    UNION ALL
    SELECT n, 'demo',
           CASE WHEN c_form = 'demo_request' THEN created - 5 - floor(rnd(n, 53) * 25)::BIGINT
                ELSE created + 600 + floor(pow(rnd(n, 54), 2) * greatest(horizon - 600, 0))::BIGINT END
    FROM l WHERE e_demo
    UNION ALL
    SELECT n, 'case',
           CASE WHEN c_form = 'case_study' THEN created - 5 - floor(rnd(n, 55) * 25)::BIGINT
                ELSE created + 600 + floor(pow(rnd(n, 56), 2) * greatest(horizon - 600, 0))::BIGINT END
    FROM l WHERE e_case
    UNION ALL
    SELECT n, 'reply', created + 3600 + floor(rnd(n, 57) * greatest(horizon - 3600, 0))::BIGINT
    FROM l WHERE e_reply
    UNION ALL
    SELECT n, 'blog' || k.range,
           b.tb + CASE k.range WHEN 0 THEN 0 WHEN 1 THEN b.a ELSE b.a + b.b END
    FROM (
        SELECT n, tb,
               floor((0.02 + 0.98 * rnd(n, 60)) * least(2.5 * 86400, ($SPAN - tb) / 3.0))::BIGINT AS a,
               floor((0.02 + 0.98 * rnd(n, 61)) * least(2.5 * 86400, ($SPAN - tb) / 3.0))::BIGINT AS b
        FROM (
            SELECT n,
                   CASE WHEN origin <> 'conference' AND pre > 4 * 86400 AND rnd(n, 58) < 0.3
                        THEN t0 + 3600 + floor(rnd(n, 59) * (pre - 3 * 86400))::BIGINT
                        ELSE created + 900 + floor(pow(rnd(n, 59), 2) * greatest(horizon - 6 * 86400, 0))::BIGINT
                   END AS tb
            FROM l WHERE e_blog)
    ) b CROSS JOIN range(3) k;
    """)
