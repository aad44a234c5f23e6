"""The Data menu's dialogs: exporting the visit book, importing the staff list and the paper visit book."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from catalogues import tr_strings  # noqa: E402
from deskdata import OFFSCREEN_NOISE
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QMainWindow

import deskapp
from deskapp.domain.commands import AddStaff, OpenDay
from deskapp.services import excel
from deskapp.services.persistence import PersistentOfficeService, verify
from deskapp.services.pins import verify_pin
from deskapp.ui import i18n
from deskapp.ui.context import AppContext
from deskapp.ui.excel_dialogs import (
    ExportDialog,
    ImportStaffDialog,
    ImportVisitBookDialog,
    add_excel_actions,
)

pytestmark = [pytest.mark.usefixtures("desk_settings"), pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)]

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 10, 0)
ZHANG = "13911112222"
LI = "13800001111"
PACKAGE = Path(deskapp.__file__).parent
TS_FILE = PACKAGE / "translations" / "deskapp_en_excel.ts"


@pytest.fixture
def service(tmp_path):
    svc = PersistentOfficeService(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    t = dt.datetime(2026, 3, 1, 8)
    for key, name, role, team in (("A", "张伟", "consultant", "T1"), ("B", "李娜", "consultant", "T1"),
                                  ("M", "孙丽", "site_manager", None)):
        svc.handle(AddStaff(key, name, role, team, actor="__system__"), t)
    svc.handle(OpenDay(TODAY), dt.datetime(2026, 3, 10, 8))
    yield svc
    svc.close()


@pytest.fixture
def ctx(qapp, service):
    from deskapp.ui import fonts

    fonts.install_app_font(qapp)
    context = AppContext(service, clock=lambda: NOW, lang="zh")
    context.user = "M"  # the site manager is at the desk
    return context


def _xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


BAD_BOOK = [
    ["日期", "客户姓名", "电话", "接待人", "来源"],
    ["2026-02-14", "张三", ZHANG, "A", ""],
    ["2026-02-15", "李女士", "12345", "B", ""],  # row 3: bad phone
    ["2026-02-16", "王先生", "18600003333", "A", ""],
    ["2026-02-16", "赵先生", "13700001234", "老刘", ""],  # row 5: unknown receiver
    ["2026-02-17", None, "13700005678", "张伟", ""],  # row 6: no name
]


# ------------------------------------------------------------------------------------------ import
def test_the_import_dialog_lists_row_errors_and_keeps_import_disabled(ctx, service, qtbot, tmp_path):
    dialog = _open(qtbot, ImportVisitBookDialog(ctx))
    assert not dialog.import_button.isEnabled()  # no file yet
    head = service.head
    dialog.load_file(_xlsx(tmp_path / "bad.xlsx", BAD_BOOK))
    errors = dialog.error_texts()
    assert [e[:4] for e in errors] == ["第3行：", "第5行：", "第6行："]
    assert errors[0].startswith("第3行：电话号码") and "无效" in errors[0]
    assert "老刘" in errors[1] and "姓名" in errors[2]
    assert dialog._errors_list.isVisible()
    assert dialog.preview_rows() == 5  # every row is previewed, the bad ones shaded
    assert not dialog.import_button.isEnabled()
    with qtbot.assertNotEmitted(ctx.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.import_now() is None
    assert service.head == head
    assert not any(r[2] in service.office.by_phone for r in BAD_BOOK[1:] if r[2] and len(r[2]) == 11)
    # the red list leads to the row
    dialog._errors_list.setCurrentRow(1)
    index = dialog._table.selectionModel().selectedRows()[0]
    assert dialog._proxy.data(index) == "5"


def test_a_good_visit_book_imports_and_the_first_receiver_owns(ctx, service, qtbot, tmp_path):
    dialog = _open(qtbot, ImportVisitBookDialog(ctx))
    dialog.load_file(_xlsx(tmp_path / "book.xlsx", [
        ["日期", "客户姓名", "电话", "接待人"],
        ["2026-02-20 15:00", "张三", ZHANG, "李娜"],
        ["2026-02-14 10:30", "张三", ZHANG, "张伟"],
        ["2026-02-15", "李女士", LI, "B"],
    ]))
    assert dialog.error_texts() == [] and not dialog._errors_list.isVisible()
    assert dialog.import_button.isEnabled() and "3" in dialog.import_button.text()
    assert "2" in dialog._summary_label.text()  # two new customers
    with qtbot.waitSignal(ctx.changed), qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    office = service.office
    assert office.customers[office.by_phone[ZHANG]].owner == "A"  # R14: 张伟 received him first
    assert office.customers[office.by_phone[LI]].owner == "B"
    assert "已导入3条历史来访" in dialog.status_text()
    assert not dialog.import_button.isEnabled()  # not twice
    assert verify(service.engine).ok


def test_a_good_staff_file_imports(ctx, service, qtbot, tmp_path):
    dialog = _open(qtbot, ImportStaffDialog(ctx))
    dialog.load_file(_xlsx(tmp_path / "staff.xlsx", [
        ["代号", "姓名", "角色", "组别", "密码"],
        ["D", "赵敏", "置业顾问", "T1", "1234"],
        ["E", "钱进", "销售主管", None, "98765"],
    ]))
    assert dialog.error_texts() == []
    assert dialog.import_button.isEnabled()
    assert "1234" not in "".join(dialog._proxy.data(dialog._proxy.index(r, 5)) for r in range(2))
    head = service.head
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert service.office.staff["D"].name == "赵敏" and service.office.staff["E"].team is None
    assert verify_pin(service.office.staff["E"].pin_hash, "98765")
    assert service.head == head + 4
    assert "已导入2位员工" in dialog.status_text()


def test_a_bad_staff_file_is_refused_row_by_row(ctx, service, qtbot, tmp_path):
    dialog = _open(qtbot, ImportStaffDialog(ctx))
    dialog.load_file(_xlsx(tmp_path / "staff.xlsx", [
        ["代号", "姓名", "角色", "组别", "密码"],
        ["D", "赵敏", "置业顾问", "T1", "1234"],
        ["E", "钱进", "置业顾问", "T1", "12"],
        ["F", "孙红", "组长", "T2", "4321"],
        ["G", "周强", "保安", None, "5555"],
        ["H", None, "置业顾问", "T1", "6666"],
    ]))
    assert [e[:4] for e in dialog.error_texts()] == ["第3行：", "第5行：", "第6行："]
    assert not dialog.import_button.isEnabled()
    assert "3行有问题" in dialog._summary_label.text()


def test_below_site_manager_the_file_can_be_checked_but_not_imported(ctx, service, qtbot, tmp_path):
    ctx.user = "A"  # a consultant
    dialog = _open(qtbot, ImportStaffDialog(ctx))
    dialog.load_file(_xlsx(tmp_path / "staff.xlsx", [["代号", "姓名", "角色", "密码"], ["D", "赵敏", "置业顾问", "1234"]]))
    assert dialog.error_texts() == []
    assert not dialog.import_button.isEnabled()
    assert "案场经理" in dialog.import_button.toolTip()
    assert dialog._rights_label.isVisible()
    assert dialog.import_now() is None and "D" not in service.office.staff


def test_an_unreadable_file_says_why(ctx, qtbot, tmp_path):
    dialog = _open(qtbot, ImportStaffDialog(ctx))
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    dialog.load_file(tmp_path / "old.xls")
    assert ".xlsx" in dialog.error_texts()[0]
    assert not dialog.import_button.isEnabled()


def test_a_gbk_csv_previews_in_chinese(ctx, qtbot, tmp_path):
    path = tmp_path / "book.csv"
    path.write_bytes("日期,客户姓名,电话,接待人,来源\r\n2026/2/14,张三,13911112222,张伟,公司关系户\r\n".encode("gbk"))
    dialog = _open(qtbot, ImportVisitBookDialog(ctx))
    dialog.load_file(path)
    assert dialog.error_texts() == []
    row = [dialog._proxy.data(dialog._proxy.index(0, c)) for c in range(6)]
    assert row == ["2", "2026-02-14", "张三", ZHANG, "张伟", "公司关系户"]


# ------------------------------------------------------------------------------------------ export
def test_export_writes_the_chosen_range(ctx, service, qtbot, tmp_path, type_chinese):
    excel.apply_visit_import(service, excel.read_visit_book(_xlsx(tmp_path / "b.xlsx", [
        ["日期", "客户姓名", "电话", "接待人"], ["2026-02-14", "张三", ZHANG, "A"], ["2026-02-20", "李女士", LI, "B"]]),
        service.office), NOW, "M")
    dialog = _open(qtbot, ExportDialog(ctx))
    dialog.set_range(dt.date(2026, 2, 1), dt.date(2026, 2, 15))
    assert "1条来访" in dialog._count_label.text()
    dialog._path_edit.clear()
    dialog._path_edit.setFocus()
    type_chinese(dialog._path_edit, str(tmp_path / "二月来访"))
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported) as sig:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = Path(sig.args[0])
    assert written == tmp_path / "二月来访.xlsx" and written.is_file()
    rows = list(load_workbook(written)["来访登记"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[3]) for r in rows] == [("张三", ZHANG)]
    assert str(written) in dialog.status_text()
    # a reversed range cannot be exported
    dialog.set_range(dt.date(2026, 2, 15), dt.date(2026, 2, 1))
    assert not dialog.export_button.isEnabled()
    assert dialog.export() is None


def test_the_front_desk_may_not_export_the_visit_book(ctx, qtbot, tmp_path):
    ctx.set_user(None)  # front desk: the visit book carries full phone numbers
    dialog = _open(qtbot, ExportDialog(ctx))
    dialog.set_path(tmp_path / "x.xlsx")
    assert not dialog.export_button.isEnabled()
    assert dialog.export() is None and not (tmp_path / "x.xlsx").exists()


def test_the_export_proposes_a_file_name_for_the_range(ctx, qtbot, tmp_path):
    dialog = _open(qtbot, ExportDialog(ctx))
    dialog.set_range(dt.date(2026, 3, 1), dt.date(2026, 3, 9))
    assert dialog.path().name == "来访登记_20260301至20260309.xlsx"
    dialog.set_path(tmp_path / "mine.xlsx")
    dialog.set_range(dt.date(2026, 2, 1), dt.date(2026, 2, 9))
    assert dialog.path() == tmp_path / "mine.xlsx"  # a chosen path is kept


# ------------------------------------------------------------------------------------------ menu
def test_the_data_menu_opens_the_dialogs(ctx, qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = add_excel_actions(window, ctx)
    assert menu.title() == "数据(&A)"
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text() for a in actions] == ["导出来访登记…", "导入员工名单…", "导入历史来访登记…"]
    assert menu.menuAction() in window.menuBar().actions()
    for action, cls in zip(actions, (ExportDialog, ImportStaffDialog, ImportVisitBookDialog), strict=True):
        action.trigger()
        dialog = window.findChild(cls)
        assert dialog is not None and dialog.isVisible()
        dialog.reject()


# ------------------------------------------------------------------------------------------ English
HEADERS = ("客户姓名", "代号", "姓名", "角色", "组别", "密码", "日期", "电话", "接待人", "来源")


def _catalogue() -> dict[str, str]:
    return {src: tr for (context, src), tr in i18n.read_ts(TS_FILE).items() if context == "ExcelDialogs"}


def _strings() -> list[str]:
    return tr_strings("ui/excel_dialogs.py")


def test_every_string_has_its_english():
    catalogue = _catalogue()
    missing = [s for s in _strings() if s not in catalogue]
    assert not missing, f"add to {TS_FILE.name}: {missing}"
    for source in _strings():
        english = catalogue[source]
        assert set(re.findall(r"\{\w*\}", source)) == set(re.findall(r"\{\w*\}", english)), source
        # the file's Chinese column headers are quoted on purpose; the rest is English
        rest = re.sub("|".join(HEADERS), "", english)
        assert not re.search(r"[\u4e00-\u9fff]", rest), f"untranslated: {english}"


def test_the_dialogs_speak_english(ctx, qapp, qtbot, tmp_path):
    qm = i18n.compile_ts(TS_FILE, tmp_path)
    translator = QTranslator(qapp)
    if qm is None or not translator.load(str(qm)):
        translator = i18n.DictTranslator.from_ts(TS_FILE, qapp)
    qapp.installTranslator(translator)
    try:
        ctx.lang = "en"
        dialog = _open(qtbot, ImportVisitBookDialog(ctx))
        assert dialog.windowTitle() == "Import the paper visit book"
        dialog.load_file(_xlsx(tmp_path / "bad.xlsx", BAD_BOOK))
        assert dialog.error_texts()[0].startswith("Row 3: Phone number")
        assert QCoreApplication.translate("ExcelDialogs", "数据(&A)") == "D&ata"
    finally:
        qapp.removeTranslator(translator)
