"""Tests of the synthetic data generator (mqlfunnel.devtools.generator).

The funnel-rate check re-implements the CONTRACT in plain SQL, independently
of the generator's own scoring, and asserts the per-channel benchmark ranges.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from mqlfunnel.devtools.generator import export, generate
from mqlfunnel.schema import RAW_COLUMNS, RAW_TABLES

SMALL = 2_000


def _checksums(con) -> dict[str, tuple[int, int]]:
    out = {}
    for t in RAW_TABLES:
        n, h = con.execute(f"SELECT count(*), coalesce(sum(hash(x)), 0) FROM raw.{t} AS x").fetchone()
        out[t] = (n, int(h))
    return out


@pytest.fixture(scope="module")
def default_con():
    con = duckdb.connect()
    generate(con)  # default scale: 20k leads, 12 months ending 2026-10
    yield con
    con.close()


@pytest.fixture(scope="module")
def small_con():
    con = duckdb.connect()
    generate(con, leads=SMALL, months=6, end_month="2026-03-01", seed=7)
    yield con
    con.close()


# ---------------------------------------------------------------------------
# determinism, schema, parameters
# ---------------------------------------------------------------------------

def test_deterministic_same_seed(small_con):
    other = duckdb.connect()
    other.execute("SET threads = 1")  # must not depend on parallelism
    generate(other, leads=SMALL, months=6, end_month="2026-03-01", seed=7)
    assert _checksums(other) == _checksums(small_con)
    # row order is deterministic too (exports are byte-stable)
    a = small_con.execute("SELECT pageview_id FROM raw.web_pageviews LIMIT 500").fetchall()
    b = other.execute("SELECT pageview_id FROM raw.web_pageviews LIMIT 500").fetchall()
    assert a == b


def test_different_seed_differs(small_con):
    other = duckdb.connect()
    generate(other, leads=SMALL, months=6, end_month="2026-03-01", seed=8)
    a, b = _checksums(small_con), _checksums(other)
    assert a["crm_leads"] != b["crm_leads"]
    assert a["web_pageviews"] != b["web_pageviews"]


def test_schema_matches_contract(small_con):
    rows = small_con.execute(
        """SELECT table_name, column_name, data_type FROM information_schema.columns
           WHERE table_schema = 'raw' ORDER BY table_name, ordinal_position"""
    ).fetchall()
    got: dict[str, list[tuple[str, str]]] = {}
    for t, c, ty in rows:
        got.setdefault(t, []).append((c, ty))
    assert sorted(got) == sorted(RAW_TABLES)
    assert got == RAW_COLUMNS
    # the contract text, not just our own constant
    assert [c for c, _ in got["crm_leads"]] == [
        "lead_id", "email", "job_title", "company_name", "industry", "employee_count", "country",
        "original_utm_source", "original_utm_medium", "original_referrer_host", "created_at",
        "updated_at", "is_deleted"]
    assert dict(got["crm_opportunities"])["amount"] == "DECIMAL(18,2)"
    assert dict(got["ad_spend"])["spend_date"] == "DATE"
    assert dict(got["crm_leads"])["employee_count"] == "INTEGER"


def test_regenerate_replaces_schema(small_con):
    con = duckdb.connect()
    con.execute("CREATE SCHEMA raw; CREATE TABLE raw.junk(x INT)")
    counts = generate(con, leads=300, months=3, end_month="2026-03-01")
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'").fetchall()}
    assert tables == set(RAW_TABLES)
    assert set(counts) == set(RAW_TABLES) and all(v > 0 for v in counts.values())
    # no helper tables left behind
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()[0] == 0


def test_scale_and_window_honoured(small_con):
    n_leads = small_con.execute(
        "SELECT count(DISTINCT lead_id) FROM raw.crm_leads WHERE created_at IS NOT NULL").fetchone()[0]
    assert SMALL * 0.99 <= n_leads <= SMALL * 1.01
    lo, hi = small_con.execute(
        "SELECT min(occurred_at), max(occurred_at) FROM raw.web_pageviews").fetchone()
    assert str(lo) >= "2025-10-01" and str(hi) < "2026-04-01"
    months = small_con.execute(
        "SELECT count(DISTINCT date_trunc('month', created_at)) FROM raw.crm_leads").fetchone()[0]
    assert months == 6
    for t, col in [("crm_lead_status_changes", "changed_at"), ("crm_activities", "occurred_at"),
                   ("form_submissions", "submitted_at"), ("email_events", "occurred_at"),
                   ("event_attendance", "attended_at"), ("crm_opportunities", "closed_at")]:
        lo, hi = small_con.execute(f"SELECT min({col}), max({col}) FROM raw.{t}").fetchone()
        assert str(lo) >= "2025-10-01" and str(hi) < "2026-04-01", t
    big = duckdb.connect()
    counts = generate(big, leads=4 * SMALL, months=6, end_month="2026-03-01", seed=7)
    small_counts = {t: small_con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0] for t in RAW_TABLES}
    for t in ("crm_leads", "web_pageviews", "email_events", "form_submissions"):
        assert 3.3 < counts[t] / small_counts[t] < 4.7, t


def test_progress_and_export(tmp_path: Path):
    msgs: list[str] = []
    con = duckdb.connect()
    generate(con, leads=300, months=3, end_month="2026-03-01", progress=msgs.append)
    for t in RAW_TABLES:
        assert any(m.startswith(f"{t}: ") and "rows" in m for m in msgs), t
    files = export(con, tmp_path / "pq")
    assert {f.name for f in files} == {f"{t}.parquet" for t in RAW_TABLES}
    n = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/web_pageviews.parquet')").fetchone()[0]
    assert n == con.execute("SELECT count(*) FROM raw.web_pageviews").fetchone()[0]
    export(con, tmp_path / "csv", fmt="csv")
    assert (tmp_path / "csv" / "crm_leads.csv").read_text().startswith("lead_id,email,")


# ---------------------------------------------------------------------------
# realism and bad rows
# ---------------------------------------------------------------------------

CHANNEL_SQL = """
CREATE OR REPLACE TEMP MACRO chan(s, m, r) AS (
  CASE
    WHEN lower(trim(coalesce(m, ''))) IN ('paid_social', 'paidsocial', 'social_paid', 'social-paid') THEN 'paid_social'
    WHEN lower(trim(coalesce(m, ''))) IN ('cpc', 'ppc', 'paid') AND lower(trim(coalesce(s, ''))) IN
         ('linkedin', 'facebook', 'fb', 'meta', 'instagram', 'twitter', 'x', 'reddit', 'tiktok') THEN 'paid_social'
    WHEN lower(trim(coalesce(m, ''))) IN ('cpc', 'ppc', 'paid', 'paid_search', 'paidsearch') THEN 'paid_search'
    WHEN lower(trim(coalesce(m, ''))) IN ('webinar', 'event', 'events', 'conference', 'tradeshow', 'trade_show') THEN 'events_webinars'
    WHEN lower(trim(coalesce(m, ''))) IN ('referral', 'partner', 'affiliate') THEN 'referral_partner'
    WHEN lower(trim(coalesce(m, ''))) IN ('email', 'e-mail', 'newsletter') THEN 'email'
    WHEN lower(trim(coalesce(m, ''))) IN ('organic', 'seo') THEN 'organic_search'
    WHEN lower(trim(coalesce(m, ''))) IN ('social', 'organic_social') THEN 'organic_social'
    WHEN lower(trim(coalesce(m, ''))) = '' AND (
         list_has_any([lower(trim(coalesce(r, '')))], ['google.com', 'bing.com', 'duckduckgo.com', 'yahoo.com', 'baidu.com', 'yandex.com', 'ecosia.org'])
         OR regexp_matches(lower(trim(coalesce(r, ''))), '\\.(google\\.com|bing\\.com|duckduckgo\\.com|yahoo\\.com|baidu\\.com|yandex\\.com|ecosia\\.org)$')
         OR starts_with(lower(trim(coalesce(r, ''))), 'google.') OR starts_with(lower(trim(coalesce(r, ''))), 'www.google.'))
         THEN 'organic_search'
    WHEN lower(trim(coalesce(m, ''))) = '' AND (
         list_has_any([lower(trim(coalesce(r, '')))], ['linkedin.com', 'lnkd.in', 'facebook.com', 't.co', 'twitter.com', 'x.com', 'instagram.com', 'reddit.com', 'youtube.com'])
         OR regexp_matches(lower(trim(coalesce(r, ''))), '\\.(linkedin\\.com|lnkd\\.in|facebook\\.com|t\\.co|twitter\\.com|x\\.com|instagram\\.com|reddit\\.com|youtube\\.com)$'))
         THEN 'organic_social'
    WHEN lower(trim(coalesce(m, ''))) = '' AND lower(trim(coalesce(r, ''))) = '' THEN 'direct'
    WHEN lower(trim(coalesce(m, ''))) = '' THEN 'referral_partner'
    ELSE 'other' END);
"""

# A plain-SQL approximation of CONTRACT sections 3-5, just enough for totals.
FUNNEL_SQL = """
CREATE OR REPLACE TEMP TABLE t_leads AS
SELECT * FROM raw.crm_leads WHERE lead_id IS NOT NULL AND created_at IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY lead_id ORDER BY updated_at DESC) = 1;
CREATE OR REPLACE TEMP TABLE t_live AS
SELECT *, chan(original_utm_source, original_utm_medium, original_referrer_host) AS channel,
       CASE
         WHEN email IS NULL OR len(email) - len(replace(email, '@', '')) <> 1
              OR split_part(email, '@', 1) = '' OR NOT contains(split_part(email, '@', 2), '.') THEN 'invalid_email'
         WHEN lower(trim(split_part(email, '@', 2))) IN ('gmail.com','googlemail.com','yahoo.com','yahoo.co.uk',
              'hotmail.com','outlook.com','live.com','msn.com','aol.com','icloud.com','proton.me','protonmail.com',
              'gmx.com','mail.com','yandex.com') THEN 'free_email_domain'
         WHEN regexp_matches(' ' || trim(regexp_replace(lower(coalesce(job_title, '')), '[^a-z0-9]+', ' ', 'g')) || ' ', ' student ')
              THEN 'student' END AS dq
FROM t_leads WHERE NOT coalesce(is_deleted, FALSE);

CREATE OR REPLACE TEMP TABLE t_pv AS
SELECT DISTINCT ON (pageview_id) * FROM raw.web_pageviews
WHERE pageview_id IS NOT NULL AND visitor_id IS NOT NULL AND occurred_at IS NOT NULL
  AND (lead_id IS NULL OR lead_id IN (SELECT lead_id FROM t_leads));
-- pageviews of deleted leads leave; anonymous ones stay
DELETE FROM t_pv WHERE lead_id IS NOT NULL AND lead_id NOT IN (SELECT lead_id FROM t_live);

CREATE OR REPLACE TEMP TABLE t_owner AS
SELECT visitor_id, arg_max(lead_id, (occurred_at, pageview_id)) AS lead_id
FROM t_pv WHERE lead_id IS NOT NULL GROUP BY visitor_id;

CREATE OR REPLACE TEMP TABLE t_events AS
WITH pv AS (
    SELECT o.lead_id, p.occurred_at AS t, split_part(split_part(lower(p.page_path), '?', 1), '#', 1) AS path
    FROM t_pv p JOIN t_owner o USING (visitor_id)
), blog AS (
    SELECT lead_id, t, count(*) OVER (PARTITION BY lead_id ORDER BY t
        RANGE BETWEEN INTERVAL 7 DAYS PRECEDING AND CURRENT ROW) AS c
    FROM pv WHERE path = '/blog' OR path LIKE '/blog/%'
), f AS (
    SELECT DISTINCT ON (submission_id) * FROM raw.form_submissions
    WHERE submission_id IS NOT NULL AND submitted_at IS NOT NULL AND lead_id IN (SELECT lead_id FROM t_live)
), e AS (
    SELECT DISTINCT ON (email_event_id) * FROM raw.email_events
    WHERE email_event_id IS NOT NULL AND occurred_at IS NOT NULL AND lead_id IN (SELECT lead_id FROM t_live)
)
SELECT lead_id, min(t) AS t, 15 AS pts FROM pv WHERE path = '/pricing' OR path LIKE '/pricing/%' GROUP BY 1
UNION ALL SELECT lead_id, min(t), 8 FROM blog WHERE c >= 3 GROUP BY 1
UNION ALL SELECT lead_id, min(submitted_at), 30 FROM f WHERE lower(trim(form_type)) = 'demo_request' GROUP BY 1
UNION ALL SELECT lead_id, min(submitted_at), 10 FROM f
    WHERE lower(trim(form_type)) = 'content_download' AND lower(trim(asset_type)) = 'case_study' GROUP BY 1
UNION ALL SELECT lead_id, min(occurred_at), 12 FROM e WHERE lower(trim(event_type)) = 'reply' GROUP BY 1;

CREATE OR REPLACE TEMP TABLE t_dim AS
WITH fit AS (
    SELECT lead_id, created_at, channel, dq,
           CASE WHEN lower(trim(coalesce(industry, ''))) IN ('software','saas','information technology','fintech','financial services') THEN 20 ELSE 0 END
         + CASE WHEN employee_count BETWEEN 50 AND 5000 THEN 15 ELSE 0 END
         + CASE WHEN regexp_matches(' ' || trim(regexp_replace(lower(coalesce(job_title, '')), '[^a-z0-9]+', ' ', 'g')) || ' ',
                ' (chief|ceo|cfo|cto|cmo|cro|coo|cio|ciso|vp|svp|evp|vice president|head|director|founder|cofounder|president) ')
                THEN 15 ELSE 0 END
         - CASE WHEN trim(coalesce(country, '')) <> '' AND upper(trim(country)) NOT IN
                ('US','CA','GB','IE','DE','FR','NL','SE','DK','NO','FI','AU','NZ') THEN 20 ELSE 0 END AS fit
    FROM t_live
), steps AS (
    SELECT e.lead_id, greatest(e.t, f.created_at) AS eff, sum(e.pts) AS pts
    FROM t_events e JOIN fit f USING (lead_id) GROUP BY ALL
), cum AS (
    SELECT s.lead_id, s.eff, f.fit + sum(s.pts) OVER w AS total, sum(s.pts) OVER w AS eng
    FROM steps s JOIN fit f USING (lead_id) WHERE f.dq IS NULL
    WINDOW w AS (PARTITION BY s.lead_id ORDER BY s.eff)
), m AS (
    SELECT lead_id, min(eff) AS mql_at FROM cum WHERE total >= 50 AND eng >= 1 GROUP BY 1
), sc AS (
    SELECT DISTINCT ON (status_change_id) * FROM raw.crm_lead_status_changes
    WHERE status_change_id IS NOT NULL AND changed_at IS NOT NULL
)
SELECT f.lead_id, f.channel, f.dq, f.fit, m.mql_at,
       (SELECT min(sc.changed_at) FROM sc WHERE sc.lead_id = f.lead_id
          AND lower(trim(sc.new_status)) = 'sales_accepted' AND sc.changed_at >= m.mql_at) AS sql_at
FROM fit f LEFT JOIN m USING (lead_id);

CREATE OR REPLACE TEMP TABLE t_channel AS
WITH vis AS (
    SELECT channel, count(*) AS visitors FROM (
        SELECT visitor_id, date_trunc('month', occurred_at) AS m,
               arg_min(chan(utm_source, utm_medium, referrer_host), (occurred_at, pageview_id)) AS channel
        FROM t_pv GROUP BY ALL) GROUP BY 1
), att AS (
    SELECT 'events_webinars' AS channel, count(*) AS attendees FROM (
        SELECT DISTINCT lead_id, date_trunc('month', attended_at)
        FROM (SELECT DISTINCT ON (attendance_id) * FROM raw.event_attendance WHERE attendance_id IS NOT NULL)
        WHERE attended AND attended_at IS NOT NULL AND lead_id IN (SELECT lead_id FROM t_live))
), spend AS (
    SELECT channel, sum(amt) AS spend FROM (
        SELECT chan(utm_source, utm_medium, '') AS channel, spend AS amt
        FROM (SELECT DISTINCT * FROM raw.ad_spend)
        WHERE spend_date IS NOT NULL AND spend >= 0 AND lower(trim(currency)) = 'usd'
        UNION ALL
        SELECT lower(trim(channel)), cost FROM (SELECT DISTINCT * FROM raw.program_costs)
        WHERE cost_month IS NOT NULL AND cost >= 0 AND lower(trim(channel)) IN
              ('organic_search','paid_search','paid_social','organic_social','events_webinars','referral_partner','email','direct','other')
    ) GROUP BY 1
), fun AS (
    SELECT channel, count(mql_at) AS mqls, count(sql_at) AS sqls, count(*) AS leads FROM t_dim GROUP BY 1
)
SELECT channel, fun.leads, fun.mqls, fun.sqls, vis.visitors, att.attendees, spend.spend,
       fun.mqls / vis.visitors AS visitor_to_mql, fun.mqls / att.attendees AS attendee_to_mql,
       fun.sqls / fun.mqls AS mql_to_sql, spend.spend / fun.mqls AS cost_per_mql
FROM fun LEFT JOIN vis USING (channel) LEFT JOIN att USING (channel) LEFT JOIN spend USING (channel)
ORDER BY channel;
"""

BENCHMARKS = {
    # channel: (visitor- or attendee->MQL, MQL->SQL, cost per MQL)
    "organic_search": ((0.03, 0.06), (0.35, 0.45), (40, 80)),
    "paid_search": ((0.04, 0.08), (0.28, 0.40), (150, 350)),
    "paid_social": ((0.01, 0.03), (0.15, 0.28), (180, 400)),
    "events_webinars": ((0.15, 0.30), (0.18, 0.30), (200, 500)),
    "referral_partner": ((0.08, 0.15), (0.40, 0.55), (20, 60)),
}


def channel_rates(con) -> dict[str, dict]:
    con.execute(CHANNEL_SQL)
    con.execute(FUNNEL_SQL)
    cols = [d[0] for d in con.execute("SELECT * FROM t_channel").description]
    return {row[0]: dict(zip(cols, row)) for row in con.execute("SELECT * FROM t_channel").fetchall()}


def test_funnel_rates_within_benchmarks(default_con):
    rates = channel_rates(default_con)
    problems = []
    for ch, (v2m, m2s, cpm) in BENCHMARKS.items():
        r = rates[ch]
        first = r["attendee_to_mql"] if ch == "events_webinars" else r["visitor_to_mql"]
        for name, val, (lo, hi) in (("to_mql", first, v2m), ("mql_to_sql", r["mql_to_sql"], m2s),
                                    ("cost_per_mql", float(r["cost_per_mql"]), cpm)):
            if not lo <= val <= hi:
                problems.append(f"{ch} {name}={val:.4f} not in [{lo}, {hi}]")
    assert not problems, problems
    # every channel has leads and MQLs
    assert set(rates) == {"organic_search", "paid_search", "paid_social", "organic_social", "events_webinars",
                          "referral_partner", "email", "direct", "other"}
    assert all(r["mqls"] > 0 for r in rates.values())


def test_traffic_variants_map_to_their_channel():
    from mqlfunnel.devtools.generator.catalog import VARIANTS
    con = duckdb.connect()
    con.execute(CHANNEL_SQL)
    for ch, _, src, med, ref, _, platform, _ in VARIANTS:
        got = con.execute("SELECT chan(?, ?, ?)", [src, med, ref]).fetchone()[0]
        assert got == ch, (src, med, ref)
        if platform:  # ad spend is classified with an empty referrer
            assert con.execute("SELECT chan(?, ?, '')", [src, med]).fetchone()[0] == ch


def test_lead_first_touch_matches_first_pageview(default_con):
    # for web-originated leads the original_* fields are the first pageview's values
    bad = default_con.execute("""
        WITH cur AS (SELECT * FROM raw.crm_leads WHERE lead_id IS NOT NULL AND created_at IS NOT NULL
                     QUALIFY row_number() OVER (PARTITION BY lead_id ORDER BY updated_at DESC) = 1),
        own AS (SELECT visitor_id, any_value(lead_id) AS lead_id FROM raw.web_pageviews
                WHERE lead_id IS NOT NULL AND pageview_id NOT LIKE '%-o' GROUP BY 1),
        first AS (SELECT o.lead_id, min(p.occurred_at) AS t,
                         arg_min({'s': p.utm_source, 'm': p.utm_medium, 'r': p.referrer_host}, (p.occurred_at, p.pageview_id)) AS u
                  FROM raw.web_pageviews p JOIN own o USING (visitor_id)
                  WHERE p.occurred_at IS NOT NULL GROUP BY 1)
        SELECT count(*) FILTER (WHERE f.t < c.created_at AND (f.u.s IS DISTINCT FROM c.original_utm_source
                   OR f.u.m IS DISTINCT FROM c.original_utm_medium OR f.u.r IS DISTINCT FROM c.original_referrer_host)),
               count(*) FILTER (WHERE f.t < c.created_at)
        FROM cur c JOIN first f USING (lead_id)""").fetchone()
    assert bad[1] > 1000
    assert bad[0] <= 0.01 * bad[1]  # only leads whose visitor was taken over by a colleague


def test_realistic_values(default_con):
    q = default_con.execute
    titles = {r[0] for r in q("SELECT DISTINCT job_title FROM raw.crm_leads").fetchall()}
    assert {"VP Marketing", "Head of Growth", "Co-Founder", "Marketing Manager", "Student", "MVP Engineer"} <= titles
    inds = {r[0] for r in q("SELECT DISTINCT lower(trim(industry)) FROM raw.crm_leads").fetchall()}
    assert {"software", "saas", "fintech", "healthcare", "retail", "manufacturing"} <= inds
    free, invalid, total = q("""SELECT count(*) FILTER (WHERE lower(split_part(email, '@', 2)) IN
                                           ('gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com')),
                                       count(*) FILTER (WHERE email IS NULL OR email NOT LIKE '%_@%.%'),
                                       count(*) FROM raw.crm_leads""").fetchone()
    assert 0.03 < free / total < 0.15 and 0.002 < invalid / total < 0.05
    unserved = q("""SELECT avg((upper(trim(country)) NOT IN ('US','CA','GB','IE','DE','FR','NL','SE','DK','NO','FI','AU','NZ'))::INT)
                    FROM raw.crm_leads WHERE country IS NOT NULL""").fetchone()[0]
    assert 0.02 < unserved < 0.2
    paths = {r[0] for r in q("SELECT DISTINCT page_path FROM raw.web_pageviews").fetchall()}
    assert {"/", "/pricing", "/pricing?plan=pro", "/about"} <= paths
    assert any(p.startswith("/blog/") for p in paths) and any(p.startswith("/docs/") for p in paths)
    assert any(p.startswith("/product/") for p in paths)
    anon = q("SELECT avg((lead_id IS NULL)::INT) FROM raw.web_pageviews").fetchone()[0]
    assert 0.4 < anon < 0.9
    forms = {r[0] for r in q("SELECT DISTINCT form_type FROM raw.form_submissions").fetchall()}
    assert forms == {"demo_request", "content_download", "webinar_registration", "contact_us", "newsletter_signup"}
    assets = {r[0] for r in q("SELECT DISTINCT asset_type FROM raw.form_submissions WHERE asset_type IS NOT NULL").fetchall()}
    assert assets == {"case_study", "whitepaper", "ebook", "report"}
    evs = {r[0] for r in q("SELECT DISTINCT event_type FROM raw.email_events").fetchall()}
    assert evs == {"sent", "delivered", "open", "click", "reply", "bounce", "unsubscribe"}
    sts = {r[0] for r in q("SELECT DISTINCT new_status FROM raw.crm_lead_status_changes").fetchall()}
    assert {"sales_accepted", "sales_rejected"} <= sts
    won, lost, open_ = q("""SELECT count(*) FILTER (WHERE is_won), count(*) FILTER (WHERE is_closed AND NOT is_won),
                                   count(*) FILTER (WHERE NOT is_closed) FROM raw.crm_opportunities""").fetchone()
    assert won > 0 and lost > won and open_ > 0
    assert q("""SELECT count(*) FROM raw.crm_opportunities WHERE is_won AND
                (amount <= 0 OR gross_margin_pct NOT BETWEEN 50 AND 95)""").fetchone()[0] == 0
    platforms = {r[0] for r in q("SELECT DISTINCT platform FROM raw.ad_spend").fetchall()}
    assert {"google_ads", "linkedin_ads", "meta_ads"} <= platforms
    pc = {r[0] for r in q("SELECT DISTINCT channel FROM raw.program_costs").fetchall()}
    assert {"organic_search", "events_webinars", "referral_partner"} <= pc
    # speed to lead: about a third of MQLs are contacted within 5 minutes, the rest later
    channel_rates(default_con)  # builds t_dim (mql_at per live lead)
    within, contacted, mqls = q("""
        WITH fc AS (SELECT d.lead_id, min(a.occurred_at) AS t FROM t_dim d JOIN raw.crm_activities a
                    ON a.lead_id = d.lead_id AND a.occurred_at >= d.mql_at GROUP BY 1)
        SELECT count(*) FILTER (WHERE epoch(fc.t) - epoch(d.mql_at) <= 300), count(fc.t), count(*)
        FROM t_dim d LEFT JOIN fc USING (lead_id) WHERE d.mql_at IS NOT NULL""").fetchone()
    assert contacted > 0.95 * mqls
    assert 0.25 < within / contacted < 0.5


def test_bad_rows_of_every_kind(default_con):
    q = lambda sql: default_con.execute(sql).fetchone()[0]  # noqa: E731
    leads = q("SELECT count(*) FROM raw.crm_leads")
    # lead versions, deletions, NULL key, NULL timestamp
    assert q("""SELECT count(*) FROM (SELECT lead_id FROM raw.crm_leads WHERE lead_id IS NOT NULL
                GROUP BY 1 HAVING count(DISTINCT updated_at) > 1)""") > 0.002 * leads
    assert q("""SELECT count(*) FROM (SELECT lead_id, updated_at FROM raw.crm_leads WHERE lead_id IS NOT NULL
                GROUP BY ALL HAVING count(*) > 1)""") > 0
    assert q("""SELECT count(*) FROM raw.crm_leads l WHERE is_deleted AND updated_at =
                (SELECT max(updated_at) FROM raw.crm_leads x WHERE x.lead_id = l.lead_id)""") > 0.002 * leads
    assert q("SELECT count(*) FROM raw.crm_leads WHERE lead_id IS NULL") > 0
    assert q("SELECT count(*) FROM raw.crm_leads WHERE created_at IS NULL") > 0
    events = [("crm_lead_status_changes", "status_change_id", "changed_at"),
              ("crm_activities", "activity_id", "occurred_at"),
              ("crm_opportunities", "opportunity_id", "created_at"),
              ("web_pageviews", "pageview_id", "occurred_at"),
              ("form_submissions", "submission_id", "submitted_at"),
              ("email_events", "email_event_id", "occurred_at"),
              ("event_attendance", "attendance_id", "attended_at")]
    for t, idc, tsc in events:
        n = q(f"SELECT count(*) FROM raw.{t}")
        dups = q(f"SELECT count(*) - count(DISTINCT {idc}) - count(*) FILTER (WHERE {idc} IS NULL) FROM raw.{t}")
        exact = q(f"SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT * FROM raw.{t})) FROM raw.{t}")
        nulls = q(f"SELECT count(*) FROM raw.{t} WHERE {idc} IS NULL")
        nullts = q(f"SELECT count(*) FROM raw.{t} WHERE {tsc} IS NULL"
                   + (" AND attended" if t == "event_attendance" else ""))
        orphans = q(f"""SELECT count(*) FROM raw.{t} WHERE lead_id IS NOT NULL
                        AND lead_id NOT IN (SELECT lead_id FROM raw.crm_leads WHERE lead_id IS NOT NULL)""")
        deleted = q(f"""SELECT count(*) FROM raw.{t} WHERE lead_id IN (SELECT lead_id FROM raw.crm_leads
                        WHERE is_deleted AND lead_id IS NOT NULL)""")
        for name, v in (("dups", dups), ("nulls", nulls), ("null ts", nullts), ("orphans", orphans)):
            assert v >= 1, (t, name)
            assert v <= max(5, 0.012 * n), (t, name, v, n)
        assert exact == dups, t  # duplicated ids are exact copies
        if t not in ("crm_opportunities",):
            assert deleted > 0, t
    # spend: duplicate, negative, non-USD, NULL date; costs: non-canonical channel, negative, NULL month
    assert q("SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT * FROM raw.ad_spend)) FROM raw.ad_spend") > 0
    assert q("SELECT count(*) FROM raw.ad_spend WHERE spend < 0") > 0
    assert q("SELECT count(*) FROM raw.ad_spend WHERE lower(trim(currency)) <> 'usd'") > 0
    assert q("SELECT count(*) FROM raw.ad_spend WHERE spend_date IS NULL") > 0
    assert q("""SELECT count(*) FROM raw.program_costs WHERE lower(trim(channel)) NOT IN ('organic_search',
                'paid_search','paid_social','organic_social','events_webinars','referral_partner','email','direct','other')""") > 0
    assert q("SELECT count(*) FROM raw.program_costs WHERE cost < 0") > 0
    assert q("SELECT count(*) FROM raw.program_costs WHERE cost_month IS NULL") > 0
    assert q("SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT * FROM raw.program_costs)) FROM raw.program_costs") > 0
    # clean natural keys are unique: ad_spend per (date, platform, source, medium, campaign), costs per (month, channel)
    assert q("""SELECT count(*) FROM (SELECT spend_date, platform, utm_source, utm_medium, campaign
                FROM (SELECT DISTINCT * FROM raw.ad_spend WHERE spend_date IS NOT NULL AND spend >= 0 AND currency = 'USD')
                GROUP BY ALL HAVING count(*) > 1)""") == 0
    assert q("""SELECT count(*) FROM (SELECT cost_month, channel FROM (SELECT DISTINCT * FROM raw.program_costs
                WHERE cost_month IS NOT NULL AND cost >= 0) GROUP BY ALL HAVING count(*) > 1)""") == 0


def test_calibration_reads_the_project_seeds_and_vars() -> None:
    from mqlfunnel.devtools.generator.scoring import ScoringRules
    from mqlfunnel.project import project_vars, read_seed

    rules = ScoringRules.from_project()
    assert rules.points == {row["rule_id"]: int(row["points"]) for row in read_seed("scoring_rules")}
    assert rules.served_countries == tuple(row["country_code"] for row in read_seed("served_countries"))
    assert rules.settings["mql_threshold"] == project_vars()["mql_threshold"]


def test_calibration_follows_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """With an MQL threshold no lead reaches, the generator places no MQL follow-up ('working')."""
    from mqlfunnel.devtools.generator import scoring

    def working(con: duckdb.DuckDBPyConnection) -> int:
        generate(con, leads=300, months=2, end_month="2026-03-01", seed=3)
        return con.execute("select count(*) from raw.crm_lead_status_changes where new_status = 'working'").fetchone()[0]

    with duckdb.connect() as con:
        assert working(con) > 0
    defaults = scoring.project_vars()
    monkeypatch.setattr(scoring, "project_vars", lambda: {**defaults, "mql_threshold": 10_000})
    with duckdb.connect() as con:
        assert working(con) == 0


# ---------------------------------------------------------------------------
# shape hubspot: vendor tables and the section 2 rows they map to
# ---------------------------------------------------------------------------

def _landed_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """The columns and types of every table, by schema.table."""
    got: dict[str, list[tuple[str, str]]] = {}
    for schema, table, column, kind in con.execute(
            "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns"
            " ORDER BY table_schema, table_name, ordinal_position").fetchall():
        got.setdefault(f"{schema}.{table}", []).append((column, kind))
    return got


def _vendor_shaped(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return generate(con, leads=400, months=3, end_month="2026-03-01", seed=5, shape="hubspot")


def test_hubspot_shape_columns_ids_and_values() -> None:
    from mqlfunnel.devtools.generator.vendor_tables import VENDOR_COLUMNS, VENDOR_SCHEMAS

    con = duckdb.connect()
    counts = _vendor_shaped(con)
    assert set(counts) == {*VENDOR_COLUMNS, *(f"raw.{t}" for t in RAW_TABLES)}
    assert all(rows > 0 for rows in counts.values()), counts
    got = _landed_columns(con)
    assert {t: c for t, c in got.items() if t.split(".")[0] in VENDOR_SCHEMAS} == VENDOR_COLUMNS
    assert {t.split(".")[1]: c for t, c in got.items() if t.startswith("raw.")} == RAW_COLUMNS
    # Fivetran's names and types, not just our own constant
    contact = dict(VENDOR_COLUMNS["hubspot.contact"])
    assert contact["id"] == "BIGINT" and contact["property_createdate"] == "TIMESTAMP"
    assert contact["_fivetran_deleted"] == "BOOLEAN" and contact["property_numemployees"] == "VARCHAR"
    assert dict(VENDOR_COLUMNS["google_ads.ad_stats"])["cost_micros"] == "BIGINT"

    def q(sql: str) -> object:
        return con.execute(sql).fetchone()[0]

    # section 2 rows are what the adapters map to: HubSpot ids as text, mapped statuses, platform names
    assert q("SELECT count(*) FROM raw.crm_leads WHERE NOT regexp_full_match(lead_id, '[0-9]+')") == 0
    assert q("""SELECT count(*) FROM raw.crm_leads l WHERE l.lead_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM hubspot.contact c WHERE c.id::VARCHAR = l.lead_id)""") == 0
    assert q("SELECT list(DISTINCT new_status ORDER BY new_status) FROM raw.crm_lead_status_changes") == [
        "sales_accepted", "sales_rejected"]
    assert q("SELECT list(DISTINCT platform ORDER BY platform) FROM raw.ad_spend") == [
        "facebook_ads", "google_ads", "linkedin_ads", "microsoft_ads"]
    assert q("SELECT count(*) FROM raw.ad_spend") == sum(counts[t] for t in (
        "google_ads.ad_stats", "linkedin_ads.ad_analytics_by_creative", "facebook_ads.basic_ad",
        "microsoft_ads.ad_performance_daily_report"))
    assert q("SELECT count(*) FROM raw.crm_activities WHERE activity_type NOT IN ('call', 'email', 'meeting')") == 0
    assert q("SELECT count(*) FROM raw.email_events WHERE event_type = 'reply'"
             " AND NOT email_event_id LIKE 'engagement-%'") == 0
    # the vendor-only bad input is there
    assert q("SELECT count(*) FROM hubspot.contact WHERE property_hs_merged_object_ids IS NOT NULL") > 0
    assert q("SELECT count(*) FROM hubspot.contact WHERE _fivetran_deleted") > 0
    assert q("""SELECT count(*) FROM (SELECT lower(trim(email)) FROM raw.crm_leads  -- an ambiguous recipient
                WHERE NOT is_deleted AND email LIKE '%@%' GROUP BY 1 HAVING count(DISTINCT lead_id) > 1)""") > 0
    assert q("SELECT count(*) FROM hubspot.email_event WHERE type = 'PROCESSED'") > 0
    assert q("SELECT count(*) FROM hubspot.engagement WHERE type IN ('NOTE', 'TASK')") > 0
    assert q("""SELECT count(*) FROM hubspot.engagement e WHERE e.id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM hubspot.engagement_contact c WHERE c.engagement_id = e.id)""") > 0
    assert q("SELECT count(*) FROM hubspot.contact_property_history WHERE name NOT IN ('lifecyclestage',"
             " 'hs_lead_status')") > 0
    assert q("SELECT count(*) FROM hubspot.contact WHERE property_hs_analytics_first_url LIKE '%utm_medium=%'") > 0
    assert q("""SELECT count(*) FROM hubspot.contact WHERE property_hs_analytics_first_url NOT LIKE '%utm_medium=%'
                AND property_hs_analytics_source IN ('ORGANIC_SEARCH', 'PAID_SEARCH', 'PAID_SOCIAL')""") > 0
    assert q("SELECT list(DISTINCT currency ORDER BY currency) FROM linkedin_ads.account_history") == [
        "EUR", "GBP", "USD"]
    assert q("SELECT count(*) FROM facebook_ads.creative_history WHERE json_valid(url_tags)") > 0
    assert q("SELECT count(*) FROM google_ads.ad_stats WHERE cost_micros < 0") > 0
    # deterministic
    other = duckdb.connect()
    _vendor_shaped(other)
    for table in VENDOR_COLUMNS:
        assert (con.execute(f"SELECT count(*), sum(hash(t)) FROM {table} t").fetchone()
                == other.execute(f"SELECT count(*), sum(hash(t)) FROM {table} t").fetchone()), table
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()[0] == 0
    with pytest.raises(ValueError, match="shape"):
        generate(duckdb.connect(), leads=10, months=1, shape="pipedrive")


# ---------------------------------------------------------------------------
# shape salesforce: Salesforce's tables and the section 2 rows they map to
# ---------------------------------------------------------------------------

def _salesforce_shaped(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return generate(con, leads=400, months=3, end_month="2026-03-01", seed=5, shape="salesforce")


def test_salesforce_shape_columns_ids_and_values() -> None:
    from mqlfunnel.devtools.generator.salesforce_tables import SALESFORCE_COLUMNS

    con = duckdb.connect()
    counts = _salesforce_shaped(con)
    assert set(counts) == {*SALESFORCE_COLUMNS, *(f"raw.{t}" for t in RAW_TABLES)}
    assert all(rows > 0 for rows in counts.values()), counts
    got = _landed_columns(con)
    assert {t: c for t, c in got.items() if t.startswith("salesforce.")} == SALESFORCE_COLUMNS
    assert {t.split(".")[1]: c for t, c in got.items() if t.startswith("raw.")} == RAW_COLUMNS
    # Fivetran's names and types: date-only close_date, custom fields *_c, History Mode
    opportunity, lead = dict(SALESFORCE_COLUMNS["salesforce.opportunity"]), dict(SALESFORCE_COLUMNS["salesforce.lead"])
    assert opportunity["close_date"] == "DATE" and opportunity["created_date"] == "TIMESTAMP"
    assert {"utm_source_c", "utm_medium_c", "referrer_c", "_fivetran_active"} <= set(lead)

    def q(sql: str) -> object:
        return con.execute(sql).fetchone()[0]

    # 18-character ids with the object's key prefix, in the Salesforce tables and in raw
    for table, prefix in (("lead", "00Q"), ("task", "00T"), ("event", "00U"), ("opportunity", "006"),
                          ("campaign", "701"), ("campaign_member", "00v"), ("lead_history", "017")):
        assert q(f"SELECT count(*) FROM salesforce.{table} WHERE id IS NOT NULL"
                 f" AND NOT regexp_full_match(id, '{prefix}[0-9A-Za-z]{{15}}')") == 0, table
    assert q("""SELECT count(*) FROM raw.crm_leads l WHERE l.lead_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM salesforce.lead s WHERE s.id = l.lead_id)""") == 0
    assert q("SELECT count(*) FROM raw.web_pageviews WHERE lead_id IS NOT NULL AND lead_id NOT LIKE '00Q%'") == 0
    assert q("SELECT list(DISTINCT new_status ORDER BY new_status) FROM raw.crm_lead_status_changes") == [
        "sales_accepted", "sales_rejected"]
    assert q("SELECT count(*) FROM raw.crm_opportunities WHERE closed_at <> closed_at::DATE") == 0
    # History Mode: several versions of one id, one active
    assert q("""SELECT count(*) FROM (SELECT id FROM salesforce.lead WHERE id IS NOT NULL GROUP BY id
                HAVING count(*) > 1 AND count(*) FILTER (WHERE _fivetran_active) = 1)""") > 0
    for table in ("task", "opportunity"):
        assert q(f"SELECT count(*) FROM salesforce.{table} WHERE NOT _fivetran_active") > 0, table
    # converted leads: activities on the contact, opportunities by conversion and by primary contact role
    assert q("SELECT count(*) FROM salesforce.task WHERE who_id LIKE '003%'") > 0
    assert q("SELECT count(*) FROM salesforce.lead WHERE converted_opportunity_id IS NOT NULL") > 0
    assert q("SELECT count(*) FROM salesforce.opportunity_contact_role WHERE is_primary") > 0
    assert q("""SELECT count(*) FROM (SELECT converted_contact_id FROM salesforce.lead  -- two leads, one contact
                WHERE _fivetran_active AND converted_contact_id IS NOT NULL
                GROUP BY 1 HAVING count(DISTINCT id) > 1)""") == 1
    # the Salesforce-only bad input is there
    for table in ("task", "event", "opportunity", "lead_history", "campaign_member"):
        assert q(f"SELECT count(*) FROM salesforce.{table} WHERE is_deleted") > 0, table
    assert q("SELECT count(*) FROM salesforce.lead_history WHERE field <> 'Status'") > 0
    assert q("SELECT count(*) FROM salesforce.lead WHERE lead_source = 'Cold Call'") > 0
    assert q("SELECT count(*) FROM salesforce.campaign WHERE type = 'Email'") > 0
    assert q("SELECT count(*) FROM salesforce.opportunity_contact_role WHERE NOT is_primary") > 0
    # deterministic, and leaves no temp table behind
    other = duckdb.connect()
    _salesforce_shaped(other)
    for table in [*SALESFORCE_COLUMNS, *(f"raw.{t}" for t in RAW_TABLES)]:
        assert (con.execute(f"SELECT count(*), sum(hash(t)) FROM {table} t").fetchone()
                == other.execute(f"SELECT count(*), sum(hash(t)) FROM {table} t").fetchone()), table
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()[0] == 0


def test_generate_command_shape(tmp_path: Path) -> None:
    from mqlfunnel.cli import main

    database = tmp_path / "shaped.duckdb"
    assert main(["--database", str(database), "generate", "--shape", "hubspot", "--leads", "200", "--months", "2",
                 "--end-month", "2026-03-01"]) == 0
    with duckdb.connect(str(database), read_only=True) as con:
        schemas = {row[0] for row in con.execute("SELECT schema_name FROM information_schema.schemata").fetchall()}
    assert {"raw", "hubspot", "segment", "google_ads", "linkedin_ads", "facebook_ads", "microsoft_ads"} <= schemas


def test_generate_command_salesforce_shape_exports_what_load_reads(tmp_path: Path) -> None:
    from mqlfunnel.cli import main

    generated, loaded, folder = tmp_path / "generated.duckdb", tmp_path / "loaded.duckdb", tmp_path / "landing"
    assert main(["--database", str(generated), "generate", "--shape", "salesforce", "--leads", "200", "--months", "2",
                 "--end-month", "2026-03-01", "--export", str(folder), "--format", "csv"]) == 0
    assert (folder / "salesforce" / "opportunity.csv").is_file() and (folder / "crm_leads.csv").is_file()
    assert main(["--database", str(loaded), "load", "--from", str(folder)]) == 0
    tables = ["salesforce.lead", "salesforce.opportunity", "salesforce.campaign_member", "raw.crm_leads"]
    counts = {}
    for database in (generated, loaded):
        with duckdb.connect(str(database), read_only=True) as con:
            counts[database] = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
    assert counts[generated] == counts[loaded] and min(counts[loaded]) > 0
