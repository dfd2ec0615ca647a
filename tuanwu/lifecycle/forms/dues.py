"""The dues pages' input: amounts in yuan (turned into fen here), months as YYYY-MM; the services check policy."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuanwu.core.forms import DateInput, ServiceModelForm

from ..dues_rules import yuan_to_fen
from ..models.dues import Category, DuesDecision, DuesPayment, DuesPolicy


class YuanField(forms.CharField):
    """An amount in yuan, cleaned to integer fen."""

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        try:
            return yuan_to_fen(value)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not an amount in yuan.") % {"value": value}, code="invalid"
            ) from None


class MonthField(forms.CharField):
    """A month as YYYY-MM (the browser's month picker), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month"})

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        try:
            return datetime.date.fromisoformat(f"{value[:7]}-01")
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a month (YYYY-MM).") % {"value": value}, code="invalid"
            ) from None


MONTH_CHOICES = [(1, gettext_lazy("One month")), (3, gettext_lazy("A quarter")), (12, gettext_lazy("A year"))]


class PaymentForm(forms.Form):
    person = forms.TypedChoiceField(label=gettext_lazy("Member"), coerce=int)
    amount = YuanField(label=gettext_lazy("Amount (yuan)"))
    first_month = MonthField(label=gettext_lazy("First month paid for"))
    months = forms.TypedChoiceField(label=gettext_lazy("Period"), choices=MONTH_CHOICES, coerce=int, initial=1)
    paid_on = forms.DateField(label=gettext_lazy("Paid on"), widget=DateInput())
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=DuesPayment.Channel.choices)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.name) for p in people]


class BulkPaymentForm(forms.Form):
    people = forms.TypedMultipleChoiceField(label=gettext_lazy("Members"), coerce=int)
    first_month = MonthField(label=gettext_lazy("First month paid for"))
    months = forms.TypedChoiceField(label=gettext_lazy("Period"), choices=MONTH_CHOICES, coerce=int, initial=1)
    paid_on = forms.DateField(label=gettext_lazy("Paid on"), widget=DateInput())
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=DuesPayment.Channel.choices)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(p.pk, p.name) for p in people]
        self.fields["people"].widget = forms.CheckboxSelectMultiple(choices=self.fields["people"].choices)


class BandForm(forms.Form):
    person = forms.TypedChoiceField(label=gettext_lazy("Member"), coerce=int)
    valid_from = MonthField(label=gettext_lazy("From month"))
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=Category.choices)
    pay = YuanField(label=gettext_lazy("Monthly pay after tax (yuan)"), required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.name) for p in people]


class DecisionForm(forms.Form):
    person = forms.TypedChoiceField(label=gettext_lazy("Member"), coerce=int)
    meeting = forms.TypedChoiceField(label=gettext_lazy("General meeting that decided"), coerce=int)
    kind = forms.ChoiceField(label=gettext_lazy("Decision"), choices=DuesDecision.Kind.choices)
    amount = YuanField(label=gettext_lazy("Reduced monthly amount (yuan)"), required=False)
    first_month = MonthField(label=gettext_lazy("From month"))
    last_month = MonthField(label=gettext_lazy("Until month (empty: open-ended)"), required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)

    def __init__(self, *args, people=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.name) for p in people]
        self.fields["meeting"].choices = [(m.pk, f"{m.held_on:%Y-%m-%d} {m.topic}") for m in meetings]


class BillForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("WeChat Pay or Alipay bill (.csv, .xlsx)"))


class PolicyForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DuesPolicy
        fields = [
            "low_pay_below_yuan",
            "low_amount_fen",
            "rate_permille",
            "whole_yuan",
            "cap_fen",
            "no_income_fen",
            "branch_share",
            "committee_share",
            "county_share",
        ]
