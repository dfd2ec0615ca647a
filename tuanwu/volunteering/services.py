"""Every write of volunteering: activities, sign-ups, check-in, the hour ledger, certificates, task forces."""

from __future__ import annotations

import datetime
import secrets
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.concurrency import check_version
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import county_of
from tuanwu.people.models import Person

from .models import (
    Activity,
    Certificate,
    CorrectionRequest,
    HourEntry,
    Signup,
    TaskForce,
    TaskForceMember,
    VolunteerPolicy,
)
from .workflow import ACTIVITY_TRANSITIONS, CHECKIN_EARLY

ACTIVITY_FIELDS = (
    "title",
    "category",
    "description",
    "place",
    "starts_at",
    "ends_at",
    "capacity",
    "recruit_organization",
    "open_to_all",
    "requirements",
)
HOUR = Decimal("0.01")


# Policy ---------------------------------------------------------------------------------------------------


def policy_for(organization: Organization, year: int) -> VolunteerPolicy:
    """The county's policy for a year, or the defaults (unsaved) when the county set none."""
    county = county_of(organization)
    policy = VolunteerPolicy.objects.filter(organization=county, year=year).first()
    return policy or VolunteerPolicy(organization=county, year=year)


def policy_set(*, actor, county: Organization, year: int, version: int | None = None, **fields) -> VolunteerPolicy:
    """Set how a county rounds attendance into hours in a year (county administrators only)."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, county)
        if county.depth != 1:
            raise ValidationError(_("Only the county committee sets the policy."), code="POLICY_NOT_COUNTY")
        # Not get_or_create: it would insert the new row before full_clean() checks it.
        policy = VolunteerPolicy.objects.select_for_update().filter(organization=county, year=year).first()
        if policy is None:
            policy = VolunteerPolicy(organization=county, year=year, **fields)
        else:
            check_version(policy, version)
            for name, value in fields.items():
                setattr(policy, name, value)
        policy.full_clean()
        policy.save()
    return policy


def hours_between(start: datetime.datetime, end: datetime.datetime, policy: VolunteerPolicy) -> Decimal:
    """The hours counted for service from start to end, in the policy's rounding steps."""
    minutes = Decimal(int((end - start).total_seconds() // 60))
    step = Decimal(policy.rounding_minutes)
    rounding = ROUND_DOWN if policy.rounding_mode == VolunteerPolicy.Rounding.DOWN else ROUND_HALF_UP
    counted = (minutes / step).quantize(Decimal(1), rounding=rounding) * step
    return (counted / 60).quantize(HOUR)


# Activities -----------------------------------------------------------------------------------------------


def _new_checkin_keys() -> dict:
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        if not Activity.objects.filter(checkin_code=code).exists():
            return {"checkin_token": secrets.token_urlsafe(24)[:32], "checkin_code": code}


def _check_activity(fields: dict, organization: Organization) -> None:
    problems = {}
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends <= starts:
        problems["ends_at"] = _("The activity must end after it starts.")
    recruit = fields.get("recruit_organization")
    if recruit and not recruit.path.startswith(organization.path) and not fields.get("open_to_all"):
        problems["recruit_organization"] = _(
            "Recruit within the organizer's own subtree, or open the activity to every registered young person."
        )
    if problems:
        raise field_error(problems, code="ACTIVITY_INVALID")


def activity_create(*, actor, organization: Organization, **fields) -> Activity:
    """Plan an activity of an organization (a draft until published)."""
    fields.setdefault("recruit_organization", organization)
    _check_activity(fields, organization)
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, organization)
        activity = Activity(organization=organization, **fields, **_new_checkin_keys())
        activity.full_clean()
        activity.save()
    return activity


def activity_update(*, actor, activity: Activity, version: int | None = None, **fields) -> Activity:
    """Change an activity's details; its window cannot shrink below hours already recorded."""
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().get(pk=activity.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        if row.status in (Activity.Status.FINISHED, Activity.Status.CANCELLED):
            raise ValidationError(_("A finished or cancelled activity cannot be changed."), code="ACTIVITY_CLOSED")
        check_version(row, version)
        merged = {name: getattr(row, name) for name in ACTIVITY_FIELDS}
        merged.update(fields)
        _check_activity(merged, row.organization)
        outside = row.entries.filter(Q(started_at__lt=merged["starts_at"]) | Q(ended_at__gt=merged["ends_at"]))
        if outside.exists():
            raise ValidationError(
                _("Hours are already recorded outside the new time window; correct them first."),
                code="WINDOW_EXCLUDES_HOURS",
            )
        for name, value in fields.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
    return row


def _transition(actor, activity: Activity, to: str, reason: str = "") -> Activity:
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().get(pk=activity.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        if to not in ACTIVITY_TRANSITIONS.get(row.status, ()):
            raise ValidationError(
                _("An activity that is %(status)s cannot become %(to)s.")
                % {"status": row.get_status_display(), "to": Activity.Status(to).label},
                code="ACTIVITY_TRANSITION",
            )
        if to == Activity.Status.CANCELLED and row.entries.exists():
            raise ValidationError(
                _("Hours are recorded for this activity: finish it instead of cancelling."),
                code="ACTIVITY_HAS_HOURS",
            )
        row.status = to
        row.version += 1
        row.save(update_fields=["status", "version", "updated_at"])
    return row


def activity_publish(*, actor, activity: Activity) -> Activity:
    """Open the activity for sign-up."""
    return _transition(actor, activity, Activity.Status.PUBLISHED)


def activity_start(*, actor, activity: Activity) -> Activity:
    """Mark the activity as running (check-in works from publication on anyway)."""
    return _transition(actor, activity, Activity.Status.RUNNING)


def activity_cancel(*, actor, activity: Activity) -> Activity:
    """Call the activity off; only possible before any hours are recorded."""
    return _transition(actor, activity, Activity.Status.CANCELLED)


def activity_finish(*, actor, activity: Activity) -> Activity:
    """Close the activity: no more sign-up or check-in; hours can still be confirmed and certified."""
    return _transition(actor, activity, Activity.Status.FINISHED)


def activity_rotate_code(*, actor, activity: Activity) -> Activity:
    """Issue a new QR code and check-in code, e.g. after a photo of the old one went round."""
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().get(pk=activity.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        for name, value in _new_checkin_keys().items():
            setattr(row, name, value)
        row.save(update_fields=["checkin_token", "checkin_code", "updated_at"])
    return row


# Sign-up --------------------------------------------------------------------------------------------------


def may_sign_up(activity: Activity, person: Person) -> bool:
    """Whether the activity recruits from the person's organization."""
    return activity.open_to_all or person.organization.path.startswith(activity.recruit_organization.path)


def _approved_count(activity: Activity) -> int:
    return activity.signups.filter(status=Signup.Status.APPROVED).count()


def _is_full(activity: Activity) -> bool:
    return activity.capacity is not None and _approved_count(activity) >= activity.capacity


def signup_create(*, actor, activity: Activity, note: str = "") -> Signup:
    """The signed-in young person signs up; when the places are taken they join the waiting list."""
    person = _own_person(actor)
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().select_related("recruit_organization").get(pk=activity.pk)
        if (
            row.status not in (Activity.Status.PUBLISHED, Activity.Status.RUNNING)
            or row.ends_at <= timezone.now()
            or row.task_force_id  # a deployment's list is the task force
        ):
            raise ValidationError(_("This activity is not taking sign-ups."), code="SIGNUP_CLOSED")
        if not may_sign_up(row, person):
            raise ValidationError(
                _("This activity recruits from %(org)s only.") % {"org": row.recruit_organization.name},
                code="SIGNUP_OUTSIDE_RECRUITMENT",
            )
        existing = Signup.objects.filter(activity=row, person=person).first()
        status = Signup.Status.WAITLISTED if _is_full(row) else Signup.Status.PENDING
        if existing:
            if existing.status not in (Signup.Status.WITHDRAWN, Signup.Status.DECLINED):
                raise ValidationError(_("You have already signed up for this activity."), code="SIGNUP_DUPLICATE")
            existing.status, existing.note, existing.reason = status, note, ""
            existing.decided_by = existing.decided_at = None
            existing.version += 1
            existing.save()
            return existing
        signup = Signup(activity=row, person=person, organization=person.organization, note=note, status=status)
        signup.full_clean()
        signup.save()
    return signup


def signup_withdraw(*, actor, signup: Signup) -> Signup:
    """The volunteer withdraws; a freed place goes to the first on the waiting list."""
    person = _own_person(actor)
    with transaction.atomic(), set_actor(actor):
        row = Signup.objects.select_for_update().select_related("activity").get(pk=signup.pk)
        if row.person_id != person.pk:
            raise PermissionDenied
        if row.status in (Signup.Status.WITHDRAWN, Signup.Status.DECLINED) or row.checked_in_at:
            raise ValidationError(_("This sign-up can no longer be withdrawn."), code="SIGNUP_FINAL")
        freed = row.status == Signup.Status.APPROVED
        row.status = Signup.Status.WITHDRAWN
        row.version += 1
        row.save()
        if freed:
            _promote_waiting(row.activity)
    return row


def _promote_waiting(activity: Activity) -> None:
    first = activity.signups.filter(status=Signup.Status.WAITLISTED).order_by("created_at", "pk").first()
    if first:
        first.status = Signup.Status.PENDING
        first.version += 1
        first.save()


def signup_decide(*, actor, signup: Signup, approve: bool, reason: str = "") -> Signup:
    """The organizer approves a sign-up (within the places) or declines it with a reason."""
    with transaction.atomic(), set_actor(actor):
        row = Signup.objects.select_for_update().get(pk=signup.pk)
        activity = Activity.objects.select_for_update().get(pk=row.activity_id)
        scope.require(actor, MANAGE_VOLUNTEERING, activity.organization)
        if activity.status not in (Activity.Status.PUBLISHED, Activity.Status.RUNNING):
            raise ValidationError(_("This activity is not taking sign-ups."), code="SIGNUP_CLOSED")
        if row.status not in (Signup.Status.PENDING, Signup.Status.WAITLISTED, Signup.Status.APPROVED):
            raise ValidationError(_("This sign-up is already closed."), code="SIGNUP_FINAL")
        if approve:
            if row.status == Signup.Status.APPROVED:
                return row
            if _is_full(activity):
                raise ValidationError(_("All %(n)d places are taken.") % {"n": activity.capacity}, code="ACTIVITY_FULL")
            row.status = Signup.Status.APPROVED
        else:
            if not reason.strip():
                raise field_error({"reason": _("Give the volunteer a reason.")}, code="REASON_REQUIRED")
            if row.checked_in_at:
                raise ValidationError(_("The volunteer has already checked in."), code="SIGNUP_CHECKED_IN")
            freed = row.status == Signup.Status.APPROVED
            row.status = Signup.Status.DECLINED
        row.reason = reason.strip()
        row.decided_by, row.decided_at = actor, timezone.now()
        row.version += 1
        row.save()
        if not approve and freed:
            _promote_waiting(activity)
    return row


def _own_person(actor) -> Person:
    if not getattr(actor, "person_id", None):
        raise ValidationError(
            _("Your account is not linked to a person record; ask your branch secretary."), code="NO_PERSON"
        )
    return Person.objects.select_related("organization").get(pk=actor.person_id)


def activity_by_checkin(key: str) -> Activity | None:
    """The activity whose QR token or typed check-in code this is."""
    key = (key or "").strip()
    if not key:
        return None
    lookup = {"checkin_code": key} if key.isdigit() and len(key) == 6 else {"checkin_token": key}
    return Activity.objects.select_related("organization").filter(**lookup).first()


def checkin_scan(*, actor, activity: Activity, now: datetime.datetime | None = None) -> Signup:
    """The volunteer scans the activity's code: the first scan checks in, the next one checks out."""
    now = now or timezone.now()
    person = _own_person(actor)
    activity = Activity.objects.get(pk=activity.pk)
    with transaction.atomic(), set_actor(actor):
        row = Signup.objects.select_for_update().filter(activity=activity, person=person).first()
        if row is None or row.status != Signup.Status.APPROVED:
            raise ValidationError(
                _("You are not on this activity's approved list; sign up first or ask the organizer."),
                code="CHECKIN_NOT_APPROVED",
            )
        if activity.status not in (Activity.Status.PUBLISHED, Activity.Status.RUNNING):
            raise ValidationError(_("Check-in for this activity is closed."), code="CHECKIN_CLOSED")
        if now < activity.starts_at - CHECKIN_EARLY or now > activity.ends_at + CHECKIN_EARLY:
            raise ValidationError(
                _("Check-in is open from %(from)s to %(to)s.")
                % {
                    "from": timezone.localtime(activity.starts_at - CHECKIN_EARLY).strftime("%Y-%m-%d %H:%M"),
                    "to": timezone.localtime(activity.ends_at + CHECKIN_EARLY).strftime("%Y-%m-%d %H:%M"),
                },
                code="CHECKIN_OUTSIDE_WINDOW",
            )
        if row.checked_in_at is None:
            row.checked_in_at = now
        elif row.checked_out_at is None:
            row.checked_out_at = now
        else:
            raise ValidationError(_("You have already checked in and out."), code="CHECKIN_DONE")
        row.version += 1
        row.save()
    return row


# The ledger -----------------------------------------------------------------------------------------------


def _effective_intervals(person_id: int, around: datetime.date, exclude_chain: int | None = None):
    """Each of the person's ledger chains near a date as (root id, start, end), after corrections."""
    entries = HourEntry.objects.filter(
        person_id=person_id,
        service_date__range=(around - datetime.timedelta(days=2), around + datetime.timedelta(days=2)),
    ).values_list("pk", "corrects_id", "started_at", "ended_at", "hours")
    chains: dict[int, list] = {}
    for pk, corrects, start, end, hours in sorted(entries, key=lambda e: e[0]):
        root = corrects or pk
        chain = chains.setdefault(root, [None, None, Decimal(0)])
        if start and end:
            chain[0], chain[1] = start, end
        chain[2] += hours
    return [(root, s, e) for root, (s, e, total) in chains.items() if s and total > 0 and root != exclude_chain]


def check_no_overlap(
    person: Person, start: datetime.datetime, end: datetime.datetime, exclude_chain: int | None = None
) -> None:
    """Refuse hours that overlap hours already in the person's ledger."""
    local_date = timezone.localtime(start).date()
    for _root, s, e in _effective_intervals(person.pk, local_date, exclude_chain):
        if s < end and e > start:
            raise ValidationError(
                _("%(name)s already has hours recorded from %(from)s to %(to)s, which overlap.")
                % {
                    "name": person.name,
                    "from": timezone.localtime(s).strftime("%Y-%m-%d %H:%M"),
                    "to": timezone.localtime(e).strftime("%H:%M"),
                },
                code="HOURS_OVERLAP",
            )


def _check_window(activity: Activity, start: datetime.datetime, end: datetime.datetime) -> None:
    if end <= start:
        raise field_error({"confirmed_end": _("The end must be after the start.")}, code="END_BEFORE_START")
    if start < activity.starts_at or end > activity.ends_at:
        raise ValidationError(
            _("Hours must lie within the activity's time, %(from)s to %(to)s.")
            % {
                "from": timezone.localtime(activity.starts_at).strftime("%Y-%m-%d %H:%M"),
                "to": timezone.localtime(activity.ends_at).strftime("%Y-%m-%d %H:%M"),
            },
            code="HOURS_OUTSIDE_WINDOW",
        )


def _check_daily_cap(hours: Decimal, start, end, policy: VolunteerPolicy) -> None:
    days = (timezone.localtime(end).date() - timezone.localtime(start).date()).days + 1
    if hours > policy.max_hours_per_day * days:
        raise ValidationError(
            _("%(hours)s hours exceed the county's limit of %(max)s hours a day.")
            % {"hours": hours, "max": policy.max_hours_per_day},
            code="HOURS_OVER_DAILY_LIMIT",
        )


def attendance_confirm(
    *,
    actor,
    signup: Signup,
    present: bool,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> Signup:
    """The organizer confirms (or corrects) when a volunteer served, which records their hours; or marks
    them absent. Recorded hours can be re-confirmed until they are certified."""
    with transaction.atomic(), set_actor(actor):
        row = Signup.objects.select_for_update().select_related("activity", "person").get(pk=signup.pk)
        activity = row.activity
        scope.require(actor, MANAGE_VOLUNTEERING, activity.organization)
        if row.status != Signup.Status.APPROVED:
            raise ValidationError(_("Only approved volunteers can be confirmed."), code="SIGNUP_NOT_APPROVED")
        previous = HourEntry.objects.filter(signup=row, corrects__isnull=True).first()
        if previous and previous.status == HourEntry.Status.CERTIFIED:
            raise ValidationError(
                _("These hours are certified; change them with a correction."), code="ENTRY_CERTIFIED"
            )
        if previous:
            previous.delete()
        if not present:
            row.attendance, row.confirmed_start, row.confirmed_end = Signup.Attendance.ABSENT, None, None
        else:
            # Scans are accepted up to CHECKIN_EARLY outside the activity; the hours count only inside it.
            start = start or max(row.checked_in_at or activity.starts_at, activity.starts_at)
            end = end or min(row.checked_out_at or activity.ends_at, activity.ends_at)
            _check_window(activity, start, end)
            _record(actor, row, start, end)
            row.attendance, row.confirmed_start, row.confirmed_end = Signup.Attendance.PRESENT, start, end
        row.version += 1
        row.save()
    return row


def _record(actor, signup: Signup, start, end) -> HourEntry:
    activity, person = signup.activity, signup.person
    policy = policy_for(activity.organization, timezone.localtime(start).year)
    hours = hours_between(start, end, policy)
    if hours <= 0:
        raise ValidationError(
            _("%(name)s served less than one counting step (%(step)d minutes).")
            % {"name": person.name, "step": policy.rounding_minutes},
            code="HOURS_TOO_SHORT",
        )
    _check_daily_cap(hours, start, end, policy)
    check_no_overlap(person, start, end)
    entry = HourEntry(
        person=person,
        organization_id=person.organization_id,
        organizer_id=activity.organization_id,
        activity=activity,
        signup=signup,
        source=HourEntry.Source.TASK_FORCE if activity.task_force_id else HourEntry.Source.ACTIVITY,
        category=activity.category,
        content=activity.title[:300],
        service_date=timezone.localtime(start).date(),
        started_at=start,
        ended_at=end,
        hours=hours,
        recorded_by=actor,
    )
    entry.full_clean()
    entry.save()
    return entry


def activity_certify(*, actor, activity: Activity) -> int:
    """The organizer certifies every recorded entry of the activity; certified entries never change again."""
    with transaction.atomic(), set_actor(actor):
        row = Activity.objects.select_for_update().get(pk=activity.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        return HourEntry.objects.filter(activity=row, status=HourEntry.Status.RECORDED).update(
            status=HourEntry.Status.CERTIFIED, certified_by=actor, certified_at=timezone.now()
        )


def entry_correct(
    *,
    actor,
    entry: HourEntry,
    hours: Decimal,
    reason: str,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> HourEntry:
    """Correct a certified entry to a new total of hours: a new, certified entry holding the difference and
    the reason, referencing the original."""
    reason = (reason or "").strip()
    if not reason:
        raise field_error({"reason": _("A correction needs a reason.")}, code="REASON_REQUIRED")
    with transaction.atomic(), set_actor(actor):
        original = (
            HourEntry.objects.select_for_update(of=("self",)).select_related("person", "activity").get(pk=entry.pk)
        )
        if original.corrects_id:
            original = (
                HourEntry.objects.select_for_update(of=("self",))
                .select_related("person", "activity")
                .get(pk=original.corrects_id)
            )
        organizer = Organization.objects.get(pk=original.organizer_id)
        scope.require(actor, MANAGE_VOLUNTEERING, organizer)
        if original.status != HourEntry.Status.CERTIFIED:
            raise ValidationError(
                _("This entry is not certified yet: confirm the attendance again instead."),
                code="ENTRY_NOT_CERTIFIED",
            )
        current = original.hours + sum(c.hours for c in original.corrections.all())
        hours = Decimal(hours).quantize(HOUR)
        if hours < 0:
            raise field_error({"hours": _("Hours cannot be negative.")}, code="HOURS_NEGATIVE")
        if hours == current and not (start and end):
            raise field_error({"hours": _("The entry already counts %(h)s hours.") % {"h": current}}, code="NO_CHANGE")
        if start and end:
            if original.activity_id:
                _check_window(original.activity, start, end)
            elif end <= start:
                raise field_error({"end": _("The end must be after the start.")}, code="END_BEFORE_START")
            if hours > 0:
                check_no_overlap(original.person, start, end, exclude_chain=original.pk)
        now = timezone.now()
        correction = HourEntry(
            person_id=original.person_id,
            organization_id=original.organization_id,
            organizer_id=original.organizer_id,
            activity_id=original.activity_id,
            signup_id=original.signup_id,
            source=HourEntry.Source.CORRECTION,
            category=original.category,
            content=original.content,
            service_date=timezone.localtime(start).date() if start else original.service_date,
            started_at=start,
            ended_at=end,
            hours=hours - current,
            corrects=original,
            reason=reason[:300],
            status=HourEntry.Status.CERTIFIED,
            recorded_by=actor,
            certified_by=actor,
            certified_at=now,
        )
        correction.full_clean()
        correction.save()
    return correction


def correction_request_create(*, actor, entry: HourEntry, hours: Decimal, reason: str) -> CorrectionRequest:
    """A volunteer asks the organizer to correct one of their certified entries."""
    person = _own_person(actor)
    reason = (reason or "").strip()
    if not reason:
        raise field_error({"reason": _("Say what is wrong and why.")}, code="REASON_REQUIRED")
    if Decimal(hours) < 0:
        raise field_error({"hours": _("Hours cannot be negative.")}, code="HOURS_NEGATIVE")
    with transaction.atomic(), set_actor(actor):
        row = HourEntry.objects.select_for_update().get(pk=entry.pk)
        root = row.corrects or row
        if root.person_id != person.pk:
            raise PermissionDenied
        if root.status != HourEntry.Status.CERTIFIED:
            raise ValidationError(
                _("These hours are not certified yet; ask the organizer to confirm them again."),
                code="ENTRY_NOT_CERTIFIED",
            )
        if CorrectionRequest.objects.filter(entry=root, status=CorrectionRequest.Status.PENDING).exists():
            raise ValidationError(
                _("A request for this entry is already waiting for an answer."), code="REQUEST_PENDING"
            )
        request = CorrectionRequest(
            entry=root,
            organization_id=root.organizer_id,
            person=person,
            hours=Decimal(hours).quantize(HOUR),
            reason=reason,
            requested_by=actor,
        )
        request.full_clean()
        request.save()
    return request


def correction_request_answer(*, actor, request: CorrectionRequest, accept: bool, answer: str) -> CorrectionRequest:
    """The organizer answers a correction request: accepting writes the correction entry."""
    answer = (answer or "").strip()
    with transaction.atomic(), set_actor(actor):
        row = CorrectionRequest.objects.select_for_update().select_related("organization").get(pk=request.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.organization)
        if row.status != CorrectionRequest.Status.PENDING:
            raise ValidationError(_("This request has already been answered."), code="REQUEST_ANSWERED")
        if not accept and not answer:
            raise field_error({"answer": _("Tell the volunteer why the request is rejected.")}, code="REASON_REQUIRED")
        if accept:
            row.correction = entry_correct(actor=actor, entry=row.entry, hours=row.hours, reason=answer or row.reason)
        row.status = CorrectionRequest.Status.ACCEPTED if accept else CorrectionRequest.Status.REJECTED
        row.answer, row.answered_by, row.answered_at = answer, actor, timezone.now()
        row.version += 1
        row.save()
    return row


# Certificates ---------------------------------------------------------------------------------------------


def certificate_issue(
    *,
    actor,
    person: Person,
    organization: Organization,
    period_start: datetime.date,
    period_end: datetime.date,
    handler: str,
) -> Certificate:
    """Issue a numbered certificate of the person's certified service in a period, as it stands now."""
    from .selectors import entries_for_certificate

    if period_end < period_start:
        raise field_error({"period_end": _("The period must end after it starts.")}, code="PERIOD_ORDER")
    if not (handler or "").strip():
        raise field_error({"handler": _("Name who handled the certificate.")}, code="HANDLER_REQUIRED")
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, organization)
        scope.require(actor, MANAGE_VOLUNTEERING, person.organization)
        lines, total = entries_for_certificate(person, period_start, period_end)
        if total <= 0:
            raise ValidationError(
                _("%(name)s has no certified hours between %(from)s and %(to)s.")
                % {"name": person.name, "from": period_start.isoformat(), "to": period_end.isoformat()},
                code="NO_CERTIFIED_HOURS",
            )
        today = timezone.localdate()
        prefix = f"{county_of(organization).code or 'TW'}-{today.year}-"
        for _attempt in range(5):
            last = (
                Certificate.objects.filter(number__startswith=prefix)
                .order_by("-number")
                .values_list("number", flat=True)
            ).first()
            sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
            certificate = Certificate(
                number=f"{prefix}{sequence:06d}",
                person=person,
                organization=organization,
                period_start=period_start,
                period_end=period_end,
                hours=total,
                lines=lines,
                handler=handler.strip(),
                issued_on=today,
                issued_by=actor,
                token=secrets.token_urlsafe(24)[:32],
            )
            # The number's uniqueness is the database's to check, so that a clash retries below.
            certificate.full_clean(exclude=["number"])
            try:
                with transaction.atomic():
                    certificate.save()
            except IntegrityError:
                continue  # another certificate took the number in between: draw the next one
            return certificate
    raise ValidationError(_("Could not number the certificate; try again."), code="CERTIFICATE_NUMBER")


# Task forces ----------------------------------------------------------------------------------------------


def task_force_create(*, actor, organization: Organization, **fields) -> TaskForce:
    """Found a task force of an organization."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, organization)
        team = TaskForce(organization=organization, **fields)
        team.full_clean()
        team.save()
        if team.leader_id:
            _member_add(team, team.leader, team.founded_on)
    return team


def _member_add(team: TaskForce, person: Person, joined_on: datetime.date) -> TaskForceMember:
    if TaskForceMember.objects.filter(task_force=team, person=person, left_on__isnull=True).exists():
        raise ValidationError(
            _("%(name)s is already in this task force.") % {"name": person.name}, code="ALREADY_MEMBER"
        )
    member = TaskForceMember(task_force=team, person=person, joined_on=joined_on)
    member.full_clean()
    member.save()
    return member


def task_force_member_add(*, actor, task_force: TaskForce, person: Person, joined_on: datetime.date) -> TaskForceMember:
    """Add a person in the organizer's scope to the task force."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, task_force.organization)
        scope.require(actor, MANAGE_VOLUNTEERING, person.organization)
        if task_force.status != TaskForce.Status.ACTIVE:
            raise ValidationError(_("The task force is disbanded."), code="TASK_FORCE_DISBANDED")
        return _member_add(task_force, person, joined_on)


def task_force_member_remove(*, actor, member: TaskForceMember, left_on: datetime.date) -> TaskForceMember:
    """A person leaves the task force on a date; their past service stays in the ledger."""
    with transaction.atomic(), set_actor(actor):
        row = TaskForceMember.objects.select_for_update().select_related("task_force__organization").get(pk=member.pk)
        scope.require(actor, MANAGE_VOLUNTEERING, row.task_force.organization)
        if row.left_on:
            raise ValidationError(_("Already left."), code="ALREADY_LEFT")
        if left_on < row.joined_on:
            raise field_error({"left_on": _("Cannot leave before joining.")}, code="LEFT_BEFORE_JOINED")
        row.left_on = left_on
        row.version += 1
        row.save()
    return row


def task_force_deploy(*, actor, task_force: TaskForce, **fields) -> Activity:
    """Send the task force out: an activity run by its organization with every current member approved, so
    that their confirmed service flows into the ledger like any other."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, task_force.organization)
        if task_force.status != TaskForce.Status.ACTIVE:
            raise ValidationError(_("The task force is disbanded."), code="TASK_FORCE_DISBANDED")
        activity = activity_create(
            actor=actor,
            organization=task_force.organization,
            task_force=task_force,
            status=Activity.Status.RUNNING,
            **fields,
        )
        now = timezone.now()
        members = TaskForceMember.objects.filter(task_force=task_force, left_on__isnull=True).select_related("person")
        Signup.objects.bulk_create(
            [
                Signup(
                    activity=activity,
                    person=m.person,
                    organization_id=m.person.organization_id,
                    status=Signup.Status.APPROVED,
                    decided_by=actor,
                    decided_at=now,
                )
                for m in members
            ]
        )
    return activity
