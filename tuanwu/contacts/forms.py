"""Input shape of the contact pages; the services check the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import DateInput, ServiceModelForm
from tuanwu.people.choices import CadreKind

from .models import Contact, ContactLog, ContactPolicy

YOUTH_CHANNELS = [c for c in ContactLog.Channel.choices if c[0] != ContactLog.Channel.ORG_VISIT]


class LogForm(forms.Form):
    """A contact with a youth: the channel is the only choice to make, the date defaults to today."""

    channel = forms.ChoiceField(label=_("channel"), choices=YOUTH_CHANNELS, widget=forms.RadioSelect)
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    raised = forms.CharField(label=_("what was raised"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.CharField(label=_("what was done"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up_due = forms.DateField(
        label=_("follow-up due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    voice_case = forms.CharField(
        label=_("青年之声 case (tracking number)"),
        max_length=20,
        required=False,
        help_text=_("When the youth raised it through 青年之声, or you entered it there for them."),
    )
    activity = forms.ModelChoiceField(label=_("volunteer activity"), queryset=None, required=False)

    def __init__(self, *args, activities, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = lambda a: f"{a.starts_at:%Y-%m-%d} {a.title}"


class VisitForm(forms.Form):
    """A visit to a fixed contact organization (走进基层)."""

    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    found = forms.CharField(label=_("what was found"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    guidance = forms.CharField(label=_("guidance given"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    support_promised = forms.CharField(
        label=_("support promised"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    support_delivered = forms.CharField(
        label=_("support delivered"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    follow_up_due = forms.DateField(
        label=_("follow-up due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)


class ContactAddForm(forms.Form):
    """A youth to keep in contact: picked from the registry by name or ID number, or given by name with a phone
    and a unit; the field they come from is always asked."""

    registry = forms.CharField(
        label=_("name or ID number in the registry"),
        required=False,
        help_text=_("Leave empty for a young person who is not in the registry."),
    )
    name = forms.CharField(label=_("name"), max_length=50, required=False)
    phone = forms.CharField(
        label=_("phone"), max_length=32, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    unit = forms.CharField(label=_("school or workplace"), max_length=200, required=False)
    field = forms.ChoiceField(label=_("field"), choices=Contact.Field.choices)
    fixed = forms.BooleanField(label=_("fixed contact youth"), required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("registry") or "").strip() and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Give the youth's name or pick them from the registry."))
        return data


class CadreRegisterForm(forms.Form):
    """A cadre to register: the person (by name or ID number), the kind, the employing organization (picked with
    the organization picker) and the first day."""

    person = forms.CharField(label=_("cadre (name or ID number)"))
    kind = forms.ChoiceField(label=_("cadre kind"), choices=CadreKind.choices)
    organization = forms.IntegerField(label=_("organization"), widget=forms.HiddenInput)
    started_on = forms.DateField(label=_("since"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("started_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class FixedOrganizationForm(forms.Form):
    """A grassroots organization to fix to a cadre as a contact point, picked with the organization picker."""

    organization = forms.IntegerField(label=_("organization"), widget=forms.HiddenInput)
    since = forms.DateField(label=_("since"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("since", timezone.localdate())
        super().__init__(*args, **kwargs)


class HandoverForm(forms.Form):
    """The successor (one of the cadres the user manages) and the day the contacts move."""

    successor = forms.ModelChoiceField(label=_("successor"), queryset=None)
    on = forms.DateField(label=_("handover day"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, successors, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors
        self.fields["successor"].label_from_instance = lambda c: f"{c.person.name} · {c.organization.name}"


class PolicyForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ContactPolicy
        fields = [
            "min_contacts",
            "min_fields",
            "fixed_orgs_min",
            "fixed_orgs_max",
            "fixed_youths",
            "binds_full_time",
            "binds_seconded",
            "binds_part_time",
            "online_each_quarter",
            "offline_each_quarter",
            "face_to_face_each_year",
            "visit_each_quarter",
        ]
