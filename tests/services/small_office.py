"""A small office on SQLite for the start-up tests (saved state, saved board): three consultants signed in
on 2026-11-20 and two first visits, 刘备 received by 张三 (A) and 关羽 by 李四 (B); 王五 (C) is next."""

from __future__ import annotations

import datetime as dt

from deskapp.domain import commands as c

T0 = dt.datetime(2026, 11, 20, 9, 0)


def arrive(phone, name=None, first=True):
    return c.Arrive(answers=c.Answers(first_visit=first, contacted_by=None), phone=phone, name=name)


def build_small_office(url: str) -> str:
    """The office written to the (new) database at `url`; returns `url`."""
    from deskapp.services.persistence import PersistentOfficeService

    svc = PersistentOfficeService(url)
    for k, n in [("A", "张三"), ("B", "李四"), ("C", "王五")]:
        svc.handle(c.AddStaff(k, n, actor="__system__"), T0)
    svc.handle(c.OpenDay(T0.date()), T0)
    svc.handle(c.SignIn(("A", "B", "C")), T0)
    svc.handle(arrive("13800001111", "刘备"), T0 + dt.timedelta(minutes=5))
    svc.handle(arrive("13800002222", "关羽"), T0 + dt.timedelta(minutes=6))
    svc.close()
    return url
