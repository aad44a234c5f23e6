import pytest

from deskapp.domain.phone import mask_phone


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13811111111", "138****1111"),
        ("138 1111 1111", "138****1111"),
        ("138-1111-1111", "138****1111"),
        ("+8613811111111", "138****1111"),
        ("+86 138 1111 1111", "138****1111"),
        ("+86-138-1111-1111", "138****1111"),
        ("008613811111111", "138****1111"),
        ("8613811111111", "138****1111"),
    ],
)
def test_mobile_keeps_first_three_and_last_four_digits(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("010-12345678", "010-****5678"),
        ("01012345678", "010-****5678"),
        ("(010)12345678", "010-****5678"),
        ("+86 10 1234 5678", "010-****5678"),
        ("+86-10-12345678", "010-****5678"),
        ("020-87654321", "020-****4321"),
        ("0571-87654321", "0571-****4321"),
        ("0571-7654321", "0571-****4321"),
        ("010-12345678-123", "010-****5678"),
        ("010-12345678转123", "010-****5678"),
    ],
)
def test_landline_keeps_area_code_and_last_four_digits(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("phone", ["12345678", "400-123-4567", "95533", "123", "abc"])
def test_other_numbers_show_at_most_the_last_four_digits(phone):
    masked = mask_phone(phone)
    assert "****" in masked
    digits = "".join(c for c in masked if c.isdigit())
    assert len(digits) <= 4


@pytest.mark.parametrize("phone", ["", "   ", None])
def test_no_phone_masks_to_empty(phone):
    assert mask_phone(phone) == ""


@pytest.mark.parametrize(
    "phone",
    ["13811111111", "+86 139 0000 1234", "010-12345678", "0571-87654321", "12345678", "400-123-4567"],
)
def test_masked_number_never_contains_the_full_number(phone):
    digits = "".join(c for c in phone if c.isdigit())
    masked_digits = "".join(c for c in mask_phone(phone) if c.isdigit())
    assert digits not in masked_digits
    assert digits[-8:] not in masked_digits
