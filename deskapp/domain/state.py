"""The office's state and the lookups every rule needs (who is present, free, on leave...)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .decision import Decision
from .errors import RuleError
from .model import (
    POOL,
    ClaimRecord,
    Customer,
    DealRecord,
    DutyWindow,
    FollowUpRecord,
    LeaveRecord,
    MakeupCredit,
    NoticeEntry,
    PreReportRecord,
    SanctionRecord,
    Staff,
    Visit,
)
from .policy import Policy
from .roles import Role, require


@dataclass
class DayState:
    """Today's rotation and floor (RULES.md "Rotation mechanics" 1)."""

    date: dt.date
    rotation: list[str] = field(default_factory=list)
    pointer: int = 0
    present: set[str] = field(default_factory=set)
    explicit: set[str] = field(default_factory=set)  # signed in themselves (vs. joined by overtime)
    stepped_out: dict[str, str] = field(default_factory=dict)
    resting: set[str] = field(default_factory=set)
    overtime: set[str] = field(default_factory=set)
    duty: list[DutyWindow] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)  # visit ids, longest waiting first
    visit_ids: list[int] = field(default_factory=list)  # today's visits (the board reads only these)
    closed: bool = False

    def upcoming(self) -> list[str]:
        """The rotation from the pointer on: its first is next in line."""
        return self.rotation[self.pointer:] + self.rotation[: self.pointer]


class OfficeState:
    """All records of one office; mutated only by the command handlers."""

    def __init__(self, policy: Policy | None = None):
        self.policy = policy or Policy()
        self.staff: dict[str, Staff] = {}
        self.customers: dict[int, Customer] = {}
        self.by_phone: dict[str, int] = {}
        self.by_ref: dict[str, int] = {}
        self.visits: dict[int, Visit] = {}
        self.customer_visits: dict[int, list[int]] = {}
        self.followups: list[FollowUpRecord] = []
        self.followups_of: dict[int, list[FollowUpRecord]] = {}  # by customer id
        self.followups_by_id: dict[int, FollowUpRecord] = {}
        self.family_of_rev: dict[int, list[int]] = {}  # customer id -> ids whose family_of points at it
        self.pending_visits: set[int] = set()  # visits waiting for a registration (R9)
        self.credits: list[MakeupCredit] = []
        self.prereports: list[PreReportRecord] = []
        self.leaves: list[LeaveRecord] = []
        self.notice: list[NoticeEntry] = []
        self.claims: list[ClaimRecord] = []
        self.deals: list[DealRecord] = []
        self.sanctions: list[SanctionRecord] = []
        self.day: DayState | None = None
        self.office_info: dict = {"name": "售楼处", "open": "09:00", "close": "18:00"}
        self.pending_policies: list[tuple[dt.datetime, dict, str | None]] = []  # (effective, changes, by)
        self.routes: dict[int, object] = {}
        self.store = None  # deskapp.services.lazy.StoreQueries on an office kept in a database
        self._active: dict[int, Visit] = {}  # receptions in progress and waiting parties
        # Rows the last command touched, for the store's read models.
        self.dirty_c: set[int] = set()
        self.dirty_v: set[int] = set()
        self.dirty_f: set[int] = set()
        self.dirty_x: set[tuple[str, int]] = set()  # (kind, id): credits, notice, claims, deals, sanctions
        self.dirty_credits_removed: set[int] = set()
        self.dirty_refs: set[str] = set()  # by_ref keys written
        self.now: dt.datetime = dt.datetime(2000, 1, 1)
        self._ids = 0

    # ---------------------------------------------------------------- ids and refs
    def next_id(self) -> int:
        self._ids += 1
        return self._ids

    def _set_ref(self, ref: str, cid: int) -> None:
        """Point a name or alias at a customer (the latest writer wins), noted for the store."""
        self.by_ref[ref] = cid
        self.dirty_refs.add(ref)

    # Queries over the whole record. A store-backed office (deskapp.services.lazy) answers them from the
    # database's indexes through `self.store`; an office held in memory scans what it holds.
    def owned_by(self, key: str) -> list[Customer]:
        """Every customer whose owner is `key`."""
        if self.store is not None:
            return self.store.owned_by(key)
        return [cust for cust in self.customers.values() if cust.owner == key]

    def visits_between(self, start: dt.date, end: dt.date) -> list[Visit]:
        """Visits whose arrival falls on start..end (inclusive), by time."""
        if self.store is not None:
            return self.store.visits_between(start, end)
        return sorted((v for v in self.visits.values() if start <= v.at.date() <= end), key=lambda v: (v.at, v.id))

    def followups_between(self, start: dt.date, end: dt.date) -> list[FollowUpRecord]:
        if self.store is not None:
            return self.store.followups_between(start, end)
        return sorted((f for f in self.followups if start <= f.date <= end), key=lambda f: (f.date, f.id))

    def record_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day with a visit or follow-up on record (None: nothing yet)."""
        if self.store is not None:
            return self.store.record_span()
        days = [v.at.date() for v in self.visits.values()] + [f.date for f in self.followups]
        return (min(days), max(days)) if days else None

    def created_at(self, when: dt.datetime, owner: str) -> list[Customer]:
        """`owner`'s customers recorded at exactly `when` (the members of a group party, R34)."""
        if self.store is not None:
            return self.store.created_at(when, owner)
        return [c for c in self.customers.values() if c.created == when and c.owner == owner]

    def notice_on(self, date: dt.date) -> list[NoticeEntry]:
        """The claim notice of a day: the entries held in memory (today's, and open ones), plus, on a
        store-backed office, the day's settled entries from the store."""
        entries = [e for e in self.notice if e.date == date]
        if self.store is not None:
            held = {e.id for e in entries}
            entries += [e for e in self.store.notice_on(date) if e.id not in held]
        return sorted(entries, key=lambda e: e.id)

    def staff_of(self, key: str | None) -> Staff:
        if key is None or key not in self.staff:
            raise RuleError("unknown_staff", f"没有这位员工：{key}。", f"Unknown staff member: {key}.")
        return self.staff[key]

    def active_staff(self, key: str | None) -> Staff:
        s = self.staff_of(key)
        if not s.active:
            raise RuleError("departed", f"{s.name}已离职，不能再参与。", f"{s.name} has left the site.")
        return s

    def customer_of(self, ref: str | None) -> Customer:
        if ref is not None and ref in self.by_ref:
            self.dirty_c.add(self.by_ref[ref])
            return self.customers[self.by_ref[ref]]
        if isinstance(ref, str) and ref.startswith("#") and ref[1:].isdigit() and int(ref[1:]) in self.customers:
            self.dirty_c.add(int(ref[1:]))
            return self.customers[int(ref[1:])]  # a party received before any name or phone (R9)
        if ref is not None:
            try:
                from .phone import normalize_phone

                cid = self.by_phone.get(normalize_phone(ref))
                if cid is not None:
                    self.dirty_c.add(cid)
                    return self.customers[cid]
            except RuleError:
                pass
        raise RuleError("unknown_customer", f"没有这位客户：{ref}。", f"Unknown customer: {ref}.")

    def name(self, key: str | None) -> str:
        if key is None:
            return "—"
        if key == POOL:
            return "销售部"
        s = self.staff.get(key)
        return s.name if s else key

    def actor_role(self, actor: str | None) -> Role:
        if actor is None:
            return Role.RECEPTIONIST
        return self.staff_of(actor).role

    def require_role(self, actor: str | None, action: str) -> None:
        require(self.actor_role(actor), action, "" if actor is None else self.name(actor))

    def require_day(self) -> DayState:
        if self.day is None:
            raise RuleError("no_day", "尚未开始营业日。", "No working day is open.")
        return self.day

    # ---------------------------------------------------------------- floor state
    def today(self) -> dt.date:
        return self.day.date if self.day else self.now.date()

    def on_leave(self, key: str, day: dt.date | None = None) -> LeaveRecord | None:
        day = day or self.today()
        for rec in self.leaves:
            if rec.who == key and rec.covers(day):
                return rec
        return None

    def suspended(self, key: str, day: dt.date | None = None) -> bool:
        day = day or self.today()
        return any(
            s.who == key and s.kind == "suspension" and s.start <= day <= s.end for s in self.sanctions
        )

    def present(self, key: str) -> bool:
        return self.day is not None and key in self.day.present and self.staff[key].active

    def on_floor(self, key: str) -> bool:
        return self.present(key) and key not in self.day.stepped_out and self.on_leave(key) is None

    def busy_with(self, key: str) -> list[Visit]:
        return [v for v in self.active_visits() if v.receiver == key]

    def free(self, key: str) -> bool:
        return not self.busy_with(key)

    def can_take_new(self, key: str) -> bool:
        """On the floor, free, in the rotation's roles and not suspended (mechanics 2, 16)."""
        s = self.staff.get(key)
        return (
            s is not None
            and s.role.in_rotation
            and self.on_floor(key)
            and self.free(key)
            and not self.suspended(key)
        )

    def active_visits(self) -> list[Visit]:
        return [v for v in self._active.values() if v.receiver is not None]

    # ---------------------------------------------------------------- credits
    def credits_of(self, key: str) -> int:
        return sum(1 for c in self.credits if c.holder == key)

    def touch(self, kind: str, rid: int) -> None:
        """Note a record the current command wrote, for the store's read models."""
        self.dirty_x.add((kind, rid))

    def earn_credit(self, holder: str, rule: str, reason: str, decision: Decision | None) -> None:
        self.credits.append(MakeupCredit(self.next_id(), holder, rule, reason, self.now))
        self.touch("credits", self.credits[-1].id)
        if decision is not None:
            decision.credits_earned.append({"who": holder, "rule": rule, "reason": reason})
            decision.cite(rule)
