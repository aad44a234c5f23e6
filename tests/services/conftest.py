"""An office with a claim-notice entry, a claim, and a dispute over an amended record (R3, R20)."""

from __future__ import annotations

import datetime as dt

import pytest

from deskapp.domain.commands import (
    AddStaff,
    Amend,
    Answers,
    Arrive,
    Claim,
    Dispute,
    Finish,
    OpenDay,
    SignIn,
)
from deskapp.services.office_service import OfficeService

DAY1 = dt.date(2026, 11, 2)
DAY2 = dt.date(2026, 11, 3)
NOTICE_PHONE = "13912345678"
OLD_PHONE = "13800007777"
NEW_PHONE = "18600007777"


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


@pytest.fixture
def office_service() -> OfficeService:
    svc = OfficeService()
    t0 = _at(DAY1, 8)
    for key, name, role, team in [
        ("A", "张伟", "consultant", "T1"),
        ("B", "李娜", "consultant", "T1"),
        ("C", "王芳", "team_leader", "T2"),
        ("M", "孙丽", "site_manager", None),
    ]:
        svc.handle(AddStaff(key, name, role, team, actor="__system__"), t0)
    svc.handle(OpenDay(DAY1), t0)
    svc.handle(SignIn(("A", "B", "C")), _at(DAY1, 8, 30))
    svc.handle(Arrive(Answers(first_visit=True), name="林女士", phone=OLD_PHONE), _at(DAY1, 9))
    svc.handle(Finish(OLD_PHONE), _at(DAY1, 9, 40))
    svc.handle(OpenDay(DAY2), _at(DAY2, 8))
    svc.handle(SignIn(("B", "C", "A")), _at(DAY2, 8, 30))
    # R20: has been before, cannot say with whom: on today's notice
    svc.handle(Arrive(Answers(first_visit=False, contacted_by="unknown"), name="周先生", phone=NOTICE_PHONE),
               _at(DAY2, 10))
    svc.handle(Claim(NOTICE_PHONE, "A", actor="A"), _at(DAY2, 11))
    # R3: A's record of 林女士 is corrected, so it is void in the dispute over her new record
    svc.handle(Amend("visit", OLD_PHONE, "A", actor="A"), _at(DAY2, 11, 5))
    svc.handle(Arrive(Answers(first_visit=True), name="林女士", phone=NEW_PHONE), _at(DAY2, 11, 10))
    svc.handle(Dispute(NEW_PHONE, "A", same_as=OLD_PHONE, actor="A"), _at(DAY2, 11, 20))
    return svc
