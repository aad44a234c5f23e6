"""A small office builder so rule tests read like the regulation."""

from __future__ import annotations

import datetime as dt

import pytest

from deskapp.domain import Office
from deskapp.domain import commands as c

DAY = dt.date(2026, 11, 20)


class Desk:
    """Drives an Office with a moving clock."""

    def __init__(self, policy=None):
        self.office = Office()
        self.t = dt.datetime.combine(DAY, dt.time(9, 0))
        if policy:
            self.do(c.SetPolicy(policy, actor="__system__"))
        for key, name, role, team in [
            ("A", "张三", "consultant", "T1"), ("B", "李四", "consultant", "T1"), ("C", "王五", "consultant", "T2"),
            ("D", "赵六", "consultant", "T2"), ("L", "周组长", "team_leader", "T1"), ("S", "赵主管", "supervisor", None),
            ("SM", "孙经理", "sales_manager", None), ("M", "钱经理", "site_manager", None),
            ("P", "郑总", "project_manager", None),
        ]:
            self.do(c.AddStaff(key, name, role, team, actor="__system__"))
        self.do(c.OpenDay(DAY))
        self._phone = 13800000000

    def do(self, cmd, minutes: int = 1):
        self.t += dt.timedelta(minutes=minutes)
        return self.office.execute(cmd, self.t)

    def day(self, date: dt.date):
        self.t = dt.datetime.combine(date, dt.time(9, 0))
        return self.do(c.OpenDay(date))

    def sign_in(self, *keys):
        return self.do(c.SignIn(tuple(keys)))

    def arrive(self, name, phone=None, first_visit=True, contacted_by=None, names=None, **kw):
        if phone is None:
            self._phone += 1
            phone = str(self._phone)
        return self.do(c.Arrive(c.Answers(first_visit, contacted_by, names), name=name, phone=phone, **kw))

    def finish(self, who):
        return self.do(c.Finish(who))

    @property
    def next_up(self):
        return self.office.next_up()

    def owner(self, ref):
        return self.office.customer_of(ref).owner

    def credits(self, key):
        return self.office.credits_of(key)


@pytest.fixture
def desk():
    return Desk()


@pytest.fixture
def make_desk():
    return Desk
