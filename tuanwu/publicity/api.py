"""API of role models and the media accounts register, through the same selectors, filters and services as the
pages. Figures are an account's own; nothing here scores people."""

import datetime

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tuanwu.accounts.roles import MANAGE_PUBLICITY, VIEW_PUBLICITY
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year
from tuanwu.organizations import scope

from . import selectors as sel
from . import services
from .filters import MediaAccountFilter, RoleModelFilter
from .models import MediaAccount

router = Router(tags=["publicity"])


class RoleModelOut(Schema):
    id: int
    name: str
    kind: str
    person_id: int | None
    organization_id: int
    organization_name: str = Field(..., alias="organization.name")
    field: str
    deeds: str
    found_on: datetime.date
    voice_case_id: int | None
    project_id: int | None


class RoleModelQuery(Schema):
    q: str = ""
    field: str = ""
    organization: Id | None = None
    year: Year | None = None


class AdminOut(Schema):
    person_id: int
    person_name: str = Field(..., alias="person.name")
    is_student: bool
    graduates_on: datetime.date | None
    since: datetime.date


class MediaAccountOut(Schema):
    id: int
    platform: str
    name: str
    handle: str
    organization_id: int
    organization_name: str = Field(..., alias="organization.name")
    leader_id: int | None
    status: str
    registered_on: datetime.date
    flagged_on: datetime.date | None
    closed_on: datetime.date | None
    admins: list[AdminOut] = Field(..., alias="current_admins")


class MediaAccountQuery(Schema):
    q: str = ""
    platform: MediaAccount.Platform | None = None
    status: MediaAccount.Status | None = None
    organization: Id | None = None


class FigureIn(Schema):
    month: datetime.date = Field(..., description="Any day of the month (YYYY-MM-DD); the month is kept")
    followers: int = Field(..., ge=0, le=2**31 - 1)
    posts: int = Field(..., ge=0, le=2**31 - 1)
    reads: int = Field(..., ge=0, le=2**31 - 1)


class FigureOut(Schema):
    account_id: int
    month: datetime.date
    followers: int
    posts: int
    reads: int


def _params(filters: Schema) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}


@router.get("/role-models", response=list[RoleModelOut], summary="List the role models you may see")
@paginate(ApiPagination)
def role_model_list(request, filters: Query[RoleModelQuery]):
    scope.require_any(request.user, VIEW_PUBLICITY)
    return RoleModelFilter(_params(filters)).filter(sel.role_model_list(request.user))


@router.get("/media-accounts", response=list[MediaAccountOut], summary="List the media accounts you may see")
@paginate(ApiPagination)
def media_account_list(request, filters: Query[MediaAccountQuery]):
    scope.require_any(request.user, VIEW_PUBLICITY)
    return MediaAccountFilter(_params(filters)).filter(sel.media_account_list(request.user))


@router.post(
    "/media-accounts/{int:account_id}/figures",
    response={201: FigureOut},
    summary="Enter (or correct) an account's figures for a month",
)
def figure_set(request, account_id: int, data: FigureIn):
    account = sel.media_account_get(request.user, account_id, MANAGE_PUBLICITY)
    return Status(201, services.monthly_figure_set(actor=request.user, account=account, **data.dict()))
