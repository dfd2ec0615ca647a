"""Resident identity numbers (GB 11643): checksum and birth date are errors, birthplace a warning."""

from __future__ import annotations

import datetime
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import ric

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


@dataclass(frozen=True)
class IdNumber:
    """A checked identity number with what it tells about its holder."""

    number: str
    birth_date: datetime.date
    gender: str  # "male" / "female", from the parity of the sequence number
    warnings: list[str] = field(default_factory=list)


def check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(map(mul, map(int, first17), WEIGHTS))
    return CHECK_CHARS[total % 11]


def upgrade_15(number: str) -> str:
    """A legacy 15-digit number becomes 18 digits: century 19 inserted, check digit appended."""
    body = number[:6] + "19" + number[6:]
    return body + check_digit(body)


@lru_cache(maxsize=4096)
def _area_known(code: str, year: int) -> bool:
    # stdnum searches its table on every call; a county has a few dozen codes, so cache per code.
    try:
        return bool(ric.get_birth_place(f"{code}{year:04d}01010000"))
    except Exception:  # stdnum raises KeyError for province-only codes
        return False


_day: dict[str, float | datetime.date] = {}


def _today() -> datetime.date:
    """The local date, looked up at most once a minute (imports check tens of thousands of numbers)."""
    now = time.monotonic()
    day, at = _day.get("day"), _day.get("at")
    if not isinstance(day, datetime.date) or not isinstance(at, float) or now - at > 60:
        day = timezone.localdate()
        _day.update(day=day, at=now)
    return day


# Birth dates already built, by their eight digits: an import's people share a few thousand birthdays, and
# building a date from three int() calls costs more than a dict lookup. Only real dates enter, since 1900,
# so it stays small (under 50,000 entries).
_births: dict[str, datetime.date] = {}


def parse_id_number(value: str) -> IdNumber:
    """Validate an identity number and derive birth date and gender, raising a user-facing error."""
    # Full-width characters typed in Chinese input modes become ASCII before any check.
    number = value if value and value.isascii() else unicodedata.normalize("NFKC", value or "")
    number = number.strip().upper().replace(" ", "")
    if not number.isascii():
        raise ValidationError(
            _("The ID number must have 18 characters: 17 digits and a final digit or X."),
            code="ID_LENGTH",
        )
    if len(number) == 15 and number.isdigit():
        number = upgrade_15(number)
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            _("The ID number must have 18 characters: 17 digits and a final digit or X."),
            code="ID_LENGTH",
        )
    digits = number[6:14]
    birth = _births.get(digits)
    if birth is None:
        try:
            birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        except ValueError:
            raise ValidationError(
                _("The ID number holds an impossible birth date (%(date)s).")
                % {"date": f"{number[6:10]}-{number[10:12]}-{number[12:14]}"},
                code="ID_BIRTH_DATE",
            ) from None
        if birth.year >= 1900:
            _births[digits] = birth
    if birth > _today() or birth.year < 1900:
        raise ValidationError(
            _("The ID number holds an impossible birth date (%(date)s).") % {"date": birth.isoformat()},
            code="ID_BIRTH_DATE",
        )
    # The 17 ASCII digits read in base 13 give the same sum modulo 11 as check_digit's weights: each weight
    # is 2 ** (17 - i) mod 11, and 13 is 2 mod 11. One int() in C instead of 17 in Python.
    expected = CHECK_CHARS[2 * int(number[:17], 13) % 11]
    if number[17] != expected:
        raise ValidationError(
            _("The ID number's check digit is wrong: the last character should be %(expected)s.")
            % {"expected": expected},
            code="ID_CHECKSUM",
        )
    warnings = []
    if not _area_known(number[:6], birth.year):
        warnings.append(
            _("The birthplace code %(code)s is not in the division table; please check the number.")
            % {"code": number[:6]}
        )
    gender = "male" if number[16] in "13579" else "female"
    return IdNumber(number=number, birth_date=birth, gender=gender, warnings=warnings)


def make_id_number(area: str, birth: datetime.date, sequence: int) -> str:
    """A valid (fictional) number for demo and test data; odd sequence gives a man."""
    body = f"{area}{birth:%Y%m%d}{sequence % 1000:03d}"
    return body + check_digit(body)
