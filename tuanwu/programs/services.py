"""Every write of programs and honours: projects and their steps, a 三下乡 team's service into the volunteer
ledger, calls and entries, judging rounds, the public notice and its objections, and the numbered awards."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_PROGRAMS
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.core.verification import new_token
from tuanwu.numbering.services import next_number
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import county_of
from tuanwu.people.models import Person
from tuanwu.volunteering import selectors as volunteering
from tuanwu.volunteering.models import TaskForce
from tuanwu.volunteering.services.ledger import activity_certify, attendance_confirm
from tuanwu.volunteering.services.task_forces import task_force_create, task_force_deploy, task_force_member_add

from . import rules
from .models import (
    Award,
    AwardLevel,
    Call,
    Criterion,
    Entry,
    JudgeAssignment,
    Notice,
    Objection,
    ProgressNote,
    Project,
    ProjectKind,
    ProjectMember,
    ProjectStep,
    Round,
    Score,
)
from .selectors import judge_paths, notice_ended, registered_count
from .workflow import PROJECT_TRANSITIONS

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

PROJECT_FIELDS = ("kind", "title", "tutor", "starts_on", "ends_on", "place", "plan", "budget_fen", "deliverables")


def _check_dates(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise field_error({"ends_on": _("The project must end on or after its start.")}, code="PROJECT_DATES")


# Projects -------------------------------------------------------------------------------------------------


def project_create(
    *, actor: User, organization: Organization, registered_on: datetime.date | None = None, **fields: Any
) -> Project:
    """Register (立项/报备) a project of an organization; the registration is its first step."""
    _check_dates(fields["starts_on"], fields["ends_on"])
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, organization)
        on = registered_on or timezone.localdate()
        project = Project(organization=organization, registered_on=on, **fields)
        versioned_save(project)
        ProjectStep.objects.create(project=project, stage=Project.Stage.REGISTERED, on=on, by=actor)
    return project


def project_update(*, actor: User, project: Project, **fields: Any) -> Project:
    """Change a project's details (not its stage) until it is closed."""
    with transaction.atomic(), set_actor(actor):
        row = Project.objects.select_for_update().get(pk=project.pk)
        scope.require(actor, MANAGE_PROGRAMS, row.organization)
        if row.stage == Project.Stage.CLOSED:
            raise ValidationError(_("A closed project cannot be changed."), code="PROJECT_CLOSED")
        for name, value in fields.items():
            setattr(row, name, value)
        _check_dates(row.starts_on, row.ends_on)
        versioned_save(row)
    return row


def project_member_add(
    *, actor: User, project: Project, person: Person, role: str = ProjectMember.Role.MEMBER
) -> ProjectMember:
    """Put a registered person on the project's team."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, project.organization)
        if ProjectMember.objects.filter(project=project, person=person).exists():
            raise ValidationError(_("%(name)s is already on this team.") % {"name": person.name}, code="ALREADY_MEMBER")
        member = ProjectMember(project=project, person=person, role=role)
        member.full_clean()
        member.save()
    return member


def _step(actor: User, project: Project, to: str, on: datetime.date, note: str) -> Project:
    with transaction.atomic(), set_actor(actor):
        row = Project.objects.select_for_update().get(pk=project.pk)
        scope.require(actor, MANAGE_PROGRAMS, row.organization)
        if to not in PROJECT_TRANSITIONS[Project.Stage(row.stage)]:
            raise ValidationError(
                _("A project that is %(stage)s cannot become %(to)s.")
                % {"stage": row.get_stage_display(), "to": Project.Stage(to).label},
                code="PROJECT_TRANSITION",
            )
        last = row.steps.order_by("-on").values_list("on", flat=True).first()
        if last and on < last:
            raise field_error({"on": _("A step cannot be dated before the previous one.")}, code="STEP_BEFORE_LAST")
        row.stage = to
        versioned_save(row, update_fields=["stage", "updated_at"])
        ProjectStep.objects.create(project=row, stage=to, on=on, by=actor, note=note.strip())
    return row


def project_start(*, actor: User, project: Project, on: datetime.date, note: str = "") -> Project:
    """The project starts (实施)."""
    return _step(actor, project, Project.Stage.RUNNING, on, note)


def project_close(*, actor: User, project: Project, on: datetime.date, note: str = "") -> Project:
    """The project is closed (结项) with its summary (and, for a 三下乡 team, the host's evaluation) in the note."""
    if not note.strip():
        raise field_error({"note": _("Say what the project delivered.")}, code="SUMMARY_REQUIRED")
    return _step(actor, project, Project.Stage.CLOSED, on, note)


def progress_note_add(*, actor: User, project: Project, written_on: datetime.date, text: str) -> ProgressNote:
    """Record what a running project did."""
    with transaction.atomic(), set_actor(actor):
        row = Project.objects.select_related("organization").get(pk=project.pk)
        scope.require(actor, MANAGE_PROGRAMS, row.organization)
        if row.stage != Project.Stage.RUNNING:
            raise ValidationError(_("Progress is recorded while the project runs."), code="PROJECT_NOT_RUNNING")
        note = ProgressNote(project=row, written_on=written_on, text=text.strip(), by=actor)
        note.full_clean()
        note.save()
    return note


def project_service_record(
    *,
    actor: User,
    project: Project,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    category: str,
    place: str = "",
) -> int:
    """A 三下乡 team's day of service goes into the volunteer ledger through volunteering's own services: the team
    serves as a task force, deployed as an activity, every member's attendance confirmed and certified. Returns
    how many hour entries were certified."""
    if project.kind != ProjectKind.SUMMER_PRACTICE:
        raise ValidationError(_("Only a summer practice team records volunteer service."), code="NOT_A_TEAM")
    with transaction.atomic(), set_actor(actor):
        row = Project.objects.select_for_update().get(pk=project.pk)
        scope.require(actor, MANAGE_PROGRAMS, row.organization)
        if row.stage != Project.Stage.RUNNING:
            raise ValidationError(_("Service is recorded while the project runs."), code="PROJECT_NOT_RUNNING")
        team = row.task_force
        if team is None:
            team = task_force_create(
                actor=actor,
                organization=row.organization,
                name=row.title[:100],
                field=TaskForce.Field.OTHER,
                founded_on=row.starts_on,
            )
            row.task_force = team
            versioned_save(row, update_fields=["task_force", "updated_at"])
        for member in row.team.select_related("person"):
            if not volunteering.task_force_has_member(team, member.person):
                task_force_member_add(actor=actor, task_force=team, person=member.person, joined_on=row.starts_on)
        activity = task_force_deploy(
            actor=actor,
            task_force=team,
            title=row.title[:200],
            category=category,
            place=place or row.place or row.organization.name,
            starts_at=starts_at,
            ends_at=ends_at,
        )
        for signup in volunteering.signups_of(activity):
            attendance_confirm(actor=actor, signup=signup, present=True, start=starts_at, end=ends_at)
        return activity_certify(actor=actor, activity=activity)


# Calls and entries ----------------------------------------------------------------------------------------


def call_create(
    *, actor: User, organization: Organization, levels: Sequence[tuple[str, Decimal]] = (), **fields: Any
) -> Call:
    """Open a call of an organization, with its award levels and their caps."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, organization)
        call = Call(organization=organization, **fields)
        if call.closes_on and call.opens_on and call.closes_on < call.opens_on:
            raise field_error({"closes_on": _("The call must close on or after it opens.")}, code="CALL_DATES")
        versioned_save(call)
        for rank, (name, cap) in enumerate(levels, start=1):
            _level_add(call, name, cap, rank)
    return call


def _level_add(call: Call, name: str, cap: Decimal, rank: int) -> AwardLevel:
    if not 0 < Decimal(cap) <= 100:
        raise field_error({"cap_percent": _("A cap is a share between 0 and 100 %.")}, code="CAP_RANGE")
    level = AwardLevel(call=call, name=name.strip(), cap_percent=cap, rank=rank)
    level.full_clean()
    level.save()
    return level


def award_level_add(*, actor: User, call: Call, name: str, cap_percent: Decimal) -> AwardLevel:
    """Add an award level to a call."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, call.organization)
        return _level_add(call, name, cap_percent, call.levels.count() + 1)


def entry_create(
    *, actor: User, call: Call, project: Project, recommended_by: Organization, today: datetime.date | None = None
) -> Entry:
    """An organization recommends one of its projects to a call, within the call's dates and its quota."""
    today = today or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        Call.objects.select_for_update().get(pk=call.pk)  # recommendations counted against the quota one at a time
        scope.require(actor, MANAGE_PROGRAMS, recommended_by)
        if not project.organization.path.startswith(recommended_by.path):
            raise ValidationError(
                _("An organization recommends only projects of its own subtree."), code="ENTRY_OUTSIDE"
            )
        if not project.organization.path.startswith(call.organization.path):
            raise ValidationError(_("The project is outside this call's organization."), code="ENTRY_OUTSIDE")
        if project.kind != call.kind:
            raise ValidationError(
                _("This call takes %(kind)s projects.") % {"kind": call.get_kind_display()}, code="ENTRY_KIND"
            )
        if not call.opens_on <= today <= call.closes_on:
            raise ValidationError(
                _("Recommendations are taken from %(from)s to %(to)s.")
                % {"from": call.opens_on.isoformat(), "to": call.closes_on.isoformat()},
                code="CALL_CLOSED",
            )
        if Entry.objects.filter(call=call, project=project).exists():
            raise ValidationError(_("This project is already entered."), code="ENTRY_TWICE")
        used = Entry.objects.filter(call=call, recommended_by=recommended_by).count()
        if used >= call.quota_per_organization:
            raise ValidationError(
                _("%(org)s has used its %(n)d recommendations.")
                % {"org": recommended_by.name, "n": call.quota_per_organization},
                code="QUOTA_USED",
            )
        entry = Entry(call=call, project=project, recommended_by=recommended_by, by=actor)
        entry.full_clean()
        entry.save()
    return entry


# Rounds and judging ---------------------------------------------------------------------------------------


def round_create(*, actor: User, call: Call, name: str) -> Round:
    """Open a review round of a call."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, call.organization)
        row = Round(call=call, name=name.strip())
        row.full_clean()
        row.save()
    return row


def _require_open(row: Round) -> None:
    if row.status != Round.Status.OPEN:
        raise ValidationError(_("The round is closed."), code="ROUND_CLOSED")


def criterion_add(*, actor: User, round: Round, name: str, weight: Decimal, max_value: int = 100) -> Criterion:
    """Add a weighted criterion to a round before anyone has scored."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, round.call.organization)
        _require_open(round)
        if Score.objects.filter(criterion__round=round).exists():
            raise ValidationError(_("Judges have started scoring: the criteria are fixed."), code="SCORING_STARTED")
        criterion = Criterion(round=round, name=name.strip(), weight=weight, max_value=max_value)
        criterion.full_clean()
        criterion.save()
    return criterion


def criterion_update(*, actor: User, criterion: Criterion, name: str, weight: Decimal, max_value: int) -> Criterion:
    """Change a criterion of an open round while no judge has scored on it."""
    with transaction.atomic(), set_actor(actor):
        row = Criterion.objects.select_for_update().select_related("round__call__organization").get(pk=criterion.pk)
        scope.require(actor, MANAGE_PROGRAMS, row.round.call.organization)
        _require_open(row.round)
        _require_unscored_criterion(row)
        row.name, row.weight, row.max_value = name.strip(), weight, max_value
        row.full_clean()
        row.save()
    return row


def criterion_remove(*, actor: User, criterion: Criterion) -> None:
    """Remove a criterion of an open round while no judge has scored on it."""
    with transaction.atomic(), set_actor(actor):
        row = Criterion.objects.select_for_update().select_related("round__call__organization").get(pk=criterion.pk)
        scope.require(actor, MANAGE_PROGRAMS, row.round.call.organization)
        _require_open(row.round)
        _require_unscored_criterion(row)
        row.delete()


def _require_unscored_criterion(row: Criterion) -> None:
    if Score.objects.filter(criterion=row).exists():
        raise ValidationError(
            _("Judges have already scored on “%(name)s”: it can no longer be changed or removed.") % {"name": row.name},
            code="CRITERION_SCORED",
        )


def _check_assignable(round: Round, judge: User, entry: Entry, *, exclude: int | None = None) -> None:
    if entry.call_id != round.call_id:
        raise ValidationError(_("The entry belongs to another call."), code="ENTRY_OTHER_CALL")
    project = entry.project
    conflict = rules.conflict_of_interest(
        judge_paths=judge_paths(judge),
        judge_person_id=judge.person_id,
        owner_path=project.organization.path,
        member_ids=project.team.values_list("person_id", flat=True),
        tutor_id=project.tutor_id,
    )
    if conflict is not None:
        message = {
            "COI_ORGANIZATION": _(
                "%(judge)s may not judge “%(title)s”: it comes from %(org)s, the judge's own organization "
                "or one below it."
            ),
            "COI_TEAM": _("%(judge)s may not judge “%(title)s”: the judge is on its team or its tutor."),
        }[conflict.code]
        raise ValidationError(
            message % {"judge": _judge_name(judge), "title": project.title, "org": project.organization.name},
            code=conflict.code,
        )
    same = JudgeAssignment.objects.filter(round=round, judge=judge, entry=entry)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise ValidationError(_("This judge is already assigned to this entry."), code="ASSIGNED_TWICE")


def judge_assign(*, actor: User, round: Round, judge: User, entry: Entry) -> JudgeAssignment:
    """Ask a judge to score an entry; refused when the judge has a conflict of interest with it."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, round.call.organization)
        _require_open(round)
        _check_assignable(round, judge, entry)
        return JudgeAssignment.objects.create(round=round, judge=judge, entry=entry, assigned_by=actor)


def judge_assignment_update(*, actor: User, assignment: JudgeAssignment, judge: User, entry: Entry) -> JudgeAssignment:
    """Give an assignment of an open round to another judge or entry, with the same checks as a new one, while
    the judge has not scored it."""
    with transaction.atomic(), set_actor(actor):
        row = (
            JudgeAssignment.objects.select_for_update()
            .select_related("round__call__organization")
            .get(pk=assignment.pk)
        )
        scope.require(actor, MANAGE_PROGRAMS, row.round.call.organization)
        _require_open(row.round)
        _require_unscored_assignment(row)
        _check_assignable(row.round, judge, entry, exclude=row.pk)
        row.judge, row.entry = judge, entry
        row.full_clean()
        row.save()
    return row


def judge_assignment_remove(*, actor: User, assignment: JudgeAssignment) -> None:
    """Withdraw an assignment of an open round while the judge has not scored it."""
    with transaction.atomic(), set_actor(actor):
        row = (
            JudgeAssignment.objects.select_for_update()
            .select_related("round__call__organization")
            .get(pk=assignment.pk)
        )
        scope.require(actor, MANAGE_PROGRAMS, row.round.call.organization)
        _require_open(row.round)
        _require_unscored_assignment(row)
        row.delete()


def _require_unscored_assignment(row: JudgeAssignment) -> None:
    if Score.objects.filter(judge_id=row.judge_id, entry_id=row.entry_id, criterion__round_id=row.round_id).exists():
        raise ValidationError(
            _("%(judge)s has already scored “%(title)s”: the assignment can no longer be changed or removed.")
            % {"judge": _judge_name(row.judge), "title": row.entry.project.title},
            code="ASSIGNMENT_SCORED",
        )


def _judge_name(judge: User) -> str:
    person = getattr(judge, "person", None)
    return person.name if person else judge.get_username()


def score_save(*, actor: User, round: Round, entry: Entry, values: dict[int, Decimal]) -> list[Score]:
    """A judge saves their marks for an assigned entry, one per criterion, while the round is open."""
    with transaction.atomic(), set_actor(actor):
        Round.objects.select_for_update().get(pk=round.pk)
        round.refresh_from_db()
        _require_open(round)
        if not JudgeAssignment.objects.filter(round=round, judge=actor, entry=entry).exists():
            raise ValidationError(_("You are not assigned to this entry."), code="NOT_ASSIGNED")
        saved = []
        for criterion in round.criteria.all():
            if criterion.pk not in values:
                continue
            value = Decimal(values[criterion.pk])
            if not 0 <= value <= criterion.max_value:
                raise field_error(
                    {f"c{criterion.pk}": _("Between 0 and %(max)d.") % {"max": criterion.max_value}},
                    code="SCORE_RANGE",
                )
            score, _created = Score.objects.update_or_create(
                judge=actor, entry=entry, criterion=criterion, defaults={"value": value}
            )
            saved.append(score)
    return saved


def round_close(*, actor: User, round: Round) -> Round:
    """Close the round: scores are final, and everyone who sees the call now sees the result table."""
    with transaction.atomic(), set_actor(actor):
        row = Round.objects.select_for_update().get(pk=round.pk)
        scope.require(actor, MANAGE_PROGRAMS, row.call.organization)
        _require_open(row)
        row.status, row.closed_at = Round.Status.CLOSED, timezone.now()
        row.save(update_fields=["status", "closed_at"])
    return row


# Notice, objections, awards -------------------------------------------------------------------------------


def notice_publish(*, actor: User, call: Call, starts_on: datetime.date, text: str, days: int = 5) -> Notice:
    """Publish the proposed awards for public notice (公示) once a round is closed."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, call.organization)
        if not call.rounds.filter(status=Round.Status.CLOSED).exists():
            raise ValidationError(_("Close a review round before the notice."), code="NO_CLOSED_ROUND")
        if Notice.objects.filter(call=call).exists():
            raise ValidationError(_("The notice is already published."), code="NOTICE_TWICE")
        notice = Notice(call=call, starts_on=starts_on, days=days, text=text.strip(), by=actor)
        notice.full_clean()
        notice.save()
    return notice


def objection_record(*, actor: User, notice: Notice, text: str, received_on: datetime.date) -> Objection:
    """Record an objection received during the notice."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PROGRAMS, notice.call.organization)
        if not notice.starts_on <= received_on <= notice.ends_on:
            raise field_error(
                {
                    "received_on": _("Objections are received from %(from)s to %(to)s.")
                    % {"from": notice.starts_on.isoformat(), "to": notice.ends_on.isoformat()}
                },
                code="OBJECTION_OUTSIDE_NOTICE",
            )
        objection = Objection(notice=notice, text=text.strip(), received_on=received_on)
        objection.full_clean()
        objection.save()
    return objection


def objection_answer(*, actor: User, objection: Objection, answer: str, answered_on: datetime.date) -> Objection:
    """Answer an objection (once)."""
    with transaction.atomic(), set_actor(actor):
        row = Objection.objects.select_for_update().select_related("notice__call__organization").get(pk=objection.pk)
        scope.require(actor, MANAGE_PROGRAMS, row.notice.call.organization)
        if row.answered_on:
            raise ValidationError(_("This objection is already answered."), code="ALREADY_ANSWERED")
        if not answer.strip():
            raise field_error({"answer": _("Write the answer.")}, code="ANSWER_REQUIRED")
        if answered_on < row.received_on:
            raise field_error({"answered_on": _("An answer cannot precede the objection.")}, code="ANSWER_BEFORE")
        row.answer, row.answered_on, row.answered_by = answer.strip(), answered_on, actor
        row.full_clean()
        row.save()
    return row


def award_grant(*, actor: User, entry: Entry, level: AwardLevel, today: datetime.date | None = None) -> Award:
    """Give an entry a numbered award: only after the notice period ended with every objection answered, and
    within the level's cap."""
    today = today or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        call = Call.objects.select_for_update().select_related("organization").get(pk=entry.call_id)
        scope.require(actor, MANAGE_PROGRAMS, call.organization)
        if level.call_id != call.pk:
            raise ValidationError(_("The award belongs to another call."), code="LEVEL_OTHER_CALL")
        notice = Notice.objects.filter(call=call).first()
        if notice is None or not notice_ended(notice, today):
            raise ValidationError(_("Awards are granted after the public notice ends."), code="NOTICE_NOT_ENDED")
        if notice.objections.filter(answered_on__isnull=True).exists():
            raise ValidationError(_("Answer every objection before granting awards."), code="OBJECTION_OPEN")
        if Award.objects.filter(entry=entry).exists():
            raise ValidationError(_("This entry already has an award."), code="AWARDED_TWICE")
        cap = rules.award_cap(level.cap_percent, registered_count(call))
        if level.awards.count() >= cap:
            raise ValidationError(
                _("“%(level)s” is capped at %(cap)s %% of the entries: %(n)d awards.")
                % {"level": level.name, "cap": f"{level.cap_percent.normalize():f}", "n": cap},
                code="AWARD_CAP",
            )
        code = county_of(call.organization).code or "TW"
        sequence = next_number("award", code, today.year)
        award = Award(
            call=call,
            entry=entry,
            level=level,
            organization=entry.project.organization,
            number=f"{code}-RY-{today.year}-{sequence:04d}",
            granted_on=today,
            granted_by=actor,
            token=new_token(),
        )
        award.full_clean()
        award.save()
    return award
