"""Member development (发展团员): applications and their dated steps, general meetings and votes, quotas with
development-number ranges, ceremonies, and each county's yearly policy (DOMAIN.md §4)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class Assessment(models.TextChoices):
    """Political assessment (思政考评) results, best first."""

    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


ASSESSMENT_RANK = {Assessment.EXCELLENT: 4, Assessment.GOOD: 3, Assessment.FAIR: 2, Assessment.POOR: 1}


class Step(models.TextChoices):
    APPLY = "apply", _("Application")
    INTERVIEW = "interview", _("Interview")
    ACTIVIST = "activist", _("Activist")
    TRAINING = "training", _("Training")
    CANDIDATE = "candidate", _("Candidate")
    PREREVIEW = "prereview", _("Prereview and admission form")
    INTRODUCERS = "introducers", _("Introducers")
    MEETING = "meeting", _("General meeting")
    APPROVE = "approve", _("Approval")
    CEREMONY = "ceremony", _("Ceremony")
    ARCHIVE = "archive", _("Form archived")
    SEND_BACK = "send_back", _("Sent back")
    CLOSE = "close", _("Closed")


class AdmissionPolicy(TimeStampedModel):
    """A county's numbers for a year's admissions; the defaults are the League's rules and the 2020 plan's."""

    class MajorityBase(models.TextChoices):
        EXPECTED = "expected", _("Members expected to attend")
        PRESENT = "present", _("Members present")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    min_age = models.PositiveSmallIntegerField(_("youngest age at the general meeting"), default=14)
    max_age = models.PositiveSmallIntegerField(_("oldest age at the general meeting"), default=28)
    interview_days = models.PositiveSmallIntegerField(_("days from application to interview"), default=30)
    activist_months = models.PositiveSmallIntegerField(_("months as activist before candidacy"), default=3)
    lesson_hours = models.DecimalField(_("lesson hours required"), max_digits=4, decimal_places=1, default=Decimal(8))
    volunteer_hours = models.DecimalField(
        _("volunteer hours required in the calendar year"), max_digits=5, decimal_places=1, default=Decimal(20)
    )
    min_assessment = models.CharField(
        _("lowest political assessment"), max_length=16, choices=Assessment.choices, default=Assessment.GOOD
    )
    introducer_limit = models.PositiveSmallIntegerField(_("candidacies per introducer and meeting"), default=3)
    majority_base = models.CharField(
        _("majority counted of"), max_length=16, choices=MajorityBase.choices, default=MajorityBase.EXPECTED
    )
    approval_days = models.PositiveSmallIntegerField(_("days from general meeting to approval"), default=30)
    archive_days = models.PositiveSmallIntegerField(_("days from approval to archived form"), default=30)
    # 入团仪式仪程规范 (2023): the ceremony within 3 months of admission.
    ceremony_months = models.PositiveSmallIntegerField(_("months from approval to ceremony"), default=3)
    ratio_junior = models.PositiveSmallIntegerField(
        _("member share cap, junior high graduating classes (%)"), default=30
    )
    ratio_senior = models.PositiveSmallIntegerField(
        _("member share cap, senior high graduating classes (%)"), default=60
    )
    ratio_blocks = models.BooleanField(_("block admissions above the cap (otherwise warn)"), default=False)

    class Meta:
        verbose_name = _("admission policy")
        verbose_name_plural = _("admission policies")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="admission_policy_one_per_year")]

    def __str__(self):
        return f"{self.organization} {self.year}"


class Quota(TimeStampedModel):
    """An organization's number of admissions for a year, handed down from the committee above, with the range
    of development numbers drawn for them."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="quotas", verbose_name=_("organization")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    count = models.PositiveIntegerField(_("admissions"))
    # Development numbers: 12 digits, the first four the year; the county's range is split down the tree.
    number_from = models.CharField(_("first development number"), max_length=12, blank=True)
    number_to = models.CharField(_("last development number"), max_length=12, blank=True)
    # The counter of the range before the numbering app took over: read once, to start its series.
    next_number = models.CharField(max_length=12, blank=True, editable=False)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="quota_one_per_year")]

    def __str__(self):
        return f"{self.organization} {self.year}: {self.count}"


class GeneralMeeting(TimeStampedModel):
    """A branch's general meeting that voted on candidates; one vote row per candidate."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    held_on = models.DateField(_("held on"))
    voting_members = models.PositiveIntegerField(_("members entitled to vote"))
    # The branch's roster on the meeting date; a count other than it is kept with the reason for the correction.
    roster_voting = models.PositiveIntegerField(_("members entitled to vote by the roster"), null=True, blank=True)
    voting_reason = models.TextField(_("reason for correcting the entitled voters"), blank=True)
    present = models.PositiveIntegerField(_("members present"))
    chair = models.CharField(_("chair"), max_length=50)
    recorder = models.CharField(_("recorder"), max_length=50)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("general meeting")
        verbose_name_plural = _("general meetings")
        constraints = [
            models.CheckConstraint(condition=Q(present__lte=F("voting_members")), name="meeting_present_le_voting")
        ]

    def __str__(self):
        return f"{self.organization} {self.held_on}"


class Ceremony(TimeStampedModel):
    """An admission ceremony (入团仪式) for one or several new members."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    oath_leader = models.CharField(_("oath leader"), max_length=50)
    attendees = models.TextField(_("attendees"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="ceremonies/%Y/", blank=True)

    class Meta:
        verbose_name = _("ceremony")
        verbose_name_plural = _("ceremonies")

    def __str__(self):
        return f"{self.organization} {self.held_on}"


class Application(TimeStampedModel):
    """One young person's way from application to membership, with the date and facts of every step."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        INTERVIEWED = "interviewed", _("Interviewed")
        ACTIVIST = "activist", _("Activist")
        CANDIDATE = "candidate", _("Candidate")
        VOTED = "voted", _("Passed the general meeting")
        ADMITTED = "admitted", _("Admitted")
        CLOSED = "closed", _("Closed")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    # The branch the application was made to; scoping and every step's rights go through it.
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)
    applied_on = models.DateField(_("applied on"))
    interviewed_on = models.DateField(_("interviewed on"), null=True, blank=True)
    activist_on = models.DateField(_("activist since"), null=True, blank=True)
    guides = models.CharField(_("guides"), max_length=100, blank=True)
    lesson_hours = models.DecimalField(_("lesson hours"), max_digits=4, decimal_places=1, default=Decimal(0))
    assessment = models.CharField(_("political assessment"), max_length=16, choices=Assessment.choices, blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    candidate_on = models.DateField(_("candidate since"), null=True, blank=True)
    prereviewed_on = models.DateField(_("prereviewed on"), null=True, blank=True)
    form_number = models.CharField(_("admission form number"), max_length=32, null=True, blank=True, unique=True)
    introducer_1 = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("introducer")
    )
    introducer_2 = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("second introducer"),
    )
    meeting = models.ForeignKey(
        GeneralMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    votes_yes = models.PositiveIntegerField(_("yes"), null=True, blank=True)
    votes_no = models.PositiveIntegerField(_("no"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    development_number = models.CharField(_("development number"), max_length=12, null=True, blank=True, unique=True)
    ceremony = models.ForeignKey(Ceremony, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    archived_on = models.DateField(_("form archived on"), null=True, blank=True)
    form_file = models.FileField(_("archived form"), upload_to="admission-forms/%Y/", blank=True)
    closed_reason = models.CharField(_("reason closed"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-applied_on", "-pk"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            # One open application per person at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(status__in=["admitted", "closed"]),
                name="application_one_open_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.get_status_display()}"


class ApplicationStep(models.Model):
    """One step on an application's timeline: which, dated when, by whom, sent back or not, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=24, choices=Step.choices)
    on = models.DateField(_("date"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    sent_back = models.BooleanField(default=False)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application} · {self.step}"
