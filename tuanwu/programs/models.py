"""Programs and honours: projects a county registers and runs (三下乡 teams, 创新创效 projects, 青年文明号 …), the
calls that select among them, the judging rounds, the public notice (公示) and the numbered awards."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel


class ProjectKind(models.TextChoices):
    SUMMER_PRACTICE = "summer_practice", _("Summer practice team (三下乡)")
    INNOVATION = "innovation", _("Innovation project (创新创效)")
    SKILLS = "skills", _("Young workers' skills entry (青工技能)")
    MENTORING = "mentoring", _("Mentoring pair (导师计划)")
    CIVILIZATION = "civilization", _("Youth civilization collective (青年文明号)")
    ENVIRONMENT = "environment", _("Environmental project")
    ASSISTANCE = "assistance", _("Assistance project (帮扶)")
    RESEARCH = "research", _("Research topic")
    YOUNG_TEACHERS = "young_teachers", _("Young teachers' group")
    OTHER = "other", _("Other")


class Project(TimeStampedModel):
    """A project an organization registers (立项/报备), runs (实施) and closes (结项), with its team."""

    class Stage(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    title = models.CharField(_("title"), max_length=200)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner organization")
    )
    tutor = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("tutor")
    )
    members = models.ManyToManyField("people.Person", through="ProjectMember", related_name="+")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    plan = models.TextField(_("plan"), blank=True)
    budget_fen = models.PositiveBigIntegerField(_("budget (fen)"), default=0)
    deliverables = models.TextField(_("deliverables"), blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.REGISTERED)
    registered_on = models.DateField(_("registered on"))
    # The volunteering task force a 三下乡 team serves as, so its members' hours reach the ledger.
    task_force = models.ForeignKey(
        "volunteering.TaskForce", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-registered_on", "-pk"]
        indexes = [models.Index(fields=["kind", "stage"])]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="project_dates")]

    def __str__(self):
        return self.title

    @property
    def budget_yuan(self) -> str:
        return f"{self.budget_fen // 100}.{self.budget_fen % 100:02d}"


class ProjectMember(models.Model):
    """A registered person on a project's team."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("project member")
        ordering = ["role", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="project_member_once")]

    def __str__(self):
        return f"{self.person} ({self.project})"


class ProjectStep(models.Model):
    """One step of a project's life (registered, running, closed): when, by whom, with what note."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("stage"), max_length=16, choices=Project.Stage.choices)
    on = models.DateField(_("date"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.project}: {self.stage} {self.on}"


class ProgressNote(models.Model):
    """A dated note of what a running project did."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self):
        return f"{self.project}: {self.written_on}"


class Call(TimeStampedModel):
    """A call for entries (评选表彰) run by an organization: who may enter, until when, how many per unit."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("organizer")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    title = models.CharField(_("title"), max_length=200)
    eligibility = models.TextField(_("eligibility"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("recommendations close on"))
    quota_per_organization = models.PositiveSmallIntegerField(_("recommendations per organization"), default=3)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="call_dates")]

    def __str__(self):
        return self.title


class AwardLevel(models.Model):
    """An award of a call with its cap as a share of the registered entries (e.g. excellent ≤ 20 %)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(_("award"), max_length=50)
    cap_percent = models.DecimalField(_("cap (% of entries)"), max_digits=5, decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "name"], name="award_level_once")]

    def __str__(self):
        return self.name


class Entry(models.Model):
    """A project recommended to a call by an organization."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="entries")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="entries")
    recommended_by = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("recommended by")
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["registered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "project"], name="entry_once")]

    def __str__(self):
        return self.project.title


class Round(models.Model):
    """A review round of a call: its weighted criteria, its judges, open until closed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Scoring")
        CLOSED = "closed", _("Closed")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("name"), max_length=100)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    """A scoring criterion of a round and its weight."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    max_value = models.PositiveSmallIntegerField(_("full marks"), default=100)

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive")]

    def __str__(self):
        return self.name


class JudgeAssignment(models.Model):
    """A judge asked to score one entry in a round (never one they have a conflict with)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["round", "judge", "entry"], name="assignment_once")]

    def __str__(self):
        return f"{self.round}: {self.judge} → {self.entry}"


class Score(models.Model):
    """One judge's mark for one entry on one criterion."""

    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["judge", "entry", "criterion"], name="score_once")]

    def __str__(self):
        return f"{self.judge} {self.entry} {self.criterion}: {self.value}"


class Notice(models.Model):
    """The public notice (公示) of a call's proposed awards: it runs `days` days from `starts_on`."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="notice")
    starts_on = models.DateField(_("notice starts on"))
    days = models.PositiveSmallIntegerField(_("days"), default=5)
    text = models.TextField(_("notice text"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(days__gte=1), name="notice_days_positive")]

    def __str__(self):
        return f"{self.call}: {self.starts_on}"

    @property
    def ends_on(self) -> datetime.date:
        """The notice's last day."""
        return self.starts_on + datetime.timedelta(days=self.days - 1)


class Objection(models.Model):
    """An objection received during the notice, and its answer."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="objections")
    text = models.TextField(_("objection"))
    received_on = models.DateField(_("received on"))
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"{self.notice}: {self.received_on}"


class Award(models.Model):
    """A numbered award given to an entry after the notice, with a public verification token."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="awards")
    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, related_name="award")
    level = models.ForeignKey(AwardLevel, on_delete=models.PROTECT, related_name="awards", verbose_name=_("award"))
    # The owner organization, copied for scoping and counting.
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("award number"), max_length=32, unique=True)
    granted_on = models.DateField(_("granted on"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=32, unique=True, editable=False)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["number"]

    def __str__(self):
        return self.number
