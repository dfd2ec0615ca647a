"""API of organizational life: meetings, courses, compliance and ratings, through the same services and selectors
as the pages."""

import datetime
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from ninja import Query, Schema
from ninja.pagination import paginate

from tuanwu.accounts.roles import VIEW_MEETING
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year
from tuanwu.organizations.selectors import organizations_where

from .api import router
from .selectors import ratings as rating_selectors
from .services import ratings as rating_services

# ratings (对标定级): the pages' selectors and services


class RatingItemOut(Schema):
    key: str
    label: str
    points: Decimal | None
    max: Decimal
    source: str
    basis: str
    note: str = ""


class RatingOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    year: int
    status: str
    score: Decimal | None
    band: str
    band_note: str
    final_band: str
    change_reason: str
    excluded_reason: str
    reviewed_at: datetime.datetime | None
    version: int

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name


class RatingDetailOut(RatingOut):
    items: list[RatingItemOut]


class RatingQuery(Schema):
    organization: Id | None = None
    year: Year | None = None


class ReviewIn(Schema):
    final_band: str
    reason: str = ""
    version: int


@router.get("/ratings", response=list[RatingOut], summary="Branch ratings (对标定级) in your scope")
@paginate(ApiPagination)
def rating_list(request, filters: Query[RatingQuery]):
    qs = rating_selectors.rating_list(request.user)
    if filters.organization is not None:
        org = organizations_where(request.user, VIEW_MEETING).filter(pk=filters.organization).first()
        if org is None:
            raise Http404
        qs = rating_selectors.ratings_under(request.user, org, filters.year or timezone.localdate().year)
    elif filters.year is not None:
        qs = qs.filter(year=filters.year)
    return qs


@router.get("/ratings/{int:rating_id}", response=RatingDetailOut, summary="One branch rating with its items")
def rating_detail(request, rating_id: int):
    return rating_selectors.rating_get(request.user, rating_id)


@router.post("/ratings/{int:rating_id}/review", response=RatingDetailOut, summary="Record the final star")
def rating_review(request, rating_id: int, data: ReviewIn):
    rating = rating_selectors.rating_get(request.user, rating_id)
    return rating_services.rating_review(
        actor=request.user, rating=rating, final_band=data.final_band, reason=data.reason[:300], version=data.version
    )
