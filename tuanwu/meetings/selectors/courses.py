"""Scoped reads of 团校 classes and training courses: the list, one course with its roster, the sessions held and
each person's attendance against the course's completion rule; and a member's own organizational life."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_MEETING, VIEW_MEETING
from tuanwu.organizations import scope
from tuanwu.people.models import Person

from ..models import LESSON_KINDS, Attendance, Course, Enrollment, Meeting
from .lessons import LessonHours, lesson_hours_of


@dataclass(frozen=True)
class Progress:
    """A person's attendance of a course's sessions so far, and whether it meets the course's completion rule."""

    attended: int = 0
    hours: Decimal = Decimal(0)
    held: int = 0
    meets_rule: bool = False


@dataclass
class RosterLine:
    """One enrolled person with their progress and their mark at each session (present/absent/excused or "")."""

    enrollment: Enrollment
    progress: Progress
    marks: list[str] = field(default_factory=list)

    @property
    def person(self) -> Person:
        return self.enrollment.person


def meets_rule(course: Course, *, attended: int, hours: Decimal, held: int) -> bool:
    """The course's completion rule: at least its required sessions and at least its required hours; a course that
    sets neither asks for every session held (and at least one)."""
    if course.required_sessions is None and course.required_hours is None:
        return held > 0 and attended >= held
    if course.required_sessions is not None and attended < course.required_sessions:
        return False
    return course.required_hours is None or hours >= course.required_hours


def rule_text(course: Course) -> str:
    """The completion rule in words, for the pages and for the message that refuses a completion."""
    parts = []
    if course.required_sessions is not None:
        parts.append(_("at least %(n)d sessions attended") % {"n": course.required_sessions})
    if course.required_hours is not None:
        parts.append(_("at least %(h)s hours attended") % {"h": course.required_hours})
    if not parts:
        return _("every session held attended")
    return _(" and ").join(parts)


def course_list(user: scope.Viewer) -> QuerySet[Course]:
    """Courses organized in the user's VIEW_MEETING scope, with the numbers enrolled, completed and sessions held."""
    return (
        scope.restrict(Course.objects.all(), user, VIEW_MEETING)
        .select_related("organization")
        .annotate(
            enrolled=Count("enrollments", filter=~Q(enrollments__status=Enrollment.Status.WITHDRAWN), distinct=True),
            completed=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.COMPLETED), distinct=True),
            held=Count("sessions", distinct=True),
        )
        .order_by("-starts_on", "-pk")
    )


def course_get(user: scope.Viewer, pk: int) -> Course:
    """One course the user may see, else 404 (exactly like a course that does not exist)."""
    return scope.get_scoped_or_404(Course.objects.select_related("organization"), user, VIEW_MEETING, pk=pk)


def course_writable(user: scope.Viewer, course: Course) -> bool:
    """Whether the user manages the course: MANAGE_MEETING on its organizer."""
    return scope.has_perm(user, MANAGE_MEETING, course.organization)


def course_sessions(course: Course) -> QuerySet[Meeting]:
    """The sessions of a course in the order they were held, with the number present at each."""
    return (
        Meeting.objects.filter(course=course)
        .annotate(came=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)))
        .order_by("held_on", "starts_at", "pk")
    )


def progress_of(course: Course, person_ids: list[int]) -> dict[int, Progress]:
    """Each person's sessions attended (present) and hours earned at the course's sessions, against its rule; two
    queries whatever the roster's size."""
    held = Meeting.objects.filter(course=course).count()
    attended: dict[int, int] = defaultdict(int)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    rows = Attendance.objects.filter(
        meeting__course=course, person_id__in=person_ids, status=Attendance.Status.PRESENT
    ).values_list("person_id", "hours")
    for pk, h in rows:
        attended[pk] += 1
        hours[pk] += h
    return {
        pk: Progress(
            attended=attended[pk],
            hours=hours[pk],
            held=held,
            meets_rule=meets_rule(course, attended=attended[pk], hours=hours[pk], held=held),
        )
        for pk in person_ids
    }


def course_roster(course: Course, *, include_withdrawn: bool = True) -> list[RosterLine]:
    """The roster in name order with each person's progress and their mark at every session, in four queries."""
    enrollments = Enrollment.objects.filter(course=course).select_related("person__organization")
    if not include_withdrawn:
        enrollments = enrollments.exclude(status=Enrollment.Status.WITHDRAWN)
    rows = list(enrollments.order_by("person__name_pinyin", "pk"))
    ids = [e.person_id for e in rows]
    progress = progress_of(course, ids)
    session_ids = list(
        Meeting.objects.filter(course=course).order_by("held_on", "starts_at", "pk").values_list("pk", flat=True)
    )
    marks: dict[tuple[int, int], str] = {
        (m, p): s
        for m, p, s in Attendance.objects.filter(meeting_id__in=session_ids, person_id__in=ids).values_list(
            "meeting_id", "person_id", "status"
        )
    }
    return [RosterLine(e, progress[e.person_id], [marks.get((m, e.person_id), "") for m in session_ids]) for e in rows]


def enrollable_people(course: Course, *, q: str = "", limit: int = 50) -> QuerySet[Person]:
    """People of the organizer's subtree not on the roster yet, matching q (name, pinyin initials, phone)."""
    qs = Person.objects.filter(organization__path__range=course.organization.subtree_range()).exclude(
        pk__in=Enrollment.objects.filter(course=course).values("person_id")
    )
    text = q.strip()
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(name_initials__icontains=text) | Q(phone=text))
    return qs.select_related("organization").order_by("name_pinyin", "pk")[:limit]


def enrollment_get(course: Course, *, pk: int | None = None, person_id: int | None = None) -> Enrollment:
    """One line of a course's roster (the course already loaded in scope), by its id or its person, else 404."""
    rows = Enrollment.objects.filter(course=course).select_related("person", "course__organization")
    row = rows.filter(pk=pk).first() if pk is not None else rows.filter(person_id=person_id or 0).first()
    if row is None:
        raise Http404
    return row


def people_for_enrollment(course: Course, ids: list[int]) -> list[Person]:
    """The people of these ids who belong to the organizer's subtree (the others are not found, as if missing)."""
    return list(
        Person.objects.filter(pk__in=ids, organization__path__range=course.organization.subtree_range()).order_by(
            "name_pinyin", "pk"
        )
    )


def own_person(user: scope.Viewer) -> Person | None:
    """The person record the signed-in account is linked to, if any."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return None
    return Person.objects.select_related("organization").filter(pk=person_id).first()


def session_roster(course: Course) -> list[Person]:
    """The people a new session expects: the course's roster less those who withdrew."""
    return [
        e.person
        for e in Enrollment.objects.filter(course=course)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("person")
        .order_by("person__name_pinyin", "pk")
    ]


def graduates(course: Course) -> list[Enrollment]:
    """Those who completed the course, in name order, for the printed list."""
    return list(
        Enrollment.objects.filter(course=course, status=Enrollment.Status.COMPLETED)
        .select_related("person__organization")
        .order_by("person__name_pinyin", "pk")
    )


# A member's own organizational life ---------------------------------------------------------------------------


@dataclass
class MyCourse:
    enrollment: Enrollment
    progress: Progress
    rule: str


@dataclass
class MyLife:
    """What one person's organizational life of a year looks like to them."""

    person: Person
    year: int
    attendance: list[Attendance]
    present: int
    absent: int
    excused: int
    lesson_hours: LessonHours
    lesson_hours_year: Decimal
    courses: list[MyCourse]


def my_life(person: Person, year: int | None = None, *, today: datetime.date | None = None) -> MyLife:
    """The meetings the person was expected at in the year with their mark, their lesson hours (all so far, and
    those attended in the year) and their courses with progress. Not scoped: the caller shows the user's own
    person only."""
    today = today or timezone.localdate()
    year = year or today.year
    rows = list(
        Attendance.objects.filter(person=person, meeting__held_on__year=year)
        .select_related("meeting__organization", "meeting__party_branch", "meeting__course")
        .order_by("-meeting__held_on", "-pk")
    )
    count = {s: sum(1 for a in rows if a.status == s) for s in Attendance.Status.values}
    year_hours = sum(
        (a.hours for a in rows if a.status == Attendance.Status.PRESENT and a.meeting.kind in LESSON_KINDS),
        Decimal(0),
    )
    enrollments = list(
        Enrollment.objects.filter(person=person)
        .select_related("course__organization")
        .order_by("-course__starts_on", "-pk")
    )
    courses = [MyCourse(e, progress_of(e.course, [person.pk])[person.pk], rule_text(e.course)) for e in enrollments]
    return MyLife(
        person=person,
        year=year,
        attendance=rows,
        present=count[Attendance.Status.PRESENT],
        absent=count[Attendance.Status.ABSENT],
        excused=count[Attendance.Status.EXCUSED],
        lesson_hours=lesson_hours_of([person.pk], until=today)[person.pk],
        lesson_hours_year=year_hours,
        courses=courses,
    )
