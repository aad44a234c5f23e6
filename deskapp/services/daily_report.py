"""每日报表: what each consultant did on one working day (receptions by kind, skips, make-up credits,
claims, disputes, deals, refusals and sanctions), with a totals row. No Qt here.

Where the numbers come from
---------------------------
Receptions, make-up credits *used*, claims, disputes, deals, refusals and sanctions are records the
office keeps (visits, claims, deals, sanctions), so they are counted from an office's state.

Two numbers are not kept per record: **skips** (who the rotation pointer passed over when a turn was
consumed, with or without a make-up credit, RULES.md "Rotation mechanics" 3 and 12) and **credits
earned** (a used credit leaves ``office.credits``). They are decided while a command runs, so:

* For a service with a journal (:class:`~deskapp.services.persistence.PersistentOfficeService`) every
  command adds its decision's ``passed`` and ``credits_earned`` to the ``day_tallies`` read model in the
  same transaction as its journal entry, so the report reads one day's rows: exact numbers, no replay.
* For an in-memory :class:`~deskapp.services.office_service.OfficeService` (or a bare ``Office``) there is
  no record of them: skips are unknown (``None``) and credits earned counts only the credits earned that
  day that are still held (a lower bound). ``DailyReport.exact`` is False then.

Counting rules
--------------
* A day is the calendar date of the record's time (a visit's arrival, a claim's filing, a deal's
  signing; for skips and credits, the time of the command that caused them).
* Receptions count the parties a consultant actually took: a reception cancelled on a complaint (R13)
  or refused (R28) is not counted for that consultant (the refusal is counted in its own column);
  imported paper-era history is never counted. A make-up reception counts as a credit used, refused or not.
* Claims and disputes are counted on the day they were filed; "won" means the site manager has since
  ruled for the claimant (R32).
* Deals count the deals signed that day in whose commission the consultant shares; the share sums the
  split (1 for a whole deal, 0.5 for an even split, R16/R22). The totals row counts each deal once.
* Rows: every active consultant and team leader, plus anyone else who has something that day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from deskapp.domain import Office
from deskapp.domain.roles import ROLE_ZH
from deskapp.services.daily_report_model import (  # the report's data, re-exported
    KIND_KEYS,
    KIND_ZH,
    TOTAL_KEY,
    TOTAL_NAME,
    ConsultantDay,
    DailyReport,
    share_text,
)

#: Visit kinds (deskapp.domain.model.Visit.kind) counted under each reception kind of the report.
VISIT_KINDS: dict[str, tuple[str, ...]] = {
    "rotation": ("rotation",),
    "makeup": ("makeup",),
    "own": ("owner", "named"),
    "standin": ("standin",),
    "duty": ("duty",),
}
KIND_EN: dict[str, str] = {"rotation": "In turn", "makeup": "Make-up", "own": "Own / named", "standin": "Stand-in",
                           "duty": "Duty"}
_KIND_OF_VISIT: dict[str, str] = {vk: k for k, kinds in VISIT_KINDS.items() for vk in kinds}
SANCTION_ZH = {"suspension": "停接", "absence": "旷工", "fine": "罚款"}


# ------------------------------------------------------------------------------------ the tallies
@dataclass
class _Tally:
    """What only the journal knows, for one date."""

    skips_credit: Counter = field(default_factory=Counter)
    skips_plain: Counter = field(default_factory=Counter)
    earned: Counter = field(default_factory=Counter)


def _tally_of(recorded: dict[str, tuple[int, int, int]]) -> _Tally:
    tally = _Tally()
    for who, (skips_credit, skips_plain, earned) in recorded.items():
        tally.skips_credit[who], tally.skips_plain[who], tally.earned[who] = skips_credit, skips_plain, earned
    return tally


def _source_office(source):
    """(the office to count from, a function giving a day's recorded tallies or None)."""
    if hasattr(source, "visits") and hasattr(source, "staff"):  # an Office
        return source, None
    return source.office, getattr(source, "day_tallies", None)


# ------------------------------------------------------------------------------------------ query
def daily_report(service_or_office, date: dt.date | None = None, *, now: dt.datetime | None = None) -> DailyReport:
    """The report for ``date`` (default: the office's current day) from a service or an Office.

    A service with a journal (``.engine``) gives exact skips and credits earned (see the module doc);
    anything else gives them as unknown / a lower bound, with ``exact=False``.
    """
    office, tallies = _source_office(service_or_office)
    source = "office" if tallies is None else "journal"
    date = date or office.today()
    tally = None if tallies is None else _tally_of(tallies(date))
    rows = _rows(office, date, tally)
    totals = _totals(office, date, rows)
    unreceived = sum(
        1 for v in office.visits_between(date, date)
        if v.receiver is None and v.kind == "waiting" and not v.active
    )
    notes: tuple[str, ...] = ()
    if tally is None:
        notes = ("未连接数据库日志：跳过次数无法统计，获得补接名额只计仍持有的名额。",)
    return DailyReport(date, tuple(rows), totals, tally is not None, source, unreceived, now, notes)


def _rows(office: Office, date: dt.date, tally: _Tally | None) -> list[ConsultantDay]:
    kinds: dict[str, Counter] = {k: Counter() for k in KIND_KEYS}
    used: Counter = Counter()
    refusals: Counter = Counter()
    for v in office.visits_between(date, date):
        if v.receiver is None:
            continue
        refused = v.receiver in v.refused_by
        if refused:
            refusals[v.receiver] += 1
        if v.kind == "makeup":
            used[v.receiver] += 1
        kind = _KIND_OF_VISIT.get(v.kind)
        if kind is not None and not refused and not v.cancelled:
            kinds[kind][v.receiver] += 1

    claims, claims_won, disputes, disputes_won = Counter(), Counter(), Counter(), Counter()
    for rec in office.claims:
        if rec.at.date() != date:
            continue
        won = rec.status == "ruled" and rec.decision == rec.claimant
        if rec.kind == "claim":
            claims[rec.claimant] += 1
            claims_won[rec.claimant] += won
        else:
            disputes[rec.claimant] += 1
            disputes_won[rec.claimant] += won

    deals: Counter = Counter()
    share: dict[str, float] = {}
    for deal in office.deals:
        if deal.at.date() != date:
            continue
        for who, part in deal.split.items():
            if who is None:
                continue
            deals[who] += 1
            share[who] = share.get(who, 0.0) + float(part)

    sanctions: Counter = Counter()
    sanction_notes: dict[str, list[str]] = {}
    for s in office.sanctions:
        if s.at.date() != date:
            continue
        sanctions[s.who] += 1
        sanction_notes.setdefault(s.who, []).append(_sanction_note(s))

    if tally is not None:
        skips_credit, skips_plain, earned = tally.skips_credit, tally.skips_plain, tally.earned
    else:
        skips_credit = skips_plain = None
        earned = Counter(c.holder for c in office.credits if c.earned.date() == date)

    rows = []
    for key, st in office.staff.items():
        row = ConsultantDay(
            key=key,
            name=st.name,
            role=ROLE_ZH.get(st.role, ""),
            team=st.team,
            **{k: kinds[k][key] for k in KIND_KEYS},
            skips_credit=None if skips_credit is None else skips_credit[key],
            skips_plain=None if skips_plain is None else skips_plain[key],
            credits_earned=earned[key],
            credits_used=used[key],
            claims=claims[key],
            claims_won=claims_won[key],
            disputes=disputes[key],
            disputes_won=disputes_won[key],
            deals=deals[key],
            deal_share=share.get(key, 0.0),
            refusals=refusals[key],
            sanctions=sanctions[key],
            sanction_notes=tuple(sanction_notes.get(key, ())),
        )
        if (st.active and st.role.in_rotation) or row.active:
            rows.append(row)
    return rows


def _sanction_note(s) -> str:
    what = SANCTION_ZH.get(s.kind, s.kind)
    if s.kind == "fine" and s.yuan is not None:
        amount = f"{s.yuan}元"
    elif s.days is not None:
        amount = f"{s.days}天"
    else:
        amount = ""
    rule = s.rule[1:] if s.rule.startswith("R") else s.rule
    return f"{what}{amount}（第{rule}条）"


def _sum(values: Iterable[int | None]) -> int | None:
    total = 0
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _totals(office: Office, date: dt.date, rows: list[ConsultantDay]) -> ConsultantDay:
    counted = {"key", "name", "role", "team", "sanction_notes", "deals", "deal_share"}
    sums = {f.name: _sum(getattr(r, f.name) for r in rows) for f in fields(ConsultantDay) if f.name not in counted}
    deals_that_day = sum(1 for d in office.deals if d.at.date() == date)
    return ConsultantDay(
        key=TOTAL_KEY,
        name=TOTAL_NAME,
        deals=deals_that_day,
        deal_share=sum(r.deal_share for r in rows),
        **sums,
    )


# ------------------------------------------------------------------------------------------ output
__all__ = [
    "KIND_EN", "KIND_KEYS", "KIND_ZH", "TOTAL_KEY", "TOTAL_NAME", "VISIT_KINDS", "ConsultantDay", "DailyReport",
    "daily_report", "share_text",
]
