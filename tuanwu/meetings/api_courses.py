"""API of 团校 classes and training courses (list, detail, open, enroll, complete) and of the member's own
organizational life, through the same services and selectors as the pages."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from tuanwu.accounts.roles import MANAGE_MEETING, VIEW_MEETING
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from .api import router
from .forms.courses import CourseFilter
from .models import Course
from .selectors import courses as sel
from .services import courses as svc


class CourseOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    kind: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    required_sessions: int | None
    required_hours: Decimal | None
    enrolled: int = 0
    completed: int = 0
    held: int = 0
    version: int

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj["organization_name"] if isinstance(obj, dict) else obj.organization.name


class ProgressOut(Schema):
    attended: int
    hours: Decimal
    held: int
    meets_rule: bool


class EnrollmentOut(Schema):
    id: int
    person_id: int
    person_name: str
    organization_name: str
    status: str
    completed_on: datetime.date | None
    overridden: bool
    reason: str
    version: int
    progress: ProgressOut
    marks: list[str] = Field(description="The person's mark at each session in the order of sessions")


class SessionOut(Schema):
    id: int
    held_on: datetime.date
    topic: str
    hours: Decimal
    present: int


class CourseDetailOut(CourseOut):
    rule: str
    sessions: list[SessionOut]
    roster: list[EnrollmentOut]


class CourseQuery(Schema):
    q: str = ""
    year: Year | None = None
    kind: str = ""


class CourseIn(Schema):
    organization_id: Id
    kind: Course.Kind = Course.Kind.LEAGUE_SCHOOL
    title: str = Field(..., max_length=200)
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    required_sessions: int | None = Field(None, ge=0, le=999)
    required_hours: Decimal | None = Field(None, ge=0, le=9999)


class EnrollIn(Schema):
    person_ids: list[Id] = Field(..., min_length=1, max_length=500)


class CompleteIn(Schema):
    person_id: Id
    override: bool = Field(False, description="Complete although the attendance does not meet the course's rule")
    reason: str = Field("", max_length=200, description="Needed with override")
    completed_on: datetime.date | None = None
    version: int | None = None


def _enrollment_out(line: sel.RosterLine) -> dict:
    e = line.enrollment
    return {
        "id": e.pk,
        "person_id": e.person_id,
        "person_name": e.person.name,
        "organization_name": e.person.organization.name,
        "status": e.status,
        "completed_on": e.completed_on,
        "overridden": e.overridden,
        "reason": e.note,
        "version": e.version,
        "progress": line.progress.__dict__,
        "marks": line.marks,
    }


def _detail(user, pk: int) -> dict:
    course = sel.course_list(user).filter(pk=pk).first()
    if course is None:
        raise Http404
    return {
        **{f: getattr(course, f) for f in CourseOut.model_fields if f != "organization_name"},
        "organization_name": course.organization.name,
        "rule": sel.rule_text(course),
        "sessions": [
            {"id": m.pk, "held_on": m.held_on, "topic": m.topic, "hours": m.hours, "present": m.came}
            for m in sel.course_sessions(course)
        ],
        "roster": [_enrollment_out(line) for line in sel.course_roster(course)],
    }


def _writable(user, pk: int) -> Course:
    course = sel.course_get(user, pk)
    if not sel.course_writable(user, course):
        raise Http404
    return course


@router.get("/courses", response=list[CourseOut], summary="List the 团校 classes and training courses you may see")
@paginate(ApiPagination)
def course_list(request, filters: Query[CourseQuery]):
    scope.require_any(request.user, VIEW_MEETING)
    given = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    return CourseFilter(given).filter(sel.course_list(request.user))


@router.get("/courses/{int:course_id}", response=CourseDetailOut, summary="One course with its sessions and roster")
def course_detail(request, course_id: int):
    return _detail(request.user, course_id)


@router.post("/courses", response={201: CourseDetailOut}, summary="Open a 团校 class or training course")
def course_create(request, data: CourseIn):
    organization = organizations_where(request.user, MANAGE_MEETING).filter(pk=data.organization_id).first()
    if organization is None:
        raise Http404
    course = svc.course_create(actor=request.user, organization=organization, **data.dict(exclude={"organization_id"}))
    return Status(201, _detail(request.user, course.pk))


@router.post(
    "/courses/{int:course_id}/enrollments", response={201: CourseDetailOut}, summary="Enroll people in a course"
)
def course_enroll(request, course_id: int, data: EnrollIn):
    course = _writable(request.user, course_id)
    people = sel.people_for_enrollment(course, list(data.person_ids))
    missing = sorted(set(data.person_ids) - {p.pk for p in people})
    if missing:
        raise ValidationError(
            "Not in the organizer's organizations (person ids): " + ", ".join(str(i) for i in missing),
            code="ENROLLEE_OUTSIDE",
        )
    svc.enrollment_add(actor=request.user, course=course, people=people)
    return Status(201, _detail(request.user, course.pk))


@router.post(
    "/courses/{int:course_id}/complete",
    response=CourseDetailOut,
    summary="Mark one person's completion (by the rule, or by decision with the reason)",
)
def course_complete(request, course_id: int, data: CompleteIn):
    course = _writable(request.user, course_id)
    row = sel.enrollment_get(course, person_id=data.person_id)
    svc.enrollment_complete(
        actor=request.user,
        enrollment=row,
        version=data.version,
        completed_on=data.completed_on,
        override=data.override,
        reason=data.reason,
    )
    return _detail(request.user, course.pk)


class MyAttendanceOut(Schema):
    meeting_id: int
    held_on: datetime.date
    kind: str
    topic: str
    organizer: str
    status: str
    reason: str
    hours: Decimal


class MyCourseOut(Schema):
    course_id: int
    title: str
    kind: str
    status: str
    completed_on: datetime.date | None
    rule: str
    progress: ProgressOut


class MyLifeOut(Schema):
    person_id: int
    year: int
    present: int
    absent: int
    excused: int
    lesson_hours: Decimal = Field(description="All lesson hours so far: attended, on paper and (by policy) study")
    lesson_hours_year: Decimal = Field(description="Lesson hours attended in the year")
    meetings: list[MyAttendanceOut]
    courses: list[MyCourseOut]


class MyQuery(Schema):
    year: Year | None = None


@router.get("/my", response=MyLifeOut, summary="My own organizational life: meetings, lesson hours, courses")
def my_life(request, filters: Query[MyQuery]):
    person = sel.own_person(request.user)
    if person is None:
        raise Http404
    life = sel.my_life(person, filters.year)
    return {
        "person_id": person.pk,
        "year": life.year,
        "present": life.present,
        "absent": life.absent,
        "excused": life.excused,
        "lesson_hours": life.lesson_hours.total,
        "lesson_hours_year": life.lesson_hours_year,
        "meetings": [
            {
                "meeting_id": a.meeting_id,
                "held_on": a.meeting.held_on,
                "kind": a.meeting.kind,
                "topic": a.meeting.topic,
                "organizer": a.meeting.party_branch.name if a.meeting.party_branch else a.meeting.organization.name,
                "status": a.status,
                "reason": a.reason,
                "hours": a.hours,
            }
            for a in life.attendance
        ],
        "courses": [
            {
                "course_id": c.enrollment.course_id,
                "title": c.enrollment.course.title,
                "kind": c.enrollment.course.kind,
                "status": c.enrollment.status,
                "completed_on": c.enrollment.completed_on,
                "rule": c.rule,
                "progress": c.progress.__dict__,
            }
            for c in life.courses
        ],
    }
