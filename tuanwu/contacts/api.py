"""API of the direct-contact work: the contacts a user may see, a contact logged, and a cadre's compliance for
a quarter, through the same selectors and services as the pages."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from tuanwu.accounts.roles import MANAGE_CONTACTS, VIEW_CONTACTS
from tuanwu.core.pagination import ApiPagination
from tuanwu.organizations import scope

from . import selectors, services

router = Router(tags=["contacts"])


class ContactOut(Schema):
    id: int
    cadre_id: int
    cadre_name: str
    person_id: int | None
    name: str
    field: str
    unit: str
    fixed: bool
    added_on: datetime.date

    @staticmethod
    def resolve_cadre_name(obj) -> str:
        return obj.cadre.person.name


class ContactQuery(Schema):
    cadre_id: int | None = None


class LogIn(Schema):
    channel: str
    date: datetime.date | None = None
    raised: str = ""
    done: str = ""
    follow_up_due: datetime.date | None = None


class LogOut(Schema):
    id: int
    contact_id: int | None
    date: datetime.date
    channel: str
    raised: str
    done: str
    follow_up_due: datetime.date | None


class CriterionOut(Schema):
    key: str
    applies: bool
    met: bool
    value: int
    target: str


class ComplianceOut(Schema):
    cadre_id: int
    year: int
    quarter: int
    bound: bool
    met: bool
    overdue: int
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_cadre_id(obj) -> int:
        return obj.cadre.pk


class PeriodQuery(Schema):
    year: int | None = None
    quarter: int | None = None


@router.get("/contacts", response=list[ContactOut], summary="List the open contacts you may see")
@paginate(ApiPagination)
def contact_list(request, filters: Query[ContactQuery]):
    if not scope.has_any(request.user, VIEW_CONTACTS) and not selectors.my_cadres(request.user):
        raise Http404
    cadre = selectors.cadre_get(request.user, filters.cadre_id) if filters.cadre_id else None
    return selectors.contact_list(request.user, cadre=cadre)


@router.post("/contacts/{int:contact_id}/logs", response={201: LogOut}, summary="Log a contact with a youth")
def contact_log(request, contact_id: int, data: LogIn):
    contact = selectors.contact_get(request.user, contact_id)
    if request.user.person_id != contact.cadre.person_id and not scope.has_perm(
        request.user, MANAGE_CONTACTS, contact.cadre.organization
    ):
        raise PermissionDenied
    entry = services.contact_log(actor=request.user, cadre=contact.cadre, contact=contact, **data.dict())
    return Status(201, entry)


@router.get("/cadres/{int:cadre_id}/compliance", response=ComplianceOut, summary="A cadre's standing in a quarter")
def cadre_compliance(request, cadre_id: int, period: Query[PeriodQuery]):
    cadre = selectors.cadre_get(request.user, cadre_id)
    today = timezone.localdate()
    quarter = min(max(period.quarter or selectors.quarter_of(today), 1), 4)
    return selectors.compliance(cadre, period.year or today.year, quarter)
