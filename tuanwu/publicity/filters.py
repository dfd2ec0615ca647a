"""The filters of the role models and the accounts register, shared by the pages, the API and the export."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.organizations.models import Organization, subtree_range

from .models import MediaAccount


class _Filter(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def _organization(self, qs, pk, field="organization"):
        org = Organization.objects.filter(pk=pk).first()
        return qs.filter(**{f"{field}__path__range": subtree_range(org.path)}) if org else qs.none()


class RoleModelFilter(_Filter):
    """Name (or deeds), field, organization (with its subtree) and the year found, in the URL."""

    q = forms.CharField(label=_("Name or deeds"), required=False)
    field = forms.CharField(label=_("field"), required=False)
    organization = forms.IntegerField(label=_("organization"), required=False)
    year = forms.IntegerField(label=_("year"), required=False, min_value=1949, max_value=2100)

    def filter(self, qs):
        """The rows of qs (a scoped role model list) the filter selects; invalid input selects nothing."""
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        text = (d["q"] or "").strip()
        if text:
            qs = qs.filter(Q(name__icontains=text) | Q(deeds__icontains=text))
        if d["field"]:
            qs = qs.filter(field__icontains=d["field"].strip())
        if d["year"]:
            qs = qs.filter(found_on__year=d["year"])
        if d["organization"]:
            qs = self._organization(qs, d["organization"])
        return qs.order_by("-found_on", "-pk")


class MediaAccountFilter(_Filter):
    """Platform, status, organization (with its subtree) and text (name or account ID), in the URL."""

    q = forms.CharField(label=_("Name or account ID"), required=False)
    platform = forms.ChoiceField(
        label=_("platform"), required=False, choices=[("", _("All")), *MediaAccount.Platform.choices]
    )
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("All")), *MediaAccount.Status.choices]
    )
    organization = forms.IntegerField(label=_("organization"), required=False)

    def filter(self, qs):
        """The rows of qs (a scoped account list) the filter selects; invalid input selects nothing."""
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        text = (d["q"] or "").strip()
        if text:
            qs = qs.filter(Q(name__icontains=text) | Q(handle__iexact=text))
        if d["platform"]:
            qs = qs.filter(platform=d["platform"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["organization"]:
            qs = self._organization(qs, d["organization"])
        return qs.order_by("organization__path", "platform", "name", "pk")
