"""The demo office: built only through the service, never refused, realistic, deterministic."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from deskapp.domain import Office
from deskapp.services.demo import CONSULTANTS, OFFICE_NAME, DemoInfo, build_demo
from deskapp.services.office_service import OfficeService

TODAY = dt.date(2026, 3, 15)


class RecordingService(OfficeService):
    """Keeps every accepted command, to prove the demo went through `handle` only."""

    def __init__(self):
        super().__init__(Office())
        self.log: list = []

    def handle(self, cmd, now):
        d = super().handle(cmd, now)
        self.log.append((cmd, now))
        return d


@pytest.fixture(scope="module")
def small():
    service = RecordingService()
    info = build_demo(service, seed=7, customers=300, days=3, today=TODAY)
    return info, service


def _fingerprint(service: OfficeService) -> tuple:
    o = service.office
    owners = tuple((cu.phones[0], cu.name, cu.owner) for cu in list(o.customers.values())[::7])
    return owners, len(o.visits), len(o.followups), tuple(sorted(d.customer_id for d in o.deals))


def test_a_small_build_completes_with_no_refusal_and_sensible_counts(small):
    info, service = small
    assert isinstance(info, DemoInfo)
    assert info.office_name == OFFICE_NAME == "翠湖天地售楼处"
    n = info.counts
    assert 270 <= n["customers"] <= 330
    assert n["customers"] == len(service.office.customers)
    assert n["window_days"] == 3 and n["working_days"] > 3
    assert n["arrivals"] >= n["customers"] * 0.8  # most customers came in person
    assert 0 < n["returning_visits"] < n["arrivals"]
    assert 3 <= n["deals"] <= 20  # about 3 %
    assert n["follow_ups"] > n["customers"] // 2
    assert 1 <= n["active_receptions"] <= 10  # today is left mid-afternoon
    assert n["commands"] == len(service.log)


def test_every_fact_went_through_the_service_and_replays_to_the_same_office(small):
    _, service = small
    fresh = Office()
    for cmd, now in service.log:
        fresh.execute(cmd, now)
    o = service.office
    assert [(cu.name, cu.phones, cu.owner) for cu in fresh.customers.values()] == [
        (cu.name, cu.phones, cu.owner) for cu in o.customers.values()
    ]
    times = [now for _, now in service.log]
    assert times == sorted(times)  # time never goes backwards


def test_the_staff_is_a_real_office(small):
    info, service = small
    roles = Counter(role for _, role in info.staff.values())
    assert roles["consultant"] + roles["team_leader"] == 12
    assert roles["team_leader"] == 3
    for role in ("receptionist", "supervisor", "sales_manager", "site_manager", "project_manager"):
        assert roles[role] == 1
    teams = Counter(service.office.staff[k].team for k in CONSULTANTS)
    assert teams == {"T1": 4, "T2": 4, "T3": 4}
    leaders = {service.office.staff[k].team for k in CONSULTANTS if info.staff[k][1] == "team_leader"}
    assert leaders == {"T1", "T2", "T3"}
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name) for name, _ in info.staff.values())


def test_demo_pins_are_set_when_the_pin_module_is_there(small):
    info, service = small
    pins = pytest.importorskip("deskapp.services.pins")
    assert info.pins and set(info.pins) == set(info.staff)
    for key, pin in info.pins.items():
        assert pin == "1234"
        assert pins.verify_pin(service.office.staff[key].pin_hash, pin)


def test_customers_have_chinese_names_and_unique_valid_mobiles(small):
    _, service = small
    phones = [p for cu in service.office.customers.values() for p in cu.phones]
    assert len(phones) == len(set(phones))
    assert all(re.fullmatch(r"1[358]\d{9}", p) for p in phones)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", cu.name) for cu in service.office.customers.values())


def test_the_days_look_like_a_sales_office(small):
    _, service = small
    o = service.office
    kinds = Counter(v.kind for v in o.visits.values())
    assert kinds["rotation"] > kinds["owner"] > 0  # walk-ins in rotation, old customers to their owner
    verbs = Counter(cmd.verb for cmd, _ in service.log)
    for verb in ("day", "sign_in", "rest", "duty", "arrive", "finish", "competitor", "follow_up", "deal", "close_day",
                 "claim", "dispute", "ruling"):
        assert verbs[verb] > 0, verb
    for v in o.visits.values():
        assert dt.time(9) <= v.at.time() <= dt.time(18), v.at


def test_todays_notice_has_an_entry_with_a_claim_by_another_consultant(small):
    info, service = small
    o = service.office
    assert o.day.date == TODAY and not o.day.closed
    notice = o.notice_today()
    assert notice
    claims = [r for r in o.claims if r.kind == "claim" and r.status == "open"]
    assert claims
    claim = claims[-1]
    entry = next(e for e in notice if e.id == claim.notice_id)
    assert entry.receiver and entry.receiver != claim.claimant
    assert o.customers[claim.same_as].name == o.customers[claim.customer_id].name  # same person, new phone
    assert info.scenes["claim_customer"] in o.customers[claim.customer_id].phones


def test_there_is_an_open_dispute_over_a_customer_received_twice(small):
    info, service = small
    o = service.office
    disputes = [r for r in o.claims if r.kind == "dispute" and r.status == "open"]
    assert len(disputes) == 1
    rec = disputes[0]
    new, old = o.customers[rec.customer_id], o.customers[rec.same_as]
    assert new.name == old.name and new.phones != old.phones
    assert old.owner == rec.claimant != new.owner == rec.against
    assert rec.proposed == rec.claimant  # R16: the claimant registered first
    assert info.scenes["dispute_by"] == rec.claimant


def test_the_build_is_deterministic_for_a_seed(small):
    info, service = small
    again = RecordingService()
    info2 = build_demo(again, seed=7, customers=300, days=3, today=TODAY)
    assert info2.counts == info.counts
    assert info2.scenes == info.scenes
    assert _fingerprint(again) == _fingerprint(service)
    other = OfficeService()
    build_demo(other, seed=8, customers=300, days=3, today=TODAY)
    assert _fingerprint(other) != _fingerprint(service)
