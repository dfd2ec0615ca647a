"""Input shapes of the work plan pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm
from tuanwu.core.params import YEAR_MAX, YEAR_MIN

from .metrics import METRICS
from .models import PlanTarget, PlanTask


class PlanUploadForm(forms.Form):
    file = forms.FileField(label=_("the plan document (.txt or .docx)"))
    year = forms.IntegerField(
        label=_("year"), min_value=YEAR_MIN, max_value=YEAR_MAX, initial=lambda: timezone.localdate().year
    )
    replace = forms.BooleanField(label=_("replace this year's plan if there is one"), required=False)


class PlanConfirmForm(forms.Form):
    """The preview sent back to be saved: its text, year and file name, and the targets ticked to drop
    (`drop_<task number>_<index>` boxes)."""

    text = forms.CharField(required=False, strip=False)
    year = forms.IntegerField(label=_("year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    filename = forms.CharField(required=False)
    replace = forms.BooleanField(required=False)

    def dropped(self) -> set[tuple[int, int]]:
        """(task number, index) of each ticked box; a box of another shape is no target and is ignored."""
        out = set()
        for key in self.data:
            parts = key.split("_")
            if len(parts) == 3 and parts[0] == "drop" and parts[1].isdigit() and parts[2].isdigit():
                out.add((int(parts[1]), int(parts[2])))
        return out


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
