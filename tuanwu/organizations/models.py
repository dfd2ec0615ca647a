"""The League organization tree of one county."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from tuanwu.core.models import TimeStampedModel


class Kind(models.TextChoices):
    COUNTY_COMMITTEE = "county_committee", _("County committee")
    COMMITTEE = "committee", _("Committee")
    WORKING_COMMITTEE = "working_committee", _("Working committee")
    GENERAL_BRANCH = "general_branch", _("General branch")
    BRANCH = "branch", _("Branch")
    JOINT_BRANCH = "joint_branch", _("Joint branch")
    TEMPORARY_BRANCH = "temporary_branch", _("Temporary branch")


BRANCH_KINDS = frozenset({Kind.BRANCH, Kind.JOINT_BRANCH, Kind.TEMPORARY_BRANCH})


class Sector(models.TextChoices):
    """The 16 sector classes of 智慧团建; private enterprises and social organizations are "two new"."""

    PARTY_GOVERNMENT = "party_government", _("Party and government organs")
    PUBLIC_INSTITUTION = "public_institution", _("Public institutions")
    UNIVERSITY = "university", _("Universities")
    VOCATIONAL_SCHOOL = "vocational_school", _("Vocational schools")
    HIGH_SCHOOL = "high_school", _("Senior high schools")
    MIDDLE_SCHOOL = "middle_school", _("Junior high schools")
    PRIMARY_SCHOOL = "primary_school", _("Primary schools")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprises")
    COLLECTIVE_ENTERPRISE = "collective_enterprise", _("Collective enterprises")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Non-public enterprises")
    SOCIAL_ORGANIZATION = "social_organization", _("New social organizations")
    MILITARY = "military", _("Military")
    ARMED_POLICE = "armed_police", _("Armed police")
    URBAN_COMMUNITY = "urban_community", _("Urban communities")
    RURAL = "rural", _("Rural")
    OTHER = "other", _("Other")


TWO_NEW_SECTORS = frozenset({Sector.PRIVATE_ENTERPRISE, Sector.SOCIAL_ORGANIZATION})
STUDENT_SECTORS = frozenset(
    {
        Sector.UNIVERSITY,
        Sector.VOCATIONAL_SCHOOL,
        Sector.HIGH_SCHOOL,
        Sector.MIDDLE_SCHOOL,
        Sector.PRIMARY_SCHOOL,
    }
)


class Park(TimeStampedModel):
    """An industrial or economic park (园区) whose enterprises the plan wants fully covered."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["name"]

    def __str__(self):
        return self.name


# Characters per tree level in a materialized path.
STEPLEN = 4


def ancestor_paths(path: str, *, inclusive: bool = False) -> list[str]:
    """The paths above path, from the top of the tree down; path itself too when inclusive."""
    end = len(path) + 1 if inclusive else len(path)
    return [path[:i] for i in range(STEPLEN, end, STEPLEN)]


class Organization(MP_Node, TimeStampedModel):
    """A League organization; its materialized path is written only by the create and move services."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISSOLVED = "dissolved", _("Dissolved")

    # Treebeard keeps path/depth/numchild; parent is kept beside them for direct joins and the API.
    steplen = STEPLEN
    node_order_by: list[str] = []

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent organization"),
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("short name"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    park = models.ForeignKey(
        Park,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("park"),
    )
    unified_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    unit_name = models.CharField(_("unit"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    # Entered from the founding record (never the insert time); unknown for rows older than the field, which are
    # listed for completion and counted as existing on any day until then.
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    dissolution_reason = models.TextField(_("reason for dissolution"), blank=True)
    # School class branches: when the class is expected to finish school, set by the committee above (as in
    # 智慧团建); the graduating-class checks read this date, never the branch's name.
    graduates_on = models.DateField(_("expected graduation"), null=True, blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["sector"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gt=models.F("term_start")),
                name="organization_term_end_after_start",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def ancestor_paths(self) -> list[str]:
        """The paths from the county down to this organization's parent (the organization itself left out)."""
        return ancestor_paths(self.path)

    @property
    def county_path(self) -> str:
        """The path of the county committee at the top of this organization's tree."""
        return self.path[:STEPLEN]

    @property
    def is_branch(self) -> bool:
        return self.kind in BRANCH_KINDS

    @property
    def is_two_new(self) -> bool:
        return self.sector in TWO_NEW_SECTORS

    @property
    def is_student(self) -> bool:
        return self.sector in STUDENT_SECTORS

    def subtree_range(self) -> tuple[str, str]:
        """Paths of this node and all its descendants lie in this half-open range (index friendly)."""
        return subtree_range(self.path)


PATH_MAX_LENGTH = 255


def subtree_range(path: str) -> tuple[str, str]:
    # Treebeard paths use only 0-9 and A-Z, which sort alike in byte and in locale collations, so a
    # descendant's path lies between the node's own and the node's padded with the last character.
    return (path, path + "Z" * (PATH_MAX_LENGTH - len(path)))


# Badge colour of each status (tuanwu.core.badges), and of the levels of the structure warnings (rules.py).
BADGES = {
    Organization.Status.ACTIVE: "success",
    Organization.Status.DISSOLVED: "secondary",
    "warning": "warning",
    "info": "info",
}
