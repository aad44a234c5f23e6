"""Staff PINs: 4-8 digits, stored only as an argon2 hash (DESIGN, "Time and identity")."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from deskapp.domain.errors import RuleError

PIN_MIN, PIN_MAX = 4, 8

_hasher = PasswordHasher()


def check_pin(pin: str) -> str:
    """Return the PIN if it is 4-8 ASCII digits; raise RuleError('bad_pin') otherwise."""
    if not isinstance(pin, str) or not (PIN_MIN <= len(pin) <= PIN_MAX) or not (pin.isascii() and pin.isdigit()):
        raise RuleError(
            "bad_pin",
            f"密码须为{PIN_MIN}至{PIN_MAX}位数字（只能输入0–9）。",
            f"A PIN is {PIN_MIN} to {PIN_MAX} digits (0-9 only).",
        )
    return pin


def hash_pin(pin: str) -> str:
    """The argon2 hash to store with SetPin; the PIN itself is never stored."""
    return _hasher.hash(check_pin(pin))


def verify_pin(pin_hash: str | None, pin: str) -> bool:
    """Whether `pin` matches `pin_hash`; False for a missing or malformed hash, never an exception."""
    if not pin_hash or not isinstance(pin, str) or not pin:
        return False
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
