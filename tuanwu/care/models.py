"""Care for young people in difficulty (困难青少年关爱) and assistance projects (帮扶): the register of cases each
followed by someone, the measures taken, the festival campaigns (送温暖) and the projects with their inputs.

Most people in the register are minors: a record is seen only by its follower, the line above and the county,
and every view of one is logged."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class Difficulty(models.TextChoices):
    ECONOMIC = "economic", _("Economic hardship")
    ACADEMIC = "academic", _("Academic difficulty")
    PSYCHOLOGICAL = "psychological", _("Psychological difficulty")
    SOCIAL = "social", _("Social difficulty")
    MOTIVATION = "motivation", _("Lack of motivation")
    FAMILY = "family", _("Family difficulty")


class CareRecord(TimeStampedModel):
    """One young person in difficulty taken into care: who, why, who follows the case, whose consent allows it,
    and how it ended."""

    class Status(models.TextChoices):
        OPEN = "open", _("In care")
        CLOSED = "closed", _("Closed")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="care_records",
        verbose_name=_("organization"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="care_records",
        verbose_name=_("person in the registry"),
    )
    name = models.CharField(_("name"), max_length=50)
    school_or_unit = models.CharField(_("school or unit"), max_length=200, blank=True)
    minor = models.BooleanField(_("minor"), default=True)
    # The difficulty codes joined as ",economic,family," so one type is a contains lookup on every database.
    difficulties = models.CharField(_("difficulties"), max_length=200)
    situation = models.TextField(_("situation"), blank=True)
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="care_records_followed",
        verbose_name=_("follower"),
    )
    consent_by = models.CharField(_("consent given by"), max_length=50)
    consent_on = models.DateField(_("consent date"))
    guardian = models.CharField(_("guardian"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("care record")
        verbose_name_plural = _("care records")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", closed_on__isnull=True)
                | models.Q(status="closed", closed_on__isnull=False),
                name="care_record_closed_on_iff_closed",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def difficulty_list(self) -> list[str]:
        return [code for code in self.difficulties.split(",") if code]

    @property
    def difficulty_labels(self) -> list[str]:
        labels = dict(Difficulty.choices)
        return [str(labels.get(code, code)) for code in self.difficulty_list]


class CareMeasure(TimeStampedModel):
    """One thing done for a person in care: a visit, a 连心 activity, money or goods, tutoring, a referral."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Home or school visit")
        LIANXIN = "lianxin", _("连心 activity")
        MONEY = "money", _("Money")
        GOODS = "goods", _("Goods")
        TUTORING = "tutoring", _("Tutoring")
        SCHOOL_REFERRAL = "school_referral", _("Referral to the school")
        HOTLINE = "hotline_12355", _("12355 hotline")
        RIGHTS_CASE = "rights_case", _("Rights protection case")

    record = models.ForeignKey(CareRecord, on_delete=models.CASCADE, related_name="measures")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount_fen = models.PositiveBigIntegerField(_("amount (fen)"), default=0)
    description = models.TextField(_("description"), blank=True)
    voice_case = models.ForeignKey(
        "voice.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("青年之声 case"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("care measure")
        verbose_name_plural = _("care measures")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class WarmthCampaign(TimeStampedModel):
    """A 送温暖 campaign at a festival, run by one organization."""

    class Festival(models.TextChoices):
        SPRING = "spring", _("Spring Festival")
        CHILDREN = "children", _("Children's Day")
        MID_AUTUMN = "mid_autumn", _("Mid-Autumn Festival")
        NEW_TERM = "new_term", _("New school term")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="warmth_campaigns",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=200)
    festival = models.CharField(_("festival"), max_length=20, choices=Festival.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("warmth campaign")
        verbose_name_plural = _("warmth campaigns")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="warmth_campaign_dates")
        ]

    def __str__(self):
        return self.name


class WarmthDelivery(TimeStampedModel):
    """What one person received in a campaign: a person in care, or someone named only here."""

    campaign = models.ForeignKey(WarmthCampaign, on_delete=models.CASCADE, related_name="deliveries")
    record = models.ForeignKey(CareRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries")
    name = models.CharField(_("name"), max_length=50)
    given = models.CharField(_("what was given"), max_length=200)
    value_fen = models.PositiveBigIntegerField(_("value (fen)"), default=0)
    delivered_on = models.DateField(_("delivered on"))

    class Meta:
        verbose_name = _("warmth delivery")
        verbose_name_plural = _("warmth deliveries")
        ordering = ["delivered_on", "pk"]

    def __str__(self):
        return f"{self.name}: {self.given}"


class AssistanceProject(TimeStampedModel):
    """A 帮扶 project: an organization's lasting help to a village, a household or a school."""

    class TargetKind(models.TextChoices):
        VILLAGE = "village", _("Village")
        HOUSEHOLD = "household", _("Household")
        SCHOOL = "school", _("School")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="assistance_projects",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=200)
    target_kind = models.CharField(_("target kind"), max_length=20, choices=TargetKind.choices)
    target_name = models.CharField(_("target"), max_length=200)
    started_on = models.DateField(_("started on"))
    results = models.TextField(_("results"), blank=True)
    story_for_publicity = models.BooleanField(_("story for publicity"), default=False)

    class Meta:
        verbose_name = _("assistance project")
        verbose_name_plural = _("assistance projects")
        ordering = ["-started_on", "-pk"]

    def __str__(self):
        return self.name


class AssistanceVisit(TimeStampedModel):
    """One visit to a project's target: when, who went, what was found and done."""

    project = models.ForeignKey(AssistanceProject, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField(_("date"))
    visitors = models.CharField(_("visitors"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("assistance visit")
        verbose_name_plural = _("assistance visits")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date} {self.visitors}"


class AssistanceInput(TimeStampedModel):
    """Funds or goods put into a project, valued in fen, with where they came from."""

    class Kind(models.TextChoices):
        FUNDS = "funds", _("Funds")
        GOODS = "goods", _("Goods")

    project = models.ForeignKey(AssistanceProject, on_delete=models.CASCADE, related_name="inputs")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value_fen = models.PositiveBigIntegerField(_("value (fen)"))
    source = models.CharField(_("source"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("assistance input")
        verbose_name_plural = _("assistance inputs")
        ordering = ["-date", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(value_fen__gt=0), name="assistance_input_positive")]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.value_fen}"
