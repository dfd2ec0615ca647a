"""Page-size aware pagination shared by list pages and the API."""

from django.conf import settings
from django.core.paginator import Page, Paginator


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
