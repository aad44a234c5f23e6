"""First run: an empty database opens the wizard; the demo fills it, or the office and its staff are set up
in one transaction (a site manager required, unique keys, 4-8 digit PINs)."""

from __future__ import annotations

import datetime as dt

import pytest
from deskdata import OFFSCREEN_NOISE, type_chinese
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWizard

from deskapp.domain.roles import Role
from deskapp.services.office_service import OfficeService
from deskapp.services.persistence import PersistentOfficeService
from deskapp.services.pins import verify_pin
from deskapp.ui import first_run
from deskapp.ui.first_run import COL_KEY, COL_PIN, COL_ROLE, FirstRunWizard

pytestmark = [pytest.mark.qt_log_ignore(OFFSCREEN_NOISE), pytest.mark.usefixtures("desk_settings")]

NOW = dt.datetime(2026, 11, 9, 8, 30)


@pytest.fixture
def service(tmp_path):
    svc = PersistentOfficeService(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    yield svc
    svc.close()


@pytest.fixture
def wizard(service, qtbot):
    w = FirstRunWizard(service, "zh", clock=lambda: NOW, demo_customers=100, demo_days=2)
    qtbot.addWidget(w)
    w.show()
    return w


def _finish(wizard: FirstRunWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()


def _to_staff_page(wizard, qtbot, name="滨江一号售楼处"):
    wizard.choose("setup")
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.PAGE_OFFICE
    edit = wizard.office_page().name_edit()
    edit.setFocus()
    type_chinese(edit, name)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.office_page().set_office(name, "08:30", "17:30")
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.PAGE_STAFF
    page = wizard.staff_page()
    page.clear_rows()
    return page


def _three_staff(page):
    page.add_row("m1", "马立新", "site_manager", "", "2468")
    page.add_row("c1", "张伟", "consultant", "一组", "13579")
    page.add_row("r1", "许静", "receptionist", "", "0007")


def test_the_demo_path_fills_the_empty_database(service, wizard, qtbot):
    assert service.head == 0
    assert wizard.start_page().mode() == "demo"
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.PAGE_DEMO
    assert "100" in wizard.demo_page()._facts_label.text()
    with qtbot.waitSignal(wizard.office_ready) as ready:
        _finish(wizard)
    assert ready.args == ["demo"]
    assert wizard.result() == QDialog.DialogCode.Accepted and wizard.outcome == "demo"
    assert service.head > 100
    office = service.office
    assert office.office_info["name"] == "翠湖天地售楼处"
    assert len(office.customers) >= 90
    assert any(s.role == Role.SITE_MANAGER for s in office.staff.values())
    service.reload()  # what was committed, not only what is in memory
    assert service.office.office_info["name"] == "翠湖天地售楼处"


def test_the_set_up_path_records_the_office_and_three_staff_with_pins(service, wizard, qtbot):
    page = _to_staff_page(wizard, qtbot)
    _three_staff(page)
    with qtbot.waitSignal(wizard.office_ready):
        _finish(wizard)
    assert wizard.outcome == "setup" and wizard.result() == QDialog.DialogCode.Accepted
    service.reload()
    office = service.office
    assert office.office_info == {"name": "滨江一号售楼处", "open": "08:30", "close": "17:30"}
    assert {k: (s.name, s.role, s.team) for k, s in office.staff.items()} == {
        "m1": ("马立新", Role.SITE_MANAGER, None),
        "c1": ("张伟", Role.CONSULTANT, "一组"),
        "r1": ("许静", Role.RECEPTIONIST, None),
    }
    assert verify_pin(office.staff["m1"].pin_hash, "2468")
    assert verify_pin(office.staff["c1"].pin_hash, "13579")
    assert verify_pin(office.staff["r1"].pin_hash, "0007")
    assert service.head == 1 + 3 + 3  # SetOfficeInfo, AddStaff ×3, SetPin ×3


def test_a_duplicate_key_blocks_finish_with_a_message(service, wizard, qtbot):
    page = _to_staff_page(wizard, qtbot)
    _three_staff(page)
    page.set_cell(2, COL_KEY, "c1")
    with qtbot.assertNotEmitted(wizard.office_ready):
        _finish(wizard)
    assert wizard.isVisible() and wizard.currentId() == FirstRunWizard.PAGE_STAFF
    assert "第3行：代号“c1”与第2行重复" in page.status_text()
    assert page.table().currentRow() == 2 and page.table().currentColumn() == COL_KEY
    assert service.head == 0 and not service.office.staff


def test_a_missing_site_manager_blocks_finish_with_a_message(service, wizard, qtbot):
    page = _to_staff_page(wizard, qtbot)
    _three_staff(page)
    page.set_cell(0, COL_ROLE, "销售主管")
    with qtbot.assertNotEmitted(wizard.office_ready):
        _finish(wizard)
    assert "至少需要一位案场经理" in page.status_text()
    assert service.head == 0


def test_pins_must_be_four_to_eight_digits(service, wizard, qtbot):
    page = _to_staff_page(wizard, qtbot)
    _three_staff(page)
    page.set_cell(1, COL_PIN, "123")
    _finish(wizard)
    assert "第2行：密码须为4至8位数字" in page.status_text()
    assert service.head == 0


def test_a_refused_row_leaves_nothing_half_recorded(service, wizard, qtbot, monkeypatch):
    page = _to_staff_page(wizard, qtbot)
    _three_staff(page)
    real = first_run.staff_commands

    def with_a_bad_role(entries, hasher=first_run.hash_pin):
        cmds = real(entries, hasher)
        import dataclasses

        return [dataclasses.replace(c, role="janitor") if getattr(c, "key", None) == "r1" else c for c in cmds]

    monkeypatch.setattr(first_run, "staff_commands", with_a_bad_role)
    _finish(wizard)
    assert "没有保存任何内容" in page.status_text() and "janitor" in page.status_text()
    assert wizard.isVisible()
    assert service.head == 0 and not service.office.staff
    assert service.office.office_info["name"] == "售楼处"  # the default: nothing was kept in memory either
    service.reload()
    assert not service.office.staff


def test_an_in_memory_office_is_restored_after_a_refusal():
    svc = OfficeService()
    with pytest.raises(RuntimeError), svc.bulk():
        from deskapp.domain.commands import AddStaff

        svc.handle(AddStaff("a", "甲", "consultant", actor="__system__"), NOW)
        raise RuntimeError("boom")
    assert not svc.office.staff


def test_the_name_suggests_a_key_from_its_pinyin(wizard, qtbot):
    page = _to_staff_page(wizard, qtbot)
    row = page.add_row(role="consultant")
    page.set_cell(row, 1, "张伟")
    assert page.table().item(row, COL_KEY).text() == "zw"
    other = page.add_row(role="consultant")
    page.set_cell(other, 1, "赵薇")
    assert page.table().item(other, COL_KEY).text() == "zw2"


def test_blank_rows_are_ignored_and_an_empty_table_is_refused(wizard, qtbot):
    page = _to_staff_page(wizard, qtbot)
    page.add_row()
    assert page.entries() == []
    _finish(wizard)
    assert "请至少填写一位员工" in page.status_text()


def test_the_keyboard_drives_the_wizard(service, wizard, qtbot):
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    wizard.choose("setup")
    qtbot.keyClick(wizard, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # 下一步(&N): an animated click
    qtbot.waitUntil(lambda: wizard.currentId() == FirstRunWizard.PAGE_OFFICE)
    edit = wizard.office_page().name_edit()
    assert edit.hasFocus()
    type_chinese(edit, "滨江一号")
    qtbot.keyClick(wizard, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentId() == FirstRunWizard.PAGE_STAFF)
    page = wizard.staff_page()
    rows = page.table().rowCount()
    qtbot.keyClick(wizard, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # 添加一行(&A)
    qtbot.waitUntil(lambda: page.table().rowCount() == rows + 1)
    assert page.table().currentRow() == rows and page.table().currentColumn() == COL_KEY
    editor = QApplication.focusWidget()  # the new row's key cell is open for typing
    qtbot.keyClicks(editor, "c9")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert page.table().item(rows, COL_KEY).text() == "c9"
    assert page.table().currentColumn() == COL_KEY + 1


def test_cancelling_sets_no_outcome(wizard, service):
    wizard.reject()
    assert wizard.outcome is None and service.head == 0


def test_the_import_button_fills_the_table_from_a_csv(wizard, qtbot, tmp_path):
    if first_run.excel_reader() is None:
        pytest.skip("deskapp.services.excel is not installed")
    page = _to_staff_page(wizard, qtbot)
    assert page.import_button().isVisibleTo(wizard)
    csv = tmp_path / "staff.csv"
    csv.write_text("代号,姓名,角色,组别,密码\nm1,马立新,案场经理,,2468\nc1,张伟,置业顾问,一组,13579\n", encoding="utf-8")
    assert page.import_file(csv)
    assert [(e.key, e.name, e.role, e.team, e.pin) for e in page.entries()] == [
        ("m1", "马立新", "site_manager", "", "2468"), ("c1", "张伟", "consultant", "一组", "13579")]
    assert "读入2位员工" in page.status_text()


def test_an_import_with_errors_lists_them(wizard, qtbot, tmp_path):
    if first_run.excel_reader() is None:
        pytest.skip("deskapp.services.excel is not installed")
    page = _to_staff_page(wizard, qtbot)
    csv = tmp_path / "staff.csv"
    csv.write_text("代号,姓名,角色,组别,密码\nm1,马立新,厨师,,2468\n", encoding="utf-8")
    assert not page.import_file(csv)
    assert "文件第2行" in page.status_text()


# ------------------------------------------------------------------------ the composition root's part
def test_cancelling_the_wizard_quits_the_app_cleanly(tmp_path, qapp, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer

    from deskapp import app as app_module

    monkeypatch.setattr(app_module, "create_application", lambda argv: (qapp, "zh"))
    seen = []

    def cancel_the_wizard():
        wizard = QApplication.activeModalWidget()
        seen.append(type(wizard).__name__)
        wizard.reject()

    QTimer.singleShot(200, cancel_the_wizard)
    code = app_module.run_gui(["deskapp"], db_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert code == 0
    assert seen == ["FirstRunWizard"]


def test_the_wizard_runs_until_the_database_holds_an_office(tmp_path, monkeypatch):
    from deskapp import app as app_module
    from deskapp.domain.commands import SetOfficeInfo
    from deskapp.ui import first_run as fr

    empty = PersistentOfficeService(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    other_url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    other = PersistentOfficeService(other_url)
    other.handle(SetOfficeInfo("滨江一号售楼处", actor="__system__"), NOW)
    other.close()
    answers = iter([("connect", other_url)])
    monkeypatch.setattr(fr, "run_first_run", lambda *a, **k: next(answers))
    service = app_module.first_run(empty, "zh", None)
    try:
        assert service is not empty and service.head == 1
        assert service.office.office_info["name"] == "滨江一号售楼处"
    finally:
        service.close()


def test_the_main_window_shows_the_office_name_and_the_settings_action(desk_settings, qtbot):
    from deskdata import NOW as DESK_NOW
    from deskdata import build_office

    from deskapp.app import build_main_window
    from deskapp.domain.commands import SetOfficeInfo

    service = build_office()
    service.handle(SetOfficeInfo("滨江一号售楼处", actor="__system__"), DESK_NOW)
    ctx, window = build_main_window(service, "zh", clock=lambda: DESK_NOW)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("滨江一号售楼处")
    names = [a.objectName() for a in window.actions()]
    assert "settingsAction" in names


def test_delete_clears_cells_and_ctrl_delete_removes_rows(wizard, qtbot):
    page = _to_staff_page(wizard, qtbot)
    _three_staff(page)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    table = page.table()
    table.setFocus()
    table.setCurrentCell(1, 1)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert table.item(1, 1).text() == "" and table.rowCount() == 3
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert table.rowCount() == 2
    assert [e.key for e in page.entries()] == ["m1", "r1"]
