"""Transfers of a member's organizational relation (组织关系转接) and graduating classes (学社衔接)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class TransferPolicy(TimeStampedModel):
    """A county's transfer rules for a year: how many days each side has to answer before a request lapses, and
    the graduates' season (transfers started by one day, completed by another). The defaults are DOMAIN §9."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    answer_days = models.PositiveSmallIntegerField(_("days to answer a transfer request"), default=10)
    season_opens_month = models.PositiveSmallIntegerField(_("graduates' season opens (month)"), default=5)
    season_opens_day = models.PositiveSmallIntegerField(_("graduates' season opens (day)"), default=1)
    start_by_month = models.PositiveSmallIntegerField(_("graduates' transfers started by (month)"), default=6)
    start_by_day = models.PositiveSmallIntegerField(_("graduates' transfers started by (day)"), default=30)
    finish_by_month = models.PositiveSmallIntegerField(_("graduates' transfers completed by (month)"), default=11)
    finish_by_day = models.PositiveSmallIntegerField(_("graduates' transfers completed by (day)"), default=30)
    # 未升学未就业: the school may keep the relation this long (months), at most kept_max_months.
    kept_months = models.PositiveSmallIntegerField(_("school keeps unplaced graduates (months)"), default=6)
    kept_max_months = models.PositiveSmallIntegerField(
        _("school keeps unplaced graduates at most (months)"), default=12
    )

    class Meta:
        verbose_name = _("transfer policy")
        verbose_name_plural = _("transfer policies")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="transfer_policy_once")]

    def __str__(self):
        return f"{self.organization} · {self.year}"


class GraduatingClass(TimeStampedModel):
    """A school branch's expected graduation date (预计毕业时间), marked by the committee above; the class is sent
    out as a whole in the graduates' season."""

    organization = models.OneToOneField(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="graduating_class",
        verbose_name=_("branch"),
    )
    expected_on = models.DateField(_("expected graduation date"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("graduating class")
        verbose_name_plural = _("graduating classes")

    def __str__(self):
        return f"{self.organization} · {self.expected_on}"


class Destination(models.TextChoices):
    """Where a graduate goes (毕业去向), each with its own rule (DOMAIN §9)."""

    FURTHER_STUDY = "further_study", _("Further study (升学)")
    EMPLOYED = "employed", _("Employed (就业)")
    UNPLACED = "unplaced", _("Neither studying nor employed (未就业)")
    UNPLACED_KEPT = "unplaced_kept", _("Unplaced, kept by the school (流动团员团支部)")
    MILITARY = "military", _("Military or classified unit (参军)")
    ABROAD = "abroad", _("Study abroad (出国(境))")
    DEFERRED = "deferred", _("Graduation deferred (延迟毕业)")


# Destinations where the relation stays with the school: no transfer, and they do not count against the rate.
STAYING_DESTINATIONS = frozenset({Destination.ABROAD, Destination.DEFERRED})


class Transfer(TimeStampedModel):
    """A request to move a member's organizational relation from one organization to another: the sending side
    approves, the receiving side accepts; either may reject with a reason; unanswered in time, it lapses."""

    class Status(models.TextChoices):
        AWAITING_SENDER = "awaiting_sender", _("Awaiting the sending side")
        AWAITING_RECEIVER = "awaiting_receiver", _("Awaiting the receiving side")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", _("Rejected")
        LAPSED = "lapsed", _("Lapsed")

    class Direction(models.TextChoices):
        WITHIN = "within", _("Within the county")
        OUT = "out", _("Out of the county")
        IN = "in", _("Into the county")

    class Initiator(models.TextChoices):
        SENDER = "sender", _("Sending organization")
        RECEIVER = "receiver", _("Receiving organization")
        MEMBER = "member", _("The member")

    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("member"),
    )
    # The sending organization (the member's branch); empty for a transfer into the county.
    origin = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_out",
        verbose_name=_("from"),
    )
    # The receiving organization in TuanWu; empty for a transfer out of the county.
    destination = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
        verbose_name=_("to"),
    )
    # The branch the receiving side assigned, when the destination is above branch level.
    branch = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned branch"),
    )
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    initiator = models.CharField(_("started by"), max_length=8, choices=Initiator.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # The organization outside TuanWu (out: where the member goes; in: where the letter comes from).
    external_name = models.CharField(_("organization outside TuanWu"), max_length=200, blank=True)
    letter_number = models.CharField(_("transfer letter number"), max_length=40, blank=True)
    # A transfer in from outside carries the letter's details until the member is registered on acceptance.
    letter_name = models.CharField(_("name on the letter"), max_length=50, blank=True)
    letter_id_number = models.CharField(_("ID number on the letter"), max_length=32, blank=True)
    letter_join_date = models.DateField(_("join date on the letter"), null=True, blank=True)
    letter_development_number = models.CharField(_("development number on the letter"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    started_on = models.DateField(_("started on"))
    # The side whose turn it is must answer by this day; the day after, the request lapses.
    due_on = models.DateField(_("answer due by"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.member_name} · {self.get_status_display()}"

    @property
    def member_name(self) -> str:
        return self.person.name if self.person_id else self.letter_name

    @property
    def from_name(self) -> str:
        return self.origin.name if self.origin_id else self.external_name

    @property
    def to_name(self) -> str:
        return self.destination.name if self.destination_id else self.external_name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


OPEN_STATUSES = frozenset({Transfer.Status.AWAITING_SENDER, Transfer.Status.AWAITING_RECEIVER})


class TransferStep(models.Model):
    """One step of a transfer: who took it, for which side, when, the decision and the reason."""

    class Action(models.TextChoices):
        START = "start", _("Started")
        APPROVE = "approve", _("Approved by the sending side")
        ACCEPT = "accept", _("Accepted by the receiving side")
        REJECT = "reject", _("Rejected")
        LAPSE = "lapse", _("Lapsed unanswered")

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("step"), max_length=12, choices=Action.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("transfer step")
        verbose_name_plural = _("transfer steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.transfer_id} · {self.get_action_display()}"


class Graduate(models.Model):
    """One member of a graduating class as the committee sent it: the destination (毕业去向) and the transfer it
    started, if any (abroad and deferred graduates stay with the school)."""

    graduating_class = models.ForeignKey(
        GraduatingClass, on_delete=models.CASCADE, related_name="graduates", verbose_name=_("graduating class")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("member"))
    destination = models.CharField(_("destination"), max_length=16, choices=Destination.choices)
    transfer = models.OneToOneField(
        Transfer, null=True, blank=True, on_delete=models.SET_NULL, related_name="graduate", verbose_name=_("transfer")
    )
    # 未就业 kept by the school: until this day, then sent on to the township.
    kept_until = models.DateField(_("kept by the school until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("graduate")
        verbose_name_plural = _("graduates")
        constraints = [models.UniqueConstraint(fields=["graduating_class", "person"], name="graduate_once")]

    def __str__(self):
        return f"{self.person_id} · {self.get_destination_display()}"
