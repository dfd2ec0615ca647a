"""The input shape of the care pages; the services check the rules."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput

from .models import AssistanceInput, AssistanceProject, CareMeasure, Difficulty, WarmthCampaign


def _yuan_field(label, required=False):
    return forms.DecimalField(label=label, required=required, min_value=Decimal("0"), max_digits=12, decimal_places=2)


def to_fen(value) -> int:
    return int((value or Decimal("0")) * 100)


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                w.attrs.setdefault("class", "form-check-input")
            elif isinstance(w, forms.Select):
                w.attrs.setdefault("class", "form-select")
            else:
                w.attrs.setdefault("class", "form-control")


class CareRecordForm(_Styled):
    organization = forms.TypedChoiceField(label=_("organization"), coerce=int)
    name = forms.CharField(label=_("name"), max_length=50, required=False)
    person = forms.IntegerField(label=_("person in the registry (ID)"), required=False)
    school_or_unit = forms.CharField(label=_("school or unit"), max_length=200, required=False)
    minor = forms.BooleanField(label=_("minor"), required=False, initial=True)
    difficulties = forms.MultipleChoiceField(
        label=_("difficulties"), choices=Difficulty.choices, widget=forms.CheckboxSelectMultiple
    )
    situation = forms.CharField(label=_("situation"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    follower = forms.TypedChoiceField(label=_("follower"), coerce=int, required=False, empty_value=None)
    consent_by = forms.CharField(label=_("consent given by"), max_length=50, required=False)
    consent_on = forms.DateField(label=_("consent date"), widget=DateInput(), required=False)
    guardian = forms.CharField(label=_("guardian"), max_length=50, required=False)
    opened_on = forms.DateField(label=_("opened on"), widget=DateInput(), required=False)

    def __init__(self, *args, organizations=(), followers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.name) for o in organizations]
        self.fields["follower"].choices = [("", "—"), *((u.pk, str(u)) for u in followers)]


class MeasureForm(_Styled):
    kind = forms.ChoiceField(label=_("kind"), choices=CareMeasure.Kind.choices)
    date = forms.DateField(label=_("date"), widget=DateInput())
    amount = _yuan_field(_("amount (yuan)"))
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    voice_case = forms.IntegerField(label=_("青年之声 case ID"), required=False, min_value=1)


class CloseForm(_Styled):
    outcome = forms.CharField(label=_("outcome"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    closed_on = forms.DateField(label=_("closed on"), widget=DateInput(), required=False)


class CampaignForm(_Styled):
    organization = forms.TypedChoiceField(label=_("organization"), coerce=int)
    name = forms.CharField(label=_("name"), max_length=200)
    festival = forms.ChoiceField(label=_("festival"), choices=WarmthCampaign.Festival.choices)
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("ends on"), widget=DateInput())

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.name) for o in organizations]


class DeliveryForm(_Styled):
    record = forms.IntegerField(label=_("care record (ID)"), required=False, min_value=1)
    name = forms.CharField(label=_("name"), max_length=50, required=False)
    given = forms.CharField(label=_("what was given"), max_length=200, required=False)
    value = _yuan_field(_("value (yuan)"))
    delivered_on = forms.DateField(label=_("delivered on"), widget=DateInput(), required=False)


class ProjectForm(_Styled):
    organization = forms.TypedChoiceField(label=_("organization"), coerce=int)
    name = forms.CharField(label=_("name"), max_length=200)
    target_kind = forms.ChoiceField(label=_("target kind"), choices=AssistanceProject.TargetKind.choices)
    target_name = forms.CharField(label=_("target"), max_length=200)
    started_on = forms.DateField(label=_("started on"), widget=DateInput())

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.name) for o in organizations]


class VisitForm(_Styled):
    date = forms.DateField(label=_("date"), widget=DateInput())
    visitors = forms.CharField(label=_("visitors"), max_length=200)
    notes = forms.CharField(label=_("notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class InputForm(_Styled):
    date = forms.DateField(label=_("date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("kind"), choices=AssistanceInput.Kind.choices)
    value = _yuan_field(_("value (yuan)"), required=True)
    source = forms.CharField(label=_("source"), max_length=200, required=False)
    description = forms.CharField(label=_("description"), max_length=500, required=False)


class ResultsForm(_Styled):
    results = forms.CharField(label=_("results"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    story_for_publicity = forms.BooleanField(label=_("story for publicity"), required=False)
