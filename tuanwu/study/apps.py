from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyConfig(AppConfig):
    name = "tuanwu.study"
    label = "study"
    verbose_name = _("Youth study")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.sheets.registry import register_delegated

        register_delegated("study", "study")

        from .models import Episode, Season

        auditlog.register(Season, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(Episode, exclude_fields=["created_at", "updated_at", "version"])
