"""Input shapes of the member development pages; the services and rules own the policy."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm

from .models import AdmissionPolicy, Assessment, Ceremony


def _today():
    return timezone.localdate()


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    on = forms.DateField(label=_("date"), widget=DateInput(), initial=_today)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TrainingForm(StepForm):
    guides = forms.CharField(label=_("guides"), max_length=100, help_text=_("One or two members or party members."))
    assessment = forms.ChoiceField(label=_("political assessment"), choices=Assessment.choices)


class PrereviewForm(StepForm):
    form_number = forms.CharField(label=_("admission form number"), max_length=32)


class IntroducersForm(StepForm):
    first = forms.ModelChoiceField(label=_("introducer"), queryset=None)
    second = forms.ModelChoiceField(label=_("second introducer"), queryset=None)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].queryset = members
        self.fields["second"].queryset = members
        self.fields.pop("note")


class ArchiveForm(StepForm):
    form_file = forms.FileField(label=_("scanned admission form"), required=False)


class ReasonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("reason"), max_length=200)


class ApplicationForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    applied_on = forms.DateField(label=_("applied on"), widget=DateInput(), initial=_today)
    note = forms.CharField(label=_("note"), required=False, max_length=500)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("held on"), widget=DateInput(), initial=_today)
    voting_members = forms.IntegerField(label=_("members entitled to vote"), min_value=1)
    voting_reason = forms.CharField(
        label=_("reason for correcting the entitled voters"),
        required=False,
        max_length=500,
        help_text=_("Needed only when the count differs from the branch's roster on the meeting date."),
    )
    present = forms.IntegerField(label=_("members present"), min_value=0)
    chair = forms.CharField(label=_("chair"), max_length=50)
    recorder = forms.CharField(label=_("recorder"), max_length=50)
    minutes = forms.CharField(label=_("minutes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for app in self.candidates:
            self.fields[f"vote_{app.pk}"] = forms.BooleanField(label=app.person.name, required=False)
            for kind, label in (("yes", _("yes")), ("no", _("no")), ("abstain", _("abstentions"))):
                self.fields[f"{kind}_{app.pk}"] = forms.IntegerField(label=label, min_value=0, required=False)

    def votes(self) -> dict[int, tuple[int, int, int]]:
        d = self.cleaned_data
        return {
            app.pk: (d.get(f"yes_{app.pk}") or 0, d.get(f"no_{app.pk}") or 0, d.get(f"abstain_{app.pk}") or 0)
            for app in self.candidates
            if d.get(f"vote_{app.pk}")
        }

    def rows(self):
        return [
            (app, self[f"vote_{app.pk}"], self[f"yes_{app.pk}"], self[f"no_{app.pk}"], self[f"abstain_{app.pk}"])
            for app in self.candidates
        ]


class QuotaForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)
    count = forms.IntegerField(label=_("admissions"), min_value=0)
    number_from = forms.CharField(label=_("first development number"), max_length=12, required=False)
    number_to = forms.CharField(label=_("last development number"), max_length=12, required=False)


class PolicyForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AdmissionPolicy
        fields = [
            "min_age",
            "max_age",
            "interview_days",
            "activist_months",
            "lesson_hours",
            "volunteer_hours",
            "min_assessment",
            "introducer_limit",
            "majority_base",
            "approval_days",
            "archive_days",
            "ceremony_months",
            "ratio_junior",
            "ratio_senior",
            "ratio_blocks",
        ]


class CeremonyForm(ServiceModelForm):
    applications = forms.ModelMultipleChoiceField(
        label=_("new members"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Ceremony
        fields = ["held_on", "place", "oath_leader", "attendees", "photo"]
        widgets = {"held_on": DateInput(), "attendees": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, admitted=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = admitted
        self.fields["applications"].label_from_instance = lambda a: f"{a.person.name} · {a.organization.name}"


class LessonCreditForm(forms.Form):
    """Lesson hours on paper: how many, when earned, and the record they come from."""

    hours = forms.DecimalField(label=_("lesson hours"), min_value=Decimal("0.1"), max_digits=3, decimal_places=1)
    earned_on = forms.DateField(label=_("earned on"), widget=DateInput(), initial=_today)
    evidence = forms.CharField(
        label=_("evidence"),
        max_length=200,
        help_text=_("The paper record the hours come from, e.g. 2025年团课签到册第3页."),
    )
