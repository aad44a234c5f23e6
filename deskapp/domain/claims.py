"""Records as evidence: follow-ups, amendments (R3), the daily claim notice (R20), disputes and rulings (R16, R17, R22, R32)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import commands as c
from .arrival import ArrivalMixin
from .decision import Decision
from .errors import RuleError
from .model import ClaimRecord, Customer, FollowUpRecord
from .roles import Role
from .text import md_hm, ymd_hm

SELF_KINDS = ("rotation", "makeup", "duty", "owner", "named")


@dataclass(frozen=True)
class Evidence:
    at: dt.datetime
    who: str
    kind: str  # visit | follow_up
    record_id: int
    customer_id: int
    registered: bool
    amended: bool

    @property
    def admissible(self) -> bool:
        return self.registered and not self.amended

    @property
    def why_zh(self) -> str:
        if self.amended:
            return "记录经修改，不作为依据（第3条）"
        if not self.registered:
            return "未登记姓名电话，不作为依据（第9条）"
        return "记录完整无修改"

    @property
    def why_en(self) -> str:
        if self.amended:
            return "amended: void as evidence (R3)"
        if not self.registered:
            return "never registered: no evidence (R9)"
        return "complete and unaltered"


class ClaimsMixin(ArrivalMixin):
    # ------------------------------------------------------------ follow-ups and corrections
    def _h_follow_up(self, cmd: c.FollowUp, d: Decision) -> None:
        self.require_role(cmd.actor, "desk")
        st = self.active_staff(cmd.who)
        cust = self.customer_of(cmd.customer)
        role = self.actor_role(cmd.actor)
        if role in (Role.CONSULTANT, Role.TEAM_LEADER):
            if cmd.actor != cmd.who or cust.owner != cmd.who:
                raise RuleError("not_own_customer", "置业顾问只能为自己的客户登记回访。",
                                "A consultant may record follow-ups for their own customers only.")
        rec = FollowUpRecord(self.next_id(), cmd.who, cust.id, cmd.date, cmd.note)
        self.followups.append(rec)
        self.followups_of.setdefault(cust.id, []).append(rec)
        self.followups_by_id[rec.id] = rec
        self.dirty_f.add(rec.id)
        d.customer = cust.label
        d.owner = cust.owner or "none"
        d.cite("R14")
        d.explanation_zh = f"R14：记录{st.name}于{cmd.date}回访{cust.label}。"
        d.explanation_en = f"R14: {self.name(cmd.who)} followed up {cust.label} on {cmd.date}."

    def _h_amend(self, cmd: c.Amend, d: Decision) -> None:
        self.require_role(cmd.actor, "desk")
        st = self.staff_of(cmd.who)
        cust = self.customer_of(cmd.customer)
        note = cmd.note or f"更正 by {cmd.actor or 'desk'} at {ymd_hm(self.now)}"
        if cmd.record == "visit":
            cands = [self.visits[i] for i in self.customer_visits.get(cust.id, []) if self.visits[i].receiver == cmd.who]
        elif cmd.record == "follow_up":
            cands = [f for f in self.followups_of.get(cust.id, []) if f.who == cmd.who]
        else:
            raise RuleError("bad_record", "只能更正来访或回访记录。", "Only visit and follow-up records can be corrected.")
        if not cands:
            raise RuleError("no_record", f"没有{st.name}关于{cust.label}的此类记录。", f"No such record of {cmd.who} for {cust.label}.")
        rec = cands[-1]
        rec.amended = True
        (self.dirty_v if cmd.record == "visit" else self.dirty_f).add(rec.id)
        rec.corrections.append(note)
        d.customer = cust.label
        d.owner = cust.owner or "none"
        d.cite("R3")
        d.explanation_zh = f"R3：{st.name}关于{cust.label}的记录已追加更正，原记录保留并标记为“已修改”，在争议中不作为依据。"
        d.explanation_en = f"R3: a correction was appended to {self.name(cmd.who)}'s record of {cust.label}; it is marked amended and not admissible."

    # ------------------------------------------------------------ evidence
    def linked_ids(self, cust: Customer, extra: int | None = None) -> set[int]:
        ids = {cust.id} | set(cust.same_as)
        if extra is not None:
            ids.add(extra)
            ids |= self.customers[extra].same_as
        return ids

    def evidence(self, ids: set[int]) -> list[Evidence]:
        items = []
        for cid in ids:
            for vid in self.customer_visits.get(cid, []):
                v = self.visits[vid]
                if v.receiver is None or v.cancelled or v.kind == "standin":
                    continue
                items.append(Evidence(v.at, v.receiver, "visit", v.id, cid, v.registered, v.amended))
        for f in (f for cid in ids for f in self.followups_of.get(cid, [])):
            if True:
                items.append(Evidence(dt.datetime.combine(f.date, dt.time(0, 0)), f.who, "follow_up", f.id, cid, True, f.amended))
        items.sort(key=lambda e: (e.at, e.record_id))
        return items

    def admissible_by_person(self, items: list[Evidence]) -> dict[str, bool]:
        out: dict[str, bool] = {}
        for e in items:
            out.setdefault(e.who, True)
            if e.amended:
                out[e.who] = False
        for who in list(out):
            if not any(e.admissible for e in items if e.who == who):
                out[who] = False
        return out

    def continuous(self, who: str, ids: set[int], up_to: dt.date) -> bool:
        """R14/R22: the owner's contacts leave no gap longer than followup_gap_days up to the day."""
        gap = self.policy["followup_gap_days"]
        dates = sorted({e.at.date() for e in self.evidence(ids) if e.who == who and e.admissible and e.at.date() <= up_to})
        if not dates:
            return False
        points = dates + [up_to]
        return all((b - a).days <= gap for a, b in zip(points, points[1:], strict=False))

    def first_registration(self, items: list[Evidence]) -> Evidence | None:
        for e in items:
            if e.kind == "visit" and e.admissible:
                return e
        return None

    # ------------------------------------------------------------ the claim notice (R20)
    def notice_today(self):
        if self.day is None:
            return []
        return [e for e in self.notice if e.date == self.day.date]

    def _settle_notice(self, date: dt.date, d: Decision) -> None:
        for e in self.notice:
            if e.date == date and e.status == "open":
                e.status = "settled"
                self.touch("notice", e.id)
                d.cite("R20")

    def _h_close_day(self, cmd: c.CloseDay, d: Decision) -> None:
        day = self.require_day()
        self.require_role(cmd.actor, "desk")
        n = sum(1 for e in self.notice if e.date == day.date and e.status == "open")
        self._settle_notice(day.date, d)
        day.closed = True
        d.cite("R20")
        d.explanation_zh = f"R20：今日公示结束，{n}位无人认领的客户归轮接人员所有。"
        d.explanation_en = f"R20: the notice is down; {n} unclaimed entries stay with their receivers."

    def _claimant(self, actor: str | None, claimant: str) -> str:
        who = actor or claimant
        st = self.active_staff(who)
        if st.role not in (Role.CONSULTANT, Role.TEAM_LEADER):
            raise RuleError("forbidden", "只有置业顾问或组长可以认领或提出争议。", "Only a consultant or team leader may claim or dispute.")
        if actor is not None and actor != claimant:
            raise RuleError("forbidden", "认领/争议须由本人提出。", "A claim or dispute is raised by the consultant concerned.")
        self.active_staff(claimant)
        return claimant

    def _h_claim(self, cmd: c.Claim, d: Decision) -> None:
        day = self.require_day()
        who = self._claimant(cmd.actor, cmd.claimant)
        cust = self.customer_of(cmd.customer)
        same = self.customer_of(cmd.same_as) if cmd.same_as else None
        entry = next((e for e in reversed(self.notice) if e.customer_id == cust.id and e.date == day.date), None)
        if entry is None or day.closed or entry.status not in ("open", "claimed"):
            raise RuleError("not_on_notice", f"{cust.label}不在今日公示中（或公示已结束），不能认领（第20条）。",
                            f"{cust.label} is not on today's open notice (R20).")
        if entry.receiver == who:
            raise RuleError("own_reception", "不能认领自己接待的客户。", "You cannot claim your own reception.")
        entry.status, entry.claimant = "claimed", who
        self.touch("notice", entry.id)
        rec = ClaimRecord(self.next_id(), "claim", cust.id, who, same.id if same else None, self.now,
                          against=entry.receiver, notice_id=entry.id)
        self._propose(rec, cust)
        self.claims.append(rec)
        self.touch("claims", rec.id)
        d.customer = cust.label
        d.owner = cust.owner or "none"
        d.proposed = rec.proposed
        d.cite("R20")
        d.cite("R32")
        d.explanation_zh = f"R20：{self.name(who)}认领{cust.label}，待案场经理裁决（R32）。系统建议：{rec.proposed_zh}"
        d.explanation_en = f"R20: {self.name(who)} claims {cust.label}; the site manager rules (R32). Proposed: {rec.proposed_en}"

    def _h_dispute(self, cmd: c.Dispute, d: Decision) -> None:
        who = self._claimant(cmd.actor, cmd.claimant)
        cust = self.customer_of(cmd.customer)
        same = self.customer_of(cmd.same_as) if cmd.same_as else None
        rec = ClaimRecord(self.next_id(), "dispute", cust.id, who, same.id if same else None, self.now,
                          against=cust.owner)
        self._propose(rec, cust)
        self.claims.append(rec)
        self.touch("claims", rec.id)
        d.customer = cust.label
        d.owner = cust.owner or "none"
        d.proposed = rec.proposed
        d.admissible = self.admissible_by_person(self.evidence(self.linked_ids(cust, rec.same_as)))
        for r in rec.proposed_rules:
            d.cite(r)
        d.cite("R32")
        d.explanation_zh = f"{self.name(who)}对{cust.label}的归属提出争议，待案场经理裁决。系统建议：{rec.proposed_zh}"
        d.explanation_en = f"{self.name(who)} disputes {cust.label}; the site manager rules (R32). Proposed: {rec.proposed_en}"

    def _propose(self, rec: ClaimRecord, cust: Customer) -> None:
        """The ruling the rules propose, from admissible evidence only (R3)."""
        ids = self.linked_ids(cust, rec.same_as)
        items = self.evidence(ids)
        current = rec.against
        deal = next((x for x in reversed(self.deals) if x.customer_id == cust.id), None)
        if rec.kind == "dispute" and deal is not None and rec.same_as is not None:
            closer = deal.credit or current
            first_seen = min((self.visits[i].at.date() for i in self.customer_visits.get(cust.id, [])), default=self.today())
            cont = self.continuous(rec.claimant, {rec.same_as} | self.customers[rec.same_as].same_as, first_seen)
            rec.proposed = closer
            rec.proposed_rules = ("R22", "R14", "R3")
            if cont:
                rec.proposed_zh = f"R22：成交归轮接人员{self.name(closer)}，{self.name(rec.claimant)}回访记录连续有效，佣金平分。"
                rec.proposed_en = f"R22: the deal counts for {self.name(closer)}; {self.name(rec.claimant)}'s follow-ups are continuous, so the commission is split evenly."
            else:
                rec.proposed_zh = f"R22：{self.name(rec.claimant)}无连续回访记录，客户及业绩归轮接人员{self.name(closer)}。"
                rec.proposed_en = f"R22: {self.name(rec.claimant)} has no continuous follow-up record; the customer and deal are {self.name(closer)}'s."
            return
        if rec.kind == "claim" and rec.same_as is None:
            # R20: the claimant's evidence is their entry in the visit book; without pointing at it the
            # app has nothing to weigh, so it proposes nothing and the site manager rules on the book.
            rec.proposed = None
            rec.proposed_rules = ("R20", "R32")
            rec.proposed_zh = "认领未指明此前的来访记录，请案场经理查阅来访登记本裁决。"
            rec.proposed_en = "The claim points at no earlier record: the site manager rules on the visit book."
            return
        mine = [e for e in items if e.who == rec.claimant]
        first = self.first_registration(items)
        if first is not None and first.who == rec.claimant:
            rec.proposed = rec.claimant
            rec.proposed_rules = ("R16", "R3") if rec.kind == "dispute" else ("R20", "R16", "R3")
            rec.proposed_zh = f"R16：{self.name(rec.claimant)}于{md_hm(first.at)}最先登记，归{self.name(rec.claimant)}。"
            rec.proposed_en = f"R16: {self.name(rec.claimant)} registered the customer first, on {md_hm(first.at)}."
            return
        rec.proposed = current
        if mine and not any(e.admissible for e in mine):
            amended = any(e.amended for e in mine)
            rec.proposed_rules = ("R3",) if amended else ("R17", "R9")
            if amended:
                rec.proposed_zh = f"R3：{self.name(rec.claimant)}的记录经修改，不作为依据，维持归{self.name(current)}。"
                rec.proposed_en = f"R3: {self.name(rec.claimant)}'s records were amended and are void; stays {self.name(current)}'s."
            else:
                rec.proposed_zh = f"R17：{self.name(rec.claimant)}此前接待未做来访登记，归{self.name(current)}。"
                rec.proposed_en = f"R17: {self.name(rec.claimant)}'s earlier reception was never registered; stays {self.name(current)}'s."
        elif first is not None:
            rec.proposed_rules = ("R16", "R3")
            rec.proposed_zh = f"R16：{self.name(first.who)}于{md_hm(first.at)}最先登记，维持归{self.name(current)}。"
            rec.proposed_en = f"R16: {self.name(first.who)} registered first ({md_hm(first.at)}); stays {self.name(current)}'s."
        else:
            rec.proposed_rules = ("R3", "R9")
            rec.proposed_zh = f"无有效登记记录可作依据，维持归{self.name(current)}。"
            rec.proposed_en = f"No admissible registration supports the claim; stays {self.name(current)}'s."

    def _h_ruling(self, cmd: c.Ruling, d: Decision) -> None:
        self.require_role(cmd.actor, "ruling")
        cust = self.customer_of(cmd.customer)
        open_recs = [r for r in self.claims if r.customer_id == cust.id and r.status == "open"]
        if not open_recs:
            raise RuleError("nothing_to_rule", f"{cust.label}没有待裁决的认领或争议。", f"No open claim or dispute for {cust.label}.")
        winner = self.active_staff(cmd.decision).key
        rec = open_recs[-1]
        self._propose(rec, cust)
        if rec.proposed is not None and winner != rec.proposed and not cmd.reason.strip():
            raise RuleError("reason_required", "推翻系统建议的裁决须写明理由（第32条）。",
                            "Overriding the proposed ruling needs a written reason (R32).")
        for r in open_recs:
            r.status, r.decision, r.reason, r.ruled_by = "ruled", winner, cmd.reason, cmd.actor
            self.touch("claims", r.id)
        d.customer = cust.label
        d.cite("R32")
        for r in rec.proposed_rules:
            d.cite(r)
        linked = self.linked_ids(cust, rec.same_as)
        upheld = [r for r in open_recs if r.claimant == winner]
        r22 = rec.kind == "dispute" and "R22" in rec.proposed_rules
        if (upheld or r22) and rec.same_as is not None:
            for cid in linked:
                self.customers[cid].same_as = linked - {cid}
                self.dirty_c.add(cid)
        if rec.kind == "claim":
            entry = next(e for e in self.notice if e.id == rec.notice_id)
            self.touch("notice", entry.id)
            if upheld:
                entry.status = "upheld"
                self._set_owner(cust, winner, "R20")
                if entry.receiver and entry.receiver != winner:
                    self.earn_credit(entry.receiver, "R20", f"{cust.label}被认领 / claim upheld", d)
            else:
                entry.status = "rejected"
                self._set_owner(cust, winner, "R32")
        else:
            deal = next((x for x in reversed(self.deals) if x.customer_id == cust.id), None)
            targets = linked if upheld or r22 else {cust.id}
            for cid in targets:
                if self.customers[cid].owner != winner:
                    self._set_owner(self.customers[cid], winner, "R32")
            if deal is not None and "R22" in rec.proposed_rules:
                cont = "平分" in rec.proposed_zh
                if winner == rec.proposed and cont:
                    deal.split = {winner: 0.5, rec.claimant: 0.5}
                else:
                    deal.split = {winner: 1.0}
                deal.credit = winner
                self.touch("deals", deal.id)
                d.credit, d.split = deal.credit, dict(deal.split)
        d.owner = cust.owner or "none"
        if rec.proposed is None:
            kept = f"理由：{cmd.reason}" if cmd.reason else "依来访登记本"
        else:
            kept = "维持系统建议" if winner == rec.proposed else f"推翻系统建议，理由：{cmd.reason}"
        d.explanation_zh = f"R32：案场经理裁决{cust.label}归{self.name(winner)}（{kept}）。"
        d.explanation_en = f"R32: the site manager rules {cust.label} is {self.name(winner)}'s" + (
            "." if winner == rec.proposed or rec.proposed is None and not cmd.reason
            else f" ({'overriding the proposal: ' if rec.proposed is not None else ''}{cmd.reason}).")
