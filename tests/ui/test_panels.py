"""The notice, dispute and supervisor panels: claims, rulings (R32), the R6 tools and who may use them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pytest
from printer import answer_print_dialogs
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

from deskapp.domain.commands import (
    AddStaff,
    Amend,
    Answers,
    Arrive,
    Claim,
    Dispute,
    Finish,
    OpenDay,
    Reorder,
    SignIn,
)
from deskapp.domain.errors import RuleError
from deskapp.services import queries
from deskapp.services.office_service import OfficeService
from deskapp.ui.context import AppContext
from deskapp.ui.dispute_panel import CaseListModel, DisputePanel, EvidenceModel
from deskapp.ui.notice_panel import NoticeModel, NoticePanel
from deskapp.ui.panel_kit import VOID_FILL
from deskapp.ui.supervisor_panel import SupervisorPanel

DAY1 = dt.date(2026, 11, 2)
DAY2 = dt.date(2026, 11, 3)
LIN_OLD, LIN_NEW = "13800007777", "18600007777"  # 林女士: A registered her on day 1, then amended it (R3)
WU_OLD, WU_NEW = "13755556666", "13711112222"  # 吴女士: B registered her on day 1; back on day 2, on the notice
ZHOU = "13912345678"  # 周先生: on the notice, received by B, claimed by A


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


def build_office() -> OfficeService:
    svc = OfficeService()
    for key, name, role, team in [
        ("A", "张伟", "consultant", "T1"),
        ("B", "李娜", "consultant", "T1"),
        ("C", "王芳", "team_leader", "T2"),
        ("D", "陈刚", "consultant", "T2"),
        ("S", "赵强", "supervisor", None),
        ("G", "周敏", "sales_manager", None),
        ("M", "孙丽", "site_manager", None),
        ("P", "郑凯", "project_manager", None),
    ]:
        svc.handle(AddStaff(key, name, role, team, actor="__system__"), _at(DAY1, 8))
    svc.handle(OpenDay(DAY1), _at(DAY1, 8))
    svc.handle(SignIn(("A", "B", "C", "D")), _at(DAY1, 8, 30))
    svc.handle(Arrive(Answers(first_visit=True), name="林女士", phone=LIN_OLD), _at(DAY1, 9))
    svc.handle(Finish(LIN_OLD), _at(DAY1, 9, 20))
    svc.handle(Arrive(Answers(first_visit=True), name="吴女士", phone=WU_OLD), _at(DAY1, 9, 30))
    svc.handle(Finish(WU_OLD), _at(DAY1, 9, 50))
    svc.handle(OpenDay(DAY2), _at(DAY2, 8))
    svc.handle(SignIn(("B", "C", "D", "A")), _at(DAY2, 8, 30))
    been_before = Answers(first_visit=False, contacted_by="unknown")  # R20: on the day's notice
    svc.handle(Arrive(been_before, name="周先生", phone=ZHOU), _at(DAY2, 10))  # -> B
    svc.handle(Finish(ZHOU), _at(DAY2, 10, 5))
    svc.handle(Arrive(been_before, name="吴女士", phone=WU_NEW), _at(DAY2, 10, 10))  # -> C
    svc.handle(Finish(WU_NEW), _at(DAY2, 10, 15))
    svc.handle(Claim(ZHOU, "A", actor="A"), _at(DAY2, 11))
    svc.handle(Amend("visit", LIN_OLD, "A", actor="A"), _at(DAY2, 11, 5))
    svc.handle(Arrive(Answers(first_visit=True), name="林女士", phone=LIN_NEW), _at(DAY2, 11, 10))  # -> D
    svc.handle(Dispute(LIN_NEW, "A", same_as=LIN_OLD, actor="A"), _at(DAY2, 11, 20))
    return svc


pytestmark = pytest.mark.usefixtures("desk_settings")  # QSettings in a temp dir (tests/ui/conftest.py)


@pytest.fixture
def ctx(qapp) -> AppContext:
    svc = build_office()
    return AppContext(svc, clock=lambda: _at(DAY2, 11, 30))


@pytest.fixture
def shown(qtbot):
    """Show a widget for the test (a failing test's windows are saved as PNGs by tests/ui/conftest.py)."""

    def show(widget, size=(1100, 720)):
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return show


def _cid(ctx, phone: str) -> int:
    return ctx.office.by_phone[phone]


def _open_case(ctx, phone: str):
    return next(r for r in ctx.office.claims if r.customer_id == _cid(ctx, phone))


def _pdf_text(path: str) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(path).pages))


# ---------------------------------------------------------------------------------------- disputes
def test_site_manager_confirms_the_proposed_ruling(ctx, qtbot, shown):
    ctx.set_user("M")
    panel = shown(DisputePanel(ctx, interactive=False))
    assert panel.select_customer(_cid(ctx, LIN_NEW))
    view = panel.current_case()
    assert view.proposed == "D" and view.proposed_rules == ("R3",)  # A's amended record is void
    assert panel._confirm_radio.isChecked()
    assert panel._confirm_button.isEnabled()  # no reason needed to confirm the proposal
    with qtbot.waitSignal(panel.ruling_made) as sig:
        qtbot.mouseClick(panel._confirm_button, Qt.MouseButton.LeftButton)
    assert sig.args == [_cid(ctx, LIN_NEW)]
    record = _open_case(ctx, LIN_NEW)
    assert (record.status, record.decision, record.ruled_by) == ("ruled", "D", "M")
    assert ctx.office.customers[_cid(ctx, LIN_NEW)].owner == "D"
    assert "R32" in panel.status_text()
    assert all(v.customer_id != _cid(ctx, LIN_NEW) for v in panel.case_model().rows)  # ruled cases leave the list


def test_an_override_stays_disabled_until_a_reason_is_written(ctx, qtbot, shown, type_chinese):
    ctx.set_user("M")
    panel = shown(DisputePanel(ctx, interactive=False))
    assert panel.select_customer(_cid(ctx, ZHOU))
    # R20: A's claim points at no earlier record, so the rules propose nothing: the site manager rules on
    # the visit book, and only an override with a written reason is possible
    assert panel.current_case().proposed is None
    assert panel._override_radio.isChecked() and not panel._confirm_radio.isEnabled()
    assert panel._confirm_radio.text() == "系统未提出建议，请查阅来访登记本后裁决"
    assert panel._override_combo.currentData() == "A"  # the claimant: what an override usually means
    qtbot.mouseClick(panel._override_radio, Qt.MouseButton.LeftButton)
    assert panel._override_radio.isChecked()
    panel._override_combo.setCurrentIndex(panel._override_combo.findData("A"))
    assert not panel._confirm_button.isEnabled()
    type_chinese(panel._reason_edit, "   ")
    assert not panel._confirm_button.isEnabled()  # blanks are no reason
    panel._reason_edit.clear()
    type_chinese(panel._reason_edit, "来访登记本显示张伟此前已接待并登记")
    assert panel._reason_edit.toPlainText() == "来访登记本显示张伟此前已接待并登记"
    assert panel._confirm_button.isEnabled()
    with qtbot.waitSignal(panel.ruling_made):
        qtbot.mouseClick(panel._confirm_button, Qt.MouseButton.LeftButton)
    record = _open_case(ctx, ZHOU)
    assert (record.decision, record.reason) == ("A", "来访登记本显示张伟此前已接待并登记")
    assert ctx.office.customers[_cid(ctx, ZHOU)].owner == "A"
    assert ctx.office.credits_of("B") == 1  # R20: the claim upheld against B's reception


def test_only_a_site_manager_or_above_may_rule(ctx, shown):
    for user in (None, "A", "S", "G"):
        ctx.set_user(user)
        panel = shown(DisputePanel(ctx, interactive=False))
        assert panel.select_customer(_cid(ctx, LIN_NEW))
        assert not panel._confirm_button.isEnabled()
        assert not panel._confirm_radio.isEnabled() and not panel._reason_edit.isEnabled()
        assert "案场经理" in panel._ruling_box.toolTip()  # R32: says who may rule
        assert panel._print_button.isEnabled()  # anyone may print the case file
    ctx.set_user("P")  # the project manager ranks above the site manager
    panel = shown(DisputePanel(ctx, interactive=False))
    assert panel.select_customer(_cid(ctx, LIN_NEW))
    assert panel._confirm_button.isEnabled()


def test_the_evidence_timeline_shades_void_records(ctx, shown):
    ctx.set_user("M")
    panel = shown(DisputePanel(ctx, interactive=False))
    panel.select_customer(_cid(ctx, LIN_NEW))
    model = panel.evidence_model()
    rows = model.rows
    assert [(r.who, r.admissible) for r in rows] == [("A", False), ("D", True)]
    void = model.index(0, EvidenceModel.VERDICT_COLUMN)
    assert model.data(void) == "不可采信"
    assert model.data(void, Qt.ItemDataRole.BackgroundRole).color() == VOID_FILL
    assert "第3条" in model.data(model.index(0, 5))
    assert model.data(model.index(1, EvidenceModel.VERDICT_COLUMN)) == "可采信"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_printing_the_case_file_saves_the_pdf(ctx, qtbot, shown, tmp_path):
    ctx.set_user("M")
    panel = shown(DisputePanel(ctx, interactive=False, print_dir=tmp_path))
    panel.select_customer(_cid(ctx, LIN_NEW))
    with qtbot.waitSignal(panel.case_printed) as sig:
        qtbot.mouseClick(panel._print_button, Qt.MouseButton.LeftButton)
    path = Path(sig.args[0])
    assert path.parent == tmp_path and path.is_file()
    text = _pdf_text(str(path))
    assert "客户归属争议裁决书" in text and "不可采信" in text


# ------------------------------------------------------------------------------------------ notice
def test_a_consultant_claims_through_the_notice_panel(ctx, qtbot, shown):
    ctx.set_user("B")
    panel = shown(NoticePanel(ctx, interactive=False))
    assert [i.customer for i in panel.model().rows] == ["周先生", "吴女士"]
    assert panel.select_customer(_cid(ctx, WU_NEW))
    assert panel._claimant_label.text() == "<b>李娜</b>"
    panel._same_picker.set_text("5566")  # the phone tail of her earlier record
    assert panel._same_picker.select_customer(_cid(ctx, WU_OLD))
    assert panel._claim_button.isEnabled()
    with qtbot.waitSignal(panel.claim_filed) as sig:
        qtbot.mouseClick(panel._claim_button, Qt.MouseButton.LeftButton)
    assert sig.args == [_cid(ctx, WU_NEW)]
    record = _open_case(ctx, WU_NEW)
    assert (record.kind, record.claimant, record.same_as) == ("claim", "B", _cid(ctx, WU_OLD))
    assert record.proposed == "B"  # R16: B registered her first, on day 1
    entry = next(i for i in queries.notice(ctx.office) if i.customer_id == _cid(ctx, WU_NEW))
    assert (entry.status, entry.claimant_name) == ("claimed", "李娜")
    assert "R20" in panel.status_text()


def test_the_front_desk_and_managers_cannot_claim(ctx, shown):
    for user in (None, "S", "M"):
        ctx.set_user(user)
        panel = shown(NoticePanel(ctx, interactive=False))
        panel.select_customer(_cid(ctx, WU_NEW))
        assert not panel._claim_button.isEnabled()
        assert "置业顾问或组长" in panel._claim_button.toolTip()


def test_a_consultant_cannot_claim_their_own_reception(ctx, shown):
    ctx.set_user("C")  # C received 吴女士 today
    panel = shown(NoticePanel(ctx, interactive=False))
    panel.select_customer(_cid(ctx, WU_NEW))
    assert not panel._claim_button.isEnabled()
    assert "自己接待" in panel._claim_button.toolTip()


def test_printing_the_notice_saves_a_pdf_with_masked_phones(ctx, qtbot, shown, tmp_path):
    panel = shown(NoticePanel(ctx, interactive=False, print_dir=tmp_path))
    assert panel.print_action().shortcut().toString() == "Ctrl+P"
    with qtbot.waitSignal(panel.notice_printed) as sig:
        panel.print_action().trigger()
    path = Path(sig.args[0])
    assert path.parent == tmp_path and path.name == "notice-20261103-113000.pdf"
    text = _pdf_text(str(path))
    assert "139****5678" in text and "137****2222" in text
    assert ZHOU not in text and WU_NEW not in text
    assert str(path) in panel.status_text()



def test_the_notice_goes_to_the_printer_through_qtpdf(ctx, qtbot, shown, tmp_path):
    from deskapp.domain.commands import SetOfficeInfo

    ctx.service.handle(SetOfficeInfo("翠湖天地售楼处", "08:30", "18:30", actor="__system__"), _at(DAY2, 11, 30))
    panel = shown(NoticePanel(ctx, print_dir=tmp_path / "saved"))  # interactive: offers the print dialog
    printed = tmp_path / "printer.pdf"
    seen = answer_print_dialogs(panel, printed, "打印…")
    with qtbot.waitSignal(panel.pdf_printer().printed) as sig:
        panel.print_action().trigger()
    assert seen == ["QMessageBox", "QPrintDialog"]
    saved = Path(sig.args[0])
    assert saved.parent == tmp_path / "saved"
    text = _pdf_text(str(saved))
    assert "翠湖天地售楼处" in text and "08:30" in text and "18:30" in text  # the office's own name and hours
    pages = pypdf.PdfReader(str(printed)).pages  # what reached the "printer": the pages, drawn
    assert len(pages) == len(pypdf.PdfReader(str(saved)).pages) and len(pages[0].images) == 1
    assert "08:30–18:30" in panel._date_label.text()


def test_the_case_file_can_be_left_unprinted(ctx, qtbot, shown, tmp_path):
    ctx.set_user("M")
    panel = shown(DisputePanel(ctx, print_dir=tmp_path))
    panel.select_customer(_cid(ctx, LIN_NEW))
    seen = answer_print_dialogs(panel, tmp_path / "printer.pdf", "不打印")
    with qtbot.waitSignal(panel.case_printed):
        qtbot.mouseClick(panel._print_button, Qt.MouseButton.LeftButton)
    assert seen == ["QMessageBox"] and not (tmp_path / "printer.pdf").exists()

def test_closing_the_day_settles_the_unclaimed_entries(ctx, qtbot, shown):
    panel = shown(NoticePanel(ctx, interactive=False))
    assert panel._close_button.isEnabled()
    with qtbot.waitSignal(panel.day_closed):
        qtbot.mouseClick(panel._close_button, Qt.MouseButton.LeftButton)
    statuses = {i.customer: i.status for i in panel.model().rows}
    assert statuses == {"周先生": "claimed", "吴女士": "settled"}
    assert not panel._close_button.isEnabled()
    assert ctx.office.day.closed


# -------------------------------------------------------------------------------------- supervisor
def test_a_receptionist_is_denied_a_reorder(ctx, shown):
    assert ctx.user is None  # the front desk
    panel = shown(SupervisorPanel(ctx, interactive=False))
    assert not panel._rotation_box.isEnabled()
    assert not panel._apply_order_button.isEnabled()
    assert panel.rotation_list().dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
    assert "销售主管" in panel._rotation_box.toolTip()
    before = ctx.office.day.upcoming()
    with pytest.raises(RuleError) as err:
        ctx.run(Reorder(("A", "B", "C", "D")))
    assert err.value.code == "forbidden"
    assert ctx.office.day.upcoming() == before


def test_the_supervisor_reorders_by_drag_and_drop(ctx, qtbot, shown):
    ctx.set_user("S")
    panel = shown(SupervisorPanel(ctx, interactive=False))
    lst = panel.rotation_list()
    assert lst.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    order = panel.rotation_keys()
    assert order == ctx.office.day.upcoming()
    assert not panel._apply_order_button.isEnabled()
    # What a drop does to the list's model: the last one moved to the top.
    assert lst.model().moveRow(QModelIndex(), len(order) - 1, QModelIndex(), 0)
    moved = [order[-1], *order[:-1]]
    assert panel.rotation_keys() == moved
    assert lst.item(0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("1. ")
    assert panel._apply_order_button.isEnabled()
    with qtbot.waitSignal(panel.rotation_reordered):
        qtbot.mouseClick(panel._apply_order_button, Qt.MouseButton.LeftButton)
    assert ctx.office.day.upcoming() == moved
    positions = {r.key: r.position for r in queries.board(ctx.office).rows}
    assert [k for k, _ in sorted(positions.items(), key=lambda kv: kv[1]) if positions[k]] == moved
    assert "R6" in panel.status_text()
    assert not panel._apply_order_button.isEnabled()


def test_a_credit_needs_a_written_reason(ctx, qtbot, shown, type_chinese):
    ctx.set_user("S")
    panel = shown(SupervisorPanel(ctx, interactive=False))
    panel._tabs.setCurrentIndex(1)
    panel._credit_who_combo.setCurrentIndex(panel._credit_who_combo.findData("C"))
    assert not panel._grant_button.isEnabled() and not panel._revoke_button.isEnabled()
    type_chinese(panel._credit_reason_edit, "上午外出办理案场公事")
    assert panel._grant_button.isEnabled()
    qtbot.mouseClick(panel._grant_button, Qt.MouseButton.LeftButton)
    assert ctx.office.credits_of("C") == 1
    assert panel._credit_count_label.text() == "1 个"
    assert panel._credit_reason_edit.text() == ""


def test_a_refusal_is_shown_in_the_users_language(ctx, qtbot, shown):
    ctx.set_user("S")
    panel = shown(SupervisorPanel(ctx, interactive=False))
    panel._step_who_combo.setCurrentIndex(panel._step_who_combo.findData("A"))
    qtbot.mouseClick(panel._back_button, Qt.MouseButton.LeftButton)  # A never stepped out
    assert panel._status.kind == "error"
    assert "张伟并未外出" in panel.status_text()
    ctx.lang = "en"
    qtbot.mouseClick(panel._back_button, Qt.MouseButton.LeftButton)
    assert "has not stepped out" in panel.status_text()


def test_step_out_on_official_business_and_back(ctx, qtbot, shown):
    ctx.set_user("S")
    panel = shown(SupervisorPanel(ctx, interactive=False))
    panel._step_who_combo.setCurrentIndex(panel._step_who_combo.findData("C"))
    qtbot.mouseClick(panel._official_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel._step_out_button, Qt.MouseButton.LeftButton)
    assert ctx.office.day.stepped_out == {"C": "official"}
    panel._step_who_combo.setCurrentIndex(panel._step_who_combo.findData("C"))
    qtbot.mouseClick(panel._back_button, Qt.MouseButton.LeftButton)
    assert ctx.office.day.stepped_out == {}


def test_each_tool_follows_the_roles_table(ctx, shown):
    cards = ("_rotation_box", "_step_box", "_rest_box", "_duty_box", "_credit_box", "_assign_box",
             "_followup_box", "_sanction_box", "_leave_box", "_depart_box")
    expected = {
        None: {"_followup_box"},  # a receptionist may record a follow-up, nothing else here
        "A": {"_followup_box"},
        "S": {"_rotation_box", "_step_box", "_rest_box", "_duty_box", "_credit_box", "_assign_box",
              "_followup_box"},
        "G": {"_rotation_box", "_step_box", "_rest_box", "_duty_box", "_credit_box", "_assign_box",
              "_followup_box", "_sanction_box"},
        "M": set(cards),
    }
    for user, enabled in expected.items():
        ctx.set_user(user)
        panel = shown(SupervisorPanel(ctx, interactive=False))
        assert {c for c in cards if getattr(panel, c).isEnabled()} == enabled, user


def test_a_transfer_needs_the_project_manager(ctx, qtbot, shown):
    ctx.set_user("M")
    panel = shown(SupervisorPanel(ctx, interactive=False))
    kinds = panel._depart_kind_combo
    kinds.setCurrentIndex(kinds.findData("transferred"))
    assert not panel._depart_button.isEnabled()
    assert "专案经理" in panel._depart_hint.text()
    kinds.setCurrentIndex(kinds.findData("resigned"))
    assert panel._depart_button.isEnabled()
    ctx.set_user("P")
    kinds.setCurrentIndex(kinds.findData("transferred"))
    panel._depart_who_combo.setCurrentIndex(panel._depart_who_combo.findData("D"))
    assert "D" not in [panel._handover_combo.itemData(i) for i in range(panel._handover_combo.count())]
    panel._handover_combo.setCurrentIndex(panel._handover_combo.findData("C"))
    qtbot.mouseClick(panel._depart_button, Qt.MouseButton.LeftButton)
    leaver = ctx.office.staff["D"]
    assert (leaver.active, leaver.departed, leaver.successor) == (False, "transferred", "C")
    assert ctx.office.customers[_cid(ctx, LIN_NEW)].owner == "C"  # R19: to the designated successor


# ------------------------------------------------------------------------------------------ models
def test_every_panel_model_passes_the_model_tester(ctx, qtmodeltester):
    notice = NoticeModel()
    notice.set_rows(queries.notice(ctx.office))
    cases = CaseListModel()
    cases.set_rows(queries.disputes(ctx.office, include_ruled=True))
    evidence = EvidenceModel()
    evidence.set_rows(next(v for v in queries.disputes(ctx.office) if v.customer_id == _cid(ctx, LIN_NEW)).evidence)
    for model in (notice, cases, evidence):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    empty = NoticeModel()
    qtmodeltester.check(empty)


def test_the_panels_proxies_pass_the_model_tester(ctx, shown, qtmodeltester):
    ctx.set_user("M")
    notice = shown(NoticePanel(ctx, interactive=False))
    disputes = shown(DisputePanel(ctx, interactive=False))
    qtmodeltester.check(notice.proxy())
    qtmodeltester.check(disputes._case_proxy)
    qtmodeltester.check(disputes._evidence_proxy)
