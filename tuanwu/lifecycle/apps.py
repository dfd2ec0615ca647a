from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "tuanwu.lifecycle"
    label = "lifecycle"
    verbose_name = _("Member lifecycle")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Graduate, GraduatingClass, Transfer, TransferPolicy

        versioned = ["created_at", "updated_at", "version"]
        auditlog.register(Transfer, exclude_fields=versioned)
        auditlog.register(GraduatingClass, exclude_fields=versioned)
        auditlog.register(TransferPolicy, exclude_fields=versioned)
        auditlog.register(Graduate)
