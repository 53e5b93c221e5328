"""Model contracts and access, read from the manifest of `dbt parse` (no
warehouse is built): every mart under models/marts/ has an enforced contract
with a data_type on each column, the marts are what BI reads (access public)
and every other model stays protected, and the dashboard exposure depends on
public models only (no seed, source or intermediate model)."""

from __future__ import annotations

from typing import Any

import pytest

PACKAGE = "mql_funnel"
MARTS_DIR = "models/marts/"

@pytest.fixture(scope="module")
def manifest(parsed_manifest: dict[str, Any]) -> dict[str, Any]:
    return parsed_manifest

def _models(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [node for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["package_name"] == PACKAGE]

def _marts(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [node for node in _models(manifest) if node["original_file_path"].startswith(MARTS_DIR)]

def test_the_marts_are_found(manifest: dict[str, Any]) -> None:
    names = {node["name"] for node in _marts(manifest)}
    assert {"dim_leads", "dim_channels", "fct_funnel_monthly", "fct_funnel_channel_monthly",
            "fct_channel_benchmarks", "fct_mql_health", "audit_reconciliation"} <= names
    assert len(names) > 15

def test_every_mart_has_an_enforced_contract(manifest: dict[str, Any]) -> None:
    """dim_leads included: its contract yields only to passthrough columns, none by default."""
    unenforced = sorted(node["name"] for node in _marts(manifest) if not node["contract"]["enforced"])
    assert unenforced == [], f"marts without an enforced contract: {unenforced}"

def test_every_contracted_column_has_a_data_type(manifest: dict[str, Any]) -> None:
    contracted = [node for node in _models(manifest) if node["contract"]["enforced"]]
    assert contracted
    untyped = [f"{node['name']}.{name}" for node in contracted
               for name, column in node["columns"].items() if not (column.get("data_type") or "").strip()]
    without_columns = [node["name"] for node in contracted if not node["columns"]]
    assert untyped == [], f"contracted columns without a data_type: {untyped}"
    assert without_columns == []

def test_marts_are_public_and_other_models_protected(manifest: dict[str, Any]) -> None:
    """BI reads the marts (README, Layout); staging and intermediate models keep dbt's default, protected."""
    not_public = sorted(node["name"] for node in _marts(manifest) if node["access"] != "public")
    public_elsewhere = sorted(node["name"] for node in _models(manifest)
                              if not node["original_file_path"].startswith(MARTS_DIR) and node["access"] == "public")
    assert not_public == [], f"marts not marked access: public: {not_public}"
    assert public_elsewhere == [], f"models outside models/marts/ marked public: {public_elsewhere}"

def test_exposure_parents_are_public_models(manifest: dict[str, Any]) -> None:
    exposures = [exposure for exposure in manifest["exposures"].values() if exposure["package_name"] == PACKAGE]
    assert {exposure["name"] for exposure in exposures} >= {"funnel_dashboard"}
    for exposure in exposures:
        parents = exposure["depends_on"]["nodes"]
        assert parents, exposure["name"]
        not_models = [parent for parent in parents if not parent.startswith("model.")]
        assert not_models == [], f"{exposure['name']} depends on non-models: {not_models}"
        not_public = [parent for parent in parents if manifest["nodes"][parent]["access"] != "public"]
        assert not_public == [], f"{exposure['name']} depends on models not marked public: {not_public}"

def test_dashboard_reads_dim_channels_not_the_seeds(manifest: dict[str, Any]) -> None:
    parents = set(manifest["exposures"][f"exposure.{PACKAGE}.funnel_dashboard"]["depends_on"]["nodes"])
    assert f"model.{PACKAGE}.dim_channels" in parents
    assert not any(parent.startswith("seed.") for parent in parents)
