"""League discipline (团的纪律处分): a case decided by the branch meeting, approved by the committee above, with the
member's statement and the member's appeal."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tuanwu.core.models import TimeStampedModel


class Sanction(models.TextChoices):
    WARNING = "warning", pgettext_lazy("sanction", "Warning")
    SERIOUS_WARNING = "serious_warning", _("Serious warning")
    POST_REMOVAL = "post_removal", _("Removal from League posts")
    PROBATION = "probation", _("Probation within the League")
    EXPULSION = "expulsion", _("Expulsion from the League")


# 留团察看: one year as a rule, two at most (团章 art. 40).
PROBATION_MONTHS_DEFAULT = 12
PROBATION_MONTHS_MAX = 24


class DisciplineCase(TimeStampedModel):
    """One sanction against a member: the branch meeting's decision with the facts and the member's statement,
    the committee above's approval, and the member's appeal with its answer."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting approval")
        IN_FORCE = "in_force", _("In force")
        NOT_APPROVED = "not_approved", _("Not approved")
        REVOKED = "revoked", _("Revoked on appeal")
        CONCLUDED = "concluded", _("Probation ended, rights restored")

    class AppealResult(models.TextChoices):
        UPHELD = "upheld", _("Appeal upheld: sanction revoked")
        DISMISSED = "dismissed", _("Appeal dismissed: sanction stands")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="discipline_cases", verbose_name=_("member")
    )
    sanction = models.CharField(_("sanction"), max_length=16, choices=Sanction.choices)
    facts = models.TextField(_("facts and grounds"))
    decided_on = models.DateField(_("branch meeting held on"))
    # The right to be heard: what the member said, or that the member declined to speak.
    statement = models.TextField(_("member's statement"), blank=True)
    statement_waived = models.BooleanField(_("the member declined to make a statement"), default=False)
    post = models.ForeignKey(
        "people.CadrePost",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("post removed"),
    )
    probation_months = models.PositiveSmallIntegerField(_("probation (months)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    probation_ends_on = models.DateField(_("probation ends on"), null=True, blank=True)
    concluded_on = models.DateField(_("ended on"), null=True, blank=True)
    decision_note = models.TextField(_("committee's note"), blank=True)
    appeal = models.TextField(_("appeal"), blank=True)
    appeal_lodged_on = models.DateField(_("appeal lodged on"), null=True, blank=True)
    appeal_result = models.CharField(_("appeal result"), max_length=16, choices=AppealResult.choices, blank=True)
    appeal_answer = models.TextField(_("answer to the appeal"), blank=True)
    appeal_answered_on = models.DateField(_("appeal answered on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("discipline case")
        verbose_name_plural = _("discipline cases")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["organization", "status"]), models.Index(fields=["person", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sanction="probation")
                | Q(probation_months__gte=1, probation_months__lte=PROBATION_MONTHS_MAX),
                name="discipline_probation_months_range",
            ),
            models.CheckConstraint(condition=~Q(statement="", statement_waived=False), name="discipline_member_heard"),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_sanction_display()}"


class DisciplineStep(models.Model):
    """One step of a discipline case (decision, approval, appeal, answer): who, when, and what was said."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", _("Decided by the branch meeting")
        APPROVE = "approve", _("Approved by the committee above")
        REJECT = "reject", _("Not approved by the committee above")
        APPEAL = "appeal", _("Appeal lodged")
        ANSWER = "answer", _("Appeal answered")
        CONCLUDE = "conclude", _("Probation ended")

    case = models.ForeignKey(DisciplineCase, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("discipline step")
        verbose_name_plural = _("discipline steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.case} · {self.get_kind_display()}"


# Badge colours (tuanwu.core.badges).
DISCIPLINE_BADGES = {
    DisciplineCase.Status.SUBMITTED: "warning",
    DisciplineCase.Status.IN_FORCE: "danger",
    DisciplineCase.Status.NOT_APPROVED: "secondary",
    DisciplineCase.Status.REVOKED: "secondary",
    DisciplineCase.Status.CONCLUDED: "success",
}
