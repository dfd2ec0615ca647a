"""Recording a meeting: from the roll, attendees checked against the organizer, future dates refused, the Party
branch's meetings seen only by its members and the county."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tuanwu.meetings.models import Attendance, Kind, Meeting, PartyBranch, PartyMember
from tuanwu.meetings.selectors.meetings import meeting_list
from tuanwu.meetings.services.meetings import Present, meeting_record
from tuanwu.meetings.tests.factories import record

pytestmark = pytest.mark.django_db


def test_records_a_lesson_with_hours_for_those_present(cast):
    meeting = record(cast.users["branch_secretary"], cast.branch, Kind.LESSON, hours="1.5", absent=("李华",))

    rows = {a.person.name: (a.status, a.hours) for a in meeting.attendance.select_related("person")}
    assert rows == {"张晓明": ("present", Decimal("1.5")), "李华": ("absent", Decimal(0))}


def test_refuses_an_attendee_from_another_branch(cast):
    with pytest.raises(ValidationError) as error:
        record(cast.users["branch_secretary"], cast.branch, people=[cast.people["zhang"], cast.people["wang"]])

    assert error.value.code == "ATTENDEE_OUTSIDE"
    assert "王芳" in str(error.value)
    assert not Meeting.objects.exists()


def test_refuses_a_meeting_dated_in_the_future(cast):
    with pytest.raises(ValidationError) as error:
        meeting_record(
            actor=cast.users["branch_secretary"],
            organization=cast.branch,
            kind=Kind.THEME_DAY,
            held_on=datetime.date.today() + datetime.timedelta(days=1),
            topic="主题团日",
        )

    assert "held_on" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_refuses_an_absence_without_reason(cast):
    with pytest.raises(ValidationError):
        meeting_record(
            actor=cast.users["branch_secretary"],
            organization=cast.branch,
            kind=Kind.THEME_DAY,
            held_on=datetime.date(2026, 3, 1),
            topic="主题团日",
            attendance=[Present(cast.people["zhang"], Attendance.Status.ABSENT, " ")],
        )

    assert not Meeting.objects.exists()


def test_a_branch_secretary_cannot_record_for_the_next_branch(cast):
    with pytest.raises(Http404):
        record(cast.users["branch_secretary"], cast.branch2)


def test_party_meetings_are_seen_by_the_roll_and_the_county_only(cast):
    party = PartyBranch.objects.create(organization=cast.county, name="团县委机关党支部")
    PartyMember.objects.create(
        branch=party, person=cast.people["li"], post=PartyMember.Post.SECRETARY, joined_on=datetime.date(2020, 1, 1)
    )
    meeting = meeting_record(
        actor=cast.users["branch_secretary"],
        organization=cast.county,
        party_branch=party,
        kind=Kind.PARTY_LESSON,
        held_on=datetime.date(2026, 3, 1),
        topic="党课",
        attendance=[Present(cast.people["li"])],
        hours=Decimal(2),
    )

    seen = {name: meeting_list(cast.users[name]).filter(pk=meeting.pk).exists() for name in cast.users}
    assert seen == {
        "county_admin": True,
        "committee_secretary": False,
        "branch_secretary": True,
        "cadre": False,
        "member": False,
        "auditor": False,
        "outsider": False,
    }
