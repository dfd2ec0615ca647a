"""Bounded types for request parameters: every number a client sends has a range the database can hold, so
an absurd value is refused (the API's 422) instead of overflowing a query or a date."""

from typing import Annotated

from pydantic import Field

# The largest value a 64-bit integer column (and SQL's OFFSET and LIMIT) takes.
BIGINT_MAX = 2**63 - 1

# The years a page, filter or API call may ask for (pages clamp to them, forms and the API refuse others).
YEAR_MIN = 2000
YEAR_MAX = 2100

# Rows one API page may hold, and how far into a list it may start.
API_PAGE_SIZE = 100
API_MAX_LIMIT = 500
API_MAX_OFFSET = 10**9

Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX, description=f"A calendar year, {YEAR_MIN}–{YEAR_MAX}")]
Id = Annotated[int, Field(ge=1, le=BIGINT_MAX, description="A row's id")]


def parse_id(value) -> int | None:
    """The row id a page's field or query string holds: ASCII digits from 1 to BIGINT_MAX, else None
    (str.isdigit() also accepts digits such as "²" that int() refuses)."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= BIGINT_MAX else None
