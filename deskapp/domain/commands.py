"""Commands: what the desk, the supervisor or a manager asks the rulebook to do.

Every command names its actor (a staff key, or None for the front desk) and is executed at a
time the service passes in; the domain never reads the clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Command:
    actor: str | None = field(default=None, kw_only=True)

    @property
    def verb(self) -> str:
        return VERB_OF[type(self)]

    def to_dict(self) -> dict:
        data = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            data[f.name] = _plain(value)
        return {"verb": self.verb, **data}


def _plain(value):
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


@dataclass(frozen=True)
class AddStaff(Command):
    key: str
    name: str
    role: str = "consultant"
    team: str | None = None


@dataclass(frozen=True)
class SetPin(Command):
    who: str
    pin_hash: str  # an argon2 hash made by the services layer; the domain keeps it opaque


@dataclass(frozen=True)
class SetPolicy(Command):
    changes: dict
    effective: dt.datetime | None = None  # None: at once


@dataclass(frozen=True)
class SetOfficeInfo(Command):
    name: str
    open: str = "09:00"  # working hours: the claim notice is posted for these (R20)
    close: str = "18:00"


@dataclass(frozen=True)
class HistoricalVisit(Command):
    """A registration from the paper-era visit book, imported as history (never today's rotation)."""

    name: str
    phone: str
    at: dt.datetime
    receiver: str
    source: str = "walk_in"


@dataclass(frozen=True)
class OpenDay(Command):
    date: dt.date


@dataclass(frozen=True)
class CloseDay(Command):
    pass


@dataclass(frozen=True)
class SignIn(Command):
    who: tuple[str, ...]


@dataclass(frozen=True)
class SignOut(Command):
    who: str


@dataclass(frozen=True)
class Rest(Command):
    who: str


@dataclass(frozen=True)
class Overtime(Command):
    who: str


@dataclass(frozen=True)
class Leave(Command):
    who: str
    start: dt.date
    end: dt.date
    cover: str | None = None


@dataclass(frozen=True)
class StepOut(Command):
    who: str
    reason: str  # personal | official


@dataclass(frozen=True)
class Back(Command):
    who: str


@dataclass(frozen=True)
class Reorder(Command):
    order: tuple[str, ...]


@dataclass(frozen=True)
class Duty(Command):
    who: str
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class PreReport(Command):
    consultant: str
    name: str | None
    phone: str | None
    kind: str  # relative | offsite


@dataclass(frozen=True)
class Party:
    name: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Answers:
    first_visit: bool | None = None
    contacted_by: str | None = None  # staff key, "unknown", or None (said no one)
    names: str | None = None


@dataclass(frozen=True)
class Arrive(Command):
    answers: Answers | None
    name: str | None = None
    phone: str | None = None
    alias: str | None = None
    is_customer: str | None = None
    family_of: str | None = None
    relation: str | None = None
    referred_by: str | None = None
    accompanied: bool | None = None
    group: tuple[Party, ...] = ()
    source: str = "walk_in"


@dataclass(frozen=True)
class Register(Command):
    customer: str
    name: str | None
    phone: str | None


@dataclass(frozen=True)
class Finish(Command):
    customer: str


@dataclass(frozen=True)
class Competitor(Command):
    customer: str
    declared: bool


@dataclass(frozen=True)
class Complaint(Command):
    customer: str


@dataclass(frozen=True)
class Refuse(Command):
    who: str


@dataclass(frozen=True)
class FollowUp(Command):
    who: str
    customer: str
    date: dt.date
    note: str = ""


@dataclass(frozen=True)
class Amend(Command):
    record: str  # follow_up | visit
    customer: str
    who: str
    note: str = ""


@dataclass(frozen=True)
class Claim(Command):
    customer: str
    claimant: str
    same_as: str | None = None


@dataclass(frozen=True)
class Dispute(Command):
    customer: str
    claimant: str
    same_as: str | None = None


@dataclass(frozen=True)
class Ruling(Command):
    customer: str
    decision: str
    reason: str = ""


@dataclass(frozen=True)
class Deal(Command):
    customer: str
    closer: str | None = None
    contract_name: str | None = None


@dataclass(frozen=True)
class ChangeConsultant(Command):
    customer: str
    to: str


@dataclass(frozen=True)
class Depart(Command):
    who: str
    kind: str  # laid_off | resigned | transferred
    handover: str | None = None


@dataclass(frozen=True)
class Sanction(Command):
    who: str
    rule: str  # R18 | R28 | R33


@dataclass(frozen=True)
class Grant(Command):
    who: str
    reason: str = ""


@dataclass(frozen=True)
class Revoke(Command):
    who: str
    reason: str = ""


@dataclass(frozen=True)
class Assign(Command):
    customer: str
    to: str


VERB_OF: dict[type, str] = {
    AddStaff: "add_staff",
    SetPolicy: "set_policy",
    SetPin: "set_pin",
    SetOfficeInfo: "set_office_info",
    HistoricalVisit: "historical_visit",
    OpenDay: "day",
    CloseDay: "close_day",
    SignIn: "sign_in",
    SignOut: "sign_out",
    Rest: "rest",
    Overtime: "overtime",
    Leave: "leave",
    StepOut: "step_out",
    Back: "back",
    Reorder: "reorder",
    Duty: "duty",
    PreReport: "pre_report",
    Arrive: "arrive",
    Register: "register",
    Finish: "finish",
    Competitor: "competitor",
    Complaint: "complaint",
    Refuse: "refuse",
    FollowUp: "follow_up",
    Amend: "amend",
    Claim: "claim",
    Dispute: "dispute",
    Ruling: "ruling",
    Deal: "deal",
    ChangeConsultant: "change_consultant",
    Depart: "depart",
    Sanction: "sanction",
    Grant: "grant",
    Revoke: "revoke",
    Assign: "assign",
}
COMMAND_OF: dict[str, type] = {v: k for k, v in VERB_OF.items()}


def command_from_dict(data: dict) -> Command:
    """Rebuild a command from its journal form (inverse of Command.to_dict)."""
    data = dict(data)
    cls = COMMAND_OF[data.pop("verb")]
    hints = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = {}
    for name, value in data.items():
        if name not in hints:
            continue
        kwargs[name] = _revive(cls, name, value)
    return cls(**kwargs)


_DATE_FIELDS = {"date", "start", "end"}


def _revive(cls, name, value):
    if value is None:
        return None
    if cls is Arrive and name == "answers":
        return Answers(**value)
    if cls is Arrive and name == "group":
        return tuple(Party(**p) for p in value)
    if cls in (SignIn,) and name == "who":
        return tuple(value)
    if cls is Reorder and name == "order":
        return tuple(value)
    if cls is Duty and name in ("start", "end"):
        return dt.time.fromisoformat(value)
    if name in ("effective", "at") and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if name in _DATE_FIELDS and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value
