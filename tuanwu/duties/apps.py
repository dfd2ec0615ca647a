from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutiesConfig(AppConfig):
    name = "tuanwu.duties"
    label = "duties"
    verbose_name = _("Duties of committee members and delegates")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import MANAGE_DUTIES, VIEW_DUTIES
        from tuanwu.sheets.registry import ExportKind, ImportKind, register_export, register_import

        from .exports import duties_export
        from .imports import mandate_import
        from .models import DutyRecord, Mandate, Term
        from .sheets import MANDATE_EXAMPLE, mandate_spec

        register_import(
            ImportKind(
                name="mandates",
                label=lambda: str(_("Mandates")),
                spec=mandate_spec,
                example=MANDATE_EXAMPLE,
                run=mandate_import,
                permission=MANAGE_DUTIES,
            )
        )
        register_export(
            ExportKind(
                name="duties",
                label=lambda: str(_("Duties of committee members and delegates")),
                run=duties_export,
                permission=VIEW_DUTIES,
            )
        )

        auditlog.register(Term)
        auditlog.register(Mandate)
        auditlog.register(DutyRecord)
