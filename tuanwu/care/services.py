"""Every write to the care register, the warmth campaigns and the assistance projects, and the log of every view
of a record (most people in the register are minors)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import MANAGE_CARE
from tuanwu.audit.models import AccessLog
from tuanwu.audit.services import access_log_record
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from . import selectors as sel
from .models import (
    AssistanceInput,
    AssistanceProject,
    AssistanceVisit,
    CareMeasure,
    CareRecord,
    Difficulty,
    WarmthCampaign,
    WarmthDelivery,
)

if TYPE_CHECKING:
    from tuanwu.accounts.models import User
    from tuanwu.people.models import Person
    from tuanwu.voice.models import Case


def _require_manage(actor: User, record: CareRecord) -> None:
    """Allow the record's follower and MANAGE_CARE holders; 404 to whoever may not even see it, else 403."""
    if sel.care_record_can_manage(actor, record):
        return
    if sel.care_record_list(actor).filter(pk=record.pk).exists():
        raise PermissionDenied
    raise Http404


def _follower_in_line(follower: User, organization: Organization) -> bool:
    """Whether the follower holds a role on the organization, above it or inside it (never a stranger's record)."""
    ancestors = [organization.path[:i] for i in range(len(organization.path), 0, -1)]
    return RoleAssignment.objects.filter(
        Q(organization__path__in=ancestors) | Q(organization__path__startswith=organization.path),
        user=follower,
    ).exists()


def care_record_open(
    *,
    actor: User,
    organization: Organization,
    name: str = "",
    person: Person | None = None,
    school_or_unit: str = "",
    minor: bool = True,
    difficulties: list[str],
    situation: str = "",
    follower: User | None = None,
    consent_by: str = "",
    consent_on: datetime.date | None = None,
    guardian: str = "",
    opened_on: datetime.date | None = None,
) -> CareRecord:
    """Take a young person into care; refused without consent recorded (by whom, when, and the guardian of a
    minor)."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_CARE, organization)
        name = (person.name if person else name or "").strip()
        if not name:
            raise ValidationError(_("The name of the person in care is required."), code="CARE_NAME_REQUIRED")
        codes = [c for c in Difficulty.values if c in set(difficulties or [])]
        if not codes:
            raise ValidationError(_("Pick at least one difficulty."), code="CARE_DIFFICULTY_REQUIRED")
        if not (consent_by or "").strip() or consent_on is None:
            raise ValidationError(
                _("Record who gave consent and when before opening a care record."), code="CONSENT_REQUIRED"
            )
        if minor and not (guardian or "").strip():
            raise ValidationError(
                _("A minor's care record needs the guardian who consented."), code="CONSENT_GUARDIAN_REQUIRED"
            )
        if follower is not None and not _follower_in_line(follower, organization):
            raise ValidationError(
                _("The follower must hold a role in this organization's line."), code="FOLLOWER_OUT_OF_LINE"
            )
        record = CareRecord(
            organization=organization,
            person=person,
            name=name,
            school_or_unit=school_or_unit.strip(),
            minor=minor,
            difficulties="," + ",".join(codes) + ",",
            situation=situation,
            follower=follower,
            consent_by=consent_by.strip(),
            consent_on=consent_on,
            guardian=guardian.strip(),
            opened_on=opened_on or timezone.localdate(),
        )
        record.full_clean()
        record.save()
        return record


def care_record_view_record(*, actor: User, record: CareRecord, remote_addr: str | None = None) -> AccessLog:
    """Log that someone opened a care record (the page and the API each call it on every view)."""
    return access_log_record(
        actor=actor,
        action=AccessLog.Action.VIEW,
        organization=record.organization,
        person=record.person,
        subject=_("Care record %(pk)d") % {"pk": record.pk},
        fields=["care_record"],
        remote_addr=remote_addr,
    )


def care_measure_add(
    *,
    actor: User,
    record: CareRecord,
    kind: str,
    date: datetime.date,
    amount_fen: int = 0,
    description: str = "",
    voice_case: Case | None = None,
) -> CareMeasure:
    """Record one measure taken for an open record; money needs its amount."""
    with transaction.atomic(), set_actor(actor):
        record = CareRecord.objects.select_for_update().select_related("organization").get(pk=record.pk)
        _require_manage(actor, record)
        if record.status != CareRecord.Status.OPEN:
            raise ValidationError(_("The record is closed; reopen it by opening a new one."), code="CARE_CLOSED")
        if date < record.opened_on or date > timezone.localdate():
            raise ValidationError(
                _("The measure's date must lie between the record's opening and today."), code="MEASURE_DATE"
            )
        if kind == CareMeasure.Kind.MONEY and not amount_fen:
            raise ValidationError(_("Give the amount of money handed over."), code="AMOUNT_REQUIRED")
        measure = CareMeasure(
            record=record,
            kind=kind,
            date=date,
            amount_fen=amount_fen or 0,
            description=description,
            voice_case=voice_case,
            recorded_by=actor,
        )
        measure.full_clean()
        measure.save()
        return measure


def care_record_close(*, actor: User, record: CareRecord, outcome: str, closed_on: datetime.date | None = None):
    """Close a record with what came of it."""
    with transaction.atomic(), set_actor(actor):
        record = CareRecord.objects.select_for_update().select_related("organization").get(pk=record.pk)
        _require_manage(actor, record)
        if record.status != CareRecord.Status.OPEN:
            raise ValidationError(_("The record is already closed."), code="CARE_CLOSED")
        if not (outcome or "").strip():
            raise ValidationError(_("Say what came of the care before closing."), code="OUTCOME_REQUIRED")
        closed_on = closed_on or timezone.localdate()
        if closed_on < record.opened_on:
            raise ValidationError(_("A record cannot close before it opened."), code="CLOSED_BEFORE_OPENED")
        record.status, record.closed_on, record.outcome = CareRecord.Status.CLOSED, closed_on, outcome.strip()
        record.version += 1
        record.full_clean()
        record.save()
        return record


def campaign_create(
    *,
    actor: User,
    organization: Organization,
    name: str,
    festival: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> WarmthCampaign:
    """Start a 送温暖 campaign of an organization the actor manages."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_CARE, organization)
        if ends_on < starts_on:
            raise ValidationError(_("The campaign ends before it starts."), code="CAMPAIGN_DATES")
        campaign = WarmthCampaign(
            organization=organization, name=name.strip(), festival=festival, starts_on=starts_on, ends_on=ends_on
        )
        campaign.full_clean()
        campaign.save()
        return campaign


def campaign_deliver(
    *,
    actor: User,
    campaign: WarmthCampaign,
    given: str,
    value_fen: int = 0,
    record: CareRecord | None = None,
    name: str = "",
    delivered_on: datetime.date | None = None,
) -> WarmthDelivery:
    """Record what one person received in a campaign: a person in care (seen by the actor) or a name."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_CARE, campaign.organization)
        if record is not None:
            if not sel.care_record_list(actor).filter(pk=record.pk).exists():
                raise ValidationError(_("That care record is not in your register."), code="RECORD_NOT_FOUND")
            name = record.name
        name = (name or "").strip()
        if not name:
            raise ValidationError(_("Name the person or pick a care record."), code="DELIVERY_NAME_REQUIRED")
        if not (given or "").strip():
            raise ValidationError(_("Say what was given."), code="DELIVERY_GIVEN_REQUIRED")
        delivered_on = delivered_on or timezone.localdate()
        if not campaign.starts_on <= delivered_on <= campaign.ends_on:
            raise ValidationError(_("The delivery falls outside the campaign's dates."), code="DELIVERY_DATE")
        delivery = WarmthDelivery(
            campaign=campaign,
            record=record,
            name=name,
            given=given.strip(),
            value_fen=value_fen or 0,
            delivered_on=delivered_on,
        )
        delivery.full_clean()
        delivery.save()
        return delivery


def project_create(
    *,
    actor: User,
    organization: Organization,
    name: str,
    target_kind: str,
    target_name: str,
    started_on: datetime.date,
) -> AssistanceProject:
    """Start an assistance project of an organization the actor manages."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_CARE, organization)
        project = AssistanceProject(
            organization=organization,
            name=name.strip(),
            target_kind=target_kind,
            target_name=target_name.strip(),
            started_on=started_on,
        )
        project.full_clean()
        project.save()
        return project


def project_visit_add(
    *, actor: User, project: AssistanceProject, date: datetime.date, visitors: str, notes: str = ""
) -> AssistanceVisit:
    """Record a visit to a project's target."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_CARE, project.organization)
        if date < project.started_on:
            raise ValidationError(_("The visit is before the project started."), code="VISIT_DATE")
        visit = AssistanceVisit(project=project, date=date, visitors=visitors.strip(), notes=notes)
        visit.full_clean()
        visit.save()
        return visit


def project_input_add(
    *,
    actor: User,
    project: AssistanceProject,
    date: datetime.date,
    kind: str,
    value_fen: int,
    source: str,
    description: str = "",
) -> AssistanceInput:
    """Record funds or goods put into a project, with their value and source."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_CARE, project.organization)
        if not value_fen or value_fen <= 0:
            raise ValidationError(_("Give the value of the funds or goods."), code="INPUT_VALUE_REQUIRED")
        if not (source or "").strip():
            raise ValidationError(_("Say where the funds or goods came from."), code="INPUT_SOURCE_REQUIRED")
        item = AssistanceInput(
            project=project, date=date, kind=kind, value_fen=value_fen, source=source.strip(), description=description
        )
        item.full_clean()
        item.save()
        return item


def project_results_update(
    *, actor: User, project: AssistanceProject, results: str, story_for_publicity: bool
) -> AssistanceProject:
    """Write down what a project achieved and whether it makes a story for publicity."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_CARE, project.organization)
        project.results, project.story_for_publicity = results, story_for_publicity
        project.version += 1
        project.full_clean()
        project.save()
        return project
