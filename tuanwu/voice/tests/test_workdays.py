"""Deadlines in working days on the decreed 2025 and 2026 calendars, and the refusal of a year without a table."""

import datetime

import pytest

from tuanwu.voice.models import CalendarDay, HolidayYear
from tuanwu.voice.workdays import CalendarMissing, add_workdays, balance, statutory_count

D = datetime.date.fromisoformat

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # Saturday 02-14 is a make-up working day; 02-15 to 02-23 are off.
        ("2026-02-13", 2, "2026-02-24"),
        ("2026-02-13", 15, "2026-03-12"),
        # National Day: 10-01 to 10-07 off.
        ("2026-09-30", 2, "2026-10-09"),
        ("2026-02-13", 0, "2026-02-13"),
        # Filed on a holiday: the count starts after it.
        ("2026-02-17", 1, "2026-02-24"),
        # Filed on a make-up Saturday: counted from the next day.
        ("2026-02-14", 1, "2026-02-24"),
        ("2025-09-26", 1, "2025-09-28"),
        ("2025-12-30", 2, "2026-01-04"),
    ],
)
def test_deadline_on_the_decreed_calendar(start, n, due):
    assert add_workdays(D(start), n) == D(due)


def test_deadline_in_a_year_without_a_table_is_refused():
    with pytest.raises(CalendarMissing) as refused:
        add_workdays(D("2026-12-28"), 5)

    assert refused.value.code == "CALENDAR_MISSING"
    assert "2027" in refused.value.messages[0]
    assert "节假日" in refused.value.messages[0]


def test_start_in_a_year_without_a_table_is_refused_even_for_zero_days():
    with pytest.raises(CalendarMissing):
        add_workdays(D("2024-06-03"), 0)


@pytest.mark.parametrize("year", [2025, 2026])
def test_each_shipped_table_has_13_statutory_days_and_balances(year):
    assert statutory_count(year) == 13
    assert balance(year) == 13


def test_shipped_tables_hold_the_make_up_working_days():
    work = set(CalendarDay.objects.filter(kind="work").values_list("date", flat=True))

    assert work == {
        D(d)
        for d in [
            "2025-01-26",
            "2025-02-08",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11",
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ]
    }
    assert list(HolidayYear.objects.values_list("year", flat=True)) == [2025, 2026]


def test_the_shipped_tables_come_back_when_missing_and_an_edited_year_is_kept():
    from tuanwu.voice.models import CalendarDay, HolidayYear
    from tuanwu.voice.services import shipped_tables_load

    CalendarDay.objects.filter(table__year=2025).delete()
    HolidayYear.objects.filter(year=2025).delete()
    edited = CalendarDay.objects.filter(table__year=2026).first()
    edited.name = "本县调整"
    edited.save()

    assert shipped_tables_load() == 1
    assert statutory_count(2025) == 13
    edited.refresh_from_db()
    assert edited.name == "本县调整"
    assert shipped_tables_load() == 0
