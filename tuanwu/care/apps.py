from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "tuanwu.care"
    label = "care"
    verbose_name = _("Care and assistance")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import VIEW_CARE
        from tuanwu.sheets.registry import ExportKind, register_export

        from .exports import care_record_export
        from .models import (
            AssistanceInput,
            AssistanceProject,
            AssistanceVisit,
            CareMeasure,
            CareRecord,
            WarmthCampaign,
            WarmthDelivery,
        )

        register_export(
            ExportKind(
                name="care_records",
                label=lambda: str(_("Care register")),
                run=care_record_export,
                permission=VIEW_CARE,
            )
        )
        for model in (
            CareRecord,
            CareMeasure,
            WarmthCampaign,
            WarmthDelivery,
            AssistanceProject,
            AssistanceVisit,
            AssistanceInput,
        ):
            auditlog.register(model)
