"""Reads behind the meeting import: the people a row names, and the meetings already on record."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person

from ..models import Meeting


def people_named(organization: Organization, name: str) -> list[Person]:
    """The people of the organization's subtree with this name (a chair or recorder a row names)."""
    return list(Person.objects.filter(organization__path__startswith=organization.path, name=name)[:5])


def existing_meetings(keys: Iterable[tuple[int, str, datetime.date, str]]) -> set[tuple[int, str, datetime.date, str]]:
    """Which (organization id, kind, date, topic) of the League's meetings are on record already."""
    wanted = set(keys)
    if not wanted:
        return set()
    days = [k[2] for k in wanted]
    rows = Meeting.objects.filter(
        party_branch__isnull=True,
        organization_id__in={k[0] for k in wanted},
        held_on__range=(min(days), max(days)),
    ).values_list("organization_id", "kind", "held_on", "topic")
    return {row for row in rows if row in wanted}
