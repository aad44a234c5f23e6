"""Policies: the defaults RULES.md names, versioned; every decision records the version in force."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .errors import RuleError

# name -> (default, rule, zh summary, en summary)
POLICY_SPECS: dict[str, tuple[object, str, str, str]] = {
    "followup_gap_days": (15, "R14", "回访间隔超过此天数即视为不连续", "a follow-up gap longer than this breaks continuity"),
    "busy_skip_earns_makeup": (False, "R11", "接待中被跳过是否补接", "a busy skip earns a make-up credit"),
    "colleague_named_consumes_turn": (True, "R25", "同事指定接待是否占用轮次", "a colleague's named customer costs a turn"),
    "long_leave_days": (15, "R10", "休假超过此天数须提前安排客户", "leave longer than this needs customers arranged"),
    "suspension_days": (3, "R18", "私留电话约访客户停接天数", "days suspended for keeping a named customer"),
    "fight_fine_yuan": (50, "R33", "当客户面争抢客户罚款（元/次）", "fine per fight over a customer (yuan)"),
    "refusal_absence_days": (1, "R28", "拒接客户按旷工天数", "days of absence recorded for a refusal"),
}

ALIASES = {
    "leave_days": "long_leave_days",
    "leave_threshold_days": "long_leave_days",
    "leave_days_threshold": "long_leave_days",
    "long_leave_threshold_days": "long_leave_days",
    "r18_suspension_days": "suspension_days",
    "suspend_days": "suspension_days",
    "fine_yuan": "fight_fine_yuan",
    "r33_fine_yuan": "fight_fine_yuan",
    "absence_days": "refusal_absence_days",
}


def canonical_policy_name(name: str) -> str | None:
    if name in POLICY_SPECS:
        return name
    return ALIASES.get(name)


@dataclass(frozen=True)
class Policy:
    version: int = 1
    values: dict = field(default_factory=lambda: {k: v[0] for k, v in POLICY_SPECS.items()})

    def __getitem__(self, name: str):
        return self.values[name]

    def with_changes(self, changes: dict) -> Policy:
        values = dict(self.values)
        for raw, value in changes.items():
            name = canonical_policy_name(raw)
            if name is None:
                raise RuleError("unknown_policy", f"未知的制度参数“{raw}”。", f"Unknown policy '{raw}'.")
            default = POLICY_SPECS[name][0]
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise RuleError("bad_policy", f"参数“{raw}”须为是/否。", f"Policy '{raw}' must be true or false.")
            elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise RuleError("bad_policy", f"参数“{raw}”须为非负整数。", f"Policy '{raw}' must be a whole number ≥ 0.")
            values[name] = value
        return replace(self, version=self.version + 1, values=values)
