"""Exits prepared by the lifecycle: the lapse proposal (自行脱团) that a branch meeting turns into the membership's
lapse exit request."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class LapseProposal(TimeStampedModel):
    """A member proposed for lapse after six consecutive months without organizational life and without dues,
    with what the records showed on the day; the branch meeting's decision files the exit request."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting the branch meeting")
        EXIT_REQUESTED = "exit_requested", _("Lapse requested from the committee above")
        DROPPED = "dropped", _("Dropped")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="lapse_proposals", verbose_name=_("member")
    )
    as_of = models.DateField(_("checked on"))
    first_month = models.DateField(_("first month without"))
    last_month = models.DateField(_("last month without"))
    last_attended_on = models.DateField(_("last organizational life attended on"), null=True, blank=True)
    dues_checked = models.BooleanField(_("dues records checked"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    meeting_on = models.DateField(_("branch meeting held on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("lapse proposal")
        verbose_name_plural = _("lapse proposals")
        ordering = ["-as_of", "-pk"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="proposed"), name="lapse_proposal_one_open"
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.get_status_display()}"


EXIT_BADGES = {
    LapseProposal.Status.PROPOSED: "warning",
    LapseProposal.Status.EXIT_REQUESTED: "info",
    LapseProposal.Status.DROPPED: "secondary",
}
