"""Masking of ID numbers and phones for users who may not see them in clear."""

import pytest

from tuanwu.core.masking import mask_id_number, mask_phone


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("341102198505170018", "341102************"),
        ("34110220040517007X", "341102************"),
        ("341102850517001", "341102*********"),
        ("E12345678", "*********"),
        ("12345678", "********"),
        ("123", "***"),
        ("", ""),
        (None, ""),
    ],
)
def test_id_number_keeps_only_the_region_code_of_mainland_numbers(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13800001234", "138****1234"),
        ("19912345678", "199****5678"),
        ("0551-12345678", "*********5678"),
        ("055112345678", "********5678"),
        ("", ""),
        (None, ""),
    ],
)
def test_phone_keeps_prefix_and_last_four_of_mobiles_and_last_four_of_others(value, masked):
    assert mask_phone(value) == masked
