"""The rotation board: next up, credits, receptions, and the board actions each role may take."""

from __future__ import annotations

import datetime as dt

import pytest
from deskdata import NOW, OFFSCREEN_NOISE, ZHANGSAN
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from deskapp.domain import commands as c
from deskapp.services import queries
from deskapp.ui.actions import ActionId
from deskapp.ui.board_model import BoardRole, ConsultantTableModel, ReceptionTableModel
from deskapp.ui.board_view import BoardView, customer_ref
from deskapp.ui.wall_view import WallView

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def _board(ctx, qtbot) -> BoardView:
    view = BoardView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def _arrive(ctx, phone, name, minutes=0, first=True):
    return ctx.service.handle(c.Arrive(c.Answers(first_visit=first), name=name, phone=phone),
                              NOW + dt.timedelta(minutes=minutes))


def test_the_banner_names_who_is_next_and_the_row_is_highlighted(desk_ctx, qtbot):
    view = _board(desk_ctx, qtbot)
    assert view.next_up_text() == "下一位：李娜"
    model = view.consultant_model()
    r = model.row_of_key("B")
    assert model.index(r, 0).data(int(BoardRole.IS_NEXT)) is True
    assert model.index(r, ConsultantTableModel.DETAIL).data() == "← 下一位"
    assert [row.name for row in model.rows] == ["李娜", "王芳", "张伟"]


def test_the_board_moves_when_the_context_changes(desk_ctx, qtbot):
    view = _board(desk_ctx, qtbot)
    desk_ctx.run(c.Arrive(c.Answers(first_visit=True), name="王五", phone="13700001234"))
    assert view.next_up_text() == "下一位：王芳"
    rec = view.reception_model().rows[-1]
    assert (rec.customer, rec.receiver_name, rec.kind) == ("王五", "李娜", "rotation")


def test_make_up_credits_show_as_badges_with_their_reasons(desk_ctx, qtbot):
    desk_ctx.service.handle(c.StepOut("B", "official", actor="B"), NOW)
    _arrive(desk_ctx, "13700001234", "王五", 1)  # passes 李娜 on official business: R4 credit
    desk_ctx.service.handle(c.Back("B", actor="B"), NOW + dt.timedelta(minutes=2))
    view = _board(desk_ctx, qtbot)
    model = view.consultant_model()
    idx = model.index(model.row_of_key("B"), ConsultantTableModel.CREDITS)
    badges = idx.data(int(BoardRole.BADGES))
    assert [text for text, _tip in badges] == ["补R4"]
    assert "R4 轮到时不在场：案场公事跳过" in badges[0][1]
    assert view.next_up_text() == "下一位：李娜"
    assert "持补接名额 · R4 轮到时不在场" in view._banner._via_label.text()


def test_finish_from_the_board_frees_the_consultant(desk_ctx, qtbot):
    _arrive(desk_ctx, "13700001234", "王五")
    view = _board(desk_ctx, qtbot)
    finish = view.board_action(ActionId.FINISH)
    assert not finish.isEnabled()  # nothing selected
    assert view.select_reception(view.reception_model().rows[-1].visit_id)
    assert finish.isEnabled()
    with qtbot.waitSignal(view.command_executed):
        view._action_buttons[ActionId.FINISH].click()
    row = next(r for r in view.board.rows if r.key == "B")
    assert row.state == "free"


def test_a_receptionist_may_not_take_a_complaint_but_a_supervisor_may(desk_ctx, qtbot):
    _arrive(desk_ctx, "13700001234", "王五")
    view = _board(desk_ctx, qtbot)
    view.select_reception(view.reception_model().rows[-1].visit_id)
    complaint = view.board_action(ActionId.COMPLAINT)
    assert view.board_action(ActionId.FINISH).isEnabled()
    assert view.board_action(ActionId.COMPETITOR).isEnabled()
    assert view.board_action(ActionId.REFUSE).isEnabled()
    assert not complaint.isEnabled()
    assert "您的角色无权执行" in complaint.toolTip()
    desk_ctx.set_user("S")
    assert complaint.isEnabled()


def test_a_forced_forbidden_action_shows_the_rule_error_in_a_message_box(desk_ctx, qtbot, monkeypatch):
    _arrive(desk_ctx, "13700001234", "王五")
    view = _board(desk_ctx, qtbot)
    view.select_reception(view.reception_model().rows[-1].visit_id)
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    view._on_complaint_triggered()  # forced past the disabled action
    assert shown and "前台无权投诉取消接待" in shown[0]
    assert queries.board(desk_ctx.office).receptions[-1].active  # nothing changed


def test_a_complaint_by_the_supervisor_passes_the_party_on(desk_ctx, qtbot, monkeypatch):
    _arrive(desk_ctx, "13700001234", "王五")
    desk_ctx.set_user("S")
    view = _board(desk_ctx, qtbot)
    view.select_reception(view.reception_model().rows[-1].visit_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.board_action(ActionId.COMPLAINT).trigger()
    recs = queries.board(desk_ctx.office).receptions
    assert recs[-2].cancelled and recs[-1].receiver_name == "王芳" and "R13" in recs[-1].rules


def test_a_refusal_records_and_passes_on(desk_ctx, qtbot, monkeypatch):
    _arrive(desk_ctx, "13700001234", "王五")
    view = _board(desk_ctx, qtbot)
    view.select_consultant("B")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert view.board_action(ActionId.REFUSE).isEnabled()
    view.board_action(ActionId.REFUSE).trigger()
    assert queries.board(desk_ctx.office).receptions[-1].receiver_name == "王芳"
    assert any(s.rule == "R28" for s in desk_ctx.office.sanctions)


def test_a_declared_competitor_earns_a_credit(desk_ctx, qtbot):
    _arrive(desk_ctx, "13700001234", "王五")
    view = _board(desk_ctx, qtbot)
    view.select_reception(view.reception_model().rows[-1].visit_id)
    view.board_action(ActionId.COMPETITOR).trigger()
    row = next(r for r in view.board.rows if r.key == "B")
    assert [cr.rule for cr in row.credits] == ["R12"]


def test_waiting_parties_are_visible(desk_ctx, qtbot):
    for i, phone in enumerate(("13700000001", "13700000002", "13700000003", "13700000004")):
        _arrive(desk_ctx, phone, f"客{i}", i)
    view = _board(desk_ctx, qtbot)
    assert view._waiting_label.isVisible() and "客3" in view._waiting_label.text()


def test_selection_survives_a_refresh(desk_ctx, qtbot):
    _arrive(desk_ctx, ZHANGSAN, "张三", first=False)
    view = _board(desk_ctx, qtbot)
    vid = view.reception_model().rows[-1].visit_id
    view.select_reception(vid)
    _arrive(desk_ctx, "13700001234", "王五", 1)
    desk_ctx.changed.emit()
    assert view.selected_reception().visit_id == vid


def test_wall_mode_shows_next_up_in_large_type_without_controls(desk_ctx, qtbot):
    wall = WallView(desk_ctx)
    qtbot.addWidget(wall)
    wall.resize(1600, 900)
    wall.show()
    qtbot.waitExposed(wall)
    assert wall.next_up_text() == "李娜"
    assert wall._next_label.font().pixelSize() >= 100
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    assert not wall.findChildren(QAbstractButton) and not wall.findChildren(QLineEdit)
    with qtbot.waitSignal(wall.wall_closed):
        qtbot.keyClick(wall, Qt.Key.Key_Escape)


def test_receptions_explain_themselves_in_english(desk_ctx, qtbot):
    _arrive(desk_ctx, "13700001234", "王五")
    desk_ctx.lang = "en"
    view = _board(desk_ctx, qtbot)
    model = view.reception_model()
    r = model.row_of_key(model.rows[-1].visit_id)
    text = model.index(r, ReceptionTableModel.EXPLANATION).data()
    assert text == model.rows[-1].explanation_en and text.startswith("R1: a new customer is received in turn")
    assert "轮到" not in text
    assert model.index(r, ReceptionTableModel.EXPLANATION).data(int(Qt.ItemDataRole.ToolTipRole)).startswith("R1: a new")


def _unnamed_party(ctx, qtbot):
    """A party received before any name or phone was recorded: the board shows it as "#<id>" (R9)."""
    ctx.service.handle(c.Arrive(c.Answers(first_visit=True)), NOW)
    view = _board(ctx, qtbot)
    rec = view.reception_model().rows[-1]
    assert rec.customer == f"#{rec.customer_id}" and rec.phone == "" and rec.receiver == "B"
    assert customer_ref(rec) == f"#{rec.customer_id}"
    assert view.select_reception(rec.visit_id)
    return view, rec


def test_finish_works_for_a_party_known_only_by_number(desk_ctx, qtbot):
    view, rec = _unnamed_party(desk_ctx, qtbot)
    with qtbot.waitSignal(view.command_executed):
        view.board_action(ActionId.FINISH).trigger()
    assert next(r for r in view.board.rows if r.key == "B").state == "free"
    assert not next(r for r in view.board.receptions if r.visit_id == rec.visit_id).active


def test_competitor_works_for_a_party_known_only_by_number(desk_ctx, qtbot):
    view, _rec = _unnamed_party(desk_ctx, qtbot)
    view.board_action(ActionId.COMPETITOR).trigger()
    assert [cr.rule for cr in next(r for r in view.board.rows if r.key == "B").credits] == ["R12"]


def test_complaint_works_for_a_party_known_only_by_number(desk_ctx, qtbot, monkeypatch):
    desk_ctx.set_user("S")
    view, rec = _unnamed_party(desk_ctx, qtbot)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.board_action(ActionId.COMPLAINT).trigger()
    recs = queries.board(desk_ctx.office).receptions
    assert recs[-2].visit_id == rec.visit_id and recs[-2].cancelled
    assert recs[-1].customer == rec.customer and recs[-1].receiver_name == "王芳" and "R13" in recs[-1].rules


def test_refusal_works_for_a_party_known_only_by_number(desk_ctx, qtbot, monkeypatch):
    view, rec = _unnamed_party(desk_ctx, qtbot)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert view.board_action(ActionId.REFUSE).isEnabled()
    view.board_action(ActionId.REFUSE).trigger()
    last = queries.board(desk_ctx.office).receptions[-1]
    assert last.customer == rec.customer and last.receiver_name == "王芳"
    assert any(s.rule == "R28" and s.who == "B" for s in desk_ctx.office.sanctions)


def _pixel(view, index, dx: int = 2):
    """The colour the table painted just inside the left edge of a cell (behind any pill or badge)."""
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    return image.pixelColor(rect.left() + dx, rect.center().y()).name()


def test_pill_and_badge_cells_share_their_rows_background_and_selection(desk_ctx, qtbot):
    """The state pill and the credit badges are drawn by delegates; behind them a cell must look like the
    rest of its row (the position cell, drawn by the style): the next-up tint, the plain background, and
    the selection colour when the row is selected."""
    view = _board(desk_ctx, qtbot)
    table = view._consultant_view
    model = view.consultant_model()
    nxt, other = model.row_of_key("B"), model.row_of_key("C")

    def looks(row):
        return [_pixel(table, model.index(row, column))
                for column in (ConsultantTableModel.POSITION, ConsultantTableModel.STATE, ConsultantTableModel.CREDITS)]

    tinted, plain = looks(nxt), looks(other)
    assert len(set(tinted)) == 1 and len(set(plain)) == 1 and tinted != plain
    assert view.select_consultant("C")
    selected = looks(other)
    assert len(set(selected)) == 1 and selected != plain
    assert looks(nxt) == tinted


def test_the_tables_show_their_column_titles_and_receptions_sort_by_the_title_clicked(desk_ctx, qtbot):
    _arrive(desk_ctx, "13700001234", "王五", 1)
    _arrive(desk_ctx, "13700001235", "赵六", 2)
    _arrive(desk_ctx, "13700001236", "孙七", 3)
    view = _board(desk_ctx, qtbot)
    for table, model in ((view._consultant_view, view.consultant_model()), (view._reception_view, view.reception_model())):
        header = table.horizontalHeader()
        assert header.count() == model.columnCount()
        assert [header.model().headerData(i, Qt.Orientation.Horizontal) for i in range(header.count())] == model.headers()
    table, model = view._reception_view, view.reception_model()

    def customers():
        proxy = table.model()
        return [proxy.index(r, ReceptionTableModel.CUSTOMER).data() for r in range(proxy.rowCount())]

    assert customers() == ["孙七", "赵六", "王五"]  # newest first
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + QPoint(header.sectionViewportPosition(
                         ReceptionTableModel.CUSTOMER) + 5, header.height() // 2))
    assert header.sortIndicatorSection() == ReceptionTableModel.CUSTOMER
    assert table.model().sortColumn() == ReceptionTableModel.CUSTOMER  # the click reached the sorting
    names = customers()
    assert names == sorted(names, reverse=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)
