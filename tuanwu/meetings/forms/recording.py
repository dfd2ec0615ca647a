"""Input shapes of recording a meeting: the meeting's own fields, the roster's attendance lines, campaigns."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tuanwu.core.forms import DateInput, ServiceModelForm

from ..models import LEAGUE_KINDS, PARTY_KINDS, Attendance, Campaign, Kind, Meeting
from ..services.meetings import Present


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(ServiceModelForm):
    """A meeting's own fields; the organizer comes from the page, attendance from the roster's lines."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "held_on",
            "starts_at",
            "ends_at",
            "place",
            "topic",
            "hours",
            "chair",
            "recorder",
            "campaigns",
            "guests",
            "minutes",
            "decisions",
        ]
        widgets = {
            "held_on": DateInput(),
            "starts_at": TimeInput(),
            "ends_at": TimeInput(),
            "campaigns": forms.CheckboxSelectMultiple,
            "guests": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"hours": _lazy("Lesson hours each attendee present earns (lessons and course sessions only).")}

    def __init__(self, *args, people=(), campaigns=None, party: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = PARTY_KINDS if party else LEAGUE_KINDS
        self.fields["kind"].choices = [(k.value, k.label) for k in Kind if k in kinds]
        ids = [p.pk for p in people]
        for name in ("chair", "recorder"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(pk__in=ids).order_by("name_pinyin", "pk")
            field.label_from_instance = lambda p: p.name
        self.fields["campaigns"].queryset = campaigns if campaigns is not None else Campaign.objects.none()
        self.fields["campaigns"].label_from_instance = lambda c: c.name
        if party:
            del self.fields["campaigns"]
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "btn-check"
                continue
            if isinstance(field.widget, forms.HiddenInput):
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def service_fields(self) -> dict:
        """The cleaned fields as the service takes them (campaigns and version apart)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "campaigns")}


def roster_lines(people, current: dict | None = None, default_hours: Decimal | None = None) -> list[dict]:
    """One line per person of the roster for the page: present unless the record says otherwise."""
    current = current or {}
    lines = []
    for person in people:
        row = current.get(person.pk)
        lines.append(
            {
                "person": person,
                "status": row.status if row else Attendance.Status.PRESENT,
                "reason": row.reason if row else "",
                "hours": row.hours if row and row.hours != default_hours else "",
            }
        )
    return lines


def posted_lines(data, people) -> tuple[list[Present], list[dict], list[str]]:
    """The attendance posted for each person of the roster: the lines for the service, the lines to show again,
    and the errors of shape (hours that are not a number)."""
    statuses = set(Attendance.Status.values)
    present, shown, errors = [], [], []
    for person in people:
        status = data.get(f"att-{person.pk}", Attendance.Status.PRESENT)
        if status not in statuses:
            status = Attendance.Status.PRESENT
        reason = (data.get(f"reason-{person.pk}") or "").strip()[:200]
        raw = (data.get(f"hours-{person.pk}") or "").strip()
        hours = None
        if raw:
            try:
                hours = Decimal(raw)
            except InvalidOperation:
                errors.append(_("%(name)s: lesson hours must be a number, e.g. 1.5.") % {"name": person.name})
        present.append(Present(person, status, reason, hours))
        shown.append({"person": person, "status": status, "reason": reason, "hours": raw})
    return present, shown, errors


class CampaignForm(forms.Form):
    name = forms.CharField(label=_lazy("name"), max_length=50, widget=forms.TextInput(attrs={"class": "form-control"}))
    position = forms.IntegerField(
        label=_lazy("order"),
        min_value=0,
        max_value=999,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    active = forms.BooleanField(label=_lazy("in use"), required=False, initial=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
