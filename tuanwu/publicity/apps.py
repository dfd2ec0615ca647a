from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "tuanwu.publicity"
    label = "publicity"
    verbose_name = _("Role models and media")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import VIEW_PUBLICITY
        from tuanwu.sheets.registry import ExportKind, register_export

        from .exports import media_accounts_export
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
        register_export(
            ExportKind(
                name="media-accounts",
                label=lambda: str(_("Media accounts register")),
                run=media_accounts_export,
                permission=VIEW_PUBLICITY,
            )
        )
