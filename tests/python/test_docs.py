"""Documentation: `dbt docs generate` works, and every model, seed, source,
column, semantic model, metric and exposure of the project has a description.

Columns are those the warehouse really has (catalog.json of the sample
warehouse), so a column a model adds without documenting it fails here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mqlfunnel.dashboard.data import MARTS_READ
from mqlfunnel.project import run_dbt

PACKAGE = "mql_funnel"


@pytest.fixture(scope="module")
def docs_artifacts(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    target = tmp_path_factory.mktemp("docs_target")
    result = run_dbt(["docs", "generate"], duckdb_path=sample_warehouse, target_path=target, check=False, capture=True)
    assert result.returncode == 0, result.stdout[-4000:]
    assert (target / "index.html").exists()
    return {
        "manifest": json.loads((target / "manifest.json").read_text()),
        "catalog": json.loads((target / "catalog.json").read_text()),
    }


def _documented_nodes(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = [node for node in manifest["nodes"].values()
             if node["resource_type"] in ("model", "seed") and node["package_name"] == PACKAGE]
    sources = [source for source in manifest["sources"].values() if source["package_name"] == PACKAGE]
    return nodes + sources


def test_docs_generate_catalogs_every_model_seed_and_source(docs_artifacts: dict[str, Any]) -> None:
    manifest, catalog = docs_artifacts["manifest"], docs_artifacts["catalog"]
    missing = [node["unique_id"] for node in _documented_nodes(manifest)
               if node["unique_id"] not in catalog["nodes"] and node["unique_id"] not in catalog["sources"]]
    assert not missing
    assert len(catalog["nodes"]) > 60


def test_every_model_seed_and_source_has_a_description(docs_artifacts: dict[str, Any]) -> None:
    undocumented = [node["unique_id"] for node in _documented_nodes(docs_artifacts["manifest"])
                    if not node["description"].strip()]
    assert not undocumented


def test_every_column_in_the_warehouse_is_documented(docs_artifacts: dict[str, Any]) -> None:
    manifest, catalog = docs_artifacts["manifest"], docs_artifacts["catalog"]
    undocumented, stale = [], []
    for node in _documented_nodes(manifest):
        entry = catalog["nodes"].get(node["unique_id"]) or catalog["sources"].get(node["unique_id"])
        actual = {name.lower() for name in entry["columns"]}
        described = {name.lower() for name, column in node["columns"].items() if column["description"].strip()}
        undocumented += [f"{node['unique_id']}.{name}" for name in sorted(actual - described)]
        stale += [f"{node['unique_id']}.{name}" for name in sorted({n.lower() for n in node["columns"]} - actual)]
    assert not undocumented, f"{len(undocumented)} columns without a description: {undocumented}"
    assert not stale, f"documented columns the warehouse does not have: {stale}"


def test_semantic_layer_and_exposures_are_documented(docs_artifacts: dict[str, Any]) -> None:
    manifest = docs_artifacts["manifest"]
    semantic_models = manifest["semantic_models"].values()
    metrics = manifest["metrics"].values()
    assert {model["name"] for model in semantic_models} >= {"leads", "channel_months"}
    assert {metric["name"] for metric in metrics} >= {
        "visitors", "mqls", "sqls", "customers", "spend", "visitor_to_mql_rate", "attendee_to_mql_rate",
        "mql_to_sql_rate", "sql_to_opportunity_rate", "opportunity_to_customer_rate", "mql_to_customer_rate",
        "cost_per_mql", "cost_per_customer",
    }
    undocumented = [item["unique_id"] for item in [*semantic_models, *metrics, *manifest["exposures"].values()]
                    if not (item.get("description") or "").strip()]
    for model in semantic_models:
        for kind in ("dimensions", "measures"):
            undocumented += [f"{model['unique_id']}.{element['name']}" for element in model[kind]
                             if not (element.get("description") or "").strip()]
    assert not undocumented


def test_dashboard_exposure_names_what_the_dashboard_reads(docs_artifacts: dict[str, Any]) -> None:
    exposure = docs_artifacts["manifest"]["exposures"][f"exposure.{PACKAGE}.funnel_dashboard"]
    assert exposure["type"] == "dashboard"
    assert set(exposure["depends_on"]["nodes"]) == {f"model.{PACKAGE}.{name}" for name in MARTS_READ}
