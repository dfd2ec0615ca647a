"""The "两新" directory (目录清单): units that should have a League organization, their establishment steps, the
county's rules for them and the year-end snapshots the figures of past years are read from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class UnitKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Non-public enterprise")
    SOCIAL = "social", _("New social organization")
    INDIVIDUAL = "individual", _("Individual business")


class SocialSubtype(models.TextChoices):
    ASSOCIATION = "association", _("Social group")
    PRIVATE_NONPROFIT = "private_nonprofit", _("Private non-enterprise unit")
    FOUNDATION = "foundation", _("Foundation")
    FIRM = "firm", _("Intermediary firm")


class SizeBand(models.TextChoices):
    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")
    MICRO = "micro", _("Micro")


class OrgForm(models.TextChoices):
    """How a unit is organized: its own organization, a joint one with other units, or none."""

    OWN = "own", _("Own")
    JOINT = "joint", _("Joint")
    NONE = "none", _("None")


class CoveragePolicy(TimeStampedModel):
    """The county's rules for the directory: when a unit should establish, which kinds count, how density is
    defined (no national formula: county policy, stated on every page)."""

    class Density(models.TextChoices):
        PER_UNIT = "per_unit", _("League organizations per 100 operating social organizations")
        PER_THOUSAND_YOUNG = (
            "per_thousand_young",
            _("League organizations per 1,000 young employees of operating social organizations"),
        )

    county = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="coverage_policy", verbose_name=_("county")
    )
    own_branch_members = models.PositiveSmallIntegerField(_("members for an own branch"), default=3)
    joint_young_employees = models.PositiveSmallIntegerField(_("young employees for a joint organization"), default=1)
    count_individual = models.BooleanField(_("count individual businesses"), default=False)
    density_basis = models.CharField(
        _("density basis"), max_length=32, choices=Density.choices, default=Density.PER_UNIT
    )

    class Meta:
        verbose_name = _("coverage policy")
        verbose_name_plural = _("coverage policies")


class Unit(TimeStampedModel):
    """A unit of the directory: a non-public enterprise, new social organization or individual business that
    should (or may) have a League organization; keyed by its unified social credit code."""

    class Status(models.TextChoices):
        LISTED = "listed", _("Listed")
        SURVEYED = "surveyed", _("Surveyed")
        FOUNDED = "founded", _("Founded")
        COVERED = "covered", _("Covered")

    # The township committee (or the county) responsible for the unit: the scope of the row.
    township = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="directory_units",
        verbose_name=_("township"),
    )
    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    subtype = models.CharField(_("subtype"), max_length=32, choices=SocialSubtype.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=50, blank=True)
    park = models.ForeignKey(
        "organizations.Park",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_units",
        verbose_name=_("park"),
    )
    size_band = models.CharField(_("size band"), max_length=16, choices=SizeBand.choices, blank=True)
    employees = models.PositiveIntegerField(_("employees"), default=0)
    young_employees = models.PositiveIntegerField(_("young employees (35 or under)"), default=0)
    league_members = models.PositiveIntegerField(_("League members"), default=0)
    party_org = models.CharField(_("Party organization"), max_length=8, choices=OrgForm.choices, default=OrgForm.NONE)
    operating = models.BooleanField(_("operating"), default=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    league_org_form = models.CharField(
        _("League organization"), max_length=8, choices=OrgForm.choices, default=OrgForm.NONE
    )
    covering_org = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="covered_units",
        verbose_name=_("covering organization"),
    )
    joint_partners = models.CharField(_("joint partners"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.LISTED)
    priority_override = models.PositiveSmallIntegerField(_("priority (set by hand)"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_units",
        verbose_name=_("responsible cadre"),
    )
    planned_on = models.DateField(_("planned date"), null=True, blank=True)

    class Meta:
        verbose_name = _("directory unit")
        verbose_name_plural = _("directory units")
        ordering = ["name"]
        indexes = [models.Index(fields=["township", "status"]), models.Index(fields=["park"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(young_employees__lte=models.F("employees")), name="unit_young_within_employees"
            ),
            models.CheckConstraint(
                condition=~Q(league_org_form="none") | Q(covering_org__isnull=True), name="unit_no_org_without_form"
            ),
        ]

    def __str__(self):
        return self.name


class UnitStep(models.Model):
    """One step of a unit's establishment (摸排, 建团, 验收, a drop back, an edit), who took it and why: the unit's
    history."""

    class Kind(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        EDITED = "edited", _("Edited")
        SURVEYED = "surveyed", _("Surveyed")
        FOUNDED = "founded", _("League organization founded")
        CHECKED = "checked", _("Passed the four-haves check")
        CHECK_FAILED = "check_failed", _("Failed the four-haves check")
        DROPPED = "dropped", _("Dropped back: the organization is empty")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="steps", verbose_name=_("unit"))
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("by")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    checks = models.JSONField(_("checks"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("establishment step")
        verbose_name_plural = _("establishment steps")
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.unit} · {self.get_kind_display()}"


class Snapshot(models.Model):
    """The directory and tree counts as they stood at a year's end, frozen: later edits never change it; a
    correction to the past is a new revision with its reason."""

    county = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="coverage_snapshots",
        verbose_name=_("county"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    taken_on = models.DateField(_("as of"))
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("by")
    )
    density_basis = models.CharField(_("density basis"), max_length=32, choices=CoveragePolicy.Density.choices)
    rows = models.JSONField(_("directory rows"), default=list)
    counts = models.JSONField(_("counts"), default=dict)
    reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        verbose_name = _("year-end snapshot")
        verbose_name_plural = _("year-end snapshots")
        ordering = ["county", "-year", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["county", "year", "revision"], name="snapshot_one_per_revision"),
            models.CheckConstraint(condition=Q(revision=1) | ~Q(reason=""), name="snapshot_correction_has_reason"),
        ]

    def __str__(self):
        return f"{self.year} r{self.revision}"


BADGES = {
    Unit.Status.LISTED: "secondary",
    Unit.Status.SURVEYED: "info",
    Unit.Status.FOUNDED: "warning",
    Unit.Status.COVERED: "success",
}
