"""The one filter of the application lists, shared by the board and the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from . import selectors
from .models import Application


class ApplicationFilter(forms.Form):
    """A status and an organization of the user's view of member development, with its subtree."""

    status = forms.CharField(required=False)
    organization = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: Any = None, *, user: scope.Viewer) -> None:
        super().__init__(data)
        self.user = user

    def clean_organization(self) -> Organization | None:
        pk = self.cleaned_data["organization"]
        return None if pk is None else selectors.organization_in_view(self.user, pk)

    @property
    def picked(self) -> Organization | None:
        """The organization chosen, when it lies in the user's view (None when none was, or it lies outside)."""
        return self.cleaned_data["organization"] if self.is_valid() else None

    @property
    def outside(self) -> bool:
        """Whether an organization was asked for that the user cannot see (or that does not exist)."""
        return bool(self.data.get("organization")) and self.picked is None

    def filter(self, qs: QuerySet[Application]) -> QuerySet[Application]:
        """Apply the filters to an already scoped queryset of applications."""
        if not self.is_valid():
            return qs.none()
        if status := self.cleaned_data["status"]:
            qs = qs.filter(status=status)
        return selectors.in_subtree(qs, self.cleaned_data["organization"])
