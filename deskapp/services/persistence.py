"""The persistent office: every accepted command is one journal entry plus its read-model rows, in one
transaction under the office lock; the rulebook state is rebuilt from the journal."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from deskapp.domain import Decision, Office
from deskapp.domain.commands import Command, command_from_dict
from deskapp.domain.model import Customer, FollowUpRecord, Visit
from deskapp.services.office_service import OfficeService
from deskapp.services.pinyin import name_keys
from deskapp.store import readmodels as rm
from deskapp.store.engine import read_connection, write_connection
from deskapp.store.errors import StoreError
from deskapp.store.journal import Journal, canonical_json, lock_office, verify_chain
from deskapp.store.migrate import open_store
from deskapp.store.notify import ChangeWatcher
from deskapp.store.sql import clear, delete_ids, rows_by_id, upsert

_journal = Journal()
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
        "created": _iso(c.created),
    }


def customer_phone_rows(office: Office, cid: int, seq: int) -> list[dict]:
    return [{"id": p, "customer_id": cid, "seq": seq} for p in office.customers[cid].phones]


def customer_from_row(row) -> Customer:
    """The customer a `customers` row describes (the read model carries the whole record)."""
    return Customer(
        id=row["id"], name=row["name"] or None, phones=[p for p in row["phones"].split(",") if p],
        alias=row["alias"], owner=row["owner"], owner_rule=row["owner_rule"],
        owner_since=_dt(row["owner_since"]), source=row["source"], family_of=row["family_of"],
        relation=row["relation"], referred_by=row["referred_by"],
        same_as={int(x) for x in row["same_as"].split(",") if x}, has_deal=bool(row["has_deal"]),
        competitor=bool(row["competitor"]), created=_dt(row["created"]),
    )


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


def visit_from_row(row) -> Visit:
    """The visit a `visits` row describes."""
    return Visit(
        id=row["id"], customer_id=row["customer_id"], at=_dt(row["at"]), receiver=row["receiver"],
        kind=row["kind"], turn=row["turn"], registered=bool(row["registered"]),
        first_visit=None if row["first_visit"] is None else bool(row["first_visit"]),
        contacted_by=row["contacted_by"], names=row["names"], source=row["source"],
        pending_owner=row["pending_owner"], on_behalf_of=row["on_behalf_of"], assist=row["assist"],
        active=bool(row["active"]), cancelled=bool(row["cancelled"]),
        refused_by=[x for x in row["refused_by"].split(",") if x], amended=bool(row["amended"]),
        corrections=json.loads(row["corrections"]), rules=tuple(x for x in row["rules"].split(",") if x),
        explanation_zh=row["explanation"], explanation_en=row["explanation_en"], ended=_dt(row["ended"]),
    )


def followup_row(office: Office, fid: int, seq: int) -> dict:
    f = office.followups_by_id[fid]
    return {"id": f.id, "who": f.who, "customer_id": f.customer_id, "date": f.date.isoformat(),
            "amended": bool(f.amended), "seq": seq, "note": f.note, "corrections": canonical_json(f.corrections)}


def followup_from_row(row) -> FollowUpRecord:
    return FollowUpRecord(row["id"], row["who"], row["customer_id"], dt.date.fromisoformat(row["date"]),
                          row["note"], bool(row["amended"]), json.loads(row["corrections"]))


def _dt(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def other_row(office: Office, kind: str, rid: int, seq: int) -> dict | None:
    """The read-model row of a credit, notice entry, claim, deal or sanction (None: no longer there)."""
    if kind == "credits":
        cr = next((x for x in office.credits if x.id == rid), None)
        return cr and {"id": cr.id, "holder": cr.holder, "rule": cr.rule, "reason": cr.reason,
                       "earned": cr.earned.isoformat(), "seq": seq}
    if kind == "notice":
        e = next((x for x in reversed(office.notice) if x.id == rid), None)
        return e and {"id": e.id, "date": e.date.isoformat(), "customer_id": e.customer_id, "visit_id": e.visit_id,
                      "receiver": e.receiver, "status": e.status, "claimant": e.claimant, "seq": seq}
    if kind == "claims":
        r = next((x for x in reversed(office.claims) if x.id == rid), None)
        return r and {"id": r.id, "kind": r.kind, "customer_id": r.customer_id, "claimant": r.claimant,
                      "same_as": r.same_as, "at": r.at.isoformat(), "status": r.status, "against": r.against,
                      "proposed": r.proposed, "decision": r.decision, "reason": r.reason,
                      "ruled_by": r.ruled_by, "seq": seq}
    if kind == "deals":
        x = next((x for x in reversed(office.deals) if x.id == rid), None)
        return x and {"id": x.id, "customer_id": x.customer_id, "closer": x.closer,
                      "contract_name": x.contract_name, "at": x.at.isoformat(), "credit": x.credit,
                      "split": canonical_json(x.split), "seq": seq}
    if kind == "sanctions":
        x = next((x for x in reversed(office.sanctions) if x.id == rid), None)
        return x and {"id": x.id, "who": x.who, "rule": x.rule, "kind": x.kind, "days": x.days, "yuan": x.yuan,
                      "at": x.at.isoformat(), "start": _iso(x.start), "end": _iso(x.end), "seq": seq}
    raise KeyError(kind)


OTHER_TABLES = {"credits": rm.credits, "notice": rm.notice_entries, "claims": rm.claims, "deals": rm.deals,
                "sanctions": rm.sanctions}


def rotation_rows(office: Office, seq: int) -> list[dict]:
    day = office.day
    if day is None:
        return []
    return [{"id": i, "day": day.date.isoformat(), "staff": k, "at_pointer": i == day.pointer,
             "stepped_out": day.stepped_out.get(k), "owes_turn": office.staff[k].owes_turn, "seq": seq}
            for i, k in enumerate(day.rotation)]


def rotation_key(office: Office):
    """What today's rotation rows depend on: they are rewritten only when this changes."""
    day = office.day
    if day is None:
        return None
    return (day.date, tuple(day.rotation), day.pointer, tuple(sorted(day.stepped_out.items())),
            tuple(office.staff[k].owes_turn for k in day.rotation))


class RotationTracker:
    """Decides, entry by entry, whether today's rotation rows are rewritten (only when they change).

    The one rule shared by the service, `verify`, `rebuild` and the benchmark generator, so that the
    rows' `seq` stamps agree however the entries were written.
    """

    def __init__(self, office: Office | None = None):
        self.key = rotation_key(office) if office is not None else None

    def changed(self, office: Office) -> bool:
        key = rotation_key(office)
        changed, self.key = key != self.key, key
        return changed


def write_read_models(conn, office: Office, seq: int, write_rotation: bool = True) -> None:
    dirty_c = [i for i in sorted(office.dirty_c) if i in office.customers]
    upsert(conn, rm.customers, [customer_row(office, i, seq) for i in dirty_c])
    upsert(conn, rm.customer_phones, [r for i in dirty_c for r in customer_phone_rows(office, i, seq)])
    upsert(conn, rm.visits, [visit_row(office, i, seq) for i in sorted(office.dirty_v) if i in office.visits])
    upsert(conn, rm.followups, [followup_row(office, i, seq) for i in sorted(office.dirty_f)
                                if i in office.followups_by_id])
    for kind, table in OTHER_TABLES.items():
        rows = [other_row(office, kind, rid, seq) for k, rid in sorted(office.dirty_x) if k == kind]
        upsert(conn, table, [r for r in rows if r])
    if office.dirty_credits_removed:
        delete_ids(conn, rm.credits, office.dirty_credits_removed)
    if write_rotation:
        clear(conn, [rm.rotation])
        upsert(conn, rm.rotation, rotation_rows(office, seq))


def replay(conn, office: Office, from_seq: int = 1) -> int:
    """Apply journal entries from `from_seq` on to `office`; returns the last seq applied."""
    last = from_seq - 1
    for entry in _journal.read(conn, from_seq):
        if entry.kind == COMMAND_KIND:
            office.execute(command_from_dict(entry.payload["command"]), entry.at_datetime)
        last = entry.seq
    return last


class PersistentOfficeService(OfficeService):
    """OfficeService over a database: SQLite by default, PostgreSQL by URL."""

    def __init__(self, url: str | None = None, station: str = "desk-1", engine=None):
        self.engine = engine or open_store(url)
        self.station = station
        self._watcher: ChangeWatcher | None = None
        self.reload()

    def reload(self) -> None:
        """Rebuild the office from what the database holds."""
        self._bulk_conn = None
        office = Office()
        with read_connection(self.engine) as conn:
            self.head = replay(conn, office)
        self.office = office
        self._rotation = RotationTracker(office)  # the rotation rows stored are the state at head

    @contextlib.contextmanager
    def bulk(self):
        """Many commands in one transaction (demo data, imports): all land, or none.

        On any error the transaction rolls back and the in-memory office is rebuilt from what was
        committed, so nothing of the failed batch survives anywhere.
        """
        try:
            with write_connection(self.engine) as conn:
                lock_office(conn)
                self._bulk_conn = conn
                try:
                    yield self
                finally:
                    self._bulk_conn = None
        except BaseException:
            self.reload()
            raise

    def _apply(self, conn, cmd: Command, now: dt.datetime) -> Decision:
        head = _journal.head(conn)
        if head[0] != self.head:  # another station wrote: catch up under the lock
            self.head = replay(conn, self.office, self.head + 1)
            # The rotation rows in the database are the state at head: compare with that, exactly as
            # verify() does entry by entry.
            self._rotation = RotationTracker(self.office)
        decision = self.office.execute(cmd, now)  # RuleError: nothing written, rolled back
        entry = _journal.append(
            conn, at=now, station=self.station, actor=cmd.actor or "desk", kind=COMMAND_KIND,
            payload={"command": cmd.to_dict(), "decision": decision_summary(decision)},
            policy_version=decision.policy_version, expected_head=self.head, head=head,
        )
        # Today's rotation is a handful of rows: rewrite it only when it changed.
        write_read_models(conn, self.office, entry.seq, write_rotation=self._rotation.changed(self.office))
        self.head = entry.seq
        return decision

    def handle(self, cmd: Command, now: dt.datetime) -> Decision:
        if getattr(self, "_bulk_conn", None) is not None:
            return self._apply(self._bulk_conn, cmd, now)
        saved_head = self.head
        try:
            with write_connection(self.engine) as conn:
                lock_office(conn)  # the office's rotation lock, before reading the head
                decision = self._apply(conn, cmd, now)
        except StoreError:
            self.head = saved_head
            self.reload()  # the in-memory rulebook may be ahead of what was committed
            raise
        except Exception as err:
            from deskapp.domain import RuleError

            if not isinstance(err, RuleError):
                self.head = saved_head
                self.reload()
            raise
        return decision

    def search(self, text: str, limit: int = 50, with_prefix: bool = False):
        """Customer search through the read model's indexes (phone tail — and prefix —, name, pinyin)."""
        from deskapp.services.search import search_db

        with read_connection(self.engine) as conn:
            return search_db(conn, self.office, text, limit, with_prefix)

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
            self.head = replay(conn, self.office, self.head + 1)
            self._rotation = RotationTracker(self.office)
        return True

    def close(self) -> None:
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


def verify(engine) -> VerifyReport:
    """Walk the hash chain, then rebuild the read models from the journal and compare them row by row."""
    with read_connection(engine) as conn:
        chain = verify_chain(conn)
        if not chain.ok:
            return VerifyReport(False, chain.count, f"journal entry {chain.first_bad_seq}: {chain.reason}",
                                chain.first_bad_seq)
        office = Office()
        expected: dict[str, dict[int, dict]] = {t.name: {} for t in rm.READ_MODELS}
        rotation = RotationTracker()
        for entry in _journal.read(conn):
            if entry.kind != COMMAND_KIND:
                continue
            office.execute(command_from_dict(entry.payload["command"]), entry.at_datetime)
            for i in office.dirty_c:
                expected["customers"][i] = customer_row(office, i, entry.seq)
                for r in customer_phone_rows(office, i, entry.seq):
                    expected["customer_phones"][r["id"]] = r
            for i in office.dirty_v:
                expected["visits"][i] = visit_row(office, i, entry.seq)
            for i in office.dirty_f:
                if i in office.followups_by_id:
                    expected["followups"][i] = followup_row(office, i, entry.seq)
            for kind, rid in office.dirty_x:
                row = other_row(office, kind, rid, entry.seq)
                if row:
                    expected[OTHER_TABLES[kind].name][rid] = row
            for rid in office.dirty_credits_removed:
                expected["credits"].pop(rid, None)
            if rotation.changed(office):
                expected["rotation"] = {r["id"]: r for r in rotation_rows(office, entry.seq)}
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
    return VerifyReport(True, chain.count, f"OK: {chain.count} journal entries, read models match")


def _norm(v):
    if isinstance(v, bool):
        return int(v)
    return v


def rebuild(engine) -> int:
    """Re-derive every read model from the journal; returns the number of entries replayed."""
    office = Office()
    with write_connection(engine) as conn:
        clear(conn, rm.READ_MODELS)
        n = 0
        rotation = RotationTracker()
        for entry in list(_journal.read(conn)):
            if entry.kind != COMMAND_KIND:
                continue
            office.execute(command_from_dict(entry.payload["command"]), entry.at_datetime)
            write_read_models(conn, office, entry.seq, write_rotation=rotation.changed(office))
            n += 1
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
