"""The county's organizational-life policy form: the shape of each number; the service keeps the history and the
edit-conflict check."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuanwu.core.forms import ServiceModelForm

from ..models import Kind, MeetingPolicy

MONTH_FIELDS = (
    "general_meeting_months",
    "committee_meeting_months",
    "group_meeting_months",
    "lesson_months",
    "theme_day_months",
    "party_general_months",
    "party_committee_months",
    "party_group_months",
    "party_lesson_months",
)


def _parts(value: str) -> list[str]:
    return [p.strip() for p in (value or "").replace("，", ",").split(",") if p.strip()]


class PolicyForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Stored as the kinds' codes separated by commas; chosen by their names.
    attachment_required_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Kinds that need an attachment"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: an attachment is never required (the default)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and not self.is_bound:
            self.initial["attachment_required_kinds"] = _parts(self.instance.attachment_required_kinds)

    class Meta:
        model = MeetingPolicy
        fields = [
            *MONTH_FIELDS,
            "general_meeting_quorum",
            "committee_min_members",
            "student_excused_months",
            "attachment_required_kinds",
            "study_counts_as_lesson",
            "study_episode_hours",
            "rating_top_cap",
            "rating_min_months",
        ]
        help_texts = {name: gettext_lazy("0 = not required; at most 12.") for name in MONTH_FIELDS} | {
            "student_excused_months": gettext_lazy("Month numbers separated by commas, e.g. 7,8."),
        }

    def clean(self):
        data = super().clean()
        for name in MONTH_FIELDS:
            if data.get(name) is not None and data[name] > 12:
                self.add_error(name, _("At most 12 months: every requirement is counted within the year."))
        if data.get("general_meeting_quorum") is not None and data["general_meeting_quorum"] >= 100:
            self.add_error("general_meeting_quorum", _("The quorum is a share below 100 %."))
        if data.get("rating_top_cap") is not None and data["rating_top_cap"] > 100:
            self.add_error("rating_top_cap", _("A share of at most 100 %."))
        return data

    def clean_student_excused_months(self):
        parts = _parts(self.cleaned_data.get("student_excused_months", ""))
        bad = [p for p in parts if not (p.isdigit() and 1 <= int(p) <= 12)]
        if bad:
            raise forms.ValidationError(
                _("Not a month number from 1 to 12: %(values)s.") % {"values": "、".join(bad)}, code="bad_month"
            )
        return ",".join(str(m) for m in sorted({int(p) for p in parts}))

    def clean_attachment_required_kinds(self):
        return ",".join(self.cleaned_data.get("attachment_required_kinds") or [])
