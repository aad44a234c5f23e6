"""Engine factory: default location, URL handling, SQLite settings, clear errors."""

from __future__ import annotations

import os
import pickle
import socket
import sqlite3

import pytest

from deskapp.store.engine import (
    default_db_path,
    make_engine,
    read_connection,
    resolve_url,
    sqlite_path,
    write_connection,
)
from deskapp.store.errors import StoreError


def test_default_path_is_in_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DESKAPP_DB_URL", raising=False)
    p = default_db_path()
    assert p.name == "deskapp.sqlite3"
    assert p.parent.name == "deskapp"
    engine = make_engine(None)  # creates the directory and the file
    try:
        assert sqlite_path(engine) == p
        assert p.exists()
    finally:
        engine.dispose()


def test_env_var_names_the_database(monkeypatch, tmp_path):
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("DESKAPP_DB_URL", f"sqlite:///{target}")
    engine = make_engine()
    try:
        assert sqlite_path(engine) == target
    finally:
        engine.dispose()


def test_postgresql_urls_use_psycopg3():
    for url in ("postgresql://u@h:5432/db", "postgres://u@h/db", "postgresql+psycopg2://u@h/db"):
        assert resolve_url(url).drivername == "postgresql+psycopg"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url", "", "sqlite+aiosqlite:///x.db",
                                 "postgresql://u@h"])
def test_bad_url(url):
    with pytest.raises(StoreError) as ei:
        make_engine(url)
    assert ei.value.code == "bad_url"
    assert ei.value.message and ei.value.message_zh


def test_sqlite_settings(sqlite_engine):
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_write_transactions_begin_immediate(sqlite_engine):
    path = sqlite_path(sqlite_engine)
    other = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        with write_connection(sqlite_engine) as conn:
            conn.exec_driver_sql("SELECT 1")  # nothing written yet, but the write lock is held
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_read_connection_does_not_block_writers(sqlite_engine):
    path = sqlite_path(sqlite_engine)
    other = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        with read_connection(sqlite_engine) as conn:
            conn.exec_driver_sql("SELECT count(*) FROM journal").scalar()
            assert conn.in_transaction()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_garbage_file_is_db_corrupt(tmp_path):
    bad = tmp_path / "garbage.sqlite3"
    bad.write_bytes(os.urandom(8192))
    with pytest.raises(StoreError) as ei:
        make_engine(f"sqlite:///{bad}")
    assert ei.value.code == "db_corrupt"
    assert "损坏" in ei.value.message_zh


def test_missing_directory_is_unreachable(tmp_path):
    with pytest.raises(StoreError) as ei:
        make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.sqlite3'}")
    assert ei.value.code == "db_unreachable"


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_unreachable_server():
    with pytest.raises(StoreError) as ei:
        make_engine(f"postgresql://postgres@127.0.0.1:{_closed_port()}/deskapp")
    assert ei.value.code == "db_unreachable"
    assert ei.value.detail  # the driver's own words, for the log


@pytest.mark.pg
def test_missing_pg_database_is_unreachable(pg_db_url):
    url = pg_db_url.rsplit("/", 1)[0] + "/no_such_database_here"
    with pytest.raises(StoreError) as ei:
        make_engine(url)
    assert ei.value.code == "db_unreachable"


def test_store_error_pickles_and_prints():
    e = StoreError("disk_full", detail="database or disk is full")
    e2 = pickle.loads(pickle.dumps(e))
    assert (e2.code, e2.message, e2.message_zh, e2.detail) == (e.code, e.message, e.message_zh, e.detail)
    assert "disk_full" in str(e) and "磁盘" in e.message_zh
