"""The package has two rooms: the product never imports the developer tools at
import time (the CLI imports a dev tool inside the command that runs it), and
each package says which room it is."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

PRODUCT_MODULES = (
    "mqlfunnel", "mqlfunnel.cli", "mqlfunnel.project", "mqlfunnel.targets", "mqlfunnel.loader",
    "mqlfunnel.nightly", "mqlfunnel.report", "mqlfunnel.semantic", "mqlfunnel.schema",
    "mqlfunnel.dashboard", "mqlfunnel.dashboard.data", "mqlfunnel.dashboard.format",
    "mqlfunnel.dashboard.charts", "mqlfunnel.dashboard.page",
)


def test_product_modules_do_not_import_devtools() -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {PRODUCT_MODULES!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('mqlfunnel'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded = json.loads(result.stdout)
    assert set(PRODUCT_MODULES) <= set(loaded)
    assert [name for name in loaded if name.startswith("mqlfunnel.devtools")] == []


def test_cli_parses_every_command_without_devtools() -> None:
    script = (
        "import sys\nfrom mqlfunnel.cli import parser\n"
        "for argv in (['generate'], ['bench'], ['compare', '--target', 'postgres'], ['demo']):\n"
        "    parser().parse_args(argv)\n"
        "print(any(m.startswith('mqlfunnel.devtools') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(("package", "room"), [
    ("mqlfunnel.dashboard", "Product"),
    ("mqlfunnel.devtools", "Developer tools"),
    ("mqlfunnel.devtools.generator", "Developer tool"),
    ("mqlfunnel.devtools.bench", "Developer tool"),
    ("mqlfunnel.devtools.compare", "Developer tool"),
])
def test_each_package_says_its_room(package: str, room: str) -> None:
    assert (importlib.import_module(package).__doc__ or "").startswith(room)


def test_the_room_of_the_top_package_is_explained() -> None:
    doc = importlib.import_module("mqlfunnel").__doc__ or ""
    assert "two rooms" in doc and "devtools/" in doc and "dashboard/" in doc
