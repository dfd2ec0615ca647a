"""Reads of the work plan, and each target's standing: actual against target, recomputed from the records."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.utils import timezone

from tuanwu.accounts.roles import VIEW_PLAN
from tuanwu.organizations import scope

from .metrics import METRICS
from .models import PlanTarget, PlanTask, WorkPlan

# A target whose deadline is this close and that is not met yet is at risk.
AT_RISK_DAYS = 60


@dataclass
class Standing:
    target: PlanTarget
    actual: Decimal | None
    goal: Decimal | None
    status: str  # met, on_track, at_risk, missed, no_data, no_goal
    link: str | None
    source: str  # metric label, "manual", or ""
    series: list | None = None  # the metric over the year, for a sparkline


# Badge colour of each standing.
STANDING_BADGES = {
    "met": "success",
    "on_track": "primary",
    "at_risk": "warning",
    "missed": "danger",
    "no_data": "secondary",
    "no_goal": "light",
}


def plan_for(user: scope.Viewer, year: int) -> WorkPlan | None:
    """The plan of the user's county for a year (anyone with a view of the plan sees the whole plan)."""
    if not scope.has_any(user, VIEW_PLAN):
        raise Http404
    return (
        WorkPlan.objects.filter(year=year, organization__path__in=scope.county_paths(user, VIEW_PLAN))
        .prefetch_related("areas__tasks__targets", "areas__tasks__owner")
        .first()
    )


def _plan_visible(user: scope.Viewer, plan: WorkPlan, perm: str | None) -> bool:
    if perm is not None:
        return scope.has_perm(user, perm, plan.organization)
    return plan.organization.path in scope.county_paths(user, VIEW_PLAN)


def task_get(user: scope.Viewer, pk: int, perm: str | None = None) -> PlanTask:
    """A task of a plan the user may read (with perm: one whose plan the user holds perm on), or 404."""
    if not scope.has_any(user, VIEW_PLAN):
        raise Http404
    task = PlanTask.objects.select_related("area__plan__organization", "owner", "owner_cadre").filter(pk=pk).first()
    if task is None or not _plan_visible(user, task.area.plan, perm):
        raise Http404
    return task


def target_get(user: scope.Viewer, pk: int, perm: str | None = None) -> PlanTarget:
    """A target of a plan the user may read (with perm: one whose plan the user holds perm on), or 404."""
    if not scope.has_any(user, VIEW_PLAN):
        raise Http404
    target = (
        PlanTarget.objects.select_related("task__area__plan__organization", "task__owner", "task__owner_cadre")
        .filter(pk=pk)
        .first()
    )
    if target is None or not _plan_visible(user, target.task.area.plan, perm):
        raise Http404
    return target


def standing_counts(standings: dict[int, list[Standing]]) -> dict[str, int]:
    """How many targets stand at each status."""
    counts: dict[str, int] = {}
    for rows in standings.values():
        for s in rows:
            counts[s.status] = counts.get(s.status, 0) + 1
    return counts


def _met(actual: Decimal, goal: Decimal, comparison: str, goal_max: Decimal | None) -> bool:
    if comparison == ">":
        return actual > goal
    if comparison == "<=":
        return actual <= goal
    if comparison == "<":
        return actual < goal
    if comparison == "between":
        return goal <= actual <= (goal_max if goal_max is not None else goal)
    return actual >= goal


def standing(
    user: scope.Viewer, target: PlanTarget, year: int, today: datetime.date | None = None, cache: dict | None = None
) -> Standing:
    """Actual against target: met; on track (cumulative metrics at least pro rata of the time elapsed);
    at risk (not met with the deadline within 60 days, or behind pro rata); missed (deadline passed)."""
    today = today or timezone.localdate()
    county = target.task.area.plan.organization
    metric = METRICS.get(target.metric)
    series = None
    if target.manual_value is not None:
        actual, link, source = target.manual_value, None, "manual"
    elif metric is not None:
        # Several targets often share a metric (8 学时 and 20 小时 both read the admission audit): compute once.
        cache = {} if cache is None else cache
        if metric.key not in cache:
            cache[metric.key] = (
                metric.compute(user, county, year),
                metric.series(user, county, year) if metric.series else None,
            )
        (actual, series), link, source = cache[metric.key], metric.link(county, year), str(metric.label)
    else:
        return Standing(target, None, target.quantity, "no_data", None, "")
    goal = target.quantity
    comparison = target.comparison or (">=" if (metric is None or metric.higher_is_better) else "<=")
    if metric is not None and target.metric == "admission_violations":
        # The rule's numbers are met when no admission breaks them.
        goal, comparison = Decimal(0), "<="
    if goal is None:
        return Standing(target, actual, None, "no_goal", link, source, series)
    if actual is None:
        return Standing(target, None, goal, "no_data", link, source, series)
    if _met(actual, goal, comparison, target.quantity_max):
        return Standing(target, actual, goal, "met", link, source, series)
    deadline = target.deadline or datetime.date(year, 12, 31)
    if today > deadline:
        return Standing(target, actual, goal, "missed", link, source, series)
    if (deadline - today).days <= AT_RISK_DAYS:
        return Standing(target, actual, goal, "at_risk", link, source, series)
    if metric is not None and metric.higher_is_better and comparison in (">=", ">") and metric.unit != "%":
        start = datetime.date(year, 1, 1)
        share = max(0.0, min(1.0, (today - start).days / max(1, (deadline - start).days)))
        if float(actual) < float(goal) * share:
            return Standing(target, actual, goal, "at_risk", link, source, series)
    return Standing(target, actual, goal, "on_track", link, source, series)


def plan_standings(user: scope.Viewer, plan: WorkPlan) -> dict[int, list[Standing]]:
    """Every target's standing, by task id."""
    out: dict[int, list[Standing]] = {}
    cache: dict = {}
    for area in plan.areas.all():
        for task in area.tasks.all():
            out[task.pk] = [standing(user, t, plan.year, cache=cache) for t in task.targets.all()]
    return out
