from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    name = "tuanwu.coverage"
    label = "coverage"
    verbose_name = _("Two-new coverage")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import MANAGE_COVERAGE, VIEW_COVERAGE
        from tuanwu.audit.history import register_history
        from tuanwu.sheets.registry import ExportKind, ImportKind, register_export, register_import

        from .exports import directory_export
        from .imports import directory_import
        from .models import CoveragePolicy, Unit
        from .services import UNIT_FIELDS
        from .sheets import DIRECTORY_EXAMPLE, directory_spec

        register_import(
            ImportKind(
                name="directory",
                label=lambda: str(_("Two-new directory")),
                spec=directory_spec,
                example=DIRECTORY_EXAMPLE,
                run=directory_import,
                permission=MANAGE_COVERAGE,
            )
        )
        register_export(
            ExportKind(
                name="directory",
                label=lambda: str(_("Two-new directory")),
                run=directory_export,
                permission=VIEW_COVERAGE,
            )
        )
        auditlog.register(Unit, include_fields=[*UNIT_FIELDS, "township", "status", "covering_org", "league_org_form"])
        auditlog.register(CoveragePolicy)
        register_history("unit", _("Two-new directory"), Unit, field="township")
