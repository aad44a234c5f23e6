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
    qtbot.waitUntil(lambda: dlg.hit_model().rowCount() == 1, timeout=3000)
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


def test_a_database_backed_office_is_searched_through_its_indexes(qapp, desk_settings, qtbot, tmp_path, monkeypatch):
    import datetime as dt

    from deskdata import DAY1, NOW

    from deskapp.domain import commands as c
    from deskapp.services import queries
    from deskapp.services.persistence import PersistentOfficeService
    from deskapp.ui.context import AppContext

    svc = PersistentOfficeService(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    at = dt.datetime.combine(DAY1, dt.time(9))
    svc.handle(c.AddStaff("A", "张伟", "consultant", "T1", actor="__system__"), at)
    svc.handle(c.OpenDay(DAY1), at)
    svc.handle(c.SignIn(("A",)), at)
    svc.handle(c.Arrive(c.Answers(first_visit=True), name="张三", phone=ZHANGSAN), at)
    asked = []
    indexed = svc.search
    monkeypatch.setattr(svc, "search", lambda text, limit=50, **kw: asked.append(text) or indexed(text, limit), raising=False)
    monkeypatch.setattr(queries, "search", lambda *a, **k: pytest.fail("scanned the office in memory"))
    try:
        dlg = _dialog(AppContext(svc, clock=lambda: NOW), qtbot)
        dlg.search_now("zs")
        assert [(h.name, h.owner_name, h.matched_by) for h in dlg.hit_model().rows] == [("张三", "张伟", "pinyin")]
        assert dlg.detail_pane().detail.name == "张三"
        dlg.search_now("2222")
        assert [(h.name, h.matched_by) for h in dlg.hit_model().rows] == [("张三", "phone")]
        assert asked == ["zs", "2222"]
    finally:
        svc.close()


def test_an_office_in_memory_is_searched_in_memory(desk_ctx, qtbot, monkeypatch):
    from deskapp.services import queries

    assert not hasattr(desk_ctx.service, "search")
    scanned = []
    real = queries.search
    monkeypatch.setattr(queries, "search", lambda office, text, limit=50: scanned.append(text) or real(office, text, limit))
    dlg = _dialog(desk_ctx, qtbot)
    dlg.search_now("zs")
    assert scanned == ["zs"] and dlg.hit_model().rows[0].name == "张三"


def test_the_history_reads_in_english(desk_ctx, qtbot):
    desk_ctx.lang = "en"
    dlg = _dialog(desk_ctx, qtbot)
    dlg.search_now("zs")
    texts = [h.text for h in dlg.detail_pane().history_model().rows if h.kind == "visit"]
    assert texts and all(t.startswith("R1: a new customer is received in turn") for t in texts)
