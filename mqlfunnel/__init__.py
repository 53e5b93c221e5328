"""Python side of the MQL revenue-funnel dbt project, in two rooms.

The product, what users run: ``cli`` (the ``mqlfunnel`` command), ``project``
(where the dbt project lives, how dbt runs), ``targets``, ``loader``,
``nightly``, ``report``, ``semantic``, ``schema`` (the contract's tables) and
``dashboard/``.

Developer tools, what the people working on the project run:
``devtools/`` (the synthetic-data generator, the day-of-data helper, the
benchmark and the one mart comparer). No product module imports them at
import time.
"""
