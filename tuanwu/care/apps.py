from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "tuanwu.care"
    label = "care"
    verbose_name = _("Care and assistance")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.navigation import register_also_visible
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
        from .selectors import follows_open_record

        # A branch secretary following a record holds no VIEW_CARE: the register still shows their own records.
        register_also_visible("care:record_list", follows_open_record)
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
