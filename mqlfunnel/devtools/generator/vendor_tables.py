"""Generator shape ``hubspot``: the section 2 tables of one generation re-expressed
as the tables Fivetran lands from HubSpot, Segment and the four ad platforms
(CONTRACT section 7), next to the section 2 tables those vendor tables map to.

``reshape_to_hubspot()`` runs after ``generate()`` filled schema ``raw``. It reads
the ten raw tables once and writes, in SQL inside DuckDB:

* schemas hubspot, segment, google_ads, linkedin_ads, facebook_ads and
  microsoft_ads, with Fivetran's column names and types (VENDOR_COLUMNS);
* schema raw again, holding the *matching* section 2 tables: exactly the rows
  the adapters map the vendor tables to (numeric-text HubSpot ids, only the
  statuses seed crm_status_map can express, one ad_spend row per platform
  daily row with platform 'google_ads' ..., the ids the adapters derive:
  activity_id '<engagement>-<contact>', reply 'engagement-<engagement>-<contact>',
  status_change_id '<contact>-<property>-<timestamp>'), plus event_attendance and program_costs,
  which no switch replaces. A vendor row that feeds no section 2 row (an
  orphan e-mail recipient, an ambiguous recipient, an engagement or deal
  without a contact) has no matching row.

So the marts built from schema raw (default vars) equal the marts built from
the vendor schemas (crm_source hubspot, web_source segment, every ad
platform) row for row. Each mapping is one function below that derives the
vendor rows and their matching section 2 rows from one temp table, so the two
sides cannot drift apart. Bad input of every kind is carried over from the
section 2 tables (duplicates, NULL keys and timestamps, orphans, deleted
leads, negative spend, non-USD currency) and vendor-only kinds are added:
merged contacts, a recipient shared by two contacts, e-mail event types and
engagement types that are not read, non-status property history, inactive
engagements, engagements and deals without a contact, deleted deals, older
versions of ads, creatives, campaigns and accounts, and one implausible
timestamp per vendor fact table.

Choices are ``hash(key, salt)``: the same raw tables give the same vendor tables.
"""

from __future__ import annotations

from typing import Callable

import duckdb

from mqlfunnel.devtools.generator.sql import values_sql
from mqlfunnel.schema import RAW_TABLES, create_raw_tables

# The vendor tables written, with Fivetran's column names and landing types.
VENDOR_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "hubspot.contact": [
        ("id", "BIGINT"), ("property_email", "VARCHAR"), ("property_firstname", "VARCHAR"),
        ("property_jobtitle", "VARCHAR"), ("property_company", "VARCHAR"), ("property_industry", "VARCHAR"),
        ("property_numemployees", "VARCHAR"), ("property_country", "VARCHAR"),
        ("property_createdate", "TIMESTAMP"), ("property_lastmodifieddate", "TIMESTAMP"),
        ("property_lifecyclestage", "VARCHAR"), ("property_hs_analytics_source", "VARCHAR"),
        ("property_hs_analytics_source_data_1", "VARCHAR"), ("property_hs_analytics_first_url", "VARCHAR"),
        ("property_hs_analytics_first_referrer", "VARCHAR"), ("property_hs_merged_object_ids", "VARCHAR"),
        ("property_hs_lifecyclestage_marketingqualifiedlead_date", "TIMESTAMP"),
        ("_fivetran_deleted", "BOOLEAN"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "hubspot.contact_property_history": [
        ("contact_id", "BIGINT"), ("name", "VARCHAR"), ("value", "VARCHAR"), ("timestamp", "TIMESTAMP"),
        ("source", "VARCHAR"), ("source_id", "VARCHAR"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "hubspot.engagement": [
        ("id", "BIGINT"), ("type", "VARCHAR"), ("timestamp", "TIMESTAMP"), ("owner_id", "BIGINT"),
        ("active", "BOOLEAN"), ("portal_id", "BIGINT"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "hubspot.engagement_contact": [("engagement_id", "BIGINT"), ("contact_id", "BIGINT")],
    "hubspot.email_event": [
        ("id", "VARCHAR"), ("recipient", "VARCHAR"), ("email_campaign_id", "BIGINT"), ("type", "VARCHAR"),
        ("created", "TIMESTAMP"), ("portal_id", "BIGINT"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "hubspot.contact_form_submission": [
        ("conversion_id", "VARCHAR"), ("contact_id", "BIGINT"), ("timestamp", "TIMESTAMP"), ("title", "VARCHAR"),
        ("form_id", "VARCHAR"), ("page_url", "VARCHAR"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "hubspot.deal": [
        ("deal_id", "BIGINT"), ("portal_id", "BIGINT"), ("deal_pipeline_id", "VARCHAR"),
        ("deal_pipeline_stage_id", "VARCHAR"), ("owner_id", "BIGINT"), ("is_deleted", "BOOLEAN"),
        ("property_dealname", "VARCHAR"), ("property_amount", "DOUBLE"), ("property_createdate", "TIMESTAMP"),
        ("property_closedate", "TIMESTAMP"), ("property_gross_margin_pct", "DOUBLE"),
        ("_fivetran_synced", "TIMESTAMP"),
    ],
    "hubspot.deal_pipeline_stage": [
        ("stage_id", "VARCHAR"), ("pipeline_id", "VARCHAR"), ("label", "VARCHAR"), ("display_order", "INTEGER"),
        ("probability", "DOUBLE"), ("is_closed", "BOOLEAN"), ("closed_won", "BOOLEAN"), ("active", "BOOLEAN"),
    ],
    "hubspot.deal_contact": [("deal_id", "BIGINT"), ("contact_id", "BIGINT")],
    "segment.pages": [
        ("id", "VARCHAR"), ("anonymous_id", "VARCHAR"), ("user_id", "VARCHAR"), ("timestamp", "TIMESTAMP"),
        ("received_at", "TIMESTAMP"), ("path", "VARCHAR"), ("url", "VARCHAR"), ("referrer", "VARCHAR"),
        ("title", "VARCHAR"), ("context_campaign_source", "VARCHAR"), ("context_campaign_medium", "VARCHAR"),
        ("context_campaign_name", "VARCHAR"),
    ],
    "google_ads.ad_stats": [
        ("customer_id", "BIGINT"), ("date", "DATE"), ("ad_id", "BIGINT"), ("ad_group_id", "BIGINT"),
        ("campaign_id", "BIGINT"), ("cost_micros", "BIGINT"), ("impressions", "BIGINT"), ("clicks", "BIGINT"),
        ("_fivetran_synced", "TIMESTAMP"),
    ],
    "google_ads.ad_history": [
        ("id", "BIGINT"), ("ad_group_id", "BIGINT"), ("updated_at", "TIMESTAMP"), ("type", "VARCHAR"),
        ("final_urls", "VARCHAR"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "google_ads.account_history": [
        ("id", "BIGINT"), ("updated_at", "TIMESTAMP"), ("currency_code", "VARCHAR"),
        ("descriptive_name", "VARCHAR"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "google_ads.campaign_history": [
        ("id", "BIGINT"), ("customer_id", "BIGINT"), ("updated_at", "TIMESTAMP"), ("name", "VARCHAR"),
        ("_fivetran_synced", "TIMESTAMP"),
    ],
    "linkedin_ads.ad_analytics_by_creative": [
        ("creative_id", "BIGINT"), ("day", "TIMESTAMP"), ("cost_in_local_currency", "DOUBLE"),
        ("cost_in_usd", "DOUBLE"), ("impressions", "BIGINT"), ("clicks", "BIGINT"),
    ],
    "linkedin_ads.creative_history": [
        ("id", "BIGINT"), ("campaign_id", "BIGINT"), ("click_uri", "VARCHAR"), ("last_modified_at", "TIMESTAMP"),
        ("created_at", "TIMESTAMP"),
    ],
    "linkedin_ads.campaign_history": [
        ("id", "BIGINT"), ("account_id", "BIGINT"), ("name", "VARCHAR"), ("last_modified_time", "TIMESTAMP"),
    ],
    "linkedin_ads.account_history": [
        ("id", "BIGINT"), ("name", "VARCHAR"), ("currency", "VARCHAR"), ("last_modified_time", "TIMESTAMP"),
    ],
    "facebook_ads.basic_ad": [
        ("ad_id", "BIGINT"), ("date", "DATE"), ("account_id", "BIGINT"), ("ad_name", "VARCHAR"),
        ("spend", "DOUBLE"), ("impressions", "BIGINT"), ("inline_link_clicks", "BIGINT"),
    ],
    "facebook_ads.ad_history": [
        ("id", "BIGINT"), ("account_id", "BIGINT"), ("campaign_id", "BIGINT"), ("creative_id", "BIGINT"),
        ("name", "VARCHAR"), ("updated_time", "TIMESTAMP"),
    ],
    "facebook_ads.creative_history": [
        ("id", "BIGINT"), ("account_id", "BIGINT"), ("url_tags", "VARCHAR"), ("page_link", "VARCHAR"),
        ("_fivetran_synced", "TIMESTAMP"),
    ],
    "facebook_ads.account_history": [
        ("id", "BIGINT"), ("name", "VARCHAR"), ("currency", "VARCHAR"), ("_fivetran_synced", "TIMESTAMP"),
    ],
    "facebook_ads.campaign_history": [
        ("id", "BIGINT"), ("account_id", "BIGINT"), ("name", "VARCHAR"), ("updated_time", "TIMESTAMP"),
    ],
    "microsoft_ads.ad_performance_daily_report": [
        ("date", "DATE"), ("account_id", "BIGINT"), ("campaign_id", "BIGINT"), ("ad_group_id", "BIGINT"),
        ("ad_id", "BIGINT"), ("spend", "DOUBLE"), ("currency_code", "VARCHAR"), ("impressions", "BIGINT"),
        ("clicks", "BIGINT"),
    ],
    "microsoft_ads.ad_history": [
        ("id", "BIGINT"), ("ad_group_id", "BIGINT"), ("final_url", "VARCHAR"), ("modified_time", "TIMESTAMP"),
    ],
    "microsoft_ads.campaign_history": [
        ("id", "BIGINT"), ("account_id", "BIGINT"), ("name", "VARCHAR"), ("modified_time", "TIMESTAMP"),
    ],
}

VENDOR_SCHEMAS: tuple[str, ...] = tuple(dict.fromkeys(table.split(".")[0] for table in VENDOR_COLUMNS))

# The section 2 platform names of the generator and the ad platform (var name) they land from;
# spend on other platforms (reddit_ads) has no adapter and no vendor table.
AD_PLATFORMS: dict[str, str] = {
    "google_ads": "google_ads", "linkedin_ads": "linkedin_ads", "meta_ads": "facebook_ads",
    "microsoft_ads": "microsoft_ads",
}

SITE = "https://www.revopsco.com"
FAR_FUTURE = "TIMESTAMP '2099-01-01 09:00:00'"  # an implausible timestamp (after build start + max_future_days)
EPOCH = "TIMESTAMP '1970-01-01 00:00:00'"       # HubSpot's zero date: before min_valid_timestamp
SYNCED = "TIMESTAMP '2026-11-01 00:00:00'"      # _fivetran_synced of every row


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, select: str) -> None:
    """Insert the named columns of `select` into `table`, in a stable row order."""
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM ({select}) ORDER BY ALL")


# ---------------------------------------------------------------------------
# set-up: a snapshot of the section 2 tables and the id maps
# ---------------------------------------------------------------------------

def snapshot_section2(con: duckdb.DuckDBPyConnection) -> None:
    """s_<table>: the generated section 2 tables, and the temp macro v_chance(key,
    salt), a number in [0, 1) fixed by its arguments."""
    for table in RAW_TABLES:
        con.execute(f"CREATE OR REPLACE TEMP TABLE s_{table} AS SELECT * FROM raw.{table}")
    con.execute("CREATE OR REPLACE TEMP MACRO v_chance(k, salt) AS ((hash(k, salt) % 10000)::DOUBLE / 10000)")


# A query of every lead id the snapshot names (orphans included).
NAMED_LEAD_IDS = " UNION ".join(f"SELECT lead_id FROM s_{t}" for t in RAW_TABLES if t not in ("ad_spend", "program_costs"))


def drop_shape_temps(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the s_ and v_ temp tables and the v_chance macro of a reshape."""
    for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary AND (table_name LIKE 's\\_%' ESCAPE '\\'"
        " OR table_name LIKE 'v\\_%' ESCAPE '\\')"
    ).fetchall():
        con.execute(f"DROP TABLE temp.main.{name}")
    con.execute("DROP MACRO IF EXISTS temp.main.v_chance")


def _snapshot_and_ids(con: duckdb.DuckDBPyConnection) -> None:
    """The snapshot (snapshot_section2); v_lead_ids: a numeric HubSpot id for every
    lead id named anywhere (orphans included); v_contact_of: each lead's id and the
    id of its merged contact, if it has one."""
    snapshot_section2(con)
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_lead_ids AS
    SELECT lead_id, (900 + row_number() OVER (ORDER BY lead_id))::BIGINT AS contact_id
    FROM ({NAMED_LEAD_IDS}) WHERE lead_id IS NOT NULL;

    -- a lead's older versions are separate contacts merged into it
    CREATE OR REPLACE TEMP TABLE v_lead_rows AS
    SELECT l.*, i.contact_id AS survivor_id,
           l.lead_id IS NULL OR coalesce(l.updated_at = max(l.updated_at) OVER (PARTITION BY l.lead_id), TRUE)
               AS is_current
    FROM s_crm_leads l LEFT JOIN v_lead_ids i USING (lead_id);
    CREATE OR REPLACE TEMP TABLE v_merged AS
    SELECT lead_id, updated_at,
           (SELECT max(contact_id) FROM v_lead_ids) + row_number() OVER (ORDER BY lead_id, updated_at) AS merged_id
    FROM (SELECT DISTINCT lead_id, updated_at FROM v_lead_rows WHERE NOT is_current);
    CREATE OR REPLACE TEMP TABLE v_survivor AS  -- the lead of every contact id
    SELECT contact_id AS landed_id, contact_id AS survivor_id FROM v_lead_ids
    UNION ALL
    SELECT m.merged_id, i.contact_id FROM v_merged m JOIN v_lead_ids i USING (lead_id);
    CREATE OR REPLACE TEMP TABLE v_contact_of AS
    SELECT i.lead_id, i.contact_id, m.merged_id
    FROM v_lead_ids i
    LEFT JOIN (SELECT lead_id, min(merged_id) AS merged_id FROM v_merged GROUP BY ALL) m USING (lead_id);
    """)


def _landed_contact(key: str, salt: int) -> str:
    """The contact id a vendor row names for lead c: its merged contact for about
    half the rows of a lead that has one (the row then belongs to the survivor)."""
    return (f"CASE WHEN c.merged_id IS NOT NULL AND v_chance({key}, {salt}) < 0.5"
            f" THEN c.merged_id ELSE c.contact_id END")


# ---------------------------------------------------------------------------
# HubSpot
# ---------------------------------------------------------------------------

# hs_analytics_source values of seed hubspot_analytics_sources, by the medium they give.
ANALYTICS_SOURCE_OF_MEDIUM = {
    "organic": "ORGANIC_SEARCH", "cpc": "PAID_SEARCH", "paid_social": "PAID_SOCIAL", "social": "SOCIAL_MEDIA",
    "email": "EMAIL_MARKETING", "referral": "REFERRALS", "other": "OTHER_CAMPAIGNS", "offline": "OFFLINE",
}
# ... and the medium each analytics source gives (DIRECT_TRAFFIC: empty)
SEED_MEDIUM = {**{source: medium for medium, source in ANALYTICS_SOURCE_OF_MEDIUM.items()}, "DIRECT_TRAFFIC": ""}


def _contacts(con: duckdb.DuckDBPyConnection) -> None:
    """hubspot.contact and raw.crm_leads. Every crm_leads row is one contact row:
    an older version is a merged contact (its own id, listed in the survivor's
    property_hs_merged_object_ids) and maps to a crm_leads row of the survivor's
    id. Lead source: utm parameters of the first URL, or (no utm_medium) the
    analytics source; the referrer host from the first referrer. One lead takes
    another's e-mail (an ambiguous recipient: v_special k 1 and 2), one (k 3) has
    HubSpot's zero create date; k 4 carries the implausible rows of the other tables."""
    seed_case = " ".join(f"WHEN '{medium}' THEN '{source}'" for medium, source in ANALYTICS_SOURCE_OF_MEDIUM.items())
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_special AS  -- four plain live leads, by hash
    SELECT lead_id, row_number() OVER (ORDER BY hash(lead_id, 77), lead_id) AS k
    FROM v_lead_rows r
    WHERE is_current AND lead_id IS NOT NULL AND NOT is_deleted AND created_at IS NOT NULL
      AND email LIKE '%_@%_.%' AND lead_id NOT IN (SELECT lead_id FROM v_merged)
    QUALIFY k <= 4;

    CREATE OR REPLACE TEMP TABLE v_contact AS
    WITH r AS (
        SELECT r.*, coalesce(m.merged_id, r.survivor_id) AS id,
               coalesce(v_chance(r.lead_id, 11), 0.5) AS u1, coalesce(v_chance(r.lead_id, 12), 0.5) AS u2,
               coalesce(v_chance(r.lead_id, 13), 0.5) AS u3,
               coalesce(trim(r.original_utm_medium), '') <> '' AS has_medium,
               coalesce(trim(r.original_utm_source), '') <> '' AS has_source,
               coalesce(trim(r.original_referrer_host), '') <> '' AS has_referrer,
               CASE lower(trim(r.original_utm_medium)) {seed_case} END AS seed_source
        FROM v_lead_rows r LEFT JOIN v_merged m ON NOT r.is_current AND m.lead_id = r.lead_id
                                                AND m.updated_at = r.updated_at
    ), e AS (
        SELECT r.*,
               CASE WHEN r.lead_id IS NULL OR r.created_at IS NULL THEN NULL  -- nobody's recipient
                    WHEN r.lead_id = (SELECT lead_id FROM v_special WHERE k = 2)
                        THEN (SELECT email FROM s_crm_leads WHERE lead_id = (SELECT lead_id FROM v_special WHERE k = 1)
                              ORDER BY updated_at DESC LIMIT 1)
                    ELSE r.email END AS contact_email,
               CASE WHEN r.lead_id = (SELECT lead_id FROM v_special WHERE k = 3) THEN {EPOCH}
                    ELSE r.created_at END AS contact_created,
               r.has_medium AND r.seed_source IS NOT NULL AND r.u1 < 0.4 AS medium_by_source
        FROM r
    )
    SELECT e.*,
           CASE WHEN medium_by_source THEN seed_source
                WHEN has_medium THEN coalesce(seed_source, 'OTHER_CAMPAIGNS')  -- not read: the URL has the medium
                WHEN NOT has_referrer THEN 'DIRECT_TRAFFIC' END AS analytics_source,
           NOT medium_by_source AND has_medium AS medium_in_url,
           has_source AND (NOT medium_by_source OR u2 < 0.5) AS source_in_url,
           list_filter([CASE WHEN u3 < 0.3 THEN 'hsa_acc=2231' END,
                        CASE WHEN source_in_url THEN 'utm_source=' || original_utm_source END,
                        CASE WHEN medium_in_url THEN 'utm_medium=' || original_utm_medium END,
                        CASE WHEN u3 < 0.6 THEN 'utm_content=hero' END], lambda x: x IS NOT NULL) AS params
    FROM e;
    """)
    insert_rows(con, "hubspot.contact", f"""
    SELECT id, contact_email AS property_email, split_part(contact_email, '@', 1) AS property_firstname,
           job_title AS property_jobtitle, company_name AS property_company, industry AS property_industry,
           CASE WHEN employee_count IS NULL THEN NULL
                WHEN u2 < 0.3 THEN employee_count || '-' || (employee_count * 2)
                WHEN u2 < 0.45 THEN employee_count || '+'
                ELSE employee_count::VARCHAR END AS property_numemployees,
           country AS property_country, contact_created AS property_createdate,
           updated_at AS property_lastmodifieddate, 'lead' AS property_lifecyclestage,
           analytics_source AS property_hs_analytics_source,
           CASE WHEN source_in_url THEN 'www.revopsco.com' ELSE original_utm_source END
               AS property_hs_analytics_source_data_1,
           CASE WHEN len(params) = 0 AND u3 > 0.8 THEN NULL
                ELSE '{SITE}/' || CASE WHEN len(params) > 0 THEN '?' || array_to_string(params, '&') ELSE '' END
           END AS property_hs_analytics_first_url,
           CASE WHEN NOT has_referrer THEN NULL
                WHEN u1 < 0.5 THEN 'https://' || original_referrer_host || '/'
                WHEN u1 < 0.7 THEN 'http://' || original_referrer_host || ':80/search?q=lead+scoring'
                ELSE original_referrer_host || '/ref' END AS property_hs_analytics_first_referrer,
           CASE WHEN is_current THEN nullif(concat_ws(';',
               (SELECT string_agg(merged_id::VARCHAR, ';' ORDER BY merged_id) FROM v_merged m
                WHERE m.lead_id = v_contact.lead_id),
               CASE WHEN u3 < 0.01 OR (u3 < 0.5 AND lead_id IN (SELECT lead_id FROM v_merged))
                    THEN (90000000 + survivor_id)::VARCHAR END), '') END  -- an id never landed
               AS property_hs_merged_object_ids,
           NULL AS property_hs_lifecyclestage_marketingqualifiedlead_date,
           is_deleted AS _fivetran_deleted, {SYNCED} AS _fivetran_synced
    FROM v_contact""")
    medium_of_source = " ".join(f"WHEN '{source}' THEN '{medium}'" for source, medium in SEED_MEDIUM.items())
    insert_rows(con, "raw.crm_leads", f"""
    SELECT survivor_id::VARCHAR AS lead_id, contact_email AS email, job_title, company_name, industry,
           employee_count, country, original_utm_source,
           CASE WHEN medium_in_url THEN original_utm_medium ELSE CASE analytics_source {medium_of_source} END
           END AS original_utm_medium,
           CASE WHEN has_referrer THEN lower(original_referrer_host) END AS original_referrer_host,
           contact_created AS created_at, updated_at, is_deleted
    FROM v_contact""")


def _status_history(con: duckdb.DuckDBPyConnection) -> None:
    """hubspot.contact_property_history and raw.crm_lead_status_changes: a status
    change is a lifecyclestage / hs_lead_status row; only those seed crm_status_map
    maps are status changes (working and nurturing become unmapped values,
    unqualified becomes sales_rejected). Other property rows are added; a
    NULL-keyed change has no contact."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_history AS
    WITH s AS (
        -- a NULL-keyed change lands without its contact
        SELECT s.*, CASE WHEN s.status_change_id IS NOT NULL THEN {_landed_contact('s.status_change_id', 21)}
                    END AS contact_id,
               CASE WHEN s.status_change_id IS NOT NULL THEN c.contact_id END AS survivor_id
        FROM (SELECT * FROM s_crm_lead_status_changes
              UNION ALL  -- a change delivered twice
              (SELECT * FROM s_crm_lead_status_changes WHERE new_status = 'sales_accepted'
               ORDER BY status_change_id LIMIT 1)) s
        LEFT JOIN v_contact_of c USING (lead_id)
        UNION ALL  -- a status change dated in 2099
        SELECT NULL, v.lead_id, 'sales_accepted', {FAR_FUTURE}, 'rep_001', c.contact_id, c.contact_id
        FROM v_special v JOIN v_contact_of c USING (lead_id) WHERE v.k = 4
    )
    SELECT contact_id, survivor_id, changed_at AS timestamp, changed_by AS source_id,
           CASE new_status WHEN 'sales_accepted' THEN 'lifecyclestage' WHEN 'nurturing' THEN 'lifecyclestage'
                ELSE 'hs_lead_status' END AS name,
           CASE new_status WHEN 'sales_accepted' THEN 'salesqualifiedlead' WHEN 'nurturing' THEN 'lead'
                WHEN 'working' THEN 'IN_PROGRESS' ELSE 'UNQUALIFIED' END AS value,
           CASE new_status WHEN 'sales_accepted' THEN 'sales_accepted' WHEN 'sales_rejected' THEN 'sales_rejected'
                WHEN 'unqualified' THEN 'sales_rejected' END AS new_status
    FROM s
    UNION ALL  -- property rows that are not status changes
    SELECT id, survivor_id, created_at, 'CRM_UI', p.name,
           CASE p.name WHEN 'email' THEN contact_email WHEN 'jobtitle' THEN job_title
                       WHEN 'lifecyclestage' THEN 'marketingqualifiedlead' ELSE 'NEW' END, NULL
    FROM v_contact CROSS JOIN (VALUES ('email'), ('jobtitle'), ('lifecyclestage'), ('hs_lead_status')) p(name)
    WHERE id IS NOT NULL AND v_chance(id, hash(p.name)) < 0.3;
    """)
    insert_rows(con, "hubspot.contact_property_history", f"""
    SELECT contact_id, name, value, timestamp, 'CRM_UI' AS source, source_id, {SYNCED} AS _fivetran_synced
    FROM v_history""")
    insert_rows(con, "raw.crm_lead_status_changes", """
    SELECT contact_id::VARCHAR || '-' || name || '-' || timestamp::VARCHAR AS status_change_id,
           survivor_id::VARCHAR AS lead_id, new_status, timestamp AS changed_at, source_id AS changed_by
    FROM v_history WHERE new_status IS NOT NULL""")


OWNER_ID = "70000000 + split_part({rep}, '_', 2)::BIGINT"  # HubSpot owner id of rep_NNN


def _engagements(con: duckdb.DuckDBPyConnection) -> None:
    """hubspot.engagement and engagement_contact; raw.crm_activities (active sales
    touches, one row per contact) and the reply rows of raw.email_events (one per
    INCOMING_EMAIL engagement and contact). LinkedIn messages are TASKs (not
    read); notes, inactive calls, calls without a contact, meetings with a second
    contact and a call dated 2099 are added."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_engagement_ids AS
    SELECT text_id, (50000 + row_number() OVER (ORDER BY text_id))::BIGINT AS eid FROM (
        SELECT activity_id AS text_id FROM s_crm_activities
        UNION SELECT email_event_id FROM s_email_events WHERE event_type = 'reply'
    ) WHERE text_id IS NOT NULL;

    CREATE OR REPLACE TEMP TABLE v_engagement AS
    WITH touches AS (
        SELECT i.eid, upper(CASE a.activity_type WHEN 'linkedin_message' THEN 'task' ELSE a.activity_type END) AS type,
               a.occurred_at AS ts, a.rep_id AS rep, TRUE AS active, a.lead_id
        FROM s_crm_activities a LEFT JOIN v_engagement_ids i ON i.text_id = a.activity_id
        UNION ALL
        SELECT i.eid, 'INCOMING_EMAIL', e.occurred_at, NULL, TRUE, e.lead_id
        FROM s_email_events e JOIN v_engagement_ids i ON i.text_id = e.email_event_id
        WHERE e.event_type = 'reply'
    ), extra AS (  -- kind: note, inactive call, call without contact, call in 2099
        SELECT kind, lead_id, created_at + INTERVAL 2 HOUR AS ts
        FROM v_contact, (VALUES ('NOTE', 0.1), ('CALL-inactive', 0.02), ('CALL-orphan', 0.003)) k(kind, share)
        WHERE is_current AND lead_id IS NOT NULL AND created_at IS NOT NULL AND v_chance(lead_id, hash(kind)) < share
        UNION ALL
        SELECT kind, v.lead_id, c.created_at + INTERVAL 1 HOUR
        FROM v_special v JOIN v_contact c USING (lead_id), (VALUES ('CALL-2099'), ('CALL-orphan')) k(kind)
        WHERE v.k = 4 AND c.is_current
    )
    SELECT eid, type, ts, rep, active, lead_id FROM touches
    UNION ALL
    SELECT 9000000 + row_number() OVER (ORDER BY kind, lead_id), split_part(kind, '-', 1),
           CASE WHEN kind = 'CALL-2099' THEN {FAR_FUTURE} ELSE ts END,
           'rep_002', kind <> 'CALL-inactive', CASE WHEN kind <> 'CALL-orphan' THEN lead_id END
    FROM extra;

    CREATE OR REPLACE TEMP TABLE v_engagement_link AS
    WITH first_link AS (
        SELECT DISTINCT e.eid, c.contact_id AS survivor_id, {_landed_contact('e.eid', 31)} AS contact_id
        FROM v_engagement e JOIN v_contact_of c USING (lead_id) WHERE e.eid IS NOT NULL
    )
    SELECT * FROM first_link
    UNION ALL  -- a meeting with a second contact
    SELECT DISTINCT l.eid, o.contact_id, o.contact_id
    FROM first_link l JOIN v_engagement e USING (eid) JOIN v_lead_ids o ON o.contact_id = l.survivor_id + 1
    WHERE e.type = 'MEETING' AND v_chance(l.eid, 32) < 0.3;
    """)
    insert_rows(con, "hubspot.engagement", f"""
    SELECT eid AS id, type, ts AS timestamp,
           {OWNER_ID.format(rep='rep')} AS owner_id,
           active, 2231 AS portal_id, {SYNCED} AS _fivetran_synced
    FROM v_engagement""")
    insert_rows(con, "hubspot.engagement_contact",
            "SELECT eid AS engagement_id, contact_id FROM v_engagement_link")
    read = """FROM v_engagement e JOIN v_engagement_link l USING (eid) WHERE e.active"""
    insert_rows(con, "raw.crm_activities", f"""
    SELECT e.eid || '-' || l.contact_id AS activity_id, l.survivor_id::VARCHAR AS lead_id,
           lower(e.type) AS activity_type, e.ts AS occurred_at,
           ({OWNER_ID.format(rep='e.rep')})::VARCHAR AS rep_id
    {read} AND e.type IN ('CALL', 'EMAIL', 'MEETING')""")
    insert_rows(con, "raw.email_events", f"""
    SELECT 'engagement-' || e.eid || '-' || l.contact_id AS email_event_id, l.survivor_id::VARCHAR AS lead_id,
           NULL AS campaign_id, 'reply' AS event_type, e.ts AS occurred_at
    {read} AND e.type = 'INCOMING_EMAIL'""")


# e-mail event types of section 2 and the HubSpot type they land as (seed email_event_types).
EMAIL_EVENT_TYPES = {
    "sent": "SENT", "delivered": "DELIVERED", "open": "OPEN", "click": "CLICK", "bounce": "BOUNCE",
    "unsubscribe": "STATUSCHANGE",
}


def _email_events(con: duckdb.DuckDBPyConnection) -> None:
    """hubspot.email_event and the non-reply rows of raw.email_events. The
    recipient is the lead's e-mail (case and spaces varied), or an address no
    contact has; a recipient maps to the lead when exactly one lead's contacts
    carry it (merged contacts are their survivor's), else it feeds nothing.
    PROCESSED / DEFERRED events (not read) and an event at the zero date are added."""
    type_case = " ".join(f"WHEN '{raw}' THEN '{vendor}'" for raw, vendor in EMAIL_EVENT_TYPES.items())
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_email AS
    WITH lead_email AS (
        SELECT lead_id, any_value(contact_email) AS email FROM v_contact
        WHERE is_current AND lead_id IS NOT NULL GROUP BY ALL
    ), e AS (
        SELECT e.email_event_id AS id, e.campaign_id, CASE e.event_type {type_case} END AS type,
               e.occurred_at AS created,
               CASE WHEN le.lead_id IS NULL THEN 'nobody-' || lower(e.lead_id) || '@example.org' ELSE le.email END
                   AS address
        FROM s_email_events e LEFT JOIN lead_email le USING (lead_id)
        WHERE e.event_type <> 'reply'
    ), extra AS (
        SELECT id || '-p', campaign_id, 'PROCESSED', created - INTERVAL 1 SECOND, address
        FROM e WHERE type = 'SENT' AND v_chance(id, 41) < 0.1
        UNION ALL
        SELECT id || '-d', campaign_id, 'DEFERRED', created + INTERVAL 1 SECOND, address
        FROM e WHERE type = 'SENT' AND v_chance(id, 42) < 0.02
        UNION ALL  -- HubSpot's zero date
        SELECT 'ee-zero-date', 'nurture-welcome', 'SENT', {EPOCH}, contact_email
        FROM v_contact WHERE lead_id = (SELECT lead_id FROM v_special WHERE k = 4) AND is_current
    )
    SELECT id, campaign_id, type, created,
           CASE WHEN v_chance(id, 43) < 0.1 THEN upper(address)
                WHEN v_chance(id, 43) < 0.2 THEN ' ' || address || ' ' ELSE address END AS recipient
    FROM (SELECT * FROM e UNION ALL SELECT * FROM extra);

    CREATE OR REPLACE TEMP TABLE v_campaign_ids AS
    SELECT campaign_id, (3000 + row_number() OVER (ORDER BY campaign_id))::BIGINT AS email_campaign_id
    FROM (SELECT DISTINCT campaign_id FROM v_email WHERE campaign_id IS NOT NULL);

    CREATE OR REPLACE TEMP TABLE v_recipient_lead AS
    SELECT lower(trim(contact_email)) AS address, any_value(survivor_id) AS survivor_id,
           count(DISTINCT survivor_id) AS leads
    FROM v_contact WHERE id IS NOT NULL AND contact_email IS NOT NULL GROUP BY ALL;
    """)
    insert_rows(con, "hubspot.email_event", f"""
    SELECT e.id, e.recipient, c.email_campaign_id, e.type, e.created, 2231 AS portal_id,
           {SYNCED} AS _fivetran_synced
    FROM v_email e LEFT JOIN v_campaign_ids c USING (campaign_id)""")
    raw_type_case = " ".join(f"WHEN '{vendor}' THEN '{raw}'" for raw, vendor in EMAIL_EVENT_TYPES.items())
    insert_rows(con, "raw.email_events", f"""
    SELECT e.id AS email_event_id, r.survivor_id::VARCHAR AS lead_id, c.email_campaign_id::VARCHAR AS campaign_id,
           CASE e.type {raw_type_case} END AS event_type, e.created AS occurred_at
    FROM v_email e JOIN v_recipient_lead r ON r.address = lower(trim(e.recipient)) AND r.leads = 1
    LEFT JOIN v_campaign_ids c USING (campaign_id)
    WHERE e.type IN ({', '.join(f"'{t}'" for t in EMAIL_EVENT_TYPES.values())})""")


# Form titles per (form_type, asset_type) and what seed form_title_rules makes of them.
FORM_TITLES: list[tuple[str, str | None, str, str, str | None]] = [
    # form_type, asset_type, title, mapped form_type, mapped asset_type
    ("demo_request", None, "Request a demo", "demo_request", None),
    ("demo_request", None, "Book a Demo", "demo_request", None),
    ("content_download", "case_study", "Case study: doubling pipeline at Acme", "content_download", "case_study"),
    ("content_download", "case_study", "Customer Case Studies", "content_download", "case_study"),
    ("content_download", "whitepaper", "Whitepaper - lead scoring 101", "content_download", "whitepaper"),
    ("content_download", "ebook", "The RevOps eBook", "content_download", "ebook"),
    ("content_download", "report", "State of RevOps Report 2026", "content_download", "report"),
    ("webinar_registration", None, "Webinar registration: RevOps roundtable", "webinar_registration", None),
    ("contact_us", None, "Contact us", "contact_us", None),
    ("contact_us", None, "Contact sales", "contact_us", None),
    ("newsletter_signup", None, "Newsletter signup", "newsletter_signup", None),
    ("newsletter_signup", None, "Subscribe to the blog", "newsletter_signup", None),
    ("partner_login", None, "Partner portal login", "other", None),  # matches no rule
]


def _forms(con: duckdb.DuckDBPyConnection) -> None:
    """hubspot.contact_form_submission and raw.form_submissions: the form's title
    says its type; a partner-portal login (no rule: form_type other) and a demo
    request dated 2099 are added."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_form_titles AS
    SELECT *, row_number() OVER (PARTITION BY form_type, asset_type ORDER BY title) - 1 AS variant,
           count(*) OVER (PARTITION BY form_type, asset_type) AS variants
    FROM (VALUES {values_sql(FORM_TITLES)}) t(form_type, asset_type, title, mapped_form_type, mapped_asset_type);

    CREATE OR REPLACE TEMP TABLE v_forms AS
    WITH f AS (
        SELECT submission_id, lead_id, form_type, asset_type, submitted_at FROM s_form_submissions
        UNION ALL
        SELECT 'fs-portal-' || lead_id, lead_id, 'partner_login', NULL, created_at + INTERVAL 3 HOUR
        FROM v_contact WHERE is_current AND lead_id IS NOT NULL AND v_chance(lead_id, 51) < 0.01
        UNION ALL
        SELECT 'fs-2099', lead_id, 'demo_request', NULL, {FAR_FUTURE} FROM v_special WHERE k = 4
    )
    SELECT f.submission_id, f.submitted_at, c.contact_id AS survivor_id,
           {_landed_contact('f.submission_id', 52)} AS contact_id,
           t.title, t.mapped_form_type, t.mapped_asset_type
    FROM f LEFT JOIN v_contact_of c USING (lead_id)
    JOIN v_form_titles t ON t.form_type = f.form_type AND t.asset_type IS NOT DISTINCT FROM f.asset_type
        AND t.variant = floor(coalesce(v_chance(f.submission_id, 53), 0) * t.variants);
    """)
    insert_rows(con, "hubspot.contact_form_submission", f"""
    SELECT submission_id AS conversion_id, contact_id, submitted_at AS timestamp, title,
           'form-' || hash(title) % 1000 AS form_id, '{SITE}/' AS page_url, {SYNCED} AS _fivetran_synced
    FROM v_forms""")
    insert_rows(con, "raw.form_submissions", """
    SELECT submission_id, survivor_id::VARCHAR AS lead_id, mapped_form_type AS form_type,
           mapped_asset_type AS asset_type, submitted_at
    FROM v_forms""")


# Deal stages: section 2 stage, HubSpot stage id, label, is_closed, closed_won.
DEAL_STAGES: list[tuple[str, str, str, bool, bool]] = [
    ("discovery", "appointmentscheduled", "Discovery", False, False),
    ("solution_demo", "presentationscheduled", "Solution demo", False, False),
    ("proposal", "decisionmakerboughtin", "Proposal", False, False),
    ("negotiation", "contractsent", "Negotiation", False, False),
    ("closed_won", "closedwon", "Closed won", True, True),
    ("closed_lost", "closedlost", "Closed lost", True, False),
]


def _deals(con: duckdb.DuckDBPyConnection) -> None:
    """hubspot.deal, deal_pipeline_stage, deal_contact and raw.crm_opportunities.
    The lead is the deal's lowest contact id; some deals get a second contact
    (a three-digit id, lowest by number but not as text), open deals an expected close date (not a closed_at), and
    deleted deals, deals without a contact and one created in 2099 are added."""
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_stages AS
    SELECT *, row_number() OVER () AS display_order
    FROM (VALUES {values_sql(DEAL_STAGES)}) t(stage, stage_id, label, is_closed, closed_won);

    CREATE OR REPLACE TEMP TABLE v_deal AS
    WITH o AS (
        SELECT *, 'raw' AS kind FROM s_crm_opportunities
        UNION ALL  -- a deal delivered twice
        (SELECT *, 'raw' FROM s_crm_opportunities WHERE opportunity_id IS NOT NULL AND created_at IS NOT NULL
         ORDER BY opportunity_id LIMIT 1)
        UNION ALL  -- deleted deals, deals without a contact, a deal created in 2099
        SELECT s.* REPLACE (s.opportunity_id || '-' || k.kind AS opportunity_id,
                            CASE WHEN k.kind = '2099' THEN {FAR_FUTURE} ELSE s.created_at END AS created_at), k.kind
        FROM s_crm_opportunities s, (VALUES ('deleted'), ('no-contact'), ('2099')) k(kind)
        WHERE s.opportunity_id IS NOT NULL AND s.created_at IS NOT NULL
          AND v_chance(s.opportunity_id, hash(k.kind)) < 0.08
    ), ids AS (
        SELECT opportunity_id, (7000000000 + row_number() OVER (ORDER BY opportunity_id))::BIGINT AS deal_id
        FROM (SELECT DISTINCT opportunity_id FROM o WHERE opportunity_id IS NOT NULL)
    )
    SELECT o.*, ids.deal_id, s.stage_id, s.label, s.is_closed AS stage_closed, s.closed_won,
           coalesce(o.closed_at, o.created_at + INTERVAL 45 DAY) AS closedate,
           c.contact_id AS survivor_id, c.merged_id, v_chance(o.opportunity_id, 61) AS u
    FROM o LEFT JOIN ids USING (opportunity_id) JOIN v_stages s USING (stage)
    LEFT JOIN v_contact_of c USING (lead_id);

    CREATE OR REPLACE TEMP TABLE v_deal_link AS
    WITH second AS (  -- a second contact with a three-digit id: lower in numeric order, not in text order
        SELECT DISTINCT d.deal_id, o.contact_id
        FROM v_deal d JOIN v_lead_ids o ON o.contact_id = 901 + d.survivor_id % 99
        WHERE d.u < 0.3 AND d.kind = 'raw'
    )
    SELECT DISTINCT d.deal_id,
           CASE WHEN d.merged_id IS NOT NULL AND d.u >= 0.3 AND d.u < 0.8 THEN d.merged_id
                ELSE d.survivor_id END AS contact_id
    FROM v_deal d WHERE d.deal_id IS NOT NULL AND d.survivor_id IS NOT NULL AND d.kind <> 'no-contact'
    UNION ALL SELECT * FROM second;
    """)
    insert_rows(con, "hubspot.deal_pipeline_stage", """
    SELECT stage_id, 'default' AS pipeline_id, label, display_order::INTEGER AS display_order,
           CASE WHEN closed_won THEN 1.0 WHEN is_closed THEN 0.0 ELSE display_order / 5.0 END AS probability,
           is_closed, closed_won, TRUE AS active
    FROM v_stages""")
    insert_rows(con, "hubspot.deal", f"""
    SELECT deal_id, 2231 AS portal_id, 'default' AS deal_pipeline_id, stage_id AS deal_pipeline_stage_id,
           70000001 AS owner_id, kind = 'deleted' AS is_deleted,
           'Deal ' || coalesce(opportunity_id, '?') AS property_dealname,
           amount::DOUBLE AS property_amount, created_at AS property_createdate, closedate AS property_closedate,
           gross_margin_pct AS property_gross_margin_pct, {SYNCED} AS _fivetran_synced
    FROM v_deal""")
    insert_rows(con, "hubspot.deal_contact", "SELECT deal_id, contact_id FROM v_deal_link")
    insert_rows(con, "raw.crm_opportunities", """
    WITH lowest AS (SELECT deal_id, min(contact_id) AS contact_id FROM v_deal_link GROUP BY ALL)
    SELECT d.deal_id::VARCHAR AS opportunity_id, coalesce(s.survivor_id, lowest.contact_id)::VARCHAR AS lead_id,
           d.created_at,
           d.label AS stage, d.stage_closed AS is_closed, d.closed_won AS is_won,
           CASE WHEN d.stage_closed THEN d.closedate END AS closed_at, d.amount, d.gross_margin_pct
    FROM v_deal d JOIN lowest USING (deal_id) LEFT JOIN v_survivor s ON s.landed_id = lowest.contact_id
    WHERE d.kind <> 'deleted'""")


# ---------------------------------------------------------------------------
# Segment
# ---------------------------------------------------------------------------

def _pages(con: duckdb.DuckDBPyConnection) -> None:
    """segment.pages and raw.web_pageviews: user_id is the lead's HubSpot id
    (var segment_user_id lead_id), the referrer a URL on the referrer host;
    a pageview dated 1999 is added."""
    con.execute("""
    CREATE OR REPLACE TEMP TABLE v_pages AS
    WITH p AS (
        SELECT * FROM s_web_pageviews
        UNION ALL
        (SELECT * REPLACE (pageview_id || '-1999' AS pageview_id,
                           occurred_at - INTERVAL 27 YEAR AS occurred_at)
         FROM s_web_pageviews WHERE lead_id IS NOT NULL AND pageview_id IS NOT NULL AND occurred_at IS NOT NULL
         ORDER BY pageview_id LIMIT 1)
    )
    SELECT p.*, c.contact_id::VARCHAR AS user_id, coalesce(trim(p.referrer_host), '') <> '' AS has_referrer,
           v_chance(p.pageview_id, 71) AS u
    FROM p LEFT JOIN v_contact_of c USING (lead_id);
    """)
    insert_rows(con, "segment.pages", f"""
    SELECT pageview_id AS id, visitor_id AS anonymous_id, user_id, occurred_at AS timestamp,
           occurred_at + INTERVAL 2 SECOND AS received_at, page_path AS path, '{SITE}' || page_path AS url,
           CASE WHEN NOT has_referrer THEN NULL WHEN u < 0.7 THEN 'https://' || referrer_host || '/'
                ELSE 'https://' || referrer_host || '/search?q=revops#top' END AS referrer,
           'RevOpsCo' AS title, utm_source AS context_campaign_source, utm_medium AS context_campaign_medium,
           utm_campaign AS context_campaign_name
    FROM v_pages""")
    insert_rows(con, "raw.web_pageviews", """
    SELECT pageview_id, visitor_id, user_id AS lead_id, occurred_at, page_path, utm_source, utm_medium, utm_campaign,
           CASE WHEN has_referrer THEN lower(referrer_host) END AS referrer_host
    FROM v_pages""")


# ---------------------------------------------------------------------------
# ad platforms
# ---------------------------------------------------------------------------

# seed ad_platform_defaults: a URL without utm_source / utm_medium takes these
AD_PLATFORM_DEFAULTS = {
    "google_ads": ("google", "cpc"), "linkedin_ads": ("linkedin", "paid_social"),
    "facebook_ads": ("facebook", "paid_social"), "microsoft_ads": ("bing", "cpc"),
}


def _ads(con: duckdb.DuckDBPyConnection) -> None:
    """v_ads (one ad per platform, utm source / medium, campaign and currency, in
    one account per platform and currency; its landing URL, whose parameters
    fall back on the platform defaults and the campaign name) and v_ad_days
    (one platform row per ad_spend row, plus per platform a row delivered twice and
    one dated 1999).
    raw.ad_spend is the mapped platform rows; the platform tables are written by
    _google_ads ... _microsoft_ads."""
    platforms = values_sql(AD_PLATFORMS.items())
    defaults = values_sql((p, s, m) for p, (s, m) in AD_PLATFORM_DEFAULTS.items())
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE v_ad_rows AS
    SELECT a.*, p.vendor FROM s_ad_spend a JOIN (VALUES {platforms}) p(platform, vendor) USING (platform);

    CREATE OR REPLACE TEMP TABLE v_ads AS
    WITH ads AS (
        SELECT DISTINCT vendor, utm_source, utm_medium, campaign, currency FROM v_ad_rows
    ), numbered AS (
        SELECT ads.*, d.default_source, d.default_medium,
               row_number() OVER (PARTITION BY vendor ORDER BY campaign, currency, utm_source, utm_medium) AS k,
               dense_rank() OVER (PARTITION BY vendor ORDER BY currency) AS account_k,
               dense_rank() OVER (PARTITION BY vendor ORDER BY currency, campaign) AS campaign_k,
               v_chance(vendor || campaign || coalesce(utm_source, '') || coalesce(utm_medium, '') || currency, 81) AS u
        FROM ads JOIN (VALUES {defaults}) d(vendor, default_source, default_medium) USING (vendor)
    ), url AS (
        SELECT *,
               CASE WHEN coalesce(utm_source, '') = '' OR (utm_source = default_source AND u < 0.5) THEN NULL
                    ELSE utm_source END AS url_source,
               CASE WHEN coalesce(utm_medium, '') = '' OR (utm_medium = default_medium AND u >= 0.25 AND u < 0.75)
                    THEN NULL ELSE utm_medium END AS url_medium,
               CASE WHEN u < 0.3 THEN NULL ELSE campaign END AS url_campaign
        FROM numbered
    )
    SELECT *,
           hash(vendor) % 90 * 100000000 + 1000000 + k AS ad_id,
           hash(vendor) % 90 * 100000000 + 500 + account_k AS account_id,
           hash(vendor) % 90 * 100000000 + 20000 + campaign_k AS campaign_id,
           list_filter([CASE WHEN url_source IS NOT NULL THEN ['utm_source', url_source] END,
                        CASE WHEN url_medium IS NOT NULL THEN ['utm_medium', url_medium] END,
                        CASE WHEN url_campaign IS NOT NULL THEN ['utm_campaign', url_campaign] END],
                       lambda x: x IS NOT NULL) AS params,
           '{SITE}/lp/' || lower(regexp_replace(campaign, '[^A-Za-z0-9]+', '-', 'g')) AS landing
    FROM url;

    CREATE OR REPLACE TEMP TABLE v_ad_days AS
    WITH days AS (
        SELECT r.spend_date, r.spend, a.*
        FROM v_ad_rows r JOIN v_ads a ON a.vendor = r.vendor AND a.campaign IS NOT DISTINCT FROM r.campaign
            AND a.currency IS NOT DISTINCT FROM r.currency AND a.utm_source IS NOT DISTINCT FROM r.utm_source
            AND a.utm_medium IS NOT DISTINCT FROM r.utm_medium
    )
    SELECT * FROM days
    UNION ALL  -- a day delivered twice per platform
    SELECT * FROM days WHERE k = 1 QUALIFY row_number() OVER (PARTITION BY vendor ORDER BY spend_date NULLS LAST) = 1
    UNION ALL  -- a day in 1999 per platform
    SELECT DATE '1999-12-31', 10.00, a.* FROM v_ads a WHERE k = 1;
    """)
    insert_rows(con, "raw.ad_spend", """
    SELECT spend_date, vendor AS platform, coalesce(url_source, default_source) AS utm_source,
           coalesce(url_medium, default_medium) AS utm_medium, coalesce(url_campaign, campaign) AS campaign,
           spend, currency
    FROM v_ad_days""")


def _url(with_params: str = "params") -> str:
    """The landing URL of an ad of v_ads: its page with its utm parameters."""
    return (f"landing || CASE WHEN len({with_params}) = 0 THEN '' ELSE '?' || "
            f"array_to_string(list_transform({with_params}, lambda x: x[1] || '=' || x[2]), '&') END")


OLD = "TIMESTAMP '2025-01-15 10:00:00'"  # updated time of the older versions
NEW = "TIMESTAMP '2025-06-01 10:00:00'"  # updated time of the versions in force


def _google_ads(con: duckdb.DuckDBPyConnection) -> None:
    """google_ads: cost in micros; the URL is the first of final_urls; an older
    version of each ad, campaign and USD account (EUR) is kept."""
    g = "FROM v_ads WHERE vendor = 'google_ads'"
    insert_rows(con, "google_ads.account_history", f"""
    SELECT DISTINCT account_id AS id, {NEW} AS updated_at, currency AS currency_code,
           'RevOpsCo ' || currency AS descriptive_name, {SYNCED} AS _fivetran_synced {g}
    UNION ALL
    SELECT DISTINCT account_id, {OLD}, 'EUR', 'RevOpsCo EUR', {SYNCED} {g} AND currency = 'USD'""")
    insert_rows(con, "google_ads.campaign_history", f"""
    SELECT DISTINCT campaign_id AS id, account_id AS customer_id, {NEW} AS updated_at, campaign AS name,
           {SYNCED} AS _fivetran_synced {g}
    UNION ALL
    SELECT DISTINCT campaign_id, account_id, {OLD}, campaign || ' (draft)', {SYNCED} {g}""")
    url = _url()
    insert_rows(con, "google_ads.ad_history", f"""
    SELECT ad_id AS id, campaign_id + 1000 AS ad_group_id, {NEW} AS updated_at, 'RESPONSIVE_SEARCH_AD' AS type,
           CASE WHEN u < 0.4 THEN '[''' || {url} || ''']'
                WHEN u < 0.7 THEN '[''' || {url} || ''', ''{SITE}/alt'']'
                ELSE '[' || {url} || ']' END AS final_urls, {SYNCED} AS _fivetran_synced {g}
    UNION ALL
    SELECT ad_id, campaign_id + 1000, {OLD}, 'RESPONSIVE_SEARCH_AD',
           '[''' || landing || '?utm_source=old&utm_medium=old&utm_campaign=old'']', {SYNCED} {g}""")
    insert_rows(con, "google_ads.ad_stats", f"""
    SELECT account_id AS customer_id, spend_date AS date, ad_id, campaign_id + 1000 AS ad_group_id, campaign_id,
           round(spend * 1000000)::BIGINT AS cost_micros, 100 AS impressions, 3 AS clicks,
           {SYNCED} AS _fivetran_synced
    FROM v_ad_days WHERE vendor = 'google_ads'""")


def _linkedin_ads(con: duckdb.DuckDBPyConnection) -> None:
    """linkedin_ads: spend per creative and day (a TIMESTAMP, as Fivetran lands it),
    the URL is the creative's click_uri, the currency the account's."""
    g = "FROM v_ads WHERE vendor = 'linkedin_ads'"
    insert_rows(con, "linkedin_ads.account_history", f"""
    SELECT DISTINCT account_id AS id, 'RevOpsCo ' || currency AS name, currency, {NEW} AS last_modified_time {g}
    UNION ALL
    SELECT DISTINCT account_id, 'RevOpsCo EUR', 'EUR', {OLD} {g} AND currency = 'USD'""")
    insert_rows(con, "linkedin_ads.campaign_history", f"""
    SELECT DISTINCT campaign_id AS id, account_id, campaign AS name, {NEW} AS last_modified_time {g}
    UNION ALL
    SELECT DISTINCT campaign_id, account_id, campaign || ' (draft)', {OLD} {g}""")
    insert_rows(con, "linkedin_ads.creative_history", f"""
    SELECT ad_id AS id, campaign_id, {_url()} AS click_uri, {NEW} AS last_modified_at, {OLD} AS created_at {g}
    UNION ALL
    SELECT ad_id, campaign_id, landing || '?utm_campaign=old', {OLD}, {OLD} {g}""")
    insert_rows(con, "linkedin_ads.ad_analytics_by_creative", """
    SELECT ad_id AS creative_id, spend_date::TIMESTAMP AS day, spend::DOUBLE AS cost_in_local_currency,
           round(spend * CASE currency WHEN 'GBP' THEN 1.27 ELSE 1 END, 2)::DOUBLE AS cost_in_usd,
           100 AS impressions, 2 AS clicks
    FROM v_ad_days WHERE vendor = 'linkedin_ads'""")


def _facebook_ads(con: duckdb.DuckDBPyConnection) -> None:
    """facebook_ads: the ad's creative carries the utm parameters as url_tags (a
    JSON array of key / value pairs) or, without url_tags, in its page_link."""
    g = "FROM v_ads WHERE vendor = 'facebook_ads'"
    insert_rows(con, "facebook_ads.account_history", f"""
    SELECT DISTINCT account_id AS id, 'RevOpsCo ' || currency AS name, currency, {NEW} AS _fivetran_synced {g}
    UNION ALL
    SELECT DISTINCT account_id, 'RevOpsCo EUR', 'EUR', {OLD} {g} AND currency = 'USD'""")
    insert_rows(con, "facebook_ads.campaign_history", f"""
    SELECT DISTINCT campaign_id AS id, account_id, campaign AS name, {NEW} AS updated_time {g}
    UNION ALL
    SELECT DISTINCT campaign_id, account_id, campaign || ' (draft)', {OLD} {g}""")
    insert_rows(con, "facebook_ads.ad_history", f"""
    SELECT ad_id AS id, account_id, campaign_id, ad_id + 50000 AS creative_id, 'Ad ' || ad_id AS name,
           {NEW} AS updated_time {g}
    UNION ALL  -- an older version pointing at an older creative
    SELECT ad_id, account_id, campaign_id, ad_id + 90000, 'Ad ' || ad_id, {OLD} {g}""")
    tags = "to_json(list_transform(params, lambda x: {'key': x[1], 'value': x[2], 'type': 'AD'}))::VARCHAR"
    insert_rows(con, "facebook_ads.creative_history", f"""
    SELECT ad_id + 50000 AS id, account_id, CASE WHEN u < 0.6 THEN {tags} END AS url_tags,
           CASE WHEN u < 0.6 THEN landing ELSE {_url()} END AS page_link, {NEW} AS _fivetran_synced {g}
    UNION ALL  -- the older creative, and an older sync of the one in force
    SELECT ad_id + 90000, account_id, '[{{"key":"utm_campaign","value":"old","type":"AD"}}]', landing, {OLD} {g}
    UNION ALL
    SELECT ad_id + 50000, account_id, '[{{"key":"utm_campaign","value":"old-sync","type":"AD"}}]', landing, {OLD}
    {g}""")
    insert_rows(con, "facebook_ads.basic_ad", """
    SELECT ad_id, spend_date AS date, account_id, 'Ad ' || ad_id AS ad_name, spend::DOUBLE AS spend,
           100 AS impressions, 2 AS inline_link_clicks
    FROM v_ad_days WHERE vendor = 'facebook_ads'""")


def _microsoft_ads(con: duckdb.DuckDBPyConnection) -> None:
    """microsoft_ads: the daily report row names its currency; the URL is the ad's final_url."""
    g = "FROM v_ads WHERE vendor = 'microsoft_ads'"
    insert_rows(con, "microsoft_ads.campaign_history", f"""
    SELECT DISTINCT campaign_id AS id, account_id, campaign AS name, {NEW} AS modified_time {g}
    UNION ALL
    SELECT DISTINCT campaign_id, account_id, campaign || ' (draft)', {OLD} {g}""")
    insert_rows(con, "microsoft_ads.ad_history", f"""
    SELECT ad_id AS id, campaign_id + 1000 AS ad_group_id, {_url()} AS final_url, {NEW} AS modified_time {g}
    UNION ALL
    SELECT ad_id, campaign_id + 1000, landing || '?utm_source=old', {OLD} {g}""")
    insert_rows(con, "microsoft_ads.ad_performance_daily_report", """
    SELECT spend_date AS date, account_id, campaign_id, campaign_id + 1000 AS ad_group_id, ad_id,
           spend::DOUBLE AS spend, currency AS currency_code, 100 AS impressions, 2 AS clicks
    FROM v_ad_days WHERE vendor = 'microsoft_ads'""")


def _tables_left_on_raw(con: duckdb.DuckDBPyConnection) -> None:
    """raw.event_attendance (its leads by HubSpot id) and raw.program_costs, as generated."""
    insert_rows(con, "raw.event_attendance", """
    SELECT a.* REPLACE (c.contact_id::VARCHAR AS lead_id)
    FROM s_event_attendance a LEFT JOIN v_contact_of c USING (lead_id)""")
    insert_rows(con, "raw.program_costs", "SELECT * FROM s_program_costs")


MAPPINGS: tuple[tuple[str, Callable[[duckdb.DuckDBPyConnection], None]], ...] = (
    ("contacts", _contacts),
    ("status history", _status_history),
    ("engagements", _engagements),
    ("e-mail events", _email_events),
    ("form submissions", _forms),
    ("deals", _deals),
    ("pages", _pages),
    ("ad spend", _ads),
    ("google ads", _google_ads),
    ("linkedin ads", _linkedin_ads),
    ("facebook ads", _facebook_ads),
    ("microsoft ads", _microsoft_ads),
    ("event attendance and program costs", _tables_left_on_raw),
)


def create_vendor_tables(con: duckdb.DuckDBPyConnection,
                         tables: dict[str, list[tuple[str, str]]] = VENDOR_COLUMNS) -> None:
    """(Re)create the schemas of `tables` (schema.table: columns), with every table empty."""
    for schema in dict.fromkeys(table.split(".")[0] for table in tables):
        con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
    for table, columns in tables.items():
        ddl = ", ".join(f'"{name}" {kind}' for name, kind in columns)
        con.execute(f"CREATE TABLE {table} ({ddl})")


Mapping = Callable[[duckdb.DuckDBPyConnection], None]


def reshape(con: duckdb.DuckDBPyConnection, tables: dict[str, list[tuple[str, str]]], set_up: Mapping,
            mappings: tuple[tuple[str, Mapping], ...], label: str,
            progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Replace schema raw (as generate() filled it) by the vendor tables `tables`
    and the matching section 2 tables: `set_up` snapshots what generate() wrote,
    then each mapping writes vendor rows and the section 2 rows they map to.
    Returns row counts per table ('hubspot.contact', ..., 'raw.crm_leads', ...)."""
    set_up(con)
    con.execute("DROP SCHEMA raw CASCADE")
    create_raw_tables(con)
    create_vendor_tables(con, tables)
    for name, mapping in mappings:
        mapping(con)
        if progress:
            progress(f"{label}: {name}")
    drop_shape_temps(con)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in [*tables, *(f"raw.{t}" for t in RAW_TABLES)]}
    if progress:
        for table, rows in counts.items():
            progress(f"{table}: {rows:,} rows")
    return counts


def reshape_to_hubspot(con: duckdb.DuckDBPyConnection,
                       progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """HubSpot, Segment and the ad platforms (reshape)."""
    return reshape(con, VENDOR_COLUMNS, _snapshot_and_ids, MAPPINGS, "vendor shape", progress)
