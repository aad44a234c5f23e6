"""Frozen DTOs the query side hands to the window and the printers.

They are `Record`s rather than frozen dataclasses: the same behaviour for these plain value objects
(fields from the annotations, in order; equality, hash and repr by value; no assignment), without
generating and compiling six methods per class. The board's DTOs are imported on the way to the
window's first paint, where @dataclass cost ~5 ms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, dataclass_transform


class FrozenRecordError(AttributeError):
    """A field of a Record was assigned or deleted."""


@dataclass_transform(eq_default=True, frozen_default=True)
class Record:
    """A frozen value object: `Name(*values)` or `Name(field=value, ...)` in annotation order, class
    attributes as defaults."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = [n for n, hint in cls.__dict__.get("__annotations__", {}).items()
               if not n.startswith("_") and not str(hint).startswith("ClassVar")]
        cls._fields = (*cls._fields, *own)
        cls._defaults = {**cls._defaults, **{n: cls.__dict__[n] for n in own if n in cls.__dict__}}
        cls.__match_args__ = cls._fields

    def __init__(self, *args, **kwargs):
        fields = self._fields
        if not kwargs and len(args) == len(fields):  # the usual call: every value, in order
            self.__dict__.update(zip(fields, args, strict=True))
            return
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} values, {len(args)} given")
        values = dict(zip(fields, args, strict=False))  # fewer values than fields: the rest by name or default
        for name, value in kwargs.items():
            if name not in fields or name in values:
                what = "an unknown field" if name not in fields else "given twice"
                raise TypeError(f"{type(self).__name__}: {name!r} is {what}")
            values[name] = value
        if len(values) < len(fields):
            for name in fields:
                if name not in values:
                    if name not in self._defaults:
                        raise TypeError(f"{type(self).__name__}: missing {name!r}")
                    values[name] = self._defaults[name]
        self.__dict__.update({name: values[name] for name in fields})

    def replace(self, **changes):
        """A copy with these fields changed (dataclasses.replace for Records)."""
        return type(self)(**{**self.__dict__, **changes})

    __replace__ = replace  # copy.replace() from Python 3.13

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(tuple(self.__dict__.values()))

    def __repr__(self):
        inner = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    def __setattr__(self, name, value):
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenRecordError(f"cannot delete field {name!r}")


class CreditToken(Record):
    """A make-up turn a consultant holds (the rule that earned it, why, when)."""

    rule: str
    reason: str
    earned: dt.datetime


class ConsultantRow(Record):
    """One consultant on the board: place in today's rotation, state, credits."""

    key: str
    name: str
    team: str | None
    role: str  # consultant | team_leader
    position: int  # 1 = next in line in the upcoming order; 0 = not in today's rotation
    state: str  # free | receiving | out_personal | out_official | resting | on_leave | suspended | absent | signed_out
    detail: str  # whom they receive / why away
    since: dt.datetime | None
    is_next: bool
    on_duty: bool
    owes_turn: int
    credits: tuple[CreditToken, ...]


class ReceptionRow(Record):
    """One of today's receptions on the board, with the rule that decided it."""

    visit_id: int
    at: dt.datetime
    customer_id: int
    customer: str
    phone: str
    receiver: str | None  # staff key
    receiver_name: str
    kind: str  # rotation | makeup | duty | owner | named | standin | waiting
    turn: str
    active: bool
    rules: tuple[str, ...]
    explanation: str
    owner_name: str
    amended: bool
    cancelled: bool
    explanation_en: str = ""


class Board(Record):
    """The rotation board: who is next and why, the consultants, today's receptions, who waits."""

    date: dt.date | None
    now: dt.datetime
    next_up: str | None
    next_up_name: str
    next_up_via: str  # duty | credit | rotation | ""
    rows: tuple[ConsultantRow, ...]
    receptions: tuple[ReceptionRow, ...]
    waiting: tuple[str, ...]


class CustomerHit:
    """A customer as a search result.

    A search returns up to 50 hits and a list shows a few, so two fields are worked out when first read:
    `last_visit` may be given as its ISO text, and `continuous` (the owner's follow-ups leave no gap,
    R14: it needs the customer's records) as an object whose ``of(hit)`` answers it.
    """

    __slots__ = ("id", "name", "phone", "owner", "owner_name", "matched_by", "_last", "_cont")

    def __init__(self, id: int, name: str, phone: str, owner: str | None, owner_name: str,  # noqa: A002
                 last_visit, continuous, matched_by: str):
        self.id, self.name, self.phone, self.owner, self.owner_name = id, name, phone, owner, owner_name
        self._last, self._cont, self.matched_by = last_visit, continuous, matched_by

    @property
    def last_visit(self) -> dt.datetime | None:
        value = self._last
        if isinstance(value, str):
            value = self._last = dt.datetime.fromisoformat(value)
        return value

    @property
    def continuous(self) -> bool:
        value = self._cont
        if not isinstance(value, bool):
            value = self._cont = bool(value.of(self))
        return value

    def _key(self):
        return (self.id, self.name, self.phone, self.owner, self.owner_name, self.last_visit, self.continuous,
                self.matched_by)

    def __eq__(self, other) -> bool:
        return isinstance(other, CustomerHit) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        names = ("id", "name", "phone", "owner", "owner_name", "last_visit", "continuous", "matched_by")
        return "CustomerHit(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, self._key(), strict=True)) + ")"


class HistoryItem(Record):
    """One line of a customer's history: a visit, follow-up, deal, claim or ruling."""

    at: dt.datetime
    kind: str  # visit | follow_up | deal | claim | ruling
    who: str
    who_name: str
    text: str
    amended: bool
    corrections: tuple[str, ...]


class CustomerDetail(Record):
    """A customer with owner, source and history (the detail view and the visit sheet)."""

    id: int
    name: str
    phones: tuple[str, ...]
    owner: str | None
    owner_name: str
    owner_rule: str | None
    owner_since: dt.datetime | None
    source: str
    has_deal: bool
    continuous: bool
    history: tuple[HistoryItem, ...]


class NoticeItem(Record):
    """One row of the daily claim notice (R11), phone masked when printed."""

    id: int
    date: dt.date
    at: dt.datetime
    customer_id: int
    customer: str
    phone: str
    receiver: str | None
    receiver_name: str
    status: str
    claimant_name: str


class EvidenceRow(Record):
    """A record laid out in the dispute panel, and whether it is admissible evidence."""

    at: dt.datetime
    who: str
    who_name: str
    kind: str  # visit | follow_up
    summary: str
    admissible: bool
    why: str


class DisputeView(Record):
    """A claim or dispute with its evidence, the proposed owner and the ruling."""

    id: int
    kind: str  # claim | dispute
    customer_id: int
    customer: str
    phone: str
    claimant: str
    claimant_name: str
    against: str | None
    against_name: str
    raised: dt.datetime
    status: str
    evidence: tuple[EvidenceRow, ...]
    proposed: str | None
    proposed_name: str
    proposed_rules: tuple[str, ...]
    proposed_explanation: str
    decision: str | None
    decision_name: str
    reason: str


class StaffView(Record):
    """A member of staff as the staff lists show them."""

    key: str
    name: str
    role: str
    team: str | None
    active: bool
