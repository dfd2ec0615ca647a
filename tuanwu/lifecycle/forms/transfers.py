"""Input shape of the transfer pages (the services check the rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput

from ..models.transfers import Destination


class StartForm(forms.Form):
    """Where to: an organization in TuanWu, or the name of one outside the county."""

    destination = forms.TypedChoiceField(
        label=_("Receiving organization in TuanWu"), coerce=int, required=False, empty_value=None
    )
    external_name = forms.CharField(
        label=_("Or: receiving organization outside the county"),
        max_length=200,
        required=False,
        help_text=_("Its full name as on the letter, e.g. 共青团杭州市西湖区委. Leave the choice above empty."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = [("", "—"), *choices]


class RequestInForm(forms.Form):
    """The receiving side asks for a member of another organization in TuanWu."""

    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("ID number"), max_length=32, help_text=_("18 characters; the last may be X."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReceiveForm(forms.Form):
    """A transfer letter from an organization outside the county."""

    external_name = forms.CharField(label=_("Sending organization (outside the county)"), max_length=200)
    letter_number = forms.CharField(label=_("Transfer letter number"), max_length=40, required=False)
    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("ID number"), max_length=32, help_text=_("18 characters; the last may be X."))
    join_date = forms.DateField(label=_("Join date"), widget=DateInput())
    development_number = forms.CharField(label=_("Development number"), max_length=20, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecisionForm(forms.Form):
    """One step on a transfer: the version the page showed, a reason, and the branch when assigning one."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    branch = forms.IntegerField(required=False)


class GraduationDateForm(forms.Form):
    expected_on = forms.DateField(label=_("Expected graduation date"), widget=DateInput())


DESTINATION_CHOICES = [("", "—"), *Destination.choices]
