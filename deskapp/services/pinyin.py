"""Pinyin keys for name search: full (zhangsan) and initials (zs)."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, str]:
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
    full = "".join(syllables).lower()
    initials = "".join(s[0] for s in syllables if s).lower()
    return full, initials
