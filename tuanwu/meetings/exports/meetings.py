"""Exporting the meeting list: the page's own selector, filter and scope, one row per meeting with its attendance
counted."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from tuanwu.core.downloads import dated_name
from tuanwu.sheets.writer import Writer

from ..filters import MeetingFilter
from ..models import Attendance, Kind, Meeting
from ..selectors.meetings import meeting_list

CHUNK = 2000
# Chinese headers, as the meeting import reads them back (日期, 类别, 主题, …).
MEETING_EXPORT_HEADERS = (
    "日期",
    "开始时间",
    "结束时间",
    "类别",
    "主题",
    "组织单位",
    "地点",
    "主持人",
    "记录人",
    "活动标签",
    "应到人数",
    "实到人数",
    "缺席人数",
    "请假人数",
    "学时",
    "决议",
    "来源",
)


def meeting_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered meeting list as .xlsx (names of chair and recorder, counts of attendance; no ID numbers)."""
    bound = MeetingFilter({k: v for k, v in (params or {}).items() if v not in (None, "")})
    ids = bound.filter(meeting_list(actor)).values("pk")
    qs = (
        Meeting.objects.filter(pk__in=ids)
        .order_by("-held_on", "-starts_at", "-pk")
        .annotate(
            expected=Count("attendance", distinct=True),
            came=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT), distinct=True),
            away=Count("attendance", filter=Q(attendance__status=Attendance.Status.ABSENT), distinct=True),
            excused=Count("attendance", filter=Q(attendance__status=Attendance.Status.EXCUSED), distinct=True),
        )
        .select_related("organization", "party_branch", "chair", "recorder")
        .prefetch_related("campaigns")
    )
    total = qs.count()
    kinds = dict(Kind.choices)
    sources = dict(Meeting.Source.choices)

    def rows():
        for i, m in enumerate(qs.iterator(chunk_size=CHUNK)):
            yield [
                m.held_on,
                m.starts_at.strftime("%H:%M") if m.starts_at else "",
                m.ends_at.strftime("%H:%M") if m.ends_at else "",
                str(kinds.get(m.kind, m.kind)),
                m.topic,
                m.party_branch.name if m.party_branch else m.organization.full_name or m.organization.name,
                m.place,
                m.chair.name if m.chair else "",
                m.recorder.name if m.recorder else "",
                "、".join(c.name for c in m.campaigns.all()),
                m.expected,
                m.came,
                m.away,
                m.excused,
                float(m.hours),
                m.decisions,
                str(sources.get(m.source, m.source)),
            ]
            if progress and i % CHUNK == 0:
                progress(i, total)

    writer = Writer()
    count = writer.sheet(str(_("Meeting records")), list(MEETING_EXPORT_HEADERS), rows())
    return writer.close(), dated_name(_("Meeting records")), count
