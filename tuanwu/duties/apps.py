from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutiesConfig(AppConfig):
    name = "tuanwu.duties"
    label = "duties"
    verbose_name = _("Duties of committee members and delegates")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import DutyRecord, Mandate, Term

        auditlog.register(Term)
        auditlog.register(Mandate)
        auditlog.register(DutyRecord)
