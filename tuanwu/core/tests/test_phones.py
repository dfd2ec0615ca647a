"""Phone numbers: mobiles of 11 digits and landlines with an area code, as people type them."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import full_width
from tuanwu.core.phones import normalize_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "13812345678"),
        (" 138 1234 5678 ", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("19912345678", "19912345678"),
        ("0551-12345678", "0551-12345678"),
        ("055112345678", "055112345678"),
        ("(0551)12345678", "055112345678"),
        ("（0551）12345678", "055112345678"),
        ("010-12345678", "010-12345678"),
        ("0551-1234567", "0551-1234567"),
        ("0551-12345678-123", "0551-12345678-123"),
        ("１３８１２３４５６７８", "13812345678"),  # typed in a Chinese input mode
    ],
)
def test_valid_numbers_are_normalized(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("empty", ["", None, "   "])
def test_empty_value_stays_empty(empty):
    assert normalize_phone(empty) == ""


@pytest.mark.parametrize(
    "value",
    [
        "12812345678",  # no mobile network starts with 12
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "551-12345678",  # landline without the leading 0
        "0551-123456",  # local number too short
        "0551-12345678-1234567",  # extension too long
        "abc",
    ],
)
def test_invalid_numbers_are_refused_quoting_the_value(value):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        normalize_phone(value)

    assert error.value.code == "PHONE_INVALID"
    assert error.value.messages == [
        f"The phone number {value} is not valid: use an 11-digit mobile (13812345678) or a landline "
        "with its area code (0551-12345678)."
    ]


def test_mixed_full_width_digits_are_stored_as_ascii_digits():
    typed = "138" + full_width("12345678")

    stored = normalize_phone(typed)

    assert stored == "13812345678"
