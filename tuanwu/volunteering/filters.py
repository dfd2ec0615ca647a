"""The filters of the volunteering lists (activities, the hour ledger, certificates, task forces), shared by
page, API and export."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.params import YEAR_MAX, YEAR_MIN
from tuanwu.organizations.models import Organization, subtree_range

from .models import Activity, Category, HourEntry, TaskForce


class _ListFilter(forms.Form):
    """Search text, exact choices, a year, and an organization with its subtree, in the URL."""

    exact: tuple[str, ...] = ()
    year_field = ""
    organization_field = "organization"
    ordering: tuple[str, ...] = ()

    organization = forms.IntegerField(required=False)
    year = forms.IntegerField(label=_("year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def search(self, text: str) -> Q:
        raise NotImplementedError

    def filter(self, qs):
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        if d["q"].strip():
            qs = qs.filter(self.search(d["q"].strip()))
        for name in self.exact:
            if d[name]:
                qs = qs.filter(**{name: d[name]})
        if d["year"]:
            qs = qs.filter(**{f"{self.year_field}__year": d["year"]})
        if d["organization"]:
            org = Organization.objects.filter(pk=d["organization"]).first()
            in_tree = {f"{self.organization_field}__path__range": subtree_range(org.path)} if org else None
            qs = qs.filter(**in_tree) if in_tree else qs.none()
        return qs.order_by(*self.ordering)


class ActivityFilter(_ListFilter):
    exact = ("status", "category")
    year_field = "starts_at"
    ordering = ("-starts_at", "-pk")

    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All")), *Activity.Status.choices])
    category = forms.ChoiceField(label=_("category"), required=False, choices=[("", _("All")), *Category.choices])

    def search(self, text: str) -> Q:
        return Q(title__icontains=text) | Q(place__icontains=text)


class EntryFilter(_ListFilter):
    exact = ("category", "status", "source")
    year_field = "service_date"
    ordering = ("-service_date", "-pk")

    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name, pinyin initials or content"))
    category = forms.ChoiceField(label=_("category"), required=False, choices=[("", _("All")), *Category.choices])
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All")), *HourEntry.Status.choices])
    source = forms.ChoiceField(label=_("source"), required=False, choices=[("", _("All")), *HourEntry.Source.choices])

    def search(self, text: str) -> Q:
        return (
            Q(person__name__icontains=text)
            | Q(content__icontains=text)
            | Q(person__name_initials__startswith=text.lower())
        )


class CertificateFilter(_ListFilter):
    year_field = "issued_on"
    ordering = ("-issued_on", "-pk")

    q = forms.CharField(label=_("Name or certificate number"), required=False)

    def search(self, text: str) -> Q:
        return Q(person__name__icontains=text) | Q(number__icontains=text)


class TaskForceFilter(_ListFilter):
    exact = ("status", "field")
    year_field = "founded_on"
    ordering = ("-founded_on", "pk")

    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All")), *TaskForce.Status.choices])
    field = forms.ChoiceField(label=_("field"), required=False, choices=[("", _("All")), *TaskForce.Field.choices])

    def search(self, text: str) -> Q:
        return Q(name__icontains=text)
