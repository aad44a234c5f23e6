"""Roles and what they may do (RULES.md, "Roles and what they may do")."""

from __future__ import annotations

from enum import IntEnum

from .errors import RuleError


class Role(IntEnum):
    """Ranked: 'X or above' counts up this list."""

    RECEPTIONIST = 1
    CONSULTANT = 2
    TEAM_LEADER = 3
    SUPERVISOR = 4
    SALES_MANAGER = 5
    SITE_MANAGER = 6
    PROJECT_MANAGER = 7
    ADMIN = 8

    @classmethod
    def parse(cls, text: str) -> Role:
        return cls[text.strip().upper()]

    @property
    def label_zh(self) -> str:
        return ROLE_ZH[self]

    @property
    def in_rotation(self) -> bool:
        return self in (Role.CONSULTANT, Role.TEAM_LEADER)


ROLE_ZH = {
    Role.RECEPTIONIST: "前台",
    Role.CONSULTANT: "置业顾问",
    Role.TEAM_LEADER: "组长",
    Role.SUPERVISOR: "销售主管",
    Role.SALES_MANAGER: "销售经理",
    Role.SITE_MANAGER: "案场经理",
    Role.PROJECT_MANAGER: "专案经理",
    Role.ADMIN: "管理员",
}

ROLE_EN = {
    Role.RECEPTIONIST: "receptionist",
    Role.CONSULTANT: "consultant",
    Role.TEAM_LEADER: "team leader",
    Role.SUPERVISOR: "sales supervisor",
    Role.SALES_MANAGER: "sales manager",
    Role.SITE_MANAGER: "site manager",
    Role.PROJECT_MANAGER: "project manager",
    Role.ADMIN: "administrator",
}

# action -> (minimum role, zh label, en label)
ACTIONS: dict[str, tuple[Role, str, str]] = {
    "desk": (Role.RECEPTIONIST, "前台登记", "front-desk registration"),
    "reorder": (Role.SUPERVISOR, "调整轮次", "reorder the rotation"),
    "step_others": (Role.SUPERVISOR, "登记他人外出/返回", "step others out or back"),
    "duty": (Role.SUPERVISOR, "安排值班", "set duty"),
    "rest": (Role.SUPERVISOR, "安排轮休/加班", "set rest days and overtime"),
    "credits": (Role.SUPERVISOR, "补接名额调整", "grant or revoke make-up credits"),
    "assign": (Role.SUPERVISOR, "分配客户", "assign customers"),
    "complaint": (Role.SUPERVISOR, "投诉取消接待", "cancel a reception on complaint"),
    "change_consultant": (Role.SALES_MANAGER, "更换置业顾问", "change a customer's consultant"),
    "sanction": (Role.SALES_MANAGER, "处罚", "record sanctions"),
    "ruling": (Role.SITE_MANAGER, "归属裁决", "rule on claims and disputes"),
    "policy": (Role.SITE_MANAGER, "修改制度参数", "change policies"),
    "leave": (Role.SITE_MANAGER, "登记休假", "record leave"),
    "depart": (Role.SITE_MANAGER, "人员离职", "record departures"),
    "handover": (Role.PROJECT_MANAGER, "指定交接人", "designate a handover"),
    "pre_report": (Role.SALES_MANAGER, "代为报备", "pre-report for others"),
}


def require(actor_role: Role, action: str, actor_name: str = "") -> None:
    """Raise RuleError('forbidden') unless the role may take the action."""
    minimum, zh, en = ACTIONS[action]
    if actor_role < minimum:
        raise RuleError(
            "forbidden",
            f"{ROLE_ZH[actor_role]}{actor_name}无权{zh}（需{ROLE_ZH[minimum]}或以上，第6条等）。",
            f"A {ROLE_EN[actor_role]} may not {en} (needs {ROLE_EN[minimum]} or above).",
        )
