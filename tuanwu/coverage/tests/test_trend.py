"""Coverage month by month from the directory's dated records, over a hand-built half year: a unit checked, dropped
back and checked again, one that closed, one never operating, one entered already covered."""

import datetime

import pytest
from django.utils import timezone

from tuanwu.coverage import selectors as sel
from tuanwu.coverage.models import Unit, UnitStep
from tuanwu.coverage.rules import covered_on, month_ends
from tuanwu.coverage.tests.factories import unit
from tuanwu.coverage.tests.test_figures import staffed
from tuanwu.organizations.models import Park

YEAR = timezone.localdate().year
TODAY = datetime.date(YEAR, 6, 20)


def d(month, day):
    return datetime.date(YEAR, month, day)


def entered(row, month, day):
    Unit.objects.filter(pk=row.pk).update(created_at=timezone.make_aware(datetime.datetime(YEAR, month, day, 9)))


def step(row, kind, month, day):
    UnitStep.objects.create(unit=row, kind=kind, on=d(month, day))


@pytest.fixture
def half_year(cast):
    town = cast.town
    park = Park.objects.create(name="青禾经开区")
    covered = {"status": Unit.Status.COVERED, "league_org_form": "own", "employees": 20, "young_employees": 5}
    u1 = unit(town, "U1", covering_org=staffed(town, "U1团支部"), **covered)
    u2 = unit(town, "U2", park=park, employees=20, young_employees=5)
    u3 = unit(town, "U3", employees=20, young_employees=5, operating=False, closed_on=d(4, 15))
    u4 = unit(town, "U4", employees=20, young_employees=5, operating=False)
    u5 = unit(town, "U5", covering_org=staffed(town, "U5团支部"), **covered)
    for row, (month, day) in zip((u1, u2, u3, u4, u5), ((1, 5), (2, 20), (1, 1), (1, 1), (4, 2)), strict=True):
        entered(row, month, day)
    step(u1, "founded", 2, 1)
    step(u1, "checked", 3, 10)
    step(u1, "dropped", 5, 3)
    step(u1, "checked", 6, 1)
    return cast


def test_each_months_coverage_matches_the_hand_count(half_year):
    """Jan: U1 U3 should, none covered. Feb: + U2 (in the park). Mar: U1 checked → 1 of 3. Apr: U3 closed, U5
    entered covered → U1 U5 of U1 U2 U5. May: U1 dropped back → 1 of 3. Today (20 Jun): U1 checked again → 2 of 3.
    U4 never operating is never counted."""
    points = sel.coverage_trend(half_year.county, YEAR, today=TODAY)

    assert [(p.day, p.should, p.covered, p.parks_should, p.parks_covered) for p in points] == [
        (d(1, 31), 2, 0, 0, 0),
        (d(2, 29) if YEAR % 4 == 0 else d(2, 28), 3, 0, 1, 0),
        (d(3, 31), 3, 1, 1, 0),
        (d(4, 30), 3, 2, 1, 0),
        (d(5, 31), 3, 1, 1, 0),
        (TODAY, 3, 2, 1, 0),
    ]
    assert str(points[-1].rate) == "66.7"


def test_the_month_under_way_agrees_with_the_boards_live_figure(half_year):
    today = timezone.localdate()
    last = sel.coverage_trend(half_year.county, YEAR, today=today)[-1]

    total = sel.figures_for(half_year.county, YEAR, today).total()
    assert (last.day, last.should, last.covered) == (today, total.should, total.covered)


def test_a_year_not_begun_has_no_trend(half_year):
    assert sel.coverage_trend(half_year.county, YEAR + 1) == []


def test_the_last_covering_step_on_or_before_the_day_decides():
    steps = [(d(3, 1), "checked"), (d(5, 1), "dropped")]

    assert [covered_on(steps, day, d(1, 1), now=True) for day in (d(2, 1), d(3, 1), d(4, 30), d(5, 1))] == [
        False,
        True,
        True,
        False,
    ]
    assert covered_on([], d(2, 1), since=d(1, 1), now=True) is True
    assert covered_on([], d(2, 1), since=d(3, 1), now=True) is False


def test_month_ends_stop_at_today():
    assert month_ends(2024, datetime.date(2024, 3, 5)) == [
        datetime.date(2024, 1, 31),
        datetime.date(2024, 2, 29),
        datetime.date(2024, 3, 5),
    ]
    assert len(month_ends(2023, datetime.date(2024, 3, 5))) == 12
