"""The rule catalogue: each rule of the received regulation with a short summary (UI, reports, CLI).

Rules 23 and 39 are not in the received text (23 is missing, 39 is cut off): the catalogue says so and
the app never applies them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    number: int
    zh: str
    en: str
    in_text: bool = True

    @property
    def code(self) -> str:
        return f"R{self.number}"

    def label(self, lang: str = "zh") -> str:
        return f"{self.code} {self.zh if lang.startswith('zh') else self.en}"


_RULES = [
    (1, "单一客户循环轮接", "single-customer rotation"),
    (2, "首问：是否第一次来、有无人联系过", "the mandated first question"),
    (3, "以无修改的书面记录为据", "unaltered records are the evidence"),
    (4, "私事跳过不补，公事可补接", "personal skip lost, official skip made up"),
    (5, "电话联系不作归属依据", "phone contact is no basis"),
    (6, "主管管理客户资源与轮次", "the supervisor manages customers and rotation"),
    (7, "公司职员/关系户介绍按轮次分配", "staff and company referrals go by rotation"),
    (8, "离职人员客户归销售部", "departed consultants' customers go to the pool"),
    (9, "未登记不产生归属", "no registration, no ownership"),
    (10, "轮休不参与轮接；长假须安排客户", "rest days and long leave"),
    (11, "接待中不进入轮接", "one party at a time"),
    (12, "同行市调可补接", "declared competitors earn a make-up"),
    (13, "投诉可取消接待，移交下一位", "a complaint passes the customer on"),
    (14, "首次接待确定归属，须连续回访", "first reception fixes ownership; follow up"),
    (15, "老带新归原顾问", "an old customer's referral is their consultant's"),
    (16, "先登记者优先；家人成交佣金平分", "first registered wins; family deals split"),
    (17, "客户指定且未登记，归指定者", "named and unregistered: the named one's"),
    (18, "电话约访须通知原顾问，私留停接三天", "phoned by a consultant: call them; keeping costs 3 days"),
    (19, "调离人员客户由指定人交接", "a transfer's customers go to the designee"),
    (20, "说不清接待人的老客户公示一天", "the one-day claim notice"),
    (21, "老客户介绍未陪同且未指定，按轮次", "referred but unaccompanied: rotation"),
    (22, "无连续回访记录，成交归轮接人员", "lapsed follow-up: the deal is the rotation consultant's"),
    (23, "（原文缺失）", "(not in the received regulation)"),
    (24, "销售人员亲友介绍指定者归指定者", "consultants' friends' referrals who name someone"),
    (25, "同事自购/介绍指定者归指定者", "colleagues' purchases and referrals who name someone"),
    (26, "外场客户须及时登记报备", "off-site customers need a pre-registration"),
    (27, "样板间客户作新客户", "show-flat visitors are new customers"),
    (28, "拒接客户算旷工一天", "refusing a customer is a day's absence"),
    (29, "认识新客户不能归为老客户", "knowing a newcomer gives no claim"),
    (30, "裁员人员客户归销售部", "laid-off consultants' customers go to the pool"),
    (31, "辞职人员客户归销售部", "resigned consultants' customers go to the pool"),
    (32, "案场经理裁决归属", "the site manager rules"),
    (33, "当客户面争抢罚款50元", "fighting over a customer: fine"),
    (34, "团体购房按轮次", "group purchases go by rotation"),
    (35, "服务质量问题可更换顾问", "change of consultant on service complaints"),
    (36, "业务往来/领导/伙伴客户未指定按轮次", "business and leaders' guests naming no one: rotation"),
    (37, "亲友须提前报备", "friends and relatives need a pre-report"),
    (38, "值班时间新客户归值班人员", "duty-hour customers are the duty consultant's"),
    (39, "（原文不完整）", "(cut off in the received regulation)"),
]

CATALOGUE: dict[str, Rule] = {
    f"R{n}": Rule(n, zh, en, in_text=n not in (23, 39)) for n, zh, en in _RULES
}


def rule(code: str) -> Rule:
    """The catalogue entry for 'R16' (or '16')."""
    key = code if code.upper().startswith("R") else f"R{code}"
    return CATALOGUE[key.upper()]


def label(code: str, lang: str = "zh") -> str:
    try:
        return rule(code).label(lang)
    except KeyError:
        return code
