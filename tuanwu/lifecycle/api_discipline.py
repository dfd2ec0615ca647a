"""API of discipline and exits: discipline cases with their approval and appeal, the age-out list, the lapse
candidates and proposals, and the restoration of a lapsed member, through the pages' selectors and services."""

import datetime

from django.http import Http404
from django.utils import timezone
from ninja import Query, Schema
from ninja.pagination import paginate

from tuanwu.accounts.roles import APPROVE_EXIT, MANAGE_LIFECYCLE, VIEW_LIFECYCLE
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from .api import router
from .models import DisciplineCase
from .selectors import discipline as discipline_selectors
from .selectors import exits as exit_selectors
from .services import discipline as discipline_services
from .services import exits as exit_services


class CaseOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    person_id: int
    person_name: str
    sanction: str
    facts: str
    decided_on: datetime.date
    statement: str
    statement_waived: bool
    post_id: int | None
    probation_months: int | None
    status: str
    effective_on: datetime.date | None
    probation_ends_on: datetime.date | None
    concluded_on: datetime.date | None
    decision_note: str
    appeal: str
    appeal_lodged_on: datetime.date | None
    appeal_result: str
    appeal_answer: str
    appeal_answered_on: datetime.date | None
    version: int

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.name


class CaseQuery(Schema):
    status: str | None = None


class CaseIn(Schema):
    person_id: Id
    sanction: str
    facts: str
    decided_on: datetime.date
    statement: str = ""
    statement_waived: bool = False
    post_id: Id | None = None
    probation_months: int | None = None


class DecisionIn(Schema):
    decision: str  # approve | reject
    effective_on: datetime.date | None = None
    note: str = ""
    version: int


class AppealIn(Schema):
    appeal: str
    lodged_on: datetime.date
    version: int


class AnswerIn(Schema):
    result: str  # upheld | dismissed
    answer: str
    version: int


@router.get("/discipline-cases", response=list[CaseOut], summary="Discipline cases (团的纪律处分) in your scope")
@paginate(ApiPagination)
def case_list(request, filters: Query[CaseQuery]):
    cases = discipline_selectors.discipline_case_list(request.user)
    if filters.status:
        cases = cases.filter(status=filters.status) if filters.status in DisciplineCase.Status.values else cases.none()
    return cases


@router.get("/discipline-cases/{int:case_id}", response=CaseOut, summary="One discipline case")
def case_detail(request, case_id: int):
    return discipline_selectors.discipline_case_get(request.user, case_id)


@router.post("/discipline-cases", response={201: CaseOut}, summary="Record the branch meeting's decision")
def case_create(request, data: CaseIn):
    scope.require_any(request.user, MANAGE_LIFECYCLE)
    person = exit_selectors.person_in_scope(request.user, data.person_id, MANAGE_LIFECYCLE)
    post = None
    if data.post_id is not None:
        post = discipline_selectors.open_posts_in_scope(request.user).filter(pk=data.post_id).first()
        if post is None:
            raise Http404
    row = discipline_services.discipline_case_create(
        actor=request.user,
        person=person,
        sanction=data.sanction,
        facts=data.facts,
        decided_on=data.decided_on,
        statement=data.statement,
        statement_waived=data.statement_waived,
        post=post,
        probation_months=data.probation_months,
    )
    return 201, row


@router.post("/discipline-cases/{int:case_id}/decision", response=CaseOut, summary="Approve or reject a case")
def case_decide(request, case_id: int, data: DecisionIn):
    case = discipline_selectors.discipline_case_get(request.user, case_id)
    if data.decision == "approve":
        return discipline_services.discipline_case_approve(
            actor=request.user, case=case, effective_on=data.effective_on, note=data.note, version=data.version
        )
    if data.decision == "reject":
        return discipline_services.discipline_case_reject(
            actor=request.user, case=case, note=data.note, version=data.version
        )
    raise Http404


@router.post("/discipline-cases/{int:case_id}/appeal", response=CaseOut, summary="Record the member's appeal")
def case_appeal(request, case_id: int, data: AppealIn):
    case = discipline_selectors.discipline_case_get(request.user, case_id)
    return discipline_services.discipline_appeal_lodge(
        actor=request.user, case=case, appeal=data.appeal, lodged_on=data.lodged_on, version=data.version
    )


@router.post("/discipline-cases/{int:case_id}/answer", response=CaseOut, summary="Answer the member's appeal")
def case_answer(request, case_id: int, data: AnswerIn):
    case = discipline_selectors.discipline_case_get(request.user, case_id)
    return discipline_services.discipline_appeal_answer(
        actor=request.user, case=case, result=data.result, answer=data.answer, version=data.version
    )


class OrganizationQuery(Schema):
    organization: Id | None = None


def _organization(user, pk):
    if pk is None:
        organization = scope.root_for(user, VIEW_LIFECYCLE)
    else:
        organization = organizations_where(user, VIEW_LIFECYCLE).filter(pk=pk).first()
    if organization is None:
        raise Http404
    return organization


class AgeOutOut(Schema):
    person_id: int
    person_name: str
    organization_id: int
    organization_name: str
    turns_28_on: datetime.date
    due: bool
    requested: bool


class LapseCandidateOut(Schema):
    person_id: int
    person_name: str
    organization_id: int
    organization_name: str
    first_month: datetime.date
    last_month: datetime.date
    last_attended_on: datetime.date | None
    proposal_id: int | None


class LapseProposalOut(Schema):
    id: int
    person_id: int
    organization_id: int
    as_of: datetime.date
    first_month: datetime.date
    last_month: datetime.date
    last_attended_on: datetime.date | None
    dues_checked: bool
    status: str
    meeting_on: datetime.date | None
    note: str
    version: int


class PersonIn(Schema):
    person_id: Id


class LapseDecisionIn(Schema):
    meeting_on: datetime.date
    last_dues_on: datetime.date
    last_org_life_on: datetime.date
    version: int


class RestoreIn(Schema):
    person_id: Id
    reason: str


class MembershipOut(Schema):
    person_id: int
    status: str
    status_changed_on: datetime.date | None


@router.get("/age-outs", response=list[AgeOutOut], summary="Members turning 28 without a League post")
@paginate(ApiPagination)
def age_out_list(request, filters: Query[OrganizationQuery]):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    rows = exit_selectors.age_out_list(_organization(request.user, filters.organization), timezone.localdate())
    return [
        {
            "person_id": r.membership.person_id,
            "person_name": r.membership.person.name,
            "organization_id": r.membership.organization_id,
            "organization_name": r.membership.organization.name,
            "turns_28_on": r.turns_on,
            "due": r.due,
            "requested": r.requested,
        }
        for r in rows
    ]


@router.post("/age-outs", response={201: MembershipOut}, summary="Request a member's age-out exit")
def age_out_request(request, data: PersonIn):
    person = exit_selectors.person_in_scope(request.user, data.person_id, MANAGE_LIFECYCLE)
    return 201, exit_services.age_out_request(actor=request.user, person=person)


@router.get("/lapse-candidates", response=list[LapseCandidateOut], summary="Members meeting the lapse rule")
@paginate(ApiPagination)
def lapse_candidate_list(request, filters: Query[OrganizationQuery]):
    scope.require_any(request.user, VIEW_LIFECYCLE)
    rows = exit_selectors.lapse_candidates(_organization(request.user, filters.organization), timezone.localdate())
    return [
        {
            "person_id": c.membership.person_id,
            "person_name": c.membership.person.name,
            "organization_id": c.membership.organization_id,
            "organization_name": c.membership.organization.name,
            "first_month": c.first_month,
            "last_month": c.last_month,
            "last_attended_on": c.last_attended_on,
            "proposal_id": c.proposal.pk if c.proposal else None,
        }
        for c in rows
    ]


@router.post("/lapse-proposals", response={201: LapseProposalOut}, summary="Propose a member for lapse")
def lapse_propose(request, data: PersonIn):
    person = exit_selectors.person_in_scope(request.user, data.person_id, MANAGE_LIFECYCLE)
    return 201, exit_services.lapse_propose(actor=request.user, person=person)


@router.post(
    "/lapse-proposals/{int:proposal_id}/decision",
    response=LapseProposalOut,
    summary="The branch meeting decided the lapse: request it from the committee above",
)
def lapse_decide(request, proposal_id: int, data: LapseDecisionIn):
    proposal = exit_selectors.lapse_proposal_get(request.user, proposal_id)
    return exit_services.lapse_proposal_decide(
        actor=request.user,
        proposal=proposal,
        meeting_on=data.meeting_on,
        last_dues_on=data.last_dues_on,
        last_org_life_on=data.last_org_life_on,
        version=data.version,
    )


@router.post("/restorations", response={201: MembershipOut}, summary="Restore a lapsed member (恢复团籍)")
def restore(request, data: RestoreIn):
    person = exit_selectors.person_in_scope(request.user, data.person_id, APPROVE_EXIT)
    return 201, exit_services.lapse_restore(actor=request.user, person=person, reason=data.reason)
