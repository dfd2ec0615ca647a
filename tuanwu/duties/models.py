"""履职: the terms of the League's congress and committee, who holds a mandate in them (委员, 候补委员, 常委,
代表), and the duties each performs (meetings attended, proposals, research, contact work)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tuanwu.core.models import TimeStampedModel


class Term(TimeStampedModel):
    """One term of a committee and its congress (e.g. 共青团青禾县第十五次代表大会), held by an organization."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="duty_terms",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="term_unique_name"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name


class MandateKind(models.TextChoices):
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    ALTERNATE = "alternate", _("Alternate member")
    STANDING_COMMITTEE = "standing_committee", _("Standing committee member")
    DELEGATE = "delegate", _("Congress delegate")


class Mandate(TimeStampedModel):
    """A person's seat in a term (委员, 候补委员, 常委 or 代表) from one date until another; the person's own
    organization is the row's scope, so a committee sees the delegates it sent."""

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("term"))
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="mandates", verbose_name=_("person")
    )
    # The person's organization when the mandate was recorded: where the seat is seen from below.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="duty_mandates",
        verbose_name=_("organization"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=MandateKind.choices)
    from_on = models.DateField(_("from"))
    until_on = models.DateField(_("until"), null=True, blank=True)
    delegation = models.CharField(_("delegation or constituency"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["term", "kind", "person__name"]
        indexes = [models.Index(fields=["organization", "term"])]
        constraints = [
            models.UniqueConstraint(fields=["term", "person", "kind"], name="mandate_unique_person_kind"),
            models.CheckConstraint(
                condition=Q(until_on__isnull=True) | Q(until_on__gte=F("from_on")), name="mandate_until_after_from"
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()}"

    def covers(self, day) -> bool:
        return self.from_on <= day and (self.until_on is None or day <= self.until_on)


class DutyKind(models.TextChoices):
    MEETING_ATTENDED = "meeting_attended", _("Meeting attended")
    PROPOSAL = "proposal", pgettext_lazy("duty", "Proposal")
    RESEARCH = "research", _("Research")
    CONTACT_WORK = "contact_work", _("Contact work")
    TRAINING = "training", pgettext_lazy("duty", "Training")
    OTHER = "other", pgettext_lazy("duty", "Other")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ADOPTED = "adopted", _("Adopted")
    HANDLED = "handled", _("Handled")


class DutyRecord(TimeStampedModel):
    """One duty performed under a mandate on a day: a meeting attended, a proposal (with where it stands), a
    piece of research, contact work, training."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="duties", verbose_name=_("mandate"))
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=24, choices=DutyKind.choices)
    title = models.CharField(pgettext_lazy("duty", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    proposal_status = models.CharField(_("proposal status"), max_length=16, choices=ProposalStatus.choices, blank=True)

    class Meta:
        verbose_name = _("duty record")
        verbose_name_plural = _("duty records")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["mandate", "date"])]
        constraints = [
            models.UniqueConstraint(fields=["mandate", "date", "kind", "title"], name="duty_unique_entry"),
            models.CheckConstraint(
                condition=Q(kind="proposal") | Q(proposal_status=""), name="duty_status_only_for_proposals"
            ),
        ]

    def __str__(self):
        return self.title
