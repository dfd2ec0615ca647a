"""Builders for course tests: a course of the town's committee with people enrolled, sessions recorded from it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from tuanwu.meetings.models import Attendance, Course
from tuanwu.meetings.services.courses import course_create, course_session_record, enrollment_add
from tuanwu.meetings.services.meetings import Present


def course(cast, *, people=("zhang", "li", "wang"), actor="committee_secretary", **fields) -> Course:
    """A 团校 class of the town's committee (two sessions, 3 hours to attend) with the named people enrolled."""
    values = {
        "title": "东湖镇第一期团校",
        "starts_on": datetime.date(2026, 3, 1),
        "required_sessions": 2,
        "required_hours": Decimal(3),
        **fields,
    }
    row = course_create(actor=cast.users[actor], organization=cast.town, **values)
    if people:
        enrollment_add(actor=cast.users[actor], course=row, people=[cast.people[n] for n in people])
    return row


def session(cast, row: Course, day: datetime.date, *, absent=(), hours="1.5", actor="committee_secretary"):
    """A session of the course with everyone on its roster present except the names in absent."""
    from tuanwu.meetings.selectors.courses import session_roster

    lines = [
        Present(p, Attendance.Status.ABSENT, "出差") if p.name in absent else Present(p) for p in session_roster(row)
    ]
    return course_session_record(
        actor=cast.users[actor], course=row, held_on=day, topic=f"第{day.day}课", attendance=lines, hours=Decimal(hours)
    )
