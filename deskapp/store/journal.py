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
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from deskapp.store.engine import READ_ONLY_OPTION
from deskapp.store.errors import StoreError
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
_INSERT = journal_table.insert()
_PG_LOCK = select(office_lock.c.id).where(office_lock.c.id == 1).with_for_update()


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
               expected_head: int | None = None) -> JournalEntry:
        """Append one entry at head+1 under the office lock.

        ``expected_head``: the seq the caller based its decision on; if the head has moved since,
        StoreError('head_moved') is raised and nothing is written (roll back and decide again).
        Also issues NOTIFY (PostgreSQL) so that other stations refresh after the commit.
        """
        lock_office(conn)
        at_s = canonical_at(at)
        payload_json = canonical_json(dict(payload))
        pv = int(policy_version)
        row = conn.execute(_HEAD).first()
        head_seq, head_hash = (int(row[0]), row[1]) if row is not None else (0, ZERO_HASH)
        if expected_head is not None and expected_head != head_seq:
            raise StoreError("head_moved", detail=f"expected head {expected_head}, found {head_seq}")
        seq = head_seq + 1
        h = _sha256(_message(head_hash, seq, at_s, station, actor, kind, payload_json, pv)
                    .encode("utf-8")).hexdigest()
        try:
            conn.execute(_INSERT, {"seq": seq, "at": at_s, "station": station, "actor": actor,
                                   "kind": kind, "payload": payload_json, "policy_version": pv,
                                   "prev_hash": head_hash, "hash": h})
        except IntegrityError as exc:  # another writer took seq (only possible without the lock)
            raise StoreError("head_moved", detail=str(exc.orig)) from exc
        notify_change(conn)
        return JournalEntry(seq, at_s, station, actor, kind, json.loads(payload_json), pv, head_hash, h)

    def head(self, conn: Connection) -> tuple[int, str]:
        """(seq, hash) of the last entry; (0, 64 zeros) for an empty journal."""
        row = conn.execute(_HEAD).first()
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
    count: int  # entries checked (all of them when ok)
    first_bad_seq: int | None
    reason: str  # English sentence ('' when ok)
    code: str = "ok"  # 'ok', 'gap', 'broken_link', 'bad_hash'
    head_seq: int = 0  # last entry checked (when ok: the head)
    head_hash: str = ZERO_HASH


_VERIFY_COLS = "seq, at, station, actor, kind, payload, policy_version, prev_hash, hash"


def verify_chain(conn: Connection, *, chunk: int = 20_000,
                 progress: Callable[[int], None] | None = None) -> VerifyResult:
    """Walk the whole journal in seq order and check it: seq continuous from 1 (a deleted row is a
    gap), each prev_hash equal to the previous entry's hash, each hash equal to the recomputed one
    (any changed field). Stops at the first bad entry. Streams in chunks: memory does not grow with
    the journal. ``progress(count)`` is called after each chunk.

    Use a read connection (:func:`deskapp.store.engine.read_connection`) to verify a live SQLite
    database without holding the write lock.
    """
    # Make SQLAlchemy begin its transaction (BEGIN on SQLite, a snapshot on PostgreSQL) before using
    # the DBAPI connection underneath, so the whole walk sees one consistent state.
    conn.exec_driver_sql("SELECT 1")
    dbapi = conn.connection.dbapi_connection
    pg = conn.dialect.name == "postgresql"
    if pg:
        cur = dbapi.cursor(name=f"deskapp_verify_{uuid.uuid4().hex[:12]}")
        cur.itersize = chunk
    else:
        cur = dbapi.cursor()
    try:
        cur.execute(f"SELECT {_VERIFY_COLS} FROM journal ORDER BY seq")
        return _walk(cur, chunk, progress)
    finally:
        cur.close()


def _walk(cur: Any, chunk: int, progress: Callable[[int], None] | None) -> VerifyResult:
    sha = _sha256
    q = _quote
    expected = 1
    prev = ZERO_HASH
    fetch = cur.fetchmany
    while True:
        rows = fetch(chunk)
        if not rows:
            break
        for seq, at, station, actor, kind, payload, pv, prev_hash, h in rows:
            if seq != expected:
                return _bad(expected, "gap",
                            f"entry {expected} is missing (next entry found is {seq})", prev)
            if prev_hash != prev:
                return _bad(seq, "broken_link",
                            f"entry {seq} does not link to entry {seq - 1} (prev_hash differs: entry "
                            f"{seq - 1} or {seq} was altered)", prev)
            m = (f'{{"actor":{q(actor)},"at":{q(at)},"kind":{q(kind)},"payload":{payload},'
                 f'"policy_version":{pv},"prev_hash":"{prev_hash}","seq":{seq},"station":{q(station)}}}')
            if sha(m.encode()).hexdigest() != h:
                return _bad(seq, "bad_hash",
                            f"entry {seq} was altered (its content does not match its hash)", prev)
            prev = h
            expected += 1
        if progress is not None:
            progress(expected - 1)
    count = expected - 1
    return VerifyResult(True, count, None, "", "ok", count, prev)


def _bad(seq: int, code: str, reason: str, prev: str) -> VerifyResult:
    # entries 1..seq-1 were checked and are fine
    return VerifyResult(False, seq - 1, seq, reason, code, seq - 1, prev)
