from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "tuanwu.voice"
    label = "voice"
    verbose_name = _("青年之声")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import VIEW_VOICE
        from tuanwu.sheets.registry import ExportKind, register_export

        from .exports import case_export

        register_export(
            ExportKind(
                name="voice-cases", label=lambda: str(_("青年之声 cases")), run=case_export, permission=VIEW_VOICE
            )
        )

        from .models import CalendarDay, Case, Expert, HolidayYear, RightsDepartment, Survey, VoicePolicy

        auditlog.register(HolidayYear, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(CalendarDay)
        auditlog.register(VoicePolicy, exclude_fields=["created_at", "updated_at", "version"])
        # The secret code's hash is not history anyone needs; contact data stays out of the change log.
        auditlog.register(
            Case, exclude_fields=["created_at", "updated_at", "version", "secret_hash", "contact_phone", "contact_name"]
        )
        auditlog.register(Expert, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(RightsDepartment, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(Survey, exclude_fields=["created_at", "updated_at", "version", "token"])
