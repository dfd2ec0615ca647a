"""Exporting a course's roster: one row per person with their mark at every session, the hours, whether the
attendance meets the course's rule and the completion recorded (by the rule or by decision, with the reason)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from tuanwu.core.downloads import dated_name
from tuanwu.core.params import parse_id
from tuanwu.sheets.writer import Writer

from ..models import Attendance, Enrollment
from ..selectors.courses import course_get, course_roster, course_sessions, rule_text


def course_roster_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The roster of the course named by params["course"] (one the actor may see) as .xlsx; no ID numbers."""
    pk = parse_id((params or {}).get("course"))
    try:
        course = course_get(actor, pk) if pk is not None else None
    except Http404:
        course = None
    if course is None:
        raise ValidationError(_("Choose a course you may see to export its roster."), code="COURSE_MISSING")
    sessions = list(course_sessions(course))
    marks = dict(Attendance.Status.choices)
    statuses = dict(Enrollment.Status.choices)
    headers = [
        "姓名",
        "所在组织",
        *[f"{m.held_on:%Y-%m-%d} {m.topic}" for m in sessions],
        "出席次数",
        "已办次数",
        "学时",
        "达到结业要求",
        "状态",
        "结业日期",
        "结业方式",
        "理由",
    ]
    lines = course_roster(course)

    def rows():
        for line in lines:
            e = line.enrollment
            how = ""
            if e.status == Enrollment.Status.COMPLETED:
                how = str(_("by decision")) if e.overridden else str(_("by the rule"))
            yield [
                line.person.name,
                line.person.organization.name,
                *[str(marks.get(m, "")) if m else "" for m in line.marks],
                line.progress.attended,
                line.progress.held,
                float(line.progress.hours),
                str(_("Yes")) if line.progress.meets_rule else str(_("No")),
                str(statuses.get(e.status, e.status)),
                e.completed_on or "",
                how,
                e.note,
            ]

    writer = Writer()
    title = str(_("Course roster"))
    count = writer.sheet(title, headers, rows())
    writer.sheet(str(_("Completion rule")), ["课程", "结业要求"], iter([[course.title, rule_text(course)]]))
    return writer.close(), dated_name(_("Course roster"), course.title), count
