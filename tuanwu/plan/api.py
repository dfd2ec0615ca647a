"""API of the work plan: every target's standing, and a person accepting the metric that measures a target."""

from django.http import Http404
from ninja import Router, Schema

from tuanwu.accounts.roles import MANAGE_PLAN

from . import selectors, services

router = Router(tags=["plan"])


class StandingOut(Schema):
    task: int
    text: str
    metric: str | None
    confirmed: bool
    actual: float | None
    target: float | None
    unit: str
    status: str


class ConfirmIn(Schema):
    metric: str


@router.get("/standing", response=list[StandingOut], summary="Every target of the year's plan with its standing")
def standing(request, year: int):
    plan = selectors.plan_for(request.user, year)
    if plan is None:
        raise Http404
    return selectors.standing_rows(request.user, plan)


@router.post("/targets/{int:target_id}/confirm", response=StandingOut, summary="Accept the metric of a target")
def target_confirm(request, target_id: int, payload: ConfirmIn):
    target = selectors.target_get(request.user, target_id, perm=MANAGE_PLAN)
    row = services.target_binding_confirm(actor=request.user, target=target, metric=payload.metric)
    row = selectors.target_get(request.user, row.pk)
    return selectors.standing_row(selectors.standing(request.user, row, row.task.area.plan.year))
