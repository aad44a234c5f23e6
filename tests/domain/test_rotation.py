"""Rotation mechanics 1-3, 12, 15, 18-20 and R1, R4, R10, R11, R38."""

from __future__ import annotations

import datetime as dt

import pytest

from deskapp.domain import RuleError
from deskapp.domain import commands as c


def test_new_customers_are_received_in_sign_in_order(desk):
    desk.sign_in("B", "A", "C")
    assert [desk.arrive(f"客{i}").receiver for i in range(3)] == ["B", "A", "C"]


def test_first_reception_fixes_ownership_and_consumes_the_turn(desk):
    desk.sign_in("A", "B")
    d = desk.arrive("李女士", "13800001111")
    assert (d.receiver, d.owner, d.turn) == ("A", "A", "consumed")
    assert {"R1", "R14"} <= set(d.rules)
    assert desk.next_up == "B"


def test_official_business_skip_earns_a_makeup_credit(desk):
    desk.sign_in("A", "B", "C")
    desk.do(c.StepOut("A", "official", actor="S"))
    assert desk.arrive("客一").receiver == "B"
    assert desk.credits("A") == 1
    desk.do(c.Back("A", actor="A"))
    d = desk.arrive("客二")
    assert (d.receiver, d.turn) == ("A", "makeup")
    assert desk.credits("A") == 0
    assert desk.next_up == "C"  # using a credit does not move the pointer


def test_personal_step_out_loses_the_turn_without_credit(desk):
    desk.sign_in("A", "B", "C")
    desk.do(c.StepOut("A", "personal", actor="A"))
    assert desk.arrive("客一").receiver == "B"
    assert desk.credits("A") == 0
    desk.do(c.Back("A", actor="A"))
    assert desk.next_up == "C"


def test_busy_consultant_is_skipped_without_credit_by_default(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("客一")  # A
    desk.arrive("客二")  # B
    desk.finish("客二")
    desk.arrive("客三")  # C
    assert desk.arrive("客四").receiver == "B"  # A busy: passed over, no credit
    assert desk.credits("A") == 0


def test_busy_skip_earns_makeup_when_the_policy_says_so(make_desk):
    desk = make_desk(policy={"busy_skip_earns_makeup": True})
    desk.sign_in("A", "B")
    desk.arrive("客一")  # A
    desk.arrive("客二")  # B
    desk.finish("客二")
    assert desk.arrive("客三").receiver == "B"
    assert desk.credits("A") == 1


def test_party_waits_when_nobody_is_free_and_goes_to_the_next_free(desk):
    desk.sign_in("A", "B")
    desk.arrive("客一")
    desk.arrive("客二")
    d = desk.arrive("客三")
    assert d.receiver is None and d.waiting
    d = desk.finish("客一")
    assert (d.receiver, d.customer) == ("A", "客三")
    assert desk.office.day.waiting == []


def test_reorder_first_is_next_up_and_needs_a_supervisor(desk):
    desk.sign_in("A", "B", "C")
    with pytest.raises(RuleError) as err:
        desk.do(c.Reorder(("C", "A", "B")))
    assert err.value.code == "forbidden"
    desk.do(c.Reorder(("C", "A", "B"), actor="S"))
    assert desk.next_up == "C"


def test_duty_consultant_receives_during_the_window_without_moving_the_rotation(desk):
    desk.sign_in("A", "B", "C")
    desk.do(c.Duty("C", dt.time(8, 0), dt.time(9, 30), actor="S"))
    d = desk.arrive("早客")
    assert (d.receiver, d.turn, d.owner) == ("C", "none", "C")
    assert "R38" in d.rules
    desk.finish("早客")
    desk.t = desk.t.replace(hour=10)
    assert desk.arrive("客一").receiver == "A"


def test_rest_day_consultant_cannot_sign_in_without_overtime(desk):
    desk.do(c.Rest("A", actor="S"))
    with pytest.raises(RuleError) as err:
        desk.sign_in("A")
    assert err.value.code == "resting"
    desk.sign_in("B")
    desk.do(c.Overtime("A", actor="S"))
    assert desk.office.day.rotation == ["B", "A"]


def test_signing_in_twice_is_refused_and_changes_nothing(desk):
    desk.sign_in("A", "B")
    with pytest.raises(RuleError):
        desk.sign_in("C", "A")
    assert desk.office.day.rotation == ["A", "B"]


def test_refusal_records_an_absence_and_passes_the_party_on(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("客一")
    d = desk.do(c.Refuse("A"))
    assert (d.receiver, d.turn, d.owner) == ("B", "consumed", "B")
    assert d.sanctions == [{"who": "A", "kind": "absence", "days": 1}]
    assert desk.next_up == "C"
    assert "A" in desk.office.day.rotation


def test_owed_turn_is_passed_over_once_then_cleared(desk):
    desk.sign_in("A", "B", "C")
    d = desk.arrive("同事", source="colleague_self", names="B")
    assert (d.receiver, d.owner, d.turn) == ("B", "B", "none")
    desk.finish("同事")
    assert desk.arrive("客一").receiver == "A"
    assert desk.arrive("客二").receiver == "C"  # B owes a turn: passed over
    desk.finish("客一")
    assert desk.office.staff["B"].owes_turn == 0
    assert desk.next_up == "A"


def test_long_leave_without_cover_makes_the_customer_new(desk):
    desk.sign_in("A", "B")
    desk.arrive("李女士", "13800001111")
    desk.do(c.Leave("A", dt.date(2026, 11, 21), dt.date(2026, 12, 10), actor="M"))
    desk.day(dt.date(2026, 11, 25))
    desk.sign_in("B", "C")
    d = desk.arrive("李女士", "13800001111", first_visit=False)
    assert (d.receiver, d.owner, d.turn) == ("B", "B", "consumed")
    assert "R10" in d.rules


def test_short_leave_gets_a_stand_in_and_keeps_the_owner(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("李女士", "13800001111")
    desk.do(c.Leave("A", dt.date(2026, 11, 21), dt.date(2026, 11, 25), actor="M"))
    desk.day(dt.date(2026, 11, 22))
    desk.sign_in("C", "B")
    d = desk.arrive("李女士", "13800001111", first_visit=False)
    assert (d.receiver, d.owner, d.turn, d.notify) == ("C", "A", "none", ["A"])
    assert desk.credits("C") == 1


def test_suspended_consultant_is_out_of_the_rotation_but_keeps_old_customers(desk):
    desk.sign_in("A", "B")
    desk.arrive("李女士", "13800001111")
    d = desk.do(c.Sanction("A", "R18", actor="SM"))
    assert d.sanctions == [{"who": "A", "kind": "suspension", "days": 3}]
    desk.day(dt.date(2026, 11, 21))
    desk.sign_in("A", "B")
    assert desk.office.day.rotation == ["B"]
    assert desk.arrive("新客").receiver == "B"
    assert desk.arrive("李女士", "13800001111", first_visit=False).receiver == "A"
    desk.day(dt.date(2026, 11, 24))
    desk.sign_in("A", "B")
    assert desk.office.day.rotation == ["A", "B"]


def test_policy_change_takes_effect_from_its_time(desk):
    desk.sign_in("A", "B")
    later = desk.t + dt.timedelta(hours=2)
    with pytest.raises(RuleError):
        desk.do(c.SetPolicy({"busy_skip_earns_makeup": True}, later, actor="S"))
    d = desk.do(c.SetPolicy({"busy_skip_earns_makeup": True}, later, actor="M"))
    assert desk.office.policy["busy_skip_earns_makeup"] is False
    version = desk.office.policy.version
    desk.t = later
    d = desk.arrive("客一")
    assert d.policy["busy_skip_earns_makeup"] is True and d.policy_version == version + 1


def test_historical_visit_from_the_paper_book_fixes_the_first_owner(desk):
    d = desk.do(c.HistoricalVisit("老客", "13800009999", dt.datetime(2026, 10, 1, 10), "B", actor="M"))
    assert d.owner == "B"
    desk.do(c.HistoricalVisit("老客", "138 0000 9999", dt.datetime(2026, 10, 5, 10), "A", actor="M"))
    assert desk.owner("老客") == "B"
    with pytest.raises(RuleError):
        desk.do(c.HistoricalVisit("新客", "13800009998", dt.datetime(2026, 11, 20, 10), "A", actor="M"))
    desk.sign_in("A", "B")
    d = desk.arrive("老客", "13800009999", first_visit=False)
    assert (d.receiver, d.turn) == ("B", "none")


def test_party_without_name_or_phone_is_referred_to_by_number(desk):
    desk.sign_in("A", "B")
    d = desk.do(c.Arrive(c.Answers(True)))
    assert d.customer.startswith("#")
    desk.do(c.Finish(d.customer))
    assert desk.next_up == "B"
