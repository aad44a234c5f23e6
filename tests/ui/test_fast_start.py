"""Starting the desk (deskapp.app.start_gui): the board from the saved state at once, then the live service.

The saved state is read by deskapp.services.hotstate.peek_office; these tests stand a stub in its place
(the office it returns is what the board must show), and open a real SQLite office for the live service.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from deskdata import NOW, OFFSCREEN_NOISE, build_office, fill_office
from PySide6.QtWidgets import QLabel

from deskapp import app as app_module
from deskapp.domain import commands as c
from deskapp.domain.errors import RuleError
from deskapp.ui.actions import ActionId
from deskapp.ui.context import StartingService
from deskapp.ui.main_window import LIVE_ACTIONS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

LATER = NOW + dt.timedelta(minutes=20)  # the desk's clock: after every arrival below
FIRST = c.Answers(first_visit=True)
GUEST_1 = "13700000001"  # arrives before the desk starts: 李娜 receives her
GUEST_2 = "13700000002"  # arrives at another station while this desk starts: 王芳 receives him
GUEST_3 = "13700000003"  # checked in at this desk once it is live: 张伟


def _office_db(path: Path, *arrivals: str) -> str:
    """An SQLite office with build_office()'s records and these arrivals today; returns its URL."""
    from deskapp.services.persistence import PersistentOfficeService

    url = f"sqlite:///{path}"
    svc = fill_office(PersistentOfficeService(url))
    for i, phone in enumerate(arrivals):
        svc.handle(c.Arrive(FIRST, name=f"客人{i + 1}", phone=phone), NOW + dt.timedelta(minutes=i))
    svc.close()
    return url


def _saved_state(*arrivals: str):
    """What peek_office would have read: the office in memory, at the last entry it saw."""
    svc = build_office()
    for i, phone in enumerate(arrivals):
        svc.handle(c.Arrive(FIRST, name=f"客人{i + 1}", phone=phone), NOW + dt.timedelta(minutes=i))
    return svc.office


@pytest.fixture
def peek(monkeypatch, qapp, desk_settings):
    """Stub deskapp.services.hotstate.peek_office; `peek.office` is what it returns, `peek.urls` what it was asked."""
    from deskapp.ui import fonts

    fonts.install_app_font(qapp)
    monkeypatch.setattr(app_module, "create_application", lambda argv: (qapp, "zh"))
    monkeypatch.delenv("DESKAPP_DB_URL", raising=False)
    from deskapp.services import hotstate

    stub = types.SimpleNamespace(office=None, urls=[])

    def peek_office(url):
        stub.urls.append(url)
        return stub.office

    monkeypatch.setattr(hotstate, "peek_office", peek_office)
    return stub


@pytest.fixture
def started(qtbot):
    """Collects the desks a test starts, and closes them (service, idle lock, window) afterwards."""
    desks = []

    def start(url):
        desk = app_module.start_gui(["deskapp"], db_url=url, clock=lambda: LATER)
        desks.append(desk)
        if desk.window is not None:
            qtbot.addWidget(desk.window)
        return desk

    yield start
    for desk in desks:
        desk.close()


def _reopened(url):
    from deskapp.services.persistence import PersistentOfficeService

    return PersistentOfficeService(url)


def test_the_board_comes_from_the_saved_state_then_the_live_service_takes_over(peek, started, qtbot, tmp_path):
    url = _office_db(tmp_path / "office.sqlite3", GUEST_1, GUEST_2)
    peek.office = _saved_state(GUEST_1)  # the state saved before GUEST_2 arrived at another station
    desk = started(url)
    window, board = desk.window, desk.window.board_view

    # at once: the saved state on the board, every command refused, the actions that need the database off
    assert peek.urls == [url]
    assert window.isVisible() and not desk.live and isinstance(desk.ctx.service, StartingService)
    assert board.next_up_text() == "下一位：王芳"
    assert [r.phone for r in board.board.receptions] == [GUEST_1]
    assert board.consultant_model().rowCount() == len(board.board.rows) > 0
    assert window.starting_text() == "正在打开数据库…"
    assert window.findChild(QLabel, "startingLabel").isVisibleTo(window)
    assert [aid for aid in LIVE_ACTIONS if window.action(aid).isEnabled()] == []
    assert board.select_reception(board.board.receptions[0].visit_id)
    assert not board.board_action(ActionId.FINISH).isEnabled()
    assert not window.action(ActionId.PRINT_VISIT_SHEET).isEnabled()
    assert window.panel_titles() == ["轮接看板"]
    with pytest.raises(RuleError) as refused:
        desk.ctx.run(c.Arrive(FIRST, name="插队", phone="13700000099"))
    assert refused.value.code == "starting" and "正在打开数据库" in refused.value.zh

    # right after the first paint: the live service, the live state, the panels, the actions
    qtbot.waitUntil(lambda: desk.live, timeout=10_000)
    assert not isinstance(desk.ctx.service, StartingService)
    assert board.next_up_text() == "下一位：张伟"
    assert [r.phone for r in board.board.receptions] == [GUEST_1, GUEST_2]
    assert window.starting_text() == ""
    assert not window.findChild(QLabel, "startingLabel").isVisibleTo(window)
    assert window.action(ActionId.CHECK_IN).isEnabled() and window.action(ActionId.SEARCH).isEnabled()
    assert window.action(ActionId.PRINT_VISIT_SHEET).isEnabled()  # the reception selected before is still selected
    assert board.selected_reception().phone == GUEST_1
    assert board.board_action(ActionId.FINISH).isEnabled()
    assert "认领公示" in window.panel_titles()
    assert "settingsAction" in [a.objectName() for a in window.actions()]

    head = desk.ctx.service.head
    decision = desk.ctx.run(c.Arrive(FIRST, name="客人3", phone=GUEST_3))
    assert decision.receiver == "A"
    assert board.board.receptions[-1].receiver_name == "张伟"
    desk.close()
    again = _reopened(url)
    try:
        assert again.head == head + 1
        assert again.office.by_phone.get(GUEST_3) is not None
        assert again.office.by_phone.get("13700000099") is None  # the refused check-in left nothing
    finally:
        again.close()


def test_the_next_start_draws_the_board_the_desk_saved_without_reading_the_saved_state(peek, started, qtbot,
                                                                                      tmp_path):
    url = _office_db(tmp_path / "office.sqlite3", GUEST_1)
    peek.office = None
    first = started(url)  # no board saved yet: the service opens first, then the desk saves its board
    assert first.live and peek.urls == [url]
    live_board = first.window.board_view.board
    first.close()

    desk = started(url)
    assert peek.urls == [url]  # the saved state was not needed this time
    assert not desk.live and desk.ctx.service.board_snapshot == live_board
    assert desk.ctx.office is None  # nothing of the rulebook's state on the way to the board
    board = desk.window.board_view
    assert board.next_up_text() == "下一位：王芳"
    assert [r.phone for r in board.board.receptions] == [GUEST_1]
    assert [aid for aid in LIVE_ACTIONS if desk.window.action(aid).isEnabled()] == []
    qtbot.waitUntil(lambda: desk.live, timeout=10_000)
    assert board.board == live_board
    assert desk.ctx.run(c.Arrive(FIRST, name="客人2", phone=GUEST_2)).receiver == "C"
    desk.close()  # saves the board at the new head

    again = started(url)
    assert peek.urls == [url]
    assert [r.phone for r in again.window.board_view.board.receptions] == [GUEST_1, GUEST_2]


def test_a_saved_board_older_than_the_last_entry_is_not_drawn(peek, started, qtbot, tmp_path):
    url = _office_db(tmp_path / "office.sqlite3", GUEST_1)
    peek.office = None
    started(url).close()  # saves the board with GUEST_1
    other = _reopened(url)  # another station, or a command after the desk's last save
    other.handle(c.Arrive(FIRST, name="客人2", phone=GUEST_2), NOW + dt.timedelta(minutes=5))
    other.close()
    peek.office = _saved_state(GUEST_1, GUEST_2)
    desk = started(url)
    assert peek.urls == [url, url]  # the saved state, not the stale board
    assert desk.ctx.service.board_snapshot is None
    assert [r.phone for r in desk.window.board_view.board.receptions] == [GUEST_1, GUEST_2]
    qtbot.waitUntil(lambda: desk.live, timeout=10_000)


def test_an_idle_desk_saves_its_board_after_a_change(peek, started, qtbot, tmp_path, monkeypatch):
    from deskapp.services.board_snapshot import peek_board

    monkeypatch.setattr(app_module, "BOARD_SAVE_IDLE_MS", 50)
    url = _office_db(tmp_path / "office.sqlite3", GUEST_1)
    peek.office = None
    desk = started(url)
    assert peek_board(url)[0] == desk.ctx.service.head  # saved on going live
    desk.ctx.run(c.Arrive(FIRST, name="客人2", phone=GUEST_2))
    assert peek_board(url) is None  # not inside the check-in: the desk saves it once idle
    qtbot.waitUntil(lambda: peek_board(url) is not None, timeout=5_000)
    assert peek_board(url) == (desk.ctx.service.head, desk.window.board_view.board)


def test_without_a_saved_state_the_service_opens_first_and_the_full_window_follows(peek, started, tmp_path):
    url = _office_db(tmp_path / "office.sqlite3", GUEST_1)
    peek.office = None  # PostgreSQL, an older database...: no saved state
    desk = started(url)
    assert peek.urls == [url]
    assert desk.live and desk.window.isVisible()
    assert desk.window.board_view.next_up_text() == "下一位：王芳"
    assert desk.window.starting_text() == ""
    assert all(desk.window.action(aid).isEnabled() for aid in (ActionId.CHECK_IN, ActionId.SEARCH, ActionId.SIGN_IN))
    assert "认领公示" in desk.window.panel_titles()
    assert desk.ctx.run(c.Arrive(FIRST, name="客人2", phone=GUEST_2)).receiver == "C"


def test_a_saved_state_without_staff_is_no_reason_to_skip_the_first_run_wizard(peek, started, tmp_path, monkeypatch):
    from deskapp.domain import Office

    peek.office = Office()  # an empty office: the wizard must run, so the service opens first
    asked = []
    monkeypatch.setattr(app_module, "first_run", lambda service, lang, db_url: asked.append(service) or None)
    desk = started(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert desk.window is None and desk.code == 0 and len(asked) == 1
    asked[0].close()


def test_a_database_that_will_not_open_after_the_board_is_shown_quits_cleanly(peek, started, qtbot, tmp_path,
                                                                                monkeypatch):
    from deskapp.ui import station_config

    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    peek.office = _saved_state(GUEST_1)
    asked = []
    monkeypatch.setattr(station_config, "ask_after_failure", lambda message, *a, **k: asked.append(message))
    desk = started(f"sqlite:///{broken}")
    ended = []
    desk.on_end = ended.append
    assert not desk.live and desk.window.isVisible()
    qtbot.waitUntil(lambda: desk.code is not None, timeout=10_000)
    assert len(asked) == 1 and asked[0]  # the station was told why
    assert desk.code == 1 and ended == [1]
    assert not desk.window.isVisible() and not desk.live
    desk.go_live()  # a late timer changes nothing
    assert desk.code == 1 and len(asked) == 1


def test_another_database_chosen_after_a_failure_is_the_one_the_board_shows(peek, started, qtbot, tmp_path,
                                                                             monkeypatch):
    from deskapp.ui import station_config

    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    other = _office_db(tmp_path / "other.sqlite3")  # no arrival today: 李娜 is next there
    peek.office = _saved_state(GUEST_1, GUEST_2)
    monkeypatch.setattr(station_config, "ask_after_failure", lambda *a, **k: other)
    desk = started(f"sqlite:///{broken}")
    assert desk.window.board_view.next_up_text() == "下一位：张伟"
    qtbot.waitUntil(lambda: desk.live, timeout=10_000)
    assert desk.window.board_view.next_up_text() == "下一位：李娜"
    assert desk.window.board_view.board.receptions == ()


def test_an_unexpected_failure_while_opening_is_shown_and_ends_the_start(peek, started, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    peek.office = _saved_state()

    def broken_service(*args, **kwargs):
        raise RuntimeError("磁盘读取错误")

    monkeypatch.setattr(app_module, "make_service", broken_service)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    desk = started(f"sqlite:///{tmp_path / 'office.sqlite3'}")
    assert desk.window.isVisible() and not desk.live
    qtbot.waitUntil(lambda: desk.code is not None, timeout=10_000)
    assert desk.code == 1 and not desk.window.isVisible()
    assert shown == [("无法打开数据库", "轮接台无法启动：磁盘读取错误")]


FAST_PATH_SCRIPT = r"""
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from deskdata import build_office
from deskapp.services import hotstate
hotstate.peek_office = lambda url: build_office().office
from deskapp import app
desk = app.start_gui(["deskapp"], db_url=sys.argv[3])
import deskapp.ui.board_view, deskapp.ui.context, deskapp.ui.db_url, deskapp.ui.main_window  # noqa: E401
window = desk.window
print(json.dumps({
    "visible": window.isVisible(), "live": desk.live, "rows": window.board_view.consultant_model().rowCount(),
    "next": window.board_view.next_up_text(), "status": window.starting_text(),
    "modules": sorted(sys.modules),
}))
"""

# Imported only once the live service is attached (or when first used): none of them on the way to the board.
HEAVY = ("sqlalchemy", "alembic", "psycopg", "reportlab", "pypinyin", "openpyxl", "yaml", "argon2",
         "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
         "deskapp.store.engine", "deskapp.store.migrate", "deskapp.services.persistence", "deskapp.reports",
         "deskapp.ui.checkin_dialog", "deskapp.ui.search_dialog", "deskapp.ui.pdf_print", "deskapp.ui.station_config",
         "deskapp.ui.settings_dialog", "deskapp.ui.first_run", "deskapp.ui.panel_kit", "deskapp.ui.notice_panel",
         "deskapp.ui.dispute_panel", "deskapp.ui.supervisor_panel", "deskapp.ui.daily_report_panel",
         "deskapp.ui.excel_dialogs", "deskapp.ui.idle_lock", "deskapp.ui.signin_dialog")


def test_the_board_is_shown_before_the_database_layers_reportlab_or_the_panels_are_imported(tmp_path):
    root = Path(app_module.__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               DESKAPP_CACHE_DIR=str(tmp_path / "cache"), HOME=str(tmp_path))
    env.pop("DESKAPP_DB_URL", None)
    out = subprocess.run([sys.executable, "-c", FAST_PATH_SCRIPT, str(root), str(Path(__file__).parent),
                          f"sqlite:///{tmp_path / 'office.sqlite3'}"],
                         capture_output=True, text=True, env=env, timeout=120, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["visible"] and not seen["live"] and seen["rows"] == 3
    assert seen["next"] == "下一位：李娜" and seen["status"] == "正在打开数据库…"
    loaded = [m for m in seen["modules"] if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert loaded == []


SNAPSHOT_PATH_SCRIPT = r"""
import json, sys
sys.path[:0] = [sys.argv[1]]
from deskapp import app
desk = app.start_gui(["deskapp"], db_url=sys.argv[2])
window = desk.window
print(json.dumps({
    "visible": window.isVisible(), "live": desk.live, "rows": window.board_view.consultant_model().rowCount(),
    "next": window.board_view.next_up_text(), "modules": sorted(sys.modules),
}))
"""

# Not even the rulebook's state is read when the board saved at the last entry can be drawn.
RULEBOOK = ("deskapp.domain.office", "deskapp.domain.model", "deskapp.domain.rotation", "deskapp.domain.policy",
            "deskapp.services.hotstate", "deskapp.services.queries", "deskapp.services.lazy", "pickle")


def test_a_saved_board_is_drawn_before_the_rulebook_is_imported(tmp_path):
    from deskapp.services.persistence import PersistentOfficeService

    url = _office_db(tmp_path / "office.sqlite3", GUEST_1)
    svc = PersistentOfficeService(url)
    assert svc.save_board_snapshot()
    svc.close()
    root = Path(app_module.__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               DESKAPP_CACHE_DIR=str(tmp_path / "cache"), HOME=str(tmp_path))
    env.pop("DESKAPP_DB_URL", None)
    out = subprocess.run([sys.executable, "-c", SNAPSHOT_PATH_SCRIPT, str(root), url],
                         capture_output=True, text=True, env=env, timeout=120, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["visible"] and not seen["live"] and seen["next"] == "下一位：王芳"
    assert seen["rows"] == 3
    loaded = [m for m in seen["modules"] if any(m == h or m.startswith(h + ".") for h in HEAVY + RULEBOOK)]
    assert loaded == []


def test_the_garbage_collector_is_paused_only_until_the_board_is_painted(peek, started, qtbot, tmp_path):
    import gc

    assert gc.isenabled()
    url = _office_db(tmp_path / "office.sqlite3", GUEST_1)
    peek.office = _saved_state(GUEST_1)
    desk = started(url)
    assert not desk.live and not gc.isenabled()  # building and painting the board
    qtbot.waitUntil(lambda: desk.live, timeout=10_000)
    assert gc.isenabled()  # from the moment the database is opened
    desk.close()
    assert gc.isenabled()

    peek.office = None  # no saved state and no saved board: the service (perhaps the first-run wizard) first
    slow = started(_office_db(tmp_path / "other.sqlite3", GUEST_1))
    assert slow.live and gc.isenabled()


def test_a_desk_closed_before_its_first_paint_resumes_the_garbage_collector(peek, started, tmp_path):
    import gc

    url = _office_db(tmp_path / "office.sqlite3", GUEST_1)
    peek.office = _saved_state(GUEST_1)
    desk = started(url)
    assert not gc.isenabled()
    desk.window.close()
    desk.close()
    assert gc.isenabled()
