"""Page-size aware pagination shared by list pages and the API."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from .params import API_MAX_LIMIT, API_MAX_OFFSET, API_PAGE_SIZE


def paginate(request, queryset, *, count: int | None = None) -> Page:
    """The page the request asks for (?page=, ?size=), clamped to the allowed sizes and page range."""
    try:
        size = int(request.GET.get("size", settings.TUANWU_PAGE_SIZE))
    except ValueError:
        size = settings.TUANWU_PAGE_SIZE
    if size not in settings.TUANWU_PAGE_SIZES:
        size = settings.TUANWU_PAGE_SIZE
    paginator = Paginator(queryset, size)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


class ApiPagination(LimitOffsetPagination):
    """?limit= and ?offset= of every API list, bounded: a page holds at most API_MAX_LIMIT rows."""

    class Input(Schema):
        limit: int = Field(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT, description=f"Rows per page, 1–{API_MAX_LIMIT}")
        offset: int = Field(0, ge=0, le=API_MAX_OFFSET, description="Rows to skip")

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=API_MAX_LIMIT, **kwargs)
