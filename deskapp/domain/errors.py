"""Domain errors: each carries a stable code and a message in Chinese and English."""

from __future__ import annotations


class RuleError(Exception):
    """A command the rulebook refuses; nothing is recorded."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(en)
        self.code = code
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang.startswith("zh") else self.en

    def __str__(self) -> str:  # both languages, so logs and scenario reports read either way
        return f"{self.en} / {self.zh}"
