"""Developer tools: what the people who work on this project run, not what its users run.

- ``generator``: deterministic synthetic raw data (``mqlfunnel generate``, ``demo``)
- ``day_n``: hold back and deliver one day of data, as a nightly run receives it
- ``bench``: the benchmark against the raw-SQL baseline (``mqlfunnel bench``)
- ``compare``: the one mart comparer, between two DuckDB files or a target
  and the DuckDB file (``mqlfunnel compare``), used by the bench too

The product (``mqlfunnel.cli``, ``nightly``, ``loader``, ``dashboard`` ...)
never imports this package at import time: the CLI imports a dev tool inside
the command that runs it.
"""
