"""The filter of the directory, shared by the page, the API and the export."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.organizations.models import Organization, subtree_range

from .models import Unit, UnitKind


class UnitFilter(forms.Form):
    """Park, township (with its subtree), sector, kind, status, overdue and text (name or credit code), in the URL."""

    q = forms.CharField(label=_("Name or credit code"), required=False)
    park = forms.IntegerField(label=_("park"), required=False)
    township = forms.IntegerField(label=_("township"), required=False)
    sector = forms.CharField(label=_("sector"), required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All")), *UnitKind.choices])
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All")), *Unit.Status.choices])
    overdue = forms.BooleanField(label=_("overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def filter(self, qs):
        """The rows of qs (a scoped unit list) the filter selects; invalid input selects nothing."""
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        text = (d["q"] or "").strip()
        if text:
            qs = qs.filter(Q(name__icontains=text) | Q(credit_code__iexact=text))
        if d["park"]:
            qs = qs.filter(park_id=d["park"])
        if d["sector"]:
            qs = qs.filter(sector=d["sector"])
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["overdue"]:
            qs = qs.filter(planned_on__lt=timezone.localdate()).exclude(status=Unit.Status.COVERED)
        if d["township"]:
            org = Organization.objects.filter(pk=d["township"]).first()
            qs = qs.filter(township__path__range=subtree_range(org.path)) if org else qs.none()
        return qs.order_by("name", "pk")
