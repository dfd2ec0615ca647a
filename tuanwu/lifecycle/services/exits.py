"""Exits prepared by the lifecycle, through the membership's own exit services: the one-click age-out request,
the lapse proposal that the branch meeting turns into a lapse exit request, and the restoration of a lapsed
member (恢复团籍)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_LIFECYCLE
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.people import services as people_services
from tuanwu.people.models import Membership, Person
from tuanwu.people.workflow import AGE_OUT_AGE, ExitKind, MembershipStatus

from ..models import LapseProposal
from ..selectors.exits import PaidMonths, lapse_candidates

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

P = LapseProposal.Status


def _membership(person: Person) -> Membership:
    row = Membership.objects.select_related("organization", "person").filter(person=person).first()
    if row is None:
        raise ValidationError(_("%(name)s is not a member.") % {"name": person.name}, code="NOT_A_MEMBER")
    return row


def age_out_request(*, actor: User, person: Person) -> Membership:
    """Request the age-out exit of a member who turned 28 without a League post (the membership's rules apply)."""
    membership = _membership(person)
    return people_services.membership_exit_request(
        actor=actor,
        membership=membership,
        exit_kind=ExitKind.AGE_OUT,
        reason=_("Turned %(age)d without a League post.") % {"age": AGE_OUT_AGE},
    )


def lapse_propose(
    *, actor: User, person: Person, as_of: datetime.date | None = None, paid_months: PaidMonths | None = None
) -> LapseProposal:
    """Propose a member for lapse, when the records show the six months without organizational life (and, with
    dues records, without dues); the proposal keeps what they showed."""
    with transaction.atomic(), set_actor(actor):
        membership = _membership(person)
        scope.require(actor, MANAGE_LIFECYCLE, membership.organization)
        as_of = as_of or timezone.localdate()
        found = [
            c
            for c in lapse_candidates(membership.organization, as_of, paid_months=paid_months)
            if c.membership.pk == membership.pk
        ]
        if not found:
            raise ValidationError(
                _(
                    "%(name)s does not meet the lapse rule: a member is proposed after six consecutive months "
                    "without organizational life and without dues."
                )
                % {"name": person.name},
                code="LAPSE_NOT_DUE",
            )
        candidate = found[0]
        if candidate.proposal is not None:
            raise ValidationError(
                _("%(name)s is already proposed for lapse.") % {"name": person.name}, code="LAPSE_PROPOSED"
            )
        row = LapseProposal(
            organization=membership.organization,
            person=person,
            as_of=as_of,
            first_month=candidate.first_month,
            last_month=candidate.last_month,
            last_attended_on=candidate.last_attended_on,
            dues_checked=candidate.dues_checked,
            created_by=actor,
        )
        row.full_clean()
        row.save()
        return row


def _locked(proposal: LapseProposal, version: int | None) -> LapseProposal:
    row = (
        LapseProposal.objects.select_for_update(of=("self",))
        .select_related("organization", "person")
        .get(pk=proposal.pk)
    )
    if version is not None and int(version) != row.version:
        raise ValidationError(
            _("Someone else saved this record while you were editing it. Reload the page and try again."),
            code="EDIT_CONFLICT",
        )
    if row.status != P.PROPOSED:
        raise ValidationError(
            _("This step is not possible while the proposal is “%(status)s”.") % {"status": row.get_status_display()},
            code="TRANSITION_NOT_ALLOWED",
        )
    return row


def lapse_proposal_decide(
    *,
    actor: User,
    proposal: LapseProposal,
    meeting_on: datetime.date,
    last_dues_on: datetime.date,
    last_org_life_on: datetime.date,
    version: int | None = None,
) -> LapseProposal:
    """The branch meeting decided the lapse: the membership's lapse exit request goes to the committee above, with
    the last dues and organizational-life dates as its evidence."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(proposal, version)
        scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        if meeting_on > timezone.localdate():
            raise field_error({"meeting_on": _("The branch meeting cannot be held in the future.")}, code="LAPSE_DATES")
        if meeting_on < row.as_of:
            raise field_error(
                {"meeting_on": _("The branch meeting decides after the proposal of %(day)s.") % {"day": row.as_of}},
                code="LAPSE_DATES",
            )
        people_services.membership_exit_request(
            actor=actor,
            membership=_membership(row.person),
            exit_kind=ExitKind.LAPSE,
            reason=_("Lapse decided by the branch meeting of %(day)s.") % {"day": meeting_on.isoformat()},
            last_dues_on=last_dues_on,
            last_org_life_on=last_org_life_on,
        )
        row.status = P.EXIT_REQUESTED
        row.meeting_on = meeting_on
        versioned_save(row)
        return row


def lapse_proposal_drop(
    *, actor: User, proposal: LapseProposal, note: str, version: int | None = None
) -> LapseProposal:
    """The branch drops a lapse proposal (the member came back, or had a valid reason), with its reason."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(proposal, version)
        scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        if not note.strip():
            raise field_error({"note": _("Give the reason for dropping the proposal.")}, code="REASON_REQUIRED")
        row.status = P.DROPPED
        row.note = note.strip()
        versioned_save(row)
        return row


def lapse_restore(*, actor: User, person: Person, reason: str) -> Membership:
    """The committee above restores a lapsed member under 28 (恢复团籍); other exits are not restored here."""
    membership = _membership(person)
    if membership.status != MembershipStatus.LAPSE:
        raise ValidationError(
            _("Only a lapsed member is restored; %(name)s is “%(status)s”.")
            % {"name": person.name, "status": membership.get_status_display()},
            code="NOT_LAPSED",
        )
    return people_services.membership_restore(actor=actor, membership=membership, reason=reason)
