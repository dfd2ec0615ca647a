"""Working days on China's decreed calendar: Monday to Friday, less the days off, plus the make-up working days
on weekends (调休), year by year from the holiday tables. A year without a table is refused, never guessed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import CalendarDay, HolidayYear


class CalendarMissing(ValidationError):
    """A computation reached a year whose holiday table has not been entered."""


@dataclass(frozen=True)
class Calendar:
    """The decreed exceptions of some years, loaded once for a computation."""

    years: frozenset[int]
    off: frozenset[datetime.date]
    work: frozenset[datetime.date]

    def require(self, year: int) -> None:
        if year not in self.years:
            raise CalendarMissing(
                _(
                    "The holiday table for %(year)s has not been entered: no deadline can be computed in that year "
                    "until the county administrator enters the State Council's holiday notice for it."
                )
                % {"year": year},
                code="CALENDAR_MISSING",
            )

    def is_workday(self, day: datetime.date) -> bool:
        """Whether day is a working day; raises CalendarMissing for a year without a table."""
        self.require(day.year)
        if day in self.work:
            return True
        if day in self.off:
            return False
        return day.weekday() < 5


def calendar_load() -> Calendar:
    """Every holiday table in the database, as one calendar."""
    years = frozenset(HolidayYear.objects.values_list("year", flat=True))
    off: set[datetime.date] = set()
    work: set[datetime.date] = set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (work if kind == CalendarDay.Kind.WORK else off).add(day)
    return Calendar(years, frozenset(off), frozenset(work))


def add_workdays(start: datetime.date, n: int, calendar: Calendar | None = None) -> datetime.date:
    """The day n working days after start (start itself not counted, whatever it is): filed on Friday
    2026-02-13, 2 working days fall on Saturday 02-14 (a make-up day) and Tuesday 02-24."""
    if n < 0:
        raise ValueError("n must not be negative")
    cal = calendar or calendar_load()
    cal.require(start.year)
    day, left = start, n
    while left:
        day += datetime.timedelta(days=1)
        if cal.is_workday(day):
            left -= 1
    return day


def workdays_between(start: datetime.date, end: datetime.date, calendar: Calendar | None = None) -> int:
    """The working days after start up to and including end (0 when end is not after start)."""
    cal = calendar or calendar_load()
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if cal.is_workday(day):
            count += 1
    return count


def statutory_count(year: int) -> int:
    """The statutory holidays a year's table marks (13 a year since 2025)."""
    return CalendarDay.objects.filter(table__year=year, statutory=True).count()


def balance(year: int) -> int:
    """Weekdays off less weekend working days: equals the statutory days when the table was entered right (a
    holiday on a weekend is made up by a weekday off)."""
    days = CalendarDay.objects.filter(table__year=year)
    weekdays_off = sum(1 for d in days if d.kind == CalendarDay.Kind.OFF and d.date.weekday() < 5)
    weekend_work = sum(1 for d in days if d.kind == CalendarDay.Kind.WORK and d.date.weekday() >= 5)
    return weekdays_off - weekend_work
