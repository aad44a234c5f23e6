"""`deskapp shots`: PNGs of the window, dialogs and wall, offscreen."""

from __future__ import annotations

import pytest
from deskdata import NOW, OFFSCREEN_NOISE, build_office
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from deskapp.ui.shots import render_shots

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def test_shots_are_saved(tmp_path, desk_settings):
    paths = render_shots(tmp_path, "zh", service=build_office(), now=NOW)
    names = {p.name for p in paths}
    assert {"main_window.png", "checkin_dialog.png", "search_dialog.png", "wall_mode.png"} <= names
    for p in paths:
        img = QImage(str(p))
        assert not img.isNull() and img.width() >= 800


def test_the_shots_command_is_registered():
    from deskapp.cli import build_parser

    args = build_parser().parse_args(["shots", "out", "--lang", "en"])
    assert (args.dir, args.lang, args.func.__name__) == ("out", "en", "cmd_shots")


def test_english_shots_show_the_english_window_check_in_and_search(tmp_path, desk_settings, qapp, monkeypatch):
    from deskapp.ui import i18n, shots

    seen = {}
    save = shots._save

    def remember(widget, path, size=None):
        seen[path.name] = widget
        seen[path.stem] = widget.windowTitle()  # dialogs are deleted once closed
        return save(widget, path, size)

    monkeypatch.setattr(shots, "_save", remember)
    try:
        paths = render_shots(tmp_path / "en", "en", service=build_office(), now=NOW)
        assert {"main_window.png", "checkin_dialog.png", "search_dialog.png"} <= {p.name for p in paths}
        assert all(p.is_file() and p.parent == tmp_path / "en" for p in paths)
        window = seen["main_window.png"]
        assert window.board_view.next_up_text().startswith("Next up: ")
        assert [m.title() for m in (a.menu() for a in window.menuBar().actions())][:3] == ["&Desk", "&Board", "&Print"]
        rec = window.board_view.reception_model()
        assert rec.headerData(rec.EXPLANATION, Qt.Orientation.Horizontal) == "Explanation"
        assert seen["checkin_dialog"] == "Check-in"
        assert seen["search_dialog"] == "Find customer"
    finally:
        i18n.install_translator(qapp, "zh")


def test_shots_stay_small_enough_for_the_readme(tmp_path, qapp):
    import random

    from deskapp.ui.shots import MAX_PNG_BYTES, README_WIDTH, save_png

    data = random.Random(1).randbytes(1600 * 1000 * 4)  # incompressible: the first write is over budget
    noisy = QImage(data, 1600, 1000, QImage.Format.Format_RGB32).copy()
    path = save_png(noisy, tmp_path / "noise.png", max_bytes=200_000)
    assert QImage(str(path)).width() == README_WIDTH
    flat = QImage(1440, 960, QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    small = save_png(flat, tmp_path / "flat.png")
    assert QImage(str(small)).width() == 1440 and small.stat().st_size < MAX_PNG_BYTES
