"""Input shapes of the work plan pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm

from .metrics import METRICS
from .models import PlanTarget, PlanTask


class PlanUploadForm(forms.Form):
    file = forms.FileField(label=_("the plan document (.txt or .docx)"))
    year = forms.IntegerField(
        label=_("year"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    replace = forms.BooleanField(label=_("replace this year's plan if there is one"), required=False)


class TaskForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PlanTask
        fields = ["owner", "owner_cadre", "collaborators", "starts_on", "due_on", "status"]
        widgets = {"starts_on": DateInput(), "due_on": DateInput()}

    def __init__(self, *args, organizations=None, cadres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organizations
        self.fields["owner_cadre"].queryset = cadres
        self.fields["owner_cadre"].help_text = _("Full-time and seconded cadres in post.")
        self.fields["version"].initial = self.instance.version


class TargetForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    metric = forms.ChoiceField(label=_("measured by"), required=False)

    class Meta:
        model = PlanTarget
        fields = [
            "quantity",
            "quantity_max",
            "unit",
            "comparison",
            "deadline",
            "scope",
            "metric",
            "manual_value",
            "manual_evidence",
        ]
        widgets = {"deadline": DateInput(), "manual_evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", _("— given by hand —")), *((k, m.label) for k, m in METRICS.items())]
        self.fields["version"].initial = self.instance.version


class NoteForm(forms.Form):
    quarter = forms.IntegerField(
        label=_("quarter"), min_value=1, max_value=4, initial=lambda: (timezone.localdate().month - 1) // 3 + 1
    )
    text = forms.CharField(label=_("progress"), widget=forms.Textarea(attrs={"rows": 3}))
    link = forms.CharField(label=_("link to the records"), required=False, max_length=500)
    evidence = forms.FileField(label=_("evidence file"), required=False)
