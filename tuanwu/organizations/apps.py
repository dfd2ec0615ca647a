from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "tuanwu.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Organization, Park

        auditlog.register(Organization, exclude_fields=["numchild", "updated_at", "version"])
        auditlog.register(Park)
