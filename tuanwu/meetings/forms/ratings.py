"""Input shapes of the rating pages: the review and the rectification (the entered items are read from the post by
item key, since the sheet is data)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput

from ..models import BranchRating


class ReviewForm(forms.Form):
    final_band = forms.ChoiceField(label=_("Final star"), choices=BranchRating.Band.choices)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RectificationForm(forms.Form):
    problems = forms.CharField(label=_("Problems found"), widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    done_on = forms.DateField(label=_("Done on"), widget=DateInput(), required=False)
    result = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
