import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.http import Http404

from tuanwu.meetings.models import Attendance, Course, Enrollment, Kind, Meeting
from tuanwu.meetings.selectors.courses import course_roster, progress_of
from tuanwu.meetings.selectors.stats import school_graduates
from tuanwu.meetings.services.courses import (
    course_complete_met,
    course_create,
    course_session_record,
    enrollment_add,
    enrollment_complete,
    enrollment_remove,
    enrollment_reopen,
)
from tuanwu.meetings.services.meetings import Present

from .courses_factories import course, session

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 10)


def _codes(error: ValidationError) -> set[str]:
    return {e.code for errors in error.error_dict.values() for e in errors}


def test_enrolls_people_of_the_organizers_subtree(cast):
    row = course(cast, people=())

    added = enrollment_add(
        actor=cast.users["committee_secretary"], course=row, people=[cast.people["zhang"], cast.people["wang"]]
    )

    assert sorted(e.person.name for e in added) == ["张晓明", "王芳"]
    assert set(Enrollment.objects.filter(course=row).values_list("status", flat=True)) == {"enrolled"}


def test_refuses_a_person_outside_the_organizers_subtree_and_enrolls_nobody(cast):
    row = course(cast, people=())
    logged = LogEntry.objects.count()

    with pytest.raises(ValidationError) as caught:
        enrollment_add(
            actor=cast.users["committee_secretary"], course=row, people=[cast.people["zhang"], cast.people["zhao"]]
        )

    assert _codes(caught.value) == {"ENROLLEE_OUTSIDE"}
    assert "赵磊" in str(caught.value)
    assert Enrollment.objects.filter(course=row).count() == 0
    assert LogEntry.objects.count() == logged


def test_a_branch_secretary_cannot_open_a_course(cast):
    with pytest.raises(Http404):
        course_create(
            actor=cast.users["branch_secretary"], organization=cast.town, title="x", starts_on=datetime.date(2026, 3, 1)
        )


def test_a_branch_is_not_an_organizer_of_courses(cast):
    with pytest.raises(ValidationError) as caught:
        course_create(
            actor=cast.users["committee_secretary"],
            organization=cast.branch,
            title="x",
            starts_on=datetime.date(2026, 3, 1),
        )

    assert _codes(caught.value) == {"COURSE_ORGANIZER"}
    assert Course.objects.count() == 0


def test_a_session_recorded_from_the_roster_is_a_course_session_with_its_hours(cast):
    row = course(cast)

    meeting = session(cast, row, MARCH, absent=("王芳",))

    assert meeting.kind == Kind.COURSE_SESSION and meeting.course_id == row.pk
    assert meeting.organization_id == cast.town.pk
    assert dict(meeting.attendance.values_list("person__name", "hours")) == {
        "张晓明": Decimal("1.5"),
        "李华": Decimal("1.5"),
        "王芳": Decimal(0),
    }


def test_a_session_refuses_someone_not_on_the_roster(cast):
    row = course(cast, people=("zhang",))

    with pytest.raises(ValidationError) as caught:
        course_session_record(
            actor=cast.users["committee_secretary"],
            course=row,
            held_on=MARCH,
            topic="第一课",
            attendance=[Present(cast.people["zhang"]), Present(cast.people["wang"])],
        )

    assert _codes(caught.value) == {"ATTENDEE_NOT_ENROLLED"}
    assert Meeting.objects.count() == 0


def test_completion_is_computed_from_the_sessions_attended(cast):
    row = course(cast)
    session(cast, row, MARCH)
    session(cast, row, MARCH + datetime.timedelta(days=7), absent=("王芳",))

    found = progress_of(row, [cast.people["zhang"].pk, cast.people["wang"].pk])

    assert (found[cast.people["zhang"].pk].attended, found[cast.people["zhang"].pk].hours) == (2, Decimal(3))
    assert found[cast.people["zhang"].pk].meets_rule is True
    assert (found[cast.people["wang"].pk].attended, found[cast.people["wang"].pk].meets_rule) == (1, False)
    lines = {line.person.name: line.marks for line in course_roster(row)}
    assert lines["王芳"] == ["present", "absent"]


def test_marking_those_who_meet_the_rule_completes_them_and_counts_as_graduates(cast):
    row = course(cast, ends_on=datetime.date(2026, 3, 20))
    session(cast, row, MARCH)
    session(cast, row, MARCH + datetime.timedelta(days=7), absent=("王芳",))

    done = course_complete_met(actor=cast.users["committee_secretary"], course=row)

    assert done == 2
    completed = Enrollment.objects.filter(course=row, status="completed")
    assert sorted(completed.values_list("person__name", flat=True)) == ["张晓明", "李华"]
    assert set(completed.values_list("completed_on", flat=True)) == {datetime.date(2026, 3, 20)}
    assert school_graduates(cast.county, 2026) == 2
    assert school_graduates(cast.school, 2026) == 0


def test_completing_someone_below_the_rule_is_refused_without_an_override(cast):
    row = course(cast)
    session(cast, row, MARCH, absent=("王芳",))
    wang = Enrollment.objects.get(course=row, person=cast.people["wang"])

    with pytest.raises(ValidationError) as caught:
        enrollment_complete(actor=cast.users["committee_secretary"], enrollment=wang)

    assert _codes(caught.value) == {"COMPLETION_RULE_NOT_MET"}
    assert "王芳" in str(caught.value)
    wang.refresh_from_db()
    assert wang.status == "enrolled"


def test_an_override_needs_its_reason(cast):
    row = course(cast)
    wang = Enrollment.objects.get(course=row, person=cast.people["wang"])

    with pytest.raises(ValidationError) as caught:
        enrollment_complete(actor=cast.users["committee_secretary"], enrollment=wang, override=True, reason="  ")

    assert _codes(caught.value) == {"COMPLETION_REASON_MISSING"}
    wang.refresh_from_db()
    assert wang.status == "enrolled"


def test_an_override_with_a_reason_completes_and_says_so(cast):
    row = course(cast)
    wang = Enrollment.objects.get(course=row, person=cast.people["wang"])

    done = enrollment_complete(
        actor=cast.users["committee_secretary"],
        enrollment=wang,
        override=True,
        reason="补学合格",
        completed_on=datetime.date(2026, 4, 1),
    )

    assert (done.status, done.overridden, done.note, done.completed_on) == (
        "completed",
        True,
        "补学合格",
        datetime.date(2026, 4, 1),
    )
    assert school_graduates(cast.county, 2026) == 1


def test_a_completion_taken_back_stops_counting(cast):
    row = course(cast)
    wang = Enrollment.objects.get(course=row, person=cast.people["wang"])
    enrollment_complete(actor=cast.users["committee_secretary"], enrollment=wang, override=True, reason="补学合格")

    enrollment_reopen(actor=cast.users["committee_secretary"], enrollment=wang, reason="录入错误")

    wang.refresh_from_db()
    assert (wang.status, wang.completed_on, wang.overridden) == ("enrolled", None, False)
    assert school_graduates(cast.county, wang.course.starts_on.year) == 0


def test_a_training_course_does_not_count_as_league_school_graduates(cast):
    row = course(cast, kind=Course.Kind.TRAINING, required_sessions=None, required_hours=None)
    session(cast, row, MARCH)

    course_complete_met(actor=cast.users["committee_secretary"], course=row)

    assert Enrollment.objects.filter(course=row, status="completed").count() == 3
    assert school_graduates(cast.county, 2026) == 0


def test_removing_keeps_the_attendance(cast):
    row = course(cast)
    session(cast, row, MARCH)
    zhang = Enrollment.objects.get(course=row, person=cast.people["zhang"])

    enrollment_remove(actor=cast.users["committee_secretary"], enrollment=zhang)

    assert not Enrollment.objects.filter(pk=zhang.pk).exists()
    assert Attendance.objects.filter(person=cast.people["zhang"], meeting__course=row).count() == 1
