from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "tuanwu.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import MANAGE_VOLUNTEERING, VIEW_VOLUNTEERING
        from tuanwu.sheets.registry import ExportKind, ImportKind, register_export, register_import

        from .exports import activity_export, entry_export
        from .imports import hour_import
        from .sheets import HOUR_EXAMPLE, hour_spec

        register_import(
            ImportKind(
                name="volunteer-hours",
                label=lambda: str(_("Volunteer hours")),
                spec=hour_spec,
                example=HOUR_EXAMPLE,
                run=hour_import,
                permission=MANAGE_VOLUNTEERING,
            )
        )
        register_export(
            ExportKind(
                name="volunteer-hours",
                label=lambda: str(_("Volunteer hours")),
                run=entry_export,
                permission=VIEW_VOLUNTEERING,
            )
        )
        register_export(
            ExportKind(
                name="activities", label=lambda: str(_("Activities")), run=activity_export, permission=VIEW_VOLUNTEERING
            )
        )

        from .models import Activity, TaskForce, TaskForceMember, VolunteerPolicy

        auditlog.register(
            Activity,
            include_fields=[
                "organization",
                "title",
                "category",
                "place",
                "starts_at",
                "ends_at",
                "capacity",
                "open_to_all",
                "status",
            ],
        )
        auditlog.register(VolunteerPolicy, include_fields=["rounding_minutes", "rounding_mode", "max_hours_per_day"])
        auditlog.register(TaskForce, include_fields=["organization", "name", "field", "leader", "status"])
        auditlog.register(TaskForceMember, include_fields=["task_force", "person", "joined_on", "left_on"])
