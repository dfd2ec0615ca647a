from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdmissionConfig(AppConfig):
    name = "tuanwu.admission"
    label = "admission"
    verbose_name = _("Member development")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.people.services import register_join_rules

        from .models import AdmissionPolicy, Quota
        from .rules import join_checker

        # A member imported with their past join is flagged with the admission rules that join broke.
        register_join_rules("admission", join_checker)

        auditlog.register(AdmissionPolicy, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(Quota, exclude_fields=["created_at", "updated_at", "version"])
