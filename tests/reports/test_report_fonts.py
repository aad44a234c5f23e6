import sys
from pathlib import Path

import pytest

import deskapp.reports
from deskapp.reports import fonts

REPORTS_DIR = Path(deskapp.reports.__file__).parent


def test_font_ships_with_its_licence():
    path = fonts.font_path()
    assert path.name == "wqy-microhei.ttc"
    licence = path.with_name(fonts.LICENSE_FILE)
    assert licence.is_file()
    assert "Apache" in licence.read_text(encoding="utf-8")


def test_registering_twice_gives_the_same_font():
    from reportlab.pdfbase import pdfmetrics

    assert fonts.register_fonts() == fonts.register_fonts() == fonts.FONT_NAME
    face = pdfmetrics.getFont(fonts.FONT_NAME).face
    for ch in "张三李四归属认领公示ABCxyz0123456789：（）":
        assert ord(ch) in face.charToGlyph, ch


def test_font_is_found_inside_a_pyinstaller_bundle(tmp_path, monkeypatch):
    bundled = tmp_path / "resources" / "fonts"
    bundled.mkdir(parents=True)
    (bundled / fonts.FONT_FILE).symlink_to(fonts.font_path())
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert fonts.font_path() == bundled / fonts.FONT_FILE


def test_missing_font_is_reported_clearly(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    with pytest.raises(FileNotFoundError, match="resources/fonts"):
        fonts.font_path()
