"""Phone normalisation: a customer is identified by the normalised number (DESIGN, "Time and identity")."""

from __future__ import annotations

import re

from .errors import RuleError

_SEPARATORS = re.compile(r"[\s\-().\u3000\uff0d\u2014]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Landline: area code 0 + 2-3 digits, then a 7-8 digit local number.
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")


def normalize_phone(raw: str | int) -> str:
    """Return the canonical form of a mainland mobile (11 digits) or a landline with area code.

    Raises RuleError('bad_phone') for anything else.
    """
    text = str(raw).strip()
    cleaned = _SEPARATORS.sub("", text)
    if cleaned.startswith("+86"):
        cleaned = cleaned[3:]
    elif cleaned.startswith("0086"):
        cleaned = cleaned[4:]
    elif cleaned.startswith("86") and len(cleaned) == 13:
        cleaned = cleaned[2:]
    if _MOBILE.match(cleaned):
        return cleaned
    if _LANDLINE.match(cleaned):
        return cleaned
    raise RuleError(
        "bad_phone",
        f"电话号码“{text}”无效：请输入11位手机号（可带+86、空格或横线）或带区号的座机号。",
        f"Phone number '{text}' is not valid: enter an 11-digit mainland mobile (+86, spaces, dashes allowed) "
        "or a landline with its area code.",
    )


def mask_phone(phone: str) -> str:
    """Mask a normalised phone for anything posted publicly: 138****1111."""
    if len(phone) == 11 and phone.startswith("1"):
        return phone[:3] + "****" + phone[-4:]
    if len(phone) >= 8:
        return phone[:-8] + "****" + phone[-4:]
    return "****"
