"""Dates and times in explanations, formatted without strftime.

strftime imports the `time` module on every call; inside the GUI that goes through PySide6's import hook
and made replaying a long journal measurably slower.
"""

from __future__ import annotations


def md_hm(t) -> str:
    return f"{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"


def ymd(t) -> str:
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}"


def ymd_hm(t) -> str:
    return f"{ymd(t)} {t.hour:02d}:{t.minute:02d}"


def hm(t) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"
