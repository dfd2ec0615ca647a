"""青年之声: the working-day calendar, the county's time limits, and the cases young people file with their
steps (受理 → 调度 → 办理 → 回复 → 督办 → 办结 → 回访 → 评价)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class HolidayYear(TimeStampedModel):
    """A year whose days off and make-up working days were decreed (the State Council's notice): only years with
    a table have working days; a deadline reaching a year without one is refused, never guessed."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("notice"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("holiday table")
        verbose_name_plural = _("holiday tables")
        ordering = ["year"]

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """A day that differs from the week's rhythm: a weekday off (a holiday or a day off in lieu) or a weekend day
    that is a working day (调休). Statutory marks the days the holiday rules themselves grant (13 a year since
    2025); the others off are moved from a weekend."""

    class Kind(models.TextChoices):
        OFF = "off", _("Day off")
        WORK = "work", _("Make-up working day")

    table = models.ForeignKey(HolidayYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("year"))
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("holiday"), max_length=40, blank=True)
    statutory = models.BooleanField(_("statutory holiday"), default=False)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="work", statutory=True), name="voice_calendarday_workday_not_statutory"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"

    def clean(self):
        if self.table_id and self.date and self.date.year != self.table.year:
            raise ValidationError(
                {"date": _("The date lies outside the table's year %(year)s.") % {"year": self.table.year}},
                code="CALENDAR_WRONG_YEAR",
            )


class VoicePolicy(TimeStampedModel):
    """A county's time limits for cases, in working days (defaults: the provincial 12345 rules, DOMAIN §12), and
    how long after the resolution the asker may reopen a case."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    first_response_days = models.PositiveSmallIntegerField(_("first response within (working days)"), default=2)
    consult_days = models.PositiveSmallIntegerField(_("inquiries resolved within (working days)"), default=2)
    help_days = models.PositiveSmallIntegerField(_("requests for help resolved within (working days)"), default=10)
    suggestion_days = models.PositiveSmallIntegerField(_("suggestions resolved within (working days)"), default=10)
    rights_days = models.PositiveSmallIntegerField(_("rights cases resolved within (working days)"), default=15)
    reopen_days = models.PositiveSmallIntegerField(_("reopening allowed within (working days)"), default=10)

    class Meta:
        verbose_name = _("青年之声 policy")
        verbose_name_plural = _("青年之声 policies")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="voice_policy_once_a_year")]

    def __str__(self):
        return f"{self.organization} {self.year}"


class Case(TimeStampedModel):
    """A question, request, suggestion or rights claim filed on the public page: routed to an organization, owned
    by the first handler who takes it (首接负责), due by the county's limits in working days, escalated up the
    tree when overdue, followed by its asker through a tracking number and a secret code."""

    class Category(models.TextChoices):
        CONSULT = "consult", _("Inquiry")
        HELP = "help", _("Request for help")
        SUGGESTION = "suggestion", _("Suggestion")
        RIGHTS = "rights", _("Rights claim")

    class Subtype(models.TextChoices):
        PAY = "pay", _("Internship pay")
        FEES = "fees", _("Fees")
        HOURS = "hours", _("Working hours / night shifts")
        SAFETY = "safety", _("Safety at the post")
        AGREEMENT = "agreement", _("No internship agreement")
        CERTIFICATE = "certificate", _("Certificate refused")
        CAMPUS = "campus", _("Campus")
        EMPLOYMENT = "employment", _("Employment")
        OTHER = "other", _("Other")

    class Channel(models.TextChoices):
        WEB = "web", _("青年之声 page")
        HOTLINE_12355 = "12355", _("12355 youth hotline")
        HOTLINE_12345 = "12345", _("12345 government hotline")

    class Status(models.TextChoices):
        NEW = "new", _("Received")
        HANDLING = "handling", _("Being handled")
        RESOLVED = "resolved", _("Resolved")
        MERGED = "merged", _("Merged into another case")

    number = models.CharField(_("tracking number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    # The work order's number at 12355 or 12345, when the case came from there or was handed to them.
    external_reference = models.CharField(_("work order number"), max_length=40, blank=True)
    secret_hash = models.CharField(max_length=128, editable=False)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    subtype = models.CharField(_("kind of rights claim"), max_length=16, choices=Subtype.choices, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="voice_cases",
        verbose_name=_("organization handling it"),
    )
    unit_text = models.CharField(_("school or unit (as typed)"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_name = models.CharField(_("name"), max_length=50, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    consent_publish = models.BooleanField(_("may publish an anonymized answer"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handler in charge"),
    )
    filed_at = models.DateTimeField(_("filed at"))
    # Empty while a deadline would fall in a year without a holiday table; filled when the table is entered.
    first_response_due = models.DateField(_("first response due"), null=True, blank=True)
    resolution_due = models.DateField(_("resolution due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # 0: the organization named; 1: its parent committee; 2: the county committee.
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_to = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("escalated to"),
    )
    # When the organization escalated to must have acted before the case goes one step higher.
    escalation_due = models.DateField(_("next escalation after"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("comment"), blank=True)
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    # The anonymized question and answer a handler reviewed for the public page (only with the asker's consent).
    public_question = models.TextField(_("published question"), blank=True)
    public_answer = models.TextField(_("published answer"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # A duplicate closed by a handler points at the case where it is handled; its asker follows it there.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged", verbose_name=_("merged into")
    )
    expert = models.ForeignKey(
        "Expert", null=True, blank=True, on_delete=models.PROTECT, related_name="cases", verbose_name=_("expert")
    )

    class Meta:
        verbose_name = _("青年之声 case")
        verbose_name_plural = _("青年之声 cases")
        ordering = ["-filed_at", "-pk"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["filed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="voice_case_rating_1_to_5",
            )
        ]

    def __str__(self):
        return self.number

    def clean(self):
        if self.subtype and self.category != self.Category.RIGHTS:
            raise ValidationError({"subtype": _("Only a rights claim has a kind.")}, code="CASE_SUBTYPE")


class CaseEvent(models.Model):
    """One step of a case, first-class: who, when, what, and whether the asker sees it (internal notes never)."""

    class Kind(models.TextChoices):
        FILED = "filed", _("Filed")
        ADDED = "added", _("Asker added")
        TAKEN = "taken", _("Taken")
        HANDED_OVER = "handed_over", _("Handed over")
        REPLY = "reply", _("Reply")
        NOTE = "note", _("Internal note")
        TRANSFERRED = "transferred", _("Transferred")
        ESCALATED = "escalated", _("Escalated")
        RESOLVED = "resolved", _("Resolved")
        RATED = "rated", _("Rated")
        FOLLOWED_UP = "followed_up", _("Follow-up call")
        REOPENED = "reopened", _("Reopened")
        HANDED_OUT = "handed_out", _("Handed to a hotline")
        PUBLISHED = "published", _("Published")
        MERGED = "merged", _("Merged")
        EXPERT = "expert", _("Expert assigned")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("case"))
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("text"), blank=True)
    public = models.BooleanField(_("shown to the asker"), default=False)
    from_organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who was told (escalations): the handlers of the organization escalated to, by name.
    notified = models.CharField(_("told"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case} {self.get_kind_display()}"


class CaseAttachment(models.Model):
    """A photo the asker sent with a case: re-encoded on arrival (no metadata, no hidden payload), seen by the
    case's handlers only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case"))
    file = models.FileField(_("file"), upload_to="voice/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("case attachment")
        verbose_name_plural = _("case attachments")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.case} #{self.pk}"


# The statuses in which a case is closed: no deadline runs, no escalation, no step but reading.
CLOSED_STATUSES = (Case.Status.RESOLVED, Case.Status.MERGED)


class Expert(TimeStampedModel):
    """A lawyer, counsellor or other professional the county registered to help on cases of the topics they take
    (categories and kinds of rights claims); a handler assigns one on a case."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("county committee")
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=50, blank=True)
    firm = models.CharField(_("organization or firm"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Codes of Case.Category and Case.Subtype; empty takes every topic.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["-active", "name", "pk"]

    def __str__(self):
        return f"{self.display_name}（{self.firm}）" if self.firm else self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (self.person.name if self.person_id else "")

    @property
    def topic_labels(self) -> list[str]:
        labels = {**dict(Case.Category.choices), **dict(Case.Subtype.choices)}
        return [str(labels.get(t, t)) for t in self.topics]

    def clean(self):
        if not self.name and not self.person_id:
            raise ValidationError({"name": _("Name the expert or choose a person.")}, code="EXPERT_NAME")
        allowed = set(Case.Category.values) | set(Case.Subtype.values)
        if not isinstance(self.topics, list) or not set(self.topics) <= allowed:
            raise ValidationError({"topics": _("Choose topics from the list.")}, code="EXPERT_TOPICS")

    def takes(self, case: Case) -> bool:
        """Whether the expert takes the case's topic (its category or its kind of rights claim)."""
        return not self.topics or case.category in self.topics or bool(case.subtype and case.subtype in self.topics)


class RightsDepartment(TimeStampedModel):
    """A school's student union has a rights department (权益部): recorded on the school's committee with its head."""

    organization = models.OneToOneField(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="rights_department",
        verbose_name=_("school"),
    )
    head = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("head")
    )
    since = models.DateField(_("since"))

    class Meta:
        verbose_name = _("rights department")
        verbose_name_plural = _("rights departments")

    def __str__(self):
        return f"{self.organization} · {_('rights department')}"


class Survey(TimeStampedModel):
    """A questionnaire for the rights research, sent to an organization's subtree through a link with a secret
    token; answered anonymously, without an account. Questions: [{"kind": single|multiple|text, "text": ...,
    "options": [...]}]."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Text")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("sent to")
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    questions = models.JSONField(_("questions"), default=list)
    token = models.CharField(max_length=40, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="voice_survey_dates")
        ]

    def __str__(self):
        return self.title


class SurveyResponse(models.Model):
    """One anonymous answer to a survey: nothing about who answered, only what ({"0": "option", "1": [...]})."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    answers = models.JSONField(_("answers"), default=dict)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.survey} #{self.pk}"
