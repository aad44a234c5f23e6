"""Two front-desk stations on one SQLite database: what one records, the other's board shows by itself.

Nothing is faked: two PersistentOfficeService instances on the same file, two AppContexts, two
MainWindows; station 2 learns of station 1's check-in only through its own polling timer
(PRAGMA data_version, about once a second).
"""

from __future__ import annotations

import datetime as dt

import pytest
from deskdata import OFFSCREEN_NOISE

from deskapp.domain import commands as c
from deskapp.services.persistence import PersistentOfficeService
from deskapp.ui import main_window
from deskapp.ui.actions import ActionId
from deskapp.ui.context import AppContext
from deskapp.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

DAY = dt.date(2026, 11, 9)
NOW = dt.datetime(2026, 11, 9, 10, 0)
CAUGHT_UP_WITHIN_MS = 5000  # the board polls every second; generous for a loaded CI machine


@pytest.fixture
def office_url(tmp_path):
    """One office in an SQLite file: three consultants signed in, 李娜 first."""
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    setup = PersistentOfficeService(url, station="setup")
    at = dt.datetime.combine(DAY, dt.time(8, 30))
    for key, name in (("A", "张伟"), ("B", "李娜"), ("C", "王芳")):
        setup.handle(c.AddStaff(key, name, "consultant", "T1", actor="__system__"), at)
    setup.handle(c.OpenDay(DAY), at)
    setup.handle(c.SignIn(("B", "C", "A")), at)
    setup.close()
    return url


@pytest.fixture
def stations(office_url, qtbot, desk_settings):
    """(ctx, window) for desk-1 and desk-2, each with its own service on the same database."""
    out, services = [], []
    for station in ("desk-1", "desk-2"):
        svc = PersistentOfficeService(office_url, station=station)
        services.append(svc)
        ctx = AppContext(svc, clock=lambda: NOW, lang="zh")
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        out.append((ctx, window))
    yield out
    for _ctx, window in out:
        window.close()
    for svc in services:
        svc.close()


def test_a_check_in_at_one_station_appears_on_the_others_board(stations, qtbot):
    (ctx1, w1), (ctx2, w2) = stations
    assert ctx1.service is not ctx2.service and ctx1.service.engine is not ctx2.service.engine
    assert w2._timer.isActive() and w2._timer.interval() == main_window.TICK_MS  # the real polling timer
    for w in (w1, w2):
        assert w.board_view.next_up_text() == "下一位：李娜"
        assert not w.board_view.board.receptions

    ctx1.run(c.Arrive(c.Answers(first_visit=True), name="王五", phone="13700001234"))
    assert w1.board_view.next_up_text() == "下一位：王芳"  # at once where it was recorded

    with qtbot.waitSignal(ctx2.changed, timeout=CAUGHT_UP_WITHIN_MS):
        pass  # station 2's timer polled the database and caught up
    qtbot.waitUntil(lambda: w2.board_view.next_up_text() == "下一位：王芳", timeout=CAUGHT_UP_WITHIN_MS)
    rec = w2.board_view.board.receptions[-1]
    assert (rec.customer, rec.receiver_name, rec.kind, rec.active) == ("王五", "李娜", "rotation", True)
    row = next(r for r in w2.board_view.board.rows if r.key == "B")
    assert row.state == "receiving" and row.detail == "王五"
    assert ctx2.service.head == ctx1.service.head


def test_what_the_second_station_records_goes_back_to_the_first(stations, qtbot):
    (ctx1, w1), (ctx2, w2) = stations
    ctx1.run(c.Arrive(c.Answers(first_visit=True), name="王五", phone="13700001234"))
    qtbot.waitUntil(lambda: w2.board_view.next_up_text() == "下一位：王芳", timeout=CAUGHT_UP_WITHIN_MS)

    # station 2 finishes the reception station 1 recorded, and checks the next party in
    rec = w2.board_view.board.receptions[-1]
    assert w2.board_view.select_reception(rec.visit_id)
    with qtbot.waitSignal(w2.board_view.command_executed):
        w2.board_view.board_action(ActionId.FINISH).trigger()
    ctx2.run(c.Arrive(c.Answers(first_visit=True), name="赵六", phone="13700005678"))
    assert w2.board_view.next_up_text() == "下一位：张伟"

    qtbot.waitUntil(lambda: w1.board_view.next_up_text() == "下一位：张伟", timeout=CAUGHT_UP_WITHIN_MS)
    by_customer = {r.customer: r for r in w1.board_view.board.receptions}
    assert not by_customer["王五"].active and by_customer["赵六"].receiver_name == "王芳"
    assert next(r for r in w1.board_view.board.rows if r.key == "B").state == "free"
