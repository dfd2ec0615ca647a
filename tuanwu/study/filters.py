"""The filter of the 青年大学习 lists (rankings, seasons, the people behind a number, the branches behind), shared
by the pages, the API and the ranking export."""

from __future__ import annotations

from django import forms
from django.http import Http404

from tuanwu.organizations.models import Organization
from tuanwu.organizations.scope import Viewer

from . import selectors

DEFAULT_BELOW = 80.0


class StudyFilter(forms.Form):
    """?organization= (whose children or whose people; default: the top of the user's view), ?studied=1|0 (who
    studied, or the members who did not) and ?below= (the rate in percent under which a branch is behind)."""

    organization = forms.CharField(required=False)
    studied = forms.CharField(required=False)
    below = forms.CharField(required=False)

    def __init__(self, data=None, *, user: Viewer):
        super().__init__(data or {})
        self.user = user
        self.is_valid()

    def organization_for(self) -> Organization:
        """The organization asked for (404 outside the user's view), else the top of the user's view."""
        pk = self.cleaned_data.get("organization") or ""
        if not pk:
            return selectors.top_organization(self.user)
        org = selectors.organization_get(self.user, int(pk)) if pk.isdigit() else None
        if org is None:
            raise Http404
        return org

    def studied_only(self) -> bool:
        return self.data.get("studied", "1") == "1"

    def threshold(self) -> float:
        """The rate (0–10) under which a branch is behind; out-of-range values are brought inside."""
        try:
            below = float(self.cleaned_data.get("below") or DEFAULT_BELOW)
        except ValueError:
            below = DEFAULT_BELOW
        return min(max(below, 0), 1000) / 100
