"""Discipline cases (团的纪律处分): the branch meeting decides, having heard the member; the committee above
approves; the member may appeal and the committee answers. An expulsion runs the membership's own expulsion exit."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_LIFECYCLE, MANAGE_LIFECYCLE
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.dates import add_months
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization
from tuanwu.people import services as people_services
from tuanwu.people.models import CadrePost, Membership, Person
from tuanwu.people.workflow import ExitKind, MembershipStatus

from ..models import DisciplineCase, DisciplineStep, Sanction
from ..models.discipline import PROBATION_MONTHS_DEFAULT, PROBATION_MONTHS_MAX

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

S = DisciplineCase.Status


def _approver(branch: Organization) -> Organization:
    if branch.parent is None:
        raise ValidationError(_("No committee above this branch can approve."), code="NO_APPROVER")
    return branch.parent


def _locked(case: DisciplineCase, version: int | None) -> DisciplineCase:
    row = (
        DisciplineCase.objects.select_for_update(of=("self",))
        .select_related("organization__parent", "person")
        .get(pk=case.pk)
    )
    if version is not None and int(version) != row.version:
        raise ValidationError(
            _("Someone else saved this record while you were editing it. Reload the page and try again."),
            code="EDIT_CONFLICT",
        )
    return row


def _refuse_status(row: DisciplineCase, *allowed: str) -> None:
    if row.status not in allowed:
        raise ValidationError(
            _("This step is not possible while the case is “%(status)s”.") % {"status": row.get_status_display()},
            code="TRANSITION_NOT_ALLOWED",
        )


def _step(row: DisciplineCase, kind: str, actor: User, note: str = "") -> None:
    DisciplineStep.objects.create(case=row, kind=kind, actor=actor, note=note)


def discipline_case_create(
    *,
    actor: User,
    person: Person,
    sanction: str,
    facts: str,
    decided_on: datetime.date,
    statement: str = "",
    statement_waived: bool = False,
    post: CadrePost | None = None,
    probation_months: int | None = None,
) -> DisciplineCase:
    """The branch meeting's decision to sanction one of its members, with the member's statement (or the record
    that the member declined to make one), sent to the committee above for approval. An expulsion also files
    the membership's expulsion exit request."""
    with transaction.atomic(), set_actor(actor):
        membership = Membership.objects.select_related("organization__parent").filter(person=person).first()
        if membership is None or membership.status != MembershipStatus.NORMAL:
            raise ValidationError(
                _("%(name)s is not a member in normal standing; only a member can be sanctioned.")
                % {"name": person.name},
                code="NOT_A_MEMBER",
            )
        branch = membership.organization
        scope.require(actor, MANAGE_LIFECYCLE, branch)
        if branch.kind not in BRANCH_KINDS:
            raise ValidationError(_("A sanction is decided by the member's branch meeting."), code="NOT_A_BRANCH")
        _approver(branch)
        errors: dict[str, str] = {}
        if sanction not in Sanction.values:
            errors["sanction"] = _("Choose one of the five sanctions.")
        if not facts.strip():
            errors["facts"] = _("State the facts and the grounds of the sanction.")
        if decided_on > timezone.localdate():
            errors["decided_on"] = _("The branch meeting cannot be held in the future.")
        if not statement.strip() and not statement_waived:
            errors["statement"] = _(
                "The member has the right to be heard: record the member's statement, or that the member declined "
                "to make one."
            )
        if sanction == Sanction.POST_REMOVAL:
            if post is None or post.person_id != person.pk or post.until is not None:
                errors["post"] = _("Choose the League post %(name)s holds and is removed from.") % {"name": person.name}
        else:
            post = None
        if sanction == Sanction.PROBATION:
            probation_months = probation_months or PROBATION_MONTHS_DEFAULT
            if not 1 <= probation_months <= PROBATION_MONTHS_MAX:
                errors["probation_months"] = _("Probation lasts from 1 to %(max)d months.") % {
                    "max": PROBATION_MONTHS_MAX
                }
        else:
            probation_months = None
        if errors:
            raise field_error(errors, code="DISCIPLINE_INVALID")
        if DisciplineCase.objects.filter(person=person, status=S.SUBMITTED).exists():
            raise ValidationError(
                _("%(name)s already has a case awaiting approval.") % {"name": person.name}, code="CASE_PENDING"
            )
        row = DisciplineCase(
            organization=branch,
            person=person,
            sanction=sanction,
            facts=facts.strip(),
            decided_on=decided_on,
            statement=statement.strip(),
            statement_waived=statement_waived and not statement.strip(),
            post=post,
            probation_months=probation_months,
            created_by=actor,
        )
        row.full_clean()
        row.save()
        _step(row, DisciplineStep.Kind.SUBMIT, actor, row.facts)
        if sanction == Sanction.EXPULSION:
            people_services.membership_exit_request(
                actor=actor,
                membership=membership,
                exit_kind=ExitKind.EXPULSION,
                reason=_("Expulsion decided by the branch meeting of %(day)s.") % {"day": decided_on.isoformat()},
            )
        return row


def discipline_case_approve(
    *,
    actor: User,
    case: DisciplineCase,
    effective_on: datetime.date | None = None,
    note: str = "",
    version: int | None = None,
) -> DisciplineCase:
    """The committee above approves the branch's decision; the sanction is in force from effective_on. A removal
    ends the post, a probation runs its months, an expulsion approves the membership's expulsion exit."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(case, version)
        scope.require(actor, APPROVE_LIFECYCLE, _approver(row.organization))
        _refuse_status(row, S.SUBMITTED)
        effective_on = effective_on or timezone.localdate()
        if effective_on < row.decided_on:
            raise field_error(
                {"effective_on": _("The sanction cannot be in force before the branch meeting decided it.")},
                code="DISCIPLINE_DATES",
            )
        row.status = S.IN_FORCE
        row.effective_on = effective_on
        row.decision_note = note.strip()
        if row.sanction == Sanction.PROBATION:
            row.probation_ends_on = add_months(effective_on, row.probation_months or PROBATION_MONTHS_DEFAULT)
        versioned_save(row)
        _step(row, DisciplineStep.Kind.APPROVE, actor, row.decision_note)
        if row.sanction == Sanction.POST_REMOVAL and row.post is not None and row.post.until is None:
            people_services.cadre_post_end(actor=actor, post=row.post, until=max(effective_on, row.post.since))
        if row.sanction == Sanction.EXPULSION:
            people_services.membership_exit_approve(
                actor=actor, membership=row.person.membership, reason=row.decision_note
            )
        return row


def discipline_case_reject(
    *, actor: User, case: DisciplineCase, note: str, version: int | None = None
) -> DisciplineCase:
    """The committee above does not approve the branch's decision (with its reason); an expulsion's exit request
    is rejected with it and the member stays a member."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(case, version)
        scope.require(actor, APPROVE_LIFECYCLE, _approver(row.organization))
        _refuse_status(row, S.SUBMITTED)
        if not note.strip():
            raise field_error({"note": _("Give a reason for not approving.")}, code="REASON_REQUIRED")
        row.status = S.NOT_APPROVED
        row.decision_note = note.strip()
        versioned_save(row)
        _step(row, DisciplineStep.Kind.REJECT, actor, row.decision_note)
        if row.sanction == Sanction.EXPULSION:
            people_services.membership_exit_reject(actor=actor, membership=row.person.membership, reason=note)
        return row


def discipline_appeal_lodge(
    *, actor: User, case: DisciplineCase, appeal: str, lodged_on: datetime.date, version: int | None = None
) -> DisciplineCase:
    """Record the member's appeal (申诉) against a sanction; it must be answered, never withheld."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(case, version)
        scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        _refuse_status(row, S.SUBMITTED, S.IN_FORCE)
        if row.appeal_lodged_on is not None:
            raise ValidationError(_("An appeal is already recorded on this case."), code="APPEAL_LODGED")
        errors = {}
        if not appeal.strip():
            errors["appeal"] = _("Record what the member appeals against and why.")
        if lodged_on > timezone.localdate():
            errors["lodged_on"] = _("An appeal cannot be lodged in the future.")
        elif lodged_on < row.decided_on:
            errors["lodged_on"] = _("An appeal cannot be lodged before the branch meeting decided.")
        if errors:
            raise field_error(errors, code="APPEAL_INVALID")
        row.appeal = appeal.strip()
        row.appeal_lodged_on = lodged_on
        versioned_save(row)
        _step(row, DisciplineStep.Kind.APPEAL, actor, row.appeal)
        return row


def discipline_appeal_answer(
    *, actor: User, case: DisciplineCase, result: str, answer: str, version: int | None = None
) -> DisciplineCase:
    """The committee above answers the member's appeal: upheld revokes the sanction (an expelled member is
    restored), dismissed lets it stand."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(case, version)
        scope.require(actor, APPROVE_LIFECYCLE, _approver(row.organization))
        if row.appeal_lodged_on is None or row.appeal_result:
            raise ValidationError(_("There is no open appeal on this case."), code="NO_OPEN_APPEAL")
        errors = {}
        if result not in DisciplineCase.AppealResult.values:
            errors["result"] = _("Choose whether the appeal is upheld or dismissed.")
        if not answer.strip():
            errors["answer"] = _("Write the answer given to the member.")
        if errors:
            raise field_error(errors, code="APPEAL_ANSWER_INVALID")
        row.appeal_result = result
        row.appeal_answer = answer.strip()
        row.appeal_answered_on = timezone.localdate()
        was = row.status
        if result == DisciplineCase.AppealResult.UPHELD:
            row.status = S.REVOKED
        versioned_save(row)
        _step(row, DisciplineStep.Kind.ANSWER, actor, f"{row.get_appeal_result_display()}: {row.appeal_answer}")
        if result == DisciplineCase.AppealResult.UPHELD and row.sanction == Sanction.EXPULSION:
            membership = Membership.objects.get(person=row.person)
            if was == S.SUBMITTED and membership.status == MembershipStatus.EXPULSION_PENDING:
                people_services.membership_exit_reject(actor=actor, membership=membership, reason=row.appeal_answer)
            elif membership.status == MembershipStatus.EXPULSION:
                people_services.membership_restore(actor=actor, membership=membership, reason=row.appeal_answer)
        return row


def discipline_probation_conclude(
    *, actor: User, case: DisciplineCase, note: str = "", version: int | None = None
) -> DisciplineCase:
    """At the end of a probation the branch finds the member has mended and the member's rights are restored
    (团章: 留团察看期满，确已改正错误的，恢复团员权利); a member who has not is expelled by a new case."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(case, version)
        scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        _refuse_status(row, S.IN_FORCE)
        today = timezone.localdate()
        if row.sanction != Sanction.PROBATION or row.probation_ends_on is None:
            raise ValidationError(_("Only a probation ends with the restoration of rights."), code="NOT_PROBATION")
        if today < row.probation_ends_on:
            raise ValidationError(
                _("The probation runs until %(day)s; rights are restored at its end.")
                % {"day": row.probation_ends_on.isoformat()},
                code="PROBATION_RUNNING",
            )
        row.status = S.CONCLUDED
        row.concluded_on = today
        versioned_save(row)
        _step(row, DisciplineStep.Kind.CONCLUDE, actor, note.strip())
        return row
