"""Dates: ages, month arithmetic, and the year a page is asked for."""

import datetime

from django.utils import timezone

from .params import YEAR_MAX, YEAR_MIN


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Full years of age on day (a birthday counts from its own day)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day months later (or earlier), the month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day years later (or earlier); 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def requested_year(request, key: str = "year") -> int:
    """The year a page is asked for (?year=), kept within YEAR_MIN–YEAR_MAX; this year when absent or unreadable."""
    this_year = timezone.localdate().year
    try:
        return min(max(int(request.GET.get(key) or this_year), YEAR_MIN), YEAR_MAX)
    except ValueError:
        return this_year
