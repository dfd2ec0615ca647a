from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "tuanwu.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Organization, Park
        from .services import EDITABLE_FIELDS

        auditlog.register(
            Organization,
            include_fields=[*EDITABLE_FIELDS, "parent", "status", "dissolved_on", "dissolution_reason"],
        )
        auditlog.register(Park, include_fields=["name"])
