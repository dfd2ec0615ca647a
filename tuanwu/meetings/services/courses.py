"""Writes of 团校 classes and training courses: the course, its roster, a session recorded from the roster, and
completion (from attendance by the course's rule, or by the organizer's explicit decision with a reason)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_MEETING
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import Kind as OrgKind
from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person

from ..models import Course, Enrollment, Kind, Meeting
from ..selectors.courses import progress_of, rule_text, session_roster
from .meetings import Present, meeting_record

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

# Courses are run by the county committee and the committees under it, never by a branch.
ORGANIZER_KINDS = frozenset({OrgKind.COUNTY_COMMITTEE, OrgKind.COMMITTEE, OrgKind.WORKING_COMMITTEE})
COURSE_FIELDS = frozenset({"kind", "title", "starts_on", "ends_on", "required_sessions", "required_hours"})


def _require_organizer(actor: User, organization: Organization) -> None:
    scope.require(actor, MANAGE_MEETING, organization)
    if organization.kind not in ORGANIZER_KINDS:
        raise field_error(
            {"organization": _("Courses are organized by the county committee or a committee, not by a branch.")},
            code="COURSE_ORGANIZER",
        )


def _check_course(course: Course) -> None:
    errors: dict[str, str] = {}
    if not course.title.strip():
        errors["title"] = _("Give the course a title.")
    if course.ends_on and course.ends_on < course.starts_on:
        errors["ends_on"] = _("The course ends before it starts.")
    if course.required_hours is not None and course.required_hours < 0:
        errors["required_hours"] = _("Hours to attend cannot be negative.")
    if errors:
        raise field_error(errors, code="COURSE_INVALID")


def course_create(
    *,
    actor: User,
    organization: Organization,
    title: str,
    starts_on: datetime.date,
    kind: str = Course.Kind.LEAGUE_SCHOOL,
    ends_on: datetime.date | None = None,
    required_sessions: int | None = None,
    required_hours: Decimal | None = None,
) -> Course:
    """Open a 团校 class or training course of a county committee or committee the actor manages meetings of."""
    with transaction.atomic(), set_actor(actor):
        _require_organizer(actor, organization)
        course = Course(
            organization=organization,
            kind=kind,
            title=title.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            required_sessions=required_sessions,
            required_hours=required_hours,
        )
        _check_course(course)
        course.full_clean()
        course.save()
    return course


def course_update(*, actor: User, course: Course, version: int | None, **fields) -> Course:
    """Correct a course's title, dates or completion rule; completions already recorded stay as they are."""
    unknown = set(fields) - COURSE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic(), set_actor(actor):
        _require_organizer(actor, course.organization)
        locked = Course.objects.select_for_update().select_related("organization").get(pk=course.pk)
        refuse_stale(locked, version)
        for name, value in fields.items():
            setattr(locked, name, value.strip() if name == "title" else value)
        _check_course(locked)
        versioned_save(locked)
    return locked


def enrollment_add(*, actor: User, course: Course, people: Iterable[Person]) -> list[Enrollment]:
    """Put people of the organizer's subtree on the roster; anyone outside it refuses the whole batch. Someone
    who withdrew is enrolled again; someone already on the roster is left as they are."""
    wanted = list({p.pk: p for p in people}.values())
    with transaction.atomic(), set_actor(actor):
        _require_organizer(actor, course.organization)
        if not wanted:
            raise field_error({"people": _("Choose the people to enroll.")}, code="ENROLLMENT_EMPTY")
        lo, hi = course.organization.subtree_range()
        inside = set(
            Person.objects.filter(pk__in=[p.pk for p in wanted], organization__path__range=(lo, hi)).values_list(
                "pk", flat=True
            )
        )
        outside = [p.name for p in wanted if p.pk not in inside]
        if outside:
            raise field_error(
                {
                    "people": _("Not in %(org)s or the organizations under it: %(names)s.")
                    % {"org": course.organization.name, "names": "、".join(outside)}
                },
                code="ENROLLEE_OUTSIDE",
            )
        current = {e.person_id: e for e in Enrollment.objects.select_for_update().filter(course=course)}
        out = []
        for person in wanted:
            row = current.get(person.pk)
            if row is None:
                row = Enrollment(course=course, person=person)
                row.full_clean()
                row.save()
                out.append(row)
            elif row.status == Enrollment.Status.WITHDRAWN:
                row.status, row.note = Enrollment.Status.ENROLLED, ""
                versioned_save(row)
                out.append(row)
    return out


def _locked(actor: User, enrollment: Enrollment) -> Enrollment:
    _require_organizer(actor, enrollment.course.organization)
    return Enrollment.objects.select_for_update().select_related("course__organization", "person").get(pk=enrollment.pk)


def enrollment_remove(*, actor: User, enrollment: Enrollment) -> None:
    """Take a person off the roster (entered by mistake); the sessions they attended keep their attendance."""
    with transaction.atomic(), set_actor(actor):
        _locked(actor, enrollment).delete()


def _completion_day(course: Course, on: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    day = on or (course.ends_on if course.ends_on and course.ends_on <= today else today)
    if day > today:
        raise field_error({"completed_on": _("A completion is recorded on or before today.")}, code="COMPLETION_DATE")
    return day


def enrollment_complete(
    *,
    actor: User,
    enrollment: Enrollment,
    version: int | None = None,
    completed_on: datetime.date | None = None,
    override: bool = False,
    reason: str = "",
) -> Enrollment:
    """Mark a person as having completed the course. Their attendance must meet the course's rule; otherwise the
    organizer may complete them only by an explicit override with the reason written down."""
    reason = reason.strip()
    with transaction.atomic(), set_actor(actor):
        row = _locked(actor, enrollment)
        refuse_stale(row, version)
        course = row.course
        if row.status == Enrollment.Status.WITHDRAWN:
            raise field_error(
                {"status": _("%(name)s withdrew from the course.") % {"name": row.person.name}},
                code="ENROLLMENT_WITHDRAWN",
            )
        progress = progress_of(course, [row.person_id])[row.person_id]
        if not progress.meets_rule and not override:
            raise field_error(
                {
                    "override": _(
                        "%(name)s attended %(n)d of %(held)d sessions (%(h)s hours); the course asks for %(rule)s. "
                        "Complete them by decision, with the reason, or wait for more sessions."
                    )
                    % {
                        "name": row.person.name,
                        "n": progress.attended,
                        "held": progress.held,
                        "h": progress.hours,
                        "rule": rule_text(course),
                    }
                },
                code="COMPLETION_RULE_NOT_MET",
            )
        by_decision = not progress.meets_rule
        if by_decision and not reason:
            raise field_error(
                {"reason": _("Write down why %(name)s completes the course by decision.") % {"name": row.person.name}},
                code="COMPLETION_REASON_MISSING",
            )
        row.status = Enrollment.Status.COMPLETED
        row.completed_on = _completion_day(course, completed_on)
        row.overridden = by_decision
        row.note = reason[:200] if by_decision else ""
        versioned_save(row)
    return row


def enrollment_reopen(*, actor: User, enrollment: Enrollment, reason: str, version: int | None = None) -> Enrollment:
    """Take a completion back (recorded by mistake), with the reason: the person is enrolled again."""
    reason = reason.strip()
    with transaction.atomic(), set_actor(actor):
        row = _locked(actor, enrollment)
        refuse_stale(row, version)
        if not reason:
            raise field_error({"reason": _("Write down why the completion is taken back.")}, code="REOPEN_REASON")
        row.status, row.completed_on, row.overridden, row.note = Enrollment.Status.ENROLLED, None, False, reason[:200]
        versioned_save(row)
    return row


def course_complete_met(*, actor: User, course: Course, completed_on: datetime.date | None = None) -> int:
    """Mark everyone on the roster whose attendance meets the course's rule as completed; returns how many."""
    with transaction.atomic(), set_actor(actor):
        _require_organizer(actor, course.organization)
        day = _completion_day(course, completed_on)
        rows = list(Enrollment.objects.select_for_update().filter(course=course, status=Enrollment.Status.ENROLLED))
        progress = progress_of(course, [e.person_id for e in rows])
        done = 0
        for row in rows:
            if progress[row.person_id].meets_rule:
                row.status, row.completed_on, row.overridden, row.note = Enrollment.Status.COMPLETED, day, False, ""
                versioned_save(row)
                done += 1
    return done


def course_session_record(
    *, actor: User, course: Course, held_on: datetime.date, topic: str, attendance: Iterable[Present], **fields
) -> Meeting:
    """Record a session of the course (a meeting of kind course_session by the course's organizer); those expected
    are people on the roster."""
    lines = list(attendance)
    with transaction.atomic():
        if not scope.has_perm(actor, MANAGE_MEETING, course.organization):
            raise Http404
        on_roster = {p.pk for p in session_roster(course)}
        outside = [line.person.name for line in lines if line.person.pk not in on_roster]
        if outside:
            raise field_error(
                {"attendance": _("Not on the course's roster: %(names)s.") % {"names": "、".join(outside)}},
                code="ATTENDEE_NOT_ENROLLED",
            )
        fields.pop("kind", None)
        return meeting_record(
            actor=actor,
            organization=course.organization,
            kind=Kind.COURSE_SESSION,
            held_on=held_on,
            topic=topic,
            attendance=lines,
            course=course,
            **fields,
        )
