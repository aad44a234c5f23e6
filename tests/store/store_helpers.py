"""Helpers for the store tests, importable by spawned child processes (multiprocessing 'spawn')."""

from __future__ import annotations

import datetime as dt
import os
import time

from sqlalchemy import text

from deskapp.store.engine import make_engine
from deskapp.store.journal import ZERO_HASH, Journal, canonical_json, entry_hash

T0 = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def payload(i: int) -> dict:
    return {"customer": f"138{i:08d}", "name": "张三", "party": 2, "i": i, "note": "first visit 首次"}


def append_n(conn, n: int, *, station: str = "front", start: int = 0) -> list:
    j = Journal()
    out = []
    for i in range(start, start + n):
        out.append(j.append(conn, at=T0 + dt.timedelta(seconds=i), station=station, actor="r1",
                            kind="checkin", payload=payload(i), policy_version=1))
    return out


def append_each_committed(engine, n: int, *, station: str = "front") -> None:
    j = Journal()
    for i in range(n):
        with engine.begin() as conn:
            j.append(conn, at=T0 + dt.timedelta(seconds=i), station=station, actor="r1", kind="checkin",
                     payload=payload(i), policy_version=1)


def bulk_fill(engine, n: int, *, batch: int = 20_000) -> str:
    """Insert n valid chained entries fast (executemany, no per-entry transaction). Returns head hash."""
    prev = ZERO_HASH
    at = T0.isoformat()
    rows = []
    stmt = text("INSERT INTO journal (seq, at, station, actor, kind, payload, policy_version, prev_hash, hash) "
                "VALUES (:seq, :at, :station, :actor, :kind, :payload, :pv, :prev, :hash)")
    with engine.begin() as conn:
        for seq in range(1, n + 1):
            pj = canonical_json(payload(seq))
            h = entry_hash(prev, seq, at, "front", "r1", "checkin", pj, 1)
            rows.append({"seq": seq, "at": at, "station": "front", "actor": "r1", "kind": "checkin",
                         "payload": pj, "pv": 1, "prev": prev, "hash": h})
            prev = h
            if len(rows) >= batch:
                conn.execute(stmt, rows)
                rows = []
        if rows:
            conn.execute(stmt, rows)
    return prev


def drop_guards(conn) -> None:
    """What a tamperer with database access does first: remove the append-only triggers."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER journal_no_update")
        conn.exec_driver_sql("DROP TRIGGER journal_no_delete")
    else:
        conn.exec_driver_sql("DROP TRIGGER journal_no_update ON journal")
        conn.exec_driver_sql("DROP TRIGGER journal_no_delete ON journal")


# ------------------------------------------------------------------------------ child processes

def child_append(url: str, station: str, n: int, ready, start_evt, result_q) -> None:
    """Append n entries, one transaction each, after start_evt is set; report (station, seqs)."""
    engine = make_engine(url)  # connects (probe)
    j = Journal()
    seqs = []
    ready.wait(60)
    start_evt.wait(30)
    try:
        for i in range(n):
            with engine.begin() as conn:
                e = j.append(conn, at=T0 + dt.timedelta(seconds=i), station=station, actor=station,
                             kind="checkin", payload=payload(i), policy_version=1)
            seqs.append(e.seq)
        result_q.put((station, seqs, None))
    except BaseException as exc:  # report, do not hang the parent
        result_q.put((station, seqs, repr(exc)))
    finally:
        engine.dispose()


def child_append_forever(url: str, fd_path: str, limit: int) -> None:
    """Append until killed; after each commit returns, write the seq (one line) to fd_path, fsynced."""
    engine = make_engine(url)
    j = Journal()
    with open(fd_path, "a", encoding="ascii") as out:
        for i in range(limit):
            with engine.begin() as conn:
                e = j.append(conn, at=T0 + dt.timedelta(seconds=i), station="doomed", actor="r1",
                             kind="checkin", payload=payload(i), policy_version=1)
            out.write(f"{e.seq}\n")
            out.flush()
            os.fsync(out.fileno())
    time.sleep(60)  # should never get here: the parent kills us long before
