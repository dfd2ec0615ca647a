"""Builders for organizational-life tests: meetings recorded through the service, from an organization's roll."""

from __future__ import annotations

import datetime
from decimal import Decimal

from tuanwu.accounts.models import User
from tuanwu.meetings.models import Attendance, Kind, Meeting
from tuanwu.meetings.selectors.meetings import roster_of
from tuanwu.meetings.services.meetings import Present, meeting_record
from tuanwu.organizations.models import Organization


def record(
    actor: User,
    organization: Organization,
    kind: str = Kind.THEME_DAY,
    held_on: datetime.date | None = None,
    *,
    absent: tuple = (),
    people=None,
    hours: Decimal | int | str = 0,
    topic: str = "",
    **fields,
) -> Meeting:
    """A meeting of organization on held_on, everyone on its roll (or people) present except the names in absent,
    who are absent for a reason."""
    held_on = held_on or datetime.date(2026, 3, 10)
    attendees = list(people) if people is not None else list(roster_of(organization))
    lines = [Present(p, Attendance.Status.ABSENT, "出差") if p.name in absent else Present(p) for p in attendees]
    return meeting_record(
        actor=actor,
        organization=organization,
        kind=kind,
        held_on=held_on,
        topic=topic or f"{Kind(kind).label} {held_on:%Y-%m}",
        attendance=lines,
        hours=Decimal(hours),
        history=True,
        **fields,
    )
