"""Customer search: as-you-type by phone tail, name or pinyin initials, with the whole history."""

from __future__ import annotations

import pytest
from deskdata import OFFSCREEN_NOISE, ZHANGSAN

from deskapp.ui.customer_model import CustomerHitModel, HistoryModel
from deskapp.ui.search_dialog import SearchDialog

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def _dialog(ctx, qtbot) -> SearchDialog:
    dlg = SearchDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_pinyin_initials_find_the_customer_as_you_type(desk_ctx, qtbot):
    dlg = _dialog(desk_ctx, qtbot)
    qtbot.keyClicks(dlg.search_edit(), "zs")
    qtbot.waitUntil(lambda: dlg.hit_model().rowCount() == 1, timeout=1000)
    hit = dlg.hit_model().rows[0]
    assert hit.name == "张三" and hit.owner_name == "张伟" and hit.matched_by == "pinyin"
    idx = dlg.hit_model().index(0, CustomerHitModel.PHONE)
    assert idx.data() == "139****2222"
    assert dlg.detail_pane().detail.name == "张三"


def test_phone_tail_and_name_search(desk_ctx, qtbot, type_chinese):
    dlg = _dialog(desk_ctx, qtbot)
    dlg.search_now("2222")
    assert [h.name for h in dlg.hit_model().rows] == ["张三"]
    dlg.search_edit().clear()
    type_chinese(dlg.search_edit(), "李女")
    dlg.search_now()
    assert [h.name for h in dlg.hit_model().rows] == ["李女士"]
    dlg.search_now("nobody")
    assert dlg.hit_model().rowCount() == 0 and dlg.detail_pane().detail is None


def test_full_numbers_on_request(desk_ctx, qtbot):
    dlg = _dialog(desk_ctx, qtbot)
    dlg.search_now("zs")
    dlg._full_phone_check.setChecked(True)
    assert dlg.hit_model().index(0, CustomerHitModel.PHONE).data() == ZHANGSAN


def test_the_history_marks_amended_records_as_not_admissible(desk_ctx, qtbot):
    dlg = _dialog(desk_ctx, qtbot)
    dlg.search_now("zs")
    pane = dlg.detail_pane()
    model = pane.history_model()
    kinds = [(h.kind, h.amended) for h in model.rows]
    assert ("visit", False) in kinds and ("follow_up", True) in kinds
    r = next(i for i, h in enumerate(model.rows) if h.amended)
    assert model.index(r, HistoryModel.STATUS).data() == "已修改（不作为依据）"
    assert "日期有涂改" in model.index(r, HistoryModel.STATUS).data(3)  # ToolTipRole lists the correction
    assert "已修改（不作为依据）" in pane._facts_label.text()
    assert "R14 首次接待确定归属" in pane._facts_label.text() or "R1 单一客户轮接" in pane._facts_label.text()


def test_arrow_keys_in_the_search_field_move_through_results(desk_ctx, qtbot):
    from PySide6.QtCore import Qt

    dlg = _dialog(desk_ctx, qtbot)
    dlg.search_now("1")
    assert dlg.hit_model().rowCount() == 2
    first = dlg.detail_pane().detail.id
    qtbot.keyClick(dlg.search_edit(), Qt.Key.Key_Down)
    assert dlg.detail_pane().detail.id != first
    qtbot.keyClick(dlg.search_edit(), Qt.Key.Key_Up)
    assert dlg.detail_pane().detail.id == first
