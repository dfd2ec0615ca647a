"""Input shapes of the evaluation and registration pages; the services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm

from ..models.evaluation import Grade, LifecyclePolicy


class PolicyForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LifecyclePolicy
        fields = [
            "excellent_cap",
            "rectification_months",
            "deferral_months",
            "registration_opens",
            "registration_closes",
        ]
        widgets = {"registration_opens": DateInput(), "registration_closes": DateInput()}
        help_texts = {
            "excellent_cap": _("Default 30 %: 优秀 at most this share of the members evaluated, rounded down."),
            "rectification_months": _("Between 3 and 6 months (default 3)."),
            "deferral_months": _("Between 3 and 6 months (default 3)."),
            "registration_opens": _(
                "Empty: no window; schools usually register in the first month of the autumn term."
            ),
        }

    def clean(self):
        data = super().clean()
        for name in ("rectification_months", "deferral_months"):
            if data.get(name) is not None and not 3 <= data[name] <= 6:
                self.add_error(name, _("Between 3 and 6 months."))
        if data.get("excellent_cap") is not None and data["excellent_cap"] > 100:
            self.add_error("excellent_cap", _("A share of at most 100 %."))
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes < opens:
            self.add_error("registration_closes", _("The registration window closes after it opens."))
        return data


class MeetingForm(forms.Form):
    meeting = forms.IntegerField(required=False, widget=forms.Select)
    meeting_held_on = forms.DateField(label=_("General meeting held on"), required=False, widget=DateInput())
    meeting_expected = forms.IntegerField(label=_("Members expected"), required=False, min_value=0, max_value=100000)
    meeting_present = forms.IntegerField(label=_("Members present"), required=False, min_value=0, max_value=100000)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TalkForm(forms.Form):
    talk_on = forms.DateField(label=_("Talk held on"), widget=DateInput())
    talk_note = forms.CharField(label=_("Talk note"), required=False, max_length=2000)


class ReevaluateForm(forms.Form):
    regrade = forms.ChoiceField(label=_("Grade on re-evaluation"), choices=Grade.choices)
    regraded_on = forms.DateField(label=_("Re-evaluated on"), widget=DateInput())


class AppealForm(forms.Form):
    appeal = forms.CharField(label=_("Appeal"), max_length=2000)


class AnswerForm(forms.Form):
    appeal_answer = forms.CharField(label=_("Answer to the appeal"), max_length=2000)
    regrade = forms.ChoiceField(
        label=_("Change the grade to"), choices=[("", _("Keep the grade")), *Grade.choices], required=False
    )


class DeferForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
    months = forms.IntegerField(label=_("Months"), required=False, min_value=1, max_value=24)
