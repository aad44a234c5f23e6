"""The main window: shortcuts from anywhere, plugged-in panels, wall mode, who is at the desk, other stations."""

from __future__ import annotations

from pathlib import Path

import pytest
from deskdata import NOW, OFFSCREEN_NOISE, build_office
from printer import answer_print_dialogs
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from deskapp.domain import commands as c
from deskapp.ui.actions import ActionId
from deskapp.ui.checkin_dialog import CheckInDialog
from deskapp.ui.context import AppContext
from deskapp.ui.main_window import MainWindow
from deskapp.ui.search_dialog import SearchDialog

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def window(desk_ctx, qtbot):
    w = MainWindow(desk_ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitActive(w)
    return w


def test_ctrl_n_and_ctrl_f_open_the_dialogs(window, qtbot):
    assert window.action(ActionId.CHECK_IN).shortcut().toString() == "Ctrl+N"
    assert window.action(ActionId.SEARCH).shortcut().toString() == "Ctrl+F"
    qtbot.keyClick(window.board_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, CheckInDialog) and w.isVisible() for w in window.findChildren(CheckInDialog)),
                    timeout=3000)
    dlg = window.findChildren(CheckInDialog)[0]
    assert window.open_check_in() is dlg  # a second Ctrl+N brings the same dialog forward
    dlg.reject()
    window.action(ActionId.SEARCH).trigger()
    assert any(w.isVisible() for w in window.findChildren(SearchDialog))


def test_a_check_in_through_the_window_moves_the_board_and_says_so(window, qtbot):
    dlg = window.open_check_in()
    dlg.fill(phone="13700001234", first_visit=True)
    with qtbot.waitSignal(dlg.customer_checked_in):
        assert dlg.confirm()
    assert window.board_view.next_up_text() == "下一位：王芳"
    assert "已登记：#" in window.statusBar().currentMessage() or "→ 李娜" in window.statusBar().currentMessage()
    assert window.board_view.selected_reception().receiver_name == "李娜"


def test_panels_plug_in_as_tabs(window):
    label = QLabel("面板")
    index = window.add_panel("测试面板", label)
    assert window.panel_titles()[0] == "轮接看板" and window.panel_titles()[index] == "测试面板"


def test_f11_toggles_wall_mode(window, qtbot):
    act = window.action(ActionId.WALL_MODE)
    assert act.shortcut().toString() == "F11"
    act.trigger()
    wall = window.wall()
    assert wall is not None and wall.isVisible() and wall.next_up_text() == "李娜"
    with qtbot.waitSignal(wall.wall_closed):
        qtbot.keyClick(wall, Qt.Key.Key_F11)
    assert window.wall() is None and not act.isChecked()


def test_the_status_bar_says_who_is_at_the_desk(window, desk_ctx):
    assert window._user_label.text() == "前台（未登录）"
    desk_ctx.set_user("S")
    assert window._user_label.text() == "周敏 · 销售主管"


def test_changes_at_another_station_refresh_the_board(qtbot, desk_settings):
    svc = build_office()
    ctx = AppContext(svc, clock=lambda: NOW)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    polls = []
    svc.poll_changes = lambda: polls.append(1) or len(polls) == 2  # the second poll reports a change
    svc.handle(c.Arrive(c.Answers(first_visit=True), name="王五", phone="13700001234"), NOW)  # "elsewhere"
    assert w.board_view.next_up_text() == "下一位：李娜"
    w._on_tick()  # no change reported yet
    with qtbot.waitSignal(ctx.changed, timeout=500):
        w._on_tick()
    assert w.board_view.next_up_text() == "下一位：王芳"


def test_choosing_a_language_is_remembered(window):
    window.action(ActionId.LANGUAGE_EN).trigger()
    assert QSettings().value("language") == "en"
    assert "重新启动" in window.statusBar().currentMessage()


def test_the_composition_root_plugs_in_the_installed_panels(desk_settings, qtbot):
    from deskapp.app import build_main_window
    from deskapp.ui.main_window import optional_panel_factories

    ctx, w = build_main_window(build_office(), "zh", clock=lambda: NOW)
    qtbot.addWidget(w)
    expected = [title for title, _factory in optional_panel_factories()]
    assert w.panel_titles() == ["轮接看板", *expected]


def test_ctrl_l_opens_the_sign_in_dialog(window, qtbot):
    from deskapp.ui.main_window import SIGNIN_MODULE, optional_class

    cls = optional_class(*SIGNIN_MODULE)
    if cls is None:
        pytest.skip("no sign-in dialog installed")
    act = window.action(ActionId.SIGN_IN)
    assert act.shortcut().toString() == "Ctrl+L"
    act.trigger()
    dialogs = [d for d in window.findChildren(cls) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()


# ---------------------------------------------------------------------------------------- printing
def _pdf_text(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def _printed_pages(printed: Path, saved: Path) -> int:
    """Pages that reached the "printer": each the saved PDF's page drawn as one picture, on the same paper."""
    import pypdf

    out, src = pypdf.PdfReader(str(printed)), pypdf.PdfReader(str(saved))
    assert len(out.pages) == len(src.pages)
    for got, want in zip(out.pages, src.pages, strict=True):
        assert len(got.images) == 1 and got.images[0].image.width > 1000  # drawn at print resolution
        assert abs(float(got.mediabox.width) - float(want.mediabox.width)) < 2
        assert abs(float(got.mediabox.height) - float(want.mediabox.height)) < 2
    return len(out.pages)


def test_ctrl_p_saves_todays_notice_and_prints_it_through_the_system_dialog(window, desk_ctx, qtbot, tmp_path,
                                                                              monkeypatch):
    monkeypatch.setenv("DESKAPP_PRINT_DIR", str(tmp_path / "prints"))
    desk_ctx.service.handle(c.SetOfficeInfo("翠湖天地售楼处", "08:30", "18:30", actor="__system__"), NOW)
    desk_ctx.run(c.Arrive(c.Answers(first_visit=False, contacted_by="unknown"), name="周先生",
                          phone="13912345678"))  # R20: goes on today's notice
    printed = tmp_path / "printer.pdf"
    seen = answer_print_dialogs(window, printed)
    act = window.action(ActionId.PRINT_NOTICE)
    assert act.shortcut().toString() == "Ctrl+P" and act.isEnabled()
    assert act in window.menuBar().actions()[2].menu().actions()  # 打印(&P)
    with qtbot.waitSignal(window.pdf_saved) as sig:
        qtbot.keyClick(window.board_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    saved = Path(sig.args[0])
    assert saved.parent == tmp_path / "prints" and saved.name.startswith("notice-")
    text = _pdf_text(saved)
    assert "翠湖天地售楼处" in text and "08:30" in text and "18:30" in text
    assert "周先生" in text and "139****5678" in text and "13912345678" not in text
    assert seen == ["QMessageBox", "QPrintDialog"]
    assert _printed_pages(printed, saved) == 1  # the pages went to the "printer"
    assert str(saved) in window.statusBar().currentMessage()


def test_with_the_notice_panel_plugged_in_ctrl_p_prints_through_it_from_any_tab(window, desk_ctx, qtbot, tmp_path,
                                                                               monkeypatch):
    from deskapp.ui.notice_panel import NoticePanel

    monkeypatch.setenv("DESKAPP_PRINT_DIR", str(tmp_path / "window"))
    panel = NoticePanel(desk_ctx, print_dir=tmp_path / "panel")
    index = window.add_panel("认领公示", panel)
    assert panel.print_action().shortcut().isEmpty()  # one Ctrl+P in the window: never ambiguous
    answer_print_dialogs(window, tmp_path / "printer.pdf", choice="不打印")
    window.show_panel(index)
    panel._filter_edit.setFocus()
    with qtbot.waitSignal(panel.notice_printed), qtbot.waitSignal(window.pdf_saved) as sig:
        qtbot.keyClick(panel._filter_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert Path(sig.args[0]).parent == tmp_path / "panel"
    assert "公示已保存" in panel.status_text()
    assert not (tmp_path / "printer.pdf").exists()  # "don't print": nothing sent to the printer


def test_the_visit_sheet_of_the_selected_reception_prints_with_a_preview(window, desk_ctx, qtbot, tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("DESKAPP_PRINT_DIR", str(tmp_path))
    act = window.action(ActionId.PRINT_VISIT_SHEET)
    assert act.shortcut().toString() == "Ctrl+Shift+P"
    assert not act.isEnabled()  # nothing selected on the board
    desk_ctx.run(c.Arrive(c.Answers(first_visit=True), name="王五", phone="13700001234"))
    rec = window.board_view.board.receptions[-1]
    assert window.board_view.select_reception(rec.visit_id)
    assert act.isEnabled()
    printed = tmp_path / "preview.pdf"
    seen = answer_print_dialogs(window, printed, choice="打印预览…")
    with qtbot.waitSignal(window.pdf_saved) as sig:
        act.trigger()
    saved = Path(sig.args[0])
    assert saved.parent == tmp_path and saved.name.startswith("visit-") and saved.stem.endswith(f"-{rec.visit_id}")
    text = _pdf_text(saved)
    assert "王五" in text and "13700001234" in text and "李娜" in text  # the full phone: it goes to the owner
    assert "售楼处" in text  # the office's name (SetOfficeInfo; the default until one is set)
    assert seen == ["QMessageBox", "QPrintPreviewDialog"]
    assert _printed_pages(printed, saved) >= 1  # the preview drew the sheet's pages


def test_the_offer_can_open_the_pdf_instead(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKAPP_PRINT_DIR", str(tmp_path))
    opened = []
    window.pdf_printer().open_file = opened.append
    answer_print_dialogs(window, tmp_path / "printer.pdf", choice="打开PDF")
    path = window.print_notice()
    assert opened == [path] and path.is_file()
