"""Every write of the yearly evaluation (教育评议) and registration (团籍注册): one service per step, each checking
the actor's scope, the county's policy and the edit version, atomically."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_LIFECYCLE, MANAGE_LIFECYCLE, VIEW_LIFECYCLE
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.dates import add_months
from tuanwu.core.errors import field_error
from tuanwu.meetings.models import Attendance, Kind, Meeting
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization
from tuanwu.organizations.policy import policy_for
from tuanwu.people.choices import PoliticalStatus
from tuanwu.people.models import Membership
from tuanwu.people.workflow import ACTIVE_STATES

from .. import rules_evaluation as rules
from ..models.evaluation import Evaluation, EvaluationEntry, Grade, LifecyclePolicy, Registration

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

PARTY_STATUSES = frozenset({PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY_PARTY_MEMBER})
# 细则 art. 35: the re-evaluation comes after 3–6 months of rectification.
REEVALUATION_AFTER_MONTHS = 3
EDITABLE = frozenset({Evaluation.Status.DRAFT, Evaluation.Status.RETURNED})


def _approver_org(branch: Organization) -> Organization:
    if branch.parent_id is None:
        raise ValidationError(_("No committee above this branch can approve."), code="NO_APPROVER")
    return Organization.objects.get(pk=branch.parent_id)


def _require_above(actor: User, branch: Organization) -> None:
    """The committee above the branch decides: 403 for those who see the branch but may not, 404 for others."""
    above = _approver_org(branch)
    if scope.has_perm(actor, APPROVE_LIFECYCLE, above):
        return
    if scope.has_perm(actor, VIEW_LIFECYCLE, branch):
        raise PermissionDenied
    raise Http404


def _locked(evaluation: Evaluation) -> Evaluation:
    return Evaluation.objects.select_for_update().select_related("organization").get(pk=evaluation.pk)


def _require_editable(row: Evaluation) -> None:
    if row.status not in EDITABLE:
        raise ValidationError(
            _("This evaluation is “%(status)s”: it can no longer be changed.") % {"status": row.get_status_display()},
            code="EVALUATION_NOT_EDITABLE",
        )


def evaluation_open(*, actor: User, branch: Organization, year: int) -> Evaluation:
    """Open (or bring up to date) a branch's evaluation of a year: one entry per active member, Party members
    marked as sitting out unless they opt in."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_LIFECYCLE, branch)
        if branch.kind not in BRANCH_KINDS:
            raise ValidationError(
                _("Evaluations are held by branches; %(org)s is not a branch.") % {"org": branch.name},
                code="EVALUATION_NOT_BRANCH",
            )
        evaluation = Evaluation.objects.select_for_update().filter(organization=branch, year=year).first()
        if evaluation is None:
            evaluation = Evaluation(organization=branch, year=year)
            evaluation.full_clean()
            evaluation.save()
        if evaluation.status in EDITABLE:
            have = set(evaluation.entries.values_list("membership_id", flat=True))
            members = Membership.objects.filter(organization=branch, status__in=ACTIVE_STATES).select_related("person")
            EvaluationEntry.objects.bulk_create(
                [
                    EvaluationEntry(
                        evaluation=evaluation,
                        organization=branch,
                        membership=m,
                        party_member=m.person.political_status in PARTY_STATUSES,
                        opted_in=m.person.political_status not in PARTY_STATUSES,
                    )
                    for m in members
                    if m.pk not in have
                ]
            )
        return evaluation


def evaluation_grades_set(
    *,
    actor: User,
    evaluation: Evaluation,
    grades: Mapping[int, str],
    self_assessments: Mapping[int, str] | None = None,
    opted_in: Mapping[int, bool] | None = None,
    version: int | None = None,
) -> Evaluation:
    """Record the grades the branch committee proposes (by entry id), the members' self-assessments and the
    Party members who opt in; the cap is checked on submission, when the whole set is known."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(evaluation)
        scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        _require_editable(row)
        refuse_stale(row, version)
        entries = {e.pk: e for e in row.entries.select_for_update()}
        unknown = [k for k in [*grades, *(self_assessments or {}), *(opted_in or {})] if k not in entries]
        if unknown:
            raise ValidationError(_("A member is not in this evaluation."), code="ENTRY_UNKNOWN")
        for pk, entry in entries.items():
            changed = False
            if pk in grades:
                grade = grades[pk] or ""
                if grade and grade not in Grade.values:
                    raise ValidationError(_("Not a grade: %(value)s.") % {"value": grade}, code="GRADE_UNKNOWN")
                changed |= entry.grade != grade
                entry.grade = grade
            if self_assessments and pk in self_assessments:
                changed |= entry.self_assessment != self_assessments[pk]
                entry.self_assessment = self_assessments[pk]
            if opted_in and pk in opted_in and entry.party_member:
                changed |= entry.opted_in != opted_in[pk]
                entry.opted_in = opted_in[pk]
            if not entry.evaluated:
                changed |= bool(entry.grade)
                entry.grade = ""
            if changed:
                versioned_save(entry)
        versioned_save(row, update_fields=["updated_at"])
        return row


def evaluation_meeting_set(
    *,
    actor: User,
    evaluation: Evaluation,
    meeting: Meeting | None = None,
    held_on: datetime.date | None = None,
    expected: int | None = None,
    present: int | None = None,
    version: int | None = None,
) -> Evaluation:
    """Name the branch meeting that evaluated: a recorded general meeting of the branch (its attendance counted),
    or its date and numbers entered."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(evaluation)
        scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        _require_editable(row)
        refuse_stale(row, version)
        if meeting is not None:
            if meeting.organization_id != row.organization_id or meeting.kind != Kind.GENERAL_MEETING:
                raise field_error(
                    {"meeting": _("Choose a general meeting of this branch.")}, code="EVALUATION_MEETING_NOT_BRANCH"
                )
            statuses = list(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
            held_on = meeting.held_on
            expected = len(statuses)
            present = sum(1 for s in statuses if s == Attendance.Status.PRESENT)
        if held_on is None or expected is None or present is None:
            raise field_error(
                {"meeting_held_on": _("Give the meeting's date, the members expected and those present.")},
                code="EVALUATION_NO_MEETING",
            )
        if present > expected:
            raise field_error(
                {"meeting_present": _("More present than expected.")}, code="EVALUATION_PRESENT_OVER_EXPECTED"
            )
        row.meeting, row.meeting_held_on = meeting, held_on
        row.meeting_expected, row.meeting_present = expected, present
        versioned_save(row)
        return row


def evaluation_submit(*, actor: User, evaluation: Evaluation, version: int | None = None) -> Evaluation:
    """Submit the branch's grades to the committee above: every member evaluated has a grade, the meeting had more
    than two thirds present, and 优秀 stay within the county's cap."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(evaluation)
        scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        _require_editable(row)
        refuse_stale(row, version)
        _check_complete(row)
        row.status = Evaluation.Status.SUBMITTED
        row.submitted_at, row.submitted_by = timezone.now(), actor
        versioned_save(row)
        return row


def _check_complete(row: Evaluation) -> None:
    entries = list(row.entries.select_related("membership__person"))
    evaluated = [e for e in entries if e.evaluated]
    if not evaluated:
        raise ValidationError(_("No member is evaluated in this evaluation."), code="EVALUATION_EMPTY")
    missing = [e.membership.person.name for e in evaluated if not e.grade]
    if missing:
        raise ValidationError(
            _("Give every member evaluated a grade; missing: %(names)s.") % {"names": "、".join(missing)},
            code="EVALUATION_GRADES_MISSING",
        )
    rules.check_quorum(row.meeting_expected, row.meeting_present)
    policy = policy_for(LifecyclePolicy, row.organization, row.year)
    excellent = sum(1 for e in evaluated if e.grade == Grade.EXCELLENT)
    rules.check_excellent_cap(excellent=excellent, evaluated=len(evaluated), policy=policy)
    from ..selectors.discipline import people_under_discipline

    top = [e for e in evaluated if e.grade == Grade.EXCELLENT]
    on = row.meeting_held_on or timezone.localdate()
    barred = people_under_discipline([e.membership.person_id for e in top], on)
    if barred:
        raise ValidationError(
            _("A member under discipline cannot be graded excellent: %(names)s.")
            % {"names": "、".join(e.membership.person.name for e in top if e.membership.person_id in barred)},
            code="EXCELLENT_UNDER_DISCIPLINE",
        )


def evaluation_approve(
    *, actor: User, evaluation: Evaluation, reason: str = "", version: int | None = None
) -> Evaluation:
    """The committee above approves a submitted evaluation (the rules checked again); each 不合格 member's
    rectification period starts that day, as long as the county's policy says."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(evaluation)
        _require_above(actor, row.organization)
        if row.status != Evaluation.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted evaluation can be approved."), code="EVALUATION_NOT_SUBMITTED")
        refuse_stale(row, version)
        _check_complete(row)
        today = timezone.localdate()
        policy = policy_for(LifecyclePolicy, row.organization, row.year)
        until = add_months(today, policy.rectification_months)
        for entry in row.entries.select_for_update().filter(grade=Grade.UNQUALIFIED):
            entry.rectification_until = until
            versioned_save(entry)
        row.status = Evaluation.Status.APPROVED
        row.decided_at, row.decided_by, row.decision_reason = timezone.now(), actor, reason
        versioned_save(row)
        return row


def evaluation_return(*, actor: User, evaluation: Evaluation, reason: str, version: int | None = None) -> Evaluation:
    """The committee above returns a submitted evaluation to the branch, saying why."""
    with transaction.atomic(), set_actor(actor):
        row = _locked(evaluation)
        _require_above(actor, row.organization)
        if row.status != Evaluation.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted evaluation can be returned."), code="EVALUATION_NOT_SUBMITTED")
        refuse_stale(row, version)
        if not reason.strip():
            raise field_error({"reason": _("Give a reason for returning it.")}, code="REASON_REQUIRED")
        row.status = Evaluation.Status.RETURNED
        row.decided_at, row.decided_by, row.decision_reason = timezone.now(), actor, reason
        versioned_save(row)
        return row


def _approved_entry(entry: EvaluationEntry, perm: str, *, actor: User, above: bool = False) -> EvaluationEntry:
    row = (
        EvaluationEntry.objects.select_for_update()
        .select_related("evaluation", "organization", "membership__person")
        .get(pk=entry.pk)
    )
    if above:
        _require_above(actor, row.organization)
    else:
        scope.require(actor, perm, row.organization)
    if row.evaluation.status != Evaluation.Status.APPROVED:
        raise ValidationError(
            _("The follow-up is recorded once the committee above approved the evaluation."),
            code="EVALUATION_NOT_APPROVED",
        )
    return row


def entry_talk_record(
    *, actor: User, entry: EvaluationEntry, on: datetime.date, note: str, version: int | None = None
) -> EvaluationEntry:
    """Record the secretary's talk with a member graded 基本合格 (细则 art. 34)."""
    with transaction.atomic(), set_actor(actor):
        row = _approved_entry(entry, MANAGE_LIFECYCLE, actor=actor)
        refuse_stale(row, version)
        if row.grade != Grade.BASIC:
            raise ValidationError(
                _("A talk follows the grade basically qualified; %(name)s was graded “%(grade)s”.")
                % {"name": row.membership.person.name, "grade": row.get_grade_display()},
                code="TALK_NOT_BASIC",
            )
        if on > timezone.localdate():
            raise field_error({"talk_on": _("The date lies in the future.")}, code="DATE_FUTURE")
        row.talk_on, row.talk_note = on, note
        versioned_save(row)
        return row


def entry_reevaluate(
    *, actor: User, entry: EvaluationEntry, grade: str, on: datetime.date, version: int | None = None
) -> EvaluationEntry:
    """Re-evaluate a 不合格 member after the rectification period (细则 art. 35); the new grade stands for the
    year's registration."""
    with transaction.atomic(), set_actor(actor):
        row = _approved_entry(entry, MANAGE_LIFECYCLE, actor=actor)
        refuse_stale(row, version)
        if row.grade != Grade.UNQUALIFIED:
            raise ValidationError(
                _("Only a member graded unqualified is re-evaluated."), code="REEVALUATION_NOT_UNQUALIFIED"
            )
        if grade not in Grade.values:
            raise field_error({"regrade": _("Choose a grade.")}, code="GRADE_UNKNOWN")
        if grade == Grade.EXCELLENT:
            raise field_error(
                {"regrade": _("A re-evaluation after rectification does not grade excellent.")},
                code="REEVALUATION_EXCELLENT",
            )
        if on > timezone.localdate():
            raise field_error({"regraded_on": _("The date lies in the future.")}, code="DATE_FUTURE")
        approved_on = timezone.localtime(row.evaluation.decided_at).date() if row.evaluation.decided_at else on
        earliest = add_months(approved_on, REEVALUATION_AFTER_MONTHS)
        if on < earliest:
            raise field_error(
                {
                    "regraded_on": _(
                        "A member graded unqualified is re-evaluated after at least %(months)d months of "
                        "rectification: not before %(earliest)s."
                    )
                    % {"months": REEVALUATION_AFTER_MONTHS, "earliest": earliest.isoformat()}
                },
                code="REEVALUATION_TOO_EARLY",
            )
        row.regrade, row.regraded_on = grade, on
        versioned_save(row)
        return row


def entry_appeal(
    *, actor: User, entry: EvaluationEntry, text: str, on: datetime.date | None = None, version: int | None = None
) -> EvaluationEntry:
    """Record a member's appeal (申诉) against the grade: the member on their own record, or the branch for them;
    it must be answered, never withheld (细则 art. 36)."""
    with transaction.atomic(), set_actor(actor):
        row = (
            EvaluationEntry.objects.select_for_update()
            .select_related("evaluation", "organization", "membership__person")
            .get(pk=entry.pk)
        )
        own = getattr(actor, "person_id", None) == row.membership.person_id
        if not own:
            scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        if row.evaluation.status not in (Evaluation.Status.SUBMITTED, Evaluation.Status.APPROVED):
            raise ValidationError(
                _("An appeal concerns a grade the branch has submitted."), code="APPEAL_NOT_SUBMITTED"
            )
        refuse_stale(row, version)
        if row.appeal:
            raise ValidationError(_("An appeal is already recorded for this grade."), code="APPEAL_EXISTS")
        if not text.strip():
            raise field_error({"appeal": _("Say what the appeal is about.")}, code="APPEAL_EMPTY")
        row.appeal, row.appealed_on = text.strip(), on or timezone.localdate()
        versioned_save(row)
        return row


def entry_appeal_answer(
    *, actor: User, entry: EvaluationEntry, answer: str, regrade: str = "", version: int | None = None
) -> EvaluationEntry:
    """The committee above answers an appeal, changing the grade when it upholds it."""
    with transaction.atomic(), set_actor(actor):
        row = (
            EvaluationEntry.objects.select_for_update()
            .select_related("evaluation", "organization", "membership__person")
            .get(pk=entry.pk)
        )
        _require_above(actor, row.organization)
        refuse_stale(row, version)
        if not row.appeal:
            raise ValidationError(_("There is no appeal to answer."), code="APPEAL_NONE")
        if row.appeal_answered_on:
            raise ValidationError(_("The appeal has been answered."), code="APPEAL_ANSWERED")
        if not answer.strip():
            raise field_error({"appeal_answer": _("Give the answer.")}, code="APPEAL_ANSWER_EMPTY")
        if regrade and regrade not in Grade.values:
            raise field_error({"regrade": _("Choose a grade.")}, code="GRADE_UNKNOWN")
        row.appeal_answer, row.appeal_answered_on = answer.strip(), timezone.localdate()
        if regrade:
            row.regrade, row.regraded_on = regrade, timezone.localdate()
        versioned_save(row)
        return row


# registration (团籍注册)


def standing_grade(membership: Membership, year: int) -> tuple[str | None, int | None]:
    """The member's grade that counts for the registration of year: the final grade of the latest approved
    evaluation of that year or the year before, with its year."""
    entry = (
        EvaluationEntry.objects.filter(
            membership=membership, evaluation__status=Evaluation.Status.APPROVED, evaluation__year__in=(year, year - 1)
        )
        .select_related("evaluation")
        .order_by("-evaluation__year")
        .first()
    )
    if entry is None or not entry.evaluated:
        return None, None
    return entry.final_grade, entry.evaluation.year


def _eligibility(membership: Membership, year: int) -> rules.Eligibility:
    if membership.person.political_status in PARTY_STATUSES:
        return rules.Eligibility(True, "", "")
    grade, grade_year = standing_grade(membership, year)
    return rules.registration_eligibility(
        name=membership.person.name, grade=grade, grade_year=grade_year, joined=membership.join_date, year=year
    )


def _registration_start(actor: User, membership: Membership, year: int) -> tuple[Membership, Registration | None]:
    row = Membership.objects.select_for_update().select_related("person", "organization").get(pk=membership.pk)
    scope.require(actor, MANAGE_LIFECYCLE, row.organization)
    if row.status not in ACTIVE_STATES:
        raise ValidationError(
            _("%(name)s is no longer a member.") % {"name": row.person.name}, code="REGISTRATION_NOT_MEMBER"
        )
    existing = Registration.objects.select_for_update().filter(membership=row, year=year).first()
    return row, existing


def registration_register(
    *, actor: User, membership: Membership, year: int, on: datetime.date | None = None, outcome: str = ""
) -> Registration:
    """Register a member for a year (团籍注册): only 基本合格 or better, within the county's window, or before the
    deadline of a deferral."""
    on = on or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        row, existing = _registration_start(actor, membership, year)
        if existing and existing.status == Registration.Status.REGISTERED:
            raise ValidationError(
                _("%(name)s is already registered for %(year)d.") % {"name": row.person.name, "year": year},
                code="REGISTRATION_EXISTS",
            )
        if on > timezone.localdate():
            raise field_error({"registered_on": _("The date lies in the future.")}, code="DATE_FUTURE")
        verdict = _eligibility(row, year)
        if not verdict.ok:
            raise ValidationError(verdict.message, code=verdict.code)
        policy = policy_for(LifecyclePolicy, row.organization, year)
        deferred = existing is not None and existing.status == Registration.Status.DEFERRED
        if deferred and existing is not None and existing.deferred_until and on > existing.deferred_until:
            raise ValidationError(
                _("The deferral of %(name)s ended on %(until)s: record its outcome as not registered.")
                % {"name": row.person.name, "until": existing.deferred_until.isoformat()},
                code="DEFERRAL_EXPIRED",
            )
        if not deferred:
            rules.check_window(policy, on)
        registration = existing or Registration(membership=row, organization=row.organization, year=year)
        registration.status, registration.registered_on = Registration.Status.REGISTERED, on
        registration.actor = actor
        if deferred:
            registration.outcome = outcome or _("Registered on %(on)s after the deferral.") % {"on": on.isoformat()}
        versioned_save(registration)
        return registration


def registration_defer(
    *,
    actor: User,
    membership: Membership,
    year: int,
    reason: str,
    months: int | None = None,
    on: datetime.date | None = None,
) -> Registration:
    """Defer a member's registration (暂缓注册) for 3–6 months (default: the county's policy), with the reason;
    the branch registers the member by the deadline or records that they stayed unregistered."""
    on = on or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        row, existing = _registration_start(actor, membership, year)
        if existing is not None:
            raise ValidationError(
                _("%(name)s's registration of %(year)d is already “%(status)s”.")
                % {"name": row.person.name, "year": year, "status": existing.get_status_display()},
                code="REGISTRATION_EXISTS",
            )
        if not reason.strip():
            raise field_error({"reason": _("Give the reason for the deferral.")}, code="REASON_REQUIRED")
        policy = policy_for(LifecyclePolicy, row.organization, year)
        months = months if months is not None else policy.deferral_months
        rules.check_months(months, "months")
        registration = Registration(
            membership=row,
            organization=row.organization,
            year=year,
            status=Registration.Status.DEFERRED,
            deferred_on=on,
            deferred_until=add_months(on, months),
            reason=reason.strip(),
            actor=actor,
        )
        versioned_save(registration)
        return registration


def registration_close(
    *, actor: User, registration: Registration, outcome: str, version: int | None = None
) -> Registration:
    """Record that a deferred member stayed unregistered at the end of the deferral, with what follows."""
    with transaction.atomic(), set_actor(actor):
        row = Registration.objects.select_for_update().select_related("organization").get(pk=registration.pk)
        scope.require(actor, MANAGE_LIFECYCLE, row.organization)
        refuse_stale(row, version)
        if row.status != Registration.Status.DEFERRED:
            raise ValidationError(_("Only a deferred registration is closed."), code="REGISTRATION_NOT_DEFERRED")
        if not outcome.strip():
            raise field_error({"outcome": _("Give the outcome.")}, code="OUTCOME_REQUIRED")
        row.status, row.outcome, row.actor = Registration.Status.UNREGISTERED, outcome.strip(), actor
        versioned_save(row)
        return row


def registration_register_branch(
    *, actor: User, branch: Organization, year: int, on: datetime.date | None = None
) -> tuple[list[Registration], list[tuple[Membership, str]]]:
    """Register every member of a branch who may be and is not registered yet; the others listed with the
    reason. Each member is registered in its own step, so one refusal does not stop the rest."""
    scope.require(actor, MANAGE_LIFECYCLE, branch)
    done: list[Registration] = []
    refused: list[tuple[Membership, str]] = []
    taken = set(Registration.objects.filter(organization=branch, year=year).values_list("membership_id", flat=True))
    members = Membership.objects.filter(organization=branch, status__in=ACTIVE_STATES).select_related("person")
    for membership in members.order_by("person__name_pinyin", "pk"):
        if membership.pk in taken:
            continue
        if membership.person.political_status in PARTY_STATUSES:
            refused.append((membership, _("A Party member registers only on request.")))
            continue
        try:
            done.append(registration_register(actor=actor, membership=membership, year=year, on=on))
        except ValidationError as e:
            refused.append((membership, " ".join(e.messages)))
    return done, refused
