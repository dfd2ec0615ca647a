"""Volunteer service: activities, sign-ups and attendance, the hour ledger, certificates and task forces.

The national rules (民政部令第67号) say whoever organizes records and whoever records certifies, and that
records are true, complete and correctable: a certified hour entry never changes; a correction is a new,
reasoned entry that references it.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel

# Cumulative certified hours at which a volunteer earns one more star (DOMAIN.md §6).
STAR_THRESHOLDS = (100, 300, 600, 1000, 1500)


def stars_for(hours) -> int:
    """The star level (0–5) of a volunteer with these cumulative certified hours."""
    return sum(1 for threshold in STAR_THRESHOLDS if hours >= threshold)


class Category(models.TextChoices):
    EPIDEMIC = "epidemic", _("Epidemic prevention")
    POVERTY = "poverty", _("Poverty alleviation")
    ECOLOGY = "ecology", _("Ecology and environment")
    COMMUNITY = "community", _("Community service")
    EDUCATION = "education", _("Education support")
    COUNTRYSIDE = "countryside", _("Countryside practice")
    CIVILITY = "civility", _("Civility campaigns")
    OTHER = "other", _("Other")


class VolunteerPolicy(TimeStampedModel):
    """How a county turns confirmed attendance into hours in a year: the rounding step and direction."""

    class Rounding(models.TextChoices):
        DOWN = "down", _("Round down")
        NEAREST = "nearest", _("Round to nearest")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rounding_minutes = models.PositiveSmallIntegerField(
        _("rounding step (minutes)"),
        default=30,
        help_text=_("Hours are counted in steps of this many minutes; 1 counts every minute."),
    )
    rounding_mode = models.CharField(_("rounding"), max_length=8, choices=Rounding.choices, default=Rounding.DOWN)
    max_hours_per_day = models.DecimalField(
        _("most hours per record and day"), max_digits=4, decimal_places=1, default=Decimal("12")
    )
    min_checkout_minutes = models.PositiveSmallIntegerField(
        _("shortest time from check-in to check-out (minutes)"),
        default=15,
        help_text=_("A check-out scan sooner than this after the check-in is refused, so one tap cannot do both."),
    )

    class Meta:
        verbose_name = _("volunteer policy")
        verbose_name_plural = _("volunteer policies")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="volunteer_policy_one_per_year"),
            models.CheckConstraint(condition=Q(rounding_minutes__gte=1), name="volunteer_policy_step_positive"),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"


class TaskForce(TimeStampedModel):
    """A youth task force (突击队) of an organization, ready to be deployed as a team."""

    class Field(models.TextChoices):
        POLICE = "police", _("Public security")
        TRAFFIC = "traffic", _("Traffic")
        TELECOM = "telecom", _("Communications")
        SUPPORT = "support", _("Service and logistics")
        MEDICAL = "medical", _("Medical")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISBANDED = "disbanded", _("Disbanded")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="task_forces",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=100)
    field = models.CharField(_("field"), max_length=16, choices=Field.choices)
    leader = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("leader")
    )
    founded_on = models.DateField(_("founded on"))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")
        ordering = ["-founded_on", "pk"]

    def __str__(self):
        return self.name


class TaskForceMember(TimeStampedModel):
    """A person's membership of a task force, from a date until a date (open while serving)."""

    task_force = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("task force member")
        verbose_name_plural = _("task force members")
        constraints = [
            models.UniqueConstraint(
                fields=["task_force", "person"], condition=Q(left_on__isnull=True), name="task_force_member_once"
            )
        ]

    def __str__(self):
        return f"{self.task_force} · {self.person}"


class Activity(TimeStampedModel):
    """A volunteer activity an organization organizes: when, where, for whom and how many."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Recruiting")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="activities", verbose_name=_("organizer")
    )
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("content"), blank=True)
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Empty: no limit."))
    # Who may sign up: young people registered in this subtree, or anyone registered when open_to_all.
    recruit_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recruiting from"),
    )
    open_to_all = models.BooleanField(_("open to every registered young person"), default=False)
    requirements = models.TextField(_("requirements"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    task_force = models.ForeignKey(
        TaskForce,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deployments",
        verbose_name=_("task force"),
    )
    # The QR code carries checkin_token; checkin_code is the short form a volunteer can type instead.
    checkin_token = models.CharField(max_length=32, unique=True, editable=False)
    checkin_code = models.CharField(_("check-in code"), max_length=8, unique=True, editable=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["organization", "starts_at"]), models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="activity_ends_after_start")
        ]

    def __str__(self):
        return self.title


class Signup(TimeStampedModel):
    """A person's sign-up for an activity, the organizer's decision, and the attendance times."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("Waiting list")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Attendance(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Not confirmed")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    # The person's organization when they signed up: the scope through which their own leaders see it.
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    note = models.CharField(_("note"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.UNCONFIRMED
    )
    confirmed_start = models.DateTimeField(_("confirmed start"), null=True, blank=True)
    confirmed_end = models.DateTimeField(_("confirmed end"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="signup_once_per_activity"),
            models.CheckConstraint(
                condition=Q(confirmed_end__isnull=True)
                | Q(confirmed_start__isnull=True)
                | Q(confirmed_end__gt=F("confirmed_start")),
                name="signup_confirmed_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.activity} · {self.person}"


class HourEntry(models.Model):
    """One line of the hour ledger: who served, for whom, when, how long and what; immutable once certified.

    A correction is its own entry with `corrects` set: its hours are the change (may be negative) and its
    times, when given, replace the corrected entry's. A person's total is the plain sum of certified entries.
    """

    class Source(models.TextChoices):
        ACTIVITY = "activity", _("Activity")
        TASK_FORCE = "task_force", _("Task force deployment")
        IMPORT = "import", _("Imported")
        CORRECTION = "correction", _("Correction")

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        CERTIFIED = "certified", _("Certified")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    # The person's organization when the service was recorded; totals per organization read it.
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    # Who organized, recorded and certifies the service.
    organizer = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organizer")
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.PROTECT, related_name="entries", verbose_name=_("activity")
    )
    signup = models.ForeignKey(Signup, null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    content = models.CharField(_("service content"), max_length=300)
    service_date = models.DateField(_("service date"))
    started_at = models.DateTimeField(_("from"), null=True, blank=True)
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECORDED)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("corrects")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # The other platform's record key for imported hours, so that a second import of the same row is refused.
    external_ref = models.CharField(_("source record"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    certified_at = models.DateTimeField(_("certified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("hour entry")
        verbose_name_plural = _("hour entries")
        ordering = ["-service_date", "-pk"]
        indexes = [
            models.Index(fields=["person", "service_date"]),
            models.Index(fields=["organization", "service_date"]),
            models.Index(fields=["organizer", "service_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(started_at__isnull=True) | Q(ended_at__gt=F("started_at")),
                name="hour_entry_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=False) | Q(hours__gt=0), name="hour_entry_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""), name="hour_entry_correction_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(status="recorded") | (Q(certified_at__isnull=False)),
                name="hour_entry_certified_has_time",
            ),
            models.UniqueConstraint(
                fields=["signup"],
                condition=Q(signup__isnull=False, corrects__isnull=True),
                name="hour_entry_one_per_signup",
            ),
        ]

    def __str__(self):
        return f"{self.person} {self.service_date} {self.hours}h"

    @property
    def correctable(self) -> bool:
        """Only a certified original entry is corrected (by a new entry); a recorded one is re-confirmed."""
        return self.status == self.Status.CERTIFIED and self.corrects_id is None


class CorrectionRequest(TimeStampedModel):
    """A volunteer's request that the organizer correct a certified entry, and the answer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting answer")
        ACCEPTED = "accepted", _("Corrected")
        REJECTED = "rejected", _("Rejected")

    entry = models.ForeignKey(HourEntry, on_delete=models.PROTECT, related_name="correction_requests")
    # The organizer of the entry, who answers.
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organizer")
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    hours = models.DecimalField(_("hours asked for"), max_digits=7, decimal_places=2)
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    correction = models.OneToOneField(
        HourEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="request"
    )

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=Q(status="pending"), name="correction_request_one_open_per_entry"
            )
        ]

    def __str__(self):
        return f"{self.entry} → {self.hours}"


class VolunteerNumber(models.Model):
    """A person's volunteer number (志愿者编号), the public identifier a certificate shows instead of the ID
    number: allocated by the county when first needed, or imported from the national system."""

    class Source(models.TextChoices):
        ALLOCATED = "allocated", _("Allocated by the county")
        IMPORTED = "imported", _("Imported")

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="volunteer_number", verbose_name=_("person")
    )
    county = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("county committee")
    )
    number = models.CharField(_("volunteer number"), max_length=32, unique=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.ALLOCATED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer number")
        verbose_name_plural = _("volunteer numbers")

    def __str__(self):
        return self.number


class StarRecognition(models.Model):
    """A star level recognized for a volunteer by a named body on a date. Hours only make a volunteer eligible
    (符合X星条件); a volunteer is a star volunteer (已认定X星) by such a record. The latest one counts."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="star_recognitions", verbose_name=_("person")
    )
    stars = models.PositiveSmallIntegerField(_("stars"))
    body = models.CharField(_("recognized by"), max_length=100)
    recognized_on = models.DateField(_("recognized on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("star recognition")
        verbose_name_plural = _("star recognitions")
        ordering = ["-recognized_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="star_recognition_stars_range")
        ]

    def __str__(self):
        return f"{self.person} {self.stars}★ {self.body} {self.recognized_on}"


class IssuerSettings(models.Model):
    """What an organization prints on the certificates it issues: its person in charge and a contact phone."""

    organization = models.OneToOneField(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="certificate_settings",
        verbose_name=_("issuer"),
    )
    person_in_charge = models.CharField(_("person in charge"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    def __str__(self):
        return str(self.organization)


class Certificate(models.Model):
    """A numbered service certificate (志愿服务记录证明) for a person and period, frozen when issued."""

    number = models.CharField(_("certificate number"), max_length=32, unique=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuer")
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    # The service lines as they stood when issued: [{"date", "content", "organizer", "hours"}, …].
    lines = models.JSONField(_("service"), default=list)
    handler = models.CharField(_("handled by"), max_length=50)
    # Frozen when issued: the volunteer's number and the issuer's person in charge and contact as they were.
    volunteer_number = models.CharField(_("volunteer number"), max_length=32, blank=True, default="")
    person_in_charge = models.CharField(_("person in charge"), max_length=50, blank=True, default="")
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True, default="")
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The secret part of the public verification address.
    token = models.CharField(max_length=32, unique=True, editable=False)

    class Meta:
        verbose_name = _("service certificate")
        verbose_name_plural = _("service certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="certificate_period_order")
        ]

    def __str__(self):
        return self.number


# Badge colour of each status (tuanwu.core.badges); a value shared by two choices has one colour.
BADGES = {
    TaskForce.Status.ACTIVE: "success",
    TaskForce.Status.DISBANDED: "secondary",
    Activity.Status.DRAFT: "light",
    Activity.Status.PUBLISHED: "primary",
    Activity.Status.RUNNING: "success",
    Activity.Status.FINISHED: "secondary",
    Activity.Status.CANCELLED: "secondary",
    Signup.Status.PENDING: "warning",
    Signup.Status.APPROVED: "success",
    Signup.Status.WAITLISTED: "info",
    Signup.Status.DECLINED: "danger",
    Signup.Status.WITHDRAWN: "secondary",
    Signup.Attendance.PRESENT: "success",
    Signup.Attendance.ABSENT: "danger",
    HourEntry.Status.RECORDED: "warning",
    HourEntry.Status.CERTIFIED: "success",
    CorrectionRequest.Status.PENDING: "warning",
    CorrectionRequest.Status.ACCEPTED: "success",
    CorrectionRequest.Status.REJECTED: "danger",
}
