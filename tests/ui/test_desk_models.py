"""Every Qt model of the desk window passes qtmodeltester, and updates without needless resets."""

from __future__ import annotations

import pytest
from deskdata import OFFSCREEN_NOISE, ZHANGSAN

from deskapp.domain import commands as c
from deskapp.services import queries
from deskapp.ui.board_model import ConsultantTableModel, ReceptionTableModel, sorting_proxy
from deskapp.ui.customer_model import CustomerHitModel, HistoryModel

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def _busy_board(ctx):
    ctx.run(c.Arrive(c.Answers(first_visit=True), name="王五", phone="13700001234"))
    ctx.run(c.Arrive(c.Answers(first_visit=False), name="张三", phone=ZHANGSAN))
    ctx.run(c.Competitor("13700001234", True))
    return queries.board(ctx.office)


def test_consultant_model(desk_ctx, qtmodeltester):
    model = ConsultantTableModel("zh")
    model.set_rows(_busy_board(desk_ctx).rows)
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    qtmodeltester.check(sorting_proxy(model))


def test_reception_model(desk_ctx, qtmodeltester):
    model = ReceptionTableModel("zh")
    model.set_rows(_busy_board(desk_ctx).receptions)
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    qtmodeltester.check(sorting_proxy(model))


def test_customer_models(desk_ctx, qtmodeltester):
    hits = CustomerHitModel()
    hits.set_rows(queries.search(desk_ctx.office, "1"))
    assert hits.rowCount() == 2
    qtmodeltester.check(hits)
    hits.set_full_phone(True)
    qtmodeltester.check(hits)
    history = HistoryModel()
    history.set_rows(queries.customer_detail(desk_ctx.office, hits.rows[0].id).history)
    qtmodeltester.check(history)
    qtmodeltester.check(sorting_proxy(history))


def test_same_rows_change_data_in_place_and_new_rows_are_inserted(desk_ctx, qtbot):
    model = ReceptionTableModel("zh")
    desk_ctx.run(c.Arrive(c.Answers(first_visit=True), name="王五", phone="13700001234"))
    model.set_rows(queries.board(desk_ctx.office).receptions)
    assert not model.set_rows(model.rows)  # nothing new: no signal at all
    desk_ctx.run(c.Finish("13700001234"))
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        model.set_rows(queries.board(desk_ctx.office).receptions)
    desk_ctx.run(c.Arrive(c.Answers(first_visit=True), name="赵六", phone="13700005678"))
    with qtbot.waitSignal(model.rowsInserted), qtbot.assertNotEmitted(model.modelReset):
        model.set_rows(queries.board(desk_ctx.office).receptions)
    assert model.rowCount() == 2
