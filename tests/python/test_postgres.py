"""The same project on a real PostgreSQL 15 server.

The fixture installs PostgreSQL when its binaries are missing (scripts/
postgres.sh, apt-get), starts a throw-away server on a free loopback port
(as the system user postgres: the server refuses root), creates the build
role and the BI role, and stops the server afterwards. A machine where the
server cannot be installed or started fails these tests; it never skips them.
"""

from __future__ import annotations

import json
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import psycopg2
import psycopg2.errors
import pytest

from mqlfunnel.devtools.compare import compare_targets, read_postgres
from mqlfunnel.schema import MARTS
from mqlfunnel.project import PROJECT_DIR, run_dbt
from mqlfunnel.schema import RAW_TABLES
from target_helpers import BUILD_ARGS, VENDOR_SHAPES, Reference, Stopwatch, mqlfunnel, reference, vendor_reference

SCRIPT = PROJECT_DIR / "scripts" / "postgres.sh"
DATABASE = "mql_funnel"
BUILDER = "mqlfunnel"
BI_ROLE = "bi_reader"
EMAIL_PATTERN = r"[^@[:space:]]+@[^@[:space:]]+\.[[:alpha:]]+"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), *args], text=True, capture_output=True, timeout=900)


class PostgresServer:
    def __init__(self, directory: Path, port: int, superuser_password: str) -> None:
        self.directory = directory
        self.port = port
        self.superuser_password = superuser_password
        self.builder_password = secrets.token_hex(16)
        self.bi_password = secrets.token_hex(16)

    @property
    def env(self) -> dict[str, str]:
        """The environment the profile's `postgres` output reads (README, Targets)."""
        return {
            "MQL_TARGET": "postgres",
            "MQL_PG_HOST": "127.0.0.1",
            "MQL_PG_PORT": str(self.port),
            "MQL_PG_USER": BUILDER,
            "MQL_PG_PASSWORD": self.builder_password,
            "MQL_PG_DATABASE": DATABASE,
            "MQL_PG_SCHEMA": "marts",
        }

    def connect(self, user: str, password: str, dbname: str = DATABASE):
        return psycopg2.connect(host="127.0.0.1", port=self.port, user=user, password=password,
                                dbname=dbname, connect_timeout=10)

    def as_bi_reader(self):
        return self.connect(BI_ROLE, self.bi_password)


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    # The server runs as user postgres, so its folder must not sit under
    # root's private pytest temp folder.
    directory = Path(tempfile.mkdtemp(prefix="mqlfunnel-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
    pwfile = directory / "superuser.pw"
    server = PostgresServer(directory, _free_port(), secrets.token_hex(16))
    pwfile.write_text(server.superuser_password + "\n")
    started = _script("start", str(directory), str(server.port), str(pwfile))
    if started.returncode != 0:
        shutil.rmtree(directory, ignore_errors=True)
        pytest.fail(
            "could not install or start PostgreSQL with scripts/postgres.sh "
            f"(exit {started.returncode}):\n{started.stdout}{started.stderr}",
            pytrace=False,
        )
    try:
        admin = server.connect("postgres", server.superuser_password, dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute(f"create role {BUILDER} login password %s", (server.builder_password,))
            cur.execute(f"create database {DATABASE} owner {BUILDER}")
            cur.execute(f"create role {BI_ROLE} login password %s", (server.bi_password,))
        admin.close()
        yield server
    finally:
        _script("stop", str(directory))
        shutil.rmtree(directory, ignore_errors=True)


@dataclass(frozen=True)
class Built:
    reference: Reference
    target_path: Path  # dbt's target folder of the PostgreSQL build (manifest.json)

    @property
    def duckdb_file(self) -> Path:
        return self.reference.duckdb_file

    def mart_models(self) -> set[str]:
        """Every model under models/marts/ (the marts BI may read)."""
        manifest = json.loads((self.target_path / "manifest.json").read_text())
        return {
            node["alias"]
            for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/")
        }


@pytest.fixture(scope="module")
def built(postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample loaded with `mqlfunnel load --target postgres` and built with dbt."""
    clock = Stopwatch("postgres")
    ref = reference(tmp_path_factory)
    clock.lap("reference (generate, load and build on duckdb)")
    loaded = mqlfunnel("load", "--from", str(ref.export_dir), "--target", "postgres", env=postgres.env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    for table in RAW_TABLES:
        assert f"raw.{table}: " in loaded.stdout
    clock.lap("load")
    target = tmp_path_factory.mktemp("postgres_target")
    result = run_dbt(list(BUILD_ARGS), target_path=target, check=False, capture=True, env=postgres.env)
    assert result.returncode == 0, result.stdout[-6000:]
    clock.lap("dbt build")
    print(clock.report())
    return Built(ref, target)


def test_marts_equal_duckdb(postgres: PostgresServer, built: Built) -> None:
    lines: list[str] = []
    differences = compare_targets(built.duckdb_file, "postgres", progress=lines.append, env=postgres.env)
    assert differences == [], "\n".join(differences[:20])
    compared = [line.split(":")[0] for line in lines]
    assert compared[: len(MARTS)] == list(MARTS)  # the contract's marts, then every other mart


def test_compare_command_reports_equal_marts(postgres: PostgresServer, built: Built) -> None:
    result = mqlfunnel("--database", str(built.duckdb_file), "compare", "--target", "postgres", env=postgres.env)
    assert result.returncode == 0, result.stdout + result.stderr
    for mart in MARTS:
        assert f"{mart}: " in result.stdout and "equal on postgres and duckdb" in result.stdout


def test_marts_are_not_empty(postgres: PostgresServer, built: Built) -> None:
    tables = read_postgres(env=postgres.env)
    for mart in MARTS:
        assert tables[mart].rows, mart


def test_bi_reader_is_served_the_marts(postgres: PostgresServer, built: Built) -> None:
    counts = {}
    con = postgres.as_bi_reader()
    try:
        with con.cursor() as cur:
            for mart in sorted(built.mart_models()):
                cur.execute(f"select count(*) from marts.{mart}")
                counts[mart] = cur.fetchone()[0]
    finally:
        con.close()
    assert all(counts[mart] > 0 for mart in MARTS), counts


@pytest.mark.parametrize(
    "relation",
    [
        "raw.crm_leads",  # e-mail addresses land here
        "raw.web_pageviews",
        "staging.stg_crm__leads",  # and are normalised here
        "intermediate.int_audit__crm_leads",
        "seeds.scoring_rules",
    ],
)
def test_bi_reader_is_refused_outside_the_marts(postgres: PostgresServer, built: Built, relation: str) -> None:
    owner = postgres.connect(BUILDER, postgres.builder_password)
    try:
        with owner.cursor() as cur:  # the relation exists: the refusal is about privileges
            cur.execute(f"select count(*) from {relation}")
            assert cur.fetchone()[0] > 0
    finally:
        owner.close()
    con = postgres.as_bi_reader()
    try:
        with con.cursor() as cur:
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute(f"select * from {relation} limit 1")
    finally:
        con.close()


def test_bi_reader_holds_select_on_marts_only(postgres: PostgresServer, built: Built) -> None:
    """Every privilege bi_reader holds, from the catalog: SELECT on tables of
    schema marts (the marts, nothing written), USAGE on that schema only."""
    con = postgres.connect(BUILDER, postgres.builder_password)
    try:
        with con.cursor() as cur:
            cur.execute(
                """
                select table_schema, table_name, privilege_type
                from information_schema.role_table_grants
                where grantee = %s
                """,
                (BI_ROLE,),
            )
            grants = cur.fetchall()
            cur.execute(
                """
                select nspname
                from pg_namespace
                where has_schema_privilege(%s, oid, 'USAGE')
                  and nspname not like 'pg\\_%%' and nspname not in ('information_schema', 'public')
                """,
                (BI_ROLE,),
            )
            usable_schemas = {row[0] for row in cur.fetchall()}
    finally:
        con.close()
    marts = built.mart_models()
    assert set(MARTS) <= marts
    assert {(schema, privilege) for schema, _, privilege in grants} == {("marts", "SELECT")}
    assert {name for _, name, _ in grants} == marts
    assert usable_schemas == {"marts"}


def test_bi_reader_cannot_write_the_marts(postgres: PostgresServer, built: Built) -> None:
    con = postgres.as_bi_reader()
    try:
        with con.cursor() as cur:
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute("delete from marts.dim_leads")
        con.rollback()
        with con.cursor() as cur:
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute("create table marts.bi_scratch (x int)")
    finally:
        con.close()


def test_marts_carry_no_email_address(postgres: PostgresServer, built: Built) -> None:
    """No text column of any table in the marts schema holds an e-mail address,
    while raw.crm_leads (the positive control) is full of them."""
    con = postgres.connect(BUILDER, postgres.builder_password)
    try:
        with con.cursor() as cur:
            cur.execute("select count(*) from raw.crm_leads where email ~ %s", (EMAIL_PATTERN,))
            assert cur.fetchone()[0] > 1000
            cur.execute(
                """
                select table_name, column_name
                from information_schema.columns
                where table_schema = 'marts' and data_type in ('text', 'character varying', 'character')
                """
            )
            text_columns = cur.fetchall()
            assert text_columns
            assert not [c for _, c in text_columns if "email" in c and c != "email_domain"]
            leaks = []
            for table, column in text_columns:
                cur.execute(f'select count(*) from marts."{table}" where "{column}" ~ %s', (EMAIL_PATTERN,))
                count = cur.fetchone()[0]
                if count:
                    leaks.append(f"marts.{table}.{column}: {count} e-mail addresses")
    finally:
        con.close()
    assert leaks == []


def test_role_names_are_quoted_and_checked(postgres: PostgresServer, built: Built, tmp_path: Path) -> None:
    """A mixed-case BI role gets both SELECT on the marts and USAGE on their
    schema (GRANT quotes it as REVOKE does); a role name carrying SQL is
    refused before anything runs, and grants nothing."""
    mixed_case = "BI_Reader"
    admin = postgres.connect("postgres", postgres.superuser_password)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'create role "{mixed_case}" nologin')
    admin.close()
    roles = json.dumps({"bi_reader_roles": [BI_ROLE, mixed_case]})
    result = run_dbt(["build", "--exclude-resource-type", "unit_test", "--select", "dim_leads", "--vars", roles],
                     target_path=tmp_path / "mixed", check=False, capture=True, env=postgres.env)
    assert result.returncode == 0, result.stdout[-4000:]

    injection = json.dumps({"bi_reader_roles": [
        f"{BI_ROLE}; grant select on all tables in schema raw to {BI_ROLE}; --"]})
    refused = run_dbt(["build", "--exclude-resource-type", "unit_test", "--select", "dim_leads", "--vars", injection],
                      target_path=tmp_path / "injection", check=False, capture=True, env=postgres.env)
    assert refused.returncode != 0
    assert "Invalid var(s), nothing was built" in refused.stdout and "var bi_reader_roles" in refused.stdout

    con = postgres.connect(BUILDER, postgres.builder_password)
    try:
        with con.cursor() as cur:
            cur.execute("select has_table_privilege(%s, 'marts.dim_leads', 'SELECT'),"
                        " has_schema_privilege(%s, 'marts', 'USAGE')", (mixed_case, mixed_case))
            assert cur.fetchone() == (True, True)
            cur.execute("select has_table_privilege(%s, 'raw.crm_leads', 'SELECT')", (BI_ROLE,))
            assert cur.fetchone() == (False,)
    finally:
        con.close()



def test_incremental_build_recomputes_the_leads_a_stopped_build_left(postgres: PostgresServer, built: Built,
                                                                      tmp_path: Path) -> None:
    """A second build is incremental: the lead-keyed scores delete and re-append the changed
    leads only. Here 25 leads look as a build that stopped halfway leaves them (scores
    rewritten, their fingerprints forgotten in int_leads__refreshed_inputs): the next build
    recomputes exactly those, and the marts equal the DuckDB build again."""
    con = postgres.connect(BUILDER, postgres.builder_password)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute("select lead_id from intermediate.int_leads__scores order by lead_id limit 25")
            stopped = [row[0] for row in cur.fetchall()]
            cur.execute("update intermediate.int_leads__scores set fit_score = -1, lead_score = -1"
                        " where lead_id = any(%s)", (stopped,))
            cur.execute("update intermediate.int_leads__refreshed_inputs set input_fingerprint = null"
                        " where lead_id = any(%s)", (stopped,))
        result = run_dbt(list(BUILD_ARGS), target_path=tmp_path / "again", check=False, capture=True,
                         env=postgres.env)
        assert result.returncode == 0, result.stdout[-6000:]
        with con.cursor() as cur:
            cur.execute("select lead_id from intermediate.int_leads__changed order by lead_id")
            assert [row[0] for row in cur.fetchall()] == stopped
            cur.execute("select count(*) from intermediate.int_leads__scores where fit_score < 0")
            assert cur.fetchone() == (0,)
    finally:
        con.close()
    run_results = json.loads((tmp_path / "again" / "run_results.json").read_text())
    compiled = {r["unique_id"].split(".")[-1]: r.get("compiled_code") or "" for r in run_results["results"]}
    assert "int_leads__changed" in compiled["int_leads__scores"]  # built from the changed leads alone
    differences = compare_targets(built.duckdb_file, "postgres", env=postgres.env)
    assert differences == [], "\n".join(differences[:20])


@pytest.mark.parametrize("shape", ["hubspot", "salesforce"])
def test_vendor_exports_build_the_same_marts(postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory,
                                             shape: str) -> None:
    """Vendor-shaped exports (HubSpot, Segment and the ad platforms, or Salesforce;
    contract section 7) load with `mqlfunnel load --target postgres` into their schemas,
    build with the shape's adapters on, and publish the marts the DuckDB build of the
    same files publishes."""
    clock = Stopwatch(f"postgres {shape}")
    ref = vendor_reference(tmp_path_factory, leads=600, months=4, shape=shape)
    vendor_vars, agreement_mart = VENDOR_SHAPES[shape]
    clock.lap("reference (generate, load and build on duckdb)")

    admin = postgres.connect("postgres", postgres.superuser_password, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f"create database mql_{shape} owner {BUILDER}")
    admin.close()
    env = {**postgres.env, "MQL_PG_DATABASE": f"mql_{shape}"}
    loaded = mqlfunnel("load", "--from", str(ref.export_dir), "--target", "postgres", env=env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    landed = {"hubspot": ("hubspot.contact", "segment.pages", "google_ads.ad_stats", "raw.event_attendance"),
              "salesforce": ("salesforce.lead", "salesforce.opportunity", "raw.web_pageviews")}[shape]
    for relation in landed:
        assert f"{relation}: " in loaded.stdout
    clock.lap("load")
    result = run_dbt([*BUILD_ARGS, "--vars", json.dumps(vendor_vars)], target_path=tmp_path_factory.mktemp(f"postgres_{shape}_target"),
                     check=False, capture=True, env=env)
    assert result.returncode == 0, result.stdout[-6000:]
    clock.lap("dbt build")
    compared = mqlfunnel("--database", str(ref.duckdb_file), "compare", "--target", "postgres", env=env)
    print(clock.report())
    assert compared.returncode == 0, compared.stdout[-8000:] + compared.stderr[-2000:]
    assert f"] {agreement_mart}: " in compared.stdout
    assert compared.stdout.count("equal on postgres and duckdb") >= len(MARTS) + 1
