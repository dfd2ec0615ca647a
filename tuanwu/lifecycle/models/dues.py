"""Dues (团费): the county's bands and shares, each member's pay band, the branch meeting decisions that exempt
or reduce, the payments with the months they pay for, and the bills of WeChat Pay and Alipay being reconciled.
Money is integer fen everywhere; nothing here holds a float."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class Category(models.TextChoices):
    EMPLOYED = "employed", _("Wage earner")
    STUDENT = "student", _("Student")
    FARMER = "farmer", _("Farmer")
    UNEMPLOYED = "unemployed", _("Unemployed or on relief")


class DuesPolicy(TimeStampedModel):
    """A county's dues bands for a year and the shares each level keeps of what is collected; the defaults are
    中青发〔2016〕13号 (bands) and local practice (shares, unconfirmed)."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    low_pay_below_yuan = models.PositiveIntegerField(_("pay below which the fixed amount applies (yuan)"), default=2000)
    low_amount_fen = models.PositiveIntegerField(_("fixed monthly amount below that pay (fen)"), default=300)
    rate_permille = models.PositiveSmallIntegerField(_("rate on pay at or above it (‰)"), default=2)
    whole_yuan = models.BooleanField(_("truncate the amount to whole yuan"), default=True)
    cap_fen = models.PositiveIntegerField(_("monthly amount at most (fen)"), default=2000)
    no_income_fen = models.PositiveIntegerField(_("monthly amount without wage income (fen)"), default=20)
    # Shares of what a branch collects, in %: the branch, its committee and the county keep theirs, the rest is
    # sent on above the county.
    branch_share = models.PositiveSmallIntegerField(_("share the branch keeps (%)"), default=0)
    committee_share = models.PositiveSmallIntegerField(_("share the committee keeps (%)"), default=50)
    county_share = models.PositiveSmallIntegerField(_("share the county committee keeps (%)"), default=30)

    class Meta:
        verbose_name = _("dues policy")
        verbose_name_plural = _("dues policies")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="dues_policy_one_per_year"),
            models.CheckConstraint(
                condition=Q(branch_share__lte=100 - models.F("committee_share") - models.F("county_share")),
                name="dues_policy_shares_at_most_100",
                violation_error_message=_("The shares add up to more than 100 %."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"


class PayBand(TimeStampedModel):
    """A member's pay band from a month on: the category and, for wage earners, the relatively fixed monthly pay
    after tax; it holds until a later band replaces it, and the first one also covers the months before it."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="pay_bands")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    valid_from = models.DateField(_("from month"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.EMPLOYED)
    pay_fen = models.PositiveBigIntegerField(_("monthly pay after tax (fen)"), null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("pay band")
        verbose_name_plural = _("pay bands")
        constraints = [models.UniqueConstraint(fields=["person", "valid_from"], name="pay_band_one_per_month")]

    def __str__(self):
        return f"{self.person_id} {self.valid_from:%Y-%m} {self.category}"


class DuesDecision(TimeStampedModel):
    """A branch general meeting's decision to exempt a member from dues or reduce them, for months from one to
    another (open-ended when until is empty); the only way an obligation goes below the band."""

    class Kind(models.TextChoices):
        EXEMPT = "exempt", _("Exempt")
        REDUCED = "reduced", _("Reduced")

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="dues_decisions")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="+", verbose_name=_("general meeting")
    )
    kind = models.CharField(_("decision"), max_length=16, choices=Kind.choices)
    amount_fen = models.PositiveIntegerField(_("reduced monthly amount (fen)"), default=0)
    first_month = models.DateField(_("from month"))
    last_month = models.DateField(_("until month"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("dues decision")
        verbose_name_plural = _("dues decisions")

    def __str__(self):
        return f"{self.person_id} {self.kind} {self.first_month:%Y-%m}"


class DuesPayment(TimeStampedModel):
    """Money a member paid for a run of months (one, a quarter, a year): recorded by the branch, or confirmed from
    a WeChat Pay or Alipay bill; its allocations to months add up to its amount to the fen."""

    class Channel(models.TextChoices):
        CASH = "cash", _("Cash")
        WECHAT = "wechat", _("WeChat Pay")
        ALIPAY = "alipay", _("Alipay")
        BANK = "bank", _("Bank transfer")
        OTHER = "other", _("Other")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="dues_payments")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("branch")
    )
    amount_fen = models.PositiveBigIntegerField(_("amount (fen)"))
    paid_on = models.DateField(_("paid on"))
    first_month = models.DateField(_("first month paid for"))
    months = models.PositiveSmallIntegerField(_("months paid for"), default=1)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.CASH)
    # The payment platform's transaction number (交易单号 / 交易订单号): one payment per number.
    transaction_number = models.CharField(_("transaction number"), max_length=64, null=True, blank=True, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        indexes = [models.Index(fields=["organization", "paid_on"])]
        constraints = [models.CheckConstraint(condition=Q(months__gte=1), name="dues_payment_months_positive")]

    def __str__(self):
        return f"{self.person_id} {self.amount_fen} {self.first_month:%Y-%m}+{self.months}"


class DuesAllocation(models.Model):
    """The part of a payment that pays one month (first of the month); a month's allocations beyond its
    obligation are voluntary dues (自愿交费)."""

    payment = models.ForeignKey(DuesPayment, on_delete=models.CASCADE, related_name="allocations")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    amount_fen = models.PositiveBigIntegerField(_("amount (fen)"))

    class Meta:
        verbose_name = _("dues allocation")
        verbose_name_plural = _("dues allocations")
        indexes = [models.Index(fields=["person", "month"])]

    def __str__(self):
        return f"{self.person_id} {self.month:%Y-%m} {self.amount_fen}"


class BillLine(TimeStampedModel):
    """One income line of a WeChat Pay or Alipay bill a branch or committee uploaded, with what reconciliation
    made of it: a proposed member and months (certain or uncertain), nothing matched, or confirmed as a payment."""

    class Status(models.TextChoices):
        CERTAIN = "certain", _("Certain match")
        UNCERTAIN = "uncertain", _("Uncertain match")
        UNMATCHED = "unmatched", _("Not matched")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=DuesPayment.Channel.choices)
    filename = models.CharField(_("file"), max_length=200)
    row = models.PositiveIntegerField(_("row"))
    transaction_number = models.CharField(_("transaction number"), max_length=64, unique=True)
    paid_at = models.DateTimeField(_("paid at"))
    payer = models.CharField(_("payer"), max_length=100)
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    amount_fen = models.PositiveBigIntegerField(_("amount (fen)"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_month = models.DateField(_("first month"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), default=1)
    explanation = models.CharField(_("explanation"), max_length=300, blank=True)
    payment = models.OneToOneField(
        DuesPayment, null=True, blank=True, on_delete=models.SET_NULL, related_name="bill_line"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("bill line")
        verbose_name_plural = _("bill lines")
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self):
        return f"{self.transaction_number} {self.payer} {self.amount_fen}"
