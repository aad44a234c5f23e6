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


MASK = "****"

_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*\d+\s*$", re.IGNORECASE)
_TRAILING_GROUP = re.compile(r"[\s\-–—]+\d{1,5}\s*$")


def _digits(text: str) -> str:
    """Digits of ``text`` without the +86 / 0086 country prefix (a landline gets its trunk 0 back)."""
    international = text.startswith(("+", "00"))
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0086"):
        digits, international = digits[4:], True
    elif digits.startswith("86") and (international or (len(digits) == 13 and digits[2] == "1")):
        digits, international = digits[2:], True
    is_mobile = len(digits) == 11 and digits.startswith("1")
    if international and digits and not digits.startswith("0") and not is_mobile:
        digits = "0" + digits  # +86 10 1234 5678 is the Beijing landline 010-12345678
    return digits


def _mask_digits(digits: str) -> str | None:
    """Mask a mobile or an area-coded landline; None if ``digits`` is neither."""
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}{MASK}{digits[-4:]}"
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        # 010 and 02x are the 3-digit area codes; every other area code has 4 digits.
        area_len = 3 if digits[1] in "12" else 4
        area, local = digits[:area_len], digits[area_len:]
        if 7 <= len(local) <= 8:
            return f"{area}-{MASK}{local[-4:]}"
    return None


def mask_phone(phone: str | None) -> str:
    """Mask a phone number so it never shows in full.

    Mobiles keep the first 3 and last 4 digits (``138****1111``); landlines keep the area code
    and the last 4 digits (``010-****5678``, extensions dropped); anything else keeps only its
    last 4 digits, or nothing if it is that short. Empty input gives ``""``.
    """
    if not phone or not phone.strip():
        return ""
    text = _EXTENSION.sub("", phone.strip()).strip()
    digits = _digits(text)
    masked = _mask_digits(digits)
    if masked is None and _TRAILING_GROUP.search(text):
        # "010-12345678-123": the last group is an extension.
        masked = _mask_digits(_digits(_TRAILING_GROUP.sub("", text)))
    if masked is not None:
        return masked
    if len(digits) <= 6:
        return MASK
    return f"{MASK}{digits[-4:]}"
