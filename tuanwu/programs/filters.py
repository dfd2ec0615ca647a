"""The filter of the project list, shared by the page and the API."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import TextListFilter
from tuanwu.organizations.models import Organization, subtree_range

from .models import Project, ProjectKind


class ProjectFilter(TextListFilter):
    """Kind, stage, organization (with its subtree), year (of the start) and text in the title."""

    q = forms.CharField(label=_("Title"), required=False)
    kind = forms.CharField(label=_("kind"), required=False)
    stage = forms.CharField(label=_("stage"), required=False)
    organization = forms.CharField(label=_("organization"), required=False)
    year = forms.CharField(label=_("year"), required=False)

    def filter(self, qs):
        """The rows of qs (a scoped project list) the filter selects; an unknown value selects nothing."""
        self.is_valid()
        d = self.cleaned_data
        if d.get("q"):
            qs = qs.filter(title__icontains=d["q"].strip())
        if d.get("kind"):
            qs = qs.filter(kind=d["kind"]) if d["kind"] in ProjectKind.values else qs.none()
        if d.get("stage"):
            qs = qs.filter(stage=d["stage"]) if d["stage"] in Project.Stage.values else qs.none()
        if d.get("organization"):
            org = Organization.objects.filter(pk=d["organization"]).first() if d["organization"].isdigit() else None
            qs = qs.filter(organization__path__range=subtree_range(org.path)) if org else qs.none()
        if d.get("year"):
            year = d["year"].strip()
            qs = qs.filter(Q(starts_on__year=int(year))) if year.isdigit() and len(year) == 4 else qs.none()
        return qs
