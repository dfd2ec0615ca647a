from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "tuanwu.publicity"
    label = "publicity"
    verbose_name = _("Role models and media")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import MANAGE_PUBLICITY, VIEW_PUBLICITY
        from tuanwu.sheets.registry import ExportKind, ImportKind, register_export, register_import

        from .exports import media_accounts_export
        from .imports import figures_import
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
        from .sheets import FIGURES_EXAMPLE, figures_spec

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
        register_import(
            ImportKind(
                name="media-figures",
                label=lambda: str(_("Media account monthly figures")),
                spec=figures_spec,
                example=FIGURES_EXAMPLE,
                run=figures_import,
                permission=MANAGE_PUBLICITY,
            )
        )
