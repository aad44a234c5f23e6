"""The check-in dialog: the R2 question, keyboard-only check-in, the live proposal, inline errors."""

from __future__ import annotations

import pytest
from deskdata import LI, OFFSCREEN_NOISE, ZHANGSAN
from PySide6.QtCore import Qt

from deskapp.services import queries
from deskapp.ui.checkin_dialog import MANDATED_QUESTION, CheckInDialog, parse_group

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def _dialog(ctx, qtbot) -> CheckInDialog:
    dlg = CheckInDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitActive(dlg)
    return dlg


def test_the_mandated_question_is_shown_verbatim(desk_ctx, qtbot):
    dlg = _dialog(desk_ctx, qtbot)
    assert dlg._question_label.text() == "您好！您是第一次来吗？之前我们这边有人与您联系过吗？" == MANDATED_QUESTION


def test_a_party_is_checked_in_by_keyboard_and_next_up_moves(desk_ctx, qtbot):
    assert queries.board(desk_ctx.office).next_up_name == "李娜"
    dlg = _dialog(desk_ctx, qtbot)
    assert dlg.focusWidget() is dlg._phone_edit
    qtbot.keyClicks(dlg._phone_edit, "13700001234")
    qtbot.keyClick(dlg._phone_edit, Qt.Key.Key_Tab)
    assert dlg.focusWidget() in (dlg._first_yes, dlg._first_no)
    qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Y)
    assert dlg.first_visit() is True
    with qtbot.waitSignal(dlg.customer_checked_in, timeout=3000):
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Return)
    board = queries.board(desk_ctx.office)
    rec = board.receptions[-1]
    assert (rec.phone, rec.receiver_name, rec.turn) == ("13700001234", "李娜", "consumed")
    assert board.next_up_name == "王芳"
    assert not dlg.isVisible()


def test_a_returning_customer_goes_to_the_owner_and_the_dialog_shows_the_r2_call(desk_ctx, qtbot):
    dlg = _dialog(desk_ctx, qtbot)
    qtbot.keyClicks(dlg._phone_edit, ZHANGSAN)
    assert "张三" in dlg._match_label.text() and "张伟" in dlg._match_label.text()
    dlg.fill(first_visit=False)
    dlg.preview_now()
    d = dlg.decision()
    assert d.receiver == "A" and d.notify == ["A"] and "R2" in d.rules and d.turn == "none"
    assert dlg._receiver_label.text() == "接待：张伟"
    assert dlg._notify_label.isVisible() and dlg._notify_label.text() == "请通知：张伟"
    assert "R2 首问来访与联系人" in dlg._rules_label.text()
    with qtbot.waitSignal(dlg.customer_checked_in) as sig:
        assert dlg.confirm()
    assert sig.args == ["张三"]
    board = queries.board(desk_ctx.office)
    assert board.receptions[-1].receiver_name == "张伟"
    assert board.next_up_name == "李娜"  # the owner took no turn (R2)


def test_the_proposal_follows_the_inputs_after_a_short_pause(desk_ctx, qtbot):
    dlg = _dialog(desk_ctx, qtbot)
    assert dlg.decision() is None and "Y / N" in dlg._preview_hint.text()
    dlg.fill(phone="13700009999", first_visit=True)
    qtbot.waitUntil(lambda: dlg.decision() is not None, timeout=3000)
    assert dlg._receiver_label.text() == "接待：李娜"
    dlg._names_combo.setCurrentIndex(dlg._names_combo.findData("C"))
    qtbot.waitUntil(lambda: dlg.decision().receiver == "C", timeout=3000)
    assert "R17" in dlg._rules_label.text()


def test_a_missing_answer_and_a_bad_phone_are_shown_inline_in_red_and_nothing_is_recorded(desk_ctx, qtbot):
    before = len(desk_ctx.office.visits)
    dlg = _dialog(desk_ctx, qtbot)
    qtbot.keyClicks(dlg._phone_edit, "12345")
    qtbot.assertNotEmitted(dlg.customer_checked_in)
    assert not dlg.confirm()
    errors = dlg.error_text()
    assert "电话号码“12345”无效" in errors
    assert "必须记录客户的回答：是否第一次来" in errors
    assert dlg._phone_error.objectName() == "error" and dlg._phone_error.isVisible()
    assert dlg._phone_edit.property("invalid") is True
    assert len(desk_ctx.office.visits) == before and dlg.isVisible()


def test_a_pinyin_match_offered_for_the_name_sets_is_customer(desk_ctx, qtbot, type_chinese):
    dlg = _dialog(desk_ctx, qtbot)
    qtbot.keyClicks(dlg._phone_edit, "18600001111")  # 张三 with a new phone (mechanics 21)
    dlg._name_edit.setFocus()
    qtbot.keyClicks(dlg._name_edit, "zs")
    assert dlg._suggest_list.isVisible() and "张三" in dlg._suggest_list.item(0).text()
    qtbot.keyClick(dlg._name_edit, Qt.Key.Key_Down)
    qtbot.keyClick(dlg._name_edit, Qt.Key.Key_Return)
    cmd = dlg.build_command()
    assert cmd.is_customer == ZHANGSAN and cmd.name == "张三"
    assert dlg._linked_label.isVisible() and "张三" in dlg._linked_label.text()
    dlg._unlink_button.click()
    assert dlg.build_command().is_customer is None
    dlg._name_edit.clear()
    type_chinese(dlg._name_edit, "李女士")
    assert dlg._name_edit.text() == "李女士"
    assert "李女士" in dlg._suggest_list.item(0).text()


def test_a_phone_tail_offers_the_matching_customer(desk_ctx, qtbot):
    dlg = _dialog(desk_ctx, qtbot)
    qtbot.keyClicks(dlg._phone_edit, LI[-5:])
    assert dlg._suggest_list.isVisible() and "李女士" in dlg._suggest_list.item(0).text()
    qtbot.keyClick(dlg._phone_edit, Qt.Key.Key_Down)
    qtbot.keyClick(dlg._phone_edit, Qt.Key.Key_Return)
    assert dlg._phone_edit.text() == LI
    assert "李女士" in dlg._match_label.text()


def test_referral_family_and_group_fields_build_the_command(desk_ctx, qtbot, type_chinese):
    dlg = _dialog(desk_ctx, qtbot)
    dlg.fill(phone="13700002222", first_visit=True)
    type_chinese(dlg._name_edit, "王五")
    dlg._more_button.click()
    dlg._referrer_edit.setText(ZHANGSAN)
    assert "张三" in dlg._referrer_label.text()
    dlg._accompanied_check.setChecked(False)
    dlg._family_edit.setText(LI)
    dlg._relation_combo.setCurrentIndex(dlg._relation_combo.findData("spouse"))
    dlg._group_edit.setPlainText("赵六 13700003333\n钱七")
    cmd = dlg.build_command()
    assert (cmd.referred_by, cmd.accompanied, cmd.family_of, cmd.relation) == (ZHANGSAN, False, LI, "spouse")
    assert [(p.name, p.phone) for p in cmd.group] == [("赵六", "13700003333"), ("钱七", None)]


def test_group_lines_with_a_bad_phone_are_refused():
    import pytest

    from deskapp.domain.errors import RuleError

    with pytest.raises(RuleError):
        parse_group("赵六 1370000")
