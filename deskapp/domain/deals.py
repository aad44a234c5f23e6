"""Deals and commission (R16, R22), sanctions (R18, R28, R33), staff changes (R8, R19, R30, R31, R35), hand acts (R6, R7)."""

from __future__ import annotations

import datetime as dt

from . import commands as c
from .claims import ClaimsMixin
from .decision import Decision
from .errors import RuleError
from .model import POOL, DealRecord, PreReportRecord, SanctionRecord, Staff, Visit
from .phone import normalize_phone
from .roles import Role
from .text import md_hm, ymd, ymd_hm

FAMILY = ("spouse", "parent", "child")


class DealsMixin(ClaimsMixin):
    def _h_deal(self, cmd: c.Deal, d: Decision) -> None:
        cust = self.customer_of(cmd.customer)
        closer = self.active_staff(cmd.closer).key if cmd.closer else (cust.owner if cust.owner != POOL else None)
        if cmd.actor is not None:
            self.staff_of(cmd.actor)
        contract_name = cmd.contract_name or cust.name or cust.label
        contract = self._contract_customer(cust, contract_name)
        owner = contract.owner if contract.owner not in (None, POOL) else closer
        rules = ["R16"]
        split = {owner: 1.0} if owner else {}
        partner = self._family_partner(cust)
        if partner is not None:
            a, b = cust.owner, partner.owner
            if a not in (None, POOL) and b not in (None, POOL) and a != b:
                split = {a: 0.5, b: 0.5}
                if owner not in split:
                    owner = contract.owner
        deal = DealRecord(self.next_id(), cust.id, closer, contract_name, self.now, owner, split, tuple(rules))
        self.deals.append(deal)
        self.touch("deals", deal.id)
        cust.has_deal = True
        contract.has_deal = True
        self.dirty_c.add(contract.id)
        d.customer = cust.label
        d.owner = cust.owner or "none"
        d.credit, d.split = owner, dict(split)
        d.cite("R16")
        if len(split) == 2:
            d.explanation_zh = (f"R16：合同签署人为{contract_name}，业绩归{self.name(owner)}；其家人由另一位销售人员接待，"
                                f"佣金由{'、'.join(self.name(k) for k in split)}平分。")
            d.explanation_en = f"R16: the contract is in {contract_name}'s name, so the deal counts for {self.name(owner)}; family received by another consultant, commission split evenly."
        else:
            d.explanation_zh = f"R16：{cust.label}成交，合同签署人{contract_name}，业绩归{self.name(owner)}。"
            d.explanation_en = f"R16: {cust.label} closed; contract in {contract_name}'s name; the deal counts for {self.name(owner)}."

    def _contract_customer(self, cust, contract_name: str):
        if contract_name in (cust.name, cust.alias):
            return cust
        partner = self._family_partner(cust, any_relation=True)
        if partner is not None and contract_name in (partner.name, partner.alias):
            return partner
        if contract_name in self.by_ref:
            return self.customers[self.by_ref[contract_name]]
        return cust

    def _family_partner(self, cust, any_relation: bool = False):
        if cust.family_of is not None and (any_relation or cust.relation in FAMILY):
            return self.customers[cust.family_of]
        for oid in self.family_of_rev.get(cust.id, []):
            other = self.customers[oid]
            if any_relation or other.relation in FAMILY:
                return other
        return None

    # ------------------------------------------------------------ sanctions
    def _add_sanction(self, who: str, rule: str, kind: str, days, yuan, d: Decision) -> None:
        start = end = None
        if kind == "suspension":
            start = self.today() + dt.timedelta(days=1)
            end = start + dt.timedelta(days=days - 1)
        rec = SanctionRecord(self.next_id(), who, rule, kind, days, yuan, self.now, start, end)
        self.sanctions.append(rec)
        self.touch("sanctions", rec.id)
        d.sanctions.append(rec.as_dict())
        d.cite(rule)

    def _h_sanction(self, cmd: c.Sanction, d: Decision) -> None:
        self.require_role(cmd.actor, "sanction")
        st = self.staff_of(cmd.who)
        if cmd.rule == "R18":
            days = self.policy["suspension_days"]
            self._add_sanction(cmd.who, "R18", "suspension", days, None, d)
            start = self.today() + dt.timedelta(days=1)
            d.explanation_zh = f"R18：{st.name}私留客户经查实，自{start}起停接客户{days}天。"
            d.explanation_en = f"R18: {self.name(cmd.who)} kept a named customer; suspended from receiving for {days} days from {start}."
        elif cmd.rule == "R28":
            days = self.policy["refusal_absence_days"]
            self._add_sanction(cmd.who, "R28", "absence", days, None, d)
            d.explanation_zh = f"R28：{st.name}拒接客户，算旷工{days}天。"
            d.explanation_en = f"R28: {self.name(cmd.who)} refused a customer: {days} day(s) of absence."
        elif cmd.rule == "R33":
            yuan = self.policy["fight_fine_yuan"]
            self._add_sanction(cmd.who, "R33", "fine", None, yuan, d)
            d.explanation_zh = f"R33：{st.name}当客户面争抢客户，罚款{yuan}元。"
            d.explanation_en = f"R33: {self.name(cmd.who)} fought over a customer in front of them: fined {yuan} yuan."
        else:
            raise RuleError("bad_rule", "处罚只能依据第18、28、33条。", "Sanctions cite R18, R28 or R33 only.")

    # ------------------------------------------------------------ staff changes
    def _h_depart(self, cmd: c.Depart, d: Decision) -> None:
        st = self.active_staff(cmd.who)
        if cmd.kind == "transferred":
            self.require_role(cmd.actor, "handover")
            if not cmd.handover:
                raise RuleError("handover_required", "调离案场须由专案经理指定交接人（第19条）。",
                                "A transfer needs the project manager's designated successor (R19).")
            succ = self.active_staff(cmd.handover)
            if succ.key == st.key:
                raise RuleError("bad_handover", "交接人不能是本人。", "The successor must be someone else.")
        elif cmd.kind in ("laid_off", "resigned"):
            self.require_role(cmd.actor, "depart")
            succ = None
        else:
            raise RuleError("bad_kind", "离职类型须为裁员、辞职或调离。", "Departure kind must be laid_off, resigned or transferred.")
        target = succ.key if succ else POOL
        rule = {"laid_off": "R30", "resigned": "R31", "transferred": "R19"}[cmd.kind]
        moved = 0
        for cust in self.owned_by(st.key):
            self._set_owner(cust, target, rule)
            moved += 1
        for v in (self.visits[i] for i in list(self.pending_visits)):
            if v.pending_owner == st.key:
                self.dirty_v.add(v.id)
                v.pending_owner = target if succ else None
        st.active, st.departed, st.successor = False, cmd.kind, target if succ else None
        if self.day is not None and st.key in self.day.present:
            self._leave_rotation(st.key)
        d.cite(rule)
        if not succ:
            d.cite("R8")
        if succ:
            d.explanation_zh = f"R19：{st.name}调离案场，{moved}位客户由{succ.name}交接，其老客户介绍的新客户亦归{succ.name}。"
            d.explanation_en = f"R19: {self.name(st.key)} transferred; {moved} customers handed to {self.name(succ.key)}."
        else:
            d.explanation_zh = f"{rule}：{st.name}离职，{moved}位客户归销售部统一追踪（R8）。"
            d.explanation_en = f"{rule}: {self.name(st.key)} left; {moved} customers go to the department pool (R8)."

    def _h_change_consultant(self, cmd: c.ChangeConsultant, d: Decision) -> None:
        self.require_role(cmd.actor, "change_consultant")
        cust = self.customer_of(cmd.customer)
        to = self.active_staff(cmd.to)
        if not to.role.in_rotation:
            raise RuleError("not_consultant", f"{to.name}不是置业顾问。", f"{to.key} is not a consultant.")
        if cust.owner == to.key:
            raise RuleError("same_owner", f"{cust.label}已归{to.name}。", f"{cust.label} is already {to.key}'s.")
        self._set_owner(cust, to.key, "R35")
        v = self._current_visit(cust)
        if v is not None and v.receiver is not None:
            v.active, v.ended = False, self.now
            self._active.pop(v.id, None)
            self.dirty_v.add(v.id)
            nv = Visit(self.next_id(), cust.id, self.now, to.key, "owner", "none", v.registered, v.first_visit,
                       v.contacted_by, v.names, v.source, rules=("R35",))
            self._add_visit(nv)
            d.receiver = to.key
        d.customer = cust.label
        d.owner = to.key
        d.turn = "none"
        d.cite("R35")
        d.explanation_zh = f"R35：因服务质量问题，销售经理确认将{cust.label}改由{to.name}负责。"
        d.explanation_en = f"R35: on a service complaint the sales manager designates {self.name(to.key)} for {cust.label}."

    def _h_assign(self, cmd: c.Assign, d: Decision) -> None:
        self.require_role(cmd.actor, "assign")
        cust = self.customer_of(cmd.customer)
        to = self.active_staff(cmd.to)
        if not to.role.in_rotation:
            raise RuleError("not_consultant", f"{to.name}不是置业顾问。", f"{to.key} is not a consultant.")
        referral = cust.source in ("staff_referral", "company_relation")
        if cust.owner not in (None, POOL) and not referral:
            raise RuleError("not_assignable", f"{cust.label}已归{self.name(cust.owner)}，只能分配销售部客户或公司介绍客户（第6、7、8条）。",
                            f"{cust.label} belongs to {cust.owner}; only pool or referred customers can be assigned (R6-R8).")
        rule = "R7" if referral else "R8"
        self._set_owner(cust, to.key, rule)
        d.customer, d.owner, d.turn = cust.label, to.key, "none"
        d.cite("R6")
        d.cite(rule)
        d.explanation_zh = f"R6：销售主管将{cust.label}分配给{to.name}（{rule}），不占轮次。"
        d.explanation_en = f"R6: the supervisor assigns {cust.label} to {self.name(to.key)} ({rule}); no turn used."

    def _h_grant(self, cmd: c.Grant, d: Decision) -> None:
        self.require_role(cmd.actor, "credits")
        st = self.active_staff(cmd.who)
        self.earn_credit(st.key, "R6", cmd.reason or "主管补发 / granted by hand", d)
        d.explanation_zh = f"R6：主管给予{st.name}一个补接名额（{cmd.reason or '未写原因'}）。"
        d.explanation_en = f"R6: the supervisor grants {self.name(st.key)} a make-up credit ({cmd.reason or 'no reason given'})."

    def _h_revoke(self, cmd: c.Revoke, d: Decision) -> None:
        self.require_role(cmd.actor, "credits")
        st = self.staff_of(cmd.who)
        mine = [cr for cr in self.credits if cr.holder == st.key]
        if not mine:
            raise RuleError("no_credit", f"{st.name}没有补接名额可撤销。", f"{st.key} holds no make-up credit.")
        self.use_credit(mine[-1])
        d.cite("R6")
        d.explanation_zh = f"R6：主管撤销{st.name}一个补接名额（{cmd.reason or '未写原因'}）。"
        d.explanation_en = f"R6: the supervisor revokes one of {self.name(st.key)}'s make-up credits ({cmd.reason or 'no reason given'})."

    def _h_pre_report(self, cmd: c.PreReport, d: Decision) -> None:
        st = self.active_staff(cmd.consultant)
        actor = cmd.actor if cmd.actor is not None else cmd.consultant
        if actor != cmd.consultant:
            self.require_role(actor, "pre_report")
        if not st.role.in_rotation:
            raise RuleError("not_consultant", f"{st.name}不是置业顾问。", f"{st.key} is not a consultant.")
        if cmd.kind not in ("relative", "offsite"):
            raise RuleError("bad_kind", "报备类型须为亲友或外场客户。", "Pre-report kind must be relative or offsite.")
        phone = normalize_phone(cmd.phone) if cmd.phone not in (None, "") else None
        if not cmd.name and not phone:
            raise RuleError("incomplete", "报备须有客户姓名或电话。", "A pre-report needs the customer's name or phone.")
        self.prereports.append(PreReportRecord(self.next_id(), st.key, cmd.name, phone, cmd.kind, self.now))
        rule = "R37" if cmd.kind == "relative" else "R26"
        d.cite(rule)
        what = "亲友" if cmd.kind == "relative" else "外场客户"
        d.explanation_zh = f"{rule}：{st.name}于{md_hm(self.now)}报备{what}{cmd.name or ''}。"
        d.explanation_en = f"{rule}: {self.name(st.key)} pre-reported {cmd.name or phone} ({cmd.kind}) at {md_hm(self.now)}."

    def _h_set_policy(self, cmd: c.SetPolicy, d: Decision) -> None:
        if cmd.actor != "__system__":
            self.require_role(cmd.actor, "policy")
        self.policy.with_changes(cmd.changes)  # validates now; a bad value is refused at once
        if cmd.effective is not None and cmd.effective > self.now:
            self.pending_policies.append((cmd.effective, dict(cmd.changes), cmd.actor))
            self.pending_policies.sort(key=lambda p: p[0])
            d.explanation_zh = f"制度参数变更已登记，自{ymd_hm(cmd.effective)}起生效：{cmd.changes}。"
            d.explanation_en = f"Policy change recorded, effective from {ymd_hm(cmd.effective)}: {cmd.changes}."
            return
        self.policy = self.policy.with_changes(cmd.changes)
        d.explanation_zh = f"制度参数更新为第{self.policy.version}版：{cmd.changes}。"
        d.explanation_en = f"Policies updated to version {self.policy.version}: {cmd.changes}."

    def apply_due_policies(self) -> None:
        """Switch on policy changes whose effective time has come (each is a new version)."""
        while self.pending_policies and self.pending_policies[0][0] <= self.now:
            _, changes, _ = self.pending_policies.pop(0)
            self.policy = self.policy.with_changes(changes)

    def _h_set_office_info(self, cmd: c.SetOfficeInfo, d: Decision) -> None:
        if cmd.actor != "__system__":
            self.require_role(cmd.actor, "policy")
        import re

        for t in (cmd.open, cmd.close):
            if not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", t):
                raise RuleError("bad_time", f"时间“{t}”格式应为HH:MM。", f"Time '{t}' must be HH:MM.")
        if cmd.close <= cmd.open:
            raise RuleError("bad_hours", "下班时间须晚于上班时间。", "Closing time must be after opening time.")
        if not cmd.name.strip():
            raise RuleError("bad_name", "请填写售楼处名称。", "Enter the office's name.")
        self.office_info = {"name": cmd.name.strip(), "open": cmd.open, "close": cmd.close}
        d.explanation_zh = f"售楼处信息：{cmd.name}，上班时间{cmd.open}–{cmd.close}。"
        d.explanation_en = f"Office: {cmd.name}, working hours {cmd.open}-{cmd.close}."

    def _h_historical_visit(self, cmd: c.HistoricalVisit, d: Decision) -> None:
        """R14/R16 from the paper visit book: the first registration of a new customer fixes the owner."""
        if cmd.actor != "__system__":
            self.require_role(cmd.actor, "policy")
        st = self.staff_of(cmd.receiver)
        phone = normalize_phone(cmd.phone)
        if not cmd.name or not cmd.name.strip():
            raise RuleError("incomplete", "第9条：登记须有客户姓名。", "R9: a registration needs the customer's name.")
        if self.day is not None and cmd.at.date() >= self.day.date:
            raise RuleError("not_history", "历史来访须早于当前营业日。", "A historical visit must be before the current working day.")
        cid = self.by_phone.get(phone)
        if cid is None:
            cust = self._new_customer(cmd.name.strip(), phone, None, cmd.source)
            cust.created = cmd.at
        else:
            cust = self.customers[cid]
            self.dirty_c.add(cid)
        v = Visit(self.next_id(), cust.id, cmd.at, st.key, "history", "none", True, None, None, None, cmd.source,
                  active=False, ended=cmd.at, rules=("R14",))
        self.visits[v.id] = v
        self.customer_visits.setdefault(cust.id, []).append(v.id)
        self.dirty_v.add(v.id)
        if cust.owner is None:
            self._set_owner(cust, st.key, "R14")
            cust.owner_since = cmd.at
        d.customer, d.receiver, d.owner, d.turn = cust.label, st.key, cust.owner, "none"
        d.cite("R14")
        d.explanation_zh = f"R14：导入历史来访，{ymd(cmd.at)}由{st.name}接待{cust.label}，归{self.name(cust.owner)}。"
        d.explanation_en = f"R14: imported visit of {cust.label} on {ymd(cmd.at)} by {st.name}; owner {self.name(cust.owner)}."


    def _h_set_pin(self, cmd: c.SetPin, d: Decision) -> None:
        st = self.staff_of(cmd.who)
        if cmd.actor not in ("__system__", cmd.who):
            self.require_role(cmd.actor, "depart")
        st.pin_hash = cmd.pin_hash
        d.explanation_zh = f"{st.name}的登录密码已设置。"
        d.explanation_en = f"{self.name(cmd.who)}'s PIN was set."

    def _h_add_staff(self, cmd: c.AddStaff, d: Decision) -> None:
        if cmd.actor not in ("__system__",):
            self.require_role(cmd.actor, "depart")
        if cmd.key in self.staff:
            raise RuleError("staff_exists", f"员工代号{cmd.key}已存在。", f"Staff key {cmd.key} already exists.")
        try:
            role = Role.parse(cmd.role)
        except KeyError:
            raise RuleError("bad_role", f"未知的角色：{cmd.role}。", f"Unknown role: {cmd.role}.") from None
        self.staff[cmd.key] = Staff(cmd.key, cmd.name, role, cmd.team)
        d.explanation_zh = f"新增员工{cmd.name}（{role.label_zh}）。"
        d.explanation_en = f"Added staff {cmd.key} ({role.name.lower()})."
