"""Pages of volunteering, split by sub-domain: activities, the ledger, certificates, task forces, numbers, and
the volunteer's own phone pages."""

from tuanwu.core.ordering import Sorts, order_list
from tuanwu.core.pagination import paginate


def filtered_page(request, filter_class, qs, sorts: Sorts | None = None):
    """The list's filter bound to the query string, and the page of rows it selects (in the order the request
    asks for, when the list has sortable columns: the order is then on page.order)."""
    filters = filter_class(request.GET)
    rows, order = order_list(request, filters.filter(qs), sorts or {})
    page = paginate(request, rows)
    page.order = order  # type: ignore[attr-defined]
    return filters, page
