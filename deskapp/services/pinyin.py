"""Pinyin keys for name search: full (zhangsan) and initials (zs); Latin letters in a name count as
their own syllables, lower-cased ("Tom Li" -> tomli, tl), so one index finds both kinds of names.

pypinyin (its dictionaries take a noticeable time to load) is imported at the first name looked up, not
with this module: the board draws before anyone searches.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LATIN = re.compile("[A-Za-z]+")


def _latin_words(chunk: str) -> list[str]:
    return _LATIN.findall(chunk)


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.NORMAL, errors=_latin_words)
    full = "".join(syllables).lower()
    initials = "".join(s[0] for s in syllables if s).lower()
    return full, initials
