"""Input shape of programs and honours; the services check policy."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput
from tuanwu.volunteering.models import Category

from .models import ProjectKind, ProjectMember


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, so one template partial renders any of these forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class ProjectForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=ProjectKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    organization = forms.IntegerField(label=_("owner organization"), widget=forms.Select)
    tutor = forms.IntegerField(label=_("tutor (person number)"), required=False)
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("ends on"), widget=DateInput())
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    budget_yuan = forms.DecimalField(label=_("budget (yuan)"), min_value=0, decimal_places=2, initial=0)
    plan = forms.CharField(label=_("plan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    deliverables = forms.CharField(label=_("deliverables"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].widget.choices = [(o.pk, o.name) for o in organizations]

    def fields_for_service(self) -> dict:
        d = dict(self.cleaned_data)
        d["budget_fen"] = int(d.pop("budget_yuan") * 100)
        d.pop("organization")
        d.pop("tutor")
        return d


class MemberForm(StyledForm):
    person = forms.IntegerField(label=_("person number"))
    role = forms.ChoiceField(label=_("role"), choices=ProjectMember.Role.choices)


class StepForm(StyledForm):
    on = forms.DateField(label=_("date"), widget=DateInput())
    note = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class NoteForm(StyledForm):
    written_on = forms.DateField(label=_("date"), widget=DateInput())
    text = forms.CharField(label=_("progress"), widget=forms.Textarea(attrs={"rows": 2}))


class ServiceForm(StyledForm):
    starts_at = forms.DateTimeField(label=_("from"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    category = forms.ChoiceField(label=_("category"), choices=Category.choices, initial=Category.COUNTRYSIDE)


class CallForm(StyledForm):
    organization = forms.IntegerField(label=_("organizer"), widget=forms.Select)
    kind = forms.ChoiceField(label=_("kind"), choices=ProjectKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    eligibility = forms.CharField(label=_("eligibility"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    opens_on = forms.DateField(label=_("opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("recommendations close on"), widget=DateInput())
    quota_per_organization = forms.IntegerField(label=_("recommendations per organization"), min_value=1, initial=3)
    level_name = forms.CharField(label=_("award"), max_length=50, initial=_("Excellent"))
    level_cap = forms.DecimalField(label=_("cap (% of entries)"), min_value=Decimal("0.01"), max_value=100, initial=20)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].widget.choices = [(o.pk, o.name) for o in organizations]


class EntryForm(StyledForm):
    project = forms.IntegerField(label=_("project"), widget=forms.Select)
    recommended_by = forms.IntegerField(label=_("recommended by"), widget=forms.Select)

    def __init__(self, *args, projects=(), organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].widget.choices = [(p.pk, p.title) for p in projects]
        self.fields["recommended_by"].widget.choices = [(o.pk, o.name) for o in organizations]


class RoundForm(StyledForm):
    name = forms.CharField(label=_("name"), max_length=100)


class CriterionForm(StyledForm):
    name = forms.CharField(label=_("criterion"), max_length=100)
    weight = forms.DecimalField(label=_("weight"), min_value=Decimal("0.01"), max_digits=5, decimal_places=2)
    max_value = forms.IntegerField(label=_("full marks"), min_value=1, max_value=1000, initial=100)


class AssignForm(StyledForm):
    judge = forms.CharField(label=_("judge's user name"), max_length=150)
    entry = forms.IntegerField(label=_("entry"), widget=forms.Select)

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].widget.choices = [(e.pk, e.project.title) for e in entries]


class NoticeForm(StyledForm):
    starts_on = forms.DateField(label=_("notice starts on"), widget=DateInput())
    days = forms.IntegerField(label=_("days"), min_value=1, max_value=60, initial=5)
    text = forms.CharField(label=_("notice text"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionForm(StyledForm):
    received_on = forms.DateField(label=_("received on"), widget=DateInput())
    text = forms.CharField(label=_("objection"), widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(StyledForm):
    answered_on = forms.DateField(label=_("answered on"), widget=DateInput())
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 2}))


class AwardForm(StyledForm):
    entry = forms.IntegerField(label=_("entry"), widget=forms.Select)
    level = forms.IntegerField(label=_("award"), widget=forms.Select)

    def __init__(self, *args, entries=(), levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].widget.choices = [(e.pk, e.project.title) for e in entries]
        self.fields["level"].widget.choices = [(lv.pk, lv.name) for lv in levels]
