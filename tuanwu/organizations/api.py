"""API of the organization tree: the same selectors, filters and scope as the pages."""

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from tuanwu.core.pagination import ApiPagination
from tuanwu.people.selectors import with_member_count

from . import selectors
from .filters import OrganizationFilter as ListFilter

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    full_name: str
    kind: str
    sector: str
    status: str
    parent_id: int | None
    member_count: int


class OrganizationFilter(Schema):
    q: str = ""
    kind: str = ""
    sector: str = ""
    status: str = ""


@router.get("", response=list[OrganizationOut], summary="List organizations")
@paginate(ApiPagination)
def organization_list(request, filters: Query[OrganizationFilter]):
    return with_member_count(ListFilter(filters.dict()).filter(selectors.organization_list(request.user)))


@router.get("/{int:org_id}", response=OrganizationOut, summary="One organization")
def organization_detail(request, org_id: int):
    org = with_member_count(selectors.organization_list(request.user)).filter(pk=org_id).first()
    if org is None:
        raise Http404
    return org
