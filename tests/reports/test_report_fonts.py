import ast
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


@pytest.mark.parametrize("module", sorted(p.name for p in REPORTS_DIR.glob("*.py")))
def test_reports_import_only_reportlab_and_the_standard_library(module):
    tree = ast.parse((REPORTS_DIR / module).read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module or "")
    for name in names:
        top = name.split(".")[0]
        if top == "deskapp":
            assert name.startswith("deskapp.reports"), f"{module} imports {name}"
        else:
            assert top == "reportlab" or top in sys.stdlib_module_names, f"{module} imports {name}"
