"""Decisions: what the rulebook concluded, with the rules it applied and why."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Decision:
    verb: str
    customer: str | None = None
    receiver: str | None = None
    owner: str | None = None
    turn: str | None = None
    notify: list[str] = field(default_factory=list)
    assist: str | None = None
    waiting: bool = False
    rules: list[str] = field(default_factory=list)
    explanation_zh: str = ""
    explanation_en: str = ""
    policy_version: int = 1
    policy: dict = field(default_factory=dict)
    notice: bool = False
    credit: str | None = None
    split: dict | None = None
    sanctions: list[dict] = field(default_factory=list)
    admissible: dict | None = None
    proposed: str | None = None
    credits_earned: list[dict] = field(default_factory=list)
    passed: list[dict] = field(default_factory=list)  # mechanics 3: {who, credit} the pointer passed over
    placed: list[dict] = field(default_factory=list)  # waiting parties placed as a side effect

    def cite(self, *rules: str) -> None:
        for r in rules:
            if r and r not in self.rules:
                self.rules.append(r)
