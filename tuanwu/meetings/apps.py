from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "tuanwu.meetings"
    label = "meetings"
    verbose_name = _("Organizational life")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import VIEW_MEETING
        from tuanwu.sheets.registry import ExportKind, register_export

        from .compliance_exports import grid_export, missed_export

        register_export(
            ExportKind(
                name="compliance-grid",
                label=lambda: str(_("Organizational life compliance")),
                run=grid_export,
                permission=VIEW_MEETING,
            )
        )
        register_export(
            ExportKind(
                name="compliance-missed",
                label=lambda: str(_("Missed meetings")),
                run=missed_export,
                permission=VIEW_MEETING,
            )
        )
        from .exports.meetings import meeting_export

        register_export(
            ExportKind(
                name="meetings",
                label=lambda: str(_("Meeting records")),
                run=meeting_export,
                permission=VIEW_MEETING,
            )
        )

        from tuanwu.accounts.roles import MANAGE_MEETING
        from tuanwu.sheets.registry import ImportKind, register_import

        from .imports import meeting_import
        from .sheets import MEETING_EXAMPLE, meeting_spec

        register_import(
            ImportKind(
                name="meetings",
                label=lambda: str(_("Meeting records")),
                spec=meeting_spec,
                example=MEETING_EXAMPLE,
                run=meeting_import,
                permission=MANAGE_MEETING,
            )
        )

        from .exports.courses import course_roster_export

        register_export(
            ExportKind(
                name="course-roster",
                label=lambda: str(_("Course roster")),
                run=course_roster_export,
                permission=VIEW_MEETING,
            )
        )

        from .models import (
            Attendance,
            BranchRating,
            Campaign,
            Course,
            Enrollment,
            LessonCredit,
            Meeting,
            MeetingPolicy,
            PartyMember,
            Rectification,
        )

        auditlog.register(Meeting, exclude_fields=["created_at", "updated_at", "version"], m2m_fields={"campaigns"})
        auditlog.register(Attendance)
        auditlog.register(Course, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(Enrollment, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(LessonCredit, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(Campaign, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(PartyMember, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(MeetingPolicy, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(BranchRating, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(Rectification, exclude_fields=["created_at", "updated_at", "version"])
