"""The DAG reads in one direction, checked on the manifest of `dbt parse`
(the rules of dbt-project-evaluator that matter here, applied by reading the
manifest since the package cannot be installed):

- raw sources are read by staging models only, seeds by their staging models
  (models/staging/seeds) only: every rule is normalised once;
- staging models read only their source or seed;
- intermediate models never read a mart, and marts read no source staging
  model (only intermediate models, other marts and staged seeds);
- each entity has one clean model: only the used models filter the audit
  buckets, so no other model reads an int_audit__ model;
- lead scoring does not wait on pageviews for the leads' channels, and the
  longest ref chain stays at or under what it is (15 models);
- every mart and intermediate model has a primary-key test, or says here why
  it has none.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

PACKAGE = "mql_funnel"
# Models on the longest ref chain: 15 before the seam refactor, 13 after it, 15 with the two
# models that find the changed leads of the lead-keyed scores (input fingerprints, changed).
LONGEST_CHAIN = 15

# Models without a unique / unique_combination test, and why.
NO_PRIMARY_KEY = {
    "audit_quarantine": "one row per quarantined raw row; a raw row delivered twice is two rows",
    "int_audit__email_events": "one row per raw row (a view over the checked rows)",
    "int_audit__form_submissions": "one row per raw row (a view over the checked rows)",
    "int_audit__web_pageviews": "one row per raw row (a view over the checked rows)",
    "int_visitors__lead_last_pageviews": "append-only: a nightly run may store a group twice, readers take the last",
    "int_visitors__monthly_lead_first_pageviews": "append-only: a nightly run may store a group twice, readers take the first",
    "int_email_events__used": "unique by construction (key_rank = 1); a test would scan the largest tables every night",
    "int_form_submissions__used": "unique by construction (key_rank = 1); a test would scan the largest tables every night",
    "int_web_pageviews__used": "unique by construction (key_rank = 1); a test would scan the largest tables every night",
    "int_leads__input_fingerprints": "one row per row of int_leads__enriched (keyed); int_leads__refreshed_inputs, "
                                     "its copy, has the key test",
    "int_leads__changed": "a union (distinct) of lead ids; a key test would be one more node on every intraday run",
}


@pytest.fixture(scope="module")
def models(parsed_manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["unique_id"]: node for node in parsed_manifest["nodes"].values()
            if node["resource_type"] == "model" and node["package_name"] == PACKAGE}


def _layer(node: dict[str, Any]) -> str:
    """staging_seeds, staging, intermediate, marts or semantic, from the model's folder."""
    path = node["original_file_path"]
    if path.startswith("models/staging/seeds/"):
        return "staging_seeds"
    return path.split("/")[1]


def _parents(node: dict[str, Any]) -> list[str]:
    return node["depends_on"]["nodes"]


def _name(unique_id: str) -> str:
    return unique_id.split(".")[-1]


# Models that read a raw source outside staging, and why.
READS_RAW = {
    "audit_reconciliation": "counts the raw rows on the source itself, so it catches any row the audit loses",
}


def test_sources_and_seeds_are_read_by_staging_only(models: dict[str, dict[str, Any]]) -> None:
    wrong = sorted(
        f"{node['name']} reads {_name(parent)}"
        for node in models.values()
        for parent in _parents(node)
        if (parent.startswith("source.") and _layer(node) != "staging" and node["name"] not in READS_RAW)
        or (parent.startswith("seed.") and _layer(node) != "staging_seeds")
    )
    assert wrong == []


def test_staging_reads_only_its_source_or_seed(models: dict[str, dict[str, Any]]) -> None:
    wrong = sorted(
        f"{node['name']} reads {_name(parent)}"
        for node in models.values()
        if _layer(node) in ("staging", "staging_seeds")
        for parent in _parents(node)
        if parent.startswith("model.")
    )
    assert wrong == []


def test_layers_only_point_down(models: dict[str, dict[str, Any]]) -> None:
    allowed = {
        "intermediate": {"staging", "staging_seeds", "intermediate"},
        "marts": {"staging_seeds", "intermediate", "marts"},
    }
    wrong = sorted(
        f"{node['name']} ({_layer(node)}) reads {models[parent]['name']} ({_layer(models[parent])})"
        for node in models.values()
        if _layer(node) in allowed
        for parent in _parents(node)
        if parent in models and _layer(models[parent]) not in allowed[_layer(node)]
    )
    assert wrong == []


def test_only_the_used_models_read_the_audit_buckets(models: dict[str, dict[str, Any]]) -> None:
    """The audit marts count every bucket; the audit models judge events against the leads."""
    readers_allowed = {"audit_quarantine", "audit_reconciliation"}
    wrong = sorted(
        f"{node['name']} reads {models[parent]['name']}"
        for node in models.values()
        for parent in _parents(node)
        if parent in models and models[parent]["name"].startswith("int_audit__")
        and not node["original_file_path"].startswith(("models/intermediate/used/", "models/intermediate/audit/"))
        and node["name"] not in readers_allowed
    )
    assert wrong == []


def _longest_chain(models: dict[str, dict[str, Any]], unique_id: str) -> tuple[str, ...]:
    @functools.lru_cache(maxsize=None)
    def chain(node_id: str) -> tuple[str, ...]:
        parents = [parent for parent in _parents(models[node_id]) if parent in models]
        return max((chain(parent) for parent in parents), key=len, default=()) + (models[node_id]["name"],)
    return chain(unique_id)


def test_lead_channels_do_not_wait_on_pageviews(models: dict[str, dict[str, Any]]) -> None:
    enriched = next(node_id for node_id, node in models.items() if node["name"] == "int_leads__enriched")
    upstream: set[str] = set()
    pending = [enriched]
    while pending:
        for parent in _parents(models[pending.pop()]):
            if parent in models and parent not in upstream:
                upstream.add(parent)
                pending.append(parent)
    pageview_models = sorted(models[node_id]["name"] for node_id in upstream if "pageview" in models[node_id]["name"])
    assert pageview_models == []


def test_the_longest_ref_chain_does_not_grow(models: dict[str, dict[str, Any]]) -> None:
    longest = max((_longest_chain(models, node_id) for node_id in models), key=len)
    assert len(longest) <= LONGEST_CHAIN, " -> ".join(longest)


def test_every_table_has_a_primary_key_test(parsed_manifest: dict[str, Any], models: dict[str, dict[str, Any]]) -> None:
    tested = {
        parent
        for node in parsed_manifest["nodes"].values()
        if node["resource_type"] == "test"
        and (node.get("test_metadata") or {}).get("name") in ("primary_key", "unique", "unique_combination")
        for parent in node["depends_on"]["nodes"]
    }
    untested = sorted(
        node["name"] for node_id, node in models.items()
        if _layer(node) in ("intermediate", "marts") and node_id not in tested and node["name"] not in NO_PRIMARY_KEY
    )
    assert untested == [], f"add a unique test or a reason in NO_PRIMARY_KEY: {untested}"
    stale = sorted(set(NO_PRIMARY_KEY) - {node["name"] for node in models.values()})
    assert stale == [], f"NO_PRIMARY_KEY names models that are gone: {stale}"
