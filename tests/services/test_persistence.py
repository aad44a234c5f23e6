"""The persistent office: journal + read models on SQLite and PostgreSQL; verify, tamper, races."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from deskapp.domain import RuleError
from deskapp.domain import commands as c
from deskapp.services.persistence import PersistentOfficeService, rebuild, verify

T0 = dt.datetime(2026, 11, 20, 9, 0)
SCEN = sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))


def _setup(svc):
    for k, n in [("A", "张三"), ("B", "李四"), ("C", "王五")]:
        svc.handle(c.AddStaff(k, n, actor="__system__"), T0)
    svc.handle(c.OpenDay(T0.date()), T0)
    svc.handle(c.SignIn(("A", "B", "C")), T0)


def _pg_url():
    url = os.environ.get("DESKAPP_TEST_PG_URL")
    if not url:
        pytest.fail("DESKAPP_TEST_PG_URL is not set: run the tests through ./test.sh, which starts PostgreSQL")
    from deskapp.store.sql import fresh_pg_database as fresh_database

    return fresh_database(url)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'office.sqlite3'}"


def test_a_refused_command_is_not_journaled(sqlite_url):
    svc = PersistentOfficeService(sqlite_url)
    _setup(svc)
    head = svc.head
    with pytest.raises(RuleError):
        svc.handle(c.Reorder(("B", "A")), T0)
    assert svc.head == head
    assert verify(svc.engine).ok


def test_state_survives_a_restart(sqlite_url):
    svc = PersistentOfficeService(sqlite_url)
    _setup(svc)
    svc.handle(c.Arrive(c.Answers(True), name="李女士", phone="13800001111"), T0)
    svc.close()
    again = PersistentOfficeService(sqlite_url)
    assert again.office.customer_of("李女士").owner == "A"
    assert again.office.next_up() == "B"


def test_tampering_with_a_visit_row_is_reported_with_the_entry(sqlite_url):
    svc = PersistentOfficeService(sqlite_url)
    _setup(svc)
    svc.handle(c.Arrive(c.Answers(True), name="李女士", phone="13800001111"), T0)
    with svc.engine.begin() as conn:
        conn.execute(text("UPDATE visits SET receiver = 'B'"))
    report = verify(svc.engine)
    assert not report.ok and "visits" in report.message and report.seq is not None
    rebuild(svc.engine)
    assert verify(svc.engine).ok


def test_tampering_with_the_journal_is_reported(sqlite_url):
    svc = PersistentOfficeService(sqlite_url)
    _setup(svc)
    with svc.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER journal_no_update"))
        conn.execute(text("UPDATE journal SET payload = replace(payload, '张三', '张四') WHERE seq = 1"))
    report = verify(svc.engine)
    assert not report.ok and report.seq == 1


def test_between_commands_the_sqlite_writer_holds_no_lock_and_a_failed_write_starts_afresh(sqlite_url, tmp_path):
    import sqlite3

    from deskapp.store.errors import StoreError

    svc = PersistentOfficeService(sqlite_url)
    _setup(svc)
    svc.handle(c.Arrive(c.Answers(True), name="李女士", phone="13800001111"), T0)
    other = sqlite3.connect(str(tmp_path / "office.sqlite3"), isolation_level=None, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")  # the write lock is free at once: nothing held between commands
    other.execute("ROLLBACK")

    # a write that fails in the database (the office lock is taken elsewhere and never given back)
    other.execute("PRAGMA busy_timeout=0")
    other.execute("BEGIN IMMEDIATE")
    svc._writer.connection.dbapi_connection.execute("PRAGMA busy_timeout=50")  # not the service's 5 s
    with pytest.raises(StoreError):
        svc.handle(c.Arrive(c.Answers(True), name="王先生", phone="13800002222"), T0)
    other.execute("ROLLBACK")
    assert svc._writer is None  # dropped: the next command opens a fresh connection
    d = svc.handle(c.Arrive(c.Answers(True), name="王先生", phone="13800002222"), T0)
    assert d.receiver == "B" and verify(svc.engine).ok
    svc.close()
    assert svc._writer is None


def test_a_second_station_sees_the_first_stations_check_in(sqlite_url):
    desk = PersistentOfficeService(sqlite_url, station="desk")
    _setup(desk)
    wall = PersistentOfficeService(sqlite_url, station="wall")
    wall.poll_changes()
    desk.handle(c.Arrive(c.Answers(True), name="李女士", phone="13800001111"), T0)
    assert wall.poll_changes()
    assert wall.office.next_up() == "B"
    # and the second station's own command decides on the caught-up state
    d = wall.handle(c.Arrive(c.Answers(True), name="王先生", phone="13800002222"), T0)
    assert d.receiver == "B"


def _hammer(url: str, station: str, n: int, q) -> None:
    svc = PersistentOfficeService(url, station=station)
    done = 0
    for i in range(n):
        name = f"{station}-{i}"
        phone = str(13000000000 + (0 if station == "s1" else 500000) + i)
        svc.handle(c.Arrive(c.Answers(True), name=name, phone=phone), T0 + dt.timedelta(seconds=i))
        svc.handle(c.Finish(name), T0 + dt.timedelta(seconds=i))
        done += 1
    q.put(done)


def _race(url: str, n: int) -> None:
    svc = PersistentOfficeService(url)
    _setup(svc)
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_hammer, args=(url, s, n, q)) for s in ("s1", "s2")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(240)
        assert p.exitcode == 0
    assert q.get() == n and q.get() == n
    svc.reload()
    office = svc.office
    visits = sorted(office.visits.values(), key=lambda v: v.id)
    assert len(visits) == 2 * n  # no check-in lost
    assert all(v.turn == "consumed" for v in visits)
    # Each station decided on the latest state: replaying the journal in order gives exactly the
    # receiver every entry recorded, so no turn was handed out on a stale rotation (i.e. twice).
    from deskapp.domain import Office
    from deskapp.domain.commands import command_from_dict
    from deskapp.store.engine import read_connection
    from deskapp.store.journal import Journal

    fresh = Office()
    with read_connection(svc.engine) as conn:
        for entry in Journal().read(conn):
            d = fresh.execute(command_from_dict(entry.payload["command"]), entry.at_datetime)
            assert (d.receiver, d.turn) == (entry.payload["decision"]["receiver"], entry.payload["decision"]["turn"])
    assert verify(svc.engine).ok


@pytest.mark.slow
def test_two_processes_on_one_sqlite_file_never_hand_out_a_turn_twice(sqlite_url):
    _race(sqlite_url, 500)


@pytest.mark.pg
@pytest.mark.slow
def test_two_processes_on_postgresql_never_hand_out_a_turn_twice():
    _race(_pg_url(), 500)


@pytest.mark.pg
@pytest.mark.parametrize("path", SCEN[:60], ids=[p.stem for p in SCEN[:60]])
def test_scenarios_pass_on_postgresql(path):
    from deskapp.services.scenario import run_file

    url = os.environ.get("DESKAPP_TEST_PG_URL") or pytest.fail("DESKAPP_TEST_PG_URL is not set")
    report = run_file(path, lambda: PersistentOfficeService(_pg_url_from(url), station="scenario"))
    assert report.status == "passed", [s.as_dict() for s in report.steps if not s.ok]


def _pg_url_from(url):
    from deskapp.store.sql import fresh_pg_database as fresh_database

    return fresh_database(url)


def test_history_import_policy_and_office_info_survive_a_restart(sqlite_url):
    svc = PersistentOfficeService(sqlite_url)
    _setup(svc)
    svc.handle(c.AddStaff("M", "钱经理", "site_manager", actor="__system__"), T0)
    svc.handle(c.HistoricalVisit("老客", "13800009999", dt.datetime(2026, 10, 1, 10), "B", actor="M"), T0)
    svc.handle(c.SetPolicy({"followup_gap_days": 20}, T0 + dt.timedelta(days=1), actor="M"), T0)
    svc.handle(c.SetOfficeInfo("翠湖天地售楼处", "08:30", "18:30", actor="M"), T0)
    svc.close()
    again = PersistentOfficeService(sqlite_url)
    assert again.office.customer_of("老客").owner == "B"
    assert again.office.pending_policies[0][1] == {"followup_gap_days": 20}
    assert again.office.office_info["name"] == "翠湖天地售楼处"
    assert verify(again.engine).ok


def test_a_failed_bulk_leaves_nothing_in_the_database_or_in_memory(sqlite_url):
    svc = PersistentOfficeService(sqlite_url)
    _setup(svc)
    head = svc.head
    with pytest.raises(RuleError):
        with svc.bulk():
            svc.handle(c.AddStaff("D", "赵六", actor="__system__"), T0)
            svc.handle(c.Reorder(("B", "A")), T0)  # refused: the front desk may not reorder
    assert svc.head == head and "D" not in svc.office.staff
    d = svc.handle(c.Arrive(c.Answers(True), name="李女士", phone="13800001111"), T0)
    assert d.receiver == "A" and verify(svc.engine).ok


def test_every_read_model_is_checked_by_verify(sqlite_url):
    svc = PersistentOfficeService(sqlite_url)
    _setup(svc)
    svc.handle(c.AddStaff("S", "赵主管", "supervisor", actor="__system__"), T0)
    svc.handle(c.AddStaff("M", "钱经理", "site_manager", actor="__system__"), T0)
    svc.handle(c.StepOut("A", "official", actor="S"), T0)
    svc.handle(c.Arrive(c.Answers(False, "unknown"), name="说不清", phone="13800001111"), T0)  # B; A earns R4
    svc.handle(c.Claim("说不清", "C", None, actor="C"), T0)
    svc.handle(c.Ruling("说不清", "C", "来访本有记录", actor="M"), T0)
    svc.handle(c.Deal("说不清", "C"), T0)
    svc.handle(c.Refuse("B"), T0) if svc.office.busy_with("B") else None
    assert verify(svc.engine).ok
    from sqlalchemy import text as sql

    for table, column, value in [("credits", "holder", "'C'"), ("notice_entries", "status", "'open'"),
                                 ("claims", "decision", "'B'"), ("deals", "credit", "'A'"),
                                 ("rotation", "staff", "'Z'")]:
        with svc.engine.begin() as conn:
            conn.execute(sql(f"UPDATE {table} SET {column} = {value}"))
        report = verify(svc.engine)
        assert not report.ok and table in report.message, (table, report.message)
        rebuild(svc.engine)
        assert verify(svc.engine).ok


def test_stations_taking_turns_keep_the_rotation_rows_verifiable(sqlite_url):
    one = PersistentOfficeService(sqlite_url, station="one")
    _setup(one)
    two = PersistentOfficeService(sqlite_url, station="two")
    for i in range(6):  # alternate stations; each catches up with the other's entries under the lock
        svc = one if i % 2 else two
        svc.handle(c.Arrive(c.Answers(True), name=f"客{i}", phone=str(13900000000 + i)), T0)
        svc.handle(c.Finish(f"客{i}"), T0)
    two.poll_changes()
    one.handle(c.Arrive(c.Answers(True), name="客末", phone="13900009999"), T0)
    assert verify(one.engine).ok
