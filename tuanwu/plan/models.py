"""The living work plan (工作要点): its areas and numbered tasks, the targets read from the text and confirmed by a
person, each bound to a metric computed from the records or given by hand, and the progress notes of the year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuanwu.core.models import TimeStampedModel

from .parser import QUALITATIVE


class WorkPlan(TimeStampedModel):
    """A county committee's plan for a year."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guiding paragraph"), blank=True)
    source_file = models.CharField(_("file"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="work_plan_one_per_year")]

    def __str__(self):
        return self.title


class PlanArea(models.Model):
    """One of the plan's areas (一、二、…)."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_area_number_once")]

    def __str__(self):
        return self.title


class PlanTask(TimeStampedModel):
    """A numbered task of the plan, with who owns it, when it runs and how it stands."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        AT_RISK = "at_risk", _("At risk")
        DONE = "done", _("Done")

    area = models.ForeignKey(PlanArea, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    owner = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner organization"),
    )
    owner_cadre = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner cadre"),
    )
    collaborators = models.CharField(_("collaborators"), max_length=300, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)

    class Meta:
        ordering = ["number"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return f"{self.number}. {self.title}"


class PlanTarget(TimeStampedModel):
    """A target of a task: the quantity, comparison, deadline and scope confirmed from the text, and the metric
    that measures it (or a value given by hand with its evidence)."""

    class Comparison(models.TextChoices):
        AT_LEAST = ">=", _("at least")
        MORE_THAN = ">", _("more than")
        AT_MOST = "<=", _("at most")
        LESS_THAN = "<", _("less than")
        BETWEEN = "between", _("between")

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="targets")
    text = models.TextField(_("sentence"))
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, null=True, blank=True)
    quantity_max = models.DecimalField(_("up to"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=16, blank=True)
    comparison = models.CharField(_("comparison"), max_length=8, choices=Comparison.choices, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    scope = models.CharField(_("scope"), max_length=50, blank=True)
    metric = models.CharField(_("measured by"), max_length=50, blank=True)
    manual_value = models.DecimalField(_("value given by hand"), max_digits=12, decimal_places=2, null=True, blank=True)
    manual_evidence = models.TextField(_("evidence"), blank=True)
    # The metric a person accepted for the target; an automatic binding only proposes `metric`, and the target
    # is scored (met, missed, …) only while `metric` is the one accepted.
    confirmed_metric = models.CharField(_("metric accepted"), max_length=50, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    confirmed_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return self.text[:60]

    @property
    def confirmed(self) -> bool:
        """A person accepted the metric that measures the target now."""
        return bool(self.metric) and self.confirmed_metric == self.metric

    @property
    def summary(self) -> str:
        """≥ 10 % · 社会领域 · 2020-12-31: the target in a few characters."""
        parts = []
        if self.quantity is None:
            found = QUALITATIVE.search(self.text)
            parts.append(found.group(0) if found else self.text[:30])
        else:
            q = f"{self.quantity.normalize():f}"
            if self.comparison == "between" and self.quantity_max is not None:
                parts.append(f"{q}–{self.quantity_max.normalize():f} {self.unit}".strip())
            else:
                sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}.get(self.comparison, "")
                parts.append(f"{sign} {q} {self.unit}".strip())
        if self.scope:
            parts.append(self.scope)
        if self.deadline:
            parts.append(self.deadline.isoformat())
        return " · ".join(parts)


class PlanPolicy(TimeStampedModel):
    """A county's numbers for reading its plan in a year: what "前列" (among the leaders) means for the
    province's 青年大学习 ranking, top N of M counties."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("county committee")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    study_top_n = models.PositiveSmallIntegerField(_('青年大学习: "among the leaders" means a rank up to'), default=10)
    study_of = models.PositiveSmallIntegerField(_("青年大学习: counties ranked in the province"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan policy")
        verbose_name_plural = _("plan policies")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="plan_policy_one_per_year")]

    def __str__(self):
        return f"{self.organization} {self.year}"


class ProgressNote(models.Model):
    """A quarter's progress on a task, with its evidence (a file, a link to a record in TuanWu or elsewhere)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="notes")
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    text = models.TextField(_("progress"))
    link = models.CharField(_("link to the records"), max_length=500, blank=True)
    evidence = models.FileField(_("evidence file"), upload_to="plan-evidence/%Y/", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["quarter", "at"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self):
        return f"{self.task} Q{self.quarter}"


class Milestone(TimeStampedModel):
    """A dated step of a task, worked backwards from its deadline (倒排工期), done on a date or not yet."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("step"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.task} · {self.title}"


# Badge colour of each task status (tuanwu.core.badges).
BADGES = {
    PlanTask.Status.NOT_STARTED: "light border",
    PlanTask.Status.IN_PROGRESS: "primary",
    PlanTask.Status.AT_RISK: "warning",
    PlanTask.Status.DONE: "success",
}
