from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "tuanwu.publicity"
    label = "publicity"
    verbose_name = _("Role models and media")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import (
            AccountAdmin,
            Honour,
            MediaAccount,
            MediaPolicy,
            MonthlyFigure,
            Publicity,
            ReviewRecord,
            RoleModel,
        )

        exclude = ["created_at", "updated_at", "version"]
        for model in (
            RoleModel,
            Publicity,
            Honour,
            MediaPolicy,
            MediaAccount,
            AccountAdmin,
            ReviewRecord,
            MonthlyFigure,
        ):
            auditlog.register(model, exclude_fields=exclude)
