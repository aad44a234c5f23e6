"""Disk full, backup/restore, change notification."""

from __future__ import annotations

import os
import sqlite3

import pytest
from sqlalchemy import text
from store_helpers import T0, append_n

from deskapp.store.backup import backup, inspect_sqlite_file, restore
from deskapp.store.engine import make_engine, read_connection, sqlite_path
from deskapp.store.errors import StoreError
from deskapp.store.journal import Journal, verify_chain
from deskapp.store.notify import ChangeWatcher, notify_change

J = Journal()


# ------------------------------------------------------------------------------------- disk full

def test_disk_full_is_reported_and_earlier_entries_survive(sqlite_engine):
    with sqlite_engine.begin() as conn:
        append_n(conn, 5)
    written = 5
    with sqlite_engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages + 4}")  # this connection: a tiny disk
        with pytest.raises(StoreError) as ei:
            for _ in range(200):
                J.append(conn, at=T0, station="front", actor="r1", kind="checkin", payload={"blob": "x" * 3000},
                         policy_version=1)
                conn.commit()
                written += 1
        conn.rollback()
    assert ei.value.code == "disk_full"
    assert "磁盘" in ei.value.message_zh
    sqlite_engine.dispose()  # forget the connection with the limit
    engine = make_engine(sqlite_engine.url)
    try:
        with read_connection(engine) as conn:
            assert J.count(conn) == written
            assert verify_chain(conn).ok
    finally:
        engine.dispose()


# ----------------------------------------------------------------------------------- backup/restore

def test_backup_and_restore_roundtrip(sqlite_engine, tmp_path):
    with sqlite_engine.begin() as conn:
        before = append_n(conn, 20)
    dest = backup(sqlite_engine, tmp_path / "backups" / "monday.sqlite3")
    assert dest.exists() and not os.path.exists(str(dest) + "-wal")
    assert inspect_sqlite_file(dest)["app"] == "deskapp"
    with sqlite_engine.begin() as conn:
        append_n(conn, 5, start=100)
    url = sqlite_engine.url
    saved = restore(dest, url)
    # the engine still works and sees the restored journal
    with read_connection(sqlite_engine) as conn:
        assert J.count(conn) == 20
        assert list(J.read(conn)) == before
        assert verify_chain(conn).ok
    # nothing thrown away: the replaced database was kept
    assert saved is not None and saved.exists()
    db = sqlite3.connect(saved)
    try:
        assert db.execute("SELECT count(*) FROM journal").fetchone()[0] == 25
    finally:
        db.close()
    # appends continue after the restored head
    with sqlite_engine.begin() as conn:
        e = J.append(conn, at=T0, station="front", actor="r1", kind="checkin", payload={}, policy_version=1)
    assert e.seq == 21


def test_restore_into_a_new_location(sqlite_engine, tmp_path):
    with sqlite_engine.begin() as conn:
        append_n(conn, 3)
    dest = backup(sqlite_engine, tmp_path / "b.sqlite3")
    target = tmp_path / "new" / "office.sqlite3"
    assert restore(dest, f"sqlite:///{target}") is None
    engine = make_engine(f"sqlite:///{target}")
    try:
        with read_connection(engine) as conn:
            assert J.count(conn) == 3 and verify_chain(conn).ok
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def test_restore_refuses_what_is_not_a_deskapp_backup(sqlite_engine, tmp_path):
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(10_000))
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    for bad in (garbage, other, tmp_path / "missing.sqlite3"):
        with pytest.raises(StoreError) as ei:
            restore(bad, sqlite_engine.url)
        assert ei.value.code == "backup_invalid", bad
    with read_connection(sqlite_engine) as conn:  # untouched
        assert J.count(conn) == 0


def test_restore_refuses_a_newer_backup(sqlite_engine, tmp_path):
    dest = backup(sqlite_engine, tmp_path / "b.sqlite3")
    db = sqlite3.connect(dest)
    db.execute("UPDATE alembic_version SET version_num = '9999'")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as ei:
        restore(dest, sqlite_engine.url)
    assert ei.value.code == "db_newer_schema"


def test_restore_over_a_corrupt_database(sqlite_engine, tmp_path):
    with sqlite_engine.begin() as conn:
        append_n(conn, 4)
    dest = backup(sqlite_engine, tmp_path / "b.sqlite3")
    target = tmp_path / "broken.sqlite3"
    target.write_bytes(os.urandom(20_000))
    saved = restore(dest, f"sqlite:///{target}")
    assert saved is not None and saved.exists()  # the broken bytes are kept too
    engine = make_engine(f"sqlite:///{target}")
    try:
        with read_connection(engine) as conn:
            assert J.count(conn) == 4 and verify_chain(conn).ok
    finally:
        engine.dispose()


@pytest.mark.pg
def test_pg_backup_says_use_pg_dump(pg_engine, tmp_path):
    with pytest.raises(StoreError) as ei:
        backup(pg_engine, tmp_path / "x.dump")
    assert ei.value.code == "use_pg_dump"
    assert "pg_dump" in ei.value.message and str(pg_engine.url.database) in ei.value.message
    assert "+psycopg" not in ei.value.message


# ------------------------------------------------------------------------------------- notification

def test_watcher_sees_commits_of_other_connections(engine):
    w = ChangeWatcher(engine)
    try:
        assert w.poll() is False
        with engine.begin() as conn:
            append_n(conn, 1)
        assert _eventually(w.poll)
        assert w.poll() is False  # reported once
        with engine.connect() as conn:  # rolled back: nothing to see
            append_n(conn, 1)
            conn.rollback()
        assert w.poll() is False
        other = make_engine(engine.url)  # another "station"
        try:
            with other.begin() as conn:
                append_n(conn, 1, station="desk-2")
        finally:
            other.dispose()
        assert _eventually(w.poll)
    finally:
        w.close()
    assert w.poll() is False  # closed


@pytest.mark.pg
def test_notify_change_outside_the_journal(pg_engine):
    with ChangeWatcher(pg_engine) as w:
        assert w.fileno() is not None
        with pg_engine.begin() as conn:
            conn.execute(text("UPDATE meta SET value = 'x' WHERE key = 'office_id'"))
            notify_change(conn)
        assert _eventually(w.poll)


def test_sqlite_watcher_has_no_socket(sqlite_engine):
    with ChangeWatcher(sqlite_engine) as w:
        assert w.fileno() is None
        assert sqlite_path(sqlite_engine) is not None


def _eventually(poll, timeout: float = 5.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if poll():
            return True
        time.sleep(0.02)
    return False
