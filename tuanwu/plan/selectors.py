"""Reads of the work plan, and each target's standing: actual against target, recomputed from the records."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.utils import timezone

from tuanwu.accounts.roles import VIEW_PLAN
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from .metrics import METRICS, Metric
from .models import PlanTarget, PlanTask, WorkPlan

# A target whose deadline is this close and that is not met yet is at risk.
AT_RISK_DAYS = 60


@dataclass
class Standing:
    target: PlanTarget
    actual: Decimal | None
    goal: Decimal | None
    status: str  # met, on_track, at_risk, missed, no_data, no_goal, unconfirmed
    link: str | None
    source: str  # metric label, "manual", or ""
    series: list | None = None  # the metric over the year, for a sparkline
    unit: str = ""  # of actual and goal: the metric's, or the target's when given by hand
    comparison: str = ""  # of actual to goal
    metric: Metric | None = None

    @property
    def confirmed(self) -> bool:
        return self.source == "manual" or self.target.confirmed


# Badge colour of each standing.
STANDING_BADGES = {
    "met": "success",
    "on_track": "primary",
    "at_risk": "warning",
    "missed": "danger",
    "no_data": "secondary",
    "no_goal": "light",
    "unconfirmed": "secondary",
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
    if comparison == "=":
        return actual == goal
    if comparison == ">":
        return actual > goal
    if comparison == "<=":
        return actual <= goal
    if comparison == "<":
        return actual < goal
    if comparison == "between":
        return goal <= actual <= (goal_max if goal_max is not None else goal)
    return actual >= goal


def goal_of(target: PlanTarget, metric: Metric | None, county, year: int) -> tuple[Decimal | None, str]:
    """The goal and comparison a target is measured against: the target's own when given in the metric's unit,
    else the metric's own (a rule's "8 学时" measured in admissions that broke it is met at 0 人)."""
    own = (target.quantity, target.comparison or (">=" if (metric is None or metric.higher_is_better) else "<="))
    if metric is None or (target.quantity is not None and target.unit == metric.unit):
        return own
    if metric.default_goal is not None:
        goal = metric.default_goal(county, year)
        if goal is not None:
            return goal
    return (None, own[1]) if target.unit and target.unit != metric.unit else own


def standing(
    user: scope.Viewer, target: PlanTarget, year: int, today: datetime.date | None = None, cache: dict | None = None
) -> Standing:
    """Actual against target: met; on track (cumulative metrics at least pro rata of the time elapsed);
    at risk (not met with the deadline within 60 days, or behind pro rata); missed (deadline passed). A metric
    bound automatically and not yet accepted by a person only proposes: the target stands "unconfirmed"."""
    today = today or timezone.localdate()
    county = target.task.area.plan.organization
    metric = METRICS.get(target.metric)
    series = None
    if target.manual_value is not None:
        actual, link, source, metric = target.manual_value, None, "manual", None
    elif metric is not None:
        # Several targets often share a metric: compute once.
        cache = {} if cache is None else cache
        if metric.key not in cache:
            cache[metric.key] = (
                metric.compute(user, county, year),
                metric.series(user, county, year) if metric.series else None,
            )
        (actual, series), link, source = cache[metric.key], metric.link(county, year), str(metric.label)
    else:
        return Standing(target, None, target.quantity, "no_data", None, "", unit=target.unit)
    goal, comparison = goal_of(target, metric, county, year)
    unit = metric.unit if metric is not None else target.unit

    def out(status: str) -> Standing:
        return Standing(target, actual, goal, status, link, source, series, unit, comparison, metric)

    if metric is not None and not target.confirmed:
        return out("unconfirmed")
    if goal is None:
        return out("no_goal")
    if actual is None:
        return out("no_data")
    if _met(actual, goal, comparison, target.quantity_max):
        return out("met")
    deadline = target.deadline or datetime.date(year, 12, 31)
    if today > deadline:
        return out("missed")
    if (deadline - today).days <= AT_RISK_DAYS:
        return out("at_risk")
    if metric is not None and metric.higher_is_better and comparison in (">=", ">") and metric.unit != "%":
        start = datetime.date(year, 1, 1)
        share = max(0.0, min(1.0, (today - start).days / max(1, (deadline - start).days)))
        if float(actual) < float(goal) * share:
            return out("at_risk")
    return out("on_track")


def plan_standings(user: scope.Viewer, plan: WorkPlan) -> dict[int, list[Standing]]:
    """Every target's standing, by task id."""
    out: dict[int, list[Standing]] = {}
    cache: dict = {}
    for area in plan.areas.all():
        for task in area.tasks.all():
            out[task.pk] = [standing(user, t, plan.year, cache=cache) for t in task.targets.all()]
    return out


@dataclass
class RatioRow:
    organization: Organization
    members: int
    youths: int

    @property
    def percent(self) -> Decimal | None:
        return (Decimal(100) * self.members / self.youths).quantize(Decimal("0.1")) if self.youths else None


def member_youth_ratios(user: scope.Viewer, year: int) -> list[RatioRow]:
    """团青比例 of the user's county and of each organization directly under it, as of the year's end (or
    today): members of the registered young people aged 14 to 28."""
    from tuanwu.people.selectors import member_youth_counts

    from .metrics import year_end

    county = Organization.objects.filter(path__in=scope.county_paths(user, VIEW_PLAN)).order_by("path").first()
    if county is None:
        raise Http404
    day = year_end(year)
    return [
        RatioRow(org, *member_youth_counts(org, day))
        for org in [county, *Organization.objects.filter(parent=county).order_by("path")]
    ]


def _plain(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def standing_row(s: Standing) -> dict:
    """A target's standing as the command and the API give it."""
    return {
        "task": s.target.task.number,
        "text": s.target.text,
        "metric": s.target.metric or None,
        "confirmed": s.confirmed,
        "actual": _plain(s.actual),
        "target": _plain(s.goal),
        "unit": s.unit,
        "status": s.status,
    }


def standing_rows(user: scope.Viewer, plan: WorkPlan) -> list[dict]:
    """Every target's standing of a plan, in the plan's order."""
    standings = plan_standings(user, plan)
    return [
        standing_row(s) for area in plan.areas.all() for task in area.tasks.all() for s in standings.get(task.pk, [])
    ]
