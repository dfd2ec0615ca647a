"""Identity numbers: a wrong check digit or birth date is an error, an unknown birthplace a warning."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from tests.factories import full_width
from tuanwu.core.idcard import check_digit, make_id_number, parse_id_number

# make_id_number("341102", 2004-05-17, 1): 琅琊区, Chuzhou, a man.
VALID = "341102200405170010"


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_valid_number_parses_to_its_birth_date_and_gender():
    number = make_id_number("341102", datetime.date(2004, 5, 17), 1)

    parsed = parse_id_number(number)

    assert number == VALID
    assert parsed.number == VALID
    assert parsed.birth_date == datetime.date(2004, 5, 17)
    assert parsed.gender == "male"
    assert parsed.warnings == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("34110220040517007x", "34110220040517007X"),
        (" 341102 20040517 0010 ", VALID),
    ],
)
def test_lower_case_x_and_spaces_are_normalized(typed, stored):
    parsed = parse_id_number(typed)

    assert parsed.number == stored


def test_wrong_check_digit_is_refused_naming_the_expected_digit(english):
    wrong = VALID[:17] + "1"

    with pytest.raises(ValidationError) as error:
        parse_id_number(wrong)

    assert error.value.code == "ID_CHECKSUM"
    assert error.value.messages == ["The ID number's check digit is wrong: the last character should be 0."]


def test_impossible_birth_date_is_refused(english):
    body = "341102" + "20230230" + "001"
    number = body + check_digit(body)

    with pytest.raises(ValidationError) as error:
        parse_id_number(number)

    assert error.value.code == "ID_BIRTH_DATE"
    assert error.value.messages == ["The ID number holds an impossible birth date (2023-02-30)."]


@pytest.mark.parametrize(
    "birth",
    [datetime.date(1899, 12, 31), datetime.date.today() + datetime.timedelta(days=2)],
    ids=["before-1900", "future"],
)
def test_birth_date_before_1900_or_in_the_future_is_refused(birth):
    number = make_id_number("341102", birth, 1)

    with pytest.raises(ValidationError) as error:
        parse_id_number(number)

    assert error.value.code == "ID_BIRTH_DATE"


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        VALID[:17],
        VALID + "0",
        VALID[:17] + "Y",
        "X" + VALID[1:],
        "34110285051700X",
    ],
    ids=["empty", "none", "17-chars", "19-chars", "bad-last-char", "letter-inside", "15-with-x"],
)
def test_wrong_length_or_characters_are_refused(value, english):
    with pytest.raises(ValidationError) as error:
        parse_id_number(value)

    assert error.value.code == "ID_LENGTH"
    assert error.value.messages == ["The ID number must have 18 characters: 17 digits and a final digit or X."]


def test_legacy_15_digit_number_is_upgraded_to_18():
    parsed = parse_id_number("341102850517001")

    assert parsed.number == "341102198505170018"
    assert parsed.birth_date == datetime.date(1985, 5, 17)
    assert parsed.gender == "male"


def test_unknown_birthplace_code_is_a_warning_not_an_error(english):
    body = "999999" + "20040517" + "001"

    parsed = parse_id_number(body + check_digit(body))

    assert parsed.birth_date == datetime.date(2004, 5, 17)
    assert parsed.warnings == ["The birthplace code 999999 is not in the division table; please check the number."]


@pytest.mark.parametrize(
    ("sequence", "gender"),
    [(1, "male"), (2, "female"), (9, "male"), (10, "female"), (0, "female"), (999, "male")],
)
def test_gender_follows_the_parity_of_the_sequence_number(sequence, gender):
    number = make_id_number("341102", datetime.date(2004, 5, 17), sequence)

    parsed = parse_id_number(number)

    assert parsed.gender == gender


@settings(deadline=None, max_examples=300)
@given(
    area=st.sampled_from(["341102", "341122", "110101", "999999"]),
    birth=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today()),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_generated_numbers_always_parse_back_to_their_birth_date(area, birth, sequence):
    number = make_id_number(area, birth, sequence)

    parsed = parse_id_number(number)

    assert parsed.number == number
    assert parsed.birth_date == birth
    assert parsed.gender == ("male" if sequence % 2 else "female")
    assert number[17] == ric.calc_check_digit(number)  # python-stdnum as an independent oracle


def test_full_width_digits_are_read_as_ascii_digits():
    typed = full_width(VALID[:17]) + VALID[17]

    parsed = parse_id_number(typed)

    assert parsed.number == VALID
    assert parsed.birth_date == datetime.date(2004, 5, 17)
