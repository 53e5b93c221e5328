"""Product: the funnel dashboard, one self-contained HTML page from the published marts.

    mqlfunnel dashboard --out dashboard.html [--trailing-months 12]

``data`` reads the marts (what the dbt exposure funnel_dashboard names),
``format`` writes each number as a tagged element, ``charts`` draws the
waterfall and the trend, ``page`` lays out the page and writes it.
"""

from mqlfunnel.dashboard.page import render, write_dashboard

__all__ = ["render", "write_dashboard"]
