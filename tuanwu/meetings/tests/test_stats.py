"""The numbers organizational life gives the plan: counted from hand-built meetings, exact."""

import datetime
from decimal import Decimal

import pytest

from tuanwu.meetings.models import BranchRating, Course, Enrollment, Kind
from tuanwu.meetings.selectors import stats
from tuanwu.meetings.tests.factories import record

pytestmark = pytest.mark.django_db
YEAR = 2025


def test_theme_days_and_the_monthly_share_of_branches(cast):
    admin = cast.users["county_admin"]
    record(admin, cast.branch, Kind.THEME_DAY, datetime.date(YEAR, 1, 10))
    record(admin, cast.branch, Kind.THEME_DAY, datetime.date(YEAR, 1, 20))
    record(admin, cast.branch2, Kind.THEME_DAY, datetime.date(YEAR, 2, 5))
    record(admin, cast.town, Kind.THEME_DAY, datetime.date(YEAR, 2, 6), people=[])  # a committee's, not a branch's

    months = stats.theme_day_share_by_month(cast.county, YEAR)

    assert stats.theme_days(cast.county, YEAR) == 4
    # Three branches in the cast: one held in January (twice), one in February.
    assert months[:3] == [Decimal("33.3"), Decimal("33.3"), Decimal("0.0")]
    assert len(months) == 12
    assert stats.theme_day_share(cast.county, YEAR) == Decimal("5.6")  # 66.6 / 12
    assert stats.theme_days(cast.school, YEAR) == 0


def test_participants_and_lesson_hours_per_member(cast):
    admin = cast.users["county_admin"]
    record(admin, cast.branch, Kind.LESSON, datetime.date(YEAR, 3, 1), hours=2, absent=("李华",))
    record(admin, cast.branch2, Kind.LESSON, datetime.date(YEAR, 3, 2), hours="1.5")
    record(admin, cast.branch, Kind.THEME_DAY, datetime.date(YEAR, 3, 3))

    assert stats.participants(cast.county, YEAR) == 1 + 1 + 2
    assert stats.lessons(cast.county, YEAR) == 2
    # 2 + 1.5 hours over the county's 4 members.
    assert stats.lesson_hours_per_member(cast.county, YEAR) == Decimal("0.88")
    assert stats.lesson_hours_per_member(cast.town, YEAR) == Decimal("1.17")  # 3.5 / 3


def test_school_graduates_and_branches_by_star(cast):
    course = Course.objects.create(organization=cast.county, title="团校", starts_on=datetime.date(YEAR, 4, 1))
    Enrollment.objects.create(
        course=course, person=cast.people["li"], status="completed", completed_on=datetime.date(YEAR, 5, 1)
    )
    Enrollment.objects.create(course=course, person=cast.people["wang"])
    for org, band in ((cast.branch, "5"), (cast.branch2, "weak"), (cast.school_branch, "4")):
        BranchRating.objects.create(organization=org, year=YEAR, status="reviewed", band=band, final_band=band)
    BranchRating.objects.create(organization=cast.town, year=YEAR, status="draft", band="5", final_band="5")

    assert stats.school_graduates(cast.county, YEAR) == 1
    assert stats.top_band_branches(cast.county, YEAR) == 2
    assert stats.weak_branches(cast.county, YEAR) == 1
    assert stats.top_band_branches(cast.school, YEAR) == 1
