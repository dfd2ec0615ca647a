"""API of 青年之声: the cases a handler may see (contact data masked), and a reply, through the same selectors
and services as the pages."""

import datetime

from django.http import Http404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from tuanwu.accounts.roles import VIEW_VOICE
from tuanwu.core.pagination import ApiPagination
from tuanwu.organizations import scope

from . import selectors, services_cases

router = Router(tags=["voice"])


class CaseOut(Schema):
    id: int
    number: str
    category: str
    subtype: str
    organization_id: int
    organization_name: str
    status: str
    owner: str | None
    anonymous: bool
    contact_name: str
    contact_phone: str
    filed_at: datetime.datetime
    first_response_due: datetime.date | None
    resolution_due: datetime.date | None
    first_response_at: datetime.datetime | None
    resolved_at: datetime.datetime | None
    escalation_level: int
    rating: int | None
    version: int

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_owner(obj) -> str | None:
        return str(obj.owner) if obj.owner_id else None

    @staticmethod
    def resolve_contact_name(obj) -> str:
        return selectors.masked_contact(obj)["contact_name"]

    @staticmethod
    def resolve_contact_phone(obj) -> str:
        return selectors.masked_contact(obj)["contact_phone"]


class StepOut(Schema):
    kind: str
    at: datetime.datetime
    body: str
    public: bool
    actor: str | None

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return str(obj.actor) if obj.actor_id else None


class CaseDetailOut(CaseOut):
    description: str
    unit_text: str
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(obj) -> list:
        return list(obj.events.all())


class CaseQuery(Schema):
    status: str = ""
    category: str = ""
    overdue: bool = False
    q: str = ""


class ReplyIn(Schema):
    body: str


@router.get("/cases", response=list[CaseOut], summary="List the cases you may see")
@paginate(ApiPagination)
def case_list(request, filters: Query[CaseQuery]):
    if not scope.has_any(request.user, VIEW_VOICE):
        raise Http404
    return selectors.case_list(
        request.user, status=filters.status, category=filters.category, overdue=filters.overdue, q=filters.q
    )


@router.get("/cases/{int:case_id}", response=CaseDetailOut, summary="One case with its steps")
def case_detail(request, case_id: int):
    case = selectors.case_get(request.user, case_id)
    services_cases.case_view_record(actor=request.user, case=case, remote_addr=request.META.get("REMOTE_ADDR"))
    return case


@router.post("/cases/{int:case_id}/replies", response={201: StepOut}, summary="Reply to the asker")
def case_reply(request, case_id: int, data: ReplyIn):
    case = selectors.case_get(request.user, case_id)
    return Status(201, services_cases.case_reply(actor=request.user, case=case, body=data.body))
