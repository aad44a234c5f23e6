"""The append-only, hash-chained journal (DESIGN.md "The journal is the truth", RULES.md R3).

Hash of an entry: SHA-256 (hex) of the UTF-8 bytes of the canonical JSON of the object ::

    {"actor": actor, "at": at, "kind": kind, "payload": payload, "policy_version": policy_version,
     "prev_hash": prev_hash, "seq": seq, "station": station}

canonical JSON = ``json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``
(datetimes as ISO 8601 strings). ``prev_hash`` of entry 1 is 64 zeros; of entry n, the hash of entry
n-1. The ``payload`` column stores the canonical JSON text of the payload, so the hashed message can be
rebuilt from the stored columns byte for byte (that is what :func:`verify_chain` does, streaming).

Anyone can re-check a deskapp journal with nothing but a JSON library and SHA-256.

Tamper evidence covers: a changed field of any entry, a deleted entry (a gap in ``seq``), a rewritten
entry whose hash was recomputed (the next entry's ``prev_hash`` no longer links). It cannot, by itself,
notice the *last* entries removed or the whole chain rebuilt from some point on: for that, compare the
head (``VerifyResult.head_seq``/``head_hash``) with one printed or stored outside the database (e.g. on
the daily notice).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import gc
import hashlib
import json
import multiprocessing
import operator
import os
import re
import sqlite3
import threading
import urllib.parse
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from deskapp.store.engine import READ_ONLY_OPTION, sqlite_path
from deskapp.store.errors import StoreError, driver_errors
from deskapp.store.notify import notify_change
from deskapp.store.schema import journal as journal_table
from deskapp.store.schema import office_lock

__all__ = [
    "ZERO_HASH",
    "canonical_json",
    "canonical_at",
    "entry_message",
    "entry_hash",
    "JournalEntry",
    "Journal",
    "VerifyResult",
    "lock_office",
    "verify_chain",
]

ZERO_HASH = "0" * 64

# json's own string encoder (the C one when available): identical to what json.dumps(...,
# ensure_ascii=False) writes for a str, quotes included.
_quote: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]
_sha256 = hashlib.sha256


def _default(obj: Any) -> Any:
    if isinstance(obj, (_dt.datetime, _dt.date, _dt.time)):
        return obj.isoformat()
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (decimal.Decimal, uuid.UUID)):
        return str(obj)
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    if isinstance(obj, Mapping):
        return dict(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON-serialisable for the journal")


def canonical_json(obj: Any) -> str:
    """Canonical JSON text: sorted keys, no whitespace, UTF-8 characters as themselves, no NaN.
    datetimes/dates/times as ISO strings, enums by value, Decimal/UUID as str, sets sorted."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False,
                      default=_default)


_BAD_IDENT = re.compile(r'[\x00-\x1f"\\]')


def _check_text(name: str, value: str) -> None:
    # station/actor/kind are identifiers: no quote, backslash or control character (which lets verify
    # hash them without escaping; see _FAST_FMT).
    if not isinstance(value, str) or not value or _BAD_IDENT.search(value):
        raise ValueError(f"journal {name} must be a non-empty string without quotes, backslashes or "
                         f"control characters: {value!r}")


def canonical_at(at: _dt.datetime | str) -> str:
    """The stored/hashed form of an entry time: ``datetime.isoformat()``; a str must already be ISO
    8601 (it is kept as given)."""
    if isinstance(at, _dt.datetime):
        return at.isoformat()
    if isinstance(at, str):
        try:
            _dt.datetime.fromisoformat(at)
        except ValueError as exc:
            raise ValueError(f"journal time {at!r} is not ISO 8601") from exc
        return at
    raise TypeError(f"journal time must be a datetime or an ISO string, not {type(at).__name__}")


def _message(prev_hash: str, seq: int, at: str, station: str, actor: str, kind: str, payload_json: str,
             policy_version: int) -> str:
    # == canonical_json({...}) when payload_json == canonical_json(payload); keys in sorted order.
    return (f'{{"actor":{_quote(actor)},"at":{_quote(at)},"kind":{_quote(kind)},"payload":{payload_json},'
            f'"policy_version":{policy_version},"prev_hash":{_quote(prev_hash)},"seq":{seq},'
            f'"station":{_quote(station)}}}')


def entry_message(prev_hash: str, seq: int, at: _dt.datetime | str, station: str, actor: str, kind: str,
                  payload: Mapping[str, Any] | str, policy_version: int) -> str:
    """The canonical text that is hashed. ``payload`` is the dict, or its canonical JSON text."""
    payload_json = payload if isinstance(payload, str) else canonical_json(payload)
    return _message(prev_hash, int(seq), canonical_at(at), station, actor, kind, payload_json,
                    int(policy_version))


def entry_hash(prev_hash: str, seq: int, at: _dt.datetime | str, station: str, actor: str, kind: str,
               payload: Mapping[str, Any] | str, policy_version: int) -> str:
    """SHA-256 hex of :func:`entry_message`."""
    return _sha256(entry_message(prev_hash, seq, at, station, actor, kind, payload,
                                 policy_version).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class JournalEntry:
    seq: int
    at: str
    station: str
    actor: str
    kind: str
    payload: dict[str, Any]  # do not mutate
    policy_version: int
    prev_hash: str
    hash: str

    @property
    def payload_json(self) -> str:
        return canonical_json(self.payload)

    @property
    def at_datetime(self) -> _dt.datetime:
        return _dt.datetime.fromisoformat(self.at)


_COLS = (journal_table.c.seq, journal_table.c.at, journal_table.c.station, journal_table.c.actor,
         journal_table.c.kind, journal_table.c.payload, journal_table.c.policy_version,
         journal_table.c.prev_hash, journal_table.c.hash)
_HEAD = select(journal_table.c.seq, journal_table.c.hash).order_by(journal_table.c.seq.desc()).limit(1)
_COUNT = select(func.count()).select_from(journal_table)
_PG_LOCK = select(office_lock.c.id).where(office_lock.c.id == 1).with_for_update()


_JOURNAL_COLS = ("seq", "at", "station", "actor", "kind", "payload", "policy_version", "prev_hash", "hash")
_RAW_INSERT = f"INSERT INTO journal ({', '.join(_JOURNAL_COLS)}) VALUES ({', '.join('?' * len(_JOURNAL_COLS))})"
_RAW_HEAD = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"


def _raw_execute(conn: Connection, sql: str, params: tuple):
    """One ``?``-placeholder statement on the transaction's DB-API connection (the hottest statements of a
    check-in); returns the first row (or None). Driver errors surface as SQLAlchemy's would:
    IntegrityError, else a StoreError (deskapp.store.errors)."""
    if conn.dialect.name == "postgresql":
        sql = sql.replace("?", "%s")
    cur = conn.connection.dbapi_connection.cursor()
    try:
        with driver_errors():
            try:
                cur.execute(sql, params)
                return cur.fetchone() if cur.description else None
            except Exception as exc:
                if type(exc).__name__ in ("IntegrityError", "UniqueViolation"):
                    raise IntegrityError(sql, params, exc) from exc
                raise
    finally:
        cur.close()


def _row_to_entry(row: Any) -> JournalEntry:
    seq, at, station, actor, kind, payload, pv, prev, h = row
    return JournalEntry(int(seq), at, station, actor, kind, json.loads(payload), int(pv), prev, h)


def lock_office(conn: Connection) -> None:
    """Take the office's write lock for the rest of the transaction.

    PostgreSQL: ``SELECT id FROM office_lock WHERE id = 1 FOR UPDATE``. SQLite: nothing more to do,
    the transaction began with ``BEGIN IMMEDIATE`` (refused on a read connection)."""
    if conn.get_execution_options().get(READ_ONLY_OPTION):
        raise StoreError("read_only", detail="lock_office on a read connection")
    if conn.dialect.name == "postgresql":
        if conn.execute(_PG_LOCK).first() is None:
            raise StoreError("db_corrupt", detail="office_lock row 1 is missing")
    elif not conn.in_transaction():
        conn.exec_driver_sql("SELECT 1")  # autobegin: BEGIN IMMEDIATE


class Journal:
    """Append and read; nothing else (no update, no delete: a correction is a new entry).

    Every method takes the caller's Connection and works inside its transaction; the caller commits
    (so read models derived in the same transaction commit or roll back with the entry).
    """

    def append(self, conn: Connection, *, at: _dt.datetime | str, station: str, actor: str, kind: str,
               payload: Mapping[str, Any], policy_version: int,
               expected_head: int | None = None, head: tuple[int, str] | None = None) -> JournalEntry:
        """Append one entry at head+1 under the office lock.

        ``expected_head``: the seq the caller based its decision on; if the head has moved since,
        StoreError('head_moved') is raised and nothing is written (roll back and decide again).
        Also issues NOTIFY (PostgreSQL) so that other stations refresh after the commit.
        """
        _check_text("station", station)
        _check_text("actor", actor)
        _check_text("kind", kind)
        if head is None:  # a caller passing the head read it under the lock, in this transaction
            lock_office(conn)
        at_s = canonical_at(at)
        payload_json = canonical_json(dict(payload))
        pv = int(policy_version)
        # a head passed in was read by the caller under this same lock, in this transaction
        head_seq, head_hash = head if head is not None else self.head(conn)
        if expected_head is not None and expected_head != head_seq:
            raise StoreError("head_moved", detail=f"expected head {expected_head}, found {head_seq}")
        seq = head_seq + 1
        h = _sha256(_message(head_hash, seq, at_s, station, actor, kind, payload_json, pv)
                    .encode("utf-8")).hexdigest()
        try:
            _raw_execute(conn, _RAW_INSERT, (seq, at_s, station, actor, kind, payload_json, pv, head_hash, h))
        except IntegrityError as exc:  # another writer took seq (only possible without the lock)
            raise StoreError("head_moved", detail=str(exc.orig)) from exc
        notify_change(conn)
        return JournalEntry(seq, at_s, station, actor, kind, json.loads(payload_json), pv, head_hash, h)

    def head(self, conn: Connection) -> tuple[int, str]:
        """(seq, hash) of the last entry; (0, 64 zeros) for an empty journal."""
        row = _raw_execute(conn, _RAW_HEAD, ())
        return (int(row[0]), row[1]) if row is not None else (0, ZERO_HASH)

    def read(self, conn: Connection, from_seq: int = 1, to_seq: int | None = None, *,
             kinds: tuple[str, ...] | None = None, batch: int = 1000) -> Iterator[JournalEntry]:
        """Entries with from_seq <= seq <= to_seq in seq order, streamed (server-side cursor on
        PostgreSQL), optionally only some kinds."""
        stmt = select(*_COLS).where(journal_table.c.seq >= from_seq)
        if to_seq is not None:
            stmt = stmt.where(journal_table.c.seq <= to_seq)
        if kinds is not None:
            stmt = stmt.where(journal_table.c.kind.in_(list(kinds)))
        stmt = stmt.order_by(journal_table.c.seq).execution_options(yield_per=batch)
        result = conn.execute(stmt)
        try:
            for row in result:
                yield _row_to_entry(row)
        finally:
            result.close()

    def get(self, conn: Connection, seq: int) -> JournalEntry | None:
        row = conn.execute(select(*_COLS).where(journal_table.c.seq == seq)).first()
        return _row_to_entry(row) if row is not None else None

    def count(self, conn: Connection) -> int:
        return int(conn.execute(_COUNT).scalar_one())


# ------------------------------------------------------------------------------------------- verify

@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int  # entries found good (all of them when ok; those before first_bad_seq otherwise)
    first_bad_seq: int | None
    reason: str  # English sentence ('' when ok)
    code: str = "ok"  # 'ok', 'gap', 'broken_link', 'bad_hash'
    head_seq: int = 0  # when ok: seq of the last entry (compare with one kept outside the database)
    head_hash: str = ZERO_HASH  # when ok: its hash


_SELECT_RANGE = ("SELECT seq, at, station, actor, kind, payload, policy_version, prev_hash, hash "
                 "FROM journal WHERE seq >= ? AND seq <= ? ORDER BY seq")
_ZERO_B = ZERO_HASH.encode()
# Hashed message with the four short text fields written without escaping. append() refuses '"', '\\'
# and control characters in them, so for every genuine entry this is the canonical message. For a
# tampered row it may differ from the canonical one, but a row whose short fields hold no '"' cannot
# reproduce the message of a different row (fields cannot shift across the quoted separators), so a
# match proves the row is the one that was hashed; a chunk with a '"' in a short field is checked the
# exact way (json escaping, as entry_hash does).
_FAST_FMT = (b'{"actor":"%s","at":"%s","kind":"%s","payload":%s,"policy_version":%a,'
             b'"prev_hash":"%s","seq":%d,"station":"%s"}')
_GETTERS = tuple(operator.itemgetter(i) for i in (1, 2, 3, 4))  # at, station, actor, kind
PARALLEL_MIN_ENTRIES = 200_000


def verify_chain(conn: Connection, *, chunk: int = 20_000, progress: Callable[[int], None] | None = None,
                 workers: int | None = None) -> VerifyResult:
    """Walk the whole journal in seq order and check it: seq continuous from 1 (a deleted row is a
    gap), each prev_hash equal to the previous entry's hash, each hash equal to the hash recomputed
    from the stored columns (any changed field). Reports the first bad entry. Streams in chunks:
    memory does not grow with the journal. ``progress(n_checked)`` is called now and then.

    SQLite: text is read as bytes and hashed without per-field decoding; with ``workers`` > 1 (None:
    automatic — all cores when the journal has at least PARALLEL_MIN_ENTRIES entries, fork is available
    and this process runs no other thread) the seq range is split between forked processes, each with
    its own read-only connection (entries never change, so they all see the same ones).
    PostgreSQL: one server-side cursor.

    Use a read connection (:func:`deskapp.store.engine.read_connection`) to verify a live SQLite
    database without holding the write lock.
    """
    # Make SQLAlchemy begin its transaction (BEGIN on SQLite, a snapshot on PostgreSQL) before using
    # the DBAPI connection underneath, so the whole walk sees one consistent state.
    row = conn.execute(_HEAD).first()
    head = int(row[0]) if row is not None else 0
    if head == 0:
        return VerifyResult(True, 0, None, "", "ok", 0, ZERO_HASH)
    dbapi = conn.connection.dbapi_connection
    was_enabled = gc.isenabled()
    gc.disable()  # millions of short-lived tuples: generational GC passes would cost more than the work
    try:
        if conn.dialect.name == "postgresql":
            return _verify_pg(dbapi, head, chunk, progress)
        return _verify_sqlite(conn, dbapi, head, chunk, progress, workers)
    finally:
        if was_enabled:
            gc.enable()


def _verify_pg(dbapi: Any, head: int, chunk: int, progress: Callable[[int], None] | None) -> VerifyResult:
    cur = dbapi.cursor(name=f"deskapp_verify_{uuid.uuid4().hex[:12]}")
    cur.itersize = chunk
    try:
        cur.execute(_SELECT_RANGE.replace("?", "%s"), (1, head))
        r = _walk_exact(cur.fetchmany, 1, head, ZERO_HASH, chunk, progress)
    finally:
        cur.close()
    return _result(r, 1, head)


def _verify_sqlite(conn: Connection, dbapi: Any, head: int, chunk: int,
                   progress: Callable[[int], None] | None, workers: int | None) -> VerifyResult:
    path = sqlite_path(conn)
    n = _decide_workers(workers, head, path)
    if n <= 1:
        r = _walk_sqlite_dbapi(dbapi, 1, head, _ZERO_B, chunk, progress)
        return _result(r, 1, head)
    # split [1, head] into n ranges; this process does the first, forked children the others
    bounds = [1 + (head * i) // n for i in range(n + 1)]
    ranges = [(bounds[i], bounds[i + 1] - 1) for i in range(n)]
    ctx = multiprocessing.get_context("fork")
    procs = []
    try:
        for lo, hi in ranges[1:]:
            recv, send = ctx.Pipe(duplex=False)
            p = ctx.Process(target=_range_worker, args=(str(path), lo, hi, chunk, send), daemon=True)
            p.start()
            send.close()
            procs.append((p, recv))
        lo, hi = ranges[0]
        results = [_walk_sqlite_dbapi(dbapi, lo, hi, _ZERO_B, chunk, progress)]
        for p, recv in procs:
            try:
                results.append(recv.recv())
            except EOFError:
                raise RuntimeError("a verify worker process died") from None
            finally:
                recv.close()
            p.join()
    finally:
        for p, _ in procs:
            if p.is_alive():
                p.kill()
                p.join()
    # stitch: each range must start where the previous one ended
    prev_end = _ZERO_B
    total = 0
    for (lo, hi), r in zip(ranges, results, strict=True):
        ok, checked, bad_seq, code, reason, first_prev, last_hash = r
        if checked > 0 and first_prev != prev_end:
            return _result((False, 0, lo, "broken_link", _link_reason(lo), first_prev, prev_end),
                           1, head, offset=total)
        if not ok:
            return _result(r, lo, hi, offset=total)
        total += checked
        prev_end = last_hash
    return _result((True, total, None, "ok", "", _ZERO_B, prev_end), 1, head)


def _decide_workers(workers: int | None, head: int, path: Any) -> int:
    if path is None or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if workers is None:
        if head < PARALLEL_MIN_ENTRIES or threading.active_count() > 1:
            return 1
        workers = os.cpu_count() or 1
    return max(1, min(int(workers), 8, head // 1000 or 1))


def _range_worker(path: str, lo: int, hi: int, chunk: int, send: Any) -> None:  # runs in a child
    try:
        uri = "file:" + urllib.parse.quote(path) + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout={30_000}")
            r = _walk_sqlite_dbapi(db, lo, hi, None, chunk, None)
        finally:
            db.close()
        send.send(r)
    finally:
        send.close()


def _walk_sqlite_dbapi(db: Any, lo: int, hi: int, prev: bytes | None, chunk: int,
                       progress: Callable[[int], None] | None) -> tuple:
    """Walk seq lo..hi on a sqlite3 connection. ``prev``: the hash entry lo must link to, or None to
    take entry lo's own prev_hash (a worker's first entry; the parent stitches the ranges)."""
    old_factory = db.text_factory
    db.text_factory = bytes
    cur = db.cursor()
    try:
        cur.execute(_SELECT_RANGE, (lo, hi))
        return _walk_bytes(cur.fetchmany, lo, hi, prev, chunk, progress)
    finally:
        cur.close()
        db.text_factory = old_factory


def _walk_bytes(fetch: Callable[[int], list], start: int, hi: int, prev: bytes | None, chunk: int,
                progress: Callable[[int], None] | None) -> tuple:
    """Returns (ok, n_checked, bad_seq, code, reason, first_prev_hash, last_hash) with hashes as bytes."""
    sha = _sha256
    fmt = _FAST_FMT
    q = b'"'
    join = b"".join
    g_at, g_station, g_actor, g_kind = _GETTERS
    expected = start
    first_prev = None
    while True:
        rows = fetch(chunk)
        if not rows:
            break
        if first_prev is None:
            first_prev = rows[0][7]
            if prev is None:
                prev = first_prev
        # The fast path is valid for this chunk if no short field holds a '"' (see _FAST_FMT).
        try:
            fast = not (q in join(map(g_at, rows)) or q in join(map(g_station, rows))
                        or q in join(map(g_actor, rows)) or q in join(map(g_kind, rows)))
        except TypeError:  # a value of another type in a text column
            fast = False
        for seq, at, station, actor, kind, payload, pv, prev_hash, h in rows:
            if seq != expected:
                return (False, expected - start, expected, "gap", _gap_reason(expected, seq),
                        first_prev, prev)
            if prev_hash != prev:
                return (False, seq - start, seq, "broken_link", _link_reason(seq), first_prev, prev)
            if fast:
                try:
                    good = sha(fmt % (actor, at, kind, payload, pv, prev_hash, seq, station)) \
                        .hexdigest().encode() == h
                except TypeError:  # e.g. a number stored in payload
                    good = _exact_ok((seq, at, station, actor, kind, payload, pv, prev_hash, h), decode=True)
            else:
                good = _exact_ok((seq, at, station, actor, kind, payload, pv, prev_hash, h), decode=True)
            if not good:
                return (False, seq - start, seq, "bad_hash", _hash_reason(seq), first_prev, prev)
            prev = h
            expected += 1
        if progress is not None:
            progress(expected - start)
    if expected <= hi:  # nothing left although entries up to hi exist elsewhere: all deleted
        return (False, expected - start, expected, "gap", _gap_reason(expected, None), first_prev, prev)
    return (True, expected - start, None, "ok", "", first_prev or _ZERO_B, prev or _ZERO_B)


def _walk_exact(fetch: Callable[[int], list], start: int, hi: int, prev: str, chunk: int,
                progress: Callable[[int], None] | None) -> tuple:
    """Same as _walk_bytes over str columns (PostgreSQL)."""
    expected = start
    first_prev = None
    while True:
        rows = fetch(chunk)
        if not rows:
            break
        if first_prev is None:
            first_prev = rows[0][7]
        for row in rows:
            seq = row[0]
            if seq != expected:
                return (False, expected - start, expected, "gap", _gap_reason(expected, seq), first_prev, prev)
            if row[7] != prev:
                return (False, seq - start, seq, "broken_link", _link_reason(seq), first_prev, prev)
            if not _exact_ok(row, decode=False):
                return (False, seq - start, seq, "bad_hash", _hash_reason(seq), first_prev, prev)
            prev = row[8]
            expected += 1
        if progress is not None:
            progress(expected - start)
    if expected <= hi:
        return (False, expected - start, expected, "gap", _gap_reason(expected, None), first_prev, prev)
    return (True, expected - start, None, "ok", "", first_prev or ZERO_HASH, prev)


def _exact_ok(row: tuple, *, decode: bool) -> bool:
    """Recompute one entry's hash the canonical way (any text, any stored type)."""
    seq, at, station, actor, kind, payload, pv, prev_hash, h = row
    try:
        if decode:
            at, station, actor, kind, payload, prev_hash, h = (
                v.decode("utf-8") if isinstance(v, bytes) else v
                for v in (at, station, actor, kind, payload, prev_hash, h))
        if not all(isinstance(v, str) for v in (at, station, actor, kind, payload, prev_hash, h)):
            return False
        if type(seq) is not int or type(pv) is not int:
            return False
        return _sha256(_message(prev_hash, seq, at, station, actor, kind, payload, pv)
                       .encode("utf-8")).hexdigest() == h
    except (UnicodeError, TypeError, ValueError):
        return False


def _result(r: tuple, lo: int, hi: int, *, offset: int = 0) -> VerifyResult:
    ok, checked, bad_seq, code, reason, _first_prev, last = r
    last_s = last.decode("ascii", "replace") if isinstance(last, bytes) else (last or ZERO_HASH)
    if ok:
        total = offset + checked
        return VerifyResult(True, total, None, "", "ok", total, last_s)
    return VerifyResult(False, offset + checked, bad_seq, reason, code, offset + checked, last_s)


def _gap_reason(expected: int, found: int | None) -> str:
    if found is None:
        return f"entry {expected} is missing"
    return f"entry {expected} is missing (the next entry found is {found})"


def _link_reason(seq: int) -> str:
    return (f"entry {seq} does not link to entry {seq - 1} (its prev_hash differs from the hash of "
            f"entry {seq - 1}: one of them was rewritten)")


def _hash_reason(seq: int) -> str:
    return f"entry {seq} was altered (its content does not match its hash)"
