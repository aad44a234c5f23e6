"""Rotation invariants over random days (hypothesis)."""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskapp.domain import Office, RuleError
from deskapp.domain import commands as c

KEYS = ["A", "B", "C", "D", "E"]
DAY = dt.date(2026, 11, 20)

op = st.one_of(
    st.tuples(st.just("arrive"), st.integers(0, 40), st.sampled_from([None, "A", "B", "unknown"]), st.booleans()),
    st.tuples(st.just("finish"), st.integers(0, 40)),
    st.tuples(st.just("step_out"), st.sampled_from(KEYS), st.sampled_from(["personal", "official"])),
    st.tuples(st.just("back"), st.sampled_from(KEYS)),
    st.tuples(st.just("refuse"), st.sampled_from(KEYS)),
    st.tuples(st.just("grant"), st.sampled_from(KEYS)),
    st.tuples(st.just("competitor"), st.integers(0, 40)),
    st.tuples(st.just("sign_in"), st.sampled_from(KEYS)),
    st.tuples(st.just("bad"), st.integers(0, 3)),
)


def build():
    o = Office()
    t = dt.datetime.combine(DAY, dt.time(8, 0))
    for i, k in enumerate(KEYS):
        o.execute(c.AddStaff(k, f"顾问{k}", "consultant", "T1" if i < 3 else "T2", actor="__system__"), t)
    o.execute(c.AddStaff("S", "主管", "supervisor", None, actor="__system__"), t)
    o.execute(c.OpenDay(DAY), t)
    o.execute(c.SignIn(("A", "B", "C")), t)
    return o


def to_command(o: Office, item):
    kind = item[0]
    if kind == "arrive":
        _, n, contacted, first = item
        names = None if contacted in (None, "unknown") else contacted
        return c.Arrive(c.Answers(first, "unknown" if contacted == "unknown" else None, names),
                        name=f"客{n}", phone=str(13800000000 + n))
    if kind == "finish":
        return c.Finish(f"客{item[1]}")
    if kind == "step_out":
        return c.StepOut(item[1], item[2], actor="S")
    if kind == "back":
        return c.Back(item[1], actor="S")
    if kind == "refuse":
        return c.Refuse(item[1])
    if kind == "grant":
        return c.Grant(item[1], "测试", actor="S")
    if kind == "competitor":
        return c.Competitor(f"客{item[1]}", True)
    if kind == "sign_in":
        return c.SignIn((item[1],))
    bad = [c.Reorder(("A",)), c.Arrive(None, name="x"), c.Arrive(c.Answers(True), phone="12"), c.Revoke("E", actor="S")]
    return bad[item[1]]


def state(o: Office):
    return copy.deepcopy({k: v for k, v in o.__dict__.items() if k != "now" and not k.startswith("dirty_")})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op, min_size=1, max_size=60))
def test_rotation_invariants_hold_on_random_days(ops):
    o = build()
    t = dt.datetime.combine(DAY, dt.time(9, 0))
    cycle = 0
    received_in_cycle: dict[int, set[str]] = {0: set()}
    for item in ops:
        t += dt.timedelta(minutes=3)
        cmd = to_command(o, item)
        before = state(o)
        pointer, rotation = o.day.pointer, list(o.day.rotation)
        credit_ids = {cr.id for cr in o.credits}
        try:
            d = o.execute(cmd, t)
        except RuleError:
            # A refused command changes nothing.
            assert state(o) == before
            continue
        if o.day.rotation != rotation:
            cycle += 1
            received_in_cycle[cycle] = set()
            pointer = o.day.pointer
        for placed in d.placed:
            if placed["turn"] == "consumed":
                who = placed["receiver"]
                r = o.day.rotation.index(who)
                if r < pointer:  # the scan crossed the end of the list: a new cycle began before `who`
                    cycle += 1
                    received_in_cycle[cycle] = set()
                # Nobody gets a second rotation customer within one cycle.
                assert who not in received_in_cycle[cycle], (who, cycle)
                received_in_cycle[cycle].add(who)
                pointer = r + 1
                if pointer == len(o.day.rotation):
                    pointer = 0
                    cycle += 1
                    received_in_cycle[cycle] = set()
        # Credits are never negative and each is used at most once.
        now_ids = {cr.id for cr in o.credits}
        used = credit_ids - now_ids
        makeups = sum(1 for p in d.placed if p["turn"] == "makeup")
        revoked = 1 if isinstance(cmd, c.Revoke) else 0
        assert len(used) == makeups + revoked
        assert all(o.credits_of(k) >= 0 for k in KEYS)
