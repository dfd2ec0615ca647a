"""People of the county: youth, members and cadres, one record each."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel

from .choices import (
    CadreKind,
    CadrePostName,
    Education,
    Ethnicity,
    Gender,
    IdType,
    Occupation,
    PoliticalStatus,
)
from .workflow import ACTIVE_STATES, MembershipStatus, Transition


class Person(TimeStampedModel):
    """A young person, member or cadre known to the county, registered with one organization."""

    # Not a column: what person_create / person_update noticed about the input (shown after saving).
    warnings: list[str]

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=50)
    # Derived by the services from name, for search by pinyin and by initials.
    name_pinyin = models.CharField(max_length=320, editable=False, db_index=True)
    name_initials = models.CharField(max_length=50, editable=False, db_index=True)
    id_type = models.CharField(_("ID type"), max_length=16, choices=IdType.choices, default=IdType.RESIDENT)
    id_number = models.CharField(_("ID number"), max_length=32, null=True, blank=True, unique=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    ethnicity = models.CharField(_("ethnicity"), max_length=2, choices=Ethnicity.choices, default=Ethnicity.HAN)
    political_status = models.CharField(
        _("political status"), max_length=32, choices=PoliticalStatus.choices, default=PoliticalStatus.MASSES
    )
    education = models.CharField(_("education"), max_length=32, choices=Education.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=32, choices=Occupation.choices, blank=True)
    unit = models.CharField(_("school or workplace"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, db_index=True)
    # 学号 / 工号: the number a school or employer gives; 青年大学习 exports identify learners by it.
    # db_default: the bulk import inserts rows without this column.
    staff_number = models.CharField(
        _("student or staff number"), max_length=32, blank=True, default="", db_default="", db_index=True
    )
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["organization", "name_initials"]),
            models.Index(fields=["birth_date"]),
            models.Index(fields=["name"]),
        ]

    def __str__(self):
        return self.name


class Membership(TimeStampedModel):
    """A person's League membership: branch, join date, development number and status."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="membership", verbose_name=_("person"))
    # The person's branch; the services keep it equal to person.organization.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("branch"),
    )
    join_date = models.DateField(_("join date"))
    # Unique, except between members imported from history who already shared a number (each then flagged with
    # the rule NUMBER_SHARED and marked number_shared).
    development_number = models.CharField(_("development number"), max_length=20, null=True, blank=True)
    number_shared = models.BooleanField(_("development number shared (imported history)"), default=False)
    status = models.CharField(
        _("status"), max_length=32, choices=MembershipStatus.choices, default=MembershipStatus.NORMAL
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [models.Index(fields=["organization", "status"]), models.Index(fields=["development_number"])]
        constraints = [
            models.UniqueConstraint(
                fields=["development_number"],
                condition=Q(number_shared=False),
                name="membership_development_number_unique",
                violation_error_message=_("This development number is already used."),
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATES


class MembershipFlag(models.Model):
    """A rule the membership broke before it was recorded in TuanWu (imported history): kept with the rule's code
    (the admission rules' codes) so that the annual audit and the file check find it."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="flags")
    code = models.CharField(_("rule"), max_length=40)
    message = models.CharField(_("message"), max_length=300)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership flag")
        verbose_name_plural = _("membership flags")
        constraints = [models.UniqueConstraint(fields=["membership", "code"], name="membership_flag_once")]

    def __str__(self):
        return f"{self.membership_id} · {self.code}"


class MembershipEvent(models.Model):
    """One workflow step on a membership: who took it, when, the decision and the reason."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="events")
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    transition = models.CharField(_("step"), max_length=32, choices=Transition.choices)
    from_status = models.CharField(_("from"), max_length=32, choices=MembershipStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=32, choices=MembershipStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)
    # A lapse's evidence, declared by the branch while TuanWu keeps no dues or organizational-life records.
    last_dues_on = models.DateField(_("last dues paid on"), null=True, blank=True)
    last_org_life_on = models.DateField(_("last organizational life attended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership step")
        verbose_name_plural = _("membership steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.membership} · {self.get_transition_display()}"


class CadrePost(TimeStampedModel):
    """A League post held by a person on an organization, from a date until a date (open while held)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts", verbose_name=_("person"))
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="cadre_posts",
        verbose_name=_("organization"),
    )
    post = models.CharField(_("post"), max_length=32, choices=CadrePostName.choices)
    post_title = models.CharField(_("post title"), max_length=50, blank=True)
    kind = models.CharField(_("cadre kind"), max_length=16, choices=CadreKind.choices)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    in_party_committee = models.BooleanField(_("member of the party committee at the same level"), default=False)

    class Meta:
        verbose_name = _("cadre post")
        verbose_name_plural = _("cadre posts")
        indexes = [models.Index(fields=["organization", "until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="cadre_post_until_after_since",
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.get_post_display()}"

    @property
    def title(self) -> str:
        return self.post_title if self.post == CadrePostName.OTHER and self.post_title else self.get_post_display()


# Badge colour of each membership status (tuanwu.core.badges): green member, amber awaiting approval, red
# expelled, grey ended.
BADGES = {
    MembershipStatus.NORMAL: "success",
    MembershipStatus.AGE_OUT_PENDING: "warning",
    MembershipStatus.AGE_OUT: "secondary",
    MembershipStatus.LAPSE_PENDING: "warning",
    MembershipStatus.LAPSE: "secondary",
    MembershipStatus.WITHDRAWAL_PENDING: "warning",
    MembershipStatus.WITHDRAWAL: "secondary",
    MembershipStatus.EXPULSION_PENDING: "warning",
    MembershipStatus.EXPULSION: "danger",
    MembershipStatus.TRANSFERRED_OUT: "info",
}
