"""Pages of volunteering, split by sub-domain: activities, the ledger, certificates, task forces, numbers, and
the volunteer's own phone pages."""

from tuanwu.core.pagination import paginate


def filtered_page(request, filter_class, qs):
    """The list's filter bound to the query string, and the page of rows it selects."""
    filters = filter_class(request.GET)
    return filters, paginate(request, filters.filter(qs))
