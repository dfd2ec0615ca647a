"""Yearly evaluation (教育评议) and registration (团籍注册): the county's policy, a branch's evaluation with each
member's grade and its follow-up (talk, rectification, re-evaluation, appeal), and each member's registration
stamp of the year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    QUALIFIED = "qualified", _("Qualified")
    BASIC = "basic", _("Basically qualified")
    UNQUALIFIED = "unqualified", _("Unqualified")


# Grades that allow the registration (团籍注册): 基本合格 or better.
REGISTRABLE_GRADES = frozenset({Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASIC})


class LifecyclePolicy(TimeStampedModel):
    """A county's evaluation and registration rules for a year: the cap on 优秀, the rectification and deferral
    periods, and the registration window. The defaults are DOMAIN §5 and §9."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    excellent_cap = models.PositiveSmallIntegerField(_("excellent at most (% of those evaluated)"), default=30)
    rectification_months = models.PositiveSmallIntegerField(_("rectification period (months, 3–6)"), default=3)
    deferral_months = models.PositiveSmallIntegerField(_("deferred registration (months, 3–6)"), default=3)
    registration_opens = models.DateField(_("registration opens on"), null=True, blank=True)
    registration_closes = models.DateField(_("registration closes on"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation and registration policy")
        verbose_name_plural = _("evaluation and registration policies")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="lifecycle_policy_one_per_year"),
            models.CheckConstraint(
                condition=Q(rectification_months__gte=3, rectification_months__lte=6),
                name="lifecycle_policy_rectification_3_6",
                violation_error_message=_("The rectification period is 3 to 6 months."),
            ),
            models.CheckConstraint(
                condition=Q(deferral_months__gte=3, deferral_months__lte=6),
                name="lifecycle_policy_deferral_3_6",
                violation_error_message=_("A deferred registration lasts 3 to 6 months."),
            ),
            models.CheckConstraint(
                condition=Q(excellent_cap__lte=100),
                name="lifecycle_policy_cap_percent",
                violation_error_message=_("A share of at most 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gte=models.F("registration_opens")),
                name="lifecycle_policy_window_order",
                violation_error_message=_("The registration window closes after it opens."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"


class Evaluation(TimeStampedModel):
    """A branch's evaluation of a year: the branch meeting that held it, the grades its committee proposed, and the
    decision of the committee above."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # The branch meeting (支部大会): a recorded general meeting, or its date and numbers entered here.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("general meeting"),
    )
    meeting_held_on = models.DateField(_("general meeting held on"), null=True, blank=True)
    meeting_expected = models.PositiveIntegerField(_("members expected"), null=True, blank=True)
    meeting_present = models.PositiveIntegerField(_("members present"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-year", "organization__path"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="evaluation_one_per_year")]

    def __str__(self):
        return f"{self.organization} {self.year}"


class EvaluationEntry(TimeStampedModel):
    """One member in a branch's evaluation: self-assessment, proposed grade, and the follow-up its grade calls
    for (三会两制一课细则 arts. 34–36)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="entries")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    membership = models.ForeignKey(
        "people.Membership", on_delete=models.CASCADE, related_name="evaluation_entries", verbose_name=_("member")
    )
    # Party members keep 团籍 but sit out the evaluation unless they opt in.
    party_member = models.BooleanField(_("Party member"), default=False)
    opted_in = models.BooleanField(_("takes part"), default=True)
    self_assessment = models.TextField(_("self-assessment"), blank=True)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices, blank=True)
    # 基本合格: the secretary's talk.
    talk_on = models.DateField(_("talk held on"), null=True, blank=True)
    talk_note = models.TextField(_("talk note"), blank=True)
    # 不合格: the period to improve, then the re-evaluation.
    rectification_until = models.DateField(_("rectification until"), null=True, blank=True)
    regrade = models.CharField(_("grade on re-evaluation"), max_length=16, choices=Grade.choices, blank=True)
    regraded_on = models.DateField(_("re-evaluated on"), null=True, blank=True)
    appeal = models.TextField(_("appeal"), blank=True)
    appealed_on = models.DateField(_("appealed on"), null=True, blank=True)
    appeal_answer = models.TextField(_("answer to the appeal"), blank=True)
    appeal_answered_on = models.DateField(_("appeal answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation entry")
        verbose_name_plural = _("evaluation entries")
        ordering = ["evaluation", "pk"]
        indexes = [models.Index(fields=["organization", "grade"])]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "membership"], name="evaluation_entry_once"),
        ]

    def __str__(self):
        return f"{self.evaluation} · {self.membership_id}"

    @property
    def final_grade(self) -> str:
        """The grade that stands: the re-evaluation's when there was one."""
        return self.regrade or self.grade

    @property
    def evaluated(self) -> bool:
        return self.opted_in or not self.party_member


class Registration(TimeStampedModel):
    """A member's registration (团籍注册) of a year: registered on a date, or deferred until a deadline and then
    registered or left unregistered."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        DEFERRED = "deferred", _("Deferred")
        UNREGISTERED = "unregistered", _("Not registered")

    membership = models.ForeignKey(
        "people.Membership", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("member")
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    deferred_on = models.DateField(_("deferred on"), null=True, blank=True)
    deferred_until = models.DateField(_("deferred until"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-year", "pk"]
        indexes = [models.Index(fields=["organization", "year", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["membership", "year"], name="registration_one_per_year"),
            models.CheckConstraint(
                condition=~Q(status="registered") | Q(registered_on__isnull=False),
                name="registration_registered_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="deferred") | Q(deferred_until__isnull=False),
                name="registration_deferred_has_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.membership_id} {self.year} · {self.get_status_display()}"


BADGES = {
    Evaluation.Status.DRAFT: "light",
    Evaluation.Status.SUBMITTED: "warning",
    Evaluation.Status.APPROVED: "success",
    Evaluation.Status.RETURNED: "danger",
    Registration.Status.REGISTERED: "success",
    Registration.Status.DEFERRED: "warning",
    Registration.Status.UNREGISTERED: "danger",
    Grade.EXCELLENT: "success",
    Grade.QUALIFIED: "primary",
    Grade.BASIC: "warning",
    Grade.UNQUALIFIED: "danger",
}
