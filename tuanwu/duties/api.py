"""API of 履职: the seats in scope, a seat's duties of the year and recording one, through the same selectors
and services as the pages."""

import datetime

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tuanwu.accounts.roles import VIEW_DUTIES
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id
from tuanwu.organizations import scope

from . import selectors as sel
from . import services
from .models import DutyKind, ProposalStatus

router = Router(tags=["duties"])


class MandateOut(Schema):
    id: int
    term_id: int
    term_name: str = Field(..., alias="term.name")
    person_id: int
    person_name: str = Field(..., alias="person.name")
    organization_id: int
    kind: str
    from_on: datetime.date
    until_on: datetime.date | None
    delegation: str


class MandateQuery(Schema):
    term: Id | None = None


class DutyOut(Schema):
    id: int
    mandate_id: int
    date: datetime.date
    kind: str
    title: str
    description: str
    proposal_status: str


class DutyIn(Schema):
    date: datetime.date
    kind: DutyKind
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    proposal_status: ProposalStatus | None = None


class YearQuery(Schema):
    year: int = Field(None, ge=2000, le=2100, description="The calendar year; this year when absent")


@router.get("/mandates", response=list[MandateOut], summary="List the mandates (委员, 候补委员, 代表) you may see")
@paginate(ApiPagination)
def mandate_list(request, filters: Query[MandateQuery]):
    scope.require_any(request.user, VIEW_DUTIES)
    qs = sel.mandate_list(request.user)
    return qs.filter(term_id=filters.term) if filters.term else qs


@router.get("/my", response=list[MandateOut], summary="Your own mandates")
def my_mandates(request):
    return list(sel.my_mandates(request.user))


@router.get("/mandates/{int:mandate_id}/duties", response=list[DutyOut], summary="A mandate's duties of the year")
@paginate(ApiPagination)
def duty_list(request, mandate_id: int, filters: Query[YearQuery]):
    mandate = sel.mandate_get(request.user, mandate_id)
    return sel.person_duties([mandate], filters.year or timezone.localdate().year)


@router.post("/mandates/{int:mandate_id}/duties", response={201: DutyOut}, summary="Record a duty under a mandate")
def duty_create(request, mandate_id: int, data: DutyIn):
    mandate = sel.mandate_get(request.user, mandate_id)
    fields = data.dict()
    fields["proposal_status"] = fields["proposal_status"] or ""
    return Status(201, services.duty_record(actor=request.user, mandate=mandate, **fields))
