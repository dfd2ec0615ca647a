"""The one filter of the organization list, shared by the page, the API and the export."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Organization

FIELDS = ("q", "kind", "sector", "status")


class OrganizationFilter(forms.Form):
    # Free text on purpose: an unknown kind, sector or status matches nothing, it does not drop the filter.
    q = forms.CharField(label=_("Name or code"), required=False, strip=False)
    kind = forms.CharField(label=_("Kind"), required=False)
    sector = forms.CharField(label=_("Sector"), required=False)
    status = forms.CharField(label=_("Status"), required=False)

    def __init__(self, data=None, **kwargs):
        data = {k: data.get(k, "") for k in FIELDS} if data is not None else {k: "" for k in FIELDS}
        super().__init__(data, **kwargs)

    @property
    def values(self) -> dict[str, str]:
        """The filters as given (for the page's form)."""
        return {k: str(self.data.get(k) or "") for k in FIELDS}

    def filter(self, qs: QuerySet[Organization]) -> QuerySet[Organization]:
        """Apply the filters to an already scoped queryset of organizations."""
        data = self.values
        if q := data["q"]:
            qs = qs.filter(Q(name__icontains=q) | Q(full_name__icontains=q) | Q(code__iexact=q))
        for field in ("kind", "sector", "status"):
            if data[field]:
                qs = qs.filter(**{field: data[field]})
        return qs
