"""Tooling around the MQL revenue-funnel dbt project: data generator, loader, CLI."""
