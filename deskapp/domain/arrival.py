"""Check-in: recognising the party, routing it by the rules, placing it with a consultant (R1-R2, R4-R29, R34-R38)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import commands as c
from .decision import Decision
from .errors import RuleError
from .model import POOL, Customer, NoticeEntry, Visit
from .phone import normalize_phone
from .rotation import RotationMixin
from .text import md_hm

SOURCES = {
    "walk_in", "staff_referral", "company_relation", "colleague_self", "colleague_referral",
    "consultant_referral", "business_contact", "leader_guest", "partner_guest", "offsite", "show_flat",
}
RELATIONS = {"spouse", "parent", "child", "other"}
SOURCE_RULE = {
    "staff_referral": "R7", "company_relation": "R7", "colleague_self": "R25", "colleague_referral": "R25",
    "consultant_referral": "R24", "business_contact": "R36", "leader_guest": "R36", "partner_guest": "R36",
    "offsite": "R26", "show_flat": "R27",
}
SOURCE_ZH = {
    "walk_in": "自然来访", "staff_referral": "公司职员介绍", "company_relation": "公司关系户",
    "colleague_self": "同事自购", "colleague_referral": "同事介绍", "consultant_referral": "销售人员亲友介绍",
    "business_contact": "业务往来客户", "leader_guest": "领导带访", "partner_guest": "合作伙伴带访",
    "offsite": "外场客户", "show_flat": "样板间客户",
}


@dataclass
class Route:
    """How a party is to be received, decided once at check-in."""

    kind: str  # rotation | owner
    rules: list[str]
    owner: str | None = None  # owner route: whose customer
    sets_owner: bool = True  # rotation: the receiver becomes the owner
    new_customer: bool = True
    notify: list[str] = field(default_factory=list)
    notice: bool = False
    owes_turn: bool = False
    cover: str | None = None
    standin_rule: str = "R2"
    members: list = field(default_factory=list)  # R34: the other buyers of a group, created when received
    why_zh: str = ""
    why_en: str = ""


class ArrivalMixin(RotationMixin):
    # ------------------------------------------------------------ check-in
    def _h_arrive(self, cmd: c.Arrive, d: Decision) -> None:
        day = self.require_day()
        self.require_role(cmd.actor, "desk")
        a = cmd.answers
        if a is None or a.first_visit is None:
            raise RuleError("r2_unanswered",
                            "第2条：必须先问“您好！您是第一次来吗？之前我们这边有人与您联系过吗？”并记录两个回答。",
                            "R2: ask 'Is this your first visit? Has anyone here contacted you before?' and record both answers.")
        if cmd.source not in SOURCES:
            raise RuleError("bad_source", f"未知的客户来源：{cmd.source}。", f"Unknown source: {cmd.source}.")
        phone = normalize_phone(cmd.phone) if cmd.phone not in (None, "") else None
        members = [(p.name, normalize_phone(p.phone) if p.phone not in (None, "") else None) for p in cmd.group]
        named = a.names or (a.contacted_by if a.contacted_by not in (None, "unknown") else None)
        for k in (a.names, a.contacted_by):
            if k not in (None, "unknown"):
                self.staff_of(k)
        known = None
        if cmd.is_customer is not None:
            known = self.customer_of(cmd.is_customer)
            if phone and phone in self.by_phone and self.by_phone[phone] != known.id:
                raise RuleError("phone_taken", "该电话属于另一位客户。", "That phone belongs to another customer.")
        elif phone is not None and phone in self.by_phone:
            known = self.customers[self.by_phone[phone]]
            self.dirty_c.add(known.id)
        family = self.customer_of(cmd.family_of) if cmd.family_of else None
        if cmd.relation is not None and cmd.relation not in RELATIONS:
            raise RuleError("bad_relation", f"未知的亲属关系：{cmd.relation}。", f"Unknown relation: {cmd.relation}.")
        referrer = self.customer_of(cmd.referred_by) if cmd.referred_by else None
        if cmd.alias and cmd.alias in self.by_ref and (known is None or self.by_ref[cmd.alias] != known.id):
            raise RuleError("alias_taken", f"代号“{cmd.alias}”已被使用。", f"Alias '{cmd.alias}' is already used.")
        # ---- everything validated: from here on we record
        if known is None:
            cust = self._new_customer(cmd.name, phone, cmd.alias, cmd.source)
            if family:
                cust.family_of, cust.relation = family.id, cmd.relation or "other"
                self.family_of_rev.setdefault(family.id, []).append(cust.id)
            if referrer:
                cust.referred_by = referrer.id
        else:
            cust = known
            if phone and phone not in cust.phones:
                cust.phones.append(phone)
                self.by_phone[phone] = cust.id
            if cmd.name and not cust.name:
                cust.name = cmd.name
            if cmd.alias:
                self._set_ref(cmd.alias, cust.id)
                cust.alias = cust.alias or cmd.alias
            if cmd.name:
                self._set_ref(cmd.name, cust.id)
        route = self._route(cust, known is not None, cmd, named, referrer, d)
        route.members = members
        visit = Visit(
            id=self.next_id(), customer_id=cust.id, at=self.now, receiver=None, kind="waiting", turn="none",
            registered=cust.registered, first_visit=a.first_visit, contacted_by=a.contacted_by, names=a.names,
            source=cmd.source,
        )
        self._add_visit(visit)
        self.routes[visit.id] = route
        d.customer = cust.label
        d.notify = list(route.notify)
        for r in route.rules:
            d.cite(r)
        if route.notice:
            self.notice.append(NoticeEntry(self.next_id(), day.date, cust.id, visit.id, None))
            self.touch("notice", self.notice[-1].id)
            d.notice = True
        placed = self._place(visit, route, set(), d)
        if not placed:
            day.waiting.append(visit.id)
            d.waiting = True
            d.receiver = None
            d.turn = "none"
            d.explanation_zh = (route.why_zh + " 目前无人可接待，客户排队等候。").strip()
            d.explanation_en = (route.why_en + " Nobody is free: the party waits.").strip()
        d.owner = cust.owner or "none"
        if visit.assist:
            d.assist = visit.assist

    def _new_customer(self, name, phone, alias, source) -> Customer:
        cust = Customer(self.next_id(), name, [phone] if phone else [], alias=alias, source=source, created=self.now)
        self.customers[cust.id] = cust
        self.dirty_c.add(cust.id)
        if phone:
            self.by_phone[phone] = cust.id
        if name:
            self._set_ref(name, cust.id)
        if alias:
            self._set_ref(alias, cust.id)
        return cust

    def _add_visit(self, v: Visit) -> None:
        self.visits[v.id] = v
        if self.day is not None:
            self.day.visit_ids.append(v.id)
        self.dirty_v.add(v.id)
        self.customer_visits.setdefault(v.customer_id, []).append(v.id)
        self._active[v.id] = v

    def _set_owner(self, cust: Customer, owner: str | None, rule: str) -> None:
        self.dirty_c.add(cust.id)
        cust.owner = owner
        cust.owner_rule = rule
        cust.owner_since = self.now

    # ------------------------------------------------------------ routing
    def _route(self, cust: Customer, known: bool, cmd: c.Arrive, named: str | None, referrer, d) -> Route:
        a = cmd.answers
        owner = cust.owner
        if known and cmd.group:
            return Route("rotation", ["R34", "R1"], sets_owner=not cust.owner,
                         why_zh="R34：团体购房按轮次接待，业绩归轮值人员。",
                         why_en="R34: a group purchase is received in rotation and counts for the consultant on turn.")
        if known and owner == POOL:
            if cust.has_deal:
                return Route("owner", ["R8", "R2"], owner=POOL, new_customer=False, sets_owner=False,
                             why_zh="R8：离职人员已下订客户归销售部，由同事代接待，待主管分配。",
                             why_en="R8: a departed consultant's customer with an order stays in the pool; a colleague stands in.")
            return Route("rotation", ["R8", "R1"],
                         why_zh="R8：离职人员未下订的客户视作新客户，参与正常轮次。",
                         why_en="R8: a departed consultant's customer without an order is a new customer in rotation.")
        if known and owner:
            leave = self.on_leave(owner)
            if leave and leave.days > self.policy["long_leave_days"] and not leave.cover:
                return Route("rotation", ["R10", "R1"],
                             why_zh=f"R10：{self.name(owner)}休假{leave.days}天超过{self.policy['long_leave_days']}天且未提前安排客户，按新客户处理。",
                             why_en=f"R10: {self.name(owner)} is on leave for {leave.days} days without arranging customers: treated as new.")
            since = md_hm(cust.owner_since) if cust.owner_since else ""
            return Route("owner", ["R2", "R14"], owner=owner, new_customer=False, sets_owner=False,
                         notify=[owner], cover=leave.cover if leave else None,
                         standin_rule="R10" if leave and leave.cover else "R2",
                         why_zh=f"R2：{cust.label}是{self.name(owner)}的老客户（{since}起），通知{self.name(owner)}接待，不占轮次。",
                         why_en=f"R2: {cust.label} is {self.name(owner)}'s customer (since {since}); {self.name(owner)} is called, no turn used.")
        # ---- a new customer (or one without ownership: R9)
        extra = ["R9"] if known else []
        if cmd.group:
            return Route("rotation", ["R34", "R1"] + extra,
                         why_zh="R34：团体购房按轮次接待，业绩归轮值人员。",
                         why_en="R34: a group purchase is received in rotation and counts for the consultant on turn.")
        pre = self._prereport_for(cmd)
        if pre is not None:
            rule = "R37" if pre.kind == "relative" else "R26"
            what_zh = "亲友（已提前报备）" if pre.kind == "relative" else "外场客户（已登记报备）"
            return Route("owner", [rule] + extra, owner=pre.consultant, notify=[pre.consultant],
                         why_zh=f"{rule}：{what_zh}，{md_hm(pre.at)}由{self.name(pre.consultant)}报备，归{self.name(pre.consultant)}，不占轮次。",
                         why_en=f"{rule}: pre-reported by {self.name(pre.consultant)} at {md_hm(pre.at)}; theirs, no turn used.")
        if cmd.source in ("staff_referral", "company_relation"):
            return Route("rotation", ["R7", "R1"] + extra,
                         why_zh="R7：公司职员/关系户介绍的客户归销售部，按轮次接待。",
                         why_en="R7: a staff or company-relation referral belongs to the department and goes by rotation.")
        if referrer is not None and cmd.accompanied is not False:
            r_owner = referrer.owner
            if r_owner and r_owner != POOL and self.staff[r_owner].active:
                return Route("owner", ["R15"] + extra, owner=r_owner, notify=[r_owner], standin_rule="R15",
                             why_zh=f"R15：老客户{referrer.label}带来的新客户，归其置业顾问{self.name(r_owner)}，轮接人员继续排轮。",
                             why_en=f"R15: brought by {referrer.label}, an old customer of {self.name(r_owner)}: {self.name(r_owner)}'s; the rotation keeps its turn.")
        named_st = self.staff.get(named) if named else None
        if named_st is not None and named_st.active:
            rule = self._named_rule(cmd, referrer)
            owes = rule == "R25" and self.policy["colleague_named_consumes_turn"]
            if rule == "R18":
                said_zh = f"客户称{named_st.name}曾电话约访，轮接人员须通知{named_st.name}接待、不得私留"
            else:
                said_zh = f"客户指定{named_st.name}接待"
            return Route("owner", [rule] + (["R5"] if rule == "R18" else []) + extra, owner=named, notify=[named],
                         owes_turn=owes,
                         why_zh=f"{rule}：{said_zh}，归{named_st.name}，{'记欠一次轮次（R25）' if owes else '不占轮次'}。",
                         why_en=f"{rule}: the customer names {self.name(named)}; {self.name(named)}'s, " + ("owing a turn." if owes else "no turn used."))
        if cmd.referred_by is not None and cmd.accompanied is False:
            return Route("rotation", ["R21", "R1"] + extra,
                         why_zh="R21：老客户介绍但未陪同，且未指定销售人员，按正常轮次接待。",
                         why_en="R21: referred but unaccompanied and naming no one: normal rotation.")
        if a.contacted_by == "unknown" or (a.first_visit is False and not known):
            return Route("rotation", ["R20", "R1"] + extra, notice=True,
                         why_zh="R20：客户称来过但说不出上次接待人，由轮接人员接待，登记后公示一天。",
                         why_en="R20: says they have been before but cannot name the consultant: received in rotation and posted for one day.")
        rule = SOURCE_RULE.get(cmd.source)
        rules = ([rule] if rule else []) + ["R1", "R14"] + extra
        if known:
            why_zh = "R9：此前来访未登记姓名电话，不产生归属，按新客户轮次接待。"
            why_en = "R9: the earlier visit was never registered, so this is a new customer in rotation."
        elif rule:
            why_zh = f"{rule}：{SOURCE_ZH[cmd.source]}未指定销售人员，按正常轮次接待。"
            why_en = f"{rule}: {cmd.source.replace('_', ' ')} naming no one: normal rotation."
        else:
            why_zh = "R1：新客户按轮次接待，首次接待即确定归属（R14）。"
            why_en = "R1: a new customer is received in turn; the first reception fixes ownership (R14)."
        return Route("rotation", rules, why_zh=why_zh, why_en=why_en)

    def _named_rule(self, cmd: c.Arrive, referrer) -> str:
        if cmd.source in ("colleague_self", "colleague_referral"):
            return "R25"
        if cmd.source == "consultant_referral":
            return "R24"
        if cmd.source in ("business_contact", "leader_guest", "partner_guest"):
            return "R36"
        if referrer is not None:
            return "R21"
        if cmd.answers.names is None:
            return "R18"
        return "R17"

    def _prereport_for(self, cmd: c.Arrive):
        phone = None
        if cmd.phone not in (None, ""):
            phone = normalize_phone(cmd.phone)
        for pre in reversed(self.prereports):
            if pre.at > self.now or not self.staff[pre.consultant].active:
                continue
            if (phone and pre.phone and pre.phone == phone) or (
                not (phone and pre.phone) and pre.name and cmd.name and pre.name == cmd.name
            ):
                return pre
        return None

    def _open_notice_entry(self, cid: int) -> NoticeEntry | None:
        for e in reversed(self.notice):
            if e.customer_id == cid and e.status in ("open", "claimed"):
                return e
        return None

    # ------------------------------------------------------------ placing
    def _place(self, v: Visit, route: Route, exclude: set[str], d: Decision) -> bool:
        if route.kind == "owner":
            return self._place_owner(v, route, exclude, d)
        return self._place_rotation(v, route, exclude, d)

    def _place_rotation(self, v: Visit, route: Route, exclude: set[str], d: Decision) -> bool:
        p = self.propose(exclude)
        if p is None:
            return False
        cust = self.customers[v.customer_id]
        if p.via == "duty":
            v.kind, v.turn = "duty", "none"
            d.cite("R38")
            how_zh, how_en = f"值班人员{self.name(p.who)}接待，不影响轮次（R38）", f"duty consultant {self.name(p.who)} receives (R38), no turn used"
        elif p.via == "credit":
            self.use_credit(p.credit)
            v.kind, v.turn = "makeup", "makeup"
            d.cite(p.credit.rule)
            how_zh = f"{self.name(p.who)}使用补接名额（{p.credit.rule}）接待，轮次不动"
            how_en = f"{self.name(p.who)} uses a make-up credit ({p.credit.rule}); the pointer stays"
        else:
            self.consume_turn(p, d)
            v.kind, v.turn = "rotation", "consumed"
            how_zh, how_en = f"轮到{self.name(p.who)}接待", f"{self.name(p.who)} receives on turn"
        v.receiver = p.who
        if route.sets_owner:
            self._own(v, cust, p.who, route.rules[0])
        for name, mphone in route.members:
            if mphone and mphone in self.by_phone:
                continue  # an old customer among the group keeps their owner
            m = self._new_customer(name, mphone, None, v.source)
            if m.registered:
                self._set_owner(m, p.who, "R34")
        for e in self.notice:
            if e.visit_id == v.id:
                e.receiver = p.who
                self.touch("notice", e.id)
        self._finish_decision(v, cust, route, d, f"{route.why_zh} {how_zh}。", f"{route.why_en} {how_en}.")
        return True

    def _own(self, v: Visit, cust: Customer, owner: str, rule: str) -> None:
        if v.registered or cust.registered:
            v.registered = True
            self._set_owner(cust, owner, rule)
        else:
            v.pending_owner = owner  # R9: no ownership until name and phone are recorded
            self.pending_visits.add(v.id)

    def _place_owner(self, v: Visit, route: Route, exclude: set[str], d: Decision) -> bool:
        cust = self.customers[v.customer_id]
        owner = route.owner
        suspended_new = route.new_customer and owner != POOL and self.suspended(owner)
        if owner != POOL and owner not in exclude and self.on_floor(owner) and not suspended_new:
            busy = bool(self.busy_with(owner))
            v.receiver, v.kind, v.turn = owner, ("owner" if not route.new_customer else "named"), "none"
            if route.new_customer:
                self._own(v, cust, owner, route.rules[0])
            extra_zh = extra_en = ""
            if busy:
                helper = self.assistant({owner} | exclude)
                v.assist = helper
                d.cite("R11")
                extra_zh = f" {self.name(owner)}正在接待，由{self.name(helper)}先行协助（R11）。" if helper else f" {self.name(owner)}正在接待（R11）。"
                extra_en = f" {self.name(owner)} is busy; {self.name(helper)} assists (R11)." if helper else f" {self.name(owner)} is busy (R11)."
            if route.owes_turn:
                self.staff[owner].owes_turn += 1
            self._finish_decision(v, cust, route, d, route.why_zh + extra_zh, route.why_en + extra_en)
            return True
        stand = None
        if route.cover and route.cover not in exclude and self.can_take_new(route.cover):
            stand = route.cover
        if stand is None and owner != POOL:
            team = self.staff[owner].team
            for k, st in self.staff.items():
                if (k != owner and k not in exclude and st.team == team and team is not None
                        and st.role.name == "TEAM_LEADER" and self.on_floor(k) and self.free(k)):
                    stand = k
                    break
        if stand is None:
            p = self.propose(exclude | ({owner} if owner != POOL else set()))
            stand = p.who if p else None
        if stand is None:
            return False
        v.receiver, v.kind, v.turn, v.on_behalf_of = stand, "standin", "none", owner
        if route.new_customer:
            self._own(v, cust, owner, route.rules[0])
        if route.owes_turn:
            self.staff[owner].owes_turn += 1
        d.cite(route.standin_rule)
        earned_zh = earned_en = ""
        if self.day and stand in self.day.rotation:
            self.earn_credit(stand, route.standin_rule, f"代{self.name(owner)}接待 / stood in for {owner}", d)
            earned_zh, earned_en = f"，{self.name(stand)}获补接名额", f"; {self.name(stand)} earns a make-up credit"
        who_zh = "销售部" if owner == POOL else self.name(owner)
        self._finish_decision(
            v, cust, route, d,
            f"{route.why_zh} {who_zh}不在现场，由{self.name(stand)}代接待，客户仍归{who_zh}{earned_zh}。",
            f"{route.why_en} {self.name(owner)} is not on the floor: {self.name(stand)} stands in, the customer stays {self.name(owner)}'s{earned_en}.",
        )
        return True

    def _finish_decision(self, v: Visit, cust: Customer, route: Route, d: Decision, zh: str, en: str) -> None:
        self.dirty_v.add(v.id)
        if not (v.registered or cust.registered):
            d.cite("R9")
            zh += f" R9：尚未登记姓名和电话，登记前不产生归属（{self.name(v.pending_owner)}待确认）。"
            en += " R9: name and phone not yet recorded: no ownership until they are."
        v.rules = tuple(route.rules) + (("R9",) if "R9" in d.rules and "R9" not in route.rules else ())
        v.explanation_zh, v.explanation_en = zh.strip(), en.strip()
        d.receiver, d.turn = v.receiver, v.turn
        if v.assist:
            d.assist = v.assist
        d.owner = cust.owner or "none"
        if not d.explanation_zh:
            d.explanation_zh, d.explanation_en = v.explanation_zh, v.explanation_en
        d.placed.append({"customer": cust.label, "receiver": v.receiver, "turn": v.turn, "owner": d.owner})

    def drain_waiting(self, d: Decision) -> None:
        """Mechanics 15: each time someone is free, the longest-waiting party goes to the proposal."""
        day = self.day
        if day is None or not day.waiting:
            return
        progress = True
        while progress and day.waiting:
            progress = False
            for vid in list(day.waiting):
                v = self.visits[vid]
                sub = Decision("placed")
                if self._place(v, self.routes[vid], set(v.refused_by), sub):
                    day.waiting.remove(vid)
                    progress = True
                    d.placed.extend(sub.placed)
                    d.credits_earned.extend(sub.credits_earned)
                    d.passed.extend(sub.passed)
                    if d.receiver is None:
                        d.customer, d.receiver, d.turn, d.owner = sub.customer or self.customers[v.customer_id].label, sub.receiver, sub.turn, sub.owner
                        d.assist = sub.assist
                        for r in sub.rules:
                            d.cite(r)
                        d.explanation_zh = (d.explanation_zh + " " + sub.explanation_zh).strip()
                        d.explanation_en = (d.explanation_en + " " + sub.explanation_en).strip()
                    break

    # ------------------------------------------------------------ during the reception
    def _current_visit(self, cust: Customer) -> Visit | None:
        for vid in reversed(self.customer_visits.get(cust.id, [])):
            v = self.visits[vid]
            if v.active:
                return v
        return None

    def _h_register(self, cmd: c.Register, d: Decision) -> None:
        self.require_role(cmd.actor, "desk")
        cust = self.customer_of(cmd.customer)
        phone = normalize_phone(cmd.phone) if cmd.phone not in (None, "") else None
        name = cmd.name or cust.name
        if not name or not (phone or cust.phones):
            raise RuleError("incomplete", "第9条：登记须有客户姓名和联系电话。", "R9: a registration needs the name and a phone.")
        if phone and phone in self.by_phone and self.by_phone[phone] != cust.id:
            other = self.customers[self.by_phone[phone]]
            raise RuleError("phone_taken", f"该电话已属于客户{other.label}，请在登记时确认是否同一人。",
                            f"That phone belongs to customer {other.label}; confirm the match at check-in instead.")
        cust.name = name
        self._set_ref(name, cust.id)
        if phone and phone not in cust.phones:
            cust.phones.append(phone)
            self.by_phone[phone] = cust.id
        d.customer = cust.label
        d.cite("R9")
        gave = None
        for vid in self.customer_visits.get(cust.id, []):
            v = self.visits[vid]
            self.dirty_v.add(vid)
            if not v.registered and v.pending_owner is not None:
                v.registered = True
                gave = v.pending_owner
                v.pending_owner = None
                self.pending_visits.discard(vid)
            elif not v.registered and v.receiver is not None and v.active:
                v.registered = True
        if gave is not None and cust.owner is None:
            self._set_owner(cust, gave, "R14")
        d.owner = cust.owner or "none"
        if cust.owner:
            d.explanation_zh = f"R9：{cust.label}登记完成，归{self.name(cust.owner)}。"
            d.explanation_en = f"R9: {cust.label} registered; the customer is {self.name(cust.owner)}'s."
        else:
            d.explanation_zh = f"R9：{cust.label}补登记，但来访当天未完成登记，不产生归属。"
            d.explanation_en = f"R9: {cust.label} registered, but the visit was left incomplete at day end: no ownership."

    def _h_finish(self, cmd: c.Finish, d: Decision) -> None:
        self.require_role(cmd.actor, "desk")
        cust = self.customer_of(cmd.customer)
        v = self._current_visit(cust)
        if v is None:
            raise RuleError("not_receiving", f"{cust.label}当前不在接待中。", f"{cust.label} is not being received.")
        v.active = False
        v.ended = self.now
        self._active.pop(v.id, None)
        self.dirty_v.add(v.id)
        if self.day and v.id in self.day.waiting:
            self.day.waiting.remove(v.id)
            d.explanation_zh = f"{cust.label}未等到接待即离开。"
            d.explanation_en = f"{cust.label} left before being received."
        else:
            d.explanation_zh = f"R11：{cust.label}接待结束，{self.name(v.receiver)}恢复空闲。"
            d.explanation_en = f"R11: {cust.label}'s reception is over; {self.name(v.receiver)} is free."
        d.customer = cust.label

    def _h_competitor(self, cmd: c.Competitor, d: Decision) -> None:
        self.require_role(cmd.actor, "desk")
        cust = self.customer_of(cmd.customer)
        visits = [self.visits[i] for i in self.customer_visits.get(cust.id, []) if self.visits[i].receiver]
        if not visits:
            raise RuleError("not_received", f"{cust.label}尚未被接待。", f"{cust.label} has not been received.")
        v = visits[-1]
        d.customer = cust.label
        d.cite("R12")
        d.receiver = v.receiver
        if cmd.declared:
            cust.competitor = True
            self.earn_credit(v.receiver, "R12", f"接待同行/市调{cust.label} / received a competitor", d)
            d.explanation_zh = f"R12：{cust.label}为同行市调（主动说明或被认出），{self.name(v.receiver)}接待完毕后可补接。"
            d.explanation_en = f"R12: {cust.label} was a declared competitor; {self.name(v.receiver)} earns a make-up credit."
        else:
            d.explanation_zh = f"R12：{cust.label}未说明或不承认是市调，按正常排轮计。"
            d.explanation_en = f"R12: {cust.label} did not declare market research: counts as a normal turn."

    def _h_complaint(self, cmd: c.Complaint, d: Decision) -> None:
        self.require_day()
        self.require_role(cmd.actor, "complaint")
        cust = self.customer_of(cmd.customer)
        v = self._current_visit(cust)
        if v is None or v.receiver is None:
            raise RuleError("not_receiving", f"{cust.label}当前不在接待中。", f"{cust.label} is not being received.")
        old = v.receiver
        v.active, v.cancelled, v.ended = False, True, self.now
        self._active.pop(v.id, None)
        self.dirty_v.add(v.id)
        route = Route("rotation", ["R13", "R1"],
                      why_zh=f"R13：客户投诉，取消{self.name(old)}的接待资格，按轮次移交下一位置业顾问，归其所有。",
                      why_en=f"R13: on a complaint {self.name(old)}'s reception is cancelled; the next consultant in rotation takes over and owns the customer.")
        self._replace(v, cust, route, {old}, d)

    def _replace(self, v: Visit, cust: Customer, route: Route, exclude: set[str], d: Decision) -> None:
        nv = Visit(
            id=self.next_id(), customer_id=cust.id, at=self.now, receiver=None, kind="waiting", turn="none",
            registered=v.registered or cust.registered, first_visit=v.first_visit, contacted_by=v.contacted_by,
            names=v.names, source=v.source, refused_by=list(exclude | set(v.refused_by)),
        )
        self._add_visit(nv)
        self.routes[nv.id] = route
        if route.sets_owner and cust.owner in exclude:
            # R13/R28: the cancelled or refusing consultant does not keep the customer while it waits.
            self._set_owner(cust, None, route.rules[0])
        for r in route.rules:
            d.cite(r)
        d.customer = cust.label
        if not self._place(nv, route, set(nv.refused_by), d):
            self.day.waiting.append(nv.id)
            d.waiting, d.receiver, d.turn = True, None, "none"
            d.owner = cust.owner or "none"
            d.explanation_zh = route.why_zh + " 目前无人可接待，客户等候。"
            d.explanation_en = route.why_en + " Nobody is free: the party waits."

    def _h_refuse(self, cmd: c.Refuse, d: Decision) -> None:
        self.require_day()
        self.require_role(cmd.actor, "desk")
        st = self.staff_of(cmd.who)
        mine = sorted(self.busy_with(cmd.who), key=lambda v: v.id)
        if not mine:
            raise RuleError("nothing_to_refuse", f"{st.name}当前没有被安排接待的客户。", f"{st.name} has no party to refuse.")
        v = mine[-1]
        cust = self.customers[v.customer_id]
        v.active, v.ended = False, self.now
        v.refused_by.append(cmd.who)
        self._active.pop(v.id, None)
        self.dirty_v.add(v.id)
        days = self.policy["refusal_absence_days"]
        self._add_sanction(cmd.who, "R28", "absence", days, None, d)
        old = self.routes.get(v.id)
        if old is None or old.kind == "rotation":
            route = Route("rotation", ["R28", "R1"],
                          why_zh=f"R28：{st.name}拒接客户，记旷工{days}天，客户按轮次由下一位接待。",
                          why_en=f"R28: {self.name(cmd.who)} refused; {days} day absence recorded; the party goes to the next in rotation.")
        else:
            route = Route(old.kind, ["R28"] + old.rules, owner=old.owner, sets_owner=old.sets_owner,
                          new_customer=old.new_customer, notify=old.notify, cover=old.cover,
                          standin_rule=old.standin_rule,
                          why_zh=f"R28：{st.name}拒接客户，记旷工{days}天。" + old.why_zh,
                          why_en=f"R28: {self.name(cmd.who)} refused; absence recorded. " + old.why_en)
        d.notify = list(route.notify)
        self._replace(v, cust, route, {cmd.who}, d)
