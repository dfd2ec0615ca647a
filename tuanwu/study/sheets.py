"""The columns of the provinces' 青年大学习 exports (FORMATS.md §2): their labels, and how a learner's own
cells are read (the number typed with the name, the study time as typed or as a real date)."""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.sheets import spec as s

KIND = "study"
# Column labels of the provinces' exports, the preferred first.
COLUMNS = {
    "number": ("学号/卡号/工号", "学号", "卡号", "工号", "姓名/学号", "学号/姓名", "学号姓名", "编号"),
    "name": ("姓名", "真实姓名", "用户名", "学员姓名"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "公民身份号码"),
    "unit": ("单位/班级/社区(村)", "单位/班级/社区", "团支部", "所在团支部", "所在组织", "班级", "单位", "组织"),
    "studied_at": ("学习时间", "时间", "完成时间"),
}
# The levels above the learner's unit, each its own column; read together as context for the unit.
UPPER_LEVELS = ("系统", "学校", "学院", "一级", "二级", "三级", "四级")
LEVEL = "level:"
DIGITS = re.compile(r"\d{4,}")


def as_typed(value):
    """The cell as the export holds it: the import normalizes each field in its own way."""
    return value


def study_spec() -> s.Spec:
    """An export's columns: none is required (the learner is found by number, ID number or name), and a layout
    naming a field twice is read from its preferred label."""
    columns = [s.Column(labels[0], key, labels[1:], parser=as_typed) for key, labels in COLUMNS.items()]
    columns += [s.Column(level, LEVEL + level, parser=as_typed, identifies=False) for level in UPPER_LEVELS]
    return s.Spec(title=str(_("Youth study")), columns=columns, first_label_wins=True)


def normalize(text) -> str:
    """Full-width to ASCII, spaces out: 单位/班级/社区（村） and 单位/班级/社区(村) read alike."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def split_number(text) -> tuple[str, str]:
    """学号/卡号/工号 cells are typed by the learner: "2021001张三", "张三2021001", "2021001" or "张三"."""
    text = normalize(text)
    digits = max(DIGITS.findall(text), key=len, default="")
    name = re.sub(r"[\d\W_a-zA-Z]+", "", text)
    return digits, name


def parse_time(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return timezone.make_aware(value) if timezone.is_naive(value) else value
    # Keep the space between date and time: without it "2024/5/1 19:05" would read as 2024-05-11 09:05.
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value or ""))).strip().replace("/", "-")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return timezone.make_aware(datetime.datetime.strptime(text, fmt))
        except ValueError:
            continue
    return None


def learner(values: dict, levels: list[str], number: int) -> dict | None:
    """One learner as the export lists them, or None for a footer or a blank line."""
    digits, name_in_number = split_number(values.get("number"))
    name = normalize(values.get("name")) or name_in_number
    id_number = normalize(values.get("id_number")).upper()
    if not (digits or name or id_number):
        return None
    return {
        "row": number,
        "digits": digits,
        "name": name[:50],
        "unit": normalize(values.get("unit"))[:300],
        "levels": " ".join(normalize(values.get(level)) for level in levels),
        "id_number": id_number,
        "studied_at": parse_time(values.get("studied_at")),
        "number": normalize(values.get("number"))[:64],
    }
