"""每日报表: per-consultant counts for one day, from the journal (exact) or from an office alone (fallback)."""

from __future__ import annotations

import datetime as dt
import re

import pypdf
import pytest

from deskapp.domain import Office
from deskapp.domain.commands import (
    AddStaff,
    Answers,
    Arrive,
    Back,
    Claim,
    Deal,
    Dispute,
    Duty,
    Finish,
    OpenDay,
    Refuse,
    Ruling,
    Sanction,
    SignIn,
    StepOut,
)
from deskapp.reports.daily_report import daily_report_pdf
from deskapp.services import daily_report as dr
from deskapp.services.daily_report import TOTAL_KEY, daily_report, share_text
from deskapp.services.office_service import OfficeService
from deskapp.services.persistence import PersistentOfficeService

DAY1 = dt.date(2026, 11, 2)
DAY2 = dt.date(2026, 11, 3)
DAY3 = dt.date(2026, 11, 4)
FIRST = Answers(first_visit=True)


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


def _phone(n: int) -> str:
    return f"139000000{n:02d}"


def build(svc):
    """Day 1: 林女士 (A) and 吴先生 (B). Day 2: every kind of reception, skip, credit, claim, deal, sanction."""
    h = svc.handle
    for key, name, role, team in [
        ("A", "张伟", "consultant", "T1"), ("B", "李娜", "consultant", "T1"), ("C", "王芳", "team_leader", "T2"),
        ("D", "陈刚", "consultant", "T2"), ("E", "周敏", "consultant", "T2"),  # E never signs in
        ("S", "赵强", "supervisor", None), ("M", "孙丽", "site_manager", None),
    ]:
        h(AddStaff(key, name, role, team, actor="__system__"), _at(DAY1, 8))
    h(OpenDay(DAY1), _at(DAY1, 8, 10))
    h(SignIn(("A", "B", "C", "D")), _at(DAY1, 8, 30))
    h(Arrive(FIRST, name="林女士", phone=_phone(1)), _at(DAY1, 9))  # A
    h(Finish(_phone(1)), _at(DAY1, 9, 30))
    h(Arrive(FIRST, name="吴先生", phone=_phone(2)), _at(DAY1, 10))  # B
    h(Finish(_phone(2)), _at(DAY1, 10, 30))

    h(OpenDay(DAY2), _at(DAY2, 8, 10))
    h(SignIn(("A", "B", "C", "D")), _at(DAY2, 8, 30))  # rotation A B C D
    h(StepOut("B", "official", actor="B"), _at(DAY2, 9))
    h(Arrive(FIRST, name="新一", phone=_phone(11)), _at(DAY2, 9, 5))  # A in turn
    h(Arrive(FIRST, name="新二", phone=_phone(12)), _at(DAY2, 9, 10))  # B passed on official business (R4 credit); C
    h(Back("B", actor="B"), _at(DAY2, 9, 15))
    h(Arrive(FIRST, name="新三", phone=_phone(13)), _at(DAY2, 9, 20))  # B uses the credit (make-up)
    h(Arrive(FIRST, name="新四", phone=_phone(14)), _at(DAY2, 9, 25))  # D in turn
    h(Finish(_phone(12)), _at(DAY2, 9, 28))
    h(Arrive(FIRST, name="新五", phone=_phone(15)), _at(DAY2, 9, 30))  # A and B busy: passed, no credit; C
    for n in (11, 13, 14, 15):
        h(Finish(_phone(n)), _at(DAY2, 9, 35))
    h(StepOut("D", "personal", actor="D"), _at(DAY2, 9, 40))
    h(Arrive(FIRST, name="新六", phone=_phone(16)), _at(DAY2, 9, 41))  # D passed (personal, no credit); A
    h(Back("D", actor="D"), _at(DAY2, 9, 45))
    h(Arrive(Answers(first_visit=False), phone=_phone(1)), _at(DAY2, 9, 50))  # 林女士 again: A's own customer
    h(Arrive(Answers(first_visit=True, names="D"), name="点名客户", phone=_phone(17)), _at(DAY2, 10))  # D named
    for n in (16, 1, 17):
        h(Finish(_phone(n)), _at(DAY2, 10, 5))
    h(StepOut("B", "personal", actor="B"), _at(DAY2, 10, 10))
    h(Arrive(Answers(first_visit=False), phone=_phone(2)), _at(DAY2, 10, 15))  # 吴先生: B out, C stands in (credit)
    h(Back("B", actor="B"), _at(DAY2, 10, 20))
    h(Finish(_phone(2)), _at(DAY2, 10, 30))
    # 新一's spouse, received by C on the stand-in credit: the deal is split A 0.5 / C 0.5 (R16)
    h(Arrive(FIRST, name="新八", phone=_phone(18), family_of=_phone(11), relation="spouse"), _at(DAY2, 10, 35))
    h(Deal(_phone(18)), _at(DAY2, 10, 40))
    h(Deal(_phone(14)), _at(DAY2, 10, 45))  # D, whole
    been = Answers(first_visit=False, contacted_by="unknown")
    h(Arrive(been, name="周先生", phone=_phone(19)), _at(DAY2, 11))  # B in turn, on the notice (R20)
    h(Claim(_phone(19), "A", actor="A"), _at(DAY2, 11, 5))
    h(Dispute(_phone(2), "D", actor="D"), _at(DAY2, 11, 10))
    h(Ruling(_phone(19), "A", reason="来访登记本有记录", actor="M"), _at(DAY2, 11, 30))  # A wins; B earns R20 credit
    for n in (18, 19):
        h(Finish(_phone(n)), _at(DAY2, 12))
    h(Arrive(FIRST, name="新九", phone=_phone(20)), _at(DAY2, 13))  # B on the R20 credit...
    h(Refuse("B"), _at(DAY2, 13, 5))  # ...refuses (R28 absence); C in turn
    h(Duty("D", dt.time(14), dt.time(15), actor="S"), _at(DAY2, 13, 30))
    h(Finish(_phone(20)), _at(DAY2, 13, 40))
    h(Arrive(FIRST, name="新十", phone=_phone(21)), _at(DAY2, 14, 10))  # D on duty (R38)
    h(Sanction("A", "R33", actor="M"), _at(DAY2, 15))

    h(OpenDay(DAY3), _at(DAY3, 8, 10))
    h(SignIn(("A", "B", "C", "D")), _at(DAY3, 8, 30))
    h(Arrive(FIRST, name="次日客户", phone=_phone(30)), _at(DAY3, 9))
    return svc


@pytest.fixture
def service(tmp_path):
    svc = build(PersistentOfficeService(f"sqlite:///{tmp_path / 'office.sqlite3'}"))
    yield svc
    svc.close()


# key: (rotation, makeup, own, standin, duty), (skips with credit, without), (credits earned, used)
EXPECTED = {
    "A": ((2, 0, 1, 0, 0), (0, 1), (0, 0)),
    "B": ((1, 1, 0, 0, 0), (1, 1), (2, 2)),  # R4 + R20 credits; 新三 and the refused 新九
    "C": ((3, 1, 0, 1, 0), (0, 0), (1, 1)),  # stand-in credit (R2), used for 新八
    "D": ((1, 0, 1, 0, 1), (0, 1), (0, 0)),
    "E": ((0, 0, 0, 0, 0), (0, 0), (0, 0)),
}


def _kinds(row):
    return tuple(row.by_kind(k) for k in dr.KIND_KEYS)


def test_receptions_skips_and_credits_per_consultant_from_the_journal(service):
    report = daily_report(service, DAY2)
    assert report.exact and report.source == "journal"
    assert [r.key for r in report.rows] == ["A", "B", "C", "D", "E"]  # supervisor and site manager left out
    for key, (kinds, skips, credits) in EXPECTED.items():
        row = report.row(key)
        assert _kinds(row) == kinds, key
        assert (row.skips_credit, row.skips_plain) == skips, key
        assert (row.credits_earned, row.credits_used) == credits, key
        assert row.receptions == sum(kinds)


def test_claims_disputes_deals_refusals_and_sanctions(service):
    report = daily_report(service, DAY2)
    a, b, c, d = (report.row(k) for k in "ABCD")
    assert (a.claims, a.claims_won) == (1, 1)
    assert (d.disputes, d.disputes_won) == (1, 0)  # not ruled yet
    assert (a.deals, a.deal_share) == (1, 0.5)
    assert (c.deals, c.deal_share) == (1, 0.5)
    assert (d.deals, d.deal_share) == (1, 1.0)
    assert (b.refusals, b.sanctions) == (1, 1)
    assert b.sanction_notes == ("旷工1天（第28条）",)
    assert (a.refusals, a.sanctions) == (0, 1)
    assert a.sanction_notes == ("罚款50元（第33条）",)


def test_totals_row(service):
    report = daily_report(service, DAY2)
    t = report.totals
    assert t.key == TOTAL_KEY and t.is_total and t.name == "合计"
    assert _kinds(t) == (7, 2, 2, 1, 1)
    assert t.receptions == report.receptions == 13  # 14 visits, the refused one not counted
    assert (t.skips_credit, t.skips_plain) == (1, 3)
    assert (t.credits_earned, t.credits_used) == (3, 3)
    assert (t.claims, t.claims_won, t.disputes, t.disputes_won) == (1, 1, 1, 0)
    assert (t.refusals, t.sanctions) == (1, 2)
    # a split deal appears in two rows but is one deal; the shares add up to the deals credited
    assert sum(r.deals for r in report.rows) == 3
    assert (t.deals, t.deal_share) == (2, 2.0)


def test_each_day_is_counted_on_its_own(service):
    day1 = daily_report(service, DAY1)
    assert _kinds(day1.row("A")) == (1, 0, 0, 0, 0)
    assert _kinds(day1.row("B")) == (1, 0, 0, 0, 0)
    assert day1.totals.receptions == 2 and day1.totals.deals == 0
    day3 = daily_report(service, DAY3)
    assert day3.totals.receptions == 1
    assert day3.totals.sanctions == 0 and day3.totals.credits_earned == 0
    assert daily_report(service, DAY3 + dt.timedelta(days=1)).totals.receptions == 0


def test_the_default_date_is_the_office_day(service):
    assert daily_report(service).date == DAY3


def test_the_replay_follows_new_commands_and_other_stations(service, tmp_path):
    before = daily_report(service, DAY3)
    service.handle(StepOut("B", "official", actor="B"), _at(DAY3, 9, 10))
    service.handle(Arrive(FIRST, name="再来一位", phone=_phone(31)), _at(DAY3, 9, 15))
    after = daily_report(service, DAY3)
    assert after.totals.receptions == before.totals.receptions + 1
    assert after.row("B").skips_credit == 1 and after.row("B").credits_earned == 1
    # another station over the same database sees the same report
    other = PersistentOfficeService(service.engine.url.render_as_string(hide_password=False))
    try:
        assert daily_report(other, DAY3) == after
        assert daily_report(other, DAY2) == daily_report(service, DAY2)
    finally:
        other.close()


def test_the_report_reads_the_recorded_tallies_and_never_replays(service, monkeypatch):
    from deskapp.domain import Office

    first = daily_report(service, DAY2)
    calls = []
    real = Office.execute
    monkeypatch.setattr(Office, "execute", lambda self, *a, **k: calls.append(a) or real(self, *a, **k))
    restarted = PersistentOfficeService(service.engine.url.render_as_string(hide_password=False))
    try:
        assert daily_report(restarted, DAY2) == first
        assert calls == []
    finally:
        restarted.close()


def test_an_in_memory_office_gives_what_it_can(tmp_path):
    svc = build(OfficeService())
    report = daily_report(svc, DAY2)
    assert not report.exact and report.source == "office"
    assert report.notes
    for key, (kinds, _skips, _credits) in EXPECTED.items():
        row = report.row(key)
        assert _kinds(row) == kinds
        assert row.skips_credit is None and row.skips_plain is None and row.skips is None
        assert row.credits_used == _credits[1]
    # credits earned that day and already used are invisible without the journal: none is still held
    assert [r.credits_earned for r in report.rows] == [0, 0, 0, 0, 0]
    assert report.totals.skips_credit is None
    assert report.totals.deals == 2
    # a bare Office works the same way
    assert daily_report(svc.office, DAY2) == report


def test_credits_still_held_are_counted_without_the_journal():
    office = Office()
    t = _at(DAY2, 8)
    for key in "AB":
        office.execute(AddStaff(key, f"顾问{key}", actor="__system__"), t)
    office.execute(OpenDay(DAY2), t)
    office.execute(SignIn(("A", "B")), t)
    office.execute(StepOut("A", "official", actor="A"), t)
    office.execute(Arrive(FIRST, name="客人", phone=_phone(40)), _at(DAY2, 9))
    row = daily_report(office, DAY2).row("A")
    assert row.credits_earned == 1 and row.skips_credit is None


def test_share_text():
    assert [share_text(v) for v in (0.0, 0.5, 1.0, 2.5, 1 / 3)] == ["0", "0.5", "1", "2.5", "0.33"]


def test_the_pdf_for_the_cli(service, tmp_path):
    out = daily_report_pdf(service, DAY2, tmp_path / "daily.pdf", office_name="测试花园售楼处",
                           printed_at=_at(DAY2, 18))
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(str(out)).pages))
    assert "每日接待报表" in text and "测试花园售楼处" in text and "2026年11月3日" in text
    for name in ("张伟", "李娜", "王芳", "陈刚", "周敏", "合计"):
        assert name in text
    default = daily_report_pdf(service, DAY2, tmp_path / "default.pdf")
    assert "售楼处销售中心" in re.sub(r"\s+", "", pypdf.PdfReader(str(default)).pages[0].extract_text())
