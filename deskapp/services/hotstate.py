"""The office's "hot" state: what the rules keep in memory, saved with every journal entry.

Start-up never replays the journal (DESIGN.md): the service reads this state (today's rotation and floor,
staff, policy, the receptions in progress...) plus the few live records (make-up credits, the open claim
notice, claims, deals, sanctions) and looks everything else up through the read models' indexes
(deskapp.services.lazy).

- ``hot_state``: row 1, the pickled attributes of the Office that are neither store-backed collections
  nor record lists nor per-command bookkeeping (``state_blobs``), stamped with the journal entry it
  reflects, rewritten by every command in the same transaction as the entry; row 2, the staff list,
  rewritten when it changes; row 3, the board as last shown (deskapp.services.board_snapshot), saved by
  the desk outside the commands' transactions.
- ``hot_records``: one row per credit, notice entry, claim, deal and sanction (pickled), written when a
  command touches it; a used credit's row is deleted. Notice entries carry their day and whether they
  are still open, so start-up reads only the ones the rules can still need.

Pickles are read with an unpickler that only builds the domain's own record classes, dates and sets
(nothing from the database can make it run code). Stdlib only: ``peek_office`` runs before SQLAlchemy
is imported, so the window can draw the board at once (deskapp.app).
"""

from __future__ import annotations

import io
import pickle
import sqlite3

from deskapp.domain import Office
from deskapp.services.board_snapshot import journal_head, read_only
from deskapp.services.lazy import LAZY_ATTRS
from deskapp.services.rows import customer_from_row, visit_from_row

RECORD_LISTS = ("credits", "notice", "claims", "deals", "sanctions")
BOOKKEEPING = ("dirty_c", "dirty_v", "dirty_f", "dirty_x", "dirty_credits_removed", "dirty_refs", "peeked_seq",
               "_staff_blob")
NOT_IN_STATE = frozenset(LAZY_ATTRS) | frozenset(RECORD_LISTS) | frozenset(BOOKKEEPING)
LIVE_NOTICE = ("open", "claimed")
PROTOCOL = 5
UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError, KeyError)


# ------------------------------------------------------------------------------------ (de)serialising
def state_blobs(office: Office) -> tuple[bytes, bytes | None]:
    """(the pickled state without the staff, the pickled staff list or None when it has not changed since
    it was last saved by this office). The staff (a few dozen records, rarely changed, the slowest part to
    pickle) is a row of its own: a check-in rewrites one small row."""
    state = {k: v for k, v in office.__dict__.items() if k not in NOT_IN_STATE}
    staff = state.pop("staff")
    mark = staff_mark(staff)
    cached = office.__dict__.get("_staff_blob")
    staff_blob = None
    if cached is None or cached[0] != mark:
        staff_blob = pickle.dumps(staff, PROTOCOL)
        office.__dict__["_staff_blob"] = (mark, staff_blob)
    state["_active"] = list(state["_active"])  # the receptions in progress are rows of `visits`: their ids
    return pickle.dumps(state, PROTOCOL), staff_blob


def find_record(office: Office, kind: str, rid: int):
    """The credit / notice entry / claim / deal / sanction `rid` (None: no longer held)."""
    for rec in reversed(getattr(office, kind)):
        if rec.id == rid:
            return rec
    return None


def record_row(kind: str, rec, seq: int) -> dict:
    day = rec.date.isoformat() if kind == "notice" else None
    live = rec.status in LIVE_NOTICE if kind == "notice" else True
    return {"kind": kind, "id": rec.id, "day": day, "live": live, "seq": seq,
            "blob": pickle.dumps(rec, PROTOCOL)}


class _DomainUnpickler(pickle.Unpickler):
    """Builds only deskapp.domain classes, datetime values and sets."""

    SAFE = {("datetime", n) for n in ("date", "datetime", "time", "timedelta", "timezone")} | {
        ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "tuple"), ("builtins", "list"),
        ("builtins", "dict"), ("copyreg", "_reconstructor"), ("builtins", "object"),
    }

    def find_class(self, module: str, name: str):
        if (module, name) in self.SAFE or (module.startswith("deskapp.domain.") and not name.startswith("_")):
            value = super().find_class(module, name)
            if module.startswith("deskapp.domain.") and not isinstance(value, type):
                raise pickle.UnpicklingError(f"not a class: {module}.{name}")
            return value
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the office state")


def loads(blob: bytes):
    return _DomainUnpickler(io.BytesIO(bytes(blob))).load()


def saved_state(query) -> tuple[int, dict] | None:
    """(seq, the saved attributes) — the state row (id 1) with the staff row (id 2); None when nothing is
    saved. Unreadable rows raise one of UNREADABLE."""
    rows = {r["id"]: r for r in query(STATE_SQL, ())}
    if 1 not in rows:
        return None
    state = loads(rows[1]["blob"])
    if not isinstance(state, dict) or 2 not in rows:
        raise pickle.UnpicklingError("the saved office state is incomplete")
    staff_blob = bytes(rows[2]["blob"])
    state["staff"] = loads(staff_blob)
    state["_staff_blob"] = (staff_mark(state["staff"]), staff_blob)  # not rewritten until it changes
    return rows[1]["seq"], state


def staff_mark(staff: dict) -> tuple:
    return tuple((k, tuple(s.__dict__.values())) for k, s in staff.items())


# ------------------------------------------------------------------------------------ queries (DB-API)
STATE_SQL = "SELECT id, seq, blob FROM hot_state WHERE id IN (1, 2)"
RECORDS_SQL = (
    "SELECT kind, blob FROM hot_records WHERE kind IN ('credits', 'claims', 'deals', 'sanctions') "
    "UNION ALL SELECT kind, blob FROM hot_records WHERE kind = 'notice' AND live = ? "
    "UNION ALL SELECT kind, blob FROM hot_records WHERE kind = 'notice' AND live = ? AND day >= ?"
)


def read_office(query) -> tuple[int, Office] | None:
    """(seq, office) from the hot-state tables through `query(sql, params) -> list[dict]`; None when
    the database has no saved state."""
    saved = saved_state(query)
    if saved is None:
        return None
    seq, state = saved
    active = state.get("_active", {})
    if isinstance(active, list):  # saved as ids: the visits' rows are written with every entry
        found = {row["id"]: visit_from_row(row) for row in _rows_by_ids(query, "visits", active)}
        if len(found) != len(active):
            raise pickle.UnpicklingError("a reception in progress has no visit row")
        state["_active"] = {vid: found[vid] for vid in active}
    day = state.get("day")
    since = day.date.isoformat() if day is not None else "9999-12-31"
    records = [(r["kind"], r["blob"]) for r in query(RECORDS_SQL, (True, False, since))]
    return seq, _assemble(state, records)


def _assemble(state: dict, records: list) -> Office:
    """An Office holding the saved state and live records (its collections still plain and empty)."""
    office = Office()
    office.__dict__.update(state)
    lists: dict[str, list] = {k: [] for k in RECORD_LISTS}
    for kind, blob in records:
        lists[kind].append(loads(blob))
    for kind, recs in lists.items():
        recs.sort(key=lambda r: r.id)
        setattr(office, kind, recs)
    return office


def today_records(query, office: Office) -> tuple[dict, dict]:
    """Today's visits and their customers (what the board draws), as {id: record} dicts."""
    day = office.day
    ids = list(day.visit_ids) if day is not None else []
    visits = {row["id"]: office._active.get(row["id"]) or visit_from_row(row)  # a reception in progress: that object
              for row in _rows_by_ids(query, "visits", ids)}
    cids = sorted({v.customer_id for v in visits.values()})
    customers = {row["id"]: customer_from_row(row) for row in _rows_by_ids(query, "customers", cids)}
    return visits, customers


def _rows_by_ids(query, table: str, ids: list, chunk: int = 500):
    """The rows of `table` with these ids (any order), read `chunk` ids per statement."""
    for i in range(0, len(ids), chunk):
        part = tuple(ids[i:i + chunk])
        yield from query(f"SELECT * FROM {table} WHERE id IN ({','.join('?' * len(part))})", part)


# ------------------------------------------------------------------------------------ the fast path
def peek_office(url: str | None) -> Office | None:
    """The office as saved at its last journal entry, read with the stdlib only (SQLite files).

    Enough for the board (deskapp.services.queries.board): staff, today's rotation and floor, today's
    visits and their customers, credits. None when it cannot tell (PostgreSQL, no file, an empty office,
    a database from before the saved state): the caller opens the full service instead.
    """
    db = read_only(url)  # one snapshot for every read below
    if db is None:
        return None
    try:
        db.row_factory = sqlite3.Row

        def query(sql, params):
            return db.execute(sql, params).fetchall()

        head = journal_head(db)
        loaded = read_office(query)
        if loaded is None or head is None or loaded[0] != head:
            return None
        seq, office = loaded
        office.visits, office.customers = today_records(query, office)
        office.peeked_seq = seq
        return office
    except (sqlite3.Error, *UNREADABLE):
        return None
    finally:
        db.close()
