"""Lesson hours kept on paper before TuanWu recorded attendance: entered once, with the evidence named."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_ADMISSION, MANAGE_MEETING
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.people.models import Person

from ..models import LessonCredit

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

# A paper record holds at most this many hours: more is a typing error (a term's lessons are a few dozen hours).
MAX_PAPER_HOURS = Decimal("99.9")


def require_lesson_write(actor: User, person: Person) -> None:
    """Who may enter a person's paper hours: whoever records meetings or develops members where the person is
    registered; 404 otherwise, exactly like a person who does not exist."""
    organization = person.organization
    if not (
        scope.has_perm(actor, MANAGE_MEETING, organization) or scope.has_perm(actor, MANAGE_ADMISSION, organization)
    ):
        raise Http404


def lesson_credit_add(
    *,
    actor: User,
    person: Person,
    hours: Decimal | int | str,
    earned_on: datetime.date,
    evidence: str,
) -> LessonCredit:
    """Enter lesson hours a person earned before attendance was kept here, naming the paper that proves them (the
    sign-in sheet, the 团课 register, the file); they count with the hours attended and are shown as paper records."""
    evidence = (evidence or "").strip()
    errors: dict[str, str] = {}
    try:
        amount = Decimal(str(hours))
    except (InvalidOperation, ValueError):
        amount = Decimal(-1)
    if not amount.is_finite() or amount <= 0 or amount > MAX_PAPER_HOURS or amount != amount.quantize(Decimal("0.1")):
        errors["hours"] = _("Lesson hours on paper are a number above 0 and at most %(max)s, with one decimal.") % {
            "max": MAX_PAPER_HOURS
        }
    if not evidence:
        errors["evidence"] = _("Name the paper record the hours come from (sign-in sheet, lesson register, file).")
    if earned_on > timezone.localdate():
        errors["earned_on"] = _("The date lies in the future.")
    with transaction.atomic(), set_actor(actor):
        person = Person.objects.select_related("organization").get(pk=person.pk)
        require_lesson_write(actor, person)
        if errors:
            raise field_error(errors, code="LESSON_CREDIT_INVALID")
        credit = LessonCredit(
            person=person,
            organization=person.organization,
            hours=amount,
            earned_on=earned_on,
            evidence=evidence[:200],
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        credit.full_clean()
        credit.save()
    return credit
