"""The filter of the meeting list, shared by the page, the API and the export."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput
from tuanwu.organizations.models import Organization, subtree_range

from .models import Kind


class MeetingFilter(forms.Form):
    """Organizer (with its subtree), kind, date range, campaign tag and text (topic, place, minutes), in the URL."""

    q = forms.CharField(label=_("Topic, place or minutes"), required=False)
    organization = forms.IntegerField(required=False)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All")), *Kind.choices])
    date_from = forms.DateField(label=_("from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("to"), required=False, widget=DateInput())
    campaign = forms.IntegerField(label=_("campaign"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def filter(self, qs):
        """The rows of qs (a scoped meeting list) the filter selects; invalid input selects nothing."""
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        text = (d["q"] or "").strip()
        if text:
            qs = qs.filter(Q(topic__icontains=text) | Q(place__icontains=text) | Q(minutes__icontains=text))
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["date_from"]:
            qs = qs.filter(held_on__gte=d["date_from"])
        if d["date_to"]:
            qs = qs.filter(held_on__lte=d["date_to"])
        if d["campaign"]:
            qs = qs.filter(campaigns=d["campaign"])
        if d["organization"]:
            org = Organization.objects.filter(pk=d["organization"]).first()
            qs = qs.filter(organization__path__range=subtree_range(org.path)) if org else qs.none()
        return qs.order_by("-held_on", "-starts_at", "-pk")
