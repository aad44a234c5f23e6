"""Languages and fonts: a complete English catalogue, the language setting, Chinese glyphs everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from deskdata import OFFSCREEN_NOISE
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFontMetrics

from deskapp.ui import fonts, i18n
from deskapp.ui.board_view import BoardView

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

UI = Path(i18n.__file__).parent
SOURCES = [UI / f"{n}.py" for n in ("actions", "board_model", "board_view", "checkin_dialog", "customer_model",
                                     "search_dialog", "main_window", "i18n", "shots", "pdf_print")] + [UI.parent / "app.py"]
TS = UI.parent / "translations" / "deskapp_en.ts"


def test_every_string_of_the_window_has_an_english_translation(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *map(str, SOURCES), "-ts", str(fresh), "-locations", "none", "-silent"],
                   check=True, capture_output=True)
    wanted = {(ctx, src) for (ctx, src) in _sources(fresh)}
    have = i18n.read_ts(TS)
    missing = sorted(wanted - set(have))
    assert not missing, f"untranslated: {missing}"


def _sources(ts: Path):
    import xml.etree.ElementTree as ET

    for ctx in ET.parse(ts).getroot().iter("context"):
        for msg in ctx.iter("message"):
            yield ctx.findtext("name"), msg.findtext("source")


def test_the_english_catalogue_translates_the_board(desk_ctx, qtbot, qapp):
    try:
        installed = i18n.install_translator(qapp, "en")
        assert installed
        desk_ctx.lang = "en"
        view = BoardView(desk_ctx)
        qtbot.addWidget(view)
        assert view.next_up_text() == "Next up: 李娜"
        assert i18n.rule_text("R16") == "R16 First registered wins"
    finally:
        i18n.install_translator(qapp, "zh")
    assert i18n.rule_text("R16") == "R16 先登记者优先"


def test_without_lrelease_our_own_qm_translates_every_message_like_lreleases(qapp, tmp_path):
    from PySide6.QtCore import QTranslator

    for ts in sorted(i18n.translations_dir().glob("*.ts")):
        messages = i18n.read_ts(ts)
        ours = i18n.DictTranslator.from_ts(ts)
        theirs = QTranslator()
        qm = i18n.compile_ts(ts, tmp_path)
        assert qm is not None and theirs.load(str(qm))
        wrong = [k for k, v in messages.items() if ours.translate(*k) != v or theirs.translate(*k) != v]
        assert not wrong, f"{ts.name}: {wrong[:5]}"
        qapp.installTranslator(ours)
        try:
            assert QCoreApplication.translate("NextUpBanner", "没有这句") == "没有这句"
        finally:
            qapp.removeTranslator(ours)


def test_the_catalogue_loads_without_lrelease(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "_lrelease", lambda: None)
    monkeypatch.setenv("DESKAPP_CACHE_DIR", str(tmp_path))
    translators = i18n.load_translators("en")
    assert len(translators) == len(list(i18n.translations_dir().glob("*_en*.ts")))
    assert any(t.translate("NextUpBanner", "下一位：{name}") == "Next up: {name}" for t in translators)
    assert list((tmp_path / "translations").glob("*.py.qm"))


def test_the_compiled_catalogue_is_cached_by_content(tmp_path):
    first = i18n.compile_ts(TS, tmp_path)
    if first is None:
        pytest.skip("lrelease not available")
    assert first.is_file() and i18n.compile_ts(TS, tmp_path) == first


def test_the_language_setting_wins(desk_settings):
    QSettings().setValue("language", "en")
    assert i18n.choose_language() == "en"
    QSettings().setValue("language", "zh")
    assert i18n.choose_language() == "zh"


def test_the_shipped_font_is_the_application_font_and_has_chinese_glyphs(qapp):
    family = fonts.install_app_font(qapp)
    assert family == "WenQuanYi Micro Hei"
    assert qapp.font().families()[0] == family
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "下一位张三补接归属")
