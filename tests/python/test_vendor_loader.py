"""`mqlfunnel load` on vendor exports (CONTRACT section 7): a folder of
<schema>/<table>.csv files lands schema by schema with the types as landed
(byte-order marks dropped, TRUE/FALSE text BOOLEAN, ids keeping their value,
digit strings with leading zeros VARCHAR, timestamps TIMESTAMP, offsets to
UTC, empty fields NULL). Fivetran's own fixtures go through the same command
in test_vendor_adapters.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from conftest import query
from mqlfunnel.loader import LoadError, discover, load
from target_helpers import mqlfunnel

def _write(path: Path, text: str, bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _types(database: Path, relation: str) -> dict[str, str]:
    return {row[0]: row[1] for row in query(database, f"describe {relation}")}


# ---------------------------------------------------------------------------
# the loader on hand-made vendor files
# ---------------------------------------------------------------------------

def test_vendor_csv_types_as_landed(tmp_path: Path) -> None:
    _write(tmp_path / "export" / "hubspot" / "contact.csv",
           "id,_fivetran_deleted,owner_code,form_id,property_email,property_createdate,modified,amount,empty\r\n"
           "78971951,FALSE,001,-007,a@b.com,2021-04-01 17:32:47,2021-04-01T17:32:47.250+02:00,12.5,\r\n"
           "12345678901234567890,TRUE,042,5,\"\",2021-04-02 00:00:00,2021-04-01T10:00:00Z,3,\r\n",
           bom=True)
    database = tmp_path / "vendor.duckdb"
    lines: list[str] = []
    counts = load(tmp_path / "export", "duckdb", progress=lines.append, duckdb_path=database)
    assert counts == {"hubspot.contact": 2}
    types = _types(database, "hubspot.contact")
    assert types == {
        "id": "HUGEINT",  # the BOM is not part of the first column's name; a 20-digit id keeps its value
        "_fivetran_deleted": "BOOLEAN",
        "owner_code": "VARCHAR",  # '001': leading zeros kept
        "form_id": "VARCHAR",  # '-007' sniffs as a number; the loader keeps the text
        "property_email": "VARCHAR",
        "property_createdate": "TIMESTAMP",
        "modified": "TIMESTAMP",  # an offset is converted to UTC
        "amount": "DOUBLE",
        "empty": "VARCHAR",
    }
    rows = query(database, "select * from hubspot.contact order by _fivetran_deleted")
    assert rows[0] == (78971951, False, "001", "-007", "a@b.com", dt.datetime(2021, 4, 1, 17, 32, 47),
                       dt.datetime(2021, 4, 1, 15, 32, 47, 250000), 12.5, None)
    assert rows[1][0] == 12345678901234567890 and rows[1][2] == "042"
    assert rows[1][4] is None  # an empty field, quoted or not, is NULL
    assert lines[0].startswith("loading 1 vendor tables (schemas hubspot) from ")
    assert lines[1].startswith("hubspot.contact: 2 rows, 9 columns from hubspot/contact.csv")
    assert "kept as VARCHAR (leading zeros): form_id" in lines[1]
    assert "UTC TIMESTAMP from offsets: modified" in lines[1]


def test_vendor_parquet_keeps_its_types_and_bigint_ids(tmp_path: Path) -> None:
    folder = tmp_path / "export" / "google_ads"
    folder.mkdir(parents=True)
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'America/New_York'")
        con.execute(f"""copy (select 5820417851::bigint as customer_id, date '2024-01-02' as date,
                                     1500000::bigint as cost_micros,
                                     timestamptz '2024-01-02 10:00:00+05:00' as updated_at)
                        to '{folder / 'ad_stats.parquet'}' (format parquet)""")
    database = tmp_path / "vendor.duckdb"
    load(tmp_path / "export", "duckdb", progress=lambda _: None, duckdb_path=database)
    assert _types(database, "google_ads.ad_stats") == {
        "customer_id": "BIGINT", "date": "DATE", "cost_micros": "BIGINT", "updated_at": "TIMESTAMP"}
    assert query(database, "select updated_at from google_ads.ad_stats") == [(dt.datetime(2024, 1, 2, 5, 0),)]


def test_mixed_folder_loads_raw_and_vendor_tables(tmp_path: Path) -> None:
    export = tmp_path / "export"
    _write(export / "program_costs.csv", "cost_month,channel,cost\n2026-03-01,events_webinars,100.50\n")
    _write(export / "notes.csv", "a\n1\n")  # not a raw table: ignored, and said so
    _write(export / "segment" / "pages.csv", "id,anonymous_id,timestamp,path\np1,v1,2026-03-01 10:00:00,/pricing\n")
    _write(export / "docs" / "README.md", "no data files: not a vendor folder\n")
    exports = discover(export)
    assert list(exports.raw) == ["program_costs"] and [t.relation for t in exports.vendor] == ["segment.pages"]
    database = tmp_path / "mixed.duckdb"
    lines: list[str] = []
    counts = load(export, "duckdb", progress=lines.append, duckdb_path=database)
    assert counts == {"program_costs": 1, "segment.pages": 1}
    assert "ignored notes.csv (not a raw table of the contract)" in lines
    assert _types(database, "raw.program_costs") == {"cost_month": "DATE", "channel": "VARCHAR", "cost": "DECIMAL(18,2)"}
    assert query(database, "select id, path from segment.pages") == [("p1", "/pricing")]


def test_schema_prefix_and_the_command(tmp_path: Path) -> None:
    export = tmp_path / "export"
    _write(export / "hubspot" / "deal.csv", "deal_id,is_deleted\n1,false\n2,true\n")
    database = tmp_path / "prefixed.duckdb"
    result = mqlfunnel("--database", str(database), "load", "--from", str(export), "--schema-prefix", "fivetran_")
    assert result.returncode == 0, result.stderr
    assert "fivetran_hubspot.deal: 2 rows, 2 columns from hubspot/deal.csv" in result.stdout
    assert "done: 2 rows in 1 tables" in result.stdout
    assert _types(database, "fivetran_hubspot.deal") == {"deal_id": "BIGINT", "is_deleted": "BOOLEAN"}


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", "", "the file is empty"),
    ("ragged.csv", "a,b\n1,2\n3,4,5\n", "comma-separated, its first line the header"),
    ("semicolons.csv", "a;b\n1;2\n", "header looks semicolon-separated"),
])
def test_unreadable_vendor_file_is_named(tmp_path: Path, name: str, content: str, message: str) -> None:
    bad = _write(tmp_path / "export" / "hubspot" / name, content)
    with pytest.raises(LoadError, match=message) as raised:
        load(tmp_path / "export", "duckdb", progress=lambda _: None, duckdb_path=tmp_path / "x.duckdb")
    assert str(bad) in str(raised.value)
    result = mqlfunnel("--database", str(tmp_path / "y.duckdb"), "load", "--from", str(tmp_path / "export"))
    assert result.returncode == 1 and str(bad) in result.stderr


def test_bad_vendor_names_are_refused(tmp_path: Path) -> None:
    _write(tmp_path / "a" / "hub-spot" / "contact.csv", "id\n1\n")
    with pytest.raises(LoadError, match=r"hub-spot.*not a schema name"):
        discover(tmp_path / "a")
    _write(tmp_path / "b" / "hubspot" / "2contact.csv", "id\n1\n")
    with pytest.raises(LoadError, match=r"2contact\.csv.*not a table name"):
        discover(tmp_path / "b")
    _write(tmp_path / "c" / "raw" / "crm_leads.csv", "lead_id\nL1\n")
    with pytest.raises(LoadError, match="schema raw is the raw exports' own"):
        discover(tmp_path / "c")
    with pytest.raises(LoadError, match="use letters, digits and _"):
        discover(tmp_path / "b", schema_prefix="x-")
