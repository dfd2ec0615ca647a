from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "tuanwu.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import CHANGE_ORGANIZATION, VIEW_ORGANIZATION
        from tuanwu.audit.history import register_history
        from tuanwu.sheets.registry import ExportKind, ImportKind, register_export, register_import

        from .exports import organization_export
        from .imports import organization_import
        from .sheets import ORGANIZATION_EXAMPLE, organization_spec

        register_import(
            ImportKind(
                name="organizations",
                label=lambda: str(_("Organizations")),
                spec=organization_spec,
                example=ORGANIZATION_EXAMPLE,
                run=organization_import,
                permission=CHANGE_ORGANIZATION,
            )
        )
        register_export(
            ExportKind(
                name="organizations",
                label=lambda: str(_("Organizations")),
                run=organization_export,
                permission=VIEW_ORGANIZATION,
            )
        )

        from .models import Organization, Park
        from .services import EDITABLE_FIELDS

        auditlog.register(
            Organization,
            include_fields=[*EDITABLE_FIELDS, "parent", "status", "founded_on", "dissolved_on", "dissolution_reason"],
        )
        auditlog.register(Park, include_fields=["name"])
        register_history("organization", _("Organizations"), Organization, field="")
