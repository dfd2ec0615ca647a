"""Input shape of the transfer pages (the services check the rules)."""

import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm

from ..models.transfers import Destination, TransferPolicy


class StartForm(forms.Form):
    """Where to: an organization in TuanWu, or the name of one outside the county."""

    destination = forms.TypedChoiceField(
        label=_("Receiving organization in TuanWu"), coerce=int, required=False, empty_value=None
    )
    external_name = forms.CharField(
        label=_("Or: receiving organization outside the county"),
        max_length=200,
        required=False,
        help_text=_("Its full name as on the letter, e.g. 共青团杭州市西湖区委. Leave the choice above empty."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = [("", "—"), *choices]


class RequestInForm(forms.Form):
    """The receiving side asks for a member of another organization in TuanWu."""

    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("ID number"), max_length=32, help_text=_("18 characters; the last may be X."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReceiveForm(forms.Form):
    """A transfer letter from an organization outside the county."""

    external_name = forms.CharField(label=_("Sending organization (outside the county)"), max_length=200)
    letter_number = forms.CharField(label=_("Transfer letter number"), max_length=40, required=False)
    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("ID number"), max_length=32, help_text=_("18 characters; the last may be X."))
    join_date = forms.DateField(label=_("Join date"), widget=DateInput())
    development_number = forms.CharField(label=_("Development number"), max_length=20, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecisionForm(forms.Form):
    """One step on a transfer: the version the page showed, a reason, and the branch when assigning one."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    branch = forms.IntegerField(required=False)


class GraduationDateForm(forms.Form):
    expected_on = forms.DateField(label=_("Expected graduation date"), widget=DateInput())


DESTINATION_CHOICES = [("", "—"), *Destination.choices]


class TransferPolicyForm(ServiceModelForm):
    """The county's transfer rules for a year: the shape of each number, and the dates that must exist."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TransferPolicy
        fields = [
            "answer_days",
            "season_opens_month",
            "season_opens_day",
            "start_by_month",
            "start_by_day",
            "finish_by_month",
            "finish_by_day",
            "kept_months",
            "kept_max_months",
        ]

    def clean(self):
        data = super().clean()
        if data.get("answer_days") is not None and data["answer_days"] < 1:
            self.add_error("answer_days", gettext("At least one day to answer."))
        for prefix in ("season_opens", "start_by", "finish_by"):
            month, day = data.get(f"{prefix}_month"), data.get(f"{prefix}_day")
            if month is None or day is None:
                continue
            try:
                datetime.date(2024, month, day)  # a leap year: 2-29 is a day some years have
            except ValueError:
                self.add_error(
                    f"{prefix}_day", gettext("Not a day of the calendar: %(m)s-%(d)s.") % {"m": month, "d": day}
                )
        kept, kept_max = data.get("kept_months"), data.get("kept_max_months")
        if kept is not None and kept_max is not None and (kept > kept_max or kept_max > 12):
            self.add_error(
                "kept_months",
                gettext("The school keeps unplaced graduates at most the maximum, and at most 12 months."),
            )
        return data
