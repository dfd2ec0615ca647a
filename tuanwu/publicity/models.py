"""Role models (青年典型) with where they were publicized and the honours they received, and the registry of the
League's media accounts (新媒体) with their administrators, reviews before publishing and monthly figures.

Likes, follows and reads are kept as figures of an account; nothing here scores or ranks people by them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class RoleModel(TimeStampedModel):
    """A young person (from the registry, or by name) or a collective found as an example to publicize."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        COLLECTIVE = "collective", _("Collective")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person in the registry"),
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    field = models.CharField(_("field"), max_length=50, blank=True, help_text=_("e.g. 科技创新, 志愿服务, 创业就业"))
    deeds = models.TextField(_("deeds"), blank=True)
    found_on = models.DateField(_("found on"))
    # Plain numbers, not keys: the case or project may live in an app this installation does not run.
    voice_case_id = models.PositiveIntegerField(_("青年之声 case number"), null=True, blank=True)
    project_id = models.PositiveIntegerField(_("project number"), null=True, blank=True)

    class Meta:
        verbose_name = _("role model")
        verbose_name_plural = _("role models")
        ordering = ["-found_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="person") | Q(person__isnull=True), name="publicity_rolemodel_collective_no_person"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.COLLECTIVE and self.person_id:
            raise ValidationError(
                {
                    "person": ValidationError(
                        _("A collective is not a person of the registry."), code="ROLE_MODEL_COLLECTIVE_PERSON"
                    )
                }
            )


class Publicity(TimeStampedModel):
    """One time a role model was publicized: when, through which channel or outlet, under which title."""

    role_model = models.ForeignKey(
        RoleModel, on_delete=models.CASCADE, related_name="publicities", verbose_name=_("role model")
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel or outlet"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    link = models.CharField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("publicity")
        verbose_name_plural = _("publicity")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title


class Honour(TimeStampedModel):
    """An honour a role model received: its name, level, year and the body that awarded it."""

    class Level(models.TextChoices):
        COUNTY = "county", _("County")
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")
        NATIONAL = "national", _("National")

    role_model = models.ForeignKey(
        RoleModel, on_delete=models.CASCADE, related_name="honours", verbose_name=_("role model")
    )
    name = models.CharField(_("honour"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    awarding_body = models.CharField(_("awarding body"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return self.name


class MediaPolicy(TimeStampedModel):
    """A county's rules for its media accounts in a year: when an account without posts counts as dormant, and how
    long a dormant account may wait before it is closed."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    dormant_days = models.PositiveSmallIntegerField(
        _("dormant after (days without a post)"),
        default=90,
        help_text=_("An account with no post for this many days is flagged dormant."),
    )
    close_days = models.PositiveSmallIntegerField(
        _("close within (days after being flagged)"),
        default=30,
        help_text=_("A dormant account is to be closed within this many days of being flagged."),
    )

    class Meta:
        verbose_name = _("media policy")
        verbose_name_plural = _("media policies")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="publicity_media_policy_one_per_year"),
            models.CheckConstraint(condition=Q(dormant_days__gte=1), name="publicity_media_policy_dormant_positive"),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"


class MediaAccount(TimeStampedModel):
    """An account bearing a League organization's name on a platform: registered, run under review, closed."""

    class Platform(models.TextChoices):
        WECHAT = "wechat", _("WeChat official account")
        WEIBO = "weibo", _("Weibo")
        DOUYIN = "douyin", _("Douyin")
        BILIBILI = "bilibili", _("Bilibili")
        CHANNELS = "channels", _("WeChat video channel")
        QQ_GROUP = "qq_group", _("QQ group")
        WEBSITE = "website", _("Website")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        CLOSED = "closed", _("Closed")

    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    name = models.CharField(_("account name"), max_length=100)
    handle = models.CharField(_("account ID"), max_length=100, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner organization")
    )
    leader = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible leader"),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    registered_on = models.DateField(_("registered on"))
    flagged_on = models.DateField(_("flagged dormant on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("media account")
        verbose_name_plural = _("media accounts")
        ordering = ["organization__path", "platform", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="publicity_account_closed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="dormant") | Q(flagged_on__isnull=False), name="publicity_account_dormant_flagged"
            ),
        ]

    def __str__(self):
        return f"{self.get_platform_display()} {self.name}"


class AccountAdmin(TimeStampedModel):
    """A person holding an account's administrator rights from one day until another (open while current)."""

    account = models.ForeignKey(
        MediaAccount, on_delete=models.CASCADE, related_name="admins", verbose_name=_("account")
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    is_student = models.BooleanField(_("student"), default=False)
    graduates_on = models.DateField(_("graduates on"), null=True, blank=True)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("account administrator")
        verbose_name_plural = _("account administrators")
        ordering = ["until", "-since", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "person"], condition=Q(until__isnull=True), name="publicity_admin_once_current"
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")), name="publicity_admin_until_after"
            ),
        ]

    def __str__(self):
        return f"{self.account} {self.person}"

    def clean(self):
        if self.is_student and not self.graduates_on:
            raise ValidationError(
                {
                    "graduates_on": ValidationError(
                        _("Give a student administrator's graduation date, so rights are handed over in time."),
                        code="ADMIN_GRADUATION_MISSING",
                    )
                }
            )


class ReviewRecord(TimeStampedModel):
    """A post reviewed before publishing (先审后发): its date, title and who reviewed it."""

    account = models.ForeignKey(
        MediaAccount, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("account")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    reviewer = models.CharField(_("reviewer"), max_length=100)

    class Meta:
        verbose_name = _("review record")
        verbose_name_plural = _("review records")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title


class MonthlyFigure(TimeStampedModel):
    """An account's figures for one month (the first day stands for the month): followers, posts and reads."""

    account = models.ForeignKey(
        MediaAccount, on_delete=models.CASCADE, related_name="figures", verbose_name=_("account")
    )
    month = models.DateField(_("month"))
    followers = models.PositiveIntegerField(_("followers"), default=0)
    posts = models.PositiveIntegerField(_("posts"), default=0)
    reads = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["account", "month"], name="publicity_figure_one_per_month"),
        ]

    def __str__(self):
        return f"{self.account} {self.month:%Y-%m}"

    def clean(self):
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)


BADGES = {
    MediaAccount.Status.ACTIVE: "success",
    MediaAccount.Status.DORMANT: "warning",
    MediaAccount.Status.CLOSED: "secondary",
}
