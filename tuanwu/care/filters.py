"""The filter of the care register, shared by the page, the API and the export."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.organizations.models import Organization, subtree_range

from .models import CareRecord, Difficulty


class CareRecordFilter(forms.Form):
    """Difficulty type, open or closed, organization (with its subtree) and name, in the URL."""

    q = forms.CharField(label=_("Name or school"), required=False)
    difficulty = forms.ChoiceField(label=_("difficulty"), required=False, choices=[("", _("All")), *Difficulty.choices])
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All")), *CareRecord.Status.choices])
    organization = forms.IntegerField(label=_("organization"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def filter(self, qs):
        """The rows of qs (a scoped register) the filter selects; invalid input selects nothing."""
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        text = (d["q"] or "").strip()
        if text:
            qs = qs.filter(Q(name__icontains=text) | Q(school_or_unit__icontains=text))
        if d["difficulty"]:
            qs = qs.filter(difficulties__contains=f",{d['difficulty']},")
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["organization"]:
            org = Organization.objects.filter(pk=d["organization"]).first()
            qs = qs.filter(organization__path__range=subtree_range(org.path)) if org else qs.none()
        return qs.order_by("-opened_on", "-pk")
