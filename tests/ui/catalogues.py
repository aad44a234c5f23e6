"""Helpers for the translation tests: the strings a module passes to `_tr()`, and a .ts catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import deskapp
from deskapp.ui import i18n

PACKAGE = Path(deskapp.__file__).parent


def tr_strings(module: str) -> list[str]:
    """Every literal a module (path relative to the package, e.g. 'ui/notice_panel.py') passes to `_tr()`."""
    found = []
    for node in ast.walk(ast.parse((PACKAGE / module).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_tr":
            assert isinstance(node.args[0], ast.Constant), f"{module}: _tr() needs a literal: {ast.unparse(node)}"
            found.append(node.args[0].value)
    return found


def catalogue(ts_name: str) -> dict[tuple[str, str], str]:
    """{(context, source): translation} of deskapp/translations/<ts_name>, finished messages only."""
    return i18n.read_ts(PACKAGE / "translations" / ts_name)
