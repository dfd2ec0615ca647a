"""Cadres' direct contact with young people ("1+100", 直接联系青年) and their fixed contact points (基层联系点).

中青办发〔2016〕5号 asks every full-time and seconded cadre to keep at least 100 youths from different fields in
direct contact: online all the time, an offline activity each quarter, face to face each year. The county's 2020
plan adds 1–2 fixed grassroots organizations and 3 fixed youths per full-time cadre. The numbers, the rhythm and
who is bound are county policy (ContactPolicy).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel
from tuanwu.people.choices import CadreKind


class ContactPolicy(TimeStampedModel):
    """What a county asks of its cadres' direct contact in a year: how many youths, from how many fields, how
    many fixed organizations and youths, who is bound, and how often each kind of contact is due."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    min_contacts = models.PositiveSmallIntegerField(_("youths in direct contact, at least"), default=100)
    min_fields = models.PositiveSmallIntegerField(
        _("fields the youths come from, at least"),
        default=3,
        help_text=_("“From different fields”: students, workers, farmers, “two-new” employees, …"),
    )
    fixed_orgs_min = models.PositiveSmallIntegerField(_("fixed contact organizations, at least"), default=1)
    fixed_orgs_max = models.PositiveSmallIntegerField(_("fixed contact organizations, at most"), default=2)
    fixed_youths = models.PositiveSmallIntegerField(_("fixed contact youths"), default=3)
    binds_full_time = models.BooleanField(_("binds full-time cadres"), default=True)
    binds_seconded = models.BooleanField(_("binds seconded cadres"), default=True)
    binds_part_time = models.BooleanField(
        _("binds part-time cadres"),
        default=False,
        help_text=_("The national rule binds part-time cadres of leading bodies at county level and above."),
    )
    online_each_quarter = models.BooleanField(_("every youth reached each quarter"), default=True)
    offline_each_quarter = models.BooleanField(_("an offline activity each quarter"), default=True)
    face_to_face_each_year = models.BooleanField(_("face to face each year"), default=True)
    visit_each_quarter = models.BooleanField(_("each fixed organization visited each quarter"), default=True)

    class Meta:
        verbose_name = _("contact policy")
        verbose_name_plural = _("contact policies")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="contact_policy_one_per_year"),
            models.CheckConstraint(
                condition=Q(fixed_orgs_max__gte=F("fixed_orgs_min")), name="contact_policy_fixed_orgs_range"
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"

    def binds(self, kind: str) -> bool:
        """Whether cadres of this kind are bound by "1+100"."""
        return {
            CadreKind.FULL_TIME: self.binds_full_time,
            CadreKind.SECONDED: self.binds_seconded,
            CadreKind.PART_TIME: self.binds_part_time,
        }.get(kind, False)


class ContactCadre(TimeStampedModel):
    """A cadre doing direct-contact work for the organization that employs them, from a date until they leave."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="contact_cadres", verbose_name=_("cadre")
    )
    kind = models.CharField(_("cadre kind"), max_length=16, choices=CadreKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="contact_cadres",
        verbose_name=_("organization"),
    )
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact cadre")
        verbose_name_plural = _("contact cadres")
        indexes = [models.Index(fields=["organization", "ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="contact_cadre_ended_after_started",
            ),
            models.UniqueConstraint(
                fields=["person", "organization"], condition=Q(ended_on__isnull=True), name="contact_cadre_one_open"
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.organization}"


class Contact(TimeStampedModel):
    """A young person a cadre keeps in direct contact: someone in the registry, or a name with a phone and a unit
    (a young person outside the League is welcome); fixed when they are one of the cadre's fixed youths."""

    class Field(models.TextChoices):
        STUDENT = "student", _("Student")
        WORKER = "worker", _("Worker")
        FARMER = "farmer", _("Farmer")
        TWO_NEW_EMPLOYEE = "two_new_employee", _("“Two-new” employee")
        FREELANCER = "freelancer", _("Freelancer")
        CIVIL_SERVANT = "civil_servant", _("Civil servant")
        OTHER = "other", _("Other")

    cadre = models.ForeignKey(ContactCadre, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("cadre"))
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person in the registry"),
    )
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    unit = models.CharField(_("school or workplace"), max_length=200, blank=True)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    added_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    fixed = models.BooleanField(_("fixed contact youth"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["cadre", "ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("added_on")), name="contact_ended_after_added"
            ),
            models.UniqueConstraint(
                fields=["cadre", "person"],
                condition=Q(ended_on__isnull=True, person__isnull=False),
                name="contact_person_once_per_cadre",
            ),
        ]

    def __str__(self):
        return self.name


class FixedOrganization(TimeStampedModel):
    """A grassroots organization a full-time cadre is fixed to as a contact point (基层联系点), from a date."""

    cadre = models.ForeignKey(
        ContactCadre, on_delete=models.CASCADE, related_name="fixed_organizations", verbose_name=_("cadre")
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("fixed contact organization")
        verbose_name_plural = _("fixed contact organizations")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")), name="fixed_org_until_after_since"
            ),
            models.UniqueConstraint(
                fields=["cadre", "organization"], condition=Q(until__isnull=True), name="fixed_org_once_per_cadre"
            ),
        ]

    def __str__(self):
        return str(self.organization)


class ContactLog(TimeStampedModel):
    """One contact a cadre made: with a youth (online, at an offline activity, face to face) or a visit to a fixed
    organization (走进基层) with what was found, the guidance given and the support promised and delivered."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        OFFLINE_ACTIVITY = "offline_activity", _("Offline activity")
        FACE_TO_FACE = "face_to_face", _("Face to face")
        ORG_VISIT = "org_visit", _("Visit to the organization")

    cadre = models.ForeignKey(ContactCadre, on_delete=models.CASCADE, related_name="logs", verbose_name=_("cadre"))
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="logs", verbose_name=_("youth")
    )
    fixed_organization = models.ForeignKey(
        FixedOrganization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="logs",
        verbose_name=_("fixed contact organization"),
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    raised = models.TextField(_("what was raised"), blank=True)
    done = models.TextField(_("what was done"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    followed_up = models.BooleanField(_("followed up"), default=False)
    voice_case = models.ForeignKey(
        "voice.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("青年之声 case"),
    )
    activity = models.ForeignKey(
        "volunteering.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activity"),
    )
    found = models.TextField(_("what was found"), blank=True)
    guidance = models.TextField(_("guidance given"), blank=True)
    support_promised = models.TextField(_("support promised"), blank=True)
    support_delivered = models.TextField(_("support delivered"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("contact log")
        verbose_name_plural = _("contact logs")
        indexes = [models.Index(fields=["cadre", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(channel="org_visit") & Q(contact__isnull=True) & Q(fixed_organization__isnull=False))
                | (~Q(channel="org_visit") & Q(contact__isnull=False) & Q(fixed_organization__isnull=True)),
                name="contact_log_youth_or_visit",
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.get_channel_display()}"
