"""The shapes of the discipline pages' input; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput

from ..models import DisciplineCase, Sanction
from ..models.discipline import PROBATION_MONTHS_DEFAULT, PROBATION_MONTHS_MAX


class CaseForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Member"), coerce=int)
    sanction = forms.ChoiceField(label=_("Sanction"), choices=Sanction.choices)
    facts = forms.CharField(label=_("Facts and grounds"), widget=forms.Textarea(attrs={"rows": 4}))
    decided_on = forms.DateField(label=_("Branch meeting held on"), widget=DateInput())
    statement = forms.CharField(
        label=_("Member's statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member has the right to be heard: record what the member said."),
    )
    statement_waived = forms.BooleanField(label=_("The member declined to make a statement"), required=False)
    post = forms.TypedChoiceField(label=_("Post removed"), coerce=int, required=False, empty_value=None)
    probation_months = forms.IntegerField(
        label=_("Probation (months)"),
        required=False,
        min_value=1,
        max_value=PROBATION_MONTHS_MAX,
        initial=PROBATION_MONTHS_DEFAULT,
        help_text=_("One year as a rule, two years at most."),
    )

    def __init__(self, *args, people=(), posts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, f"{p.name} · {p.organization.name}") for p in people]
        self.fields["post"].choices = [("", "—")] + [
            (p.pk, f"{p.person.name} · {p.title} · {p.organization.name}") for p in posts
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Do not approve"))])
    effective_on = forms.DateField(label=_("In force from"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class AppealForm(forms.Form):
    appeal = forms.CharField(label=_("Appeal"), widget=forms.Textarea(attrs={"rows": 3}))
    lodged_on = forms.DateField(label=_("Appeal lodged on"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    result = forms.ChoiceField(label=_("Appeal result"), choices=DisciplineCase.AppealResult.choices)
    answer = forms.CharField(label=_("Answer to the appeal"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConcludeForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)
