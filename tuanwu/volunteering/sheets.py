"""Columns of the volunteer-hour import and of the ledger and activity exports.

No national layout for hour files is public (FORMATS.md §3.2), so the import reads the columns such files
are likely to carry under their common names. 志愿者编号 (a volunteer's number on another platform) is not a
record key and is ignored; a record's own key (记录编号) keeps a second import of the same record out.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tuanwu.sheets import spec as s

from .models import Category

HOUR = Decimal("0.01")
HOURS_SUFFIX = re.compile(r"\s*(小时|小時|h|hrs?|hours?)$", re.IGNORECASE)

# The zvms (镇海中学) export/import layout, FORMATS.md §3.1: English headers, student numbers, no dates.
ZVMS_HEADERS = ("_id", "Name", "ID", "Group", "On Campus", "Off Campus", "Social Practice")

# Export-only headers, after the import's own columns.
ORGANIZATION_HEADER = "所在组织"
ORGANIZER_HEADER = "组织单位"
SOURCE_HEADER = "来源"
STATUS_HEADER = "状态"
REASON_HEADER = "更正原因"
CERTIFIED_AT_HEADER = "认证时间"


# The names other platforms and county notices give the categories (recognized whatever the language).
CATEGORY_ALIASES = {
    "疫情防控": Category.EPIDEMIC,
    "扶贫": Category.POVERTY,
    "脱贫攻坚": Category.POVERTY,
    "扶贫济困": Category.POVERTY,
    "生态环保": Category.ECOLOGY,
    "环境保护": Category.ECOLOGY,
    "社区服务": Category.COMMUNITY,
    "助学支教": Category.EDUCATION,
    "支教助学": Category.EDUCATION,
    "教育帮扶": Category.EDUCATION,
    "乡村振兴": Category.COUNTRYSIDE,
    "文明实践": Category.CIVILITY,
    "文明创建": Category.CIVILITY,
    "其他": Category.OTHER,
    "其它": Category.OTHER,
}


def hours(value) -> Decimal:
    """Hours as a decimal with two places: 2, 2.5, '2.5', '２.５', '2.5小时'."""
    if isinstance(value, bool):
        raise s.CellError("NOT_A_NUMBER", _("“%(value)s” is not a number of hours.") % {"value": value})
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(f"{value:.15g}")  # what Excel shows, not the binary fraction
    else:
        text = HOURS_SUFFIX.sub("", unicodedata.normalize("NFKC", str(value)).strip())
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise s.CellError(
                "NOT_A_NUMBER", _("“%(value)s” is not a number of hours.") % {"value": s.display(value)}
            ) from None
    # The ledger keeps hundredths, as the services do.
    return number.quantize(HOUR, rounding=ROUND_HALF_UP)


def service_date(value):
    """A day: a year and month alone (2024-05) is refused, as the day matters for duplicates and limits."""
    if not hasattr(value, "year"):
        text = s.text(value)
        if any(p.match(text) for p in s.MONTH_PATTERNS) and not any(p.match(text) for p in s.DATE_PATTERNS):
            raise s.CellError(
                "DATE_DAY_MISSING", _("“%(value)s” has no day; write the date as 2024-05-04.") % {"value": text}
            )
    return s.date(value)


def hour_spec() -> s.Spec:
    """The hour import's columns (built per call so that labels follow the active language)."""
    category = s.choice(Category.choices, extra=CATEGORY_ALIASES)
    return s.Spec(
        title=_("Volunteer hours"),
        columns=[
            s.Column(
                "姓名", "name", ("志愿者姓名",), required=True, help=_("As registered in TuanWu."), example="张晓明"
            ),
            s.Column(
                "身份证号码",
                "id_number",
                ("证件号码", "身份证号", "公民身份号码", "身份证"),
                required=True,
                parser=s.id_text,
                help=_("The volunteer must be registered in your organizations; format the column as text."),
                example="341122200405170016",
            ),
            s.Column(
                "服务日期",
                "service_date",
                ("活动日期", "日期"),
                required=True,
                parser=service_date,
                help=_("The day of service, not in the future: 2024-05-04."),
            ),
            s.Column(
                "服务时长（小时）",
                "hours",
                ("服务时长", "时长", "志愿时长", "小时数", "服务时长(小时)", "志愿时长（小时）"),
                required=True,
                parser=hours,
                help=_("More than 0 and at most the county's limit a day; 2.5 for two and a half hours."),
            ),
            s.Column(
                "活动名称",
                "content",
                ("服务内容", "项目名称"),
                required=True,
                help=_("What the volunteer did, as it will appear on certificates."),
            ),
            s.Column(
                "服务类别",
                "category",
                ("服务类型", "类别"),
                parser=category,
                choices=tuple(category.labels),
                help=_("Optional: “Other” when empty."),
            ),
            s.Column(
                "记录编号",
                "external_ref",
                ("记录ID", "记录id", "_id"),
                parser=s.id_text,
                help=_(
                    "Optional: the record's number in the system it comes from; a record already imported is "
                    "refused. Not the volunteer's number."
                ),
            ),
        ],
    )


HOUR_EXAMPLE = {
    "name": "张晓明",
    "id_number": "341122200405170016",
    "service_date": "2024-05-04",
    "hours": "2.5",
    "content": "东湖湿地垃圾清理",
    "category": "生态环保",
    "external_ref": "ZYH-2024-000123",
}


def entry_export_headers() -> list[str]:
    """The ledger export: the import's columns first (so the layout is familiar), then where it stands."""
    return [
        *(c.header for c in hour_spec().columns),
        ORGANIZATION_HEADER,
        ORGANIZER_HEADER,
        SOURCE_HEADER,
        STATUS_HEADER,
        CERTIFIED_AT_HEADER,
        REASON_HEADER,
    ]


# The ledger export's second sheet: one row per volunteer, eligible and recognized star levels apart.
STAR_EXPORT_HEADERS = (
    "姓名",
    "志愿者编号",
    "累计认证时长（小时）",
    "符合星级条件",
    "已认定星级",
    "认定单位",
    "认定日期",
)

ACTIVITY_EXPORT_HEADERS = (
    "活动名称",
    "组织单位",
    "服务类别",
    "地点",
    "开始时间",
    "结束时间",
    "招募人数",
    "已录用",
    "待审核",
    "状态",
)
