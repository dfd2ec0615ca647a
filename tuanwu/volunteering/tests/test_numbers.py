"""The numbers: per organization, per child organization and per person, checked against a hand-computed ledger."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import PersonFactory
from tuanwu.volunteering.models import stars_for
from tuanwu.volunteering.selectors import hours_by_child, hours_by_person, organization_summary, person_summary
from tuanwu.volunteering.services.activities import activity_cancel
from tuanwu.volunteering.services.corrections import entry_correct

from .factories import activity, ledger_entry

Y = 2024


def d(year, month=6, day=1):
    return datetime.date(year, month, day)


def aware(year, month, day, hour):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def ledger(cast):
    """The ledger, by person (certified unless said), with the cumulative total that sets the stars:

    张晓明 (东湖村)  2023: 95.5            2024: 6 + 2.5 = 8.5                → 104   ★1
    李华   (东湖村)  2023: 96.5            2024: 3 (+ 50 recorded, uncounted) → 99.5  no star
    王芳   (西湾村)  2022: 284             2024: 20, corrected to 16          → 300   ★2
    赵磊   (一中班)                        2024: 100                          → 100   ★1
    陈静   (东湖村)  this year: 5                                             → 5     no star

    2024 in the county: 127.5 hours, 4 volunteers, 6 entries (the correction is one).
    2024 in the town: 27.5 hours, 3 volunteers, 5 entries.
    """
    p, town, school = cast.people, cast.town, cast.school
    ledger_entry(p["zhang"], d(2023), "95.5", organizer=town)
    ledger_entry(p["zhang"], d(Y, 3), "6", organizer=town)
    ledger_entry(p["zhang"], d(Y, 9), "2.5", organizer=cast.county)
    ledger_entry(p["li"], d(2023), "96.5", organizer=town)
    ledger_entry(p["li"], d(Y, 4), "3", organizer=town)
    ledger_entry(p["li"], d(Y, 5), "50", organizer=town, certified=False)
    ledger_entry(p["wang"], d(2022), "284", organizer=town)
    wang = ledger_entry(p["wang"], d(Y, 7), "20", organizer=town)
    entry_correct(actor=cast.users["committee_secretary"], entry=wang, hours=Decimal("16"), reason="重复计算")
    ledger_entry(p["zhao"], d(Y, 10), "100", organizer=school)
    ledger_entry(p["youth"], timezone.localdate(), "5", organizer=town)
    # Activities of 2024: two in the town (one cancelled) and one at the school; one school activity of 2023.
    admin = cast.users["county_admin"]
    activity(admin, town, start=aware(Y, 5, 4, 9), end=aware(Y, 5, 4, 12))
    cancelled = activity(admin, town, start=aware(Y, 6, 1, 9), end=aware(Y, 6, 1, 12))
    activity_cancel(actor=admin, activity=cancelled)
    activity(admin, school, start=aware(Y, 9, 10, 9), end=aware(Y, 9, 10, 12), publish=False)
    activity(admin, school, start=aware(2023, 9, 10, 9), end=aware(2023, 9, 10, 12))
    return cast


def stars(level1, level2):
    counts = [level1, level2, 0, 0, 0]
    thresholds = [100, 300, 600, 1000, 1500]
    return [
        {"level": i + 1, "threshold": t, "eligible": c, "recognized": 0}
        for i, (t, c) in enumerate(zip(thresholds, counts, strict=True))
    ]


@pytest.mark.parametrize(("hours", "expected"), [(0, 0), (99.99, 0), (100, 1), (299.5, 1), (300, 2), (1500, 5)])
def test_stars_start_at_each_threshold(hours, expected):
    assert stars_for(Decimal(str(hours))) == expected


def test_county_summary(ledger):
    summary = organization_summary(ledger.county, Y)

    assert summary == {
        "hours": Decimal("127.5"),
        "volunteers": 4,
        "entries": 5,  # entries of the year, not counting the correction row
        "stars": stars(level1=2, level2=1),
        "activities": 2,
    }


def test_town_summary(ledger):
    summary = organization_summary(ledger.town, Y)

    assert summary == {
        "hours": Decimal("27.5"),
        "volunteers": 3,
        "entries": 4,  # not counting the correction row
        "stars": stars(level1=1, level2=1),
        "activities": 1,
    }


def test_summary_of_a_year_without_service(ledger):
    summary = organization_summary(ledger.school, 2023)

    assert summary == {"hours": Decimal("0"), "volunteers": 0, "entries": 0, "stars": stars(1, 0), "activities": 1}


def test_hours_by_child_of_the_county_most_hours_first(ledger):
    rows = hours_by_child(ledger.county, Y)

    assert [(r["organization"], r["hours"], r["volunteers"]) for r in rows] == [
        (ledger.school, Decimal("100"), 1),
        (ledger.town, Decimal("27.5"), 3),
    ]


def test_hours_by_child_of_the_town(ledger):
    rows = hours_by_child(ledger.town, Y)

    assert [(r["organization"], r["hours"], r["volunteers"]) for r in rows] == [
        (ledger.branch2, Decimal("16"), 1),
        (ledger.branch, Decimal("11.5"), 2),
    ]


def test_hours_by_person_leaves_out_people_without_hours_that_year(ledger):
    p = ledger.people

    totals = hours_by_person([p[name].pk for name in ("zhang", "li", "wang", "zhao", "youth")], Y)

    assert totals == {
        p["zhang"].pk: Decimal("8.5"),
        p["li"].pk: Decimal("3"),
        p["wang"].pk: Decimal("16"),
        p["zhao"].pk: Decimal("100"),
    }


def test_person_summary_with_one_star(ledger):
    summary = person_summary(ledger.people["zhang"].pk)

    assert summary == {
        "by_year": [(Y, Decimal("8.5")), (2023, Decimal("95.5"))],
        "total": Decimal("104"),
        "eligible_stars": 1,
        "recognized": None,
        "next_star": 300,
        "to_next_star": Decimal("196"),
        "this_year": Decimal("0"),
        "pending": Decimal("0"),
    }


def test_person_summary_just_below_the_first_star_with_pending_hours(ledger):
    summary = person_summary(ledger.people["li"].pk)

    assert (summary["total"], summary["eligible_stars"], summary["next_star"], summary["to_next_star"]) == (
        Decimal("99.5"),
        0,
        100,
        Decimal("0.5"),
    )
    assert summary["pending"] == Decimal("50")


def test_person_summary_exactly_at_the_second_star(ledger):
    summary = person_summary(ledger.people["wang"].pk)

    assert summary["by_year"] == [(Y, Decimal("16")), (2022, Decimal("284"))]
    assert (summary["total"], summary["eligible_stars"], summary["next_star"], summary["to_next_star"]) == (
        Decimal("300"),
        2,
        600,
        Decimal("300"),
    )


def test_person_summary_counts_this_year(ledger):
    summary = person_summary(ledger.people["youth"].pk)

    assert (summary["this_year"], summary["total"], summary["eligible_stars"]) == (Decimal("5"), Decimal("5"), 0)


def test_person_summary_of_someone_without_hours(ledger):
    newcomer = PersonFactory(organization=ledger.branch2, name="周婷")

    summary = person_summary(newcomer.pk)

    assert summary == {
        "by_year": [],
        "total": Decimal("0"),
        "eligible_stars": 0,
        "recognized": None,
        "next_star": 100,
        "to_next_star": Decimal("100"),
        "this_year": Decimal("0"),
        "pending": Decimal("0"),
    }
