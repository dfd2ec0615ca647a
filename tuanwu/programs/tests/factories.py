"""Projects and calls for tests, written through the services."""

import datetime
from decimal import Decimal

from tuanwu.programs import services
from tuanwu.programs.models import ProjectKind


def project(actor, organization, title="乡村振兴实践队", *, kind=ProjectKind.SUMMER_PRACTICE, members=(), **extra):
    fields = {
        "kind": kind,
        "title": title,
        "starts_on": datetime.date(2026, 7, 1),
        "ends_on": datetime.date(2026, 7, 20),
        "place": "东湖村",
        "budget_fen": 150000,
        "registered_on": datetime.date(2026, 6, 1),
    }
    fields.update(extra)
    p = services.project_create(actor=actor, organization=organization, **fields)
    for person in members:
        services.project_member_add(actor=actor, project=p, person=person)
    return p


def call(actor, organization, *, kind=ProjectKind.SUMMER_PRACTICE, quota=4, levels=(("优秀团队", Decimal("20")),)):
    return services.call_create(
        actor=actor,
        organization=organization,
        kind=kind,
        title="2026年暑期三下乡评选",
        eligibility="已报备的三下乡团队",
        opens_on=datetime.date(2026, 8, 1),
        closes_on=datetime.date(2026, 8, 31),
        quota_per_organization=quota,
        levels=list(levels),
    )
