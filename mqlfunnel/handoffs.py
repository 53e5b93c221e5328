"""The MQL hand-off outbox, read for a sender (reverse ETL, a webhook job).

    mqlfunnel handoffs --since 41        hand-offs of batches after 41, as JSON Lines
    mqlfunnel handoffs --since 2026-12-02T08:00:00   enqueued after that instant (UTC)

The outbox is the mart ``fct_mql_handoff_outbox`` of the published DuckDB
file: every MQL once, in the batch of the build that first saw it. Builds
append to it in the copy they build, and the nightly / intraday runs publish
that copy atomically, so a reader sees each batch whole or not at all, and a
run killed before its publish enqueued nothing that a later run does not
enqueue again. A sender that remembers the last ``handoff_batch`` it sent and
asks ``--since`` that number gets every MQL exactly once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import duckdb

OUTBOX = "main.fct_mql_handoff_outbox"
COLUMNS: tuple[str, ...] = (
    "handoff_batch", "enqueued_at", "lead_id", "mql_at", "channel", "fit_score", "engagement_score",
    "lead_score", "crossing_rule_ids", "sla_due_at", "first_contact_at", "sla_status",
)


class HandoffError(RuntimeError):
    """The outbox cannot be read: no file, no outbox, or a bad --since."""


@dataclass(frozen=True)
class Since:
    """After a batch number, or after an instant (UTC); none: everything."""

    batch: int | None = None
    instant: dt.datetime | None = None

    @classmethod
    def parse(cls, text: str | None) -> "Since":
        if text is None or text.strip() == "":
            return cls()
        text = text.strip()
        if text.lstrip("-").isdigit():
            return cls(batch=int(text))
        try:
            instant = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise HandoffError(f"--since {text!r}: give a batch number (handoff_batch) or an ISO date-time "
                               "such as 2026-12-02T08:00:00 (UTC)") from exc
        if instant.tzinfo is not None:
            instant = instant.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return cls(instant=instant)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds" if not value.microsecond else "milliseconds") + "Z"
    return value


def read_handoffs(database: Path | str, since: Since = Since()) -> Iterator[dict[str, Any]]:
    """The outbox rows after `since`, in batch order, then mql_at and lead_id."""
    database = Path(database)
    if not database.exists():
        raise HandoffError(f"{database} does not exist: build the warehouse first (mqlfunnel build or nightly)")
    where, parameters = "", []
    if since.batch is not None:
        where, parameters = "where handoff_batch > ?", [since.batch]
    elif since.instant is not None:
        where, parameters = "where enqueued_at > ?", [since.instant]
    with duckdb.connect(str(database), read_only=True) as con:
        found = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'main' and table_name = 'fct_mql_handoff_outbox'").fetchone()
        if not found or not found[0]:
            raise HandoffError(f"{database} has no {OUTBOX}: build the warehouse with this version first")
        cursor = con.execute(
            f"select {', '.join(COLUMNS)} from {OUTBOX} {where} order by handoff_batch, mql_at, lead_id", parameters)
        for row in cursor.fetchall():
            yield {name: _json_value(value) for name, value in zip(COLUMNS, row)}


def json_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, separators=(",", ":"))
