from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tuanwu.audit"
    label = "audit"
    verbose_name = _("History and access log")

    def ready(self):
        from tuanwu.accounts.roles import VIEW_ACCESS_LOG, VIEW_HISTORY
        from tuanwu.sheets.registry import ExportKind, register_export

        from .exports import access_log_export, history_export

        register_export(
            ExportKind(
                name="access-log", label=lambda: str(_("Access log")), run=access_log_export, permission=VIEW_ACCESS_LOG
            )
        )
        register_export(
            ExportKind(
                name="history", label=lambda: str(_("Change history")), run=history_export, permission=VIEW_HISTORY
            )
        )
