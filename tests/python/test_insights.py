"""Revenue insights (models/marts/insights) on two fixtures worked by hand.

decline (Feb-Apr 2026, organic search and paid social). Every MQL scores its
fit at creation and crosses a day later with a demo request (+30) and an
e-mail reply (+12); fit 50 = ICP industry + size + decision-maker title,
fit 20 = ICP industry only, fit 15 = company size only.

    month  channel      fit  MQLs  SQLs | visitors  ad spend
    Feb    organic       50   150    62 |    2,000         -
    Feb    paid social   20   150    37 |    2,000    67,500
    Mar    organic       50    70    50 |    4,000         -
    Mar    organic       20   130    39 |
    Mar    paid social   20    60    11 |    6,000    45,000
    Mar    paid social   15   240    10 |
    Apr    organic       50   100    20 |   10,000         -
    Apr    paid social   15   100    18 |   10,000    30,000

Blended MQL-to-SQL: Feb 99/300 = 33 %, Mar 110/500 = 22 % (fell 11 points),
Apr 38/200 = 19 %. Mar vs Feb, a channel contributes
sqls_now/500 - sqls_before/300: paid social 21/500 - 37/300 = -0.08133, i.e.
0.08133/0.11 = 73.9 % -> "74%" of the decline; organic 89/500 - 62/300 =
-0.02867. Fit of March MQLs on a 0-100 scale (percent of the 50 fit points
the rules can award): paid social (60 x 20 + 240 x 15) / 300 = 16 -> 32;
organic (70 x 50 + 130 x 20) / 200 = 30.5 -> 61.

lifecycle (Jan-Mar 2026): referral partner cohorts for the capacity plan and
margins, ten paid-search MQLs with hand-placed first contacts for speed to
lead, recycled organic MQLs (in nurture 30+ days) against first-pass ones, and
nurture-stage leads.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import query
from mqlfunnel.project import run_dbt
from mqlfunnel.schema import create_raw_tables

# --------------------------------------------------------------------------
# fixture helpers
# --------------------------------------------------------------------------

FIT_PROFILES = {  # fit points -> (job_title, industry, employee_count)
    50: ("VP Marketing", "Software", 250),
    20: ("Marketing Manager", "Software", 10),
    15: ("Marketing Manager", "Retail", 250),
    0: ("Marketing Manager", "Retail", 10),
}
TOUCHES = {  # channel -> (utm_source, utm_medium) of the lead's first touch
    "organic_search": ("google", "organic"),
    "paid_social": ("linkedin", "paid_social"),
    "paid_search": ("google", "cpc"),
    "referral_partner": ("partnerco", "partner"),
}


def insert_leads(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """rows: (lead_id, channel, fit, created_at[, email])."""
    con.executemany(
        "insert into raw.crm_leads values (?, ?, ?, ?, ?, ?, 'US', ?, ?, null, ?, ?, false)",
        [
            (
                lead_id,
                (rest[0] if rest else f"{lead_id.lower()}@company-{lead_id.lower()}.com"),
                FIT_PROFILES[fit][0],
                f"Company {lead_id}",
                FIT_PROFILES[fit][1],
                FIT_PROFILES[fit][2],
                *TOUCHES[channel],
                created_at,
                created_at,
            )
            for lead_id, channel, fit, created_at, *rest in rows
        ],
    )


def insert_forms(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """rows: (lead_id, 'demo' or 'case_study', submitted_at)."""
    con.executemany(
        "insert into raw.form_submissions values (?, ?, ?, ?, ?)",
        [
            (
                f"F-{lead_id}-{kind}",
                lead_id,
                "demo_request" if kind == "demo" else "content_download",
                None if kind == "demo" else "case_study",
                at,
            )
            for lead_id, kind, at in rows
        ],
    )


def insert_acceptances(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """rows: (lead_id, changed_at)."""
    con.executemany(
        "insert into raw.crm_lead_status_changes values (?, ?, 'sales_accepted', ?, 'rep')",
        [(f"S-{lead_id}", lead_id, at) for lead_id, at in rows],
    )


# --------------------------------------------------------------------------
# fixture 1: decline
# --------------------------------------------------------------------------

# (month, channel, fit, mqls, sqls)
DECLINE_BLOCKS = [
    ("2026-02", "organic_search", 50, 150, 62),
    ("2026-02", "paid_social", 20, 150, 37),
    ("2026-03", "organic_search", 50, 70, 50),
    ("2026-03", "organic_search", 20, 130, 39),
    ("2026-03", "paid_social", 20, 60, 11),
    ("2026-03", "paid_social", 15, 240, 10),
    ("2026-04", "organic_search", 50, 100, 20),
    ("2026-04", "paid_social", 15, 100, 18),
]
# (month, channel, anonymous visitors)
DECLINE_VISITORS = [
    ("2026-02", "organic_search", 2_000),
    ("2026-02", "paid_social", 2_000),
    ("2026-03", "organic_search", 4_000),
    ("2026-03", "paid_social", 6_000),
    ("2026-04", "organic_search", 10_000),
    ("2026-04", "paid_social", 10_000),
]
# paid social ad spend per month: cost per MQL 450, 150, 300
DECLINE_SPEND = [("2026-02-01", 67_500), ("2026-03-01", 45_000), ("2026-04-01", 30_000)]


def fill_decline(con: duckdb.DuckDBPyConnection) -> None:
    for block, (month, channel, fit, mqls, sqls) in enumerate(DECLINE_BLOCKS):
        title, industry, employees = FIT_PROFILES[fit]
        source, medium = TOUCHES[channel]
        created = f"timestamp '{month}-02 08:00:00' + to_minutes(i)"
        engaged = f"timestamp '{month}-03 08:00:00' + to_minutes(i)"
        lead = f"'B{block}-' || i"
        con.execute(
            f"""
            insert into raw.crm_leads
            select {lead}, 'p' || i || '@b{block}-' || i || '.com', '{title}', 'Co', '{industry}',
                   {employees}, 'US', '{source}', '{medium}', null, {created}, {created}, false
            from range({mqls}) as t(i)
            """
        )
        con.execute(
            f"""
            insert into raw.form_submissions
            select 'F' || {lead}, {lead}, 'demo_request', null, {engaged}
            from range({mqls}) as t(i)
            """
        )
        con.execute(
            f"""
            insert into raw.email_events
            select 'E' || {lead}, {lead}, 'c1', 'reply', {engaged}
            from range({mqls}) as t(i)
            """
        )
        con.execute(
            f"""
            insert into raw.crm_lead_status_changes
            select 'S' || {lead}, {lead}, 'sales_accepted', {engaged} + interval 2 day, 'rep'
            from range({sqls}) as t(i)
            """
        )
    for month, channel, visitors in DECLINE_VISITORS:
        source, medium = TOUCHES[channel]
        con.execute(
            f"""
            insert into raw.web_pageviews
            select 'PV-{month}-{channel}-' || i, 'V-{month}-{channel}-' || i, null,
                   timestamp '{month}-10 12:00:00' + to_seconds(i), '/', '{source}', '{medium}', 'c', null
            from range({visitors}) as t(i)
            """
        )
    con.executemany(
        "insert into raw.ad_spend values (?, 'linkedin_ads', 'linkedin', 'paid_social', 'abm', ?, 'USD')",
        DECLINE_SPEND,
    )


@pytest.fixture(scope="module")
def decline(warehouse_builder) -> Path:
    return warehouse_builder(fill_decline, name="decline")


def test_decline_fixture_funnel(decline: Path) -> None:
    assert query(decline, "select month, visitors, mqls, sqls, spend from fct_funnel_monthly order by month") == [
        (date(2026, 2, 1), 4_000, 300, 99, 67_500),
        (date(2026, 3, 1), 10_000, 500, 110, 45_000),
        (date(2026, 4, 1), 20_000, 200, 38, 30_000),
    ]


def test_change_sentence_reproduces_the_issue(decline: Path) -> None:
    [row] = query(
        decline,
        """
        select prior_mql_to_sql_rate, mql_to_sql_rate, rate_change, rate_change_points, driver_channel,
               driver_share_of_change, driver_avg_fit_score_pct, comparison_channel,
               comparison_avg_fit_score_pct, explained_change, narrative
        from fct_mql_to_sql_rate_change
        where month = date '2026-03-01'
        """,
    )
    prior, rate, change, points, driver, share, driver_fit, comparison, comparison_fit, explained, narrative = row
    assert prior == pytest.approx(99 / 300) and rate == pytest.approx(110 / 500)
    assert change == pytest.approx(-0.11) and points == pytest.approx(-11)
    assert explained == pytest.approx(change, abs=1e-12)
    assert (driver, comparison) == ("paid_social", "organic_search")
    assert share == pytest.approx((37 / 300 - 21 / 500) / 0.11)  # 0.7394
    assert driver_fit == pytest.approx(32) and comparison_fit == pytest.approx(61)
    assert narrative == (
        "MQL-to-SQL rate fell 11 points. 74% of the decline is from paid social MQLs, "
        "where fit scores average 32 versus 61 for organic search MQLs."
    )


def test_change_attribution_rate_and_mix_effects(decline: Path) -> None:
    rows = query(
        decline,
        """
        select channel, prior_mql_share, mql_share, prior_mql_to_sql_rate, mql_to_sql_rate,
               rate_effect, mix_effect, contribution, share_of_change, avg_fit_score
        from fct_mql_to_sql_rate_attribution
        where month = date '2026-03-01' and (mqls > 0 or prior_mqls > 0)
        order by channel
        """,
    )
    expected = {
        # channel: (share before, share now, rate before, rate now, fit points now)
        "organic_search": (150 / 300, 200 / 500, 62 / 150, 89 / 200, 30.5),
        "paid_social": (150 / 300, 300 / 500, 37 / 150, 21 / 300, 16.0),
    }
    assert [r[0] for r in rows] == sorted(expected)
    for channel, s0, s1, r0, r1, rate_effect, mix_effect, contribution, share, fit in rows:
        e0, e1, f0, f1, efit = expected[channel]
        assert (s0, s1, r0, r1) == pytest.approx((e0, e1, f0, f1))
        assert rate_effect == pytest.approx((f1 - f0) * (e0 + e1) / 2)
        assert mix_effect == pytest.approx((e1 - e0) * (f0 + f1) / 2)
        assert contribution == pytest.approx(e1 * f1 - e0 * f0)
        assert rate_effect + mix_effect == pytest.approx(contribution, abs=1e-12)
        assert share == pytest.approx(contribution / -0.11)
        assert fit == pytest.approx(efit)
    # the other channels have no MQLs in either month and contribute nothing
    assert query(
        decline,
        """
        select count(*), sum(abs(contribution))
        from fct_mql_to_sql_rate_attribution
        where month = date '2026-03-01' and mqls = 0 and prior_mqls = 0
        """,
    ) == [(7, 0.0)]


def test_change_when_other_channels_offset_the_driver(decline: Path) -> None:
    """April: 19 % vs 22 %. Paid social adds 18/200 - 21/500 = +0.048, organic
    takes 20/200 - 89/500 = -0.078, i.e. 260 % of the 3-point decline."""
    [(driver, share, narrative)] = query(
        decline,
        "select driver_channel, driver_share_of_change, narrative from fct_mql_to_sql_rate_change "
        "where month = date '2026-04-01'",
    )
    assert driver == "organic_search"
    assert share == pytest.approx(0.078 / 0.03)
    assert narrative == (
        "MQL-to-SQL rate fell 3 points. 260% of the decline is from organic search MQLs, "
        "where fit scores average 100 versus 30 for paid social MQLs."
    )
    # February has no previous month with MQLs: no attribution
    assert query(decline, "select min(month) from fct_mql_to_sql_rate_change") == [(date(2026, 3, 1),)]


def test_mql_health_alerts(decline: Path) -> None:
    """Feb visitor-to-MQL 7.5 % > 6 %; Apr 1 % < 1.5 %; MQL-to-SQL 22 % (Mar)
    then 19 % (Apr): below 25 % two months running in April, below 20 % in
    April only; fit is 50 of 125 points = 40 %, inside 40-50 % (inclusive)."""
    alerts = query(decline, "select month, check_id, metric_value from fct_mql_health where is_alert order by 1, 2")
    assert [(m, c) for m, c, _ in alerts] == [
        (date(2026, 2, 1), "visitor_to_mql_above_max"),
        (date(2026, 4, 1), "mql_to_sql_below_floor"),
        (date(2026, 4, 1), "mql_to_sql_below_review_line"),
        (date(2026, 4, 1), "visitor_to_mql_below_min"),
    ]
    assert [v for _, _, v in alerts] == pytest.approx([0.075, 0.19, 0.19, 0.01])
    assert query(
        decline,
        "select month, is_breached, breached_months_running, is_alert from fct_mql_health "
        "where check_id = 'mql_to_sql_below_review_line' order by month",
    ) == [
        (date(2026, 2, 1), False, 0, False),
        (date(2026, 3, 1), True, 1, False),
        (date(2026, 4, 1), True, 2, True),
    ]
    fit_share = query(
        decline,
        "select distinct metric_value, is_breached from fct_mql_health where metric = 'fit_share_of_max_score'",
    )
    assert fit_share == [(pytest.approx(0.4), False)]
    assert query(
        decline,
        "select alert from fct_mql_health where month = date '2026-04-01' and check_id = 'mql_to_sql_below_floor'",
    ) == [("MQL-to-SQL rate is below the floor: marketing is passing non-viable leads",)]


def test_channel_benchmarks(decline: Path) -> None:
    rows = query(
        decline,
        """
        select month, channel, metric, actual_value, status, is_underperforming, recommended_action
        from fct_channel_benchmarks
        where channel in ('organic_search', 'paid_social')
        order by month, channel, metric
        """,
    )
    by_key = {(m, c, k): (v, s, u, a) for m, c, k, v, s, u, a in rows}
    mar, apr = date(2026, 3, 1), date(2026, 4, 1)
    assert by_key[(mar, "paid_social", "visitor_to_mql_rate")] == (pytest.approx(0.05), "above", False, None)
    assert by_key[(mar, "paid_social", "mql_to_sql_rate")] == (
        pytest.approx(0.07), "below", True, "Review audience targeting against ICP criteria"
    )
    assert by_key[(mar, "paid_social", "cost_per_mql")] == (pytest.approx(150), "below", False, None)
    assert by_key[(mar, "organic_search", "visitor_to_mql_rate")] == (pytest.approx(0.05), "within", False, None)
    assert by_key[(mar, "organic_search", "mql_to_sql_rate")] == (pytest.approx(0.445), "within", False, None)
    # exactly the minimum of the paid social range (1 %) is within
    assert by_key[(apr, "paid_social", "visitor_to_mql_rate")] == (pytest.approx(0.01), "within", False, None)
    underperforming = [(m, c, k, a) for (m, c, k), (_, _, u, a) in sorted(by_key.items()) if u]
    assert underperforming == [
        (date(2026, 2, 1), "paid_social", "cost_per_mql", "Review audience targeting against ICP criteria"),
        (date(2026, 3, 1), "paid_social", "mql_to_sql_rate", "Review audience targeting against ICP criteria"),
        (apr, "organic_search", "mql_to_sql_rate", "Improve content targeting toward buyer-intent keywords"),
        (apr, "organic_search", "visitor_to_mql_rate", "Improve content targeting toward buyer-intent keywords"),
    ]
    # channels without data have no status; events are judged on attendees
    assert query(
        decline,
        "select distinct channel, metric, status from fct_channel_benchmarks "
        "where channel = 'events_webinars' order by metric",
    ) == [
        ("events_webinars", "attendee_to_mql_rate", None),
        ("events_webinars", "cost_per_mql", None),
        ("events_webinars", "mql_to_sql_rate", None),
    ]


def test_sales_waste(decline: Path) -> None:
    """March: 500 MQLs at 22 % MQL-to-SQL, 15 minutes each: 390 x 15 / 60 = 97.5
    hours = 97.5 / 160 = 0.609 full-time reps."""
    rows = query(
        decline,
        "select channel, unconverted_mqls, wasted_review_hours, wasted_rep_fte from fct_sales_waste "
        "where month = date '2026-03-01' and mqls > 0 order by channel",
    )
    assert rows == [
        ("organic_search", 111, pytest.approx(27.75), pytest.approx(27.75 / 160)),
        ("paid_social", 279, pytest.approx(69.75), pytest.approx(69.75 / 160)),
    ]
    [(hours, fte)] = query(
        decline,
        "select sum(wasted_review_hours), sum(wasted_rep_fte) from fct_sales_waste where month = date '2026-03-01'",
    )
    assert hours == pytest.approx(97.5) and fte == pytest.approx(0.609375)


def test_rule_lift_and_suggested_points(decline: Path) -> None:
    """Among the 1,000 MQLs: decision-maker title (fit-50 leads) 132/320 SQL vs
    115/680 without, lift 2.44 -> capped at 2 -> 15 x 2 = 30 points; ICP
    industry 219/660 vs 28/340, lift 4.03 -> 40; company size 160/660 vs 87/340,
    lift 0.947 -> 15 x 0.947 = 14.2 -> 14. Every MQL has the demo request and
    the reply (nobody without) and nobody has the other signals: unchanged."""
    rows = {
        r[0]: r[1:]
        for r in query(
            decline,
            "select rule_id, points, mqls_with_signal, sqls_with_signal, mqls_without_signal, sqls_without_signal, "
            "sql_rate_lift, won_rate_lift, applied_lift, suggested_points from fct_scoring_rule_lift",
        )
    }
    assert rows["decision_maker_title"] == (
        15, 320, 132, 680, 115, pytest.approx((132 / 320) / (115 / 680)), None, 2.0, 30
    )
    assert rows["icp_industry"] == (20, 660, 219, 340, 28, pytest.approx((219 / 660) / (28 / 340)), None, 2.0, 40)
    assert rows["company_size"] == (
        15, 660, 160, 340, 87, pytest.approx((160 / 660) / (87 / 340)), None, pytest.approx(0.9474, abs=1e-4), 14
    )
    for rule in ("demo_request", "email_reply"):
        assert rows[rule][1:5] == (1000, 247, 0, 0) and rows[rule][7:] == (None, rows[rule][0])
    for rule in ("wrong_geography", "pricing_page_visit", "case_study_download", "blog_visits_3_in_7d"):
        assert rows[rule][1:5] == (0, 0, 1000, 247) and rows[rule][7:] == (None, rows[rule][0])


def test_threshold_sweep(decline: Path) -> None:
    """Scores at crossing: fit 50 -> 92, fit 20 -> 62, fit 15 -> 57."""
    rows = query(
        decline,
        "select mql_threshold, mqls, sqls, mql_to_sql_rate, is_current_threshold "
        "from fct_scoring_threshold_sweep order by 1",
    )
    everyone, no_fit_15, fit_50_only = (1000, 247), (660, 219), (320, 132)
    expected = {t: everyone for t in range(30, 56, 5)} | {60: no_fit_15} | {t: fit_50_only for t in range(65, 81, 5)}
    assert [(t, m, s) for t, m, s, _, _ in rows] == [(t, *expected[t]) for t in range(30, 81, 5)]
    assert [r[3] for r in rows] == pytest.approx([s / m for m, s in (expected[t] for t in range(30, 81, 5))])
    assert [t for t, *_, current in rows if current] == [50]
    [(avg_monthly,)] = query(
        decline, "select avg_monthly_mqls from fct_scoring_threshold_sweep where mql_threshold = 50"
    )
    assert avg_monthly == pytest.approx(1000 / 3)


def test_scoring_calibration_analysis(decline: Path, tmp_path: Path) -> None:
    """The analysis compiles and, run on the fixture, lists the point changes
    (largest first) and threshold 60, the lowest whose MQL-to-SQL rate (219/660)
    reaches the 25 % review line (30-55 give 24.7 %)."""
    target = tmp_path / "target"
    run_dbt(
        ["compile", "--select", "scoring_calibration"],
        duckdb_path=decline,
        target_path=target,
        capture=True,
    )
    [compiled] = list(target.glob("compiled/**/analyses/scoring_calibration.sql"))
    rows = query(decline, compiled.read_text())
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("rule_points", "icp_industry", 20, 40),
        ("rule_points", "decision_maker_title", 15, 30),
        ("rule_points", "company_size", 15, 14),
        ("mql_threshold", "mql_threshold", 50, 60),
    ]
    threshold_row = rows[-1]
    assert threshold_row[5:] == (
        pytest.approx(219 / 660), pytest.approx(0.247), pytest.approx((219 / 660) / 0.247), 660
    )


# --------------------------------------------------------------------------
# fixture 2: lifecycle
# --------------------------------------------------------------------------

def ts(text: str) -> datetime:
    return datetime.fromisoformat(text)


# referral partner cohorts: (month, MQLs, SQLs); the first lead of January
# and of February closes won
REFERRAL_COHORTS = [("2026-01", 20, 4), ("2026-02", 10, 2), ("2026-03", 10, 2)]
# paid search, March: minutes from mql_at to the first contact (None: never)
# and whether the lead became an SQL
SPEED_LEADS = [(1, True), (3, True), (5, False), (5.5, True), (10, False), (30, False), (60, False), (120, False),
               (None, False), (None, False)]


def fill_lifecycle(con: duckdb.DuckDBPyConnection) -> None:
    leads, forms, acceptances, activities, opportunities = [], [], [], [], []
    # referral partner: fit 50, demo an hour after creation = mql_at
    for month, mqls, sqls in REFERRAL_COHORTS:
        for i in range(mqls):
            lead_id = f"R{month}-{i}"
            created = ts(f"{month}-05 09:00:00") + timedelta(minutes=i)
            mql_at = created + timedelta(hours=1)
            leads.append((lead_id, "referral_partner", 50, created))
            forms.append((lead_id, "demo", mql_at))
            if i < sqls:
                acceptances.append((lead_id, mql_at + timedelta(days=1)))
    won = [  # (lead, opportunity, amount, gross_margin_pct)
        ("R2026-01-0", "O1", 10_000, 72.5),
        ("R2026-01-0", "O1b", 5_000, None),  # a second win without a margin
        ("R2026-02-0", "O2", 20_000, 80.0),
    ]
    for lead_id, opportunity_id, amount, margin in won:
        month = lead_id[1:8]
        mql_at = ts(f"{month}-05 10:00:00")
        opportunities.append(
            (opportunity_id, lead_id, mql_at + timedelta(days=2), "closed_won", True, True,
             mql_at + timedelta(days=10), amount, margin)
        )
    # paid search, March: speed to lead
    for i, (minutes, is_sql) in enumerate(SPEED_LEADS):
        lead_id = f"P{i}"
        created = ts("2026-03-10 09:00:00") + timedelta(minutes=10 * i)
        mql_at = created + timedelta(hours=1)
        leads.append((lead_id, "paid_search", 50, created))
        forms.append((lead_id, "demo", mql_at))
        if minutes is not None:
            activities.append((f"A{i}", lead_id, "call", mql_at + timedelta(minutes=minutes), "rep1"))
        if is_sql:
            acceptances.append((lead_id, mql_at + timedelta(days=1)))
    activities.append(("A-early", "P8", "email", ts("2026-03-10 10:50:00"), "rep1"))  # before P8's mql_at
    # organic: recycled MQLs (fit 20 + case study 10 = 30 = nurture floor, then a demo)
    recycled = [  # (lead, created, case study = nurture start, demo = mql_at, SQL)
        ("G1", "2026-01-05 09:00:00", "2026-01-06 10:00:00", "2026-03-10 10:00:00", True),
        ("G2", "2026-01-05 09:01:00", "2026-01-06 10:00:00", "2026-03-10 10:00:00", True),
        ("G3", "2026-01-05 09:02:00", "2026-01-06 10:00:00", "2026-03-10 10:00:00", False),
        ("G4", "2026-01-20 09:00:00", "2026-02-01 10:00:00", "2026-03-03 10:00:00", True),  # exactly 30 days
        ("G5", "2026-01-20 09:00:00", "2026-02-01 10:00:01", "2026-03-03 10:00:00", False),  # 1 s short: first pass
    ]
    for lead_id, created, nurtured, crossed, is_sql in recycled:
        leads.append((lead_id, "organic_search", 20, ts(created)))
        forms.append((lead_id, "case_study", ts(nurtured)))
        forms.append((lead_id, "demo", ts(crossed)))
        if is_sql:
            acceptances.append((lead_id, ts(crossed) + timedelta(days=1)))
    # organic first-pass MQLs: fit 50 at creation, demo the next day
    for i in range(5):
        lead_id = f"H{i}"
        created = ts("2026-03-02 09:00:00") + timedelta(minutes=i)
        leads.append((lead_id, "organic_search", 50, created))
        forms.append((lead_id, "demo", created + timedelta(days=1)))
        if i < 3:
            acceptances.append((lead_id, created + timedelta(days=2)))
    # nurture stage and others that are not candidates
    leads += [
        ("N1", "organic_search", 20, ts("2026-02-10 09:00:00")),  # 20 + case study 10 = 30
        ("N2", "organic_search", 50, ts("2026-02-10 09:00:00")),  # 50 on fit alone, no engagement
        ("N3", "organic_search", 15, ts("2026-02-10 09:00:00")),  # 15: stage lead
        ("N4", "organic_search", 50, ts("2026-02-10 09:00:00"), "n4@gmail.com"),  # disqualified
    ]
    forms += [("N1", "case_study", ts("2026-02-11 10:00:00")), ("N4", "demo", ts("2026-02-11 10:00:00"))]

    insert_leads(con, leads)
    insert_forms(con, forms)
    insert_acceptances(con, acceptances)
    con.executemany("insert into raw.crm_activities values (?, ?, ?, ?, ?)", activities)
    con.executemany("insert into raw.crm_opportunities values (?, ?, ?, ?, ?, ?, ?, ?, ?)", opportunities)
    con.executemany(
        "insert into raw.program_costs values (?, 'referral_partner', 1000)",
        [(date(2026, m, 1),) for m in (1, 2, 3)],
    )


@pytest.fixture(scope="module")
def lifecycle(warehouse_builder) -> Path:
    return warehouse_builder(fill_lifecycle, name="lifecycle")


def test_lifecycle_fixture_funnel(lifecycle: Path) -> None:
    assert query(lifecycle, "select month, mqls, sqls, customers from fct_funnel_monthly order by month") == [
        (date(2026, 1, 1), 20, 4, 1),
        (date(2026, 2, 1), 10, 2, 1),
        (date(2026, 3, 1), 30, 11, 0),
    ]


def test_speed_to_lead(lifecycle: Path) -> None:
    """Paid search, March: contacts after 1, 3, 5 (the SLA itself: within),
    5.5, 10, 30, 60 and 120 minutes, two never (one touched only before its
    mql_at). Within: 3/10; median of the eight = (5.5 + 10) / 2 = 7.75; SQL rate
    within 2/3 versus 1/5 later."""
    [row] = query(
        lifecycle,
        """
        select mqls, mqls_within_sla, mqls_after_sla, mqls_not_contacted, within_sla_share,
               median_minutes_to_first_contact, within_sla_sql_rate, after_sla_sql_rate,
               not_contacted_sql_rate, within_sla_sql_rate_lift
        from fct_speed_to_lead
        where month = date '2026-03-01' and channel = 'paid_search'
        """,
    )
    assert row == (10, 3, 5, 2, pytest.approx(0.3), pytest.approx(7.75), pytest.approx(2 / 3), pytest.approx(0.2),
                   0.0, pytest.approx((2 / 3) / 0.2))
    assert query(
        lifecycle,
        "select mqls, mqls_not_contacted, within_sla_share, median_minutes_to_first_contact from fct_speed_to_lead "
        "where month = date '2026-03-01' and channel = 'referral_partner'",
    ) == [(10, 10, 0.0, None)]


def test_speed_to_lead_follows_sla_var(warehouse_builder) -> None:
    """At sla_minutes 10 the 5.5- and 10-minute contacts are within too: 5/10."""
    database = warehouse_builder(fill_lifecycle, "--vars", "{sla_minutes: 10}", "--select", "+fct_speed_to_lead",
                                 "--indirect-selection", "cautious", name="sla10")
    assert query(
        database,
        "select mqls_within_sla, within_sla_sql_rate from fct_speed_to_lead "
        "where month = date '2026-03-01' and channel = 'paid_search'",
    ) == [(5, pytest.approx(3 / 5))]


def test_nurture_recycling(lifecycle: Path) -> None:
    """March: G1-G3 sat in nurture 63 days and G4 exactly 30 days: 4 recycled
    MQLs, 3 SQLs. G5 (one second short of 30 days), the five fast organic MQLs
    (3 SQLs), ten paid search (3 SQLs) and ten referral (2 SQLs) are first pass:
    26 MQLs, 8 SQLs. Ratio 0.75 / (8/26) = 2.4375."""
    paths = dict(query(lifecycle, "select lead_id, is_recycled from fct_mql_nurture_paths where lead_id like 'G%'"))
    assert paths == {"G1": True, "G2": True, "G3": True, "G4": True, "G5": False}
    [(days,)] = query(lifecycle, "select days_in_nurture_before_mql from fct_mql_nurture_paths where lead_id = 'G4'")
    assert days == pytest.approx(30.0)
    assert query(
        lifecycle,
        "select month, first_pass_mqls, first_pass_sqls, recycled_mqls, recycled_sqls "
        "from fct_nurture_recycling_monthly order by month",
    ) == [
        (date(2026, 1, 1), 20, 4, 0, 0),
        (date(2026, 2, 1), 10, 2, 0, 0),
        (date(2026, 3, 1), 26, 8, 4, 3),
    ]
    [(first_pass_rate, recycled_rate, ratio)] = query(
        lifecycle,
        "select first_pass_sql_rate, recycled_sql_rate, recycled_to_first_pass_sql_rate_ratio "
        "from fct_nurture_recycling_monthly where month = date '2026-03-01'",
    )
    assert first_pass_rate == pytest.approx(8 / 26)
    assert recycled_rate == pytest.approx(0.75)
    assert ratio == pytest.approx(2.4375)


def test_nurture_candidates(lifecycle: Path) -> None:
    """N1 (20 + 10 = 30) needs 20 points; N2 holds 50 on fit alone and needs
    engagement. N3 (15) is a plain lead and N4 is disqualified."""
    assert query(
        lifecycle,
        "select lead_id, lead_score, points_to_mql_threshold, engagement_points_needed, nurture_started_at "
        "from fct_nurture_candidates order by lead_id",
    ) == [
        ("N1", 30, 20, 0, ts("2026-02-11 10:00:00")),
        ("N2", 50, 0, 1, ts("2026-02-10 09:00:00")),
    ]


def test_capacity_plan(lifecycle: Path) -> None:
    """Referral partner, trailing three months to March: 40 MQLs, 8 SQLs (20 %),
    2 customers (25 % of SQLs): 10 / (0.25 x 0.20) = 200 MQLs a month against
    40/3 delivered. February's window holds two months: 30, 6, 2 -> 150."""
    rows = query(
        lifecycle,
        """
        select month, months_in_window, trailing_mqls, trailing_sqls, trailing_customers,
               trailing_mql_to_sql_rate, trailing_close_rate, mqls_needed, mql_gap
        from fct_capacity_plan
        where channel = 'referral_partner'
        order by month
        """,
    )
    assert rows == [
        (date(2026, 1, 1), 1, 20, 4, 1, pytest.approx(0.2), pytest.approx(0.25), pytest.approx(200),
         pytest.approx(180)),
        (date(2026, 2, 1), 2, 30, 6, 2, pytest.approx(0.2), pytest.approx(1 / 3), pytest.approx(150),
         pytest.approx(135)),
        (date(2026, 3, 1), 3, 40, 8, 2, pytest.approx(0.2), pytest.approx(0.25), pytest.approx(200),
         pytest.approx(200 - 40 / 3)),
    ]
    # no customers in paid search yet: no plan
    assert query(
        lifecycle,
        "select trailing_close_rate, mqls_needed from fct_capacity_plan "
        "where month = date '2026-03-01' and channel = 'paid_search'",
    ) == [(0.0, None)]


def test_capacity_plan_follows_window_var(warehouse_builder) -> None:
    """With a one-month window March alone has 10 MQLs, 2 SQLs and no customer."""
    database = warehouse_builder(
        fill_lifecycle, "--vars", "{capacity_trailing_months: 1}", "--select", "+fct_capacity_plan",
        "--indirect-selection", "cautious", name="window1"
    )
    assert query(
        database,
        "select months_in_window, trailing_mqls, mqls_needed from fct_capacity_plan "
        "where channel = 'referral_partner' order by month",
    ) == [(1, 20, pytest.approx(200)), (1, 10, pytest.approx(100)), (1, 10, None)]


def test_channel_unit_economics(lifecycle: Path) -> None:
    """Referral partner: 40 MQLs, 2 customers, revenue 10,000 + 5,000 + 20,000;
    margin 10,000 x 72.5 % + 20,000 x 80 % = 23,250 on the 30,000 that carry a
    margin (77.5 %); spend 3 x 1,000."""
    [row] = query(
        lifecycle,
        """
        select mqls, customers, revenue, spend, revenue_with_margin, gross_margin, mql_to_customer_rate,
               revenue_per_mql, cost_per_mql, cost_per_customer, gross_margin_rate, gross_margin_per_mql,
               gross_margin_to_spend
        from fct_channel_unit_economics
        where channel = 'referral_partner'
        """,
    )
    assert row == (40, 2, 35_000, 3_000, pytest.approx(30_000), pytest.approx(23_250), pytest.approx(0.05),
                   pytest.approx(875), pytest.approx(75), pytest.approx(1_500), pytest.approx(0.775),
                   pytest.approx(23_250 / 40), pytest.approx(7.75))


def test_mql_health_two_months_running_and_floor_edge(lifecycle: Path) -> None:
    """MQL-to-SQL 4/20 = 20 % in January and 2/10 = 20 % in February: below the
    25 % review line two months running (alert in February), and exactly on
    the 20 % floor, which is not below it. No visitors: no visitor alerts."""
    assert query(
        lifecycle,
        "select month, check_id, breached_months_running from fct_mql_health where is_breached order by 1, 2",
    ) == [
        (date(2026, 1, 1), "mql_to_sql_below_review_line", 1),
        (date(2026, 2, 1), "mql_to_sql_below_review_line", 2),
    ]
    assert query(lifecycle, "select month, check_id from fct_mql_health where is_alert") == [
        (date(2026, 2, 1), "mql_to_sql_below_review_line")
    ]


def test_insight_unit_tests_ran(tmp_path: Path) -> None:
    """The rule-edge unit tests of models/marts/insights/_insights__unit_tests.yml
    run (before their models, in dbt build on empty raw tables) and pass."""
    database = tmp_path / "unit.duckdb"
    with duckdb.connect(str(database)) as con:
        create_raw_tables(con)
    result = run_dbt(
        ["build", "--select", "+path:models/marts/insights"],
        duckdb_path=database,
        target_path=tmp_path / "target",
        check=False,
        capture=True,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"].split(".")[-1]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    mine = {name: status for name, status in statuses.items() if name.startswith("fct_")}
    assert mine == {
        "fct_channel_benchmarks_range_edges_and_directions": "pass",
        "fct_mql_health_streaks_and_fit_share_edge": "pass",
        "fct_mql_nurture_paths_thirty_days_to_the_second": "pass",
        "fct_mql_to_sql_rate_attribution_new_channel_is_all_mix": "pass",
        "fct_scoring_rule_lift_clamps_and_minimums": "pass",
    }
