"""`deskapp shots`: PNGs of the window, dialogs and wall, offscreen."""

from __future__ import annotations

import pytest
from deskdata import NOW, OFFSCREEN_NOISE, build_office
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
