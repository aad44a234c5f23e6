"""Dependencies point one way (DESIGN.md "Layers"): domain ← store ← services ← reports ← ui ← app."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "deskapp"

# layer -> the deskapp layers and the outside packages it may import (stdlib always allowed)
ALLOWED = {
    "domain": ({"domain"}, set()),
    "store": ({"domain", "store"}, {"sqlalchemy", "alembic", "platformdirs", "psycopg"}),
    "services": ({"domain", "store", "services"}, {"yaml", "pypinyin", "argon2", "openpyxl", "platformdirs"}),
    "reports": ({"domain", "services", "reports"}, {"reportlab", "platformdirs"}),
    "ui": ({"domain", "services", "reports", "ui", "app"}, {"PySide6", "shiboken6", "platformdirs"}),
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: inside the same layer
                continue
            yield node.module or ""


FILES = sorted(p for layer in ALLOWED for p in (PACKAGE / layer).rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(PACKAGE)) for p in FILES])
def test_imports_point_down_the_layers(path):
    layer = path.relative_to(PACKAGE).parts[0]
    layers, outside = ALLOWED[layer]
    for name in _imports(path):
        top = name.split(".")[0]
        if top == "deskapp":
            sub = name.split(".")[1] if "." in name else ""
            assert sub in layers or sub == "", f"{layer} may not import {name}"  # the root: resources_dir()
        elif top not in sys.stdlib_module_names and top != "__future__":
            assert top in outside, f"{layer} may not import {name}"


def test_only_ui_imports_qt_and_only_store_imports_sqlalchemy():
    for path in PACKAGE.rglob("*.py"):
        layer = path.relative_to(PACKAGE).parts[0]
        names = {n.split(".")[0] for n in _imports(path)}
        if "PySide6" in names:
            assert layer in ("ui",) or path.name in ("app.py", "smoke.py"), path
        if "sqlalchemy" in names:
            assert layer == "store", path
