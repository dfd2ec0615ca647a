"""Input shape of the 履职 pages; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tuanwu.core.forms import DateInput

from .models import DutyKind, MandateKind, ProposalStatus


def _style(form: forms.Form) -> None:
    for f in form.fields.values():
        if isinstance(f.widget, forms.Select):
            f.widget.attrs.setdefault("class", "form-select form-select-lg")
        else:
            f.widget.attrs.setdefault("class", "form-control form-control-lg")


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class TermForm(_Styled):
    organization = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("name"), max_length=100, help_text=_("e.g. 共青团青禾县第十五次代表大会"))
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("ends on"), widget=DateInput, required=False)


class TermEditForm(_Styled):
    name = forms.CharField(label=_("name"), max_length=100)
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("ends on"), widget=DateInput, required=False)


class MandateForm(_Styled):
    person = forms.CharField(
        label=_("person"),
        max_length=50,
        help_text=_("ID number, or the name when only one person in your scope has it."),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=MandateKind.choices)
    from_on = forms.DateField(
        label=_("from"), widget=DateInput, required=False, help_text=_("The term's first day when left empty.")
    )
    until_on = forms.DateField(label=_("until"), widget=DateInput, required=False)
    delegation = forms.CharField(label=_("delegation or constituency"), max_length=100, required=False)


class MandateEndForm(forms.Form):
    until_on = forms.DateField(label=_("until"), widget=DateInput)


class DutyForm(_Styled):
    date = forms.DateField(label=_("date"), widget=DateInput)
    kind = forms.ChoiceField(label=_("kind"), choices=DutyKind.choices)
    title = forms.CharField(label=pgettext_lazy("duty", "title"), max_length=200)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    proposal_status = forms.ChoiceField(
        label=_("proposal status"),
        choices=[("", "—"), *ProposalStatus.choices],
        required=False,
        help_text=_("Proposals only; a new proposal is submitted."),
    )
