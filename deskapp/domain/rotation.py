"""The day's rotation: sign-in, order, step-outs, duty, rest, leave; who is proposed (mechanics 1-3, 18, 20)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import commands as c
from .decision import Decision
from .errors import RuleError
from .model import DutyWindow, LeaveRecord, MakeupCredit
from .state import DayState, OfficeState
from .text import hm


@dataclass(frozen=True)
class Proposal:
    who: str
    via: str  # duty | credit | rotation
    pos: int = -1  # absolute scan position for via=rotation
    credit: MakeupCredit | None = None


class RotationMixin(OfficeState):
    # ------------------------------------------------------------ proposing
    def propose(self, exclude: frozenset[str] | set[str] = frozenset(), use_duty: bool = True) -> Proposal | None:
        """Who the rotation proposes for a new customer now (mechanics 2, 12, 20)."""
        day = self.day
        if day is None:
            return None
        t = self.now.time()
        if use_duty:
            for w in day.duty:
                if w.contains(t) and w.who not in exclude and self.present(w.who) and self.can_take_new(w.who):
                    return Proposal(w.who, "duty")
        for credit in sorted(self.credits, key=lambda cr: cr.id):
            if credit.holder not in exclude and self.can_take_new(credit.holder):
                return Proposal(credit.holder, "credit", credit=credit)
        pos = self._scan(exclude)
        if pos is None:
            return None
        return Proposal(day.rotation[pos % len(day.rotation)], "rotation", pos=pos)

    def _scan(self, exclude) -> int | None:
        """First eligible position from the pointer; owed turns are passed over once (R25, mechanics 12)."""
        day = self.day
        n = len(day.rotation)
        if n == 0:
            return None
        owed = {k: self.staff[k].owes_turn for k in day.rotation if self.staff[k].owes_turn}
        for i in range(day.pointer, day.pointer + 2 * n):
            k = day.rotation[i % n]
            if k in exclude:
                continue
            if owed.get(k, 0) > 0:
                owed[k] -= 1
                continue
            if self.can_take_new(k):
                return i
        return None

    def consume_turn(self, proposal: Proposal, decision: Decision) -> None:
        """Move the pointer just past the receiver; settle everyone passed over (mechanics 3)."""
        day = self.day
        n = len(day.rotation)
        credited: set[str] = set()
        passed: list[str] = []
        for i in range(day.pointer, proposal.pos):
            k = day.rotation[i % n]
            if k == proposal.who:
                continue
            if k not in passed:
                passed.append(k)
            st = self.staff[k]
            if st.owes_turn > 0:
                st.owes_turn -= 1
                decision.cite("R25")
                continue
            if k in credited:
                continue
            if day.stepped_out.get(k) == "official":
                credited.add(k)
                self.earn_credit(k, "R4", "案场公事跳过 / skipped on official business", decision)
            elif self.present(k) and not self.free(k) and self.policy["busy_skip_earns_makeup"]:
                credited.add(k)
                self.earn_credit(k, "R11", "接待中跳过 / skipped while receiving", decision)
            elif self.present(k) and not self.free(k):
                decision.cite("R11")
            elif k in day.stepped_out:
                decision.cite("R4")
        decision.passed.extend({"who": k, "credit": k in credited} for k in passed)
        day.pointer = (proposal.pos + 1) % n

    def use_credit(self, credit: MakeupCredit) -> None:
        self.credits = [cr for cr in self.credits if cr.id != credit.id]
        self.dirty_credits_removed.add(credit.id)
        self.dirty_x.discard(("credits", credit.id))

    def assistant(self, exclude: set[str]) -> str | None:
        """The free consultant who comes last in the upcoming rotation order (R11, mechanics 6)."""
        for k in reversed(self.day.upcoming()):
            if k not in exclude and self.can_take_new(k):
                return k
        return None

    def next_up(self, at=None) -> str | None:
        """Who would be proposed now (or at `at`, a datetime later today: duty windows depend on it)."""
        saved = self.now
        if at is not None and at > self.now:
            self.now = at
        try:
            p = self.propose()
        finally:
            self.now = saved
        return p.who if p else None

    # ------------------------------------------------------------ membership
    def _join(self, key: str) -> None:
        day = self.day
        day.present.add(key)
        st = self.staff[key]
        if st.role.in_rotation and not self.suspended(key) and key not in day.rotation:
            day.rotation.append(key)

    def _leave_rotation(self, key: str) -> None:
        day = self.day
        if key in day.rotation:
            idx = day.rotation.index(key)
            day.rotation.pop(idx)
            if idx < day.pointer:
                day.pointer -= 1
            if day.pointer >= len(day.rotation):
                day.pointer = 0
        day.present.discard(key)
        day.explicit.discard(key)
        day.stepped_out.pop(key, None)

    # ------------------------------------------------------------ handlers
    def _h_day(self, cmd: c.OpenDay, d: Decision) -> None:
        if self.day is not None:
            if cmd.date < self.day.date:
                raise RuleError("day_backwards", f"营业日不能倒退（当前{self.day.date}）。",
                                f"Working days cannot go backwards (current {self.day.date}).")
            # Of the notice, only open/claimed entries and the closing day's are ever looked up again;
            # the store keeps every record, memory keeps what the rules can still need.
            self.notice = [e for e in self.notice if e.status in ("open", "claimed") or e.date >= self.day.date]
            self._end_day(d)
        self.day = DayState(cmd.date)
        d.explanation_zh = f"开始营业日 {cmd.date}。"
        d.explanation_en = f"Working day {cmd.date} opened."
        if "R20" in d.rules:
            d.explanation_zh += "R20：前一日公示中无人认领的客户归轮接人员所有。"
            d.explanation_en += " R20: yesterday's unclaimed notice entries stay with their receivers."

    def _h_sign_in(self, cmd: c.SignIn, d: Decision) -> None:
        day = self.require_day()
        seen = set()
        for key in cmd.who:
            st = self.active_staff(key)
            if key in seen or (key in day.explicit):
                raise RuleError("signed_in_twice", f"{st.name}今天已签到。", f"{st.name} has already signed in today.")
            seen.add(key)
            if key in day.resting and key not in day.overtime:
                raise RuleError("resting", f"{st.name}今天轮休，需先登记加班才能签到（第10条）。",
                                f"{st.name} is on a rest day; record overtime first (R10).")
            leave = self.on_leave(key)
            if leave:
                raise RuleError("on_leave", f"{st.name}休假中（{leave.start}至{leave.end}），不能签到（第10条）。",
                                f"{st.name} is on leave ({leave.start} to {leave.end}) (R10).")
        for key in cmd.who:
            day.explicit.add(key)
            if key not in day.present:
                self._join(key)
        d.cite("R1")
        names = "、".join(self.name(k) for k in cmd.who)
        d.explanation_zh = f"R1：{names}签到，按签到顺序加入今日轮次。"
        d.explanation_en = f"R1: {', '.join(self.name(k) for k in cmd.who)} signed in and joined today's rotation in that order."

    def _h_sign_out(self, cmd: c.SignOut, d: Decision) -> None:
        day = self.require_day()
        st = self.staff_of(cmd.who)
        if cmd.who not in day.present:
            raise RuleError("not_signed_in", f"{st.name}今天未签到。", f"{st.name} is not signed in.")
        self._leave_rotation(cmd.who)
        d.explanation_zh = f"{st.name}签退，离开今日轮次。"
        d.explanation_en = f"{st.name} signed out and left today's rotation."

    def _h_rest(self, cmd: c.Rest, d: Decision) -> None:
        day = self.require_day()
        self.require_role(cmd.actor, "rest")
        st = self.active_staff(cmd.who)
        if cmd.who in day.present:
            self._leave_rotation(cmd.who)
        day.resting.add(cmd.who)
        day.overtime.discard(cmd.who)
        d.cite("R10")
        d.explanation_zh = f"R10：{st.name}今日轮休，不参与轮接。"
        d.explanation_en = f"R10: {st.name} is on a rest day and out of the rotation."

    def _h_overtime(self, cmd: c.Overtime, d: Decision) -> None:
        day = self.require_day()
        self.require_role(cmd.actor, "rest")
        st = self.active_staff(cmd.who)
        leave = self.on_leave(cmd.who)
        if leave:
            raise RuleError("on_leave", f"{st.name}休假中，不能加班（第10条）。", f"{st.name} is on leave (R10).")
        day.resting.discard(cmd.who)
        day.overtime.add(cmd.who)
        if cmd.who not in day.present:
            self._join(cmd.who)
        d.cite("R10")
        d.explanation_zh = f"R10：{st.name}自愿放弃休息加班，排在今日轮次末尾。"
        d.explanation_en = f"R10: {st.name} volunteers on a rest day and joins the end of today's rotation."

    def _h_leave(self, cmd: c.Leave, d: Decision) -> None:
        self.require_role(cmd.actor, "leave")
        st = self.active_staff(cmd.who)
        if cmd.end < cmd.start:
            raise RuleError("bad_dates", "休假结束日期早于开始日期。", "Leave ends before it starts.")
        if cmd.cover is not None:
            cover = self.active_staff(cmd.cover)
            if cover.key == cmd.who:
                raise RuleError("bad_cover", "不能由本人代管自己的客户。", "A consultant cannot cover for themselves.")
        rec = LeaveRecord(cmd.who, cmd.start, cmd.end, cmd.cover)
        self.leaves.append(rec)
        if self.day is not None and rec.covers(self.day.date) and cmd.who in self.day.present:
            self._leave_rotation(cmd.who)
        long = rec.days > self.policy["long_leave_days"]
        d.cite("R10")
        cover_zh = f"，客户交由{self.name(cmd.cover)}代管" if cmd.cover else ("，未安排客户" if long else "")
        d.explanation_zh = f"R10：{st.name}休假{cmd.start}至{cmd.end}（共{rec.days}天）{cover_zh}。"
        d.explanation_en = (f"R10: {st.name} on leave {cmd.start} to {cmd.end} ({rec.days} days)"
                            + (f", customers handed to {self.name(cmd.cover)}" if cmd.cover else "") + ".")

    def _h_step_out(self, cmd: c.StepOut, d: Decision) -> None:
        day = self.require_day()
        st = self.staff_of(cmd.who)
        if cmd.actor != cmd.who:
            self.require_role(cmd.actor, "step_others")
        if cmd.reason not in ("personal", "official"):
            raise RuleError("bad_reason", "外出原因须为私事或案场公事。", "Reason must be personal or official.")
        if cmd.who not in day.present:
            raise RuleError("not_signed_in", f"{st.name}今天未签到。", f"{st.name} is not signed in.")
        if cmd.who in day.stepped_out:
            raise RuleError("already_out", f"{st.name}已登记外出。", f"{st.name} has already stepped out.")
        day.stepped_out[cmd.who] = cmd.reason
        d.cite("R4")
        why = "案场公事（跳过时可补接）" if cmd.reason == "official" else "私事（跳过不补）"
        d.explanation_zh = f"R4：{st.name}离开现场，原因：{why}。"
        d.explanation_en = f"R4: {st.name} stepped out ({cmd.reason})."

    def _h_back(self, cmd: c.Back, d: Decision) -> None:
        day = self.require_day()
        st = self.staff_of(cmd.who)
        if cmd.actor != cmd.who:
            self.require_role(cmd.actor, "step_others")
        if cmd.who not in day.stepped_out:
            raise RuleError("not_out", f"{st.name}并未外出。", f"{st.name} has not stepped out.")
        day.stepped_out.pop(cmd.who)
        d.explanation_zh = f"{st.name}回到现场。"
        d.explanation_en = f"{st.name} is back on the floor."

    def _h_reorder(self, cmd: c.Reorder, d: Decision) -> None:
        day = self.require_day()
        self.require_role(cmd.actor, "reorder")
        if len(set(cmd.order)) != len(cmd.order):
            raise RuleError("bad_order", "轮次中有重复人员。", "The order names someone twice.")
        for k in cmd.order:
            st = self.staff_of(k)
            if k not in day.rotation:
                raise RuleError("not_in_rotation", f"{st.name}不在今日轮次中。", f"{st.name} is not in today's rotation.")
        rest = [k for k in day.upcoming() if k not in cmd.order]
        day.rotation = list(cmd.order) + rest
        day.pointer = 0
        d.cite("R6")
        d.explanation_zh = "R6：销售主管调整轮次为：" + "、".join(self.name(k) for k in day.rotation) + "。"
        d.explanation_en = "R6: the supervisor set the order: " + ", ".join(self.name(k) for k in day.rotation) + "."

    def _h_duty(self, cmd: c.Duty, d: Decision) -> None:
        day = self.require_day()
        self.require_role(cmd.actor, "duty")
        st = self.active_staff(cmd.who)
        if cmd.end <= cmd.start:
            raise RuleError("bad_window", "值班结束时间须晚于开始时间。", "Duty must end after it starts.")
        day.duty.append(DutyWindow(cmd.who, cmd.start, cmd.end))
        d.cite("R38")
        d.explanation_zh = f"R38：{st.name}值班 {hm(cmd.start)}–{hm(cmd.end)}，期间新客户归值班人员，不影响轮次。"
        d.explanation_en = f"R38: {st.name} on duty {hm(cmd.start)}-{hm(cmd.end)}; new customers then are theirs."

    def _end_day(self, d: Decision) -> None:
        """Close the previous day: settle the notice, lapse incomplete registrations (R9, R20)."""
        day = self.day
        self._settle_notice(day.date, d)
        for v in list(self._active.values()):
            v.active = False
            v.ended = v.ended or self.now
            self.dirty_v.add(v.id)
        self._active.clear()
        for vid in list(self.pending_visits):
            v = self.visits[vid]
            if v.pending_owner is not None and not v.registered:
                self.dirty_v.add(v.id)
                v.pending_owner = None  # mechanics 8: incomplete at day end gives no ownership
        self.pending_visits.clear()
        # A past day's routes are never looked up again (its receptions ended above).
        self.routes.clear()

    def _settle_notice(self, date: dt.date, d: Decision) -> None:
        raise NotImplementedError
