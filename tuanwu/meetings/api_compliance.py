"""API of compliance: per branch, requirement and period, and the missed list, through the same rules and
selectors as the pages."""

import datetime

from django.utils import timezone
from ninja import Query, Schema
from ninja.pagination import paginate

from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year

from .api import router
from .rules import committee_compliance
from .selectors import compliance as compliance_selectors


class ComplianceQuery(Schema):
    organization: Id | None = None
    year: Year | None = None


class ComplianceCellOut(Schema):
    requirement: str
    start: datetime.date
    end: datetime.date
    status: str
    explanation: str
    held: int
    below_quorum: bool


class BranchComplianceOut(Schema):
    organization_id: int
    organization_name: str
    year: int
    met: int
    missed: int
    share: float | None
    cells: list[ComplianceCellOut]


class MissedOut(Schema):
    organization_id: int
    organization_name: str
    requirement: str
    start: datetime.date
    end: datetime.date
    explanation: str
    below_quorum: bool
    secretaries: list[str]


def _compliance(request, filters: ComplianceQuery):
    organization = compliance_selectors.compliance_organization(request.user, filters.organization)
    return committee_compliance(organization, filters.year or timezone.localdate().year)


@router.get(
    "/compliance", response=list[BranchComplianceOut], summary="Compliance of the branches below an organization"
)
@paginate(ApiPagination)
def compliance_list(request, filters: Query[ComplianceQuery]):
    """Per branch of the organization (default: your own), each requirement and period of the year: met, missed,
    excused, open or not_due, with the explanation; share = met ÷ (met + missed)."""
    return [
        {
            "organization_id": r.organization.pk,
            "organization_name": r.organization.name,
            "year": r.year,
            "met": r.met,
            "missed": r.missed,
            "share": float(r.share) if r.share is not None else None,
            "cells": [c.__dict__ for c in r.cells],
        }
        for r in _compliance(request, filters)
    ]


@router.get("/compliance/missed", response=list[MissedOut], summary="Meetings owed and not held, with secretaries")
@paginate(ApiPagination)
def compliance_missed(request, filters: Query[ComplianceQuery]):
    return [
        {
            "organization_id": m.branch.pk,
            "organization_name": m.branch.name,
            "requirement": m.cell.requirement,
            "start": m.cell.start,
            "end": m.cell.end,
            "explanation": m.cell.explanation,
            "below_quorum": m.cell.below_quorum,
            "secretaries": m.secretaries,
        }
        for m in compliance_selectors.compliance_missed(_compliance(request, filters))
    ]
