"""The records the rulebook keeps: staff, customers, visits, follow-ups, credits, claims, deals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .roles import Role

POOL = "pool"  # the sales department pool (R8, R30, R31)


@dataclass
class Staff:
    key: str
    name: str
    role: Role
    team: str | None = None
    active: bool = True
    departed: str | None = None  # laid_off | resigned | transferred
    successor: str | None = None  # R19 designee
    owes_turn: int = 0  # R25 with colleague_named_consumes_turn
    pin_hash: str | None = None


@dataclass
class Customer:
    id: int
    name: str | None
    phones: list[str] = field(default_factory=list)
    alias: str | None = None
    owner: str | None = None  # staff key, POOL, or None (no ownership yet)
    owner_rule: str | None = None
    owner_since: dt.datetime | None = None
    source: str = "walk_in"
    family_of: int | None = None
    relation: str | None = None
    referred_by: int | None = None
    same_as: set[int] = field(default_factory=set)
    has_deal: bool = False
    competitor: bool = False
    created: dt.datetime | None = None

    @property
    def label(self) -> str:
        return self.alias or self.name or f"#{self.id}"

    @property
    def registered(self) -> bool:
        return bool(self.name) and bool(self.phones)


@dataclass
class Visit:
    id: int
    customer_id: int
    at: dt.datetime
    receiver: str | None  # None while waiting
    kind: str  # rotation | makeup | duty | owner | standin | named | waiting
    turn: str  # consumed | makeup | none
    registered: bool
    first_visit: bool | None
    contacted_by: str | None
    names: str | None
    source: str = "walk_in"
    pending_owner: str | None = None  # R9: owner once name and phone are recorded
    on_behalf_of: str | None = None  # stand-in: the owner
    assist: str | None = None
    active: bool = True
    cancelled: bool = False
    refused_by: list[str] = field(default_factory=list)
    amended: bool = False
    corrections: list[str] = field(default_factory=list)
    rules: tuple[str, ...] = ()
    explanation_zh: str = ""
    explanation_en: str = ""
    ended: dt.datetime | None = None


@dataclass
class FollowUpRecord:
    id: int
    who: str
    customer_id: int
    date: dt.date
    note: str = ""
    amended: bool = False
    corrections: list[str] = field(default_factory=list)


@dataclass
class MakeupCredit:
    id: int
    holder: str
    rule: str
    reason: str
    earned: dt.datetime


@dataclass
class PreReportRecord:
    id: int
    consultant: str
    name: str | None
    phone: str | None
    kind: str
    at: dt.datetime


@dataclass
class LeaveRecord:
    who: str
    start: dt.date
    end: dt.date
    cover: str | None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class NoticeEntry:
    id: int
    date: dt.date
    customer_id: int
    visit_id: int
    receiver: str | None
    status: str = "open"  # open | claimed | settled | upheld | rejected
    claimant: str | None = None


@dataclass
class ClaimRecord:
    id: int
    kind: str  # claim (R20) | dispute (R16/R17/R22)
    customer_id: int
    claimant: str
    same_as: int | None
    at: dt.datetime
    status: str = "open"  # open | ruled
    against: str | None = None  # the owner when raised
    proposed: str | None = None
    proposed_rules: tuple[str, ...] = ()
    proposed_zh: str = ""
    proposed_en: str = ""
    decision: str | None = None
    reason: str = ""
    ruled_by: str | None = None
    notice_id: int | None = None


@dataclass
class DealRecord:
    id: int
    customer_id: int
    closer: str | None
    contract_name: str
    at: dt.datetime
    credit: str | None
    split: dict[str, float]
    rules: tuple[str, ...] = ()


@dataclass
class SanctionRecord:
    id: int
    who: str
    rule: str
    kind: str  # suspension | absence | fine
    days: int | None
    yuan: int | None
    at: dt.datetime
    start: dt.date | None = None
    end: dt.date | None = None

    def as_dict(self) -> dict:
        out = {"who": self.who, "kind": self.kind}
        if self.days is not None:
            out["days"] = self.days
        if self.yuan is not None:
            out["yuan"] = self.yuan
        return out


@dataclass
class DutyWindow:
    who: str
    start: dt.time
    end: dt.time

    def contains(self, t: dt.time) -> bool:
        return self.start <= t < self.end
