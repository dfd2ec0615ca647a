"""API of programs and honours: the project list (the page's filter), one project, and a closed round's result
table, through the same selectors as the pages."""

import datetime

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from tuanwu.accounts.roles import VIEW_PROGRAMS
from tuanwu.core.pagination import ApiPagination
from tuanwu.organizations import scope

from . import selectors
from .filters import ProjectFilter
from .rules import TIE_RULE

router = Router(tags=["programs"])


class ProjectOut(Schema):
    id: int
    kind: str
    title: str
    organization_id: int
    tutor_id: int | None
    starts_on: datetime.date
    ends_on: datetime.date
    place: str
    budget_fen: int
    stage: str
    registered_on: datetime.date


class ProjectDetailOut(ProjectOut):
    plan: str
    deliverables: str
    member_ids: list[int]

    @staticmethod
    def resolve_member_ids(obj) -> list[int]:
        return [m.person_id for m in obj.team.all()]


class ProjectQuery(Schema):
    q: str = ""
    kind: str = ""
    stage: str = ""
    organization: str = ""
    year: str = ""


class ResultOut(Schema):
    rank: int
    entry_id: int
    project_id: int
    project: str
    organization_id: int
    normalized: float
    raw_mean: float
    raw_median: float
    raw_spread: float
    judges: int


class ResultsOut(Schema):
    round_id: int
    status: str
    tie_rule: str
    results: list[ResultOut]


@router.get("/projects", response=list[ProjectOut], summary="List the projects you may see")
@paginate(ApiPagination)
def project_list(request, filters: Query[ProjectQuery]):
    scope.require_any(request.user, VIEW_PROGRAMS)
    return ProjectFilter(filters.dict()).filter(selectors.project_list(request.user)).order_by("-registered_on", "-pk")


@router.get("/projects/{int:project_id}", response=ProjectDetailOut, summary="One project with its team")
def project_get(request, project_id: int):
    return selectors.project_get(request.user, project_id)


@router.get("/rounds/{int:round_id}/results", response=ResultsOut, summary="A round's result table (once closed)")
def round_results(request, round_id: int):
    row = selectors.round_get(request.user, round_id)
    selectors.call_get(request.user, row.call_id)
    lines = selectors.round_results(row)
    return {
        "round_id": row.pk,
        "status": row.status,
        "tie_rule": TIE_RULE,
        "results": [
            {
                "rank": line.row.rank,
                "entry_id": line.entry.pk,
                "project_id": line.entry.project_id,
                "project": line.entry.project.title,
                "organization_id": line.entry.project.organization_id,
                "normalized": line.row.normalized,
                "raw_mean": line.row.raw_mean,
                "raw_median": line.row.raw_median,
                "raw_spread": line.row.raw_spread,
                "judges": line.row.judges,
            }
            for line in lines
        ],
    }
