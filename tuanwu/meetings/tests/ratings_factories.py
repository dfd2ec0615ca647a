"""Builders for the branch-rating tests: branches of a known age, with or without a secretary, and the points the
committee enters for them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.factories import member, org
from tuanwu.meetings.services import ratings as services
from tuanwu.organizations.models import Kind, Organization
from tuanwu.people.models import CadrePost

YEAR = 2026
OLD = datetime.datetime(2024, 1, 1, 8, 0, tzinfo=datetime.UTC)


def aged(organization: Organization, created: datetime.datetime) -> Organization:
    """The organization as if it had been created on that day (no founding date is kept)."""
    Organization.objects.filter(pk=organization.pk).update(created_at=created)
    organization.refresh_from_db()
    return organization


def branch(parent: Organization, name: str, *, created=OLD, secretary=True, kind=Kind.BRANCH, **extra):
    """A branch with two members, the first its secretary since 2024 unless secretary=False."""
    b = aged(org(parent, name, kind=kind, **extra), created)
    first = member(b, f"{name[:2]}甲")
    member(b, f"{name[:2]}乙")
    if secretary:
        CadrePost.objects.create(
            person=first, organization=b, post="secretary", kind="part_time", since=datetime.date(2024, 1, 1)
        )
    return b


# The entered items of the default sheet (85 points at most): organizational life is entered while the compliance
# rules are not in place, like registration and dues while the lifecycle keeps none.
ENTERED_KEYS = ("organizational_life", "registration", "dues", "study", "education", "role", "distinctive")


def points(*values) -> dict[str, Decimal]:
    assert len(values) == len(ENTERED_KEYS)
    return dict(zip(ENTERED_KEYS, (Decimal(str(v)) for v in values), strict=True))


@pytest.fixture
def records_only_structure(monkeypatch):
    """The records as they stand for these tests: no compliance function, no lifecycle tables (the adapters say
    so), so structure and study are the items the records compute."""
    monkeypatch.setattr(services, "compliance_share_fn", lambda: None)
    monkeypatch.setattr(services, "lifecycle_share_fn", lambda name: None)
