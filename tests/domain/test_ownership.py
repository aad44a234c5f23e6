"""Ownership: R2, R9, R11, R13, R15-R22, R24-R26, R34-R37 and the records as evidence (R3)."""

from __future__ import annotations

import datetime as dt

import pytest

from deskapp.domain import RuleError
from deskapp.domain import commands as c
from deskapp.domain.phone import normalize_phone


@pytest.mark.parametrize("raw", ["13800001111", "+86 138-0000-1111", "138 0000 1111", "0086 13800001111", 13800001111])
def test_any_common_spelling_of_a_mobile_is_the_same_customer(raw):
    assert normalize_phone(raw) == "13800001111"


@pytest.mark.parametrize("raw", ["12345", "2380000111", "abc", "1380000111122"])
def test_a_bad_phone_is_refused_with_a_chinese_message(raw):
    with pytest.raises(RuleError) as err:
        normalize_phone(raw)
    assert err.value.code == "bad_phone" and "电话" in err.value.zh


def test_landline_with_area_code_is_accepted():
    assert normalize_phone("010-12345678") == "01012345678"


def test_returning_customer_goes_to_the_owner_and_the_owner_is_called(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("李女士", "13800001111")
    desk.finish("李女士")
    d = desk.arrive("李女士", "+86 138 0000 1111", first_visit=True)  # said first visit: the match wins (mechanics 7)
    assert (d.receiver, d.owner, d.turn, d.notify) == ("A", "A", "none", ["A"])
    assert desk.next_up == "B"


def test_busy_owner_keeps_the_old_customer_and_the_last_free_consultant_assists(desk):
    desk.sign_in("A", "B", "C", "D")
    desk.arrive("李女士", "13800001111")  # A
    desk.arrive("新客")  # B? no: A busy with 李女士 -> B
    d = desk.arrive("李女士", "13800001111", first_visit=False)
    assert (d.receiver, d.assist) == ("A", "D")
    assert "R11" in d.rules


def test_absent_owner_gets_the_team_leader_as_stand_in(desk):
    desk.sign_in("A", "L", "B")
    desk.arrive("李女士", "13800001111")
    desk.finish("李女士")
    desk.do(c.SignOut("A"))
    d = desk.arrive("李女士", "13800001111", first_visit=False)
    assert (d.receiver, d.owner, d.turn, d.notify) == ("L", "A", "none", ["A"])
    assert desk.credits("L") == 1


def test_unregistered_visit_gives_no_ownership_until_registered(desk):
    desk.sign_in("A", "B")
    d = desk.do(c.Arrive(c.Answers(True), name="王先生"))
    assert (d.receiver, d.owner) == ("A", "none")
    d = desk.do(c.Register("王先生", None, "13900002222"))
    assert d.owner == "A"


def test_incomplete_registration_at_day_end_gives_none(desk):
    desk.sign_in("A", "B")
    desk.do(c.Arrive(c.Answers(True), name="王先生"))
    desk.day(dt.date(2026, 11, 21))
    d = desk.do(c.Register("王先生", None, "13900002222"))
    assert d.owner == "none"


def test_customer_naming_a_consultant_goes_to_them_without_a_turn(desk):
    desk.sign_in("A", "B", "C")
    d = desk.arrive("陈先生", names="C")
    assert (d.receiver, d.owner, d.turn, d.notify) == ("C", "C", "none", ["C"])
    assert "R17" in d.rules
    assert desk.next_up == "A"


def test_someone_phoned_me_goes_to_the_caller_r18(desk):
    desk.sign_in("A", "B", "C")
    d = desk.arrive("陈先生", first_visit=False, contacted_by="B")
    assert (d.receiver, d.owner, d.notify) == ("B", "B", ["B"])
    assert "R18" in d.rules


def test_old_customer_brings_a_new_one_r15(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("老客", "13800001111")
    desk.finish("老客")
    d = desk.arrive("朋友", referred_by="老客", accompanied=True)
    assert (d.receiver, d.owner, d.turn, d.notify) == ("A", "A", "none", ["A"])
    assert desk.next_up == "B"


def test_referred_but_unaccompanied_goes_by_rotation_r21(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("老客", "13800001111")
    d = desk.arrive("朋友", referred_by="老客", accompanied=False)
    assert (d.receiver, d.turn) == ("B", "consumed")
    assert "R21" in d.rules


def test_group_purchase_goes_by_rotation_even_with_an_old_customer_r34(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("老客", "13800001111")
    desk.finish("老客")
    d = desk.do(c.Arrive(c.Answers(True, None, "A"), name="团长", phone="13900000001",
                         group=(c.Party("老客", "13800001111"), c.Party("团员", "13900000002"))))
    assert (d.receiver, d.turn) == ("B", "consumed")
    assert "R34" in d.rules


def test_staff_referral_is_received_in_rotation_r7(desk):
    desk.sign_in("A", "B")
    d = desk.arrive("介绍客", source="staff_referral", names="B")
    assert (d.receiver, d.turn, d.owner) == ("A", "consumed", "A")


def test_relative_counts_only_with_a_pre_report_r37(desk):
    desk.sign_in("A", "B", "C")
    desk.do(c.PreReport("C", "表弟", "13900003333", "relative", actor="C"))
    d = desk.arrive("表弟", "13900003333")
    assert (d.receiver, d.owner, d.turn) == ("C", "C", "none")
    assert "R37" in d.rules


def test_complaint_passes_the_customer_to_the_next_in_rotation_r13(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("客一")
    with pytest.raises(RuleError):
        desk.do(c.Complaint("客一"))
    d = desk.do(c.Complaint("客一", actor="S"))
    assert (d.receiver, d.owner, d.turn) == ("B", "B", "consumed")


def test_claim_notice_claim_upheld_gives_the_receiver_a_credit_r20(desk):
    desk.sign_in("A", "B")
    d = desk.arrive("说不清", first_visit=False, contacted_by="unknown")
    assert d.notice and d.receiver == "A"
    desk.do(c.Claim("说不清", "B", None, actor="B"))
    d = desk.do(c.Ruling("说不清", "B", "来访本有B登记", actor="M"))
    assert d.owner == "B" and desk.credits("A") == 1


def test_unclaimed_notice_entry_settles_to_the_receiver_at_close_day(desk):
    desk.sign_in("A", "B")
    desk.arrive("说不清", first_visit=False)
    desk.do(c.CloseDay())
    assert desk.owner("说不清") == "A"
    with pytest.raises(RuleError):
        desk.do(c.Claim("说不清", "B", None, actor="B"))


def test_amended_record_is_not_admissible_and_loses_the_dispute_r3(desk):
    desk.sign_in("A", "B")
    desk.arrive("李女士", "13800001111", alias="L1")
    desk.finish("L1")
    desk.do(c.Amend("visit", "L1", "A"))
    desk.day(dt.date(2026, 11, 22))
    desk.sign_in("B", "A")
    desk.arrive("李女士", "13900009999", alias="L2")
    d = desk.do(c.Dispute("L2", "A", "L1", actor="A"))
    assert d.admissible == {"A": False, "B": True}
    assert d.proposed == "B"


def test_first_registered_wins_a_dispute_r16(desk):
    desk.sign_in("A", "B")
    desk.arrive("李女士", "13800001111", alias="L1")
    desk.finish("L1")
    desk.day(dt.date(2026, 11, 22))
    desk.sign_in("B", "A")
    desk.arrive("李女士", "13900009999", alias="L2")
    d = desk.do(c.Dispute("L2", "A", "L1", actor="A"))
    assert d.proposed == "A" and "R16" in d.rules
    with pytest.raises(RuleError):
        desk.do(c.Ruling("L2", "A", "", actor="B"))
    d = desk.do(c.Ruling("L2", "A", "", actor="M"))
    assert d.owner == "A"
    assert desk.owner("L1") == "A"


def test_override_needs_a_written_reason_r32(desk):
    desk.sign_in("A", "B")
    desk.arrive("李女士", "13800001111", alias="L1")
    desk.day(dt.date(2026, 11, 22))
    desk.sign_in("B", "A")
    desk.arrive("李女士", "13900009999", alias="L2")
    desk.do(c.Dispute("L2", "A", "L1", actor="A"))
    with pytest.raises(RuleError) as err:
        desk.do(c.Ruling("L2", "B", "", actor="M"))
    assert err.value.code == "reason_required"


def test_family_member_received_by_another_splits_the_commission_r16(desk):
    desk.sign_in("A", "B")
    desk.arrive("王先生", "13800001111")
    d = desk.arrive("王太太", "13800002222", family_of="王先生", relation="spouse")
    assert d.receiver == "B"
    d = desk.do(c.Deal("王太太", "B", "王先生"))
    assert d.credit == "A" and d.split == {"A": 0.5, "B": 0.5}


def test_lapsed_follow_up_r22_deal_counts_for_the_rotation_consultant(desk):
    desk.sign_in("A", "B")
    desk.arrive("李女士", "13800001111", alias="L1")
    desk.day(dt.date(2027, 1, 10))
    desk.sign_in("B", "A")
    desk.arrive("李女士", "13900009999", alias="L2")
    desk.do(c.Deal("L2", "B"))
    desk.do(c.Dispute("L2", "A", "L1", actor="A"))
    d = desk.do(c.Ruling("L2", "B", "", actor="M"))
    assert d.owner == "B" and d.split == {"B": 1.0}


def test_continuous_follow_up_r22_splits_evenly(desk):
    desk.sign_in("A", "B")
    desk.arrive("李女士", "13800001111", alias="L1")
    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 12), dt.date(2026, 12, 25), dt.date(2027, 1, 5)):
        desk.do(c.FollowUp("A", "L1", day))
    desk.day(dt.date(2027, 1, 10))
    desk.sign_in("B", "A")
    desk.arrive("李女士", "13900009999", alias="L2")
    desk.do(c.Deal("L2", "B"))
    desk.do(c.Dispute("L2", "A", "L1", actor="A"))
    d = desk.do(c.Ruling("L2", "B", "", actor="M"))
    assert d.split == {"B": 0.5, "A": 0.5}


def test_departure_sends_customers_to_the_pool_and_they_come_back_as_new_r8(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("李女士", "13800001111")
    desk.finish("李女士")
    desk.do(c.Depart("A", "resigned", actor="M"))
    assert desk.owner("李女士") == "pool"
    d = desk.arrive("李女士", "13800001111", first_visit=False)
    assert (d.receiver, d.owner, d.turn) == ("B", "B", "consumed")


def test_transfer_hands_customers_and_their_referrals_to_the_designee_r19(desk):
    desk.sign_in("A", "B", "C")
    desk.arrive("李女士", "13800001111")
    desk.finish("李女士")
    with pytest.raises(RuleError):
        desk.do(c.Depart("A", "transferred", "C", actor="M"))
    desk.do(c.Depart("A", "transferred", "C", actor="P"))
    assert desk.owner("李女士") == "C"
    d = desk.arrive("朋友", referred_by="李女士")
    assert (d.receiver, d.owner) == ("C", "C")


def test_declared_competitor_earns_a_credit_r12(desk):
    desk.sign_in("A", "B")
    desk.arrive("同行")
    d = desk.do(c.Competitor("同行", True))
    assert desk.credits("A") == 1 and "R12" in d.rules


def test_refused_commands_record_nothing(desk):
    import copy

    desk.sign_in("A", "B")
    before = copy.deepcopy(desk.office.__dict__)
    for cmd in [c.Reorder(("B", "A")), c.Arrive(None, name="x", phone="13800001111"),
                c.Arrive(c.Answers(True), name="x", phone="123"), c.Grant("A"), c.Sanction("A", "R33")]:
        with pytest.raises(RuleError):
            desk.office.execute(cmd, desk.t)
    after = desk.office.__dict__
    keep = lambda d: {k: v for k, v in d.items() if k != "now" and not k.startswith("dirty_")}  # noqa: E731
    assert keep(before) == keep(after)


def test_preview_of_a_check_in_records_nothing(desk):
    import copy

    desk.sign_in("A", "B")
    desk.arrive("李女士", "13800001111")
    desk.do(c.StepOut("B", "official", actor="S"))
    before = copy.deepcopy({k: v for k, v in desk.office.__dict__.items() if not k.startswith("dirty_")})
    for cmd in [c.Arrive(c.Answers(False), name="李女士", phone="13800001111"),
                c.Arrive(c.Answers(True), name="新客", phone="13900001111", group=(c.Party("团员", "13900002222"),)),
                c.Arrive(c.Answers(True), name="朋友", referred_by="李女士")]:
        d = desk.office.preview(cmd, desk.t)
        assert d.verb == "arrive"
    after = {k: v for k, v in desk.office.__dict__.items() if not k.startswith("dirty_")}
    assert after == before


def test_group_members_of_a_waiting_party_are_registered_when_it_is_received(desk):
    desk.sign_in("A")
    desk.arrive("客一")
    d = desk.do(c.Arrive(c.Answers(True), name="团长", phone="13800000002", group=(c.Party("团员", "13800000003"),)))
    assert d.waiting
    desk.finish("客一")
    assert desk.owner("13800000003") == "A" and desk.owner("团长") == "A"


def test_a_claim_without_an_earlier_record_is_ruled_on_the_visit_book(desk):
    desk.sign_in("A", "B")
    desk.arrive("说不清", first_visit=False)
    d = desk.do(c.Claim("说不清", "B", None, actor="B"))
    assert d.proposed is None
    d = desk.do(c.Ruling("说不清", "B", "", actor="M"))  # no proposal to override: no reason needed
    assert d.owner == "B" and desk.credits("A") == 1
