"""Star recognitions: a star level recognized by a named body on a date, recorded by those who manage
volunteering where the volunteer is registered. Hours alone only make a volunteer eligible."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.people.models import Person

from ..models import STAR_THRESHOLDS, StarRecognition, stars_for
from ..selectors import person_hours

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def star_recognition_record(
    *, actor: User, person: Person, stars: int, body: str, recognized_on: datetime.date
) -> StarRecognition:
    """Record that `body` recognized the person as a volunteer of `stars` stars on `recognized_on`."""
    body = (body or "").strip()
    if not 1 <= stars <= len(STAR_THRESHOLDS):
        raise field_error({"stars": _("A star level is 1 to 5.")}, code="STARS_RANGE")
    if not body:
        raise field_error({"body": _("Name the body that recognized the star level.")}, code="BODY_REQUIRED")
    if recognized_on > timezone.localdate():
        raise field_error({"recognized_on": _("The date cannot be in the future.")}, code="DATE_IN_FUTURE")
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_VOLUNTEERING, person.organization)
        eligible = stars_for(person_hours(person.pk))
        if stars > eligible:
            raise field_error(
                {
                    "stars": _(
                        "%(n)d stars need %(hours)d certified hours; %(name)s's certified hours are eligible for "
                        "%(eligible)d."
                    )
                    % {"n": stars, "hours": STAR_THRESHOLDS[stars - 1], "name": person.name, "eligible": eligible}
                },
                code="STARS_ABOVE_HOURS",
            )
        recognition = StarRecognition(
            person=person, stars=stars, body=body, recognized_on=recognized_on, recorded_by=actor
        )
        recognition.full_clean()
        recognition.save()
        return recognition
