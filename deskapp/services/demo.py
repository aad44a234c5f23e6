"""A realistic demo office, built only through `OfficeService.handle` so the journal reads like real use.

`build_demo(service)` plays months of history (mostly registrations, so the customer base is large)
and then `days` busy working days ending today: sign-ins, rest days, duty, step-outs, walk-ins in
rotation, returning customers, referrals (R15, R21), named consultants (R17, R18, R24, R25, R36),
groups (R34), competitors (R12), families (R16), claim-notice parties (R20), follow-ups (R14), deals,
claims and disputes with rulings (R32). Today is left mid-afternoon: a few receptions in progress,
one party on the claim notice with an open claim, and one open dispute (R16, "same person, another
phone"). Deterministic for a seed: every choice comes from one `random.Random(seed)`.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from deskapp.domain import POOL, RuleError
from deskapp.domain import commands as c

from .office_service import OfficeService

OFFICE_NAME = "翠湖天地售楼处"
DEMO_PIN = "1234"
SYSTEM = "__system__"

DESK, SUP, SALES_MGR, SITE_MGR, PROJ_MGR = "desk", "sup", "salesmgr", "sitemgr", "projmgr"

# key, name, role, team: four per team, the first of each team leads it.
STAFF: tuple[tuple[str, str, str, str | None], ...] = (
    ("c01", "张晓峰", "team_leader", "T1"),
    ("c02", "李婷", "consultant", "T1"),
    ("c03", "王浩然", "consultant", "T1"),
    ("c04", "刘思琪", "consultant", "T1"),
    ("c05", "陈志强", "team_leader", "T2"),
    ("c06", "杨雪", "consultant", "T2"),
    ("c07", "赵子豪", "consultant", "T2"),
    ("c08", "黄佳怡", "consultant", "T2"),
    ("c09", "吴建国", "team_leader", "T3"),
    ("c10", "周敏", "consultant", "T3"),
    ("c11", "孙宇航", "consultant", "T3"),
    ("c12", "林晓燕", "consultant", "T3"),
    (DESK, "许静", "receptionist", None),
    (SUP, "郭振华", "supervisor", None),
    (SALES_MGR, "何俊", "sales_manager", None),
    (SITE_MGR, "马立新", "site_manager", None),
    (PROJ_MGR, "罗文斌", "project_manager", None),
)
CONSULTANTS: tuple[str, ...] = tuple(k for k, _, role, _ in STAFF if role in ("consultant", "team_leader"))
LEADER_OF: dict[str, str] = {team: k for k, _, role, team in STAFF if role == "team_leader"}
TEAM_OF: dict[str, str | None] = {k: team for k, _, _, team in STAFF}

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# The common surnames come first; weight them so 王/李/张/刘/陈 dominate as they do in real life.
SURNAME_WEIGHTS = tuple(100.0 / (i + 4) for i in range(len(SURNAMES)))
# Common given names (two characters mostly, some single), as a sales office's visit book shows them.
GIVEN_MALE = tuple(
    "伟 强 磊 军 勇 杰 涛 斌 超 鹏 浩 宇 凯 健 俊 帆 峰 刚 亮 辉 "
    "建国 建华 建军 志强 志明 志刚 国强 国庆 海涛 海波 文博 文杰 晓东 晓明 晓峰 俊杰 浩然 宇航 子豪 子轩 "
    "梓豪 皓轩 一鸣 天宇 明轩 家豪 嘉伟 振华 立新 永刚 永强 红军 卫东 德华 学军 春生 金龙 成刚 "
    "志伟 建平 明辉 国栋 少华 鹏飞 思远 博文 俊熙 睿泽 宏伟 建新 新民 兴华 长江 宝林 玉林 瑞龙 世杰 光明 "
    "俊宇 浩宇 子睿 思源 宇轩 梓睿 泽宇 晨阳 明杰 文涛 志军 志勇 建明 建伟 国华 国平 海峰 海龙 晓军 晓光 "
    "德明 春华 永明 永红 玉龙 金华 荣华 庆丰 家明 家乐 景辉 云飞 绍辉 凯文 佳豪 一凡 宏亮 伟东 伟民 卫国".split()
)
GIVEN_FEMALE = tuple(
    "芳 娜 敏 静 丽 艳 娟 霞 婷 雪 莉 琳 洁 倩 颖 "
    "秀英 秀兰 桂英 丽娟 丽华 丽萍 玉兰 玉梅 淑珍 淑华 春梅 海燕 晓燕 晓丽 晓红 雪梅 红梅 美玲 美华 慧敏 "
    "佳怡 思琪 欣怡 雨涵 梓涵 诗涵 子涵 可馨 雅琪 婉婷 静怡 梦瑶 晓雯 佳慧 嘉怡 若曦 雨萱 紫涵 "
    "文静 秀珍 凤英 建英 小红 小燕 亚楠 婷婷 丹丹 莉莉 璐璐 晶晶 瑞雪 文娟 爱华 金凤 月娥 翠兰 "
    "欣妍 语嫣 诗雨 梦琪 雨欣 思雨 婧怡 紫萱 佳琪 静雯 晓婷 晓琳 秀梅 秀云 桂兰 桂芳 玉珍 玉华 凤兰 春燕 "
    "海霞 海英 丽丽 丽芳 美娟 美霞 慧玲 慧芳 艳红 艳丽 红霞 红英 雅婷 雅静 心怡 舒婷 梦洁 文君 晓梅 淑芬".split()
)

# Arrival kinds for a new customer and their weights (R-numbers: the routes they exercise).
NEW_KINDS: tuple[tuple[str, float], ...] = (
    ("walk_in", 80.0),  # R1, R14
    ("named", 3.0),  # R17 / R18
    ("referral", 4.5),  # R15
    ("referral_alone", 1.0),  # R21
    ("group", 1.2),  # R34
    ("competitor", 1.2),  # R12
    ("notice", 1.0),  # R20
    ("family", 1.5),  # R16 family
    ("sourced", 2.5),  # R7, R24, R25, R26, R27, R36
)
HOUR_WEIGHTS = {9: 8, 10: 13, 11: 13, 12: 7, 13: 9, 14: 14, 15: 15, 16: 13, 17: 8}
HISTORY_SPAN_DAYS = 182  # the customer base was registered over the previous six months
NEW_PER_HISTORY_DAY = 27  # with 6-13 returning parties: 30-40 arrivals a day
NEW_PER_WINDOW_DAY = 26
LAST_DAY_CUTOFF = dt.time(16, 0)  # today is left mid-afternoon, receptions in progress
RULING_REASON = "核对来访登记簿及回访记录"


class DemoBuildError(RuntimeError):
    """The generator sent a command the rulebook refused: a bug in the generator (or the domain)."""


@dataclass(frozen=True)
class DemoInfo:
    """What `build_demo` made: the office, its staff (key -> (name, role)), the demo PINs, counts."""

    office_name: str
    staff: dict[str, tuple[str, str]]
    pins: dict[str, str]
    counts: dict[str, int]
    today: dt.date | None = None
    scenes: dict[str, str] = field(default_factory=dict)  # today's claim and dispute: customer phones, staff keys


@dataclass
class _Cust:
    name: str
    phone: str  # canonical 11-digit mobile: the reference every command uses
    retired: bool = False  # part of a same-person case: not picked for later visits
    competitor: bool = False
    deal: bool = False
    fu_left: int = 0
    fu_pending: bool = False


def build_demo(
    service: OfficeService,
    seed: int = 1,
    customers: int = 5000,
    days: int = 14,
    today: dt.date | None = None,
) -> DemoInfo:
    """Fill `service`'s office with a demo history; every fact goes through `service.handle`."""
    if customers < 20 or days < 1:
        raise ValueError("a demo needs at least 20 customers and 1 day")
    return _Builder(service, random.Random(seed), customers, days, today or dt.date.today()).run()


def _pin_hasher() -> Callable[[str], str] | None:
    try:
        from deskapp.services import pins
    except ImportError:  # the PIN module (or argon2) is not there: no PINs
        return None
    return getattr(pins, "hash_pin", None)


def _spell(phone: str, style: int) -> str:
    """A common way of writing a mainland mobile at the desk."""
    a, b, d = phone[:3], phone[3:7], phone[7:]
    return (phone, f"{a} {b} {d}", f"+86 {a}-{b}-{d}", f"{a}-{b}-{d}", f"+86{phone}")[style]


class _Builder:
    def __init__(self, service: OfficeService, rng: random.Random, customers: int, days: int, today: dt.date):
        self.service = service
        self.office = service.office
        self.rng = rng
        self.target = customers
        self.days = days
        self.today = today
        self.custs: dict[str, _Cust] = {}
        self.returnable: list[str] = []
        self.used_phones: set[str] = set()
        self.used_names: set[str] = set()
        self.waiting: dict[str, tuple[dt.timedelta, bool]] = {}
        self.due: dict[dt.date, list[str]] = {}
        self.leave: tuple[str, dt.date, dt.date] | None = None
        self.heap: list = []
        self.seq = itertools.count()
        self.last_t = dt.datetime.min
        self.date = today
        self.visited_today: set[str] = set()
        self.n_commands = 0
        self.n_arrivals = 0
        self.n_returning = 0
        self.n_deals = 0
        self.n_days = 0
        self.scenes: dict[str, str] = {}
        self.pins: dict[str, str] = {}

    # ------------------------------------------------------------------ plumbing
    def _do(self, cmd: c.Command, t: dt.datetime):
        if t < self.last_t:
            raise DemoBuildError(f"time went backwards: {cmd!r} at {t} after {self.last_t}")
        try:
            d = self.service.handle(cmd, t)
        except RuleError as e:
            raise DemoBuildError(f"refused at {t:%Y-%m-%d %H:%M:%S}: {cmd!r}: {e}") from e
        self.last_t = t
        self.n_commands += 1
        if self.waiting and d.placed:
            for p in d.placed:  # waiting parties placed as consultants free up (mechanics 15)
                # Waiting parties never share a name (see _new_name, _pick_known), so the label tells.
                ph = next((x for x in self.waiting if self.custs[x].name == p.get("customer")), None)
                if ph is not None and p.get("receiver"):
                    dur, returning = self.waiting.pop(ph)
                    self._push(t + dur, self._finish, ph, returning)
        return d

    def _push(self, t: dt.datetime, fn, *args) -> None:
        heapq.heappush(self.heap, (t, next(self.seq), fn, args))

    def _at(self, h: int, m: int, s: int = 0) -> dt.datetime:
        return dt.datetime.combine(self.date, dt.time(h, m, s))

    def _rand_time(self, start: dt.time, end: dt.time) -> dt.datetime:
        a = dt.datetime.combine(self.date, start)
        span = int((dt.datetime.combine(self.date, end) - a).total_seconds())
        return a + dt.timedelta(seconds=self.rng.randrange(max(span, 1)))

    def _owner(self, phone: str) -> str | None:
        o = self.office
        cid = o.by_phone.get(phone)
        return o.customers[cid].owner if cid is not None else None

    def _present_free(self) -> list[str]:
        o = self.office
        return [k for k in CONSULTANTS if o.on_floor(k) and o.free(k)]

    # ------------------------------------------------------------------ people
    def _new_phone(self) -> str:
        rng = self.rng
        while True:
            prefix = rng.choice(("13", "13", "15", "18")) + str(rng.randrange(10))
            if prefix in ("154",):
                continue
            phone = prefix + f"{rng.randrange(10**8):08d}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def _waiting_names(self) -> set[str]:
        return {self.custs[ph].name for ph in self.waiting}

    def _new_name(self, surname: str | None = None) -> str:
        """A unique name while the name space lasts; then a namesake, as real visit books have."""
        rng = self.rng
        busy = self._waiting_names()
        for attempt in itertools.count():
            sur = surname or rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
            female = rng.random() < 0.5
            if rng.random() < 0.06:  # gave only a surname at the desk
                name = sur + ("女士" if female else "先生")
            else:
                name = sur + rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            if name not in self.used_names or (attempt >= 3 and name not in busy):
                self.used_names.add(name)
                return name
            surname = None
        raise AssertionError("unreachable")

    def _register(self, name: str, phone: str, returnable: bool = True, retired: bool = False) -> _Cust:
        cust = _Cust(name, phone, retired=retired)
        self.custs[phone] = cust
        if returnable:
            self.returnable.append(phone)
        return cust

    def _pick_known(self, exclude_owner: str | None = None, present_owner: bool = False) -> tuple[str, str] | None:
        """A registered, owned customer not seen today (recent ones more likely): (phone, owner)."""
        rng, o = self.rng, self.office
        n = len(self.returnable)
        if n == 0:
            return None
        busy = self._waiting_names()
        for _ in range(20):
            i = n - 1 - rng.randrange(min(n, 400)) if rng.random() < 0.6 else rng.randrange(n)
            ph = self.returnable[i]
            cust = self.custs[ph]
            if cust.retired or cust.competitor or ph in self.visited_today or cust.name in busy:
                continue
            owner = self._owner(ph)
            if owner is None or owner == POOL or owner == exclude_owner or not o.staff[owner].active:
                continue
            if present_owner and not o.present(owner):
                continue
            return ph, owner
        return None

    # ------------------------------------------------------------------ the build
    def run(self) -> DemoInfo:
        window_start = self.today - dt.timedelta(days=self.days - 1)
        window_target = min(round(self.target * 0.3), NEW_PER_WINDOW_DAY * self.days)
        history_target = max(self.target - window_target - 2, 0)
        h = max(1, math.ceil(history_target / NEW_PER_HISTORY_DAY))
        span = max(HISTORY_SPAN_DAYS, h)
        offsets = sorted(self.rng.sample(range(span), h))
        history = [window_start - dt.timedelta(days=span - off) for off in offsets]
        self._setup(dt.datetime.combine(window_start - dt.timedelta(days=span + 7), dt.time(8)))  # staff hired
        if len(history) >= 30:
            k = len(history) // 2
            who = self.rng.choice([x for x in CONSULTANTS if x not in LEADER_OF.values()])
            self.leave = (who, history[k], history[k] + dt.timedelta(days=6))
        for i, date in enumerate(history):
            left = history_target - self._created()
            quota = self._quota(left, len(history) - i, date, 8, 45)
            self._day(date, quota, last=False, history=True)
        window = [window_start + dt.timedelta(days=i) for i in range(self.days)]
        for i, date in enumerate(window):
            last = i == len(window) - 1
            left = self.target - 2 - self._created()
            quota = max(left, 0) if last else self._quota(left, len(window) - i, date, 8, 60)
            self._day(date, min(quota, 90), last=last, history=False)
        return self._info()

    def _created(self) -> int:
        return len(self.office.customers)

    def _quota(self, left: int, days_left: int, date: dt.date, lo: int, hi: int) -> int:
        base = left / max(days_left, 1)
        factor = 1.2 if date.weekday() >= 5 else 0.92
        return max(lo, min(hi, round(base * factor) + self.rng.randint(-3, 3)))

    def _setup(self, t: dt.datetime) -> None:
        self._do(c.SetOfficeInfo(OFFICE_NAME, "09:00", "18:00", actor=SYSTEM), t)
        for key, name, role, team in STAFF:
            self._do(c.AddStaff(key, name, role, team, actor=SYSTEM), t)
        hasher = _pin_hasher()
        if hasher is not None:
            for key, *_ in STAFF:
                self._do(c.SetPin(key, hasher(DEMO_PIN), actor=SYSTEM), t)
                self.pins[key] = DEMO_PIN

    # ------------------------------------------------------------------ one working day
    def _on_leave(self, key: str, date: dt.date) -> bool:
        return self.leave is not None and self.leave[0] == key and self.leave[1] <= date <= self.leave[2]

    def _day(self, date: dt.date, quota: int, last: bool, history: bool) -> None:
        rng = self.rng
        self.date = date
        self.n_days += 1
        self.heap = []
        self.visited_today = set()
        self._do(c.OpenDay(date, actor=DESK), self._at(8, 0))
        if self.leave and self.leave[1] == date:
            who = self.leave[0]
            self._do(c.Leave(who, self.leave[1], self.leave[2], LEADER_OF[TEAM_OF[who]], actor=SITE_MGR),
                     self._at(8, 1))
        cons = [k for k in CONSULTANTS if not self._on_leave(k, date)]
        resting = rng.sample(cons, rng.choice((1, 1, 2, 2, 2, 3)))  # R10 rest days
        for i, k in enumerate(resting):
            self._do(c.Rest(k, actor=SUP), self._at(8, 2, i))
        working = [k for k in cons if k not in resting]
        rng.shuffle(working)
        late = working.pop() if rng.random() < 0.2 else None
        t = self._at(8, 10)
        for k in working:  # each signs in at the desk: today's rotation is the sign-in order (R1)
            t += dt.timedelta(seconds=rng.randint(30, 140))
            self._do(c.SignIn((k,), actor=k), t)
        if rng.random() < 0.15:  # a resting consultant volunteers and joins at the end (R10)
            t += dt.timedelta(seconds=30)
            self._do(c.Overtime(resting[0], actor=SUP), t)
        if rng.random() < 0.5:  # early duty (R38)
            t += dt.timedelta(seconds=30)
            self._do(c.Duty(working[0], dt.time(8, 30), dt.time(9, 30), actor=SUP), t)
        if not last and rng.random() < 0.25:  # late duty (R38)
            t += dt.timedelta(seconds=30)
            self._do(c.Duty(working[-1], dt.time(17, 30), dt.time(18, 30), actor=SUP), t)

        end_arrivals = dt.time(15, 40) if last else dt.time(17, 59)
        late_events_end = dt.time(15, 30) if last else dt.time(16, 0)
        if late:
            self._push(self._rand_time(dt.time(9, 40), dt.time(11, 0)), self._sign_in, late)
        for _ in range(rng.choice((0, 1, 1, 2))):  # R4 step-outs
            self._push(self._rand_time(dt.time(10, 0), late_events_end), self._step_out,
                       rng.choice(("official", "personal")))
        if not last and rng.random() < 0.08:
            self._push(self._rand_time(dt.time(16, 30), dt.time(17, 15)), self._sign_out)
        if rng.random() < 0.04:  # R6 a credit by hand
            self._push(self._rand_time(dt.time(11, 0), late_events_end), self._grant)
        for due in sorted(d for d in self.due if d <= date):
            for ph in self.due.pop(due):
                self._push(self._rand_time(dt.time(9, 10), late_events_end), self._follow_up, ph, due)

        kinds: list[str] = []
        units = 0
        names, weights = zip(*NEW_KINDS, strict=True)
        while units < quota:
            kind = rng.choices(names, weights=weights)[0]
            if kind == "group":
                m = min(rng.randint(1, 3), quota - units - 1)
                if m < 1:
                    kind = "walk_in"
                else:
                    kinds.append(f"group:{m}")
                    units += 1 + m
                    continue
            kinds.append(kind)
            units += 1
        returning = rng.randint(6, 13) + (4 if date.weekday() >= 5 else 0)
        if last:
            returning = max(3, returning * 2 // 3)
        kinds += ["returning"] * returning
        rng.shuffle(kinds)
        times = sorted(self._arrival_time(end_arrivals) for _ in kinds)
        for when, kind in zip(times, kinds, strict=True):
            self._push(when, self._arrive, kind)

        if last:
            self._push(self._at(10, 40), self._scene, "claim", False, 0)
            self._push(self._at(13, 20), self._scene, "dispute", False, 0)
        elif history:
            if rng.random() < 0.12:
                self._push(self._rand_time(dt.time(10, 30), dt.time(12, 0)), self._scene, "claim", True, 0)
            if rng.random() < 0.07:
                self._push(self._rand_time(dt.time(13, 0), dt.time(15, 0)), self._scene, "dispute", True, 0)

        cutoff = dt.datetime.combine(date, LAST_DAY_CUTOFF) if last else None
        while self.heap:
            t, _, fn, args = heapq.heappop(self.heap)
            if cutoff is not None and t > cutoff:
                break  # today goes on after the demo stops: these parties are still being received
            fn(t, *args)
        if cutoff is None:
            if self.waiting:
                raise DemoBuildError(f"{len(self.waiting)} parties still waiting at the end of {date}")
            self._do(c.CloseDay(actor=DESK), max(self.last_t + dt.timedelta(minutes=5), self._at(18, 30)))
        self.heap = []

    def _arrival_time(self, end: dt.time) -> dt.datetime:
        rng = self.rng
        hours = [h for h in HOUR_WEIGHTS if h <= end.hour]
        while True:
            h = rng.choices(hours, weights=[HOUR_WEIGHTS[x] for x in hours])[0]
            t = dt.time(h, rng.randrange(60), rng.randrange(60))
            if t <= end:
                return dt.datetime.combine(self.date, t)

    # ------------------------------------------------------------------ floor events
    def _sign_in(self, t: dt.datetime, key: str) -> None:
        self._do(c.SignIn((key,), actor=key), t)

    def _step_out(self, t: dt.datetime, reason: str) -> None:
        o = self.office
        free = [k for k in self._present_free() if k not in o.day.stepped_out]
        if len(free) < 2:
            return
        who = self.rng.choice(free)
        self._do(c.StepOut(who, reason, actor=SUP), t)
        back = t + dt.timedelta(minutes=self.rng.randint(15, 60))
        self._push(back, self._back, who)

    def _back(self, t: dt.datetime, who: str) -> None:
        if who in self.office.day.stepped_out:
            self._do(c.Back(who, actor=who), t)

    def _sign_out(self, t: dt.datetime) -> None:
        o = self.office
        free = [k for k in self._present_free() if k not in o.day.stepped_out]
        if len(free) < 4:
            return
        self._do(c.SignOut(self.rng.choice(free), actor=SUP), t)

    def _grant(self, t: dt.datetime) -> None:
        present = [k for k in CONSULTANTS if self.office.present(k)]
        if present:
            self._do(c.Grant(self.rng.choice(present), "协助开盘活动，补发轮次", actor=SUP), t)

    def _follow_up(self, t: dt.datetime, phone: str, date: dt.date) -> None:
        """R14: the owner records a follow-up with their customer (dated the day of the contact)."""
        cust = self.custs[phone]
        cust.fu_pending = False
        owner = self._owner(phone)
        if owner is None or owner == POOL or not self.office.staff[owner].active:
            return
        self._do(c.FollowUp(owner, phone, date, actor=owner), t)
        cust.fu_left -= 1
        if cust.fu_left > 0 and not cust.deal:
            self._plan_follow_up(cust, date, 5, 14)

    def _plan_follow_up(self, cust: _Cust, after: dt.date, lo: int, hi: int) -> None:
        if cust.fu_pending or cust.competitor:
            return
        cust.fu_pending = True
        self.due.setdefault(after + dt.timedelta(days=self.rng.randint(lo, hi)), []).append(cust.phone)

    # ------------------------------------------------------------------ parties
    def _placed(self, t: dt.datetime, d, phone: str, returning: bool = False) -> None:
        """Schedule the end of a reception (20-90 minutes), or remember the party waits."""
        self.visited_today.add(phone)
        dur = dt.timedelta(minutes=self.rng.randint(20, 90), seconds=self.rng.randrange(60))
        if d.waiting or d.receiver is None:
            self.waiting[phone] = (dur, returning)
        else:
            self._push(t + dur, self._finish, phone, returning)

    def _finish(self, t: dt.datetime, phone: str, returning: bool) -> None:
        self._do(c.Finish(phone, actor=DESK), t)
        cust = self.custs[phone]
        owner = self._owner(phone)
        if owner is None or owner == POOL or cust.competitor:
            return
        target = 0.03 * self._created()
        if returning and not cust.deal and not cust.retired and self.n_deals < target and self.rng.random() < 0.45:
            self._do(c.Deal(phone, owner, cust.name, actor=owner), t)
            cust.deal = True
            self.n_deals += 1
            return
        if cust.fu_left <= 0:
            cust.fu_left = self.rng.choice((1, 2, 2, 3))
        self._plan_follow_up(cust, t.date(), 2, 9)

    def _arrive(self, t: dt.datetime, kind: str) -> None:
        rng = self.rng
        if kind == "returning":
            self._returning(t)
            return
        members = 0
        if kind.startswith("group:"):
            members = int(kind.split(":")[1])
            kind = "group"
            if self.office.propose() is None:  # a group is registered only when received at once
                kind = "walk_in"
        name: str | None = None
        phone = self._new_phone()
        spelled = _spell(phone, rng.choices((0, 1, 2), weights=(80, 15, 5))[0])
        answers = c.Answers(first_visit=True)
        extra: dict = {}
        if kind == "named":
            k = rng.choice(CONSULTANTS)
            answers = c.Answers(True, None, k) if rng.random() < 0.6 else c.Answers(True, k, None)
        elif kind in ("referral", "referral_alone", "family"):
            known = self._pick_known()
            if known is None:
                kind = "walk_in"
            elif kind == "family":
                relation = rng.choices(("spouse", "parent", "child", "other"), weights=(6, 2, 2, 1))[0]
                extra = {"family_of": known[0], "relation": relation}
                if relation in ("parent", "child"):  # usually sharing the surname
                    name = self._new_name(self.custs[known[0]].name[0])
            else:
                extra = {"referred_by": known[0], "accompanied": kind == "referral"}
        elif kind == "group":
            extra = {"group": tuple(c.Party(self._new_name(), self._new_phone()) for _ in range(members))}
        elif kind == "notice":
            answers = c.Answers(first_visit=False, contacted_by="unknown")
        elif kind == "sourced":
            source = rng.choice(("staff_referral", "company_relation", "colleague_referral", "consultant_referral",
                                 "business_contact", "leader_guest", "offsite", "show_flat"))
            extra = {"source": source}
            if source in ("colleague_referral", "consultant_referral", "business_contact") and rng.random() < 0.7:
                answers = c.Answers(True, None, rng.choice(CONSULTANTS))
        elif kind == "walk_in" and rng.random() < 0.04:
            extra = {"source": rng.choice(("show_flat", "offsite"))}
        name = name or self._new_name()
        d = self._do(c.Arrive(answers, name=name, phone=spelled, actor=DESK, **extra), t)
        self.n_arrivals += 1
        cust = self._register(name, phone, returnable=kind != "competitor")
        for p in extra.get("group", ()):
            self._register(p.name, p.phone)
        self._placed(t, d, phone)
        if kind == "competitor":
            cust.competitor = True
            if d.receiver:
                self._do(c.Competitor(phone, rng.random() < 0.6, actor=DESK), t)

    def _returning(self, t: dt.datetime) -> None:
        """An old customer comes back: recognised by phone (any spelling) and received by the owner (R2)."""
        rng = self.rng
        known = self._pick_known()
        if known is None:
            return
        phone, owner = known
        cust = self.custs[phone]
        said = rng.random()
        if said < 0.05:
            answers = c.Answers(first_visit=True)  # forgot; the app recognises the phone anyway
        elif said < 0.55:
            answers = c.Answers(first_visit=False, contacted_by=owner)
        else:
            answers = c.Answers(first_visit=False)
        if rng.random() < 0.04:  # a new phone; the receptionist confirmed the match by name
            new = self._new_phone()
            cmd = c.Arrive(answers, name=cust.name, phone=_spell(new, rng.randrange(3)), is_customer=phone, actor=DESK)
        else:
            style = rng.choices(range(5), weights=(45, 20, 15, 10, 10))[0]
            cmd = c.Arrive(answers, name=cust.name, phone=_spell(phone, style), actor=DESK)
        d = self._do(cmd, t)
        self.n_arrivals += 1
        self.n_returning += 1
        self._placed(t, d, phone, returning=True)

    # ------------------------------------------------------------------ same person, another phone
    def _scene(self, t: dt.datetime, kind: str, resolve: bool, tries: int) -> None:
        """R20 claim or R16 dispute: an old customer comes back under a new phone and is taken as new.

        The old customer's owner A then claims the notice entry (`claim`, the party said it had been
        before but could not name anyone) or disputes the new record (`dispute`, the party said it
        was the first visit), pointing at the old record as the same person. Resolved scenes get the
        site manager's ruling (R32); today's stay open for the demo.
        """
        o = self.office
        p = o.propose()  # scenes run between duty windows, so this is who the rotation will give
        if p is None:
            if tries < 24:
                self._push(t + dt.timedelta(minutes=5), self._scene, kind, resolve, tries + 1)
            return
        known = self._pick_known(exclude_owner=p.who, present_owner=True) or self._pick_known(exclude_owner=p.who)
        if known is None:
            return
        old, a = known
        old_cust = self.custs[old]
        phone = self._new_phone()
        if kind == "claim":
            answers = c.Answers(first_visit=False, contacted_by="unknown")
        else:
            answers = c.Answers(first_visit=True)
        d = self._do(c.Arrive(answers, name=old_cust.name, phone=_spell(phone, 1), actor=DESK), t)
        self.n_arrivals += 1
        if d.receiver is None or d.receiver == a:
            raise DemoBuildError(f"scene {kind}: expected {p.who} to receive {old_cust.name}, got {d.receiver}")
        old_cust.retired = True
        self._register(old_cust.name, phone, returnable=False, retired=True)
        self.visited_today.add(old)
        self._placed(t, d, phone)
        when = t + dt.timedelta(minutes=self.rng.randint(15, 50))
        self._push(when, self._raise, kind, phone, a, old, d.receiver, resolve)

    def _raise(self, t: dt.datetime, kind: str, phone: str, a: str, old: str, receiver: str, resolve: bool) -> None:
        cls = c.Claim if kind == "claim" else c.Dispute
        d = self._do(cls(phone, a, old, actor=a), t)
        if resolve:
            when = t + dt.timedelta(minutes=self.rng.randint(30, 90))
            self._push(when, self._rule, phone, d.proposed or a)
        elif f"{kind}_customer" not in self.scenes:
            self.scenes.update({f"{kind}_customer": phone, f"{kind}_same_as": old, f"{kind}_by": a,
                                f"{kind}_receiver": receiver})

    def _rule(self, t: dt.datetime, phone: str, decision: str) -> None:
        self._do(c.Ruling(phone, decision, RULING_REASON, actor=SITE_MGR), t)

    # ------------------------------------------------------------------ result
    def _info(self) -> DemoInfo:
        o = self.office
        day = o.day
        claims = [r for r in o.claims if r.kind == "claim"]
        disputes = [r for r in o.claims if r.kind == "dispute"]
        counts = {
            "customers": len(o.customers),
            "visits": len(o.visits),
            "arrivals": self.n_arrivals,
            "returning_visits": self.n_returning,
            "deals": len(o.deals),
            "follow_ups": len(o.followups),
            "claims": len(claims),
            "open_claims": sum(1 for r in claims if r.status == "open"),
            "disputes": len(disputes),
            "open_disputes": sum(1 for r in disputes if r.status == "open"),
            "notice_today": len(o.notice_today()),
            "active_receptions": len(o.active_visits()),
            "waiting": len(day.waiting) if day else 0,
            "credits": len(o.credits),
            "working_days": self.n_days,
            "history_days": self.n_days - self.days,
            "window_days": self.days,
            "commands": self.n_commands,
        }
        staff = {k: (name, role) for k, name, role, _ in STAFF}
        return DemoInfo(OFFICE_NAME, staff, dict(self.pins), counts, self.today, dict(self.scenes))
