"""The board as last shown, saved with the journal head it was computed at, for the next start to draw.

``queries.board(office)`` depends on the saved office state only (the office's own clock is the time of
its last command), so the board computed at journal entry N is the board of any start that finds N still
the last entry. The live service saves it (``hot_state`` row 3, JSON) when the desk goes live on a
state without one, when the desk has been idle a while after a change, and when the desk closes;
``peek_board`` reads it back with the stdlib and the DTOs only, before the rulebook or SQLAlchemy is
imported, and only when it was saved at the journal's last entry by this version of deskapp. Anything
else (another station wrote since, an older file, a crash before the save) returns None and the start
takes the saved office state instead (deskapp.services.hotstate.peek_office).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from deskapp import __version__

from .dto import Board, ConsultantRow, CreditToken, ReceptionRow

ROW_ID = 3  # hot_state: 1 the office state, 2 its staff, 3 this snapshot
FORMAT = 1
SNAPSHOT_SQL = "SELECT id, seq, blob FROM hot_state WHERE id IN (1, ?)"


# ------------------------------------------------------------------------------------ (de)serialising
def _when(v: dt.datetime | dt.date | None) -> str | None:
    return v.isoformat() if v is not None else None


def _datetime(s: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(s) if s is not None else None


def encode(board: Board, seq: int) -> bytes:
    """The board computed at journal entry `seq`, as JSON (UTF-8)."""
    rows = [[r.key, r.name, r.team, r.role, r.position, r.state, r.detail, _when(r.since), r.is_next, r.on_duty,
             r.owes_turn, [[c.rule, c.reason, _when(c.earned)] for c in r.credits]] for r in board.rows]
    receptions = [[r.visit_id, _when(r.at), r.customer_id, r.customer, r.phone, r.receiver, r.receiver_name, r.kind,
                   r.turn, r.active, list(r.rules), r.explanation, r.owner_name, r.amended, r.cancelled,
                   r.explanation_en] for r in board.receptions]
    doc = {"format": FORMAT, "version": __version__, "seq": seq, "date": _when(board.date), "now": _when(board.now),
           "next_up": board.next_up, "next_up_name": board.next_up_name, "next_up_via": board.next_up_via,
           "rows": rows, "receptions": receptions, "waiting": list(board.waiting)}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(blob: bytes) -> tuple[int, Board] | None:
    """(seq, board) from `encode`'s bytes; None when they are another format or another version's."""
    doc = json.loads(bytes(blob).decode("utf-8"))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != __version__:
        return None
    rows = tuple(
        ConsultantRow(key, name, team, role, position, state, detail, _datetime(since), is_next, on_duty, owes,
                      tuple(CreditToken(rule, reason, _datetime(earned)) for rule, reason, earned in credits))
        for key, name, team, role, position, state, detail, since, is_next, on_duty, owes, credits in doc["rows"])
    receptions = tuple(
        ReceptionRow(vid, _datetime(at), cid, customer, phone, receiver, receiver_name, kind, turn, active,
                     tuple(rules), explanation, owner_name, amended, cancelled, explanation_en)
        for (vid, at, cid, customer, phone, receiver, receiver_name, kind, turn, active, rules, explanation,
             owner_name, amended, cancelled, explanation_en) in doc["receptions"])
    date = doc["date"]
    board = Board(dt.date.fromisoformat(date) if date is not None else None, _datetime(doc["now"]),
                  doc["next_up"], doc["next_up_name"], doc["next_up_via"], rows, receptions, tuple(doc["waiting"]))
    return int(doc["seq"]), board


# ------------------------------------------------------------------------------------ reading (stdlib)
def sqlite_file(url: str | None) -> Path | None:
    """The SQLite file `url` names (None: the station's default file); None for any other database."""
    if url is None:
        from deskapp.store.paths import default_db_path  # stdlib only

        return Path(default_db_path())
    if not url.startswith("sqlite:///"):
        return None
    rest = url[len("sqlite:///"):].split("?", 1)[0]
    return Path(rest) if rest and rest != ":memory:" else None


def read_only(url: str | None) -> sqlite3.Connection | None:
    """A read-only connection to the SQLite file at `url` inside one read transaction (every read sees the
    same state); None for any other database, a missing file, or one that cannot be opened."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        db.execute("BEGIN")
    except sqlite3.Error:
        db.close()
        return None
    return db


def journal_head(db: sqlite3.Connection) -> int | None:
    """The journal's last entry (None: an empty journal)."""
    return db.execute("SELECT max(seq) FROM journal").fetchone()[0]


def peek_board(url: str | None) -> tuple[int, Board] | None:
    """(seq, board) saved at the journal's last entry `seq` of the SQLite file at `url`; None otherwise
    (PostgreSQL, no file, no snapshot, a stale or unreadable one)."""
    db = read_only(url)
    if db is None:
        return None
    try:
        head = journal_head(db)
        rows = {rid: (seq, blob) for rid, seq, blob in db.execute(SNAPSHOT_SQL, (ROW_ID,))}
        if head is None or ROW_ID not in rows or 1 not in rows or rows[1][0] != head or rows[ROW_ID][0] != head:
            return None
        found = decode(rows[ROW_ID][1])
        if found is None or found[0] != head:
            return None
        return found
    except (sqlite3.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None
    finally:
        db.close()
