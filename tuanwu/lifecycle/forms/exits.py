"""The shapes of the exit pages' input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput


class DecideForm(forms.Form):
    meeting_on = forms.DateField(label=_("Branch meeting held on"), widget=DateInput())
    last_dues_on = forms.DateField(label=_("Last dues paid on"), widget=DateInput())
    last_org_life_on = forms.DateField(label=_("Last organizational life attended on"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)


class DropForm(forms.Form):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)
