from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "tuanwu.plan"
    label = "plan"
    verbose_name = _("Work plan")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import PlanPolicy, PlanTarget, PlanTask, WorkPlan

        auditlog.register(WorkPlan, include_fields=["title", "guidance"])
        auditlog.register(PlanTask, include_fields=["title", "owner", "owner_cadre", "starts_on", "due_on", "status"])
        auditlog.register(
            PlanTarget,
            include_fields=[
                "quantity",
                "quantity_max",
                "unit",
                "comparison",
                "deadline",
                "scope",
                "metric",
                "manual_value",
                "confirmed_metric",
                "confirmed_by",
            ],
        )
        auditlog.register(PlanPolicy, include_fields=["study_top_n", "study_of"])
