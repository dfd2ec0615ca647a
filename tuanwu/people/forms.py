from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm
from tuanwu.organizations.models import Organization

from .choices import CadreKind, CadrePostName
from .models import Person
from .services import EXTRA_FIELDS, PERSON_FIELDS
from .workflow import ExitKind


class PersonForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Person
        fields = [*PERSON_FIELDS, *EXTRA_FIELDS]
        widgets = {"birth_date": DateInput()}
        help_texts = {
            "id_number": _("18 characters; the last may be X. Birth date and gender are read from it."),
            "phone": _("An 11-digit mobile, or a landline with its area code."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = False
        self.fields["gender"].required = False
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if not data.get("id_number") and not (data.get("birth_date") and data.get("gender")):
            raise forms.ValidationError(_("Without an ID number, enter the birth date and gender."))
        return data


class MembershipForm(forms.Form):
    join_date = forms.DateField(
        label=_("Join date"),
        widget=DateInput(),
        help_text=_("For members who joined in an earlier year; this year's admissions go through the workflow."),
    )
    development_number = forms.CharField(
        label=_("Development number"),
        required=False,
        max_length=20,
        help_text=_("Digits only, beginning with the join year; required for joins from 2017."),
    )


class ExitRequestForm(forms.Form):
    exit_kind = forms.ChoiceField(label=_("Kind of exit"), choices=ExitKind.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    last_dues_on = forms.DateField(
        label=_("last dues paid on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    last_org_life_on = forms.DateField(
        label=_("last organizational life attended on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a lapse: both at least six months ago."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RestoreForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the restoration"), widget=forms.Textarea(attrs={"rows": 2}))


class CadrePostForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    post = forms.ChoiceField(label=_("Post"), choices=CadrePostName.choices)
    post_title = forms.CharField(label=_("Post title (for “other”)"), required=False, max_length=50)
    kind = forms.ChoiceField(label=_("Cadre kind"), choices=CadreKind.choices)
    since = forms.DateField(label=_("Since"), widget=DateInput())
    in_party_committee = forms.BooleanField(label=_("Member of the party committee at the same level"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class PostEndForm(forms.Form):
    until = forms.DateField(label=_("Until"), widget=DateInput())


class MoveForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("New organization"), queryset=Organization.objects.none())

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
            self.fields["organization"].label_from_instance = lambda o: "\u3000" * (o.depth - 1) + o.name
