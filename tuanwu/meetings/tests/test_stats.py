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


def _full_year(admin, org, **kw):
    for month in range(1, 13):
        record(admin, org, Kind.THEME_DAY, datetime.date(YEAR, month, 5), **kw)
    for month in (2, 5, 8, 11):
        record(admin, org, Kind.GENERAL_MEETING, datetime.date(YEAR, month, 6), **kw)
        record(admin, org, Kind.LESSON, datetime.date(YEAR, month, 7), hours=1, **kw)


def test_the_share_of_branches_compliant_over_the_year(cast):
    _full_year(cast.users["county_admin"], cast.branch)

    # Of the three branches only 东湖村 held everything; the other two held nothing.
    assert stats.compliant_branch_share(cast.county, YEAR) == Decimal("33.3")
    assert stats.compliant_branch_share(cast.town, YEAR) == Decimal("50.0")
    assert stats.compliant_branch_share(cast.school, YEAR) == Decimal("0.0")


def test_the_party_branch_meetings_held_against_the_policy(cast):
    from tuanwu.meetings.models import PartyBranch, PartyMember
    from tuanwu.meetings.services.meetings import Present, meeting_record

    party = PartyBranch.objects.create(organization=cast.county, name="机关党支部")
    PartyMember.objects.create(branch=party, person=cast.people["li"], joined_on=datetime.date(2020, 1, 1))
    admin = cast.users["county_admin"]

    def held(kind, day):
        meeting_record(
            actor=admin,
            organization=cast.county,
            party_branch=party,
            kind=kind,
            held_on=day,
            topic=str(kind),
            attendance=[Present(cast.people["li"])],
            history=True,
        )

    held(Kind.PARTY_COMMITTEE, datetime.date(YEAR, 1, 3))
    for month in (3, 6, 9, 12):
        held(Kind.PARTY_GENERAL, datetime.date(YEAR, month, 10))
        if month != 6:
            held(Kind.PARTY_LESSON, datetime.date(YEAR, month, 11))

    # The general meeting in 4 of 4 quarters, the Party lesson in 3 of 4; a roll of one owes no committee meeting
    # (fewer members than a committee needs) and, listing no groups, no group meeting.
    assert stats.party_meeting_share(cast.county, YEAR) == Decimal("87.5")
    assert stats.party_meeting_share(cast.school, YEAR) is None
