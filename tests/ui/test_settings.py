"""Settings: the station's database, the office, the policies and today's duty; site manager or above only.

Also the English catalogue of the first-run, settings and station modules (deskapp_en_setup.ts).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from catalogues import catalogue, tr_strings  # noqa: E402
from deskdata import NOW, OFFSCREEN_NOISE
from PySide6.QtCore import QDateTime, QSettings, Qt, QTime
from PySide6.QtWidgets import QCheckBox

import deskapp
from deskapp.domain.commands import AddStaff
from deskapp.services.persistence import PersistentOfficeService
from deskapp.ui import station_config
from deskapp.ui.settings_dialog import OfficeTitle, SettingsDialog, add_settings_action
from deskapp.ui.station_config import check_database, configured_url, save_url, test_connection

pytestmark = [pytest.mark.qt_log_ignore(OFFSCREEN_NOISE), pytest.mark.usefixtures("desk_settings")]


@pytest.fixture
def manager_ctx(desk_ctx):
    desk_ctx.service.handle(AddStaff("M", "孙丽", "site_manager", actor="__system__"), NOW)
    desk_ctx.set_user("M")
    return desk_ctx


@pytest.fixture
def dialog(manager_ctx, qtbot):
    d = SettingsDialog(manager_ctx)
    qtbot.addWidget(d)
    return d


# --------------------------------------------------------------------------------------- permission
def test_a_receptionist_sees_every_control_disabled(desk_ctx, qtbot):
    assert desk_ctx.user is None
    d = SettingsDialog(desk_ctx)
    qtbot.addWidget(d)
    controls = d.controls()
    assert len(controls) > 20
    enabled = [w for w in controls if w.isEnabled()]
    assert not enabled, [type(w).__name__ + ":" + getattr(w, "text", lambda: "")() for w in enabled]
    assert {w.toolTip() for w in controls} == {"需案场经理或以上"}
    assert d._close_button.isEnabled()
    assert [d.tabs().tabText(i) for i in range(d.tabs().count())] == ["数据库", "售楼处", "制度参数", "值班"]


def test_signing_in_as_a_site_manager_unlocks_the_dialog(desk_ctx, qtbot):
    d = SettingsDialog(desk_ctx)
    qtbot.addWidget(d)
    desk_ctx.service.handle(AddStaff("M", "孙丽", "site_manager", actor="__system__"), NOW)
    desk_ctx.set_user("M")
    assert d.policy_tab().apply_button().isEnabled()
    assert d.policy_tab().apply_button().toolTip() == ""
    desk_ctx.set_user("S")  # a supervisor: below site manager
    assert not d.policy_tab().apply_button().isEnabled()


# ----------------------------------------------------------------------------------------- policies
def test_a_site_manager_changes_the_follow_up_gap_effective_now(manager_ctx, dialog, qtbot):
    office = manager_ctx.office
    version = office.policy.version
    assert office.policy["followup_gap_days"] == 15
    tab = dialog.policy_tab()
    assert f"第{version}版" in tab._version_label.text()
    assert tab.effective_edit().dateTime().toPython() == NOW
    tab.editor("followup_gap_days").setValue(20)
    assert tab.changes() == {"followup_gap_days": 20}
    with qtbot.waitSignal(manager_ctx.changed):
        qtbot.mouseClick(tab.apply_button(), Qt.MouseButton.LeftButton)
    assert manager_ctx.office.policy["followup_gap_days"] == 20
    assert manager_ctx.office.policy.version == version + 1
    assert f"第{version + 1}版" in tab._version_label.text()
    assert "制度参数更新" in tab.status_text()
    assert tab.changes() == {}


def test_only_changed_policies_are_sent(manager_ctx, dialog, monkeypatch):
    sent = []
    run = manager_ctx.run
    monkeypatch.setattr(manager_ctx, "run", lambda cmd: sent.append(cmd) or run(cmd))
    tab = dialog.policy_tab()
    box = tab.editor("busy_skip_earns_makeup")
    assert isinstance(box, QCheckBox)
    box.setChecked(True)
    tab.apply_button().click()
    assert [c.changes for c in sent] == [{"busy_skip_earns_makeup": True}]
    assert sent[0].effective is None  # "now": at once
    tab.apply_button().click()  # nothing changed any more
    assert len(sent) == 1
    assert "没有改动" in tab.status_text()


def test_a_future_change_waits_and_is_listed(manager_ctx, dialog):
    tab = dialog.policy_tab()
    version = manager_ctx.office.policy.version
    tab.editor("suspension_days").setValue(5)
    tab.effective_edit().setDateTime(QDateTime(NOW + dt.timedelta(days=1)))
    tab.apply_button().click()
    assert manager_ctx.office.policy["suspension_days"] == 3
    assert manager_ctx.office.policy.version == version
    assert "2026-11-10 10:00" in tab._pending_label.text() and "→ 5" in tab._pending_label.text()
    assert tab.editor("suspension_days").value() == 3  # the editors show what is in force


def test_a_refusal_is_shown_inline_in_the_users_language(manager_ctx, dialog):
    tab = dialog.office_tab()
    tab._open_edit.setTime(QTime(18, 0))
    tab._close_edit.setTime(QTime(9, 0))
    tab._save_button.click()
    assert tab.status_text() == "下班时间须晚于上班时间。"
    manager_ctx.lang = "en"
    tab._save_button.click()
    assert tab.status_text() == "Closing time must be after opening time."


# ------------------------------------------------------------------------------------ office, duty
def test_renaming_the_office_updates_the_window_title(manager_ctx, dialog, qtbot):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.setWindowTitle("轮接台 — 前台")
    OfficeTitle(window, manager_ctx)
    assert window.windowTitle() == "轮接台 — 前台 · 售楼处"
    tab = dialog.office_tab()
    tab._name_edit.setText("滨江一号售楼处")
    tab._save_button.click()
    assert manager_ctx.office.office_info["name"] == "滨江一号售楼处"
    assert window.windowTitle() == "轮接台 — 前台 · 滨江一号售楼处"


def test_a_duty_window_for_today(manager_ctx, dialog):
    tab = dialog.duty_tab()
    assert tab.table().rowCount() == 0
    tab.set_window("C", dt.time(17, 30), dt.time(18, 30))
    tab.add_button().click()
    duty = manager_ctx.office.day.duty
    assert [(w.who, w.start, w.end) for w in duty] == [("C", dt.time(17, 30), dt.time(18, 30))]
    assert tab.table().rowCount() == 1
    assert [tab.table().item(0, c).text() for c in range(3)] == ["王芳", "17:30", "18:30"]
    assert "R38" in tab.status_text() or "值班" in tab.status_text()


def test_a_duty_window_that_ends_before_it_starts_is_refused(dialog, manager_ctx):
    tab = dialog.duty_tab()
    tab.set_window("C", dt.time(18, 30), dt.time(17, 30))
    tab.add_button().click()
    assert not manager_ctx.office.day.duty
    assert "值班结束时间须晚于开始时间" in tab.status_text()


# ----------------------------------------------------------------------------------- the database
def test_test_connection_explains_a_garbage_url_in_chinese():
    ok, zh, en = test_connection("这不是地址 ://")
    assert not ok
    assert zh.startswith("数据库地址无效")
    assert "not valid" in en
    ok, zh, _ = test_connection("mysql://root@localhost/deskapp")
    assert not ok and "数据库地址无效" in zh


def test_test_connection_creates_nothing(tmp_path):
    target = tmp_path / "new.sqlite3"
    ok, zh, _ = test_connection(f"sqlite:///{target}")
    assert ok and "尚不存在" in zh
    assert not target.exists()
    ok, zh, _ = test_connection(f"sqlite:///{tmp_path / 'missing' / 'x.sqlite3'}")
    assert not ok and "文件夹不存在" in zh


def test_test_connection_reports_a_broken_file_and_an_existing_office(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    ok, zh, _ = test_connection(f"sqlite:///{junk}")
    assert not ok and "损坏" in zh
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    svc = PersistentOfficeService(url)
    svc.handle(AddStaff("M", "孙丽", "site_manager", actor="__system__"), NOW)
    svc.close()
    check = check_database(url)
    assert check.ok and check.records == 1 and "1条记录" in check.zh


def test_the_station_url_comes_after_the_command_line_and_the_environment(monkeypatch):
    monkeypatch.delenv("DESKAPP_DB_URL", raising=False)
    assert configured_url(None) is None  # the embedded default
    save_url("postgresql://desk@server/office")
    assert QSettings().value("database/url") == "postgresql://desk@server/office"
    assert configured_url(None) == "postgresql://desk@server/office"
    monkeypatch.setenv("DESKAPP_DB_URL", "postgresql://env@server/office")
    assert configured_url(None) == "postgresql://env@server/office"
    assert configured_url("sqlite:///cli.sqlite3") == "sqlite:///cli.sqlite3"
    monkeypatch.delenv("DESKAPP_DB_URL")
    save_url("")
    assert configured_url(None) is None and QSettings().value("database/url") is None


def test_the_database_tab_saves_a_working_address_for_the_next_start(dialog, tmp_path, monkeypatch):
    monkeypatch.delenv("DESKAPP_DB_URL", raising=False)
    tab = dialog.database_tab()
    form = tab.form()
    form.choose_server()
    form.url_edit().setText("not a url")
    tab._save_button.click()
    assert "数据库地址无效" in form.status_text()
    assert station_config.saved_url() == ""
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    form.url_edit().setText(url)
    tab._save_button.click()
    assert station_config.saved_url() == url
    assert "重新启动" in form.status_text()


# ------------------------------------------------------------------------------------------- action
def test_the_settings_action_sits_in_the_first_menu_with_ctrl_comma(manager_ctx, qtbot):
    from deskapp.ui.main_window import MainWindow

    window = MainWindow(manager_ctx)
    qtbot.addWidget(window)
    action = add_settings_action(window, manager_ctx)
    assert action.shortcut().toString() == "Ctrl+,"
    first = window.menuBar().actions()[0].menu()
    entries = [a for a in first.actions()]
    at = entries.index(action)
    assert entries[at + 1].isSeparator() and entries[-1] is entries[at + 2]  # just above 退出
    action.trigger()
    dialogs = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    assert len(dialogs) == 1
    action.trigger()  # a second time: the same dialog, raised
    assert len([d for d in window.findChildren(SettingsDialog) if d.isVisible()]) == 1
    dialogs[0].reject()


# -------------------------------------------------------------------------------------- translations
PACKAGE = Path(deskapp.__file__).parent
TS_FILE = PACKAGE / "translations" / "deskapp_en_setup.ts"
MODULES = {
    "ui/first_run.py": "FirstRunWizard",
    "ui/settings_dialog.py": "SettingsDialog",
    "ui/station_config.py": "StationConfig",
}


def _catalogue() -> dict[tuple[str, str], str]:
    return catalogue(TS_FILE.name)


def _strings(module: str) -> list[str]:
    return tr_strings(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_setup_string_has_an_english_translation(module):
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert re.search(rf'QCoreApplication\.translate\("{MODULES[module]}", text\)', source)
    catalogue = _catalogue()
    strings = _strings(module)
    missing = [s for s in strings if (MODULES[module], s) not in catalogue]
    assert not missing, f"add to {TS_FILE.name}: {missing}"
    for text in strings:
        english = catalogue[(MODULES[module], text)]
        assert set(re.findall(r"\{\w*\}", text)) == set(re.findall(r"\{\w*\}", english)), text
        assert not re.search(r"[\u4e00-\u9fff]", english), f"untranslated: {english}"
        assert text.count("&") == english.count("&"), f"mnemonic lost: {text} / {english}"


def test_the_settings_speak_english(manager_ctx, qtbot, qapp):
    from deskapp.ui import i18n

    try:
        i18n.install_translator(qapp, "en")
        manager_ctx.lang = "en"
        d = SettingsDialog(manager_ctx)
        qtbot.addWidget(d)
        assert [d.tabs().tabText(i) for i in range(d.tabs().count())] == ["Database", "Office", "Policies", "Duty"]
        assert d.windowTitle() == "Settings"
        manager_ctx.set_user(None)
        assert d.policy_tab().apply_button().toolTip() == "Needs a site manager or above"
    finally:
        i18n.install_translator(qapp, "zh")
