"""Input shape of the role model and media account pages; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm

from .models import Honour, MediaAccount, MediaPolicy, MonthlyFigure, Publicity, ReviewRecord, RoleModel


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(field.widget, forms.Select):
            field.widget.attrs.setdefault("class", "form-select")
        else:
            field.widget.attrs.setdefault("class", "form-control")


class _Styled:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class RoleModelForm(_Styled, ServiceModelForm):
    organization = forms.IntegerField(label=_("organization"))
    person = forms.IntegerField(
        label=_("person in the registry"), required=False, help_text=_("Optional: the person's number in the registry.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RoleModel
        fields = ["name", "kind", "field", "deeds", "found_on", "voice_case_id", "project_id"]
        widgets = {"found_on": DateInput(), "deeds": forms.Textarea(attrs={"rows": 5})}


class PublicityForm(_Styled, ServiceModelForm):
    class Meta:
        model = Publicity
        fields = ["date", "channel", "title", "link"]
        widgets = {"date": DateInput()}


class HonourForm(_Styled, ServiceModelForm):
    class Meta:
        model = Honour
        fields = ["name", "level", "year", "awarding_body"]


class MediaAccountForm(_Styled, ServiceModelForm):
    organization = forms.IntegerField(label=_("owner organization"))
    leader = forms.IntegerField(
        label=_("responsible leader"), required=False, help_text=_("The leader's number in the registry.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MediaAccount
        fields = ["platform", "name", "handle", "registered_on"]
        widgets = {"registered_on": DateInput()}


class FirstAdminForm(_Styled, forms.Form):
    """The first administrator, asked when an account is registered."""

    admin = forms.IntegerField(label=_("administrator"), help_text=_("The administrator's number in the registry."))
    admin_is_student = forms.BooleanField(label=_("student"), required=False)
    admin_graduates_on = forms.DateField(label=_("graduates on"), required=False, widget=DateInput())


class AdminForm(_Styled, forms.Form):
    person = forms.IntegerField(label=_("person"), help_text=_("The person's number in the registry."))
    since = forms.DateField(label=_("since"), widget=DateInput())
    is_student = forms.BooleanField(label=_("student"), required=False)
    graduates_on = forms.DateField(label=_("graduates on"), required=False, widget=DateInput())


class HandoverForm(_Styled, forms.Form):
    person = forms.IntegerField(label=_("new administrator"), help_text=_("The person's number in the registry."))
    on = forms.DateField(label=_("hand over on"), widget=DateInput())
    is_student = forms.BooleanField(label=_("student"), required=False)
    graduates_on = forms.DateField(label=_("graduates on"), required=False, widget=DateInput())


class CloseForm(_Styled, forms.Form):
    on = forms.DateField(label=_("closed on"), widget=DateInput())
    reason = forms.CharField(label=_("reason for closing"), max_length=200, required=False)


class ReviewForm(_Styled, ServiceModelForm):
    class Meta:
        model = ReviewRecord
        fields = ["date", "title", "reviewer"]
        widgets = {"date": DateInput()}


class MonthlyFigureForm(_Styled, ServiceModelForm):
    month = forms.DateField(
        label=_("month"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("YYYY-MM"),
    )

    class Meta:
        model = MonthlyFigure
        fields = ["month", "followers", "posts", "reads"]


class MediaPolicyForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MediaPolicy
        fields = ["dormant_days", "close_days"]
