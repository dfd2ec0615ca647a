"""Input shape of the directory's pages; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput

from .models import CoveragePolicy, OrgForm, Unit
from .workflow import FOUR_HAVES


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(field.widget, forms.Select):
            field.widget.attrs.setdefault("class", "form-select")
        else:
            field.widget.attrs.setdefault("class", "form-control")


class UnitForm(forms.ModelForm):
    township = forms.IntegerField(label=_("township"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Unit
        fields = [
            "name",
            "credit_code",
            "kind",
            "subtype",
            "sector",
            "park",
            "size_band",
            "employees",
            "young_employees",
            "league_members",
            "party_org",
            "operating",
            "closed_on",
            "joint_partners",
            "priority_override",
            "planned_on",
        ]
        widgets = {"closed_on": DateInput(), "planned_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The credit code is checked (and normalized) by the service; the model's uniqueness is its job too.
        self.fields["credit_code"].validators = []
        _style(self)

    def validate_unique(self):
        pass


class SurveyForm(forms.Form):
    employees = forms.IntegerField(label=_("employees"), min_value=0)
    young_employees = forms.IntegerField(label=_("young employees (35 or under)"), min_value=0)
    league_members = forms.IntegerField(label=_("League members"), min_value=0)
    party_org = forms.ChoiceField(label=_("Party organization"), choices=OrgForm.choices)
    operating = forms.BooleanField(label=_("operating"), required=False)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class FoundForm(forms.Form):
    organization = forms.IntegerField(label=_("League organization"))
    form = forms.ChoiceField(label=_("League organization"), choices=[c for c in OrgForm.choices if c[0] != "none"])
    founded_on = forms.DateField(label=_("founded on"), widget=DateInput())
    partners = forms.CharField(label=_("joint partners"), required=False, max_length=300)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


FOUR_LABELS = {
    "committee": _("A committee (班子)"),
    "members": _("Members (团员)"),
    "activities": _("Activities (活动)"),
    "place": _("A place and files (阵地/档案)"),
}


class CheckForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in FOUR_HAVES:
            self.fields[key] = forms.BooleanField(label=FOUR_LABELS[key], required=False)
        _style(self)


class FoundingForm(forms.Form):
    organization = forms.IntegerField()
    founded_on = forms.DateField(label=_("founded on"), widget=DateInput())
    version = forms.IntegerField(required=False)


class PolicyForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CoveragePolicy
        fields = ["own_branch_members", "joint_young_employees", "count_individual", "density_basis"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
