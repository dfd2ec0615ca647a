"""API of member development: applications, their steps and the annual audit, through the same selectors,
rules and services as the pages."""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tuanwu.accounts.roles import MANAGE_ADMISSION, VIEW_ADMISSION
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year
from tuanwu.meetings.services.lessons import lesson_credit_add
from tuanwu.people.selectors import people_for_write

from . import records, selectors
from .filters import ApplicationFilter
from .services import applications, approvals
from .workflow import Step

router = Router(tags=["admission"])


class ApplicationOut(Schema):
    id: int
    person_id: int
    person_name: str
    organization_id: int
    organization_name: str
    status: str
    applied_on: datetime.date
    interviewed_on: datetime.date | None
    activist_on: datetime.date | None
    assessment: str
    candidate_on: datetime.date | None
    form_number: str | None
    meeting_date: datetime.date | None
    approved_on: datetime.date | None
    development_number: str | None
    version: int

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.name

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_meeting_date(obj) -> datetime.date | None:
        return obj.meeting.held_on if obj.meeting_id else None


class ApplicationQuery(Schema):
    status: str = ""
    organization: Id | None = None


class StepIn(Schema):
    on: datetime.date
    note: str = ""
    version: int | None = None
    guides: str = ""
    assessment: str = ""
    form_number: str = ""
    first_introducer: Id | None = None
    second_introducer: Id | None = None


class FindingOut(Schema):
    person: str
    organization: str
    join_date: datetime.date
    development_number: str
    code: str
    message: str
    severity: Literal["violation", "warning"] = Field(
        description="violation: a national hard rule is broken; warning: a county policy or an advisory check"
    )


@router.get("/applications", response=list[ApplicationOut], summary="Applications in your scope")
@paginate(ApiPagination)
def application_list(request, filters: Query[ApplicationQuery]):
    form = ApplicationFilter(filters.dict(), user=request.user)
    if form.outside:
        raise Http404
    return form.filter(selectors.application_list(request.user)).order_by("-applied_on", "-pk")


@router.get("/applications/{int:application_id}", response=ApplicationOut, summary="One application")
def application_detail(request, application_id: int):
    return selectors.application_get(request.user, application_id)


@router.post(
    "/applications/{int:application_id}/steps/{step}",
    response=ApplicationOut,
    summary="Take a step (interview, activist, training, candidate, prereview, introducers, approve)",
)
def application_step(request, application_id: int, step: str, data: StepIn):
    """The same services and rules as the pages; a broken rule answers 422 with its code."""
    app = selectors.application_get(request.user, application_id)
    common = {"actor": request.user, "application": app, "on": data.on, "version": data.version}
    if step in (Step.INTERVIEW, Step.ACTIVIST, Step.CANDIDATE, Step.APPROVE):
        service = {
            Step.INTERVIEW: applications.application_interview,
            Step.ACTIVIST: applications.application_activist,
            Step.CANDIDATE: applications.application_candidate,
            Step.APPROVE: approvals.application_approve,
        }[step]
        return service(**common, note=data.note)
    if step == Step.TRAINING:
        return applications.application_training(
            **common,
            guides=data.guides,
            assessment=data.assessment,
            note=data.note,
        )
    if step == Step.PREREVIEW:
        return applications.application_prereview(**common, form_number=data.form_number, note=data.note)
    if step == Step.INTRODUCERS:
        # Resolved in the actor's scope: an introducer outside it answers like an id that does not exist.
        people = people_for_write(request.user, [data.first_introducer, data.second_introducer], MANAGE_ADMISSION)
        return applications.application_introducers(
            **common, first=people[data.first_introducer], second=people[data.second_introducer]
        )
    raise Http404


class LessonLineOut(Schema):
    on: datetime.date
    kind: Literal["attended", "paper", "study"]
    title: str
    hours: Decimal


class LessonHoursOut(Schema):
    until: datetime.date
    required: Decimal
    attended: Decimal
    paper: Decimal
    study: Decimal
    study_counted: bool
    total: Decimal
    lines: list[LessonLineOut]


class LessonCreditIn(Schema):
    hours: Decimal
    earned_on: datetime.date
    evidence: str


def _lesson_hours(request, app) -> dict:
    context = selectors.application_lessons(request.user, app)
    record, hours = context["record"], context["record"].hours
    lines = [
        {"on": a.meeting.held_on, "kind": "attended", "title": a.meeting.topic, "hours": a.hours}
        for a in record.attended
    ]
    lines += [{"on": c.earned_on, "kind": "paper", "title": c.evidence, "hours": c.hours} for c in record.paper]
    lines += [
        {"on": p.episode.released_on, "kind": "study", "title": p.episode.title, "hours": record.episode_hours}
        for p in record.study
    ]
    return {
        "until": context["until"],
        "required": context["required"],
        "attended": hours.attended,
        "paper": hours.paper,
        "study": hours.study,
        "study_counted": hours.study_counted,
        "total": hours.total,
        "lines": lines,
    }


@router.get(
    "/applications/{int:application_id}/lesson-hours",
    response=LessonHoursOut,
    summary="The lesson hours the candidacy rule reads, line by line",
)
def application_lesson_hours(request, application_id: int):
    return _lesson_hours(request, selectors.application_get(request.user, application_id, perm=VIEW_ADMISSION))


@router.post(
    "/applications/{int:application_id}/lesson-credits",
    response={201: LessonHoursOut},
    summary="Add lesson hours from a paper record, with the evidence named",
)
def application_lesson_credit(request, application_id: int, data: LessonCreditIn):
    app = selectors.application_get(request.user, application_id, perm=MANAGE_ADMISSION)
    if app.status not in selectors.LESSONS_OPEN:
        raise ValidationError(
            _("The candidacy is decided: lesson hours before it can no longer be added here."), code="CANDIDACY_DECIDED"
        )
    lesson_credit_add(
        actor=request.user, person=app.person, hours=data.hours, earned_on=data.earned_on, evidence=data.evidence
    )
    return 201, _lesson_hours(request, app)


@router.get("/audit", response=list[FindingOut], summary="The annual admission audit in your scope")
@paginate(ApiPagination)
def audit(request, year: Year | None = None):
    return records.admission_audit(request.user, year or timezone.localdate().year)
