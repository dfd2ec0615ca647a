"""The one filter of the case list, shared by the inbox and its export: query parameters to case_list's
arguments, unknown values dropped."""

from __future__ import annotations

from tuanwu.accounts.roles import VIEW_VOICE
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from .models import Case


def case_filters(viewer: scope.Viewer, params) -> dict:
    """case_list's keyword arguments from the inbox's parameters (the organization only within the scope)."""
    status, category = params.get("status", ""), params.get("category", "")
    organization = None
    picked = str(params.get("organization") or "")
    if picked.isdigit():
        organization = (
            scope.restrict(Organization.objects.all(), viewer, VIEW_VOICE, field="").filter(pk=int(picked)).first()
        )
    return {
        "status": status if status in Case.Status.values else "",
        "category": category if category in Case.Category.values else "",
        "mine": params.get("mine") == "1",
        "overdue": params.get("overdue") == "1",
        "q": str(params.get("q", ""))[:50],
        "organization": organization,
    }
