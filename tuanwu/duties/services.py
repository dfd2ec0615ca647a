"""Every write of 履职: terms added, mandates given and ended, duties recorded. The term's organization is
where mandates are managed; a duty must fall within its mandate."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_DUTIES
from tuanwu.organizations import scope

from .models import DutyKind, DutyRecord, Mandate, ProposalStatus, Term
from .workflow import PROPOSAL_TRANSITIONS

if TYPE_CHECKING:
    from tuanwu.accounts.models import User
    from tuanwu.organizations.models import Organization
    from tuanwu.people.models import Person


def term_add(
    *,
    actor: User,
    organization: Organization,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Term:
    """Open a term of an organization's committee and congress; its name is unique within the organization."""
    name = (name or "").strip()
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_DUTIES, organization)
        if Term.objects.filter(organization=organization, name=name).exists():
            raise ValidationError(
                {"name": ValidationError(_("This organization already has a term of that name."), code="TERM_EXISTS")}
            )
        if ends_on is not None and ends_on < starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("A term ends after it starts."), code="TERM_ENDS_BEFORE_START")}
            )
        term = Term(organization=organization, name=name, starts_on=starts_on, ends_on=ends_on)
        term.full_clean()
        term.save()
        return term


def term_update(
    *,
    actor: User,
    term: Term,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Term:
    """Correct a term's name or dates; every seat must still start within the term."""
    name = (name or "").strip()
    with transaction.atomic(), set_actor(actor):
        row = Term.objects.select_for_update().select_related("organization").get(pk=term.pk)
        scope.require(actor, MANAGE_DUTIES, row.organization)
        if Term.objects.filter(organization=row.organization, name=name).exclude(pk=row.pk).exists():
            raise ValidationError(
                {"name": ValidationError(_("This organization already has a term of that name."), code="TERM_EXISTS")}
            )
        if ends_on is not None and ends_on < starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("A term ends after it starts."), code="TERM_ENDS_BEFORE_START")}
            )
        outside = Q(from_on__lt=starts_on) | (Q(from_on__gt=ends_on) if ends_on is not None else Q(pk__in=[]))
        n = row.mandates.filter(outside).count()
        if n:
            raise ValidationError(
                _("%(n)d seats would start outside these dates; correct the seats first.") % {"n": n},
                code="TERM_MANDATES_OUTSIDE",
            )
        row.name, row.starts_on, row.ends_on = name, starts_on, ends_on
        row.full_clean()
        row.save()
        return row


def mandate_check(
    *, term: Term, person: Person, kind: str, from_on: datetime.date, until_on: datetime.date | None = None
) -> None:
    """The rules a new mandate must meet (the import applies them row by row): one seat of a kind per person and
    term, held within the term."""
    if Mandate.objects.filter(term=term, person=person, kind=kind).exists():
        raise ValidationError(
            {
                "person": ValidationError(
                    _("%(person)s already holds this kind of seat in %(term)s.") % {"person": person, "term": term},
                    code="MANDATE_EXISTS",
                )
            }
        )
    mandate_dates_check(term=term, from_on=from_on, until_on=until_on)


def mandate_dates_check(*, term: Term, from_on: datetime.date, until_on: datetime.date | None) -> None:
    """A mandate starts within its term and ends after it starts."""
    if from_on < term.starts_on or (term.ends_on is not None and from_on > term.ends_on):
        raise ValidationError(
            {
                "from_on": ValidationError(
                    _("A mandate starts within its term (%(start)s – %(end)s).")
                    % {"start": term.starts_on, "end": term.ends_on or "…"},
                    code="MANDATE_OUTSIDE_TERM",
                )
            }
        )
    if until_on is not None and until_on < from_on:
        raise ValidationError(
            {"until_on": ValidationError(_("A mandate ends after it starts."), code="MANDATE_ENDS_BEFORE_START")}
        )


def mandate_add(
    *,
    actor: User,
    term: Term,
    person: Person,
    kind: str,
    from_on: datetime.date | None = None,
    until_on: datetime.date | None = None,
    delegation: str = "",
) -> Mandate:
    """Give a person a seat in a term; refused when they already hold a seat of the same kind there."""
    from_on = from_on or term.starts_on
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_DUTIES, term.organization)
        mandate_check(term=term, person=person, kind=kind, from_on=from_on, until_on=until_on)
        mandate = Mandate(
            term=term,
            person=person,
            organization=person.organization,
            kind=kind,
            from_on=from_on,
            until_on=until_on,
            delegation=(delegation or "").strip(),
        )
        mandate.full_clean(validate_constraints=False)
        mandate.save()
        return mandate


def mandate_end(*, actor: User, mandate: Mandate, until_on: datetime.date) -> Mandate:
    """End a seat on a day (resigned, moved away, replaced); duties recorded after that day would be refused."""
    with transaction.atomic(), set_actor(actor):
        row = Mandate.objects.select_for_update().select_related("term__organization").get(pk=mandate.pk)
        scope.require(actor, MANAGE_DUTIES, row.term.organization)
        if row.until_on is not None:
            raise ValidationError(_("This mandate has already ended."), code="MANDATE_ENDED")
        if until_on < row.from_on:
            raise ValidationError(
                {"until_on": ValidationError(_("A mandate ends after it starts."), code="MANDATE_ENDS_BEFORE_START")}
            )
        later = row.duties.filter(date__gt=until_on).count()
        if later:
            raise ValidationError(
                {
                    "until_on": ValidationError(
                        _("%(n)d duties are recorded after that day; correct them first.") % {"n": later},
                        code="MANDATE_DUTIES_AFTER_END",
                    )
                }
            )
        row.until_on = until_on
        row.full_clean(validate_constraints=False)
        row.save(update_fields=["until_on", "updated_at"])
        return row


def duty_record(
    *,
    actor: User,
    mandate: Mandate,
    date: datetime.date,
    kind: str,
    title: str,
    description: str = "",
    proposal_status: str = "",
) -> DutyRecord:
    """Record a duty performed under a mandate, on a day the mandate covers; a proposal starts as submitted, and
    the same duty sent again is recorded once."""
    title = (title or "").strip()
    with transaction.atomic(), set_actor(actor):
        mandate = Mandate.objects.select_related("term__organization", "person").get(pk=mandate.pk)
        if not _may_record(actor, mandate):
            scope.require(actor, MANAGE_DUTIES, mandate.term.organization)
        if not mandate.covers(date):
            raise ValidationError(
                {
                    "date": ValidationError(
                        _("The mandate runs from %(start)s to %(end)s; this date is outside it.")
                        % {"start": mandate.from_on, "end": mandate.until_on or "…"},
                        code="DUTY_OUTSIDE_MANDATE",
                    )
                }
            )
        if kind == DutyKind.PROPOSAL:
            proposal_status = proposal_status or ProposalStatus.SUBMITTED
        elif proposal_status:
            raise ValidationError(
                {
                    "proposal_status": ValidationError(
                        _("Only a proposal has a proposal status."), code="DUTY_STATUS_NOT_PROPOSAL"
                    )
                }
            )
        same = DutyRecord.objects.filter(mandate=mandate, date=date, kind=kind, title=title).first()
        if same is not None:
            # A form sent twice from a phone on a weak connection records the duty once.
            return same
        record = DutyRecord(
            mandate=mandate,
            date=date,
            kind=kind,
            title=title,
            description=(description or "").strip(),
            proposal_status=proposal_status,
        )
        record.full_clean(validate_constraints=False)
        record.save()
        return record


def _proposal_move(actor: User, record: DutyRecord, to: str) -> DutyRecord:
    with transaction.atomic(), set_actor(actor):
        row = DutyRecord.objects.select_for_update().select_related("mandate__term__organization").get(pk=record.pk)
        scope.require(actor, MANAGE_DUTIES, row.mandate.term.organization)
        if row.kind != DutyKind.PROPOSAL:
            raise ValidationError(_("Only a proposal has a proposal status."), code="DUTY_STATUS_NOT_PROPOSAL")
        current = ProposalStatus(row.proposal_status or ProposalStatus.SUBMITTED)
        if to not in PROPOSAL_TRANSITIONS[current]:
            raise ValidationError(
                _("A proposal that is %(status)s cannot become %(to)s.")
                % {"status": current.label, "to": ProposalStatus(to).label},
                code="PROPOSAL_TRANSITION",
            )
        row.proposal_status = to
        row.full_clean(validate_constraints=False)
        row.save(update_fields=["proposal_status", "updated_at"])
        return row


def proposal_adopt(*, actor: User, record: DutyRecord) -> DutyRecord:
    """The committee adopts (立案) a submitted proposal."""
    return _proposal_move(actor, record, ProposalStatus.ADOPTED)


def proposal_handle(*, actor: User, record: DutyRecord) -> DutyRecord:
    """A proposal, submitted or adopted, has been handled (办结)."""
    return _proposal_move(actor, record, ProposalStatus.HANDLED)


def _may_record(actor: User, mandate: Mandate) -> bool:
    """A member records their own duties; the committee managing the term records anyone's."""
    return bool(getattr(actor, "person_id", None)) and actor.person_id == mandate.person_id
