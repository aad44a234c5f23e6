"""The board saved for the next start (deskapp.services.board_snapshot): exactly the live board, trusted
only at the journal head it was computed at."""

from __future__ import annotations

import datetime as dt

import pytest
from small_office import T0, build_small_office
from small_office import arrive as _arrive
from sqlalchemy import text

from deskapp.services import board_snapshot, queries
from deskapp.services.demo import build_demo
from deskapp.services.persistence import PersistentOfficeService, rebuild, verify


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'office.sqlite3'}"


@pytest.fixture
def svc(url):
    s = PersistentOfficeService(build_small_office(url))
    yield s
    s.close()


def _snapshot_rows(service):
    with service.engine.connect() as conn:
        return conn.execute(text("SELECT seq FROM hot_state WHERE id = 3")).scalars().all()


def test_a_busy_demo_board_reads_back_exactly(tmp_path):
    service = PersistentOfficeService(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    try:
        with service.bulk():
            build_demo(service, seed=5, customers=300, days=2, today=dt.date(2026, 11, 20))
        board = queries.board(service.office)
        assert board.receptions and board.rows and any(r.credits for r in board.rows)  # a real floor
        seq, back = board_snapshot.decode(board_snapshot.encode(board, service.head))
        assert seq == service.head
        assert back == board
        assert [type(r.since) for r in back.rows] == [type(r.since) for r in board.rows]
    finally:
        service.close()


def test_the_board_is_saved_at_the_head_and_read_back_with_the_stdlib(svc, url):
    assert board_snapshot.peek_board(url) is None  # nothing saved yet
    assert svc.save_board_snapshot()
    seq, board = board_snapshot.peek_board(url)
    assert seq == svc.head
    assert board == queries.board(svc.office)
    assert board.next_up == "C" and [r.phone for r in board.receptions] == ["13800001111", "13800002222"]
    assert svc.save_board_snapshot()  # already at the head: nothing rewritten
    assert _snapshot_rows(svc) == [svc.head]
    again = PersistentOfficeService(url)  # another start finds it saved at the head and leaves it
    try:
        assert again.save_board_snapshot() and _snapshot_rows(again) == [again.head]
    finally:
        again.close()
    assert verify(svc.engine).ok


def test_a_command_after_the_save_makes_the_saved_board_stale_until_it_is_saved_again(svc, url):
    svc.save_board_snapshot()
    svc.handle(_arrive("13800003333", "张飞"), T0 + dt.timedelta(minutes=7))
    assert board_snapshot.peek_board(url) is None  # one entry behind: the next start reads the saved state
    svc.save_board_snapshot()
    seq, board = board_snapshot.peek_board(url)
    assert seq == svc.head and [r.phone for r in board.receptions] == ["13800001111", "13800002222", "13800003333"]


def test_a_board_is_not_saved_over_another_stations_newer_entry(svc, url):
    other = PersistentOfficeService(url, station="desk-2")
    try:
        other.handle(_arrive("13800004444", "赵云"), T0 + dt.timedelta(minutes=8))
        assert not svc.save_board_snapshot()  # this desk's board is one entry behind the journal
        assert _snapshot_rows(svc) == []
        assert other.save_board_snapshot()
        assert board_snapshot.peek_board(url)[0] == other.head
    finally:
        other.close()


def test_a_board_saved_by_another_version_or_damaged_is_not_drawn(svc, url, monkeypatch):
    svc.save_board_snapshot()
    monkeypatch.setattr(board_snapshot, "__version__", "9.9.9")  # the app was upgraded
    assert board_snapshot.peek_board(url) is None
    upgraded = PersistentOfficeService(url)
    try:
        assert upgraded.save_board_snapshot()  # this version saves its own over it
    finally:
        upgraded.close()
    assert board_snapshot.peek_board(url) is not None
    with svc.engine.begin() as conn:
        conn.execute(text("UPDATE hot_state SET blob = :b WHERE id = 3"), {"b": b"{not json"})
    assert board_snapshot.peek_board(url) is None


def test_rebuilding_from_the_journal_drops_the_saved_board(svc, url):
    svc.save_board_snapshot()
    rebuild(svc.engine)
    assert _snapshot_rows(svc) == []
    assert board_snapshot.peek_board(url) is None


def test_inside_a_bulk_batch_nothing_is_saved(svc):
    with svc.bulk():
        svc.handle(_arrive("13800005555", "马超"), T0 + dt.timedelta(minutes=9))
        assert not svc.save_board_snapshot()
    assert _snapshot_rows(svc) == []


def test_only_sqlite_files_are_peeked():
    assert board_snapshot.sqlite_file("postgresql://u@h/db") is None
    assert board_snapshot.sqlite_file("sqlite:///:memory:") is None
    assert str(board_snapshot.sqlite_file("sqlite:////tmp/a.sqlite3?mode=rw")) == "/tmp/a.sqlite3"
    assert board_snapshot.peek_board("sqlite:////nonexistent/dir/x.sqlite3") is None


def test_every_field_of_the_board_is_carried(svc):
    """A field added to the DTOs must be added to the snapshot too (or this fails)."""
    board = queries.board(svc.office)
    _, back = board_snapshot.decode(board_snapshot.encode(board, 1))
    for original, copy in [(board, back), (board.rows[0], back.rows[0]), (board.receptions[0], back.receptions[0])]:
        assert vars(copy) == vars(original)


def test_a_full_verify_checks_the_saved_board_against_the_journal(svc):
    svc.save_board_snapshot()
    assert verify(svc.engine).ok
    board = queries.board(svc.office)
    wrong = board.replace(next_up="A", next_up_name="张三")
    with svc.engine.begin() as conn:
        conn.execute(text("UPDATE hot_state SET blob = :b WHERE id = 3"),
                     {"b": board_snapshot.encode(wrong, svc.head)})
    report = verify(svc.engine)
    assert not report.ok and "board saved for the next start differs" in report.message
    assert verify(svc.engine, full=False).ok  # the quick check reads only the chain and the state's entry
