"""An application's own steps: applying, the interview, activist, training, candidacy, prereview, introducers,
the archived form, and sending back or closing."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_ADMISSION
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS
from tuanwu.people.models import Membership, Person

from .. import rules
from ..models import Application
from ..workflow import SEND_BACK_TO, Step
from .steps import locked, move, record, refuse_if_broken, require_step

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

S = Application.Status


def application_create(*, actor: User, person: Person, applied_on: datetime.date, note: str = "") -> Application:
    """A young person applies in writing to the branch they are registered with."""
    with transaction.atomic(), set_actor(actor):
        person = Person.objects.select_related("organization").get(pk=person.pk)
        branch = person.organization
        scope.require(actor, MANAGE_ADMISSION, branch)
        if branch.kind not in BRANCH_KINDS:
            raise ValidationError(
                _("Applications go to a branch; %(org)s is not a branch.") % {"org": branch.name},
                code="APPLICATION_NOT_TO_BRANCH",
            )
        if Membership.objects.filter(person=person).exists():
            raise ValidationError(_("%(name)s is already a member.") % {"name": person.name}, code="ALREADY_MEMBER")
        if Application.objects.filter(person=person).exclude(status__in=[S.ADMITTED, S.CLOSED]).exists():
            raise ValidationError(
                _("%(name)s already has an open application.") % {"name": person.name}, code="APPLICATION_OPEN"
            )
        if applied_on > timezone.localdate():
            raise field_error({"applied_on": _("The date lies in the future.")}, code="DATE_FUTURE")
        app = Application(person=person, organization=branch, applied_on=applied_on)
        refuse_if_broken(app, Step.APPLY, rules.Facts(birth_date=person.birth_date))
        app.full_clean()
        app.save()
        record(app, Step.APPLY, applied_on, actor, note)
    return app


def _dated_step(
    actor: User,
    app: Application,
    step: str,
    on: datetime.date,
    field_name: str | None,
    version: int | None,
    note: str = "",
    **changes: Any,
) -> Application:
    """Take a step dated on: the date (in field_name) and changes saved, with the step's warnings on the timeline."""
    if on > timezone.localdate():
        raise field_error({"on": _("The date lies in the future.")}, code="DATE_FUTURE")
    with transaction.atomic(), set_actor(actor):
        row = locked(app)
        require_step(actor, row, step)
        move(row, step)
        if field_name:
            setattr(row, field_name, on)
        for name, value in changes.items():
            setattr(row, name, value)
        warnings = [v.message for v in refuse_if_broken(row, step) if v.warning]
        versioned_save(row, expected=version)
        record(row, step, on, actor, "\n".join([note, *warnings]).strip())
    return row


def application_interview(
    *, actor: User, application: Application, on: datetime.date, note: str = "", version: int | None = None
) -> Application:
    """The branch talks with the applicant (谈话), within a month of the application."""
    return _dated_step(actor, application, Step.INTERVIEW, on, "interviewed_on", version, note)


def application_activist(
    *, actor: User, application: Application, on: datetime.date, note: str = "", version: int | None = None
) -> Application:
    """The branch committee decides the applicant is an activist, filed with the committee above."""
    return _dated_step(actor, application, Step.ACTIVIST, on, "activist_on", version, note)


def application_training(
    *,
    actor: User,
    application: Application,
    on: datetime.date,
    guides: str,
    assessment: str,
    note: str = "",
    version: int | None = None,
) -> Application:
    """Record the activist's guides and political assessment (may be updated). The pre-admission lesson hours are
    not typed here: they are the lessons attended and the paper records (meetings.services.lessons)."""
    return _dated_step(
        actor,
        application,
        Step.TRAINING,
        on,
        None,
        version,
        note,
        guides=guides.strip(),
        assessment=assessment,
        assessed_on=on,
    )


def application_candidate(
    *, actor: User, application: Application, on: datetime.date, note: str = "", version: int | None = None
) -> Application:
    """The branch committee proposes the activist as a candidate (发展对象): the plan's prerequisites apply."""
    return _dated_step(actor, application, Step.CANDIDATE, on, "candidate_on", version, note)


def application_prereview(
    *,
    actor: User,
    application: Application,
    on: datetime.date,
    form_number: str,
    note: str = "",
    version: int | None = None,
) -> Application:
    """The committee above prereviews the candidate and issues the numbered admission form."""
    form_number = (form_number or "").strip()
    if not form_number:
        raise field_error({"form_number": _("Enter the admission form's number.")}, code="FORM_NUMBER_REQUIRED")
    if Application.objects.filter(form_number=form_number).exclude(pk=application.pk).exists():
        raise field_error({"form_number": _("This admission form number is already used.")}, code="FORM_NUMBER_USED")
    if application.candidate_on and on < application.candidate_on:
        raise field_error({"on": _("The prereview cannot come before the candidacy.")}, code="DATES_NOT_INCREASING")
    return _dated_step(actor, application, Step.PREREVIEW, on, "prereviewed_on", version, note, form_number=form_number)


def application_introducers(
    *,
    actor: User,
    application: Application,
    first: Person,
    second: Person,
    on: datetime.date,
    version: int | None = None,
) -> Application:
    """Name the two introducers: members in good standing, each in at most three candidacies of a batch, within
    the actor's scope like every person a write names (404 outside it, as if they did not exist)."""
    for introducer in (first, second):
        if introducer is not None:
            scope.require(actor, MANAGE_ADMISSION, introducer.organization)
    return _dated_step(
        actor, application, Step.INTRODUCERS, on, None, version, "", introducer_1=first, introducer_2=second
    )


def application_archive(
    *,
    actor: User,
    application: Application,
    on: datetime.date,
    form_file: File | None = None,
    version: int | None = None,
) -> Application:
    """The signed admission form is archived (scanned copy attached)."""
    changes = {"form_file": form_file} if form_file else {}
    return _dated_step(actor, application, Step.ARCHIVE, on, "archived_on", version, "", **changes)


# What sending back to a status clears: the facts of the step undone.
CLEARED: dict[str, tuple[str, ...]] = {
    S.APPLIED: ("interviewed_on",),
    S.INTERVIEWED: ("activist_on",),
    S.ACTIVIST: ("candidate_on", "prereviewed_on"),
    S.CANDIDATE: ("votes_yes", "votes_no", "votes_abstain"),
}


def application_send_back(
    *, actor: User, application: Application, reason: str, version: int | None = None
) -> Application:
    """Send an application back one step, with the reason on its timeline."""
    reason = (reason or "").strip()
    if not reason:
        raise field_error({"reason": _("Say why the application goes back.")}, code="REASON_REQUIRED")
    with transaction.atomic(), set_actor(actor):
        row = locked(application)
        scope.require(actor, MANAGE_ADMISSION, row.organization)
        back = SEND_BACK_TO.get(row.status)
        if back is None:
            raise ValidationError(_("This application cannot go back a step."), code="SEND_BACK_NOT_ALLOWED")
        for name in CLEARED[back]:
            setattr(row, name, None)
        if back == S.CANDIDATE:
            row.meeting = None
        if back == S.ACTIVIST:
            row.form_number = None
        row.status = back
        versioned_save(row, expected=version)
        record(row, Step.SEND_BACK, timezone.localdate(), actor, reason, sent_back=True)
    return row


def application_close(*, actor: User, application: Application, reason: str, version: int | None = None) -> Application:
    """Close an application that will not go on (withdrawn, not admitted), with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise field_error({"reason": _("Say why the application is closed.")}, code="REASON_REQUIRED")
    with transaction.atomic(), set_actor(actor):
        row = locked(application)
        scope.require(actor, MANAGE_ADMISSION, row.organization)
        if row.status in (S.ADMITTED, S.CLOSED):
            raise ValidationError(_("This application is already finished."), code="APPLICATION_FINISHED")
        row.status, row.closed_reason = S.CLOSED, reason[:200]
        versioned_save(row, expected=version)
        record(row, Step.CLOSE, timezone.localdate(), actor, reason)
    return row
