from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm

from .models import Kind, Organization
from .services import EDITABLE_FIELDS


class OrganizationForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organization
        fields = list(EDITABLE_FIELDS)
        widgets = {"term_start": DateInput(), "term_end": DateInput()}
        help_texts = {
            "code": _("A short unique code, e.g. the one used in 智慧团建."),
            "unified_code": _("18 characters, printed on the unit's business licence."),
            "term_end": _("A warning appears 60 days before the term ends."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The county committee is created by setup, never from this form.
        self.fields["kind"].choices = [c for c in Kind.choices if c[0] != Kind.COUNTY_COMMITTEE]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            if self.instance.kind == Kind.COUNTY_COMMITTEE:
                self.fields["kind"].choices = [(Kind.COUNTY_COMMITTEE, Kind.COUNTY_COMMITTEE.label)]


class MoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(label=_("New parent organization"), queryset=Organization.objects.none())

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        if targets is not None:
            self.fields["new_parent"].queryset = targets
            self.fields["new_parent"].label_from_instance = lambda o: "　" * (o.depth - 1) + o.name


class DissolveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=True)
    confirm = forms.BooleanField(label=_("I understand that the organization will be dissolved."), required=True)
