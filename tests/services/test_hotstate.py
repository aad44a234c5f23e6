"""Start-up without replaying the journal: the saved office state, store-backed lookups, the stdlib peek."""

from __future__ import annotations

import datetime as dt
import os
import pickle

import pytest
from small_office import T0, build_small_office
from small_office import arrive as _arrive
from sqlalchemy import text

from deskapp.domain import Office
from deskapp.domain import commands as c
from deskapp.services import hotstate, lazy, queries
from deskapp.services.demo import build_demo
from deskapp.services.persistence import PersistentOfficeService, verify


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'office.sqlite3'}"


@pytest.fixture
def office_url(url):
    return build_small_office(url)


def test_start_up_reads_the_saved_state_and_never_replays(office_url, monkeypatch):
    calls = []
    real = Office.execute
    monkeypatch.setattr(Office, "execute", lambda self, *a, **k: calls.append(a) or real(self, *a, **k))
    svc = PersistentOfficeService(office_url)
    assert calls == []  # nothing replayed
    assert lazy.is_lazy(svc.office)
    board = queries.board(svc.office)
    assert [r.key for r in board.rows if r.state == "receiving"] == ["A", "B"]
    assert board.next_up == "C"
    d = svc.handle(_arrive("13800003333", "张飞"), T0 + dt.timedelta(minutes=7))
    assert d.receiver == "C" and len(calls) == 1
    d = svc.handle(_arrive("13800001111", first=False), T0 + dt.timedelta(minutes=8))
    assert d.owner == "A"  # found through the phone index, not a dictionary of every customer
    assert verify(svc.engine).ok


def test_the_state_saved_does_not_grow_with_the_customer_base(tmp_path):
    svc = PersistentOfficeService(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    with svc.bulk():
        build_demo(svc, seed=3, customers=600, days=3, today=dt.date(2026, 11, 20))
    with svc.engine.connect() as conn:
        blob = conn.execute(text("SELECT blob FROM hot_state WHERE id = 1")).scalar_one()
        staff = conn.execute(text("SELECT blob FROM hot_state WHERE id = 2")).scalar_one()
    state = hotstate.loads(blob)
    assert not set(state) & hotstate.NOT_IN_STATE and "staff" not in state
    assert sorted(hotstate.loads(staff)) == sorted(svc.office.staff)
    assert len(blob) < 8 * 1024, len(blob)  # today's floor, not the customer base
    assert len(svc.office.customers) >= 600
    again = PersistentOfficeService(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    assert len(again.office.customers) == len(svc.office.customers)
    assert again.office.customers.cached() < 100  # today's customers at most


def test_a_database_without_saved_state_is_derived_once_from_the_journal(office_url):
    svc = PersistentOfficeService(office_url)
    with svc.engine.begin() as conn:
        conn.execute(text("DELETE FROM hot_state"))
        conn.execute(text("DELETE FROM hot_records"))
        conn.execute(text("DELETE FROM customer_refs"))
    report = verify(svc.engine, full=False)
    assert not report.ok and "rebuild" in report.message
    svc.close()
    again = PersistentOfficeService(office_url)
    assert verify(again.engine).ok
    assert queries.board(again.office).next_up == "C"
    assert again.office.by_ref["刘备"] == again.office.by_phone["13800001111"]


def test_a_hostile_state_blob_runs_nothing_and_is_re_derived(office_url, tmp_path):
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    svc = PersistentOfficeService(office_url)
    with svc.engine.begin() as conn:
        conn.execute(text("UPDATE hot_state SET blob = :b WHERE id = 1"), {"b": pickle.dumps({"x": Evil()})})
    report = verify(svc.engine)
    assert not report.ok and "cannot be read" in report.message
    assert hotstate.peek_office(office_url) is None
    again = PersistentOfficeService(office_url)
    assert not marker.exists()
    assert queries.board(again.office).next_up == "C"
    assert verify(again.engine).ok


def test_a_stale_saved_state_fails_the_quick_verify(office_url):
    svc = PersistentOfficeService(office_url)
    with svc.engine.begin() as conn:
        conn.execute(text("UPDATE hot_state SET seq = seq - 1 WHERE id = 1"))
    report = verify(svc.engine, full=False)
    assert not report.ok and "saved office state" in report.message


def test_a_tampered_saved_record_fails_the_full_verify(office_url):
    svc = PersistentOfficeService(office_url)
    svc.handle(c.Arrive(answers=c.Answers(first_visit=False, contacted_by="unknown"), phone="13800005555",
                        name="马超"), T0 + dt.timedelta(minutes=9))  # R20: on the claim notice
    with svc.engine.connect() as conn:
        kind, rid, blob = conn.execute(text("SELECT kind, id, blob FROM hot_records WHERE kind = 'notice'")).first()
    entry = hotstate.loads(blob)
    entry.receiver = "A"
    with svc.engine.begin() as conn:
        conn.execute(text("UPDATE hot_records SET blob = :b WHERE kind = :k AND id = :i"),
                     {"b": pickle.dumps(entry, 5), "k": kind, "i": rid})
    assert verify(svc.engine, full=False).ok  # the quick check is the chain and the head
    report = verify(svc.engine)
    assert not report.ok and "notice" in report.message


def test_peek_draws_the_same_board_with_the_stdlib_only(office_url):
    svc = PersistentOfficeService(office_url)
    peeked = hotstate.peek_office(office_url)
    assert peeked is not None
    assert queries.board(peeked) == queries.board(svc.office)
    live = PersistentOfficeService(office_url, office=peeked)
    assert live.office is peeked and lazy.is_lazy(peeked)
    assert live.handle(_arrive("13800003333", "张飞"), T0 + dt.timedelta(minutes=7)).receiver == "C"
    assert verify(live.engine).ok


def test_peek_says_none_when_it_cannot_tell(tmp_path, url):
    assert hotstate.peek_office("postgresql://nobody@localhost/none") is None
    assert hotstate.peek_office(f"sqlite:///{tmp_path / 'missing.sqlite3'}") is None
    PersistentOfficeService(url).close()  # an empty office: nothing saved yet
    assert hotstate.peek_office(url) is None


def test_a_peeked_office_behind_the_journal_is_not_used(office_url):
    peeked = hotstate.peek_office(office_url)
    other = PersistentOfficeService(office_url, station="desk-2")
    other.handle(_arrive("13800003333", "张飞"), T0 + dt.timedelta(minutes=7))
    live = PersistentOfficeService(office_url, office=peeked)
    assert live.office is not peeked
    assert queries.board(live.office).next_up is None  # all three busy now


def test_the_preview_leaves_the_store_backed_office_as_it_was(office_url):
    svc = PersistentOfficeService(office_url)
    before = queries.board(svc.office)
    d = svc.office.preview(_arrive("13800004444", "赵云"), T0 + dt.timedelta(minutes=9))
    assert d.receiver == "C"
    assert "13800004444" not in svc.office.by_phone and "赵云" not in svc.office.by_ref
    assert queries.board(svc.office) == before
    assert svc.handle(_arrive("13800004444", "赵云"), T0 + dt.timedelta(minutes=9)).receiver == "C"


def test_the_verify_command_checks_the_chain_and_with_full_every_row(office_url):
    import subprocess
    import sys

    def run(*args):
        return subprocess.run([sys.executable, "-m", "deskapp", "--db", office_url, "verify", *args],
                              capture_output=True, text=True)

    quick, full = run(), run("--full")
    assert quick.returncode == 0 and "hash chain intact" in quick.stdout
    assert full.returncode == 0 and "read models match" in full.stdout
    svc = PersistentOfficeService(office_url)
    with svc.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER IF EXISTS trg_customers_no_update"))
        conn.execute(text("UPDATE customers SET owner = 'C' WHERE owner = 'A'"))
    assert run().returncode == 0  # the quick check does not read the rows
    res = run("--full")
    assert res.returncode == 1 and "customers row" in res.stdout


def test_a_past_days_notice_comes_from_the_store(office_url):
    svc = PersistentOfficeService(office_url)
    svc.handle(c.Arrive(answers=c.Answers(first_visit=False, contacted_by="unknown"), phone="13800005555",
                        name="马超"), T0 + dt.timedelta(minutes=9))  # R20: on the claim notice
    before = queries.notice(svc.office, T0.date())
    assert [i.customer for i in before] == ["马超"]
    svc.handle(c.OpenDay(T0.date() + dt.timedelta(days=1)), T0 + dt.timedelta(days=1))
    svc.handle(c.OpenDay(T0.date() + dt.timedelta(days=2)), T0 + dt.timedelta(days=2))
    assert all(e.date != T0.date() for e in svc.office.notice)  # no longer held in memory
    restarted = PersistentOfficeService(office_url)
    after = queries.notice(restarted.office, T0.date())
    assert [(i.customer, i.status) for i in after] == [("马超", "settled")]
    assert queries.notice(svc.office, T0.date()) == after


def test_the_staff_row_is_rewritten_only_when_the_staff_change(office_url):
    svc = PersistentOfficeService(office_url)

    def staff_seq():
        with svc.engine.connect() as conn:
            return conn.execute(text("SELECT seq FROM hot_state WHERE id = 2")).scalar_one()

    before = staff_seq()
    svc.handle(c.Finish("13800001111"), T0 + dt.timedelta(minutes=30))
    assert staff_seq() == before
    svc.handle(c.AddStaff("D", "赵六", actor="__system__"), T0 + dt.timedelta(minutes=31))
    assert staff_seq() == svc.head
    assert "D" in PersistentOfficeService(office_url).office.staff


def test_dropping_the_caches_between_commands_changes_no_decision(office_url, monkeypatch):
    """With the identity maps dropped after every commit, the same commands decide the same and record the
    same rows as an office that keeps everything."""
    monkeypatch.setattr(lazy, "TRIM_ABOVE", 0)
    svc = PersistentOfficeService(office_url)
    decisions = []
    for i, (phone, name) in enumerate([("13800003333", "张飞"), ("13800001111", None), ("13800004444", "赵云")]):
        at = T0 + dt.timedelta(minutes=10 + i)
        d = svc.handle(_arrive(phone, name, first=name is not None), at)
        assert svc.office.customers.cached() == 0  # dropped after the commit
        decisions.append((d.receiver, d.owner))
        svc.handle(c.Finish(phone), at + dt.timedelta(seconds=30))
    assert decisions[1] == ("A", "A")  # 刘备 comes back to A, found again from the store
    assert verify(svc.engine).ok


def test_previewing_any_command_on_a_store_backed_office_changes_nothing(office_url):
    svc = PersistentOfficeService(office_url)
    before = queries.board(svc.office)
    d = svc.office.preview(c.Finish("13800001111"), T0 + dt.timedelta(minutes=20))  # a full undo point
    assert d.customer == "刘备"
    assert queries.board(svc.office) == before
    assert lazy.is_lazy(svc.office) and svc.office.store is not None
    assert svc.handle(c.Finish("13800001111"), T0 + dt.timedelta(minutes=20)).customer == "刘备"
    assert verify(svc.engine).ok
