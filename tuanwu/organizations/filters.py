"""The one filter of the organization list, shared by the page, the API and the export."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import TextListFilter

from .models import Organization


class OrganizationFilter(TextListFilter):
    q = forms.CharField(label=_("Name or code"), required=False, strip=False)
    kind = forms.CharField(label=_("Kind"), required=False)
    sector = forms.CharField(label=_("Sector"), required=False)
    status = forms.CharField(label=_("Status"), required=False)

    def filter(self, qs: QuerySet[Organization]) -> QuerySet[Organization]:
        """Apply the filters to an already scoped queryset of organizations."""
        data = self.values
        if q := data["q"]:
            qs = qs.filter(Q(name__icontains=q) | Q(full_name__icontains=q) | Q(code__iexact=q))
        for field in ("kind", "sector", "status"):
            if data[field]:
                qs = qs.filter(**{field: data[field]})
        return qs
