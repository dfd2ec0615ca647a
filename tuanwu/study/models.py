"""青年大学习: seasons and weekly episodes, who studied (from the province's export, matched to the roster), the
member base frozen at each episode's date, and the county's own provincial rank."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class Season(TimeStampedModel):
    """A season (季) of episodes."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["-starts_on"]

    def __str__(self):
        return self.title


class Episode(TimeStampedModel):
    """One episode (期): its date fixes the member base its participation rate divides by."""

    season = models.ForeignKey(Season, on_delete=models.PROTECT, related_name="episodes", verbose_name=_("season"))
    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    released_on = models.DateField(_("date"))
    province_rank = models.PositiveIntegerField(_("the county's rank in the province"), null=True, blank=True)
    province_total = models.PositiveIntegerField(_("counties ranked"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_file = models.CharField(_("file"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")
        ordering = ["-released_on", "-pk"]

    def __str__(self):
        return self.title


class MemberBase(models.Model):
    """Members on the roll of one organization (its own branch roll, not its subtree) on the episode's date."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="bases")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    members = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["episode", "organization"], name="member_base_once")]

    def __str__(self):
        return f"{self.episode} · {self.organization_id}: {self.members}"


class Participation(models.Model):
    """One learner of an episode as the province's export lists them, and whom they were matched to."""

    class Match(models.TextChoices):
        NUMBER = "number", _("Student or staff number")
        ID_NUMBER = "id_number", _("ID number")
        NAME_ORG = "name_org", _("Name and organization")
        MANUAL = "manual", _("Matched by hand")
        AMBIGUOUS = "ambiguous", _("Ambiguous")
        UNMATCHED = "unmatched", _("Not matched")
        DISMISSED = "dismissed", _("Set aside")

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="participations")
    row = models.PositiveIntegerField(_("row"))
    name = models.CharField(_("name"), max_length=50, blank=True)
    number = models.CharField(_("student or staff number"), max_length=64, blank=True)
    unit = models.CharField(_("organization in the export"), max_length=300, blank=True)
    studied_at = models.DateTimeField(_("studied at"), null=True, blank=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The person's organization when matched: the participation counts for it and the organizations above.
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_member = models.BooleanField(_("member"), default=False)
    match = models.CharField(_("match"), max_length=16, choices=Match.choices)
    # Proposals for a person to confirm: [{"person": id, "name": "…", "organization": "…", "score": 0–100}].
    proposals = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["row"]
        indexes = [models.Index(fields=["episode", "organization"]), models.Index(fields=["episode", "match"])]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "person"], condition=Q(person__isnull=False), name="participation_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.episode} · {self.name}"


# The matches that count a learner as a participant.
MATCHED = (
    Participation.Match.NUMBER,
    Participation.Match.ID_NUMBER,
    Participation.Match.NAME_ORG,
    Participation.Match.MANUAL,
)
