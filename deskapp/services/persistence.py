"""The persistent office: every accepted command is one journal entry plus its read-model rows, in one
transaction under the office lock; the rulebook state is rebuilt from the journal."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from deskapp.domain import Decision, Office
from deskapp.domain.commands import Command, command_from_dict
from deskapp.services import hotstate, lazy
from deskapp.services.office_service import OfficeService
from deskapp.services.pinyin import name_keys
from deskapp.services.rows import customer_from_row, followup_from_row, visit_from_row  # noqa: F401 - re-exported
from deskapp.services.search import search_rows
from deskapp.store import readmodels as rm
from deskapp.store.engine import read_connection, write_connection
from deskapp.store.errors import StoreError
from deskapp.store.journal import Journal, canonical_json, lock_office, verify_chain
from deskapp.store.migrate import open_store
from deskapp.store.notify import ChangeWatcher
from deskapp.store.sql import add_tallies, batched, clear, delete_ids, delete_records, rows_by_id, upsert

_journal = Journal()
log = logging.getLogger(__name__)
COMMAND_KIND = "command"


def decision_summary(d: Decision) -> dict:
    return {
        "customer": d.customer, "receiver": d.receiver, "owner": d.owner, "turn": d.turn, "notify": d.notify,
        "assist": d.assist, "rules": d.rules, "explanation": d.explanation_zh, "policy": d.policy,
        "credit": d.credit, "split": d.split, "sanctions": d.sanctions,
    }


def customer_row(office: Office, cid: int, seq: int) -> dict:
    c = office.customers[cid]
    phone = c.phones[0] if c.phones else ""
    full, initials = name_keys(c.name) if c.name else ("", "")
    return {
        "id": c.id, "name": c.name or "", "phone": phone, "phone_rev": phone[::-1], "phones": ",".join(c.phones),
        "pinyin": full[:80], "initials": initials[:20], "owner": c.owner, "owner_rule": c.owner_rule,
        "source": c.source, "has_deal": bool(c.has_deal), "same_as": ",".join(map(str, sorted(c.same_as))),
        "seq": seq, "alias": c.alias, "owner_since": _iso(c.owner_since), "family_of": c.family_of,
        "relation": c.relation, "referred_by": c.referred_by, "competitor": bool(c.competitor),
        "created": _iso(c.created), "last_visit": _iso(_last_visit(office, cid)),
    }


def _last_visit(office: Office, cid: int):
    ids = office.customer_visits.get(cid, [])
    return office.visits[ids[-1]].at if ids else None


def dirty_customers(office: Office) -> list[int]:
    """Customers whose row the last command changed: the ones it touched and those of the visits it wrote
    (a row carries its customer's last visit)."""
    ids = set(office.dirty_c)
    ids.update(office.visits[v].customer_id for v in office.dirty_v if v in office.visits)
    return [i for i in sorted(ids) if i in office.customers]


def customer_phone_rows(office: Office, cid: int, seq: int) -> list[dict]:
    return [{"id": p, "customer_id": cid, "seq": seq} for p in office.customers[cid].phones]



def visit_row(office: Office, vid: int, seq: int) -> dict:
    v = office.visits[vid]
    return {
        "id": v.id, "customer_id": v.customer_id, "day": v.at.date().isoformat(), "at": v.at.isoformat(),
        "receiver": v.receiver, "kind": v.kind, "turn": v.turn, "registered": bool(v.registered),
        "active": bool(v.active), "cancelled": bool(v.cancelled), "amended": bool(v.amended),
        "rules": ",".join(v.rules), "explanation": v.explanation_zh, "seq": seq,
        "first_visit": v.first_visit, "contacted_by": v.contacted_by, "names": v.names, "source": v.source,
        "pending_owner": v.pending_owner, "on_behalf_of": v.on_behalf_of, "assist": v.assist,
        "refused_by": ",".join(v.refused_by), "corrections": canonical_json(v.corrections),
        "explanation_en": v.explanation_en, "ended": _iso(v.ended),
    }



def followup_row(office: Office, fid: int, seq: int) -> dict:
    f = office.followups_by_id[fid]
    return {"id": f.id, "who": f.who, "customer_id": f.customer_id, "date": f.date.isoformat(),
            "amended": bool(f.amended), "seq": seq, "note": f.note, "corrections": canonical_json(f.corrections)}




def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def other_row(kind: str, rec, seq: int) -> dict:
    """The read-model row of a credit, notice entry, claim, deal or sanction."""
    if kind == "credits":
        return {"id": rec.id, "holder": rec.holder, "rule": rec.rule, "reason": rec.reason,
                "earned": rec.earned.isoformat(), "seq": seq}
    if kind == "notice":
        return {"id": rec.id, "date": rec.date.isoformat(), "customer_id": rec.customer_id, "visit_id": rec.visit_id,
                "receiver": rec.receiver, "status": rec.status, "claimant": rec.claimant, "seq": seq}
    if kind == "claims":
        return {"id": rec.id, "kind": rec.kind, "customer_id": rec.customer_id, "claimant": rec.claimant,
                "same_as": rec.same_as, "at": rec.at.isoformat(), "status": rec.status, "against": rec.against,
                "proposed": rec.proposed, "decision": rec.decision, "reason": rec.reason,
                "ruled_by": rec.ruled_by, "seq": seq}
    if kind == "deals":
        return {"id": rec.id, "customer_id": rec.customer_id, "closer": rec.closer,
                "contract_name": rec.contract_name, "at": rec.at.isoformat(), "credit": rec.credit,
                "split": canonical_json(rec.split), "seq": seq}
    if kind == "sanctions":
        return {"id": rec.id, "who": rec.who, "rule": rec.rule, "kind": rec.kind, "days": rec.days, "yuan": rec.yuan,
                "at": rec.at.isoformat(), "start": _iso(rec.start), "end": _iso(rec.end), "seq": seq}
    raise KeyError(kind)


OTHER_TABLES = {"credits": rm.credits, "notice": rm.notice_entries, "claims": rm.claims, "deals": rm.deals,
                "sanctions": rm.sanctions}


def rotation_content(office: Office) -> dict[int, tuple]:
    """Today's rotation rows by position, without their `seq` stamp (columns _ROTATION_COLS[1:-1])."""
    day = office.day
    if day is None:
        return {}
    return {i: (day.date.isoformat(), k, i == day.pointer, day.stepped_out.get(k), office.staff[k].owes_turn)
            for i, k in enumerate(day.rotation)}


def rotation_key(office: Office):
    """What today's rotation rows depend on: they are rewritten only when this changes."""
    day = office.day
    if day is None:
        return None
    return (day.date, tuple(day.rotation), day.pointer, tuple(sorted(day.stepped_out.items())),
            tuple(office.staff[k].owes_turn for k in day.rotation))


_ROTATION_COLS = ("id", "day", "staff", "at_pointer", "stepped_out", "owes_turn", "seq")


class RotationTracker:
    """Decides, entry by entry, which of today's rotation rows are written: only those that changed (a
    turn moves the pointer: two rows), stamped with that entry; positions no longer in the rotation are
    deleted.

    The one rule shared by the service, `verify`, `rebuild` and the benchmark generator, so that the
    rows' `seq` stamps agree however the entries were written.
    """

    def __init__(self, office: Office | None = None):
        self.key = rotation_key(office) if office is not None else None
        self.rows = rotation_content(office) if office is not None else {}

    def step(self, office: Office, seq: int) -> tuple[list[dict], list[int]]:
        """(rows to write, positions to delete) after the entry `seq`."""
        key = rotation_key(office)
        if key == self.key:
            return [], []
        self.key = key
        content = rotation_content(office)
        changed = [dict(zip(_ROTATION_COLS, (i, *row, seq), strict=True))
                   for i, row in content.items() if self.rows.get(i) != row]
        removed = sorted(set(self.rows) - set(content))
        self.rows = content
        return changed, removed


def tally_rows(decision: Decision, at: dt.datetime, seq: int) -> list[dict]:
    """What the decision adds to its day's tallies: who was passed over (with or without a make-up credit
    waiting) and who earned a credit (the daily report's numbers that no record keeps)."""
    day = at.date().isoformat()
    counts: dict[str, list[int]] = {}
    for p in decision.passed:
        counts.setdefault(p["who"], [0, 0, 0])[0 if p["credit"] else 1] += 1
    for e in decision.credits_earned:
        counts.setdefault(e["who"], [0, 0, 0])[2] += 1
    return [{"id": f"{day}|{who}", "day": day, "who": who, "skips_credit": n[0], "skips_plain": n[1],
             "earned": n[2], "seq": seq} for who, n in sorted(counts.items())]


def write_read_models(out, office: Office, seq: int, rotation: RotationTracker, decision: Decision) -> None:
    """The rows the last command changed (its dirty sets and its decision), stamped with its journal entry.

    `out` is where they go: SqlRows (the transaction), ExpectedRows (what `verify --full` compares the
    tables with) or the benchmark generator's bulk loader; this is the one place that decides the rows.
    """
    out.add_tallies(tally_rows(decision, office.now, seq))
    dirty_c = dirty_customers(office)
    out.upsert(rm.customers, [customer_row(office, i, seq) for i in dirty_c])
    out.upsert(rm.customer_phones, [r for i in dirty_c for r in customer_phone_rows(office, i, seq)])
    out.upsert(rm.customer_refs, [ref_row(office, ref, seq) for ref in sorted(office.dirty_refs)])
    out.upsert(rm.visits, [visit_row(office, i, seq) for i in sorted(office.dirty_v) if i in office.visits])
    out.upsert(rm.followups, [followup_row(office, i, seq) for i in sorted(office.dirty_f)
                              if i in office.followups_by_id])
    records = []
    for kind, table in OTHER_TABLES.items():
        rows = []
        for k, rid in sorted(office.dirty_x):
            rec = hotstate.find_record(office, kind, rid) if k == kind else None
            if rec is not None:
                rows.append(other_row(kind, rec, seq))
                records.append(hotstate.record_row(kind, rec, seq))
        out.upsert(table, rows)
    out.upsert(rm.hot_records, records)
    if office.dirty_credits_removed:
        out.delete(rm.credits, office.dirty_credits_removed)
        out.delete_records("credits", office.dirty_credits_removed)
    changed, removed = rotation.step(office, seq)  # today's rotation: only the rows that changed
    if removed:
        out.delete(rm.rotation, removed)
    out.upsert(rm.rotation, changed)


class SqlRows:
    """write_read_models into the transaction's tables."""

    def __init__(self, conn):
        self.conn = conn

    def upsert(self, table, rows: list[dict]) -> None:
        upsert(self.conn, table, rows)

    def delete(self, table, ids) -> None:
        delete_ids(self.conn, table, ids)

    def delete_records(self, kind: str, ids) -> None:
        delete_records(self.conn, kind, ids)

    def add_tallies(self, rows: list[dict]) -> None:
        add_tallies(self.conn, rows)


def sum_tallies(into: dict[str, dict], rows: list[dict]) -> None:
    """Add day-tally rows to `into` (by id) as the database adds them: counts summed, `seq` the latest."""
    for r in rows:
        had = into.get(r["id"])
        if had:
            r = {**r, **{k: had[k] + r[k] for k in ("skips_credit", "skips_plain", "earned")}}
        into[r["id"]] = r


class ExpectedRows:
    """write_read_models into memory: what every read-model row should be after a replay (verify)."""

    def __init__(self):
        self.tables: dict[str, dict] = {t.name: {} for t in rm.READ_MODELS}

    def upsert(self, table, rows: list[dict]) -> None:
        if table.name in self.tables:  # the saved state is checked apart (_check_hot)
            self.tables[table.name].update((r["id"], r) for r in rows)

    def delete(self, table, ids) -> None:
        for i in ids:
            self.tables[table.name].pop(i, None)

    def delete_records(self, kind: str, ids) -> None:
        pass

    def add_tallies(self, rows: list[dict]) -> None:
        sum_tallies(self.tables["day_tallies"], rows)


def ref_row(office: Office, ref: str, seq: int) -> dict:
    return {"id": ref, "customer_id": office.by_ref[ref], "seq": seq}


def write_hot_state(out, office: Office, seq: int) -> None:
    """The office's in-memory state after entry `seq` (deskapp.services.hotstate), same transaction."""
    state, staff = hotstate.state_blobs(office)
    rows = [{"id": 1, "seq": seq, "blob": state}]
    if staff is not None:
        rows.append({"id": 2, "seq": seq, "blob": staff})
    out.upsert(rm.hot_state, rows)


@contextlib.contextmanager
def _begun(conn):
    """`conn.begin()` yielding the connection, as write_connection yields its own."""
    with conn.begin():
        yield conn


def replay(conn, office: Office, from_seq: int = 1) -> int:
    """Apply journal entries from `from_seq` on to `office`; returns the last seq applied."""
    last = from_seq - 1
    for entry in _journal.read(conn, from_seq):
        if entry.kind == COMMAND_KIND:
            office.execute(command_from_dict(entry.payload["command"]), entry.at_datetime)
        last = entry.seq
    return last


class PersistentOfficeService(OfficeService):
    """OfficeService over a database: SQLite by default, PostgreSQL by URL.

    Start-up reads the office's saved state (deskapp.services.hotstate), never the whole journal; customers,
    visits and follow-ups are looked up through the read models' indexes (deskapp.services.lazy).
    """

    def __init__(self, url: str | None = None, station: str = "desk-1", engine=None, office: Office | None = None):
        self.engine = engine or open_store(url)
        self.station = station
        self._watcher: ChangeWatcher | None = None
        self._source = lazy.Source(self.engine)
        self.reload(office)

    def reload(self, peeked: Office | None = None) -> None:
        """Take the office as the database holds it (dropping everything cached)."""
        self._bulk_conn = None
        self._source.conn = None
        with read_connection(self.engine) as conn:
            head, _ = _journal.head(conn)
            loaded = self._read_state(conn)
        if head and (loaded is None or loaded[0] != head):
            # A database written before the saved state existed (or by hand): derive it once.
            log.warning("no saved office state at journal entry %s: re-deriving the read models", head)
            rebuild(self.engine)
            with read_connection(self.engine) as conn:
                head, _ = _journal.head(conn)
                loaded = self._read_state(conn)
            if loaded is None or loaded[0] != head:
                raise StoreError("db_corrupt", detail="the office state cannot be derived from the journal")
        seed = None
        if loaded is None:
            office = Office()
        elif peeked is not None and getattr(peeked, "peeked_seq", None) == loaded[0]:
            office = peeked  # the board drew this one already: keep it, with what it has read
            del office.peeked_seq
            seed = {"visits": dict(office.visits), "customers": dict(office.customers)}
        else:
            office = loaded[1]
        self._set_office(office, head, seed)

    def _read_state(self, conn):
        """(seq, office) as saved; None when there is no saved state or it cannot be read (then the
        caller re-derives it from the journal, which is the record)."""
        saved, self._source.conn = self._source.conn, conn
        try:
            return hotstate.read_office(self._source.query)
        except hotstate.UNREADABLE as err:
            log.warning("the saved office state cannot be read (%s)", err)
            return None
        finally:
            self._source.conn = saved

    def _set_office(self, office: Office, head: int, seed: dict | None = None) -> None:
        lazy.attach(office, self._source, seed)  # customers, visits... through the read models
        self.office = office
        self.head = head
        self._rotation = RotationTracker(office)  # the rotation rows stored are the state at head

    def _adopt(self, conn, head: int) -> None:
        """Another station wrote: take the state it saved at `head` (never replay over its rows)."""
        loaded = self._read_state(conn)
        if loaded is None or loaded[0] != head:
            raise StoreError("db_corrupt", detail=f"no saved office state at journal entry {head}")
        self._set_office(loaded[1], head)

    @contextlib.contextmanager
    def bulk(self):
        """Many commands in one transaction (demo data, imports): all land, or none.

        On any error the transaction rolls back and the in-memory office is rebuilt from what was
        committed, so nothing of the failed batch survives anywhere.
        """
        try:
            with write_connection(self.engine) as conn:
                lock_office(conn)
                self._bulk_conn = self._source.conn = conn  # lookups between commands see the batch too
                try:
                    yield self
                finally:
                    self._bulk_conn = self._source.conn = None
        except BaseException:
            self.reload()
            raise
        lazy.trim(self.office)

    def _apply(self, conn, cmd: Command, now: dt.datetime) -> Decision:
        head = _journal.head(conn)
        outer, self._source.conn = self._source.conn, conn  # lookups read this transaction and its rows
        try:
            if head[0] != self.head:  # another station wrote: catch up under the lock
                self._adopt(conn, head[0])
            decision = self.office.execute(cmd, now)  # RuleError: nothing written, rolled back
            entry = _journal.append(
                conn, at=now, station=self.station, actor=cmd.actor or "desk", kind=COMMAND_KIND,
                payload={"command": cmd.to_dict(), "decision": decision_summary(decision)},
                policy_version=decision.policy_version, expected_head=self.head, head=head,
            )
            with batched(conn):  # PostgreSQL: the rows go in one round trip
                rows = SqlRows(conn)
                write_read_models(rows, self.office, entry.seq, self._rotation, decision)
                write_hot_state(rows, self.office, entry.seq)
            lazy.flushed(self.office)
        finally:
            self._source.conn = outer
        self.head = entry.seq
        return decision

    def handle(self, cmd: Command, now: dt.datetime) -> Decision:
        if getattr(self, "_bulk_conn", None) is not None:
            return self._apply(self._bulk_conn, cmd, now)
        try:
            with self._write_transaction() as conn:
                lock_office(conn)  # the office's rotation lock, before reading the head
                decision = self._apply(conn, cmd, now)
        except StoreError:
            self._drop_writer()
            self.reload()  # the in-memory rulebook may be ahead of what was committed
            raise
        except Exception as err:
            from deskapp.domain import RuleError

            if not isinstance(err, RuleError):
                self._drop_writer()
                self.reload()
            raise
        lazy.trim(self.office)  # committed: every cached record is in the database
        return decision

    _writer = None

    def _write_transaction(self):
        """One write transaction (BEGIN IMMEDIATE on SQLite). On SQLite it runs on a connection kept for
        writing, so a check-in skips the pool's check-out and reset (~50 µs of its ~0.6 ms); between
        commands that connection holds no transaction, so no lock and no snapshot. PostgreSQL takes a
        pooled connection each time (the pool pings it first: a server may drop idle connections)."""
        if self.engine.dialect.name != "sqlite":
            return write_connection(self.engine)
        conn = self._writer
        if conn is None or conn.closed or conn.invalidated:
            conn = self._writer = self.engine.connect()
        return _begun(conn)

    _board_saved_at = 0  # the journal entry whose board this service last saved (or found saved)

    def save_board_snapshot(self) -> bool:
        """Save the board at the journal head for the next start to draw at once, before the rulebook is
        loaded (deskapp.services.board_snapshot). SQLite only: other databases start from the service.

        The board is worked out before the write lock is taken, and only when the head has moved since the
        last save; nothing is written when the saved one is already at the head. False when another
        station wrote since (this board would not be the head's) or the write failed: the next start then
        draws from the saved office state instead."""
        if self.engine.dialect.name != "sqlite" or not self.head or getattr(self, "_bulk_conn", None) is not None:
            return False
        if self._board_saved_at == self.head:
            return True
        from deskapp.services import board_snapshot, queries

        try:
            blob = board_snapshot.encode(queries.board(self.office), self.head)
            with self._write_transaction() as conn:
                head, _ = _journal.head(conn)
                if head != self.head:
                    return False
                saved = conn.execute(
                    rm.hot_state.select().where(rm.hot_state.c.id == board_snapshot.ROW_ID)).mappings().first()
                if saved is None or saved["seq"] != head or board_snapshot.decode(saved["blob"]) is None:
                    upsert(conn, rm.hot_state, [{"id": board_snapshot.ROW_ID, "seq": head, "blob": blob}])
        except Exception:  # noqa: BLE001 - a start-up shortcut: never let it disturb the desk
            log.warning("cannot save the board for the next start", exc_info=True)
            self._drop_writer()
            return False
        self._board_saved_at = self.head
        return True

    def _drop_writer(self) -> None:
        """After a failed write: the next one starts on a fresh connection."""
        conn, self._writer = self._writer, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def search(self, text: str, limit: int = 50, with_prefix: bool = False):
        """Customer search through the read model's indexes (phone tail — and prefix —, name, pinyin)."""
        cursor = self._search_cursor or self._open_search_cursor()
        try:
            return search_rows(cursor, self._office_now, text, limit, with_prefix, self._source.pyformat)
        except Exception:
            self._close_search()  # a broken connection is not reused; the next keystroke opens another
            raise

    _search_cursor = None
    _search_conn = None

    def _office_now(self) -> Office:
        return self.office

    def _open_search_cursor(self):
        """A connection of its own for search, outside the pool, reading committed rows (autocommit)."""
        raw = self.engine.raw_connection()
        raw.detach()  # closed by close(), never handed back to the pool in autocommit mode
        dbapi = raw.dbapi_connection
        if self.engine.dialect.name == "postgresql":
            dbapi.autocommit = True
        self._search_conn, self._search_cursor = raw, dbapi.cursor()
        return self._search_cursor

    def _close_search(self) -> None:
        conn, self._search_conn, self._search_cursor = self._search_conn, None, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def day_tallies(self, day: dt.date) -> dict[str, tuple[int, int, int]]:
        """{staff key: (skips with a credit waiting, plain skips, credits earned)} on `day`, as recorded."""
        rows = self._source.query("SELECT who, skips_credit, skips_plain, earned FROM day_tallies WHERE day = ?",
                                  (day.isoformat(),))
        return {r["who"]: (r["skips_credit"], r["skips_plain"], r["earned"]) for r in rows}

    def poll_changes(self) -> bool:
        """True if another station committed since the last call (then the office is caught up)."""
        if self._watcher is None:
            self._watcher = ChangeWatcher(self.engine)
        if not self._watcher.poll():
            return False
        with read_connection(self.engine) as conn:
            head, _ = _journal.head(conn)
            if head == self.head:
                return False
            self._adopt(conn, head)
        return True

    def close(self) -> None:
        self._drop_writer()
        self._close_search()
        if self._watcher is not None:
            self._watcher.close()
        self.engine.dispose()
        cleanup = getattr(self, "cleanup", None)
        if cleanup is not None:
            import shutil

            shutil.rmtree(cleanup, ignore_errors=True)


@dataclass
class VerifyReport:
    ok: bool
    count: int
    message: str
    seq: int | None = None


def verify(engine, full: bool = True) -> VerifyReport:
    """Walk the hash chain and check the saved office state is the journal head's; with `full`, also
    replay the journal and compare every read-model row and the saved state with what it gives."""
    with read_connection(engine) as conn:
        chain = verify_chain(conn)
        if not chain.ok:
            return VerifyReport(False, chain.count, f"journal entry {chain.first_bad_seq}: {chain.reason}",
                                chain.first_bad_seq)
        head, _ = _journal.head(conn)
        state = conn.execute(rm.hot_state.select().where(rm.hot_state.c.id == 1)).mappings().first()
        if head and (state is None or state["seq"] != head):
            at = None if state is None else state["seq"]
            return VerifyReport(False, chain.count, f"the saved office state is at entry {at}, the journal at {head}"
                                " (run `deskapp rebuild`)", head)
        if not full:
            return VerifyReport(True, chain.count, f"OK: {chain.count} journal entries, hash chain intact")
        office = Office()
        out = ExpectedRows()
        rotation = RotationTracker()
        for entry in _journal.read(conn):
            if entry.kind != COMMAND_KIND:
                continue
            decision = office.execute(command_from_dict(entry.payload["command"]), entry.at_datetime)
            write_read_models(out, office, entry.seq, rotation, decision)
        expected = out.tables
        for table in rm.READ_MODELS:
            want = expected[table.name]
            got = rows_by_id(conn, table)
            for key in sorted(set(want) | set(got)):
                w, g = want.get(key), got.get(key)
                if w is None:
                    return VerifyReport(False, chain.count, f"{table.name} row {key} is not in the journal", g["seq"])
                if g is None:
                    return VerifyReport(False, chain.count, f"{table.name} row {key} (journal entry {w['seq']}) is missing",
                                        w["seq"])
                for col, val in w.items():
                    if _norm(g.get(col)) != _norm(val):
                        return VerifyReport(
                            False, chain.count,
                            f"{table.name} row {key}: column {col} is {g.get(col)!r} but journal entry {w['seq']} "
                            f"says {val!r}", w["seq"])
        problem = _check_hot(conn, office, state) or _check_saved_board(conn, office, head)
        if problem:
            return VerifyReport(False, chain.count, problem, head)
    return VerifyReport(True, chain.count, f"OK: {chain.count} journal entries, read models match")


def _check_saved_board(conn, office: Office, head: int) -> str | None:
    """The board saved for the next start (deskapp.services.board_snapshot) against the replayed office's,
    when it claims to be the board at the journal head (one of another version or entry is never drawn)."""
    from deskapp.services import board_snapshot, queries

    row = conn.execute(rm.hot_state.select().where(rm.hot_state.c.id == board_snapshot.ROW_ID)).mappings().first()
    if row is None or row["seq"] != head:
        return None
    try:
        saved = board_snapshot.decode(row["blob"])
    except (ValueError, TypeError, KeyError, UnicodeDecodeError) as err:
        return f"the board saved for the next start cannot be read: {err}"
    if saved is not None and saved[1] != queries.board(office):
        return "the board saved for the next start differs from the journal (run `deskapp rebuild`)"
    return None


def _check_hot(conn, office: Office, state) -> str | None:
    """The saved state and records against a replayed office (None: they match)."""
    if state is None:
        return None
    try:
        source = lazy.Source(conn.engine)
        source.conn = conn
        saved = hotstate.saved_state(source.query)[1]
    except Exception as err:  # noqa: BLE001 - any unreadable state is a finding, not a crash
        return f"the saved office state cannot be read: {err}"
    for key, value in office.__dict__.items():
        if key in hotstate.NOT_IN_STATE:
            continue
        if key == "_active":  # saved as ids; the visits themselves are rows, compared above
            value = list(value)
        if saved.get(key) != value:
            return f"the saved office state differs from the journal in {key}"
    rows = {(r["kind"], r["id"]): r for r in conn.execute(rm.hot_records.select()).mappings()}
    for kind in hotstate.RECORD_LISTS:
        for rec in getattr(office, kind):
            row = rows.get((kind, rec.id))
            if row is None or hotstate.loads(row["blob"]) != rec:
                return f"saved {kind} record {rec.id} differs from the journal"
    held = {rec.id for rec in office.credits}
    for (kind, rid) in rows:
        if kind == "credits" and rid not in held:
            return f"saved credits record {rid} is not in the journal"
    return None


def _norm(v):
    if isinstance(v, bool):
        return int(v)
    return v


def rebuild(engine) -> int:
    """Re-derive every read model and the saved office state from the journal; returns the number of
    entries replayed."""
    office = Office()
    with write_connection(engine) as conn:
        lock_office(conn)
        clear(conn, rm.READ_MODELS + rm.HOT_TABLES)
        rows = SqlRows(conn)
        n = 0
        last = 0
        rotation = RotationTracker()
        for entry in list(_journal.read(conn)):
            last = entry.seq
            if entry.kind != COMMAND_KIND:
                continue
            decision = office.execute(command_from_dict(entry.payload["command"]), entry.at_datetime)
            write_read_models(rows, office, entry.seq, rotation, decision)
            n += 1
        if last:
            write_hot_state(rows, office, last)
    return n


def scenario_service_factory(url: str | None, workdir: Path | None = None):
    """A fresh office per scenario file: a throwaway SQLite file, or a fresh schema on `url`."""
    counter = {"n": 0}

    def factory():
        counter["n"] += 1
        if url and not url.startswith("sqlite"):
            from deskapp.store.sql import fresh_pg_database as fresh_database

            return PersistentOfficeService(fresh_database(url), station="scenario")
        if workdir:
            path = Path(workdir) / f"scenario-{counter['n']}.sqlite3"
            return PersistentOfficeService(f"sqlite:///{path}", station="scenario")
        base = Path(tempfile.mkdtemp(prefix="deskapp-scenario-"))
        service = PersistentOfficeService(f"sqlite:///{base / 'scenario.sqlite3'}", station="scenario")
        service.cleanup = base  # a throwaway database: removed when the run closes it
        return service

    return factory
