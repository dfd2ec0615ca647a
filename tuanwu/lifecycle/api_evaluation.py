"""API of the yearly evaluation and registration: the pages' selectors and services."""

import datetime

from django.http import Http404
from django.utils import timezone
from ninja import Query, Schema, Status
from ninja.pagination import paginate

from tuanwu.accounts.roles import VIEW_LIFECYCLE
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from .api import router
from .selectors import evaluation as selectors
from .services import evaluation as services


class EntryOut(Schema):
    id: int
    person_id: int
    person_name: str
    party_member: bool
    opted_in: bool
    grade: str
    regrade: str
    talk_on: datetime.date | None
    rectification_until: datetime.date | None
    appeal: str
    appeal_answer: str

    @staticmethod
    def resolve_person_id(obj) -> int:
        return obj.membership.person_id

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.membership.person.name


class EvaluationOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    year: int
    status: str
    meeting_id: int | None
    meeting_held_on: datetime.date | None
    meeting_expected: int | None
    meeting_present: int | None
    decision_reason: str
    version: int

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name


class EvaluationDetailOut(EvaluationOut):
    entries: list[EntryOut]

    @staticmethod
    def resolve_entries(obj) -> list:
        return list(selectors.entries_of(obj))


class EvaluationQuery(Schema):
    organization: Id | None = None
    year: Year | None = None


class VersionIn(Schema):
    version: int | None = None
    reason: str = ""


class RegistrationOut(Schema):
    membership_id: int
    person_id: int
    person_name: str
    organization_id: int
    grade: str | None
    status: str
    registered_on: datetime.date | None
    deferred_until: datetime.date | None


class RegistrationQuery(Schema):
    organization: Id | None = None
    year: Year | None = None
    unregistered: bool = False


class RegisterIn(Schema):
    membership_id: Id
    year: Year


class StampOut(Schema):
    year: int
    status: str
    registered_on: datetime.date | None
    deferred_until: datetime.date | None


class GradeOut(Schema):
    year: int
    status: str
    grade: str
    final_grade: str
    evaluated: bool


class MeOut(Schema):
    member: bool
    grades: list[GradeOut]
    registrations: list[StampOut]


def _under(request, organization_id: int | None):
    if organization_id is None:
        org = scope.root_for(request.user, VIEW_LIFECYCLE)
    else:
        org = organizations_where(request.user, VIEW_LIFECYCLE).filter(pk=organization_id).first()
    if org is None:
        raise Http404
    return org


@router.get("/evaluations", response=list[EvaluationOut], summary="Branch evaluations (教育评议) in your scope")
@paginate(ApiPagination)
def evaluation_list(request, filters: Query[EvaluationQuery]):
    qs = selectors.evaluation_list(request.user)
    if filters.organization is not None:
        qs = qs.filter(organization__path__startswith=_under(request, filters.organization).path)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    return qs


@router.get("/evaluations/{int:evaluation_id}", response=EvaluationDetailOut, summary="One evaluation with its grades")
def evaluation_detail(request, evaluation_id: int):
    return selectors.evaluation_get(request.user, evaluation_id)


@router.post("/evaluations/{int:evaluation_id}/submit", response=EvaluationDetailOut, summary="Submit for approval")
def evaluation_submit(request, evaluation_id: int, data: VersionIn):
    evaluation = selectors.evaluation_get(request.user, evaluation_id)
    return services.evaluation_submit(actor=request.user, evaluation=evaluation, version=data.version)


@router.post("/evaluations/{int:evaluation_id}/approve", response=EvaluationDetailOut, summary="Approve (above)")
def evaluation_approve(request, evaluation_id: int, data: VersionIn):
    evaluation = selectors.evaluation_get(request.user, evaluation_id)
    return services.evaluation_approve(
        actor=request.user, evaluation=evaluation, reason=data.reason[:1000], version=data.version
    )


@router.get("/registrations", response=list[RegistrationOut], summary="Members and their registration (团籍注册)")
@paginate(ApiPagination)
def registration_list(request, filters: Query[RegistrationQuery]):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    year = filters.year or timezone.localdate().year
    rows = selectors.registration_rows(request.user, _under(request, filters.organization), year)
    return [
        {
            "membership_id": r.membership.pk,
            "person_id": r.membership.person_id,
            "person_name": r.membership.person.name,
            "organization_id": r.membership.organization_id,
            "grade": r.grade,
            "status": r.registration.status if r.registration else "unregistered",
            "registered_on": r.registration.registered_on if r.registration else None,
            "deferred_until": r.registration.deferred_until if r.registration else None,
        }
        for r in rows
        if not (filters.unregistered and r.registered)
    ]


@router.post("/registrations", response={201: StampOut}, summary="Register a member for a year")
def registration_create(request, data: RegisterIn):
    membership = selectors.membership_get(request.user, data.membership_id)
    return Status(201, services.registration_register(actor=request.user, membership=membership, year=data.year))


@router.get("/me", response=MeOut, summary="My grades and registration stamps (团员证)")
def me(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    record = selectors.my_record(person)
    return {
        "member": record["membership"] is not None,
        "grades": [
            {
                "year": e.evaluation.year,
                "status": e.evaluation.status,
                "grade": e.grade,
                "final_grade": e.final_grade,
                "evaluated": e.evaluated,
            }
            for e in record["entries"]
        ],
        "registrations": record["registrations"],
    }
