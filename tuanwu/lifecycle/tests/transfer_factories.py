"""Builders for transfer tests: a fixed calendar day and the organizations a graduating class goes to."""

from __future__ import annotations

import datetime

from tests.factories import member, org
from tuanwu.organizations.models import Kind, Organization, Sector

# The day the tests' requests are started on: inside the graduates' season (5-01 to 11-30).
DAY = datetime.date(2026, 6, 10)


def school_class(school: Organization, name: str, size: int, joined=datetime.date(2022, 5, 4)) -> Organization:
    """A school class branch with size members."""
    branch = org(school, name, sector=Sector.HIGH_SCHOOL)
    for i in range(size):
        member(branch, f"学生{i + 1:02d}", birth_date=datetime.date(2008, 1 + i % 12, 1 + i % 28), joined=joined)
    return branch


def committee(parent: Organization, name: str, sector=Sector.VOCATIONAL_SCHOOL) -> Organization:
    return org(parent, name, Kind.COMMITTEE, sector)
