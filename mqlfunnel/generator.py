"""Deterministic synthetic data for the MQL revenue-funnel warehouse.

``generate()`` (re)creates schema ``raw`` in a DuckDB connection and fills the
ten landing tables of CONTRACT section 2.  Everything heavy runs inside
DuckDB; randomness is ``hash(key, salt, seed)`` so the same seed always gives
the same tables, whatever the thread count.

How the numbers are steered (see CONTRACT sections 3-4):

* every lead gets a channel and an intended outcome (MQL or not, SQL or not)
  with per-channel probabilities; a *scoring profile* then fixes which fit
  attributes and engagement signals it gets, so that intended MQLs cross the
  threshold of 50 (with engagement >= 1) and the others stay below it or are
  disqualified;
* the generator then scores its own data with the contract rules to know the
  real ``mql_at`` and places status changes, activities and opportunities
  after it;
* anonymous visitors are added per channel and month so that
  visitors = MQLs / target visitor->MQL rate; webinar attendees of
  non-events leads are added so that attendees = events MQLs / target rate;
  ad spend and program costs are budgets = MQLs x target cost per MQL.

About 0.5 % bad rows of every kind of CONTRACT section 5 are added on top.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from string import Template
from typing import Callable

import duckdb

from mqlfunnel.schema import RAW_COLUMNS, RAW_TABLES


CHANNELS = [
    "organic_search", "paid_search", "paid_social", "organic_social", "events_webinars",
    "referral_partner", "email", "direct", "other",
]

# channel: (lead share, P(MQL | lead), P(SQL | MQL), target visitor->MQL rate,
#           target cost per MQL, P(opportunity | SQL), P(won | closed opportunity))
# events_webinars: the visitor rate is not a benchmark; its attendee->MQL target is
# ATTENDEE_TO_MQL.  Benchmarks (CONTRACT brief): organic 3-6 % / 35-45 % / $40-80,
# paid search 4-8 % / 28-40 % / $150-350, paid social 1-3 % / 15-28 % / $180-400,
# events 15-30 % of attendees / 18-30 % / $200-500, referral 8-15 % / 40-55 % / $20-60.
CHANNEL_PARAMS: dict[str, tuple[float, float, float, float, float, float, float]] = {
    "organic_search": (0.27, 0.26, 0.400, 0.045, 60.0, 0.50, 0.28),
    "paid_search": (0.17, 0.30, 0.340, 0.060, 250.0, 0.50, 0.25),
    "paid_social": (0.13, 0.16, 0.215, 0.020, 290.0, 0.45, 0.20),
    "organic_social": (0.06, 0.18, 0.300, 0.025, 0.0, 0.45, 0.22),
    "events_webinars": (0.11, 0.32, 0.240, 0.080, 350.0, 0.50, 0.25),
    "referral_partner": (0.07, 0.45, 0.475, 0.115, 40.0, 0.60, 0.35),
    "email": (0.05, 0.22, 0.300, 0.050, 0.0, 0.50, 0.25),
    "direct": (0.12, 0.22, 0.350, 0.025, 0.0, 0.50, 0.27),
    "other": (0.02, 0.12, 0.250, 0.015, 0.0, 0.40, 0.20),
}
ATTENDEE_TO_MQL = 0.225
DISQUALIFIED_SHARE = 0.13  # of all leads (free e-mail, student, invalid e-mail)
BAD_SHARE = 0.005          # share of bad rows per kind and table

# Traffic variants: (channel, weight, utm_source, utm_medium, referrer_host,
# utm_campaign, ad platform, share of the channel's ad budget).  Each maps to its
# channel by the CONTRACT section 3 rules; the test suite checks that.
VARIANTS = [
    ("organic_search", 0.60, None, None, "www.google.com", None, None, 0),
    ("organic_search", 0.08, None, None, "www.bing.com", None, None, 0),
    ("organic_search", 0.05, None, None, "duckduckgo.com", None, None, 0),
    ("organic_search", 0.05, None, None, "www.google.co.uk", None, None, 0),
    ("organic_search", 0.04, None, None, "www.google.de", None, None, 0),
    ("organic_search", 0.03, "", "", "google.com", None, None, 0),
    ("organic_search", 0.02, "", "", "search.yahoo.com", None, None, 0),
    ("organic_search", 0.02, None, None, "www.ecosia.org", None, None, 0),
    ("organic_search", 0.08, "google", "organic", "www.google.com", None, None, 0),
    ("organic_search", 0.03, "bing", "Organic", "www.bing.com", None, None, 0),
    ("paid_search", 0.28, "google", "cpc", "www.google.com", "brand-search", "google_ads", 0.22),
    ("paid_search", 0.24, "google", "cpc", "www.google.com", "nonbrand-revenue-analytics", "google_ads", 0.33),
    ("paid_search", 0.12, "google", "cpc", "www.google.com", "competitor-conquest", "google_ads", 0.17),
    ("paid_search", 0.08, "google", "ppc", "www.google.com", "nonbrand-lead-scoring", "google_ads", 0.10),
    ("paid_search", 0.10, "bing", "cpc", "www.bing.com", "brand-search-bing", "microsoft_ads", 0.07),
    ("paid_search", 0.07, "bing", "cpc", "www.bing.com", "nonbrand-bing", "microsoft_ads", 0.06),
    ("paid_search", 0.05, "adwords", "paid_search", "www.google.com", "dsa-all-pages", "google_ads", 0.05),
    ("paid_search", 0.03, "Google", " CPC ", "www.google.com", "nonbrand-revenue-analytics", None, 0),
    ("paid_social", 0.24, "linkedin", "paid_social", "www.linkedin.com", "li-abm-enterprise", "linkedin_ads", 0.30),
    ("paid_social", 0.20, "linkedin", "paid_social", "www.linkedin.com", "li-lead-gen-forms", "linkedin_ads", 0.25),
    ("paid_social", 0.10, "linkedin", "cpc", "www.linkedin.com", "li-thought-leadership", "linkedin_ads", 0.10),
    ("paid_social", 0.15, "facebook", "cpc", "m.facebook.com", "fb-retargeting", "meta_ads", 0.14),
    ("paid_social", 0.10, "facebook", "paid_social", "l.facebook.com", "fb-lookalike", "meta_ads", 0.10),
    ("paid_social", 0.05, "instagram", "paid", "l.instagram.com", "ig-brand-video", "meta_ads", 0.04),
    ("paid_social", 0.08, "reddit", "cpc", "www.reddit.com", "reddit-revops-communities", "reddit_ads", 0.07),
    ("paid_social", 0.03, "LinkedIn", "Paid_Social", "www.linkedin.com", "li-abm-enterprise", None, 0),
    ("paid_social", 0.05, "meta", "paidsocial", "l.facebook.com", "fb-lookalike", None, 0),
    ("organic_social", 0.38, None, None, "www.linkedin.com", None, None, 0),
    ("organic_social", 0.10, None, None, "lnkd.in", None, None, 0),
    ("organic_social", 0.15, None, None, "t.co", None, None, 0),
    ("organic_social", 0.10, "linkedin", "social", "www.linkedin.com", "founder-posts", None, 0),
    ("organic_social", 0.08, None, None, "www.youtube.com", None, None, 0),
    ("organic_social", 0.07, "", "", "www.reddit.com", None, None, 0),
    ("organic_social", 0.05, None, None, "x.com", None, None, 0),
    ("organic_social", 0.07, "twitter", "organic_social", "t.co", None, None, 0),
    ("events_webinars", 0.35, "on24", "webinar", None, "wbn-lead-scoring-masterclass", None, 0),
    ("events_webinars", 0.25, "zoom", "webinar", None, "wbn-revops-roundtable", None, 0),
    ("events_webinars", 0.15, "linkedin", "event", "www.linkedin.com", "li-live-pipeline-clinic", None, 0),
    ("events_webinars", 0.10, "bizzabo", "events", "", "regional-roadshow", None, 0),
    ("events_webinars", 0.15, "partner", "Webinar", None, "cohost-hubspot-webinar", None, 0),
    ("referral_partner", 0.20, "partnerstack", "partner", None, "partner-program", None, 0),
    ("referral_partner", 0.15, "g2", "referral", "www.g2.com", "g2-profile", None, 0),
    ("referral_partner", 0.15, None, None, "www.g2.com", None, None, 0),
    ("referral_partner", 0.10, None, None, "www.capterra.com", None, None, 0),
    ("referral_partner", 0.10, "hubspot", "partner", "ecosystem.hubspot.com", "app-marketplace", None, 0),
    ("referral_partner", 0.10, "impact", "affiliate", None, "affiliate-q", None, 0),
    ("referral_partner", 0.10, None, None, "appexchange.salesforce.com", None, None, 0),
    ("referral_partner", 0.10, "", "", "revopsco.com", None, None, 0),
    ("email", 0.40, "newsletter", "email", None, "nl", None, 0),
    ("email", 0.25, "hubspot", "email", None, "nurture", None, 0),
    ("email", 0.20, "newsletter", "newsletter", None, "nl", None, 0),
    ("email", 0.15, "marketo", "e-mail", None, "product-update", None, 0),
    ("direct", 0.85, None, None, None, None, None, 0),
    ("direct", 0.15, "", "", "", None, None, 0),
    ("other", 0.25, "capterra", "display", None, "capterra-listing", None, 0),
    ("other", 0.20, "qr", "offline", None, "booth-flyer", None, 0),
    ("other", 0.20, "podcast", "audio", None, "revops-podcast", None, 0),
    ("other", 0.20, "chatgpt.com", "llm", "chatgpt.com", None, None, 0),
    ("other", 0.15, "print", "qr", None, "direct-mail", None, 0),
]

# Scoring profiles: (id, group, weight, icp_industry, company_size, decision_maker_title,
# wrong_geography, pricing, demo, case_study, blog_burst, email_reply).
# Fit: 20 / 15 / 15 / -20.  Engagement: 15 / 30 / 10 / 8 / 12.  Group M reaches 50
# with engagement; group N never does (or has no engagement at all).
PROFILES = [
    (1, "M", 0.20, 1, 1, 1, 0, 1, 0, 0, 0, 0),   # 50 + 15
    (2, "M", 0.11, 1, 1, 1, 0, 0, 0, 0, 1, 0),   # 50 + 8
    (3, "M", 0.09, 1, 1, 1, 0, 0, 0, 1, 0, 0),   # 50 + 10
    (4, "M", 0.12, 1, 1, 0, 0, 1, 0, 0, 0, 0),   # 35 + 15 = 50
    (5, "M", 0.12, 1, 0, 0, 0, 0, 1, 0, 0, 0),   # 20 + 30 = 50
    (6, "M", 0.08, 0, 1, 1, 0, 0, 1, 0, 0, 0),   # 30 + 30
    (7, "M", 0.06, 0, 0, 1, 0, 0, 1, 1, 0, 0),   # 15 + 40
    (8, "M", 0.05, 0, 0, 0, 0, 1, 1, 0, 1, 0),   # 0 + 53
    (9, "M", 0.05, 1, 1, 1, 1, 0, 1, 0, 0, 0),   # 30 + 30
    (10, "M", 0.06, 1, 1, 0, 0, 0, 0, 0, 1, 1),  # 35 + 20
    (11, "M", 0.06, 1, 0, 1, 0, 1, 0, 0, 1, 0),  # 35 + 23
    (21, "N", 0.18, 0, 0, 0, 0, 0, 0, 0, 0, 0),  # 0
    (22, "N", 0.10, 1, 1, 1, 0, 0, 0, 0, 0, 0),  # 50 fit, no engagement
    (23, "N", 0.10, 1, 1, 0, 0, 0, 0, 0, 1, 0),  # 43
    (24, "N", 0.09, 1, 1, 0, 0, 0, 0, 1, 0, 0),  # 45
    (25, "N", 0.08, 1, 0, 0, 0, 1, 0, 1, 0, 0),  # 45
    (26, "N", 0.07, 0, 0, 1, 0, 0, 1, 0, 0, 0),  # 45
    (27, "N", 0.07, 0, 1, 0, 0, 1, 0, 1, 1, 0),  # 48
    (28, "N", 0.08, 1, 1, 1, 1, 1, 0, 0, 0, 0),  # 45
    (29, "N", 0.07, 0, 0, 0, 0, 0, 1, 0, 1, 0),  # 38
    (30, "N", 0.08, 1, 0, 0, 0, 0, 0, 0, 1, 1),  # 40
    (31, "N", 0.08, 0, 1, 1, 0, 0, 0, 0, 1, 0),  # 38
]

FIRST_NAMES = [
    "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "david",
    "elizabeth", "william", "barbara", "richard", "susan", "joseph", "jessica", "thomas",
    "sarah", "chris", "karen", "daniel", "lisa", "matthew", "nancy", "anthony", "sandra",
    "mark", "ashley", "paul", "emily", "steven", "michelle", "andrew", "amanda", "kevin",
    "melissa", "brian", "stephanie", "george", "rebecca", "lukas", "anna", "jonas", "lea",
    "finn", "emma", "lars", "ingrid", "sophie", "hugo", "chloe", "liam", "olivia", "noah",
    "ava", "mateo", "priya", "arjun", "wei", "yuki",
]
LAST_NAMES = [
    "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez",
    "martinez", "hernandez", "lopez", "wilson", "anderson", "thomas", "taylor", "moore",
    "jackson", "martin", "lee", "thompson", "white", "harris", "clark", "lewis", "walker",
    "young", "allen", "king", "wright", "scott", "green", "baker", "adams", "nelson", "hill",
    "campbell", "mitchell", "roberts", "carter", "mueller", "schmidt", "schneider", "fischer",
    "weber", "dubois", "laurent", "jansen", "devries", "andersson", "nielsen", "hansen",
    "virtanen", "obrien", "murphy", "kelly", "patel", "shah", "tanaka", "chen",
]
COMPANY_W1 = [
    "blue", "north", "bright", "clear", "swift", "iron", "silver", "green", "red", "summit",
    "pioneer", "quantum", "vertex", "nova", "atlas", "beacon", "cedar", "delta", "ember",
    "falcon", "granite", "harbor", "indigo", "juniper", "keystone", "lumen", "maple", "nimbus",
    "orbit", "prism", "quartz", "river", "sierra", "terra", "ultra", "vector", "willow", "xeno",
    "yonder", "zenith",
]
COMPANY_W2 = [
    "stack", "loop", "works", "labs", "cloud", "data", "flow", "grid", "line", "path", "point",
    "scale", "signal", "sync", "wave", "forge", "base", "bridge", "craft", "hub", "logic",
    "metrics", "nest", "pulse", "ridge", "shift", "spark", "stone", "tide", "view",
]
COMPANY_SUFFIX = ["Inc", "Inc.", "LLC", "Ltd", "GmbH", "Group", "Corp", "AB", "BV", "Pty Ltd", "SAS", "Co"]
TLDS = [".com", ".com", ".com", ".io", ".io", ".ai", ".co", ".net"]
DM_TITLES = [
    "VP Marketing", "VP of Marketing", "Vice President, Demand Generation", "SVP Sales",
    "Head of Growth", "Head of Marketing", "Head of RevOps", "Director of Marketing",
    "Marketing Director", "Director, Demand Gen", "Chief Marketing Officer", "CMO", "CEO",
    "Co-Founder", "Founder & CEO", "Cofounder", "CRO", "Chief Revenue Officer", "CTO",
    "President", "EVP Revenue", "Sr. Director, Growth", "Head of Sales Development",
    "VP, Revenue Operations", "head of demand generation",
]
OTHER_TITLES = [
    "Marketing Manager", "Growth Marketing Manager", "Demand Generation Manager",
    "Marketing Operations Specialist", "Content Marketing Manager",
    "Sales Development Representative", "Account Executive", "Software Engineer",
    "MVP Engineer", "Data Analyst", "Product Marketing Manager", "RevOps Analyst",
    "Marketing Coordinator", "Business Analyst", "Consultant", "Headhunter",
    "Customer Success Manager", "Operations Manager", "Senior Product Manager",
    "Directory Services Administrator", "Marketing Manager", "Growth Lead",
]
STUDENT_TITLES = ["Student", "MBA Student", "Graduate Student", "Student Intern", "PhD student"]
ICP_INDUSTRIES = [
    "Software", "SaaS", "saas", "Information Technology", "FinTech", "Financial Services",
    "software", " SaaS ", "Software", "SaaS",
]
OTHER_INDUSTRIES = [
    "Healthcare", "Retail", "Manufacturing", "Education", "Media", "Logistics", "Real Estate",
    "Non-profit", "Government", "Professional Services", "Software Development",
    "Hospitality", "Telecommunications", "Insurance", "Healthcare", "Retail", "Manufacturing",
]
SERVED_COUNTRIES = [
    "US", "US", "US", "US", "US", "US", "CA", "GB", "GB", "IE", "DE", "DE", "FR", "NL", "SE",
    "DK", "NO", "FI", "AU", "NZ", "us", "gb",
]
OTHER_COUNTRIES = ["IN", "BR", "MX", "ES", "IT", "PL", "SG", "JP", "ZA", "NG", "AE", "IL", "CH", "AR", "PH"]
FREE_DOMAINS = [
    "gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "hotmail.com",
    "outlook.com", "icloud.com", "proton.me", "GMail.com", "aol.com", "gmx.com", "live.com",
    "yahoo.co.uk", "protonmail.com", "googlemail.com",
]
NEUTRAL_PAGES = [
    "/", "/", "/product", "/product/attribution", "/product/lead-scoring", "/product/forecasting",
    "/product/integrations", "/integrations/salesforce", "/integrations/hubspot", "/docs",
    "/docs/getting-started", "/docs/api/authentication", "/docs/scoring-rules", "/customers",
    "/customers/northwind-case-study", "/about", "/about/team", "/careers", "/security",
    "/pricing-calculator", "/resources", "/resources/roi-guide", "/changelog", "/contact",
    "/partners",
]
BLOG_PAGES = [
    "/blog", "/blog/what-is-an-mql", "/blog/lead-scoring-models", "/blog/revops-metrics",
    "/blog/b2b-attribution-guide", "/blog/speed-to-lead", "/blog/funnel-benchmarks-2026",
    "/Blog/pipeline-velocity", "/blog/intent-data?utm_content=footer",
    "/blog/abm-playbook#section-2", "/blog/what-is-an-mql", "/blog/lead-scoring-models",
]
PRICING_PAGES = [
    "/pricing", "/pricing", "/pricing", "/pricing?plan=pro", "/pricing?plan=enterprise",
    "/pricing/", "/Pricing", "/pricing#faq", "/pricing/enterprise",
]
ANON_PAGES = NEUTRAL_PAGES + BLOG_PAGES + PRICING_PAGES + ["/pricing", "/demo", "/login"]
# Landing pages of lead visitors never hit the blog or pricing rules (those are
# placed on purpose); anonymous visitors land anywhere.
LANDING = {
    "organic_search": (
        ["/product/lead-scoring", "/docs/scoring-rules", "/resources/roi-guide", "/",
         "/customers/northwind-case-study", "/integrations/salesforce"],
        BLOG_PAGES + BLOG_PAGES + ["/", "/product/lead-scoring", "/pricing", "/docs/scoring-rules"],
    ),
    "paid_search": (
        ["/lp/revenue-analytics", "/lp/lead-scoring-software", "/", "/product/lead-scoring",
         "/lp/salesforce-attribution"],
        ["/lp/revenue-analytics", "/lp/lead-scoring-software", "/", "/pricing",
         "/lp/salesforce-attribution", "/product/lead-scoring"],
    ),
    "paid_social": (
        ["/lp/mql-benchmark-report", "/lp/abm-playbook", "/resources/roi-guide",
         "/lp/revops-maturity-quiz"],
        ["/lp/mql-benchmark-report", "/lp/abm-playbook", "/resources/roi-guide",
         "/lp/revops-maturity-quiz", "/blog/funnel-benchmarks-2026"],
    ),
    "organic_social": (
        ["/", "/customers", "/resources/roi-guide", "/changelog"],
        BLOG_PAGES + ["/", "/customers", "/changelog", "/careers"],
    ),
    "events_webinars": (
        ["/webinars/lead-scoring-masterclass", "/webinars/revops-roundtable", "/events",
         "/webinars/pipeline-forecasting-101"],
        ["/webinars/lead-scoring-masterclass", "/webinars/revops-roundtable", "/events",
         "/webinars/pipeline-forecasting-101"],
    ),
    "referral_partner": (
        ["/", "/partners", "/integrations/salesforce", "/integrations/hubspot",
         "/partners/marketplace"],
        ["/", "/partners", "/integrations/salesforce", "/integrations/hubspot", "/pricing"],
    ),
    "email": (
        ["/resources/roi-guide", "/webinars/revops-roundtable", "/changelog", "/product/forecasting"],
        ["/resources/roi-guide", "/webinars/revops-roundtable", "/changelog", "/blog/speed-to-lead"],
    ),
    "direct": (["/", "/", "/docs", "/login", "/product"], ["/", "/", "/docs", "/login", "/pricing", "/blog"]),
    "other": (["/", "/lp/podcast-listeners", "/product"], ["/", "/lp/podcast-listeners", "/product", "/pricing"]),
}
CONFERENCES = [
    "saastr-annual", "revops-summit", "b2b-marketing-exchange", "dreamforce", "inbound",
    "pavilion-cmo-summit", "web-summit", "gartner-marketing-symposium", "forrester-b2b-summit",
    "mwc", "collision", "sales-ops-world",
]
CONFERENCE_MEDIA = ["conference", "event", "tradeshow", "trade_show", "Event"]
CONTENT_SLUGS = [
    "/resources/state-of-revops-2026", "/resources/mql-to-sql-benchmarks",
    "/resources/lead-scoring-ebook", "/resources/attribution-whitepaper",
]


def _lit(value) -> str:
    """SQL literal for a Python scalar or (nested) list."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_lit(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def _values(rows) -> str:
    return ", ".join("(" + ", ".join(_lit(v) for v in row) + ")" for row in rows)


def _add_months(d: dt.date, k: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + k, 12)
    return dt.date(y, m + 1, 1)


class _Runner:
    def __init__(self, con, params, progress):
        self.con = con
        self.params = params
        self.progress = progress
        self.t0 = time.perf_counter()

    def sql(self, text: str) -> None:
        self.con.execute(Template(text).substitute(self.params))

    def one(self, text: str):
        return self.con.execute(Template(text).substitute(self.params)).fetchone()

    def report(self, table: str, started: float) -> int:
        n = self.con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]
        if self.progress:
            self.progress(f"{table}: {n:,} rows ({time.perf_counter() - started:.1f} s)")
        return n


def generate(
    con: duckdb.DuckDBPyConnection,
    leads: int = 20_000,
    months: int = 12,
    end_month: str = "2026-10-01",
    seed: int = 42,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """(Re)create schema ``raw`` in ``con`` and fill the ten raw tables.

    Data covers the ``months`` calendar months ending with ``end_month``
    (inclusive); every timestamp lies inside them.  Returns row counts per table.
    """
    if leads < 1 or months < 1:
        raise ValueError("leads and months must be positive")
    end = dt.date.fromisoformat(str(end_month)[:10]).replace(day=1)
    start = _add_months(end, -(months - 1))
    win_end = _add_months(end, 1)
    span = int((dt.datetime.combine(win_end, dt.time()) - dt.datetime.combine(start, dt.time())).total_seconds())
    # month starts (seconds since window start) incl. 3 months after the window for
    # webinar registrations that are still in the future
    month_starts, month_keys = [], []
    for k in range(months + 3):
        d = _add_months(start, k)
        month_starts.append(int((dt.datetime.combine(d, dt.time()) - dt.datetime.combine(start, dt.time())).total_seconds()))
        month_keys.append(d.strftime("%Y-%m"))
    seed = int(seed)
    params = {
        "S": str(seed),
        "N": str(int(leads)),
        "M": str(int(months)),
        "WS": start.isoformat(),
        "WE": win_end.isoformat(),
        "SPAN": str(span),
        "MS": _lit(month_starts),
        "MK": _lit(month_keys),
        "K1": str((seed * 0x5DEECE66D + 0xB) % (1 << 40)),
        "K2": str((seed * 0x2545F491 + 0x9E37) % (1 << 40)),
        "BAD": repr(BAD_SHARE),
        "NEUTRAL": _lit(NEUTRAL_PAGES),
        "BLOG": _lit(BLOG_PAGES),
        "PRICING": _lit(PRICING_PAGES),
        "ANON_PAGES": _lit(ANON_PAGES),
        "FIRST": _lit(FIRST_NAMES),
        "LAST": _lit(LAST_NAMES),
        "W1": _lit(COMPANY_W1),
        "W2": _lit(COMPANY_W2),
        "SUFFIX": _lit(COMPANY_SUFFIX),
        "TLDS": _lit(TLDS),
        "DM_TITLES": _lit(DM_TITLES),
        "OTHER_TITLES": _lit(OTHER_TITLES),
        "STUDENT_TITLES": _lit(STUDENT_TITLES),
        "ICP_IND": _lit(ICP_INDUSTRIES),
        "OTHER_IND": _lit(OTHER_INDUSTRIES),
        "SERVED": _lit(SERVED_COUNTRIES),
        "UNSERVED": _lit(OTHER_COUNTRIES),
        "FREE": _lit(FREE_DOMAINS),
        "CONFS": _lit(CONFERENCES),
        "CONF_MEDIA": _lit(CONFERENCE_MEDIA),
        "CONTENT": _lit(CONTENT_SLUGS),
        "ATT_RATE": repr(ATTENDEE_TO_MQL),
    }
    r = _Runner(con, params, progress)
    counts: dict[str, int] = {}

    for stage, label in (
        (_setup, "set-up"),
        (_leads, "leads and scoring signals"),
        (_lead_sessions, "web sessions of lead visitors"),
        (_score, "scoring (contract rules)"),
        (_anonymous_traffic, "anonymous traffic"),
        (_attendance_and_forms, "events, webinars and forms"),
        (_emails, "e-mail"),
        (_sales, "sales follow-up"),
        (_spend, "spend"),
    ):
        t = time.perf_counter()
        stage(r)
        if progress:
            progress(f"prepared {label} ({time.perf_counter() - t:.1f} s)")

    # --- raw tables -----------------------------------------------------------
    r.sql("DROP SCHEMA IF EXISTS raw CASCADE; CREATE SCHEMA raw;")
    for table, builder in _FINAL_BUILDERS:
        t = time.perf_counter()
        builder(r)
        _drop_future_rows(con, table)
        counts[table] = r.report(table, t)
    _cleanup(r)
    if progress:
        progress(f"total: {sum(counts.values()):,} rows ({time.perf_counter() - r.t0:.1f} s)")
    return {t: counts[t] for t in RAW_TABLES}


def _drop_future_rows(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """A landing zone holds nothing from the future: when the window reaches
    past the moment of generation (end_month is this month), rows dated
    later than now are left out (future webinar registrations excepted:
    they are not attended yet). A window wholly in the past loses nothing."""
    moments = [column for column, kind in RAW_COLUMNS[table]
               if kind in ("TIMESTAMP", "DATE") and column != "registered_at"]
    if moments:
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        later = " or ".join(f"{column} > ?" for column in moments)
        con.execute(f"delete from raw.{table} where {later}", [now] * len(moments))


# ---------------------------------------------------------------------------
# set-up: macros and small dimension tables
# ---------------------------------------------------------------------------

def _setup(r: _Runner) -> None:
    ch_rows = [(i + 1, c, *CHANNEL_PARAMS[c]) for i, c in enumerate(CHANNELS)]
    var_rows = [(i + 1, *v) for i, v in enumerate(VARIANTS)]
    land_rows = [(c, LANDING[c][0], LANDING[c][1]) for c in CHANNELS]
    r.sql("""
    CREATE OR REPLACE TEMP MACRO rnd(a, b) AS ((hash(a, b, $S) >> 11)::DOUBLE / 9007199254740992.0);
    CREATE OR REPLACE TEMP MACRO pick(l, u) AS (l[1 + floor(u * len(l))::BIGINT]);
    CREATE OR REPLACE TEMP MACRO sid(n, salt) AS
        lower(lpad(to_hex(xor((n::BIGINT * 2654435761 + salt::BIGINT * 1000003 + $K1) % 1099511627776, $K2)), 10, '0'));
    CREATE OR REPLACE TEMP MACRO lid(n) AS ('00Q' || upper(sid(n, 1)));
    CREATE OR REPLACE TEMP MACRO tsx(sec) AS (TIMESTAMP '$WS' + to_seconds(sec::BIGINT));
    CREATE OR REPLACE TEMP MACRO msec(mi) AS ($MS[mi::BIGINT + 1]);
    CREATE OR REPLACE TEMP MACRO month_of(sec) AS
        date_diff('month', TIMESTAMP '$WS', TIMESTAMP '$WS' + to_seconds(sec::BIGINT));
    """)
    r.sql(f"""
    CREATE OR REPLACE TEMP TABLE g_channels AS
    SELECT * FROM (VALUES {_values(ch_rows)})
        t(ch_idx, channel, share, p_mql, p_sql, v2m, cpm, p_opp, p_win);
    CREATE OR REPLACE TEMP TABLE g_ch_slots AS
    WITH c AS (
        SELECT channel, ch_idx,
               sum(share) OVER (ORDER BY ch_idx) - share AS lo, sum(share) OVER (ORDER BY ch_idx) AS hi,
               sum(share) OVER () AS tot
        FROM g_channels)
    SELECT s.range::INTEGER AS slot, c.channel
    FROM range(10000) s JOIN c ON s.range >= round(c.lo / c.tot * 10000) AND s.range < round(c.hi / c.tot * 10000);
    CREATE OR REPLACE TEMP TABLE g_variants AS
    SELECT * FROM (VALUES {_values(var_rows)})
        t(vid, channel, weight, src, med, ref, campaign, platform, spend_share);
    CREATE OR REPLACE TEMP TABLE g_var_slots AS
    WITH c AS (
        SELECT vid, channel,
               sum(weight) OVER (PARTITION BY channel ORDER BY vid) - weight AS lo,
               sum(weight) OVER (PARTITION BY channel ORDER BY vid) AS hi,
               sum(weight) OVER (PARTITION BY channel) AS tot
        FROM g_variants)
    SELECT c.channel, s.range::INTEGER AS slot, c.vid
    FROM range(1000) s JOIN c ON s.range >= round(c.lo / c.tot * 1000) AND s.range < round(c.hi / c.tot * 1000);
    CREATE OR REPLACE TEMP TABLE g_profiles AS
    SELECT * FROM (VALUES {_values(PROFILES)})
        t(pid, grp, weight, f_ind, f_size, f_title, f_geo, e_pricing, e_demo, e_case, e_blog, e_reply);
    CREATE OR REPLACE TEMP TABLE g_prof_slots AS
    WITH p AS (
        SELECT pid, grp, weight FROM g_profiles
        UNION ALL  -- disqualified leads: any profile, mostly non-MQL ones
        SELECT pid, 'D', weight * CASE grp WHEN 'M' THEN 0.35 ELSE 0.65 END FROM g_profiles
    ), c AS (
        SELECT pid, grp,
               sum(weight) OVER (PARTITION BY grp ORDER BY pid) - weight AS lo,
               sum(weight) OVER (PARTITION BY grp ORDER BY pid) AS hi,
               sum(weight) OVER (PARTITION BY grp) AS tot
        FROM p)
    SELECT c.grp, s.range::INTEGER AS slot, c.pid
    FROM range(1000) s JOIN c ON s.range >= round(c.lo / c.tot * 1000) AND s.range < round(c.hi / c.tot * 1000);
    CREATE OR REPLACE TEMP TABLE g_landing AS
    SELECT * FROM (VALUES {_values(land_rows)}) t(channel, lead_pages, anon_pages);
    CREATE OR REPLACE TEMP TABLE g_cal AS
    SELECT range::INTEGER AS mi, msec(range) AS m_start, msec(range + 1) AS m_end,
           $MK[range + 1] AS m_key, (DATE '$WS' + to_months(range::INTEGER))::DATE AS m_date
    FROM range($M);
    -- webinars: three a month (days 8, 17, 25, 16:00 UTC), also after the window
    CREATE OR REPLACE TEMP TABLE g_webinars AS
    SELECT (m.range * 3 + k.range)::INTEGER AS wno, m.range::INTEGER AS mi,
           msec(m.range) + [7, 16, 24][k.range + 1] * 86400 + 16 * 3600 AS w_sec,
           'WBN-' || replace($MK[m.range + 1], '-', '') || '-' || (k.range + 1) AS event_id
    FROM range($M + 3) m CROSS JOIN range(3) k;
    -- one sponsored conference a month (day 12, 09:00 UTC)
    CREATE OR REPLACE TEMP TABLE g_conferences AS
    SELECT range::INTEGER AS mi, msec(range) + 11 * 86400 + 9 * 3600 AS c_sec,
           pick($CONFS, rnd(range, 31)) AS slug
    FROM range($M);
    """)


# ---------------------------------------------------------------------------
# leads, their attributes and their scoring signals
# ---------------------------------------------------------------------------

def _leads(r: _Runner) -> None:
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_lead AS
    WITH b AS (
        SELECT range AS n FROM range(1, $N + 1)
    ), c AS (
        SELECT b.n, s.channel
        FROM b JOIN g_ch_slots s ON s.slot = floor(rnd(b.n, 1) * 10000)::INTEGER
    ), g AS (
        SELECT c.*, ch.ch_idx, ch.p_mql, ch.p_sql, ch.p_opp, ch.p_win,
               rnd(c.n, 2) < ch.p_mql AS mql_int,
               CASE WHEN rnd(c.n, 2) < ch.p_mql THEN 'M'
                    WHEN rnd(c.n, 3) < least(0.35, $DQ / (1 - ch.p_mql)) THEN 'D'
                    ELSE 'N' END AS grp
        FROM c JOIN g_channels ch USING (channel)
    ), p AS (
        SELECT g.*, ps.pid FROM g JOIN g_prof_slots ps
            ON ps.grp = g.grp AND ps.slot = floor(rnd(g.n, 5) * 1000)::INTEGER
    ), t AS (
        SELECT p.*, pr.f_ind, pr.f_size, pr.f_title, pr.f_geo,
               pr.e_pricing::BOOLEAN AS e_pricing, pr.e_demo::BOOLEAN AS e_demo,
               pr.e_case::BOOLEAN AS e_case, pr.e_blog::BOOLEAN AS e_blog,
               pr.e_reply::BOOLEAN AS e_reply,
               CASE WHEN p.grp <> 'D' THEN NULL
                    WHEN rnd(p.n, 4) < 0.65 THEN 'free_email'
                    WHEN rnd(p.n, 4) < 0.83 THEN 'student'
                    ELSE 'invalid_email' END AS dq_reason,
               CASE WHEN p.channel <> 'events_webinars' THEN 'web'
                    WHEN rnd(p.n, 7) < 0.4 THEN 'conference' ELSE 'webinar' END AS origin,
               -- creation time skewed slightly to later months (growth)
               floor(86400 + pow(rnd(p.n, 6), 0.92) * ($SPAN - 86400 - 4 * 3600))::BIGINT AS c_raw
        FROM p JOIN g_profiles pr USING (pid)
    )
    SELECT t.*,
           CASE WHEN origin = 'conference'
                THEN cf.c_sec + 86400 + floor(rnd(n, 8) * 2 * 86400)::BIGINT
                ELSE c_raw END AS created,
           cf.c_sec AS conf_sec, cf.slug AS conf_slug,
           month_of(c_raw) AS c_mi
    FROM t LEFT JOIN g_conferences cf ON t.origin = 'conference' AND cf.mi = month_of(t.c_raw);
    """.replace("$DQ", repr(DISQUALIFIED_SHARE)))

    # timing, visitor, first touch and attributes
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_lead2 AS
    WITH a AS (
        SELECT l.*,
               -- anonymous browsing before conversion (web leads)
               CASE WHEN origin = 'conference' THEN NULL
                    ELSE greatest(60, created - 120 - CASE WHEN rnd(n, 9) < 0.3 THEN 0
                         ELSE floor(pow(rnd(n, 10), 2) * 21 * 86400)::BIGINT END) END AS t0,
               (origin <> 'conference' OR rnd(n, 11) < 0.5 OR e_pricing OR e_blog) AS has_vis,
               least(30 * 86400, floor(0.85 * ($SPAN - created - 2 * 3600)))::BIGINT AS horizon,
               channel IN ('organic_search', 'organic_social') AND rnd(n, 12) < 0.5 AS blog_landing,
               -- company: chosen among the companies of the profile's fit class
               (f_ind * 4 + f_size * 2 + f_geo) * 10000000
                 + floor(rnd(n, 13) * greatest(25, $N // 20))::BIGINT AS co
        FROM g_lead l
    ), v AS (
        SELECT a.*, vs.vid
        FROM a LEFT JOIN g_var_slots vs
          ON a.origin <> 'conference' AND vs.channel = a.channel AND vs.slot = floor(rnd(a.n, 14) * 1000)::INTEGER
    )
    SELECT v.*,
           CASE WHEN origin = 'conference' THEN conf_slug ELSE gv.src END AS o_src,
           CASE WHEN origin = 'conference' THEN pick($CONF_MEDIA, rnd(n, 15)) ELSE gv.med END AS o_med,
           CASE WHEN origin = 'conference' THEN NULL ELSE gv.ref END AS o_ref,
           CASE WHEN origin = 'conference' THEN conf_slug
                WHEN gv.campaign = 'nl' THEN 'nl-' || $MK[month_of(t0) + 1]
                ELSE gv.campaign END AS o_camp,
           -- creation form
           CASE WHEN origin = 'conference' THEN NULL
                WHEN e_demo AND rnd(n, 16) < 0.5 THEN 'demo_request'
                WHEN e_case AND rnd(n, 17) < 0.4 THEN 'case_study'
                WHEN origin = 'webinar' THEN 'webinar_registration'
                WHEN rnd(n, 18) < 0.5 THEN 'content_download'
                WHEN rnd(n, 18) < 0.8 THEN 'newsletter_signup'
                ELSE 'contact_us' END AS c_form,
           -- attributes
           pick($FIRST, rnd(n, 20)) AS first_name,
           pick($LAST, rnd(n, 21)) AS last_name,
           pick($W1, rnd(co, 22)) AS w1,
           pick($W2, rnd(co, 23)) AS w2,
           CASE WHEN f_ind = 1 THEN pick($ICP_IND, rnd(co, 24))
                WHEN rnd(co, 25) < 0.06 THEN NULL
                ELSE pick($OTHER_IND, rnd(co, 24)) END AS industry,
           CASE WHEN f_size = 1 THEN
                    CASE WHEN rnd(co, 26) < 0.015 THEN 50 WHEN rnd(co, 26) < 0.03 THEN 5000
                         ELSE round(exp(ln(50) + rnd(co, 27) * ln(100)))::INTEGER END
                WHEN rnd(co, 26) < 0.55 THEN 1 + floor(rnd(co, 27) * 49)::INTEGER
                WHEN rnd(co, 26) < 0.9 THEN round(exp(ln(5001) + rnd(co, 27) * ln(40)))::INTEGER
                ELSE NULL END AS employee_count,
           CASE WHEN f_geo = 1 THEN pick($UNSERVED, rnd(co, 28))
                WHEN rnd(co, 29) < 0.03 THEN NULL
                ELSE pick($SERVED, rnd(co, 28)) END AS country,
           CASE WHEN dq_reason = 'student' THEN pick($STUDENT_TITLES, rnd(n, 30))
                WHEN f_title = 1 THEN pick($DM_TITLES, rnd(n, 30))
                WHEN rnd(n, 31) < 0.04 THEN NULL
                ELSE pick($OTHER_TITLES, rnd(n, 30)) END AS job_title
    FROM v LEFT JOIN g_variants gv ON gv.vid = v.vid;
    """)
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_lead3 AS
    SELECT l.*,
           upper(w1[1]) || w1[2:] || upper(w2[1]) || w2[2:] || ' ' || pick($SUFFIX, rnd(co, 32)) AS company_name,
           w1 || w2 || CASE upper(trim(coalesce(country, '')))
                WHEN 'DE' THEN '.de' WHEN 'GB' THEN '.co.uk' WHEN 'FR' THEN '.fr'
                WHEN 'NL' THEN '.nl' WHEN 'SE' THEN '.se' ELSE pick($TLDS, rnd(co, 33)) END AS domain
    FROM g_lead2 l;
    CREATE OR REPLACE TEMP TABLE g_leads AS
    SELECT l.*,
           CASE
             WHEN dq_reason = 'free_email' THEN
                  first_name || CASE WHEN rnd(n, 34) < 0.5 THEN '.' || last_name ELSE '' END
                  || CASE WHEN rnd(n, 35) < 0.5 THEN (floor(rnd(n, 36) * 99) + 1)::INTEGER::VARCHAR ELSE '' END
                  || '@' || pick($FREE, rnd(n, 37))
             WHEN dq_reason = 'invalid_email' THEN
                  [NULL, first_name || '.' || last_name, first_name || '@',
                   '@' || domain, first_name || '@' || w1 || w2,
                   first_name || '@@' || domain, first_name || '.' || last_name || '@' || w1 || w2 || ',com',
                   ''][1 + floor(rnd(n, 38) * 8)::INTEGER]
             ELSE
                  CASE WHEN rnd(n, 39) < 0.08 THEN upper(first_name[1]) || first_name[2:] || '.' || upper(last_name[1]) || last_name[2:]
                       WHEN rnd(n, 39) < 0.6 THEN first_name || '.' || last_name
                       WHEN rnd(n, 39) < 0.75 THEN first_name[1] || last_name
                       WHEN rnd(n, 39) < 0.9 THEN first_name
                       ELSE first_name || last_name[1] END || '@' || domain
           END AS email,
           least(created + 60 + floor(rnd(n, 40) * 20 * 86400)::BIGINT, $SPAN - 1) AS updated
    FROM g_lead3 l;
    DROP TABLE g_lead; DROP TABLE g_lead2; DROP TABLE g_lead3;
    """)

    # engagement signals (the only sources of scoring events for a lead)
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_sig AS
    WITH l AS (
        SELECT n, created, t0, horizon, origin, e_pricing, e_demo, e_case, e_blog, e_reply, c_form,
               coalesce(created - 120 - t0, 0) AS pre
        FROM g_leads
    )
    SELECT n, 'pricing' AS kind,
           CASE WHEN origin <> 'conference' AND pre > 3600 AND rnd(n, 50) < 0.4
                THEN t0 + 60 + floor(rnd(n, 51) * (pre - 120))::BIGINT
                ELSE created + 300 + floor(pow(rnd(n, 52), 2) * greatest(horizon - 300, 0))::BIGINT END AS sec
    FROM l WHERE e_pricing
    UNION ALL
    SELECT n, 'demo',
           CASE WHEN c_form = 'demo_request' THEN created - 5 - floor(rnd(n, 53) * 25)::BIGINT
                ELSE created + 600 + floor(pow(rnd(n, 54), 2) * greatest(horizon - 600, 0))::BIGINT END
    FROM l WHERE e_demo
    UNION ALL
    SELECT n, 'case',
           CASE WHEN c_form = 'case_study' THEN created - 5 - floor(rnd(n, 55) * 25)::BIGINT
                ELSE created + 600 + floor(pow(rnd(n, 56), 2) * greatest(horizon - 600, 0))::BIGINT END
    FROM l WHERE e_case
    UNION ALL
    SELECT n, 'reply', created + 3600 + floor(rnd(n, 57) * greatest(horizon - 3600, 0))::BIGINT
    FROM l WHERE e_reply
    UNION ALL
    SELECT n, 'blog' || k.range,
           b.tb + CASE k.range WHEN 0 THEN 0 WHEN 1 THEN b.a ELSE b.a + b.b END
    FROM (
        SELECT n, tb,
               floor((0.02 + 0.98 * rnd(n, 60)) * least(2.5 * 86400, ($SPAN - tb) / 3.0))::BIGINT AS a,
               floor((0.02 + 0.98 * rnd(n, 61)) * least(2.5 * 86400, ($SPAN - tb) / 3.0))::BIGINT AS b
        FROM (
            SELECT n,
                   CASE WHEN origin <> 'conference' AND pre > 4 * 86400 AND rnd(n, 58) < 0.3
                        THEN t0 + 3600 + floor(rnd(n, 59) * (pre - 3 * 86400))::BIGINT
                        ELSE created + 900 + floor(pow(rnd(n, 59), 2) * greatest(horizon - 6 * 86400, 0))::BIGINT
                   END AS tb
            FROM l WHERE e_blog)
    ) b CROSS JOIN range(3) k;
    """)


# ---------------------------------------------------------------------------
# web sessions of lead visitors
# ---------------------------------------------------------------------------

# session modes -> (utm_source, utm_medium, referrer_host, channel)
_MODE_SQL = """
    CASE mode WHEN 'home' THEN h_src WHEN 'nl' THEN 'newsletter' ELSE NULL END AS utm_source,
    CASE mode WHEN 'home' THEN h_med WHEN 'nl' THEN 'email' ELSE NULL END AS utm_medium,
    CASE mode WHEN 'home' THEN h_camp WHEN 'nl' THEN 'nl-' || $MK[month_of(start) + 1] ELSE NULL END AS utm_campaign,
    CASE mode WHEN 'home' THEN h_ref WHEN 'organic' THEN 'www.google.com' ELSE NULL END AS referrer_host,
    CASE mode WHEN 'home' THEN h_chan WHEN 'nl' THEN 'email' WHEN 'organic' THEN 'organic_search' ELSE 'direct' END AS s_chan
"""


def _lead_sessions(r: _Runner) -> None:
    # one row per session: visitor number, owning lead, start second, mode, landing
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_lsess AS
    WITH l AS (
        SELECT n, channel, created, t0, origin, has_vis, blog_landing, e_blog, c_form,
               o_src, o_med, o_ref, o_camp,
               coalesce(created - 120 - t0, 0) AS pre
        FROM g_leads WHERE has_vis
    ), s AS (
        -- (a) first touch (web leads)
        SELECT n, n AS vis, 0 AS sess, t0 AS start, 'home' AS mode, 'first' AS kind,
               1 + floor(pow(rnd(n, 70), 1.5) * 4)::INTEGER AS npages
        FROM l WHERE origin <> 'conference'
        UNION ALL
        -- (b) anonymous sessions between first touch and conversion
        SELECT n, n, 1 + k.range, t0 + 600 + floor(rnd(n * 4 + k.range, 71) * (pre - 1200))::BIGINT,
               CASE WHEN rnd(n * 4 + k.range, 72) < 0.4 THEN 'home'
                    WHEN rnd(n * 4 + k.range, 72) < 0.8 THEN 'direct' ELSE 'organic' END,
               'pre', 1 + floor(rnd(n * 4 + k.range, 73) * 3)::INTEGER
        FROM l CROSS JOIN range(2) k
        WHERE origin <> 'conference' AND pre > 7200 AND k.range < floor(rnd(n, 74) * 3)
        UNION ALL
        -- (c) conversion session: form page, then identified thank-you page
        SELECT n, n, 3, created - 60,
               CASE WHEN pre > 86400 AND rnd(n, 75) < 0.35 THEN 'home' ELSE 'internal' END,
               'conv', 2
        FROM l WHERE origin <> 'conference'
        UNION ALL
        -- (c') conference leads: first visit from the follow-up e-mail, identified
        SELECT n, n, 3, created + 3600 + floor(rnd(n, 76) * 3 * 86400)::BIGINT, 'nl', 'confclick',
               1 + floor(rnd(n, 77) * 3)::INTEGER
        FROM l WHERE origin = 'conference' AND created + 3600 + 3 * 86400 < $SPAN
        UNION ALL
        -- (d) pricing visit
        SELECT g.n, g.n, 4, g.sec,
               CASE WHEN g.sec < l.created THEN (CASE WHEN rnd(g.n, 78) < 0.5 THEN 'home' ELSE 'direct' END)
                    WHEN rnd(g.n, 78) < 0.5 THEN 'direct' WHEN rnd(g.n, 78) < 0.7 THEN 'nl'
                    WHEN rnd(g.n, 78) < 0.85 THEN 'organic' ELSE 'home' END,
               'pricing', 1 + floor(rnd(g.n, 79) * 3)::INTEGER
        FROM g_sig g JOIN l USING (n) WHERE g.kind = 'pricing'
        UNION ALL
        -- (e) blog burst: three blog sessions within a few days
        SELECT g.n, g.n, 5 + right(g.kind, 1)::INTEGER, g.sec,
               CASE WHEN rnd(g.n * 4 + right(g.kind, 1)::INTEGER, 80) < 0.5 THEN 'organic'
                    WHEN rnd(g.n * 4 + right(g.kind, 1)::INTEGER, 80) < 0.75 THEN 'direct'
                    WHEN g.sec >= l.created THEN 'nl' ELSE 'home' END,
               'blog', 1 + floor(rnd(g.n * 4 + right(g.kind, 1)::INTEGER, 81) * 2)::INTEGER
        FROM g_sig g JOIN l USING (n) WHERE g.kind LIKE 'blog%'
        UNION ALL
        -- (f) a single stray blog visit (never more than two blog views without a burst)
        SELECT n, n, 8, created + 600 + floor(rnd(n, 82) * greatest($SPAN - created - 1200, 0))::BIGINT,
               CASE WHEN rnd(n, 83) < 0.6 THEN 'organic' ELSE 'direct' END, 'blog', 1
        FROM l WHERE NOT e_blog AND rnd(n, 84) < 0.35 AND created + 1200 < $SPAN
        UNION ALL
        -- (g) return visits after conversion
        SELECT n, n, 9 + k.range, created + 600 + floor(rnd(n * 4 + k.range, 85) * greatest($SPAN - created - 1200, 0))::BIGINT,
               CASE WHEN rnd(n * 4 + k.range, 86) < 0.55 THEN 'direct'
                    WHEN rnd(n * 4 + k.range, 86) < 0.75 THEN 'nl'
                    WHEN rnd(n * 4 + k.range, 86) < 0.9 THEN 'organic' ELSE 'home' END,
               'return', 1 + floor(pow(rnd(n * 4 + k.range, 87), 1.3) * 4)::INTEGER
        FROM l CROSS JOIN range(3) k
        WHERE created + 1200 < $SPAN AND k.range < floor(pow(rnd(n, 88), 1.2) * 4)
        UNION ALL
        -- (h) second device, identified (logged-in app user, e-mail click on phone)
        SELECT n, $N + n, k.range, created + 600 + floor(rnd(n * 4 + k.range, 89) * greatest($SPAN - created - 1200, 0))::BIGINT,
               CASE WHEN rnd(n * 4 + k.range, 90) < 0.6 THEN 'direct' ELSE 'nl' END,
               'device2', 1 + floor(rnd(n * 4 + k.range, 91) * 3)::INTEGER
        FROM l CROSS JOIN range(2) k
        WHERE origin <> 'conference' AND rnd(n, 92) < 0.12 AND created + 1200 < $SPAN
          AND k.range <= floor(rnd(n, 93) * 2)
    )
    SELECT s.*, l.channel AS h_chan, l.o_src AS h_src, l.o_med AS h_med, l.o_ref AS h_ref,
           l.o_camp AS h_camp, l.created, l.c_form, l.blog_landing
    FROM s JOIN l USING (n);

    -- (i) shared computer: a later lead identifies on the previous lead's visitor
    INSERT INTO g_lsess
    SELECT b.n, a.n AS vis, 13, $SPAN - 3600 - floor(rnd(b.n, 94) * 86400)::BIGINT, 'direct', 'shared', 1,
           b.channel, b.o_src, b.o_med, b.o_ref, b.o_camp, b.created, b.c_form, FALSE
    FROM g_leads b JOIN g_leads a ON a.n = b.n - 1
    WHERE rnd(b.n, 95) < 0.002 AND a.has_vis AND a.origin <> 'conference'
      AND greatest(a.created, b.created) < $SPAN - 3 * 86400;
    """)
    # pageviews of lead visitors (internal form: ints and seconds)
    r.sql(f"""
    CREATE OR REPLACE TEMP TABLE g_lpv AS
    WITH s AS (
        SELECT s.*, {_MODE_SQL}, lp.lead_pages
        FROM g_lsess s JOIN g_landing lp ON lp.channel = s.h_chan
    ), p AS (
        SELECT s.*, unnest(range(s.npages)) AS p FROM s
    ), q AS (
        SELECT vis, n, sess, p, kind, start, created,
               sess * 16 + p AS seq,
               start + CASE WHEN kind = 'conv' AND p = 1 THEN 65
                            ELSE p * 75 + floor(rnd(vis * 256 + sess * 16 + p, 96) * 60)::BIGINT END AS sec,
               CASE WHEN p = 0 THEN
                        CASE kind
                          WHEN 'pricing' THEN pick($PRICING, rnd(vis * 16 + sess, 97))
                          WHEN 'blog' THEN pick($BLOG, rnd(vis * 16 + sess, 97))
                          WHEN 'conv' THEN CASE c_form
                               WHEN 'demo_request' THEN '/demo'
                               WHEN 'case_study' THEN '/customers/northwind-case-study'
                               WHEN 'webinar_registration' THEN '/webinars/lead-scoring-masterclass'
                               WHEN 'newsletter_signup' THEN '/newsletter'
                               WHEN 'contact_us' THEN '/contact'
                               ELSE pick($CONTENT, rnd(n, 98)) END
                          WHEN 'first' THEN CASE WHEN blog_landing THEN pick($BLOG, rnd(n, 99))
                                                 ELSE pick(lead_pages, rnd(n, 99)) END
                          WHEN 'confclick' THEN pick($CONTENT, rnd(n, 98))
                          ELSE pick(lead_pages, rnd(vis * 16 + sess, 97)) END
                    WHEN kind = 'conv' AND p = 1 THEN CASE c_form
                               WHEN 'demo_request' THEN '/demo/thank-you'
                               WHEN 'webinar_registration' THEN '/webinars/thank-you'
                               WHEN 'newsletter_signup' THEN '/newsletter/thank-you'
                               WHEN 'contact_us' THEN '/contact/thank-you'
                               ELSE '/resources/thank-you' END
                    ELSE pick($NEUTRAL, rnd(vis * 256 + sess * 16 + p, 100)) END AS path,
               CASE WHEN p = 0 THEN utm_source END AS utm_source,
               CASE WHEN p = 0 THEN utm_medium END AS utm_medium,
               CASE WHEN p = 0 THEN utm_campaign END AS utm_campaign,
               CASE WHEN p = 0 THEN referrer_host END AS referrer_host,
               CASE WHEN p = 0 THEN s_chan ELSE 'direct' END AS chan
        FROM p
    )
    SELECT vis, seq, sec, path, utm_source, utm_medium, utm_campaign, referrer_host, chan,
           CASE WHEN sec >= created
                 AND (kind IN ('conv', 'confclick', 'device2', 'shared') OR rnd(vis * 256 + seq, 101) < 0.9)
                THEN n END AS lead_n
    FROM q WHERE sec < $SPAN;
    """)


# ---------------------------------------------------------------------------
# the generator's own copy of the contract scoring (clean data only)
# ---------------------------------------------------------------------------

def _score(r: _Runner) -> None:
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_owner AS
    SELECT vis, arg_max(lead_n, (sec, seq)) AS n
    FROM g_lpv WHERE lead_n IS NOT NULL GROUP BY vis;

    CREATE OR REPLACE TEMP TABLE g_score AS
    WITH pv AS (
        SELECT o.n, p.sec, split_part(split_part(lower(p.path), '?', 1), '#', 1) AS path
        FROM g_lpv p JOIN g_owner o USING (vis)
    ), blog AS (
        SELECT n, sec, count(*) OVER (PARTITION BY n ORDER BY sec RANGE BETWEEN 604800 PRECEDING AND CURRENT ROW) AS c
        FROM pv WHERE path = '/blog' OR path LIKE '/blog/%'
    ), ev AS (
        SELECT n, min(sec) AS sec, 15 AS pts FROM pv WHERE path = '/pricing' OR path LIKE '/pricing/%' GROUP BY n
        UNION ALL SELECT n, min(sec), 8 FROM blog WHERE c >= 3 GROUP BY n
        UNION ALL SELECT n, min(sec), 30 FROM g_sig WHERE kind = 'demo' GROUP BY n
        UNION ALL SELECT n, min(sec), 10 FROM g_sig WHERE kind = 'case' GROUP BY n
        UNION ALL SELECT n, min(sec), 12 FROM g_sig WHERE kind = 'reply' GROUP BY n
    ), fit AS (
        SELECT n, created,
               CASE WHEN lower(trim(coalesce(industry, ''))) IN
                         ('software', 'saas', 'information technology', 'fintech', 'financial services')
                    THEN 20 ELSE 0 END
             + CASE WHEN employee_count BETWEEN 50 AND 5000 THEN 15 ELSE 0 END
             + CASE WHEN regexp_matches(' ' || trim(regexp_replace(lower(coalesce(job_title, '')), '[^a-z0-9]+', ' ', 'g')) || ' ',
                    ' (chief|ceo|cfo|cto|cmo|cro|coo|cio|ciso|vp|svp|evp|vice president|head|director|founder|cofounder|president) ')
                    THEN 15 ELSE 0 END
             - CASE WHEN trim(coalesce(country, '')) <> ''
                     AND upper(trim(country)) NOT IN ('US','CA','GB','IE','DE','FR','NL','SE','DK','NO','FI','AU','NZ')
                    THEN 20 ELSE 0 END AS fit,
               dq_reason IS NOT NULL AS dq
        FROM g_leads
    ), steps AS (
        SELECT e.n, greatest(e.sec, f.created) AS eff, sum(e.pts) AS pts
        FROM ev e JOIN fit f USING (n) GROUP BY ALL
    ), cum AS (
        SELECT s.n, s.eff,
               f.fit + sum(s.pts) OVER (PARTITION BY s.n ORDER BY s.eff) AS total,
               sum(s.pts) OVER (PARTITION BY s.n ORDER BY s.eff) AS eng
        FROM steps s JOIN fit f USING (n) WHERE NOT f.dq
    )
    SELECT f.n, f.fit, f.dq, m.mql_sec, month_of(m.mql_sec) AS mql_mi
    FROM fit f LEFT JOIN (
        SELECT n, min(eff) AS mql_sec FROM cum WHERE total >= 50 AND eng >= 1 GROUP BY n
    ) m USING (n);
    """)


# ---------------------------------------------------------------------------
# anonymous visitors: enough per channel and month to hit the visitor->MQL rate
# ---------------------------------------------------------------------------

def _anonymous_traffic(r: _Runner) -> None:
    r.sql(f"""
    CREATE OR REPLACE TEMP TABLE g_fill AS
    WITH mq AS (
        SELECT l.channel, s.mql_mi AS mi, count(*) AS mqls
        FROM g_score s JOIN g_leads l USING (n) WHERE s.mql_sec IS NOT NULL GROUP BY ALL
    ), lvm AS (
        SELECT chan AS channel, mi, count(*) AS vm FROM (
            SELECT vis, month_of(sec) AS mi, arg_min(chan, (sec, seq)) AS chan
            FROM g_lpv GROUP BY ALL) GROUP BY ALL
    ), f AS (
        SELECT c.channel, c.ch_idx, cal.mi, cal.m_start, cal.m_end,
               greatest(0, round(coalesce(mq.mqls, 0) / c.v2m * (0.9 + 0.2 * rnd(c.ch_idx * 1000 + cal.mi, 110)))
                           - coalesce(lvm.vm, 0))::BIGINT AS anon
        FROM g_channels c CROSS JOIN g_cal cal
        LEFT JOIN mq ON mq.channel = c.channel AND mq.mi = cal.mi
        LEFT JOIN lvm ON lvm.channel = c.channel AND lvm.mi = cal.mi
    )
    SELECT f.*, sum(anon) OVER (ORDER BY ch_idx, mi) - anon AS offs FROM f;

    CREATE OR REPLACE TEMP TABLE g_avis AS
    SELECT vis, channel, m_start, m_end,
           m_start + floor(rnd(vis, 111) * (least(m_end, $SPAN) - m_start - 600))::BIGINT AS first_sec
    FROM (SELECT 2 * $N + 1 + f.offs + unnest(range(f.anon)) AS vis, f.channel, f.m_start, f.m_end FROM g_fill f);

    CREATE OR REPLACE TEMP TABLE g_apv AS
    WITH v AS (
        SELECT a.*, vs.vid FROM g_avis a
        JOIN g_var_slots vs ON vs.channel = a.channel AND vs.slot = floor(rnd(a.vis, 112) * 1000)::INTEGER
    ), s AS (
        SELECT v.vis, v.channel, k.range AS sess,
               CASE WHEN k.range = 0 THEN v.first_sec
                    ELSE v.first_sec + 60 + floor(rnd(v.vis * 4 + k.range, 113) * greatest(least(v.m_end, $SPAN) - v.first_sec - 900, 0))::BIGINT END AS start,
               CASE WHEN k.range = 0 OR rnd(v.vis * 4 + k.range, 114) < 0.5 THEN 'home' ELSE 'direct' END AS mode,
               gv.src AS h_src, gv.med AS h_med, gv.ref AS h_ref, v.channel AS h_chan,
               CASE WHEN gv.campaign = 'nl' THEN 'nl-' || $MK[month_of(v.first_sec) + 1] ELSE gv.campaign END AS h_camp,
               CASE WHEN rnd(v.vis * 4 + k.range, 115) < 0.5 THEN 1
                    WHEN rnd(v.vis * 4 + k.range, 115) < 0.7 THEN 2
                    WHEN rnd(v.vis * 4 + k.range, 115) < 0.84 THEN 3
                    ELSE 4 + floor(rnd(v.vis * 4 + k.range, 116) * 4)::INTEGER END AS npages
        FROM v JOIN g_variants gv ON gv.vid = v.vid
        CROSS JOIN range(3) k
        WHERE k.range < 1 + (rnd(v.vis, 117) < 0.22)::INTEGER + (rnd(v.vis, 118) < 0.06)::INTEGER
    ), s2 AS (
        SELECT s.*, {_MODE_SQL}, lp.anon_pages FROM s JOIN g_landing lp ON lp.channel = s.h_chan
    ), p AS (
        SELECT s2.*, unnest(range(s2.npages)) AS p FROM s2
    )
    SELECT vis, sess * 16 + p AS seq,
           start + p * 75 + floor(rnd(vis * 256 + sess * 16 + p, 119) * 60)::BIGINT AS sec,
           CASE WHEN p = 0 THEN pick(anon_pages, rnd(vis * 16 + sess, 120))
                ELSE pick($ANON_PAGES, rnd(vis * 256 + sess * 16 + p, 121)) END AS path,
           CASE WHEN p = 0 THEN utm_source END AS utm_source,
           CASE WHEN p = 0 THEN utm_medium END AS utm_medium,
           CASE WHEN p = 0 THEN utm_campaign END AS utm_campaign,
           CASE WHEN p = 0 THEN referrer_host END AS referrer_host,
           NULL::BIGINT AS lead_n
    FROM p WHERE start + p * 75 + 60 < $SPAN;
    """)


# ---------------------------------------------------------------------------
# webinars / events, forms
# ---------------------------------------------------------------------------

def _attendance_and_forms(r: _Runner) -> None:
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_att AS
    WITH web AS (  -- webinar-registrant leads: next webinar after sign-up (+ a later one for some)
        SELECT l.n, k.range AS k,
               (SELECT min(w.wno) FROM g_webinars w WHERE w.w_sec > l.created + 3600) + k.range * 3 AS wno,
               CASE WHEN k.range = 0 THEN l.created - 10 ELSE NULL END AS reg
        FROM g_leads l CROSS JOIN range(2) k
        WHERE l.origin = 'webinar' AND (k.range = 0 OR rnd(l.n, 130) < 0.2)
    ), webx AS (
        SELECT web.n, web.k, w.event_id, w.w_sec,
               coalesce(web.reg, w.w_sec - 3600 - floor(rnd(web.n, 131) * 14 * 86400)::BIGINT) AS reg,
               w.w_sec < $SPAN - 3600 AND rnd(web.n * 2 + web.k, 132) < 0.62 AS attended
        FROM web JOIN g_webinars w USING (wno)
    )
    SELECT n, 1 + k AS slot, event_id, reg,
           attended, CASE WHEN attended THEN w_sec + floor(rnd(n * 2 + k, 133) * 900)::BIGINT END AS att_sec
    FROM webx
    UNION ALL  -- conference badge scans
    SELECT n, 0, 'CONF-' || replace($MK[c_mi + 1], '-', '') || '-' || conf_slug,
           greatest(0, conf_sec - 3600 - floor(rnd(n, 134) * 20 * 86400)::BIGINT),
           TRUE, conf_sec + floor(rnd(n, 135) * 8 * 3600)::BIGINT
    FROM g_leads WHERE origin = 'conference';

    -- more attendees (existing leads of other channels) so that
    -- attendees = events MQLs / ATT_RATE per month
    CREATE OR REPLACE TEMP TABLE g_att_fill AS
    WITH mq AS (
        SELECT s.mql_mi AS mi, count(*) AS mqls
        FROM g_score s JOIN g_leads l USING (n)
        WHERE s.mql_sec IS NOT NULL AND l.channel = 'events_webinars' GROUP BY ALL
    ), base AS (
        SELECT month_of(att_sec) AS mi, count(DISTINCT n) AS att FROM g_att WHERE attended GROUP BY ALL
    ), cand AS (
        SELECT l.n, w.mi, w.wno, w.w_sec, w.event_id, l.created
        FROM g_leads l CROSS JOIN g_cal c
        JOIN g_webinars w ON w.wno = c.mi * 3 + floor(rnd(l.n * 64 + c.mi, 136) * 3)::INTEGER
        WHERE l.channel <> 'events_webinars' AND l.created < w.w_sec - 2 * 3600 AND w.w_sec < $SPAN - 3600
    ), cnt AS (SELECT mi, count(*) AS e FROM cand GROUP BY mi), need AS (
        SELECT c.mi, greatest(0, round(coalesce(mq.mqls, 0) / $ATT_RATE * (0.9 + 0.2 * rnd(c.mi, 137)))
                             - coalesce(b.att, 0)) AS k
        FROM g_cal c LEFT JOIN mq USING (mi) LEFT JOIN base b USING (mi)
    )
    SELECT cand.n, cand.event_id, cand.w_sec,
           greatest(cand.created + 60, cand.w_sec - 600 - floor(rnd(cand.n * 64 + cand.mi, 138) * 21 * 86400)::BIGINT) AS reg,
           rnd(cand.n * 64 + cand.mi, 139) < need.k / cnt.e AS attended
    FROM cand JOIN need USING (mi) JOIN cnt USING (mi)
    WHERE rnd(cand.n * 64 + cand.mi, 139) < 1.6 * need.k / cnt.e;

    INSERT INTO g_att
    SELECT n, 10 + month_of(w_sec), event_id, reg, attended,
           CASE WHEN attended THEN w_sec + floor(rnd(n * 64 + month_of(w_sec), 140) * 1200)::BIGINT END
    FROM g_att_fill;

    CREATE OR REPLACE TEMP TABLE g_forms AS
    SELECT n, 0 AS slot,
           CASE WHEN c_form = 'case_study' THEN 'content_download' ELSE c_form END AS form_type,
           CASE WHEN c_form = 'case_study' THEN 'case_study'
                WHEN c_form = 'content_download' THEN pick(['whitepaper', 'ebook', 'report', 'ebook'], rnd(n, 141)) END AS asset_type,
           created - 5 - floor(rnd(n, 142) * 25)::BIGINT AS sec
    FROM g_leads WHERE c_form IS NOT NULL AND c_form NOT IN ('demo_request')
    UNION ALL
    SELECT n, 1, 'demo_request', NULL, sec FROM g_sig WHERE kind = 'demo'
    UNION ALL
    SELECT n, 2, 'content_download', 'case_study', sec FROM g_sig WHERE kind = 'case' AND
        n NOT IN (SELECT n FROM g_leads WHERE c_form = 'case_study')
    UNION ALL  -- a repeated demo request a few days later
    SELECT n, 3, 'demo_request', NULL, sec + 86400 + floor(rnd(n, 143) * 10 * 86400)::BIGINT
    FROM g_sig WHERE kind = 'demo' AND rnd(n, 144) < 0.05
    UNION ALL  -- other downloads and sign-ups, never case studies
    SELECT l.n, 4 + k.range,
           CASE WHEN rnd(l.n * 4 + k.range, 145) < 0.7 THEN 'content_download'
                WHEN rnd(l.n * 4 + k.range, 145) < 0.85 THEN 'newsletter_signup' ELSE 'contact_us' END,
           CASE WHEN rnd(l.n * 4 + k.range, 145) < 0.7 THEN pick(['whitepaper', 'ebook', 'report'], rnd(l.n * 4 + k.range, 146)) END,
           l.created + 3600 + floor(rnd(l.n * 4 + k.range, 147) * greatest($SPAN - l.created - 7200, 0))::BIGINT
    FROM g_leads l CROSS JOIN range(2) k
    WHERE k.range < (rnd(l.n, 148) < 0.3)::INTEGER + (rnd(l.n, 149) < 0.1)::INTEGER
    UNION ALL  -- webinar registrations behind the attendance rows
    SELECT n, 6 + slot, 'webinar_registration', NULL, reg
    FROM g_att WHERE slot > 1 OR (slot = 1 AND reg IS NOT NULL AND n IN (SELECT n FROM g_leads WHERE origin <> 'webinar'));
    -- demo-request creation forms are the 'demo' signal (slot 1)
    """)


# ---------------------------------------------------------------------------
# e-mail
# ---------------------------------------------------------------------------

def _emails(r: _Runner) -> None:
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_sends AS
    WITH l AS (
        SELECT n, created, e_reply,
               coalesce(dq_reason = 'invalid_email', FALSE) OR (NOT e_reply AND rnd(n, 150) < 0.015) AS bounces,
               rnd(n, 151) < 0.35 AS newsletter,
               CASE WHEN rnd(n, 152) < 0.08 THEN 1 + floor(rnd(n, 153) * 4)::INTEGER ELSE 999 END AS unsub_k
        FROM g_leads
        WHERE email IS NOT NULL AND email <> ''
    )
    SELECT n, 0 AS slot, 'nurture-welcome' AS campaign, created + 1800 + floor(rnd(n, 154) * 1800)::BIGINT AS sec,
           bounces, FALSE AS unsub, NULL::BIGINT AS reply_sec
    FROM l
    UNION ALL
    SELECT n, 1, 'nurture-day-5', created + 5 * 86400 + floor(rnd(n, 155) * 3600)::BIGINT, FALSE, FALSE, NULL
    FROM l WHERE NOT bounces
    UNION ALL
    SELECT g.n, 2, 'sdr-sequence-' || (1 + floor(rnd(g.n, 156) * 3)::INTEGER),
           greatest(l.created + 60, g.sec - 3600 - floor(rnd(g.n, 157) * 2 * 86400)::BIGINT), FALSE, FALSE, g.sec
    FROM g_sig g JOIN l USING (n) WHERE g.kind = 'reply'
    UNION ALL
    SELECT n, 3 + mi, 'nl-' || m_key, sec, FALSE, k = unsub_k, NULL FROM (
        SELECT l.n, c.mi, c.m_key, c.m_start + 9 * 86400 + 15 * 3600 AS sec, l.unsub_k,
               row_number() OVER (PARTITION BY l.n ORDER BY c.mi) AS k
        FROM l CROSS JOIN g_cal c
        WHERE l.newsletter AND NOT l.bounces AND l.created < c.m_start + 9 * 86400 + 15 * 3600
    ) WHERE k <= unsub_k;

    CREATE OR REPLACE TEMP TABLE g_email AS
    WITH s AS (
        SELECT *, n * 128 + slot AS sk,
               reply_sec IS NOT NULL OR rnd(n * 128 + slot, 160) < CASE WHEN slot = 2 THEN 0.5 ELSE 0.32 END OR unsub AS opens
        FROM g_sends
    ), o AS (
        SELECT *, CASE WHEN reply_sec IS NOT NULL THEN sec + floor((reply_sec - sec) * rnd(sk, 161) * 0.8)::BIGINT
                       ELSE sec + 60 + floor(pow(rnd(sk, 161), 2) * 2 * 86400)::BIGINT END AS open_sec
        FROM s
    ), e AS (
        SELECT n, sk, campaign, 0 AS k, 'sent' AS event_type, sec FROM o
        UNION ALL SELECT n, sk, campaign, 1, 'bounce', sec + 5 + floor(rnd(sk, 162) * 55)::BIGINT FROM o WHERE bounces
        UNION ALL SELECT n, sk, campaign, 2, 'delivered', sec + 1 + floor(rnd(sk, 163) * 29)::BIGINT FROM o WHERE NOT bounces
        UNION ALL SELECT n, sk, campaign, 3, 'open', open_sec FROM o WHERE NOT bounces AND opens
        UNION ALL SELECT n, sk, campaign, 4, 'click', open_sec + 5 + floor(rnd(sk, 164) * 295)::BIGINT
            FROM o WHERE NOT bounces AND opens AND (rnd(sk, 165) < 0.25 OR unsub) AND reply_sec IS NULL
        UNION ALL SELECT n, sk, campaign, 5, 'unsubscribe', open_sec + 400 + floor(rnd(sk, 166) * 100)::BIGINT FROM o WHERE unsub
        UNION ALL SELECT n, sk, campaign, 6, 'reply', reply_sec FROM o WHERE reply_sec IS NOT NULL
    )
    SELECT * FROM e WHERE sec < $SPAN;
    DROP TABLE g_sends;
    """)


# ---------------------------------------------------------------------------
# sales follow-up: status changes, activities, opportunities
# ---------------------------------------------------------------------------

def _sales(r: _Runner) -> None:
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_mql AS
    SELECT s.n, s.mql_sec, l.created, l.channel, l.p_sql, l.p_opp, l.p_win, l.employee_count,
           'rep_' || lpad((1 + floor(rnd(s.n, 170) * 28))::INTEGER::VARCHAR, 3, '0') AS rep,
           s.mql_sec + CASE WHEN rnd(s.n, 171) < 0.05 THEN 0
                            WHEN rnd(s.n, 171) < 0.38 THEN 10 + floor(rnd(s.n, 172) * 280)::BIGINT
                            ELSE 360 + floor(pow(rnd(s.n, 172), 3) * 72 * 3600)::BIGINT END AS fc_sec,
           rnd(s.n, 173) < l.p_sql AS is_sql
    FROM g_score s JOIN g_leads l USING (n) WHERE s.mql_sec IS NOT NULL;

    CREATE OR REPLACE TEMP TABLE g_status AS
    WITH x AS (
        SELECT n, 0 AS slot, 'working' AS st, fc_sec + 1 AS sec, rep AS who FROM g_mql
        UNION ALL
        SELECT n, 1, 'sales_accepted', fc_sec + 600 + floor(pow(rnd(n, 174), 2) * 5 * 86400)::BIGINT, rep
        FROM g_mql WHERE is_sql
        UNION ALL
        SELECT n, 1, 'sales_rejected', fc_sec + 600 + floor(pow(rnd(n, 175), 2) * 7 * 86400)::BIGINT, rep
        FROM g_mql WHERE NOT is_sql AND rnd(n, 176) < 0.45
        UNION ALL  -- recycled earlier: rejected before becoming an MQL
        SELECT n, 2, 'sales_rejected', created + floor(rnd(n, 177) * (mql_sec - created))::BIGINT, rep
        FROM g_mql WHERE is_sql AND mql_sec - created > 3600 AND rnd(n, 178) < 0.03
        UNION ALL  -- outbound: accepted although never an MQL
        SELECT l.n, 3, 'sales_accepted', l.created + 3600 + floor(rnd(l.n, 179) * greatest($SPAN - l.created - 7200, 0))::BIGINT,
               'rep_' || lpad((1 + floor(rnd(l.n, 170) * 28))::INTEGER::VARCHAR, 3, '0')
        FROM g_leads l JOIN g_score s USING (n) WHERE s.mql_sec IS NULL AND rnd(l.n, 180) < 0.01
        UNION ALL  -- marketing automation marks disqualified / nurture leads
        SELECT l.n, 4, CASE WHEN l.dq_reason IS NOT NULL THEN 'unqualified' ELSE 'nurturing' END,
               l.created + 120 + floor(rnd(l.n, 181) * 3600)::BIGINT, 'marketing_automation'
        FROM g_leads l JOIN g_score s USING (n) WHERE s.mql_sec IS NULL AND rnd(l.n, 182) < 0.3
    )
    SELECT * FROM x WHERE sec < $SPAN;

    CREATE OR REPLACE TEMP TABLE g_act AS
    WITH x AS (
        SELECT n, 0 AS slot, fc_sec AS sec, rep,
               CASE WHEN fc_sec = mql_sec THEN 'email'
                    ELSE pick(['call', 'call', 'call', 'email', 'email', 'linkedin_message'], rnd(n, 183)) END AS t
        FROM g_mql
        UNION ALL
        SELECT m.n, 1 + k.range, m.fc_sec + (k.range + 1) * (86400 + floor(rnd(m.n * 8 + k.range, 184) * 4 * 86400)::BIGINT),
               m.rep, pick(['call', 'email', 'email', 'meeting', 'linkedin_message'], rnd(m.n * 8 + k.range, 185))
        FROM g_mql m CROSS JOIN range(4) k WHERE k.range < floor(rnd(m.n, 186) * 5)
        UNION ALL  -- touches before the lead became an MQL
        SELECT n, 6, created + floor(rnd(n, 187) * (mql_sec - created))::BIGINT, rep, 'email'
        FROM g_mql WHERE mql_sec - created > 3600 AND rnd(n, 188) < 0.05
        UNION ALL  -- outbound touches on leads that never became MQLs
        SELECT l.n, 7 + k.range, l.created + 600 + floor(rnd(l.n * 8 + k.range, 189) * greatest($SPAN - l.created - 1200, 0))::BIGINT,
               'rep_' || lpad((1 + floor(rnd(l.n, 170) * 28))::INTEGER::VARCHAR, 3, '0'),
               pick(['call', 'email', 'linkedin_message'], rnd(l.n * 8 + k.range, 190))
        FROM g_leads l JOIN g_score s USING (n) CROSS JOIN range(2) k
        WHERE s.mql_sec IS NULL AND rnd(l.n, 191) < 0.08 AND k.range <= floor(rnd(l.n, 192) * 2)
    )
    SELECT * FROM x WHERE sec < $SPAN;

    CREATE OR REPLACE TEMP TABLE g_opp AS
    WITH sa AS (
        SELECT m.n, m.channel, m.p_opp, m.p_win, m.employee_count, g.sec AS sa_sec
        FROM g_mql m JOIN g_status g ON g.n = m.n AND g.slot = 1 AND g.st = 'sales_accepted'
    ), o AS (
        SELECT n, 0 AS slot, sa_sec + 86400 + floor(rnd(n, 193) * 20 * 86400)::BIGINT AS sec, p_win, employee_count
        FROM sa WHERE rnd(n, 194) < p_opp
        UNION ALL  -- expansion / second opportunity
        SELECT n, 1, sa_sec + 30 * 86400 + floor(rnd(n, 195) * 60 * 86400)::BIGINT, p_win * 0.8, employee_count
        FROM sa WHERE rnd(n, 194) < p_opp AND rnd(n, 196) < 0.06
        UNION ALL  -- opened the same day, just before sales accepted the lead
        SELECT n, 2, sa_sec - 60 - floor(rnd(n, 197) * 3600)::BIGINT, p_win, employee_count
        FROM sa WHERE rnd(n, 198) < 0.01
        UNION ALL  -- outbound opportunities on non-MQL leads
        SELECT l.n, 3, l.created + 86400 + floor(rnd(l.n, 199) * greatest($SPAN - l.created - 2 * 86400, 0))::BIGINT, 0.2, l.employee_count
        FROM g_leads l JOIN g_score s USING (n) WHERE s.mql_sec IS NULL AND rnd(l.n, 200) < 0.005
    ), c AS (
        SELECT o.*, sec + 14 * 86400 + floor(rnd(n * 4 + slot, 201) * 140 * 86400)::BIGINT AS close_sec,
               rnd(n * 4 + slot, 202) < p_win AS won,
               round(exp(ln(6000) + rnd(n * 4 + slot, 203) * ln(30))
                     * CASE WHEN employee_count > 1000 THEN 1.8 ELSE 1 END / 100) * 100 AS amount,
               round(68 + rnd(n * 4 + slot, 204) * 20, 1) AS gm
        FROM o WHERE sec < $SPAN
    )
    SELECT n, slot, sec,
           close_sec < $SPAN AS is_closed,
           close_sec < $SPAN AND won AS is_won,
           CASE WHEN close_sec < $SPAN THEN close_sec END AS closed_sec,
           CASE WHEN close_sec < $SPAN THEN CASE WHEN won THEN 'closed_won' ELSE 'closed_lost' END
                ELSE ['discovery', 'solution_demo', 'proposal', 'negotiation'][
                     1 + least(3, floor(($SPAN - sec) / (close_sec - sec) * 4))::INTEGER] END AS stage,
           amount, gm
    FROM c;
    """)


# ---------------------------------------------------------------------------
# spend: budgets follow MQL volume so that cost per MQL hits its target
# ---------------------------------------------------------------------------

def _spend(r: _Runner) -> None:
    r.sql("""
    CREATE OR REPLACE TEMP TABLE g_budget AS
    WITH mq AS (
        SELECT l.channel, s.mql_mi AS mi, count(*) AS mqls
        FROM g_score s JOIN g_leads l USING (n) WHERE s.mql_sec IS NOT NULL GROUP BY ALL
    )
    SELECT c.channel, c.ch_idx, cal.mi, cal.m_start, cal.m_end, cal.m_date,
           c.cpm * greatest(coalesce(mq.mqls, 0), 1) * (0.88 + 0.24 * rnd(c.ch_idx * 1000 + cal.mi, 210)) AS budget
    FROM g_channels c CROSS JOIN g_cal cal LEFT JOIN mq ON mq.channel = c.channel AND mq.mi = cal.mi
    WHERE c.cpm > 0;

    CREATE OR REPLACE TEMP TABLE g_ad AS
    WITH camp AS (
        SELECT channel, platform, src, med, campaign, spend_share,
               row_number() OVER (ORDER BY vid) AS cid
        FROM g_variants WHERE spend_share > 0
    ), d AS (
        SELECT b.channel, b.mi, b.budget, camp.platform, camp.src, camp.med, camp.campaign, camp.spend_share, camp.cid,
               (b.m_date + to_days(k.range::INTEGER)) AS day,
               (0.6 + 0.8 * rnd(camp.cid * 100000 + b.mi * 100 + k.range, 211))
                 * CASE WHEN dayofweek(b.m_date + to_days(k.range::INTEGER)) IN (0, 6) THEN 0.55 ELSE 1 END AS w
        FROM g_budget b JOIN camp USING (channel)
        CROSS JOIN range(31) k
        WHERE k.range < (b.m_end - b.m_start) / 86400
    )
    SELECT day AS spend_date, platform, src AS utm_source, med AS utm_medium, campaign,
           round(budget * spend_share * w / sum(w) OVER (PARTITION BY cid, mi), 2) AS spend
    FROM d;

    CREATE OR REPLACE TEMP TABLE g_prog AS
    SELECT m_date AS cost_month, channel, round(budget, 2) AS cost
    FROM g_budget WHERE channel IN ('organic_search', 'events_webinars', 'referral_partner');
    """)


# ---------------------------------------------------------------------------
# final raw tables (+ bad rows)
# ---------------------------------------------------------------------------

def _bad_event_rows(r: _Runner, table: str, id_col: str, lead_col: str, ts_col: str, salt: int,
                    extra: dict[str, str] | None = None) -> None:
    """Append exact duplicates, NULL ids, NULL timestamps and orphan rows."""
    cols = [c for c, _ in RAW_COLUMNS[table]]
    extra = extra or {}

    def sel(repl: dict[str, str]) -> str:
        return ", ".join(repl.get(c, c) for c in cols)

    orphan = f"lid(3 * $N + 1 + floor(rnd(hash({id_col}), {salt + 4}) * 1000)::BIGINT)"
    r.sql(f"""
    CREATE OR REPLACE TEMP TABLE g_bad AS
    SELECT * FROM raw.{table} WHERE rnd(hash({id_col}), {salt}) < $BAD
    UNION ALL
    SELECT {sel({id_col: 'NULL'})} FROM raw.{table} WHERE rnd(hash({id_col}), {salt + 1}) < $BAD
    UNION ALL
    SELECT {sel({id_col: id_col + " || '-t'", ts_col: 'NULL'})} FROM raw.{table} WHERE rnd(hash({id_col}), {salt + 2}) < $BAD
    UNION ALL
    SELECT {sel({id_col: id_col + " || '-o'", lead_col: orphan, **extra})} FROM raw.{table}
    WHERE {lead_col} IS NOT NULL AND rnd(hash({id_col}), {salt + 3}) < $BAD;
    INSERT INTO raw.{table} SELECT * FROM g_bad ORDER BY ALL;
    DROP TABLE g_bad;
    """)


def _final_leads(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.crm_leads AS
    WITH l AS (
        SELECT n, lid(n) AS lead_id, email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, created, updated, rnd(n, 220) AS ub
        FROM g_leads
    ), v AS (
        -- current version (deleted leads: deleted on their latest version)
        SELECT n, lead_id, email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, created, updated, ub >= 0.006 AND ub < 0.0135 AS is_deleted, 0 AS ver
        FROM l
        UNION ALL
        -- an older version before enrichment (title / size / industry filled in later)
        SELECT n, lead_id, lower(email), NULL, company_name, CASE WHEN rnd(n, 221) < 0.5 THEN NULL ELSE industry END,
               NULL, country, o_src, o_med, o_ref, created,
               created + floor((updated - created) * 0.5 * rnd(n, 222))::BIGINT, FALSE, 1
        FROM l WHERE ub < 0.006 OR (ub >= 0.011 AND ub < 0.0135)
        UNION ALL
        -- delivered twice, identical
        SELECT n, lead_id, email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, created, updated, FALSE, 2
        FROM l WHERE ub >= 0.0135 AND ub < 0.016
        UNION ALL
        -- NULL key
        SELECT n, NULL, email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, created, updated, FALSE, 3
        FROM l WHERE rnd(n, 223) < $BAD
        UNION ALL
        -- NULL created_at (leads nobody else references)
        SELECT n, lid($N + n), email, job_title, company_name, industry, employee_count, country,
               o_src, o_med, o_ref, NULL, updated, FALSE, 4
        FROM l WHERE rnd(n, 224) < $BAD
    )
    SELECT lead_id::VARCHAR AS lead_id, email::VARCHAR AS email, job_title::VARCHAR AS job_title,
           company_name::VARCHAR AS company_name, industry::VARCHAR AS industry,
           employee_count::INTEGER AS employee_count, country::VARCHAR AS country,
           o_src::VARCHAR AS original_utm_source, o_med::VARCHAR AS original_utm_medium,
           o_ref::VARCHAR AS original_referrer_host,
           CASE WHEN created IS NULL THEN NULL ELSE tsx(created) END AS created_at,
           tsx(updated) AS updated_at, is_deleted::BOOLEAN AS is_deleted
    FROM v ORDER BY n, ver;
    """)


def _final_status(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.crm_lead_status_changes AS
    SELECT ('sc-' || sid(n * 8 + slot, 3))::VARCHAR AS status_change_id, lid(n)::VARCHAR AS lead_id,
           st::VARCHAR AS new_status, tsx(sec) AS changed_at, who::VARCHAR AS changed_by
    FROM g_status ORDER BY sec, n, slot;
    """)
    _bad_event_rows(r, "crm_lead_status_changes", "status_change_id", "lead_id", "changed_at", 300)


def _final_activities(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.crm_activities AS
    SELECT ('act-' || sid(n * 16 + slot, 4))::VARCHAR AS activity_id, lid(n)::VARCHAR AS lead_id,
           t::VARCHAR AS activity_type, tsx(sec) AS occurred_at, rep::VARCHAR AS rep_id
    FROM g_act ORDER BY sec, n, slot;
    """)
    _bad_event_rows(r, "crm_activities", "activity_id", "lead_id", "occurred_at", 310)


def _final_opportunities(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.crm_opportunities AS
    SELECT ('006' || upper(sid(n * 4 + slot, 5)))::VARCHAR AS opportunity_id, lid(n)::VARCHAR AS lead_id,
           tsx(sec) AS created_at, stage::VARCHAR AS stage, is_closed::BOOLEAN AS is_closed,
           is_won::BOOLEAN AS is_won, CASE WHEN closed_sec IS NULL THEN NULL ELSE tsx(closed_sec) END AS closed_at,
           amount::DECIMAL(18,2) AS amount, gm::DOUBLE AS gross_margin_pct
    FROM g_opp ORDER BY sec, n, slot;
    """)
    _bad_event_rows(r, "crm_opportunities", "opportunity_id", "lead_id", "created_at", 320)


def _final_pageviews(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.web_pageviews AS
    WITH p AS (
        SELECT vis, seq, sec, path, utm_source, utm_medium, utm_campaign, referrer_host, lead_n FROM g_lpv
        UNION ALL
        SELECT vis, seq, sec, path, utm_source, utm_medium, utm_campaign, referrer_host, lead_n FROM g_apv
    )
    SELECT ('pv-' || sid(vis, 2) || '-' || lpad(seq::VARCHAR, 4, '0'))::VARCHAR AS pageview_id,
           ('v-' || sid(vis, 2))::VARCHAR AS visitor_id,
           CASE WHEN lead_n IS NULL THEN NULL ELSE lid(lead_n) END::VARCHAR AS lead_id,
           tsx(sec) AS occurred_at, path::VARCHAR AS page_path,
           utm_source::VARCHAR AS utm_source, utm_medium::VARCHAR AS utm_medium,
           utm_campaign::VARCHAR AS utm_campaign, referrer_host::VARCHAR AS referrer_host
    FROM p ORDER BY sec, vis, seq;
    """)
    _bad_event_rows(r, "web_pageviews", "pageview_id", "lead_id", "occurred_at", 330,
                    extra={"visitor_id": "visitor_id || '-o'"})


def _final_forms(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.form_submissions AS
    SELECT ('fs-' || sid(n * 256 + slot, 6))::VARCHAR AS submission_id, lid(n)::VARCHAR AS lead_id,
           form_type::VARCHAR AS form_type, asset_type::VARCHAR AS asset_type, tsx(sec) AS submitted_at
    FROM g_forms WHERE sec < $SPAN ORDER BY sec, n, slot;
    """)
    _bad_event_rows(r, "form_submissions", "submission_id", "lead_id", "submitted_at", 340)


def _final_emails(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.email_events AS
    SELECT ('ee-' || sid(sk * 8 + k, 7))::VARCHAR AS email_event_id, lid(n)::VARCHAR AS lead_id,
           campaign::VARCHAR AS campaign_id, event_type::VARCHAR AS event_type, tsx(sec) AS occurred_at
    FROM g_email ORDER BY sec, sk, k;
    """)
    _bad_event_rows(r, "email_events", "email_event_id", "lead_id", "occurred_at", 350)


def _final_attendance(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.event_attendance AS
    SELECT ('att-' || sid(n * 256 + slot, 8))::VARCHAR AS attendance_id, event_id::VARCHAR AS event_id,
           lid(n)::VARCHAR AS lead_id, tsx(reg) AS registered_at, attended::BOOLEAN AS attended,
           CASE WHEN att_sec IS NULL THEN NULL ELSE tsx(att_sec) END AS attended_at
    FROM g_att ORDER BY reg, n, slot;
    """)
    # the needed timestamp is attended_at (attendees are counted by it): bad rows are
    # attended = true with attended_at NULL
    _bad_event_rows(r, "event_attendance", "attendance_id", "lead_id", "attended_at", 360,
                    extra={})
    r.sql("""
    UPDATE raw.event_attendance SET attended = TRUE
    WHERE attended_at IS NULL AND attendance_id LIKE '%-t';
    """)


def _final_ad_spend(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.ad_spend AS
    SELECT spend_date::DATE AS spend_date, platform::VARCHAR AS platform, utm_source::VARCHAR AS utm_source,
           utm_medium::VARCHAR AS utm_medium, campaign::VARCHAR AS campaign, spend::DECIMAL(18,2) AS spend,
           'USD'::VARCHAR AS currency
    FROM g_ad ORDER BY spend_date, platform, campaign;

    CREATE OR REPLACE TEMP TABLE g_bad AS
    WITH a AS (SELECT *, row_number() OVER (ORDER BY spend_date, platform, campaign) AS i FROM raw.ad_spend),
    n AS (SELECT greatest(1, round(count(*) * $BAD))::BIGINT AS k FROM raw.ad_spend)
    -- exact duplicates (the EL tool re-delivered a day)
    SELECT spend_date, platform, utm_source, utm_medium, campaign, spend, currency
    FROM a, n WHERE rnd(i, 400) < $BAD OR i = 1
    UNION ALL  -- refunds / credits booked as negative spend
    SELECT spend_date, platform, utm_source, utm_medium, campaign || '-credit', -round(spend * 0.3, 2), currency
    FROM a, n WHERE rnd(i, 401) < $BAD OR i = 2
    UNION ALL  -- a UK campaign billed in GBP
    SELECT spend_date, platform, utm_source, utm_medium, campaign || '-uk', round(spend * 0.2, 2), 'GBP'
    FROM a, n WHERE rnd(i, 402) < $BAD OR i = 3
    UNION ALL  -- NULL date
    SELECT NULL, platform, utm_source, utm_medium, campaign || '-adj', round(spend * 0.1, 2), currency
    FROM a, n WHERE rnd(i, 403) < $BAD OR i = 4;
    INSERT INTO raw.ad_spend SELECT * FROM g_bad ORDER BY ALL;
    DROP TABLE g_bad;
    """)


def _final_program_costs(r: _Runner) -> None:
    r.sql("""
    CREATE TABLE raw.program_costs AS
    SELECT cost_month::DATE AS cost_month, channel::VARCHAR AS channel, cost::DECIMAL(18,2) AS cost
    FROM g_prog ORDER BY cost_month, channel;

    INSERT INTO raw.program_costs
    SELECT * FROM (
        (SELECT * FROM raw.program_costs ORDER BY cost_month DESC, channel LIMIT 1)          -- duplicate
        UNION ALL
        SELECT max(cost_month), 'Events & Webinars', 12000.00 FROM raw.program_costs       -- non-canonical
        UNION ALL
        SELECT min(cost_month), 'seo_agency', 4500.00 FROM raw.program_costs               -- non-canonical
        UNION ALL
        SELECT max(cost_month), 'referral_partner', -850.00 FROM raw.program_costs          -- negative (clawback)
        UNION ALL
        SELECT NULL, 'organic_search', 1500.00                                              -- NULL month
    ) ORDER BY ALL;
    """)


_FINAL_BUILDERS = [
    ("crm_leads", _final_leads),
    ("crm_lead_status_changes", _final_status),
    ("crm_activities", _final_activities),
    ("crm_opportunities", _final_opportunities),
    ("web_pageviews", _final_pageviews),
    ("form_submissions", _final_forms),
    ("email_events", _final_emails),
    ("event_attendance", _final_attendance),
    ("ad_spend", _final_ad_spend),
    ("program_costs", _final_program_costs),
]


def _cleanup(r: _Runner) -> None:
    for t in r.con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'g\\_%' ESCAPE '\\'"
    ).fetchall():
        r.con.execute(f"DROP TABLE IF EXISTS temp.main.{t[0]}")
    for m in ("rnd", "pick", "sid", "lid", "tsx", "msec", "month_of"):
        r.con.execute(f"DROP MACRO IF EXISTS temp.main.{m}")


def export(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str = "parquet") -> list[Path]:
    """Write every raw table to ``out_dir/<table>.<fmt>`` (parquet or csv)."""
    fmt = fmt.lower()
    if fmt not in ("parquet", "csv"):
        raise ValueError("fmt must be 'parquet' or 'csv'")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in RAW_TABLES:
        path = out_dir / f"{table}.{fmt}"
        opts = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER true"
        target = str(path).replace("'", "''")
        con.execute(f"COPY raw.{table} TO '{target}' ({opts})")
        written.append(path)
    return written
