from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdmissionConfig(AppConfig):
    name = "tuanwu.admission"
    label = "admission"
    verbose_name = _("Member development")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import AdmissionPolicy, Quota

        auditlog.register(AdmissionPolicy, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(Quota, exclude_fields=["created_at", "updated_at", "version"])
