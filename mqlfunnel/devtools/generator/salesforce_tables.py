"""Generator shape ``salesforce``: the section 2 tables of one generation re-expressed
as the tables Fivetran lands from Salesforce (CONTRACT section 7), next to the
section 2 tables those Salesforce tables map to.

``reshape_to_salesforce()`` runs after ``generate()`` filled schema ``raw``. It
reads the ten raw tables once and writes, in SQL inside DuckDB:

* schema salesforce: lead, lead_history, task, event, opportunity,
  opportunity_contact_role, campaign and campaign_member, with Fivetran's column
  names and types (SALESFORCE_COLUMNS): 18-character ids, the ``*_c`` custom
  fields, a date-only ``close_date`` and ``first_responded_date``, and History
  Mode's ``_fivetran_active`` / ``_fivetran_start`` / ``_fivetran_end``;
* schema raw again, holding the *matching* section 2 tables: exactly the rows the
  adapters map the Salesforce tables to (the Salesforce ids, the statuses seed
  crm_status_map can express, activity types as Salesforce names them, closing
  and attendance dates at midnight), and web_pageviews, form_submissions,
  email_events, ad_spend and program_costs, which crm_source salesforce does not
  replace, with their leads by Salesforce id. A Salesforce row the adapters
  call an orphan (a task, opportunity or campaign member that reaches no lead)
  has no matching row.

So the marts built from schema raw (default vars) equal the marts built with
``crm_source: salesforce`` row for row. Leads are converted as sales converts
them: a lead with an opportunity converts into a contact (and, for some, into
that opportunity), tasks, events and campaign members after the conversion name
the contact, and the other opportunities reach the lead through the contact's
primary opportunity_contact_role. The lead of every Salesforce id is worked out
once (v_people, the rule of base_salesforce__lead_people), so the two sides
cannot drift apart. Bad input of every kind is carried over from the section 2
tables (duplicates, NULL keys and timestamps, orphans, deleted leads) and
Salesforce-only kinds are added: older History Mode versions of leads, tasks,
opportunities and campaigns (``_fivetran_active`` false), two leads converted
into one contact, deleted tasks, events, opportunities, history rows and
campaign members, history rows of other fields and unmapped statuses, non-primary
contact roles, members of campaigns that are not events, activities of a
contact no lead converted into, lead sources the seed does not list, and one
implausible timestamp per fact table.

Choices are ``hash(key, salt)``: the same raw tables give the same Salesforce tables.
"""

from __future__ import annotations

from typing import Callable

import duckdb

from mqlfunnel.devtools.generator.sql import lit, values_sql
from mqlfunnel.devtools.generator.vendor_tables import (
    FAR_FUTURE, NAMED_LEAD_IDS, SYNCED, Mapping, insert_rows, reshape, snapshot_section2,
)
from mqlfunnel.project import read_seed

HISTORY_MODE = [("_fivetran_active", "BOOLEAN"), ("_fivetran_start", "TIMESTAMP"), ("_fivetran_end", "TIMESTAMP"),
                ("_fivetran_synced", "TIMESTAMP")]

# The Salesforce tables written, with Fivetran's column names and landing types.
SALESFORCE_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "salesforce.lead": [
        ("id", "VARCHAR"), ("first_name", "VARCHAR"), ("last_name", "VARCHAR"), ("email", "VARCHAR"),
        ("title", "VARCHAR"), ("company", "VARCHAR"), ("industry", "VARCHAR"), ("number_of_employees", "INTEGER"),
        ("country", "VARCHAR"), ("country_code", "VARCHAR"), ("lead_source", "VARCHAR"), ("status", "VARCHAR"),
        ("utm_source_c", "VARCHAR"), ("utm_medium_c", "VARCHAR"), ("referrer_c", "VARCHAR"),
        ("owner_id", "VARCHAR"), ("created_date", "TIMESTAMP"), ("last_modified_date", "TIMESTAMP"),
        ("is_deleted", "BOOLEAN"), ("is_converted", "BOOLEAN"), ("converted_date", "DATE"),
        ("converted_contact_id", "VARCHAR"), ("converted_opportunity_id", "VARCHAR"), *HISTORY_MODE,
    ],
    "salesforce.lead_history": [
        ("id", "VARCHAR"), ("lead_id", "VARCHAR"), ("field", "VARCHAR"), ("data_type", "VARCHAR"),
        ("old_value", "VARCHAR"), ("new_value", "VARCHAR"), ("created_date", "TIMESTAMP"),
        ("created_by_id", "VARCHAR"), ("is_deleted", "BOOLEAN"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "salesforce.task": [
        ("id", "VARCHAR"), ("who_id", "VARCHAR"), ("what_id", "VARCHAR"), ("type", "VARCHAR"),
        ("subject", "VARCHAR"), ("status", "VARCHAR"), ("activity_date", "DATE"), ("created_date", "TIMESTAMP"),
        ("owner_id", "VARCHAR"), ("is_deleted", "BOOLEAN"), *HISTORY_MODE,
    ],
    "salesforce.event": [
        ("id", "VARCHAR"), ("who_id", "VARCHAR"), ("what_id", "VARCHAR"), ("type", "VARCHAR"),
        ("subject", "VARCHAR"), ("created_date", "TIMESTAMP"), ("start_date_time", "TIMESTAMP"),
        ("end_date_time", "TIMESTAMP"), ("owner_id", "VARCHAR"), ("is_deleted", "BOOLEAN"),
        ("_fivetran_synced", "TIMESTAMP"),
    ],
    "salesforce.opportunity": [
        ("id", "VARCHAR"), ("name", "VARCHAR"), ("account_id", "VARCHAR"), ("stage_name", "VARCHAR"),
        ("amount", "DOUBLE"), ("probability", "DOUBLE"), ("close_date", "DATE"), ("created_date", "TIMESTAMP"),
        ("is_closed", "BOOLEAN"), ("is_won", "BOOLEAN"), ("gross_margin_pct_c", "DOUBLE"), ("owner_id", "VARCHAR"),
        ("is_deleted", "BOOLEAN"), *HISTORY_MODE,
    ],
    "salesforce.opportunity_contact_role": [
        ("id", "VARCHAR"), ("opportunity_id", "VARCHAR"), ("contact_id", "VARCHAR"), ("role", "VARCHAR"),
        ("is_primary", "BOOLEAN"), ("is_deleted", "BOOLEAN"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "salesforce.campaign": [
        ("id", "VARCHAR"), ("name", "VARCHAR"), ("type", "VARCHAR"), ("status", "VARCHAR"),
        ("start_date", "DATE"), ("is_active", "BOOLEAN"), ("last_modified_date", "TIMESTAMP"),
        ("is_deleted", "BOOLEAN"), *HISTORY_MODE,
    ],
    "salesforce.campaign_member": [
        ("id", "VARCHAR"), ("campaign_id", "VARCHAR"), ("lead_id", "VARCHAR"), ("contact_id", "VARCHAR"),
        ("status", "VARCHAR"), ("has_responded", "BOOLEAN"), ("first_responded_date", "DATE"),
        ("created_date", "TIMESTAMP"), ("is_deleted", "BOOLEAN"), ("_fivetran_synced", "TIMESTAMP"),
    ],
}

# The section 2 tables crm_source salesforce does not replace: copied with their leads by Salesforce id.
LEFT_ON_RAW: tuple[str, ...] = ("web_pageviews", "form_submissions", "email_events", "ad_spend", "program_costs")

END_OF_TIME = "TIMESTAMP '9999-12-31 23:59:59'"  # _fivetran_end of the version in force
OLDER = "INTERVAL 20 DAY"                       # how much older an older History Mode version is


def _sf_id(prefix: str, number: str) -> str:
    """An 18-character Salesforce id: the key prefix of the object, then the number."""
    return f"('{prefix}' || lpad(({number})::VARCHAR, 12, '0') || 'AAA')"


def _user_id(rep: str) -> str:
    """The Salesforce user id of rep_NNN."""
    return f"CASE WHEN {rep} IS NOT NULL THEN {_sf_id('005', f'hash({rep}) % 100000')} END"


def _history_mode(active: str, start: str, end: str) -> str:
    """History Mode's columns of a version: active or not, in force from `start` to `end`."""
    return (f"{active} AS _fivetran_active, {start} AS _fivetran_start, {end} AS _fivetran_end, "
            f"{SYNCED} AS _fivetran_synced")


# ---------------------------------------------------------------------------
# leads, their conversion and the lead of every Salesforce id
# ---------------------------------------------------------------------------

def _lead_sources() -> tuple[dict[str, list[str]], str]:
    """Seed salesforce_lead_sources: the lead sources of each medium they give, and
    a VALUES list of (lower-cased lead source, medium) for the mapping back."""
    by_medium: dict[str, list[str]] = {}
    rows = []
    for row in read_seed("salesforce_lead_sources"):
        medium = (row["utm_medium"] or "").strip().lower()
        by_medium.setdefault(medium, []).append(row["lead_source"])
        rows.append((row["lead_source"].strip().lower(), medium))
    return by_medium, values_sql(rows)


def _leads(con: duckdb.DuckDBPyConnection) -> None:
    """salesforce.lead and raw.crm_leads. Every lead id named anywhere gets a
    Salesforce id (v_sf_lead_ids); each crm_leads row is one lead row, the latest
    version(s) of a lead active and its older versions inactive (History Mode),
    and about 5 % of the leads get one more, older, inactive version; about 1 %
    have a negative number_of_employees (an integer field: read as it is). Lead
    source: the utm fields hold the lead's utm source and medium, or (about
    half of the leads whose medium a lead source of the seed gives) the utm
    fields are empty and the lead source says it; some leads without either
    have lead source Web or a value the seed does not list."""
    by_medium, seed_rows = _lead_sources()
    pick = " ".join(
        f"WHEN '{medium}' THEN {lit(sources)}[1 + floor(u2 * {len(sources)})::INTEGER]"
        for medium, sources in by_medium.items() if medium
    )
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_sf_lead_ids AS
    SELECT lead_id, {_sf_id('00Q', 'row_number() OVER (ORDER BY lead_id)')} AS sf_id
    FROM ({NAMED_LEAD_IDS}) WHERE lead_id IS NOT NULL;

    CREATE OR REPLACE TEMP TABLE v_sf_lead AS
    WITH r AS (
        SELECT l.*, i.sf_id,
               l.lead_id IS NULL OR coalesce(l.updated_at = max(l.updated_at) OVER (PARTITION BY l.lead_id), TRUE)
                   AS is_active,
               lead(l.updated_at) OVER (PARTITION BY l.lead_id ORDER BY l.updated_at) AS next_version_at,
               coalesce(v_chance(l.lead_id, 111), 0.5) AS u1, coalesce(v_chance(l.lead_id, 112), 0.5) AS u2,
               coalesce(v_chance(l.lead_id, 113), 0.5) AS u3,
               nullif(trim(l.original_utm_medium), '') AS medium, nullif(trim(l.original_utm_source), '') AS source
        FROM s_crm_leads l LEFT JOIN v_sf_lead_ids i USING (lead_id)
    ), s AS (
        SELECT r.*, CASE lower(medium) {pick} END AS seed_source FROM r
    )
    SELECT s.*,
           seed_source IS NOT NULL AND u1 < 0.5 AS by_lead_source,
           CASE WHEN seed_source IS NOT NULL AND u1 < 0.5 THEN seed_source
                WHEN medium IS NULL AND source IS NULL AND u1 < 0.2 THEN 'Web'
                WHEN medium IS NULL AND source IS NULL AND u1 < 0.3 THEN 'Cold Call'  -- not in the seed: other
                WHEN medium IS NOT NULL AND u3 < 0.2 THEN 'Purchased List'  -- the utm fields win
           END AS lead_source
    FROM s;

    -- the leads converted: every live lead with an opportunity, half of those sales accepted
    CREATE OR REPLACE TEMP TABLE v_sf_conversion AS
    WITH live AS (
        SELECT lead_id, sf_id, min(created_at) AS created_at FROM v_sf_lead
        WHERE is_active AND lead_id IS NOT NULL GROUP BY ALL
    ), opportunities AS (
        SELECT lead_id, min(opportunity_id) AS first_opportunity_id, min(created_at) AS first_created_at
        FROM s_crm_opportunities WHERE opportunity_id IS NOT NULL GROUP BY ALL
    ), accepted AS (
        SELECT lead_id, min(changed_at) AS accepted_at FROM s_crm_lead_status_changes
        WHERE new_status = 'sales_accepted' GROUP BY ALL
    )
    SELECT live.lead_id, live.sf_id,
           {_sf_id('003', 'row_number() OVER (ORDER BY live.lead_id)')} AS contact_id,
           CASE WHEN v_chance(live.lead_id, 121) < 0.6 THEN o.first_opportunity_id END AS converted_opportunity,
           coalesce(o.first_created_at, a.accepted_at, live.created_at + INTERVAL 30 DAY) AS converted_at
    FROM live LEFT JOIN opportunities o USING (lead_id) LEFT JOIN accepted a USING (lead_id)
    WHERE o.lead_id IS NOT NULL OR (a.lead_id IS NOT NULL AND v_chance(live.lead_id, 122) < 0.5);

    -- one more lead converted into the contact of another (the lower lead id wins the contact)
    INSERT INTO v_sf_conversion
    SELECT l.lead_id, l.sf_id, c.contact_id, NULL, l.created_at + INTERVAL 1 DAY
    FROM (SELECT lead_id, sf_id, min(created_at) AS created_at FROM v_sf_lead
          WHERE is_active AND lead_id IS NOT NULL AND created_at IS NOT NULL
            AND lead_id NOT IN (SELECT lead_id FROM v_sf_conversion) GROUP BY lead_id, sf_id
          ORDER BY hash(lead_id, 123) LIMIT 1) l,
         (SELECT contact_id FROM v_sf_conversion ORDER BY hash(lead_id, 124) LIMIT 1) c;

    CREATE OR REPLACE TEMP TABLE v_sf_opportunity_ids AS
    SELECT opportunity_id, {_sf_id('006', 'row_number() OVER (ORDER BY opportunity_id)')} AS sf_id
    FROM (SELECT DISTINCT opportunity_id FROM s_crm_opportunities WHERE opportunity_id IS NOT NULL);

    -- the lead of every Salesforce id that names one (base_salesforce__lead_people)
    CREATE OR REPLACE TEMP TABLE v_people AS
    SELECT DISTINCT sf_id AS person_id, 'lead' AS person_kind, sf_id AS lead_sf_id
    FROM v_sf_lead WHERE is_active AND sf_id IS NOT NULL
    UNION ALL
    SELECT contact_id, 'contact', min(sf_id) FROM v_sf_conversion GROUP BY ALL
    UNION ALL
    SELECT o.sf_id, 'opportunity', min(c.sf_id)
    FROM v_sf_conversion c JOIN v_sf_opportunity_ids o ON o.opportunity_id = c.converted_opportunity GROUP BY ALL;

    -- an older version of about 5 % of the leads
    CREATE OR REPLACE TEMP TABLE v_sf_older AS
    SELECT * REPLACE ('Intern' AS job_title, created_at AS updated_at, updated_at AS next_version_at,
                      FALSE AS is_active)
    FROM v_sf_lead
    WHERE is_active AND lead_id IS NOT NULL AND created_at IS NOT NULL AND updated_at > created_at
      AND v_chance(lead_id, 114) < 0.05;
    """)
    insert_rows(con, "salesforce.lead", f"""
    WITH versions AS (SELECT * FROM v_sf_lead UNION ALL SELECT * FROM v_sf_older)
    SELECT v.sf_id AS id, split_part(v.email, '@', 1) AS first_name, 'Lead' AS last_name, v.email,
           v.job_title AS title, v.company_name AS company, v.industry,
           CASE WHEN v.u1 > 0.99 THEN -v.employee_count ELSE v.employee_count END AS number_of_employees,
           v.country, CASE WHEN v.u3 < 0.6 AND length(trim(v.country)) = 2 THEN v.country END AS country_code,
           v.lead_source, CASE WHEN c.lead_id IS NOT NULL AND v.is_active THEN 'Closed - Converted'
                               ELSE 'Open - Not Contacted' END AS status,
           CASE WHEN v.by_lead_source AND v.u2 < 0.5 THEN NULL ELSE v.original_utm_source END AS utm_source_c,
           CASE WHEN v.by_lead_source THEN CASE WHEN v.u3 < 0.5 THEN ' ' END ELSE v.original_utm_medium END
               AS utm_medium_c,
           CASE WHEN coalesce(trim(v.original_referrer_host), '') = '' THEN NULL
                WHEN v.u1 < 0.5 THEN 'https://' || v.original_referrer_host || '/'
                WHEN v.u1 < 0.7 THEN 'http://' || v.original_referrer_host || ':80/search?q=lead+scoring'
                ELSE v.original_referrer_host || '/ref' END AS referrer_c,
           {_user_id("'rep_001'")} AS owner_id, v.created_at AS created_date, v.updated_at AS last_modified_date,
           v.is_deleted,
           v.is_active AND c.lead_id IS NOT NULL AS is_converted,
           CASE WHEN v.is_active THEN c.converted_at::DATE END AS converted_date,
           CASE WHEN v.is_active THEN c.contact_id END AS converted_contact_id,
           CASE WHEN v.is_active THEN o.sf_id END AS converted_opportunity_id,
           {_history_mode('v.is_active', 'coalesce(v.updated_at, v.created_at)',
                          f'CASE WHEN v.is_active THEN {END_OF_TIME} ELSE v.next_version_at END')}
    FROM versions v
    LEFT JOIN v_sf_conversion c ON c.lead_id = v.lead_id
    LEFT JOIN v_sf_opportunity_ids o ON o.opportunity_id = c.converted_opportunity""")
    # crm_leads as salesforce__crm_leads maps the active rows
    insert_rows(con, "raw.crm_leads", f"""
    WITH l AS (
        SELECT l.*, nullif(trim(l.utm_source_c), '') AS utm_source, nullif(trim(l.utm_medium_c), '') AS utm_medium,
               nullif(trim(l.lead_source), '') AS source
        FROM salesforce.lead l WHERE l._fivetran_active
    )
    SELECT l.id AS lead_id, l.email, l.title AS job_title, l.company AS company_name, l.industry,
           l.number_of_employees AS employee_count,
           coalesce(nullif(trim(l.country_code), ''), l.country) AS country,
           coalesce(l.utm_source, l.source) AS original_utm_source,
           CASE WHEN l.utm_medium IS NOT NULL THEN l.utm_medium WHEN s.lead_source IS NOT NULL THEN s.medium
                WHEN l.source IS NOT NULL THEN 'other' END AS original_utm_medium,
           lower(regexp_extract(CASE WHEN position('://' IN l.referrer_c) > 0
                                     THEN substr(l.referrer_c, position('://' IN l.referrer_c) + 3)
                                     ELSE l.referrer_c END, '^([^/:?#]*)', 1)) AS original_referrer_host,
           l.created_date AS created_at, l.last_modified_date AS updated_at, l.is_deleted
    FROM l LEFT JOIN (VALUES {seed_rows}) s(lead_source, medium) ON s.lead_source = lower(trim(l.source))""")


# ---------------------------------------------------------------------------
# status history
# ---------------------------------------------------------------------------

# Salesforce lead statuses of each section 2 status; those of sales_accepted and
# sales_rejected are the crm_status_map rows of salesforce, the others are not.
STATUS_VALUES: dict[str, list[str]] = {
    "sales_accepted": ["Sales Accepted", "Qualified", "Closed - Converted"],
    "sales_rejected": ["Unqualified", "Closed - Not Converted"],
    "unqualified": ["Unqualified"],
    "working": ["Working - Contacted"],
    "nurturing": ["Nurturing"],
}


def _lead_history(con: duckdb.DuckDBPyConnection) -> None:
    """salesforce.lead_history and raw.crm_lead_status_changes: one Status row per
    status change (one delivered twice, one dated 2099), rows of other fields, a
    deleted Status row; the status changes are the Status rows seed crm_status_map maps."""
    status_case = " ".join(
        f"WHEN '{status}' THEN {lit(names)}"
        f"[1 + floor(coalesce(v_chance(h.status_change_id, 131), 0) * {len(names)})::INTEGER]"
        for status, names in STATUS_VALUES.items()
    )
    mapped = [(row["field_value"].strip().lower(), row["new_status"])
              for row in read_seed("crm_status_map") if row["crm_source"] == "salesforce"]
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_sf_history AS
    WITH h AS (
        SELECT * FROM s_crm_lead_status_changes
        UNION ALL  -- a change delivered twice
        (SELECT * FROM s_crm_lead_status_changes WHERE new_status = 'sales_accepted'
         ORDER BY status_change_id LIMIT 1)
        UNION ALL  -- a status change dated in 2099
        (SELECT 'sc-2099', lead_id, 'sales_accepted', {FAR_FUTURE}, 'rep_003' FROM v_sf_conversion
         ORDER BY hash(lead_id, 132) LIMIT 1)
    ), ids AS (
        SELECT status_change_id, {_sf_id('017', 'row_number() OVER (ORDER BY status_change_id)')} AS sf_id
        FROM (SELECT DISTINCT status_change_id FROM h WHERE status_change_id IS NOT NULL)
    )
    SELECT ids.sf_id AS id, i.sf_id AS lead_id, 'Status' AS field,
           CASE h.new_status {status_case} ELSE 'Open - Not Contacted' END AS new_value,
           h.changed_at AS created_date, {_user_id('h.changed_by')} AS created_by_id, FALSE AS is_deleted
    FROM h LEFT JOIN ids USING (status_change_id) LEFT JOIN v_sf_lead_ids i USING (lead_id)
    UNION ALL  -- rows of other fields, and a deleted Status row
    SELECT {_sf_id('017', "900000000 + row_number() OVER (ORDER BY l.sf_id, f.field)")}, l.sf_id, f.field,
           f.new_value, l.created_at + INTERVAL 1 HOUR, {_user_id("'rep_002'")}, f.field = 'Status'
    FROM v_sf_lead l, (VALUES ('Owner', 'Sales Team'), ('Rating', 'Hot'), ('created', NULL),
                              ('Status', 'Qualified')) f(field, new_value)
    WHERE l.is_active AND l.sf_id IS NOT NULL AND l.created_at IS NOT NULL
      AND v_chance(l.lead_id, hash(f.field)) < CASE f.field WHEN 'Status' THEN 0.01 ELSE 0.2 END;
    """)
    insert_rows(con, "salesforce.lead_history", f"""
    SELECT id, lead_id, field, CASE WHEN field = 'created' THEN NULL ELSE 'Text' END AS data_type,
           NULL AS old_value, new_value, created_date, created_by_id, is_deleted, {SYNCED} AS _fivetran_synced
    FROM v_sf_history""")
    insert_rows(con, "raw.crm_lead_status_changes", f"""
    SELECT h.id AS status_change_id, h.lead_id, m.new_status, h.created_date AS changed_at,
           h.created_by_id AS changed_by
    FROM v_sf_history h JOIN (VALUES {values_sql(mapped)}) m(field_value, new_status)
        ON m.field_value = lower(trim(h.new_value))
    WHERE h.field = 'Status' AND NOT h.is_deleted""")


# ---------------------------------------------------------------------------
# tasks and events
# ---------------------------------------------------------------------------

def _who(lead: str, at: str, key: str, salt: int) -> str:
    """The who_id of a row of lead `lead` at `at`: its converted contact for most
    rows after the conversion, else its lead id (c: v_sf_conversion, i: v_sf_lead_ids)."""
    return (f"CASE WHEN c.contact_id IS NOT NULL AND {at} >= c.converted_at AND v_chance({key}, {salt}) < 0.8"
            f" THEN c.contact_id ELSE i.sf_id END")


def _activities(con: duckdb.DuckDBPyConnection) -> None:
    """salesforce.task and event; raw.crm_activities. Meetings are events, calls,
    e-mails and LinkedIn messages tasks (LinkedIn messages with no type: 'task');
    deleted rows, older task versions, a task of a contact no lead converted into
    and a task dated 2099 are added and not mapped."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_sf_activity AS
    WITH a AS (
        SELECT a.*, 'mapped' AS kind FROM s_crm_activities a
        UNION ALL  -- deleted rows, a task of an unknown contact, a task in 2099
        SELECT a.* REPLACE (a.activity_id || '-' || k.kind AS activity_id,
                            CASE WHEN k.kind = '2099' THEN {FAR_FUTURE} ELSE a.occurred_at END AS occurred_at),
               k.kind
        FROM s_crm_activities a, (VALUES ('deleted', 0.03), ('unknown-contact', 0.01), ('2099', 0.003)) k(kind, share)
        WHERE a.activity_id IS NOT NULL AND v_chance(a.activity_id, hash(k.kind)) < k.share
    ), ids AS (
        SELECT activity_id, row_number() OVER (ORDER BY activity_id) AS n
        FROM (SELECT DISTINCT activity_id FROM a WHERE activity_id IS NOT NULL)
    )
    SELECT a.*, a.activity_type = 'meeting' AS is_event,
           CASE WHEN ids.n IS NOT NULL THEN
               CASE WHEN a.activity_type = 'meeting' THEN {_sf_id('00U', 'ids.n')} ELSE {_sf_id('00T', 'ids.n')} END
           END AS sf_id,
           CASE a.activity_type WHEN 'call' THEN 'Call' WHEN 'email' THEN 'Email'
                WHEN 'meeting' THEN CASE WHEN v_chance(a.activity_id, 141) < 0.8 THEN 'Meeting' END END AS type,
           CASE WHEN a.kind = 'unknown-contact' THEN {_sf_id('003', '800000000 + ids.n')}
                ELSE {_who('a.lead_id', 'a.occurred_at', 'a.activity_id', 142)} END AS who_id,
           {_user_id('a.rep_id')} AS owner_id
    FROM a LEFT JOIN ids USING (activity_id)
    LEFT JOIN v_sf_lead_ids i USING (lead_id) LEFT JOIN v_sf_conversion c USING (lead_id);
    """)
    insert_rows(con, "salesforce.task", f"""
    SELECT sf_id AS id, who_id, NULL AS what_id, type, coalesce(type, 'LinkedIn message') AS subject,
           'Completed' AS status, occurred_at::DATE AS activity_date, occurred_at AS created_date, owner_id,
           kind = 'deleted' AS is_deleted,
           {_history_mode('TRUE', 'occurred_at', END_OF_TIME)}
    FROM v_sf_activity WHERE NOT is_event
    UNION ALL  -- an older version of some tasks: not read
    SELECT sf_id, who_id, NULL, type, 'draft', 'Open', occurred_at::DATE, occurred_at, owner_id, FALSE,
           {_history_mode('FALSE', f'occurred_at - {OLDER}', 'occurred_at')}
    FROM v_sf_activity WHERE NOT is_event AND kind = 'mapped' AND v_chance(activity_id, 143) < 0.05""")
    insert_rows(con, "salesforce.event", f"""
    SELECT sf_id AS id, who_id, NULL AS what_id, type, 'Meeting' AS subject,
           occurred_at - INTERVAL 2 DAY AS created_date, occurred_at AS start_date_time,
           occurred_at + INTERVAL 30 MINUTE AS end_date_time, owner_id, kind = 'deleted' AS is_deleted,
           {SYNCED} AS _fivetran_synced
    FROM v_sf_activity WHERE is_event""")
    insert_rows(con, "raw.crm_activities", """
    SELECT a.sf_id AS activity_id, p.lead_sf_id AS lead_id,
           coalesce(a.type, CASE WHEN a.is_event THEN 'event' ELSE 'task' END) AS activity_type,
           a.occurred_at, a.owner_id AS rep_id
    FROM v_sf_activity a JOIN (SELECT person_id, min(lead_sf_id) AS lead_sf_id FROM v_people
                               WHERE person_kind IN ('lead', 'contact') GROUP BY ALL) p ON p.person_id = a.who_id
    WHERE a.kind <> 'deleted'""")


# ---------------------------------------------------------------------------
# opportunities
# ---------------------------------------------------------------------------

def _opportunities(con: duckdb.DuckDBPyConnection) -> None:
    """salesforce.opportunity and opportunity_contact_role; raw.crm_opportunities.
    An opportunity a lead converted into reaches it through converted_opportunity_id,
    the others of a converted lead through the contact's primary role, those of
    leads never converted reach nobody (orphans). Open opportunities get an
    expected close_date, older versions (stage Prospecting) are inactive; one
    opportunity delivered twice, deleted ones, non-primary roles and one created
    in 2099 are added."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_sf_opportunity AS
    WITH o AS (
        SELECT *, 'mapped' AS kind FROM s_crm_opportunities
        UNION ALL  -- an opportunity delivered twice
        (SELECT *, 'mapped' FROM s_crm_opportunities WHERE opportunity_id IS NOT NULL AND created_at IS NOT NULL
         ORDER BY opportunity_id LIMIT 1)
        UNION ALL  -- deleted opportunities, one created in 2099
        SELECT s.* REPLACE (s.opportunity_id || '-' || k.kind AS opportunity_id,
                            CASE WHEN k.kind = '2099' THEN {FAR_FUTURE} ELSE s.created_at END AS created_at), k.kind
        FROM s_crm_opportunities s, (VALUES ('deleted', 0.08), ('2099', 0.03)) k(kind, share)
        WHERE s.opportunity_id IS NOT NULL AND s.created_at IS NOT NULL
          AND v_chance(s.opportunity_id, hash(k.kind)) < k.share
    ), ids AS (
        SELECT opportunity_id, coalesce(known.sf_id, {_sf_id('006', "500000000 + row_number() OVER (ORDER BY opportunity_id)")}) AS sf_id
        FROM (SELECT DISTINCT opportunity_id FROM o WHERE opportunity_id IS NOT NULL)
        LEFT JOIN v_sf_opportunity_ids known USING (opportunity_id)
    )
    SELECT o.*, ids.sf_id, coalesce(o.closed_at, o.created_at + INTERVAL 45 DAY)::DATE AS close_date,
           c.contact_id, i.sf_id AS lead_sf_id,
           coalesce(c.converted_opportunity = o.opportunity_id, FALSE) AS is_converted_opportunity
    FROM o LEFT JOIN ids USING (opportunity_id)
    LEFT JOIN v_sf_conversion c USING (lead_id) LEFT JOIN v_sf_lead_ids i USING (lead_id);
    """)
    insert_rows(con, "salesforce.opportunity", f"""
    SELECT sf_id AS id, 'Opportunity ' || coalesce(opportunity_id, '?') AS name,
           {_sf_id('001', 'hash(lead_id) % 100000')} AS account_id, stage AS stage_name, amount::DOUBLE AS amount,
           CASE WHEN is_won THEN 100 WHEN is_closed THEN 0 ELSE 50 END AS probability, close_date,
           created_at AS created_date, is_closed, is_won, gross_margin_pct AS gross_margin_pct_c,
           {_user_id("'rep_001'")} AS owner_id, kind = 'deleted' AS is_deleted,
           {_history_mode('TRUE', 'created_at', END_OF_TIME)}
    FROM v_sf_opportunity
    UNION ALL  -- the older version of some: not read
    SELECT sf_id, 'Opportunity ' || opportunity_id, {_sf_id('001', 'hash(lead_id) % 100000')}, 'Prospecting',
           amount::DOUBLE, 10, close_date, created_at, FALSE, FALSE, NULL, {_user_id("'rep_001'")}, FALSE,
           {_history_mode('FALSE', f'created_at - {OLDER}', 'created_at')}
    FROM v_sf_opportunity WHERE kind = 'mapped' AND v_chance(opportunity_id, 151) < 0.3""")
    insert_rows(con, "salesforce.opportunity_contact_role", f"""
    WITH roles AS (
        SELECT DISTINCT sf_id AS opportunity_id, contact_id, TRUE AS is_primary FROM v_sf_opportunity
        WHERE sf_id IS NOT NULL AND contact_id IS NOT NULL AND NOT is_converted_opportunity
        UNION ALL  -- a second, non-primary role with one contact
        SELECT DISTINCT sf_id, (SELECT min(contact_id) FROM v_sf_conversion), FALSE
        FROM v_sf_opportunity WHERE sf_id IS NOT NULL AND v_chance(opportunity_id, 153) < 0.2
    )
    SELECT {_sf_id('00K', 'row_number() OVER (ORDER BY opportunity_id, contact_id)')} AS id, opportunity_id,
           contact_id, CASE WHEN is_primary THEN 'Decision Maker' ELSE 'Influencer' END AS role, is_primary,
           FALSE AS is_deleted, {SYNCED} AS _fivetran_synced
    FROM roles""")
    insert_rows(con, "raw.crm_opportunities", """
    WITH o AS (
        SELECT * FROM salesforce.opportunity WHERE _fivetran_active AND NOT is_deleted
    ), leads AS (
        SELECT o.id, coalesce(converted.lead_sf_id, min(primary_contact.lead_sf_id)) AS lead_id
        FROM (SELECT DISTINCT id FROM o) o
        LEFT JOIN v_people converted ON converted.person_kind = 'opportunity' AND converted.person_id = o.id
        LEFT JOIN salesforce.opportunity_contact_role r ON r.opportunity_id = o.id AND r.is_primary
        LEFT JOIN v_people primary_contact ON primary_contact.person_kind = 'contact'
            AND primary_contact.person_id = r.contact_id
        GROUP BY o.id, converted.lead_sf_id
    )
    SELECT o.id AS opportunity_id, leads.lead_id, o.created_date AS created_at, o.stage_name AS stage, o.is_closed,
           o.is_won, CASE WHEN o.is_closed THEN o.close_date::TIMESTAMP END AS closed_at, o.amount,
           o.gross_margin_pct_c AS gross_margin_pct
    FROM o JOIN leads USING (id) WHERE leads.lead_id IS NOT NULL""")


# ---------------------------------------------------------------------------
# campaigns and their members
# ---------------------------------------------------------------------------

def _campaign_members(con: duckdb.DuckDBPyConnection) -> None:
    """salesforce.campaign and campaign_member; raw.event_attendance. Each event is
    a campaign of an attendance type (webinars Webinar, conferences Conference,
    Trade Show or Event), its older version of type Other and a newer inactive
    version of type Email; members after their lead's conversion name the contact.
    A newsletter campaign (not an event: not read), deleted members and a member
    registered in 2099 are added."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_sf_campaign AS
    SELECT event_id, {_sf_id('701', 'row_number() OVER (ORDER BY event_id)')} AS sf_id,
           CASE WHEN event_id = 'NEWSLETTER' THEN 'Email' WHEN event_id LIKE 'WBN%' THEN 'Webinar'
                ELSE ['Conference', 'Trade Show', 'Event'][1 + (hash(event_id, 161) % 3)::INTEGER] END AS type
    FROM (SELECT DISTINCT event_id FROM s_event_attendance WHERE event_id IS NOT NULL
          UNION SELECT 'NEWSLETTER');

    CREATE OR REPLACE TEMP TABLE v_sf_member AS
    WITH m AS (
        SELECT a.*, 'mapped' AS kind FROM s_event_attendance a
        UNION ALL  -- deleted members, newsletter members, a member registered in 2099
        SELECT a.* REPLACE (a.attendance_id || '-' || k.kind AS attendance_id,
                            CASE WHEN k.kind = 'newsletter' THEN 'NEWSLETTER' ELSE a.event_id END AS event_id,
                            CASE WHEN k.kind = '2099' THEN {FAR_FUTURE} ELSE a.registered_at END AS registered_at),
               k.kind
        FROM s_event_attendance a, (VALUES ('deleted', 0.03), ('newsletter', 0.2), ('2099', 0.005)) k(kind, share)
        WHERE a.attendance_id IS NOT NULL AND v_chance(a.attendance_id, hash(k.kind)) < k.share
    ), ids AS (
        SELECT attendance_id, {_sf_id('00v', 'row_number() OVER (ORDER BY attendance_id)')} AS sf_id
        FROM (SELECT DISTINCT attendance_id FROM m WHERE attendance_id IS NOT NULL)
    )
    SELECT m.*, ids.sf_id, camp.sf_id AS campaign_sf_id,
           {_who('m.lead_id', 'm.registered_at', 'm.attendance_id', 162)} AS who_id
    FROM m LEFT JOIN ids USING (attendance_id) LEFT JOIN v_sf_campaign camp USING (event_id)
    LEFT JOIN v_sf_lead_ids i USING (lead_id) LEFT JOIN v_sf_conversion c USING (lead_id);
    """)
    insert_rows(con, "salesforce.campaign", f"""
    SELECT sf_id AS id, event_id AS name, type, 'Completed' AS status, DATE '2025-01-01' AS start_date,
           TRUE AS is_active, TIMESTAMP '2025-06-01 10:00:00' AS last_modified_date, FALSE AS is_deleted,
           {_history_mode('TRUE', "TIMESTAMP '2025-06-01 10:00:00'", END_OF_TIME)}
    FROM v_sf_campaign
    UNION ALL  -- an older version, active (History Mode off for it): the latest one is read
    SELECT sf_id, event_id, 'Other', 'Planned', DATE '2025-01-01', TRUE, TIMESTAMP '2025-01-15 10:00:00', FALSE,
           {_history_mode('TRUE', "TIMESTAMP '2025-01-15 10:00:00'", END_OF_TIME)}
    FROM v_sf_campaign WHERE type <> 'Other'
    UNION ALL  -- a newer, inactive version: not read
    SELECT sf_id, event_id, 'Email', 'Aborted', DATE '2025-01-01', FALSE, TIMESTAMP '2025-09-01 10:00:00', FALSE,
           {_history_mode('FALSE', "TIMESTAMP '2025-09-01 10:00:00'", "TIMESTAMP '2025-09-02 10:00:00'")}
    FROM v_sf_campaign WHERE v_chance(event_id, 163) < 0.5""")
    insert_rows(con, "salesforce.campaign_member", f"""
    SELECT sf_id AS id, campaign_sf_id AS campaign_id,
           CASE WHEN who_id LIKE '00Q%' OR who_id IS NULL THEN who_id END AS lead_id,
           CASE WHEN who_id LIKE '003%' THEN who_id END AS contact_id,
           CASE WHEN attended THEN 'Responded' ELSE 'Sent' END AS status, attended AS has_responded,
           attended_at::DATE AS first_responded_date, registered_at AS created_date,
           kind = 'deleted' AS is_deleted, {SYNCED} AS _fivetran_synced
    FROM v_sf_member""")
    attendance_types = lit([row["campaign_type"].strip().lower()
                            for row in read_seed("salesforce_attendance_campaign_types")])
    insert_rows(con, "raw.event_attendance", f"""
    WITH campaigns AS (  -- the latest active version of each campaign
        SELECT id, type FROM salesforce.campaign WHERE _fivetran_active AND NOT is_deleted
        QUALIFY row_number() OVER (PARTITION BY id ORDER BY last_modified_date DESC) = 1
    )
    SELECT m.id AS attendance_id, m.campaign_id AS event_id, coalesce(m.lead_id, p.lead_sf_id) AS lead_id,
           m.created_date AS registered_at, m.has_responded AS attended,
           m.first_responded_date::TIMESTAMP AS attended_at
    FROM salesforce.campaign_member m
    JOIN campaigns c ON c.id = m.campaign_id AND list_contains({attendance_types}, lower(trim(c.type)))
    LEFT JOIN v_people p ON p.person_kind = 'contact' AND p.person_id = m.contact_id
    WHERE NOT m.is_deleted AND coalesce(m.lead_id, p.lead_sf_id) IS NOT NULL""")


def _tables_left_on_raw(con: duckdb.DuckDBPyConnection) -> None:
    """The section 2 tables crm_source salesforce leaves on raw, their leads by Salesforce id."""
    for table in LEFT_ON_RAW:
        select = f"SELECT * FROM s_{table}"
        if table not in ("ad_spend", "program_costs"):
            select = (f"SELECT t.* REPLACE (i.sf_id AS lead_id) FROM s_{table} t"
                      f" LEFT JOIN v_sf_lead_ids i USING (lead_id)")
        insert_rows(con, f"raw.{table}", select)


MAPPINGS: tuple[tuple[str, Mapping], ...] = (
    ("leads", _leads),
    ("status history", _lead_history),
    ("tasks and events", _activities),
    ("opportunities", _opportunities),
    ("campaign members", _campaign_members),
    ("tables left on raw", _tables_left_on_raw),
)


def reshape_to_salesforce(con: duckdb.DuckDBPyConnection,
                          progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Salesforce (reshape in vendor_tables): schema salesforce and the matching section 2 tables."""
    return reshape(con, SALESFORCE_COLUMNS, snapshot_section2, MAPPINGS, "salesforce shape", progress)
