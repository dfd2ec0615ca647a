"""API of transfers (组织关系转接) and graduating classes (学社衔接), through the pages' selectors and services."""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Query, Schema
from ninja.pagination import paginate

from tuanwu.accounts.roles import APPROVE_LIFECYCLE, VIEW_LIFECYCLE
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year
from tuanwu.organizations import scope

from .api import router
from .models.transfers import Transfer
from .selectors import transfers as selectors
from .services import transfers as services


class TransferStepOut(Schema):
    action: str
    organization_id: int | None
    at: datetime.datetime
    reason: str


class TransferOut(Schema):
    id: int
    person_id: int | None
    member_name: str
    origin_id: int | None
    origin_name: str
    destination_id: int | None
    destination_name: str
    branch_id: int | None
    direction: str
    initiator: str
    status: str
    external_name: str
    letter_number: str
    reason: str
    started_on: datetime.date
    due_on: datetime.date | None
    closed_on: datetime.date | None
    version: int

    @staticmethod
    def resolve_origin_name(obj) -> str:
        return obj.from_name

    @staticmethod
    def resolve_destination_name(obj) -> str:
        return obj.to_name


class TransferDetailOut(TransferOut):
    steps: list[TransferStepOut]

    @staticmethod
    def resolve_steps(obj) -> list:
        return list(obj.steps.all())


class TransferQuery(Schema):
    box: str = "all"
    status: str = ""
    year: Year | None = None


class StartIn(Schema):
    person_id: Id
    destination_id: Id | None = None
    external_name: str = ""
    reason: str = ""


class DecisionIn(Schema):
    version: int
    reason: str = ""


class AcceptIn(DecisionIn):
    branch_id: Id | None = None


class ClassOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    expected_on: datetime.date
    sent_on: datetime.date | None
    graduates: int
    to_transfer: int
    transferred: int
    staying: int
    stuck: int
    rate: Decimal | None


class GraduatePlanIn(Schema):
    person_id: Id
    destination: str
    organization_id: Id | None = None
    external_name: str = ""
    kept_until: datetime.date | None = None


class SendIn(Schema):
    graduates: list[GraduatePlanIn]


class GraduateOut(Schema):
    person_id: int
    destination: str
    transfer_id: int | None
    transfer_status: str
    kept_until: datetime.date | None

    @staticmethod
    def resolve_transfer_status(obj) -> str:
        return obj.transfer.status if obj.transfer_id else ""


def _class_out(gc) -> dict:
    s = selectors.graduating_class_summary(gc)
    return {
        "id": gc.pk,
        "organization_id": gc.organization_id,
        "organization_name": gc.organization.name,
        "expected_on": gc.expected_on,
        "sent_on": gc.sent_on,
        "graduates": s.graduates,
        "to_transfer": s.to_transfer,
        "transferred": s.transferred,
        "staying": s.staying,
        "stuck": len(s.stuck),
        "rate": s.rate,
    }


@router.get("/transfers", response=list[TransferOut], summary="Transfers into or out of your scope")
@paginate(ApiPagination)
def transfer_list(request, filters: Query[TransferQuery]):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    if filters.box not in selectors.BOXES:
        raise Http404
    services.transfers_lapse()
    if filters.status and filters.status != "open" and filters.status not in Transfer.Status.values:
        return Transfer.objects.none()
    return selectors.transfer_list(request.user, box=filters.box, status=filters.status, year=filters.year)


@router.get("/transfers/{int:transfer_id}", response=TransferDetailOut, summary="One transfer with its steps")
def transfer_detail(request, transfer_id: int):
    return selectors.transfer_get(request.user, transfer_id)


@router.post("/transfers", response={201: TransferDetailOut}, summary="Start a member's transfer")
def transfer_start(request, data: StartIn):
    person = selectors.transfer_person_get(request.user, data.person_id)
    destination = selectors.destination_get(person.organization, data.destination_id)
    if data.destination_id is not None and destination is None:
        raise Http404
    transfer = services.transfer_start(
        actor=request.user,
        person=person,
        destination=destination,
        external_name=data.external_name[:200],
        reason=data.reason,
    )
    return 201, selectors.transfer_get(request.user, transfer.pk)


@router.post("/transfers/{int:transfer_id}/approve", response=TransferDetailOut, summary="Sending side approves")
def transfer_approve(request, transfer_id: int, data: DecisionIn):
    transfer = selectors.transfer_get(request.user, transfer_id)
    services.transfer_approve(actor=request.user, transfer=transfer, version=data.version, reason=data.reason)
    return selectors.transfer_get(request.user, transfer_id)


@router.post("/transfers/{int:transfer_id}/accept", response=TransferDetailOut, summary="Receiving side accepts")
def transfer_accept(request, transfer_id: int, data: AcceptIn):
    transfer = selectors.transfer_get(request.user, transfer_id)
    branch = None
    if data.branch_id is not None:
        branch = selectors.assignable_branches(request.user, transfer).filter(pk=data.branch_id).first()
    services.transfer_accept(
        actor=request.user, transfer=transfer, branch=branch, version=data.version, reason=data.reason
    )
    return selectors.transfer_get(request.user, transfer_id)


@router.post("/transfers/{int:transfer_id}/reject", response=TransferDetailOut, summary="The answering side rejects")
def transfer_reject(request, transfer_id: int, data: DecisionIn):
    transfer = selectors.transfer_get(request.user, transfer_id)
    services.transfer_reject(actor=request.user, transfer=transfer, version=data.version, reason=data.reason)
    return selectors.transfer_get(request.user, transfer_id)


@router.get("/graduating-classes", response=list[ClassOut], summary="Graduating classes and their 学社衔接率")
@paginate(ApiPagination)
def graduating_class_list(request, year: Year | None = None):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    return [_class_out(gc) for gc in selectors.graduating_class_list(request.user, year=year)]


@router.post(
    "/graduating-classes/{int:class_id}/send",
    response=list[GraduateOut],
    summary="Send graduates of a class, a destination each (学社衔接)",
)
def graduating_class_send(request, class_id: int, data: SendIn):
    gc = selectors.graduating_class_get(request.user, class_id)
    scope.require(request.user, APPROVE_LIFECYCLE, gc.organization)
    pending = {p.pk: p for p in selectors.class_members(gc)}
    plans = []
    for row in data.graduates:
        person = pending.get(row.person_id)
        organization = selectors.destination_get(gc.organization, row.organization_id)
        if person is None or (row.organization_id is not None and organization is None):
            raise Http404
        plans.append(
            services.GraduatePlan(
                person=person,
                destination=row.destination,
                organization=organization,
                external_name=row.external_name[:200],
                kept_until=row.kept_until,
            )
        )
    return services.graduating_class_send(actor=request.user, graduating_class=gc, plans=plans)
