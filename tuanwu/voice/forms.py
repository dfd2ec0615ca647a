"""The shapes of 青年之声's forms; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuanwu.core.forms import ServiceModelForm
from tuanwu.organizations.models import Organization

from .models import CalendarDay, Case, Expert, VoicePolicy


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files in one input; the service checks and re-encodes them."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotoField, self).clean(f, initial) for f in files]


class AskForm(forms.Form):
    category = forms.ChoiceField(label=_("What is it about?"), choices=Case.Category.choices, widget=forms.RadioSelect)
    subtype = forms.ChoiceField(
        label=_("Kind of rights claim"), choices=[("", "---------"), *Case.Subtype.choices], required=False
    )
    organization = forms.ModelChoiceField(
        label=_("School or unit"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Choose it from the list, or type it below when it is not there."),
    )
    unit_text = forms.CharField(label=_("School or unit (type it)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Describe your question or problem"), widget=forms.Textarea(attrs={"rows": 6})
    )
    anonymous = forms.BooleanField(label=_("Stay anonymous (no name or phone kept)"), required=False)
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=_("Phone (optional)"), max_length=32, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    consent_publish = forms.BooleanField(
        label=_("The answer may be published without anything that identifies me"), required=False
    )
    attachments = MultiplePhotoField(
        label=_("Photos (optional, up to 3)"),
        required=False,
        widget=MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    # A field people never see: a program that fills every field fills it too (the challenge works offline).
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(status=Organization.Status.ACTIVE).order_by(
            "path"
        )
        self.fields["organization"].label_from_instance = lambda o: "　" * (len(o.path) // 4 - 1) + o.name


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=20)
    code = forms.CharField(label=_("Secret code"), max_length=20)


class AddForm(forms.Form):
    body = forms.CharField(label=_("Add to your case"), widget=forms.Textarea(attrs={"rows": 3}))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you?"),
        coerce=int,
        choices=[(5, "5"), (4, "4"), (3, "3"), (2, "2"), (1, "1")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why is it not solved?"), widget=forms.Textarea(attrs={"rows": 2}))


class TextForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))


class TransferForm(forms.Form):
    to_organization = forms.ModelChoiceField(label=_("Transfer to"), queryset=Organization.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, county_path: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = Organization.objects.filter(
            status=Organization.Status.ACTIVE, path__startswith=county_path
        ).order_by("path")


class HandoverForm(forms.Form):
    to_user = forms.ChoiceField(label=_("Hand over to"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].choices = [(u.pk, str(u)) for u in handlers]


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(label=_("Holiday"), max_length=40, required=False)
    statutory = forms.BooleanField(label=_("Statutory holiday"), required=False)


class HolidayYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source = forms.CharField(label=_("Notice"), max_length=300, required=False)


class PolicyForm(ServiceModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = VoicePolicy
        fields = [
            "first_response_days",
            "consult_days",
            "help_days",
            "suggestion_days",
            "rights_days",
            "reopen_days",
        ]


HOTLINES = [
    (Case.Channel.HOTLINE_12355, Case.Channel.HOTLINE_12355.label),
    (Case.Channel.HOTLINE_12345, Case.Channel.HOTLINE_12345.label),
]


class WorkOrderForm(forms.Form):
    channel = forms.ChoiceField(label=_("Hotline"), choices=HOTLINES)
    reference = forms.CharField(label=_("Work order number"), max_length=40)
    received_at = forms.DateTimeField(
        label=_("Received by the hotline at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    organization = forms.ModelChoiceField(label=_("Organization handling it"), queryset=Organization.objects.none())
    category = forms.ChoiceField(label=_("Category"), choices=Case.Category.choices)
    subtype = forms.ChoiceField(
        label=_("Kind of rights claim"), choices=[("", "---------"), *Case.Subtype.choices], required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    contact_phone = forms.CharField(label=_("Phone (optional)"), max_length=32, required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class HandOutForm(forms.Form):
    channel = forms.ChoiceField(label=_("Hotline"), choices=HOTLINES)
    reference = forms.CharField(label=_("Work order number"), max_length=40)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(forms.Form):
    question = forms.CharField(
        label=_("Question, without anything that identifies the asker"), widget=forms.Textarea(attrs={"rows": 3})
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))


class MergeForm(forms.Form):
    into_number = forms.CharField(label=_("Tracking number of the case it duplicates"), max_length=20)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ExpertAssignForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Expert.objects.none())

    def __init__(self, *args, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if experts is not None:
            self.fields["expert"].queryset = experts


def topic_choices() -> list[tuple[str, str]]:
    """The topics an expert takes: the categories, then the kinds of rights claims."""
    rights = Case.Category.RIGHTS.label
    return [*Case.Category.choices, *((v, f"{rights} · {label}") for v, label in Case.Subtype.choices)]


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    firm = forms.CharField(label=_("Organization or firm"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    topics = forms.MultipleChoiceField(
        label=_("Topics (none: all)"), choices=topic_choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class RightsDepartmentForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("School"), queryset=Organization.objects.none())
    since = forms.DateField(label=_("Since"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is not None:
            self.fields["organization"].queryset = schools


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    organization = forms.ModelChoiceField(label=_("Sent to"), queryset=Organization.objects.none())
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"}))
    intro = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    questions = forms.CharField(
        label=_("Questions"),
        help_text=_("One a line: 单选: question | option | option — 多选: question | option | … — 文本: question"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class SurveyAnswerForm(forms.Form):
    """The survey's questions as fields named by their index; the service checks the options again."""

    website = forms.CharField(required=False, widget=forms.HiddenInput)  # left empty by people

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for index, q in enumerate(questions):
            label = f"{index + 1}. {q['text']}"
            options = [(o, o) for o in q.get("options", [])]
            if q["kind"] == "single":
                self.fields[str(index)] = forms.ChoiceField(
                    label=label, choices=options, required=False, widget=forms.RadioSelect
                )
            elif q["kind"] == "multiple":
                self.fields[str(index)] = forms.MultipleChoiceField(
                    label=label, choices=options, required=False, widget=forms.CheckboxSelectMultiple
                )
            else:
                self.fields[str(index)] = forms.CharField(
                    label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
                )
