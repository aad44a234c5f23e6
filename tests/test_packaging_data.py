"""pyproject.toml ships every package and the data the app needs (fonts, icons, translations, migrations)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _config():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_python_folder_of_the_package_is_listed():
    listed = set(_config()["packages"])
    folders = {p.parent for p in (ROOT / "deskapp").rglob("*.py") if "__pycache__" not in p.parts}
    for folder in folders:
        name = ".".join(folder.relative_to(ROOT).parts)
        assert name in listed, f"{name} is missing from [tool.setuptools] packages"


def test_fonts_icons_translations_and_migrations_are_package_data():
    cfg = _config()
    assert cfg["package-dir"]["deskapp.resources"] == "resources"
    data = cfg["package-data"]
    assert list((ROOT / "resources" / "fonts").glob("*.ttc")) and "fonts/*" in data["deskapp.resources"]
    assert "icons/*" in data["deskapp.resources"]
    assert "*.ts" in data["deskapp.translations"]
    assert "script.py.mako" in data["deskapp.store.migrations"]
