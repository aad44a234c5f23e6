"""Data and helpers the desk UI tests share (imported by conftest.py and the tests)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QWidget

from deskapp.domain import commands as c
from deskapp.services.office_service import OfficeService

DAY1 = dt.date(2026, 11, 2)
DAY2 = dt.date(2026, 11, 9)
NOW = dt.datetime(2026, 11, 9, 10, 0)
ZHANGSAN = "13911112222"  # 张三: 张伟 (A) received him on day 1
LI = "13800001111"  # 李女士: 李娜 (B) received her on day 1


def type_chinese(widget: QWidget, text: str) -> None:
    """Type `text` into `widget` as an input method commits it (qtbot.keyClicks aborts on non-ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


def build_office() -> OfficeService:
    """A small office: 张三 and 李女士 were received a week ago; today 李娜, 王芳, 张伟 signed in (in that order)."""
    return fill_office(OfficeService())


def fill_office(svc):
    """build_office()'s records, written through any service (a PersistentOfficeService too); returns it."""
    t = _at(DAY1, 8)
    for key, name, role, team in (("A", "张伟", "consultant", "T1"), ("B", "李娜", "consultant", "T1"),
                                  ("C", "王芳", "team_leader", "T2"), ("S", "周敏", "supervisor", None)):
        svc.handle(c.AddStaff(key, name, role, team, actor="__system__"), t)
    svc.handle(c.OpenDay(DAY1), _at(DAY1, 8, 30))
    svc.handle(c.SignIn(("A", "B", "C")), _at(DAY1, 8, 40))
    svc.handle(c.Arrive(c.Answers(first_visit=True), name="张三", phone=ZHANGSAN), _at(DAY1, 9))
    svc.handle(c.Arrive(c.Answers(first_visit=True), name="李女士", phone=LI), _at(DAY1, 9, 20))
    svc.handle(c.Finish(ZHANGSAN), _at(DAY1, 10))
    svc.handle(c.Finish(LI), _at(DAY1, 10, 10))
    svc.handle(c.FollowUp("A", ZHANGSAN, DAY1 + dt.timedelta(days=2), "电话回访"), _at(DAY1, 17))
    svc.handle(c.Amend("follow_up", ZHANGSAN, "A", "日期有涂改"), _at(DAY1, 17, 30))
    svc.handle(c.OpenDay(DAY2), _at(DAY2, 8, 30))
    svc.handle(c.SignIn(("B", "C", "A")), _at(DAY2, 8, 40))
    return svc

# The offscreen platform plugin warns whenever a top-level window is shown; that is not our bug.
OFFSCREEN_NOISE = r"^This plugin does not support (propagateSizeHints|raise)\(\)$"
