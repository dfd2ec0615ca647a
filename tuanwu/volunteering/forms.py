"""Input shapes of the volunteering pages; the services own the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm

from .models import Activity, Category, TaskForce, VolunteerPolicy


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker, posting YYYY-MM-DDTHH:MM."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _datetime_field(label, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )


class ActivityForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    starts_at = _datetime_field(_("starts at"))
    ends_at = _datetime_field(_("ends at"))

    class Meta:
        model = Activity
        fields = [
            "title",
            "category",
            "place",
            "starts_at",
            "ends_at",
            "capacity",
            "open_to_all",
            "description",
            "requirements",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "requirements": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "open_to_all": _("Otherwise only young people registered in the organizer's subtree may sign up."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class DeployForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    category = forms.ChoiceField(label=_("category"), choices=Category.choices)
    place = forms.CharField(label=_("place"), max_length=200)
    starts_at = _datetime_field(_("starts at"))
    ends_at = _datetime_field(_("ends at"))
    description = forms.CharField(label=_("content"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    approve = forms.BooleanField(required=False)
    reason = forms.CharField(label=_("reason"), required=False, max_length=200)


class AttendanceForm(forms.Form):
    present = forms.BooleanField(required=False)
    start = _datetime_field(_("from"), required=False)
    end = _datetime_field(_("until"), required=False)


class CorrectionForm(forms.Form):
    hours = forms.DecimalField(label=_("correct total hours"), min_value=0, max_digits=7, decimal_places=2)
    start = _datetime_field(_("corrected start"), required=False)
    end = _datetime_field(_("corrected end"), required=False)
    reason = forms.CharField(label=_("reason"), max_length=300)


class CorrectionRequestForm(forms.Form):
    hours = forms.DecimalField(label=_("hours you served"), min_value=0, max_digits=7, decimal_places=2)
    reason = forms.CharField(label=_("what is wrong"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    accept = forms.BooleanField(required=False)
    answer = forms.CharField(label=_("answer"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CertificateForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    period_start = forms.DateField(label=_("from"), widget=DateInput())
    period_end = forms.DateField(label=_("until"), widget=DateInput())
    handler = forms.CharField(label=_("handled by"), max_length=50)


class TaskForceForm(ServiceModelForm):
    class Meta:
        model = TaskForce
        fields = ["name", "field", "founded_on", "description"]
        widgets = {"founded_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class MemberAddForm(forms.Form):
    person = forms.IntegerField(label=_("person"))
    joined_on = forms.DateField(label=_("joined on"), widget=DateInput())


class MemberRemoveForm(forms.Form):
    left_on = forms.DateField(label=_("left on"), widget=DateInput())


class PolicyForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = VolunteerPolicy
        fields = ["rounding_minutes", "rounding_mode", "max_hours_per_day", "min_checkout_minutes"]


class IssuerSettingsForm(forms.Form):
    person_in_charge = forms.CharField(label=_("person in charge"), max_length=50)
    contact_phone = forms.CharField(label=_("contact phone"), max_length=32, required=False)


class StarRecognitionForm(forms.Form):
    stars = forms.IntegerField(label=_("stars"), min_value=1, max_value=5)
    body = forms.CharField(label=_("recognized by"), max_length=100)
    recognized_on = forms.DateField(label=_("recognized on"), widget=DateInput())
