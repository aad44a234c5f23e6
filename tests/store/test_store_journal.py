"""The journal: append/read, canonical hashing, verify, append-only, tamper evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tracemalloc

import pytest
from sqlalchemy import text
from store_helpers import T0, append_n, bulk_fill, drop_guards, payload

from deskapp.store.engine import read_connection
from deskapp.store.errors import StoreError
from deskapp.store.journal import (
    ZERO_HASH,
    Journal,
    JournalEntry,
    canonical_json,
    entry_hash,
    entry_message,
    verify_chain,
)

J = Journal()


# ------------------------------------------------------------------------------------ canonical form

def test_canonical_json():
    obj = {"b": 1, "a": [1, 2, {"z": "张三", "y": None}], "t": dt.datetime(2026, 1, 2, 3, 4, 5)}
    s = canonical_json(obj)
    assert s == '{"a":[1,2,{"y":null,"z":"张三"}],"b":1,"t":"2026-01-02T03:04:05"}'
    assert canonical_json(json.loads(s)) == s
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


def test_entry_hash_is_stable():
    """A fixed vector: changing the encoding would make every existing journal fail to verify."""
    args = (ZERO_HASH, 1, "2026-03-01T09:30:00+08:00", "front", "r1", "checkin",
            {"phone": "13800138000", "name": "张三", "party": 2}, 1)
    msg = entry_message(*args)
    assert msg == ('{"actor":"r1","at":"2026-03-01T09:30:00+08:00","kind":"checkin","payload":{"name":"张三",'
                   '"party":2,"phone":"13800138000"},"policy_version":1,"prev_hash":"' + ZERO_HASH +
                   '","seq":1,"station":"front"}')
    # the message is the canonical JSON of the whole entry
    assert msg == canonical_json({"actor": "r1", "at": "2026-03-01T09:30:00+08:00", "kind": "checkin",
                                  "payload": args[6], "policy_version": 1, "prev_hash": ZERO_HASH,
                                  "seq": 1, "station": "front"})
    h = entry_hash(*args)
    assert h == hashlib.sha256(msg.encode("utf-8")).hexdigest()
    assert h == "3a396592ce13480076a16ac284e1e9c0fe50c522f763f56a34322788d789e944"
    assert entry_hash(*args) == h
    # datetime and its ISO text hash the same; payload key order does not matter
    args2 = (ZERO_HASH, 1, dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))), "front",
             "r1", "checkin", {"party": 2, "phone": "13800138000", "name": "张三"}, 1)
    assert entry_hash(*args2) == h


# ----------------------------------------------------------------------------------- append / read

def test_append_read_head(engine):
    with engine.begin() as conn:
        assert J.head(conn) == (0, ZERO_HASH)
        assert J.count(conn) == 0
        entries = append_n(conn, 10)
    assert [e.seq for e in entries] == list(range(1, 11))
    assert entries[0].prev_hash == ZERO_HASH
    for a, b in zip(entries, entries[1:], strict=False):
        assert b.prev_hash == a.hash
    first = entries[0]
    assert isinstance(first, JournalEntry)
    assert first.at == T0.isoformat()
    assert first.at_datetime == T0
    assert first.payload == payload(0)
    assert first.hash == entry_hash(first.prev_hash, 1, first.at, "front", "r1", "checkin", payload(0), 1)
    with read_connection(engine) as conn:
        assert J.head(conn) == (10, entries[-1].hash)
        assert J.count(conn) == 10
        assert list(J.read(conn)) == entries
        assert [e.seq for e in J.read(conn, 4, 6)] == [4, 5, 6]
        assert [e.seq for e in J.read(conn, 9)] == [9, 10]
        assert J.get(conn, 3) == entries[2]
        assert J.get(conn, 99) is None
        assert list(J.read(conn, kinds=("nothing",))) == []
        r = verify_chain(conn)
    assert r.ok and r.count == 10 and r.first_bad_seq is None
    assert (r.head_seq, r.head_hash) == (10, entries[-1].hash)


def test_verify_empty_journal(engine):
    with read_connection(engine) as conn:
        r = verify_chain(conn)
    assert r.ok and r.count == 0


def test_rollback_leaves_no_entry(engine):
    with engine.connect() as conn:
        append_n(conn, 3)
        conn.rollback()
    with engine.connect() as conn:
        assert J.count(conn) == 0


def test_expected_head(engine):
    with engine.begin() as conn:
        append_n(conn, 2)
    with engine.connect() as conn:
        with pytest.raises(StoreError) as ei:
            J.append(conn, at=T0, station="front", actor="r1", kind="checkin", payload={}, policy_version=1,
                     expected_head=1)
        assert ei.value.code == "head_moved"
        conn.rollback()
        e = J.append(conn, at=T0, station="front", actor="r1", kind="checkin", payload={}, policy_version=1,
                     expected_head=2)
        conn.commit()
    assert e.seq == 3


def test_append_on_a_read_connection_is_refused(engine):
    with read_connection(engine) as conn:
        with pytest.raises(StoreError) as ei:
            append_n(conn, 1)
    assert ei.value.code == "read_only"


@pytest.mark.parametrize("field", ["station", "actor", "kind"])
@pytest.mark.parametrize("bad", ['a"b', "a\\b", "a\nb", ""])
def test_identifiers_are_plain(sqlite_engine, field, bad):
    kw = {"station": "front", "actor": "r1", "kind": "checkin", field: bad}
    with sqlite_engine.connect() as conn:
        with pytest.raises(ValueError):
            J.append(conn, at=T0, payload={}, policy_version=1, **kw)


def test_bad_time_is_refused(sqlite_engine):
    with sqlite_engine.connect() as conn:
        with pytest.raises(ValueError):
            J.append(conn, at="yesterday", station="s", actor="a", kind="k", payload={}, policy_version=1)


def test_chinese_identifiers_are_fine(sqlite_engine):
    with sqlite_engine.begin() as conn:
        J.append(conn, at=T0, station="前台", actor="张三", kind="到访", payload={"说明": "首次"}, policy_version=2)
    with read_connection(sqlite_engine) as conn:
        assert verify_chain(conn).ok
        assert verify_chain(conn, workers=1).ok


# --------------------------------------------------------------------------------- append-only

def test_update_and_delete_are_refused(engine):
    with engine.begin() as conn:
        append_n(conn, 3)
    for sql in ("UPDATE journal SET kind = 'x' WHERE seq = 2", "DELETE FROM journal WHERE seq = 3",
                "UPDATE journal SET payload = '{}'", "DELETE FROM journal"):
        with engine.connect() as conn:
            with pytest.raises(StoreError) as ei:
                conn.execute(text(sql))
            assert ei.value.code == "append_only", sql
            conn.rollback()
    with read_connection(engine) as conn:
        assert J.count(conn) == 3 and verify_chain(conn).ok


@pytest.mark.pg
def test_truncate_is_refused_on_pg(pg_engine):
    with pg_engine.begin() as conn:
        append_n(conn, 2)
    with pg_engine.connect() as conn:
        with pytest.raises(StoreError) as ei:
            conn.execute(text("TRUNCATE journal"))
        assert ei.value.code == "append_only"


# ------------------------------------------------------------------------------- tamper evidence

def _tamper(engine, *sqls):
    with engine.begin() as conn:
        drop_guards(conn)
        for sql in sqls:
            conn.execute(text(sql))


def _verify(engine, **kw):
    with read_connection(engine) as conn:
        return verify_chain(conn, **kw)


@pytest.fixture
def filled(engine):
    with engine.begin() as conn:
        append_n(conn, 12)
    return engine


def test_tampered_payload_is_reported(filled):
    _tamper(filled, """UPDATE journal SET payload = replace(payload, '张三', '李四') WHERE seq = 5""")
    r = _verify(filled)
    assert not r.ok and r.first_bad_seq == 5 and r.code == "bad_hash" and r.count == 4
    assert "5" in r.reason


def test_non_canonical_but_equal_payload_is_reported(filled):
    _tamper(filled, """UPDATE journal SET payload = ' ' || payload WHERE seq = 6""")
    r = _verify(filled)
    assert (r.ok, r.first_bad_seq, r.code) == (False, 6, "bad_hash")


@pytest.mark.parametrize("col,value", [("kind", "'deal'"), ("actor", "'r2'"), ("station", "'back'"),
                                       ("at", "'2026-03-01T09:31:00+08:00'"), ("policy_version", "2")])
def test_tampered_field_is_reported(filled, col, value):
    _tamper(filled, f"UPDATE journal SET {col} = {value} WHERE seq = 8")
    r = _verify(filled)
    assert (r.ok, r.first_bad_seq, r.code) == (False, 8, "bad_hash")


def test_changed_hash_is_reported(filled):
    _tamper(filled, "UPDATE journal SET hash = '" + "ab" * 32 + "' WHERE seq = 7")
    r = _verify(filled)
    assert (r.ok, r.first_bad_seq, r.code) == (False, 7, "bad_hash")


def test_deleted_row_is_a_gap(filled):
    _tamper(filled, "DELETE FROM journal WHERE seq = 4")
    r = _verify(filled)
    assert (r.ok, r.first_bad_seq, r.code) == (False, 4, "gap")
    assert r.count == 3


def test_deleted_first_row_is_a_gap(filled):
    _tamper(filled, "DELETE FROM journal WHERE seq = 1")
    r = _verify(filled)
    assert (r.ok, r.first_bad_seq, r.code) == (False, 1, "gap")


def test_rewritten_entry_with_recomputed_hash_breaks_the_link(filled):
    with read_connection(filled) as conn:
        e6 = J.get(conn, 6)
    new_payload = dict(e6.payload, name="李四")
    h = entry_hash(e6.prev_hash, 6, e6.at, e6.station, e6.actor, e6.kind, new_payload, 1)
    with filled.begin() as conn:
        drop_guards(conn)
        conn.execute(text("UPDATE journal SET payload = :p, hash = :h WHERE seq = 6"),
                     {"p": canonical_json(new_payload), "h": h})
    r = _verify(filled)
    assert (r.ok, r.first_bad_seq, r.code) == (False, 7, "broken_link")


def test_fields_shifted_across_separators_are_reported(sqlite_engine):
    """The SQLite fast path writes short fields unescaped; a tamperer must not be able to move bytes
    between fields (here: actor swallows at/kind/part of payload) and keep the same message."""
    with sqlite_engine.begin() as conn:
        append_n(conn, 2)
        e = J.append(conn, at="2026-03-01T09:30:00", station="front", actor="r1", kind="checkin",
                     payload={"a": "v", "at": "T", "kind": "K", "payload": 1}, policy_version=1)
        append_n(conn, 2, start=10)
    assert e.seq == 3
    forged_actor = 'r1","at":"2026-03-01T09:30:00","kind":"checkin","payload":{"a":"v'
    with sqlite_engine.begin() as conn:
        drop_guards(conn)
        conn.execute(text("UPDATE journal SET actor = :a, at = 'T', kind = 'K', payload = '1}' WHERE seq = 3"),
                     {"a": forged_actor})
    # the unescaped message of the forged row is byte-identical to the original one
    r = _verify(sqlite_engine)
    assert (r.ok, r.first_bad_seq, r.code) == (False, 3, "bad_hash")


def test_wrong_types_are_reported(sqlite_engine):
    with sqlite_engine.begin() as conn:
        append_n(conn, 4)
    _tamper(sqlite_engine, "UPDATE journal SET policy_version = 1.5 WHERE seq = 2")
    r = _verify(sqlite_engine)
    assert (r.ok, r.first_bad_seq) == (False, 2)


# ------------------------------------------------------------------------------ large journals

def test_parallel_verify_agrees(sqlite_engine):
    head_hash = bulk_fill(sqlite_engine, 6000)
    for workers in (1, 2, 3):
        r = _verify(sqlite_engine, workers=workers, chunk=500)
        assert r.ok and r.count == 6000 and r.head_hash == head_hash, workers
    # a gap exactly at the start of the second worker's range, and a tampered entry in the third
    _tamper(sqlite_engine, "DELETE FROM journal WHERE seq = 3001",
            "UPDATE journal SET payload = replace(payload, '张三', '王五') WHERE seq = 4500")
    for workers in (1, 2, 3):
        r = _verify(sqlite_engine, workers=workers, chunk=500)
        assert (r.ok, r.first_bad_seq, r.code, r.count) == (False, 3001, "gap", 3000), workers


def test_parallel_verify_finds_a_later_error(sqlite_engine):
    bulk_fill(sqlite_engine, 4000)
    _tamper(sqlite_engine, "UPDATE journal SET actor = 'r9' WHERE seq = 3999")
    for workers in (1, 2, 4):
        r = _verify(sqlite_engine, workers=workers, chunk=700)
        assert (r.ok, r.first_bad_seq, r.code) == (False, 3999, "bad_hash"), workers


def test_verify_memory_is_bounded(engine):
    n = 60_000
    bulk_fill(engine, n)
    tracemalloc.start()
    try:
        with read_connection(engine) as conn:
            r = verify_chain(conn, chunk=2_000, workers=1)
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.ok and r.count == n
    # rows are streamed: the peak is a chunk or two, not the journal (60,000 rows as Python objects
    # would take over 40 MB)
    print("verify peak", peak)
    assert peak < 5 * 1024 * 1024, peak


def test_read_streams(engine):
    bulk_fill(engine, 3000)
    with read_connection(engine) as conn:
        n = 0
        for n, e in enumerate(J.read(conn, batch=100), start=1):
            assert e.seq == n
        assert n == 3000
