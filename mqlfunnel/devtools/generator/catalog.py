"""What the generator draws from: channels and their target rates, traffic
variants, scoring profiles, and the names, titles, pages and places of the
synthetic leads. Pure data; the SQL stages read it through the parameters of
``generate()`` and the small tables of ``leads.dimensions()``."""

from __future__ import annotations

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
# Group M reaches the MQL threshold with engagement; group N never does (or has no
# engagement at all). The points are seeds/scoring_rules.csv's and the threshold is
# var mql_threshold (scoring.py reads both); the sums below are for the points when
# the profiles were written: fit 20 / 15 / 15 / -20, engagement 15 / 30 / 10 / 8 / 12,
# threshold 50.
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
