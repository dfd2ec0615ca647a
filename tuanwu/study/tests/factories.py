"""Builders for 青年大学习 tests: seasons and episodes made through the services, the province's Layout A export
(FORMATS.md §2.1: a title row, the header, the learners, a footer row; .xlsx or GBK .csv), and a grown cast
whose organizations have different member bases."""

from __future__ import annotations

import datetime

from tests.factories import member, org
from tests.sheet_files import csv_bytes, xlsx
from tuanwu.people.models import Person
from tuanwu.study import services
from tuanwu.study.models import Episode, Season

DAY1 = datetime.date(2024, 5, 6)
DAY2 = datetime.date(2024, 5, 13)
TITLE = "“青年大学习”2024年第12期学习情况"
HEADER = ["课程", "系统", "学校", "学院", "单位/班级/社区（村）", "学号/卡号/工号", "学习时间"]
FOOTER = "共 {n} 条记录　导出时间：2024-05-07 10:00"
COURSE = "2024年第12期"
LEVELS = ("共青团某省委", "青禾县委", "")
STUDIED_AT = datetime.datetime(2024, 5, 6, 20, 15)


def season(actor, *, code: str = "2024-S2", title: str = "2024年第二季", starts_on=DAY1) -> Season:
    return services.season_create(actor=actor, code=code, title=title, starts_on=starts_on)


def episode(actor, the_season: Season, released_on: datetime.date = DAY1, *, code: str | None = None) -> Episode:
    return services.episode_create(
        actor=actor,
        season=the_season,
        code=code or f"E{released_on:%Y%m%d}",
        title=f"青年大学习 {released_on:%Y-%m-%d}",
        released_on=released_on,
    )


def line(unit: str, number: str, studied_at=STUDIED_AT, *, levels=LEVELS, course: str = COURSE) -> list:
    """One learner of Layout A: unit is the 单位/班级/社区（村） cell, number the free-text 学号/卡号/工号 cell."""
    return [course, *levels, unit, number, studied_at]


def by_number(person: Person) -> list:
    """The learner typed number then name, as most do: "2021001张晓明"."""
    return line(person.organization.name, f"{person.staff_number}{person.name}")


def by_name(person: Person) -> list:
    """The learner typed only the name; the unit is the branch's exact name."""
    return line(person.organization.name, person.name)


def export(lines: list[list], *, fmt: str = "xlsx", title: str | None = TITLE, footer: bool = True):
    """(data, filename) of a Layout A export: a title row above the header and a footer row below the learners;
    .xlsx with real datetimes, or .csv in GBK with 学习时间 as yyyy/MM/dd HH:mm text."""
    rows = ([[title]] if title else []) + [HEADER] + [list(cells) for cells in lines]
    if footer:
        rows.append([FOOTER.format(n=len(lines))])
    if fmt == "xlsx":
        return xlsx(rows), "青年大学习第12期.xlsx"
    text = [[f"{c:%Y/%m/%d %H:%M}" if isinstance(c, datetime.datetime) else c for c in r] for r in rows]
    return csv_bytes(text, "gbk"), "青年大学习第12期.csv"


def run(actor, the_episode: Episode, lines: list[list], **kw):
    """Import lines into the episode as Layout A (.xlsx unless fmt says otherwise)."""
    fmt = kw.pop("fmt", "xlsx")
    data, filename = export(lines, fmt=fmt)
    return services.episode_import(actor=actor, episode=the_episode, data=data, filename=filename, **kw)


def numbered(person: Person, number: str) -> Person:
    """Give a person a student or staff number (学号/工号)."""
    Person.objects.filter(pk=person.pk).update(staff_number=number)
    person.refresh_from_db()
    return person


def grow(cast) -> None:
    """Two more branches under the town and two more pupils, so that every organization has its own base:

    东湖镇团委: 东湖村团支部 (张晓明, 李华; 陈静 a non-member youth), 西湾村团支部 (王芳),
                北岭村团支部 (孙悦, 钱进), 南山村团支部 (周一, 周二, 周三; 周四 joined on 2024-05-10);
    青禾一中团委: 2024级1班团支部 (赵磊, 吴桐, 郑爽).
    Every member gets a staff number; 陈静 has none (matched by name and organization)."""
    cast.branch3 = org(cast.town, "北岭村团支部", code="DH03")
    cast.branch4 = org(cast.town, "南山村团支部", code="DH04")
    for key, branch, name, kw in [
        ("sun", cast.branch3, "孙悦", {}),
        ("qian", cast.branch3, "钱进", {}),
        ("zhou1", cast.branch4, "周一", {}),
        ("zhou2", cast.branch4, "周二", {}),
        ("zhou3", cast.branch4, "周三", {}),
        ("zhou4", cast.branch4, "周四", {"joined": datetime.date(2024, 5, 10)}),
        ("wu", cast.school_branch, "吴桐", {"birth_date": datetime.date(2009, 6, 1)}),
        ("zheng", cast.school_branch, "郑爽", {"birth_date": datetime.date(2009, 7, 1)}),
    ]:
        cast.people[key] = member(branch, name, **kw)
    for i, key in enumerate(
        ["zhang", "li", "wang", "sun", "qian", "zhou1", "zhou2", "zhou3", "zhou4", "zhao", "wu", "zheng"], start=1
    ):
        numbered(cast.people[key], f"2021{i:03d}")


# Who studied in the two episodes of the grown cast (hand-computed rates in test_ranking.py).
EPISODE1 = ["zhang", "li", "youth", "wang", "sun", "qian", "zhou1", "zhao", "wu"]
EPISODE2 = ["zhang", "wang", "sun", "qian", "zhou1", "zhou2", "zhou4", "zhao", "wu", "zheng"]


def lines_for(cast, keys: list[str]) -> list[list]:
    return [by_name(cast.people[k]) if not cast.people[k].staff_number else by_number(cast.people[k]) for k in keys]
