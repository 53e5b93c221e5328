"""Generator stage 4: when each lead becomes an MQL, so that later stages can
place sales follow-up after it and size traffic and budgets by MQLs.

The generator does not own the scoring rules: the points, the lists and the
thresholds are read from the project itself (seeds/scoring_rules.csv,
icp_industries.csv, title_keywords.csv, served_countries.csv and the vars of
dbt_project.yml), and applied to the generator's clean data (no bad rows yet,
so no quarantine or de-duplication is needed). What this module knows is only
which of its own records each rule of the seed fires on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from mqlfunnel.devtools.generator.sql import Runner, lit
from mqlfunnel.project import project_vars, read_seed

# The vars of dbt_project.yml the calibration reads.
SCORING_VARS = ("mql_threshold", "min_engagement_points", "icp_min_employees", "icp_max_employees",
                "blog_visit_count", "blog_visit_window_days")


@dataclass(frozen=True)
class ScoringRules:
    """The project's scoring rules as the calibration needs them."""

    points: dict[str, Any]  # rule_id -> points (scoring_rules.csv)
    match_values: dict[str, str]  # rule_id -> match_value (scoring_rules.csv)
    icp_industries: tuple[str, ...]
    title_keywords: dict[str, tuple[str, ...]]  # keyword_group -> keywords, in file order
    served_countries: tuple[str, ...]
    settings: dict[str, Any]  # SCORING_VARS

    @classmethod
    def from_project(cls) -> ScoringRules:
        rules = read_seed("scoring_rules")
        keywords: dict[str, list[str]] = {}
        for row in read_seed("title_keywords"):
            keywords.setdefault(row["keyword_group"].strip(), []).append(row["keyword"].strip().lower())
        defaults = project_vars()
        return cls(
            points={row["rule_id"]: _number(row["points"]) for row in rules},
            match_values={row["rule_id"]: (row["match_value"] or "").strip().lower() for row in rules},
            icp_industries=tuple(row["industry"].strip().lower() for row in read_seed("icp_industries")),
            title_keywords={group: tuple(words) for group, words in keywords.items()},
            served_countries=tuple(row["country_code"].strip().upper() for row in read_seed("served_countries")),
            settings={name: defaults[name] for name in SCORING_VARS},
        )


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _in_list(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(lit(v) for v in values) + ")"


def _path_in(match: str) -> str:
    """Pageviews whose first path segment is `match`."""
    return f"path = '/{match}' OR path LIKE '/{match}/%'"


# Fit rules: rule_id -> the condition on g_leads that fires it.
FIT_RULES: dict[str, Callable[[ScoringRules, str], str]] = {
    "icp_industry": lambda s, _: f"lower(trim(coalesce(industry, ''))) IN {_in_list(s.icp_industries)}",
    "company_size": lambda s, _: (f"employee_count BETWEEN {s.settings['icp_min_employees']}"
                                  f" AND {s.settings['icp_max_employees']}"),
    "decision_maker_title": lambda s, match: (
        "regexp_matches(' ' || trim(regexp_replace(lower(coalesce(job_title, '')), '[^a-z0-9]+', ' ', 'g')) || ' ', "
        f"' ({'|'.join(s.title_keywords[match])}) ')"),
    "wrong_geography": lambda s, _: (f"trim(coalesce(country, '')) <> ''"
                                     f" AND upper(trim(country)) NOT IN {_in_list(s.served_countries)}"),
}

# Engagement rules: rule_id -> (n, sec) rows of its firings, from the lead's
# pageviews (pv, blog) or the generator's own signals (g_sig kinds).
ENGAGEMENT_RULES: dict[str, Callable[[ScoringRules, str], str]] = {
    "pricing_page_visit": lambda _, match: f"SELECT n, sec FROM pv WHERE {_path_in(match)}",
    "blog_visits_3_in_7d": lambda s, _: f"SELECT n, sec FROM blog WHERE c >= {s.settings['blog_visit_count']}",
    "demo_request": lambda _, __: "SELECT n, sec FROM g_sig WHERE kind = 'demo'",
    "case_study_download": lambda _, __: "SELECT n, sec FROM g_sig WHERE kind = 'case'",
    "email_reply": lambda _, __: "SELECT n, sec FROM g_sig WHERE kind = 'reply'",
}


def scoring_sql(rules: ScoringRules) -> str:
    """The statements that fill g_owner (each visitor's lead) and g_score (fit,
    disqualification and the MQL second of every lead)."""
    unknown = set(rules.points) - set(FIT_RULES) - set(ENGAGEMENT_RULES)
    if unknown:
        raise ValueError(f"seeds/scoring_rules.csv: rule(s) the generator cannot place: {sorted(unknown)}")
    fit = "\n             + ".join(
        f"CASE WHEN {FIT_RULES[rule](rules, rules.match_values[rule])} THEN {points} ELSE 0 END"
        for rule, points in rules.points.items() if rule in FIT_RULES) or "0"
    events = "\n        UNION ALL ".join(
        f"SELECT n, min(sec) AS sec, {points} AS pts FROM ({ENGAGEMENT_RULES[rule](rules, rules.match_values[rule])})"
        " GROUP BY n"
        for rule, points in rules.points.items() if rule in ENGAGEMENT_RULES)
    window = int(rules.settings["blog_visit_window_days"]) * 86400
    blog = _path_in(rules.match_values["blog_visits_3_in_7d"])
    return f"""
    CREATE OR REPLACE TEMP TABLE g_owner AS
    SELECT vis, arg_max(lead_n, (sec, seq)) AS n
    FROM g_lpv WHERE lead_n IS NOT NULL GROUP BY vis;

    CREATE OR REPLACE TEMP TABLE g_score AS
    WITH pv AS (
        SELECT o.n, p.sec, split_part(split_part(lower(p.path), '?', 1), '#', 1) AS path
        FROM g_lpv p JOIN g_owner o USING (vis)
    ), blog AS (
        SELECT n, sec, count(*) OVER (PARTITION BY n ORDER BY sec RANGE BETWEEN {window} PRECEDING AND CURRENT ROW) AS c
        FROM pv WHERE {blog}
    ), ev AS (
        {events}
    ), fit AS (
        SELECT n, created,
               {fit} AS fit,
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
        SELECT n, min(eff) AS mql_sec FROM cum
        WHERE total >= {rules.settings['mql_threshold']} AND eng >= {rules.settings['min_engagement_points']}
        GROUP BY n
    ) m USING (n);
    """


def score(r: Runner) -> None:
    """Score the generated leads with the project's own rules (g_score)."""
    r.sql(scoring_sql(ScoringRules.from_project()))
