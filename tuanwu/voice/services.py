"""Every write of 青年之声: the holiday tables, and the cases' steps (see services_cases for the cases)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOICE
from tuanwu.organizations import scope

from .models import CalendarDay, HolidayYear

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def _require_county_admin(actor: User) -> None:
    """Only who manages 青年之声 on a county committee itself edits the national calendar."""
    if scope.county_for(actor, MANAGE_VOICE) is None:
        raise PermissionDenied(_("Only the county administrator edits the holiday tables."))


def holiday_year_create(*, actor: User, year: int, source: str = "") -> HolidayYear:
    """Open a year's holiday table (empty until its days are entered): from then on deadlines in it count."""
    with transaction.atomic(), set_actor(actor):
        _require_county_admin(actor)
        table = HolidayYear(year=year, source=source)
        table.full_clean()
        table.save()
    return table


def calendar_day_set(
    *, actor: User, table: HolidayYear, date: datetime.date, kind: str, name: str = "", statutory: bool = False
) -> CalendarDay:
    """Enter a day off or a make-up working day in a year's table (replacing what the table said of that date)."""
    with transaction.atomic(), set_actor(actor):
        _require_county_admin(actor)
        if kind == CalendarDay.Kind.WORK and date.weekday() < 5:
            raise ValidationError(
                {
                    "date": _("%(date)s is a weekday: only a Saturday or Sunday can be a make-up working day.")
                    % {"date": date.isoformat()}
                },
                code="CALENDAR_WORKDAY_NOT_WEEKEND",
            )
        if kind == CalendarDay.Kind.WORK:
            statutory = False
        day = CalendarDay.objects.select_for_update().filter(date=date).first() or CalendarDay(date=date)
        day.table, day.kind, day.name, day.statutory = table, kind, name, statutory
        day.full_clean()
        day.save()
        _recompute_open_cases()
    return day


def calendar_day_remove(*, actor: User, day: CalendarDay) -> None:
    """Take a day out of its table: it follows the week's rhythm again."""
    with transaction.atomic(), set_actor(actor):
        _require_county_admin(actor)
        day.delete()
        _recompute_open_cases()


def _recompute_open_cases() -> None:
    # A corrected table moves the deadlines of the cases still open (a deadline already passed stays passed).
    from .services_cases import case_deadlines_recompute

    case_deadlines_recompute()


def shipped_tables_load() -> int:
    """Load the decreed tables TuanWu ships (holidays_data.py) for the years that have no table yet, as migration
    0002 does on a new database; a year already present, edited or not, is left as it is. Returns the years loaded."""
    from .holidays_data import SOURCES, TABLES

    present = set(HolidayYear.objects.filter(year__in=list(TABLES)).values_list("year", flat=True))
    loaded = 0
    with transaction.atomic():
        for year, rows in TABLES.items():
            if year in present:
                continue
            table = HolidayYear.objects.create(year=year, source=SOURCES.get(year, ""))
            CalendarDay.objects.bulk_create(
                [CalendarDay(table=table, date=d, kind=kind, name=name, statutory=st) for d, kind, name, st in rows]
            )
            loaded += 1
    return loaded
