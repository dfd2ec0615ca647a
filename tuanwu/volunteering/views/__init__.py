"""Pages of volunteering, split by sub-domain: activities, the ledger, certificates, task forces, numbers, and
the volunteer's own phone pages."""

from tuanwu.core.pagination import paginate
from tuanwu.organizations.selectors import organizations_where


def picked_organization(request, perm: str):
    """The organization chosen in the picker (?organization= or the posted field), when it is in the user's
    scope for perm; None otherwise."""
    pk = request.POST.get("organization") or request.GET.get("organization")
    if not pk or not str(pk).isdigit():
        return None
    return organizations_where(request.user, perm).filter(pk=pk).first()


def filtered_page(request, filter_class, qs):
    """The list's filter bound to the query string, and the page of rows it selects."""
    filters = filter_class(request.GET)
    return filters, paginate(request, filters.filter(qs))
