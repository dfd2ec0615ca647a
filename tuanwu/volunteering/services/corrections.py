"""Corrections of certified hours: a certified entry never changes; a correction is a new, reasoned, certified
entry holding the difference. A volunteer asks for one; the organizer answers."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope

from ..models import CorrectionRequest, HourEntry
from ..rules import HOUR
from ..selectors import correction_pending, entry_counted_hours
from .ledger import check_no_overlap, check_window
from .signups import linked_person

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def _locked_root(entry: HourEntry) -> HourEntry:
    """The original entry of a chain, locked, with what a correction copies from it."""
    locked = HourEntry.objects.select_for_update(of=("self",)).select_related("person", "activity", "organizer")
    original = locked.get(pk=entry.pk)
    return locked.get(pk=original.corrects_id) if original.corrects_id else original


def _check_corrected_time(
    original: HourEntry, hours: Decimal, start: datetime.datetime | None, end: datetime.datetime | None
) -> None:
    if not (start and end):
        return
    if original.activity is not None:
        check_window(original.activity, start, end)
    elif end <= start:
        raise field_error({"end": _("The end must be after the start.")}, code="END_BEFORE_START")
    if hours > 0:
        check_no_overlap(original.person, start, end, exclude_chain=original.pk)


def entry_correct(
    *,
    actor: User,
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
        original = _locked_root(entry)
        scope.require(actor, MANAGE_VOLUNTEERING, original.organizer)
        if original.status != HourEntry.Status.CERTIFIED:
            raise ValidationError(
                _("This entry is not certified yet: confirm the attendance again instead."),
                code="ENTRY_NOT_CERTIFIED",
            )
        current = entry_counted_hours(original)
        hours = Decimal(hours).quantize(HOUR)
        if hours < 0:
            raise field_error({"hours": _("Hours cannot be negative.")}, code="HOURS_NEGATIVE")
        if hours == current and not (start and end):
            raise field_error({"hours": _("The entry already counts %(h)s hours.") % {"h": current}}, code="NO_CHANGE")
        _check_corrected_time(original, hours, start, end)
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
            certified_at=timezone.now(),
        )
        correction.full_clean()
        correction.save()
    return correction


def correction_request_create(*, actor: User, entry: HourEntry, hours: Decimal, reason: str) -> CorrectionRequest:
    """A volunteer asks the organizer to correct one of their certified entries."""
    person = linked_person(actor)
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
        if correction_pending(root):
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
        versioned_save(request)
    return request


def correction_request_answer(
    *, actor: User, request: CorrectionRequest, accept: bool, answer: str
) -> CorrectionRequest:
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
        versioned_save(row)
    return row
