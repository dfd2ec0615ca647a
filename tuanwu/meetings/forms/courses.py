"""Input shapes of courses: the course itself, the list's filter (shared by page, API and export), completion."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm
from tuanwu.core.params import YEAR_MAX, YEAR_MIN

from ..models import Course


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.HiddenInput | forms.CheckboxInput):
            continue
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class CourseForm(ServiceModelForm):
    """A course's own fields; the organizer comes from the page."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Course
        fields = ["kind", "title", "starts_on", "ends_on", "required_sessions", "required_hours"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "required_sessions": _("Sessions a person must attend to complete; leave empty for no such rule."),
            "required_hours": _(
                "Lesson hours a person must attend to complete. With neither rule, completing means attending "
                "every session held."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class CourseFilter(forms.Form):
    """Title text, year the course starts in and kind, in the URL."""

    q = forms.CharField(label=_("Title"), required=False)
    year = forms.IntegerField(label=_("year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All")), *Course.Kind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def filter(self, qs):
        """The rows of qs (a scoped course list) the filter selects; invalid input selects nothing."""
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        text = (d["q"] or "").strip()
        if text:
            qs = qs.filter(Q(title__icontains=text))
        if d["year"]:
            qs = qs.filter(starts_on__year=d["year"])
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        return qs


class CompleteForm(forms.Form):
    """Completing one person: by the rule, or by decision (override) with the reason."""

    override = forms.BooleanField(label=_("Complete by decision, although the rule is not met"), required=False)
    reason = forms.CharField(label=_("reason"), required=False, max_length=200)
    completed_on = forms.DateField(label=_("completed on"), required=False, widget=DateInput())
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), required=False, max_length=200)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
