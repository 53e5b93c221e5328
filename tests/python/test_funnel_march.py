"""The funnel on a month worked by hand: March 2026 with 18,400 visitors,
644 MQLs and 212 SQLs gives visitor-to-MQL 3.5 % and MQL-to-SQL 32.9 %."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import query

VISITORS = 18_400
MQLS = 644
SQLS = 212
NON_MQL_LEADS = 300  # identified visitors that never reach the threshold


def fill_march(con: duckdb.DuckDBPyConnection) -> None:
    """Every MQL scores 50 of fit at creation and crosses with a demo request."""
    con.execute(
        f"""
        insert into raw.crm_leads
        select
            'L' || i,
            'person' || i || '@company' || i || '.com',
            case when i <= {MQLS} then 'VP Marketing' else 'Marketing Manager' end,
            'Company ' || i,
            'Software',
            250,
            'US',
            'google', 'cpc', null,
            timestamp '2026-03-02 09:00:00' + to_minutes(i),
            timestamp '2026-03-02 09:00:00' + to_minutes(i),
            false
        from range(1, {MQLS + NON_MQL_LEADS + 1}) as t(i)
        """
    )
    con.execute(
        f"""
        insert into raw.web_pageviews
        select
            'P' || i,
            'V' || i,
            case when i <= {MQLS + NON_MQL_LEADS} then 'L' || i end,
            timestamp '2026-03-01 08:00:00' + to_minutes(i),
            '/',
            'google', 'cpc', 'spring', null
        from range(1, {VISITORS + 1}) as t(i)
        """
    )
    con.execute(
        f"""
        insert into raw.form_submissions
        select 'F' || i, 'L' || i, 'demo_request', null, timestamp '2026-03-10 10:00:00' + to_minutes(i)
        from range(1, {MQLS + 1}) as t(i)
        """
    )
    con.execute(
        f"""
        insert into raw.crm_lead_status_changes
        select 'S' || i, 'L' || i, 'sales_accepted', timestamp '2026-03-20 10:00:00' + to_minutes(i), 'rep'
        from range(1, {SQLS + 1}) as t(i)
        """
    )


@pytest.fixture(scope="module")
def march(warehouse_builder) -> Path:
    return warehouse_builder(fill_march, name="march")


def test_march_funnel_rates(march: Path) -> None:
    [(visitors, mqls, sqls, visitor_to_mql, mql_to_sql)] = query(
        march,
        """
        select visitors, mqls, sqls, visitor_to_mql_rate, mql_to_sql_rate
        from fct_funnel_monthly
        where month = date '2026-03-01'
        """,
    )
    assert (visitors, mqls, sqls) == (VISITORS, MQLS, SQLS)
    assert visitor_to_mql == pytest.approx(0.035)
    assert mql_to_sql == pytest.approx(SQLS / MQLS)
    assert round(mql_to_sql * 100, 1) == 32.9


def test_march_is_the_only_month(march: Path) -> None:
    assert query(march, "select month from fct_funnel_monthly") == [(date(2026, 3, 1),)]


def test_march_channel_rows_sum_to_month(march: Path) -> None:
    rows = query(
        march,
        """
        select channel, visitors, mqls, sqls
        from fct_funnel_channel_monthly
        where month = date '2026-03-01' and (visitors > 0 or mqls > 0)
        """,
    )
    assert rows == [("paid_search", VISITORS, MQLS, SQLS)]


def test_threshold_var_moves_the_crossing(warehouse_builder) -> None:
    """Fit 50 + demo 30 = 80: an MQL at threshold 80, nobody at 81."""
    at_80 = warehouse_builder(fill_march, "--vars", "{mql_threshold: 80}", name="march_80")
    at_81 = warehouse_builder(fill_march, "--vars", "{mql_threshold: 81}", name="march_81")
    assert query(at_80, "select mqls from fct_funnel_monthly") == [(MQLS,)]
    assert query(at_81, "select mqls, mql_to_sql_rate from fct_funnel_monthly") == [(0, None)]
