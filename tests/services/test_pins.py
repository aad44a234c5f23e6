"""PINs: 4-8 digits, stored as argon2 hashes, verified without ever raising."""

from __future__ import annotations

import pytest

from deskapp.domain.errors import RuleError
from deskapp.services.pins import hash_pin, verify_pin


def test_a_hashed_pin_verifies_and_a_wrong_one_does_not():
    h = hash_pin("2468")
    assert h.startswith("$argon2")
    assert "2468" not in h
    assert verify_pin(h, "2468")
    assert not verify_pin(h, "2469")


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "１２３４", " 1234"])
def test_a_pin_must_be_four_to_eight_digits(pin):
    with pytest.raises(RuleError) as err:
        hash_pin(pin)
    assert err.value.code == "bad_pin"
    assert "4至8位数字" in err.value.zh


def test_a_missing_or_malformed_hash_never_verifies():
    assert not verify_pin(None, "1234")
    assert not verify_pin("", "1234")
    assert not verify_pin("not-a-hash", "1234")
    assert not verify_pin(hash_pin("1234"), "")
