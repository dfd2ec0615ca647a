"""Columns of the meeting import: one row per meeting of a term, as the branch's paper minutes book holds it."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tuanwu.sheets import spec as s

from .models import LEAGUE_KINDS, Kind

# Names in a cell are separated by 、 (also ，, comma, semicolon or a new line); a reason follows in brackets.
_SEPARATORS = "、，,；;\n"
_OPEN, _CLOSE = "（(", "）)"
_TIME = re.compile(r"^(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?::\d{2})?$")
_HOURS_SUFFIX = re.compile(r"\s*(学时|课时|小时|h)$", re.IGNORECASE)

# Other names the kinds go by in branches' own books.
KIND_ALIASES: dict[str, str] = {
    "支部大会": Kind.GENERAL_MEETING,
    "团员大会": Kind.GENERAL_MEETING,
    "支委会": Kind.COMMITTEE_MEETING,
    "团支部委员会": Kind.COMMITTEE_MEETING,
    "团小组会": Kind.GROUP_MEETING,
    "团小组会议": Kind.GROUP_MEETING,
    "团课": Kind.LESSON,
    "主题团日": Kind.THEME_DAY,
    "主题团日活动": Kind.THEME_DAY,
}


def clock(value) -> datetime.time:
    """A time of day: an Excel time, 19:30, 19：30, 19时30分, 19点."""
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time read as the fraction of a day
        minutes = round(value * 24 * 60)
        return datetime.time(minutes // 60 % 24, minutes % 60)
    text = s.text(value)
    if m := _TIME.match(text):
        hour, minute = int(m[1]), int(m[2] or 0)
        if hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    raise s.CellError("TIME_FORMAT", _("“%(value)s” is not a time of day; write it as 19:30.") % {"value": text})


def lesson_hours(value) -> Decimal:
    """Lesson hours with one decimal: 2, 1.5, '1.5学时'."""
    if isinstance(value, bool):
        raise s.CellError("NOT_A_NUMBER", _("“%(value)s” is not a number of hours.") % {"value": value})
    if isinstance(value, int | float):
        number: Decimal | None = Decimal(f"{value:.15g}")
    else:
        try:
            number = Decimal(_HOURS_SUFFIX.sub("", s.text(value)))
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite() or number < 0 or number != number.quantize(Decimal("0.1")):
        raise s.CellError(
            "NOT_A_NUMBER",
            _("“%(value)s” is not a number of hours (one decimal at most, e.g. 1.5).") % {"value": s.display(value)},
        )
    return number


def named_list(value) -> list[tuple[str, str]]:
    """People as a minutes book lists them: 李华（外出务工）、王芳（生病）; (name, reason) pairs, the reason ''
    when none is given. A separator inside the brackets belongs to the reason."""
    text = s.text(value)  # full-width brackets and commas become ASCII here
    items: list[str] = []
    current, depth = "", 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in _SEPARATORS and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    out: list[tuple[str, str]] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        m = re.match(r"^([^（(]+?)\s*[（(](.*)[）)]$", item)
        if m:
            out.append((m[1].strip(), m[2].strip()))
        elif any(c in item for c in _OPEN + _CLOSE):
            message = _("“%(value)s”: write each name with its reason as 李华（外出务工）, separated by 、.")
            raise s.CellError("NAMES_FORMAT", message % {"value": item})
        else:
            out.append((item, ""))
    return out


def tag_list(value) -> list[str]:
    """Campaign tags separated by 、 (or a comma)."""
    return [t.strip() for t in re.split(r"[、，,；;\n]", s.text(value)) if t.strip()]


def league_kinds() -> list[tuple[str, object]]:
    return [(k.value, k.label) for k in Kind if k in LEAGUE_KINDS]


def meeting_spec() -> s.Spec:
    """The meeting import's columns (built per call so that help texts follow the active language)."""
    kind = s.choice(league_kinds(), extra=KIND_ALIASES)
    return s.Spec(
        title=_("Meeting records"),
        columns=[
            s.Column(
                "组织编码",
                "code",
                ("组织代码", "团组织编码"),
                help=_("The organizer's code in TuanWu; give it or the organization's name."),
                example="DH01",
            ),
            s.Column(
                "组织名称",
                "organization",
                ("团组织名称", "所在组织", "团组织", "组织"),
                help=_("The organizer's full or short name, when no code is given."),
                example="东湖村团支部",
            ),
            s.Column(
                "会议类型",
                "kind",
                ("类型", "会议类别", "活动类型"),
                required=True,
                parser=kind,
                help=_("Choose from the list."),
                choices=tuple(kind.labels),
                dropdown=True,
                example="主题团日",
            ),
            s.Column(
                "日期",
                "held_on",
                ("会议日期", "时间", "会议时间", "活动日期"),
                required=True,
                parser=s.date,
                help=_("The day it took place, e.g. 2026-03-10."),
                example="2026-03-10",
            ),
            s.Column("开始时间", "starts_at", ("起始时间",), parser=clock, help=_("e.g. 19:30."), example="19:30"),
            s.Column("结束时间", "ends_at", ("截止时间",), parser=clock, help=_("e.g. 21:00."), example="21:00"),
            s.Column("地点", "place", ("会议地点", "活动地点"), example="村委会议室"),
            s.Column(
                "议题",
                "topic",
                ("会议主题", "主题", "会议议题", "活动主题"),
                required=True,
                help=_("The topic as the minutes book gives it."),
                example="学习团章",
            ),
            s.Column("主持人", "chair", (), help=_("A name on the organizer's roll."), example="李华"),
            s.Column("记录人", "recorder", (), help=_("A name on the organizer's roll."), example="张晓明"),
            s.Column(
                "专题活动",
                "campaigns",
                ("活动标签", "专题"),
                parser=tag_list,
                help=_("The county's campaign tags, separated by 、."),
                example="",
            ),
            s.Column(
                "学时",
                "hours",
                ("课时",),
                parser=lesson_hours,
                help=_("Lesson hours each person present earns (League lessons and course sessions only)."),
                example="",
            ),
            s.Column(
                "缺席人员",
                "absent",
                ("缺席人员（原因）", "缺席", "缺席人员及原因"),
                parser=named_list,
                help=_("Names with the reason in brackets, separated by 、: 李华（外出务工）、王芳（生病）."),
                example="王芳（外出务工）",
            ),
            s.Column(
                "请假人员",
                "excused",
                ("请假", "请假人员（原因）"),
                parser=named_list,
                help=_("Names (a reason in brackets may follow), separated by 、. Everyone else on the roll came."),
                example="",
            ),
            s.Column("列席人员", "guests", ("列席", "参会嘉宾"), example=""),
            s.Column("会议内容", "minutes", ("会议记录", "内容", "记录"), example="一、学习团章第一章"),
            s.Column("决议", "decisions", ("会议决议", "决议事项", "决定事项"), example=""),
        ],
    )


MEETING_EXAMPLE: dict[str, str] = {}
