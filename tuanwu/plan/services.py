"""Every write of the work plan: the import of a plan document, tasks, targets and progress notes."""

from __future__ import annotations

import datetime
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_PLAN
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope

from . import metrics, parser
from .models import Milestone, PlanArea, PlanTarget, PlanTask, ProgressNote, WorkPlan

if TYPE_CHECKING:
    from tuanwu.accounts.models import User
    from tuanwu.organizations.models import Organization


def _county_managed(actor: User) -> Organization:
    """The county whose plan the actor manages."""
    county = scope.county_for(actor, MANAGE_PLAN)
    if county is None:
        raise ValidationError(_("Only the county committee imports its work plan."), code="PLAN_COUNTY_ONLY")
    return county


def plan_import(
    *,
    actor: User,
    text: str,
    year: int,
    filename: str = "",
    replace: bool = False,
    dropped: AbstractSet[tuple[int, int]] = frozenset(),
) -> WorkPlan:
    """Save a parsed plan: its areas, tasks and the target candidates a person kept ((task number, index)
    pairs in `dropped` are left out); each target gets a suggested metric to confirm."""
    parsed = parser.parse(text, year=year)
    if not parsed.areas or not parsed.tasks:
        raise ValidationError(
            _("No areas (一、二、…) with numbered tasks (1. 2. …) were found in the document."), code="PLAN_EMPTY"
        )
    with transaction.atomic(), set_actor(actor):
        county = _county_managed(actor)
        existing = WorkPlan.objects.select_for_update().filter(organization=county, year=year).first()
        if existing and not replace:
            raise ValidationError(
                _("The %(year)d plan is already imported; replace it explicitly.") % {"year": year},
                code="PLAN_EXISTS",
            )
        if existing:
            existing.delete()
        plan = WorkPlan.objects.create(
            organization=county,
            year=year,
            title=parsed.title[:200],
            guidance=parsed.guidance,
            source_file=filename[:255],
        )
        for a in parsed.areas:
            area = PlanArea.objects.create(plan=plan, number=a.number, title=a.title[:300])
            for t in a.tasks:
                task = PlanTask.objects.create(area=area, number=t.number, title=t.title[:300], body=t.body)
                for i, target in enumerate(t.targets):
                    if (t.number, i) in dropped:
                        continue
                    key = metrics.suggest(target.text, target.unit, target.scope or "")
                    quantity, unit, comparison = target.quantity, target.unit or "", target.comparison or ""
                    metric = metrics.METRICS.get(key)
                    if quantity is None and metric is not None and metric.default_goal is not None:
                        # A qualitative target ("进入全省前列") gets the number the county's policy gives it.
                        goal = metric.default_goal(county, year)
                        if goal is not None and goal[1] != "=":
                            quantity, comparison, unit = goal[0], goal[1], metric.unit
                    PlanTarget.objects.create(
                        task=task,
                        text=target.text,
                        quantity=quantity,
                        quantity_max=target.quantity_max,
                        unit=unit,
                        comparison=comparison,
                        deadline=target.deadline,
                        scope=target.scope or "",
                        metric=key,
                    )
    return plan


def task_update(*, actor: User, task: PlanTask, version: int | None = None, **fields) -> PlanTask:
    """Set a task's owner, cadre, collaborators, dates and status."""
    with transaction.atomic(), set_actor(actor):
        row = PlanTask.objects.select_for_update().select_related("area__plan__organization").get(pk=task.pk)
        scope.require(actor, MANAGE_PLAN, row.area.plan.organization)
        refuse_stale(row, version)
        if fields.get("starts_on") and fields.get("due_on") and fields["due_on"] < fields["starts_on"]:
            raise field_error({"due_on": _("The task cannot be due before it starts.")}, code="DATES_NOT_INCREASING")
        for name, value in fields.items():
            setattr(row, name, value)
        versioned_save(row)
    return row


def target_update(*, actor: User, target: PlanTarget, version: int | None = None, **fields) -> PlanTarget:
    """Confirm or edit a target: its numbers, deadline, scope, the metric that measures it or a manual value
    with its evidence."""
    if fields.get("metric") and fields["metric"] not in metrics.METRICS:
        raise field_error({"metric": _("Unknown metric.")}, code="METRIC_UNKNOWN")
    if fields.get("manual_value") is not None and not (fields.get("manual_evidence") or "").strip():
        raise field_error({"manual_evidence": _("A value given by hand needs its evidence.")}, code="EVIDENCE_REQUIRED")
    with transaction.atomic(), set_actor(actor):
        row = PlanTarget.objects.select_for_update().select_related("task__area__plan__organization").get(pk=target.pk)
        scope.require(actor, MANAGE_PLAN, row.task.area.plan.organization)
        if "metric" in fields and (fields["metric"] or "") != row.metric:
            # A person choosing another metric accepts it; keeping the proposal needs target_binding_confirm.
            _accept(row, actor, fields["metric"] or "")
        for name, value in fields.items():
            setattr(row, name, value)
        versioned_save(row, expected=version)
    return row


def _accept(row: PlanTarget, actor: User, metric: str) -> None:
    row.metric = metric
    row.confirmed_metric = metric
    row.confirmed_by = actor if metric else None
    row.confirmed_at = timezone.now() if metric else None


def target_binding_confirm(*, actor: User, target: PlanTarget, metric: str) -> PlanTarget:
    """A person accepts the metric that measures a target (the one proposed on import, or another): from now
    the target counts as met or missed by it. Kept in the target's history with who and when."""
    if metric not in metrics.METRICS:
        raise field_error({"metric": _("Unknown metric.")}, code="METRIC_UNKNOWN")
    with transaction.atomic(), set_actor(actor):
        row = PlanTarget.objects.select_for_update().select_related("task__area__plan__organization").get(pk=target.pk)
        scope.require(actor, MANAGE_PLAN, row.task.area.plan.organization)
        _accept(row, actor, metric)
        versioned_save(row)
    return row


def target_delete(*, actor: User, target: PlanTarget) -> None:
    """Drop a target candidate that is not a target."""
    with transaction.atomic(), set_actor(actor):
        row = PlanTarget.objects.select_related("task__area__plan__organization").get(pk=target.pk)
        scope.require(actor, MANAGE_PLAN, row.task.area.plan.organization)
        row.delete()


def note_add(*, actor: User, task: PlanTask, quarter: int, text: str, link: str = "", evidence=None) -> ProgressNote:
    """Record a quarter's progress on a task, by its owner organization or the county."""
    if not 1 <= quarter <= 4:
        raise field_error({"quarter": _("A quarter is 1 to 4.")}, code="QUARTER_INVALID")
    if not (text or "").strip():
        raise field_error({"text": _("Say what was done.")}, code="TEXT_REQUIRED")
    with transaction.atomic(), set_actor(actor):
        owner = task.owner or task.area.plan.organization
        if not (
            scope.has_perm(actor, MANAGE_PLAN, owner) or scope.has_perm(actor, MANAGE_PLAN, task.area.plan.organization)
        ):
            scope.require(actor, MANAGE_PLAN, owner)
        note = ProgressNote(task=task, quarter=quarter, text=text.strip(), link=link.strip(), author=actor)
        if evidence:
            note.evidence = evidence
        note.full_clean()
        note.save()
    return note


# 倒排工期: the steps and the share of the time to the deadline by which each is due.
BACKWARD_STEPS = (
    (0.25, "摸底梳理、制定方案"),
    (0.5, "推进过半、中期检查"),
    (0.75, "集中攻坚、查漏补缺"),
    (1.0, "全面完成、总结验收"),
)


def milestones_plan(*, actor: User, task: PlanTask, deadline=None) -> list[Milestone]:
    """Work a task's deadline backwards into four dated steps from the start of its year (or of the task);
    existing steps are kept, only missing ones are added."""
    with transaction.atomic(), set_actor(actor):
        row = PlanTask.objects.select_for_update().select_related("area__plan__organization").get(pk=task.pk)
        scope.require(actor, MANAGE_PLAN, row.area.plan.organization)
        year = row.area.plan.year
        deadline = (
            deadline
            or row.due_on
            or min((t.deadline for t in row.targets.all() if t.deadline), default=datetime.date(year, 12, 31))
        )
        start = row.starts_on or datetime.date(min(year, deadline.year), 1, 1)
        if deadline <= start:
            raise field_error({"due_on": _("The deadline must come after the start.")}, code="DATES_NOT_INCREASING")
        existing = set(row.milestones.values_list("title", flat=True))
        span = (deadline - start).days
        created = [
            Milestone.objects.create(task=row, title=title, due_on=start + datetime.timedelta(days=round(span * share)))
            for share, title in BACKWARD_STEPS
            if title not in existing
        ]
    return created


def milestone_done(*, actor: User, milestone: Milestone, done_on) -> Milestone:
    """Mark a step done on a date (or not done, with None)."""
    with transaction.atomic(), set_actor(actor):
        row = (
            Milestone.objects.select_for_update().select_related("task__area__plan__organization").get(pk=milestone.pk)
        )
        scope.require(actor, MANAGE_PLAN, row.task.area.plan.organization)
        row.done_on = done_on
        versioned_save(row)
    return row
