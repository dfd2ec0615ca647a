"""Columns of the monthly figures import: one row per account and month, as a platform's back office reports it."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from tuanwu.sheets import spec as s

from .models import MediaAccount

_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")


def month(value) -> datetime.date:
    """A month: 2026-03, 2026年3月, 2026/3, or any date of it (the first day stands for the month)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = s.text(value)
    if m := _MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            return datetime.date(y, mo, 1)
    return s.date(text).replace(day=1)


def figures_spec() -> s.Spec:
    """The monthly figures import's columns (built per call so that help texts follow the active language)."""
    return s.Spec(
        title=_("Media account monthly figures"),
        columns=[
            s.Column(
                "平台",
                "platform",
                required=True,
                parser=s.choice(MediaAccount.Platform.choices, extra={"公众号": "wechat", "B站": "bilibili"}),
                choices=tuple(str(label) for _v, label in MediaAccount.Platform.choices),
                example="微信公众号",
            ),
            s.Column("账号名称", "name", aliases=("账号", "名称"), required=True, example="东湖村团支部"),
            s.Column("月份", "month", aliases=("统计月份",), required=True, parser=month, example="2026-03"),
            s.Column(
                "粉丝数", "followers", aliases=("关注数", "关注人数"), required=True, parser=s.integer, example="1200"
            ),
            s.Column("发文数", "posts", aliases=("发布数", "作品数"), required=True, parser=s.integer, example="8"),
            s.Column("阅读量", "reads", aliases=("阅读数", "播放量"), required=True, parser=s.integer, example="5400"),
        ],
    )


FIGURES_EXAMPLE: dict[str, str] = {}
