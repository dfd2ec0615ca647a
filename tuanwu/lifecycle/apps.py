from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "tuanwu.lifecycle"
    label = "lifecycle"
    verbose_name = _("Member lifecycle")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import DisciplineCase, DisciplineStep, LapseProposal

        auditlog.register(DisciplineCase, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(DisciplineStep)
        auditlog.register(LapseProposal, exclude_fields=["created_at", "updated_at", "version"])
