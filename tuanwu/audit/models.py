"""What the change history (django-auditlog) does not hold: access to personal data and batch events."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """Someone saw personal data in clear, exported it or searched by it; written when unmasking, by every
    export and by every search by ID number or phone."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed in clear")
        EXPORT = "export", _("Exported")
        SEARCH = "search", _("Searched by ID number or phone")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # The organization whose data was seen: the person's, or the exported list's scope.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person"),
    )
    subject = models.CharField(_("whose data"), max_length=200)
    fields = models.CharField(_("fields"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"), default=1)
    remote_addr = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()} {self.subject}"


# The kinds of bulk change, by the code the writing module records (a new importer adds its own here).
BATCH_KINDS = {
    "demo": _("Demo data generated"),
    "member_import": _("Members imported"),
    "organization_import": _("Organizations imported"),
    "volunteer_hour_import": _("Volunteer hours imported"),
    "study_import": _("Youth study participation imported"),
    "meeting_import": _("Meetings imported"),
    "lesson_credits_migrated": _("Lesson hours moved to paper records"),
    "dues_bill": _("Dues bill read"),
    "dues_payments": _("Dues payments imported"),
    "directory_import": _("Two-new directory imported"),
    "mandate_import": _("Committee members and delegates imported"),
    "media_figures_import": _("Media accounts' monthly figures imported"),
    "contacts_import": _("Direct contacts imported"),
}


class BatchEvent(models.Model):
    """A bulk write that bypassed per-row history (an import, a generated data set), recorded once."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    kind = models.CharField(_("kind"), max_length=50)
    description = models.CharField(_("description"), max_length=500)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        verbose_name = _("batch event")
        verbose_name_plural = _("batch events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} ({self.rows})"

    @property
    def kind_label(self) -> str:
        return str(BATCH_KINDS.get(self.kind, self.kind))
